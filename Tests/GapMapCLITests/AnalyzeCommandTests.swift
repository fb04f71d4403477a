import Foundation
import Testing
import TestSupport
@testable import GapMapCLI

/// `gapmap analyze` on the bundled sample data, checked against the counts
/// that geodata/README.md lists (computed with shapely when the data was
/// built, independently of gapmap).
struct AnalyzeCommandTests {
    static var projectRoot: String {
        var dir = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { dir.deleteLastPathComponent() }
        return dir.path
    }

    static func sample(_ name: String) -> String { projectRoot + "/geodata/mali/" + name }

    static func temporaryFolder() -> String { TestSupport.temporaryFolder("gapmap-cli") }

    /// The sample with every incident type kept (`--event-type all`): the
    /// counts of geodata/README.md, computed with shapely on every incident.
    static func sampleArguments(out: String) -> [String] {
        ["analyze", "--event-type", "all", "--regions", sample("regions.geojson"), "--initiatives", sample("initiatives.csv"), "--needs", sample("needs.csv"),
         "--incidents", sample("incidents.csv"), "--settlements", sample("settlements.csv"), "--out", out]
    }

    static func analyze(_ arguments: [String]) throws -> String {
        let command = try GapMapCommand.parseAsRoot(arguments)
        guard let analyze = command as? GapMapCommand.Analyze else {
            Issue.record("not the analyze command")
            return ""
        }
        return try analyze.execute()
    }

    /// By default, ACLED's demonstrations and strategic developments are left
    /// out, counted as filtered, and the screen says which types were kept;
    /// the counts per type are the sample file's own (first row of each id).
    @Test func byDefaultProtestsRiotsAndStrategicDevelopmentsAreCountedAsFiltered() throws {
        let lines = try String(contentsOfFile: Self.sample("incidents.csv"), encoding: .utf8).split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = lines[0]
        let id = header.firstIndex(of: "event_id_cnty")!, type = header.firstIndex(of: "event_type")!
        var seen = Set<String>(), perType: [String: Int] = [:]
        for row in lines.dropFirst() where seen.insert(row[id]).inserted { perType[row[type], default: 0] += 1 }
        let left = ["Protests", "Riots", "Strategic developments"].reduce(0) { $0 + perType[$1]! }
        let kept = seen.count - left
        var arguments = Self.sampleArguments(out: Self.temporaryFolder())
        arguments.removeSubrange(1...2)  // no --event-type
        let text = try Self.analyze(arguments)
        #expect(text.contains("incidents   \(lines.count - 1) read = \(kept) used + 0 rejected + \(lines.count - 1 - seen.count) duplicates + \(left) filtered"))
        #expect(text.contains("kept by event type: Battles \(perType["Battles"]!), Explosions/Remote violence \(perType["Explosions/Remote violence"]!), "
                              + "Violence against civilians \(perType["Violence against civilians"]!)"))
        #expect(text.contains("left out: Protests \(perType["Protests"]!), Riots \(perType["Riots"]!), Strategic developments \(perType["Strategic developments"]!)"))
        #expect(text.contains("--event-type all keeps them"))
        // Options a user mistypes are usage errors that say what to write.
        for bad in [["--incident-weight", "Battles=many"], ["--event-type", "all", "--event-type", "Battles"], ["--min-fatalities", "-1"],
                    ["--from", "next week"]] {
            #expect(throws: (any Error).self, "\(bad)") { try GapMapCommand.parseAsRoot(["analyze"] + bad) }
        }
        // --from and --to take the date forms the CSV reader takes: a month is its first to its last day.
        let command = try #require(try GapMapCommand.parseAsRoot(["analyze", "--from", "2019-02", "--to", "05 March 2019"]) as? GapMapCommand.Analyze)
        let filter = try command.filters.filter()
        #expect(filter.from?.description == "2019-02-01" && filter.to?.description == "2019-03-05")
        let month = try #require(try GapMapCommand.parseAsRoot(["analyze", "--to", "2020-02"]) as? GapMapCommand.Analyze)
        #expect(try month.filters.filter().to?.description == "2020-02-29")
    }

    @Test func theSampleRunWritesEveryOutputAndAccountsForEveryRow() throws {
        let out = Self.temporaryFolder()
        let text = try Self.analyze(Self.sampleArguments(out: out))
        for file in ["regions.geojson", "gaps.geojson", "coverage.geojson", "needs.geojson", "incidents.geojson", "summary.csv", "rejected.csv"] {
            #expect(FileManager.default.fileExists(atPath: out + "/" + file), "\(file) missing")
        }
        #expect(text.contains("needs       2,000 read = 1,994 used + 3 rejected + 3 duplicates; 1,934 points = 1,931 assigned + 3 unassigned; 60 by reference to a unit"))
        #expect(text.contains("incidents   840 read = 800 used + 0 rejected + 40 duplicates; 800 points = 800 assigned + 0 unassigned"))
        #expect(text.contains("settlements 94 read = 94 used + 0 rejected + 0 duplicates; 94 points = 92 assigned + 2 unassigned"))
        // rejected.csv: 3 rejected + 3 duplicate needs + 40 duplicate incidents, each with its line.
        let rejected = try String(contentsOfFile: out + "/rejected.csv", encoding: .utf8).split(separator: "\n")
        #expect(rejected.count == 1 + 46)
        #expect(rejected.contains { $0.contains(",313,NEED-00312,") && $0.contains("rejected") })
        #expect(rejected.contains { $0.contains(",1692,NEED-01689,") && $0.contains("weight '-2'") })
        #expect(rejected.contains { $0.contains(",406,NEED-00060,") && $0.contains("duplicate") })
    }

    @Test func jsonSummaryHasTheRegionsMetricsAndTheRowAccounting() throws {
        let out = Self.temporaryFolder()
        let text = try Self.analyze(Self.sampleArguments(out: out) + ["--json"])
        let document = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let regions = try #require(document["regions"] as? [[String: Any]])
        #expect(regions.map { $0["region_id"] as? String } == (1...9).map { "ML0\($0)" })
        // Weight sums per region from geodata/README.md (point needs + region-referenced needs).
        let expectedNeeds: [String: Double] = ["ML01": 232.5, "ML02": 340.5, "ML03": 228, "ML04": 367.5, "ML05": 583.25,
                                               "ML06": 310.5, "ML07": 377, "ML08": 82]
        let expectedIncidents: [String: Double] = ["ML01": 21, "ML02": 38, "ML03": 18, "ML04": 159, "ML05": 217, "ML06": 105, "ML07": 167, "ML08": 15]
        let expectedActive: [String: Int] = ["ML01": 5, "ML02": 7, "ML03": 6, "ML04": 6, "ML05": 6, "ML06": 5, "ML07": 2, "ML08": 0]
        // Of those, the active rows of initiatives.csv that name a region instead of giving coordinates
        // (INI-0025 Ségou, INI-0035 ML05, INI-0015 Tombouctou) are programmes: present, not located (semantics 1).
        let expectedProgrammes: [String: Int] = ["ML04": 1, "ML05": 1, "ML06": 1]
        for r in regions {
            let id = r["region_id"] as! String
            guard let needs = expectedNeeds[id] else { continue }
            #expect(r["needs"] as? Double == needs, "\(id) needs")
            #expect(r["incidents"] as? Double == expectedIncidents[id], "\(id) incidents")
            #expect(r["programmes"] as? Int == expectedProgrammes[id, default: 0], "\(id) programmes")
            #expect((r["initiatives"] as? Int).map { $0 + expectedProgrammes[id, default: 0] } == expectedActive[id], "\(id) initiatives")
            let n = r["needs"] as! Double, c = r["needs_covered"] as! Double, u = r["needs_uncovered"] as! Double
            #expect(abs(n - c - u) < 1e-9)
            #expect((r["coverage_pct"] as! Double) >= 0)
        }
        let layers = try #require(document["layers"] as? [String: [String: Any]])
        for (name, a) in layers {
            let read = a["read"] as! Int, used = a["used"] as! Int, rejected = a["rejected"] as! Int, duplicates = a["duplicates"] as! Int
            #expect(read == used + rejected + duplicates, "\(name) does not add up")
            #expect(a["points"] as! Int == (a["assigned"] as! Int) + (a["unassigned"] as! Int), "\(name) points do not add up")
        }
        #expect((document["definitions"] as? [String: String])?["coverage_pct"] != nil)
    }

    @Test func geoJSONOutputsFollowRFC7946() throws {
        let out = Self.temporaryFolder()
        _ = try Self.analyze(Self.sampleArguments(out: out))
        for file in ["regions.geojson", "gaps.geojson", "coverage.geojson"] {
            let data = try Data(contentsOf: URL(fileURLWithPath: out + "/" + file))
            let document = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            #expect(document["crs"] == nil, "\(file) has a crs member")
            #expect(document["type"] as? String == "FeatureCollection")
            for feature in document["features"] as! [[String: Any]] {
                guard let geometry = feature["geometry"] as? [String: Any] else { continue }
                let polygons: [[[[Double]]]]
                switch geometry["type"] as? String {
                case "Polygon": polygons = [geometry["coordinates"] as! [[[Double]]]]
                case "MultiPolygon": polygons = geometry["coordinates"] as! [[[[Double]]]]
                default: polygons = []
                }
                for polygon in polygons {
                    for (k, ring) in polygon.enumerated() {
                        // Shoelace: positive is counter-clockwise.
                        var twice = 0.0
                        for i in 0..<(ring.count - 1) { twice += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1] }
                        #expect(ring.first! == ring.last!, "\(file): ring not closed")
                        if k == 0 { #expect(twice > 0, "\(file): exterior ring clockwise") } else { #expect(twice < 0, "\(file): hole counter-clockwise") }
                    }
                }
            }
        }
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/ogrinfo"), "GDAL's ogrinfo is not installed"))
    func gdalOpensEveryGeoJSONWithoutAWarning() throws {
        let out = Self.temporaryFolder()
        _ = try Self.analyze(Self.sampleArguments(out: out))
        for file in ["regions.geojson", "gaps.geojson", "coverage.geojson", "needs.geojson", "incidents.geojson"] {
            let (status, output, errors) = try runProgram("/usr/bin/ogrinfo", ["-ro", "-al", "-so", out + "/" + file])
            #expect(status == 0, "\(file): \(errors)")
            #expect(!errors.contains("Warning") && !errors.contains("ERROR"), "\(file): \(errors)")
            #expect(output.contains("Feature Count"), "\(file)")
        }
    }

    @Test func badArgumentsAndMissingFilesAreClearErrors() throws {
        #expect(throws: (any Error).self) { try GapMapCommand.parseAsRoot(["analyze", "--radius", "0"]) }
        do {
            _ = try GapMapCommand.parseAsRoot(["analyze", "--segments", "2"])
            Issue.record("--segments 2 accepted")
        } catch {
            #expect(GapMapCommand.message(for: error).contains("from 3 to 1024"))
        }
        let out = Self.temporaryFolder()
        do {
            _ = try Self.analyze(["analyze", "--regions", "/nonexistent/regions.geojson", "--out", out])
            Issue.record("a missing file was accepted")
        } catch {
            #expect("\(error)".contains("/nonexistent/regions.geojson"))
            #expect("\(error)".contains("does not exist"))
        }
    }

    @Test func theHelpListsTheDesignedFlags() {
        let help = GapMapCommand.helpMessage(for: GapMapCommand.Analyze.self)
        for flag in ["--regions", "--region-id", "--region-name", "--initiatives", "--needs", "--incidents", "--settlements",
                     "--radius", "--segments", "--include-planned", "--out", "--format", "--json"] {
            #expect(help.contains(flag), "\(flag) missing from the help")
        }
    }
}

/// `--regions file.gpkg --layer NAME`, on a GeoPackage written by GDAL.
struct GeoPackageLayerOptionTests {
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/ogr2ogr"), "GDAL's ogr2ogr is not installed"))
    func theLayerOptionPicksALayerAndWithoutItTheLayersAreListed() throws {
        let folder = AnalyzeCommandTests.temporaryFolder()
        let gpkg = folder + "/boundaries.gpkg"
        for (layer, append) in [("mali_regions", false), ("other_layer", true)] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/ogr2ogr")
            process.arguments = ["-f", "GPKG"] + (append ? ["-update"] : []) + ["-nln", layer, gpkg, AnalyzeCommandTests.sample("regions.geojson")]
            try process.run()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
        }
        let geojson = try AnalyzeCommandTests.analyze(["analyze", "--regions", AnalyzeCommandTests.sample("regions.geojson"),
                                                       "--needs", AnalyzeCommandTests.sample("needs.csv"), "--json", "--out", folder + "/a"])
        let fromLayer = try AnalyzeCommandTests.analyze(["analyze", "--regions", gpkg, "--layer", "mali_regions",
                                                         "--needs", AnalyzeCommandTests.sample("needs.csv"), "--json", "--out", folder + "/b"])
        func regions(_ text: String) throws -> [[String: Any]] {
            let doc = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
            return doc?["regions"] as? [[String: Any]] ?? []
        }
        let a = try regions(geojson), b = try regions(fromLayer)
        #expect(a.count == 9 && b.count == 9)
        for (x, y) in zip(a, b) {
            #expect(x["region_id"] as? String == y["region_id"] as? String)
            #expect(x["needs"] as? Double == y["needs"] as? Double)
            let ax = x["area_km2"] as! Double, ay = y["area_km2"] as! Double
            #expect(abs(ax / ay - 1) < 1e-12)
        }
        do {
            _ = try AnalyzeCommandTests.analyze(["analyze", "--regions", gpkg, "--out", folder + "/c"])
            Issue.record("a GeoPackage with two layers was read without a layer name")
        } catch {
            #expect("\(error)".contains("mali_regions") && "\(error)".contains("other_layer"))
        }
    }

    /// A GeoJSON file written on one line (as minifiers and some web tools
    /// write it) gives every feature line 1: rejected.csv then tells its
    /// rows apart by their feature number, counted here by hand.
    @Test func rowsOfAOneLineGeoJSONAreToldApartByTheirFeatureNumber() throws {
        let folder = AnalyzeCommandTests.temporaryFolder()
        func need(_ id: String, _ weight: String, _ lon: Double, _ lat: Double) -> String {
            #"{"type":"Feature","properties":{"id":"\#(id)","category":"justice_access","weight":\#(weight)},"geometry":{"type":"Point","coordinates":[\#(lon),\#(lat)]}}"#
        }
        let features = [need("A", "1", -8.0, 12.6), need("B", "-2", -7.9, 12.7), need("C", "1", -4.2, 14.5), need("A", "1", -3.0, 16.7)]
        try (#"{"type":"FeatureCollection","features":["# + features.joined(separator: ",") + "]}")
            .write(toFile: folder + "/needs.geojson", atomically: true, encoding: .utf8)
        _ = try AnalyzeCommandTests.analyze(["analyze", "--regions", AnalyzeCommandTests.sample("regions.geojson"), "--needs", folder + "/needs.geojson", "--out", folder + "/out"])
        let rows = try String(contentsOfFile: folder + "/out/rejected.csv", encoding: .utf8).split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(rows.first?.last == "feature")
        let needs = rows.filter { $0.first == "needs" }
        // B (feature 2): a negative weight; the second A (feature 4): a duplicate id. Both on line 1.
        #expect(needs.map { [$0[2], $0[3], $0[5], $0.last!] } == [["1", "B", "rejected", "2"], ["1", "A", "duplicate", "4"]])
    }
}
