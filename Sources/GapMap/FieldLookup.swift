import GeoFormats

/// Finds a layer's fields by their usual names, case-insensitively, in the
/// order of preference given.
struct FieldLookup {
    private let byLowercase: [String: String]

    init(columns: [String]) {
        var map: [String: String] = [:]
        for c in columns where map[c.lowercased()] == nil { map[c.lowercased()] = c }
        byLowercase = map
    }

    /// The actual name of the first candidate present, if any.
    func find(_ candidates: [String]) -> String? {
        for c in candidates { if let actual = byLowercase[c.lowercased()] { return actual } }
        return nil
    }

    func has(_ name: String) -> Bool { byLowercase[name.lowercased()] != nil }
}

extension Properties {
    /// The property as trimmed text ("" when absent or null).
    func text(_ field: String?) -> String {
        guard let field, let value = self[field] else { return "" }
        return (value.stringValue ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

/// Parsing of the numeric fields of a row, in the forms spreadsheets write.
enum FieldParsing {
    /// "12.5", "12,5" (decimal comma), " 3 " → a finite Double; nil otherwise.
    static func number(_ text: String) -> Double? {
        var t = text.trimmingCharacters(in: .whitespaces)
        if t.isEmpty { return nil }
        if !t.contains("."), t.filter({ $0 == "," }).count == 1 { t = t.replacingOccurrences(of: ",", with: ".") }
        guard let v = Double(t), v.isFinite else { return nil }
        return v
    }

    /// An integer written as "3" or "3.0".
    static func integer(_ text: String) -> Int? {
        guard let v = number(text), v == v.rounded(), abs(v) < 1e15 else { return nil }
        return Int(v)
    }
}

import Foundation
