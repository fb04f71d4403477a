import Foundation
import GapMap
import Testing
import TestSupport
@testable import GapMapCLI

/// Issue 17, item 5: French throughout with `--lang fr`. Every command's
/// terminal output and the report of the 701 communes hold no English word
/// of the text catalogue (`EnglishWordScan`), and no "région" where the
/// units are communes; rejected rows keep a stable code and give their
/// reason in French.
struct FrenchEverywhereTests {
    static let communes = AnalyzeCommandTests.projectRoot + "/geodata/mali-cod-2015/adm3-communes.geojson"
    static func sample(_ name: String) -> String { AnalyzeCommandTests.sample(name) }

    static var sampleLayers: [String] {
        ["--regions", sample("regions.geojson"), "--initiatives", sample("initiatives.csv"), "--needs", sample("needs.csv"),
         "--incidents", sample("incidents.csv"), "--settlements", sample("settlements.csv")]
    }

    /// The words of the sample's values (names, categories, event types).
    static func sampleData(regions: String = sample("regions.geojson"), headers: Bool = false) throws -> [String] {
        try [regions, sample("initiatives.csv"), sample("needs.csv"), sample("incidents.csv"), sample("settlements.csv")]
            .flatMap { try EnglishWordScan.dataValues(ofFile: $0, headers: headers) }
    }

    /// What a command's output may quote of the user's own words besides the
    /// data: its arguments (a level named `country`), and for the commands
    /// that list columns and fields (validate, share, init) the column names
    /// and the workspace's layer and field names, identifiers in every language.
    static func quoted(by arguments: [String]) throws -> [String] {
        let words = arguments.map { $0.replacingOccurrences(of: "=", with: " ") }
        switch arguments.first {
        case "validate", "share", "init": return words + (try sampleData(headers: true)) + ["regions needs settlements covered located_by"]
        default: return words
        }
    }

    /// Runs any command as `gapmap` would, in this process, and returns what it prints.
    static func run(_ arguments: [String]) throws -> String {
        switch try GapMapCommand.parseAsRoot(arguments) {
        case let c as GapMapCommand.Analyze: return try c.execute()
        case let c as GapMapCommand.Compare: return try c.execute()
        case let c as GapMapCommand.Scenario: return try c.execute()
        case let c as GapMapCommand.Suggest: return try c.execute()
        case let c as GapMapCommand.Hotspots: return try c.execute()
        case let c as GapMapCommand.Rollup: return try c.execute()
        case let c as GapMapCommand.Map: return try c.execute()
        case let c as GapMapCommand.Report: return try c.execute()
        case let c as GapMapCommand.Init: return try c.execute()
        case let c as GapMapCommand.Import: return try c.execute()
        case let c as GapMapCommand.Runs: return try c.execute()
        case let c as GapMapCommand.Share: return try c.execute()
        case let c as GapMapCommand.Validate:
            let outcome = c.execute()
            return outcome.output + outcome.errors.joined(separator: "\n")
        default:
            Issue.record("unexpected command for \(arguments)")
            return ""
        }
    }

    /// Every command, in English and in French, on the sample: the same
    /// arguments but the language and the output folders.
    static func everyCommand(_ folder: String, _ lang: String) -> [[String]] {
        let out = folder + "/" + lang
        let workspace = out + "-plan.gpkg"
        let layers = sampleLayers
        return [
            ["analyze"] + layers + ["--out", out + "/analyze"],
            ["analyze"] + layers + ["--from", "2024-06-01", "--to", "2025-06-30", "--actor", "state", "--category", "justice_access",
                                    "--event-type", "Battles", "--min-fatalities", "1", "--out", out + "/filtered"],
            ["compare", "ML05", "ML04", "ML07"] + layers + ["--csv", out + "/compare.csv"],
            ["scenario", "--include-planned"] + layers + ["--out", out + "/scenario"],
            ["suggest", "--sites", "3"] + layers + ["--out", out + "/suggest"],
            ["suggest", "--sites", "2", "--candidates", "grid", "--spacing", "50", "--min-per-region", "1"] + layers + ["--out", out + "/grid"],
            ["hotspots", "--radius", "40", "--min-weight", "3"] + layers + ["--out", out + "/hotspots"],
            ["rollup", "--level", "country=prefix:2"] + layers + ["--out", out + "/rollup"],
            ["validate", sample("needs.csv"), sample("incidents.csv"), "--regions", sample("regions.geojson")],
            ["validate", sample("initiatives.csv")],
            ["init", workspace, "--regions", sample("regions.geojson"), "--needs", sample("needs.csv"), "--initiatives", sample("initiatives.csv")],
            ["import", workspace, "--incidents", sample("incidents.csv")],
            ["analyze", workspace, "--out", out + "/workspace"],
            ["runs", workspace],
            ["runs", workspace, "--show", "1", "--check"],
            ["share", workspace, "1", "--out", out + "/shared"],
            ["map", "--svg-only"] + layers + ["--out", out + "/map"],
            ["report"] + layers + ["--out", out + "/report"],
        ].map { $0 + ["--lang", lang] }
    }

    @Test func everyCommandPrintsNoEnglishWordOfTheCatalogueInFrench() throws {
        let folder = TestSupport.temporaryFolder("french-commands")
        let english = try Self.everyCommand(folder, "en").map(Self.run)
        let french = try Self.everyCommand(folder, "fr").map(Self.run)
        let data = try Self.sampleData()
        for (k, arguments) in Self.everyCommand(folder, "fr").enumerated() {
            let scan = EnglishWordScan(english: english, data: data + (try Self.quoted(by: arguments)))
            let left = scan.englishWords(in: french[k])
            #expect(left.isEmpty, "gapmap \(arguments.prefix(3).joined(separator: " ")): English left in French: \(left.joined(separator: "\n"))")
            #expect(french[k] != english[k], "\(arguments.prefix(3)): the French output is the English one")
        }
        // French number forms: the suggestion's coordinates and the comparison's ratios with a decimal comma, no decimal point.
        let suggest = french[4]
        #expect(suggest.contains("nouveaux sites de rayon 10 km"), "\(suggest)")
        #expect(suggest.range(of: #"-?\d+,\d{5}"#, options: .regularExpression) != nil && suggest.range(of: #"\d\.\d{5}"#, options: .regularExpression) == nil)
        #expect(french[2].contains("Comparaison de") && french[2].contains("Équité entre les 9 régions"))
        #expect(french[2].range(of: #"\d\.\d"#, options: .regularExpression) == nil, "\(french[2])")
        // The closing lines, each command's own.
        #expect(french[0].contains("fichiers écrits dans") && french[3].contains("fichiers écrits dans"))
        #expect(french[16].hasPrefix("Écrit : ") && french[17].hasPrefix("Écrit : "))
        // The incident selection and the filter, in French.
        #expect(french[1].contains("Filtre : seulement les besoins et incidents datés du 2024-06-01 au 2025-06-30"), "\(french[1])")
        #expect(french[1].contains("incidents de type d'événement Battles, au moins 1 morts ; pondérés par événements"), "\(french[1])")
        #expect(french[0].contains("(incidents de tout type d'événement sauf les manifestations"), "\(french[0])")
        // English is as it was.
        #expect(english[0].contains("Wrote ") && english[2].contains("Equity across all 9 regions:"))
    }

    /// What a run on the sample says on standard error (the commands above
    /// return standard output only): in French too.
    @Test func theSampleNoticesOnStandardErrorAreInFrench() throws {
        let path = Self.sample("regions.geojson")
        let scan = EnglishWordScan(english: [ExampleData.notice(.english), ExampleData.regionsOnlyNotice(path)], data: [path, "Mali"])
        let stages = AnalysisProgress.Stage.allCases
        let stageScan = EnglishWordScan(english: stages.map(\.rawValue), data: [])
        for stage in stages {
            #expect(stageScan.englishWords(in: stage.label(.french)).isEmpty, "progress bar: \(stage.label(.french))")
        }
        for text in [ExampleData.notice(.french), ExampleData.regionsOnlyNotice(path, language: .french)] {
            let left = scan.englishWords(in: text)
            #expect(left.isEmpty, "English left in \(text): \(left)")
        }
    }

    /// The report of the 701 communes of Mali with the sample's layers: its
    /// French page shows no English word of the catalogue and never calls
    /// the communes "régions"; `analyze` on them neither.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: communes), "geodata/mali-cod-2015 is absent"))
    func theFrenchReportOfTheCommunesHasNoEnglishWordOfTheCatalogue() throws {
        let folder = TestSupport.temporaryFolder("french-communes")
        var layers = Self.sampleLayers
        layers[1] = Self.communes
        _ = try Self.run(["report"] + layers + ["--lang", "en", "--out", folder + "/en"])
        _ = try Self.run(["report"] + layers + ["--lang", "fr", "--out", folder + "/fr"])
        let english = EnglishWordScan.visibleText(ofPage: try String(contentsOfFile: folder + "/en/report.html", encoding: .utf8))
        let frenchPage = try String(contentsOfFile: folder + "/fr/report.html", encoding: .utf8)
        let french = EnglishWordScan.visibleText(ofPage: frenchPage)
        let analyzeEnglish = try Self.run(["analyze"] + layers + ["--lang", "en", "--out", folder + "/a-en"])
        let analyzeFrench = try Self.run(["analyze"] + layers + ["--lang", "fr", "--out", folder + "/a-fr"])
        let scan = EnglishWordScan(english: [english, analyzeEnglish], data: try Self.sampleData(regions: Self.communes))
        #expect(french.contains("701 communes") && french.contains("Classement des communes"))
        // The equity section names the first 10 of the worst 140.2 communes (20 % of 701) and counts the rest, as the terminal does.
        #expect(french.contains(" et 130 autres entières, 0,2 de "), "the page lists every one of the worst communes")
        let left = scan.englishWords(in: french)
        #expect(left.isEmpty, "English left in the French report: \(left.joined(separator: "\n"))")
        let leftInSummary = scan.englishWords(in: analyzeFrench)
        #expect(leftInSummary.isEmpty, "English left in the French summary: \(leftInSummary.joined(separator: "\n"))")
        for (name, text) in [("report", french), ("analyze", analyzeFrench)] {
            let regions = Self.lines(of: text, containing: "région")
            #expect(regions.isEmpty, "\(name) calls the communes régions: \(regions.prefix(5).joined(separator: "\n"))")
        }

        // The scan can fail: one heading left in English is found.
        let heading = "Classement des communes par demande non couverte"
        #expect(frenchPage.contains(heading))
        let broken = EnglishWordScan.visibleText(ofPage: frenchPage.replacingOccurrences(of: heading, with: "Communes ranked by uncovered demand"))
        #expect(Set(scan.englishWords(in: broken).map { String($0.prefix { $0 != ":" }) }) == ["ranked", "uncovered", "demand"])
    }

    static func lines(of text: String, containing word: String) -> [String] {
        text.split(separator: "\n").map(String.init).filter { $0.range(of: word, options: [.caseInsensitive]) != nil }
    }

    /// Rows with known faults: each gets its code (the same in both
    /// languages) and its reason in the language of the run.
    @Test func rejectedRowsKeepTheirCodeAndGiveTheirReasonInFrench() throws {
        let folder = TestSupport.temporaryFolder("french-rejected")
        let needs = folder + "/needs.csv"
        try """
            id,lon,lat,category,severity,weight
            n1,-4.0,14.5,justice_access,3,1
            n1,-4.0,14.5,justice_access,3,1
            n2,-4.0,14.5,justice_access,9,1
            n3,-4.0,14.5,justice_access,3,-2
            n4,14.5,-4.0,justice_access,3,1
            n5,-4.0,95,justice_access,3,1
            n6,,,justice_access,3,1

            """.write(toFile: needs, atomically: true, encoding: .utf8)
        let layers = ["--regions", Self.sample("regions.geojson"), "--needs", needs]
        let expected: [(line: String, code: String, french: String)] = [
            ("3", "duplicate_id", "l'identifiant n1 figure déjà dans cette couche"),
            ("4", "severity", "la gravité '9' n'est pas un nombre entier de 1 à 5"),
            ("5", "weight", "le poids '-2' n'est pas un nombre positif"),
            ("6", "swapped_coordinates", "longitude et latitude semblent inversées"),
            ("7", "latitude_range", "la latitude 95 est hors de -90…90"),
            ("8", "no_location", "ni coordonnées ni référence à une unité"),
        ]
        for lang in ["en", "fr"] {
            _ = try Self.run(["analyze"] + layers + ["--lang", lang, "--out", folder + "/" + lang])
            let table = Self.csvRows(try String(contentsOfFile: folder + "/\(lang)/rejected.csv", encoding: .utf8))
            #expect(table.first == ["layer", "file", "line", "id", "field", "disposition", "code", "reason", "feature"])
            let rows = Array(table.dropFirst())
            #expect(rows.map { $0[2] } == expected.map(\.line))
            for (row, want) in zip(rows, expected) {
                #expect(row[6] == want.code, "line \(row[2]): \(row)")
                if lang == "fr" {
                    #expect(row[7].hasPrefix(want.french), "line \(row[2]): \(row[7])")
                } else {
                    #expect(RejectionReasons.reason(row[7], language: .french).hasPrefix(want.french), "line \(row[2]): \(row[7])")
                }
            }
        }
        // validate says the same in French on the terminal.
        let validation = try Self.run(["validate", needs, "--regions", Self.sample("regions.geojson"), "--lang", "fr"])
        #expect(validation.contains("ligne 4, severity : rejetée : la gravité '9' n'est pas un nombre entier de 1 à 5"), "\(validation)")
        #expect(validation.contains("5 lignes seraient rejetées"), "\(validation)")
    }

    /// RFC 4180 rows: quoted fields may hold commas, quotes and line breaks.
    static func csvRows(_ text: String) -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], field = ""
        var quoted = false, wasQuote = false
        for ch in text {
            if quoted {
                if ch == "\"" { quoted = false; wasQuote = true } else { field.append(ch) }
                continue
            }
            switch ch {
            case "\"": if wasQuote { field.append("\"") }; quoted = true
            case ",": row.append(field); field = ""
            case "\n", "\r\n": row.append(field); field = ""; rows.append(row); row = []
            default: field.append(ch)
            }
            wasQuote = false
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }

    /// Every reason the catalogue knows has a French wording with its values
    /// put back, and a reason it does not know keeps its English under `other`.
    @Test func theReasonCatalogueTranslatesWithTheValuesAndCodesTheUnknown() {
        #expect(RejectionReasons.reason("weight 'abc' is not a positive number (a number greater than 0 and at most 100)", language: .french)
                == "le poids 'abc' n'est pas un nombre positif (un nombre supérieur à 0 et au plus 100)")
        #expect(RejectionReasons.code("weight 'abc' is not a positive number (a number greater than 0 and at most 100)") == "weight")
        #expect(RejectionReasons.reason("population '-5' is not a number from 0 to 1000 people", language: .french)
                == "la population '-5' n'est pas un nombre de 0 à 1000 personnes")
        #expect(RejectionReasons.reason("'Tombouctou' matches no region id or name; closest: Tombouctou (ML06)", language: .french)
                == "'Tombouctou' ne correspond à aucun identifiant ni nom d'unité ; les plus proches : Tombouctou (ML06)")
        #expect(RejectionReasons.code("something new went wrong") == "other")
        #expect(RejectionReasons.reason("something new went wrong", language: .french) == "something new went wrong")
        #expect(RejectionReasons.reason("id n1 already seen in this layer; the first row is used", language: .english)
                == "id n1 already seen in this layer; the first row is used")
    }
}
