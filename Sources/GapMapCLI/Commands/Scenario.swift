import ArgumentParser
import Foundation
import GapMap

extension GapMapCommand {
    /// `gapmap scenario`: what the planned initiatives, or a plan file, change.
    struct Scenario: ParsableCommand {
        static var configuration: CommandConfiguration { CommandConfiguration(
            commandName: "scenario",
            abstract: HelpLanguage.text("Compare two runs of the same data: the current initiatives against current + planned, or against a plan file.", fr: "Compare deux analyses des mêmes données : les initiatives en cours contre en cours + prévues, ou contre un fichier de plan."),
            discussion: HelpLanguage.text("""
                Before: the initiatives in the run today (status active or empty). After: with --include-planned, the planned \
                initiatives too; with --plan FILE, the initiatives of FILE added to the current ones (--plan-mode add, the default) \
                or in their place (--plan-mode replace), its planned rows counting. Writes newly_covered.geojson \
                (region ∩ (coverage after − coverage before), per region), no_longer_covered.geojson and scenario.csv.
                """, fr: "Avant : les initiatives de l'analyse aujourd'hui (statut active ou vide). Après : avec --include-planned, les initiatives prévues aussi ; avec --plan FICHIER, les initiatives de FICHIER ajoutées aux initiatives en cours (--plan-mode add, par défaut) ou à leur place (--plan-mode replace), ses lignes prévues comptant. Écrit newly_covered.geojson (unité ∩ (couverture après − couverture avant), par unité), no_longer_covered.geojson et scenario.csv.\n")
        ) }

        @OptionGroup var layers: LayerOptions

        @Option(help: .text("Service radius in km of point initiatives whose row gives no radius_km.", fr: "Rayon d'action en km des initiatives ponctuelles dont la ligne ne donne pas de radius_km.", valueName: "km"))
        var radius: Double = 10

        @Option(help: .text("Vertices of each geodesic disc.", fr: "Nombre de sommets de chaque disque géodésique.", valueName: "n"))
        var segments: Int = 64

        @Flag(name: .customLong("include-planned"), help: .text("The scenario: the planned initiatives go ahead.", fr: "Le scénario : les initiatives prévues se réalisent."))
        var includePlanned = false

        @Flag(name: .customLong("programmes-as-coverage"), help: .text("Count a programme (an initiative that names a region) as covering its whole region, before and after, "
                + "as gapmap did before 2026-12.", fr: "Compte un programme (une initiative qui nomme une unité) comme couvrant toute son unité, avant et après, comme gapmap le faisait avant 2026-12."))
        var programmesAsCoverage = false

        @Option(help: .text("The scenario: the initiatives of this file (CSV or GeoJSON, as --initiatives).", fr: "Le scénario : les initiatives de ce fichier (CSV ou GeoJSON, comme --initiatives).", valueName: "file"))
        var plan: String?

        @Option(name: .customLong("plan-mode"), help: .text("With --plan: add its initiatives to the current ones, or replace them.", fr: "Avec --plan : ajouter ses initiatives à celles en cours (add), ou les remplacer (replace).", valueName: "add|replace"))
        var planMode: PlanMode = .add

        @OptionGroup var filters: FilterOptions

        @Option(help: .text("Output folder.", fr: "Dossier de sortie.", valueName: "dir"))
        var out: String = "out"

        @Flag(name: .customLong("all-units"), help: .text("List every unit in the table, not only those the scenario changes (scenario.csv always holds them all).", fr: "Liste chaque unité dans le tableau, pas seulement celles que le scénario change (scenario.csv les contient toujours toutes)."))
        var allUnits = false

        @Flag(help: .text("Print the per-region changes as one JSON document instead of the table.", fr: "Affiche les changements par unité en un document JSON au lieu du tableau."))
        var json = false

        @Flag(help: .text("Refused: a scenario cannot be shared (its before/after changes give suppressed counts away); see the message for what to share instead.",
                          fr: "Refusé : un scénario ne peut pas être diffusé (ses changements avant/après révéleraient des effectifs masqués) ; l'erreur affichée dit quoi diffuser à la place."))
        var share = false

        @OptionGroup var language: LanguageOption

        func validate() throws {
            if share { throw ValidationError(Self.notShareable) }
            try checkOutputFolderNamed(out)
            guard includePlanned != (plan != nil) else {
                throw ValidationError("Choose one scenario: --include-planned (the planned initiatives go ahead) or --plan FILE (a plan file).")
            }
            try InputBounds.radiusKm.check(radius, option: "--radius", example: "10")
            try InputBounds.segments.check(segments, option: "--segments", example: "64")
        }

        /// Why a scenario has no shareable version, and what to share instead.
        static let notShareable = """
            A scenario cannot be made shareable: it publishes each region's uncovered needs and incidents before and after, and \
            their changes; a count withheld in one state is recovered from the other state and the change (before = after − change), \
            and suppressing both states together would withhold nearly every region that changes. Keep the scenario inside the team \
            (its files say restricted), and share one state: gapmap analyze --share for today, or gapmap analyze --share \
            --include-planned for the planned state — not both, since their difference is the scenario.
            """
        func run() throws {
            try reportingErrors(language.language) { progress in FileHandle.standardOutput.write(Data(try execute(progress: progress).utf8)) }
        }

        func execute(progress: AnalysisProgress = .silent) throws -> String {
            // Written aside, moved into --out together once everything succeeded.
            let folder = try OutputFolder(out)
            let filter = try filters.filter()
            let parameters = AnalysisParameters(defaultRadiusKm: radius, segments: segments, includePlanned: false,
                                                programmesAsCoverage: programmesAsCoverage)
            let request = try layers.request(parameters, filter: filters, progress: progress, language: language.language)
            let source = try AnalysisSource(request)
            let input = source.input
            let change: ScenarioChange
            if let plan {
                change = .plan(try ScenarioComparison.loadPlan(path: plan, regions: input.regions.items, filter: filter), mode: planMode)
            } else {
                change = .includePlanned
            }
            let comparison = try ScenarioComparison.run(source, parameters: parameters, change: change, progress: progress)
            let written = try comparison.write(to: folder.staging)
            let document = json ? try PlannerText.json(ScenarioDocument(comparison, filter: filter)) : nil
            try folder.commit()
            if let document { return document }
            let text = ScenarioText(language.language)
            var lines = text.render(comparison, allUnits: allUnits)
            lines += text.words.filterLines(filter, layers: comparison.before.layers)
            if let a = comparison.planAccount { lines.append(text.words.planAccount(a)) }
            lines.append(text.words.wroteFiles(written.map { ($0 as NSString).lastPathComponent }, to: out))
            return lines.joined(separator: "\n") + "\n"
        }
    }
}
