/// A table for the terminal: columns padded to their widest cell, a rule
/// under the header and above the footer (the totals).
public enum TextTable {
    public static func render(header: [String], rows: [[String]], footer: [String], leftAligned: Set<Int>) -> [String] {
        let all = [header] + rows + [footer]
        let widths = header.indices.map { c in all.map { $0[c].count }.max() ?? 0 }
        func format(_ row: [String]) -> String {
            row.enumerated().map { c, cell in
                let pad = String(repeating: " ", count: widths[c] - cell.count)
                return leftAligned.contains(c) ? cell + pad : pad + cell
            }.joined(separator: "  ")
        }
        let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")
        return [format(header), rule] + rows.map(format) + [rule, format(footer)]
    }

    /// Units (already in the order to show) as a table: rank, id, name, the
    /// `extra` columns, then the ranked-table metrics of the catalogue that
    /// these units have (`MetricCatalogue.rankedTableColumns`), with the
    /// totals as the last row. Every unit table of the terminal is this one.
    public static func units(_ metrics: [RegionMetrics], totals: RegionTotals, totalName: String,
                             extra: [(header: String, cells: [String], total: String)] = [], language: ReportLanguage = .english) -> [String] {
        let columns = MetricCatalogue.rankedTableColumns(metrics)
        let fr = language == .french
        let header = [MetricCatalogue.gapRank.shortLabel(language), fr ? "code" : "id", fr ? "nom" : "name"] + extra.map(\.header)
            + columns.map { $0.shortLabel(language) }
        // Each column with its total, formatted together.
        let texts = columns.map { column in column.columnTexts(metrics.map { column.value($0) } + [totals.value(of: column)], language: language) }
        let rows = metrics.enumerated().map { k, m in
            [String(m.gapRank), m.regionID, m.name] + extra.map { $0.cells[k] } + texts.map { $0[k] }
        }
        let footer = ["", "", totalName] + extra.map(\.total) + texts.map { $0[metrics.count] }
        return render(header: header, rows: rows, footer: footer, leftAligned: [1, 2])
    }
}
