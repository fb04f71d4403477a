import Foundation
import GapMap
import Testing
import TestSupport
@testable import GapMapCLI

/// The bundled sample's invented initiatives, needs and incidents never join
/// a user's analysis, and every output of a run on them says they are
/// invented (issue 12, part 1). The sample's row counts are those that
/// geodata/README.md lists: 60 initiatives, 2,000 needs, 840 incident rows.
struct SampleDataTests {
    /// Three events of the user's own, at Mopti, Gao and Kayes (towns of
    /// regions ML05, ML07 and ML01), each of weight 1.
    static func userIncidents() throws -> String {
        let folder = AnalyzeCommandTests.temporaryFolder()
        let path = folder + "/events.csv"
        try """
            id,date,type,lon,lat
            E1,2024-01-05,battle,-4.1967,14.4843
            E2,2024-02-11,battle,-0.0444,16.2717
            E3,2024-03-20,riot,-11.4333,14.4500

            """.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func run(_ arguments: [String]) throws -> String {
        let command = try GapMapCommand.parseAsRoot(arguments)
        switch command {
        case let c as GapMapCommand.Map: return try c.execute()
        case let c as GapMapCommand.Report: return try c.execute()
        default: return try PlannerCommandTests.run(arguments)
        }
    }

    @Test func aUserLayerWithoutRegionsUsesTheSampleRegionsOnly() throws {
        let incidents = try Self.userIncidents()
        let out = AnalyzeCommandTests.temporaryFolder()
        let options = try LayerOptions.parse(["--incidents", incidents])
        let request = try options.request(AnalysisParameters())
        #expect(request.exampleData == .regionsOnly)
        #expect(request.regionsPath.hasSuffix("geodata/mali/regions.geojson"))
        #expect(request.initiativesPath == nil && request.needsPath == nil && request.settlementsPath == nil)
        #expect(ExampleData.regionsOnlyNotice(request.regionsPath).contains("none of the sample's invented initiatives, needs or incidents"))

        let document = try PlannerCommandTests.json(try Self.run(["analyze", "--incidents", incidents, "--json", "--out", out]))
        #expect(document["example_data"] as? Bool == false && document["notice"] == nil)
        let layers = try #require(document["layers"] as? [String: Any])
        #expect(layers["initiatives"] == nil && layers["needs"] == nil && layers["settlements"] == nil)
        #expect((layers["incidents"] as? [String: Any])?["read"] as? Int == 3)
        let regions = try #require(document["regions"] as? [[String: Any]])
        #expect(regions.count == 9)
        let byID = Dictionary(uniqueKeysWithValues: regions.map { ($0["region_id"] as! String, $0) })
        for id in ["ML05", "ML07", "ML01"] { #expect(byID[id]?["incidents"] as? Double == 1, "\(id)") }
        #expect(regions.map { $0["needs"] as! Double }.reduce(0, +) == 0)
        #expect(regions.map { $0["initiatives"] as! Int }.reduce(0, +) == 0)
        let csv = try String(contentsOfFile: out + "/summary.csv", encoding: .utf8)
        #expect(!csv.contains(ExampleData.marker))
    }

    /// Every command that reads layers, given the user's incidents and no
    /// --regions: no sample need, initiative or invented incident appears
    /// (the only demand is the user's 3 events), and nothing says "invented".
    @Test(arguments: ["analyze", "map", "report", "suggest", "hotspots", "scenario", "compare", "rollup"])
    func noCommandMixesTheSampleIntoAUserRun(command: String) throws {
        let incidents = try Self.userIncidents()
        let out = AnalyzeCommandTests.temporaryFolder()
        var arguments = [command]
        switch command {
        case "compare": arguments += ["ML05", "ML07", "--json"]
        case "map": arguments += ["--svg-only"]
        case "report": break
        case "hotspots": arguments += ["--radius", "25", "--min-weight", "1", "--json"]
        case "suggest": arguments += ["--sites", "2", "--json"]
        case "scenario": arguments += ["--include-planned", "--json"]
        default: arguments += ["--json"]
        }
        arguments += ["--incidents", incidents] + (command == "compare" ? [] : ["--out", out])
        let text = try Self.run(arguments)
        let written = try FileManager.default.contentsOfDirectory(atPath: out).map { try String(contentsOfFile: out + "/" + $0, encoding: .utf8) }
        for content in [text] + written {
            #expect(!content.contains(ExampleData.marker))
            #expect(!content.contains("INI-0") && !content.contains("NEED-0") && !content.contains("MLI3"))
        }
        switch command {
        case "map":
            let svg = try String(contentsOfFile: out + "/map.svg", encoding: .utf8)
            #expect(svg.contains("9 regions, 0 active initiatives with a footprint"))
        case "report":
            let html = try String(contentsOfFile: out + "/report.html", encoding: .utf8)
            #expect(html.contains("9 regions") && !html.contains("2,000") && !html.contains("2 000"))
        case "compare":
            // ML05 and ML07 hold one of the user's events each, and no need.
            let rows = try #require(try PlannerCommandTests.json(text)["metrics"] as? [[String: Any]])
            #expect(rows.first { $0["metric"] as? String == "incidents" }?["values"] as? [Double] == [1, 1])
            #expect(rows.first { $0["metric"] as? String == "needs" }?["values"] as? [Double] == [0, 0])
        default:
            // The largest demand figure the command prints is the user's 3 events.
            let document = try JSONSerialization.jsonObject(with: Data(text.utf8))
            #expect(Self.largestDemandTotal(document) == 3, "\(command): \(text.prefix(600))")
        }
    }

    /// The largest of the values under "incidents", "needs" or total demand
    /// keys anywhere in a JSON document: 3 when only the user's events are there.
    static func largestDemandTotal(_ value: Any) -> Double {
        var best = 0.0
        func visit(_ v: Any, key: String?) {
            if let d = v as? [String: Any] {
                for (k, x) in d { visit(x, key: k) }
            } else if let a = v as? [Any] {
                for x in a { visit(x, key: key) }
            } else if let n = v as? Double, let key,
                      ["incidents", "needs", "uncovered_demand", "demand_rows", "weight"].contains(key) {
                best = max(best, n)
            }
        }
        visit(value, key: nil)
        return best
    }

    @Test func sampleAndUserLayersAreNeverMixed() throws {
        let incidents = try Self.userIncidents()
        #expect(throws: (any Error).self) { try GapMapCommand.parseAsRoot(["analyze", "--sample", "--incidents", incidents]) }
        #expect(throws: (any Error).self) { try GapMapCommand.parseAsRoot(["map", "--sample", "--regions", "r.geojson"]) }
    }

    /// A run that names no layer (or --sample) is the whole sample, and each
    /// of its outputs says that the data are invented.
    @Test(arguments: [[], ["--sample"]])
    func everyOutputOfASampleRunSaysItIsInvented(extra: [String]) throws {
        let out = AnalyzeCommandTests.temporaryFolder()
        let text = try Self.run(["analyze", "--out", out] + extra)
        #expect(text.hasPrefix(ExampleData.marker))
        let document = try PlannerCommandTests.json(try Self.run(["analyze", "--json", "--out", out + "/j"] + extra))
        #expect(document["example_data"] as? Bool == true)
        #expect((document["notice"] as? String)?.hasPrefix(ExampleData.marker) == true)
        let layers = try #require(document["layers"] as? [String: Any])
        #expect((layers["initiatives"] as? [String: Any])?["read"] as? Int == 60)
        #expect((layers["needs"] as? [String: Any])?["read"] as? Int == 2000)
        #expect((layers["incidents"] as? [String: Any])?["read"] as? Int == 840)
        for file in ["regions", "gaps", "coverage", "needs", "incidents"] {
            let geojson = try String(contentsOfFile: "\(out)/\(file).geojson", encoding: .utf8)
            #expect(geojson.hasPrefix("{\"type\":\"FeatureCollection\",\"gapmap_notice\":\"\(ExampleData.marker)"), "\(file)")
            let parsed = try #require(try JSONSerialization.jsonObject(with: Data(geojson.utf8)) as? [String: Any])
            #expect(parsed["features"] is [Any])
        }
        let csv = try String(contentsOfFile: out + "/summary.csv", encoding: .utf8).split(separator: "\n")
        #expect(csv[0].hasSuffix(",gapmap_notice") && csv.dropFirst().allSatisfy { $0.hasSuffix("," + ExampleData.marker) })
        #expect(csv.count == 10)

        let gpkgOut = out + "/g"
        _ = try Self.run(["analyze", "--format", "gpkg", "--out", gpkgOut] + extra)
        let gpkg = try Data(contentsOf: URL(fileURLWithPath: gpkgOut + "/gapmap.gpkg"))
        #expect(gpkg.range(of: Data((ExampleData.marker + ". Regions with their coverage metrics").utf8)) != nil)
        #expect(gpkg.range(of: Data((ExampleData.marker + ". Needs with their region").utf8)) != nil)

        _ = try Self.run(["map", "--svg-only", "--out", out + "/m"] + extra)
        let svg = try String(contentsOfFile: out + "/m/map.svg", encoding: .utf8)
        #expect(svg.contains(">\(ExampleData.marker) — "))
        _ = try Self.run(["report", "--lang", "fr", "--out", out + "/r"] + extra)
        let html = try String(contentsOfFile: out + "/r/report.html", encoding: .utf8)
        #expect(html.contains("<p class=\"example\">DONNÉES D&apos;EXEMPLE INVENTÉES"))
        #expect(html.contains("<h1>DONNÉES D&apos;EXEMPLE INVENTÉES — "))
    }
}
