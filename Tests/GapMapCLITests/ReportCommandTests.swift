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

    @Test func theReportIsSelfContainedAndInTheChosenLanguage() throws {
        let out = AnalyzeCommandTests.temporaryFolder()
        _ = try Self.run(["report"] + Self.sampleLayers() + ["--out", out, "--lang", "fr"])
        let html = try String(contentsOfFile: out + "/report.html", encoding: .utf8)
        // Nothing to fetch: no script, no external stylesheet, image or font.
        #expect(!html.contains("<script"))
        #expect(!html.contains("src="))
        #expect(!html.contains("<link"))
        #expect(!html.contains("@import"))
        let urls = html.components(separatedBy: "http").dropFirst().map { String($0.prefix(30)) }
        #expect(urls.allSatisfy { $0.hasPrefix("://www.w3.org/2000/svg") }, "external references: \(urls)")
        #expect(html.components(separatedBy: "url(").dropFirst().allSatisfy { $0.hasPrefix("#") })
        // French labels, the map, every region in the ranked table, the row accounting.
        #expect(html.contains("<html lang=\"fr\">"))
        #expect(html.contains("Classement des régions"))
        #expect(html.contains("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"map\""))
        for id in (1...9).map({ "ML0\($0)" }) { #expect(html.contains("<td class=\"t\">\(id)</td>")) }
        #expect(html.contains("<td class=\"t\">besoins</td><td>2000</td><td>1994</td><td>3</td><td>3</td>"))
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
        #expect(html.contains("Comparaison des régions choisies"))
    }
}
