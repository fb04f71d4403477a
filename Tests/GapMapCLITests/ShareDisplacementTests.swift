import Foundation
import Testing
import TestSupport
@testable import GapMapCLI

/// `--share-displace` on Mali's 701 communes with the ACLED-shaped export
/// and 3000 seeded needs, checked in Python (pyproj's geodesic distance,
/// shapely's point in polygon) against the restricted run's points, in row
/// order: every displaced point is 1 to 10 km from its own point (about 1 %
/// beyond 5 km), in its own commune, equal to no input point, and a second
/// run moves every point elsewhere; the unit figures are the restricted run's.
@Suite(.serialized, .enabled(if: pythonWithNumpyAndShapely, "python3 with numpy, shapely and pyproj is needed (scripts/make-acled-mali.py, the check)"))
struct ShareDisplacementTests {
    struct Runs {
        var inputs: ShareCommandTests.Inputs
        var restricted: String, first: String, second: String
    }

    nonisolated(unsafe) static let runs = Result { try makeRuns() }

    static func makeRuns() throws -> Runs {
        let (inputs, acled) = try ShareDisclosureTests.inputsWithACLED()
        let layers = ["analyze", "--regions", ShareCommandTests.communes, "--needs", inputs.folder + "/needs.csv", "--incidents", acled,
                      "--initiatives", inputs.folder + "/initiatives.csv"]
        let runs = Runs(inputs: inputs, restricted: TestSupport.temporaryFolder("gapmap-displace-restricted"),
                        first: TestSupport.temporaryFolder("gapmap-displace-1"), second: TestSupport.temporaryFolder("gapmap-displace-2"))
        _ = try AnalyzeCommandTests.analyze(layers + ["--out", runs.restricted])
        _ = try AnalyzeCommandTests.analyze(layers + ["--share", "--share-displace", "--out", runs.first])
        _ = try AnalyzeCommandTests.analyze(layers + ["--share", "--share-displace", "--out", runs.second])
        return runs
    }

    /// Pairs the restricted run's points with the displaced ones, row by row.
    static let check = """
        import json, sys
        from shapely.geometry import shape, Point
        from pyproj import Geod
        restricted, first, second, layer = sys.argv[1:5]
        units = {f["properties"]["region_id"]: shape(f["geometry"]) for f in json.load(open(f"{restricted}/regions.geojson"))["features"]}
        true = [f for f in json.load(open(f"{restricted}/{layer}.geojson"))["features"] if f["geometry"]]
        a = json.load(open(f"{first}/{layer}_displaced.geojson"))["features"]
        b = json.load(open(f"{second}/{layer}_displaced.geojson"))["features"]
        geod = Geod(ellps="WGS84")
        out = {"points": len(true), "displaced": len(a), "held_back": 0, "min_m": 1e9, "max_m": 0, "beyond_5km": 0,
               "other_unit": 0, "same_in_both_runs": 0, "unit_differs": 0}
        for t, p, q in zip(true, a, b):
            if p["geometry"] is None:
                out["held_back"] += 1
                continue
            (x0, y0), (x1, y1) = t["geometry"]["coordinates"], p["geometry"]["coordinates"]
            d = geod.inv(x0, y0, x1, y1)[2]
            out["min_m"] = min(out["min_m"], d)
            out["max_m"] = max(out["max_m"], d)
            out["beyond_5km"] += d > 5000.01
            unit = t["properties"]["region_id"]
            inside = [k for k, g in units.items() if g.covers(Point(x1, y1))] if unit is None else ([unit] if units[unit].covers(Point(x1, y1)) else [])
            out["other_unit"] += (unit is None and inside != []) or (unit is not None and inside == [])
            out["unit_differs"] += p["properties"]["region_id"] != unit
            out["same_in_both_runs"] += q["geometry"] is not None and q["geometry"]["coordinates"] == p["geometry"]["coordinates"]
        print(json.dumps(out))
        """

    @Test(arguments: ["needs", "incidents"])
    func everyPointMovesOneToTenKilometresWithinItsUnitAndAgainEachRun(layer: String) throws {
        let runs = try Self.runs.get()
        let text = try ShareDisclosureTests.run("python3", ["-c", Self.check, runs.restricted, runs.first, runs.second, layer])
        let r = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let points = try #require(r["points"] as? Int), heldBack = try #require(r["held_back"] as? Int)
        #expect(points > 2000)
        #expect(r["displaced"] as? Int == points, "one displaced point per input point, in row order")
        #expect(heldBack < points / 100)
        // 1 km at least, 10 km at most (the coordinates are written to about 1 cm).
        let minimum = try #require(ShareCommandTests.number(r["min_m"])), maximum = try #require(ShareCommandTests.number(r["max_m"]))
        #expect(minimum > 999.95 && maximum < 10_000.05, "\(minimum) … \(maximum) m")
        // About 1 % beyond 5 km: with n points the count is Binomial(n, 0.01), n/100 ± 3σ well inside 0…3 %.
        let beyond = try #require(r["beyond_5km"] as? Int)
        #expect(beyond > 0 && beyond < points * 3 / 100, "\(beyond) of \(points) beyond 5 km")
        #expect(r["other_unit"] as? Int == 0, "every point stays in its own unit")
        #expect(r["unit_differs"] as? Int == 0)
        #expect(r["same_in_both_runs"] as? Int == 0, "no seed: a second run moves every point elsewhere")

        // No displaced coordinate is an input point (to 1e-5 degree).
        var coordinates: [[Double]] = []
        ShareCommandTests.coordinates(try ShareCommandTests.json(runs.first + "/\(layer)_displaced.geojson")["features"] as Any, into: &coordinates)
        #expect(coordinates.count >= points - heldBack)
        #expect(!coordinates.contains { runs.inputs.points.contains([Int(($0[0] * 1e5).rounded()), Int(($0[1] * 1e5).rounded())]) })
    }

    /// Classes each restricted point as the rule says, from the file itself
    /// (pyproj's geodesic distance to every town), and measures each class's
    /// displacement, row by row.
    static let classes = """
        import csv, json, math, sys
        from pyproj import Geod
        restricted, first, towns_file, layer = sys.argv[1:5]
        geod = Geod(ellps="WGS84")
        towns = [(float(r["lon"]), float(r["lat"]), math.sqrt(int(r["population"]) / (math.pi * 1500)) * 1000)
                 for r in csv.DictReader(open(towns_file, encoding="utf-8"))]
        towns = [t for t in towns if -13 <= t[0] <= 5 and 9 <= t[1] <= 26]
        true = [f for f in json.load(open(f"{restricted}/{layer}.geojson"))["features"] if f["geometry"]]
        moved = json.load(open(f"{first}/{layer}_displaced.geojson"))["features"]
        out = {"urban": 0, "rural": 0, "urban_max_m": 0, "urban_min_m": 1e9, "rural_max_m": 0, "rural_min_m": 1e9, "rural_beyond_5km": 0, "rural_beyond_2km": 0}
        for t, p in zip(true, moved):
            x0, y0 = t["geometry"]["coordinates"]
            urban = any(geod.inv(x, y, x0, y0)[2] <= r for x, y, r in towns)
            out["urban" if urban else "rural"] += 1
            if p["geometry"] is None:
                continue
            x1, y1 = p["geometry"]["coordinates"]
            d = geod.inv(x0, y0, x1, y1)[2]
            k = "urban" if urban else "rural"
            out[k + "_max_m"] = max(out[k + "_max_m"], d)
            out[k + "_min_m"] = min(out[k + "_min_m"], d)
            if not urban:
                out["rural_beyond_5km"] += d > 5000.01
                out["rural_beyond_2km"] += d > 2000.01
        print(json.dumps(out))
        """

    @Test func urbanPointsMoveAtMostTwoKilometresAndRuralOnesFiveOrTen() throws {
        let runs = try Self.runs.get()
        var urban = 0, rural = 0
        for layer in ["needs", "incidents"] {
            let text = try ShareDisclosureTests.run("python3", ["-c", Self.classes, runs.restricted, runs.first,
                                                                ShareDisclosureTests.root + "/geodata/urban/cities15000.csv", layer])
            let r = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
            let n = (urban: r["urban"] as! Int, rural: r["rural"] as! Int)
            urban += n.urban
            rural += n.rural
            #expect(n.urban > 0 && n.rural > 500, "\(layer): \(n)")
            let u = (ShareCommandTests.number(r["urban_min_m"])!, ShareCommandTests.number(r["urban_max_m"])!)
            let q = (ShareCommandTests.number(r["rural_min_m"])!, ShareCommandTests.number(r["rural_max_m"])!)
            #expect(u.0 > 999.95 && u.1 < 2000.05, "\(layer) urban: \(u) m")
            #expect(q.0 > 999.95 && q.1 < 10_000.05, "\(layer) rural: \(q) m")
            // Uniform from 1 to 5 km: three quarters of the rural points beyond 2 km; about 1 % beyond 5 km.
            let beyond2 = r["rural_beyond_2km"] as! Int, beyond5 = r["rural_beyond_5km"] as! Int
            #expect(beyond2 > n.rural * 65 / 100 && beyond5 < n.rural * 3 / 100, "\(layer): \(beyond2), \(beyond5) of \(n.rural)")
        }
        #expect(urban > 50, "\(urban) urban points")
        // The report's counts are the rule's, counted here from the file.
        let report = try String(contentsOfFile: runs.first + "/share-report.txt", encoding: .utf8)
        #expect(report.contains("\(urban) urban points moved 1 to 2 km; \(rural) rural points moved 1 to 5 km"), "\(urban) urban, \(rural) rural")
        #expect(report.contains("Degree of Urbanisation"))
    }

    @Test func unitFiguresAreTheRestrictedRunsAndTheReportSaysThereIsNoSeed() throws {
        let runs = try Self.runs.get()
        let shared = try ShareDisclosureTests.regions(runs.first), restricted = try ShareDisclosureTests.regions(runs.restricted)
        var compared = 0
        for (id, p) in shared {
            for key in ShareCommandTests.counted + ["area_km2", "covered_km2", "coverage_pct"] {
                guard let value = ShareCommandTests.number(p[key]) else { continue }
                #expect(value == ShareCommandTests.number(restricted[id]?[key]), "\(id) \(key)")
                compared += 1
            }
        }
        #expect(compared > 701 * 3)
        let report = try String(contentsOfFile: runs.first + "/share-report.txt", encoding: .utf8)
        #expect(report.contains("there is no seed, so none is written anywhere"))
        let document = try ShareCommandTests.json(runs.first + "/needs_displaced.geojson")
        let release = try #require(document["gapmap_release"] as? [String: Any])
        #expect((release["en"] as? String)?.contains("displaced at random within their unit, no seed: urban 1 to 2 km, rural 1 to 5 km (1 % up to 10 km)") == true)
        let properties = Set(ShareCommandTests.features(document).flatMap(\.keys))
        #expect(properties == ["region_id", "category"], "only the unit and the category: \(properties)")
    }
}
