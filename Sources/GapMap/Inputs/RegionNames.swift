import Foundation

/// Region names as OCHA's COD-AB writes them, and as spreadsheets and ACLED
/// write the same places: "Mopti Commune" is "Mopti", "Commune urbaine de
/// Mopti" and "MOPTI"; "Segou Commune" is "Ségou"; "Cercle de Djenné" is
/// "Djenne". The one place where names are compared loosely: `RegionCatalog`
/// (analyze, validate, workspace import, compare) matches through it.
public enum RegionNames {
    /// The generic words of an administrative unit, folded, longest first:
    /// they are dropped from the start ("Commune rurale de Dioro") or the
    /// end ("Segou Commune") of a name.
    static let genericPrefixes = [
        "commune urbaine de ", "commune urbaine d'", "commune urbaine du ", "commune rurale de ", "commune rurale d'",
        "commune rurale du ", "commune de ", "commune d'", "commune du ", "commune ", "cercle de ", "cercle d'", "cercle du ",
        "cercle ", "region de ", "region d'", "region du ", "region ", "district de ", "district du ", "district ",
        "prefecture de ", "departement de ",
    ]
    static let genericSuffixes = [" commune urbaine", " commune rurale", " commune", " cercle", " region", " district", " prefecture"]

    /// A name folded (`RegionCatalog.fold`), with hyphens, underscores and
    /// typographic apostrophes as in the plain spelling, and without its
    /// generic words: "Commune urbaine de Mopti" → "mopti", "Segou Commune"
    /// → "segou", "Kidal" → "kidal". A name that is nothing but a generic
    /// word and a number ("Commune IV" of Bamako, "Commune 1") keeps it:
    /// "iv" alone would name nothing.
    public static func core(_ name: String) -> String {
        // ASCII (no "’"): AnalysisFilter.key makes "-" and "_" spaces and folds, without Foundation.
        var s = name.utf8.allSatisfy({ $0 < 0x80 }) ? AnalysisFilter.key(name)
            : RegionCatalog.fold(name.replacingOccurrences(of: "’", with: "'")
                .replacingOccurrences(of: "-", with: " ").replacingOccurrences(of: "_", with: " "))
        let whole = s
        for prefix in genericPrefixes where s.hasPrefix(prefix) {
            s.removeFirst(prefix.count)
            break
        }
        for suffix in genericSuffixes where s.hasSuffix(suffix) {
            s.removeLast(suffix.count)
            break
        }
        s = trimmedSpaces(s)
        return isNumbering(s) ? whole : s
    }

    /// `s` without leading and trailing white space (Unicode's, as
    /// Foundation's `.whitespaces`); ASCII (space and tab) without Foundation.
    static func trimmedSpaces(_ s: String) -> String {
        guard s.utf8.allSatisfy({ $0 < 0x80 }) else { return s.trimmingCharacters(in: .whitespaces) }
        let bytes = Array(s.utf8)
        var start = 0, end = bytes.count
        while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
        while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
        return start == 0 && end == bytes.count ? s : String(decoding: bytes[start..<end], as: UTF8.self)
    }

    /// "iv", "12", "": what is left of a numbered unit's name.
    static func isNumbering(_ s: String) -> Bool {
        s.isEmpty || s.allSatisfy(\.isNumber) || (s.count <= 4 && s.allSatisfy { "ivxl".contains($0) })
    }

    /// Whether a reference is written like a P-code: two or three letters
    /// then digits ("ML04", "ML050109").
    public static func looksLikePCode(_ s: String) -> Bool {
        let letters = s.prefix { $0.isASCII && $0.isLetter }
        let rest = s.dropFirst(letters.count)
        return (2...3).contains(letters.count) && !rest.isEmpty && rest.allSatisfy { $0.isASCII && $0.isNumber }
    }
}
