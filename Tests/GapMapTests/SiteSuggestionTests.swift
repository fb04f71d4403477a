import Foundation
import GeoCore
import GeoFormats
import Testing
import TestSupport
@testable import GapMap

/// The maximal covering location problem: the lazy greedy against brute
/// force, and the suggestions against the analysis they will feed.
struct SiteSuggestionTests {
    /// The best value over every choice of k candidates.
    static func bruteForce(_ p: MaximumCoverageProblem, k: Int) -> Double {
        var best = 0.0
        func choose(_ start: Int, _ chosen: inout [Int]) {
            if chosen.count == k {
                best = max(best, p.value(of: chosen))
                return
            }
            guard start < p.covers.count else { return }
            for c in start..<p.covers.count {
                chosen.append(c)
                choose(c + 1, &chosen)
                chosen.removeLast()
            }
        }
        var chosen: [Int] = []
        choose(0, &chosen)
        return best
    }

    /// A plain (not lazy) greedy, written apart: recompute every gain at every step.
    static func plainGreedy(_ p: MaximumCoverageProblem, k: Int) -> Double {
        var chosen: [Int] = []
        for _ in 0..<k {
            let base = p.value(of: chosen)
            var best = -1, bestGain = 0.0
            for c in 0..<p.covers.count where !chosen.contains(c) {
                let g = p.value(of: chosen + [c]) - base
                if g > bestGain { best = c; bestGain = g }
            }
            if best < 0 { break }
            chosen.append(best)
        }
        return p.value(of: chosen)
    }

    /// Geometric instances: demand points and 12 candidate sites in a 100 km square, discs of 20 km.
    static func instance(seed: UInt64, candidates: Int = 12, points: Int = 60) -> MaximumCoverageProblem {
        var rng = SeededRandom(seed: seed)
        func point() -> Coordinate { Coordinate(lon: rng.nextUnit() * 0.9, lat: rng.nextUnit() * 0.9) }
        let demand = (0..<points).map { _ in point() }
        let weights = demand.map { _ in Double(1 + Int(rng.nextUnit() * 9)) }
        let sites = (0..<candidates).map { _ in point() }
        let covers = sites.map { s in demand.indices.filter { Geodesy.distanceMeters(s, demand[$0]) <= 20_000 }.map { Int32($0) } }
        return MaximumCoverageProblem(weights: weights, covers: covers)
    }

    @Test func lazyGreedyReachesAtLeastOneMinusOneOverEOfTheBruteForceOptimum() {
        let k = 3
        var worst = 1.0
        var lines: [String] = []
        for seed in UInt64(1)...40 {
            let p = Self.instance(seed: seed)
            let greedy = p.lazyGreedy(k: k)
            let optimum = Self.bruteForce(p, k: k)
            #expect(greedy.value >= (1 - exp(-1)) * optimum, "seed \(seed): greedy \(greedy.value), optimum \(optimum)")
            #expect(greedy.value <= optimum + 1e-9)
            // The reported bound is an upper bound on the true optimum.
            #expect(greedy.upperBound >= optimum - 1e-9, "seed \(seed): bound \(greedy.upperBound) < optimum \(optimum)")
            // Laziness changes the work, not the choice's value.
            #expect(abs(greedy.value - Self.plainGreedy(p, k: k)) < 1e-9)
            #expect(greedy.cumulative == greedy.gains.reduce(into: [Double]()) { $0.append(($0.last ?? 0) + $1) })
            worst = min(worst, optimum > 0 ? greedy.value / optimum : 1)
            lines.append("seed \(seed): greedy \(greedy.value), brute-force optimum \(optimum), bound \(greedy.upperBound)")
        }
        // Recorded beside each other (printed with the test run).
        print("MCLP 12 candidates, K = 3, 40 seeded instances; worst greedy/optimum = \(worst)\n" + lines.joined(separator: "\n"))
        #expect(worst >= 1 - exp(-1))
        #expect(abs(MaximumCoverageProblem(weights: [1], covers: [[0]]).lazyGreedy(k: 3).guarantee - 19.0 / 27) < 1e-12)
    }

    @Test func theGreedyIsBelowTheOptimumOnTheClassicBadCase() {
        // The textbook case: the greedy takes the biggest set first and so misses the pair
        // that covers everything. Points 0…5 of weight 1; S0 = {0,1,2,3}, S1 = {0,1,4}, S2 = {2,3,5}.
        let p = MaximumCoverageProblem(weights: Array(repeating: 1, count: 6), covers: [[0, 1, 2, 3], [0, 1, 4], [2, 3, 5]])
        let greedy = p.lazyGreedy(k: 2)
        #expect(greedy.sites == [0, 1] && greedy.value == 5)
        #expect(Self.bruteForce(p, k: 2) == 6)
        // The data-dependent bound: after S0, the best two gains left are 1 + 1, so OPT ≤ 4 + 2 = 6;
        // at the end, 5 + 1 = 6.
        #expect(greedy.upperBound == 6)
    }

    @Test func minimumPerGroupPlacesSitesInEveryGroup() {
        // Group 0 holds the three best sites; group 1 a weak one.
        let p = MaximumCoverageProblem(weights: [5, 5, 5, 1], covers: [[0], [1], [2], [3]], groups: [0, 0, 0, 1])
        #expect(p.lazyGreedy(k: 2).sites == [0, 1])
        let spread = p.lazyGreedy(k: 2, minimumPerGroup: 1)
        #expect(spread.sites == [0, 3] && spread.value == 6 && spread.guarantee == 0)
        #expect(spread.upperBound >= 10)
        // Nothing left to gain: stop early instead of adding useless sites.
        let small = MaximumCoverageProblem(weights: [1], covers: [[0], [0]]).lazyGreedy(k: 2)
        #expect(small.sites == [0] && small.stoppedEarly)
        let none = MaximumCoverageProblem(weights: [], covers: []).lazyGreedy(k: 3)
        #expect(none.sites.isEmpty && none.stoppedEarly && none.value == 0 && none.upperBound == 0)
    }

    // MARK: On the map

    static func regions() -> FeatureCollection {
        Fixture.regions([("R1", "West", Fixture.box(0, 0, 1, 1)), ("R2", "East", Fixture.box(1, 0, 2, 1))])
    }

    /// 5 needs around A (0.3, 0.3), 3 around B (1.7, 0.7), 1 at C (0.5, 0.9); one initiative covers D (1.5, 0.2).
    static func needs() -> FeatureCollection {
        var rows: [(Geometry?, [(String, String)])] = []
        for (i, d) in [(0.0, 0.0), (0.01, 0.0), (0.0, 0.01), (-0.01, 0.0), (0.0, -0.01)].enumerated() {
            rows.append((Fixture.point(0.3 + d.0, 0.3 + d.1), [("id", "A\(i)")]))
        }
        for (i, d) in [(0.0, 0.0), (0.01, 0.01), (-0.01, 0.0)].enumerated() {
            rows.append((Fixture.point(1.7 + d.0, 0.7 + d.1), [("id", "B\(i)")]))
        }
        rows.append((Fixture.point(0.5, 0.9), [("id", "C")]))
        rows.append((Fixture.point(1.5, 0.2), [("id", "D"), ("weight", "50")]))
        rows.append((nil, [("id", "REF"), ("region", "R1"), ("weight", "4")]))
        return Fixture.collection("needs.csv", rows)
    }

    @Test func suggestionsCoverTheDensestUncoveredDemandFirst() throws {
        let initiatives = Fixture.collection("initiatives.csv", [(Fixture.point(1.5, 0.2), [("id", "I"), ("radius_km", "5")])])
        let report = try Fixture.analyze(regions: Self.regions(), initiatives: initiatives, needs: Self.needs())
        let s = try SiteSuggestion.run(report, demand: DemandPoints(.uncovered, rowsOf: report), request: SiteSuggestionRequest(sites: 3, radiusKm: 5))
        // D is covered already (worth 0); REF has no location.
        #expect(s.uncoveredWeight == 9 && s.unplaceableWeight == 4 && s.demandLocations == 9)
        #expect(s.sites.map(\.gainWeight) == [5, 3, 1])
        #expect(s.sites.map(\.regionID) == ["R1", "R2", "R1"])
        #expect(s.sites.map(\.cumulativeWeight) == [5, 8, 9])
        #expect(abs(s.sites[1].cumulativePct - 800.0 / 9) < 1e-9)
        #expect(s.coveredWeight == 9 && s.upperBound == 9 && s.certifiedShareOfOptimum == 1)
        #expect(s.footprints.count == 3)
    }

    @Test func aSiteCoversInTheAnalysisExactlyWhatTheSuggestionCounted() throws {
        // Seeded demand over two 1° regions; sites from a 10 km grid.
        var rng = SeededRandom(seed: 99)
        var rows: [(Geometry?, [(String, String)])] = []
        for i in 0..<400 {
            rows.append((Fixture.point(rng.nextUnit() * 2, rng.nextUnit()), [("id", "N\(i)"), ("weight", String(1 + Int(rng.nextUnit() * 4)))]))
        }
        let needs = Fixture.collection("needs.csv", rows)
        let initiatives = Fixture.collection("initiatives.csv", [(Fixture.point(1, 0.5), [("id", "I"), ("radius_km", "30")])])
        let report = try Fixture.analyze(regions: Self.regions(), initiatives: initiatives, needs: needs)
        let request = SiteSuggestionRequest(sites: 4, radiusKm: 15, segments: 64, candidates: .grid, gridSpacingKm: 10)
        let s = try SiteSuggestion.run(report, demand: DemandPoints(.uncovered, rowsOf: report), request: request)
        #expect(s.sites.count == 4 && s.candidateCount > 200)
        // Add the sites as point initiatives with radius_km 15 and analyse again.
        let withSites = Fixture.collection("initiatives.csv", [(Fixture.point(1, 0.5), [("id", "I"), ("radius_km", "30")])]
            + s.sites.map { (Geometry.point($0.coordinate), [("id", "S\($0.rank)"), ("radius_km", "15")]) })
        let after = try Fixture.analyze(regions: Self.regions(), initiatives: withSites, needs: needs)
        let gained = after.metrics.reduce(0) { $0 + $1.needsCovered } - report.metrics.reduce(0) { $0 + $1.needsCovered }
        #expect(abs(gained - s.coveredWeight) < 1e-9, "analysis gained \(gained), suggestion counted \(s.coveredWeight)")
        #expect(s.coveredWeight <= s.upperBound)
    }

    @Test func theHexagonalGridIsSpacedOnTheEllipsoid() throws {
        // Over Mali's latitudes: neighbours along a row exactly 10 km apart, rows 10·√3/2 km apart.
        let envelope = Envelope(minX: -12, minY: 10, maxX: 4, maxY: 25)
        let points = HexagonalGrid.points(covering: envelope, spacingMeters: 10_000)
        var rows: [Double: [Coordinate]] = [:]
        for p in points { rows[p.y, default: []].append(p) }
        let latitudes = rows.keys.sorted()
        for lat in [latitudes[0], latitudes[latitudes.count / 2], latitudes[latitudes.count - 1]] {
            let row = rows[lat]!.sorted { $0.x < $1.x }
            for k in [0, row.count / 2, row.count - 2] {
                #expect(abs(Geodesy.distanceMeters(row[k], row[k + 1]) - 10_000) < 1e-3)
            }
        }
        let rowGap = Geodesy.distanceMeters(Coordinate(lon: -4, lat: latitudes[10]), Coordinate(lon: -4, lat: latitudes[11]))
        #expect(abs(rowGap - 10_000 * 3.0.squareRoot() / 2) < 1e-3)
        // Across rows, the nearest neighbour stays close to the spacing over the whole extent (sheared lattice).
        for p in [rows[latitudes[5]]!.first!, rows[latitudes[latitudes.count - 6]]!.last!, rows[latitudes[latitudes.count / 2]]![40]] {
            let next = rows[latitudes[latitudes.firstIndex(of: p.y)! + 1]]!
            let nearest = next.map { Geodesy.distanceMeters(p, $0) }.min()!
            #expect(abs(nearest / 10_000 - 1) < 0.03, "\(nearest)")
        }
        // One point per spacing² × √3/2 of area: the box's geodesic area over the cell area.
        let boxKm2 = Geodesy.areaSquareKilometers(Fixture.box(-12, 10, 4, 25))
        #expect(abs(Double(points.count) / (boxKm2 / (100 * 3.0.squareRoot() / 2)) - 1) < 0.01)
    }
}

struct CoverListsTests {
    @Test func listsReadBackAsTheSortedIndicesGivenWhateverTheirGaps() {
        var random = SeededRandom(seed: 5)
        var lists: [[Int32]] = []
        for n in [0, 1, 2, 50, 400] {
            // Gaps from 0 to past 2^21, so varints of 1 to 4 bytes.
            var set = Set<Int32>()
            while set.count < n { set.insert(Int32(random.uniform(0, n % 2 == 0 ? 3_000_000 : 200))) }
            lists.append(Array(set).shuffled(using: &random))
        }
        lists.append([Int32.max - 1, 0, Int32.max])
        var covers = CoverLists(Array(lists.prefix(3)))
        covers.append(contentsOf: CoverLists(Array(lists.dropFirst(3))))
        #expect(covers.count == lists.count)
        for (i, list) in lists.enumerated() { #expect(Array(covers[i]) == list.sorted()) }
    }

    /// Consecutive indices are stored as runs: a list of 10,000 consecutive
    /// numbers from 0 takes 3 bytes (head 1: gap 0 with the run bit; then
    /// 9,998 = length − 2 in two varint bytes), where one byte a point took 10,000.
    @Test func consecutiveIndicesAreStoredAsRunsAndReadBackOneByOne() {
        let run = Array(Int32(0)..<10_000)
        let mixed: [Int32] = [3, 5, 6, 7, 200, 201, 100_000, 100_002, 100_003] + Array(Int32(300)..<430)
        var covers = CoverLists([run])
        #expect(covers.byteCount == 3)
        covers.append(mixed.reversed())
        #expect(Array(covers[0]) == run)
        #expect(Array(covers[1]) == mixed.sorted())
        // Runs 3 | 5–7 | 200–201 | 300–429 | 100000 | 100002–100003: a head of (gap << 1 | run bit),
        // then length − 2 for runs of two or more: 1 | 1+1 | 2+1 | 2+2 | 3 | 1+1 bytes.
        #expect(covers.byteCount == 3 + 1 + 2 + 3 + 4 + 3 + 2)
    }

    @Test func zOrderNumbersArePermutationsThatKeepNeighboursClose() {
        var random = SeededRandom(seed: 9)
        let points = (0..<4_096).map { _ in Coordinate(x: random.uniform(-12, 4), y: random.uniform(10, 25)) }
        let numbers = SpatialOrder.zOrderNumbers(points)
        #expect(Set(numbers) == Set((0..<Int32(points.count))))
        // A 64 × 64 grid visited in Z order: consecutive cells along the curve are mostly adjacent.
        let grid = (0..<4_096).map { Coordinate(x: Double($0 % 64), y: Double($0 / 64)) }
        let order = SpatialOrder.zOrderNumbers(grid)
        var byNumber = [Coordinate](repeating: Coordinate(x: 0, y: 0), count: grid.count)
        for (i, n) in order.enumerated() { byNumber[Int(n)] = grid[i] }
        let unitSteps = zip(byNumber, byNumber.dropFirst()).filter { abs($0.x - $1.x) + abs($0.y - $1.y) == 1 }.count
        #expect(unitSteps >= grid.count / 2)
        // The curve's first four cells are the 2 × 2 block at the origin: (0,0), (1,0), (0,1), (1,1).
        #expect(Array(byNumber.prefix(4)) == [Coordinate(x: 0, y: 0), Coordinate(x: 1, y: 0), Coordinate(x: 0, y: 1), Coordinate(x: 1, y: 1)])
    }
}
