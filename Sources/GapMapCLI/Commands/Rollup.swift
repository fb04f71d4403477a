import ArgumentParser
import Foundation
import GapMap

/// The roll-up levels of `analyze --rollup` and `gapmap rollup --level`.
struct RollupOptions: ParsableArguments {
    @Option(name: .customLong("rollup"), help: .text("Also roll the regions up to a coarser level: auto (the P-code fields beside the id, e.g. admin2Pcod and admin1Pcod for communes), "
            + "a parent id FIELD, prefix:N (first N characters of the id) or file:PATH (parent boundaries, by containment). "
            + "NAME=... names the level. Repeatable.", fr: "Regroupe aussi les unités à un niveau plus large : auto (les champs de P-code à côté de l'identifiant, par exemple admin2Pcod et admin1Pcod pour des communes), un CHAMP d'identifiant parent, prefix:N (les N premiers caractères de l'identifiant) ou file:CHEMIN (limites parentes, par inclusion). NOM=... nomme le niveau. Répétable.", valueName: "level"))
    var levels: [String] = []
}

extension GapMapCommand {
    /// `gapmap rollup`: analyse at the finest level, report coarser ones.
    struct Rollup: ParsableCommand {
        static var configuration: CommandConfiguration { CommandConfiguration(
            commandName: "rollup",
            abstract: HelpLanguage.text("Analyse fine regions (communes) and roll the metrics up to coarser levels (cercles, regions).", fr: "Analyse des unités fines (communes) et regroupe les indicateurs aux niveaux plus larges (cercles, régions)."),
            discussion: HelpLanguage.text("""
                Each parent's polygon is the union of its children; its area and covered area are measured on that polygon \
                (km² on the WGS84 ellipsoid), its counts and weights are the sums of its children's. Levels: auto (default), a parent id FIELD, \
                prefix:N or file:PATH, each optionally NAME=...; writes regions_<level>.geojson per level.
                """, fr: "Le polygone de chaque parent est l'union de ses enfants ; sa surface et sa surface couverte sont mesurées sur ce polygone (km² sur l'ellipsoïde WGS84), ses effectifs et poids sont les sommes de ceux de ses enfants. Niveaux : auto (par défaut), un CHAMP d'identifiant parent, prefix:N ou file:CHEMIN, chacun éventuellement NOM=... ; écrit regions_<niveau>.geojson par niveau.\n")
        ) }

        @OptionGroup var layers: LayerOptions
        @OptionGroup var analysis: AnalysisOptions
        @OptionGroup var filters: FilterOptions
        @OptionGroup var sharing: ShareOptions

        @Option(name: .customLong("level"), help: .text("A level to roll up to (see above); repeatable; default auto.", fr: "Un niveau de regroupement (voir plus haut) ; répétable ; auto par défaut.", valueName: "level"))
        var levels: [String] = []

        @Option(help: .text("Output folder.", fr: "Dossier de sortie.", valueName: "dir"))
        var out: String = "out"

        @Flag(help: .text("Print the roll-ups as one JSON document instead of the tables.", fr: "Affiche les regroupements en un document JSON au lieu des tableaux."))
        var json = false

        @OptionGroup var language: LanguageOption

        func validate() throws {
            try checkOutputFolderNamed(out)
            try sharing.ruleOptions.refuseDisplacement(in: "gapmap rollup")
        }

        func run() throws {
            try reportingErrors(language.language) { progress in FileHandle.standardOutput.write(Data(try execute(progress: progress).utf8)) }
        }

        func execute(progress: AnalysisProgress = .silent) throws -> String {
            // Written aside, moved into --out together once everything succeeded.
            let folder = try OutputFolder(out)
            let request = try layers.request(analysis.parameters, filter: filters, progress: progress, language: language.language)
            let tally = DemandTally(share: sharing.rules)
            let report = try AnalysisWorkflow.run(request, into: sharing.rules == nil ? [] : [tally])
            let results = try AdminRollup.run(report, specs: levels.isEmpty ? ["auto"] : levels, regionsPath: request.regionsPath)
            let shared = try sharing.rules.map { rules in
                try SharedRollup(results, figures: SharedFigures(report, tally: tally, rules: rules), report: report, tally: tally)
            }
            var written = try shared?.writeGeoJSON(to: folder.staging, isExampleData: report.isExampleData)
                ?? results.map { try AdminRollup.writeGeoJSON($0, to: folder.staging, isExampleData: report.isExampleData) }
            if let shared {
                written.append(folder.path(SharedFigures.reportFile))
                try shared.writeDisclosureReport(to: written.last!)
            }
            let document = json ? try shared.map { String(decoding: try $0.json(), as: UTF8.self) + "\n" } ?? PlannerText.json(results) : nil
            try folder.commit()
            if let document { return document }
            let text = RollupText(language.language)
            var lines = [text.heading(report)]
            for result in results { lines += [""] + text.render(result, children: report.unitNames) }
            lines += text.words.filterLines(request.filter, layers: report.layers)
            lines += ["", (shared?.release ?? .restricted).sentence(language.language)] + (shared == nil ? [] : [text.words.tableIsForTheTeam])
            lines.append(text.words.wrote(written.map { ($0 as NSString).lastPathComponent }, in: out))
            return lines.joined(separator: "\n") + "\n"
        }
    }
}

extension GapMapCommand.Analyze {
    /// What `--rollup` and the filters add to analyze's output: the roll-up
    /// files (shareable ones with `shared`, the run's figures and the rows
    /// behind each unit's metrics), the JSON document with `filter` and
    /// `rollup` (nil when neither is asked for: the plain summary), and the
    /// text after the table.
    func planningOutputs(_ report: CoverageReport, regionsPath: String?, shared: (figures: SharedFigures, tally: DemandTally)?,
                         into out: String) throws -> (json: Data?, text: String, written: [String], filter: AnalysisFilter?, shared: SharedRollup?) {
        let filter = try filters.filter()
        var results: [RollupResult] = []
        if !rollup.levels.isEmpty, let regionsPath {
            results = try AdminRollup.run(report, specs: rollup.levels, regionsPath: regionsPath)
        }
        let sharedRollup = try shared.flatMap { shared in
            results.isEmpty ? nil : try SharedRollup(results, figures: shared.figures, report: report, tally: shared.tally)
        }
        let written = try sharedRollup?.writeGeoJSON(to: out, isExampleData: report.isExampleData)
            ?? results.map { try AdminRollup.writeGeoJSON($0, to: out, isExampleData: report.isExampleData) }
        try sharedRollup?.appendDisclosure(to: (out as NSString).appendingPathComponent(SharedFigures.reportFile))
        let filterIfAny = filter.isEmpty ? nil : filter
        guard !filter.isEmpty || !results.isEmpty else { return (nil, "", [], nil, nil) }
        let json = try PlannerSummaryDocument(SummaryDocument(report), filter: filterIfAny, rollup: results.isEmpty ? nil : results).json()
        let text = RollupText(language.language)
        var lines = text.words.filterLines(filter, layers: report.layers)
        for result in results { lines += [""] + text.render(result, children: report.unitNames) }
        return (json, lines.isEmpty ? "" : "\n" + lines.joined(separator: "\n"), written, filterIfAny, sharedRollup)
    }
}
