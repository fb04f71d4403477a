/// Counts of rows per unit and month under the small-cell rule, for an
/// output that publishes time (the interactive report's months): each
/// unit × month count, each unit's and each month's total, bound by their
/// sums and suppressed as the per-category tables are (`CellSuppression`:
/// no count from 1 to k−1, no withheld cell that the totals give away).
/// A row's month is that of its date ("2025-03"); rows without a usable
/// date fall in the month `undated`, rows in no unit in the last row.
public struct MonthlyCounts: Sendable {
    /// The month of a row without a date that reads as one.
    public static let undated = "undated"

    /// The months in order (undated last); counts[unit][month].
    public let months: [String]
    public let counts: [[Int]]
    /// Per cell, unit total and month total, whether it is withheld.
    public let cells: [[Bool]], unitTotals: [Bool], monthTotals: [Bool]
    public let outcome: CellSuppression.Outcome

    /// `rows`: each row's unit (nil: in no unit) and its date as the file gave it.
    public init(units: Int, rows: [(unit: Int?, date: String)], rules: ShareRules) {
        let monthOf = rows.map { row in DaySpan.isoFirstDay(row.date).map { String($0.prefix(7)) } ?? Self.undated }
        var table = DemandTally.Table(rows: units + 1)
        // Added in month order, so the table's categories are the months in order.
        for i in rows.indices.sorted(by: { (monthOf[$0] == Self.undated ? "~" : monthOf[$0], $0) < (monthOf[$1] == Self.undated ? "~" : monthOf[$1], $1) }) {
            table.add(row: rows[i].unit ?? units, category: monthOf[i])
        }
        var engine = CellSuppression()
        let index = SharedFigures.addTable(table, to: &engine)
        let outcome = engine.suppress(minCount: rules.minCount)
        self.outcome = outcome
        months = table.categories
        counts = table.counts
        cells = index.cells.map { $0.map { outcome.suppressed[$0] } }
        unitTotals = index.rowTotals.map { outcome.suppressed[$0] }
        monthTotals = index.categoryTotals.map { outcome.suppressed[$0] }
    }

    /// The count published for a unit (`units` for rows in no unit) and a
    /// month, nil when withheld.
    public func published(unit: Int, month: Int) -> Int? {
        cells[unit][month] ? nil : counts[unit][month]
    }
}
