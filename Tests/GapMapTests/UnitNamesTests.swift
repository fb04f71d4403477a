import Foundation
import GeoCore
import Testing
import TestSupport
@testable import GapMap

/// Units are called by their level: communes are never "régions" (issue 17).
struct UnitNamesTests {
    @Test func namesComeFromTheLevelAndTheCountryOfThePCodes() {
        #expect(UnitNames.of(level: 3, pcode: "ML010101").plural(.french) == "communes")
        #expect(UnitNames.of(level: 2, pcode: "ML0101").plural(.english) == "cercles")
        #expect(UnitNames.of(level: 1, pcode: "ML01").plural(.french) == "régions")
        #expect(UnitNames.of(level: 2, pcode: "NE001").plural(.french) == "départements")
        #expect(UnitNames.of(level: 3, pcode: "TD0101").singular(.french) == "sous-préfecture")
        // Unknown country or level: generic, never a Malian name.
        #expect(UnitNames.of(level: 2, pcode: "XX12").plural(.english) == "admin-2 units")
        #expect(UnitNames.of(level: nil, pcode: "ML010101") == .regions)
        #expect(UnitNames.of(level: 3, pcode: "ML010101").count(1, .english) == "1 commune")
        #expect(UnitNames.of(level: 3, pcode: "ML010101").count(1200, .french) == "1\u{202F}200 communes")
    }

    @Test func theUserCanNameThem() {
        #expect(UnitNames.parse("zone") == UnitNames(singular: LocalizedText("zone", fr: "zone"), plural: LocalizedText("zones", fr: "zones")))
        #expect(UnitNames.parse("district/districts/district/districts")?.plural(.french) == "districts")
        #expect(UnitNames.parse("county/counties")?.plural(.english) == "counties")
        for bad in ["", "a/", "a/b/c", "a/b/c/d/e"] { #expect(UnitNames.parse(bad) == nil, "\(bad)") }
    }

    /// The 701 communes of the COD-AB: the map says "701 communes" in both
    /// languages, its legend counts communes, and no "régions" is left.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: Fixture.projectRoot + "/geodata/mali-cod-2015/adm3-communes.geojson")))
    func theMapOfTheCommunesCallsThemCommunes() throws {
        let request = AnalysisRequest(regionsPath: Fixture.projectRoot + "/geodata/mali-cod-2015/adm3-communes.geojson",
                                      initiativesPath: Fixture.projectRoot + "/geodata/mali/initiatives.csv")
        let report = try AnalysisWorkflow.run(request)
        #expect(report.unitNames.plural(.english) == "communes")
        for (language, count, legend) in [(ReportLanguage.english, "701 communes", "number of communes"),
                                          (.french, "701 communes", "nombre de communes")] {
            var options = MapOptions()
            options.language = language
            let svg = try ChoroplethMap(report: report, options: options).svg()
            #expect(svg.contains(count + ", ") && svg.contains(legend), "\(language)")
            #expect(!svg.contains("régions") && !svg.contains(" regions"), "\(language)")
        }
        // The user's name wins.
        var renamed = request
        renamed.parameters.unitName = "municipality/municipalities/commune/communes"
        let named = try AnalysisWorkflow.run(renamed)
        #expect(try ChoroplethMap(report: named).svg().contains("701 municipalities, "))
    }

    /// 12 incidents in Bamako's Commune III (0.0016 square degrees, under
    /// 2 px on a map of Mali) rank it first, 6 in Salam and 3 in Gossi
    /// second and third: the first is named in an inset, the others on the
    /// map with their rank, and the cercles are outlined.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: Fixture.projectRoot + "/geodata/mali-cod-2015/adm3-communes.geojson")))
    func aTopUnitTooSmallToSeeIsNamedInAnInset() throws {
        let folder = TestSupport.temporaryFolder("gapmap-inset")
        var csv = "id,lon,lat\n"
        for (i, (lon, lat, n)) in [(-8.0113, 12.6518, 12), (-2.928, 20.8152, 6), (-1.1654, 15.7525, 3)].enumerated() {
            for k in 0..<n { csv += "E\(i)-\(k),\(lon),\(lat)\n" }
        }
        try csv.write(toFile: folder + "/incidents.csv", atomically: true, encoding: .utf8)
        let report = try AnalysisWorkflow.run(AnalysisRequest(regionsPath: Fixture.projectRoot + "/geodata/mali-cod-2015/adm3-communes.geojson",
                                                              incidentsPath: folder + "/incidents.csv"))
        #expect(report.ranked.prefix(3).map(\.name) == ["Commune III", "Salam", "Gossi"])
        var options = MapOptions()
        options.metric = MapMetric(MetricCatalogue.uncoveredDemand)
        let svg = try ChoroplethMap(report: report, options: options).svg()
        let inset = try #require(svg.components(separatedBy: "<g id=\"inset\">").dropFirst().first?.components(separatedBy: "<g id=\"legend\"").first)
        #expect(inset.contains(">1. Commune III<"))
        let labels = try #require(svg.components(separatedBy: "<g id=\"labels\"").dropFirst().first?.components(separatedBy: "</g>").first)
        #expect(!labels.contains("Commune III"))
        #expect(labels.contains(">2. Salam<") && labels.contains(">3. Gossi<"))
        #expect(svg.contains("<rect id=\"inset-extent\""))
        // 50 cercles outlined around the communes, in the legend as such.
        let outlines = try #require(svg.components(separatedBy: "<g id=\"parent-outlines\"").dropFirst().first?.components(separatedBy: "</g>").first)
        #expect(outlines.components(separatedBy: "<path ").count - 1 == 50)
        #expect(svg.contains("boundary of a cercle"))
    }
}
