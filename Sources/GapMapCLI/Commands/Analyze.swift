import ArgumentParser
import Foundation
import GapMap

/// Output formats of `analyze`.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case geojson, gpkg
}

extension GapMapCommand {
    /// `gapmap analyze`: coverage and gaps per region.
    struct Analyze: ParsableCommand {
        static var configuration: CommandConfiguration { CommandConfiguration(
            abstract: HelpLanguage.text("Compute coverage, gaps and per-region metrics; write GeoJSON, summary.csv and rejected.csv.", fr: "Calcule la couverture, les lacunes et les indicateurs par unité ; écrit GeoJSON, summary.csv et rejected.csv."),
            discussion: HelpLanguage.text("""
                With no layer named (or with --sample), the bundled sample in geodata/mali/ is used: real regions and \
                settlements, INVENTED initiatives, needs and incidents, and every output says so. With layers named, \
                only those are used; without --regions they are analysed on the sample's 9 regions of Mali (said on screen).
                Exit status: 0 success, 1 an input or analysis error (named on stderr), 64 a usage error.
                """, fr: "Sans couche nommée (ou avec --sample), l'exemple fourni dans geodata/mali/ est utilisé : régions et localités réelles, initiatives, besoins et incidents INVENTÉS, et chaque sortie le dit. Avec des couches nommées, seules celles-ci sont utilisées ; sans --regions elles sont analysées sur les 9 régions du Mali de l'exemple (signalé à l'écran).\nCode de sortie : 0 succès, 1 une erreur d'entrée ou d'analyse (décrite sur stderr), 64 une erreur d'utilisation.\n")
        ) }

        @Argument(help: .text("A workspace made by gapmap init: analyse its layers and record the run in it (see gapmap runs).", fr: "Un espace de travail créé par gapmap init : analyse ses couches et y enregistre l'analyse (voir gapmap runs).",
                                     valueName: "workspace"))
        var workspace: String?

        @OptionGroup var layers: LayerOptions
        @OptionGroup var analysis: AnalysisOptions
        @OptionGroup var filters: FilterOptions
        @OptionGroup var rollup: RollupOptions
        @OptionGroup var sharing: ShareOptions
        @OptionGroup var spreadsheets: SpreadsheetOptions

        @Option(help: .text("Output folder.", fr: "Dossier de sortie.", valueName: "dir"))
        var out: String = "out"

        @Option(help: .text("Output format: geojson (one file per layer, summary.csv, rejected.csv) or gpkg (every layer and table in one gapmap.gpkg, styled for QGIS).", fr: "Format de sortie : geojson (un fichier par couche, summary.csv, rejected.csv) ou gpkg (toutes les couches et tables dans un seul gapmap.gpkg, stylé pour QGIS)."))
        var format: OutputFormat = .geojson

        @OptionGroup var language: LanguageOption

        @Flag(help: .text("Print the whole summary as one JSON document on stdout instead of the table.", fr: "Affiche tout le résumé en un document JSON sur stdout au lieu du tableau."))
        var json = false

        func validate() throws {
            try checkOutputFolderNamed(out)
            if workspace != nil, layers.sample {
                throw ValidationError("A workspace holds your own layers: --sample cannot be used with it.")
            }
            if workspace != nil, [layers.regions, layers.initiatives, layers.needs, layers.incidents, layers.settlements, layers.regionID,
                                  layers.regionName].contains(where: { $0 != nil }) {
                throw ValidationError("With a workspace, the layers come from it: add files with gapmap import WORKSPACE --needs FILE (and so on), then run gapmap analyze WORKSPACE.")
            }
            if workspace != nil, !rollup.levels.isEmpty {
                throw ValidationError("--rollup works on files, not yet on a workspace: run gapmap analyze with --regions and the layer files.")
            }
        }

        func run() throws {
            try reportingErrors(language.language) { progress in
                FileHandle.standardOutput.write(Data(try execute(progress: progress).utf8))
            }
        }

        /// Runs the analysis, writes the files and returns what goes to stdout.
        func execute(progress: AnalysisProgress = .silent) throws -> String {
            // The files are sinks of the one pipeline: CSV needs and incidents
            // are read, located and written a chunk at a time.
            // Written aside, moved into --out together once everything succeeded.
            let folder = try OutputFolder(out)
            let geojson = format == .geojson ? GeoJSONOutput(directory: folder.staging, share: sharing.rules) : nil
            let geopackage = format == .gpkg ? GeoPackageOutput(directory: folder.staging, share: sharing.rules) : nil
            geojson?.language = language.language
            geopackage?.language = language.language
            let sinks: [any AnalysisSink] = geojson.map { [$0] } ?? [geopackage!]
            var recorded: String?
            let report: CoverageReport
            var regionsPath: String?
            if let workspace {
                let (workspaceReport, run) = try Workspace.open(at: workspace).analyze(
                    WorkspaceRunRequest(parameters: analysis.parameters, filter: try filters.filter()), into: sinks, progress: progress)
                report = workspaceReport
                recorded = language.words.recorded(run: run.id!, in: workspace) + "\n"
            } else {
                var request = try layers.request(analysis.parameters, filter: filters, language: language.language)
                request.progress = progress
                report = try AnalysisWorkflow.run(request, into: sinks)
                regionsPath = request.regionsPath
            }
            let shared = geojson?.shared ?? geopackage?.shared
            let planning = try planningOutputs(report, regionsPath: regionsPath, shared: shared.flatMap { s in (geojson?.demandTally ?? geopackage?.demandTally).map { (s, $0) } },
                                               into: folder.staging)
            // summary.csv in another dialect replaces the one written above.
            let tables = try spreadsheets.write(report, shared: shared, into: folder.staging)
            let written = (geojson?.written ?? geopackage!.written).filter { !tables.contains($0) } + tables
            let document = json ? try shared.map { try PlannerSummaryDocument.sharedJSON(SummaryDocument(report, shared: $0), filter: planning.filter, rollup: planning.shared) }
                ?? planning.json ?? SummaryDocument(report).json() : nil
            try folder.commit()
            if let document { return String(decoding: document, as: UTF8.self) + "\n" }
            let names = (written + planning.written).map { ($0 as NSString).lastPathComponent }
            let words = language.words
            let release = "\n" + (shared?.release ?? .restricted).sentence(words.language) + "\n"
                + (shared == nil ? "" : words.tableIsForTheTeam + "\n")
            return TerminalSummary(report, language: words.language).render() + planning.text + release
                + "\n" + words.wroteFiles(names, to: out) + "\n" + (recorded ?? "")
        }
    }
}

/// The process's peak resident memory so far in MB (Linux VmHWM; NaN elsewhere).
private func peakResidentMegabytes() -> Double {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
          let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
          let kilobytes = Double(line.split(separator: " ").dropFirst().first ?? "") else { return .nan }
    return kilobytes / 1024
}

/// Prints a domain error as a sentence on stderr and exits with status 1;
/// shows a progress bar on stderr while `body` runs, when stderr is a terminal.
/// With `GAPMAP_STAGE_TIMES=1` in the environment it prints instead the time
/// at which each stage starts and the peak resident memory reached so far
/// (for benchmarking; stages may overlap).
func reportingErrors(_ language: ReportLanguage = .fromEnvironment(), _ body: (AnalysisProgress) throws -> Void) throws {
    let bar = TerminalProgress.isTerminal ? TerminalProgress(language: language) : nil
    let progress: AnalysisProgress
    if ProcessInfo.processInfo.environment["GAPMAP_STAGE_TIMES"] == "1" {
        let start = Date()
        progress = AnalysisProgress { stage in
            FileHandle.standardError.write(Data(String(format: "%7.3f s  %@  peak %.0f MB\n", Date().timeIntervalSince(start), stage.rawValue,
                                                       peakResidentMegabytes()).utf8))
        }
    } else if let bar {
        progress = AnalysisProgress { stage in bar.show(stage) }
    } else {
        progress = .silent
    }
    defer { bar?.finish() }
    do {
        try body(progress)
    } catch let error as ExitCode {
        throw error
    } catch {
        // A domain error says its sentence in the run's language.
        let sentence = ErrorMessages.sentence(of: error, language)
        FileHandle.standardError.write(Data("\(language == .french ? "gapmap : erreur :" : "gapmap: error:") \(sentence)\n".utf8))
        throw ExitCode(1)
    }
}

