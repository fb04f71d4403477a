/// Locates points among many polygons: an STR-tree over their envelopes,
/// then a `covers` test (boundary included) on the candidates.
///
/// Polygons and MultiPolygons are tested in Swift by `PointInAreaIndex`,
/// which gives GEOS's prepared-`covers` answer exactly (the same ray-crossing
/// count and orientation arithmetic) without a GEOS point per query; other
/// geometries go through GEOS prepared geometries, one engine per thread.
///
/// Immutable and `Sendable`: build it once, then query it from any number of
/// threads, through the batch methods (which split the points over workers)
/// or through one `Cursor` per thread (for points that arrive in a stream).
public struct PolygonLocator: Sendable {
    public let polygons: [Geometry]
    public let index: SpatialIndex
    let areas: PointInAreaIndex
    /// Geometries `areas` does not handle (left to GEOS); usually none.
    let needsGEOS: [Bool]
    let anyNeedsGEOS: Bool

    public init(polygons: [Geometry]) {
        self.polygons = polygons
        self.index = SpatialIndex(envelopes: polygons.map(\.envelope))
        self.areas = PointInAreaIndex(polygons)
        self.needsGEOS = polygons.map { !PointInAreaIndex.supports($0) && !$0.isEmpty }
        self.anyNeedsGEOS = needsGEOS.contains(true)
    }

    /// The per-thread side of a locator: query scratch space, and the GEOS
    /// engine and prepared geometries for the few geometries that need them,
    /// made on first use. Use one cursor on one thread at a time.
    public final class Cursor {
        let locator: PolygonLocator
        var stack = SpatialIndex.QueryStack()
        var candidates: [Int] = []
        var engine: GeometryEngine?
        var prepared: [Int: PreparedGeometry] = [:]

        init(_ locator: PolygonLocator) {
            self.locator = locator
        }

        @inline(__always)
        func covers(_ i: Int, _ c: Coordinate) throws -> Bool {
            if !locator.anyNeedsGEOS || !locator.needsGEOS[i] { return locator.areas.covers(i, c) }
            if let p = prepared[i] { return try p.covers(c) }
            if engine == nil { engine = try GeometryEngine() }
            let p = try engine!.prepare(locator.polygons[i])
            prepared[i] = p
            return try p.covers(c)
        }

        /// The index of the FIRST polygon (in input order) that covers the
        /// point, boundary included, or nil.
        public func firstCovering(_ c: Coordinate) throws -> Int? {
            candidates.removeAll(keepingCapacity: true)
            locator.index.items(containing: c, into: &candidates, stack: &stack)
            switch candidates.count {
            case 0: return nil
            case 1: return try covers(candidates[0], c) ? candidates[0] : nil
            default:
                candidates.sort()
                for k in candidates where try covers(k, c) { return k }
                return nil
            }
        }

        /// Whether any polygon covers the point, boundary included.
        public func anyCovers(_ c: Coordinate) throws -> Bool {
            try locator.index.firstItem(containing: c, stack: &stack) { k in try covers(k, c) }
        }
    }

    /// A cursor for queries from the current thread.
    public func cursor() -> Cursor { Cursor(self) }

    /// For each point, the index of the FIRST polygon (in input order) that
    /// covers it, or nil.
    public func firstCovering(_ points: [Coordinate], workers: Int = defaultWorkerCount) throws -> [Int?] {
        try perPoint(points, workers: workers) { cursor, c in try cursor.firstCovering(c) }
    }

    /// For each point, the index of the first polygon that covers it, or -1:
    /// `firstCovering` in a quarter of the memory, for many points.
    public func firstCoveringIndices(_ points: [Coordinate], workers: Int = defaultWorkerCount) throws -> [Int32] {
        try perPoint(points, workers: workers) { cursor, c in try cursor.firstCovering(c).map { Int32($0) } ?? -1 }
    }

    /// For each point, whether any polygon covers it.
    public func anyCovers(_ points: [Coordinate], workers: Int = defaultWorkerCount) throws -> [Bool] {
        try perPoint(points, workers: workers) { cursor, c in try cursor.anyCovers(c) }
    }

    private func perPoint<T: Sendable>(_ points: [Coordinate], workers: Int,
                                       _ body: @Sendable (Cursor, Coordinate) throws -> T) throws -> [T] {
        let chunks = try parallelChunks(count: points.count, workers: workers, minimumChunk: 4096) { range in
            let cursor = self.cursor()
            return try points.withUnsafeBufferPointer { points in
                var out: [T] = []
                out.reserveCapacity(range.count)
                for i in range { out.append(try body(cursor, points[i])) }
                return out
            }
        }
        if chunks.count == 1 { return chunks[0] }
        return Array(chunks.joined())
    }
}
