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

    /// 30 needs of weight 1 on the equator, 1.4 km apart: along the equator
    /// the geodesic is the equator, so point i and j are 1.4·|i − j| km apart
    /// (6,378,137 m × the longitude difference in radians). With a 3 km
    /// radius a neighbourhood holds i−2 … i+2 (2.8 km in, 4.2 km out):
    /// weight 5 inside the chain, 3 and 4 at its ends. DBSCAN chains them all.
    static func chain() throws -> CoverageReport {
        let step = 1400.0 / 6_378_137 * 180 / .pi
        let rows = (0..<30).map { i in (Fixture.point(0.01 + Double(i) * step, 0), [("id", "C\(i)"), ("weight", "1")]) }
        return try Fixture.analyze(regions: Fixture.regions([("R1", "Equator", Fixture.box(-0.1, -0.1, 1, 0.1))]),
                                   needs: Fixture.collection("needs.csv", rows))
    }

    @Test func unboundedTheChainIsOneHotspot() throws {
        let report = try Self.chain()
        let analysis = try HotspotAnalysis.find(report, demand: DemandPoints(.uncovered, rowsOf: report),
                                                request: HotspotRequest(radiusKm: 3, minimumWeight: 5, maxExtent: .unbounded))
        #expect(analysis.hotspots.map(\.members) == [30])
        #expect(analysis.hotspots[0].corePoints == 26 && analysis.noisePoints == 0)
    }

    @Test func theDefaultExtentSplitsTheChainFromItsDensestPoint() throws {
        // 4 × 3 km = 12 km wide: members within 6 km of the centre, 4 steps (5.6 km; 5 steps = 7 km).
        // Centres by hand: the first densest core point (C2) takes C0…C6; then C7 takes C7…C11 (C3…C6
        // are taken); C12, C17, C22 likewise; C27 takes C27…C29, weight 3 < 5: a fragment, no hotspot.
        let report = try Self.chain()
        let analysis = try HotspotAnalysis.find(report, demand: DemandPoints(.uncovered, rowsOf: report),
                                                request: HotspotRequest(radiusKm: 3, minimumWeight: 5))
        #expect(analysis.request.maxExtentKm == 12)
        #expect(analysis.hotspots.map(\.members) == [7, 5, 5, 5, 5])
        #expect(analysis.hotspots.map(\.weight) == [7, 5, 5, 5, 5])
        let step = 1400.0 / 6_378_137 * 180 / .pi
        #expect(analysis.hotspots.map(\.centre.x) == [2, 7, 12, 17, 22].map { 0.01 + Double($0) * step })
        #expect(analysis.noisePoints == 3 && analysis.noiseWeight == 3 && analysis.points == 30)
        #expect(analysis.fragmentPoints == 3 && analysis.fragmentWeight == 3)
        // A 7 km bound: 3.5 km of reach, 2 steps: C2 takes C0…C4, C5 takes C5…C7, C8 C8…C10, …, C26 C26…C28.
        // Every core point is then taken; C29, a border point 4.2 km from C26, is left: noise. The eight
        // pieces of 3 are fragments (3 < 5): one hotspot, 24 + 1 points in none.
        let tighter = try HotspotAnalysis.find(report, demand: DemandPoints(.uncovered, rowsOf: report),
                                               request: HotspotRequest(radiusKm: 3, minimumWeight: 5, maxExtent: .kilometres(7)))
        #expect(tighter.hotspots.map(\.members) == [5])
        #expect(tighter.hotspots.map(\.centre.x) == [0.01 + 2 * step])
        #expect(tighter.noisePoints == 25 && tighter.noiseWeight == 25)
        #expect(tighter.fragmentPoints == 24 && tighter.fragmentWeight == 24)
        // With a minimum weight of 3 every point is core (C29's neighbourhood C27…C29 holds 3): the
        // same pieces of 3 are hotspots, and C29, left alone once C26 took C26…C28, is a piece of 1: a fragment.
        let lighter = try HotspotAnalysis.find(report, demand: DemandPoints(.uncovered, rowsOf: report),
                                               request: HotspotRequest(radiusKm: 3, minimumWeight: 3, maxExtent: .kilometres(7)))
        #expect(lighter.hotspots.map(\.members) == [5] + [Int](repeating: 3, count: 8))
        #expect(lighter.noisePoints == 1 && lighter.fragmentPoints == 1 && lighter.fragmentWeight == 1)
    }

    /// On seeded points in the Sahel, checked against the rule itself with
    /// PROJ's distances: pieces are disjoint, each inside one DBSCAN cluster,
    /// every member within reach of its centre, every core point taken, and
    /// each centre the densest core point of its cluster not taken before it.
    @Test func splitPiecesKeepTheRule() throws {
        var rng = SeededRandom(seed: 17)
        let points = (0..<3000).map { _ in Coordinate(lon: -4 + rng.nextUnit() * 3, lat: 13 + rng.nextUnit() * 2) }
        let weights = points.map { _ in 0.5 + rng.nextUnit() * 2 }
        let radius = 12_000.0, reach = 24_000.0
        let found = try DensityClusters(points: points, weights: weights, radiusMeters: radius, minimumWeight: 8, workers: 2)
        #expect(found.members.contains { $0.count > 200 }, "the seeded points chain into a wide cluster")
        let pieces = HotspotAnalysis.bounded(found.members, coordinates: points, density: found.density, isCore: found.isCore,
                                             reachMeters: reach)
        var owner = [Int](repeating: -1, count: points.count)
        for (p, piece) in pieces.enumerated() {
            for m in piece {
                #expect(owner[m] == -1, "point \(m) in two pieces")
                owner[m] = p
            }
            #expect(Set(piece.map { found.label[$0] }).count == 1)
        }
        #expect(pieces.count > found.members.count)
        for i in points.indices where found.isCore[i] { #expect(owner[i] != -1, "core point \(i) in no piece") }
        // Replay: within each cluster, pieces in order; the centre is the densest untaken core point.
        for members in found.members {
            var taken = Set<Int>()
            for piece in pieces where found.label[piece[0]] == found.label[members[0]] {
                let untakenCores = members.filter { found.isCore[$0] && !taken.contains($0) }
                let centre = untakenCores.max { found.density[$0] != found.density[$1] ? found.density[$0] < found.density[$1] : $0 > $1 }!
                let expected = members.filter { !taken.contains($0) && Geodesy.distanceMeters(points[centre], points[$0]) <= reach }
                #expect(piece == expected)
                taken.formUnion(piece)
            }
        }
    }
}
