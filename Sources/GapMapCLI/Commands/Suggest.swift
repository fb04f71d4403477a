import ArgumentParser
import Foundation
import GapMap

extension GapMapCommand {
    /// `gapmap suggest --sites K`: where to put the next initiatives.
    struct Suggest: ParsableCommand {
        static var configuration: CommandConfiguration { CommandConfiguration(
            commandName: "suggest",
            abstract: HelpLanguage.text("Suggest K new sites that cover the most uncovered demand (maximal covering location, lazy greedy).", fr: "Propose K nouveaux sites qui couvrent le plus de demande non couverte (localisation à couverture maximale, glouton paresseux)."),
            discussion: HelpLanguage.text("""
                The existing initiatives stay as they are: demand they cover is worth nothing. A new site covers what its \
                geodesic disc of --radius km with --segments vertices covers: the footprint a point initiative with that \
                radius_km gets in analyze. (--initiative-radius is the radius of existing initiatives without radius_km.) \
                Candidates: the uncovered demand points (demand), the settlements layer (settlements), or a hexagonal grid \
                over the regions (grid, with --spacing km, measured on the ellipsoid). The output says how far from the best \
                possible choice the suggestion can be. Writes sites.geojson and site_footprints.geojson.
                """, fr: "Les initiatives existantes restent telles quelles : la demande qu'elles couvrent ne compte pas. Un nouveau site couvre ce que couvre son disque géodésique de --radius km à --segments sommets : la zone d'action qu'une initiative ponctuelle de ce radius_km reçoit dans analyze. (--initiative-radius est le rayon des initiatives existantes sans radius_km.) Candidats : les points de demande non couverte (demand), la couche des localités (settlements), ou une grille hexagonale sur les unités (grid, avec --spacing km, mesurés sur l'ellipsoïde). La sortie dit à quelle distance du meilleur choix possible la proposition peut être. Écrit sites.geojson et site_footprints.geojson.\n")
        ) }

        @OptionGroup var layers: LayerOptions
        @OptionGroup var baseline: BaselineOptions
        @OptionGroup var filters: FilterOptions

        @Option(help: .text("How many new sites (K).", fr: "Nombre de nouveaux sites (K).", valueName: "k"))
        var sites: Int

        @Option(help: .text("Service radius of each new site, km.", fr: "Rayon d'action de chaque nouveau site, en km.", valueName: "km"))
        var radius: Double = 10

        @Option(help: .text("Where candidate sites come from: demand, settlements or grid.", fr: "L'origine des sites candidats : demand (la demande), settlements (les localités) ou grid (une grille).", valueName: "source"))
        var candidates: CandidateSource = .demand

        @Option(help: .text("Spacing of the grid of candidates, km (with --candidates grid).", fr: "Espacement de la grille des candidats, en km (avec --candidates grid).", valueName: "km"))
        var spacing: Double?

        @Option(name: .customLong("min-per-region"), help: .text("At least this many sites in every region that has candidates (voids the 63 % guarantee; the bound on the optimum still holds).", fr: "Au moins ce nombre de sites dans chaque unité qui a des candidats (annule la garantie de 63 % ; la borne sur l'optimum tient toujours).", valueName: "n"))
        var minPerRegion: Int = 0

        @Option(help: .text("Output folder.", fr: "Dossier de sortie.", valueName: "dir"))
        var out: String = "out"

        @Flag(help: .text("Print the suggestion as one JSON document instead of the table.", fr: "Affiche la proposition en un document JSON au lieu du tableau."))
        var json = false

        @OptionGroup var language: LanguageOption

        func validate() throws {
            try checkOutputFolderNamed(out)
            try InputBounds.radiusKm.check(radius, option: "--radius", example: "15")
            try InputBounds.sites.check(sites, option: "--sites", example: "5")
            guard (0...sites).contains(minPerRegion) else { throw ValidationError("--min-per-region must be from 0 to --sites (\(sites)), not \(minPerRegion).") }
            if candidates == .grid {
                guard let spacing else {
                    throw ValidationError("--candidates grid needs --spacing KM, the distance between grid points, for example --spacing 10.")
                }
                try InputBounds.gridSpacingKm.check(spacing, option: "--spacing", example: "10")
            } else if spacing != nil {
                throw ValidationError("--spacing applies only with --candidates grid.")
            }
        }

        func run() throws {
            try reportingErrors(language.language) { progress in FileHandle.standardOutput.write(Data(try execute(progress: progress).utf8)) }
        }

        func execute(progress: AnalysisProgress = .silent) throws -> String {
            // Written aside, moved into --out together once everything succeeded.
            let folder = try OutputFolder(out)
            let parameters = baseline.parameters
            let demand = DemandPoints(.uncovered)
            let report = try AnalysisWorkflow.run(try layers.request(parameters, filter: filters, progress: progress, language: language.language), into: [demand])
            let request = SiteSuggestionRequest(sites: sites, radiusKm: radius, segments: parameters.segments,
                                                candidates: candidates, gridSpacingKm: spacing, minimumPerRegion: minPerRegion)
            let suggestion = try SiteSuggestion.run(report, demand: demand, request: request)
            let written = try suggestion.writeGeoJSON(to: folder.staging)
            let document = json ? try PlannerText.json(suggestion) : nil
            try folder.commit()
            if let document { return document }
            let text = SuggestionText(language.language)
            var lines = text.render(suggestion, report: report)
            lines += text.words.filterLines(try filters.filter(), layers: report.layers)
            lines.append(text.words.wrote(written.map { ($0 as NSString).lastPathComponent }, in: out))
            return lines.joined(separator: "\n") + "\n"
        }
    }
}
