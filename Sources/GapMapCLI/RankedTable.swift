import Foundation
import GapMap

/// The terminal view of a report (`TerminalSummary`) and the number and
/// table helpers the commands share.
struct RankedTable {
    let report: CoverageReport

    static func number(_ v: Double, decimals: Int) -> String {
        NumberText.grouped(v, decimals: decimals)
    }

    static func weight(_ v: Double) -> String {
        v == v.rounded() ? number(v, decimals: 0) : number(v, decimals: 1)
    }

    func render(language: ReportLanguage = .english) -> String {
        TerminalSummary(report, language: language).render()
    }

    /// Regions (already in the order to show) as a table (`TextTable.units`).
    static func regionTable(_ metrics: [RegionMetrics], totals: RegionTotals, totalName: String,
                            extra: [(header: String, cells: [String], total: String)] = []) -> [String] {
        TextTable.units(metrics, totals: totals, totalName: totalName, extra: extra)
    }

    static func table(header: [String], rows: [[String]], footer: [String], leftAligned: Set<Int>) -> [String] {
        TextTable.render(header: header, rows: rows, footer: footer, leftAligned: leftAligned)
    }
}
