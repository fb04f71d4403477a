import Foundation
import GeoCore

/// The hexagons a shareable run counts needs and incidents in
/// (`--share-cells hex:SIZE`): a lattice of regular hexagons in the Lambert
/// azimuthal equal-area projection centred on the regions (the map's own,
/// `MapProjection`), so every cell covers the same ground, `areaKm2`.
/// SIZE is the flat-to-flat width of a hexagon, which is also the distance
/// between the centres of two neighbours; the edge is width/√3 and the area
/// √3/2 × width² (hex:10km: edge 5.77 km, 86.6 km²). Hexagons are pointy-top
/// (a vertex north and south), rows of centres `width × √3/2` apart, the
/// centre of hexagon (0, 0) at the projection's centre.
/// A point's hexagon is decided in the projected plane; the polygon
/// written is its six vertices taken back to longitude/latitude (edges
/// straight there, within centimetres of the projected edge at these sizes).
public struct HexagonCells: Sendable, Equatable {
    public var widthMeters: Double

    public init(widthMeters: Double) { self.widthMeters = widthMeters }

    public var edgeMeters: Double { widthMeters / 3.0.squareRoot() }
    public var areaKm2: Double { 3.0.squareRoot() / 2 * widthMeters * widthMeters / 1e6 }

    /// What `--share-cells` accepts: hexagons from 1 km (smaller ones come
    /// close to the points themselves) to 1000 km wide.
    public static let widthKm = InputBounds.Bound(name: "hexagon width", lower: 1.0, lowerOpen: false, upper: 1000, unit: "km")

    /// "hex:10km", as the option spells it.
    public var spelling: String { "hex:" + NumberText.plain(widthMeters / 1000) + "km" }

    /// Reads `hex:10km`, `hex:2.5km` or `hex:5000m`; the sentence says what is wrong.
    public static func parse(_ text: String) -> Result<HexagonCells, ParseProblem> {
        let lowered = text.lowercased().trimmingCharacters(in: .whitespaces)
        guard lowered.hasPrefix("hex:") else {
            return .failure(ParseProblem("'\(text)' is not a cell shape gapmap knows: give hex:SIZE, the flat-to-flat width of a hexagon, e.g. hex:10km (86.6 km² a cell) or hex:5000m."))
        }
        let size = lowered.dropFirst(4)
        let (number, factor): (Substring, Double) = size.hasSuffix("km") ? (size.dropLast(2), 1) : size.hasSuffix("m") ? (size.dropLast(1), 0.001) : (size, -1)
        guard factor > 0, let value = Double(number.trimmingCharacters(in: .whitespaces)), value.isFinite else {
            return .failure(ParseProblem("'\(text)': the size must be a number with its unit, km or m, e.g. hex:10km or hex:5000m."))
        }
        let km = value * factor
        guard widthKm.allows(km) else {
            return .failure(ParseProblem("'\(text)': a hexagon's width must be \(widthKm.range) (flat to flat); e.g. hex:10km."))
        }
        return .success(HexagonCells(widthMeters: km * 1000))
    }

    public struct ParseProblem: Error, Sendable, CustomStringConvertible {
        public var description: String
        init(_ description: String) { self.description = description }
    }

    /// A hexagon of the lattice, by its axial coordinates (column q along
    /// the rows, row r northwards).
    public struct Index: Hashable, Sendable, Comparable {
        public var q: Int, r: Int

        /// "r12q-3": the property `hex_id`.
        public var id: String { "r\(r)q\(q)" }

        public static func < (a: Index, b: Index) -> Bool { (a.r, a.q) < (b.r, b.q) }
    }

    /// The lattice on a projection: finds a point's hexagon and draws one.
    /// Holds PROJ objects: one per thread.
    public final class Lattice {
        public let cells: HexagonCells
        public let projection: MapProjection
        private let forward: Reprojector
        private let inverse: Reprojector

        public init(_ cells: HexagonCells, over extent: Envelope) throws {
            self.cells = cells
            projection = MapProjection(centeredOn: extent)
            forward = try Reprojector(sourceCRS: "EPSG:4326", targetCRS: projection.definition)
            inverse = try Reprojector(sourceCRS: projection.definition, targetCRS: "EPSG:4326")
        }

        /// The hexagon holding a point (lon/lat): the nearest centre in the
        /// projected plane (cube rounding of the axial coordinates).
        public func index(of c: Coordinate) throws -> Index {
            let p = try forward.transform(c)
            let w = cells.widthMeters
            let rf = p.y / (w * 3.0.squareRoot() / 2)
            let qf = p.x / w - rf / 2
            let sf = -qf - rf
            var q = qf.rounded(), r = rf.rounded()
            let s = sf.rounded()
            let dq = abs(q - qf), dr = abs(r - rf), ds = abs(s - sf)
            if dq > dr && dq > ds { q = -r - s } else if dr > ds { r = -q - s }
            return Index(q: Int(q), r: Int(r))
        }

        /// The centre of a hexagon in the projected plane, metres.
        func centre(_ h: Index) -> Coordinate {
            let w = cells.widthMeters
            return Coordinate(x: w * (Double(h.q) + Double(h.r) / 2), y: w * 3.0.squareRoot() / 2 * Double(h.r))
        }

        /// The hexagon as a polygon in lon/lat, counter-clockwise from its south vertex.
        public func polygon(_ h: Index) throws -> Polygon {
            let c = centre(h), e = cells.edgeMeters
            var ring: [Coordinate] = []
            for k in 0..<6 {
                let angle = (-90.0 + 60.0 * Double(k)) * .pi / 180
                ring.append(try inverse.transform(Coordinate(x: c.x + e * cos(angle), y: c.y + e * sin(angle))))
            }
            return Polygon(exterior: ring + [ring[0]])
        }
    }
}
