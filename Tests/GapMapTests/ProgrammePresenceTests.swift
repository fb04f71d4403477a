import Foundation
import GeoCore
import GeoFormats
import Testing
@testable import GapMap

/// Programmes (initiatives that name a region instead of giving coordinates)
/// are presence, not area coverage (DESIGN.md semantics 1, 2, 8), on data
/// small enough to know every answer by hand.
struct ProgrammePresenceTests {
    /// Two unit squares sharing the meridian 1°E, near the equator.
    let twoSquares = Fixture.regions([("A", "Alpha", Fixture.box(0, 0, 1, 1)), ("B", "Beta", Fixture.box(1, 0, 2, 1))])

    /// A radio programme naming Alpha, a 10 km disc in Beta, and three needs:
    /// a point in Alpha, a point at the disc's centre, a reference to Alpha.
    var initiatives: FeatureCollection {
        Fixture.collection("initiatives.csv", [
            (nil, [("id", "radio"), ("region", "Alpha"), ("status", "active")]),
            (Fixture.point(1.5, 0.5), [("id", "post"), ("radius_km", "10"), ("status", "active")]),
        ])
    }

    var needs: FeatureCollection {
        Fixture.collection("needs.csv", [
            (Fixture.point(0.5, 0.5), [("id", "N1"), ("weight", "2")]),
            (Fixture.point(1.5, 0.5), [("id", "N2"), ("weight", "3")]),
            (nil, [("id", "N3"), ("weight", "4"), ("region", "Alpha")]),
        ])
    }

    @Test func aProgrammeIsPresentInItsRegionAndCoversNothing() throws {
        let report = try Fixture.analyze(regions: twoSquares, initiatives: initiatives, needs: needs)
        let a = report.metrics[0], b = report.metrics[1]
        #expect(a.programmes == 1 && b.programmes == 0)
        // Only the disc is a footprint: Alpha is not covered at all.
        #expect(a.coveredKm2 == 0 && a.coveragePct == 0)
        #expect(a.initiatives == 0 && b.initiatives == 1)
        // N1 (point, Alpha) and N3 (reference, Alpha: 4 × 0 / area) are uncovered; N2 at the disc's centre is covered.
        #expect(a.needs == 6 && a.needsCovered == 0 && a.needsUncovered == 6)
        #expect(b.needs == 3 && b.needsCovered == 3)
        // Ranked by uncovered demand: Alpha (6) before Beta (0).
        #expect(a.gapRank == 1 && b.gapRank == 2)
        // The gap of Alpha is all of Alpha.
        #expect(abs(Geodesy.areaSquareKilometers(report.gaps[0]) - a.areaKm2) < 1e-9 * a.areaKm2)
        // The coverage is the disc alone: 64 triangles of 10 km, flat to ~2e-7 at this size.
        let disc = 32 * 100 * sin(2 * Double.pi / 64)
        #expect(abs(report.coverageKm2 / disc - 1) < 1e-5)
    }

    @Test func asCoverageOnRequestAProgrammeCoversItsWholeRegionAsBefore() throws {
        var parameters = AnalysisParameters()
        parameters.programmesAsCoverage = true
        let report = try Fixture.analyze(regions: twoSquares, initiatives: initiatives, needs: needs, parameters: parameters)
        let a = report.metrics[0]
        #expect(a.coveredKm2 == a.areaKm2 && a.coveragePct == 100)
        #expect(a.needsCovered == 6 && a.needsUncovered == 0)
        // Located in the region it names, as before; and still present there.
        #expect(a.initiatives == 1 && a.programmes == 1)
        #expect(report.gaps[0].isEmpty)
    }

    @Test func closedAndPlannedProgrammesFollowTheRunsStatusRule() throws {
        let initiatives = Fixture.collection("initiatives.csv", [
            (nil, [("id", "p1"), ("region", "Alpha"), ("status", "active")]),
            (nil, [("id", "p2"), ("region", "A"), ("status", "")]),
            (nil, [("id", "p3"), ("region", "Alpha"), ("status", "planned")]),
            (nil, [("id", "p4"), ("region", "Alpha"), ("status", "closed")]),
        ])
        #expect(try Fixture.analyze(regions: twoSquares, initiatives: initiatives).metrics.map(\.programmes) == [2, 0])
        var withPlanned = AnalysisParameters()
        withPlanned.includePlanned = true
        #expect(try Fixture.analyze(regions: twoSquares, initiatives: initiatives, parameters: withPlanned).metrics.map(\.programmes) == [3, 0])
    }

    /// Regions of three levels in one layer: a programme naming the top one
    /// is present in it and in every unit below it, once each.
    @Test func aProgrammeNamingAParentIsPresentInEveryUnitBelowItOnce() {
        func region(_ id: String, _ parent: String?) -> Region {
            Region(id: id, name: id, parentID: parent, alternateNames: [], population: nil, geometry: .emptyPolygonal, location: "")
        }
        let regions = [region("ML06", nil), region("ML0601", "ML06"), region("ML060101", "ML0601"), region("ML060102", "ML0601"),
                       region("ML07", nil), region("ML0701", "ML07")]
        func programme(_ id: String, naming r: Int) -> Initiative {
            Initiative(id: id, name: "", actor: nil, kind: "", status: nil, placement: .region(r), radiusKm: nil, startDate: "",
                       endDate: "", line: 0)
        }
        let post = Initiative(id: "post", name: "", actor: nil, kind: "", status: nil, placement: .point(Coordinate(x: 0, y: 0)),
                              radiusKm: nil, startDate: "", endDate: "", line: 0)
        // "radio" names ML06, "committee" one of its communes, "post" has a location.
        let presence = ProgrammePresence(initiatives: [programme("radio", naming: 0), programme("committee", naming: 2), post],
                                         inRun: [true, true, true], regions: regions)
        #expect(regions.indices.map { presence.count(in: $0) } == [1, 1, 2, 1, 0, 0])
        // A parent counts each programme present in its children once: the
        // cercle ML0601 holds radio (in both communes) and committee.
        #expect(presence.count(inAnyOf: [2, 3]) == 2)
        #expect(presence.count(inAnyOf: [4, 5]) == 0)
    }

    @Test func aRollUpCountsAProgrammePresentInSeveralChildrenOnce() throws {
        // One layer holding the cercle C1 and its communes C101 and C102 (parent_id), and C201 of cercle C2.
        let regions = Fixture.collection("regions.geojson", [
            (Fixture.box(0, 0, 2, 1), [("id", "C1"), ("name", "Cercle one"), ("parent_id", "")]),
            (Fixture.box(0, 0, 1, 1), [("id", "C101"), ("name", "One"), ("parent_id", "C1")]),
            (Fixture.box(1, 0, 2, 1), [("id", "C102"), ("name", "Two"), ("parent_id", "C1")]),
            (Fixture.box(0, 1, 1, 2), [("id", "C201"), ("name", "Three"), ("parent_id", "C2")]),
        ])
        // radio names the cercle: present in C1, C101 and C102; committee names C101 only.
        let initiatives = Fixture.collection("initiatives.csv", [
            (nil, [("id", "radio"), ("region", "C1")]), (nil, [("id", "committee"), ("region", "C101")]),
        ])
        let report = try Fixture.analyze(regions: regions, initiatives: initiatives)
        #expect(report.metrics.map(\.programmes) == [1, 2, 1, 0])
        // Roll the communes up by their first two characters: C101 and C102 make C1 (the cercle's own row,
        // two characters long, has no parent at this level).
        let result = try AdminRollup.run(report, level: RollupLevel(name: "cercles", grouping: .idPrefix(2)),
                                         childProperties: report.regions.map { _ in Properties() })
        #expect(result.metrics.map(\.regionID) == ["C1", "C2"])
        // Two distinct programmes in C1 (radio and committee), where the sum over its communes would say 3.
        #expect(result.metrics.map(\.programmes) == [2, 0])
        // Over a whole run a programme may be present in many regions: programmes has no total.
        #expect(RegionTotals(report.metrics).value(of: MetricCatalogue.programmes) == nil)
    }
}
