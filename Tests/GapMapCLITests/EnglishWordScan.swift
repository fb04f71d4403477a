import Foundation
import GapMap

/// Finds English words of gapmap's text catalogue in a French text.
///
/// The English vocabulary is every word of the catalogue's English side that
/// the same run shows: the English rendering of the very command or page
/// (same data, same options, `--lang en`), plus every English entry the
/// catalogue can list (metrics' labels, short labels, definitions and
/// units, the glossary, the unit names). Taken out of it: the words of the
/// input data (unit names, categories, ACLED's event types: they are the
/// user's, not the catalogue's) and `shared`, the short explicit list of
/// words that are French as well (initiatives, incidents...), proper nouns
/// and units. Words of fewer than three letters are not checked (English
/// "a", "on", "in" are French too, or too short to tell), nor identifiers
/// with an underscore or a digit (field names such as `coverage_pct`,
/// P-codes, which are column identifiers in every language).
struct EnglishWordScan {
    /// Words that are English and French alike, proper nouns, formats and
    /// units: never counted as English left in a French text.
    static let shared: Set<String> = [
        // the same word in both languages
        "initiatives", "initiative", "incidents", "incident", "population", "programmes", "programme", "communes", "commune",
        "cercles", "cercle", "points", "point", "total", "type", "types", "code", "centre", "zone", "zones", "date", "dates",
        "rang", "note", "plan", "parent", "parents", "minimum", "maximum", "statut", "segments", "segment", "gain", "candidats",
        "sites", "site", "km", "lat", "lon", "non", "actions", "action", "source", "sources", "format", "formats", "simple", "moyenne",
        "global", "distance", "distances", "version", "export", "optimum", "gains", "priori", "figure", "orange", "projection",
        "interactive", "import", "verdict", "large", "lambert", "utc", "change", "accents",
        // proper nouns, formats, software, standards
        "acled", "ucdp", "ged", "geojson", "geopackage", "gpkg", "csv", "json", "wgs", "rfc", "proj", "geos", "gdal", "gapmap",
        "leaflet", "openstreetmap", "qgis", "hxl", "kobotoolbox", "ocha", "jenks", "gini", "svg", "png", "pdf", "html", "utf",
        "chromium", "makevalid", "polygon", "multipolygon", "conflict", "exposure", "sha",
        // ACLED's event types: the values the user types and the data holds
        "protests", "riots", "strategic", "developments", "battles", "explosions", "remote", "violence", "against", "civilians",
    ]

    /// The words of `text`, lowercased: letters (accents included) and
    /// inner hyphens or apostrophes; identifiers with '_' or a digit dropped.
    static func words(_ text: String) -> [String] {
        // Options (--include-planned), file names (rejected.csv) and commands
        // (gapmap runs) are what the user types, the same in every language.
        // So are paths, colours (#ffffcc) and keys of key=value options (default=2 km).
        let text = text.replacingOccurrences(
            of: #"--[A-Za-z0-9-]+( [a-z_]+)?|[A-Za-z0-9_.-]+\.(csv|geojson|gpkg|html|pdf|svg|png|txt)\b|gapmap [a-z]+|\S*/\S*|#[0-9a-fA-F]{6}|[A-Za-z_]+="#,
            with: " ", options: .regularExpression)
        var result: [String] = []
        var current = ""
        var identifier = false
        func flush() {
            let word = current.trimmingCharacters(in: CharacterSet(charactersIn: "-'’"))
            if !identifier, word.count >= 3 { result.append(word.lowercased()) }
            current = ""
            identifier = false
        }
        for ch in text {
            if ch.isLetter || ch == "-" || ch == "'" || ch == "’" {
                current.append(ch)
            } else if ch == "_" || ch.isNumber {
                identifier = true
                current.append(ch)
            } else {
                flush()
            }
        }
        flush()
        // "l'unité" → "unité", "d'entre" → "entre": French elisions.
        return result.map { word in
            for prefix in ["l'", "d'", "qu'", "n'", "s'", "c'", "j'", "l’", "d’", "qu’", "n’", "s’"] where word.hasPrefix(prefix) {
                return String(word.dropFirst(prefix.count))
            }
            return word
        }
    }

    /// Every English entry the catalogue can list.
    static var catalogueEnglish: [String] {
        var texts: [String] = []
        for metric in MetricCatalogue.all {
            texts += [metric.label.english, metric.shortLabel.english, metric.definition.english] + (metric.unit.map { [$0.english] } ?? [])
        }
        texts += Glossary.terms.map(\.text.english)
        return texts
    }

    /// Every word of the catalogue's French side: a word the catalogue itself
    /// writes in French is French (programme, incident...), whatever English has.
    static var catalogueFrench: Set<String> {
        var texts: [String] = []
        for metric in MetricCatalogue.all {
            texts += [metric.label.french, metric.shortLabel.french, metric.definition.french] + (metric.unit.map { [$0.french] } ?? [])
        }
        texts += Glossary.terms.map(\.text.french)
        return Set(texts.flatMap(words))
    }

    let vocabulary: Set<String>

    /// The vocabulary from the English rendering(s), less the data's words.
    init(english: [String], data: [String]) {
        let dataWords = Set(data.flatMap(Self.words))
        var vocabulary = Set((english + Self.catalogueEnglish).flatMap(Self.words))
        vocabulary.subtract(dataWords)
        vocabulary.subtract(Self.shared)
        vocabulary.subtract(Self.catalogueFrench)
        self.vocabulary = vocabulary
    }

    /// The English words found in `french`, each with a little context.
    func englishWords(in french: String) -> [String] {
        let found = Set(Self.words(french)).intersection(vocabulary)
        return found.sorted().map { word in
            guard let range = french.range(of: word, options: [.caseInsensitive]) else { return word }
            let from = french.index(range.lowerBound, offsetBy: -40, limitedBy: french.startIndex) ?? french.startIndex
            let to = french.index(range.upperBound, offsetBy: 40, limitedBy: french.endIndex) ?? french.endIndex
            return "\(word): …\(french[from..<to].replacingOccurrences(of: "\n", with: " "))…"
        }
    }

    // MARK: The text a reader sees

    /// The visible text of a report page (identifiers in `<code>` left out): the text between tags, the
    /// `title`, `placeholder` and `aria-label` attributes, and the words of
    /// the page's script (`gapmap-text`); not the script code, the styles,
    /// the embedded data (the user's names and figures) nor the Leaflet
    /// licence (a legal text, English as its authors wrote it).
    static func visibleText(ofPage html: String) -> String {
        var page = html
        var parts: [String] = []
        if let words = block(page, from: "<script type=\"application/json\" id=\"gapmap-text\">", to: "</script>"),
           let object = try? JSONSerialization.jsonObject(with: Data(words.utf8)) {
            strings(object, into: &parts)
        }
        page = removing(page, from: "<script", to: "</script>")
        page = removing(page, from: "<style", to: "</style>")
        page = removing(page, from: "<!--", to: "-->")
        page = removing(page, from: "<pre class=\"note\">", to: "</pre>")
        page = removing(page, from: "<code>", to: "</code>")
        for attribute in ["title", "placeholder", "aria-label", "alt"] {
            var rest = page[...]
            while let r = rest.range(of: " \(attribute)=\"") {
                guard let end = rest[r.upperBound...].firstIndex(of: "\"") else { break }
                parts.append(String(rest[r.upperBound..<end]))
                rest = rest[end...]
            }
        }
        var text = ""
        var inTag = false
        for ch in page {
            if ch == "<" { inTag = true; text.append(" "); continue }
            if ch == ">" { inTag = false; continue }
            if !inTag { text.append(ch) }
        }
        parts.append(text)
        return parts.joined(separator: "\n")
            .replacingOccurrences(of: "&amp;", with: "&").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&apos;", with: "'").replacingOccurrences(of: "&quot;", with: "\"")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
    }

    static func block(_ text: String, from start: String, to end: String) -> String? {
        guard let a = text.range(of: start), let b = text.range(of: end, range: a.upperBound..<text.endIndex) else { return nil }
        return String(text[a.upperBound..<b.lowerBound])
    }

    static func removing(_ text: String, from start: String, to end: String) -> String {
        var out = ""
        var rest = text[...]
        while let a = rest.range(of: start) {
            out += rest[..<a.lowerBound]
            guard let b = rest.range(of: end, range: a.upperBound..<rest.endIndex) else { return out }
            rest = rest[b.upperBound...]
        }
        return out + rest
    }

    static func strings(_ value: Any, into parts: inout [String]) {
        if let s = value as? String { parts.append(s) }
        if let a = value as? [Any] { for v in a { strings(v, into: &parts) } }
        if let d = value as? [String: Any] { for v in d.values { strings(v, into: &parts) } }
    }

    /// The values of an input file (not its column names or property keys,
    /// which are the catalogue's words too: a header "needs" must not hide
    /// an English "needs" left in a French text).
    static func dataValues(ofFile path: String, headers: Bool = false) throws -> [String] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        if path.hasSuffix(".csv") { return [text.split(separator: "\n").dropFirst(headers ? 0 : 1).joined(separator: "\n")] }
        guard let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
              let features = object["features"] as? [[String: Any]] else { return [] }
        var parts: [String] = []
        for f in features { strings((f["properties"] as? [String: Any]).map { Array($0.values) } ?? [], into: &parts) }
        return parts
    }
}
