import ArgumentParser
import Foundation
import Testing
@testable import GapMap
@testable import GapMapCLI

/// A command line gapmap refuses (exit 64) is said in French with
/// `--lang fr`: the commands' own checks (`ValidationError`), the model's
/// sentences they quote, the parser's own messages, the help line, the
/// usage line and the value names.
///
/// The checks are found where they are made, as `FrenchErrorTests` finds
/// the errors: every `ValidationError(` call in Sources/, its string
/// literals with each interpolated value replaced by 12. A check written
/// without its French makes this test fail, whatever it says.
struct FrenchUsageErrorTests {
    /// The checks whose text is made of no literal, and where their
    /// sentences are checked instead.
    static let notLiteral: Set<String> = [
        "\"\\(error)\"",    // ExposureRadii.parse: modelSentences below
        "\"\\(error).\"",   // IncidentWeighting.parse: modelSentences below
        "Self.notShareable",  // a literal of its own: theScenarioRefusalIsInFrench
    ]

    /// A check's sentence: its literals joined when they are one sentence
    /// cut by `+`, else each literal (the two sides of a `?:`).
    static func samples() throws -> (samples: [FrenchErrorTests.Sample], notLiteral: Set<String>) {
        var samples: [FrenchErrorTests.Sample] = []
        var others = Set<String>()
        let sources = FrenchErrorTests.root.appendingPathComponent("Sources")
        let files = FileManager.default.enumerator(atPath: sources.path)!.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") }.sorted()
        let marker = Array("ValidationError(")
        for file in files {
            let text = Array(try String(contentsOfFile: sources.appendingPathComponent(file).path, encoding: .utf8))
            var i = 0
            while i + marker.count <= text.count {
                guard Array(text[i..<(i + marker.count)]) == marker, i == 0 || !(text[i - 1].isLetter || text[i - 1] == ".") else { i += 1; continue }
                let line = text[..<i].filter { $0 == "\n" }.count + 1
                let (_, end) = FrenchErrorTests.arguments(text, from: i + marker.count)
                let expression = String(text[(i + marker.count)..<(end - 1)]).trimmingCharacters(in: .whitespacesAndNewlines)
                i = end
                // A declaration or a mention in a comment is not a call.
                guard !expression.isEmpty else { continue }
                let literals = FrenchErrorTests.literals(expression)
                // What is left once the literals are taken out: only '+' when they are one sentence.
                let rest = Self.removingLiterals(expression)
                let texts = rest.allSatisfy { $0 == "+" || $0.isWhitespace } ? [literals.joined()] : literals
                // A one-word literal is an operand ("folder" in what == "folder"), not a sentence.
                for sentence in texts {
                    if sentence == "12" || sentence == "12." { others.insert(expression); continue }
                    guard sentence.contains(" ") else { continue }
                    samples.append(.init(site: "\(file):\(line)", label: "message", text: sentence))
                }
                if literals.isEmpty { others.insert(expression) }
            }
        }
        return (samples, others)
    }

    /// `expression` with its string literals (interpolations included) taken out.
    static func removingLiterals(_ expression: String) -> String {
        let text = Array(expression)
        var result = ""
        var i = 0
        while i < text.count {
            if text[i] == "\"" { i = FrenchErrorTests.skipLiteral(text, from: i); continue }
            result.append(text[i])
            i += 1
        }
        return result
    }

    /// Option values, programs and ACLED's event types a French sentence
    /// quotes as they are typed.
    static let typed: Set<String> = ["events", "fatalities", "grid", "state", "community", "international", "informant_network",
                                     "hex", "apt-get", "chromium", "https", "http", "tile", "openstreetmap", "org", "png", "id", "name",
                                     "battles", "protests", "default", "all", "weight", "out", "type", "distance", "file", "analyze",
                                     "map", "report", "compare", "share", "import", "validate", "gapmap", "url", "kind", "geonames",
                                     // French words as well
                                     "option", "options", "argument", "arguments", "locale", "mali"]

    /// French with no English word of the English sentences, the values kept.
    static func checkFrench(_ english: [String], _ pairs: [(label: String, english: String)], data: [String] = []) {
        let scan = EnglishWordScan(english: english, data: data)
        for (label, text) in pairs {
            let french = ErrorMessages.text(text, language: .french)
            #expect(ErrorMessages.code(text) != RejectionReasons.otherCode, "no French for \(label): \(text)")
            let twelves = { (s: String) in s.components(separatedBy: "12").count }
            #expect(twelves(french) == twelves(text), "a value lost in \(label) → \(french)")
            let left = scan.englishWords(in: french).filter { !typed.contains(String($0.prefix { $0 != ":" })) }
            #expect(left.isEmpty, "English left in \(label) → \(french): \(left)")
        }
    }

    @Test func everyUsageCheckInTheSourcesHasItsFrench() throws {
        let (samples, others) = try Self.samples()
        // About 45 checks in the CLI's options and commands.
        #expect(samples.count >= 40, "only \(samples.count) checks found: is the scan of Sources/ broken?")
        #expect(others == Self.notLiteral, "checks made of no literal changed: \(others.symmetricDifference(Self.notLiteral))")
        Self.checkFrench(samples.map(\.text), samples.map { ($0.site, $0.text) })
    }

    /// The model's sentences a check quotes: a hexagon size, a field to
    /// keep, an exposure radius, an incident weighting, a hotspot's extent.
    @Test func theSentencesAChecksQuotesAreInFrenchToo() throws {
        var sentences: [(String, String)] = []
        for text in ["square:10km", "hex:ten", "hex:5000km"] {
            guard case .failure(let problem) = HexagonCells.parse(text) else { Issue.record("\(text) was read"); continue }
            sentences.append(("--share-cells \(text)", "--share-cells \(problem)"))
        }
        for field in ["weight", "colour"] {
            sentences.append(("--keep-field \(field)", "--keep-field " + (try #require(ShareRules.keepProblem(field)))))
        }
        for text in ["Battles", "Battles=9999km"] {
            do { _ = try ExposureRadii.parse(text); Issue.record("\(text) was read") } catch { sentences.append(("--exposure-radius \(text)", "\(error)")) }
        }
        do { _ = try IncidentWeighting.parse("Battles=x"); Issue.record("Battles=x was read") } catch { sentences.append(("--incident-weight", "\(error).")) }
        let extent = try #require(HotspotRequest.extentProblem(extentKm: 1, radiusKm: 25))
        sentences.append(("--max-extent", "--max-extent: \(extent); give 0 for no bound, or for example --max-extent 100."))
        Self.checkFrench(sentences.map(\.1), sentences, data: ["square:10km", "hex:ten", "colour"])
        // Hand-written French of three of them, the values where they were.
        #expect(ErrorMessages.text(sentences[2].1, language: .french)
                == "--share-cells 'hex:5000km' : la largeur d'un hexagone doit être de 1 à 1000 km (entre côtés opposés) ; par exemple hex:10km.")
        #expect(ErrorMessages.text(sentences[6].1, language: .french)
                == "--exposure-radius : « Battles=9999km » a une distance qui n'est pas un nombre de km de 0 à 2000 km ; par exemple --exposure-radius \"Battles=5km,Protests=1km,default=2km\" (0 écarte un type)")
    }

    @Test func theScenarioRefusalIsInFrench() {
        let text = GapMapCommand.Scenario.notShareable
        Self.checkFrench([text], [("notShareable", text)])
        #expect(ErrorMessages.text(text, language: .french).hasPrefix("Un scénario ne peut pas être rendu partageable"))
    }

    /// What the parser itself says of command lines it cannot read, with
    /// the lines around it, in French; the values and options kept.
    @Test(arguments: [
        (["analyze", "--radiu", "3"], "Erreur : Option inconnue '--radiu'. Vouliez-vous dire '--radius' ?"),
        (["analyze", "--radius", "abc"], "Erreur : La valeur 'abc' n'est pas valide pour '--radius <km>'"),
        (["analyze", "--regions"], "Erreur : Valeur manquante pour '--regions <fichier>'"),
        (["compare"], "Erreur : Argument attendu manquant : '<unité> ...'"),
        (["analyze", "a.gpkg", "b.gpkg"], "Erreur : Argument inattendu 'b.gpkg'"),
        (["analyze", "--lang", "de"], "Erreur : La valeur 'de' n'est pas valide pour '--lang <en|fr>'. Donnez l'une de ces valeurs : 'en' et 'fr'."),
        (["map", "--classes", "12"], "Erreur : --classes doit valoir de 1 à 9."),
        (["analyze", "--from", "2024-02-31"], "Erreur : --from '2024-02-31' n'est pas une date que gapmap lit : AAAA-MM-JJ, AAAA-MM, AAAA, JJ/MM/AAAA ou '5 mars 2024', par exemple --from 2024-01-31."),
    ])
    func theParsersMessagesAreInFrench(_ arguments: [String], _ expected: String) throws {
        // As the program does: the options' help in the language, then the page.
        func message(_ language: ReportLanguage) -> String? {
            HelpLanguage.$current.withValue(language) {
                do {
                    _ = try GapMapCommand.parseAsRoot(arguments)
                    return nil
                } catch {
                    #expect(GapMapCommand.exitCode(for: error) == .validationFailure)
                    return HelpLanguage.usageError(GapMapCommand.fullMessage(for: error), language: language)
                }
            }
        }
        guard let english = message(.english), let french = message(.french) else { Issue.record("\(arguments) was accepted"); return }
        #expect(french.hasPrefix(expected + "\n"), "\(french)")
        #expect(french.contains("\nUtilisation : gapmap \(arguments[0])"), "\(french)")
        #expect(french.hasSuffix("  Plus d'informations : gapmap \(arguments[0]) --help"), "\(french)")
        let scan = EnglishWordScan(english: [english], data: arguments)
        let left = scan.englishWords(in: french).filter { !Self.typed.contains(String($0.prefix { $0 != ":" })) }
        #expect(left.isEmpty, "English left: \(left) in\n\(french)")
        // English is the parser's own.
        #expect(english.hasPrefix("Error: ") && english.contains("\nUsage: gapmap \(arguments[0])"), "\(english)")
    }

    /// The program says a usage error in French, on stderr, with exit 64.
    @Test(.enabled(if: WorkspaceCommandTests.executable != nil, "no gapmap executable beside the tests or in .build*/debug"))
    func theProgramSaysTheUsageErrorInFrench() throws {
        let (status, out, text) = try WorkspaceCommandTests.runExecutable(["analyze", "--radius", "0", "--lang", "fr"])
        #expect(status == 64)
        #expect(out.isEmpty)
        #expect(text.hasPrefix("Erreur : --radius doit être un nombre supérieur à 0 et au plus 2000 km, non 0 ; par exemple --radius 10.\n"), "\(text)")
        #expect(text.contains("Utilisation : gapmap analyze [<options>] [<espace>]"), "\(text)")
        let (status2, _, english) = try WorkspaceCommandTests.runExecutable(["analyze", "--radius", "0", "--lang", "en"])
        #expect(status2 == 64)
        #expect(english.hasPrefix("Error: --radius must be a number greater than 0 and at most 2000 km, not 0; for example --radius 10.\n"), "\(english)")
    }
}
