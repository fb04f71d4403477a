/// The gap rank of DESIGN.md semantics 8: 1 = most uncovered demand; ties
/// by lower coverage_pct, then by id. The analysis ranks its regions and a
/// roll-up its parents by this one rule.
public enum GapRanking {
    public static func assign(_ metrics: inout [RegionMetrics]) {
        let order = metrics.indices.sorted { a, b in
            let x = metrics[a], y = metrics[b]
            if x.uncoveredDemand != y.uncoveredDemand { return x.uncoveredDemand > y.uncoveredDemand }
            if x.coveragePct != y.coveragePct { return x.coveragePct < y.coveragePct }
            return x.regionID < y.regionID
        }
        for (rank, r) in order.enumerated() { metrics[r].gapRank = rank + 1 }
    }
}
