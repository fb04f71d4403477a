import Foundation
import Testing
@testable import GeoCore

/// Geodesic areas and discs, checked against values computed by hand or
/// published for the WGS84 ellipsoid.
struct GeodesyTests {
    let a = 6_378_137.0
    let f = 1 / 298.257223563

    /// Area of the ellipsoid zone between the equator and latitude φ
    /// (closed form for an ellipsoid of revolution).
    func zoneArea(latitude φ: Double) -> Double {
        let b = a * (1 - f)
        let e2 = f * (2 - f)
        let e = e2.squareRoot()
        let s = sin(φ * .pi / 180)
        return .pi * b * b * (s / (1 - e2 * s * s) + (1 / (2 * e)) * log((1 + e * s) / (1 - e * s)))
    }

    @Test func hemisphereBoundedByTheEquatorHasHalfTheEllipsoidArea() {
        // WGS84 surface area: 510,065,621.72 km² (published value).
        let ring = [Coordinate(lon: 0, lat: 0), Coordinate(lon: 90, lat: 0), Coordinate(lon: 180, lat: 0),
                    Coordinate(lon: -90, lat: 0), Coordinate(lon: 0, lat: 0)]
        let km2 = Geodesy.ringAreaSquareMeters(ring) / 1e6
        #expect(abs(km2 - 510_065_621.72 / 2) < 1)
        #expect(abs(zoneArea(latitude: 90) * 2 / 1e6 - 510_065_621.72) < 1)
    }

    @Test func discAroundThePoleMatchesTheClosedFormPolarCap() throws {
        // A disc centred on the pole is bounded by a parallel: its area tends to
        // the closed-form cap area; with N geodesic chords it is smaller by
        // about (2π/N)²/6 of it.
        let n = 7200
        let disc = Geodesy.disc(center: Coordinate(lon: 0, lat: 90), radiusMeters: 1_000_000, segments: n)
        let φ = disc.exterior[0].y
        for v in disc.exterior { #expect(abs(v.y - φ) < 1e-9) }
        let cap = (zoneArea(latitude: 90) - zoneArea(latitude: φ))
        let polygon = Geodesy.areaSquareMeters(disc)
        let expectedShortfall = pow(2 * .pi / Double(n), 2) / 6
        #expect(abs((cap - polygon) / cap - expectedShortfall) < 1e-8)
        // The cap of 1000 km radius has roughly the area π r² (to 1 %).
        #expect(abs(cap / (.pi * 1e12) - 1) < 0.01)
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
        // A 1°×1° cell at the equator is about 111.32 km × 110.57 km.
        #expect(abs(full / 1e6 - 12_308.8) < 5)
        // Orientation does not change the magnitude.
        #expect(Geodesy.ringAreaSquareMeters(outer.reversed()) == Geodesy.ringAreaSquareMeters(outer))
    }
}
