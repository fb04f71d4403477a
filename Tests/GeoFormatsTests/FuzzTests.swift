import Foundation
import GeoFormats
import Testing

/// Seeded random damage to valid documents: the readers must never crash,
/// and every failure must be a FormatError that says where.
@Suite("Fuzzing the readers")
struct FuzzTests {
    static let interesting: [UInt8] = Array("{}[],:\"\\-+.0123456789eEtfnu\n\r\t ;".utf8) + [0x00, 0x80, 0xC3, 0xE9, 0xED, 0xF0, 0xFF]

    static func mutate(_ input: [UInt8], using rng: inout SeededGenerator) -> [UInt8] {
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
        var rng = SeededGenerator(seed: 7946)
        var parsed = 0, failed = 0
        for _ in 0..<3_000 {
            let input = Self.mutate(original, using: &rng)
            do {
                let collection = try GeoJSONReader.read(bytes: input, path: "fuzz.geojson")
                for feature in collection.features where feature.problem != nil {
                    #expect(feature.geometry == nil)
                }
                _ = GeoJSONWriter.encode(collection.features)
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
        var rng = SeededGenerator(seed: 4180)
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
}
