import Foundation
import GeoCore
@testable import GeoFormats
import GRDB
import Testing
import TestSupport

/// Seeded random damage to GeoPackage geometry blobs and their WKB, beside
/// the GeoJSON and CSV fuzzers: decoding never crashes, a blob that cannot
/// be read is a GeoPackageGeometryError that says why, and a layer of
/// damaged blobs reads with each bad row's fid.
@Suite("Fuzzing the GeoPackage geometry reader")
struct GeoPackageFuzzTests {
    /// Valid blobs of every geometry type the readers meet.
    static func originals(_ engine: GeometryEngine) throws -> [[UInt8]] {
        let regions = try GeoJSONReader.read(contentsOf: try fixturePath("regions.geojson"))
        var geometries = regions.features.compactMap(\.geometry).prefix(3).map { $0 }
        geometries += [
            .point(Coordinate(x: -4.5, y: 14.2)),
            try engine.geometry(wkt: "MULTIPOINT ((1 2), (3 4))"),
            try engine.geometry(wkt: "LINESTRING (0 0, 1 1, 2 0)"),
            try engine.geometry(wkt: "POLYGON ((0 0, 4 0, 4 4, 0 4, 0 0), (1 1, 2 1, 2 2, 1 2, 1 1))"),
            try engine.geometry(wkt: "GEOMETRYCOLLECTION (POINT (1 1), LINESTRING (0 0, 1 1))"),
        ]
        return try geometries.map { try GeoPackageGeometry.encode($0, srsID: 4326, engine: engine) }
    }

    /// Damage aimed at binary structure: counts, type codes, byte order, lengths.
    static func mutate(_ input: [UInt8], using rng: inout SeededRandom) -> [UInt8] {
        var bytes = input
        for _ in 0..<Int.random(in: 1...3, using: &rng) {
            guard !bytes.isEmpty else { break }
            let at = Int.random(in: 0..<bytes.count, using: &rng)
            switch Int.random(in: 0..<6, using: &rng) {
            case 0: bytes[at] = UInt8.random(in: 0...255, using: &rng)
            case 1: bytes[at] ^= 1 << UInt8.random(in: 0..<8, using: &rng)
            case 2: bytes.removeSubrange(at...)  // truncation
            case 3:  // a huge or negative count / type where a UInt32 sits
                let value: UInt32 = [0xFFFF_FFFF, 0x7FFF_FFFF, 0, 1, 1000, 0x8000_0000].randomElement(using: &rng)!
                for k in 0..<4 where at + k < bytes.count { bytes[at + k] = UInt8(value >> (8 * UInt32(k)) & 0xFF) }
            case 4:  // a non-finite or huge coordinate
                let d: Double = [.nan, .infinity, -.infinity, 1e308, -1e308].randomElement(using: &rng)!
                for k in 0..<8 where at + k < bytes.count { bytes[at + k] = UInt8(d.bitPattern >> (8 * UInt64(k)) & 0xFF) }
            default:
                bytes.insert(contentsOf: (0..<Int.random(in: 1...9, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }, at: at)
            }
        }
        return bytes
    }

    @Test("4,000 mutations of geometry blobs decode or throw an error that says why")
    func blobs() throws {
        let engine = try GeometryEngine()
        let originals = try Self.originals(engine)
        var rng = SeededRandom(seed: 20101)
        var decoded = 0, refused = 0
        for i in 0..<4_000 {
            let blob = Self.mutate(originals[i % originals.count], using: &rng)
            _ = try? GeoPackageGeometry.envelope(of: blob)
            do {
                if let g = try GeoPackageGeometry.decode(blob, engine: engine) {
                    // What decodes can be written again (non-finite values included) and measured.
                    _ = g.envelope
                    _ = g.coordinateCount
                }
                decoded += 1
            } catch {
                #expect(!error.message.isEmpty)
                refused += 1
            }
        }
        #expect(decoded > 200 && refused > 1_000, "decoded \(decoded), refused \(refused)")
    }

    @Test("1,500 mutations of bare WKB read through GEOS or throw")
    func wkb() throws {
        let engine = try GeometryEngine()
        let originals = try Self.originals(engine).map { blob in Array(blob[try GeoPackageGeometry.header(of: blob).wkbOffset...]) }
        var rng = SeededRandom(seed: 1999)
        var read = 0, refused = 0
        for i in 0..<1_500 {
            do {
                _ = try engine.geometry(wkb: Self.mutate(originals[i % originals.count], using: &rng))
                read += 1
            } catch {
                refused += 1
            }
        }
        #expect(read > 100 && refused > 300, "read \(read), refused \(refused)")
    }

    @Test("a layer of 300 damaged blobs reads, every unreadable row named by its fid")
    func layer() throws {
        let engine = try GeometryEngine()
        let originals = try Self.originals(engine)
        let path = TestSupport.temporaryFolder("gapmap-fuzz") + "/fuzz.gpkg"
        let writer = try GeoPackageWriter(path: path)
        try writer.addFeatureLayer(GeoPackageLayer(name: "things", geometryType: .geometry, fields: []),
                                   features: (0..<300).map { _ in Feature(geometry: .point(Coordinate(x: 0, y: 0))) })
        try writer.commit()
        var rng = SeededRandom(seed: 4326)
        var configuration = Configuration()
        configuration.prepareDatabase { db in GeoPackage.addFunctions(to: db) }
        try DatabaseQueue(path: path, configuration: configuration).write { db in
            // The R-tree's triggers would refuse nonsense envelopes; a damaged file has no such guard.
            for trigger in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger'") {
                try db.execute(sql: "DROP TRIGGER \(GeoPackage.quote(trigger))")
            }
            for fid in 1...300 {
                let blob = Self.mutate(originals[fid % originals.count], using: &rng)
                try db.execute(sql: "UPDATE things SET geom = ? WHERE fid = ?", arguments: [Data(blob), fid])
            }
        }
        let collection = try GeoPackageReader.read(contentsOf: path)
        #expect(collection.features.count == 300)
        for feature in collection.features {
            if let problem = feature.problem {
                #expect(feature.geometry == nil)
                #expect(problem.message.hasPrefix("fid \(feature.location.line): "), "\(problem)")
            }
        }
        #expect(collection.features.contains { $0.problem != nil } && collection.features.contains { $0.geometry != nil })
    }
}
