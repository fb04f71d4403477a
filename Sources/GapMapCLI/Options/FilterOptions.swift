import ArgumentParser
import Foundation
import GapMap

extension UndatedRows: ExpressibleByArgument {}
extension PlanMode: ExpressibleByArgument {}
extension CandidateSource: ExpressibleByArgument {}

/// The rows a run looks at: a time window and attribute filters, shared by
/// analyze, compare, scenario, rollup, suggest and hotspots.
struct FilterOptions: ParsableArguments {
    @Option(help: .text("Only needs and incidents dated on or after this day, and initiatives still running on it: YYYY-MM-DD, or any date form the CSV reader takes (2024-03 starts on March 1st, 05/03/2024, 5 March 2024).", fr: "Seulement les besoins et incidents datés de ce jour ou après, et les initiatives encore en cours ce jour-là : AAAA-MM-JJ, ou toute forme de date que le lecteur CSV accepte (2024-03 commence le 1er mars, 05/03/2024, 5 mars 2024).", valueName: "date"))
    var from: String?

    @Option(help: .text("Only needs and incidents dated on or before this day, and initiatives started by then: YYYY-MM-DD, or any date form the CSV reader takes (2024-03 ends on March 31st).", fr: "Seulement les besoins et incidents datés de ce jour ou avant, et les initiatives commencées à cette date : AAAA-MM-JJ, ou toute forme de date que le lecteur CSV accepte (2024-03 finit le 31 mars).", valueName: "date"))
    var to: String?

    @Option(help: .text("With --from/--to, what to do with rows that have no date: keep (counted as undated) or drop (counted as filtered).", fr: "Avec --from/--to, que faire des lignes sans date : keep (gardées, comptées comme non datées) ou drop (écartées, comptées comme filtrées).", valueName: "keep|drop"))
    var undated: UndatedRows?

    @Option(name: .customLong("actor"), help: .text("Only initiatives of this actor: state, community, civil_society, international (or in French). Repeat, or separate with commas, for several.", fr: "Seulement les initiatives de cet acteur : state, community, civil_society, international (ou en français : État, communauté, société civile). Répétez l'option, ou séparez par des virgules, pour plusieurs.", valueName: "actor"))
    var actors: [String] = []

    @Option(name: .customLong("kind"), help: .text("Only initiatives of this kind (as in their kind column, e.g. police_post). Repeatable.", fr: "Seulement les initiatives de ce type (comme dans leur colonne kind, par exemple police_post). Répétable.", valueName: "kind"))
    var kinds: [String] = []

    @Option(name: .customLong("category"), help: .text("Only needs of this category (e.g. justice_access). Repeatable.", fr: "Seulement les besoins de cette catégorie (par exemple justice_access). Répétable.", valueName: "category"))
    var categories: [String] = []

    @Option(name: .customLong("segment"), help: .text("Only needs of this population segment (e.g. women, youth). Repeatable.", fr: "Seulement les besoins de ce groupe de population (par exemple women, youth). Répétable.", valueName: "segment"))
    var segments: [String] = []

    @Option(name: .customLong("min-severity"), help: .text("Only needs of at least this severity (1–5); needs without a severity are left out.", fr: "Seulement les besoins d'au moins cette gravité (1–5) ; les besoins sans gravité sont écartés.", valueName: "n"))
    var minSeverity: Int?

    @Option(name: .customLong("event-type"), help: .text("Only incidents of this event type (ACLED event_type, e.g. Battles; UCDP type_of_violence 1-3 or state-based, non-state, one-sided). Repeatable; 'all' keeps every type. Default: every type but ACLED's demonstrations and strategic developments (Protests, Riots, Strategic developments), so an ACLED export counts its political violence.", fr: "Seulement les incidents de ce type d'événement (event_type d'ACLED, par exemple Battles ; type_of_violence d'UCDP 1-3 ou state-based, non-state, one-sided). Répétable ; 'all' garde tous les types. Par défaut : tous les types sauf les manifestations et évolutions stratégiques d'ACLED (Protests, Riots, Strategic developments), pour qu'un export ACLED compte sa violence politique.", valueName: "type"))
    var eventTypes: [String] = []

    @Option(name: .customLong("sub-event-type"), help: .text("Only incidents of this sub-event type (ACLED sub_event_type, e.g. 'Armed clash'). Repeatable.", fr: "Seulement les incidents de ce sous-type d'événement (sub_event_type d'ACLED, par exemple 'Armed clash'). Répétable.", valueName: "type"))
    var subEventTypes: [String] = []

    @Option(name: .customLong("actor1"), help: .text("Only incidents whose first actor (ACLED actor1, UCDP side_a) contains this text, case and accents folded (e.g. JNIM). Repeatable.", fr: "Seulement les incidents dont le premier acteur (actor1 d'ACLED, side_a d'UCDP) contient ce texte, sans tenir compte de la casse ni des accents (par exemple JNIM). Répétable.", valueName: "text"))
    var actor1: [String] = []

    @Option(name: .customLong("min-fatalities"), help: .text("Only incidents with at least this many fatalities (ACLED fatalities, UCDP best); incidents without a count are left out.", fr: "Seulement les incidents d'au moins ce nombre de morts (fatalities d'ACLED, best d'UCDP) ; les incidents sans décompte sont écartés.", valueName: "n"))
    var minFatalities: Int?

    @Option(name: .customLong("incident-weight"), help: .text("What an incident weighs: events (its row's weight, 1 by default), fatalities, or TYPE=W pairs such as 'Battles=3,Violence against civilians=2' (types not listed weigh 1).", fr: "Le poids d'un incident : events (le poids de sa ligne, 1 par défaut), fatalities (ses morts), ou des paires TYPE=P comme 'Battles=3,Violence against civilians=2' (les types non cités pèsent 1).", valueName: "events|fatalities|TYPE=W,..."))
    var incidentWeight: String?

    static func list(_ values: [String]) -> [String] {
        values.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    func validate() throws {
        _ = try filter()
    }

    /// The filter the options describe; a ValidationError says what to fix.
    func filter() throws -> AnalysisFilter {
        // The date forms the CSV reader accepts: --from a month starts on
        // its first day, --to a month ends on its last.
        func day(_ text: String?, _ option: String, last: Bool) throws -> CalendarDay? {
            guard let text else { return nil }
            guard let span = DaySpan.parse(text) else {
                throw ValidationError("\(option) '\(text)' is not a date gapmap reads: YYYY-MM-DD, YYYY-MM, YYYY, DD/MM/YYYY or '5 March 2024', "
                                      + "for example \(option) 2024-01-31.")
            }
            return last ? span.last : span.first
        }
        let from = try day(from, "--from", last: false), to = try day(to, "--to", last: true)
        if let from, let to, to < from {
            throw ValidationError("--to \(to) is before --from \(from); give the window's first day to --from and its last to --to.")
        }
        if undated != nil && from == nil && to == nil {
            throw ValidationError("--undated applies only with a time window; add --from and/or --to.")
        }
        var actorValues: [Actor] = []
        for text in Self.list(actors) {
            guard let actor = AnalysisFilter.actor(named: text) else {
                throw ValidationError("--actor '\(text)' is not one of state, community, civil_society, international (French names work too).")
            }
            if !actorValues.contains(actor) { actorValues.append(actor) }
        }
        if let minSeverity, !(1...5).contains(minSeverity) {
            throw ValidationError("--min-severity must be a whole number from 1 to 5, not \(minSeverity).")
        }
        return AnalysisFilter(from: from, to: to, actors: actorValues, kinds: Self.list(kinds), categories: Self.list(categories),
                              segments: Self.list(segments), minimumSeverity: minSeverity, undated: undated ?? .keep,
                              incidents: try incidentSelection())
    }

    /// The incident selection the options describe. Event types are taken
    /// whole (ACLED's contain spaces and '/', never commas, so commas separate).
    func incidentSelection() throws -> IncidentSelection {
        let types = Self.list(eventTypes)
        let choice: IncidentSelection.EventTypeChoice
        if types.isEmpty {
            choice = .sourceDefault
        } else if types.contains(where: { $0.lowercased() == "all" }) {
            guard types.count == 1 else {
                throw ValidationError("--event-type all keeps every type; give it alone, not with \(types.filter { $0.lowercased() != "all" }.joined(separator: ", ")).")
            }
            choice = .all
        } else {
            choice = .only(types)
        }
        if let minFatalities, minFatalities < 0 {
            throw ValidationError("--min-fatalities must be a whole number ≥ 0, not \(minFatalities).")
        }
        let weighting: IncidentWeighting
        do {
            weighting = try IncidentWeighting.parse(incidentWeight ?? "events")
        } catch {
            throw ValidationError("\(error).")
        }
        return IncidentSelection(eventTypes: choice, subEventTypes: Self.list(subEventTypes), actors: Self.list(actor1),
                                 minimumFatalities: minFatalities, weighting: weighting)
    }
}

extension LayerOptions {
    /// The request for these layers with the run's parameters and filter.
    func request(_ parameters: AnalysisParameters, filter: FilterOptions, progress: AnalysisProgress = .silent,
                 language: ReportLanguage = .fromEnvironment()) throws -> AnalysisRequest {
        var request = try request(parameters, language: language)
        request.filter = try filter.filter()
        request.progress = progress
        return request
    }
}

/// The JSON documents of the planner commands.
enum PlannerText {
    static func json<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try JSONDocument.encode(value), as: UTF8.self) + "\n"
    }
}

/// The analysis under `suggest` and `hotspots`, whose own --radius means
/// something else (the new sites' radius, the neighbourhood).
struct BaselineOptions: ParsableArguments {
    @Option(name: .customLong("initiative-radius"), help: .text("Service radius in km of existing point initiatives whose row gives no radius_km (analyze's --radius).", fr: "Rayon d'action en km des initiatives ponctuelles existantes dont la ligne ne donne pas de radius_km (le --radius d'analyze).", valueName: "km"))
    var initiativeRadius: Double = 10

    @Option(help: .text("Vertices of each geodesic disc.", fr: "Nombre de sommets de chaque disque géodésique.", valueName: "n"))
    var segments: Int = 64

    @Flag(name: .customLong("include-planned"), help: .text("Count planned initiatives in the coverage too.", fr: "Compte aussi les initiatives prévues dans la couverture."))
    var includePlanned = false

    func validate() throws {
        try InputBounds.radiusKm.check(initiativeRadius, option: "--initiative-radius", example: "10")
        try InputBounds.segments.check(segments, option: "--segments", example: "64")
    }

    var parameters: AnalysisParameters {
        AnalysisParameters(defaultRadiusKm: initiativeRadius, segments: segments, includePlanned: includePlanned)
    }
}
