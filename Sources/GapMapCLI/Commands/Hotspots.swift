import ArgumentParser
import Foundation
import GapMap

extension GapMapCommand {
    /// `gapmap hotspots`: clusters of uncovered demand.
    struct Hotspots: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "hotspots",
            abstract: "Find clusters of uncovered needs and incidents (density-based, geodesic distances) and outline them.",
            discussion: """
                A point (an uncovered need or incident in some region) is a core point when the demand weight within --radius km \
                of it, itself included, is at least --min-weight. A hotspot is a set of core points linked through each other's \
                neighbourhoods, plus the points within reach of one of them. Each is outlined by the union of geodesic discs of \
                radius --radius/2 around its members. A hotspot is at most --max-extent km wide (default 4 × --radius): a \
                cluster that chains farther is split from its densest core point outwards. Writes hotspots.geojson.
                """
        )

        @OptionGroup var layers: LayerOptions

        @Option(help: ArgumentHelp("Neighbourhood radius, km (geodesic).", valueName: "km"))
        var radius: Double

        @Option(name: .customLong("min-weight"), help: ArgumentHelp("Demand weight a neighbourhood must hold for its centre to be a core point.", valueName: "w"))
        var minWeight: Double

        @Option(name: .customLong("max-extent"),
                help: ArgumentHelp("The widest a hotspot may be, km: its members lie within half of it of its centre. Default 4 × --radius; 0 keeps the clusters whole however far they chain.", valueName: "km"))
        var maxExtent: Double?

        @OptionGroup var baseline: BaselineOptions

        @OptionGroup var filters: FilterOptions

        @Option(help: ArgumentHelp("Output folder.", valueName: "dir"))
        var out: String = "out"

        @Flag(help: "Print the hotspots as one JSON document instead of the table.")
        var json = false

        func validate() throws {
            try InputBounds.radiusKm.check(radius, option: "--radius", example: "25")
            try InputBounds.minimumWeight.check(minWeight, option: "--min-weight", example: "10")
            if let maxExtent, maxExtent != 0, let problem = HotspotRequest.extentProblem(extentKm: maxExtent, radiusKm: radius) {
                throw ValidationError("--max-extent: \(problem); give 0 for no bound, or for example --max-extent \(NumberText.plain(4 * radius)).")
            }
        }

        func run() throws {
            try reportingErrors { progress in FileHandle.standardOutput.write(Data(try execute(progress: progress).utf8)) }
        }

        func execute(progress: AnalysisProgress = .silent) throws -> String {
            // Written aside, moved into --out once everything succeeded.
            let folder = try OutputFolder(out)
            let demand = DemandPoints(.uncovered)
            let report = try AnalysisWorkflow.run(try layers.request(baseline.parameters, filter: filters, progress: progress), into: [demand])
            let analysis = try HotspotAnalysis.find(report, demand: demand, request: HotspotRequest(
                radiusKm: radius, minimumWeight: minWeight, maxExtent: maxExtent.map { $0 == 0 ? .unbounded : .kilometres($0) } ?? .standard))
            let path = try analysis.writeGeoJSON(to: folder.staging)
            let document = json ? try PlannerText.json(analysis) : nil
            try folder.commit()
            if let document { return document }
            var lines = Self.render(analysis)
            lines += PlannerText.filterLines(try filters.filter(), layers: report.layers)
            lines.append("Wrote \((path as NSString).lastPathComponent) to \(out)/.")
            return lines.joined(separator: "\n") + "\n"
        }

        static func render(_ a: HotspotAnalysis) -> [String] {
            let r = a.request
            var lines = ["\(a.hotspots.count) hotspot\(a.hotspots.count == 1 ? "" : "s") of uncovered demand: neighbourhood \(RankedTable.weight(r.radiusKm)) km, "
                         + "core points with a weight of at least \(RankedTable.weight(r.minimumWeight)) within it; "
                         + (r.maxExtentKm.map { "each at most \(RankedTable.weight($0)) km wide. " } ?? "clusters whole, however wide. ")
                         + "\(PlannerText.count(a.points)) uncovered points (weight \(PlannerText.weight(a.weight))); \(PlannerText.count(a.noisePoints)) (weight \(PlannerText.weight(a.noiseWeight))) in no hotspot.", ""]
            guard !a.hotspots.isEmpty else {
                lines.append("No hotspot: lower --min-weight or widen --radius.")
                return lines
            }
            let header = ["id", "weight", "needs", "incidents", "members", "core", "area km²", "main region", "regions", "centre lon", "centre lat"]
            let rows = a.hotspots.map { h -> [String] in
                [h.id, PlannerText.weight(h.weight), PlannerText.weight(h.needsWeight), PlannerText.weight(h.incidentsWeight), String(h.members),
                 String(h.corePoints), PlannerText.km2(h.areaKm2), h.regions.first.map { "\($0.regionID) \($0.name)" } ?? "",
                 h.regions.prefix(3).map(\.regionID).joined(separator: ",") + (h.regions.count > 3 ? " +\(h.regions.count - 3)" : ""), String(format: "%.4f", h.centre.x), String(format: "%.4f", h.centre.y)]
            }
            let total = a.hotspots.reduce(0) { $0 + $1.weight }
            let footer = ["all", PlannerText.weight(total), PlannerText.weight(a.hotspots.reduce(0) { $0 + $1.needsWeight }),
                          PlannerText.weight(a.hotspots.reduce(0) { $0 + $1.incidentsWeight }), String(a.hotspots.reduce(0) { $0 + $1.members }),
                          String(a.hotspots.reduce(0) { $0 + $1.corePoints }), "", "", "", "", ""]
            lines += RankedTable.table(header: header, rows: rows, footer: footer, leftAligned: [0, 7, 8])
            lines.append("")
            lines.append("weight = needs + incidents weight of the members; core = members whose neighbourhood reaches --min-weight; "
                         + "area = geodesic area of the outline (discs of radius \(RankedTable.weight(r.radiusKm / 2)) km around the members); "
                         + "centre = the member with the most weight around it.")
            return lines
        }
    }
}
