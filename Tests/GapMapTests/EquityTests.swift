import Testing
import TestSupport
@testable import GapMap

/// The equity summary against values worked out by hand.
struct EquityTests {
    static func region(_ id: String, area: Double, covered: Double, needs: Double = 0, needsCovered: Double = 0,
                       incidents: Double = 0, incidentsCovered: Double = 0, rank: Int) -> RegionMetrics {
        RegionMetrics(regionID: id, name: id, parentID: nil, areaKm2: area, coveredKm2: covered, coveragePct: 100 * covered / area,
                      initiatives: 0, needs: needs, needsCovered: needsCovered, needsUncovered: needs - needsCovered, incidents: incidents,
                      incidentsCovered: incidentsCovered, incidentsUncovered: incidents - incidentsCovered,
                      uncoveredDemand: needs - needsCovered + incidents - incidentsCovered, population: nil, coveredPopulation: nil, gapRank: rank)
    }

    @Test func giniOfTwoEqualWeightsOneCoveredOneNotIsOneHalf() {
        // Σ_i Σ_j |x_i − x_j| = 2 (pairs (0,1) and (1,0)); 2 W² μ = 2 · 4 · 0.5 = 4.
        #expect(EquitySummary.gini(values: [0, 1], weights: [1, 1]) == 0.5)
    }

    @Test func weightedGiniMatchesTheHandCalculation() throws {
        // x = (0.2, 1.0), w = (3, 1): W = 4, μ = (0.6 + 1.0) / 4 = 0.4;
        // Σ_i Σ_j w_i w_j |x_i − x_j| = 2 · 3 · 1 · 0.8 = 4.8; G = 4.8 / (2 · 16 · 0.4) = 0.375.
        let g = try #require(EquitySummary.gini(values: [0.2, 1.0], weights: [3, 1]))
        #expect(abs(g - 0.375) < 1e-15)
        // Equal shares: no inequality, whatever the weights.
        #expect(EquitySummary.gini(values: [0.3, 0.3, 0.3], weights: [1, 5, 9]) == 0)
        // Nothing covered: undefined.
        #expect(EquitySummary.gini(values: [0, 0], weights: [1, 2]) == nil)
    }

    @Test func sortedGiniAgreesWithTheDoubleSumDefinition() throws {
        var rng = SeededRandom(seed: 42)
        for _ in 0..<20 {
            let n = 2 + Int(rng.nextUnit() * 30)
            let x = (0..<n).map { _ in rng.nextUnit() < 0.2 ? 0 : rng.nextUnit() }
            let w = (0..<n).map { _ in 0.1 + rng.nextUnit() * 100 }
            let total = w.reduce(0, +)
            let mean = zip(x, w).reduce(0) { $0 + $1.0 * $1.1 } / total
            var double = 0.0
            for i in 0..<n { for j in 0..<n { double += w[i] * w[j] * abs(x[i] - x[j]) } }
            let expected = double / (2 * total * total * mean)
            let g = try #require(EquitySummary.gini(values: x, weights: w))
            #expect(abs(g - expected) < 1e-12)
        }
    }

    @Test func worstTwentyPercentCountsAFractionalRegionInProportion() {
        // 9 regions in gap-rank order: 20 % of 9 = 1.8 regions = 40 + 0.8 · 30 = 64 of 100.
        let nine = EquitySummary.topShare([40, 30, 10, 8, 5, 4, 2, 1, 0], fraction: 0.2)
        #expect(abs(nine.counted - 1.8) < 1e-15)
        #expect(abs(nine.held - 64) < 1e-12)
        #expect(abs(nine.share! - 0.64) < 1e-12)
        #expect(nine.regionsEntering == 2)
        // 10 regions: exactly the first two, 70 of 100.
        let ten = EquitySummary.topShare([40, 30, 10, 8, 5, 4, 2, 1, 0, 0], fraction: 0.2)
        #expect(ten.held == 70 && ten.regionsEntering == 2)
        // 3 regions: 0.6 of the first, 24 of 60.
        let three = EquitySummary.topShare([40, 15, 5], fraction: 0.2)
        #expect(abs(three.share! - 0.4) < 1e-12 && three.regionsEntering == 1)
        // Nothing uncovered: undefined.
        #expect(EquitySummary.topShare([0, 0, 0], fraction: 0.2).share == nil)
    }

    @Test func summaryOfTwoRegionsByAreaAndByDemand() throws {
        // A: 100 km², 50 covered (x = 0.5); B: 300 km², none (x = 0). W = 400, μ = 50/400 = 0.125.
        // ΣΣ = 2 · 100 · 300 · 0.5 = 30,000; G = 30,000 / (2 · 160,000 · 0.125) = 0.75.
        // Demand: A 10 of 10 covered (x = 1, w = 10); B 0 of 30 (x = 0, w = 30): μ = 0.25,
        // ΣΣ = 2 · 10 · 30 · 1 = 600; G = 600 / (2 · 1,600 · 0.25) = 0.75.
        let a = Self.region("A", area: 100, covered: 50, needs: 6, needsCovered: 6, incidents: 4, incidentsCovered: 4, rank: 2)
        let b = Self.region("B", area: 300, covered: 0, needs: 30, rank: 1)
        let e = EquitySummary([a, b])
        #expect(abs(try #require(e.giniCoverageByArea) - 0.75) < 1e-12)
        #expect(abs(try #require(e.giniCoverageByDemand) - 0.75) < 1e-12)
        #expect(e.coveredShareOfArea == 0.125 && e.coveredShareOfDemand == 0.25)
        // 20 % of 2 regions = 0.4 of B (rank 1), 12 of 30 uncovered.
        #expect(abs(e.worstRegionsUncoveredDemand - 12) < 1e-12)
        #expect(abs(e.worstRegionsShare! - 0.4) < 1e-12)
        #expect(e.worstRegionIDs == ["B"])
    }

    @Test func comparisonGivesDifferencesAndRatiosAgainstTheFirstRegion() throws {
        let a = Self.region("A", area: 100, covered: 50, needs: 10, needsCovered: 4, rank: 2)
        let b = Self.region("B", area: 300, covered: 0, needs: 30, rank: 1)
        let comparison = RegionComparison(metrics: [a, b], all: [a, b])
        let area = try #require(comparison.rows.first { $0.metric == "area_km2" })
        #expect(area.values == [100, 300] && area.differences == [200] && area.ratios == [3])
        let covered = try #require(comparison.rows.first { $0.metric == "covered_km2" })
        #expect(covered.differences == [-50] && covered.ratios == [0])
        let demandPct = try #require(comparison.rows.first { $0.metric == "demand_coverage_pct" })
        #expect(demandPct.values == [40, 0])
        let rank = try #require(comparison.rows.first { $0.metric == "gap_rank" })
        #expect(rank.differences == [-1] && rank.ratios == [nil])
        let population = try #require(comparison.rows.first { $0.metric == "population" })
        #expect(population.values == [nil, nil] && population.ratios == [nil])
    }
}
