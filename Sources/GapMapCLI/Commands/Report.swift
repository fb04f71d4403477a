import ArgumentParser
import Foundation
import GapMap

extension GapMapCommand {
    /// `gapmap report`: one self-contained HTML page of the analysis.
    struct Report: ParsableCommand {
        static var configuration: CommandConfiguration { CommandConfiguration(
            commandName: "report",
            abstract: HelpLanguage.text("Write a one-page HTML report: map, ranked table, equity, chosen regions, a scenario, row accounting, parameters and sources (English or French).", fr: "Écrit un rapport HTML d'une page : carte, tableau classé, équité, unités choisies, un scénario, comptes des lignes, paramètres et sources (en anglais ou en français)."),
            discussion: HelpLanguage.text("The page is one file that needs no network: an interactive map (Leaflet, inlined) with filters by period, actor, initiative kind, need category and incident type, a sortable table and each unit's monthly trend; it prints to PDF with the static map and tables.", fr: "La page est un seul fichier qui n'a besoin d'aucun réseau : une carte interactive (Leaflet, incluse) avec des filtres par période, acteur, type d'initiative, catégorie de besoin et type d'incident, un tableau triable et l'évolution mensuelle de chaque unité ; elle s'imprime en PDF avec la carte statique et les tableaux.")
        ) }

        @OptionGroup var layers: LayerOptions
        @OptionGroup var analysis: AnalysisOptions
        @OptionGroup var filters: FilterOptions
        @OptionGroup var sharing: ShareOptions

        @Option(name: .customLong("compare"), parsing: .upToNextOption,
                help: .text("Regions (ids or names) to show side by side, e.g. --compare ML05 ML04.", fr: "Unités (identifiants ou noms) à montrer côte à côte, par exemple --compare ML05 ML04.", valueName: "region"))
        var compared: [String] = []

        @Flag(name: .customLong("scenario-planned"), help: .text("Add the scenario where the planned initiatives go ahead.", fr: "Ajoute le scénario où les initiatives prévues se réalisent."))
        var scenarioPlanned = false

        @Option(name: .customLong("scenario-plan"), help: .text("Add the scenario of a plan file's initiatives added to the current ones.", fr: "Ajoute le scénario des initiatives d'un fichier de plan ajoutées aux initiatives en cours.", valueName: "file"))
        var scenarioPlan: String?

        @OptionGroup var language: LanguageOption

        @Option(help: .text("The metric that shades the map: \(MapMetric.allCases.map(\.rawValue).joined(separator: ", ")).",
                            fr: "L'indicateur qui colore la carte : \(MapMetric.allCases.map(\.rawValue).joined(separator: ", "))."))
        var metric: MapMetric = .coveragePct

        @Option(help: .text("A basemap for readers who are online: a tile URL template such as https://tile.openstreetmap.org/{z}/{x}/{y}.png. None by default: the page fetches nothing.", fr: "Un fond de carte pour les lecteurs en ligne : un modèle d'URL de tuiles comme https://tile.openstreetmap.org/{z}/{x}/{y}.png. Aucun par défaut : la page ne télécharge rien.", valueName: "url"))
        var tiles: String?

        @Flag(help: .text("Also print the report to report.pdf with headless Chromium (apt-get install chromium): the static map, every table and section.", fr: "Imprime aussi le rapport dans report.pdf avec Chromium sans interface (paquet chromium) : la carte statique, chaque tableau et section."))
        var pdf = false

        @Option(help: .text("Output folder.", fr: "Dossier de sortie.", valueName: "dir"))
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
