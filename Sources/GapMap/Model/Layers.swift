import GeoCore

/// The kinds of layer a user brings (DESIGN.md, "Layers").
public enum LayerKind: String, Sendable, Codable, CaseIterable {
    case regions, initiatives, needs, incidents, settlements
}

/// An administrative area: a region, cercle or commune.
public struct Region: Sendable {
    public var id: String
    public var name: String
    public var parentID: String?
    /// Other spellings (OCHA alternate-name fields), used to match references.
    public var alternateNames: [String]
    public var population: Double?
    public var geometry: Geometry
    public var location: String
    /// The administrative level (1 = regions, 2 = cercles, 3 = communes),
    /// when the region fields tell it (`admin2Pcod` → 2); nil otherwise.
    public var level: Int? = nil
    /// Names and ids of the enclosing regions, as the file gives them (a
    /// commune's cercle and region), to tell apart places of the same name.
    public var ancestors: [String] = []
    /// The administrative level of each of `ancestors` (nil where its
    /// field does not say), to tell cercle Mopti from region Mopti.
    public var ancestorLevels: [Int?] = []
    /// The enclosing regions by level (a commune's cercle and region), with
    /// P-code and name as the file gives them, coarsest first.
    public var parents: [RegionParent] = []
}

/// An enclosing region as a region layer names it (`admin1Pcod`, `admin1Name`).
public struct RegionParent: Sendable, Equatable, Encodable {
    public var level: Int
    public var id: String
    public var name: String
}

/// Who runs an initiative.
public enum Actor: String, Sendable, Codable, CaseIterable {
    case state, community, civilSociety = "civil_society", international
}

public enum InitiativeStatus: String, Sendable, Codable, CaseIterable {
    case active, planned, closed
}

/// Where something is: a point, a polygon, or a reference to a region.
public enum Placement: Sendable {
    case point(Coordinate)
    case area(Geometry)
    /// Index into the analysis' region list.
    case region(Int)
    /// A unit coarser than the regions (a region P-code on communes): the
    /// regions in it, never one of them picked.
    case unit(RegionUnit)
}

/// A unit above the analysis' regions that a row names ("ML04" on the
/// communes of Mali): found through the P-code hierarchy or the regions'
/// enclosing-region fields. The row is credited to the unit as a whole.
public struct RegionUnit: Sendable, Equatable {
    /// The reference as the row gives it ("ML04", "Djenne").
    public var reference: String
    /// The unit's administrative level, when known.
    public var level: Int?
    /// Indices of the regions in the unit, ascending.
    public var members: [Int]
}

/// A community-policing initiative (a police post, a security committee, a
/// radio programme, ...).
public struct Initiative: Sendable {
    public var id: String
    public var name: String
    public var actor: Actor?
    public var kind: String
    /// nil when the row left it empty, which counts as active.
    public var status: InitiativeStatus?
    public var placement: Placement
    /// The row's own service radius; nil means the run's default.
    public var radiusKm: Double?
    public var startDate: String
    public var endDate: String
    /// The row's line in its file (for a GeoPackage layer, its fid): row
    /// issues name the layer's file and this line.
    public var line: Int

    public var effectiveStatus: InitiativeStatus { status ?? .active }
}

/// A need expressed in a consultation or survey.
public struct Need: Sendable {
    public var id: String
    public var category: String
    public var segment: String
    public var severity: Int?
    public var weight: Double
    public var date: String
    public var placement: Placement
    /// The row's line in its file (for a GeoPackage layer, its fid): row
    /// issues name the layer's file and this line.
    public var line: Int
    /// The row's source columns, as read, in `MetricCatalogue.needSourceFields` order; empty when the file has none of them.
    public var source: [String] = []
}

/// A security incident (ACLED, UCDP or a local log).
public struct Incident: Sendable {
    public var id: String
    public var date: String
    public var type: String
    public var fatalities: Int?
    public var weight: Double
    public var placement: Placement
    /// The row's line in its file (for a GeoPackage layer, its fid): row
    /// issues name the layer's file and this line.
    public var line: Int
    /// The row's source columns, as read, in `MetricCatalogue.incidentSourceFields` order; empty when the file has none of them.
    public var source: [String] = []

    static let subEventTypeIndex = MetricCatalogue.sourceIndex("sub_event_type", in: MetricCatalogue.incidentSourceFields)
    static let actor1Index = MetricCatalogue.sourceIndex("actor1", in: MetricCatalogue.incidentSourceFields)
    static let geoPrecisionIndex = MetricCatalogue.sourceIndex("geo_precision", in: MetricCatalogue.incidentSourceFields)

    /// ACLED's `sub_event_type` ("" when the file has none).
    public var subEventType: String { source.isEmpty ? "" : source[Self.subEventTypeIndex] }
    /// ACLED's `actor1`, UCDP's `side_a` ("" when the file has none).
    public var actor1: String { source.isEmpty ? "" : source[Self.actor1Index] }
    /// ACLED's `geo_precision`, UCDP's `where_prec` ("" when the file has none).
    public var geoPrecision: String { source.isEmpty ? "" : source[Self.geoPrecisionIndex] }
}

/// A populated place, used to count covered population.
public struct Settlement: Sendable {
    public var id: String
    public var name: String
    public var population: Double
    public var coordinate: Coordinate
    /// The row's line in its file (for a GeoPackage layer, its fid): row
    /// issues name the layer's file and this line.
    public var line: Int
}
