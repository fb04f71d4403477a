import Testing
@testable import GapMap

/// Per unit × month counts under the small-cell rule, on tables worked by hand.
struct MonthlyCountsTests {
    /// `n` rows of a unit dated in a month.
    static func rows(_ unit: Int?, _ date: String, _ n: Int) -> [(unit: Int?, date: String)] {
        Array(repeating: (unit, date), count: n)
    }

    @Test func aSmallMonthIsWithheldWithTheCellsThatWouldGiveItAway() {
        // unit 0: March 3, April 10; unit 1: March 8, April 9 (dates in three spellings).
        // By hand (as CellSuppressionTests' 2×2): 3 is primary, then 8 (its month's
        // smallest other), 10 (its unit's), and 9 (April would keep 10 alone): all four.
        let rows = Self.rows(0, "2025-03-02", 3) + Self.rows(0, "2025-04", 10) + Self.rows(1, "2025-03-31", 8) + Self.rows(1, "2025-04-30", 9)
        let counts = MonthlyCounts(units: 2, rows: rows.shuffled(), rules: ShareRules(minCount: 5))
        #expect(counts.months == ["2025-03", "2025-04"])
        #expect(counts.counts[0] == [3, 10] && counts.counts[1] == [8, 9] && counts.counts[2] == [0, 0])
        #expect(counts.cells[0] == [true, true] && counts.cells[1] == [true, true] && counts.cells[2] == [false, false])
        #expect(counts.published(unit: 0, month: 0) == nil && counts.published(unit: 2, month: 1) == 0)
        // Totals (13, 17; 11, 19) stay published: no withheld cell is their difference alone.
        #expect(!counts.unitTotals[0] && !counts.unitTotals[1] && !counts.monthTotals.contains(true))
        #expect(counts.outcome.primary == 1 && counts.outcome.complementary == 3)
    }

    @Test func undatedRowsAndRowsInNoUnitHaveTheirOwnCells() {
        let rows = Self.rows(0, "2025-01-15", 6) + Self.rows(nil, "2025-01-20", 7) + Self.rows(0, "", 5) + Self.rows(0, "not a date", 1)
        let counts = MonthlyCounts(units: 1, rows: rows, rules: ShareRules(minCount: 5))
        #expect(counts.months == ["2025-01", "undated"])
        #expect(counts.counts == [[6, 6], [7, 0]])
        // Nothing from 1 to 4: nothing withheld.
        #expect(counts.outcome.total == 0)
    }
}
