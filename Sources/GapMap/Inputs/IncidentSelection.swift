import Foundation

/// Which incidents a run counts, as analysts select them in ACLED and UCDP:
/// by event type, sub-event type, first actor and fatalities.
///
/// The default (`EventTypeChoice.sourceDefault`) leaves out ACLED's
/// demonstrations and strategic developments — the event types Protests,
/// Riots and Strategic developments — and keeps every other type: in an
/// ACLED export, its political violence (Battles, Explosions/Remote
/// violence, Violence against civilians). ACLED itself keeps demonstrations
/// and strategic developments apart from political violence: a peaceful
/// protest in Bamako is not a security incident that a police post would
/// answer, and counted with weight 1 like a battle, the protests of one
/// city-centre point would outrank every conflict-hit commune. `all` keeps
/// every type. The rule is by type, not by file format, so an export read
/// from CSV, GeoJSON, a GeoPackage or a workspace is selected alike; UCDP
/// GED (organised violence only) and local logs with their own words keep
/// every row. Rows left out are counted as `filtered`, per type in
/// `LayerAccount.eventTypes`.
public struct IncidentSelection: Sendable, Equatable, Codable {
    /// Which event types a run keeps.
    public enum EventTypeChoice: Sendable, Equatable {
        /// Every type but `IncidentSelection.demonstrationsAndDevelopments`.
        case sourceDefault
        case all
        /// These types only (ACLED `event_type`; UCDP `type_of_violence` as
        /// 1/2/3 or state-based/non-state/one-sided).
        case only([String])
    }

    public var eventTypes: EventTypeChoice
    /// ACLED `sub_event_type`; empty keeps every sub-event type.
    public var subEventTypes: [String]
    /// Texts one of which the first actor (ACLED `actor1`, UCDP `side_a`)
    /// contains, case and accents folded; empty keeps every actor.
    public var actors: [String]
    public var minimumFatalities: Int?
    public var weighting: IncidentWeighting

    /// ACLED's political-violence event types, kept by default.
    public static let politicalViolence = ["Battles", "Explosions/Remote violence", "Violence against civilians"]
    /// ACLED's demonstrations and strategic developments, left out by default.
    public static let demonstrationsAndDevelopments = ["Protests", "Riots", "Strategic developments"]

    /// UCDP GED's `type_of_violence` codes and their names.
    static let ucdpTypes = [("1", "state-based"), ("2", "non-state"), ("3", "one-sided")]

    public init(eventTypes: EventTypeChoice = .sourceDefault, subEventTypes: [String] = [], actors: [String] = [],
                minimumFatalities: Int? = nil, weighting: IncidentWeighting = .events) {
        self.eventTypes = eventTypes
        self.subEventTypes = subEventTypes
        self.actors = actors
        self.minimumFatalities = minimumFatalities
        self.weighting = weighting
    }

    /// Every incident kept, each with its row's weight: what runs did
    /// before incidents could be selected (runs recorded then read so).
    public static let everything = IncidentSelection(eventTypes: .all)

    /// The event types kept (nil: any) and left out, as keys (`typeKey`).
    func typeRule() -> (kept: Set<String>?, leftOut: Set<String>) {
        switch eventTypes {
        case .all: (nil, [])
        case .only(let types): (Set(types.map(Self.typeKey)), [])
        case .sourceDefault: (nil, Set(Self.demonstrationsAndDevelopments.map(Self.typeKey)))
        }
    }

    /// Whether the selection leaves out no incident of any source and keeps each row's weight.
    public var keepsEverything: Bool {
        eventTypes == .all && subEventTypes.isEmpty && actors.isEmpty && minimumFatalities == nil && weighting == .events
    }

    /// Whether the selection differs from the default.
    public var isDefault: Bool { self == IncidentSelection() }

    /// The key an event type is compared under: folded, and a UCDP code
    /// read as its name ("1" → "state based").
    static func typeKey(_ text: String) -> String {
        let key = AnalysisFilter.key(text)
        for ucdp in ucdpKeys where key == ucdp.code || key == ucdp.name || key == ucdp.violence { return ucdp.name }
        return key
    }

    /// The keys of `ucdpTypes`, made once: a code, its name, and its name with "violence".
    private static let ucdpKeys = ucdpTypes.map { code, name in
        (code: code, name: AnalysisFilter.key(name), violence: AnalysisFilter.key(name + " violence"))
    }

    /// Whether the selection keeps an incident. `typeVerdicts` remembers the
    /// type rule's answer for each spelling of a type met so far (a layer
    /// repeats a handful of types over millions of rows).
    func decide(_ incident: Incident, types: (kept: Set<String>?, leftOut: Set<String>), typeVerdicts: inout [String: Bool]) -> Bool {
        let keepsType: Bool
        if let known = typeVerdicts[incident.type] {
            keepsType = known
        } else {
            let type = Self.typeKey(incident.type)
            keepsType = (types.kept?.contains(type) ?? true) && !types.leftOut.contains(type)
            typeVerdicts[incident.type] = keepsType
        }
        guard keepsType else { return false }
        if !subEventTypes.isEmpty, !subEventTypes.contains(where: { AnalysisFilter.key($0) == AnalysisFilter.key(incident.subEventType) }) {
            return false
        }
        if !actors.isEmpty {
            let actor = AnalysisFilter.key(incident.actor1)
            if !actors.contains(where: { actor.contains(AnalysisFilter.key($0)) }) { return false }
        }
        if let minimumFatalities, (incident.fatalities ?? Int.min) < minimumFatalities { return false }
        return true
    }

    /// One sentence for the terminal (English, as the JSON documents say it).
    public var summary: String { summary(.english) }

    /// One sentence for the terminal, in `language`.
    public func summary(_ language: ReportLanguage) -> String {
        let fr = language == .french
        let or = fr ? " ou " : " or "
        var parts: [String] = []
        switch eventTypes {
        case .all: parts.append(fr ? "tout type d'événement" : "every event type")
        case .only(let types): parts.append((fr ? "type d'événement " : "event type ") + types.joined(separator: or))
        case .sourceDefault:
            let types = Self.demonstrationsAndDevelopments.joined(separator: ", ")
            parts.append(fr ? "tout type d'événement sauf les manifestations et évolutions stratégiques d'ACLED (\(types)) : "
                             + "le choix par défaut ; --event-type all les garde"
                            : "every event type but ACLED's demonstrations and strategic developments (\(types)): "
                             + "the default; --event-type all keeps them)")
        }
        if !subEventTypes.isEmpty { parts.append((fr ? "sous-type " : "sub-event type ") + subEventTypes.joined(separator: or)) }
        if !actors.isEmpty { parts.append((fr ? "actor1 contenant " : "actor1 containing ") + actors.joined(separator: or)) }
        if let minimumFatalities { parts.append(fr ? "au moins \(minimumFatalities) morts" : "\(minimumFatalities) or more fatalities") }
        let weighting = weighting.words(language)
        return fr ? "incidents de " + parts.joined(separator: ", ") + " ; pondérés par " + weighting
            : "incidents of " + parts.joined(separator: ", ") + "; weighted by " + weighting
    }

    enum CodingKeys: String, CodingKey {
        case eventTypes = "event_types", subEventTypes = "sub_event_types", actors = "actor1", minimumFatalities = "min_fatalities"
        case weighting = "incident_weight"
    }

    /// A request recorded before incidents could be selected has none of
    /// these keys: it kept every incident with its weight, and reads so.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        switch try c.decodeIfPresent([String].self, forKey: .eventTypes) {
        case nil: eventTypes = .all
        case ["default"]?: eventTypes = .sourceDefault
        case ["all"]?: eventTypes = .all
        case let types?: eventTypes = .only(types)
        }
        subEventTypes = try c.decodeIfPresent([String].self, forKey: .subEventTypes) ?? []
        actors = try c.decodeIfPresent([String].self, forKey: .actors) ?? []
        minimumFatalities = try c.decodeIfPresent(Int.self, forKey: .minimumFatalities)
        weighting = try IncidentWeighting.parse(try c.decodeIfPresent(String.self, forKey: .weighting) ?? "events")
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch eventTypes {
        case .sourceDefault: try c.encode(["default"], forKey: .eventTypes)
        case .all: try c.encode(["all"], forKey: .eventTypes)
        case .only(let types): try c.encode(types, forKey: .eventTypes)
        }
        try c.encode(subEventTypes, forKey: .subEventTypes)
        try c.encode(actors, forKey: .actors)
        try c.encodeIfPresent(minimumFatalities, forKey: .minimumFatalities)
        try c.encode(weighting.description, forKey: .weighting)
    }
}
