import ArgumentParser
import Foundation
import GapMap

extension MapMetric: ExpressibleByArgument {}
extension ClassificationMethod: ExpressibleByArgument {}

extension GapMapCommand {
    /// `gapmap map`: a choropleth map of the analysis as SVG and PNG.
    struct Map: ParsableCommand {
        static var configuration: CommandConfiguration { CommandConfiguration(
            commandName: "map",
            abstract: HelpLanguage.text("Draw the analysis as a map: regions shaded by a metric, gaps hatched, footprints, needs and incidents; SVG and PNG.", fr: "Dessine l'analyse en carte : unités colorées selon un indicateur, lacunes hachurées, zones d'action, besoins et incidents ; SVG et PNG."),
            discussion: HelpLanguage.text("""
                The map is drawn in a Lambert azimuthal equal-area projection centred on the regions, with a legend, \
                a scale bar in km, a north arrow, a title and the data sources. The PNG needs rsvg-convert \
                (apt-get install librsvg2-bin).
                """, fr: "La carte est dessinée dans une projection azimutale équivalente de Lambert centrée sur les unités, avec une légende, une échelle en km, une flèche du nord, un titre et les sources des données. Le PNG demande rsvg-convert (paquet librsvg2-bin).\n")
        ) }

        @OptionGroup var layers: LayerOptions
        @OptionGroup var analysis: AnalysisOptions
        @OptionGroup var filters: FilterOptions
        @OptionGroup var sharing: ShareOptions

        @Option(help: .text("The metric that shades the regions: \(MapMetric.allCases.map(\.rawValue).joined(separator: ", ")).",
                            fr: "L'indicateur qui colore les unités : \(MapMetric.allCases.map(\.rawValue).joined(separator: ", "))."))
        var metric: MapMetric = .coveragePct

        @Option(help: .text("Number of legend classes (1 to 9).", fr: "Nombre de classes de la légende (1 à 9).", valueName: "n"))
        var classes = 5

        @Option(help: .text("How classes are cut: quantile or natural (Jenks).", fr: "Découpage des classes : quantile (quantiles) ou natural (seuils naturels de Jenks)."))
        var breaks: ClassificationMethod = .natural

        @Option(help: .text("The map title (default: one that says what is shown).", fr: "Le titre de la carte (par défaut : un titre qui dit ce qui est montré)."))
        var title: String?

        @OptionGroup var language: LanguageOption

        @Flag(name: .customLong("no-points"), help: .text("Leave out the needs and incidents dots.", fr: "Sans les points des besoins et incidents."))
        var noPoints = false

        @Option(help: .text("Output folder.", fr: "Dossier de sortie.", valueName: "dir"))
        var out: String = "out"

        @Flag(name: .customLong("svg-only"), help: .text("Write the SVG only, no PNG.", fr: "N'écrit que le SVG, sans PNG."))
        var svgOnly = false

        func validate() throws {
            try checkOutputFolderNamed(out)
            guard (1...9).contains(classes) else { throw ValidationError("--classes must be from 1 to 9.") }
        }

        func run() throws {
            try reportingErrors(language.language) { progress in
                FileHandle.standardOutput.write(Data(try execute(progress: progress).utf8))
            }
        }

        func execute(progress: AnalysisProgress = .silent) throws -> String {
            let request = try layers.request(analysis.parameters, filter: filters, progress: progress, language: language.language)
            // Only the points are kept (29 bytes each), and only when drawn:
            // never on a shareable map, which counts them per unit instead.
            let rules = sharing.rules
            let points = noPoints || rules != nil ? nil : DemandPoints(.all)
            let tally = DemandTally(share: rules)
            var sinks: [any AnalysisSink] = points.map { [$0] } ?? []
            if rules != nil { sinks.append(tally) }
            let report = try AnalysisWorkflow.run(request, into: sinks)
            var options = MapOptions()
            options.metric = metric
            options.classes = classes
            options.method = breaks
            options.title = title
            options.language = language.language
            options.showPoints = points != nil
            if let rules {
                let figures = try SharedFigures(report, tally: tally, rules: rules).withSensitivePresence(report)
                options.release = figures.release
                options.sensitive = figures.sensitive
                options.hexagons = figures.hexagons
                options.displaced = figures.displaced
                options.withheld = Set(report.metrics.map(\.regionID).filter { figures.withheld(regionID: $0).contains(metric.rawValue) })
            }
            let svg = try ChoroplethMap(report: report, points: points, options: options, sources: layers.sourceNames(request)).svg()
            // Written aside, moved into --out together once both are made.
            let folder = try OutputFolder(out)
            try Data(svg.utf8).write(to: URL(fileURLWithPath: folder.path("map.svg")))
            var written = [folder.finalPath("map.svg")]
            if !svgOnly {
                try PNGRenderer.render(svgPath: folder.path("map.svg"), pngPath: folder.path("map.png"))
                written.append(folder.finalPath("map.png"))
            }
            try folder.commit()
            return language.words.wrote(written) + "\n"
        }
    }
}
