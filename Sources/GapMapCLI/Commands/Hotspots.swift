import ArgumentParser
import Foundation
import GapMap

extension GapMapCommand {
    /// `gapmap hotspots`: clusters of uncovered demand.
    struct Hotspots: ParsableCommand {
        static var configuration: CommandConfiguration { CommandConfiguration(
            commandName: "hotspots",
            abstract: HelpLanguage.text("Find clusters of uncovered needs and incidents (density-based, geodesic distances) and outline them.", fr: "Trouve les foyers de besoins et d'incidents non couverts (par densité, distances géodésiques) et en trace le contour."),
            discussion: HelpLanguage.text("""
                A point (an uncovered need or incident in some region) is a core point when the demand weight within --radius km \
                of it, itself included, is at least --min-weight. A hotspot is a set of core points linked through each other's \
                neighbourhoods, plus the points within reach of one of them. Each is outlined by the union of geodesic discs of \
                radius --radius/2 around its members. A hotspot is at most --max-extent km wide (default 4 × --radius): a \
                cluster that chains farther is split from its densest core point outwards. Writes hotspots.geojson.
                """, fr: "Un point (un besoin ou un incident non couvert dans une unité) est un point central quand le poids de la demande à moins de --radius km de lui, lui compris, atteint au moins --min-weight. Un foyer est un ensemble de points centraux reliés par leurs voisinages, plus les points à portée de l'un d'eux. Chacun est délimité par l'union des disques géodésiques de rayon --radius/2 autour de ses membres. Un foyer mesure au plus --max-extent km de large (par défaut 4 × --radius) : un amas qui s'étend plus loin est découpé à partir de son point central le plus dense. Écrit hotspots.geojson.\n")
        ) }

        @OptionGroup var layers: LayerOptions

        @Option(help: .text("Neighbourhood radius, km (geodesic).", fr: "Rayon du voisinage, en km (géodésique).", valueName: "km"))
        var radius: Double

        @Option(name: .customLong("min-weight"), help: .text("Demand weight a neighbourhood must hold for its centre to be a core point.", fr: "Poids de demande qu'un voisinage doit contenir pour que son centre soit un point central.", valueName: "w"))
        var minWeight: Double

        @Option(name: .customLong("max-extent"),
                help: .text("The widest a hotspot may be, km: its members lie within half of it of its centre. Default 4 × --radius; 0 keeps the clusters whole however far they chain.", fr: "La plus grande largeur d'un foyer, en km : ses membres sont à moins de sa moitié de son centre. Par défaut 4 × --radius ; 0 garde les amas entiers, si loin qu'ils s'étendent.", valueName: "km"))
        var maxExtent: Double?

        @OptionGroup var baseline: BaselineOptions

        @OptionGroup var filters: FilterOptions

        @Option(help: .text("Output folder.", fr: "Dossier de sortie.", valueName: "dir"))
        var out: String = "out"

        @Flag(help: .text("Print the hotspots as one JSON document instead of the table.", fr: "Affiche les foyers en un document JSON au lieu du tableau."))
        var json = false

        @OptionGroup var language: LanguageOption

        func validate() throws {
            try checkOutputFolderNamed(out)
            try InputBounds.radiusKm.check(radius, option: "--radius", example: "25")
            try InputBounds.minimumWeight.check(minWeight, option: "--min-weight", example: "10")
            if let maxExtent, maxExtent != 0, let problem = HotspotRequest.extentProblem(extentKm: maxExtent, radiusKm: radius) {
                throw ValidationError("--max-extent: \(problem); give 0 for no bound, or for example --max-extent \(NumberText.plain(4 * radius)).")
            }
        }

        func run() throws {
            try reportingErrors(language.language) { progress in FileHandle.standardOutput.write(Data(try execute(progress: progress).utf8)) }
        }

        func execute(progress: AnalysisProgress = .silent) throws -> String {
            // Written aside, moved into --out once everything succeeded.
            let folder = try OutputFolder(out)
            let demand = DemandPoints(.uncovered)
            let report = try AnalysisWorkflow.run(try layers.request(baseline.parameters, filter: filters, progress: progress, language: language.language), into: [demand])
            let analysis = try HotspotAnalysis.find(report, demand: demand, request: HotspotRequest(
                radiusKm: radius, minimumWeight: minWeight, maxExtent: maxExtent.map { $0 == 0 ? .unbounded : .kilometres($0) } ?? .standard))
            let path = try analysis.writeGeoJSON(to: folder.staging)
            let document = json ? try PlannerText.json(analysis) : nil
            try folder.commit()
            if let document { return document }
            let text = HotspotText(language.language)
            var lines = text.render(analysis, units: report.unitNames)
            lines += text.words.filterLines(try filters.filter(), layers: report.layers)
            lines.append(text.words.wrote([(path as NSString).lastPathComponent], in: out))
            return lines.joined(separator: "\n") + "\n"
        }
    }
}
