import Foundation
import GeoCore
import Testing
@testable import GapMap
@testable import GapMapCLI

/// Every `GapMapError` the code can throw says its sentence in French with
/// `--lang fr`, keeping the file, line, field and the values it quotes.
///
/// The errors are found where they are made: each `GapMapError(` call in
/// Sources/, its `message:` and `fix:` string literals with every
/// interpolated value replaced by a sample value. So a new error written
/// without its French makes this test fail, whatever it says.
struct FrenchErrorTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A message or fix as written at one call site, its values replaced by `12`.
    struct Sample: CustomStringConvertible {
        var site: String
        var label: String
        var text: String
        var description: String { "\(site) \(label): \(text)" }
    }

    /// The messages made of no literal: the sentence comes from elsewhere,
    /// and is checked there (below, or by the rejection reasons' tests).
    static let notLiteral: Set<String> = [
        "error.message",              // GDAL's own message about a raster
        "failure",                    // a test's injected failure
        "problem",                    // HotspotRequest.extentProblem: checked below
        "catalog.explain(resolution, reference: reference, regions: report.regions)",  // the rejection reasons' region_not_found, region_ambiguous
    ]

    static func samples() throws -> (samples: [Sample], notLiteral: Set<String>) {
        try samples(of: "GapMapError(", labels: ["message", "fix"]) { expression in
            let literals = Self.literals(expression)
            return literals.isEmpty ? nil : literals
        }
    }

    /// The calls `marker` in Sources/, the arguments labelled `labels`
    /// read by `texts` (nil when the argument is made of no literal).
    static func samples(of marker: String, labels: Set<String>,
                        texts: (String) -> [String]?) throws -> (samples: [Sample], notLiteral: Set<String>) {
        var samples: [Sample] = []
        var others = Set<String>()
        let sources = root.appendingPathComponent("Sources")
        let files = FileManager.default.enumerator(atPath: sources.path)!.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") }.sorted()
        for file in files {
            let text = Array(try String(contentsOfFile: sources.appendingPathComponent(file).path, encoding: .utf8))
            var i = 0
            let marker = Array(marker)
            while i + marker.count <= text.count {
                guard Array(text[i..<(i + marker.count)]) == marker, i == 0 || !(text[i - 1].isLetter || text[i - 1] == ".") else { i += 1; continue }
                let line = text[..<i].filter { $0 == "\n" }.count + 1
                let (arguments, end) = Self.arguments(text, from: i + marker.count)
                for (label, expression) in arguments where labels.contains(label) {
                    guard let texts = texts(expression) else { others.insert(expression); continue }
                    samples += texts.map { Sample(site: "\(file):\(line)", label: label, text: $0) }
                }
                i = end
            }
        }
        return (samples, others)
    }

    /// The labelled arguments of a call whose '(' is just before `start`,
    /// split at the commas outside brackets and strings; and where the call ends.
    static func arguments(_ text: [Character], from start: Int) -> ([(String, String)], Int) {
        var parts: [String] = []
        var current = ""
        var depth = 0
        var i = start
        while i < text.count {
            let c = text[i]
            if c == "\"" {
                let end = skipLiteral(text, from: i)
                current += String(text[i..<end])
                i = end
                continue
            }
            if "([{".contains(c) { depth += 1 }
            if ")]}".contains(c) {
                if depth == 0 { parts.append(current); i += 1; break }
                depth -= 1
            }
            if c == ",", depth == 0 { parts.append(current); current = ""; i += 1; continue }
            current.append(c)
            i += 1
        }
        let labelled = parts.compactMap { part -> (String, String)? in
            let trimmed = part.trimmingCharacters(in: .whitespacesAndNewlines)
            guard let colon = trimmed.firstIndex(of: ":") else { return nil }
            return (String(trimmed[..<colon]), trimmed[trimmed.index(after: colon)...].trimmingCharacters(in: .whitespacesAndNewlines))
        }
        return (labelled, i)
    }

    /// The index just past the string literal that opens at `start`.
    static func skipLiteral(_ text: [Character], from start: Int) -> Int {
        var i = start + 1
        while i < text.count {
            if text[i] == "\\" {
                if text[i + 1] == "(" { i = skipInterpolation(text, from: i + 2); continue }
                i += 2
                continue
            }
            if text[i] == "\"" { return i + 1 }
            i += 1
        }
        return i
    }

    /// The index just past the ')' that closes an interpolation whose
    /// contents start at `start`.
    static func skipInterpolation(_ text: [Character], from start: Int) -> Int {
        var depth = 1
        var i = start
        while i < text.count {
            if text[i] == "\"" { i = skipLiteral(text, from: i); continue }
            if text[i] == "(" { depth += 1 }
            if text[i] == ")" { depth -= 1; if depth == 0 { return i + 1 } }
            i += 1
        }
        return i
    }

    /// The string literals of an expression (not those inside another's
    /// interpolation), each interpolation replaced by the sample value 12.
    static func literals(_ expression: String) -> [String] {
        let text = Array(expression)
        var result: [String] = []
        var i = 0
        while i < text.count {
            guard text[i] == "\"" else { i += 1; continue }
            var literal = ""
            var j = i + 1
            while j < text.count, text[j] != "\"" {
                if text[j] == "\\" {
                    if text[j + 1] == "(" { literal += "12"; j = skipInterpolation(text, from: j + 2); continue }
                    literal.append(text[j + 1])
                    j += 2
                    continue
                }
                literal.append(text[j])
                j += 1
            }
            if !literal.isEmpty { result.append(literal) }
            i = j + 1
        }
        return result
    }

    static func sampleError(_ sample: Sample) -> GapMapError {
        sample.label == "message" ? GapMapError(file: "data/needs.csv", line: 12, field: "weight", message: sample.text)
            : GapMapError(file: "data/needs.csv", line: 12, field: "weight", message: "the file does not exist", fix: sample.text)
    }

    /// Words of option values and programs that a French sentence names as
    /// the user types them.
    static let typed: Set<String> = ["prefix", "file", "auto", "out", "epsg", "gdalwarp", "worldpop", "ghsl", "geotiff", "p-code", "sqlite",
                                     "rsvg-convert", "raster",
                                     // and French words too
                                     "document", "place", "machine", "p-codes"]

    @Test func everyErrorSentenceInTheSourcesHasItsFrench() throws {
        let (samples, others) = try Self.samples()
        // The scan found the errors: about 74 call sites, most with a fix.
        #expect(samples.count > 100, "only \(samples.count) samples found: is the scan of Sources/ broken?")
        #expect(others == Self.notLiteral, "messages made of no literal changed: \(others.symmetricDifference(Self.notLiteral))")
        let english = samples.map { Self.sampleError($0).sentence(.english) }
        let scan = EnglishWordScan(english: english, data: ["data/needs.csv", "weight"])  // the file and field are the user's
        for sample in samples {
            let error = Self.sampleError(sample)
            let french = error.sentence(.french)
            #expect(ErrorMessages.code(sample.text) != RejectionReasons.otherCode, "no French for \(sample)")
            #expect(french.hasPrefix("data/needs.csv:12, champ 'weight' : "), "\(french)")
            // The values are kept: as many 12s in French as in English.
            let twelves = { (s: String) in s.components(separatedBy: "12").count }
            #expect(twelves(french) == twelves(error.sentence(.english)), "a value lost in \(sample) → \(french)")
            let left = scan.englishWords(in: french).filter { !Self.typed.contains(String($0.prefix { $0 != ":" })) }
            #expect(left.isEmpty, "English left in \(sample) → \(french): \(left)")
        }
    }

    /// The sentences that errors quote from elsewhere: a disc's problem
    /// with each fix the commands give, a hotspot's extent, a region name
    /// no unit matches, a workspace's action.
    @Test func theSentencesAnErrorQuotesAreInFrenchToo() throws {
        let north = Coordinate(x: 0, y: 89.9)
        let cases: [(GapMapError, [String])] = [
            (GapMapError(field: "max-extent", message: try #require(HotspotRequest.extentProblem(extentKm: 1, radiusKm: 5))),
             ["champ 'max-extent' : la plus grande étendue d'un foyer doit valoir au moins le rayon de voisinage (5 km)", ", non 1"]),
            (GapMapError(field: "radius", message: "candidate site Mopti: " + (try #require(InputBounds.discProblem(
                center: north, radiusKm: 50, fix: "give a smaller --radius, or leave out the places near the poles or 180°")))),
             ["site candidat Mopti : un disque de 50 km autour de (0, 89.9) atteint le pôle Nord", "écartez les lieux proches des pôles"]),
            (GapMapError(file: "i.csv", line: 7, field: "type", message: "the exposure disc of incident ML1 (type \"Riots\", 40 km): "
                            + (try #require(InputBounds.discProblem(center: north, radiusKm: 40, fix: "give its type a smaller --exposure-radius")))),
             ["i.csv:7, champ 'type' : le disque d'exposition de l'incident ML1 (type « Riots », 40 km) : un disque de 40 km",
              "donnez à son type un --exposure-radius plus petit"]),
            (GapMapError(file: "plan.gpkg", message: "cannot record the run: another gapmap command has been writing the workspace for more than 5 s",
                         fix: "Wait for it to finish, then run this command again"),
             ["plan.gpkg : impossible d'enregistrer l'analyse : une autre commande gapmap écrit dans l'espace de travail depuis plus de 5 s. Attendez"]),
            (GapMapError(field: "region", message: "'Mopt' matches no region id or name; closest: Mopti (ML05); Mopti (ML0501)"),
             ["champ 'region' : 'Mopt' ne correspond à aucun identifiant ni nom d'unité ; les plus proches : Mopti (ML05); Mopti (ML0501)"]),
            (GapMapError(file: "r.geojson", message: "none of its 4 regions has a usable polygon: line 2, geometry: the region has no geometry; "
                            + "line 3: empty polygon; and 2 more"),
             ["r.geojson : aucune de ses 4 unités n'a de polygone utilisable : ligne 2, geometry : l'unité n'a pas de géométrie ; "
              + "ligne 3 : polygone vide ; et 2 de plus"]),
        ]
        for (error, expected) in cases {
            let french = error.sentence(.french)
            for part in expected { #expect(french.contains(part), "\(french)\n  lacks: \(part)") }
        }
    }

    /// The terminal says a domain error in French with --lang fr.
    @Test(.enabled(if: WorkspaceCommandTests.executable != nil, "no gapmap executable beside the tests or in .build*/debug"))
    func theTerminalSaysTheErrorInFrench() throws {
        let (status, _, text) = try WorkspaceCommandTests.runExecutable(["analyze", "--regions", "/nonexistent/communes.geojson",
                                                                         "--out", AnalyzeCommandTests.temporaryFolder(), "--lang", "fr"])
        #expect(status == 1)
        #expect(text.hasPrefix("gapmap : erreur : /nonexistent/communes.geojson : le fichier n'existe pas. Vérifiez le chemin (il est relatif à "), "\(text)")
    }
}
