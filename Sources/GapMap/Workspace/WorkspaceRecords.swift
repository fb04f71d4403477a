import Foundation
import GRDB

// The rows of a workspace, one Codable struct per table. Column names are
// the interface (QGIS shows them): snake_case, as in the outputs.

/// A row of a workspace layer table: its fid, the id it is upserted by, and
/// the import that last wrote it.
protocol WorkspaceLayerRow: Codable, FetchableRecord, MutablePersistableRecord {
    static var layer: LayerKind { get }
    var fid: Int64? { get set }
    var id: String { get }
    var lastImportID: Int64 { get set }
}

extension WorkspaceLayerRow {
    mutating func didInsert(_ inserted: InsertionSuccess) { fid = inserted.rowID }
}

struct RegionRow: WorkspaceLayerRow {
    static let databaseTableName = "regions"
    static let layer = LayerKind.regions
    var fid: Int64?
    var geom: Data
    var id: String
    var name: String
    var parentID: String?
    var population: Double?
    /// JSON array of the other spellings (OCHA alternate-name fields).
    var alternateNames: String
    var lastImportID: Int64
    /// The administrative level (1 = regions, 2 = cercles, 3 = communes), when known.
    var level: Int?
    /// JSON of the enclosing units (`RegionHierarchy`).
    var hierarchy: String

    enum CodingKeys: String, CodingKey {
        case fid, geom, id, name, parentID = "parent_id", population, alternateNames = "alternate_names", lastImportID = "last_import_id"
        case level, hierarchy
    }
}

/// A region's enclosing units as the workspace keeps them: the values of
/// its enclosing-region fields with their levels, and its parents by level
/// with P-code and name (`Region.ancestors`, `ancestorLevels`, `parents`).
struct RegionHierarchy: Codable, Equatable {
    struct Parent: Codable, Equatable {
        var level: Int
        var id: String
        var name: String
    }

    var ancestors: [String] = []
    var ancestorLevels: [Int?] = []
    var parents: [Parent] = []

    enum CodingKeys: String, CodingKey {
        case ancestors, ancestorLevels = "ancestor_levels", parents
    }

    init(_ region: Region) {
        ancestors = region.ancestors
        ancestorLevels = region.ancestorLevels
        parents = region.parents.map { Parent(level: $0.level, id: $0.id, name: $0.name) }
    }

    /// `region` with these enclosing units.
    func applied(to region: Region) -> Region {
        var region = region
        region.ancestors = ancestors
        region.ancestorLevels = ancestorLevels
        region.parents = parents.map { RegionParent(level: $0.level, id: $0.id, name: $0.name) }
        return region
    }

    var json: String { String(decoding: (try? JSONEncoder().encode(self)) ?? Data("{}".utf8), as: UTF8.self) }
}

struct InitiativeRow: WorkspaceLayerRow {
    static let databaseTableName = "initiatives"
    static let layer = LayerKind.initiatives
    var fid: Int64?
    /// Point or polygon; nil for a region reference.
    var geom: Data?
    var id: String
    var name: String
    var actor: String?
    var kind: String
    var status: String?
    var radiusKm: Double?
    var startDate: String
    var endDate: String
    /// The region referenced, when the row gives no geometry.
    var regionID: String?
    var lastImportID: Int64

    enum CodingKeys: String, CodingKey {
        case fid, geom, id, name, actor, kind, status, radiusKm = "radius_km", startDate = "start_date", endDate = "end_date"
        case regionID = "region_id", lastImportID = "last_import_id"
    }
}

struct NeedRow: WorkspaceLayerRow {
    static let databaseTableName = "needs"
    static let layer = LayerKind.needs
    var fid: Int64?
    var geom: Data?
    var id: String
    var category: String
    var segment: String
    var severity: Int?
    var weight: Double
    var date: String
    var regionID: String?
    var lastImportID: Int64
    /// The source columns (`MetricCatalogue.needSourceFields`), one column each.
    var source: [String]

    enum CodingKeys: String, CodingKey {
        case fid, geom, id, category, segment, severity, weight, date, regionID = "region_id", lastImportID = "last_import_id"
    }

    init(geom: Data?, id: String, category: String, segment: String, severity: Int?, weight: Double, date: String, regionID: String?,
         lastImportID: Int64, source: [String]) {
        (self.geom, self.id, self.category, self.segment, self.severity, self.weight, self.date, self.regionID, self.lastImportID)
            = (geom, id, category, segment, severity, weight, date, regionID, lastImportID)
        self.source = SourceColumns.fill(source, MetricCatalogue.needSourceFields)
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        fid = try c.decodeIfPresent(Int64.self, forKey: .fid)
        geom = try c.decodeIfPresent(Data.self, forKey: .geom)
        id = try c.decode(String.self, forKey: .id)
        category = try c.decode(String.self, forKey: .category)
        segment = try c.decode(String.self, forKey: .segment)
        severity = try c.decodeIfPresent(Int.self, forKey: .severity)
        weight = try c.decode(Double.self, forKey: .weight)
        date = try c.decode(String.self, forKey: .date)
        regionID = try c.decodeIfPresent(String.self, forKey: .regionID)
        lastImportID = try c.decode(Int64.self, forKey: .lastImportID)
        source = try SourceColumns.decode(decoder, MetricCatalogue.needSourceFields)
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(fid, forKey: .fid)
        try c.encode(geom, forKey: .geom)
        try c.encode(id, forKey: .id)
        try c.encode(category, forKey: .category)
        try c.encode(segment, forKey: .segment)
        try c.encode(severity, forKey: .severity)
        try c.encode(weight, forKey: .weight)
        try c.encode(date, forKey: .date)
        try c.encode(regionID, forKey: .regionID)
        try c.encode(lastImportID, forKey: .lastImportID)
        try SourceColumns.encode(source, MetricCatalogue.needSourceFields, to: encoder)
    }
}

/// The source columns of needs and incidents as workspace columns, one per
/// catalogue field, named by its key ('' when the file had none).
enum SourceColumns {
    static func fill(_ values: [String], _ fields: [SourceField]) -> [String] {
        values.count == fields.count ? values : Array(repeating: "", count: fields.count)
    }

    static func decode(_ decoder: any Decoder, _ fields: [SourceField]) throws -> [String] {
        let c = try decoder.container(keyedBy: MetricCodingKey.self)
        return try fields.map { try c.decodeIfPresent(String.self, forKey: MetricCodingKey($0.key)) ?? "" }
    }

    static func encode(_ values: [String], _ fields: [SourceField], to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: MetricCodingKey.self)
        for (field, value) in zip(fields, fill(values, fields)) { try c.encode(value, forKey: MetricCodingKey(field.key)) }
    }
}

struct IncidentRow: WorkspaceLayerRow {
    static let databaseTableName = "incidents"
    static let layer = LayerKind.incidents
    var fid: Int64?
    var geom: Data?
    var id: String
    var date: String
    var type: String
    var fatalities: Int?
    var weight: Double
    var regionID: String?
    var lastImportID: Int64
    /// The source columns (`MetricCatalogue.incidentSourceFields`), one column each.
    var source: [String]

    enum CodingKeys: String, CodingKey {
        case fid, geom, id, date, type, fatalities, weight, regionID = "region_id", lastImportID = "last_import_id"
    }

    init(geom: Data?, id: String, date: String, type: String, fatalities: Int?, weight: Double, regionID: String?, lastImportID: Int64,
         source: [String]) {
        (self.geom, self.id, self.date, self.type, self.fatalities, self.weight, self.regionID, self.lastImportID)
            = (geom, id, date, type, fatalities, weight, regionID, lastImportID)
        self.source = SourceColumns.fill(source, MetricCatalogue.incidentSourceFields)
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        fid = try c.decodeIfPresent(Int64.self, forKey: .fid)
        geom = try c.decodeIfPresent(Data.self, forKey: .geom)
        id = try c.decode(String.self, forKey: .id)
        date = try c.decode(String.self, forKey: .date)
        type = try c.decode(String.self, forKey: .type)
        fatalities = try c.decodeIfPresent(Int.self, forKey: .fatalities)
        weight = try c.decode(Double.self, forKey: .weight)
        regionID = try c.decodeIfPresent(String.self, forKey: .regionID)
        lastImportID = try c.decode(Int64.self, forKey: .lastImportID)
        source = try SourceColumns.decode(decoder, MetricCatalogue.incidentSourceFields)
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(fid, forKey: .fid)
        try c.encode(geom, forKey: .geom)
        try c.encode(id, forKey: .id)
        try c.encode(date, forKey: .date)
        try c.encode(type, forKey: .type)
        try c.encode(fatalities, forKey: .fatalities)
        try c.encode(weight, forKey: .weight)
        try c.encode(regionID, forKey: .regionID)
        try c.encode(lastImportID, forKey: .lastImportID)
        try SourceColumns.encode(source, MetricCatalogue.incidentSourceFields, to: encoder)
    }
}

struct SettlementRow: WorkspaceLayerRow {
    static let databaseTableName = "settlements"
    static let layer = LayerKind.settlements
    var fid: Int64?
    var geom: Data
    var id: String
    var name: String
    var population: Double
    var lastImportID: Int64

    enum CodingKeys: String, CodingKey {
        case fid, geom, id, name, population, lastImportID = "last_import_id"
    }
}

/// One file imported into one layer, with what became of its rows:
/// read = inserted + updated + unchanged + rejected + duplicates.
public struct WorkspaceImport: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "imports"
    public var id: Int64?
    public var layer: LayerKind
    /// The file as it was named on the command line.
    public var sourceFile: String
    /// SHA-256 of the file's bytes (of the whole GeoPackage for a layer of one).
    public var sourceSHA256: String
    /// UTC, ISO 8601 with milliseconds.
    public var importedAt: String
    public var rowsRead = 0
    public var rowsInserted = 0
    public var rowsUpdated = 0
    public var rowsUnchanged = 0
    public var rowsRejected = 0
    public var rowsDuplicate = 0

    enum CodingKeys: String, CodingKey {
        case id, layer, sourceFile = "source_file", sourceSHA256 = "source_sha256", importedAt = "imported_at"
        case rowsRead = "rows_read", rowsInserted = "rows_inserted", rowsUpdated = "rows_updated", rowsUnchanged = "rows_unchanged"
        case rowsRejected = "rows_rejected", rowsDuplicate = "rows_duplicate"
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// A row of an imported file that was rejected, a duplicate, or repaired.
public struct WorkspaceImportIssue: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "import_issues"
    public var id: Int64?
    public var importID: Int64
    /// The line (or fid) in the imported file.
    public var line: Int
    public var featureID: String?
    public var field: String?
    public var disposition: RowDisposition
    public var reason: String

    enum CodingKeys: String, CodingKey {
        case id, importID = "import_id", line, featureID = "feature_id", field, disposition, reason
    }
}

/// One column of one row changed by an import, with its old and new value
/// as text (geometries as WKT).
public struct WorkspaceChange: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "changes"
    public var id: Int64?
    public var importID: Int64
    public var layer: LayerKind
    public var featureID: String
    public var field: String
    public var oldValue: String?
    public var newValue: String?

    enum CodingKeys: String, CodingKey {
        case id, importID = "import_id", layer, featureID = "feature_id", field, oldValue = "old_value", newValue = "new_value"
    }
}

/// One analysis of the workspace: when, with what, by which versions.
public struct WorkspaceRun: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "runs"
    public var id: Int64?
    public var startedAt: String
    public var gapmapVersion: String
    public var geosVersion: String
    public var projVersion: String
    public var radiusKm: Double
    public var segments: Int
    public var includePlanned: Bool
    /// The whole request as JSON: parameters and row filters.
    public var parameters: String
    /// Every filter the run used, in words (`AnalysisFilter.everyFilter`).
    public var filters: String
    /// The run's summary document (`--json`) as it was printed.
    public var summary: String
    public var regions: Int
    public var coverageKm2: Double

    enum CodingKeys: String, CodingKey {
        case id, startedAt = "started_at", gapmapVersion = "gapmap_version", geosVersion = "geos_version", projVersion = "proj_version"
        case radiusKm = "radius_km", segments, includePlanned = "include_planned", parameters, filters, summary, regions, coverageKm2 = "coverage_km2"
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// A layer as a run read it: its row count and the SHA-256 of its content.
public struct WorkspaceRunInput: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "run_inputs"
    public var id: Int64?
    public var runID: Int64
    public var layer: LayerKind
    public var rows: Int
    public var sha256: String
    /// The last import into the layer before the run.
    public var lastImportID: Int64?

    enum CodingKeys: String, CodingKey {
        case id, runID = "run_id", layer, rows, sha256, lastImportID = "last_import_id"
    }
}

/// One region's metrics in one run.
public struct WorkspaceRunRegion: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "run_regions"
    public var id: Int64?
    public var runID: Int64
    public var metrics: RegionMetrics

    init(id: Int64? = nil, runID: Int64, metrics: RegionMetrics) {
        self.id = id
        self.runID = runID
        self.metrics = metrics
    }

    enum CodingKeys: String, CodingKey { case id, runID = "run_id" }

    // Flat columns: the metrics' own names (region_id, area_km2, ...).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decodeIfPresent(Int64.self, forKey: .id)
        runID = try c.decode(Int64.self, forKey: .runID)
        metrics = try RegionMetrics(from: decoder)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(runID, forKey: .runID)
        try metrics.encode(to: encoder)
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
