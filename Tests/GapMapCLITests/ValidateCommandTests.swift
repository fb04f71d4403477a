import Foundation
import Testing
import TestSupport
@testable import GapMapCLI

/// `gapmap validate` on the input fixtures of GapMapTests, and on files
/// that are not inputs at all.
struct ValidateCommandTests {
    static func fixture(_ name: String) -> String {
        AnalyzeCommandTests.projectRoot + "/Tests/GapMapTests/Fixtures/input/" + name
    }

    static func validate(_ arguments: [String]) throws -> GapMapCommand.Validate.Outcome {
        let command = try GapMapCommand.parseAsRoot(["validate"] + arguments)
        guard let validate = command as? GapMapCommand.Validate else {
            Issue.record("not the validate command")
            return GapMapCommand.Validate.Outcome(output: "", errors: [], status: -1)
        }
        return validate.execute()
    }

    @Test func aCleanFileExitsZeroAndSaysWhatWasDetected() throws {
        let outcome = try Self.validate([Self.fixture("initiatives-mini.csv"), "--regions", Self.fixture("mini-communes.geojson")])
        #expect(outcome.status == 0)
        #expect(outcome.errors.isEmpty)
        let text = outcome.output
        #expect(text.contains("initiatives-mini.csv: initiatives (guessed from its columns; --as to choose), CSV table"))
        #expect(text.contains("read as:   CSV, comma-separated, UTF-8, header on line 1"))
        #expect(text.contains("coordinates = lon/lat"))
        #expect(text.contains("radius_km = radius_km"))
        #expect(text.contains("rows:      2 read = 2 used + 0 rejected + 0 duplicates; 1 point = 1 in a commune + 0 in none; 1 by reference to a unit"))
        #expect(text.contains("verdict:   clean"))
    }

    @Test func rejectedRowsExitTwoAndAreListedWithLineFieldAndReason() throws {
        let outcome = try Self.validate([Self.fixture("needs-windows1252.csv"), "--regions", Self.fixture("mini-communes.geojson")])
        #expect(outcome.status == 2)
        let text = outcome.output
        #expect(text.contains("read as:   CSV, semicolon-separated, Windows-1252, header on line 1, decimal commas"))
        #expect(text.contains("line 6, region: rejected: 'Somo' names several regions"))
        #expect(text.contains("line 10, id: duplicate: id N2 already seen"))
        #expect(text.contains("line 11, weight: rejected: weight '-1' is not a positive number"))
        #expect(text.contains("verdict:   2 rows would be rejected"))
    }

    /// The row accounting groups its thousands in either language and names
    /// the units (the sample's 2,000 needs: geodata/README.md).
    @Test func theRowAccountingGroupsItsThousands() throws {
        let needs = AnalyzeCommandTests.sample("needs.csv"), regions = AnalyzeCommandTests.sample("regions.geojson")
        let english = try Self.validate([needs, "--regions", regions]).output
        #expect(english.contains("rows:      2,000 read = 1,994 used + 3 rejected + 3 duplicates; 1,934 points = 1,931 in a region + 3 in none; 60 by reference to a unit"), "\(english)")
        let french = try Self.validate([needs, "--regions", regions, "--lang", "fr"]).output
        #expect(french.contains("2\u{202F}000 lues = 1\u{202F}994 utilisées + 3 rejetées + 3 doublons ; 1\u{202F}934 points = 1\u{202F}931 dans une unité + 3 hors des unités"), "\(french)")
    }

    @Test func withoutRegionsReferencesAreNotCheckedAndTheNoteSaysSo() throws {
        let outcome = try Self.validate([Self.fixture("needs-utf8-comma.csv")])
        // Only the weight of N9 is wrong on its own; "Somo" cannot be judged without regions.
        #expect(outcome.status == 2)
        #expect(outcome.output.contains("rows:      10 read = 8 used + 1 rejected + 1 duplicates; 4 points; 4 by reference to a unit"))
        #expect(outcome.output.contains("note:      region references were not checked against regions: give --regions to check them"))
    }

    @Test func sourceFormatsAndTheLayerCanBeForced() throws {
        let outcome = try Self.validate([Self.fixture("acled-mini.csv"), Self.fixture("hxl-needs.csv"), "--regions",
                                         Self.fixture("mini-cercles.geojson"), "--max-problems", "1"])
        #expect(outcome.status == 2)
        #expect(outcome.output.contains("acled-mini.csv: incidents (guessed from its columns; --as to choose), ACLED export"))
        #expect(outcome.output.contains("precision = geo_precision"))
        #expect(outcome.output.contains("(3 of imprecise location)"))  // MLI1004 credited to its region, above the cercles
        #expect(outcome.output.contains("… and 4 more (--json lists them all)"))
        #expect(outcome.output.contains("hxl-needs.csv: needs (guessed from its columns; --as to choose), HXL-tagged table"))
        #expect(outcome.output.contains("HXL hashtags on line 2"))

        let regions = try Self.validate([Self.fixture("mini-communes.geojson"), "--as", "regions"])
        #expect(regions.status == 0)
        #expect(regions.output.contains("mini-communes.geojson: regions, GeoJSON"))
        #expect(regions.output.contains("id = admin3Pcod; name = admin3Name; parent = admin2Pcod; level 3"))
    }

    @Test func jsonHoldsEveryProblemAndTheDetection() throws {
        let outcome = try Self.validate([Self.fixture("kobo-needs.csv"), "--regions", Self.fixture("mini-communes.geojson"), "--json"])
        #expect(outcome.status == 2)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(outcome.output.utf8)) as? [String: Any])
        #expect(document["clean"] as? Bool == false)
        let file = try #require((document["files"] as? [[String: Any]])?.first)
        #expect(file["source_format"] as? String == "kobotoolbox")
        #expect((file["dialect"] as? [String: Any])?["delimiter"] as? String == "semicolon")
        #expect((file["columns"] as? [String: Any])?["id"] as? String == "_uuid")
        let account = try #require(file["account"] as? [String: Any])
        #expect(account["read"] as? Int == 5 && account["rejected"] as? Int == 1 && account["duplicates"] as? Int == 1)
        #expect((file["problems"] as? [[String: Any]])?.count == 2)
    }

    @Test func unreadableFilesExitOneWithTheFileAndLineAndNeverCrash() throws {
        let folder = AnalyzeCommandTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        func write(_ name: String, _ bytes: [UInt8]) -> String {
            let path = folder + "/" + name
            _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
            return path
        }
        let cases: [(path: String, expected: String)] = [
            (write("workbook.csv", [0x50, 0x4B, 0x03, 0x04] + Array(repeating: 0, count: 64)), "workbook.csv:1:1: this is a ZIP archive"),
            (write("deep.geojson", Array(#"{"type": "Feature", "properties": {"a": "#.utf8) + Array(repeating: UInt8(ascii: "["), count: 100_000)),
             "deep.geojson:1:"),
            (write("huge-number.geojson", Array(#"{"type": "Point", "coordinates": [1e400, 0]}"#.utf8)), "the number 1e400 is too large"),
            (write("cut.geojson", Array(#"{"type": "FeatureCollection", "features": [{"type": "Feature", "#.utf8)), "looks truncated"),
            (write("missing-quote.csv", Array("id,lon,lat\n1,\"-6.5,12.5\n".utf8)), "missing-quote.csv:2:3: a quoted field opened here is never closed"),
        ]
        for (path, expected) in cases {
            let outcome = try Self.validate([path])
            #expect(outcome.status == 1, "\(path)")
            #expect(outcome.errors.count == 1 && outcome.errors[0].contains(expected), "\(outcome.errors)")
        }
        // Arbitrary bytes (seeded, so a failure can be replayed): a clear outcome, whichever it is.
        var rng = SeededRandom(seed: 20_261_202)
        for k in 0..<20 {
            let noise = (0..<4096).map { _ in UInt8.random(in: 0...255, using: &rng) }
            let outcome = try Self.validate([write("noise-\(k).csv", noise)])
            #expect([0, 1, 2].contains(outcome.status))
        }
        let missing = try Self.validate([folder + "/absent.csv", Self.fixture("initiatives-mini.csv")])
        #expect(missing.status == 1)
        #expect(missing.errors.first?.contains("absent.csv: the file does not exist") == true)
        #expect(missing.output.contains("initiatives-mini.csv"))  // the other file is still checked
    }

    @Test func analyzeRefusesHostileInputWithAnErrorNamingTheFile() throws {
        let folder = AnalyzeCommandTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let needs = folder + "/needs.csv"
        _ = FileManager.default.createFile(atPath: needs, contents: Data(Array("SQLite format 3".utf8) + [0, 0, 0, 0]))
        #expect {
            _ = try AnalyzeCommandTests.analyze(["analyze", "--regions", Self.fixture("mini-communes.geojson"), "--needs", needs,
                                                 "--out", folder + "/out"])
        } throws: { error in
            "\(error)".contains("needs.csv:1:1: this is an SQLite database (a GeoPackage is one), not CSV text")
        }
    }
}
