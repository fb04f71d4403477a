import Foundation
import GeoCore

/// The version of gapmap.
public let gapmapVersion = "0.1.0"

/// Sums over all regions: every metric of the catalogue rolled up as it
/// rolls up (sums, ratios of sums), except the rank.
@dynamicMemberLookup
public struct RegionTotals: Sendable, Encodable, Equatable {
    public var regions: Int
    /// The totals, as the metrics of one region that holds them all.
    public var metrics: RegionMetrics

    public subscript<Value>(dynamicMember key: KeyPath<RegionMetrics, Value>) -> Value { metrics[keyPath: key] }

    public init(_ metrics: [RegionMetrics]) {
        regions = metrics.count
        self.metrics = MetricCatalogue.rollUp(metrics, into: RegionMetrics(regionID: "", name: "", parentID: nil))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: MetricCodingKey.self)
        try c.encode(regions, forKey: MetricCodingKey("regions"))
        for metric in MetricCatalogue.all where metric.hasTotal { try metric.encode(value: metric.value(metrics), to: &c) }
    }

    /// The total of `metric`; nil for a metric without a total (ranks,
    /// programmes present in several regions).
    public func value(of metric: Metric) -> Double? { metric.hasTotal ? metric.value(metrics) : nil }
}

/// The whole summary of a run, as `--json` prints it.
public struct SummaryDocument: Encodable, Sendable {
    public struct Tool: Encodable, Sendable {
        public var name = "gapmap"
        public var version = gapmapVersion
        public var geos = GeometryEngine.geosVersion
        public var proj = Reprojector.projVersion
    }

    public struct Layers: Encodable, Sendable {
        public var regions: LayerAccount?
        public var initiatives: LayerAccount?
        public var needs: LayerAccount?
        public var incidents: LayerAccount?
        public var settlements: LayerAccount?
    }

    public var tool = Tool()
    /// Whether the run is on the sample's invented data, and the sentence
    /// that says so (absent otherwise).
    public var exampleData: Bool
    public var notice: String?
    public var parameters: AnalysisParameters
    public var regionFields: RegionFields
    public var populationSource: PopulationSource?
    /// With `--population`: the raster's people in all, in the regions and outside every region.
    public var populationRaster: RasterPopulationTotals?
    /// With incidents and a population source: the incidents and radii behind exposed_population.
    public var exposure: ExposureTotals?
    /// Geodesic area of the union of the footprints, inside regions or not.
    public var coverageKm2: Double
    public var regions: [RegionMetrics]
    public var totals: RegionTotals
    public var layers: Layers
    public var rowIssues: Int
    public var definitions: [String: String] = SummaryDocument.definitions
    /// Whether the summary may be shared, in both languages.
    public var release: Release
    /// A shareable run's withheld figures, printed as null.
    public var shared: SharedFigures?

    public struct Release: Encodable, Sendable {
        public var status: String
        public var en: String
        public var fr: String
        public var minCount: Int?
        public var cellsSuppressed: Int?

        init(_ mark: ReleaseMark) {
            status = mark.status
            en = mark.sentence(.english)
            fr = mark.sentence(.french)
            if case .shareable(let rules, let cells) = mark {
                minCount = rules.minCount
                cellsSuppressed = cells
            }
        }

        enum CodingKeys: String, CodingKey {
            case status, en, fr, minCount = "min_count", cellsSuppressed = "cells_suppressed"
        }
    }

    enum CodingKeys: String, CodingKey {
        case release = "gapmap_release"
        case tool, exampleData = "example_data", notice, parameters, regionFields = "region_fields", populationSource = "population_source"
        case populationRaster = "population_raster", exposure
        case coverageKm2 = "coverage_km2", regions, totals, layers, rowIssues = "row_issues", definitions
    }

    public init(_ report: CoverageReport, shared: SharedFigures? = nil) {
        release = Release(shared?.release ?? .restricted)
        self.shared = shared
        exampleData = report.isExampleData
        notice = report.isExampleData ? ExampleData.notice() : nil
        parameters = report.parameters
        regionFields = report.regionFields
        populationSource = report.populationSource
        populationRaster = report.rasterPopulation
        exposure = report.exposure
        coverageKm2 = report.coverageKm2
        regions = report.metrics
        totals = RegionTotals(report.metrics)
        layers = Layers(regions: report.layers[.regions], initiatives: report.layers[.initiatives], needs: report.layers[.needs],
                        incidents: report.layers[.incidents], settlements: report.layers[.settlements])
        rowIssues = report.issues.count
    }

    public func json() throws -> Data {
        let data = try JSONDocument.encode(self)
        guard let shared else { return data }
        // Withheld figures become null, with the regions' suppressed flags.
        guard var document = try JSONSerialization.jsonObject(with: data) as? [String: Any],
              let regions = document["regions"] as? [[String: Any]] else { return data }
        document["regions"] = regions.map { region -> [String: Any] in
            var region = region
            let id = region[MetricCatalogue.regionIDKey] as? String ?? ""
            let withheld = shared.withheld(regionID: id)
            for key in withheld { region[key] = NSNull() }
            if let rank = shared.publishedRank(regionID: id) { region[MetricCatalogue.gapRank.key] = rank }
            region[SharedFigures.suppressedFlag] = !withheld.isEmpty
            region[SharedFigures.suppressedKey] = withheld.joined(separator: ",")
            return region
        }
        return try JSONSerialization.data(withJSONObject: document, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
    }

    /// What each figure means, printed with the results so they explain themselves.
    public static let definitions: [String: String] = MetricCatalogue.definitions().merging(Glossary.definitions()) { metric, _ in metric }

}
