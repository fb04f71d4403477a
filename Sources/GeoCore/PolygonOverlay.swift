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

    /// `polygon ∩ cover` and `polygon − cover` for each polygon.
    ///
    /// A cover is typically one large geometry (the union of thousands of
    /// footprints, one part of it spanning most of a country) and the
    /// polygons small (communes). GEOS clips both operands of an overlay to
    /// the polygon's neighbourhood itself, but it does so by walking every
    /// ring of the whole cover, twice per polygon. Here the cover's parts are
    /// indexed once, and for each polygon only the cover near it is handed to
    /// GEOS (`LocalCover.near`), cut to a box wide enough that GEOS's own
    /// clipping keeps exactly what it keeps of the whole cover: the result is
    /// the same, several times faster. Polygons are handed out to the workers
    /// one at a time, so a large region beside small ones does not leave a
    /// core idle.
    public static func split(_ polygons: [Geometry], by cover: Geometry, workers: Int = defaultWorkerCount) throws -> [Parts] {
        let local = LocalCover(cover)
        return try parallelMap(count: polygons.count, workers: workers, makeState: { () -> Worker? in
            // Made on first use: a worker that only meets polygons away from the cover needs no GEOS.
            nil
        }) { worker, i in
            let polygon = polygons[i]
            // Skip GEOS entirely where the envelopes do not even meet.
            guard let envelope = polygon.envelope, let coverEnvelope = local.envelope, envelope.intersects(coverEnvelope) else {
                return Parts(inside: .emptyPolygonal, outside: polygon)
            }
            if worker == nil { worker = try Worker(cover: cover) }
            let engine = worker!.engine, prepared = worker!.prepared
            let native = try engine.native(polygon)
            if try !prepared.intersects(native) {
                return Parts(inside: .emptyPolygonal, outside: polygon)
            }
            if try prepared.covers(native) {
                return Parts(inside: polygon, outside: .emptyPolygonal)
            }
            let nearby = try local.near(envelope, engine: engine) ?? worker!.nativeCover
            var parts = Parts(inside: try engine.intersection(native, nearby).value().polygonalPart,
                              outside: try engine.difference(native, nearby).value().polygonalPart)
            // Where nothing is left on one side, the other side is the polygon
            // itself, with its own vertices: noding by the overlay would add
            // vertices on long edges and so change the polygon's geodesic area.
            if parts.outside.isEmpty { parts.inside = polygon }
            if parts.inside.isEmpty { parts.outside = polygon }
            return parts
        }
    }

    /// A worker's GEOS side: its engine and the whole cover, prepared for the
    /// `intersects` and `covers` tests.
    final class Worker {
        let engine: GeometryEngine
        let nativeCover: NativeGeometry
        let prepared: PreparedGeometry

        init(cover: Geometry) throws {
            engine = try GeometryEngine()
            nativeCover = try engine.native(cover)
            prepared = try engine.prepare(nativeCover)
        }
    }
}

/// The parts of a cover with an index over their envelopes, to hand GEOS only
/// the cover near one polygon.
struct LocalCover: Sendable {
    let parts: [Polygon]
    let partEnvelopes: [Envelope?]
    /// Per part, the largest width or height of one of its segments.
    let longestSegment: [Double]
    let index: SpatialIndex
    let envelope: Envelope?

    init(_ cover: Geometry) {
        parts = cover.polygons
        partEnvelopes = parts.map { Geometry.polygon($0).envelope }
        longestSegment = parts.map { polygon in
            var longest = 0.0
            for ring in [polygon.exterior] + polygon.holes where ring.count > 1 {
                for k in 1..<ring.count {
                    longest = max(longest, abs(ring[k].x - ring[k - 1].x), abs(ring[k].y - ring[k - 1].y))
                }
            }
            return longest
        }
        index = SpatialIndex(envelopes: partEnvelopes)
        envelope = cover.envelope
    }

    /// The cover near a polygon whose envelope is `envelope`, such that GEOS
    /// overlays the polygon with it exactly as with the whole cover: the parts
    /// that reach a box around the envelope, those that stick out of the box
    /// cut to it with one GEOS intersection (a valid result). Nil when the
    /// box would have to grow too far (use the whole cover then).
    ///
    /// Why the result is the same: GEOS (OverlayNG, floating precision) works
    /// within the polygon's envelope widened by a tenth of its smaller side,
    /// taking in whole every segment that reaches into it, and cuts the rest
    /// away. The box here is wider than that by more than the longest segment
    /// of any part it cuts, so every segment GEOS uses is handed over
    /// unchanged, and what the cut adds lies where GEOS cuts it away again.
    /// (GEOS would reach the same cover by walking all of it, for each of the
    /// two overlays of each polygon.)
    func near(_ envelope: Envelope, engine: GeometryEngine) throws(GeoCoreError) -> NativeGeometry? {
        let size = max(envelope.width, envelope.height)
        var margin = max(0.25 * size, 1e-6)
        for _ in 0..<6 {
            let box = Envelope(minX: envelope.minX - margin, minY: envelope.minY - margin,
                               maxX: envelope.maxX + margin, maxY: envelope.maxY + margin)
            var inside: [Int] = [], crossing: [Int] = []
            for k in index.query(box) {
                guard let e = partEnvelopes[k] else { continue }
                if box.minX <= e.minX, box.minY <= e.minY, e.maxX <= box.maxX, e.maxY <= box.maxY {
                    inside.append(k)
                } else {
                    crossing.append(k)
                }
            }
            let needed = 0.2 * size + 2 * (crossing.map { longestSegment[$0] }.max() ?? 0) + 1e-9
            guard margin >= needed else {
                margin = needed
                continue
            }
            let kept = inside.map { parts[$0] }
            if crossing.isEmpty { return try engine.native(.multiPolygon(kept)) }
            let boxPolygon = Geometry.polygon(Polygon(exterior: [
                Coordinate(x: box.minX, y: box.minY), Coordinate(x: box.maxX, y: box.minY), Coordinate(x: box.maxX, y: box.maxY),
                Coordinate(x: box.minX, y: box.maxY), Coordinate(x: box.minX, y: box.minY),
            ]))
            let cut = try engine.intersection(try engine.native(.multiPolygon(crossing.map { parts[$0] })), try engine.native(boxPolygon))
            return try engine.native(.multiPolygon(kept + (try cut.value()).polygons))
        }
        return nil
    }
}
