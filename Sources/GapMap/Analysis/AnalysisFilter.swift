import Foundation

/// A day of the Gregorian calendar, for time windows.
public struct CalendarDay: Hashable, Comparable, Sendable, CustomStringConvertible, Codable {
    public var year: Int
    public var month: Int
    public var day: Int

    /// nil when the day does not exist (2023-02-29, month 13).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month), day >= 1, day <= Self.days(inMonth: month, year: year) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// YYYY-MM-DD only: the form the command line takes.
    public init?(iso text: String) {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    static func days(inMonth month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    public static func < (a: CalendarDay, b: CalendarDay) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    public var description: String {
        String(format: "%04d-%02d-%02d", year, month, day)
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let day = CalendarDay(iso: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "'\(text)' is not YYYY-MM-DD"))
        }
        self = day
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}

/// The days a date field names: one day ("2024-03-05"), a whole month
/// ("2024-03") or a whole year ("2024").
public struct DaySpan: Hashable, Sendable {
    public var first: CalendarDay
    public var last: CalendarDay

    /// Reads the date forms found in planners' files:
    /// - ISO 8601: `2024-03-05`, with or without a time after `T` or a space
    ///   (`2024-03-05T10:00:00Z`), `2024-03` (the month), `2024` (the year);
    /// - `2024/03/05`;
    /// - `05/03/2024` and `5.3.2024`: day first, the French convention
    ///   (never read month first: 05/03/2024 is the 5th of March);
    /// - `5 March 2024`, `05 mars 2024`, `5-Mar-2024`: English or French
    ///   month names (ACLED's long form), accents optional.
    /// nil for anything else, and for days that do not exist.
    public static func parse(_ raw: String) -> DaySpan? {
        var text = raw.trimmingCharacters(in: .whitespaces)
        if text.isEmpty { return nil }
        // Drop a time of day: "2024-03-05T10:00:00Z", "2024-03-05 10:00".
        if let t = text.firstIndex(where: { $0 == "T" || $0 == " " }), text[..<t].filter({ $0 == "-" }).count == 2 {
            text = String(text[..<t])
        }
        let numeric = text.split(whereSeparator: { $0 == "-" || $0 == "/" || $0 == "." }).map(String.init)
        if numeric.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }) {
            let n = numeric.compactMap { Int($0) }
            switch (numeric.count, numeric.first?.count ?? 0) {
            case (1, 4):
                return span(year: n[0], month: nil, day: nil)
            case (2, 4) where text.contains("-") || text.contains("/"):
                return span(year: n[0], month: n[1], day: nil)
            case (3, 4):
                return span(year: n[0], month: n[1], day: n[2])
            case (3, 1...2) where numeric[2].count == 4:
                return span(year: n[2], month: n[1], day: n[0])
            default:
                return nil
            }
        }
        // "5 March 2024", "05 mars 2024", "5-Mar-2024".
        let words = RegionCatalog.fold(text).split(whereSeparator: { $0 == " " || $0 == "-" || $0 == "," }).map(String.init)
        guard words.count == 3, let d = Int(words[0]), let y = Int(words[2]), words[2].count == 4,
              let m = monthNumbers[words[1]] ?? monthNumbers[String(words[1].prefix(3))] else { return nil }
        return span(year: y, month: m, day: d)
    }

    /// The first day of the date a field names, in ISO 8601 (`2024-03-05`),
    /// as the outputs write it; nil when `parse` reads no date. A text
    /// already in that form is returned as it is, without parsing it again
    /// as a general date (a million rows are written this way).
    public static func isoFirstDay(_ text: String) -> String? {
        if text.utf8.count == 10 {
            // YYYY-MM-DD read from the bytes: year, month, day as they come.
            var parts = (0, 0, 0), ok = true
            for (i, b) in text.utf8.enumerated() {
                if i == 4 || i == 7 {
                    ok = ok && b == UInt8(ascii: "-")
                } else if b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") {
                    let d = Int(b - UInt8(ascii: "0"))
                    switch i {
                    case 0..<4: parts.0 = parts.0 * 10 + d
                    case 5..<7: parts.1 = parts.1 * 10 + d
                    default: parts.2 = parts.2 * 10 + d
                    }
                } else {
                    ok = false
                }
            }
            if ok { return CalendarDay(year: parts.0, month: parts.1, day: parts.2) == nil ? nil : text }
        }
        return parse(text)?.first.description
    }

    static func span(year: Int, month: Int?, day: Int?) -> DaySpan? {
        switch (month, day) {
        case (nil, _):
            guard let a = CalendarDay(year: year, month: 1, day: 1), let b = CalendarDay(year: year, month: 12, day: 31) else { return nil }
            return DaySpan(first: a, last: b)
        case (let m?, nil):
            guard let a = CalendarDay(year: year, month: m, day: 1),
                  let b = CalendarDay(year: year, month: m, day: CalendarDay.days(inMonth: m, year: year)) else { return nil }
            return DaySpan(first: a, last: b)
        case (let m?, let d?):
            guard let a = CalendarDay(year: year, month: m, day: d) else { return nil }
            return DaySpan(first: a, last: a)
        }
    }

    /// English and French month names, folded (no accents), and their
    /// three-letter abbreviations.
    static let monthNumbers: [String: Int] = {
        let english = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"]
        let french = ["janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout", "septembre", "octobre", "novembre", "decembre"]
        var table: [String: Int] = [:]
        for (i, name) in english.enumerated() {
            table[name] = i + 1
            table[String(name.prefix(3))] = i + 1
        }
        for (i, name) in french.enumerated() { table[name] = i + 1 }
        table["sept"] = 9
        table["juil"] = 7
        return table
    }()
}

/// What to do with rows that have no date when the run has a time window.
public enum UndatedRows: String, Sendable, Codable, CaseIterable {
    /// Keep them, counted as `undated` in the layer accounting.
    case keep
    /// Leave them out, counted as `filtered` (and `undated`).
    case drop
}

/// Which rows of the input a run looks at: a time window and attribute
/// filters. Rows left out are counted per layer as `filtered`, so that
/// read = used + rejected + duplicates + filtered still holds.
///
/// - `from`/`to` (inclusive days): a need or an incident is kept when its
///   date falls in the window (a date naming a month or a year is kept when
///   that month or year overlaps the window); an initiative is kept when it
///   was running at any time during the window: its `start_date` is not after
///   `to` and its `end_date` (empty: still running) is not before `from`.
///   Statuses still apply as in DESIGN.md: a closed initiative never counts,
///   a planned one only with `--include-planned`.
/// - Rows with no date (initiatives with neither start nor end) are kept and
///   counted as `undated`, or left out with `UndatedRows.drop`. A date that
///   cannot be read rejects the row, with its line and the forms accepted.
/// - `actors`, `kinds`: initiatives; `categories`, `segments`,
///   `minimumSeverity`: needs. A row that does not give the field does not
///   match (a need with no severity fails `--min-severity`). `incidents`:
///   event types, sub-event types, actor, fatalities and weights
///   (`IncidentSelection`; by default every type but ACLED's demonstrations
///   and strategic developments). Text is matched with case, accents, `_` and `-` folded.
public struct AnalysisFilter: Sendable, Equatable, Codable {
    public var from: CalendarDay?
    public var to: CalendarDay?
    public var actors: [Actor]
    public var kinds: [String]
    public var categories: [String]
    public var segments: [String]
    public var minimumSeverity: Int?
    public var undated: UndatedRows
    public var incidents: IncidentSelection

    public init(from: CalendarDay? = nil, to: CalendarDay? = nil, actors: [Actor] = [], kinds: [String] = [], categories: [String] = [],
                segments: [String] = [], minimumSeverity: Int? = nil, undated: UndatedRows = .keep,
                incidents: IncidentSelection = IncidentSelection()) {
        self.from = from
        self.to = to
        self.actors = actors
        self.kinds = kinds
        self.categories = categories
        self.segments = segments
        self.minimumSeverity = minimumSeverity
        self.undated = undated
        self.incidents = incidents
    }

    enum CodingKeys: String, CodingKey {
        case from, to, actors, kinds, categories, segments, minimumSeverity = "min_severity", undated, incidents
    }

    /// A request recorded before a field existed reads without it: a run
    /// recorded before incidents could be selected kept every incident.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        from = try c.decodeIfPresent(CalendarDay.self, forKey: .from)
        to = try c.decodeIfPresent(CalendarDay.self, forKey: .to)
        actors = try c.decodeIfPresent([Actor].self, forKey: .actors) ?? []
        kinds = try c.decodeIfPresent([String].self, forKey: .kinds) ?? []
        categories = try c.decodeIfPresent([String].self, forKey: .categories) ?? []
        segments = try c.decodeIfPresent([String].self, forKey: .segments) ?? []
        minimumSeverity = try c.decodeIfPresent(Int.self, forKey: .minimumSeverity)
        undated = try c.decodeIfPresent(UndatedRows.self, forKey: .undated) ?? .keep
        incidents = try c.decodeIfPresent(IncidentSelection.self, forKey: .incidents) ?? .everything
    }

    public var hasWindow: Bool { from != nil || to != nil }

    /// True when the run asks for no filter: no option given (an ACLED
    /// export's incidents are still selected by default, see `IncidentSelection`).
    public var isEmpty: Bool {
        !hasWindow && actors.isEmpty && kinds.isEmpty && categories.isEmpty && segments.isEmpty && minimumSeverity == nil
            && incidents.isDefault
    }

    /// The actor a word names (English or French, as in the initiatives
    /// layer), or nil.
    public static func actor(named text: String) -> Actor? { Vocabulary.actor(text) }

    /// One sentence saying what the filter keeps, for the terminal (English, as `runs` records it).
    public var summary: String { summary(.english) }

    /// One sentence saying what the filter keeps, in `language`.
    public func summary(_ language: ReportLanguage) -> String {
        let fr = language == .french
        let or = fr ? " ou " : " or "
        var parts: [String] = []
        if hasWindow {
            let window = switch (from, to) {
            case let (from?, to?): fr ? "du \(from) au \(to)" : "from \(from) to \(to)"
            case let (from?, nil): fr ? "à partir du \(from)" : "from \(from) on"
            case let (nil, to?): fr ? "jusqu'au \(to)" : "up to \(to)"
            case (nil, nil): ""
            }
            parts.append(fr ? "besoins et incidents datés \(window), initiatives en cours à un moment de cette période (lignes sans date \(undated == .keep ? "gardées" : "écartées"))"
                            : "needs and incidents dated \(window), initiatives running at any time then (undated rows \(undated == .keep ? "kept" : "left out"))")
        }
        if !actors.isEmpty {
            parts.append(fr ? "initiatives de l'acteur " + actors.map { ReportText(language).actorName($0) }.joined(separator: or)
                            : "initiatives of actor " + actors.map(\.rawValue).joined(separator: or))
        }
        if !kinds.isEmpty { parts.append((fr ? "initiatives de type " : "initiatives of kind ") + kinds.joined(separator: or)) }
        if !categories.isEmpty { parts.append((fr ? "besoins de catégorie " : "needs of category ") + categories.joined(separator: or)) }
        if !segments.isEmpty { parts.append((fr ? "besoins du segment " : "needs of segment ") + segments.joined(separator: or)) }
        if let minimumSeverity { parts.append(fr ? "besoins de gravité \(minimumSeverity) ou plus" : "needs of severity \(minimumSeverity) or more") }
        if !incidents.isDefault { parts.append(incidents.summary(language)) }
        if parts.isEmpty { return fr ? "aucun filtre" : "no filter" }
        return (fr ? "seulement les " : "only ") + parts.joined(separator: fr ? " ; " : "; ")
    }

    /// Every filter of the run in one sentence, the incident selection
    /// always included (its default leaves rows out too): what `runs`
    /// records and shows.
    public var everyFilter: String { everyFilter(.english) }

    public func everyFilter(_ language: ReportLanguage) -> String {
        var others = self
        others.incidents = IncidentSelection()
        return (others.isEmpty ? "" : others.summary(language) + (language == .french ? " ; " : "; ")) + incidents.summary(language)
    }

    // MARK: Applying

    /// The input with the rows this filter leaves out removed, and counted.
    public func apply(to input: AnalysisInput) -> AnalysisInput {
        var result = input
        result.initiatives = input.initiatives.map { apply(to: $0) }
        result.needs = input.needs.map { apply(to: $0) }
        result.incidents = input.incidents.map { apply(to: $0) }
        return result
    }

    public func apply(to layer: LoadedLayer<Initiative>) -> LoadedLayer<Initiative> {
        guard !isEmpty else { return layer }
        let kindKeys = Set(kinds.map(Self.key))
        return filtered(layer, kind: .initiatives, placement: \.placement, line: \.line, id: \.id) { item in
            if !actors.isEmpty, !(item.actor.map(actors.contains) ?? false) { return .leaveOut }
            if !kindKeys.isEmpty, !kindKeys.contains(Self.key(item.kind)) { return .leaveOut }
            guard hasWindow else { return .keep }
            if item.startDate.isEmpty && item.endDate.isEmpty { return .undated }
            var start: DaySpan?, end: DaySpan?
            if !item.startDate.isEmpty {
                guard let s = DaySpan.parse(item.startDate) else { return Self.unreadable("start_date", item.startDate) }
                start = s
            }
            if !item.endDate.isEmpty {
                guard let e = DaySpan.parse(item.endDate) else { return Self.unreadable("end_date", item.endDate) }
                end = e
            }
            if let start, let end, end.last < start.first {
                return .reject(field: "end_date", reason: "end_date \(item.endDate) is before start_date \(item.startDate); "
                               + "fix one of them so the --from/--to window can be applied")
            }
            // Running at any time in the window: started by its end, not ended before its start.
            if let to, let start, start.first > to { return .leaveOut }
            if let from, let end, end.last < from { return .leaveOut }
            return .keep
        }
    }

    public func apply(to layer: LoadedLayer<Need>) -> LoadedLayer<Need> {
        guard !isEmpty else { return layer }
        let categoryKeys = Set(categories.map(Self.key)), segmentKeys = Set(segments.map(Self.key))
        return filtered(layer, kind: .needs, placement: \.placement, line: \.line, id: \.id) { item in
            if !categoryKeys.isEmpty, !categoryKeys.contains(Self.key(item.category)) { return .leaveOut }
            if !segmentKeys.isEmpty, !segmentKeys.contains(Self.key(item.segment)) { return .leaveOut }
            if let minimumSeverity, (item.severity ?? Int.min) < minimumSeverity { return .leaveOut }
            return windowDecision(item.date)
        }
    }

    /// The incidents the window and the incident selection keep, each with
    /// its weight under the selection's weighting, counted per event type.
    public func apply(to layer: LoadedLayer<Incident>) -> LoadedLayer<Incident> {
        let format = layer.account.sourceFormat.flatMap(SourceFormat.init(rawValue:))
        let types = incidents.typeRule()
        var counts = layer.account.eventTypes ?? [:]
        // Rows of imprecise location (ACLED geo_precision 3) left out leave that count too.
        let rule = format?.impreciseLocationRule
        var impreciseRemoved = 0
        var typeVerdicts: [String: Bool] = [:]
        func removed(_ item: Incident) {
            counts[item.type, default: EventTypeCount()].filtered += 1
            if let rule, case .region = item.placement, let code = Int(item.geoPrecision), code >= rule.threshold { impreciseRemoved += 1 }
        }
        var result = filtered(layer, kind: .incidents, placement: \.placement, line: \.line, id: \.id) { item in
            let decision = windowDecision(item.date)
            switch decision {
            case .reject:
                removed(item)
                counts[item.type, default: EventTypeCount()].filtered -= 1
                return decision
            case .leaveOut:
                removed(item)
                return decision
            case .keep, .undated:
                guard incidents.decide(item, types: types, typeVerdicts: &typeVerdicts) else {
                    removed(item)
                    return .leaveOut
                }
                if case .undated = decision, undated == .drop {
                    removed(item)
                } else {
                    counts[item.type, default: EventTypeCount()].kept += 1
                }
                return decision
            }
        }
        result.account.impreciseRegionReferenced -= impreciseRemoved
        if incidents.weighting != .events {
            for i in result.items.indices { result.items[i].weight = incidents.weighting.weight(of: result.items[i]) }
        }
        result.account.eventTypes = counts
        result.account.incidentSelection = incidents.summary
        result.account.incidentSelectionInFrench = incidents.summary(.french)
        return result
    }

    enum Decision {
        case keep, undated, leaveOut
        case reject(field: String, reason: String)
    }

    static func unreadable(_ field: String, _ text: String) -> Decision {
        .reject(field: field, reason: "\(field) '\(text)' is not a date gapmap reads (YYYY-MM-DD, YYYY-MM, YYYY, DD/MM/YYYY "
                + "or '5 March 2024'), so the --from/--to window cannot be applied; correct it or clear it")
    }

    func windowDecision(_ date: String) -> Decision {
        guard hasWindow else { return .keep }
        if date.isEmpty { return .undated }
        guard let span = DaySpan.parse(date) else { return Self.unreadable("date", date) }
        if let from, span.last < from { return .leaveOut }
        if let to, span.first > to { return .leaveOut }
        return .keep
    }

    /// Text compared with case, accents, `_`, `-` and inner spaces folded.
    static func key(_ text: String) -> String {
        // ASCII text (event types, statuses, on every row): "_" and "-" made
        // spaces byte by byte, which is what Foundation's replacement does
        // there, without its cost (it took half the run on 2.5M incidents).
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            return RegionCatalog.fold(String(decoding: text.utf8.map { $0 == 0x5F || $0 == 0x2D ? 0x20 : $0 }, as: UTF8.self))
        }
        return RegionCatalog.fold(text.replacingOccurrences(of: "_", with: " ").replacingOccurrences(of: "-", with: " "))
    }

    /// Removes the rows `decide` leaves out, moving them from `used` to
    /// `filtered` (or to `rejected`, with a row issue, for unreadable dates).
    private func filtered<Item>(_ layer: LoadedLayer<Item>, kind: LayerKind, placement: (Item) -> Placement, line: (Item) -> Int,
                                id: (Item) -> String, decide: (Item) -> Decision) -> LoadedLayer<Item> {
        var result = layer
        result.items = []
        result.items.reserveCapacity(layer.items.count)
        var undatedCount = 0
        func remove(_ item: Item) {
            result.account.used -= 1
            switch placement(item) {
            case .point: result.account.points -= 1
            case .area: result.account.polygons -= 1
            case .region: result.account.regionReferenced -= 1
            case .unit:
                result.account.regionReferenced -= 1
                result.account.coarserUnits -= 1
            }
        }
        for item in layer.items {
            switch decide(item) {
            case .keep:
                result.items.append(item)
            case .undated:
                undatedCount += 1
                if undated == .keep {
                    result.items.append(item)
                } else {
                    remove(item)
                    result.account.filtered += 1
                }
            case .leaveOut:
                remove(item)
                result.account.filtered += 1
            case .reject(let field, let reason):
                remove(item)
                result.account.rejected += 1
                result.issues.append(RowIssue(layer: kind, file: layer.account.file, line: line(item), id: id(item),
                                              field: field, disposition: .rejected, reason: reason))
            }
        }
        if hasWindow { result.account.undated = (result.account.undated ?? 0) + undatedCount }
        return result
    }
}
