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
    /// footprints, one part of it spanning a whole town's surroundings) and
    /// the polygons many and small (communes, or 50,000 cells of a
    /// continent). Overlaying each polygon with the whole cover costs the
    /// whole cover per polygon, so the work grows with polygons × cover.
    /// Here the cover is cut once into small pieces (`CoverPieces`), indexed
    /// by an STRtree, and each polygon meets only the pieces whose envelope
    /// reaches its own: a polygon that meets none is all outside, one inside
    /// a single piece all inside, with no overlay; the others are overlaid
    /// with the cover within their envelope, made of the parts near them
    /// (whole where all their pieces are near, else their near pieces
    /// merged again). The work per polygon is then bounded by what lies near it,
    /// and grows linearly with the polygons; GEOS holds only one polygon's
    /// neighbourhood per worker at a time.
    ///
    /// The pieces' cuts add vertices on the cover's edges; areas measured
    /// with edges straight in longitude/latitude (`Geodesy`, RFC 7946) do
    /// not change when a vertex is inserted on an edge, so the areas are
    /// those of an overlay with the whole cover (to rounding, ~1e-12).
    /// Polygons are handed out to the workers one at a time, so a large
    /// polygon beside small ones does not leave a core idle.
    public static func split(_ polygons: [Geometry], by cover: Geometry, workers: Int = defaultWorkerCount) throws -> [Parts] {
        let pieces = try CoverPieces(cover, workers: workers)
        return try parallelMap(count: polygons.count, workers: workers, makeState: { () -> GeometryEngine? in
            // Made on first use: a worker that only meets polygons away from the cover needs no GEOS.
            nil
        }) { engine, i in
            let polygon = polygons[i]
            let outside = Parts(inside: .emptyPolygonal, outside: polygon)
            guard let envelope = polygon.envelope else { return outside }
            let near = pieces.index.query(envelope)
            if near.isEmpty { return outside }
            if engine == nil { engine = try GeometryEngine() }
            return try pieces.overlay(polygon, envelope: envelope, near: near, engine: engine!)
        }
    }
}

/// A cover cut into pieces of at most `maximumVertices` vertices, with an
/// STRtree over their envelopes.
///
/// A part of the cover with more vertices is bisected across the longer
/// side of its envelope, at the median of its vertices along that side,
/// until each piece is small enough. Both halves of one cut come from the
/// intersection and the difference of the part with the same half-plane
/// box: GEOS nodes the two inputs alike for both, so the halves share their
/// cut edge vertex for vertex. Pieces of one part therefore meet along
/// edges; pieces of different parts (parts of a union) never overlap.
struct CoverPieces: Sendable {
    static let maximumVertices = 256

    /// The cover's parts, whole.
    let parts: [Polygon]
    /// How many pieces each part was cut into (1: not cut).
    let pieceCount: [Int]
    let polygons: [Polygon]
    /// For each piece, the cover part it was cut from.
    let partOf: [Int]
    let envelopes: [Envelope?]
    let index: SpatialIndex

    init(_ cover: Geometry, workers: Int) throws {
        let parts = cover.polygons
        let large = parts.indices.filter { Self.vertexCount(parts[$0]) > Self.maximumVertices }
        let cut = try parallelMap(count: large.count, workers: workers, makeState: { try GeometryEngine() }) { engine, k in
            try Self.bisect(parts[large[k]], engine: engine)
        }
        var cutOf: [Int: [Polygon]] = [:]
        for (k, p) in large.enumerated() { cutOf[p] = cut[k] }
        var polygons: [Polygon] = [], partOf: [Int] = [], pieceCount: [Int] = []
        for (p, part) in parts.enumerated() {
            let pieces = cutOf[p] ?? [part]
            polygons += pieces
            partOf += Array(repeating: p, count: pieces.count)
            pieceCount.append(pieces.count)
        }
        self.parts = parts
        self.pieceCount = pieceCount
        self.polygons = polygons
        self.partOf = partOf
        envelopes = polygons.map { Geometry.polygon($0).envelope }
        index = SpatialIndex(envelopes: envelopes)
    }

    static func vertexCount(_ polygon: Polygon) -> Int {
        polygon.holes.reduce(polygon.exterior.count) { $0 + $1.count }
    }

    /// The pieces of one polygon, each of at most `maximumVertices` vertices
    /// unless a cut stops making it smaller.
    static func bisect(_ polygon: Polygon, engine: GeometryEngine) throws(GeoCoreError) -> [Polygon] {
        var pending = [polygon], done: [Polygon] = []
        while let piece = pending.popLast() {
            let count = vertexCount(piece)
            guard count > maximumVertices, let envelope = Geometry.polygon(piece).envelope else {
                done.append(piece)
                continue
            }
            let acrossX = envelope.width >= envelope.height
            var along: [Double] = []
            along.reserveCapacity(count)
            for ring in [piece.exterior] + piece.holes {
                for c in ring { along.append(acrossX ? c.x : c.y) }
            }
            along.sort()
            let cut = along[along.count / 2]
            let low = acrossX ? envelope.minX : envelope.minY, high = acrossX ? envelope.maxX : envelope.maxY
            guard low < cut, cut < high else {
                done.append(piece)
                continue
            }
            // A box holding the low side: it reaches past the envelope on its other three sides.
            let pad = max(envelope.width, envelope.height) + 1
            let box = acrossX
                ? Envelope(minX: envelope.minX - pad, minY: envelope.minY - pad, maxX: cut, maxY: envelope.maxY + pad)
                : Envelope(minX: envelope.minX - pad, minY: envelope.minY - pad, maxX: envelope.maxX + pad, maxY: cut)
            let native = try engine.native(.polygon(piece)), half = try engine.native(.polygon(box.polygon))
            let halves = try engine.intersection(native, half).value().polygons + engine.difference(native, half).value().polygons
            guard halves.count > 1, halves.allSatisfy({ vertexCount($0) < count }) else {
                done.append(piece)
                continue
            }
            pending += halves
        }
        return done
    }

    /// `polygon ∩ cover` and `polygon − cover`, given the pieces whose
    /// envelope meets the polygon's.
    func overlay(_ polygon: Geometry, envelope: Envelope, near: [Int], engine: GeometryEngine) throws(GeoCoreError) -> PolygonOverlay.Parts {
        let region = try engine.native(polygon)
        // Inside one piece: all covered.
        for k in near {
            guard let e = envelopes[k], e.contains(envelope) else { continue }
            if try engine.covers(try engine.native(.polygon(polygons[k])), region) {
                return PolygonOverlay.Parts(inside: polygon, outside: .emptyPolygonal)
            }
        }
        let local = try engine.native(.multiPolygon(try localCover(near, engine: engine)))
        guard try engine.intersects(local, region) else {
            return PolygonOverlay.Parts(inside: .emptyPolygonal, outside: polygon)
        }
        var parts = PolygonOverlay.Parts(inside: try engine.intersection(region, local).value().polygonalPart,
                                         outside: try engine.difference(region, local).value().polygonalPart)
        // Where nothing is left on one side, the other side is the polygon itself, with its own vertices.
        if parts.outside.isEmpty { parts.inside = polygon }
        if parts.inside.isEmpty { parts.outside = polygon }
        return parts
    }

    /// The cover within an envelope, from the pieces near it: a part all of
    /// whose pieces are near is taken whole, the near pieces of a part cut
    /// into more are merged again (their cut edges match vertex for vertex).
    /// Parts in the cover's order, so that the result is the same on every run.
    func localCover(_ near: [Int], engine: GeometryEngine) throws(GeoCoreError) -> [Polygon] {
        var nearOfPart: [Int: [Int]] = [:]
        for k in near { nearOfPart[partOf[k], default: []].append(k) }
        var result: [Polygon] = []
        for p in nearOfPart.keys.sorted() {
            let pieces = nearOfPart[p]!
            if pieces.count == pieceCount[p] {
                result.append(parts[p])
            } else if pieces.count == 1 {
                result.append(polygons[pieces[0]])
            } else {
                result += try engine.union(try engine.native(.multiPolygon(pieces.sorted().map { polygons[$0] }))).value().polygons
            }
        }
        return result
    }
}
