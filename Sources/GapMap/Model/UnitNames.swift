import Foundation

/// What the units of a run are called, in English and French: "communes",
/// "cercles", "régions" for Mali's COD-AB levels, never "regions" for
/// communes. Found from the layer's administrative level (its id field,
/// `admin3Pcode` → 3) and the country of its P-codes (their first two
/// letters), or given by the user (`--unit-name commune/communes`).
public struct UnitNames: Sendable, Equatable {
    public var singular: LocalizedText
    public var plural: LocalizedText

    public init(singular: LocalizedText, plural: LocalizedText) {
        self.singular = singular
        self.plural = plural
    }

    /// "12 communes", "1 commune".
    public func count(_ n: Int, _ language: ReportLanguage) -> String {
        "\(NumberText.grouped(Double(n), decimals: 0, language: language)) \(n == 1 ? singular(language) : plural(language))"
    }

    /// The generic name, when neither the level nor the country is known.
    public static let regions = UnitNames(singular: LocalizedText("region", fr: "région"), plural: LocalizedText("regions", fr: "régions"))

    /// The names of the official levels of the Sahel's countries (OCHA
    /// COD-AB), by ISO 3166 alpha-2 code (the prefix of their P-codes), from
    /// level 1 down: each as (English, French) singular; plurals add an s
    /// unless given after a slash.
    static let byCountry: [String: [(String, String)]] = [
        "ML": [("region", "région"), ("cercle", "cercle"), ("commune", "commune")],
        "BF": [("region", "région"), ("province", "province"), ("commune", "commune")],
        "NE": [("region", "région"), ("department", "département"), ("commune", "commune")],
        "SN": [("region", "région"), ("department", "département"), ("arrondissement", "arrondissement")],
        "TD": [("province", "province"), ("department", "département"), ("sub-prefecture", "sous-préfecture")],
        "MR": [("wilaya", "wilaya"), ("moughataa", "moughataa"), ("commune", "commune")],
    ]

    /// The names of units at `level` (1 = the first below the country) whose
    /// P-codes start with `pcode`'s country code; generic names when either is
    /// unknown ("admin-2 units", or "regions" without a level).
    public static func of(level: Int?, pcode: String?) -> UnitNames {
        guard let level else { return .regions }
        let country = pcode.map { String($0.prefix(2)).uppercased() } ?? ""
        if let names = byCountry[country], level >= 1, level <= names.count {
            let (en, fr) = names[level - 1]
            return UnitNames(singular: LocalizedText(en, fr: fr), plural: LocalizedText(en + "s", fr: fr + "s"))
        }
        if level == 1 { return .regions }
        return UnitNames(singular: LocalizedText("admin-\(level) unit", fr: "unité admin \(level)"),
                         plural: LocalizedText("admin-\(level) units", fr: "unités admin \(level)"))
    }

    /// The French of a unit's English name as `of(level:pcode:)` writes it
    /// ("regions" → "régions", "sub-prefecture" → "sous-préfecture",
    /// "admin-4 units" → "unités admin 4", "unit" → "unité"), for the
    /// sentences that quote it; nil for any other text.
    public static func french(ofEnglish name: String) -> String? {
        if name == "unit" { return "unité" }
        if name == "units" { return "unités" }
        for (en, fr) in byCountry.values.flatMap({ $0 }) + [("region", "région")] {
            if name == en { return fr }
            if name == en + "s" { return fr + "s" }
        }
        if let m = name.wholeMatch(of: /admin-(\d+) unit(s?)/) {
            return "unité\(m.2) admin \(m.1)"
        }
        return nil
    }

    /// `--unit-name`: "commune" (plural: + s), "commune/communes", or
    /// "district/districts/district/districts" for English then French.
    /// Nil when the text is empty or has more than four parts.
    public static func parse(_ text: String) -> UnitNames? {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard !parts.contains(where: \.isEmpty), [1, 2, 4].contains(parts.count) else { return nil }
        let en = (parts[0], parts.count > 1 ? parts[1] : parts[0] + "s")
        let fr = parts.count == 4 ? (parts[2], parts[3]) : en
        return UnitNames(singular: LocalizedText(en.0, fr: fr.0), plural: LocalizedText(en.1, fr: fr.1))
    }
}
