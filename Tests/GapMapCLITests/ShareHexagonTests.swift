import Foundation
import Testing
import TestSupport
@testable import GapMapCLI

/// `--share-cells hex:SIZE` on Mali's 701 communes with the ACLED-shaped
/// export (scripts/make-acled-mali.py) and 3000 seeded needs: the counts
/// per hexagon are those of a brute force done in Python (shapely: which
/// written hexagon covers each point of the restricted run; pyproj: each
/// hexagon's geodesic area), none from 1 to k−1, published and withheld
/// adding up to the national totals, and no coordinate is an input point.
@Suite(.serialized, .enabled(if: pythonWithNumpyAndShapely, "python3 with numpy and shapely is needed (scripts/make-acled-mali.py, the brute force)"))
struct ShareHexagonTests {
    static let k = 5
    /// 20 km flat to flat: √3/2 × 20² = 346.41 km² a hexagon.
    static let cells = "hex:20km"
    static let hexagonKm2 = 3.0.squareRoot() / 2 * 400

    struct Runs {
        var inputs: ShareCommandTests.Inputs
        var layers: [String]
        var restricted: String, shared: String
    }

    nonisolated(unsafe) static let runs = Result { try makeRuns() }

    static func makeRuns() throws -> Runs {
        let (inputs, acled) = try ShareDisclosureTests.inputsWithACLED()
        let layers = ["--regions", ShareCommandTests.communes, "--needs", inputs.folder + "/needs.csv", "--incidents", acled,
                      "--initiatives", inputs.folder + "/initiatives.csv"]
        let restricted = TestSupport.temporaryFolder("gapmap-hex-restricted"), shared = TestSupport.temporaryFolder("gapmap-hex-shared")
        _ = try AnalyzeCommandTests.analyze(["analyze"] + layers + ["--out", restricted])
        _ = try AnalyzeCommandTests.analyze(["analyze"] + layers + ["--share", "--share-cells", cells, "--out", shared])
        return Runs(inputs: inputs, layers: layers, restricted: restricted, shared: shared)
    }

    /// The brute force: which written hexagon covers each point of the
    /// restricted run's layer, counted per hexagon and category.
    static let bruteForce = """
        import json, sys
        from shapely.geometry import shape, Point
        from shapely.strtree import STRtree
        from pyproj import Geod
        restricted, shared, layer, key = sys.argv[1:5]
        points = json.load(open(f"{restricted}/{layer}.geojson"))["features"]
        hexagons = [f for f in json.load(open(f"{shared}/{layer}_hexagons.geojson"))["features"] if f["geometry"]]
        polygons = [shape(f["geometry"]) for f in hexagons]
        ids = [f["properties"]["hex_id"] for f in hexagons]
        tree = STRtree(polygons)
        counts, nocoords, outside, several = {}, {}, 0, 0
        for f in points:
            category = f["properties"].get(key) or "(none)"
            if f["geometry"] is None:
                nocoords[category] = nocoords.get(category, 0) + 1
                continue
            p = Point(f["geometry"]["coordinates"])
            hits = [i for i in tree.query(p) if polygons[i].covers(p)]
            if not hits:
                outside += 1
                continue
            several += len(hits) > 1
            row = counts.setdefault(ids[hits[0]], {})
            row[category] = row.get(category, 0) + 1
        geod = Geod(ellps="WGS84")
        areas = [abs(geod.geometry_area_perimeter(p)[0]) / 1e6 for p in polygons]
        print(json.dumps({"counts": counts, "nocoords": nocoords, "outside": outside, "several": several,
                          "points": len(points), "min_area": min(areas), "max_area": max(areas)}))
        """

    @Test(arguments: [("needs", "category"), ("incidents", "type")])
    func hexagonCountsAreTheBruteForceCountsNoneFrom1ToKMinus1(layer: String, key: String) throws {
        let runs = try Self.runs.get()
        let text = try ShareDisclosureTests.run("python3", ["-c", Self.bruteForce, runs.restricted, runs.shared, layer, key])
        let brute = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let counts = try #require(brute["counts"] as? [String: [String: Int]])
        let noCoordinates = brute["nocoords"] as? [String: Int] ?? [:]
        // Every point is in one written hexagon, and each hexagon covers the ground it should.
        #expect(brute["outside"] as? Int == 0)
        #expect(brute["several"] as? Int == 0)
        let minArea = try #require(ShareCommandTests.number(brute["min_area"])), maxArea = try #require(ShareCommandTests.number(brute["max_area"]))
        #expect(abs(minArea / Self.hexagonKm2 - 1) < 0.002 && abs(maxArea / Self.hexagonKm2 - 1) < 0.002, "\(minArea)…\(maxArea) km²")

        let document = try ShareCommandTests.json(runs.shared + "/\(layer)_hexagons.geojson")
        let features = ShareCommandTests.features(document)
        #expect(Set(features.compactMap { $0["hex_id"] as? String }) == Set(counts.keys), "a hexagon for each hexagon holding a point")
        var published = 0, withheld = 0, withheldCells = 0
        for p in features {
            let truth = (p["hex_id"] as? String).map { counts[$0] ?? [:] } ?? noCoordinates
            let total = truth.values.reduce(0, +)
            if let n = ShareCommandTests.number(p[layer]).map(Int.init) {
                #expect(n == total, "\(p["hex_id"] ?? "no hexagon")")
                #expect(n == 0 || n >= Self.k)
                published += n
            } else {
                #expect(p[layer] is NSNull)
                #expect(total >= 1, "a withheld hexagon is never empty")
                withheld += total
            }
            for (name, value) in p where name.hasPrefix("count_") {
                let category = String(name.dropFirst("count_".count))
                if let n = ShareCommandTests.number(value).map(Int.init) {
                    #expect(n == truth[category, default: 0], "\(p["hex_id"] ?? "no hexagon") \(category)")
                    #expect(n == 0 || n >= Self.k)
                } else {
                    #expect((truth[category] ?? 0) >= 1)
                    withheldCells += 1
                }
            }
        }
        // Published and withheld hexagons add up to the national total, the number of points read.
        let totals = try #require(document["gapmap_totals"] as? [String: Any])
        #expect(published + withheld == brute["points"] as? Int)
        #expect(ShareCommandTests.number(totals[layer]).map(Int.init) == brute["points"] as? Int)
        #expect(withheld > 0 && withheldCells > 0, "the rule had something to withhold")
        // Each category's national total: the unit table's, published or withheld together.
        let unitTotals = try #require(try ShareCommandTests.json(runs.shared + "/\(layer).geojson")["gapmap_totals"] as? [String: Any])
        for (name, value) in totals {
            #expect(ShareCommandTests.number(value) == ShareCommandTests.number(unitTotals[name]) && (value is NSNull) == (unitTotals[name] is NSNull), "\(name)")
        }
        let hexagons = try #require(document["gapmap_hexagons"] as? [String: Any])
        #expect(ShareCommandTests.number(hexagons["width_km"]) == 20)
    }

    @Test func noCoordinateOfASharedFileIsAnInputPoint() throws {
        let runs = try Self.runs.get()
        for file in ["needs_hexagons.geojson", "incidents_hexagons.geojson", "needs.geojson", "incidents.geojson", "regions.geojson"] {
            var coordinates: [[Double]] = []
            ShareCommandTests.coordinates(try ShareCommandTests.json(runs.shared + "/" + file)["features"] as Any, into: &coordinates)
            #expect(!coordinates.isEmpty)
            let hits = coordinates.filter { runs.inputs.points.contains([Int(($0[0] * 1e5).rounded()), Int(($0[1] * 1e5).rounded())]) }
            #expect(hits.isEmpty, "\(file): \(hits.count) input points")
        }
        // The check can fail: the restricted run's needs are input points.
        var restricted: [[Double]] = []
        ShareCommandTests.coordinates(try ShareCommandTests.json(runs.restricted + "/needs.geojson")["features"] as Any, into: &restricted)
        #expect(restricted.contains { runs.inputs.points.contains([Int(($0[0] * 1e5).rounded()), Int(($0[1] * 1e5).rounded())]) })
        let report = try String(contentsOfFile: runs.shared + "/share-report.txt", encoding: .utf8)
        #expect(report.contains("hex:20km (20 km flat to flat"))
    }

    @Test func theSharedMapDrawsTheHexagonsAndNoPoint() throws {
        let runs = try Self.runs.get()
        let out = TestSupport.temporaryFolder("gapmap-hex-map")
        _ = try ReportCommandTests.run(["map"] + runs.layers + ["--out", out, "--svg-only", "--share", "--share-cells", Self.cells])
        let svg = try String(contentsOfFile: out + "/map.svg", encoding: .utf8)
        let start = try #require(svg.range(of: "<g id=\"shared-hexagons\""))
        let end = try #require(svg.range(of: "</g>", range: start.upperBound..<svg.endIndex))
        let drawn = svg[start.upperBound..<end.lowerBound].components(separatedBy: "<path ").count - 1
        var hexagons = Set<String>()
        for layer in ["needs", "incidents"] {
            for p in ShareCommandTests.features(try ShareCommandTests.json(runs.shared + "/\(layer)_hexagons.geojson")) {
                if let id = p["hex_id"] as? String { hexagons.insert(id) }
            }
        }
        #expect(drawn == hexagons.count)
        #expect(!svg.contains("<g id=\"needs\"") && !svg.contains("<g id=\"demand-density\""))
        #expect(svg.contains("SHAREABLE"))
    }

    @Test(.enabled(if: toolPath("ogrinfo") != nil && toolPath("ogr2ogr") != nil, "GDAL's ogrinfo and ogr2ogr are not installed"))
    func theSharedGeoPackageHoldsTheHexagonsAndTheDisplacedPointsOnly() throws {
        let runs = try Self.runs.get()
        let folder = TestSupport.temporaryFolder("gapmap-hex-gpkg")
        _ = try AnalyzeCommandTests.analyze(["analyze"] + runs.layers + ["--share", "--share-cells", Self.cells, "--share-displace", "--format", "gpkg", "--out", folder])
        let gpkg = folder + "/gapmap.gpkg"
        for (layer, fields) in [("needs_hexagons", ["hex_id", "needs", "count_roads", "suppressed_fields"]), ("incidents_hexagons", ["hex_id", "incidents"]),
                                ("needs_displaced", ["region_id", "category"]), ("incidents_displaced", ["region_id", "type"])] {
            let info = try ShareDisclosureTests.run("ogrinfo", ["-ro", "-so", gpkg, layer])
            #expect(info.contains("SHAREABLE: ") && info.contains("DIFFUSABLE : "), "\(layer)")
            let listed = Set(info.split(separator: "\n").compactMap { line -> String? in
                guard let colon = line.range(of: ": "), line.contains("("), !line.contains("="), !line.hasPrefix("Layer"), !line.hasPrefix("Extent") else { return nil }
                return String(line[..<colon.lowerBound])
            })
            #expect(listed.isSuperset(of: fields) && listed.isDisjoint(with: ShareCommandTests.dropped), "\(layer): \(listed)")
            let geojson = try ShareDisclosureTests.run("ogr2ogr", ["-f", "GeoJSON", "/vsistdout/", gpkg, layer])
            let document = try #require(try JSONSerialization.jsonObject(with: Data(geojson.utf8)) as? [String: Any])
            var coordinates: [[Double]] = []
            ShareCommandTests.coordinates(document["features"] as Any, into: &coordinates)
            #expect(!coordinates.isEmpty)
            #expect(!coordinates.contains { runs.inputs.points.contains([Int(($0[0] * 1e5).rounded()), Int(($0[1] * 1e5).rounded())]) }, "\(layer)")
            // The hexagons are the shared GeoJSON's, feature for feature (the lattice does not depend on the format).
            if layer.hasSuffix("_hexagons") {
                let expected = ShareCommandTests.features(try ShareCommandTests.json(runs.shared + "/\(layer).geojson"))
                #expect(ShareCommandTests.features(document).count == expected.count)
            }
        }
    }
}
