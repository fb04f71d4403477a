/// How evenly coverage is spread across regions, and how concentrated the
/// uncovered demand is.
///
/// - `gini_coverage_by_area`: the weighted Gini coefficient of the regions'
///   covered share of area x_i = covered_km2 / area_km2, each region weighted
///   by its area w_i = area_km2:
///   G = Σ_i Σ_j w_i w_j |x_i − x_j| / (2 W² μ), W = Σ w_i, μ = Σ w_i x_i / W
///   (μ is the covered share of all the regions' area). It is the Gini of
///   coverage across every km²: 0 when every region has the same coverage
///   share, towards 1 when the covered km² sit in a few regions. Undefined
///   (null) when nothing is covered.
/// - `gini_coverage_by_demand`: the same with x_i = (needs_covered +
///   incidents_covered) / (needs + incidents), the region's covered share of
///   its demand, weighted by its demand w_i = needs + incidents: the Gini of
///   coverage across every unit of demand. Regions without demand weigh
///   nothing; undefined when no demand is covered.
/// - `worst_regions_share`: the share of all uncovered demand held by the
///   worst 20 % of regions by gap rank (rank 1 first), each region counting
///   as one. When 20 % of the regions is not a whole number (1.8 of 9), the
///   last region counts in proportion (the first region in full and 0.8 of
///   the second's uncovered demand): the value of the regions' Lorenz curve
///   at 20 %, linearly interpolated. Undefined when nothing is uncovered.
public struct EquitySummary: Sendable, Encodable, Equatable {
    public var regions: Int
    public var giniCoverageByArea: Double?
    public var giniCoverageByDemand: Double?
    /// The covered share of all the regions' area (μ of the area Gini).
    public var coveredShareOfArea: Double?
    /// The covered share of all demand (μ of the demand Gini).
    public var coveredShareOfDemand: Double?
    public var worstFraction: Double
    /// worstFraction × regions, possibly fractional.
    public var worstRegionsCounted: Double
    /// The regions that enter the worst share, in gap-rank order (the last one
    /// possibly in part).
    public var worstRegionIDs: [String]
    public var worstRegionsUncoveredDemand: Double
    public var totalUncoveredDemand: Double
    public var worstRegionsShare: Double?
    public var definitions: [String: String] = EquitySummary.definitions

    enum CodingKeys: String, CodingKey {
        case regions, giniCoverageByArea = "gini_coverage_by_area", giniCoverageByDemand = "gini_coverage_by_demand"
        case coveredShareOfArea = "covered_share_of_area", coveredShareOfDemand = "covered_share_of_demand"
        case worstFraction = "worst_fraction", worstRegionsCounted = "worst_regions_counted", worstRegionIDs = "worst_region_ids"
        case worstRegionsUncoveredDemand = "worst_regions_uncovered_demand", totalUncoveredDemand = "total_uncovered_demand"
        case worstRegionsShare = "worst_regions_share", definitions
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(regions, forKey: .regions)
        try c.encode(giniCoverageByArea, forKey: .giniCoverageByArea)  // null rather than absent
        try c.encode(giniCoverageByDemand, forKey: .giniCoverageByDemand)
        try c.encode(coveredShareOfArea, forKey: .coveredShareOfArea)
        try c.encode(coveredShareOfDemand, forKey: .coveredShareOfDemand)
        try c.encode(worstFraction, forKey: .worstFraction)
        try c.encode(worstRegionsCounted, forKey: .worstRegionsCounted)
        try c.encode(worstRegionIDs, forKey: .worstRegionIDs)
        try c.encode(worstRegionsUncoveredDemand, forKey: .worstRegionsUncoveredDemand)
        try c.encode(totalUncoveredDemand, forKey: .totalUncoveredDemand)
        try c.encode(worstRegionsShare, forKey: .worstRegionsShare)
        try c.encode(definitions, forKey: .definitions)
    }

    public init(_ metrics: [RegionMetrics], worstFraction: Double = 0.2) {
        regions = metrics.count
        let areaShares = metrics.map { $0.areaKm2 > 0 ? $0.coveredKm2 / $0.areaKm2 : 0 }
        giniCoverageByArea = Self.gini(values: areaShares, weights: metrics.map(\.areaKm2))
        let demand = metrics.map { $0.needs + $0.incidents }
        let demandShares = metrics.map { m -> Double in
            let d = m.needs + m.incidents
            return d > 0 ? (m.needsCovered + m.incidentsCovered) / d : 0
        }
        giniCoverageByDemand = Self.gini(values: demandShares, weights: demand)
        let totalArea = metrics.reduce(0) { $0 + $1.areaKm2 }
        coveredShareOfArea = totalArea > 0 ? metrics.reduce(0) { $0 + $1.coveredKm2 } / totalArea : nil
        let totalDemand = demand.reduce(0, +)
        coveredShareOfDemand = totalDemand > 0 ? metrics.reduce(0) { $0 + $1.needsCovered + $1.incidentsCovered } / totalDemand : nil
        self.worstFraction = worstFraction
        let ranked = metrics.sorted { $0.gapRank < $1.gapRank }
        let worst = Self.topShare(ranked.map(\.uncoveredDemand), fraction: worstFraction)
        worstRegionsCounted = worst.counted
        worstRegionIDs = ranked.prefix(worst.regionsEntering).map(\.regionID)
        worstRegionsUncoveredDemand = worst.held
        totalUncoveredDemand = worst.total
        worstRegionsShare = worst.share
    }

    /// The weighted Gini coefficient of `values` (each ≥ 0) with `weights`
    /// (each ≥ 0): Σ_i Σ_j w_i w_j |x_i − x_j| / (2 W² μ), computed in
    /// O(n log n) from the sorted values as Σ_i w_i x_i (W_below(i) − W_above(i)) / (W² μ).
    /// nil when the weights or the weighted mean are zero.
    public static func gini(values: [Double], weights: [Double]) -> Double? {
        precondition(values.count == weights.count)
        let pairs = zip(values, weights).filter { $0.1 > 0 }.sorted { $0.0 < $1.0 }
        let total = pairs.reduce(0) { $0 + $1.1 }
        guard total > 0 else { return nil }
        let mean = pairs.reduce(0) { $0 + $1.0 * $1.1 } / total
        guard mean > 0 else { return nil }
        var below = 0.0
        var sum = 0.0
        for (x, w) in pairs {
            let above = total - below - w
            sum += w * x * (below - above)
            below += w
        }
        return max(0, sum / (total * total * mean))
    }

    /// The share of the sum of `values` (already in order, worst first) held
    /// by the first `fraction` of them, the last one counted in part when
    /// fraction × count is not whole.
    public static func topShare(_ values: [Double], fraction: Double) -> (counted: Double, regionsEntering: Int, held: Double, total: Double, share: Double?) {
        let counted = fraction * Double(values.count)
        let whole = min(values.count, Int(counted.rounded(.down)))
        let part = counted - Double(whole)
        var held = values.prefix(whole).reduce(0, +)
        var entering = whole
        if whole < values.count, part > 0 {
            held += part * values[whole]
            entering += 1
        }
        let total = values.reduce(0, +)
        return (counted, entering, held, total, total > 0 ? held / total : nil)
    }

    public static let definitions: [String: String] = [
        "gini_coverage_by_area": "weighted Gini coefficient of the regions' covered share of area (covered_km2 / area_km2), each region weighted by area_km2: Σ_i Σ_j w_i w_j |x_i − x_j| / (2 W² μ); 0 = every region equally covered, towards 1 = coverage concentrated in a few regions; null when nothing is covered",
        "gini_coverage_by_demand": "the same with the regions' covered share of demand ((needs_covered + incidents_covered) / (needs + incidents)), each region weighted by its demand (needs + incidents); regions without demand weigh nothing; null when no demand is covered",
        "covered_share_of_area": "Σ covered_km2 / Σ area_km2 (the weighted mean μ of the area Gini)",
        "covered_share_of_demand": "Σ (needs_covered + incidents_covered) / Σ (needs + incidents) (the weighted mean μ of the demand Gini)",
        "worst_regions_share": "share of all uncovered_demand held by the worst worst_fraction of the regions by gap_rank, each region counting as one; when worst_fraction × regions is not whole, the last region counts in proportion (Lorenz curve interpolated linearly); null when nothing is uncovered",
        "worst_regions_counted": "worst_fraction × number of regions (1.8 for 20 % of 9: the first region in full and 0.8 of the second)",
    ]
}
