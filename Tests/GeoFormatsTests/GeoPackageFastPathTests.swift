import Foundation
import GRDB
import GeoCore
import Testing
import TestSupport
@testable import GeoFormats

/// The fast paths of the GeoPackage writer give what the slow ones gave.
struct GeoPackageFastPathTests {
    @Test func aPointIsWrittenAsGEOSWritesItsISOWKB() throws {
        let engine = try GeometryEngine()
        for p in [Coordinate(x: -7.9866, y: 12.6392), Coordinate(x: 0, y: -0.0), Coordinate(x: 179.999999, y: -89.5), Coordinate(x: 1e-300, y: 3)] {
            let blob = try GeoPackageGeometry.encode(.point(p), srsID: 4326, engine: engine)
            // "GP", version 0, little-endian with an xy envelope, srs 4326, the envelope (the point four times as minx, maxx, miny, maxy).
            var expected: [UInt8] = [0x47, 0x50, 0, 0x03, 0xE6, 0x10, 0, 0]
            for v in [p.x, p.x, p.y, p.y] { withUnsafeBytes(of: v.bitPattern.littleEndian) { expected += $0 } }
            expected += try engine.wkb(.point(p))
            #expect(blob == expected)
            #expect(Array(blob[40..<45]) == [0x01, 0x01, 0, 0, 0])  // little-endian, type 1 (Point)
            #expect(try GeoPackageGeometry.decode(blob, engine: engine) == .point(p))
        }
    }

    @Test func theRTreeFilledAsRowsAreWrittenHoldsWhatTheSpatialIndexFunctionsGive() throws {
        let path = temporaryFolder("geoformats") + "/many.gpkg"
        let writer = try GeoPackageWriter(path: path)
        let layer = GeoPackageLayer(name: "spots", geometryType: .point, fields: [GeoPackageField("n", .integer)])
        try writer.beginFeatureLayer(layer)
        var rng = SeededRandom(seed: 9)
        var n = 0
        for chunk in 0..<4 {
            let features = (0..<250).map { k -> Feature in
                n += 1
                // Some rows without a geometry, as region-referenced needs are written.
                let geometry: Geometry? = k % 50 == 7 ? nil : .point(Coordinate(x: -12 + rng.nextUnit() * 16, y: 10 + rng.nextUnit() * 15))
                return Feature(geometry: geometry, properties: Properties([("n", .integer(chunk * 1000 + k))]))
            }
            try writer.appendFeatures(features, to: layer)
        }
        try writer.finishFeatureLayer(layer)
        try writer.addFeatureLayer(GeoPackageLayer(name: "areas", geometryType: .multiPolygon, fields: []), features: [
            Feature(geometry: .polygon(Polygon(exterior: [c(0, 0), c(2, 0), c(2, 1), c(0, 0)]))), Feature(geometry: .multiPolygon([])),
            Feature(geometry: nil), Feature(geometry: .polygon(Polygon(exterior: [c(-5, -4), c(-3, -4), c(-3, 7), c(-5, -4)]))),
        ])
        try writer.commit()

        var configuration = Configuration()
        configuration.prepareDatabase { db in GeoPackage.addFunctions(to: db) }
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        try queue.write { db in
            for (table, rows) in [("spots", 1000 - 20), ("areas", 2)] {
                // The R-tree as the extension's own SQL fills it from the blobs, in a table of its own.
                try db.execute(sql: "CREATE VIRTUAL TABLE check_\(table) USING rtree(id, minx, maxx, miny, maxy)")
                try db.execute(sql: """
                    INSERT INTO check_\(table) SELECT fid, ST_MinX(geom), ST_MaxX(geom), ST_MinY(geom), ST_MaxY(geom)
                    FROM \(table) WHERE geom NOT NULL AND NOT ST_IsEmpty(geom)
                    """)
                let expected = try Row.fetchAll(db, sql: "SELECT * FROM check_\(table) ORDER BY id")
                let found = try Row.fetchAll(db, sql: "SELECT * FROM rtree_\(table)_geom ORDER BY id")
                #expect(expected.count == rows)
                #expect(found == expected)
            }
        }
    }

    private func c(_ x: Double, _ y: Double) -> Coordinate { Coordinate(x: x, y: y) }
}
