/// The rules a shareable run applies before its outputs leave the team
/// (docs/sharing.md): counts aggregated to units, small cells suppressed,
/// identifying and free-text fields dropped.
public struct ShareRules: Sendable, Equatable {
    /// The smallest count that may be published in a cell (a unit × category,
    /// a unit's metric). 5 by default: the threshold OCHA's Centre for
    /// Humanitarian Data and most national statistics offices use for
    /// frequency tables about people — below it a reader who knows one
    /// person in the cell can often tell who the others are.
    public var minCount: Int

    public static let defaultMinCount = 5

    /// The fields of needs and incidents that identify a row or a person,
    /// or hold free text or a row's own values: never in a shareable output
    /// (its needs and incidents are counts per unit and category).
    public static let droppedFields = ["id", "notes", "location", "source", "date", "segment", "severity", "fatalities",
                                       "weight", "located_by", "covered", "covered_weight"]

    public init(minCount: Int = ShareRules.defaultMinCount) {
        self.minCount = minCount
    }

    /// The fields this run drops.
    public var dropped: [String] { Self.droppedFields }
}
