/// Locates points among many polygons: an STR-tree over their envelopes,
/// then prepared-geometry `covers` tests (boundary included) on candidates.
///
/// Immutable and `Sendable`; the GEOS side (engines, prepared geometries) is
/// created per worker thread inside each call.
public struct PolygonLocator: Sendable {
    public let polygons: [Geometry]
    public let index: SpatialIndex

    public init(polygons: [Geometry]) {
        self.polygons = polygons
        self.index = SpatialIndex(envelopes: polygons.map(\.envelope))
    }

    /// Per worker: an engine and the polygons it has prepared so far.
    final class Worker {
        let engine: GeometryEngine
        var prepared: [Int: PreparedGeometry] = [:]
        let polygons: [Geometry]

        init(polygons: [Geometry]) throws(GeoCoreError) {
            engine = try GeometryEngine()
            self.polygons = polygons
        }

        func covers(_ i: Int, _ c: Coordinate) throws(GeoCoreError) -> Bool {
            if let p = prepared[i] { return try p.covers(c) }
            let p = try engine.prepare(polygons[i])
            prepared[i] = p
            return try p.covers(c)
        }
    }

    /// For each point, the index of the FIRST polygon (in input order) that
    /// covers it, or nil.
    public func firstCovering(_ points: [Coordinate], workers: Int = defaultWorkerCount) throws -> [Int?] {
        let chunks = try parallelChunks(count: points.count, workers: workers, minimumChunk: 2048) { range in
            let worker = try Worker(polygons: polygons)
            var out: [Int?] = []
            out.reserveCapacity(range.count)
            var candidates: [Int] = []
            for i in range {
                let c = points[i]
                candidates.removeAll(keepingCapacity: true)
                if c.isFinite { index.query(Envelope(c)) { candidates.append($0) } }
                candidates.sort()
                var found: Int?
                for k in candidates where try worker.covers(k, c) {
                    found = k
                    break
                }
                out.append(found)
            }
            return out
        }
        return chunks.flatMap { $0 }
    }

    /// For each point, whether any polygon covers it.
    public func anyCovers(_ points: [Coordinate], workers: Int = defaultWorkerCount) throws -> [Bool] {
        try firstCovering(points, workers: workers).map { $0 != nil }
    }
}
