import Foundation
import GeoCore
import Testing
@testable import GapMap

/// Scenarios: the same data before and after a change of initiatives.
struct ScenarioTests {
    /// Area of a regular 64-gon inscribed in a circle of 10 km: (N/2) r² sin(2π/N),
    /// 313.655 km² (planar; a 10 km disc on the ellipsoid differs by < 1e-5).
    static let discKm2 = 32 * 100 * sin(2 * Double.pi / 64)

    static func input() throws -> (AnalysisInput, LayerBuilder) {
        let builder = LayerBuilder(engine: try GeometryEngine())
        let (regions, fields) = try builder.regions(from: Fixture.regions([
            ("R1", "One", Fixture.box(0, 0, 2, 1)), ("R2", "Two", Fixture.box(2, 0, 3, 1)),
        ]))
        let catalog = RegionCatalog(regions: regions.items)
        var input = AnalysisInput(regions: regions, regionFields: fields)
        input.initiatives = builder.initiatives(from: Fixture.collection("initiatives.csv", [
            (Fixture.point(0.5, 0.5), [("id", "A"), ("status", "active"), ("radius_km", "10")]),
            (Fixture.point(1.5, 0.5), [("id", "P"), ("status", "planned"), ("radius_km", "10")]),
        ]), regions: regions.items, catalog: catalog)
        input.needs = builder.needs(from: Fixture.collection("needs.csv", [
            (Fixture.point(0.5, 0.5), [("id", "N1"), ("weight", "2")]),
            (Fixture.point(1.5, 0.5), [("id", "N2"), ("weight", "3")]),
            (Fixture.point(1.0, 0.9), [("id", "N3"), ("weight", "8")]),
            (Fixture.point(2.5, 0.5), [("id", "N4"), ("weight", "10")]),
        ]), regions: regions.items, catalog: catalog)
        return (input, builder)
    }

    @Test func includingThePlannedInitiativesCoversTheirDemandAndMovesTheRanks() throws {
        let (input, _) = try Self.input()
        let s = try ScenarioComparison.run(input, parameters: AnalysisParameters(), change: .includePlanned)
        let r1 = s.changes[0], r2 = s.changes[1]
        // R1: N1 covered before; N2 too after; N3 never. R2: N4 never.
        #expect(r1.needsUncovered.before == 11 && r1.needsUncovered.after == 8 && r1.uncoveredDemand.change == -3)
        #expect(r2.needsUncovered.before == 10 && r2.needsUncovered.after == 10)
        // R1 had the most uncovered demand (11 > 10); after, R2 has (10 > 8).
        #expect(r1.gapRank.before == 1 && r1.gapRank.after == 2 && r1.gapRank.change == 1)
        #expect(r2.gapRank.before == 2 && r2.gapRank.after == 1)
        #expect(r1.initiatives.before == 1 && r1.initiatives.after == 2)
        // Newly covered: P's disc, whole inside R1 and apart from A's.
        #expect(abs(r1.newlyCoveredKm2 / Self.discKm2 - 1) < 1e-4, "\(r1.newlyCoveredKm2)")
        #expect(abs(r1.coveredKm2.change - r1.newlyCoveredKm2) <= 1e-9 * r1.newlyCoveredKm2)
        #expect(r2.newlyCoveredKm2 == 0 && r1.noLongerCoveredKm2 == 0)
        #expect(s.newlyCovered[1].isEmpty && !s.newlyCovered[0].isEmpty)
    }

    @Test func aPlanFileAddsToOrReplacesTheCurrentInitiatives() throws {
        let (input, builder) = try Self.input()
        let regions = input.regions.items
        let plan = builder.initiatives(from: Fixture.collection("plan.csv", [
            (Fixture.point(2.5, 0.5), [("id", "Q"), ("status", "planned"), ("radius_km", "10")]),
            (Fixture.point(0.5, 0.5), [("id", "A"), ("status", "active"), ("radius_km", "10")]),
            (Fixture.point(1.0, 0.9), [("id", "X"), ("status", "closed"), ("radius_km", "10")]),
        ]), regions: regions, catalog: RegionCatalog(regions: regions))
        // Added: Q (planned, counts as the plan) covers N4; A is already current (a duplicate); X is closed.
        let added = try ScenarioComparison.run(input, parameters: AnalysisParameters(), change: .plan(plan, mode: .add))
        #expect(added.changes[1].needsUncovered.after == 0 && added.changes[0].needsUncovered.after == 11)
        #expect(abs(added.changes[1].newlyCoveredKm2 / Self.discKm2 - 1) < 1e-4)
        let merged = try #require(added.after.layers[.initiatives])
        #expect(merged.read == 5 && merged.used == 4 && merged.duplicates == 1 && merged.balances)
        #expect(added.after.issues.contains { $0.file == "plan.csv" && $0.disposition == .duplicate && $0.id == "A" })
        // Replaced: A is in the plan, so R1 keeps N1 covered; P (current, planned) is not in the plan either way.
        let replaced = try ScenarioComparison.run(input, parameters: AnalysisParameters(), change: .plan(plan, mode: .replace))
        #expect(replaced.changes[0].noLongerCoveredKm2 == 0 && replaced.changes[1].needsUncovered.after == 0)
        // A plan without A: R1 loses A's disc.
        let withoutA = LoadedLayer(items: plan.items.filter { $0.id != "A" }, account: plan.account, issues: plan.issues)
        let lost = try ScenarioComparison.run(input, parameters: AnalysisParameters(), change: .plan(withoutA, mode: .replace))
        #expect(abs(lost.changes[0].noLongerCoveredKm2 / Self.discKm2 - 1) < 1e-4)
        #expect(lost.changes[0].needsUncovered.after == 13)
    }

    @Test func onTheSampleDataTheNewlyCoveredAreaIsTheGainInCoveredArea() throws {
        let root = Fixture.projectRoot + "/geodata/mali/"
        let input = try AnalysisWorkflow.load(AnalysisRequest(
            regionsPath: root + "regions.geojson", initiativesPath: root + "initiatives.csv", needsPath: root + "needs.csv",
            incidentsPath: root + "incidents.csv"))
        let s = try ScenarioComparison.run(input, parameters: AnalysisParameters(), change: .includePlanned)
        for c in s.changes {
            // Planned initiatives only add coverage: region ∩ (after − before) = (region ∩ after) − (region ∩ before),
            // up to the noding of the two overlay paths: measured at most 7e-7 of the region's area (Gao, whose
            // coverage after follows its own edges), so 1e-6 of it, the cross-check's tolerance for areas.
            let area = s.after.metrics.first { $0.regionID == c.regionID }!.areaKm2
            #expect(c.noLongerCoveredKm2 <= 1e-6 * area)
            #expect(abs(c.newlyCoveredKm2 - c.coveredKm2.change) <= 1e-6 * area, "\(c.regionID)")
            #expect(c.uncoveredDemand.after <= c.uncoveredDemand.before + 1e-9)
        }
        let (before, after) = s.totals
        #expect(after.uncoveredDemand < before.uncoveredDemand)
        #expect(s.before.initiativeInRun.filter { $0 }.count == 44)
    }
}
