import GeoCore

/// The parameters of one analysis run.
public struct AnalysisParameters: Sendable, Codable, Equatable {
    /// Service radius of point initiatives whose row gives none, in km.
    public var defaultRadiusKm: Double = 10
    /// Vertices of each geodesic disc.
    public var segments: Int = 64
    /// Whether `planned` initiatives join the coverage.
    public var includePlanned: Bool = false
    /// Worker threads (one GEOS context each).
    public var workers: Int = defaultWorkerCount

    public init(defaultRadiusKm: Double = 10, segments: Int = 64, includePlanned: Bool = false, workers: Int = defaultWorkerCount) {
        self.defaultRadiusKm = defaultRadiusKm
        self.segments = segments
        self.includePlanned = includePlanned
        self.workers = workers
    }

    enum CodingKeys: String, CodingKey {
        case defaultRadiusKm = "radius_km", segments, includePlanned = "include_planned", workers
    }

    /// Whether an initiative's footprint is part of this run's coverage.
    public func isInRun(_ status: InitiativeStatus) -> Bool {
        switch status {
        case .active: true
        case .planned: includePlanned
        case .closed: false
        }
    }
}

/// The metrics of one region (DESIGN.md semantics 8; the names are the
/// interface).
public struct RegionMetrics: Sendable, Codable, Equatable {
    public var regionID: String
    public var name: String
    public var parentID: String?
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
    public var gapRank: Int

    enum CodingKeys: String, CodingKey {
        case regionID = "region_id", name, parentID = "parent_id", areaKm2 = "area_km2", coveredKm2 = "covered_km2"
        case coveragePct = "coverage_pct", initiatives, needs, needsCovered = "needs_covered", needsUncovered = "needs_uncovered"
        case incidents, incidentsCovered = "incidents_covered", incidentsUncovered = "incidents_uncovered"
        case uncoveredDemand = "uncovered_demand", population, coveredPopulation = "covered_population", gapRank = "gap_rank"
    }

    /// Every metric in the order of the interface, for tables and CSV.
    public static let columnNames = [
        "region_id", "name", "parent_id", "area_km2", "covered_km2", "coverage_pct", "initiatives", "needs", "needs_covered",
        "needs_uncovered", "incidents", "incidents_covered", "incidents_uncovered", "uncovered_demand", "population",
        "covered_population", "gap_rank",
    ]

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(regionID, forKey: .regionID)
        try c.encode(name, forKey: .name)
        try c.encode(parentID, forKey: .parentID)  // null rather than absent
        try c.encode(areaKm2, forKey: .areaKm2)
        try c.encode(coveredKm2, forKey: .coveredKm2)
        try c.encode(coveragePct, forKey: .coveragePct)
        try c.encode(initiatives, forKey: .initiatives)
        try c.encode(needs, forKey: .needs)
        try c.encode(needsCovered, forKey: .needsCovered)
        try c.encode(needsUncovered, forKey: .needsUncovered)
        try c.encode(incidents, forKey: .incidents)
        try c.encode(incidentsCovered, forKey: .incidentsCovered)
        try c.encode(incidentsUncovered, forKey: .incidentsUncovered)
        try c.encode(uncoveredDemand, forKey: .uncoveredDemand)
        try c.encode(population, forKey: .population)
        try c.encode(coveredPopulation, forKey: .coveredPopulation)
        try c.encode(gapRank, forKey: .gapRank)
    }
}

/// Where a need or an incident ended up.
public struct DemandOutcome: Sendable, Equatable {
    /// The region it counts in; nil when the point lies in no region.
    public var regionIndex: Int?
    /// Points: whether some footprint covers it. Region references: false.
    public var covered: Bool
    /// The weight counted as covered: the whole weight for a covered point,
    /// the coverage share for a region reference.
    public var coveredWeight: Double
}

/// How the population figures were obtained.
public enum PopulationSource: String, Sendable, Codable {
    case settlements
    case regionAttribute = "region_attribute"
}

/// Everything one analysis produced.
public struct CoverageReport: Sendable {
    public var parameters: AnalysisParameters
    public var regions: [Region]
    public var regionFields: RegionFields
    /// One per region, in input order.
    public var metrics: [RegionMetrics]
    /// region − coverage, one per region, in input order.
    public var gaps: [Geometry]
    /// The union of the footprints in the run.
    public var coverage: Geometry
    /// Geodesic area of the whole coverage (inside regions or not), km².
    public var coverageKm2: Double
    public var initiatives: [Initiative]
    /// Region of each initiative (nil: its location is in no region).
    public var initiativeRegions: [Int?]
    public var initiativeInRun: [Bool]
    public var needs: [Need]
    public var needOutcomes: [DemandOutcome]
    public var incidents: [Incident]
    public var incidentOutcomes: [DemandOutcome]
    public var settlements: [Settlement]
    public var populationSource: PopulationSource?
    public var layers: [LayerKind: LayerAccount]
    public var issues: [RowIssue]

    /// Metrics in gap-rank order (1 first).
    public var ranked: [RegionMetrics] { metrics.sorted { $0.gapRank < $1.gapRank } }
}
