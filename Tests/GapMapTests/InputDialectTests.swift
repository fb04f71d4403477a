import Foundation
import GeoCore
import GeoFormats
import Testing
import TestSupport
@testable import GapMap

/// A file in `Tests/GapMapTests/Fixtures/input` (see its README.md).
func inputFixture(_ name: String) throws -> String {
    let url = URL(fileURLWithPath: name)
    guard let found = Bundle.module.url(forResource: url.deletingPathExtension().lastPathComponent,
                                        withExtension: url.pathExtension, subdirectory: "Fixtures/input") else {
        throw InputFixtureMissing(name: name)
    }
    return found.path
}

struct InputFixtureMissing: Error {
    var name: String
}

/// The same ten needs written as spreadsheets and survey tools write them.
/// Against the eight communes of `mini-communes.geojson` (1°×1.5° boxes),
/// counted by hand:
/// - N1 (-6.5, 12.5) in Somo of Barouéli, weight 2; N2 (-5.5, 14.25) in
///   Niamana, 1.5; N6 (-4.5, 15.0) in Sio, 0.5; N7 (-2.8, 14.0) 0.2° east of
///   every commune (≈ 22 km): unassigned, weight 1;
/// - N3 "BAROUELI" → Barouéli, 1; N4 "ML050201" → Baye, 1; N10 "niamana" →
///   Niamana, 3: region references;
/// - N5 "Somo" names two communes: rejected; N9 weight -1: rejected; the
///   second N2 (line 10): duplicate.
struct InputDialectTests {
    static let variants: [(file: String, delimiter: String, encoding: String, decimalComma: Bool)] = [
        ("needs-utf8-comma.csv", "comma", "UTF-8", false),
        ("needs-excel-fr.csv", "semicolon", "UTF-8 with BOM", true),
        ("needs-windows1252.csv", "semicolon", "Windows-1252", true),
        ("needs-tab.tsv", "tab", "UTF-8", false),
        ("needs-unicode.txt", "tab", "UTF-16LE", false),
    ]

    @Test(arguments: variants.map(\.file))
    func everyDialectReadsTheSameTenNeeds(_ file: String) throws {
        let variant = Self.variants.first { $0.file == file }!
        let regions = try InputValidation.RegionContext(path: try inputFixture("mini-communes.geojson"))
        let report = try InputValidation.validate(try inputFixture(file), regions: regions)
        #expect(report.layer == .needs && report.layerGuessed)
        #expect(report.dialect?.delimiter == variant.delimiter)
        #expect(report.dialect?.encoding == variant.encoding)
        #expect(report.dialect?.decimalComma == variant.decimalComma)
        let a = report.account
        #expect(a.read == 10)
        #expect(a.used == 7 && a.rejected == 2 && a.duplicates == 1)
        #expect(a.points == 4 && a.assigned == 3 && a.unassigned == 1)
        #expect(a.regionReferenced == 3)
        #expect(a.sourceFormat == "table")
        // Physical lines: N6's note holds a line break, so N7 is on line 9.
        #expect(report.problems.map(\.line) == [6, 10, 11])
        #expect(report.problems.map(\.disposition) == [.rejected, .duplicate, .rejected])
        #expect(report.problems[0].reason.contains("'Somo' names several regions"))
        #expect(report.problems[0].reason.contains("Somo (ML040101, in Barouéli, Ségou)"))
        #expect(report.problems[0].reason.contains("Somo (ML040201, in San, Ségou)"))
        #expect(report.problems[2].reason.hasPrefix("weight '-1'"))
        #expect(!report.isClean)
    }

    @Test(arguments: variants.map(\.file))
    func quotedSeparatorsLineBreaksAndAccentsSurvive(_ file: String) throws {
        let collection = try FeatureFileReader.read(try inputFixture(file))
        let f = collection.features
        try #require(f.count == 10)
        #expect(f[0].properties["note"] == .string("Somo, au sud; \"marché\""))
        #expect(f[1].properties["category"] == .string("éclairage"))
        #expect(f[5].properties["note"] == .string("ligne 1\nligne 2"))
        #expect(f[1].geometry == .point(Coordinate(x: -5.5, y: 14.25)))
        #expect(f.map(\.location.line) == [2, 3, 4, 5, 6, 7, 9, 10, 11, 12])
    }

    /// The same needs, once as UTF-8 with ',' and once as Windows-1252 with
    /// ';' and decimal commas, give the same analysis to the last bit.
    @Test func utf8CommaAndWindows1252SemicolonGiveIdenticalAnalyses() throws {
        func run(_ needs: String) throws -> CoverageReport {
            try AnalysisWorkflow.run(AnalysisRequest(
                regionsPath: try inputFixture("mini-communes.geojson"), initiativesPath: try inputFixture("initiatives-mini.csv"),
                needsPath: try inputFixture(needs)))
        }
        let plain = try run("needs-utf8-comma.csv")
        let excel = try run("needs-windows1252.csv")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        #expect(try encoder.encode(plain.metrics) == encoder.encode(excel.metrics))
        #expect(try encoder.encode(RegionTotals(plain.metrics)) == encoder.encode(RegionTotals(excel.metrics)))
        var a = try #require(plain.layers[.needs]), b = try #require(excel.layers[.needs])
        a.file = ""
        b.file = ""
        #expect(a == b)
        #expect(plain.issues.map { [$0.line.description, $0.id ?? "", $0.field ?? "", $0.reason] }
            == excel.issues.map { [$0.line.description, $0.id ?? "", $0.field ?? "", $0.reason] })
        // And the values are the hand-counted ones: needs per commune, in file order.
        #expect(plain.metrics.map(\.needs) == [2, 1, 0, 4.5, 0, 0.5, 1, 0])
        #expect(a.unassignedWeight == 1)
        // Niamana has the radio programme that names it: present, covering nothing (semantics 1).
        #expect(plain.metrics[3].programmes == 1)
        #expect(plain.metrics[3].coveragePct == 0)
        #expect(plain.metrics[3].needsCovered == 0)
    }

    @Test func decimalCommasAreNumbersOnlyInSemicolonFiles() throws {
        let folder = temporaryFolder("gapmap-dc")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "id;weight;region\nA;1,5;Niamana\n".write(toFile: folder + "/semicolon.csv", atomically: true, encoding: .utf8)
        try "id,weight,region\nA,\"1,5\",Niamana\n".write(toFile: folder + "/comma.csv", atomically: true, encoding: .utf8)
        let regions = try InputValidation.RegionContext(path: try inputFixture("mini-communes.geojson"))
        let semicolon = try InputValidation.validate(folder + "/semicolon.csv", as: .needs, regions: regions)
        #expect(semicolon.isClean)
        let comma = try InputValidation.validate(folder + "/comma.csv", as: .needs, regions: regions)
        #expect(comma.account.rejected == 1)
        #expect(comma.problems.first?.reason.contains("decimal comma is read only in ';'-separated files") == true)
    }
}

/// Damaged copies of the fixtures, read all the way into layers: whatever
/// the damage, every row is used, rejected or a duplicate, and every file
/// that cannot be read at all is a located error.
struct DamagedInputTests {
    static func damage(_ input: [UInt8], _ rng: inout SeededRandom) -> [UInt8] {
        var bytes = input
        let noise: [UInt8] = Array(",;\t\"\n\r-.,0123456789#éa".utf8) + [0xE9, 0xFF]
        for _ in 0..<Int.random(in: 1...4, using: &rng) where !bytes.isEmpty {
            let at = Int.random(in: 0..<bytes.count, using: &rng)
            switch Int.random(in: 0..<4, using: &rng) {
            case 0: bytes[at] = noise.randomElement(using: &rng)!
            case 1: bytes.remove(at: at)
            case 2: bytes.insert(noise.randomElement(using: &rng)!, at: at)
            default:
                let end = min(bytes.count, at + Int.random(in: 1...40, using: &rng))
                bytes.insert(contentsOf: bytes[at..<end], at: Int.random(in: 0...bytes.count, using: &rng))
            }
        }
        return bytes
    }

    @Test(arguments: ["needs-excel-fr.csv", "acled-mini.csv", "hxl-needs.csv", "kobo-needs.csv", "ucdp-ged-mini.csv"])
    func everyRowOfADamagedFileIsAccountedFor(_ file: String) throws {
        let original = Array(try Data(contentsOf: URL(fileURLWithPath: try inputFixture(file))))
        let regions = try InputValidation.RegionContext(path: try inputFixture("mini-communes.geojson"))
        let builder = LayerBuilder(engine: try GeometryEngine())
        var rng = SeededRandom(seed: UInt64(file.utf8.count) * 104_729)
        var read = 0
        for _ in 0..<400 {
            let input = Self.damage(original, &rng)
            let collection: FeatureCollection
            do {
                collection = try CSVFeatureReader.features(from: try CSVReader.parse(bytes: input, path: file), options: .init())
            } catch {
                #expect(error.line != nil, "\(error)")
                continue
            }
            read += 1
            for kind in [LayerKind.needs, .incidents] {
                let account: LayerAccount, issues: [RowIssue]
                if kind == .needs {
                    let l = builder.needs(from: collection, regions: regions.regions, catalog: regions.catalog)
                    (account, issues) = (l.account, l.issues)
                } else {
                    let l = builder.incidents(from: collection, regions: regions.regions, catalog: regions.catalog)
                    (account, issues) = (l.account, l.issues)
                }
                #expect(account.read == collection.features.count)
                #expect(account.read == account.used + account.rejected + account.duplicates)
                #expect(account.used == account.points + account.polygons + account.regionReferenced)
                #expect(issues.count == account.rejected + account.duplicates + account.repaired + account.matched)
                #expect(issues.allSatisfy { !$0.reason.isEmpty && $0.line >= 1 })
            }
        }
        #expect(read > 100)
    }
}
