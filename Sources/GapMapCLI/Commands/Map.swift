import ArgumentParser
import Foundation
import GapMap

extension MapMetric: ExpressibleByArgument {}
extension ClassificationMethod: ExpressibleByArgument {}

extension GapMapCommand {
    /// `gapmap map`: a choropleth map of the analysis as SVG and PNG.
    struct Map: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "map",
            abstract: "Draw the analysis as a map: regions shaded by a metric, gaps hatched, footprints, needs and incidents; SVG and PNG.",
            discussion: """
                The map is drawn in a Lambert azimuthal equal-area projection centred on the regions, with a legend, \
                a scale bar in km, a north arrow, a title and the data sources. The PNG needs rsvg-convert \
                (apt-get install librsvg2-bin).
                """
        )

        @OptionGroup var layers: LayerOptions
        @OptionGroup var analysis: AnalysisOptions
        @OptionGroup var filters: FilterOptions
        @OptionGroup var sharing: ShareOptions

        @Option(help: "The metric that shades the regions: \(MapMetric.allCases.map(\.rawValue).joined(separator: ", ")).")
        var metric: MapMetric = .coveragePct

        @Option(help: ArgumentHelp("Number of legend classes (1 to 9).", valueName: "n"))
        var classes = 5

        @Option(help: "How classes are cut: quantile or natural (Jenks).")
        var breaks: ClassificationMethod = .natural

        @Option(help: "The map title (default: one that says what is shown).")
        var title: String?

        @OptionGroup var language: LanguageOption

        @Flag(name: .customLong("no-points"), help: "Leave out the needs and incidents dots.")
        var noPoints = false

        @Option(help: ArgumentHelp("Output folder.", valueName: "dir"))
        var out: String = "out"

        @Flag(name: .customLong("svg-only"), help: "Write the SVG only, no PNG.")
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
