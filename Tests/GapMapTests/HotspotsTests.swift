import Foundation
import GeoCore
import Testing
import TestSupport
@testable import GapMap

/// Hotspots: density-based clusters of uncovered demand, with geodesic distances.
struct HotspotsTests {
    @Test func theSearchBoxNeverMissesAPointWithinTheDistance() {
        // Brute force over every pair, at the equator, in the Sahel and near the pole.
        var rng = SeededRandom(seed: 5)
        for (lat0, span) in [(0.0, 2.0), (14.0, 3.0), (84.0, 4.0)] {
            let points = (0..<800).map { _ in Coordinate(lon: -span + rng.nextUnit() * 2 * span, lat: lat0 + rng.nextUnit() * span) }
            let search = GeodesicSearch(points: points)
            for c in points.prefix(60) {
                for meters in [5_000.0, 50_000, 150_000] {
                    let brute = points.indices.filter { Geodesy.distanceMeters(c, points[$0]) <= meters }
                    #expect(search.within(meters, of: c) == brute, "lat \(c.y), \(meters) m")
                }
            }
        }
    }

    /// Needs in two tight clusters and one alone, in one region, none covered.
    static func report() throws -> CoverageReport {
        var rows: [(Geometry?, [(String, String)])] = []
        // A: 5 needs of weight 1 within ~1 km of (0.3, 0.3).
        for (i, d) in [(0.0, 0.0), (0.005, 0.0), (0.0, 0.005), (-0.005, 0.0), (0.0, -0.005)].enumerated() {
            rows.append((Fixture.point(0.3 + d.0, 0.3 + d.1), [("id", "A\(i)"), ("weight", "1")]))
        }
        // B: 3 needs of weight 2 around (0.7, 0.7), about 2.2 km apart in a row.
        for (i, dx) in [0.0, 0.02, 0.04].enumerated() {
            rows.append((Fixture.point(0.7 + dx, 0.7), [("id", "B\(i)"), ("weight", "2")]))
        }
        rows.append((Fixture.point(0.1, 0.9), [("id", "alone"), ("weight", "2")]))
        return try Fixture.analyze(regions: Fixture.regions([("R1", "One", Fixture.box(0, 0, 1, 1))]),
                                   needs: Fixture.collection("needs.csv", rows))
    }

    @Test func clustersAreFoundAndRankedByWeight() throws {
        let report = try Self.report()
        let analysis = try HotspotAnalysis.find(report, demand: DemandPoints(.uncovered, rowsOf: report), request: HotspotRequest(radiusKm: 3, minimumWeight: 3))
        #expect(analysis.hotspots.map(\.id) == ["H1", "H2"])
        // B weighs 6 (3 × 2), A 5 (5 × 1); the lone need (2 < 3) is noise.
        #expect(analysis.hotspots.map(\.weight) == [6, 5])
        #expect(analysis.hotspots.map(\.members) == [3, 5])
        #expect(analysis.noisePoints == 1 && analysis.noiseWeight == 2 && analysis.points == 9 && analysis.weight == 13)
        #expect(analysis.hotspots[0].regions == [Hotspot.RegionShare(regionID: "R1", name: "One", weight: 6)])
        // B's middle point has all three within 3 km: it is the centre.
        #expect(analysis.hotspots[0].centre == Coordinate(lon: 0.72, lat: 0.7))
        // Outline: discs of 1.5 km around each member. B's three discs (≈ 2.2 km apart) overlap, so the
        // union is smaller than 3 discs and larger than one: π · 1.5² ≈ 7.07 km² each.
        let disc = Double.pi * 1.5 * 1.5
        #expect(analysis.hotspots[0].areaKm2 > disc && analysis.hotspots[0].areaKm2 < 3 * disc)
        #expect(analysis.hotspots[0].geometry.polygons.count == 1)
    }

    @Test func aLargerWeightThresholdLeavesOnlyTheDensestCluster() throws {
        let report = try Self.report()
        let analysis = try HotspotAnalysis.find(report, demand: DemandPoints(.uncovered, rowsOf: report), request: HotspotRequest(radiusKm: 3, minimumWeight: 5.5))
        // A: every neighbourhood holds 5 < 5.5. B: the middle point's holds 6, its two neighbours join as border points.
        #expect(analysis.hotspots.map(\.weight) == [6])
        #expect(analysis.hotspots[0].corePoints == 1 && analysis.hotspots[0].members == 3)
    }
}
