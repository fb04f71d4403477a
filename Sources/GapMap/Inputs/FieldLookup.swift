import Foundation
import GeoFormats

/// Finds a layer's fields by their usual names, in the order of preference
/// given, without regard to case, accents or the separator between words
/// (`Date début` = `date_debut` = `DATE-DEBUT`; `région` = `region`), so that
/// French headers are read as the English ones are.
///
/// KoboToolbox exports name a question inside a group by its path
/// (`group_a/weight`): when no column has the name itself, a column whose
/// last path segment has it is found. In an HXL-tagged file, a name with a
/// known hashtag (`severity` → `#severity`, `date` → `#date`) also finds the
/// column carrying that hashtag.
struct FieldLookup {
    private let byLowercase: [String: String]
    private let byLastSegment: [String: String]
    private let tagged: [(tag: HXLTag, column: String)]
    /// Numbers may be written with a decimal comma (a `;`-separated CSV).
    let decimalComma: Bool

    init(columns: [String], hxlTags: [HXLTag?]? = nil, decimalComma: Bool = false) {
        self.decimalComma = decimalComma
        var map: [String: String] = [:]
        var segments: [String: String] = [:]
        for c in columns {
            let lowered = Self.key(c)
            if map[lowered] == nil { map[lowered] = c }
            if let slash = lowered.lastIndex(of: "/") {
                let last = String(lowered[lowered.index(after: slash)...])
                if !last.isEmpty, segments[last] == nil { segments[last] = c }
            }
        }
        byLowercase = map
        byLastSegment = segments
        var tagged: [(HXLTag, String)] = []
        if let hxlTags {
            for (i, tag) in hxlTags.enumerated() where i < columns.count {
                if let tag { tagged.append((tag, columns[i])) }
            }
        }
        self.tagged = tagged
    }

    /// A column name as compared: folded (`RegionCatalog.fold`: case,
    /// accents, spaces), with spaces and hyphens as underscores.
    static func key(_ name: String) -> String {
        var s = name
        if s.hasPrefix("\u{FEFF}") { s.removeFirst() }
        return RegionCatalog.fold(s).replacingOccurrences(of: " ", with: "_").replacingOccurrences(of: "-", with: "_")
    }

    init(source: FeatureSource) {
        self.init(columns: source.columns, hxlTags: source.hxlTags, decimalComma: source.allowsDecimalComma)
    }

    var hasHXL: Bool { !tagged.isEmpty }

    /// The actual name of the first candidate present, if any: by name, then
    /// by a group path's last segment, then by the candidates' HXL hashtags.
    func find(_ candidates: [String]) -> String? {
        for c in candidates { if let actual = byLowercase[Self.key(c)] { return actual } }
        for c in candidates { if let actual = byLastSegment[Self.key(c)] { return actual } }
        for c in candidates {
            for pattern in HXLVocabulary.tags(for: c.lowercased()) {
                if let column = self.tagged(pattern) { return column }
            }
        }
        return nil
    }

    func has(_ name: String) -> Bool { find([name]) != nil }

    /// The first column whose hashtag is `pattern`'s tag with all its attributes.
    func tagged(_ pattern: HXLTag) -> String? {
        tagged.first { $0.tag.tag == pattern.tag && pattern.attributes.isSubset(of: $0.tag.attributes) }?.column
    }

    /// The hashtag of a column, if it has one.
    func tag(of column: String) -> HXLTag? {
        tagged.first { $0.column == column }?.tag
    }
}

/// The HXL hashtags that stand for gapmap's field names (hxlstandard.org's
/// core schema).
enum HXLVocabulary {
    static func tags(for name: String) -> [HXLTag] {
        switch name {
        case "id", "need_id", "initiative_id", "event_id", "event_id_cnty":
            [HXLTag(tag: "meta", attributes: ["id"]), HXLTag(tag: "event", attributes: ["id"]),
             HXLTag(tag: "activity", attributes: ["id"]), HXLTag(tag: "x_id")]
        case "name", "nom", "title": [HXLTag(tag: "activity", attributes: ["name"]), HXLTag(tag: "loc", attributes: ["name"])]
        case "date", "event_date", "start_date", "date_start": [HXLTag(tag: "date", attributes: ["start"]), HXLTag(tag: "date")]
        case "end_date", "date_end": [HXLTag(tag: "date", attributes: ["end"])]
        case "severity": [HXLTag(tag: "severity")]
        case "category", "need", "kind": [HXLTag(tag: "sector"), HXLTag(tag: "need"), HXLTag(tag: "event", attributes: ["type"])]
        case "event_type", "type": [HXLTag(tag: "event", attributes: ["type"])]
        case "status": [HXLTag(tag: "status")]
        case "actor": [HXLTag(tag: "org", attributes: ["type"])]
        case "segment", "population_segment": [HXLTag(tag: "population", attributes: ["type"])]
        case "population", "pop": [HXLTag(tag: "population")]
        case "fatalities", "deaths": [HXLTag(tag: "affected", attributes: ["killed"])]
        case "weight": [HXLTag(tag: "x_weight")]
        case "radius_km": [HXLTag(tag: "x_radius_km")]
        default: []
        }
    }
}

extension Properties {
    /// The property as trimmed text ("" when absent or null).
    func text(_ field: String?) -> String {
        guard let field, let value = self[field] else { return "" }
        return Self.trimmedCell(value.stringValue ?? "")
    }

    /// A cell's text without leading and trailing white space.
    static func trimmedCell(_ text: String) -> String {
        if text.isEmpty { return text }
        // Most cells start and end with a printable ASCII character: nothing to trim.
        if let first = text.utf8.first, let last = text.utf8.last, isPrintableASCII(first), isPrintableASCII(last) {
            return text
        }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A byte of an ASCII character that is neither a space nor a control.
    private static func isPrintableASCII(_ b: UInt8) -> Bool { b > 0x20 && b < 0x7F }
}

/// Parsing of the numeric fields of a row, in the forms spreadsheets write.
enum FieldParsing {
    /// "12.5", " 3 ", and "12,5" where the file allows decimal commas (a
    /// `;`-separated CSV) → a finite Double; nil otherwise. Only plain decimal
    /// notation: not "0x10", "nan", "inf", nor "1,234" as a thousand.
    static func number(_ text: String, decimalComma: Bool = true) -> Double? {
        DecimalText.value(text, decimalComma: decimalComma)
    }

    /// Why a number with a comma was not read, for the rejection's reason.
    static func hint(_ text: String, decimalComma: Bool) -> String {
        guard !decimalComma, text.contains(",") else { return "" }
        return " (a decimal comma is read only in ';'-separated files; write it with a point, without thousands separators)"
    }

    /// A cell's text as a message quotes it: a number of more than 24
    /// characters (`1e308` written out) in its short form.
    static func quoted(_ text: String) -> String {
        guard text.utf8.count > 24, let d = number(text, decimalComma: false) else { return text }
        return NumberFormatting.shortText(d)
    }

    /// An integer written as "3" or "3.0".
    static func integer(_ text: String, decimalComma: Bool = true) -> Int? {
        guard let v = number(text, decimalComma: decimalComma), v == v.rounded(), abs(v) < 1e15 else { return nil }
        return Int(v)
    }
}
