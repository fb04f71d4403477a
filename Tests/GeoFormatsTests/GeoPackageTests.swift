import Foundation
import GRDB
import GeoCore
import Testing
import TestSupport
@testable import GeoFormats

/// GeoPackage binary geometry, reading layers written by GDAL, and writing
/// layers that GDAL's own tools read without a warning.
struct GeoPackageTests {
    // MARK: Binary geometry, checked byte by byte against OGC 12-128r18 §2.1.3

    @Test func aPolygonIsWrittenWithTheStandardHeaderAndEnvelopeThenLittleEndianISOWKB() throws {
        let engine = try GeometryEngine()
        let square = Geometry.polygon(Polygon(exterior: [c(-8, 12), c(-6, 12), c(-6, 14.5), c(-8, 14.5), c(-8, 12)]))
        let blob = try GeoPackageGeometry.encode(square, srsID: 4326, engine: engine)
        #expect(Array(blob[0..<4]) == [0x47, 0x50, 0x00, 0x03])  // "GP", version 0, flags: little-endian, envelope xy
        #expect(Array(blob[4..<8]) == [0xE6, 0x10, 0x00, 0x00])  // srs_id 4326, little-endian
        func double(at offset: Int) -> Double {
            Double(bitPattern: (0..<8).reduce(UInt64(0)) { $0 | UInt64(blob[offset + $1]) << (8 * UInt64($1)) })
        }
        // Envelope in the order minx, maxx, miny, maxy.
        #expect([double(at: 8), double(at: 16), double(at: 24), double(at: 32)] == [-8, -6, 12, 14.5])
        // WKB: byte order 1, type 3 (Polygon), 1 ring, 5 points.
        #expect(Array(blob[40..<49]) == [0x01, 0x03, 0, 0, 0, 0x01, 0, 0, 0])
        #expect(blob.count == 40 + 1 + 4 + 4 + 4 + 5 * 16)
        #expect(try GeoPackageGeometry.decode(blob, engine: engine) == square)
    }

    @Test func anEmptyGeometryHasTheEmptyFlagAndNoEnvelopeAndReadsAsNoGeometry() throws {
        let engine = try GeometryEngine()
        let blob = try GeoPackageGeometry.encode(.multiPolygon([]), srsID: 4326, engine: engine)
        #expect(blob[3] == 0x11)  // little-endian, no envelope, empty
        #expect(Array(blob[8..<13]) == [0x01, 0x06, 0, 0, 0])  // MultiPolygon WKB follows at once
        #expect(try GeoPackageGeometry.decode(blob, engine: engine) == nil)
        #expect(try GeoPackageGeometry.envelope(of: blob) == nil)
    }

    @Test func aBigEndianHeaderAndBigEndianWKBWithZAreRead() throws {
        // Written by hand: flags 0x00 (big-endian, no envelope), srs_id 4326,
        // then a big-endian ISO WKB Point Z (type 1001) at (-3.5, 17.25, 300).
        var blob: [UInt8] = [0x47, 0x50, 0x00, 0x00, 0x00, 0x00, 0x10, 0xE6, 0x00, 0x00, 0x00, 0x03, 0xE9]
        for v in [-3.5, 17.25, 300.0] { withUnsafeBytes(of: v.bitPattern.bigEndian) { blob += $0 } }
        let header = try GeoPackageGeometry.header(of: blob)
        #expect(header.srsID == 4326 && !header.isLittleEndian && header.envelope == nil && header.wkbOffset == 8)
        #expect(try GeoPackageGeometry.decode(blob, engine: GeometryEngine()) == .point(c(-3.5, 17.25)))
        // The pure-Swift envelope (used by the R-tree triggers) walks the WKB.
        #expect(try GeoPackageGeometry.envelope(of: blob) == Envelope(minX: -3.5, minY: 17.25, maxX: -3.5, maxY: 17.25))
    }

    @Test func blobsThatAreNotStandardGeoPackageGeometriesAreRefusedWithAReason() throws {
        let engine = try GeometryEngine()
        let point = try GeoPackageGeometry.encode(.point(c(1, 2)), srsID: 4326, engine: engine)
        var extended = point
        extended[3] |= 0x20
        #expect(throws: GeoPackageGeometryError.self) { try GeoPackageGeometry.decode(extended, engine: engine) }
        var badIndicator = point
        badIndicator[3] = 0x01 | (5 << 1)
        #expect(throws: GeoPackageGeometryError.self) { try GeoPackageGeometry.header(of: badIndicator) }
        let spatialite: [UInt8] = [0x00, 0x01, 0xE6, 0x10, 0, 0, 0, 0, 0, 0, 0, 0]
        do {
            _ = try GeoPackageGeometry.decode(spatialite, engine: engine)
            Issue.record("a Spatialite blob was accepted")
        } catch {
            #expect(error.message.contains("magic"))
        }
        let truncated = Array(point.prefix(point.count - 4))
        #expect(throws: GeoPackageGeometryError.self) { try GeoPackageGeometry.decode(truncated, engine: engine) }
    }

    // MARK: Reading a file written by GDAL (ogr2ogr 3.6, kept as a fixture)

    @Test func aFileWithSeveralLayersNeedsALayerNameAndListsThem() throws {
        let path = try fixturePath("layers.gpkg")
        do {
            _ = try GeoPackageReader.read(contentsOf: path)
            Issue.record("read without a layer name")
        } catch {
            #expect(error.message.contains("2 feature layers: squares (Polygon, 2 features), sites (Point, 3 features)"))
            #expect(error.message.contains("name the one to read as \(path):squares"))
        }
        do {
            _ = try GeoPackageReader.read(contentsOf: path, layer: "communes")
            Issue.record("read a missing layer")
        } catch {
            #expect(error.message.contains("no layer 'communes'"))
        }
        #expect(GeoPackageReader.splitLayerReference(path + ":sites") == (path, "sites"))
        #expect(GeoPackageReader.splitLayerReference("notes:2024.csv") == ("notes:2024.csv", nil))
    }

    @Test func attributesKeepTheirTypesAndEachFeatureIsLocatedByItsFid() throws {
        let path = try fixturePath("layers.gpkg")
        let sites = try GeoPackageReader.read(contentsOf: path, layer: "sites")
        #expect(sites.source.format == .geopackage)
        #expect(sites.source.crs == nil)  // EPSG:4326
        #expect(sites.source.columns == ["id", "population", "share", "capital", "founded", "note"])
        #expect(sites.features.map(\.geometry) == [.point(c(-8, 12.65)), .point(c(-6.25, 13.5)), nil])
        let s2 = sites.features[1]
        #expect(s2.properties["population"] == .integer(85))
        #expect(s2.properties["share"] == .number(1.5))
        #expect(s2.properties["capital"] == .bool(false))
        #expect(s2.properties["founded"] == .string("1901-01-31"))
        #expect(s2.properties["note"] == .string("l'école \"Ségou\""))
        #expect(sites.features[2].properties["population"] == .null)
        #expect(s2.location.line == 2 && s2.location.lineKind == .featureID)
        #expect("\(s2.location)" == "\(path):sites (fid 2)")
    }

    @Test func aProjectedLayerReportsItsEPSGCodeAndReprojectsToTheHandComputedArea() throws {
        let path = try fixturePath("layers.gpkg")
        let squares = try GeoPackageReader.read(contentsOf: path, layer: "squares")
        #expect(squares.source.crs == "EPSG:32630")
        #expect(squares.features[1].geometry == nil)
        let reprojected = try Reprojector(sourceCRS: "EPSG:32630").transform(try #require(squares.features[0].geometry))
        // A 10 km × 10 km UTM grid square just east of the central meridian
        // (E 500–510 km, N 1500–1510 km, about 13.6°N). Grid area = true area
        // × k², with k = k0 (1 + (1 + e'² cos²φ) x² / 2N²) (Snyder 1987,
        // eq. 8-11): k0 = 0.9996, mean x² = 10,004²/3 m², N = 6,379,318 m,
        // e'² cos²φ = 0.006367 → true area = 100 / (0.9996² (1 + 8.25e-7))
        // = 100.07997 km².
        let area = Geodesy.areaSquareKilometers(reprojected)
        #expect(abs(area - 100.079965) / 100.079965 < 2e-6, "area \(area)")
    }

    // MARK: Writing, checked with GDAL where it is installed

    @Test func hostileLayerAndFieldNamesAreQuotedAndReadBack() throws {
        _ = try Self.writeHostileNames()
    }

    @Test(.enabled(if: GDAL.available?.validator != nil, "GDAL's ogrinfo and validate_gpkg.py (python3-gdal) are not installed"))
    func hostileLayerAndFieldNamesAreReadByGDAL() throws {
        let path = try Self.writeHostileNames()
        let gdal = try #require(GDAL.available)
        let info = try gdal.ogrinfo(["-ro", "-al", "-so", path])
        #expect(info.errors.isEmpty, "\(info.errors)")
        #expect(info.output.contains("Feature Count: 2"))
        #expect(info.output.contains("Extent: (-8.000000, 12.600000) - (-8.000000, 12.600000)"))
        try gdal.expectValid(path)
    }

    /// Writes a layer whose table and field names are SQL injections, and reads it back.
    static func writeHostileNames() throws -> String {
        let folder = temporaryFolder("geoformats")
        let path = folder + "/hostile.gpkg"
        let table = #"needs"; DROP TABLE gpkg_contents; --"#
        let field = #"weight "kg"; x"#
        let layer = GeoPackageLayer(name: table, geometryType: .point,
                                    fields: [GeoPackageField("id", .text), GeoPackageField(field, .real), GeoPackageField("ok", .boolean)])
        let writer = try GeoPackageWriter(path: path)
        try writer.addFeatureLayer(layer, features: [
            Feature(geometry: .point(c(-8, 12.6)), properties: Properties([("id", "N1"), (field, .number(2.5)), ("ok", .bool(true))])),
            Feature(geometry: nil, properties: Properties([("id", "N2'); DELETE FROM x; --"), (field, .null)])),
        ])
        #expect(!FileManager.default.fileExists(atPath: path))  // not before commit
        try writer.commit()
        #expect(!FileManager.default.fileExists(atPath: path + ".partial"))
        let back = try GeoPackageReader.read(contentsOf: path)
        #expect(back.source.columns == ["id", field, "ok"])
        #expect(back.features.count == 2)
        #expect(back.features[0].properties[field] == .number(2.5))
        #expect(back.features[0].properties["ok"] == .bool(true))
        #expect(back.features[1].properties["id"] == .string("N2'); DELETE FROM x; --"))
        #expect(try GeoPackageReader.layers(inFile: path).map(\.name) == [table])

        return path
    }

    /// SQLite would store infinity as a REAL and NaN as NULL (a missing
    /// value): the writer refuses both, in a feature's field, its geometry,
    /// a JSON array column and an attributes table, naming layer, feature
    /// and field.
    @Test func aNumberThatIsNotFiniteIsRefusedWithTheLayerFeatureAndField() throws {
        let folder = temporaryFolder("geoformats")
        let path = folder + "/out.gpkg"
        do {
            let writer = try GeoPackageWriter(path: path)
            let layer = GeoPackageLayer(name: "regions", geometryType: .multiPolygon,
                                        fields: [GeoPackageField("region_id", .text), GeoPackageField("covered_km2", .real), GeoPackageField("tags", .text)])
            try writer.beginFeatureLayer(layer)
            let square = Geometry.polygon(Polygon(exterior: [c(0, 0), c(1, 0), c(1, 1), c(0, 1), c(0, 0)]))
            let good = Feature(geometry: square, properties: Properties([("region_id", "ML01"), ("covered_km2", .number(3))]))
            try writer.appendFeatures([good], to: layer)
            let cases: [(Feature, String, String)] = [
                (Feature(geometry: square, properties: Properties([("region_id", "ML02"), ("covered_km2", .number(.infinity))])), "covered_km2", "inf"),
                (Feature(geometry: square, properties: Properties([("region_id", "ML02"), ("tags", .array([1, .number(-.infinity)]))])), "tags[1]", "-inf"),
                (Feature(geometry: .polygon(Polygon(exterior: [c(0, 0), c(.nan, 0), c(1, 1), c(0, 0)])), properties: Properties([("region_id", "ML02")])),
                 "geometry", "nan"),
            ]
            for (feature, field, value) in cases {
                let error = #expect(throws: FormatError.self) { try writer.appendFeatures([good, feature], to: layer) }
                // The second feature of this call, after the one written before: the layer's third.
                #expect(error?.field == field && error?.message.hasPrefix(#"layer regions, feature 3 (id "ML02"): '\#(field)' would be \#(value)"#) == true,
                        "\(String(describing: error))")
            }
            let table = GeoPackageLayer(name: "runs", geometryType: nil, fields: [GeoPackageField("id", .text), GeoPackageField("share", .real)])
            let error = #expect(throws: FormatError.self) {
                try writer.addAttributeTable(table, rows: [Properties([("id", "a"), ("share", .number(1))]), Properties([("id", "b"), ("share", .number(.nan))])])
            }
            #expect(error?.field == "share" && error?.message.hasPrefix(#"layer runs, feature 2 (id "b"): 'share' would be nan"#) == true, "\(String(describing: error))")
        }
        // Dropped without commit: no file under the name, no partial left.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
    }

    /// Rows given as values in the layer's field order (the analysis's
    /// needs and incidents) read back as those values, and an error names
    /// the row by its id as a feature's would.
    @Test func rowsInFieldOrderReadBackAndAreNamedByTheirIdInErrors() throws {
        let folder = temporaryFolder("geoformats")
        let path = folder + "/rows.gpkg"
        let layer = GeoPackageLayer(name: "needs", geometryType: .point,
                                    fields: [GeoPackageField("id", .text), GeoPackageField("covered", .boolean), GeoPackageField("weight", .real),
                                             GeoPackageField("severity", .integer)])
        do {
            let writer = try GeoPackageWriter(path: path)
            try writer.beginFeatureLayer(layer)
            try writer.appendRows([
                GeoPackageRow(geometry: .point(c(-8, 12.5)), values: ["N1", .bool(true), .number(2.5), .integer(4)]),
                GeoPackageRow(geometry: nil, values: ["N2", .bool(false), .number(1)]),
            ], to: layer)
            let error = #expect(throws: FormatError.self) {
                try writer.appendRows([GeoPackageRow(geometry: .point(c(0, 0)), values: ["N3", .bool(false), .number(.nan), .null])], to: layer)
            }
            // Two rows written before: this one is the layer's third.
            #expect(error?.field == "weight" && error?.message.hasPrefix(#"layer needs, feature 3 (id "N3"): 'weight' would be nan"#) == true,
                    "\(String(describing: error))")
            try writer.finishFeatureLayer(layer)
            try writer.commit()
        }
        let read = try GeoPackageReader.read(contentsOf: path, layer: "needs")
        #expect(read.features.count == 2)
        #expect(read.features[0].geometry == .point(c(-8, 12.5)) && read.features[1].geometry == nil)
        #expect(read.features[0].properties["id"] == "N1" && read.features[0].properties["covered"] == .bool(true))
        #expect(read.features[0].properties["weight"] == .number(2.5) && read.features[0].properties["severity"] == .integer(4))
        // A value missing at the end of a row is NULL.
        #expect(read.features[1].properties["covered"] == .bool(false) && read.features[1].properties["severity"] == .null)
    }

    @Test func aWriterDroppedBeforeCommitLeavesNoFile() throws {
        let folder = temporaryFolder("geoformats")
        let path = folder + "/dropped.gpkg"
        do {
            let writer = try GeoPackageWriter(path: path)
            try writer.addFeatureLayer(GeoPackageLayer(name: "a", geometryType: .point, fields: []),
                                       features: [Feature(geometry: .point(c(1, 2)))])
            #expect(FileManager.default.fileExists(atPath: path + ".partial"))
        }
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(!FileManager.default.fileExists(atPath: path + ".partial"))
    }

    @Test func aWrittenFileIsAValidGeoPackageWithASpatialIndexPerLayer() throws {
        _ = try Self.writeLayersAndEditThem()
    }

    @Test(.enabled(if: GDAL.available?.validator != nil, "GDAL's ogrinfo and validate_gpkg.py (python3-gdal) are not installed"))
    func aWrittenFileIsAValidGeoPackageForGDAL() throws {
        let path = try Self.writeLayersAndEditThem()
        let gdal = try #require(GDAL.available)
        let info = try gdal.ogrinfo(["-ro", "-al", "-so", path])
        #expect(info.errors.isEmpty, "\(info.errors)")
        #expect(info.output.contains("Layer name: areas\nGeometry: Multi Polygon\nFeature Count: 1"))
        let index = try gdal.ogrinfo(["-ro", "-sql", "SELECT HasSpatialIndex('areas','geom')", path])
        #expect(index.output.contains("= 1"))
        let all = try gdal.ogrinfo(["-ro", "-q", "-al", path])
        #expect(all.errors.isEmpty, "\(all.errors)")
        #expect(all.output.contains("MULTIPOLYGON EMPTY"))
        try gdal.expectValid(path, allowing: [GDAL.emptyFlagFalseAlarm])
    }

    /// Writes three layers, checks them in SQL, then edits one as another program would.
    static func writeLayersAndEditThem() throws -> String {
        let folder = temporaryFolder("geoformats")
        let path = folder + "/layers.gpkg"
        let writer = try GeoPackageWriter(path: path)
        let squares = [
            Geometry.polygon(Polygon(exterior: [c(0, 0), c(1, 0), c(1, 1), c(0, 1), c(0, 0)])),
            .multiPolygon([Polygon(exterior: [c(2, 2), c(3, 2), c(3, 4), c(2, 4), c(2, 2)],
                                   holes: [[c(2.2, 2.2), c(2.2, 2.4), c(2.4, 2.4), c(2.4, 2.2), c(2.2, 2.2)]])]),
        ]
        try writer.addFeatureLayer(GeoPackageLayer(name: "areas", geometryType: .multiPolygon, fields: [GeoPackageField("n", .integer)]),
                                   features: squares.enumerated().map { Feature(geometry: $1, properties: Properties([("n", .integer($0))])) })
        try writer.addFeatureLayer(GeoPackageLayer(name: "empty_and_null", geometryType: .multiPolygon, fields: []),
                                   features: [Feature(geometry: .multiPolygon([])), Feature(geometry: nil)])
        try writer.addAttributeTable(GeoPackageLayer(name: "notes", geometryType: nil, fields: [GeoPackageField("text", .text)]),
                                     rows: [Properties([("text", "a")])])
        try writer.commit()

        // The header of the SQLite file: application_id 'GPKG', user_version 10300.
        let head = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)).prefix(72))
        #expect(Array(head[68..<72]) == Array("GPKG".utf8))
        #expect(Array(head[60..<64]) == [0, 0, 0x28, 0x3C])  // 10300 big-endian

        let queue = try DatabaseQueue(path: path)
        try queue.read { db in
            #expect(try Int.fetchAll(db, sql: "SELECT srs_id FROM gpkg_spatial_ref_sys ORDER BY srs_id") == [-1, 0, 4326])
            let extent = try Row.fetchOne(db, sql: "SELECT min_x, min_y, max_x, max_y, srs_id FROM gpkg_contents WHERE table_name = 'areas'")!
            #expect([extent[0], extent[1], extent[2], extent[3]] as [Double] == [0, 0, 3, 4])
            #expect(extent[4] as Int == 4326)
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM rtree_areas_geom") == 2)
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM rtree_empty_and_null_geom") == 0)
            #expect(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'areas' ORDER BY name")
                == ["delete", "insert", "update1", "update2", "update3", "update4"].map { "rtree_areas_geom_" + $0 })
            #expect(try String.fetchOne(db, sql: "SELECT data_type FROM gpkg_contents WHERE table_name = 'notes'") == "attributes")
        }
        // The triggers keep the index in step when another program edits the layer.
        var configuration = Configuration()
        configuration.prepareDatabase { db in GeoPackage.addFunctions(to: db) }
        let editor = try DatabaseQueue(path: path, configuration: configuration)
        let moved = try GeoPackageGeometry.encode(.multiPolygon([Polygon(exterior: [c(10, 10), c(11, 10), c(11, 12), c(10, 10)])]),
                                                  srsID: 4326, engine: GeometryEngine())
        try editor.write { db in
            try db.execute(sql: "UPDATE areas SET geom = ? WHERE n = 0", arguments: [Data(moved)])
            let box = try Row.fetchOne(db, sql: "SELECT minx, maxx, miny, maxy FROM rtree_areas_geom WHERE id = (SELECT fid FROM areas WHERE n = 0)")!
            #expect([box[0], box[1], box[2], box[3]] as [Double] == [10, 11, 10, 12])
            try db.execute(sql: "DELETE FROM areas WHERE n = 1")
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM rtree_areas_geom") == 1)
        }
        try editor.close()

        return path
    }
}

/// GDAL's command-line tools and its GeoPackage validator, where installed.
struct GDAL {
    let ogrinfoPath: String
    /// `validate_gpkg.py` and a Python that has GDAL's bindings.
    let validator: (python: String, script: String)?

    static let available: GDAL? = {
        guard let ogrinfo = ["/usr/bin/ogrinfo", "/usr/local/bin/ogrinfo"].first(where: FileManager.default.isExecutableFile(atPath:)) else {
            return nil
        }
        let script = ["/usr/lib/python3/dist-packages/osgeo_utils/samples/validate_gpkg.py",
                      "/usr/share/doc/python3-gdal/examples/validate_gpkg.py"].first(where: FileManager.default.fileExists(atPath:))
        let validator = script.flatMap { s in
            FileManager.default.isExecutableFile(atPath: "/usr/bin/python3") ? (python: "/usr/bin/python3", script: s) : nil
        }
        return GDAL(ogrinfoPath: ogrinfo, validator: validator)
    }()

    struct Output {
        var status: Int32
        var output: String
        /// Lines of stdout or stderr that report an error or a warning.
        var errors: [String]
    }

    static func run(_ executable: String, _ arguments: [String]) throws -> Output {
        let (status, text, errorText) = try runProgram(executable, arguments)
        let problems = (text + "\n" + errorText).split(separator: "\n").map(String.init).filter {
            $0.contains("ERROR") || $0.contains("Warning") || $0.contains("WARNING")
        }
        return Output(status: status, output: text + errorText, errors: problems)
    }

    func ogrinfo(_ arguments: [String]) throws -> Output {
        let output = try Self.run(ogrinfoPath, arguments)
        #expect(output.status == 0, "ogrinfo \(arguments.joined(separator: " ")): \(output.output)")
        return output
    }

    /// validate_gpkg.py of GDAL 3.6 reads the empty-geometry flag from bit
    /// 3 of the flags instead of bit 4 (OGC 12-128r18 §2.1.3.1.1: bits
    /// R R X Y E E E B, Y the empty flag), so it reports every correctly
    /// flagged empty geometry as inconsistent. ogrinfo, which reads them,
    /// is the check for those.
    static let emptyFlagFalseAlarm = "Req 152: Inconsistent empty_flag vs geometry content"

    /// Runs GDAL's validate_gpkg.py (with its extra checks of the content).
    func expectValid(_ path: String, allowing falseAlarms: [String] = []) throws {
        let validator = try #require(validator, "validate_gpkg.py is not installed: enable the test only where it is")
        let output = try Self.run(validator.python, [validator.script, "-k", "--extra", path])
        let complaints = output.output.split(separator: "\n").map(String.init).filter { line in
            !line.trimmingCharacters(in: .whitespaces).isEmpty && !falseAlarms.contains(line)
        }
        #expect(complaints.isEmpty && (output.status == 0 || !falseAlarms.isEmpty), "validate_gpkg.py \(path): \(output.output)")
    }
}
