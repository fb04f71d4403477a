import Foundation
import GeoCore
import Testing
@testable import GapMap

/// Suggested sites' discs and hotspot outlines are held to the rule of an
/// initiative's disc (`Geodesy.discLimit`): none may reach a pole or cross
/// 180° longitude (issue 14, items 3-4).
///
/// The distances by hand: from latitude 89.9° to the pole along a meridian,
/// 0.1° of the meridian's arc where its radius of curvature is
/// a/√(1−e²) = 6,399.594 km: 11.169 km. From longitude 179.95° on the
/// equator to 180°, 0.05° of the equator (radius a = 6,378.137 km): 5.566 km.
struct PlannerDiscLimitTests {
    /// Three needs near the North Pole, or near 180° on the equator, none covered.
    static func report(nearPole: Bool) throws -> CoverageReport {
        let region = nearPole ? Fixture.box(-10, 89, 10, 89.95) : Fixture.box(179, -1, 179.99, 1)
        let points: [(Double, Double)] = nearPole ? [(0, 89.9), (0.01, 89.9), (0, 89.895)] : [(179.95, 0), (179.95, 0.001), (179.949, 0)]
        let needs = Fixture.collection("needs.csv", points.enumerated().map { i, p in (Fixture.point(p.0, p.1), [("id", "N\(i)"), ("weight", "1")]) })
        return try Fixture.analyze(regions: Fixture.regions([("R1", "Far", region)]), needs: needs)
    }

    static func suggest(_ report: CoverageReport, radiusKm: Double) throws -> SiteSuggestion {
        try SiteSuggestion.run(report, demand: DemandPoints(.uncovered, rowsOf: report), request: SiteSuggestionRequest(sites: 1, radiusKm: radiusKm))
    }

    static func hotspots(_ report: CoverageReport, radiusKm: Double) throws -> HotspotAnalysis {
        try HotspotAnalysis.find(report, demand: DemandPoints(.uncovered, rowsOf: report), request: HotspotRequest(radiusKm: radiusKm, minimumWeight: 2))
    }

    @Test func aSuggestedSiteWhoseDiscReachesThePoleOrCrosses180IsRefusedWithTheReason() throws {
        let pole = try Self.report(nearPole: true)
        // 11.0 km < 11.169 km to the pole from (0, 89.9): drawn; 11.4 km: refused.
        #expect(try Self.suggest(pole, radiusKm: 11).sites.count == 1)
        #expect {
            try Self.suggest(pole, radiusKm: 11.4)
        } throws: { error in
            let text = "\(error)"
            return (error as? GapMapError)?.field == "radius" && text.contains("reaches the North Pole")
                && text.contains("candidate site") && text.contains("give a smaller --radius")
        }
        let antimeridian = try Self.report(nearPole: false)
        // 5.5 km < 5.566 km to 180° from (179.95, 0): drawn; 5.7 km: refused.
        #expect(try Self.suggest(antimeridian, radiusKm: 5.5).sites.count == 1)
        #expect {
            try Self.suggest(antimeridian, radiusKm: 5.7)
        } throws: { error in
            "\(error)".contains("crosses the antimeridian (180° longitude)") && "\(error)".contains("give a smaller --radius")
        }
    }

    @Test func aHotspotWhoseOutlineWouldReachThePoleOrCross180IsRefusedWithTheReason() throws {
        let pole = try Self.report(nearPole: true)
        // The outline's discs have half the radius: 22 km → 11 km, drawn; 23 km → 11.5 km, refused.
        let drawn = try Self.hotspots(pole, radiusKm: 22)
        #expect(drawn.hotspots.count == 1 && drawn.hotspots[0].members == 3)
        #expect {
            try Self.hotspots(pole, radiusKm: 23)
        } throws: { error in
            (error as? GapMapError)?.field == "radius" && "\(error)".contains("the outline of a hotspot around an uncovered need")
                && "\(error)".contains("reaches the North Pole")
        }
        let antimeridian = try Self.report(nearPole: false)
        #expect(try Self.hotspots(antimeridian, radiusKm: 11).hotspots.count == 1)
        #expect {
            try Self.hotspots(antimeridian, radiusKm: 11.4)
        } throws: { error in
            "\(error)".contains("crosses the antimeridian")
        }
    }

    /// The same centre and radius give the same verdict for an initiative's
    /// row as for a site: one rule.
    @Test func anInitiativeOfTheSameRadiusIsRefusedAtTheSameDistance() throws {
        let region = Fixture.box(-10, 89, 10, 89.95)
        let initiatives = Fixture.collection("initiatives.csv", [
            (Fixture.point(0, 89.9), [("id", "I1"), ("radius_km", "11")]),
            (Fixture.point(0, 89.9), [("id", "I2"), ("radius_km", "11.4")]),
        ])
        let report = try Fixture.analyze(regions: Fixture.regions([("R1", "Far", region)]), initiatives: initiatives)
        #expect(report.issues.map(\.line) == [3])
        #expect(report.issues.first?.reason.contains("reaches the North Pole") == true)
    }
}
