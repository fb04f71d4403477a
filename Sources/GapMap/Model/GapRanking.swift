/// The gap rank of DESIGN.md semantics 8: 1 = most uncovered demand, or
/// most of the metric the run ranks by (`AnalysisParameters.rankBy`); ties
/// by lower coverage_pct, then by id. The analysis ranks its regions and a
/// roll-up its parents by this one rule.
public enum GapRanking {
    /// The metrics a run can rank by (`--rank-by`): demand and people not reached.
    public static let rankable = [
        MetricCatalogue.uncoveredDemand, MetricCatalogue.needsUncovered, MetricCatalogue.incidentsUncovered,
        MetricCatalogue.uncoveredPopulation, MetricCatalogue.exposedPopulation, MetricCatalogue.exposedUncoveredPopulation,
    ]

    /// The rankable metric named `key`, if there is one.
    public static func metric(_ key: String) -> Metric? { rankable.first { $0.key == key } }

    /// Ranks `metrics` by `key` (a `rankable` metric; unknown values count 0).
    public static func assign(_ metrics: inout [RegionMetrics], by key: String = MetricCatalogue.uncoveredDemand.key) {
        let metric = Self.metric(key) ?? MetricCatalogue.uncoveredDemand
        let values = metrics.map { metric.value($0) ?? 0 }
        let order = metrics.indices.sorted { a, b in
            let x = metrics[a], y = metrics[b]
            if values[a] != values[b] { return values[a] > values[b] }
            if x.coveragePct != y.coveragePct { return x.coveragePct < y.coveragePct }
            return x.regionID < y.regionID
        }
        for (rank, r) in order.enumerated() { metrics[r].gapRank = rank + 1 }
    }
}
