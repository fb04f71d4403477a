import Foundation
import Testing
@testable import GapMapCLI

struct ReportCommandTests {
    static func run(_ arguments: [String]) throws -> String {
        let command = try GapMapCommand.parseAsRoot(arguments)
        if let report = command as? GapMapCommand.Report { return try report.execute() }
        if let map = command as? GapMapCommand.Map { return try map.execute() }
        Issue.record("unexpected command")
        return ""
    }

    static func sampleLayers() -> [String] {
        ["--regions", AnalyzeCommandTests.sample("regions.geojson"), "--initiatives", AnalyzeCommandTests.sample("initiatives.csv"),
         "--needs", AnalyzeCommandTests.sample("needs.csv"), "--incidents", AnalyzeCommandTests.sample("incidents.csv"),
         "--settlements", AnalyzeCommandTests.sample("settlements.csv")]
    }

    /// The JSON the interactive page embeds (`gapmap-data`).
    static func embeddedData(_ html: String) throws -> [String: Any]? {
        let start = "<script type=\"application/json\" id=\"gapmap-data\">"
        guard let a = html.range(of: start), let b = html.range(of: "</script>", range: a.upperBound..<html.endIndex) else { return nil }
        return try JSONSerialization.jsonObject(with: Data(html[a.upperBound..<b.lowerBound].utf8)) as? [String: Any]
    }

    /// The sample (9 regions, needs and incidents dated 2024-01 to 2025-12):
    /// the page embeds the 9 units, the months, each need category of the
    /// file, and demand cells whose weights add up to the regions' totals.
    @Test func theInteractivePageEmbedsWhatItsFiltersAddUp() throws {
        let out = AnalyzeCommandTests.temporaryFolder()
        _ = try Self.run(["report"] + Self.sampleLayers() + ["--out", out, "--lang", "fr"])
        let html = try String(contentsOfFile: out + "/report.html", encoding: .utf8)
        let data = try #require(try Self.embeddedData(html))
        #expect((data["units"] as? [Any])?.count == 9)
        let months = try #require((data["months"] as? [Any])?.compactMap { ($0 as? NSNumber)?.intValue })
        #expect(months == [2024 * 12, 2025 * 12 + 11])
        let lines = try String(contentsOfFile: AnalyzeCommandTests.sample("needs.csv"), encoding: .utf8).split(separator: "\n")
        let header = lines[0].split(separator: ",").map(String.init)
        let category = try #require(header.firstIndex(of: "category"))
        let categories = Set(lines.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)[category] })
        #expect(Set(try #require(data["needCategories"] as? [String])) == categories.subtracting([""]))
        // Every need and incident weight in a unit is in some cell: the cells add up to regions' needs + incidents.
        _ = try AnalyzeCommandTests.analyze(["analyze"] + Self.sampleLayers() + ["--out", out + "/analysis"])
        let regions = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/analysis/regions.geojson"))) as! [String: Any]
        let total = (regions["features"] as! [[String: Any]]).reduce(0.0) { t, f in
            let p = f["properties"] as! [String: Any]
            return t + (p["needs"] as! NSNumber).doubleValue + (p["incidents"] as! NSNumber).doubleValue
        }
        let cells = try #require(data["cells"] as? [String: Any])
        let weights = try #require((cells["weight"] as? [Any])?.compactMap { ($0 as? NSNumber)?.doubleValue })
        #expect(abs(weights.reduce(0, +) - total) < 1e-6 * total)
        // French controls, not English ones.
        for french in ["Carte interactive", "Catégorie de besoin", "Tableau des unités", "Indicateur de la carte"] {
            let found = html.contains(french)
            #expect(found, "\(french)")
        }
        for english in ["Interactive map", "Need category", "Incident type", "Table of the units", "Map metric", "most under-served unit"] {
            let found = html.contains(english)
            #expect(!found, "\(english)")
        }
    }

    @Test func theReportIsSelfContainedAndInTheChosenLanguage() throws {
        let out = AnalyzeCommandTests.temporaryFolder()
        _ = try Self.run(["report"] + Self.sampleLayers() + ["--out", out, "--lang", "fr"])
        let html = try String(contentsOfFile: out + "/report.html", encoding: .utf8)
        // Nothing to fetch: scripts and styles inline, no external stylesheet, image or font;
        // the only addresses are the SVG namespace and Leaflet's home in its notice and attribution.
        #expect(!html.contains("<script src"))
        #expect(!html.contains(" src="))
        #expect(!html.contains("<link"))
        #expect(!html.contains("@import"))
        let urls = html.components(separatedBy: "http").dropFirst().map { String($0.prefix(30)) }
        #expect(urls.allSatisfy { $0.hasPrefix("://www.w3.org/") || $0.hasPrefix("s://leafletjs.com") }, "external references: \(urls)")
        #expect(html.components(separatedBy: "url(").dropFirst().allSatisfy { $0.hasPrefix("#") || $0.hasPrefix("\"data:") || $0.hasPrefix("data:") },
                "\(html.components(separatedBy: "url(").dropFirst().map { $0.prefix(20) })")
        #expect(html.contains("Redistribution and use in source and binary forms"), "Leaflet's BSD-2 notice")
        // French labels, the map, every region in the ranked table, the row accounting.
        #expect(html.contains("<html lang=\"fr\">"))
        #expect(html.contains("Classement des régions"))
        #expect(html.contains("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"map\""))
        for id in (1...9).map({ "ML0\($0)" }) { #expect(html.contains("<td class=\"t\">\(id)</td>")) }
        #expect(html.contains("<td class=\"t\">besoins</td><td>2\u{202F}000</td><td>1\u{202F}994</td><td>3</td><td>3</td>"))
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/chromium"), "chromium is not installed"))
    func headlessChromiumRendersTheReport() throws {
        let out = AnalyzeCommandTests.temporaryFolder()
        _ = try Self.run(["report"] + Self.sampleLayers() + ["--out", out])
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/chromium")
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--window-size=1200,2400",
                             "--screenshot=\(out)/report.png", "file://\(out)/report.html"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let png = try Data(contentsOf: URL(fileURLWithPath: out + "/report.png"))
        #expect(Array(png.prefix(4)) == [0x89, 0x50, 0x4E, 0x47])
        #expect(png.count > 50_000, "a blank page would compress to a few kB")
    }

    @Test func theMapCommandWritesTheSVGAloneWhenAsked() throws {
        let out = AnalyzeCommandTests.temporaryFolder()
        _ = try Self.run(["map"] + Self.sampleLayers() + ["--out", out, "--metric", "gap_rank", "--svg-only"])
        let svg = try String(contentsOfFile: out + "/map.svg", encoding: .utf8)
        #expect(svg.contains("Where people are most under-served"))
        #expect(!FileManager.default.fileExists(atPath: out + "/map.png"))
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/rsvg-convert"), "rsvg-convert is not installed"))
    func theMapCommandWritesSVGAndPNG() throws {
        let out = AnalyzeCommandTests.temporaryFolder()
        _ = try Self.run(["map"] + Self.sampleLayers() + ["--out", out, "--metric", "gap_rank"])
        let svg = try String(contentsOfFile: out + "/map.svg", encoding: .utf8)
        #expect(svg.contains("Where people are most under-served"))
        #expect(FileManager.default.fileExists(atPath: out + "/map.png"))
    }
}

struct ReportSectionsTests {
    @Test func theReportCarriesEquityTheChosenRegionsAndTheScenario() throws {
        let out = AnalyzeCommandTests.temporaryFolder()
        _ = try ReportCommandTests.run(["report"] + ReportCommandTests.sampleLayers()
            + ["--out", out, "--compare", "ML05", "Gao", "--scenario-planned", "--programmes-as-coverage"])
        let html = try String(contentsOfFile: out + "/report.html", encoding: .utf8)
        #expect(html.contains("<h2>Equity across regions</h2>"))
        #expect(html.contains("Gini of coverage by area"))
        #expect(html.contains("<th>Mopti (ML05)</th><th>Gao (ML07)</th><th>ML07 − ML05</th>"))
        // With the planned region-wide programme for Gao (INI-0007 in geodata/README.md) Gao is fully
        // covered; five regions then have no uncovered demand and 100 % coverage, so the ties go by id:
        // ML04, ML05, ML06, ML07, ML09 take ranks 5 to 9, and Gao moves from 1 to 8.
        #expect(html.contains("<h2>Scenario</h2>"))
        #expect(html.contains("<td class=\"t\">ML07</td><td class=\"t\">Gao</td><td>0.3</td><td>100.0</td>"))
        #expect(html.contains("<td>1 → 8</td>"))
    }

    @Test func frenchSectionTitles() throws {
        let out = AnalyzeCommandTests.temporaryFolder()
        _ = try ReportCommandTests.run(["report"] + ReportCommandTests.sampleLayers() + ["--out", out, "--lang", "fr", "--compare", "ML05,ML04"])
        let html = try String(contentsOfFile: out + "/report.html", encoding: .utf8)
        #expect(html.contains("Équité entre régions"))
        #expect(html.contains("<h2>Comparaison des régions</h2>"))
        // The metrics by their French labels (they were the keys, needs_uncovered), the figures as the terminal
        // writes them in French: Mopti's and Ségou's needs 583.25 and 367.5 (PlannerCommandTests), 367.5 − 583.25.
        #expect(html.contains("<td class=\"t\">besoins</td><td>583,2</td><td>367,5</td><td>−215,8</td>"), "\(html)")
        #expect(!html.contains("<td class=\"t\">needs_uncovered</td>"))
    }
}
