import Foundation
import Testing
import TestSupport
import GapMap
@testable import GapMapCLI

/// The interactive report in a real browser, and its size on many points.
struct InteractiveReportTests {
    static let root = AnalyzeCommandTests.projectRoot
    static let communes = root + "/geodata/mali-cod-2015/adm3-communes.geojson"

    /// Debian's python3 with Selenium, chromedriver and Chromium, all three.
    static let browser: Bool = {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/chromium"),
              FileManager.default.isExecutableFile(atPath: "/usr/bin/chromedriver") else { return false }
        return (try? run("/usr/bin/python3", ["-c", "import selenium"]).status) == 0
    }()

    /// A python3 with shapely, for scripts/make-acled-mali.py.
    static let generator: String? = {
        guard let python = toolPath("python3"), (try? run(python, ["-c", "import shapely"]).status) == 0 else { return nil }
        return python
    }()

    /// A python3 with numpy and shapely, for scripts/bench/make_workload.py.
    static let workload: String? = {
        guard let python = generator, (try? run(python, ["-c", "import numpy"]).status) == 0 else { return nil }
        return python
    }()

    static func run(_ tool: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: tool)
        p.arguments = arguments
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = pipe
        try p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    static func command(_ arguments: [String]) throws {
        let command = try GapMapCommand.parseAsRoot(arguments)
        if let report = command as? GapMapCommand.Report {
            _ = try report.execute()
        } else if let analyze = command as? GapMapCommand.Analyze {
            _ = try analyze.execute()
        }
    }

    /// The 701 communes with an ACLED-shaped export of 2017-2020 and the
    /// sample's dated initiatives: the browser clicks, sorts, filters by
    /// year and toggles layers, and compares with `gapmap analyze`.
    @Test(.enabled(if: browser, "Debian's chromium, chromium-driver and python3-selenium are not all installed"),
          .enabled(if: generator != nil && FileManager.default.fileExists(atPath: communes), "python3 with shapely, or geodata/, is absent"))
    func theReportOfTheCommunesWorksInABrowser() throws {
        let folder = temporaryFolder("interactive")
        let acled = folder + "/acled.csv"
        let made = try Self.run(Self.generator!, [Self.root + "/scripts/make-acled-mali.py", acled])
        try #require(made.status == 0, "\(made.output)")
        let layers = ["--regions", Self.communes, "--initiatives", AnalyzeCommandTests.sample("initiatives.csv"), "--incidents", acled]
        try Self.command(["report"] + layers + ["--out", folder + "/report"])
        try Self.command(["analyze"] + layers + ["--out", folder + "/all"])
        try Self.command(["analyze"] + layers + ["--format", "gpkg", "--out", folder + "/gpkg"])
        // 2019 and one actor: a combination whose initiatives the page computed (CoverageVariant.all).
        try Self.command(["analyze"] + layers + ["--from", "2019-01-01", "--to", "2019-12-31", "--actor", "international", "--out", folder + "/2019-international"])
        try Self.command(["analyze"] + layers + ["--from", "2019-01-01", "--to", "2019-12-31", "--out", folder + "/2019"])
        let check = try Self.run("/usr/bin/python3", [Self.root + "/scripts/check-report-in-browser.py", folder + "/report/report.html",
                                                     folder + "/all/regions.geojson", folder + "/2019/regions.geojson", "2019",
                                                     folder + "/gpkg/gapmap.gpkg", "international", folder + "/2019-international/regions.geojson"])
        print(check.output)
        #expect(check.status == 0, "\(check.output)")
        #expect(check.output.contains("ok   period 2019"))
        #expect(check.output.contains("ok   panel flags"))
        #expect(check.output.contains("ok   period 2019 and actor international"))
    }
}

/// More than 20,000 points are drawn as hexagons that follow the filters:
/// in the browser, the weight the hexagons drawn hold equals that of the
/// points of `gapmap analyze` with the same period and need category.
struct HexagonFilterBrowserTests {
    @Test(.enabled(if: InteractiveReportTests.browser, "Debian's chromium, chromium-driver and python3-selenium are not all installed"),
          .enabled(if: InteractiveReportTests.workload != nil && FileManager.default.fileExists(atPath: InteractiveReportTests.communes),
                   "python3 with numpy and shapely, or geodata/, is absent"))
    func theHexagonsFollowThePeriodAndCategoryInABrowser() throws {
        let folder = temporaryFolder("hexagon-filters")
        let made = try InteractiveReportTests.run(InteractiveReportTests.workload!, [
            InteractiveReportTests.root + "/scripts/bench/make_workload.py", "--out", folder + "/w", "--needs", "25k", "--incidents", "2500",
            "--initiatives", "300", "--regions", InteractiveReportTests.communes, "--seed", "7"])
        try #require(made.status == 0, "\(made.output)")
        let layers = ["--regions", InteractiveReportTests.communes, "--initiatives", folder + "/w/initiatives.csv",
                      "--needs", folder + "/w/needs.csv", "--incidents", folder + "/w/incidents.csv"]
        try InteractiveReportTests.command(["report"] + layers + ["--out", folder + "/report"])
        try InteractiveReportTests.command(["analyze"] + layers + ["--out", folder + "/all"])
        let year = ["--from", "2023-01-01", "--to", "2023-12-31"]
        try InteractiveReportTests.command(["analyze"] + layers + year + ["--out", folder + "/2023"])
        try InteractiveReportTests.command(["analyze"] + layers + year + ["--category", "gbv_support", "--out", folder + "/2023-gbv"])
        let check = try InteractiveReportTests.run("/usr/bin/python3", [
            InteractiveReportTests.root + "/scripts/check-report-in-browser.py", "--hexagons", folder + "/report/report.html", folder + "/all",
            "2023", folder + "/2023", "gbv_support", folder + "/2023-gbv"])
        print(check.output)
        #expect(check.status == 0, "\(check.output)")
        #expect(check.output.contains("points drawn as hexagons"))
        #expect(check.output.contains("ok   period 2023 and category gbv_support: the"))
        #expect(!check.output.contains("FAIL"))
    }
}

/// `report --pdf`: headless Chromium prints the page.
struct ReportPDFTests {
    @Test(.enabled(if: ReportPrinter.chromium != nil, "headless Chromium is not installed"))
    func theReportPrintsToAPDF() throws {
        let out = AnalyzeCommandTests.temporaryFolder()
        let text = try ReportCommandTests.run(["report"] + ReportCommandTests.sampleLayers() + ["--out", out, "--pdf"])
        #expect(text.contains("report.pdf"))
        let pdf = try Data(contentsOf: URL(fileURLWithPath: out + "/report.pdf"))
        #expect(pdf.starts(with: Array("%PDF-".utf8)))
        // The map, the ranked table and the sections take more than one A4/Letter page.
        let body = String(decoding: pdf, as: UTF8.self)
        let pages = body.components(separatedBy: "/Type /Page").count - body.components(separatedBy: "/Type /Pages").count
        #expect(pages >= 2, "\(pages) page objects")
        #expect(!FileManager.default.fileExists(atPath: out + "/report.pdf.partial"))
    }
}
