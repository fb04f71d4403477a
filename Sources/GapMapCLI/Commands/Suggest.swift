import ArgumentParser
import Foundation
import GapMap

extension GapMapCommand {
    /// `gapmap suggest --sites K`: where to put the next initiatives.
    struct Suggest: ParsableCommand {
        static var configuration: CommandConfiguration { CommandConfiguration(
            commandName: "suggest",
            abstract: HelpLanguage.text("Suggest K new sites that cover the most uncovered demand (maximal covering location, lazy greedy).", fr: "Propose K nouveaux sites qui couvrent le plus de demande non couverte (localisation à couverture maximale, glouton paresseux)."),
            discussion: """
                The existing initiatives stay as they are: demand they cover is worth nothing. A new site covers what its \
                geodesic disc of --radius km with --segments vertices covers: the footprint a point initiative with that \
                radius_km gets in analyze. (--initiative-radius is the radius of existing initiatives without radius_km.) \
                Candidates: the uncovered demand points (demand), the settlements layer (settlements), or a hexagonal grid \
                over the regions (grid, with --spacing km, measured on the ellipsoid). The output says how far from the best \
                possible choice the suggestion can be. Writes sites.geojson and site_footprints.geojson.
                """
        ) }

        @OptionGroup var layers: LayerOptions
        @OptionGroup var baseline: BaselineOptions
        @OptionGroup var filters: FilterOptions

        @Option(help: ArgumentHelp("How many new sites (K).", valueName: "k"))
        var sites: Int

        @Option(help: ArgumentHelp("Service radius of each new site, km.", valueName: "km"))
        var radius: Double = 10

        @Option(help: ArgumentHelp("Where candidate sites come from: demand, settlements or grid.", valueName: "source"))
        var candidates: CandidateSource = .demand

        @Option(help: ArgumentHelp("Spacing of the grid of candidates, km (with --candidates grid).", valueName: "km"))
        var spacing: Double?

        @Option(name: .customLong("min-per-region"), help: ArgumentHelp("At least this many sites in every region that has candidates (voids the 63 % guarantee; the bound on the optimum still holds).", valueName: "n"))
        var minPerRegion: Int = 0

        @Option(help: .text("Output folder.", fr: "Dossier de sortie.", valueName: "dir"))
        var out: String = "out"

        @Flag(help: "Print the suggestion as one JSON document instead of the table.")
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
