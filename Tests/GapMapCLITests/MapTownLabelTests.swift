import Foundation
import Testing
@testable import GapMap
@testable import GapMapCLI

/// A map of the 701 communes names what a reader needs to find their way:
/// the ten worst-ranked communes (all of them, with their rank) and the
/// largest towns (Bamako, Mopti, Gao...), not only the widest desert
/// communes; its legend writes French numbers with a decimal comma.
struct MapTownLabelTests {
    static let communes = FrenchEverywhereTests.communes

    /// The texts of the SVG's `<text>` elements with `class="town"`, and the bold ones.
    static func texts(_ svg: String, _ attribute: String) throws -> [String] {
        let regex = try NSRegularExpression(pattern: "<text[^>]*\(attribute)[^>]*>([^<]*)</text>")
        return regex.matches(in: svg, range: NSRange(svg.startIndex..., in: svg)).map {
            (svg as NSString).substring(with: $0.range(at: 1)).replacingOccurrences(of: "&apos;", with: "'").replacingOccurrences(of: "&gt;", with: ">")
                .replacingOccurrences(of: "&amp;", with: "&")
        }
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: communes), "geodata/mali-cod-2015 is absent"),
          .enabled(if: UrbanPlaces.locate() != nil, "geodata/urban/cities15000.csv is absent"))
    func theCommunesMapNamesTheWorstCommunesAndTheLargestTowns() throws {
        let folder = AnalyzeCommandTests.temporaryFolder()
        let layers = ["--regions", Self.communes, "--initiatives", AnalyzeCommandTests.sample("initiatives.csv"),
                      "--needs", AnalyzeCommandTests.sample("needs.csv"), "--incidents", AnalyzeCommandTests.sample("incidents.csv")]
        _ = try FrenchEverywhereTests.run(["analyze"] + layers + ["--out", folder + "/a"])
        for language in ["fr", "en"] {
            _ = try FrenchEverywhereTests.run(["map", "--svg-only", "--metric", "uncovered_demand", "--lang", language] + layers + ["--out", folder + "/\(language)"])
            let svg = try String(contentsOfFile: folder + "/\(language)/map.svg", encoding: .utf8)
            // The ten worst communes by gap rank, as regions.geojson ranks them, each named with its rank
            // (on the map, or in the inset where the commune is too small to see).
            let regions = try ReportFilterCombinationTests.regions(folder + "/a/regions.geojson")
            let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/a/regions.geojson"))) as! [String: Any]
            let names = Dictionary(uniqueKeysWithValues: (object["features"] as! [[String: Any]]).map {
                let p = $0["properties"] as! [String: Any]
                return (p["region_id"] as! String, p["name"] as! String)
            })
            let top = regions.filter { ($0.value["gap_rank"] ?? 0) <= 10 }.map { "\(Int($0.value["gap_rank"]!)). \(names[$0.key]!)" }.sorted()
            #expect(top.count == 10)
            let bold = try Self.texts(svg, "y=").filter { $0.range(of: #"^\d+\. "#, options: .regularExpression) != nil }
            #expect(Set(bold) == Set(top), "named: \(bold.sorted()), worst ten: \(top)")
            // The largest towns of GeoNames inside Mali (by population: Bamako 4.2 M, Sikasso, Koutiala, Ségou, Kayes, Mopti...).
            let towns = try Self.texts(svg, "class=\"town\"")
            for town in ["Bamako", "Sikasso", "Ségou", "Kayes", "Mopti", "Gao", language == "fr" ? "Tombouctou" : "Timbuktu"] {
                #expect(towns.contains(town), "\(language): \(town) not named; towns: \(towns)")
            }
            #expect(towns.count <= MapTowns.count)
            #expect(svg.contains(language == "fr" ? "villes : GeoNames (CC BY 4.0)" : "towns: GeoNames (CC BY 4.0)"))
            // The legend's class bounds: a decimal comma in French, a point in English.
            let legend = try Self.texts(svg, "x=").filter { $0.range(of: #"^(> )?[0-9.,]+ – [0-9.,]+  \(\d+\)$"#, options: .regularExpression) != nil }
            #expect(legend.count >= 4, "\(legend)")
            let separator = language == "fr" ? "," : "."
            #expect(legend.contains { $0.contains(separator) } && !legend.contains { $0.contains(language == "fr" ? "." : ",") }, "\(legend)")
        }
    }
}
