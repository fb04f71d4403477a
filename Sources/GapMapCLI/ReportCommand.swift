import ArgumentParser
import Foundation
import GapMap

/// `gapmap report`: one self-contained HTML page of the analysis.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write a one-page HTML report: map, ranked table, row accounting, parameters and sources (English or French).",
        discussion: "The page needs no network and no script: open it in any browser, or print it to PDF."
    )

    @OptionGroup var layers: LayerOptions
    @OptionGroup var analysis: AnalysisOptions

    @Option(help: "Language of the report: en or fr.")
    var lang: ReportLanguage = .english

    @Option(help: "The metric that shades the map: coverage_pct, uncovered_demand or gap_rank.")
    var metric: MapMetric = .coveragePct

    @Option(help: ArgumentHelp("Output folder.", valueName: "dir"))
    var out: String = "out"

    func run() throws {
        try reportingErrors {
            FileHandle.standardOutput.write(Data(try execute().utf8))
        }
    }

    func execute() throws -> String {
        let request = try layers.request(analysis.parameters)
        let report = try AnalysisWorkflow.run(request)
        var page = ReportPage(report: report, language: lang, sources: layers.sourceNames(request))
        page.mapOptions.metric = metric
        let html = try page.html()
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let path = (out as NSString).appendingPathComponent("report.html")
        try Data(html.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        return "Wrote \(path).\n"
    }
}
