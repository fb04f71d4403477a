import Foundation
import Testing
import TestSupport
@testable import GapMap
import GeoCore
import GeoFormats
import GRDB

/// Values GEOS cannot take, or that would give wrong or non-finite figures,
/// are refused at the row, with file, line (or fid), field, the value and
/// the allowed range, in every format alike (issue 14, items 3 and 4).
struct RowBoundsTests {
    static func write(_ name: String, _ text: String) throws -> String {
        let path = TestSupport.temporaryFolder("gapmap-bounds") + "/" + name
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func initiatives(_ path: String) throws -> LoadedLayer<Initiative> {
        LayerBuilder(engine: try GeometryEngine()).initiatives(from: try FeatureFileReader.read(path), regions: [], catalog: .unchecked)
    }

    static func needs(_ path: String) throws -> LoadedLayer<Need> {
        LayerBuilder(engine: try GeometryEngine()).needs(from: try FeatureFileReader.read(path), regions: [], catalog: .unchecked)
    }

    @Test func aRadiusBeyondTheBoundIsRefusedAtItsRowWithTheRangeAndNoHugeDigits() throws {
        let csv = try Self.write("initiatives.csv", """
            id,lon,lat,radius_km
            A,-4,14,40000
            B,-4,14,1e308
            C,-4,14,2000
            D,-4,14,0
            """)
        let layer = try Self.initiatives(csv)
        #expect(layer.items.map(\.id) == ["C"])
        #expect(layer.account.read == 4 && layer.account.rejected == 3)
        let a = try #require(layer.issues.first { $0.line == 2 })
        #expect(a.field == "radius_km" && a.reason.contains("'40000' is too large") && a.reason.contains("at most 2000 km"))
        let b = try #require(layer.issues.first { $0.line == 3 })
        #expect(b.reason.contains("'1e308' is too large") && b.reason.count < 300)

        // GeoJSON writes 1e308 as a number: its message quotes it short, not as 309 digits.
        let geojson = try Self.write("initiatives.geojson", """
            {"type":"FeatureCollection","features":[
            {"type":"Feature","properties":{"id":"G","radius_km":1e308},"geometry":{"type":"Point","coordinates":[-4,14]}}
            ]}
            """)
        let g = try Self.initiatives(geojson)
        #expect(g.items.isEmpty)
        let issue = try #require(g.issues.first)
        #expect(issue.reason.contains("'1e+308'") && !issue.reason.contains("000000000000"), "\(issue.reason)")
    }

    @Test func aDiscThatReachesAPoleOrCrossesTheAntimeridianIsRefusedWithTheReason() throws {
        // pyproj Geod(WGS84): 1,116.83 km from (0, 80) to the North Pole;
        // 53.24 km from (179.5, -17) to the meridian 180° (its nearest point).
        let csv = try Self.write("initiatives.csv", """
            id,lon,lat,radius_km
            P1,0,80,1110
            P2,0,80,1120
            F1,179.5,-17,53
            F2,179.5,-17,54
            S1,10,-85,600
            """)
        let layer = try Self.initiatives(csv)
        #expect(layer.items.map(\.id) == ["P1", "F1"])
        #expect(layer.issues.first { $0.line == 3 }?.reason.contains("reaches the North Pole") == true)
        #expect(layer.issues.first { $0.line == 5 }?.reason.contains("crosses the antimeridian") == true)
        #expect(layer.issues.first { $0.line == 6 }?.reason.contains("reaches the South Pole") == true)
        #expect(layer.issues.allSatisfy { $0.field == "radius_km" })
    }

    @Test func theRunsDefaultRadiusIsCheckedPerDiscNamingTheInitiativesLine() throws {
        let regions = Fixture.regions([("FJ", "Fiji", Fixture.box(178, -19, 180, -16))])
        let initiatives = Fixture.collection("fiji.csv", [(Fixture.point(179.5, -17), [("id", "F")])])
        var parameters = AnalysisParameters()
        parameters.defaultRadiusKm = 100
        do {
            _ = try Fixture.analyze(regions: regions, initiatives: initiatives, parameters: parameters)
            Issue.record("a disc across the antimeridian was drawn")
        } catch let error as GapMapError {
            #expect(error.field == "radius" && error.line == 2 && "\(error)".contains("crosses the antimeridian"), "\(error)")
        }
        parameters.defaultRadiusKm = 50
        let report = try Fixture.analyze(regions: regions, initiatives: initiatives, parameters: parameters)
        #expect(report.coverageKm2 > 0)
    }

    @Test func weightsAndPopulationsBeyond1e12AreRefusedSoNoSumOverflows() throws {
        let csv = try Self.write("needs.csv", """
            id,lon,lat,weight
            N1,-4,14,1e308
            N2,-4,14,1.7e308
            N3,-4,14,1e12
            N4,-4,14,1000000000001
            """)
        let layer = try Self.needs(csv)
        #expect(layer.items.map(\.id) == ["N3"])
        #expect(layer.issues.filter { $0.field == "weight" && $0.reason.contains("is too large (a number greater than 0 and at most 1000000000000)") }.count == 3)

        // Three weights at the bound sum to a finite 3e12 in every output figure.
        let regions = Fixture.regions([("R", "R", Fixture.box(-5, 13, -3, 15))])
        let needs = Fixture.collection("needs.csv", (0..<3).map { (Fixture.point(-4, 14), [("id", "N\($0)"), ("weight", "1e12")]) })
        let report = try Fixture.analyze(regions: regions, needs: needs)
        #expect(report.metrics[0].needs == 3e12)
        #expect(report.metrics[0].needsUncovered == 3e12)
    }

    @Test func coordinatesOutOfRangeOrNotFiniteInAGeoPackageAreRefusedWithTheirFid() throws {
        let path = TestSupport.temporaryFolder("gapmap-bounds") + "/points.gpkg"
        let writer = try GeoPackageWriter(path: path)
        let points: [(Double, Double)] = [(-4, 14), (-4, 95), (.infinity, 14), (200, 10), (-4, -.infinity)]
        try writer.addFeatureLayer(
            GeoPackageLayer(name: "needs", geometryType: .point, fields: [GeoPackageField("id", .text)]),
            // gapmap's writer refuses a coordinate that is not finite: placeholders, replaced below.
            features: points.indices.map { i in
                Feature(geometry: .point(Coordinate(x: -4, y: 14)), properties: ["id": .string("N\(i + 1)")])
            })
        try writer.commit()
        // Blobs as GDAL writes them: "GP", version 0, flags 1 (little-endian,
        // no envelope), srs_id 4326, then the WKB point, infinities included.
        var configuration = Configuration()
        configuration.prepareDatabase { db in GeoPackage.addFunctions(to: db) }  // its R-tree triggers call ST_IsEmpty
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        try queue.write { db in
            for (fid, p) in points.enumerated() {
                var blob: [UInt8] = [0x47, 0x50, 0, 1] + withUnsafeBytes(of: Int32(4326).littleEndian, Array.init)
                blob += [1] + withUnsafeBytes(of: UInt32(1).littleEndian, Array.init)
                blob += withUnsafeBytes(of: p.0.bitPattern.littleEndian, Array.init) + withUnsafeBytes(of: p.1.bitPattern.littleEndian, Array.init)
                try db.execute(sql: "UPDATE needs SET geom = ? WHERE fid = ?", arguments: [Data(blob), fid + 1])
            }
        }
        let layer = try Self.needs(path)
        #expect(layer.items.map(\.id) == ["N1"])
        #expect(layer.account.rejected == 4)
        let reasons = Dictionary(uniqueKeysWithValues: layer.issues.map { ($0.line, $0.reason) })
        #expect(reasons[2]?.contains("latitude 95 is not a number from -90 to 90 degrees") == true, "\(reasons)")
        #expect(reasons[3]?.contains("longitude inf") == true, "\(reasons[3] ?? "")")
        #expect(reasons[4]?.contains("longitude 200") == true)
        #expect(reasons[5]?.contains("latitude -inf") == true)
        #expect(layer.issues.allSatisfy { $0.file.hasSuffix("points.gpkg:needs") && $0.field == "geometry" })
    }
}
