import Foundation
import GeoCore

/// The version of gapmap.
public let gapmapVersion = "0.1.0"

/// Sums over all regions.
public struct RegionTotals: Sendable, Codable, Equatable {
    public var regions: Int
    public var areaKm2: Double
    public var coveredKm2: Double
    public var coveragePct: Double
    public var initiatives: Int
    public var needs: Double
    public var needsCovered: Double
    public var needsUncovered: Double
    public var incidents: Double
    public var incidentsCovered: Double
    public var incidentsUncovered: Double
    public var uncoveredDemand: Double
    public var population: Double?
    public var coveredPopulation: Double?

    enum CodingKeys: String, CodingKey {
        case regions, areaKm2 = "area_km2", coveredKm2 = "covered_km2", coveragePct = "coverage_pct", initiatives, needs
        case needsCovered = "needs_covered", needsUncovered = "needs_uncovered", incidents
        case incidentsCovered = "incidents_covered", incidentsUncovered = "incidents_uncovered"
        case uncoveredDemand = "uncovered_demand", population, coveredPopulation = "covered_population"
    }

    public init(_ metrics: [RegionMetrics]) {
        func sum(_ key: KeyPath<RegionMetrics, Double>) -> Double { metrics.reduce(0) { $0 + $1[keyPath: key] } }
        regions = metrics.count
        areaKm2 = sum(\.areaKm2)
        coveredKm2 = sum(\.coveredKm2)
        coveragePct = areaKm2 > 0 ? 100 * (coveredKm2 / areaKm2) : 0
        initiatives = metrics.reduce(0) { $0 + $1.initiatives }
        needs = sum(\.needs)
        needsCovered = sum(\.needsCovered)
        needsUncovered = sum(\.needsUncovered)
        incidents = sum(\.incidents)
        incidentsCovered = sum(\.incidentsCovered)
        incidentsUncovered = sum(\.incidentsUncovered)
        uncoveredDemand = sum(\.uncoveredDemand)
        let known = metrics.compactMap(\.population)
        population = known.isEmpty ? nil : known.reduce(0, +)
        let knownCovered = metrics.compactMap(\.coveredPopulation)
        coveredPopulation = knownCovered.isEmpty ? nil : knownCovered.reduce(0, +)
    }
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
    public var parameters: AnalysisParameters
    public var regionFields: RegionFields
    public var populationSource: PopulationSource?
    /// Geodesic area of the union of the footprints, inside regions or not.
    public var coverageKm2: Double
    public var regions: [RegionMetrics]
    public var totals: RegionTotals
    public var layers: Layers
    public var rowIssues: Int
    public var definitions: [String: String] = SummaryDocument.definitions

    enum CodingKeys: String, CodingKey {
        case tool, parameters, regionFields = "region_fields", populationSource = "population_source"
        case coverageKm2 = "coverage_km2", regions, totals, layers, rowIssues = "row_issues", definitions
    }

    public init(_ report: CoverageReport) {
        parameters = report.parameters
        regionFields = report.regionFields
        populationSource = report.populationSource
        coverageKm2 = report.coverageKm2
        regions = report.metrics
        totals = RegionTotals(report.metrics)
        layers = Layers(regions: report.layers[.regions], initiatives: report.layers[.initiatives], needs: report.layers[.needs],
                        incidents: report.layers[.incidents], settlements: report.layers[.settlements])
        rowIssues = report.issues.count
    }

    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    /// What each figure means, printed with the results so they explain themselves.
    public static let definitions: [String: String] = [
        "source_format": "what each layer's file was recognised as from its columns: acled, ucdp_ged, kobotoolbox, hxl (a hashtag row), table or geojson",
        "imprecise_region_referenced": "events of imprecise location (ACLED geo_precision 3, UCDP GED where_prec ≥ 4) counted as region references: credited to the region their admin column of the regions' level names (admin1/adm_1 for regions, admin2/adm_2 for cercles, admin3 for communes), not to the town whose coordinates they carry",
        "swapped_coordinates": "a point in no region whose exchanged coordinates (lat, lon) fall in one is rejected: its longitude and latitude look swapped",
        "far_outside": "a point more than \(Int(PointScreen.farOutsideKm)) km (geodesic) from the regions' extent (their longitude/latitude bounding box) is rejected; points outside every region but nearer stay in the analysis as unassigned",
        "area_km2": "area of the region on the WGS84 ellipsoid, its edges straight lines in longitude/latitude (RFC 7946), outer rings minus holes, km²",
        "covered_km2": "area on the WGS84 ellipsoid of the region's intersection with the coverage (the union of the footprints of the initiatives in the run), km²",
        "coverage_pct": "100 × covered_km2 / area_km2",
        "initiatives": "initiatives in the run located in the region: points by their centre, polygons by a point on their surface, region references by the region named",
        "needs": "sum of the weights of the needs in the region (weight 1 when not given); points by the first region in input order that covers them, region references by the region named",
        "needs_covered": "weight of the needs covered by some footprint (boundary included); a region-referenced need counts weight × covered_km2 / area_km2",
        "needs_uncovered": "needs − needs_covered",
        "incidents": "sum of the weights of the incidents in the region (weight 1 when not given)",
        "incidents_covered": "weight of the incidents covered by some footprint, as for needs",
        "incidents_uncovered": "incidents − incidents_covered",
        "uncovered_demand": "needs_uncovered + incidents_uncovered",
        "population": "sum of the populations of the settlements in the region, or the region's own population attribute when no settlements layer is given",
        "covered_population": "population of the covered settlements, or population × covered_km2 / area_km2 with a region attribute",
        "gap_rank": "1 = most uncovered demand; ties broken by lower coverage_pct, then by region id",
        "footprint": "a point initiative covers the geodesic disc of its radius_km (else the run's radius), drawn with `segments` vertices at azimuths 0, 360/N, … from north; a polygon covers itself; a region reference covers its region",
        "in_run": "initiatives whose status is active (or empty), plus planned ones with --include-planned; closed ones never",
    ]
}
