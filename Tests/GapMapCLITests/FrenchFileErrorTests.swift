import Foundation
import GeoCore
import GeoFormats
import Testing
@testable import GapMap
@testable import GapMapCLI

/// A file that cannot be read or written (`FormatError`, made in
/// GeoFormats) and a failure of GEOS or PROJ (`GeoCoreError`) are said in
/// French with `--lang fr`, keeping the file, line, column and values.
///
/// As for `GapMapError`, the sentences are found where they are made: each
/// `FormatError(` call's `message:` in Sources/, its literals joined where
/// they are added with `+`, each value (an interpolation or a part that is
/// no literal) replaced by `12`. A new sentence without its French fails.
struct FrenchFileErrorTests {
    typealias Scan = FrenchErrorTests

    /// The message of a `FormatError(` call: its parts joined, nil when it
    /// is no literal or chooses between wordings (listed in `composed`).
    static func message(_ expression: String) -> [String]? {
        guard !Scan.literals(expression).isEmpty, !expression.contains(" ? "), !expression.contains(" ?? ") else { return nil }
        return [joined(expression)]
    }

    /// The parts of `expression` added with a top-level `+`, a literal as
    /// its text, any other part as the value 12.
    static func joined(_ expression: String) -> String {
        let text = Array(expression)
        var parts: [String] = []
        var current = ""
        var depth = 0
        var i = 0
        while i < text.count {
            let c = text[i]
            if c == "\"" {
                let end = Scan.skipLiteral(text, from: i)
                current += String(text[i..<end])
                i = end
                continue
            }
            if "([{".contains(c) { depth += 1 }
            if ")]}".contains(c) { depth -= 1 }
            if c == "+", depth == 0 { parts.append(current); current = ""; i += 1; continue }
            current.append(c)
            i += 1
        }
        parts.append(current)
        return parts.map { part in
            let trimmed = part.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed == "\"\"" { return "" }
            let literals = Scan.literals(trimmed)
            if trimmed.hasPrefix("\""), trimmed.hasSuffix("\""), literals.count == 1 { return literals[0] }
            return "12"
        }.joined()
    }

    /// The messages that choose between wordings (or take it from their
    /// caller), by their first literal: each wording they can make, written out.
    static let composed: [String: [String]] = [
        "12: 12": ["cannot create 12: 12", "cannot write layer 12: 12", "cannot write table 12: 12", "cannot write the style of 12: 12",
                   "cannot close 12: 12"],
        "the archive has no shapefile '12'; ": ["the archive has no shapefile '12'; name the one to read as 12:12 (it has: 12, 12)",
                                                "the archive holds 12 shapefiles; name the one to read as 12:12 (it has: 12, 12)"],
        "the file has no layer '12'; its layers are ": ["the file has no layer '12'; its layers are none",
                                                        "the file has no layer '12'; its layers are 12, 12"],
        "the file has no layer": ["the file has no layer", "the file has 12 layers (12, 12); name the one to read as 12:12"],
        "the GeoPackage has no feature layer": ["the GeoPackage has no feature layer",
                                                "the GeoPackage has no feature layer (its tables are 12, 12; name one as 12:LAYER)"],
        "GDAL cannot open it as a 12 dataset": ["GDAL cannot open it as a raster dataset", "GDAL cannot open it as a vector dataset (12)",
                                                "GDAL cannot open it as a raster dataset (12)", "GDAL cannot open it as a vector dataset"],
    ]

    /// The messages made of no literal: another error's sentence passed on.
    static let notLiteral: Set<String> = ["message", "error.description", "error.message"]

    /// Words a French sentence names as the user types them or as a program calls them.
    static let typed: Set<String> = FrenchErrorTests.typed.union(["addattributetable", "beginfeaturelayer", "gpkg_contents", "gpkg_spatial_ref_sys",
                                                                  "featurecollection", "feature", "features", "type", "srs_id", "layer",
                                                                  "csv", "utf-8", "utf-32", "id", "lon", "lat", "wkb", "zip", "xlsx",
                                                                  "properties", "geometry", "point", "multipoint", "linestring",
                                                                  "multilinestring", "polygon", "multipolygon", "geometrycollection",
                                                                  // and French words too
                                                                  "nul", "ascii", "archive", "style", "shapefile", "shapefiles", "tables",
                                                                  "gdb", "dbf", "prj", "shp", "shx", "json", "geojson", "nan", "infinity", "null", "true", "false", "codes", "uxxxx"])

    @Test func everyFileErrorSentenceInTheSourcesHasItsFrench() throws {
        let (scanned, others) = try Scan.samples(of: "FormatError(", labels: ["message"], texts: Self.message)
        let found = scanned.filter { Self.composed[$0.text] == nil }
        // About 70 call sites with a literal message.
        #expect(found.count > 60, "only \(found.count) samples found: is the scan of Sources/ broken?")
        let composedFound = Set(others.compactMap { Scan.literals($0).first } + scanned.map(\.text).filter { Self.composed[$0] != nil })
        #expect(composedFound == Set(Self.composed.keys), "messages that choose a wording changed: \(composedFound.symmetricDifference(Self.composed.keys))")
        #expect(others.filter { Scan.literals($0).isEmpty } == Self.notLiteral)
        let texts = found.map(\.description) + Self.composed.values.flatMap { $0 }.map { "composed: \($0)" }
        let messages = found.map(\.text) + Self.composed.values.flatMap { $0 }
        let errors = messages.map { FormatError(path: "data/needs.csv", line: 12, column: 3, message: $0) }
        let scan = EnglishWordScan(english: errors.map(\.description), data: ["data/needs.csv"])
        for (site, error) in zip(texts, errors) {
            let french = error.sentence(.french)
            #expect(ErrorMessages.code(error.message) != RejectionReasons.otherCode, "no French for \(site)")
            #expect(french.hasPrefix("data/needs.csv:12:3 : "), "\(french)")
            let twelves = { (s: String) in s.components(separatedBy: "12").count }
            #expect(twelves(french) == twelves(error.description), "a value lost in \(site) → \(french)")
            let left = scan.englishWords(in: french).filter { !Self.typed.contains(String($0.prefix { $0 != ":" })) }
            #expect(left.isEmpty, "English left in \(site) → \(french): \(left)")
        }
    }

    /// The JSON scanner's sentences, made by its `error("...")` (a
    /// FormatError at the scanner's line and column): each literal first
    /// argument of an `error(` call in Sources/GeoFormats.
    static func scannerSamples() throws -> [Scan.Sample] {
        let folder = Scan.root.appendingPathComponent("Sources/GeoFormats")
        let files = FileManager.default.enumerator(atPath: folder.path)!.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") }.sorted()
        var samples: [Scan.Sample] = []
        let marker = Array("error(")
        for file in files {
            let text = Array(try String(contentsOfFile: folder.appendingPathComponent(file).path, encoding: .utf8))
            var i = 0
            while i + marker.count <= text.count {
                guard Array(text[i..<(i + marker.count)]) == marker, i > 0, text[i - 1] == " " || text[i - 1] == "." else { i += 1; continue }
                var j = i + marker.count
                while j < text.count, text[j].isWhitespace { j += 1 }
                guard j < text.count, text[j] == "\"" else { i += 1; continue }
                let end = Scan.skipLiteral(text, from: j)
                let line = text[..<i].filter { $0 == "\n" }.count + 1
                samples += Scan.literals(String(text[j..<end])).map { Scan.Sample(site: "GeoFormats/\(file):\(line)", label: "error", text: $0) }
                i = end
            }
        }
        return samples
    }

    @Test func everyJSONSyntaxSentenceHasItsFrench() throws {
        let samples = try Self.scannerSamples()
        // 25 calls, 23 sentences (two are said twice).
        #expect(samples.count >= 23, "only \(samples.count) found: is the scan broken?")
        let errors = samples.map { FormatError(path: "r.geojson", line: 12, column: 3, message: $0.text) }
        let scan = EnglishWordScan(english: errors.map(\.description), data: ["r.geojson"])
        for (sample, error) in zip(samples, errors) {
            let french = error.sentence(.french)
            #expect(ErrorMessages.code(error.message) != RejectionReasons.otherCode, "no French for \(sample)")
            #expect(french.hasPrefix("r.geojson:12:3 : "), "\(french)")
            let twelves = { (s: String) in s.components(separatedBy: "12").count }
            #expect(twelves(french) == twelves(error.description), "a value lost in \(sample) → \(french)")
            let left = scan.englishWords(in: french).filter { !Self.typed.contains(String($0.prefix { $0 != ":" })) }
            #expect(left.isEmpty, "English left in \(sample) → \(french): \(left)")
        }
        // The values they quote: where the file stopped, what was found.
        let truncated = FormatError(path: "r.geojson", line: 40, column: 9, message: "the file ends in the middle of a string (a closing '\"' is missing); it looks truncated (an interrupted download or copy?)")
        #expect(truncated.sentence(.french) == "r.geojson:40:9 : le fichier s'arrête dans une chaîne (un '\"' fermant manque) ; il semble tronqué (un téléchargement ou une copie interrompus ?)")
        let control = FormatError(path: "r.geojson", line: 2, column: 5, message: "a tab inside a string; JSON strings must escape control characters (\\n, \\t, \\u00XX) — or a closing '\"' is missing")
        #expect(control.sentence(.french).hasPrefix("r.geojson:2:5 : une tabulation dans une chaîne ; "), "\(control.sentence(.french))")
    }

    /// GeoCore's own explanations beside a GEOS or PROJ failure (the
    /// libraries' messages, passed on as values, stay as they are).
    @Test func everyGeometryErrorSentenceHasItsFrench() throws {
        let (samples, others) = try Scan.samples(of: "GeoCoreError(", labels: ["message"]) { expression in
            let literals = Scan.literals(expression)
            return literals.isEmpty ? nil : literals
        }
        // A message that is only another error passed on ("\(error)") is a value.
        let sentences = samples.filter { $0.text != "12" }
        #expect(samples.count - sentences.count == 2 && others == ["message"], "\(samples) \(others)")
        #expect(sentences.count == 4, "\(sentences)")
        for sample in sentences {
            let error = GeoCoreError(library: .proj, function: "proj_trans", message: sample.text)
            let french = error.sentence(.french)
            #expect(ErrorMessages.code(sample.text) != RejectionReasons.otherCode, "no French for \(sample)")
            #expect(french.hasPrefix("PROJ proj_trans a échoué : "), "\(french)")
            let twelves = { (s: String) in s.components(separatedBy: "12").count }
            #expect(twelves(french) == twelves(error.description), "a value lost in \(sample) → \(french)")
            #expect(!french.contains(" from ") && !french.contains("could not"), "English left in \(sample) → \(french)")
        }
    }

    /// Values the files' errors quote are put in French too, and a real
    /// broken file is told in French.
    @Test func theQuotedValuesAreInFrench() throws {
        let cases: [(FormatError, String)] = [
            (FormatError(path: "n.csv", line: 1, message: "column 3 has no name in the header; give every column a name, or delete empty columns (often a stray delimiter at the end of the header)"),
             "n.csv:1 : la colonne 3 n'a pas de nom dans l'en-tête ; donnez un nom à chaque colonne"),
            (FormatError(path: "n.csv", line: 1, field: "x", message: "there is no column \"x\" for the longitude (x); the header has: id, lat"),
             "n.csv:1 : il n'y a pas de colonne « x » pour la longitude (x) ; l'en-tête contient : id, lat"),
            (FormatError(path: "r.zip", field: "r.prj", message: "the shapefile r.shp has no r.prj in the archive (its coordinate reference system, without which its coordinates cannot be placed on the Earth); a shapefile is several files (.shp, .shx, .dbf, .prj): copy all of them, or zip them together and give the .zip"),
             "r.zip : le shapefile r.shp n'a pas de r.prj dans l'archive (son système de coordonnées de référence, sans lequel"),
            (FormatError(path: "n.csv", line: 1, column: 1, message: "this is an old Excel .xls workbook, not CSV text; open it in the spreadsheet and save it as \"CSV UTF-8\""),
             "n.csv:1:1 : c'est un ancien classeur Excel .xls, pas du texte CSV"),
        ]
        for (error, expected) in cases {
            #expect(error.sentence(.french).hasPrefix(expected), "\(error.sentence(.french))\n  lacks: \(expected)")
            #expect(error.sentence(.english) == error.description)
        }
        let proj = GeoCoreError(library: .proj, function: "proj_create_crs_to_crs", message: "crs not found (from EPSG:99999 to EPSG:4326)")
        #expect(proj.sentence(.french) == "PROJ proj_create_crs_to_crs a échoué : crs not found (de EPSG:99999 vers EPSG:4326)")
        #expect(GeoCoreError(library: .geos, function: "GEOS_init_r", message: "could not create a GEOS context").sentence(.french)
                == "GEOS GEOS_init_r a échoué : impossible de créer un contexte GEOS")
        #expect(ErrorMessages.sentence(of: proj, .english) == proj.description)
    }

    /// The terminal says a broken CSV in French, with its file and line.
    @Test(.enabled(if: WorkspaceCommandTests.executable != nil, "no gapmap executable beside the tests or in .build*/debug"))
    func theTerminalSaysABrokenFileInFrench() throws {
        let folder = AnalyzeCommandTests.temporaryFolder()
        let path = (folder as NSString).appendingPathComponent("needs.csv")
        try "id,lon,lat,\n1,-4,14,\n".write(toFile: path, atomically: true, encoding: .utf8)
        let (status, _, text) = try WorkspaceCommandTests.runExecutable(["validate", path, "--lang", "fr"])
        #expect(status == 1)
        #expect(text.hasPrefix("gapmap : erreur : \(path):1 : la colonne 4 n'a pas de nom dans l'en-tête ; "), "\(text)")
    }
}
