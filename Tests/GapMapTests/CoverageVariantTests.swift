import Foundation
import Testing
import TestSupport
import GeoCore
@testable import GapMap

/// The report's coverage variants (one actor's initiatives) and its trend
/// flags per need category, against figures worked out by hand.
struct CoverageVariantTests {
    /// Two 1° squares on the equator, R1 west of R2; a state initiative
    /// (20 km) at R1's centre and a community one (20 km) at R2's centre.
    static func layers(needs: String) throws -> (request: AnalysisRequest, needsPath: String) {
        let folder = temporaryFolder("variants")
        func square(_ id: String, _ x: Int) -> String {
            #"{"type":"Feature","properties":{"id":"\#(id)","name":"\#(id)"},"geometry":{"type":"Polygon","coordinates":[[[\#(x),0],[\#(x + 1),0],[\#(x + 1),1],[\#(x),1],[\#(x),0]]]}}"#
        }
        let regions = folder + "/regions.geojson", initiatives = folder + "/initiatives.csv", needsPath = folder + "/needs.csv"
        try #"{"type":"FeatureCollection","features":[\#(square("R1", 0)),\#(square("R2", 1))]}"#.write(toFile: regions, atomically: true, encoding: .utf8)
        try """
            id,name,actor,kind,status,lon,lat,radius_km
            I1,Post 1,state,police_post,active,0.5,0.5,20
            I2,Committee 2,community,police_post,active,1.5,0.5,20

            """.write(toFile: initiatives, atomically: true, encoding: .utf8)
        try needs.write(toFile: needsPath, atomically: true, encoding: .utf8)
        return (AnalysisRequest(regionsPath: regions, initiativesPath: initiatives, needsPath: needsPath), needsPath)
    }

    @Test func aVariantCoversWhatItsInitiativesCoverWithoutReadingTheNeedsAgain() throws {
        // N1 2 km from I1 (weight 2), N2 5.5 km from I2 (3), N3 62 km from I1 (5), N4 names R1 (4).
        let (request, needsPath) = try Self.layers(needs: """
            id,category,weight,date,lon,lat,region
            N1,justice,2,2024-01-10,0.5,0.52,
            N2,justice,3,2024-02-10,1.5,0.45,
            N3,police,5,2024-01-20,0.9,0.9,
            N4,police,4,2024-03-01,,,R1

            """)
        let source = try AnalysisSource(request)
        let monthly = MonthlyDemand(keepsPoints: true)
        let report = try CoverageAnalysis(parameters: request.parameters).run(source, into: [monthly])
        // The needs file is gone: a variant that read it again would fail.
        try FileManager.default.removeItem(atPath: needsPath)
        let (variants, choices, windows) = try CoverageVariant.all(source, request: request, report: report, monthly: monthly)
        #expect(windows == nil)  // no dated initiative
        #expect(choices == [VariantChoice(window: 0, filter: .actor, value: "state", coverage: 1),
                            VariantChoice(window: 0, filter: .actor, value: "community", coverage: 2)])
        #expect(variants.map { "\($0.filter?.rawValue ?? "")=\($0.value)" } == ["actor=state", "actor=community"])
        guard variants.count == 2 else { return }
        func covered(_ v: CoverageVariant, _ region: Int) -> Double {
            zip(monthly.keys, v.coveredWeights).filter { $0.0.region == region }.reduce(0) { $0 + $1.1 }
        }
        // A 64-gon inscribed in a 20 km circle: 32 r² sin(2π/64) = 1254.6 km²; R1, 1° × 1° on the
        // equator: 111.32 km × 110.57 km = 12,308 km². N4's covered weight: 4 × 1254.6 / 12,308 = 0.4077.
        let disc = 32 * 400 * sin(2 * Double.pi / 64), square = 111.32 * 110.57
        let (state, community) = (variants[0], variants[1])
        #expect(abs(state.metrics[0].coveredKm2 - disc) < 0.01 * disc)
        #expect(state.metrics[1].coveredKm2 == 0)
        #expect(state.metrics.map(\.initiatives) == [1, 0])
        #expect(community.metrics.map(\.initiatives) == [0, 1])
        #expect(abs(covered(state, 0) - (2 + 4 * disc / square)) < 0.01)
        #expect(covered(state, 1) == 0)
        #expect(covered(community, 0) == 0)  // N1 out of I2's reach, R1 not covered by it
        #expect(covered(community, 1) == 3)
        // The run itself covers both: N1, N2 and N4's share.
        #expect(abs(monthly.sums.reduce(0) { $0 + $1.coveredWeight } - (2 + 3 + 4 * disc / square)) < 0.01)
    }

    @Test func trendFlagsFollowTheCategoryChosen() throws {
        // In R1, months Jan–Apr 2024: "justice" 4, 4, 4, 6 (April +50 %: large); "police" 1, 1, 1, 0
        // (April −100 %); both 5, 5, 5, 6 (April +20 %: no flag).
        var rows = ["id,category,weight,date,lon,lat"]
        for (m, (justice, police)) in [(4.0, 1.0), (4, 1), (4, 1), (6, 0)].enumerated() {
            rows.append("J\(m),justice,\(justice),2024-0\(m + 1)-05,0.2,0.2")
            if police > 0 { rows.append("P\(m),police,\(police),2024-0\(m + 1)-06,0.3,0.3") }
        }
        let (request, _) = try Self.layers(needs: rows.joined(separator: "\n") + "\n")
        let monthly = MonthlyDemand(keepsPoints: true)
        _ = try CoverageAnalysis(parameters: request.parameters).run(try AnalysisSource(request), into: [monthly])
        let flags = TrendFlagsByGroup(monthly, regionCount: 2)
        #expect(monthly.needCategories == ["justice", "police"])
        #expect(flags.needs.count == 3)
        #expect(flags.needs[0].isEmpty)  // every category: +20 %
        #expect(flags.needs[1] == [TrendFlagsByGroup.Flagged(region: 0, month: 2024 * 12 + 3, changePct: 50, flag: .large)])
        #expect(flags.needs[2].isEmpty)
        #expect(flags.incidents == [[]])  // no incident at all: one filter (every type), no flag
    }

    @Test func hexagonsKeepTheirWeightPerPeriodAndCategory() throws {
        // N1 (2, January, justice) and N2 (3, February, justice) covered, N3 (5, January, police) not.
        let (request, _) = try Self.layers(needs: """
            id,category,weight,date,lon,lat
            N1,justice,2,2024-01-10,0.5,0.52
            N2,justice,3,2024-02-10,1.5,0.45
            N3,police,5,2024-01-20,0.9,0.9

            """)
        let monthly = MonthlyDemand(keepsPoints: true)
        let report = try CoverageAnalysis(parameters: request.parameters).run(try AnalysisSource(request), into: [monthly])
        var data = ReportData(report: report, monthly: monthly, variants: [], windows: nil, shared: nil)
        data.dotLimit = 1  // three points: hexagons
        let json = try #require(try JSONSerialization.jsonObject(with: Data(try data.json().utf8)) as? [String: Any])
        let periods = try #require(json["periods"] as? [Any]), hexagons = try #require(json["hexagons"] as? [String: Any])
        let needs = try #require(hexagons["needs"] as? [String: [Double]])
        let january = try #require(periods.firstIndex { ($0 as? [Int]) == [2024 * 12, 2024 * 12] })
        let police = try #require(monthly.needCategories.firstIndex(of: "police"))
        var hexagon = 0, byHexagon: [Int: Double] = [:]
        var januaryCovered = 0.0, januaryUncovered = 0.0, policeWeight = 0.0
        for i in needs["step"]!.indices {
            hexagon += Int(needs["step"]![i])
            byHexagon[hexagon, default: 0] += needs["covered"]![i] + needs["uncovered"]![i]
            if Int(needs["period"]![i]) == january {
                januaryCovered += needs["covered"]![i]
                januaryUncovered += needs["uncovered"]![i]
            }
            if Int(needs["group"]![i]) == police { policeWeight += needs["covered"]![i] + needs["uncovered"]![i] }
        }
        #expect(januaryCovered == 2 && januaryUncovered == 5)
        #expect(policeWeight == 5)
        #expect(byHexagon.values.sorted() == [2, 3, 5])  // the three points are far apart: a hexagon each
        #expect(needs["x"]?.count == 3)
        #expect(hexagons["byPeriod"] as? Bool == true)
        // Past the entry limit: one entry per hexagon, and the page told that they do not follow the filters.
        data.hexagonEntryLimit = 2
        let capped = try #require(try JSONSerialization.jsonObject(with: Data(try data.json().utf8)) as? [String: Any])
        let cappedHexagons = try #require(capped["hexagons"] as? [String: Any])
        #expect(cappedHexagons["byPeriod"] as? Bool == false)
        let cappedNeeds = try #require(cappedHexagons["needs"] as? [String: [Double]])
        #expect(zip(cappedNeeds["covered"]!, cappedNeeds["uncovered"]!).map { $0 + $1 }.sorted() == [2, 3, 5])
    }
}
