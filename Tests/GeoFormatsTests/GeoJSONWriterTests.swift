import Foundation
import GeoCore
import GeoFormats
import Testing
import TestSupport

@Suite("Writing GeoJSON")
struct GeoJSONWriterTests {
    static let holed = Polygon(
        exterior: [c(0, 0), c(0, 10), c(10, 10), c(10, 0), c(0, 0)],  // clockwise
        holes: [[c(2, 2), c(4, 2), c(4, 4), c(2, 4), c(2, 2)]])  // counter-clockwise

    static var sampleFeatures: [Feature] {
        [
            Feature(
                geometry: .polygon(holed),
                properties: [
                    "name": "Tombouctou \"nord\"", "pop": 12, "share": 0.5, "flag": false, "none": nil,
                    "list": [1, "two", 3.25], "nested": ["k": "v"],
                ], id: "ML06"),
            Feature(
                geometry: .multiPolygon([
                    Polygon(exterior: [c(-7.986012345678901, 12.6392), c(-7.5, 12.6392), c(-7.5, 13.1), c(-7.986012345678901, 12.6392)]),
                    Polygon(exterior: [c(0.00001, -0.0), c(1e-7, 1), c(-1, 1), c(0.00001, -0.0)]),
                ]),
                properties: ["name": "Ségou\n«marché»\u{1}", "tab": "a\tb", "slash": "c:\\dir"], id: 7),
            Feature(geometry: .point(c(179.99999999999997, -89.99999999999999)), properties: ["x": .number(0.1 + 0.2)]),
            Feature(geometry: .lineString([c(1, 2), c(3, 4)]), properties: [:]),
            Feature(geometry: nil, properties: ["only": "attributes"]),
            Feature(
                geometry: .collection([.point(c(1, 1)), .multiPoint([c(2, 2)]), .multiLineString([[c(0, 0), c(1, 0)]])]),
                properties: ["big": .integer(Int.max), "neg": -12]),
        ]
    }

    @Test("writePoint writes the same bytes as write(geometry:properties:) for the same pairs")
    func pointFastPathMatchesGeneralWriter() throws {
        let folder = temporaryFolder("geoformats")
        let name = GeoJSONPropertyKey("name"), region = GeoJSONPropertyKey("region_id"), share = GeoJSONPropertyKey("share")
        let count = GeoJSONPropertyKey("count"), flag = GeoJSONPropertyKey("flag"), quoted = GeoJSONPropertyKey("k\"ey")
        let rows: [(Coordinate?, String, String?, Double, Int?, Bool)] = [
            (c(-7.986012345678901, 12.6392), "Ségou \"nord\"\n\u{1}", "ML06", 0.1 + 0.2, 0, true),
            (c(0.00001, -0.0), "a\\b", nil, 2.5, -9_223_372_036_854_775_808, false),
            (nil, "", "x", 1e-7, nil, true),
            (c(.nan, .nan), "empty point", nil, -0.0, Int.max, false),
            (c(179.99999999999997, -89.99999999999999), "far", "R", 1.2345678901234567e19, -42, true),
        ]
        var fast = try GeoJSONWriter(path: folder + "/fast.geojson")
        var general = try GeoJSONWriter(path: folder + "/general.geojson")
        for (point, n, r, d, i, b) in rows {
            try fast.writePoint(point) { p in
                p.string(name, n)
                p.string(region, r)
                p.number(share, d)
                p.integer(count, i)
                p.bool(flag, b)
                p.null(quoted)
            }
            try general.write(geometry: point.map { .point($0) }, properties: Properties([
                ("name", .string(n)), ("region_id", r.map { .string($0) } ?? .null), ("share", .number(d)),
                ("count", i.map { .integer($0) } ?? .null), ("flag", .bool(b)), ("k\"ey", .null),
            ]))
        }
        try fast.finish()
        try general.finish()
        let fastText = try String(contentsOfFile: folder + "/fast.geojson", encoding: .utf8)
        #expect(fastText == (try String(contentsOfFile: folder + "/general.geojson", encoding: .utf8)))
        // The third row, written by hand from RFC 7946 and JSON's string escapes.
        #expect(fastText.contains(#"{"type":"Feature","properties":{"name":"","region_id":"x","share":0.0000001,"count":null,"flag":true,"k\"ey":null},"geometry":null}"#))
        #expect(fastText.contains(#""count":-9223372036854775808,"#))
        #expect(fastText.contains(#""geometry":{"type":"Point","coordinates":[]}"#))
    }

    @Test("writePoint refuses a point with one non-finite coordinate, as write does")
    func pointFastPathRefusesHalfFinitePoint() throws {
        let folder = temporaryFolder("geoformats")
        var writer = try GeoJSONWriter(path: folder + "/bad.geojson")
        #expect(throws: FormatError.self) { try writer.writePoint(c(.infinity, 1)) { _ in } }
        #expect(writer.count == 0)
    }

    @Test("Batches encoded apart give the bytes of writePoint, whatever their sizes, empty ones included")
    func batchesMatchWritePoint() throws {
        let folder = temporaryFolder("geoformats")
        let id = GeoJSONPropertyKey("id"), share = GeoJSONPropertyKey("share")
        let points: [Coordinate?] = (0..<50).map { k in k % 7 == 3 ? nil : c(-12 + Double(k) * 0.3137, 10 + Double(k) / 3) }
        var single = try GeoJSONWriter(path: folder + "/single.geojson")
        for (k, point) in points.enumerated() {
            try single.writePoint(point) { p in
                p.string(id, "N\(k)")
                p.number(share, Double(k) / 8)
            }
        }
        try single.finish()
        // Batches of 0, 1, 2, 3, ... features: the first of the file must lose its leading comma.
        var batched = try GeoJSONWriter(path: folder + "/batched.geojson")
        var start = 0, size = 0
        while start < points.count {
            var batch = GeoJSONPointBatch()
            for k in start..<min(points.count, start + size) {
                batch.append(points[k]) { p in
                    p.string(id, "N\(k)")
                    p.number(share, Double(k) / 8)
                }
            }
            try batched.write(batch)
            start += size
            size += 1
        }
        #expect(batched.count == points.count)
        try batched.finish()
        let text = try String(contentsOfFile: folder + "/batched.geojson", encoding: .utf8)
        #expect(text == (try String(contentsOfFile: folder + "/single.geojson", encoding: .utf8)))
        #expect(text.hasPrefix(#"{"type":"FeatureCollection","features":["# + "\n" + #"{"type":"Feature","properties":{"id":"N0","share":0.0},"#))
    }

    @Test("A batch with a half-finite point is refused, naming the feature's place in the file")
    func batchRefusesHalfFinitePoint() throws {
        let folder = temporaryFolder("geoformats")
        var writer = try GeoJSONWriter(path: folder + "/bad.geojson")
        try writer.writePoint(c(1, 1)) { _ in }
        var batch = GeoJSONPointBatch()
        batch.append(c(2, 2)) { _ in }
        batch.append(c(3, .nan)) { _ in }
        let error = #expect(throws: FormatError.self) { try writer.write(batch) }
        // The third feature of the file, counted from 1.
        #expect(error?.message.contains("feature 3:") == true && error?.field == "geometry")
        #expect(writer.count == 1)
    }

    @Test("write then read gives the same geometries (rings right-hand) and properties exactly")
    func roundTrip() throws {
        let folder = temporaryFolder("geoformats")
        let path = folder + "/out.geojson"
        try GeoJSONWriter.write(Self.sampleFeatures, to: path)
        let back = try GeoJSONReader.read(contentsOf: path)
        let original = Self.sampleFeatures
        try #require(back.features.count == original.count)
        for (read, written) in zip(back.features, original) {
            #expect(read.geometry == written.geometry?.orientedRightHand())
            #expect(read.properties == written.properties)
            #expect(read.id == written.id)
            #expect(read.problem == nil)
        }
        #expect(back.features[1].geometry?.polygons[1].exterior[0] == c(0.00001, 0))
        #expect(!FileManager.default.fileExists(atPath: path + ".partial"))
    }

    @Test("exterior rings are written counter-clockwise and holes clockwise")
    func orientation() throws {
        let text = try GeoJSONWriter.encode([Feature(geometry: .polygon(Self.holed), properties: [:])])
        #expect(text.contains("[[[0.0,0.0],[10.0,0.0],[10.0,10.0],[0.0,10.0],[0.0,0.0]],[[2.0,2.0],[2.0,4.0],[4.0,4.0],[4.0,2.0],[2.0,2.0]]]"))
        let ccwInput = Polygon(
            exterior: [c(0, 0), c(10, 0), c(10, 10), c(0, 10), c(0, 0)],
            holes: [[c(2, 2), c(2, 4), c(4, 4), c(4, 2), c(2, 2)]])
        let kept = try GeoJSONWriter.encode([Feature(geometry: .multiPolygon([ccwInput]), properties: [:])])
        #expect(kept.contains("[[[[0.0,0.0],[10.0,0.0],[10.0,10.0],[0.0,10.0],[0.0,0.0]],[[2.0,2.0],[2.0,4.0],[4.0,4.0],[4.0,2.0],[2.0,2.0]]]]"))
    }

    @Test("numbers: shortest exact text, no exponents, -0 as 0, integers plain")
    func numbers() throws {
        let text = try GeoJSONWriter.encode([
            Feature(
                geometry: .point(c(0.00001, -0.0)),
                properties: [
                    "tiny": .number(1.5e-7), "huge": .number(1e21), "int": 42, "whole": .number(3),
                    "third": .number(1.0 / 3.0),
                ])
        ])
        #expect(text.contains(#""coordinates":[0.00001,0.0]"#))
        #expect(text.contains(#""tiny":0.00000015"#))
        #expect(text.contains(#""huge":1000000000000000000000.0"#))
        #expect(text.contains(#""int":42,"#))
        #expect(text.contains(#""whole":3.0"#))
        #expect(text.contains(#""third":0.3333333333333333"#))
        #expect(!text.contains("e-") && !text.contains("e+"))
    }

    @Test("A number that is not finite is refused by every GeoJSON path, naming the feature, its id and the field; no file is left")
    func nonFiniteNumbersAreRefused() throws {
        let folder = temporaryFolder("geoformats")
        do {
            var writer = try GeoJSONWriter(path: folder + "/regions.geojson")
            try writer.write(Feature(geometry: .point(c(1, 1)), properties: ["region_id": "ML05", "covered_km2": 1]))
            let e1 = #expect(throws: FormatError.self) {
                try writer.write(Feature(geometry: .point(c(1, 1)), properties: ["region_id": "ML06", "covered_km2": .number(.infinity)]))
            }
            #expect(e1?.field == "covered_km2" && e1?.path == folder + "/regions.geojson")
            #expect(e1?.message.hasPrefix(#"feature 2 (id "ML06"): 'covered_km2' would be inf (not a finite number)"#) == true, "\(String(describing: e1))")
            let e2 = #expect(throws: FormatError.self) {
                try writer.write(Feature(geometry: nil, properties: ["id": "X", "tags": .array([1, .object(["share": .number(.nan)])])]))
            }
            #expect(e2?.field == "tags[1].share" && e2?.message.contains("would be nan") == true)
            let e3 = #expect(throws: FormatError.self) {
                try writer.write(Feature(geometry: .lineString([c(0, 0), c(.infinity, 1)]), properties: [:], id: "L1"))
            }
            #expect(e3?.field == "geometry" && e3?.message.hasPrefix(#"feature 2 (id "L1")"#) == true)
            #expect(writer.count == 1)

            let id = GeoJSONPropertyKey("id"), weight = GeoJSONPropertyKey("weight")
            var points = try GeoJSONWriter(path: folder + "/needs.geojson")
            let e4 = #expect(throws: FormatError.self) {
                try points.writePoint(c(1, 1)) { p in
                    p.string(id, "N-7")
                    p.number(weight, -.infinity)
                }
            }
            #expect(e4?.field == "weight" && e4?.message.hasPrefix(#"feature 1 (id "N-7"): 'weight' would be -inf"#) == true, "\(String(describing: e4))")
            var batch = GeoJSONPointBatch()
            batch.append(c(2, 2)) { p in p.number(weight, 1) }
            batch.append(c(3, 3)) { p in p.number(weight, .nan) }
            let e5 = #expect(throws: FormatError.self) { try points.write(batch) }
            #expect(e5?.field == "weight" && e5?.message.hasPrefix("feature 2: 'weight' would be nan") == true, "\(String(describing: e5))")
            #expect(points.count == 0)
            #expect(throws: FormatError.self) { try GeoJSONWriter.encode([Feature(geometry: nil, properties: ["x": .number(.nan)])]) }
        }
        // The abandoned writers removed their partial files; nothing else was made.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
    }

    @Test("the document shape: no crs, one feature per line, properties in order, strings escaped")
    func documentShape() throws {
        let text = try GeoJSONWriter.encode([
            Feature(geometry: .point(c(1, 2)), properties: ["b": "x\"y", "a": "line\nbreak\u{1F}"], id: "f1"),
            Feature(geometry: nil, properties: [:]),
        ])
        #expect(
            text == """
                {"type":"FeatureCollection","features":[
                {"type":"Feature","id":"f1","properties":{"b":"x\\"y","a":"line\\u000abreak\\u001f"},"geometry":{"type":"Point","coordinates":[1.0,2.0]}},
                {"type":"Feature","properties":{},"geometry":null}
                ]}

                """)
        #expect(!text.contains("crs"))
        #expect(try GeoJSONWriter.encode([]) == "{\"type\":\"FeatureCollection\",\"features\":[\n]}\n")
    }

    @Test("nothing appears under the final name until finish(); an abandoned writer leaves no file")
    func atomicWrite() throws {
        let folder = temporaryFolder("geoformats")
        let path = folder + "/layer.geojson"
        do {
            var writer = try GeoJSONWriter(path: path)
            try writer.write(geometry: .point(c(1, 2)), properties: ["a": 1])
            #expect(!FileManager.default.fileExists(atPath: path))
            #expect(FileManager.default.fileExists(atPath: path + ".partial"))
            // dropped without finish()
        }
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(!FileManager.default.fileExists(atPath: path + ".partial"))

        var writer = try GeoJSONWriter(path: path)
        try writer.write(geometry: .point(c(1, 2)), properties: ["a": 1])
        let badGeometry = Geometry.lineString([c(0, 0), c(.nan, 1)])
        #expect(throws: FormatError.self) { try writer.write(geometry: badGeometry, properties: [:]) }
        try writer.finish()
        #expect(writer.count == 1)
        let back = try GeoJSONReader.read(contentsOf: path)
        #expect(back.features.map(\.geometry) == [.point(c(1, 2))])
        #expect(throws: FormatError.self) { try writer.write(geometry: nil, properties: [:]) }
    }

    @Test("a folder that does not exist is a clear error")
    func unwritable() {
        do {
            _ = try GeoJSONWriter(path: "/nonexistent-folder/out.geojson")
            Issue.record("expected an error")
        } catch {
            #expect(error.message.contains("cannot create"))
        }
    }

    @Test(
        "GDAL's ogrinfo opens the output without warnings",
        .enabled(if: ogrinfoPath() != nil, "ogrinfo is not installed"))
    func ogrinfoAcceptsOutput() throws {
        let folder = temporaryFolder("geoformats")
        let path = folder + "/gdal.geojson"
        var writer = try GeoJSONWriter(path: path)
        try writer.write(geometry: .polygon(Self.holed), properties: ["name": "Kayes", "pop": 100])
        try writer.write(
            geometry: .multiPolygon([
                Polygon(exterior: [c(20, 0), c(30, 0), c(30, 10), c(20, 0)]),
                Polygon(exterior: [c(40, 0), c(50, 0), c(50, 10), c(40, 10), c(40, 0)]),
            ]), properties: ["name": "Ségou", "pop": 200])
        try writer.write(geometry: .point(c(-7.98, 12.64)), properties: ["name": "Bamako \"District\" — 🌍", "pop": 300])
        try writer.write(geometry: .point(c(-4.19, 14.48)), properties: ["name": "Mopti, centre\nligne 2", "pop": 400])
        try writer.finish()

        let (status, stdout, stderr) = try runProgram(ogrinfoPath()!, ["-ro", "-al", "-so", path])
        #expect(status == 0)
        #expect(!stderr.contains("Warning"), "\(stderr)")
        #expect(stdout.contains("Feature Count: 4"), "\(stdout)")
        #expect(stdout.contains("Extent: (-7.980000, 0.000000) - (50.000000, 14.480000)"), "\(stdout)")
    }
}

func ogrinfoPath() -> String? {
    let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
    for folder in folders {
        let candidate = "\(folder)/ogrinfo"
        if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return nil
}
