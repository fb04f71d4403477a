import Foundation

/// `gapmap compare --share`: the compared regions' figures as a shareable
/// run publishes them (`SharedFigures`): a withheld count is null, and so
/// is every figure computed from one (covered % of demand, a difference or
/// ratio); the gap rank is the rank among the regions whose uncovered
/// demand is published. An equity figure over all the regions is published
/// only when every region's figure it reads is: the Gini of coverage by
/// demand and the worst regions' share are functions of each region's
/// demand, from which, with the published ones, a withheld one could be solved.
public struct SharedComparison: Sendable {
    /// The comparison with the withheld figures nil.
    public let comparison: RegionComparison
    /// Per compared region, the keys of its withheld figures.
    public let withheld: [[String]]
    /// The keys of the equity summary withheld.
    public let equityWithheld: [String]
    public let release: ReleaseMark
    /// The smallest count published (k).
    public let minCount: Int

    /// The figures covered % of demand is computed from.
    static let demandShareInputs = [MetricCatalogue.needs, MetricCatalogue.needsCovered, MetricCatalogue.incidents, MetricCatalogue.incidentsCovered].map(\.key)
    /// The equity keys that read each region's demand, and those that read its uncovered demand.
    static let demandEquity = ["gini_coverage_by_demand"]
    static let worstEquity = ["worst_region_ids", "worst_regions_uncovered_demand", "worst_regions_share"]

    public init(_ comparison: RegionComparison, figures: SharedFigures, all: [RegionMetrics]) {
        release = figures.release
        minCount = figures.rules.minCount
        let withheld = comparison.regions.map { m in
            var keys = figures.withheld(regionID: m.regionID)
            if keys.contains(where: Self.demandShareInputs.contains) { keys.append(MetricCatalogue.demandCoveragePct.key) }
            return keys
        }
        self.withheld = withheld
        var shared = comparison
        shared.rows = comparison.rows.map { row in
            RegionComparison.Row(metric: row.metric, values: row.values.enumerated().map { k, value in
                if row.metric == MetricCatalogue.gapRank.key { return figures.publishedRank(regionID: comparison.regions[k].regionID).map(Double.init) }
                return withheld[k].contains(row.metric) ? nil : value
            })
        }
        let allWithheld = all.map { figures.withheld(regionID: $0.regionID) }
        var equity: [String] = []
        if allWithheld.contains(where: { $0.contains(where: Self.demandShareInputs.contains) }) { equity += Self.demandEquity }
        if allWithheld.contains(where: { $0.contains(MetricCatalogue.uncoveredDemand.key) }) { equity += Self.worstEquity }
        equityWithheld = equity
        if !equity.isEmpty {
            shared.equity.giniCoverageByDemand = equity.contains("gini_coverage_by_demand") ? nil : shared.equity.giniCoverageByDemand
            if equity.contains("worst_regions_share") {
                shared.equity.worstRegionsShare = nil
                shared.equity.worstRegionIDs = []
            }
        }
        self.comparison = shared
    }

    /// `--json`: the comparison as the restricted one encodes it, each
    /// region's figures null where withheld, with its suppressed flags, and
    /// the release member.
    public func json() throws -> Data {
        guard var document = try JSONSerialization.jsonObject(with: JSONDocument.encode(comparison)) as? [String: Any] else {
            throw GapMapError(message: "the comparison could not be encoded as JSON", fix: "Report this: it is a fault of gapmap")
        }
        if let regions = document["regions"] as? [[String: Any]] {
            document["regions"] = regions.enumerated().map { k, region -> [String: Any] in
                var region = region
                for key in withheld[k] { region[key] = NSNull() }
                region[MetricCatalogue.gapRank.key] = comparison.rows.first { $0.metric == MetricCatalogue.gapRank.key }?.values[k].map { Int($0) as Any } ?? NSNull()
                region[SharedFigures.suppressedFlag] = !withheld[k].isEmpty
                region[SharedFigures.suppressedKey] = withheld[k].joined(separator: ",")
                return region
            }
        }
        if var equity = document["equity"] as? [String: Any] {
            for key in equityWithheld where key != "worst_region_ids" { equity[key] = NSNull() }
            equity["withheld"] = equityWithheld.joined(separator: ",")
            document["equity"] = equity
        }
        document[ReleaseMark.key] = try JSONSerialization.jsonObject(with: JSONDocument.encode(SummaryDocument.Release(release)))
        return try JSONSerialization.data(withJSONObject: document, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
    }
}
