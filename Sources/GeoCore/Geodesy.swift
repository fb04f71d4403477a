internal import CPROJ
import Foundation

/// Measurements on the WGS84 ellipsoid. Distances and disc vertices with
/// PROJ's geodesic routines (Karney's algorithms, `geod_*`), in metres;
/// areas of polygons whose edges are straight in lon/lat, in m².
public enum Geodesy {
    /// WGS84 semi-major axis in metres.
    public static let wgs84SemiMajorAxis = 6_378_137.0
    /// WGS84 flattening.
    public static let wgs84Flattening = 1 / 298.257223563

    /// Initialised once; `geod_geodesic` is read-only after `geod_init`.
    private static let wgs84: geod_geodesic = {
        var g = geod_geodesic()
        geod_init(&g, wgs84SemiMajorAxis, wgs84Flattening)
        return g
    }()

    /// The point reached from `origin` after `distanceMeters` along the
    /// geodesic leaving at `azimuthDegrees` (clockwise from north).
    public static func destination(from origin: Coordinate, azimuthDegrees: Double, distanceMeters: Double) -> Coordinate {
        var g = wgs84
        var lat2 = 0.0, lon2 = 0.0
        geod_direct(&g, origin.y, origin.x, azimuthDegrees, distanceMeters, &lat2, &lon2, nil)
        return Coordinate(x: lon2, y: lat2)
    }

    /// Geodesic distance in metres between two lon/lat points.
    public static func distanceMeters(_ a: Coordinate, _ b: Coordinate) -> Double {
        var g = wgs84
        var s12 = 0.0, azi1 = 0.0, azi2 = 0.0
        geod_inverse(&g, a.y, a.x, b.y, b.x, &s12, &azi1, &azi2)
        return s12
    }

    /// The geodesic disc of radius `radiusMeters` around `center`: a polygon
    /// whose `segments` vertices are the geodesic destinations at azimuths
    /// 0, 360/N, 2·360/N, … degrees (clockwise from north), ring closed.
    public static func disc(center: Coordinate, radiusMeters: Double, segments: Int) -> Polygon {
        precondition(segments >= 3, "a disc needs at least 3 segments")
        var ring: [Coordinate] = []
        ring.reserveCapacity(segments + 1)
        let step = 360.0 / Double(segments)
        for i in 0..<segments {
            ring.append(destination(from: center, azimuthDegrees: Double(i) * step, distanceMeters: radiusMeters))
        }
        ring.append(ring[0])
        return Polygon(exterior: ring)
    }

    /// Where a geodesic disc stops being a polygon in longitude/latitude.
    public enum DiscLimit: Equatable, Sendable {
        /// The disc reaches (or encloses) a pole.
        case pole(north: Bool)
        /// The disc reaches the meridian at ±180°.
        case antimeridian
    }

    /// Why the geodesic disc of `radiusMeters` around `center` cannot be a
    /// polygon whose edges are straight in longitude/latitude (`disc`), or
    /// nil when it can: it must not reach a pole (the geodesic distance to
    /// the nearer pole, along the centre's meridian, must exceed the radius)
    /// nor the antimeridian (no point of its boundary, sampled every
    /// degree of azimuth, may lie on the far side of ±180°, which shows as a
    /// jump of more than 180° in longitude between neighbours).
    public static func discLimit(center: Coordinate, radiusMeters: Double) -> DiscLimit? {
        let north = center.y >= 0
        let pole = Coordinate(x: center.x, y: north ? 90 : -90)
        if distanceMeters(center, pole) <= radiusMeters { return .pole(north: north) }
        // Most discs are far from ±180°: a conservative bound on the
        // disc's half-width in longitude (on the smallest radius of
        // curvature, at its most poleward latitude) spares the sampling.
        let minimumRadius = 6_335_000.0
        let poleward = min(abs(center.y) + (radiusMeters / minimumRadius) * 180 / .pi, 89.999)
        let halfWidth = (radiusMeters / (minimumRadius * cos(poleward * .pi / 180))) * 180 / .pi * 1.01
        if halfWidth < 180 - abs(center.x) { return nil }
        var previous = destination(from: center, azimuthDegrees: 0, distanceMeters: radiusMeters)
        for degree in 1...360 {
            let next = destination(from: center, azimuthDegrees: Double(degree), distanceMeters: radiusMeters)
            if abs(next.x - previous.x) > 180 || abs(next.x) == 180 { return .antimeridian }
            previous = next
        }
        return nil
    }

    /// Unsigned area in m² on the WGS84 ellipsoid of the region a lon/lat
    /// ring encloses, its edges straight lines in longitude/latitude (RFC 7946
    /// §3.1.1; see `LonLatPolygonArea`). Inserting a vertex on an edge does
    /// not change it, so the parts of an overlay add up to the whole.
    public static func ringAreaSquareMeters(_ ring: [Coordinate]) -> Double {
        abs(LonLatPolygonArea.signedRingArea(ring))
    }

    /// Area of a polygon in m² (`ringAreaSquareMeters`): exterior minus holes,
    /// whatever the rings' orientation.
    public static func areaSquareMeters(_ polygon: Polygon) -> Double {
        var sum = CompensatedSum()
        sum.add(ringAreaSquareMeters(polygon.exterior))
        for hole in polygon.holes { sum.add(-ringAreaSquareMeters(hole)) }
        return sum.value
    }

    /// Area in m² of the polygonal parts of any geometry (points and lines
    /// have none). Parts are assumed not to overlap, as in a valid
    /// MultiPolygon.
    public static func areaSquareMeters(_ geometry: Geometry) -> Double {
        var sum = CompensatedSum()
        for polygon in geometry.polygons { sum.add(areaSquareMeters(polygon)) }
        return sum.value
    }

    /// Area in km² on the WGS84 ellipsoid, edges straight in lon/lat.
    public static func areaSquareKilometers(_ geometry: Geometry) -> Double {
        areaSquareMeters(geometry) / 1_000_000
    }
}
