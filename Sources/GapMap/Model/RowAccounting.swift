/// Why a row was not used as it stood.
public enum RowDisposition: String, Sendable, Codable {
    /// Not used: the reason says what to fix.
    case rejected
    /// The id was seen earlier in the layer; the first row is used.
    case duplicate
    /// Used after repair (an invalid polygon made valid).
    case repaired
    /// Used: its region reference matched other than exactly (the reason
    /// says what it matched and how), or names a unit above the regions.
    case matched
}

/// One row of `rejected.csv`.
public struct RowIssue: Sendable, Codable, Equatable {
    public var layer: LayerKind
    public var file: String
    public var line: Int
    public var id: String?
    public var field: String?
    public var disposition: RowDisposition
    public var reason: String
    /// GeoJSON: the feature's 1-based position in the file's `features`,
    /// which tells rows apart where several share a line (a file written
    /// on one line gives every feature line 1); nil for CSV and GeoPackage.
    public var feature: Int?

    public init(layer: LayerKind, file: String, line: Int, feature: Int? = nil, id: String? = nil, field: String? = nil,
                disposition: RowDisposition, reason: String) {
        self.layer = layer
        self.file = file
        self.line = line
        self.feature = feature
        self.id = id
        self.field = field
        self.disposition = disposition
        self.reason = reason
    }
}

/// The row accounting of one input layer (DESIGN.md semantics 10):
/// read = used + rejected + duplicates + filtered, and point rows = assigned + unassigned.
public struct LayerAccount: Sendable, Codable, Equatable {
    public var file: String
    public var format: String
    public var read = 0
    public var used = 0
    public var rejected = 0
    public var duplicates = 0
    /// Polygons repaired with MakeValid (they are among the used rows).
    public var repaired = 0
    /// Used rows located by a point.
    public var points = 0
    public var assigned = 0
    public var unassigned = 0
    /// Used rows located by a polygon footprint (initiatives only).
    public var polygons = 0
    /// Used rows located by a reference to a region, without coordinates.
    public var regionReferenced = 0
    /// Of those, the rows that name a unit above the regions (a region
    /// P-code on communes), credited to the unit as a whole.
    public var coarserUnits = 0
    /// Used rows whose region reference matched other than exactly, or a
    /// coarser unit: each listed with disposition `matched`.
    public var matched = 0
    /// Initiatives: used rows whose status puts them in this run's coverage.
    public var inRun: Int?
    /// Weight of the unassigned points (needs, incidents).
    public var unassignedWeight: Double?
    /// The format recognised from the columns: `acled`, `ucdp_ged`,
    /// `kobotoolbox`, `hxl`, `table` or `geojson` (`SourceFormat`).
    public var sourceFormat: String?
    /// Among the region-referenced rows: events of imprecise location (ACLED
    /// `geo_precision` 3, UCDP GED `where_prec` ≥ 4) credited to the region
    /// their admin columns name, not to the town whose coordinates they carry.
    public var impreciseRegionReferenced = 0
    /// Rows left out by the run's filters (time window, actor, kind, category,
    /// segment, severity: `AnalysisFilter`); 0 when the run has none.
    public var filtered = 0
    /// With a time window: rows that carry no date. They are kept (among the
    /// used rows: they cannot be shown to fall outside the window), or with
    /// `--undated drop` left out (among the filtered rows); nil without a window.
    public var undated: Int?
    /// Incidents: per event type (as the file writes it), the rows kept and
    /// the rows left out by the run's selection (`IncidentSelection`); rows
    /// rejected for an unreadable date are in neither. nil for other layers.
    public var eventTypes: [String: EventTypeCount]?
    /// Incidents: which rows the run's selection keeps and how they weigh, in words.
    public var incidentSelection: String?
    /// The same in French, for the terminal (not written: the documents keep the English).
    public var incidentSelectionInFrench: String?

    /// Which incidents the run kept, in `language`.
    public func incidentSelection(_ language: ReportLanguage) -> String? {
        language == .french ? incidentSelectionInFrench ?? incidentSelection : incidentSelection
    }

    public init(file: String, format: String) {
        self.file = file
        self.format = format
    }

    /// True when every row is accounted for.
    public var balances: Bool {
        read == used + rejected + duplicates + filtered && points == assigned + unassigned
    }

    enum CodingKeys: String, CodingKey {
        case file, format, read, used, rejected, duplicates, repaired, points, assigned, unassigned, polygons
        case regionReferenced = "region_referenced"
        case coarserUnits = "coarser_units"
        case matched
        case inRun = "in_run"
        case unassignedWeight = "unassigned_weight"
        case sourceFormat = "source_format"
        case impreciseRegionReferenced = "imprecise_region_referenced"
        case filtered, undated
        case eventTypes = "event_types", incidentSelection = "incident_selection"
    }
}

/// The incidents of one event type that a run kept and left out.
public struct EventTypeCount: Sendable, Codable, Equatable {
    public var kept = 0
    public var filtered = 0

    public init(kept: Int = 0, filtered: Int = 0) {
        self.kept = kept
        self.filtered = filtered
    }
}
