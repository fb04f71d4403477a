/// A position in a two-dimensional coordinate reference system.
///
/// In gapmap's inputs and outputs this is WGS84 (EPSG:4326): `x` is the
/// longitude and `y` the latitude, in degrees.
public struct Coordinate: Hashable, Sendable {
    public var x: Double
    public var y: Double

    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }

    /// WGS84 longitude/latitude, named for readability at call sites.
    public init(lon: Double, lat: Double) {
        self.init(x: lon, y: lat)
    }

    public var isFinite: Bool { x.isFinite && y.isFinite }
}

/// A polygon: one closed exterior ring and any number of closed holes.
///
/// Rings are stored closed (first coordinate repeated at the end) in whatever
/// orientation they were built; writers that care (RFC 7946) reorient.
public struct Polygon: Hashable, Sendable {
    public var exterior: [Coordinate]
    public var holes: [[Coordinate]]

    public init(exterior: [Coordinate], holes: [[Coordinate]] = []) {
        self.exterior = exterior
        self.holes = holes
    }

    public var isEmpty: Bool { exterior.isEmpty }

    /// The same polygon with the exterior ring counter-clockwise and holes
    /// clockwise (the right-hand rule of RFC 7946), judged by the signed
    /// planar area of each ring in its own coordinates.
    public func orientedRightHand() -> Polygon {
        func oriented(_ ring: [Coordinate], counterClockwise: Bool) -> [Coordinate] {
            let isCCW = Ring.signedPlanarArea(ring) > 0
            return isCCW == counterClockwise ? ring : ring.reversed()
        }
        return Polygon(
            exterior: oriented(exterior, counterClockwise: true),
            holes: holes.map { oriented($0, counterClockwise: false) })
    }
}

/// Helpers on closed rings of coordinates.
public enum Ring {
    /// Shoelace area in the ring's own units (positive when counter-clockwise).
    /// Used only to judge orientation, never as a measure of land area.
    public static func signedPlanarArea(_ ring: [Coordinate]) -> Double {
        guard ring.count >= 3 else { return 0 }
        var sum = 0.0
        // Translate to the first vertex so large coordinates keep their precision.
        let origin = ring[0]
        for i in 0..<(ring.count - 1) {
            let a = ring[i], b = ring[i + 1]
            sum += (a.x - origin.x) * (b.y - origin.y) - (b.x - origin.x) * (a.y - origin.y)
        }
        return sum / 2
    }

    /// The ring closed: its first coordinate repeated at the end if it was not.
    public static func closed(_ ring: [Coordinate]) -> [Coordinate] {
        guard let first = ring.first, let last = ring.last, first != last else { return ring }
        return ring + [first]
    }
}

/// A geometry value: plain Swift data, `Sendable`, free of any GEOS or PROJ
/// handle, so it can cross threads and be stored or compared freely.
public indirect enum Geometry: Hashable, Sendable {
    case point(Coordinate)
    case multiPoint([Coordinate])
    case lineString([Coordinate])
    case multiLineString([[Coordinate]])
    case polygon(Polygon)
    case multiPolygon([Polygon])
    case collection([Geometry])

    /// An empty areal geometry (what an intersection that misses returns).
    public static let emptyPolygonal: Geometry = .multiPolygon([])

    public var typeName: String {
        switch self {
        case .point: "Point"
        case .multiPoint: "MultiPoint"
        case .lineString: "LineString"
        case .multiLineString: "MultiLineString"
        case .polygon: "Polygon"
        case .multiPolygon: "MultiPolygon"
        case .collection: "GeometryCollection"
        }
    }

    public var isEmpty: Bool {
        switch self {
        case .point(let c): return !c.x.isFinite && !c.y.isFinite
        case .multiPoint(let cs), .lineString(let cs): return cs.isEmpty
        case .multiLineString(let ls): return ls.allSatisfy(\.isEmpty)
        case .polygon(let p): return p.isEmpty
        case .multiPolygon(let ps): return ps.allSatisfy(\.isEmpty)
        case .collection(let gs): return gs.allSatisfy(\.isEmpty)
        }
    }

    /// True for Polygon and MultiPolygon (and collections made only of them).
    public var isPolygonal: Bool {
        switch self {
        case .polygon, .multiPolygon: true
        case .collection(let gs): !gs.isEmpty && gs.allSatisfy(\.isPolygonal)
        default: false
        }
    }

    /// Every polygon in the geometry, in order; lines and points are left out.
    public var polygons: [Polygon] {
        switch self {
        case .polygon(let p): p.isEmpty ? [] : [p]
        case .multiPolygon(let ps): ps.filter { !$0.isEmpty }
        case .collection(let gs): gs.flatMap(\.polygons)
        default: []
        }
    }

    /// The polygonal part of the geometry as a Polygon or MultiPolygon.
    public var polygonalPart: Geometry {
        let ps = polygons
        return ps.count == 1 ? .polygon(ps[0]) : .multiPolygon(ps)
    }

    /// Number of coordinates, counting closing ones.
    public var coordinateCount: Int {
        switch self {
        case .point: 1
        case .multiPoint(let cs), .lineString(let cs): cs.count
        case .multiLineString(let ls): ls.reduce(0) { $0 + $1.count }
        case .polygon(let p): p.exterior.count + p.holes.reduce(0) { $0 + $1.count }
        case .multiPolygon(let ps):
            ps.reduce(0) { $0 + Geometry.polygon($1).coordinateCount }
        case .collection(let gs): gs.reduce(0) { $0 + $1.coordinateCount }
        }
    }

    /// Calls `body` with every coordinate of the geometry.
    public func forEachCoordinate(_ body: (Coordinate) throws -> Void) rethrows {
        switch self {
        case .point(let c): try body(c)
        case .multiPoint(let cs), .lineString(let cs): try cs.forEach(body)
        case .multiLineString(let ls): for l in ls { try l.forEach(body) }
        case .polygon(let p):
            try p.exterior.forEach(body)
            for h in p.holes { try h.forEach(body) }
        case .multiPolygon(let ps):
            for p in ps { try Geometry.polygon(p).forEachCoordinate(body) }
        case .collection(let gs): for g in gs { try g.forEachCoordinate(body) }
        }
    }

    /// The same geometry with every coordinate passed through `transform`.
    public func mapCoordinates(_ transform: (Coordinate) throws -> Coordinate) rethrows -> Geometry {
        func ring(_ r: [Coordinate]) throws -> [Coordinate] { try r.map(transform) }
        func poly(_ p: Polygon) throws -> Polygon {
            Polygon(exterior: try ring(p.exterior), holes: try p.holes.map(ring))
        }
        switch self {
        case .point(let c): return .point(try transform(c))
        case .multiPoint(let cs): return .multiPoint(try ring(cs))
        case .lineString(let cs): return .lineString(try ring(cs))
        case .multiLineString(let ls): return .multiLineString(try ls.map(ring))
        case .polygon(let p): return .polygon(try poly(p))
        case .multiPolygon(let ps): return .multiPolygon(try ps.map(poly))
        case .collection(let gs): return .collection(try gs.map { try $0.mapCoordinates(transform) })
        }
    }

    /// The bounding box, or nil for an empty geometry.
    public var envelope: Envelope? {
        var env: Envelope?
        forEachCoordinate { c in
            guard c.isFinite else { return }
            if env == nil { env = Envelope(c) } else { env!.expand(toInclude: c) }
        }
        return env
    }

    /// Polygons with exterior rings counter-clockwise and holes clockwise.
    public func orientedRightHand() -> Geometry {
        switch self {
        case .polygon(let p): .polygon(p.orientedRightHand())
        case .multiPolygon(let ps): .multiPolygon(ps.map { $0.orientedRightHand() })
        case .collection(let gs): .collection(gs.map { $0.orientedRightHand() })
        default: self
        }
    }
}

/// An axis-aligned bounding box.
public struct Envelope: Hashable, Sendable {
    public var minX: Double
    public var minY: Double
    public var maxX: Double
    public var maxY: Double

    public init(minX: Double, minY: Double, maxX: Double, maxY: Double) {
        self.minX = minX
        self.minY = minY
        self.maxX = maxX
        self.maxY = maxY
    }

    public init(_ c: Coordinate) {
        self.init(minX: c.x, minY: c.y, maxX: c.x, maxY: c.y)
    }

    public mutating func expand(toInclude c: Coordinate) {
        minX = Swift.min(minX, c.x)
        minY = Swift.min(minY, c.y)
        maxX = Swift.max(maxX, c.x)
        maxY = Swift.max(maxY, c.y)
    }

    public mutating func expand(toInclude e: Envelope) {
        minX = Swift.min(minX, e.minX)
        minY = Swift.min(minY, e.minY)
        maxX = Swift.max(maxX, e.maxX)
        maxY = Swift.max(maxY, e.maxY)
    }

    public func union(_ e: Envelope) -> Envelope {
        var copy = self
        copy.expand(toInclude: e)
        return copy
    }

    public func intersects(_ e: Envelope) -> Bool {
        minX <= e.maxX && e.minX <= maxX && minY <= e.maxY && e.minY <= maxY
    }

    public func contains(_ c: Coordinate) -> Bool {
        c.x >= minX && c.x <= maxX && c.y >= minY && c.y <= maxY
    }

    /// True when `e` lies within this envelope (boundary included).
    public func contains(_ e: Envelope) -> Bool {
        minX <= e.minX && minY <= e.minY && e.maxX <= maxX && e.maxY <= maxY
    }

    /// The envelope as a polygon, its ring counter-clockwise.
    public var polygon: Polygon {
        Polygon(exterior: [
            Coordinate(x: minX, y: minY), Coordinate(x: maxX, y: minY), Coordinate(x: maxX, y: maxY),
            Coordinate(x: minX, y: maxY), Coordinate(x: minX, y: minY),
        ])
    }

    public var center: Coordinate { Coordinate(x: (minX + maxX) / 2, y: (minY + maxY) / 2) }
    public var width: Double { maxX - minX }
    public var height: Double { maxY - minY }
}
