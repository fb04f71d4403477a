import Foundation
import Testing
@testable import GeoCore

/// Areas (edges straight in lon/lat, RFC 7946) and geodesic discs, checked
/// against closed forms, published values for the WGS84 ellipsoid and an
/// independent densified computation.
struct GeodesyTests {
    let a = 6_378_137.0
    let f = 1 / 298.257223563

    /// Area of the ellipsoid zone between the equator and latitude φ, all
    /// longitudes
    /// (closed form for an ellipsoid of revolution).
    func zoneArea(latitude φ: Double) -> Double {
        let b = a * (1 - f)
        let e2 = f * (2 - f)
        let e = e2.squareRoot()
        let s = sin(φ * .pi / 180)
        return .pi * b * b * (s / (1 - e2 * s * s) + (1 / (2 * e)) * (log1p(e * s) - log1p(-e * s)))
    }

    /// dS/dφ per radian of latitude, all longitudes: the zone area of a thin
    /// strip without the cancellation of a difference of two zone areas.
    func zoneAreaDerivative(latitude φ: Double) -> Double {
        let b = a * (1 - f), e2 = f * (2 - f)
        let s = sin(φ * .pi / 180)
        return 2 * .pi * b * b * cos(φ * .pi / 180) / pow(1 - e2 * s * s, 2)
    }

    func rectangle(_ lon1: Double, _ lat1: Double, _ lon2: Double, _ lat2: Double) -> [Coordinate] {
        [Coordinate(lon: lon1, lat: lat1), Coordinate(lon: lon2, lat: lat1), Coordinate(lon: lon2, lat: lat2),
         Coordinate(lon: lon1, lat: lat2), Coordinate(lon: lon1, lat: lat1)]
    }

    @Test func theWholeLonLatPlaneIsTheWholeEllipsoid() {
        // WGS84 surface area: 510,065,621.72 km² (published value).
        #expect(abs(zoneArea(latitude: 90) * 2 / 1e6 - 510_065_621.72) < 1)
        let km2 = Geodesy.ringAreaSquareMeters(rectangle(-180, -90, 180, 90)) / 1e6
        #expect(abs(km2 - 510_065_621.72) < 1)
        let north = Geodesy.ringAreaSquareMeters(rectangle(-180, 0, 180, 90)) / 1e6
        #expect(abs(north - 510_065_621.72 / 2) < 1)
    }

    @Test func aLonLatRectangleHasTheClosedFormZoneArea() {
        // Edges straight in lon/lat (RFC 7946): a rectangle is bounded by two
        // meridians and two parallels, so its area is Δλ·(S(φ2) − S(φ1)) exactly,
        // whatever its size, including the polar cap above 80° N.
        let cases: [(Double, Double, Double, Double)] = [
            (-4, 14, -3, 15), (-12, 10, 4, 25), (0, 0, 0.001, 0.001), (-180, 80, 180, 90), (20, -60, 23.4, -35), (-5, 14.5, 5, 14.5001),
        ]
        for (lon1, lat1, lon2, lat2) in cases {
            // A strip 1e-4° high: S's derivative at mid-latitude times the height (error ~ (Δφ)²/24 ≈ 1e-13).
            let zone = lat2 - lat1 < 0.001
                ? zoneAreaDerivative(latitude: (lat1 + lat2) / 2) * (lat2 - lat1) * .pi / 180
                : zoneArea(latitude: lat2) - zoneArea(latitude: lat1)
            let expected = (lon2 - lon1) / 360 * zone
            let ring = rectangle(lon1, lat1, lon2, lat2)
            // 1e-12 relative, or 0.01 m² on a thin strip whose zone area is a
            // difference of two zone areas ~1e13 m² (its rounding is ~1e-3 m²).
            let tolerance = max(1e-12 * expected, 0.01)
            #expect(abs(Geodesy.ringAreaSquareMeters(ring) - expected) < tolerance, "\(ring)")
            // The same rectangle with a vertex in the middle of each edge (what an overlay's noding does).
            var split: [Coordinate] = []
            for k in 0..<4 {
                split.append(ring[k])
                split.append(Coordinate(lon: (ring[k].x + ring[k + 1].x) / 2, lat: (ring[k].y + ring[k + 1].y) / 2))
            }
            split.append(ring[0])
            #expect(abs(Geodesy.ringAreaSquareMeters(split) - expected) < tolerance, "\(ring)")
        }
    }

    @Test func aTriangleHasTheAreaOfItsDensifiedOutline() {
        // Independent reference: pyproj 3.7 (PROJ 9) Geod(ellps="WGS84").polygon_area_perimeter
        // of this triangle, every edge densified to 0.0005° (straight in lon/lat),
        // a long diagonal edge like those of the Sahara's communes.
        let ring = [Coordinate(lon: -4, lat: 16), Coordinate(lon: 0.5, lat: 19.4), Coordinate(lon: -4, lat: 21), Coordinate(lon: -4, lat: 16)]
        let densified = 131_250.28183596136  // km²; the geodesic edges of geod_polygonarea give 130,870.82
        #expect(abs(Geodesy.ringAreaSquareMeters(ring) / 1e6 / densified - 1) < 1e-7)
    }

    @Test func smallDiscHasTheAreaOfTheInscribedRegularPolygon() {
        // For r = 10 km, curvature changes the area by ~ K r²/12 ≈ 2e-7 relative,
        // so the plane regular 64-gon, (N/2) r² sin(2π/N), is the answer to 1e-5.
        let r = 10_000.0, n = 64
        let expected = Double(n) / 2 * r * r * sin(2 * .pi / Double(n))
        for lat in [0.0, 14.5, 35, -60] {
            let disc = Geodesy.disc(center: Coordinate(lon: -4, lat: lat), radiusMeters: r, segments: n)
            #expect(disc.exterior.count == n + 1)
            #expect(disc.exterior.first == disc.exterior.last)
            #expect(abs(Geodesy.areaSquareMeters(disc) / expected - 1) < 1e-5)
        }
    }

    @Test func discVerticesStartNorthAndGoClockwiseAtTheRadius() {
        let centre = Coordinate(lon: -4.0, lat: 14.5)
        let disc = Geodesy.disc(center: centre, radiusMeters: 25_000, segments: 4)
        // Azimuth 0 is due north, 90 due east: same longitude, then same-ish latitude.
        #expect(abs(disc.exterior[0].x - centre.x) < 1e-12)
        #expect(disc.exterior[0].y > centre.y)
        #expect(disc.exterior[1].x > centre.x)
        #expect(disc.exterior[2].y < centre.y)
        #expect(disc.exterior[3].x < centre.x)
        for v in disc.exterior { #expect(abs(Geodesy.distanceMeters(centre, v) - 25_000) < 1e-6) }
        // One degree of latitude at 14.5° N is about 110.65 km on WGS84.
        let northward = disc.exterior[0].y - centre.y
        #expect(abs(25_000 / northward - 110_650) < 100)
    }

    @Test func holesAreSubtracted() {
        let outer = [Coordinate(lon: 0, lat: 0), Coordinate(lon: 1, lat: 0), Coordinate(lon: 1, lat: 1),
                     Coordinate(lon: 0, lat: 1), Coordinate(lon: 0, lat: 0)]
        let hole = [Coordinate(lon: 0.25, lat: 0.25), Coordinate(lon: 0.25, lat: 0.75), Coordinate(lon: 0.75, lat: 0.75),
                    Coordinate(lon: 0.75, lat: 0.25), Coordinate(lon: 0.25, lat: 0.25)]
        let full = Geodesy.areaSquareMeters(Polygon(exterior: outer))
        let holed = Geodesy.areaSquareMeters(Polygon(exterior: outer, holes: [hole]))
        let holeArea = Geodesy.ringAreaSquareMeters(hole)
        #expect(abs(holed - (full - holeArea)) < 1e-6)
        // A 1°×1° cell at the equator: (π/180)·S(1°), about 111.32 km × 110.57 km.
        #expect(abs(full / (zoneArea(latitude: 1) / 360) - 1) < 1e-12)
        #expect(abs(full / 1e6 - 12_308.8) < 5)
        // Orientation does not change the magnitude.
        #expect(Geodesy.ringAreaSquareMeters(outer.reversed()) == Geodesy.ringAreaSquareMeters(outer))
    }
}
