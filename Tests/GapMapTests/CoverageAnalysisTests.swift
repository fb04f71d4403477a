import Foundation
import GeoCore
import GeoFormats
import Testing
@testable import GapMap

/// The semantics of DESIGN.md, each checked on data small enough to know the
/// answer by hand.
struct CoverageAnalysisTests {
    /// Two unit squares sharing the meridian 1°E, near the equator.
    let twoSquares = Fixture.regions([("A", "Alpha", Fixture.box(0, 0, 1, 1)), ("B", "Beta", Fixture.box(1, 0, 2, 1))])

    @Test func aPointOnASharedBoundaryCountsInExactlyOneRegionTheFirstInInputOrder() throws {
        let needs = Fixture.collection("needs.csv", [
            (Fixture.point(1, 0.5), [("id", "edge")]),  // on the shared edge
            (Fixture.point(1, 1), [("id", "corner")]),  // on a shared vertex
        ])
        let report = try Fixture.analyze(regions: twoSquares, needs: needs)
        #expect(report.metrics.map(\.needs) == [2, 0])
        let swapped = Fixture.regions([("B", "Beta", Fixture.box(1, 0, 2, 1)), ("A", "Alpha", Fixture.box(0, 0, 1, 1))])
        let again = try Fixture.analyze(regions: swapped, needs: needs)
        #expect(again.metrics.map(\.regionID) == ["B", "A"])
        #expect(again.metrics.map(\.needs) == [2, 0])
    }

    /// Two 1°×2° boxes straddling the equator. Their halves south of the
    /// equator mirror the northern ones, and every cut runs along the equator
    /// or a meridian (both geodesics), so a southern half has exactly half the
    /// geodesic area of its box.
    let straddling = Fixture.regions([("A", "Alpha", Fixture.box(0, -1, 1, 1)), ("B", "Beta", Fixture.box(1, -1, 2, 1))])
    let southernHalfOfA = Fixture.box(0, -1, 1, 0)

    @Test func aRegionReferencedNeedIsSplitByTheCoverageShare() throws {
        let initiatives = Fixture.collection("initiatives.csv", [(southernHalfOfA, [("id", "I1"), ("status", "active")])])
        let needs = Fixture.collection("needs.csv", [(nil, [("id", "N1"), ("weight", "4"), ("region", "alpha")])])
        let report = try Fixture.analyze(regions: straddling, initiatives: initiatives, needs: needs)
        let a = report.metrics[0]
        #expect(abs(a.coveredKm2 * 2 - a.areaKm2) < 1e-9 * a.areaKm2)
        #expect(a.needs == 4)
        #expect(abs(a.needsCovered - 2) < 1e-9)
        #expect(abs(a.needsUncovered - 2) < 1e-9)
        #expect(abs(a.coveragePct - 50) < 1e-7)
        // The gap is the other half.
        #expect(abs(Geodesy.areaSquareKilometers(report.gaps[0]) - a.areaKm2 / 2) < 1e-6 * a.areaKm2)
        #expect(report.layers[.needs]?.regionReferenced == 1)
    }

    @Test func aDiscInsideARegionCoversTheAreaOfTheInscribedRegularPolygon() throws {
        let r = 10.0, n = 64
        let initiatives = Fixture.collection("initiatives.csv", [(Fixture.point(0.5, 0.5), [("id", "I1"), ("radius_km", "10")])])
        let report = try Fixture.analyze(regions: twoSquares, initiatives: initiatives)
        let expected = Double(n) / 2 * r * r * sin(2 * .pi / Double(n))  // km², flat to ~2e-7 at this size
        #expect(abs(report.metrics[0].coveredKm2 / expected - 1) < 1e-5)
        #expect(report.metrics[1].coveredKm2 == 0)
        #expect(report.metrics[0].initiatives == 1)
        // A unit square at the equator is about 12,308 km² (111.32 km × 110.57 km).
        #expect(abs(report.metrics[0].areaKm2 - 12_308.8) < 5)
    }

    @Test func overlappingFootprintsAreCountedOnceAndTheDefaultRadiusApplies() throws {
        // Same centre: 5 km inside the default 10 km disc, so the union is the 10 km disc.
        let initiatives = Fixture.collection("initiatives.csv", [
            (Fixture.point(0.5, 0.5), [("id", "small"), ("radius_km", "5")]),
            (Fixture.point(0.5, 0.5), [("id", "default"), ("radius_km", "")]),
        ])
        let report = try Fixture.analyze(regions: twoSquares, initiatives: initiatives)
        let expected = 32 * 100 * sin(2 * Double.pi / 64)
        #expect(abs(report.metrics[0].coveredKm2 / expected - 1) < 1e-5)
        #expect(report.metrics[0].initiatives == 2)
    }

    @Test func plannedJoinOnlyWhenAskedAndClosedNever() throws {
        let initiatives = Fixture.collection("initiatives.csv", [
            (Fixture.point(0.5, 0.5), [("id", "a"), ("status", "active")]),
            (Fixture.point(1.5, 0.5), [("id", "p"), ("status", "planned")]),
            (Fixture.point(0.2, 0.2), [("id", "c"), ("status", "closed")]),
        ])
        let needs = Fixture.collection("needs.csv", [
            (Fixture.point(0.5, 0.5), [("id", "n1")]), (Fixture.point(1.5, 0.5), [("id", "n2")]), (Fixture.point(0.2, 0.2), [("id", "n3")]),
        ])
        let current = try Fixture.analyze(regions: twoSquares, initiatives: initiatives, needs: needs)
        #expect(current.metrics.map(\.needsCovered) == [1, 0])
        #expect(current.metrics.map(\.initiatives) == [1, 0])
        #expect(current.layers[.initiatives]?.inRun == 1)
        let planned = try Fixture.analyze(regions: twoSquares, initiatives: initiatives, needs: needs,
                                          parameters: AnalysisParameters(includePlanned: true))
        #expect(planned.metrics.map(\.needsCovered) == [1, 1])
        #expect(planned.metrics.map(\.initiatives) == [1, 1])
    }

    @Test func aPointOnTheEdgeOfAFootprintIsCovered() throws {
        // A square footprint; a need exactly on its boundary counts as covered.
        let initiatives = Fixture.collection("initiatives.csv", [(Fixture.box(0, 0, 0.5, 0.5), [("id", "sq")])])
        let needs = Fixture.collection("needs.csv", [
            (Fixture.point(0.5, 0.25), [("id", "on-edge")]), (Fixture.point(0.5000001, 0.25), [("id", "just-out")]),
        ])
        let report = try Fixture.analyze(regions: twoSquares, initiatives: initiatives, needs: needs)
        #expect(report.needOutcomes.map(\.covered) == [true, false])
    }

    @Test func everyRowIsAccountedFor() throws {
        let needs = Fixture.collection("needs.csv", [
            (Fixture.point(0.5, 0.5), [("id", "n1"), ("weight", "2"), ("severity", "3"), ("region", "")]),
            (Fixture.point(0.6, 0.5), [("id", "n1"), ("weight", "5"), ("severity", "3"), ("region", "")]),  // duplicate: first wins
            (nil, [("id", "n2"), ("weight", "1"), ("severity", "3"), ("region", "")]),  // nowhere: rejected
            (Fixture.point(0.5, 0.5), [("id", "n3"), ("weight", "-1"), ("severity", "3"), ("region", "")]),  // bad weight
            (Fixture.point(0.5, 0.5), [("id", "n4"), ("weight", "1"), ("severity", "9"), ("region", "")]),  // bad severity
            (nil, [("id", "n5"), ("weight", "1"), ("severity", ""), ("region", "Gamma")]),  // unknown region
            // Outside every region but within 100 km of their extent (≈55 km east): unassigned, not rejected.
            (Fixture.point(2.5, 0.5), [("id", "n6"), ("weight", "1.5"), ("severity", ""), ("region", "")]),
            (nil, [("id", "n7"), ("weight", "1"), ("severity", ""), ("region", "B")]),  // region reference by id
        ])
        let report = try Fixture.analyze(regions: twoSquares, needs: needs)
        let a = try #require(report.layers[.needs])
        #expect(a.read == 8)
        #expect(a.duplicates == 1)
        #expect(a.rejected == 4)
        #expect(a.used == 3)
        #expect(a.read == a.used + a.rejected + a.duplicates)
        #expect(a.points == 2 && a.assigned == 1 && a.unassigned == 1)
        #expect(a.regionReferenced == 1)
        #expect(a.unassignedWeight == 1.5)
        #expect(report.metrics.map(\.needs) == [2, 1])
        let reasons = report.issues.map(\.reason)
        #expect(report.issues.map(\.line) == [3, 4, 5, 6, 7])
        #expect(reasons[0].contains("already seen"))
        #expect(reasons[1].contains("no coordinates and no region"))
        #expect(reasons[2].contains("weight '-1'"))
        #expect(reasons[3].contains("severity '9'"))
        #expect(reasons[4].contains("'Gamma' matches no region"))
        #expect(reasons[4].contains("closest"))
    }

    @Test func gapRankPutsTheMostUncoveredDemandFirstThenLowerCoverageThenId() throws {
        let regions = Fixture.regions([
            ("R1", "One", Fixture.box(0, 0, 1, 1)), ("R2", "Two", Fixture.box(2, 0, 3, 1)),
            ("R3", "Three", Fixture.box(4, 0, 5, 1)), ("R0", "Zero", Fixture.box(6, 0, 7, 1)),
        ])
        let initiatives = Fixture.collection("initiatives.csv", [(Fixture.point(2.5, 0.5), [("id", "i")])])
        let needs = Fixture.collection("needs.csv", [
            (Fixture.point(0.5, 0.5), [("id", "a")]), (Fixture.point(0.6, 0.5), [("id", "b")]),
            (Fixture.point(2.1, 0.1), [("id", "c")]), (Fixture.point(2.9, 0.9), [("id", "d")]),
        ])
        // R1: 2 uncovered, 0 %; R2: 2 uncovered, >0 %; R3 and R0: 0 uncovered, 0 % → id order.
        let report = try Fixture.analyze(regions: regions, initiatives: initiatives, needs: needs)
        #expect(report.metrics.map(\.gapRank) == [1, 2, 4, 3])
    }

    @Test func populationComesFromSettlementsOrFromTheAreaShare() throws {
        let initiatives = Fixture.collection("initiatives.csv", [(southernHalfOfA, [("id", "south-half")])])
        let settlements = Fixture.collection("settlements.csv", [
            (Fixture.point(0.25, -0.5), [("id", "s1"), ("population", "1000")]),
            (Fixture.point(0.75, 0.5), [("id", "s2"), ("population", "500")]),
            (Fixture.point(1.5, 0.5), [("id", "s3"), ("population", "70")]),
        ])
        let bySettlements = try Fixture.analyze(regions: straddling, initiatives: initiatives, settlements: settlements)
        #expect(bySettlements.populationSource == .settlements)
        #expect(bySettlements.metrics.map(\.population) == [1500, 70])
        #expect(bySettlements.metrics.map(\.coveredPopulation) == [1000, 0])
        let withAttribute = Fixture.regions([("A", "Alpha", Fixture.box(0, -1, 1, 1)), ("B", "Beta", Fixture.box(1, -1, 2, 1))],
                                            population: [8000, 300])
        let byArea = try Fixture.analyze(regions: withAttribute, initiatives: initiatives)
        #expect(byArea.populationSource == .regionAttribute)
        #expect(abs(byArea.metrics[0].coveredPopulation! - 4000) < 1e-6)
        #expect(byArea.metrics[1].coveredPopulation == 0)
    }

    @Test func regionReferencedInitiativesCoverTheirWholeRegionOnlyWhenTheRunAsks() throws {
        let initiatives = Fixture.collection("initiatives.csv", [(nil, [("id", "radio"), ("region", "BETA")])])
        let needs = Fixture.collection("needs.csv", [(Fixture.point(1.5, 0.5), [("id", "n")]), (nil, [("id", "r"), ("region", "B")])])
        // By default a programme is presence (semantics 1): Beta is not covered.
        let presence = try Fixture.analyze(regions: twoSquares, initiatives: initiatives, needs: needs)
        #expect(presence.metrics[1].coveragePct == 0 && presence.metrics[1].needsCovered == 0)
        #expect(presence.metrics[1].programmes == 1 && presence.metrics[1].initiatives == 0)
        var parameters = AnalysisParameters()
        parameters.programmesAsCoverage = true
        let report = try Fixture.analyze(regions: twoSquares, initiatives: initiatives, needs: needs, parameters: parameters)
        #expect(abs(report.metrics[1].coveragePct - 100) < 1e-9)
        #expect(report.metrics[1].initiatives == 1)
        #expect(abs(report.metrics[1].needsCovered - 2) < 1e-9)
        #expect(report.gaps[1].isEmpty)
        #expect(report.metrics[0].coveredKm2 == 0)
    }

    @Test func invalidRegionPolygonsAreRepairedAndReported() throws {
        let bowtie = Geometry.polygon(Polygon(exterior: [
            Coordinate(x: 0, y: 0), Coordinate(x: 1, y: 1), Coordinate(x: 1, y: 0), Coordinate(x: 0, y: 1), Coordinate(x: 0, y: 0),
        ]))
        let regions = Fixture.regions([("X", "Bowtie", bowtie)])
        let report = try Fixture.analyze(regions: regions)
        #expect(report.layers[.regions]?.repaired == 1)
        #expect(report.issues.first?.disposition == .repaired)
        // Two triangles, each a quarter of the 1° square.
        let square = Geodesy.areaSquareKilometers(Fixture.box(0, 0, 1, 1))
        #expect(abs(report.metrics[0].areaKm2 / (square / 2) - 1) < 1e-3)
    }
}
