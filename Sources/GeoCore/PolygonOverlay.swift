/// The part of each polygon inside and outside one covering geometry, for
/// many polygons at once, in parallel (one GEOS context per worker).
public enum PolygonOverlay {
    public struct Parts: Sendable {
        /// polygon ∩ cover (polygonal part only).
        public var inside: Geometry
        /// polygon − cover (polygonal part only).
        public var outside: Geometry

        public init(inside: Geometry, outside: Geometry) {
            self.inside = inside
            self.outside = outside
        }
    }

    public static func split(_ polygons: [Geometry], by cover: Geometry, workers: Int = defaultWorkerCount) throws -> [Parts] {
        let coverEnvelope = cover.envelope
        let chunks = try parallelChunks(count: polygons.count, workers: workers) { range in
            let engine = try GeometryEngine()
            let nativeCover = try engine.native(cover)
            let prepared = try engine.prepare(nativeCover)
            var out: [Parts] = []
            out.reserveCapacity(range.count)
            for i in range {
                let polygon = polygons[i]
                // Skip GEOS entirely where the envelopes do not even meet.
                guard let env = polygon.envelope, let coverEnvelope, env.intersects(coverEnvelope) else {
                    out.append(Parts(inside: .emptyPolygonal, outside: polygon))
                    continue
                }
                let native = try engine.native(polygon)
                if try !prepared.intersects(native) {
                    out.append(Parts(inside: .emptyPolygonal, outside: polygon))
                    continue
                }
                if try prepared.covers(native) {
                    out.append(Parts(inside: polygon, outside: .emptyPolygonal))
                    continue
                }
                var parts = Parts(inside: try engine.intersection(native, nativeCover).value().polygonalPart,
                                  outside: try engine.difference(native, nativeCover).value().polygonalPart)
                // Where nothing is left on one side, the other side is the polygon
                // itself, with its own vertices: noding by the overlay would add
                // vertices on long edges and so change the polygon's geodesic area.
                if parts.outside.isEmpty { parts.inside = polygon }
                if parts.inside.isEmpty { parts.outside = polygon }
                out.append(parts)
            }
            return out
        }
        return chunks.flatMap { $0 }
    }
}
