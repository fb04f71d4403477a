import Foundation
import GeoFormats
import Testing
import TestSupport

/// Seeded random damage to valid documents: the readers must never crash,
/// and every failure must be a FormatError that says where.
@Suite("Fuzzing the readers")
struct FuzzTests {
    static let interesting: [UInt8] = Array("{}[],:\"\\-+.0123456789eEtfnu\n\r\t ;".utf8) + [0x00, 0x80, 0xC3, 0xE9, 0xED, 0xF0, 0xFF]

    static func mutate(_ input: [UInt8], using rng: inout SeededRandom) -> [UInt8] {
        var bytes = input
        let edits = Int.random(in: 1...4, using: &rng)
        for _ in 0..<edits {
            guard !bytes.isEmpty else { break }
            let at = Int.random(in: 0..<bytes.count, using: &rng)
            func randomByte() -> UInt8 {
                Bool.random(using: &rng) ? interesting.randomElement(using: &rng)! : UInt8.random(in: 0...255, using: &rng)
            }
            switch Int.random(in: 0..<6, using: &rng) {
            case 0: bytes[at] = randomByte()
            case 1: bytes[at] ^= 1 << UInt8.random(in: 0..<8, using: &rng)
            case 2: bytes.removeSubrange(at..<min(bytes.count, at + Int.random(in: 1...16, using: &rng)))
            case 3: bytes.insert(contentsOf: (0..<Int.random(in: 1...8, using: &rng)).map { _ in randomByte() }, at: at)
            case 4: bytes.removeSubrange(at...)  // truncation
            default:
                // Duplicate a slice: unbalances brackets and quotes.
                let end = min(bytes.count, at + Int.random(in: 1...64, using: &rng))
                bytes.insert(contentsOf: bytes[at..<end], at: Int.random(in: 0...bytes.count, using: &rng))
            }
        }
        return bytes
    }

    @Test("3,000 mutations of a GeoJSON document parse or throw a located FormatError")
    func geoJSON() throws {
        let original = Array(try Data(contentsOf: URL(fileURLWithPath: try fixturePath("regions.geojson"))))
        var rng = SeededRandom(seed: 7946)
        var parsed = 0, failed = 0
        for _ in 0..<3_000 {
            let input = Self.mutate(original, using: &rng)
            do {
                let collection = try GeoJSONReader.read(bytes: input, path: "fuzz.geojson")
                for feature in collection.features where feature.problem != nil {
                    #expect(feature.geometry == nil)
                }
                _ = try? GeoJSONWriter.encode(collection.features)
                parsed += 1
            } catch {
                #expect(error.line != nil, "\(error)")
                #expect(error.line.map { $0 >= 1 } ?? false)
                failed += 1
            }
        }
        // Both outcomes must actually be exercised.
        #expect(parsed > 50)
        #expect(failed > 1_000)
    }

    @Test("3,000 mutations of a CSV document parse or throw a located FormatError")
    func csv() throws {
        let original = Array(try Data(contentsOf: URL(fileURLWithPath: try fixturePath("quoted.csv"))))
            + Array("5,\"S\u{e9}gou; \"\"centre\"\"\",-6.26,13.44\r\n6,,,\r\n7,x,1e3,-0\n".utf8)
        var rng = SeededRandom(seed: 4180)
        var parsed = 0, failed = 0
        for _ in 0..<3_000 {
            let input = Self.mutate(original, using: &rng)
            do {
                let table = try CSVReader.parse(bytes: input, path: "fuzz.csv")
                let collection = try CSVFeatureReader.features(from: table, options: .init())
                #expect(collection.features.count == table.rows.count)
                for (row, feature) in zip(table.rows, collection.features) {
                    #expect(row.line >= table.headerLine + 1)
                    #expect(feature.properties.count == table.header.count)
                }
                parsed += 1
            } catch {
                #expect(error.line != nil, "\(error)")
                failed += 1
            }
        }
        #expect(parsed > 1_000)
        #expect(failed > 50)
    }

    /// One document per dialect the reader detects.
    static let dialects: [(name: String, bytes: [UInt8])] = {
        let rows = [
            ["id", "nom", "lon", "lat", "poids", "note"],
            ["N1", "Ségou", "-6.2595", "13.4403", "2", "a, b; \"c\""],
            ["N2", "Mopti centre", "-4.197", "14.4843", "1.5", "ligne 1\nligne 2"],
            ["N3", "sans coordonnées", "", "", "1", ""],
            ["N4", "Tombouctou", "-3.0", "16.77", "", "x"],
        ]
        func quoted(_ v: String, _ d: String) -> String {
            v.contains(d) || v.contains("\"") || v.contains("\n") ? "\"" + v.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : v
        }
        func text(_ d: String, eol: String, decimalComma: Bool) -> String {
            rows.enumerated().map { i, row in
                row.enumerated().map { k, v in
                    quoted(decimalComma && i > 0 && (2...4).contains(k) ? v.replacingOccurrences(of: ".", with: ",") : v, d)
                }.joined(separator: d)
            }.joined(separator: eol) + eol
        }
        let comma = Array(text(",", eol: "\n", decimalComma: false).utf8)
        let excel = [0xEF, 0xBB, 0xBF] + Array(text(";", eol: "\r\n", decimalComma: true).utf8) + Array("\r\n\r\n".utf8)
        let tab = Array(text("\t", eol: "\n", decimalComma: false).utf8)
        let windows1252 = text(";", eol: "\r\n", decimalComma: true).unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) }
        var utf16: [UInt8] = [0xFF, 0xFE]
        for unit in text("\t", eol: "\r\n", decimalComma: false).utf16 { utf16 += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let hxl = Array("ID,Lieu,Lat,Lon,Code\n#meta+id,#loc+name,#geo+lat,#geo+lon,#adm2+code\nH1,Somo,12.5,-6.5,ML0401\nH2,\"Sio, nord\",15,-4.5,\n".utf8)
        let acled = Array("""
            event_id_cnty,event_date,admin1,admin2,admin3,latitude,longitude,geo_precision,fatalities
            MLI1,31 December 2020,Segou,San,Somo,13.3,-5.1,3,4
            MLI1,31 December 2020,Segou,San,Somo,13.3,-5.1,3,4
            MLI2,2020-11-05,Mopti,Bankass,Baye,13.5,-3.5,1,0

            """.utf8)
        let excelSep = Array("sep=;\r\n".utf8) + Array(text(";", eol: "\r\n", decimalComma: true).utf8)
        return [("comma", comma), ("excel-fr", excel), ("tab", tab), ("windows-1252", windows1252), ("utf-16", utf16),
                ("hxl", hxl), ("acled", acled), ("sep=", excelSep)]
    }()

    @Test("1,500 mutations of each CSV dialect parse or throw a located FormatError", arguments: dialects.map(\.name))
    func csvDialect(_ name: String) throws {
        let original = Self.dialects.first { $0.name == name }!.bytes
        // The unmutated document reads.
        let clean = try CSVReader.parse(bytes: original, path: "\(name).csv")
        #expect(clean.rows.count >= 2)
        var rng = SeededRandom(seed: UInt64(name.utf8.reduce(0) { $0 &* 31 &+ Int($1) }.magnitude))
        var parsed = 0, failed = 0
        for _ in 0..<1_500 {
            let input = Self.mutate(original, using: &rng)
            do {
                let table = try CSVReader.parse(bytes: input, path: "fuzz.csv")
                let collection = try CSVFeatureReader.features(from: table, options: .init())
                #expect(collection.features.count == table.rows.count)
                let lines = table.rows.map(\.line)
                #expect(zip(lines, lines.dropFirst()).allSatisfy { $0 < $1 }, "record lines must increase")
                #expect(lines.allSatisfy { $0 > table.headerLine && $0 != table.hxlLine })
                if let tags = table.hxlTags { #expect(tags.count == table.header.count) }
                for feature in collection.features {
                    #expect(feature.properties.count == table.header.count)
                    if feature.problem != nil { #expect(feature.geometry == nil) }
                    if case .point(let p)? = feature.geometry {
                        #expect(p.isFinite && abs(p.x) <= 180 && abs(p.y) <= 90)
                    }
                }
                parsed += 1
            } catch {
                #expect(error.line.map { $0 >= 1 } ?? false, "\(error)")
                #expect(!error.message.isEmpty)
                failed += 1
            }
        }
        #expect(parsed > 300, "\(name): \(parsed) parsed")
    }

    /// GeoJSON documents of other shapes: points with a legacy crs, a bare
    /// geometry, a single Feature with nested properties.
    static let geoJSONDocuments: [(name: String, text: String)] = [
        ("points with crs", #"""
            {"type": "FeatureCollection", "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::32630"}},
             "features": [
              {"type": "Feature", "id": 1, "properties": {"id": "U1", "weight": 1.5e0, "tags": [1, -2.5E-3, true, null]},
               "geometry": {"type": "Point", "coordinates": [337823.71, 1520582.494]}},
              {"type": "Feature", "properties": {"id": "U2", "note": "S\u00e9gou \"nord\"\n"},
               "geometry": {"type": "MultiPoint", "coordinates": [[446004.0, 1547783.3], [1, 2]]}}
             ]}
            """#),
        ("bare geometry", #"""
            {"type": "GeometryCollection", "geometries": [
              {"type": "LineString", "coordinates": [[-6.5, 12.5], [-6.4, 12.6]]},
              {"type": "MultiPolygon", "coordinates": [[[[-7, 12], [-6, 12], [-6, 13], [-7, 12]]], [[[0, 0], [1, 0], [1, 1], [0, 0]]]]}
            ]}
            """#),
        ("feature", #"""
            {"type": "Feature", "properties": {"a": {"b": {"c": [1, {"d": "é"}]}}, "n": -0.0, "big": 12345678901234567890},
             "geometry": {"type": "Polygon", "coordinates": [[[-7, 12], [-6, 12], [-6, 13], [-7, 13], [-7, 12]], [[-6.8, 12.2], [-6.2, 12.8], [-6.2, 12.2], [-6.8, 12.2]]]}}
            """#),
    ]

    @Test("1,500 mutations of each other GeoJSON shape parse or throw a located FormatError", arguments: geoJSONDocuments.map(\.name))
    func geoJSONShape(_ name: String) throws {
        let original = Array(Self.geoJSONDocuments.first { $0.name == name }!.text.utf8)
        _ = try GeoJSONReader.read(bytes: original, path: "\(name).geojson")
        var rng = SeededRandom(seed: UInt64(name.utf8.count * 7919))
        var parsed = 0
        for _ in 0..<1_500 {
            let input = Self.mutate(original, using: &rng)
            do {
                let collection = try GeoJSONReader.read(bytes: input, path: "fuzz.geojson")
                for feature in collection.features where feature.problem != nil { #expect(feature.geometry == nil) }
                _ = try? GeoJSONWriter.encode(collection.features)
                parsed += 1
            } catch {
                #expect(error.line.map { $0 >= 1 } ?? false, "\(error)")
                #expect(error.column.map { $0 >= 1 } ?? false, "\(error)")
            }
        }
        #expect(parsed > 20, "\(name): \(parsed) parsed")
    }
}
