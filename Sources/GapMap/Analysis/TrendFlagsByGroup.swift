/// The change flags of every unit's monthly series of needs and of
/// incidents (`TrendFlag`), for each filter the report offers on them:
/// every category (type), or one. Computed once here so that the page only
/// shows them: the flagged months of each series, in unit and month order.
/// Series run over `MonthlyTrends.months` and add the cells in the same
/// order, so that the unfiltered ones are the GeoPackage's
/// `monthly_trends`, flag for flag.
struct TrendFlagsByGroup {
    struct Flagged: Equatable {
        var region: Int
        /// Months from year 0 (`DemandPeriod`).
        var month: Int
        var changePct: Double
        var flag: TrendFlag
    }

    /// Per layer: index 0 every group, index g + 1 group g alone (a need
    /// category, an incident type, as `MonthlyDemand` numbers them).
    let needs: [[Flagged]]
    let incidents: [[Flagged]]

    init(_ demand: MonthlyDemand, regionCount: Int) {
        var single: [Int: Int] = [:]
        for (i, p) in demand.periods.enumerated() { if case .month(let m) = p { single[i] = m } }
        guard let first = single.values.min(), let last = single.values.max() else {
            needs = []
            incidents = []
            return
        }
        let width = last - first + 1
        func flags(_ layer: DemandPoints.Layer, groups: Int) -> [[Flagged]] {
            // series[option][region × width + month offset]
            var series = Array(repeating: [Double](repeating: 0, count: regionCount * width), count: groups + 1)
            for (key, sum) in zip(demand.keys, demand.sums) where key.layer == layer {
                guard let m = single[key.period], key.region < regionCount else { continue }
                let i = key.region * width + (m - first)
                series[0][i] += sum.weight
                series[key.group + 1][i] += sum.weight
            }
            return series.map { values in
                var flagged: [Flagged] = []
                for r in 0..<regionCount {
                    let unit = Array(values[r * width..<(r + 1) * width])
                    for k in unit.indices {
                        let pct = TrendFlag.changePct(unit, at: k)
                        if let pct, let flag = TrendFlag.flag(pct) { flagged.append(Flagged(region: r, month: first + k, changePct: pct, flag: flag)) }
                    }
                }
                return flagged
            }
        }
        needs = flags(.needs, groups: demand.needCategories.count)
        incidents = flags(.incidents, groups: demand.incidentTypes.count)
    }
}
