import Testing
@testable import GapMap

/// The change flags by hand, and the periods the window reads.
struct MonthlyDemandTests {
    @Test func flagsFollowTheMeanOfUpToThreeMonthsBefore() {
        // 6 against the mean of 4, 4, 4: +50 %, large; 9 against 4, 4, 6 (14/3): +92.9 %, large;
        // 20 against 4, 6, 9 (19/3): +215.8 %, surge; 5 against 4, 4, 4: exactly +25 %, no flag.
        let values: [Double] = [4, 4, 4, 6, 9, 20]
        #expect(TrendFlag.changePct(values, at: 0) == nil)
        #expect(TrendFlag.changePct(values, at: 1) == 0)
        #expect(abs(TrendFlag.changePct(values, at: 3)! - 50) < 1e-9)
        #expect(TrendFlag.flag(TrendFlag.changePct(values, at: 3)) == .large)
        #expect(abs(TrendFlag.changePct(values, at: 4)! - 100 * (9 - 14.0 / 3) / (14.0 / 3)) < 1e-9)
        #expect(TrendFlag.flag(TrendFlag.changePct(values, at: 4)) == .large)
        #expect(TrendFlag.flag(TrendFlag.changePct(values, at: 5)) == .surge)
        #expect(TrendFlag.flag(TrendFlag.changePct([4, 4, 4, 5], at: 3)) == nil)
        // No base, no percentage: 3 after three empty months.
        #expect(TrendFlag.changePct([0, 0, 0, 3], at: 3) == nil)
        // A base of one month at the start of the series: 2 → 3 is +50 %.
        #expect(TrendFlag.changePct([2, 3], at: 1) == 50)
    }

    @Test func periodsAreWhatTheWindowReads() {
        #expect(DemandPeriod(date: "2019-03-05") == .month(2019 * 12 + 2))
        #expect(DemandPeriod(date: "05 March 2019") == .month(2019 * 12 + 2))
        #expect(DemandPeriod(date: "2019") == .months(first: 2019 * 12, last: 2019 * 12 + 11))
        #expect(DemandPeriod(date: "") == .undated)
        #expect(DemandPeriod(date: "sometime") == .unreadable)
        #expect(DemandPeriod.text(2019 * 12 + 2) == "2019-03")
    }
}
