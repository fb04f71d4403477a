import ArgumentParser
import Foundation
import GapMap

/// The roll-up levels of `analyze --rollup` and `gapmap rollup --level`.
struct RollupOptions: ParsableArguments {
    @Option(name: .customLong("rollup"), help: ArgumentHelp(
        "Also roll the regions up to a coarser level: auto (the P-code fields beside the id, e.g. admin2Pcod and admin1Pcod for communes), "
            + "a parent id FIELD, prefix:N (first N characters of the id) or file:PATH (parent boundaries, by containment). "
            + "NAME=... names the level. Repeatable.", valueName: "level"))
    var levels: [String] = []
}

extension GapMapCommand {
    /// `gapmap rollup`: analyse at the finest level, report coarser ones.
    struct Rollup: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rollup",
            abstract: "Analyse fine regions (communes) and roll the metrics up to coarser levels (cercles, regions).",
            discussion: """
                Each parent's polygon is the union of its children; its area and covered area are measured on that polygon \
                (km² on the WGS84 ellipsoid), its counts and weights are the sums of its children's. Levels: auto (default), a parent id FIELD, \
                prefix:N or file:PATH, each optionally NAME=...; writes regions_<level>.geojson per level.
                """
        )

        @OptionGroup var layers: LayerOptions
        @OptionGroup var analysis: AnalysisOptions
        @OptionGroup var filters: FilterOptions

        @Option(name: .customLong("level"), help: ArgumentHelp("A level to roll up to (see above); repeatable; default auto.", valueName: "level"))
        var levels: [String] = []

        @Option(help: ArgumentHelp("Output folder.", valueName: "dir"))
        var out: String = "out"

        @Flag(help: "Print the roll-ups as one JSON document instead of the tables.")
        var json = false

        func run() throws {
            try reportingErrors { progress in FileHandle.standardOutput.write(Data(try execute(progress: progress).utf8)) }
        }

        func execute(progress: AnalysisProgress = .silent) throws -> String {
            // Written aside, moved into --out together once everything succeeded.
            let folder = try OutputFolder(out)
            let request = try layers.request(analysis.parameters, filter: filters, progress: progress)
            let report = try AnalysisWorkflow.run(request, into: [])
            let results = try AdminRollup.run(report, specs: levels.isEmpty ? ["auto"] : levels, regionsPath: request.regionsPath)
            let written = try results.map { try AdminRollup.writeGeoJSON($0, to: folder.staging) }
            let document = json ? try PlannerText.json(results) : nil
            try folder.commit()
            if let document { return document }
            var lines = ["Roll-up of \(report.metrics.count) regions (\(report.regionFields.id)) analysed with \(report.initiativeInRun.filter { $0 }.count) initiatives in the run."]
            for result in results { lines += [""] + Self.render(result) }
            lines += PlannerText.filterLines(request.filter, layers: report.layers)
            lines.append("Wrote \(written.map { ($0 as NSString).lastPathComponent }.joined(separator: ", ")) to \(out)/.")
            return lines.joined(separator: "\n") + "\n"
        }

        /// One level as a ranked table.
        static func render(_ result: RollupResult) -> [String] {
            var lines = ["Level \(result.level.name): \(result.metrics.count) parent\(result.metrics.count == 1 ? "" : "s"), grouped by \(result.level.groupedBy)."]
            let order = result.metrics.indices.sorted { result.metrics[$0].gapRank < result.metrics[$1].gapRank }
            lines += RankedTable.regionTable(
                order.map { result.metrics[$0] }, totals: RegionTotals(result.metrics), totalName: "all",
                extra: [("children", order.map { String(result.childIDs[$0].count) }, String(result.childIDs.reduce(0) { $0 + $1.count }))])
            if !result.orphanIDs.isEmpty {
                lines.append("\(result.orphanIDs.count) regions have no parent at this level and are in no row: \(result.orphanIDs.prefix(10).joined(separator: ", "))"
                             + (result.orphanIDs.count > 10 ? ", ..." : "") + ".")
            }
            if !result.generalUnionParents.isEmpty {
                lines.append("Children overlap or do not share edges in \(result.generalUnionParents.joined(separator: ", ")): their polygon is a general union.")
            }
            return lines
        }
    }
}

extension GapMapCommand.Analyze {
    /// What `--rollup` and the filters add to analyze's output: the roll-up
    /// files, the JSON document with `filter` and `rollup` (nil when neither
    /// is asked for: the plain summary), and the text after the table.
    func planningOutputs(_ report: CoverageReport, regionsPath: String?, into out: String) throws -> (json: Data?, text: String, written: [String]) {
        let filter = try filters.filter()
        var results: [RollupResult] = []
        if !rollup.levels.isEmpty, let regionsPath {
            results = try AdminRollup.run(report, specs: rollup.levels, regionsPath: regionsPath)
        }
        let written = try results.map { try AdminRollup.writeGeoJSON($0, to: out) }
        guard !filter.isEmpty || !results.isEmpty else { return (nil, "", []) }
        let json = try PlannerSummaryDocument(SummaryDocument(report), filter: filter.isEmpty ? nil : filter,
                                              rollup: results.isEmpty ? nil : results).json()
        var lines = PlannerText.filterLines(filter, layers: report.layers)
        for result in results { lines += [""] + GapMapCommand.Rollup.render(result) }
        return (json, lines.isEmpty ? "" : "\n" + lines.joined(separator: "\n"), written)
    }
}
