import Foundation
import GeoCore

/// Finds the points within a geodesic distance of a centre: an STR-tree over
/// the points, queried with a longitude/latitude box that surely contains
/// every point within the distance, then the exact geodesic distance
/// (`Geodesy.distanceMeters`, PROJ geod_inverse) on the candidates.
public struct GeodesicSearch: Sendable {
    public let points: [Coordinate]
    let index: SpatialIndex

    public init(points: [Coordinate]) {
        self.points = points
        index = SpatialIndex(envelopes: points.map { $0.isFinite ? Envelope($0) : nil })
    }

    /// Shortest length of one degree of latitude on WGS84 (at the equator):
    /// the meridian radius of curvature a(1 − e²) × π/180.
    static let minimumMetersPerDegreeLatitude: Double = {
        let f = Geodesy.wgs84Flattening
        let e2 = f * (2 - f)
        return Geodesy.wgs84SemiMajorAxis * (1 - e2) * Double.pi / 180
    }()

    /// A box around `center` containing every point within `meters` of it.
    /// Latitude: no geodesic of length d moves more than d / (the shortest
    /// degree of latitude). Longitude: along any path, a degree of longitude
    /// costs at least a·cos(φ)·π/180 metres (the prime vertical radius is ≥ a),
    /// φ the largest |latitude| the path can reach; a box reaching a pole
    /// spans every longitude. A relative margin of 1e-9 absorbs rounding.
    public static func envelope(around center: Coordinate, meters: Double) -> Envelope {
        envelope(around: Envelope(center), meters: meters)
    }

    /// A box around `box` containing every point within `meters` of a point
    /// of it (the same reasoning, from the box's largest |latitude|).
    public static func envelope(around box: Envelope, meters: Double) -> Envelope {
        let dLat = meters / minimumMetersPerDegreeLatitude * (1 + 1e-9)
        let maxLat = max(abs(box.minY), abs(box.maxY)) + dLat
        guard maxLat < 90 else {
            return Envelope(minX: -180, minY: max(-90, box.minY - dLat), maxX: 180, maxY: min(90, box.maxY + dLat))
        }
        let metersPerDegreeLongitude = Geodesy.wgs84SemiMajorAxis * Double.pi / 180 * cos(maxLat * Double.pi / 180)
        let dLon = meters / metersPerDegreeLongitude * (1 + 1e-9)
        return Envelope(minX: box.minX - dLon, minY: box.minY - dLat, maxX: box.maxX + dLon, maxY: box.maxY + dLat)
    }

    /// Indices of the points within `meters` (geodesic, boundary included)
    /// of `center`, ascending.
    public func within(_ meters: Double, of center: Coordinate) -> [Int] {
        var found: [Int] = []
        index.query(Self.envelope(around: center, meters: meters)) { i in
            if Geodesy.distanceMeters(center, points[i]) <= meters { found.append(i) }
        }
        return found.sorted()
    }
}
