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
    /// Whether a programme (an initiative naming a region, no coordinates)
    /// covers its region's whole polygon, as before 2026-12, instead of
    /// being counted as presence (`programmes`) only (semantics 1).
    public var programmesAsCoverage: Bool = false
    /// What the units are called (`--unit-name`, `UnitNames.parse`); nil:
    /// found from their level and country (`CoverageReport.unitNames`).
    public var unitName: String? = nil
    /// How far from an incident people count as exposed, by type.
    public var exposureRadii: ExposureRadii = .acled
    /// The metric `gap_rank` orders by (`GapRanking.rankable`).
    public var rankBy: String = MetricCatalogue.uncoveredDemand.key

    public init(defaultRadiusKm: Double = 10, segments: Int = 64, includePlanned: Bool = false, workers: Int = defaultWorkerCount,
                programmesAsCoverage: Bool = false, unitName: String? = nil, exposureRadii: ExposureRadii = .acled,
                rankBy: String = MetricCatalogue.uncoveredDemand.key) {
        self.defaultRadiusKm = defaultRadiusKm
        self.segments = segments
        self.includePlanned = includePlanned
        self.workers = workers
        self.programmesAsCoverage = programmesAsCoverage
        self.unitName = unitName
        self.exposureRadii = exposureRadii
        self.rankBy = rankBy
    }

    enum CodingKeys: String, CodingKey {
        case defaultRadiusKm = "radius_km", segments, includePlanned = "include_planned", workers
        case programmesAsCoverage = "programmes_as_coverage", unitName = "unit_name", exposureRadii = "exposure_radii", rankBy = "rank_by"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(defaultRadiusKm: try c.decode(Double.self, forKey: .defaultRadiusKm), segments: try c.decode(Int.self, forKey: .segments),
                  includePlanned: try c.decode(Bool.self, forKey: .includePlanned), workers: try c.decode(Int.self, forKey: .workers),
                  // Runs recorded before the flag existed counted programmes as coverage.
                  programmesAsCoverage: try c.decodeIfPresent(Bool.self, forKey: .programmesAsCoverage) ?? true,
                  unitName: try c.decodeIfPresent(String.self, forKey: .unitName),
                  // Runs recorded before exposure: ACLED's distances, ranked by uncovered demand.
                  exposureRadii: try c.decodeIfPresent(ExposureRadii.self, forKey: .exposureRadii) ?? .acled,
                  rankBy: try c.decodeIfPresent(String.self, forKey: .rankBy) ?? MetricCatalogue.uncoveredDemand.key)
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

/// The metrics of one region (DESIGN.md semantics 8). Their keys, types
/// and words are in `MetricCatalogue`; the coding below reads it.
public struct RegionMetrics: Sendable, Codable, Equatable {
    public var regionID: String
    public var name: String
    public var parentID: String?
    public var areaKm2: Double
    public var coveredKm2: Double
    public var coveragePct: Double
    public var initiatives: Int
    /// Programmes present in the region (semantics 1), counted once each.
    public var programmes: Int = 0
    public var needs: Double
    public var needsCovered: Double
    public var needsUncovered: Double
    public var incidents: Double
    public var incidentsCovered: Double
    public var incidentsUncovered: Double
    public var uncoveredDemand: Double
    public var population: Double?
    public var coveredPopulation: Double?
    /// population − covered_population, where population is known.
    public var uncoveredPopulation: Double? = nil
    /// People within the exposure radius of an incident in the run, where
    /// population is known and incidents were given.
    public var exposedPopulation: Double? = nil
    /// Exposed people outside the coverage.
    public var exposedUncoveredPopulation: Double? = nil
    public var gapRank: Int

    /// Every column in the order of the interface, for tables and CSV.
    public static var columnNames: [String] { MetricCatalogue.columnNames }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: MetricCodingKey.self)
        try c.encode(regionID, forKey: MetricCodingKey(MetricCatalogue.regionIDKey))
        try c.encode(name, forKey: MetricCodingKey(MetricCatalogue.nameKey))
        try c.encode(parentID, forKey: MetricCodingKey(MetricCatalogue.parentIDKey))  // null rather than absent
        for metric in MetricCatalogue.all { try metric.encode(value: metric.value(self), to: &c) }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: MetricCodingKey.self)
        self.init(regionID: try c.decode(String.self, forKey: MetricCodingKey(MetricCatalogue.regionIDKey)),
                  name: try c.decode(String.self, forKey: MetricCodingKey(MetricCatalogue.nameKey)),
                  parentID: try c.decodeIfPresent(String.self, forKey: MetricCodingKey(MetricCatalogue.parentIDKey)))
        for metric in MetricCatalogue.all { metric.setValue(try metric.decodeValue(from: c), in: &self) }
    }

    /// A region with every metric 0 (and population unknown), to be filled in.
    public init(regionID: String, name: String, parentID: String?) {
        self.init(regionID: regionID, name: name, parentID: parentID, areaKm2: 0, coveredKm2: 0, coveragePct: 0, initiatives: 0,
                  needs: 0, needsCovered: 0, needsUncovered: 0, incidents: 0, incidentsCovered: 0, incidentsUncovered: 0,
                  uncoveredDemand: 0, population: nil, coveredPopulation: nil, gapRank: 0)
    }

    public init(regionID: String, name: String, parentID: String?, areaKm2: Double, coveredKm2: Double, coveragePct: Double,
                initiatives: Int, needs: Double, needsCovered: Double, needsUncovered: Double, incidents: Double,
                incidentsCovered: Double, incidentsUncovered: Double, uncoveredDemand: Double, population: Double?,
                coveredPopulation: Double?, gapRank: Int) {
        self.regionID = regionID
        self.name = name
        self.parentID = parentID
        self.areaKm2 = areaKm2
        self.coveredKm2 = coveredKm2
        self.coveragePct = coveragePct
        self.initiatives = initiatives
        self.needs = needs
        self.needsCovered = needsCovered
        self.needsUncovered = needsUncovered
        self.incidents = incidents
        self.incidentsCovered = incidentsCovered
        self.incidentsUncovered = incidentsUncovered
        self.uncoveredDemand = uncoveredDemand
        self.population = population
        self.coveredPopulation = coveredPopulation
        self.gapRank = gapRank
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
    /// A row credited to a unit above the regions: its weight and covered
    /// weight shared among the unit's regions by area (nil otherwise).
    public var shares: [RegionShare]? = nil

    public init(regionIndex: Int?, covered: Bool, coveredWeight: Double, shares: [RegionShare]? = nil) {
        self.regionIndex = regionIndex
        self.covered = covered
        self.coveredWeight = coveredWeight
        self.shares = shares
    }
}

/// A region's share of a row credited to a coarser unit.
public struct RegionShare: Sendable, Equatable {
    public var region: Int
    public var weight: Double
    public var coveredWeight: Double
}

/// How the population figures were obtained.
public enum PopulationSource: String, Sendable, Codable {
    case settlements
    case regionAttribute = "region_attribute"
    /// A raster of people per cell (`--population`).
    case raster

    /// Whether a run has any source of population: a raster, settlements,
    /// or regions with a population attribute. Without one, people near
    /// incidents are not counted, so their discs are not even gathered.
    static func isAvailable(raster: String?, settlements: Bool, regions: [Region]) -> Bool {
        raster != nil || settlements || regions.contains { $0.population != nil }
    }
}

/// What a population raster held beyond the regions: its whole count, and
/// the people of cells (or parts of cells) in no region.
public struct RasterPopulationTotals: Sendable, Codable, Equatable {
    public var file: String
    public var total: Double
    public var inRegions: Double
    /// total − inRegions (regions of one level do not overlap).
    public var outsideRegions: Double

    enum CodingKeys: String, CodingKey {
        case file, total, inRegions = "in_regions", outsideRegions = "outside_regions"
    }
}

/// The incidents behind a run's exposure figures: how many had a disc
/// (coordinates and a radius above 0), how many had no coordinates (a
/// region reference: no disc), the distinct discs and the radii used.
public struct ExposureTotals: Sendable, Codable, Equatable {
    public var incidentsWithDisc: Int
    public var incidentsWithoutCoordinates: Int
    public var discs: Int
    public var radii: ExposureRadii

    enum CodingKeys: String, CodingKey {
        case incidentsWithDisc = "incidents_with_disc", incidentsWithoutCoordinates = "incidents_without_coordinates", discs, radii
    }
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
    /// With a population raster: its totals within and outside the regions.
    public var rasterPopulation: RasterPopulationTotals? = nil
    /// With incidents and a population source: what the exposure figures counted.
    public var exposure: ExposureTotals? = nil
    public var layers: [LayerKind: LayerAccount]
    public var issues: [RowIssue]
    /// The layers are the bundled sample's invented data: every output says so.
    public var isExampleData = false

    /// What the units are called: as `--unit-name` gave, else from their
    /// administrative level and the country of their P-codes.
    public var unitNames: UnitNames {
        parameters.unitName.flatMap(UnitNames.parse) ?? UnitNames.of(level: regionFields.level, pcode: regions.first?.id)
    }

    /// Metrics in gap-rank order (1 first).
    public var ranked: [RegionMetrics] { metrics.sorted { $0.gapRank < $1.gapRank } }
}
