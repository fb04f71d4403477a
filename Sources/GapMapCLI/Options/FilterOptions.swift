import ArgumentParser
import Foundation
import GapMap

extension UndatedRows: ExpressibleByArgument {}
extension PlanMode: ExpressibleByArgument {}
extension CandidateSource: ExpressibleByArgument {}

/// The rows a run looks at: a time window and attribute filters, shared by
/// analyze, compare, scenario, rollup, suggest and hotspots.
struct FilterOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Only needs and incidents dated on or after this day, and initiatives still running on it (YYYY-MM-DD).", valueName: "date"))
    var from: String?

    @Option(help: ArgumentHelp("Only needs and incidents dated on or before this day, and initiatives started by then (YYYY-MM-DD).", valueName: "date"))
    var to: String?

    @Option(help: ArgumentHelp("With --from/--to, what to do with rows that have no date: keep (counted as undated) or drop (counted as filtered).", valueName: "keep|drop"))
    var undated: UndatedRows?

    @Option(name: .customLong("actor"), help: ArgumentHelp("Only initiatives of this actor: state, community, civil_society, international (or in French). Repeat, or separate with commas, for several.", valueName: "actor"))
    var actors: [String] = []

    @Option(name: .customLong("kind"), help: ArgumentHelp("Only initiatives of this kind (as in their kind column, e.g. police_post). Repeatable.", valueName: "kind"))
    var kinds: [String] = []

    @Option(name: .customLong("category"), help: ArgumentHelp("Only needs of this category (e.g. justice_access). Repeatable.", valueName: "category"))
    var categories: [String] = []

    @Option(name: .customLong("segment"), help: ArgumentHelp("Only needs of this population segment (e.g. women, youth). Repeatable.", valueName: "segment"))
    var segments: [String] = []

    @Option(name: .customLong("min-severity"), help: ArgumentHelp("Only needs of at least this severity (1–5); needs without a severity are left out.", valueName: "n"))
    var minSeverity: Int?

    static func list(_ values: [String]) -> [String] {
        values.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    func validate() throws {
        _ = try filter()
    }

    /// The filter the options describe; a ValidationError says what to fix.
    func filter() throws -> AnalysisFilter {
        func day(_ text: String?, _ option: String) throws -> CalendarDay? {
            guard let text else { return nil }
            guard let day = CalendarDay(iso: text) else {
                throw ValidationError("\(option) '\(text)' is not a day written YYYY-MM-DD, for example \(option) 2024-01-31.")
            }
            return day
        }
        let from = try day(from, "--from"), to = try day(to, "--to")
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
                              segments: Self.list(segments), minimumSeverity: minSeverity, undated: undated ?? .keep)
    }
}

extension LayerOptions {
    /// The request for these layers with the run's parameters and filter.
    func request(_ parameters: AnalysisParameters, filter: FilterOptions, progress: AnalysisProgress = .silent) throws -> AnalysisRequest {
        var request = try request(parameters)
        request.filter = try filter.filter()
        request.progress = progress
        return request
    }
}

/// Terminal formatting shared by the planner commands.
enum PlannerText {
    static func km2(_ v: Double) -> String { RankedTable.number(v, decimals: 1) }
    static func pct(_ v: Double) -> String { RankedTable.number(v, decimals: 1) }
    static func weight(_ v: Double) -> String { RankedTable.weight(v) }
    static func count(_ n: Int) -> String { RankedTable.number(Double(n), decimals: 0) }

    /// A signed change: +1.5, −2, 0.
    static func signed(_ v: Double, _ format: (Double) -> String) -> String {
        let text = format(abs(v))
        if text.allSatisfy({ $0 == "0" || $0 == "." || $0 == "," }) { return text }
        return (v < 0 ? "−" : "+") + text
    }

    /// The line that says what the filter kept, and what it left out per layer.
    static func filterLines(_ filter: AnalysisFilter, layers: [LayerKind: LayerAccount]) -> [String] {
        guard !filter.isEmpty else { return [] }
        var parts: [String] = []
        for kind in [LayerKind.initiatives, .needs, .incidents] {
            guard let a = layers[kind] else { continue }
            var text = "\(count(a.filtered)) \(kind.rawValue) left out"
            if let undated = a.undated, undated > 0 { text += " (\(undated) undated \(filter.undated == .keep ? "kept" : "among them"))" }
            parts.append(text)
        }
        return ["Filter: \(filter.summary).", parts.isEmpty ? "" : "  " + parts.joined(separator: "; ") + "."].filter { !$0.isEmpty }
    }

    static func json<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try JSONDocument.encode(value), as: UTF8.self) + "\n"
    }
}

/// The analysis under `suggest` and `hotspots`, whose own --radius means
/// something else (the new sites' radius, the neighbourhood).
struct BaselineOptions: ParsableArguments {
    @Option(name: .customLong("initiative-radius"), help: ArgumentHelp("Service radius in km of existing point initiatives whose row gives no radius_km (analyze's --radius).", valueName: "km"))
    var initiativeRadius: Double = 10

    @Option(help: ArgumentHelp("Vertices of each geodesic disc.", valueName: "n"))
    var segments: Int = 64

    @Flag(name: .customLong("include-planned"), help: "Count planned initiatives in the coverage too.")
    var includePlanned = false

    func validate() throws {
        try InputBounds.radiusKm.check(initiativeRadius, option: "--initiative-radius", example: "10")
        try InputBounds.segments.check(segments, option: "--segments", example: "64")
    }

    var parameters: AnalysisParameters {
        AnalysisParameters(defaultRadiusKm: initiativeRadius, segments: segments, includePlanned: includePlanned)
    }
}
