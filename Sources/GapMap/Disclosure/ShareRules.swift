/// The rules a shareable run applies before its outputs leave the team
/// (docs/sharing.md): counts aggregated to units, small cells suppressed,
/// identifying and free-text fields dropped, initiatives of sensitive kinds
/// shown only as presence per unit.
public struct ShareRules: Sendable, Equatable {
    /// The smallest count that may be published in a cell (a unit × category,
    /// a unit's metric). 5 by default: the threshold OCHA's Centre for
    /// Humanitarian Data and most national statistics offices use for
    /// frequency tables about people — below it a reader who knows one
    /// person in the cell can often tell who the others are.
    public var minCount: Int

    /// Initiative kinds (compared without case) whose initiatives appear
    /// only as presence per unit: no footprint, no point, no id or name.
    public var sensitiveKinds: [String]

    /// Fields the run keeps by name although the rules drop them
    /// (`--keep-field`); only fields a shareable output still has rows
    /// for can be kept (`keepableFields`).
    public var keptFields: [String]

    /// Hexagons the needs and incidents are also counted in
    /// (`--share-cells hex:SIZE`), nil for counts per unit only.
    public var cells: HexagonCells?

    /// Whether needs and incidents are also published as points displaced
    /// by the geomask (`--share-displace`, `Geomask`).
    public var displace: Bool

    /// The towns that make a displaced point urban (`UrbanPlaces`,
    /// geodata/urban/cities15000.csv); nil: every point is rural.
    public var urbanPlacesPath: String?

    public static let defaultMinCount = 5

    /// The fields of needs and incidents that identify a row or a person,
    /// or hold free text or a row's own values: never in a shareable output
    /// (its needs and incidents are counts per unit and category, so no
    /// row remains to carry them).
    public static let droppedFields = ["id", "notes", "location", "source", "date", "segment", "severity", "fatalities",
                                       "weight", "located_by", "covered", "covered_weight"]

    /// The fields of initiatives.geojson that a shareable run drops: they
    /// name the people or groups who run an initiative.
    public static let droppedInitiativeFields = ["id", "name"]

    /// What `--keep-field` accepts: the dropped fields of the one layer a
    /// shareable run still writes row by row (initiatives).
    public static let keepableFields = droppedInitiativeFields

    public init(minCount: Int = ShareRules.defaultMinCount, sensitiveKinds: [String] = [], keptFields: [String] = [], cells: HexagonCells? = nil,
                displace: Bool = false, urbanPlacesPath: String? = nil) {
        self.minCount = minCount
        self.displace = displace
        self.urbanPlacesPath = urbanPlacesPath
        self.cells = cells
        self.sensitiveKinds = sensitiveKinds
        self.keptFields = keptFields
    }

    /// The fields of needs and incidents this run drops.
    public var dropped: [String] { Self.droppedFields }

    /// The fields of initiatives this run drops (those not kept by name).
    public var droppedFromInitiatives: [String] { Self.droppedInitiativeFields.filter { !keptFields.contains($0) } }

    /// Whether initiatives of this kind are shown only as presence per unit.
    public func isSensitive(kind: String) -> Bool {
        let folded = kind.lowercased()
        return sensitiveKinds.contains { $0.lowercased() == folded }
    }

    /// Why a `--keep-field` name cannot be kept, or nil when it can.
    public static func keepProblem(_ field: String) -> String? {
        if keepableFields.contains(field) { return nil }
        if droppedFields.contains(field) {
            return "'\(field)' is a field of needs and incidents, which a shareable run publishes only as counts per unit and category: no row remains to keep it on. Fields that can be kept: \(keepableFields.joined(separator: ", ")) (of initiatives)."
        }
        return "'\(field)' is not a field a shareable run drops. Fields that can be kept: \(keepableFields.joined(separator: ", ")) (of initiatives)."
    }
}
