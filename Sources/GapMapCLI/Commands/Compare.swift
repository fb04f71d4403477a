import ArgumentParser
import Foundation
import GapMap

extension GapMapCommand {
    /// `gapmap compare ML05 ML04 ...`: regions side by side, with the equity summary.
    struct Compare: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "compare",
            abstract: "Compare regions side by side on every metric, with differences, ratios and an equity summary of all regions.",
            discussion: """
                Regions are named by id (P-code) or by name, with case and accents folded (Ségou = SEGOU). Each region after the \
                first is compared with the first: difference = region − first, ratio = region / first.
                """
        )

        @Argument(help: ArgumentHelp("Regions to compare, by id or name.", valueName: "region"))
        var regionNames: [String]

        @OptionGroup var layers: LayerOptions
        @OptionGroup var analysis: AnalysisOptions
        @OptionGroup var filters: FilterOptions

        @Flag(help: "Print the comparison and the equity summary as one JSON document.")
        var json = false

        @Option(help: ArgumentHelp("Also write the comparison as CSV to this file.", valueName: "file"))
        var csv: String?

        func validate() throws {
            guard !regionNames.isEmpty else {
                throw ValidationError("Name the regions to compare, for example: gapmap compare ML05 ML04.")
            }
        }

        func run() throws {
            try reportingErrors { progress in FileHandle.standardOutput.write(Data(try execute(progress: progress).utf8)) }
        }

        func execute(progress: AnalysisProgress = .silent) throws -> String {
            // Written beside the file and renamed over it once everything succeeded.
            let file = try csv.map { try OutputFile($0, option: "--csv") }
            let report = try AnalysisWorkflow.run(try layers.request(analysis.parameters, filter: filters, progress: progress), into: [])
            let comparison = try RegionComparison(report: report, references: regionNames)
            if let file { try comparison.writeCSV(to: file.staging) }
            let document = json ? try PlannerText.json(comparison) : nil
            try file?.commit()
            if let document { return document }
            var lines = Self.render(comparison, report: report)
            lines += PlannerText.filterLines(try filters.filter(), layers: report.layers)
            if let csv { lines.append("Wrote \(csv).") }
            return lines.joined(separator: "\n") + "\n"
        }

        static func label(_ metric: String) -> String { MetricCatalogue.metric(metric)?.label(.english) ?? metric }

        static func format(_ metric: String, _ value: Double) -> String {
            MetricCatalogue.metric(metric)?.text(value) ?? RankedTable.weight(value)
        }

        static func render(_ comparison: RegionComparison, report: CoverageReport) -> [String] {
            let regions = comparison.regions
            let p = report.parameters
            var lines = ["Comparison of \(regions.map { "\($0.name) (\($0.regionID))" }.joined(separator: ", ")) "
                         + "(radius \(RankedTable.weight(p.defaultRadiusKm)) km, planned \(p.includePlanned ? "included" : "excluded")).", ""]
            guard let first = regions.first else { return lines }
            var header = ["metric"] + regions.map { "\($0.regionID) \($0.name)" }
            for r in regions.dropFirst() { header += ["\(r.regionID) − \(first.regionID)", "\(r.regionID) / \(first.regionID)"] }
            let rows = comparison.rows.map { row -> [String] in
                var cells = [label(row.metric)] + row.values.map { $0.map { format(row.metric, $0) } ?? "—" }
                for k in row.differences.indices {
                    cells.append(row.differences[k].map { PlannerText.signed($0) { format(row.metric, $0) } } ?? "—")
                    cells.append(row.ratios[k].map { RankedTable.number($0, decimals: 2) } ?? "—")
                }
                return cells
            }
            let table = RankedTable.table(header: header, rows: rows, footer: header.map { _ in "" }, leftAligned: [0])
            lines += table.dropLast(2)  // no footer
            lines.append("")
            lines += equityLines(comparison.equity)
            lines.append("Ratios are empty (—) where the first region's value is 0 or unknown, and for the gap rank.")
            return lines
        }

        static func equityLines(_ e: EquitySummary) -> [String] {
            func gini(_ v: Double?) -> String { v.map { String(format: "%.3f", $0) } ?? "undefined (nothing covered)" }
            var lines = ["Equity across all \(e.regions) regions:"]
            lines.append("  Gini of coverage by area   \(gini(e.giniCoverageByArea))  (each region's covered share of its area, weighted by its area; "
                         + "0 = every region equally covered, towards 1 = coverage concentrated in a few)")
            lines.append("  Gini of coverage by demand \(gini(e.giniCoverageByDemand))  (each region's covered share of its needs + incidents weight, "
                         + "weighted by that demand)")
            let counted = RankedTable.number(e.worstRegionsCounted, decimals: 1)
            let whole = Int(e.worstRegionsCounted.rounded(.down))
            var who = e.worstRegionIDs.prefix(whole).joined(separator: ", ")
            if e.worstRegionIDs.count > whole, let last = e.worstRegionIDs.last {
                let part = e.worstRegionsCounted - Double(whole)
                who += (who.isEmpty ? "" : " in full, ") + "\(RankedTable.number(part, decimals: 1)) of \(last)"
            }
            if let share = e.worstRegionsShare {
                lines.append("  The worst \(Int((e.worstFraction * 100).rounded())) % of regions by gap rank (\(counted) of \(e.regions): \(who)) hold "
                             + "\(RankedTable.number(100 * share, decimals: 1)) % of the uncovered demand "
                             + "(\(RankedTable.weight(e.worstRegionsUncoveredDemand)) of \(RankedTable.weight(e.totalUncoveredDemand))); "
                             + "a fractional region counts in proportion.")
            } else {
                lines.append("  No uncovered demand: the worst-regions share is undefined.")
            }
            return lines
        }
    }
}
