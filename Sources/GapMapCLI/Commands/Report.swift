import ArgumentParser
import Foundation
import GapMap

extension GapMapCommand {
    /// `gapmap report`: one self-contained HTML page of the analysis.
    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "report",
            abstract: "Write a one-page HTML report: map, ranked table, equity, chosen regions, a scenario, row accounting, parameters and sources (English or French).",
            discussion: "The page is one file that needs no network: an interactive map (Leaflet, inlined) with filters by period, actor, initiative kind, need category and incident type, a sortable table and each unit's monthly trend; it prints to PDF with the static map and tables."
        )

        @OptionGroup var layers: LayerOptions
        @OptionGroup var analysis: AnalysisOptions
        @OptionGroup var filters: FilterOptions
        @OptionGroup var sharing: ShareOptions

        @Option(name: .customLong("compare"), parsing: .upToNextOption,
                help: ArgumentHelp("Regions (ids or names) to show side by side, e.g. --compare ML05 ML04.", valueName: "region"))
        var compared: [String] = []

        @Flag(name: .customLong("scenario-planned"), help: "Add the scenario where the planned initiatives go ahead.")
        var scenarioPlanned = false

        @Option(name: .customLong("scenario-plan"), help: ArgumentHelp("Add the scenario of a plan file's initiatives added to the current ones.", valueName: "file"))
        var scenarioPlan: String?

        @OptionGroup var language: LanguageOption

        @Option(help: "The metric that shades the map: \(MapMetric.allCases.map(\.rawValue).joined(separator: ", ")).")
        var metric: MapMetric = .coveragePct

        @Option(help: ArgumentHelp("A basemap for readers who are online: a tile URL template such as https://tile.openstreetmap.org/{z}/{x}/{y}.png. None by default: the page fetches nothing.", valueName: "url"))
        var tiles: String?

        @Flag(help: "Also print the report to report.pdf with headless Chromium (apt-get install chromium): the static map, every table and section.")
        var pdf = false

        @Option(help: ArgumentHelp("Output folder.", valueName: "dir"))
        var out: String = "out"

        func validate() throws {
            try checkOutputFolderNamed(out)
            if sharing.share, !compared.isEmpty || scenarioPlanned || scenarioPlan != nil {
                throw ValidationError(scenarioPlanned || scenarioPlan != nil ? GapMapCommand.Scenario.notShareable
                    : "--share does not apply to the report's --compare section: run gapmap compare REGION... --share for a shareable comparison, and the report with --share without --compare.")
            }
            if let tiles, !(tiles.hasPrefix("https://") || tiles.hasPrefix("http://")) || !tiles.contains("{z}") || !tiles.contains("{x}") || !tiles.contains("{y}") {
                throw ValidationError("--tiles '\(tiles)' is not a tile URL template: give an http(s) URL with {z}, {x} and {y}, e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png")
            }
            if pdf, ReportPrinter.chromium == nil {
                throw ValidationError("--pdf prints with headless Chromium, which is not installed: apt-get install chromium, or leave out --pdf (report.html prints from any browser).")
            }
            if scenarioPlanned && scenarioPlan != nil {
                throw ValidationError("Choose one scenario: --scenario-planned or --scenario-plan FILE.")
            }
        }

        func run() throws {
            try reportingErrors(language.language) { progress in
                FileHandle.standardOutput.write(Data(try execute(progress: progress).utf8))
            }
        }

        func execute(progress: AnalysisProgress = .silent) throws -> String {
            // Written beside report.html and renamed over it once the page is whole.
            let file = try OutputFile(named: "report.html", inFolder: out)
            let request = try layers.request(analysis.parameters, filter: filters, progress: progress, language: language.language)
            let contents = ReportContents(language: language.language, metric: metric, comparedRegions: compared,
                                          scenario: scenarioPlanned ? .planned : scenarioPlan.map { .plan(path: $0) }, share: sharing.rules,
                                          tiles: tiles)
            let page = try ReportPage.assemble(request, contents: contents, sources: layers.sourceNames(request))
            let html = try page.html()
            try file.write(Data(html.utf8))
            try file.commit()
            guard pdf, let chromium = ReportPrinter.chromium else { return language.words.wrote([file.target]) + "\n" }
            // Printed from the page in place, aside, and renamed once Chromium has written it whole.
            let printed = try OutputFile(named: "report.pdf", inFolder: out)
            do {
                try ReportPrinter.printPDF(html: file.target, to: printed.staging, chromium: chromium)
            } catch {
                throw GapMapError(file: printed.target, field: "pdf", message: "\(file.target) was written, but not the PDF: \(error)")
            }
            try printed.commit()
            return language.words.wrote([file.target, printed.target]) + "\n"
        }
    }
}
