import ArgumentParser
import Foundation
import GapMap

extension GapMapCommand {
    /// `gapmap compare ML05 ML04 ...`: regions side by side, with the equity summary.
    struct Compare: ParsableCommand {
        static var configuration: CommandConfiguration { CommandConfiguration(
            commandName: "compare",
            abstract: HelpLanguage.text("Compare regions side by side on every metric, with differences, ratios and an equity summary of all regions.", fr: "Compare des unités côte à côte sur chaque indicateur, avec écarts, rapports et un résumé de l'équité de toutes les unités."),
            discussion: HelpLanguage.text("""
                Regions are named by id (P-code) or by name, with case and accents folded (Ségou = SEGOU). Each region after the \
                first is compared with the first: difference = region − first, ratio = region / first. A unit above those of the run \
                (a region in a run of communes) is compared as the roll-up of the units in it, its gap rank among the units of its level.
                """, fr: "Les unités sont nommées par identifiant (P-code) ou par nom, sans tenir compte de la casse ni des accents (Ségou = SEGOU). Chaque unité après la première est comparée à la première : écart = unité − première, rapport = unité / première. Une unité plus large que celles de l'analyse (une région dans une analyse de communes) est comparée comme l'agrégation des unités qu'elle contient, son rang de besoin parmi les unités de son niveau.\n")
        ) }

        @Argument(help: .text("Regions to compare, by id or name.", fr: "Unités à comparer, par identifiant ou par nom.", valueName: "region"))
        var regionNames: [String]

        @OptionGroup var layers: LayerOptions
        @OptionGroup var analysis: AnalysisOptions
        @OptionGroup var filters: FilterOptions
        @OptionGroup var sharing: ShareOptions

        @Flag(help: .text("Print the comparison and the equity summary as one JSON document.", fr: "Affiche la comparaison et le résumé de l'équité en un document JSON."))
        var json = false

        @Option(help: .text("Also write the comparison as CSV to this file.", fr: "Écrit aussi la comparaison en CSV dans ce fichier.", valueName: "file"))
        var csv: String?

        @OptionGroup var language: LanguageOption

        func validate() throws {
            if let csv { try checkOutputFolderNamed(csv, option: "--csv", what: "file") }
            try sharing.ruleOptions.refuseDisplacement(in: "gapmap compare")
            guard !regionNames.isEmpty else {
                throw ValidationError("Name the regions to compare, for example: gapmap compare ML05 ML04.")
            }
        }

        func run() throws {
            try reportingErrors(language.language) { progress in FileHandle.standardOutput.write(Data(try execute(progress: progress).utf8)) }
        }

        func execute(progress: AnalysisProgress = .silent) throws -> String {
            // Written beside the file and renamed over it once everything succeeded.
            let file = try csv.map { try OutputFile($0, option: "--csv") }
            let tally = DemandTally(share: sharing.rules)
            let request = try layers.request(analysis.parameters, filter: filters, progress: progress, language: language.language)
            let report = try AnalysisWorkflow.run(request, into: sharing.rules == nil ? [] : [tally])
            let comparison = try RegionComparison(report: report, references: regionNames, rollUp: sharing.rules == nil)
            let shared = try sharing.rules.map { SharedComparison(comparison, figures: try SharedFigures(report, tally: tally, rules: $0), all: report.metrics) }
            if let file { try (shared?.comparison ?? comparison).writeCSV(to: file.staging, release: shared?.release ?? .restricted) }
            let document = json ? try shared.map { String(decoding: try $0.json(), as: UTF8.self) + "\n" } ?? PlannerText.json(comparison) : nil
            try file?.commit()
            if let document { return document }
            let text = ComparisonText(language.language)
            var lines = text.render(shared?.comparison ?? comparison, report: report, shared: shared)
            lines += text.words.filterLines(try filters.filter(), layers: report.layers)
            if let csv { lines.append(text.words.wrote([csv])) }
            return lines.joined(separator: "\n") + "\n"
        }
    }
}
