/// How a month's count compares with the months before it, in the words
/// conflict analysts use: ACLED calls a rise of more than 25 % over the
/// recent average a large increase, and surge trackers a rise of more than
/// 100 % a surge. The base is the mean of the (up to) three previous
/// months of the series; without a base (no row in those months) no
/// percentage is given and no flag raised.
public enum TrendFlag: String, Sendable, CaseIterable {
    case large, surge

    public static let largeAbovePct = 25.0
    public static let surgeAbovePct = 100.0
    public static let baseMonths = 3

    /// The change of `values[i]` against the mean of up to `baseMonths`
    /// values before it, in percent; nil at the first month or with a zero base.
    public static func changePct(_ values: [Double], at i: Int) -> Double? {
        guard i > 0 else { return nil }
        let base = values[max(0, i - baseMonths)..<i]
        let mean = base.reduce(0, +) / Double(base.count)
        guard mean > 0 else { return nil }
        return 100 * (values[i] - mean) / mean
    }

    public static func flag(_ changePct: Double?) -> TrendFlag? {
        guard let changePct else { return nil }
        return changePct > surgeAbovePct ? .surge : changePct > largeAbovePct ? .large : nil
    }
}

/// Per unit, the monthly series of needs and incidents (weight sums, covered
/// and uncovered) from the first to the last month a row is dated to, with
/// the change flags of incidents and needs. Rows dated to a whole year,
/// undated or with an unreadable date count in the unit's totals but in no
/// month. The GeoPackage's `monthly_trends` table and the report's unit
/// panel show it.
public struct MonthlyTrends: Sendable {
    public struct Row: Sendable, Equatable {
        public var region: Int
        public var month: Int
        public var needs = 0.0
        public var needsCovered = 0.0
        public var incidents = 0.0
        public var incidentsCovered = 0.0
        public var needsChangePct: Double?
        public var incidentsChangePct: Double?

        public var needsUncovered: Double { needs - needsCovered }
        public var incidentsUncovered: Double { incidents - incidentsCovered }
        public var needsFlag: TrendFlag? { TrendFlag.flag(needsChangePct) }
        public var incidentsFlag: TrendFlag? { TrendFlag.flag(incidentsChangePct) }
    }

    /// The months of the series (first to last, none missing).
    public let months: ClosedRange<Int>?
    /// Unit by unit in input order, month by month.
    public let rows: [Row]

    public init(_ demand: MonthlyDemand, regionCount: Int) {
        var single: [Int: Int] = [:]
        for (i, p) in demand.periods.enumerated() { if case .month(let m) = p { single[i] = m } }
        guard let first = single.values.min(), let last = single.values.max() else {
            months = nil
            rows = []
            return
        }
        months = first...last
        let width = last - first + 1
        var rows = (0..<regionCount).flatMap { r in (first...last).map { Row(region: r, month: $0) } }
        for (key, sum) in zip(demand.keys, demand.sums) {
            guard let m = single[key.period], key.region < regionCount else { continue }
            let i = key.region * width + (m - first)
            switch key.layer {
            case .needs:
                rows[i].needs += sum.weight
                rows[i].needsCovered += sum.coveredWeight
            case .incidents:
                rows[i].incidents += sum.weight
                rows[i].incidentsCovered += sum.coveredWeight
            }
        }
        for r in 0..<regionCount {
            let slice = r * width..<(r + 1) * width
            let needs = rows[slice].map(\.needs), incidents = rows[slice].map(\.incidents)
            for (k, i) in slice.enumerated() {
                rows[i].needsChangePct = TrendFlag.changePct(needs, at: k)
                rows[i].incidentsChangePct = TrendFlag.changePct(incidents, at: k)
            }
        }
        self.rows = rows
    }
}
