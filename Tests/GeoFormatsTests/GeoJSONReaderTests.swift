import GeoCore
import GeoFormats
import Testing

@Suite("Reading GeoJSON")
struct GeoJSONReaderTests {
    @Test("a FeatureCollection: geometries, properties of every JSON type, ids, lines")
    func fixture() throws {
        let collection = try GeoJSONReader.read(contentsOf: try fixturePath("regions.geojson"))
        let features = collection.features
        try #require(features.count == 4)

        #expect(features.map(\.location.line) == [5, 7, 9, 10])
        #expect(features.map(\.location.featureIndex) == [0, 1, 2, 3])
        #expect(features.allSatisfy { $0.problem == nil })
        #expect(collection.source.format == .geojson)
        #expect(collection.source.crs == nil)
        #expect(collection.source.encoding == "UTF-8")
        #expect(
            collection.source.columns
                == ["pcode", "name", "population", "share", "capital", "note", "tags", "meta", "extra"])

        let kayes = features[0]
        #expect(kayes.id == .string("ML01"))
        #expect(kayes.properties.keys == ["pcode", "name", "population", "share", "capital", "note", "tags", "meta"])
        #expect(kayes.properties["population"] == .integer(2_418_305))
        #expect(kayes.properties["share"] == .number(0.125))
        #expect(kayes.properties["capital"] == .bool(true))
        #expect(kayes.properties["note"] == .null)
        #expect(kayes.properties["tags"] == .array([.string("west"), .string("border")]))
        #expect(kayes.properties["meta"] == .object(["source": "OCHA", "level": 1]))
        #expect(
            kayes.geometry
                == .polygon(
                    Polygon(
                        exterior: [c(0, 0), c(0, 10), c(10, 10), c(10, 0), c(0, 0)],
                        holes: [[c(2, 2), c(4, 2), c(4, 4), c(2, 4), c(2, 2)]])))

        let segou = features[1]
        #expect(segou.id == .integer(2))
        #expect(segou.properties["name"] == .string("Ségou 🌍"))
        #expect(
            segou.geometry
                == .multiPolygon([
                    Polygon(exterior: [c(20, 0), c(30, 0), c(30, 10), c(20, 0)]),
                    Polygon(exterior: [c(40, 0), c(50, 0), c(50, 10), c(40, 10), c(40, 0)]),
                ]))

        #expect(features[2].geometry == nil)
        #expect(features[2].id == nil)
        #expect(features[3].properties.isEmpty)
        #expect(features[3].geometry == .point(c(-7.98, 12.64)))  // Z ignored
        #expect(features[3].location.description.hasSuffix("regions.geojson:10 (feature 3)"))
    }

    @Test("a single Feature and a bare geometry are read as one feature")
    func singleFeatureAndBareGeometry() throws {
        let feature = try readJSON(
            #"{"type": "Feature", "properties": {"a": 1}, "geometry": {"type": "LineString", "coordinates": [[1, 2], [3, 4]]}}"#
        )
        #expect(feature.features.count == 1)
        #expect(feature.features[0].geometry == .lineString([c(1, 2), c(3, 4)]))
        #expect(feature.features[0].properties["a"] == .integer(1))

        let bare = try readJSON(
            """
            {"coordinates": [[[1, 1], [2, 1], [2, 2], [1, 1]]],
             "type": "Polygon"}
            """)
        #expect(bare.features.count == 1)
        #expect(bare.features[0].properties.isEmpty)
        #expect(bare.features[0].geometry == .polygon(Polygon(exterior: [c(1, 1), c(2, 1), c(2, 2), c(1, 1)])))

        let collection = try readJSON(
            #"{"type": "GeometryCollection", "geometries": [{"type": "Point", "coordinates": [1, 2]}, {"type": "MultiPoint", "coordinates": [[3, 4], [5, 6]]}, {"type": "MultiLineString", "coordinates": [[[0, 0], [1, 1]], [[2, 2], [3, 3]]]}]}"#
        )
        #expect(
            collection.features[0].geometry
                == .collection([
                    .point(c(1, 2)), .multiPoint([c(3, 4), c(5, 6)]),
                    .multiLineString([[c(0, 0), c(1, 1)], [c(2, 2), c(3, 3)]]),
                ]))
    }

    @Test("numbers are read exactly, including ones that need correct rounding")
    func numberPrecision() throws {
        let text = """
            {"type": "Feature", "geometry": {"type": "Point", "coordinates": [-7.986012345678901, 12.639200000000001]},
             "properties": {"a": 0.30000000000000004, "b": 1.7976931348623157e308, "c": 5e-324, "d": -0.0,
              "e": 123456789012345678901234567890, "f": -9223372036854775808, "g": 1E2, "h": 0.1e-6, "i": 9007199254740993}}
            """
        let f = try readJSON(text).features[0]
        #expect(f.geometry == .point(c(-7.986012345678901, 12.639200000000001)))
        #expect(f.properties["a"] == .number(0.1 + 0.2))
        #expect(f.properties["b"] == .number(Double.greatestFiniteMagnitude))
        #expect(f.properties["c"] == .number(Double.leastNonzeroMagnitude))
        #expect(f.properties["d"]?.doubleValue?.sign == .minus)
        #expect(f.properties["e"] == .number(1.2345678901234568e29))
        #expect(f.properties["f"] == .integer(Int.min))
        #expect(f.properties["g"] == .number(100))
        #expect(f.properties["h"] == .number(0.0000001))
        #expect(f.properties["i"] == .integer(9_007_199_254_740_993))
    }

    @Test("strings: escapes, surrogate pairs, a lone surrogate becomes U+FFFD")
    func strings() throws {
        let text = #"{"type": "Feature", "geometry": null, "properties": {"s": "a\"b\\c\/d\b\f\n\r\t\u0041\u00e9\u20ac\ud83d\ude00", "lone": "x\ud800y", "raw": "Ségou ☀"}}"#
        let p = try readJSON(text).features[0].properties
        #expect(p["s"] == .string("a\"b\\c/d\u{8}\u{C}\n\r\tAé€😀"))
        #expect(p["lone"] == .string("x\u{FFFD}y"))
        #expect(p["raw"] == .string("Ségou ☀"))
    }

    @Test("a UTF-8 byte-order mark is accepted")
    func byteOrderMark() throws {
        let collection = try GeoJSONReader.read(
            bytes: [0xEF, 0xBB, 0xBF] + bytes(#"{"type": "Point", "coordinates": [1, 2]}"#), path: "bom.geojson")
        #expect(collection.features[0].geometry == .point(c(1, 2)))
        #expect(collection.source.encoding == "UTF-8 with BOM")
    }

    // MARK: Problems: the feature is kept, without geometry

    @Test("unusable geometries give the feature a problem, not an error")
    func geometryProblems() throws {
        let text = """
            {"type": "FeatureCollection", "features": [
            {"type": "Feature", "properties": {"n": 0}, "geometry": {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 1]]]}},
            {"type": "Feature", "properties": {"n": 1}, "geometry": {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [0, 0]]]}},
            {"type": "Feature", "properties": {"n": 2}, "geometry": {"type": "Point", "coordinates": [5]}},
            {"type": "Feature", "properties": {"n": 3}, "geometry": {"type": "Point", "coordinates": [200, 10]}},
            {"type": "Feature", "properties": {"n": 4}, "geometry": {"type": "Point", "coordinates": [10, 95]}},
            {"type": "Feature", "properties": {"n": 5}, "geometry": {"type": "Circle", "coordinates": [1, 1]}},
            {"type": "Feature", "properties": {"n": 6}, "geometry": {"type": "Point", "coordinates": ["1", 2]}},
            {"type": "Feature", "properties": {"n": 7}, "geometry": {"type": "Polygon", "coordinates": [[0, 0], [1, 0], [1, 1], [0, 0]]}},
            {"type": "Feature", "properties": {"n": 8}, "geometry": {"type": "MultiPolygon", "coordinates": [[[[0, 0], [1, 0], [1, 1], [0, 0]]], [[[0, 0], [1, 0], [1, 1], [0, 0]], [[0, 0], [1, 1]]]]}},
            {"type": "Feature", "properties": {"n": 9}, "geometry": {"type": "LineString", "coordinates": [[0, 0], [1, 1]]}}
            ]}
            """
        let features = try readJSON(text).features
        try #require(features.count == 10)
        #expect(features.map(\.location.line) == Array(2...11))
        for f in features.dropLast() {
            #expect(f.geometry == nil)
            #expect(f.problem?.field == "geometry")
        }
        #expect(
            features[0].problem?.message
                == "the exterior ring is not closed: it starts at [0, 0] but ends at [0, 1]; repeat the first position at the end")
        #expect(features[1].problem?.message.contains("has 3 positions") == true)
        #expect(features[2].problem?.message.contains("at least two numbers") == true)
        #expect(features[3].problem?.message.hasPrefix("longitude 200 is outside -180…180") == true)
        #expect(features[4].problem?.message.hasPrefix("latitude 95 is outside -90…90") == true)
        #expect(features[5].problem?.message.contains("unknown geometry type \"Circle\"") == true)
        #expect(features[6].problem?.message.contains("numbers only") == true)
        #expect(features[7].problem?.message.contains("single ring") == true)
        #expect(features[8].problem?.message.hasPrefix("polygon 2: hole 1 has 2 positions") == true)
        #expect(features[9].problem == nil)
        #expect(features[9].geometry == .lineString([c(0, 0), c(1, 1)]))
    }

    @Test("with a crs member, coordinates are not range-checked and the CRS name is reported")
    func legacyCRS() throws {
        let text = """
            {"type": "FeatureCollection",
             "features": [{"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": [500000, 1400000]}}],
             "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::32630"}}}
            """
        let collection = try readJSON(text)
        #expect(collection.source.crs == "urn:ogc:def:crs:EPSG::32630")
        #expect(collection.features[0].problem == nil)
        #expect(collection.features[0].geometry == .point(c(500_000, 1_400_000)))
    }

    @Test("a CRS84 crs member (as GDAL writes) is WGS84: coordinates are still range-checked")
    func crs84() throws {
        let text = """
            {"type": "FeatureCollection",
             "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:OGC:1.3:CRS84"}},
             "features": [{"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": [12.5, 91]}}]}
            """
        let collection = try readJSON(text)
        #expect(collection.source.crs == "urn:ogc:def:crs:OGC:1.3:CRS84")
        #expect(collection.features[0].geometry == nil)
        #expect(collection.features[0].problem?.message.hasPrefix("latitude 91 is outside -90…90") == true)
    }

    // MARK: Errors: the file cannot be read

    @Test("a missing comma names the line and column")
    func missingComma() {
        let error = geoJSONError(bytes("{\"type\": \"Point\"\n \"coordinates\": [1, 2]}"), path: "regions.geojson")
        #expect(error?.line == 2)
        #expect(error?.column == 2)
        #expect(error?.description == "regions.geojson:2:2: expected ',' or '}' after a value in an object, found '\"'")
    }

    @Test("truncated JSON names the last line and says it looks truncated")
    func truncated() {
        let text = """
            {"type": "FeatureCollection",
            "features": [
            {"type": "Feature", "properties": {"name": "Kayes"},
            "geometry": {"type": "Point", "coordinates": [1,
            """
        let error = geoJSONError(bytes(text))
        #expect(error?.line == 4)
        #expect(error?.column == 49)
        #expect(error?.message.contains("truncated") == true)
    }

    @Test("10,000 levels of nesting are refused at level 513, without a crash")
    func deepNesting() {
        let flat = geoJSONError(bytes(String(repeating: "[", count: 10_000)))
        // The top-level value is not even an object, which is reported first.
        #expect(flat?.line == 1)

        let nested = "{\"type\": \"Feature\", \"geometry\": null,\n\"properties\": {\"deep\": "
            + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000) + "}}"
        let error = geoJSONError(bytes(nested))
        #expect(error?.line == 2)
        // '{' is level 1, "properties" level 2, so the 511th '[' is level 513:
        // column 24 is the first '['.
        #expect(error?.column == 24 + 510)
        #expect(error?.message.contains("512") == true)

        let bareArrays = "{\"type\": \"GeometryCollection\", \"geometries\": "
            + String(repeating: "[", count: 10_000)
        #expect(geoJSONError(bytes(bareArrays))?.message.contains("512") == true)
    }

    @Test("a number that overflows to infinity is an error naming its line")
    func overflow() {
        let text = """
            {"type": "Feature",
             "properties": {"name": "x",
              "big": 1e400},
             "geometry": null}
            """
        let error = geoJSONError(bytes(text))
        #expect(error?.line == 3)
        #expect(error?.column == 10)
        #expect(error?.message.contains("1e400") == true)
        #expect(geoJSONError(bytes(#"{"type": "Point", "coordinates": [-1e309, 0]}"#))?.line == 1)
    }

    @Test("invalid UTF-8 is an error at the offending byte")
    func invalidUTF8() {
        let input = bytes("{\"type\": \"Feature\",\n \"properties\": {\"name\": \"S") + [0xE9]
            + bytes("gou\"},\n \"geometry\": null}")
        let error = geoJSONError(input)
        #expect(error?.line == 2)
        #expect(error?.column == 27)
        #expect(error?.message.contains("UTF-8") == true)
        // Overlong encodings and encoded surrogates are not UTF-8 either.
        #expect(geoJSONError(bytes("{\"type\": \"Feature\", \"id\": \"") + [0xC0, 0xAF] + bytes("\"}")) != nil)
        #expect(geoJSONError(bytes("{\"type\": \"Feature\", \"id\": \"") + [0xED, 0xA0, 0x80] + bytes("\"}")) != nil)
    }

    @Test("a raw line break inside a string is an error")
    func controlCharacter() {
        let error = geoJSONError(bytes("{\"type\": \"Feature\", \"properties\": {\"name\": \"a\nb\"}}"))
        #expect(error?.line == 1)
        #expect(error?.column == 46)
    }

    @Test("malformed JSON of various kinds throws with a position")
    func malformed() {
        let cases: [(String, Int, Int)] = [
            ("{\"type\": \"Point\", \"coordinates\": [1, 2]}\n}", 2, 1),  // trailing garbage
            ("{\"type\": \"Point\", \"coordinates\": [1, 2,]}", 1, 40),  // trailing comma
            ("{\"type\": 'Point'}", 1, 10),  // single quotes
            ("{\"type\": \"Point\", \"coordinates\": [NaN, 2]}", 1, 35),
            ("{\"type\": \"Point\", \"coordinates\": [01, 2]}", 1, 35),
            ("{\"type\": \"Point\", \"coordinates\": [1., 2]}", 1, 37),
            ("{type: \"Point\"}", 1, 2),
            ("{\"type\" \"Point\"}", 1, 9),
            ("{\"a\": tru}", 1, 7),
            ("{\"a\": \"\\x\"}", 1, 8),
            ("{\"a\": \"\\u12G4\"}", 1, 12),
            ("", 1, 1),
            ("  \n ", 2, 2),
        ]
        for (text, line, column) in cases {
            let error = geoJSONError(bytes(text))
            #expect(error?.line == line, "\(text)")
            #expect(error?.column == column, "\(text): \(error?.description ?? "no error")")
        }
    }

    @Test("a wrong overall structure throws")
    func structure() {
        let array = geoJSONError(bytes("[1, 2]"))
        #expect(array?.message.contains("a JSON array") == true)

        let noType = geoJSONError(bytes("{\n\"features\": []}"))
        #expect(noType?.line == 1)
        #expect(noType?.field == "type")

        let unknown = geoJSONError(bytes("{\"features\": [],\n \"type\": \"Featurecollection\"}"))
        #expect(unknown?.line == 2)
        #expect(unknown?.message.contains("unknown GeoJSON type \"Featurecollection\"") == true)

        let notArray = geoJSONError(bytes("{\"type\": \"FeatureCollection\",\n \"features\": {}}"))
        #expect(notArray?.line == 2)
        #expect(notArray?.field == "features")

        let missing = geoJSONError(bytes("{\"type\": \"FeatureCollection\"}"))
        #expect(missing?.field == "features")

        let geometryAsFeature = geoJSONError(
            bytes("{\"type\": \"FeatureCollection\", \"features\": [\n{\"type\": \"Point\", \"coordinates\": [1, 2]}]}"))
        #expect(geometryAsFeature?.line == 2)
        #expect(geometryAsFeature?.message.contains("features[0] has type \"Point\"") == true)

        let nullFeature = geoJSONError(bytes("{\"type\": \"FeatureCollection\", \"features\": [null]}"))
        #expect(nullFeature?.message.hasPrefix("features[0] is null, not an object") == true)
    }

    @Test("a missing file is an error naming the path")
    func missingFile() {
        #expect(throws: FormatError.self) {
            try GeoJSONReader.read(contentsOf: "/nonexistent/regions.geojson")
        }
        do {
            _ = try GeoJSONReader.read(contentsOf: "/nonexistent/regions.geojson")
        } catch {
            #expect(error.description.hasPrefix("/nonexistent/regions.geojson: cannot open the file"))
        }
    }
}
