import Foundation
import Testing
import TestSupport
@testable import GapMapCLI

/// Whether the scripts this suite runs can run.
let pythonWithNumpyAndShapely: Bool = {
    guard toolPath("python3") != nil else { return false }
    return (try? ShareDisclosureTests.run("python3", ["-c", "import numpy, shapely"])) != nil
}()

struct ToolError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// Issue 16's checks on Mali's 701 communes with an ACLED-shaped export
/// (scripts/make-acled-mali.py: 6,214 rows, 3,314 events) and 3000 seeded
/// needs, initiatives of a sensitive kind among them: an attacker who
/// solves every published sum at once (scripts/recover-suppressed.py)
/// recovers no withheld figure, gap ranks place no withheld figure, the
/// sensitive initiatives are only presence per unit, a kept field is kept
/// and said, and the shared GeoPackage holds what the shared GeoJSON holds.
@Suite(.serialized, .enabled(if: pythonWithNumpyAndShapely, "python3 with numpy and shapely is needed (scripts/make-acled-mali.py, scripts/recover-suppressed.py)"))
struct ShareDisclosureTests {
    static let root = AnalyzeCommandTests.projectRoot
    static let sensitiveKind = "informant_network"
    static let k = 5

    /// Runs a tool and returns its standard output.
    @discardableResult
    static func run(_ tool: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(toolPath(tool)))
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw ToolError(message: "\(tool) \(arguments.joined(separator: " ")): " + String(decoding: errors, as: UTF8.self))
        }
        return String(decoding: data, as: UTF8.self)
    }

    struct Runs {
        var inputs: ShareCommandTests.Inputs
        var restricted: String, shared: String, geopackage: String
        var totals: String
    }

    nonisolated(unsafe) static let runs = Result { try makeRuns() }

    /// The seeded needs, incidents and initiatives (`ShareCommandTests.makeInputs`)
    /// and the ACLED-shaped export beside them, its points among the input points.
    static func inputsWithACLED() throws -> (inputs: ShareCommandTests.Inputs, acled: String) {
        var inputs = try ShareCommandTests.makeInputs()
        let acled = inputs.folder + "/acled.csv"
        try run("python3", [root + "/scripts/make-acled-mali.py", acled])
        // The export's points, as written (4 decimals), with the needs'.
        let points = try run("python3", ["-c", "import csv,sys\nfor r in csv.DictReader(open(sys.argv[1])): print(r['longitude'], r['latitude'])", acled])
        for line in points.split(separator: "\n") {
            let xy = line.split(separator: " ").compactMap { Double($0) }
            if xy.count == 2 { inputs.points.insert([Int((xy[0] * 1e5).rounded()), Int((xy[1] * 1e5).rounded())]) }
        }
        return (inputs, acled)
    }

    static func makeRuns() throws -> Runs {
        let (inputs, acled) = try inputsWithACLED()
        // Six informant networks beside the 40 police posts.
        var initiatives = try String(contentsOfFile: inputs.folder + "/initiatives.csv", encoding: .utf8)
        for (i, (x, y)) in [(-8.0, 12.65), (-4.2, 14.5), (-3.0, 16.77), (0.05, 16.27), (-5.67, 11.32), (-7.98, 12.62)].enumerated() {
            initiatives += "S\(i),Réseau \(i),community,\(sensitiveKind),active,\(x),\(y),15\n"
        }
        try initiatives.write(toFile: inputs.folder + "/initiatives.csv", atomically: true, encoding: .utf8)
        let layers = ["--regions", ShareCommandTests.communes, "--needs", inputs.folder + "/needs.csv", "--incidents", acled,
                      "--initiatives", inputs.folder + "/initiatives.csv"]
        let options = ["--share", "--sensitive-kind", "Informant_Network", "--keep-field", "id"]
        let restricted = TestSupport.temporaryFolder("gapmap-share2-restricted"), shared = TestSupport.temporaryFolder("gapmap-share2")
        let geopackage = TestSupport.temporaryFolder("gapmap-share2-gpkg")
        _ = try AnalyzeCommandTests.analyze(["analyze"] + layers + ["--out", restricted])
        let json = try AnalyzeCommandTests.analyze(["analyze"] + layers + options + ["--out", shared, "--json"])
        _ = try AnalyzeCommandTests.analyze(["analyze"] + layers + options + ["--out", geopackage, "--format", "gpkg"])
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let totals = inputs.folder + "/totals.json"
        try JSONSerialization.data(withJSONObject: try #require(document["totals"])).write(to: URL(fileURLWithPath: totals))
        return Runs(inputs: inputs, restricted: restricted, shared: shared, geopackage: geopackage, totals: totals)
    }

    static func features(_ path: String) throws -> [[String: Any]] { ShareCommandTests.features(try ShareCommandTests.json(path)) }
    static func regions(_ folder: String) throws -> [String: [String: Any]] {
        Dictionary(uniqueKeysWithValues: try features(folder + "/regions.geojson").map { ($0["region_id"] as! String, $0) })
    }

    /// What the attacker recovers from a shared folder.
    static func attack(_ folder: String, totals: String) throws -> (unknowns: Int, recovered: [String]) {
        let text = try run("python3", [root + "/scripts/recover-suppressed.py", folder, totals])
        let result = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        return (result["unknowns"] as? Int ?? 0, (result["recovered_linear"] as? [String] ?? []) + (result["recovered_bounds"] as? [String] ?? []))
    }

    @Test func noWithheldFigureIsRecoveredFromAllThePublishedSumsAtOnce() throws {
        let runs = try Self.runs.get()
        let (unknowns, recovered) = try Self.attack(runs.shared, totals: runs.totals)
        #expect(unknowns > 1000)
        #expect(recovered.isEmpty, "recovered: \(recovered.prefix(10))")

        // The attacker is not blind: publish one of two withheld halves of a
        // region's needs and it recovers the other.
        let regions = try Self.regions(runs.shared), restricted = try Self.regions(runs.restricted)
        let (id, _) = try #require(regions.first { _, p in
            p["needs"] is NSNumber && p["needs_covered"] is NSNull && p["needs_uncovered"] is NSNull
        })
        let tampered = TestSupport.temporaryFolder("gapmap-share2-tampered")
        for file in ["needs.geojson", "incidents.geojson"] {
            try FileManager.default.copyItem(atPath: runs.shared + "/" + file, toPath: tampered + "/" + file)
        }
        var document = try ShareCommandTests.json(runs.shared + "/regions.geojson")
        document["features"] = (document["features"] as! [[String: Any]]).map { feature in
            var feature = feature, p = feature["properties"] as! [String: Any]
            if p["region_id"] as? String == id { p["needs_covered"] = restricted[id]!["needs_covered"] }
            feature["properties"] = p
            return feature
        }
        try JSONSerialization.data(withJSONObject: document).write(to: URL(fileURLWithPath: tampered + "/regions.geojson"))
        #expect(try Self.attack(tampered, totals: runs.totals).recovered.contains("regions/\(id)/needs_uncovered"))
    }

    @Test func publishedFiguresAreTheRestrictedRunsAndNoCountIsBelowK() throws {
        let runs = try Self.runs.get()
        let shared = try Self.regions(runs.shared), restricted = try Self.regions(runs.restricted)
        var compared = 0
        for (id, p) in shared {
            for key in ShareCommandTests.counted + ["area_km2", "covered_km2", "coverage_pct", "initiatives"] {
                guard let value = ShareCommandTests.number(p[key]) else { continue }
                #expect(value == ShareCommandTests.number(restricted[id]?[key]), "\(id) \(key)")
                compared += 1
            }
        }
        #expect(compared > 701 * 4)
        // Counts per unit and category: none from 1 to k−1, each the restricted run's rows tallied here.
        // Rows in no commune (outside, or naming a unit above: their region_id is that unit) are the shared file's row without region.
        var tally: [String: [String: Int]] = [:]
        for p in try Self.features(runs.restricted + "/incidents.geojson") {
            let id = p["region_id"] as? String ?? ""
            tally[shared[id] == nil ? "" : id, default: [:]]["count_" + (p["type"] as? String ?? ""), default: 0] += 1
        }
        var counts = 0
        for p in try Self.features(runs.shared + "/incidents.geojson") {
            for (key, value) in p where key.hasPrefix("count_") {
                guard let n = ShareCommandTests.number(value) else { continue }
                #expect(!(1..<Self.k).contains(Int(n)), "\(key) = \(n)")
                #expect(Int(n) == tally[p["region_id"] as? String ?? "", default: [:]][key, default: 0], "\(p["region_id"] ?? "none") \(key)")
                counts += 1
            }
        }
        #expect(counts > 701)
    }

    /// The export's imprecise rows (geo_precision 3) are credited to a
    /// cercle and shared among its communes by area, so most communes hold
    /// a fraction of an incident. That once withheld every non-zero figure
    /// (a weighted figure bound to its count as if equal: the bounds
    /// crossed and pinned every linked cell). The communes where the export
    /// places the most incidents, counted here from the restricted run's
    /// points, publish them, and most withheld cells are small counts, not
    /// complements.
    @Test func theCommunesWithTheMostIncidentsArePublished() throws {
        let runs = try Self.runs.get()
        let shared = try Self.regions(runs.shared), restricted = try Self.regions(runs.restricted)
        var located: [String: Int] = [:]
        for p in try Self.features(runs.restricted + "/incidents.geojson") {
            if let id = p["region_id"] as? String, shared[id] != nil { located[id, default: 0] += 1 }
        }
        let top = located.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(10)
        #expect(top.allSatisfy { $0.value >= Self.k })
        // Each publishes its count of located incidents, and its incidents or
        // its uncovered demand: where its needs count 1 to k−1 rows, one of
        // those two must go (their difference would give the needs away).
        let counts = Dictionary(try Self.features(runs.shared + "/incidents.geojson").compactMap { p in
            (p["region_id"] as? String).map { ($0, ShareCommandTests.number(p["incidents"])) }
        }, uniquingKeysWith: { first, _ in first })
        for (id, rows) in top {
            #expect(counts[id] == Double(rows), "\(id): \(rows) incidents located there")
            let published = ["incidents", "uncovered_demand"].filter { key in
                ShareCommandTests.number(shared[id]?[key]).map { $0 == ShareCommandTests.number(restricted[id]?[key]) } ?? false
            }
            #expect(!published.isEmpty, "\(id): \(rows) incidents located there")
        }
        let nonzero = shared.values.filter { (ShareCommandTests.number($0["incidents"]) ?? 0) > 0 }.count
        print("communes publishing non-zero incidents: \(nonzero); located ≥ k: \(located.values.filter { $0 >= Self.k }.count)")
        #expect(nonzero >= located.values.filter { $0 >= Self.k }.count)
        let report = try String(contentsOfFile: runs.shared + "/share-report.txt", encoding: .utf8)
        let line = try #require(report.split(separator: "\n").first { $0.contains("counting 1 to") })
        let numbers = line.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        print(line)
        // "cells: N (P counting 1 to 4 rows, C complementary)"
        #expect(numbers.count == 5 && numbers[4] * 4 <= numbers[1], "\(line)")
        #expect(!report.contains("WARNING"))
    }

    @Test func gapRanksArePublishedOnlyWhereUncoveredDemandIs() throws {
        let runs = try Self.runs.get()
        let shared = try Self.regions(runs.shared), restricted = try Self.regions(runs.restricted)
        // Withheld uncovered demand, no rank; the others ranked 1...n in the restricted run's order.
        #expect(shared.values.allSatisfy { ($0["uncovered_demand"] is NSNull) == ($0["gap_rank"] is NSNull) })
        let ranked = shared.filter { $0.value["gap_rank"] is NSNumber }
        let published = ranked.keys.sorted { ShareCommandTests.number(restricted[$0]?["gap_rank"])! < ShareCommandTests.number(restricted[$1]?["gap_rank"])! }
        #expect(published.enumerated().allSatisfy { i, id in ShareCommandTests.number(shared[id]?["gap_rank"]) == Double(i + 1) })
        #expect(ranked.count > 10 && ranked.count < 701)
        // Some withheld region sits between two published ones in the restricted order: that is the leak closed here.
        let order = restricted.keys.sorted { ShareCommandTests.number(restricted[$0]?["gap_rank"])! < ShareCommandTests.number(restricted[$1]?["gap_rank"])! }
        let firstWithheld = try #require(order.firstIndex { shared[$0]?["gap_rank"] is NSNull })
        #expect(order[(firstWithheld + 1)...].contains { shared[$0]?["gap_rank"] is NSNumber })
        // summary.csv: the ranked regions first, in rank order, then the others by id.
        let lines = try String(contentsOfFile: runs.shared + "/summary.csv", encoding: .utf8).split(separator: "\n").dropFirst()
        let ids = lines.map { String($0.split(separator: ",", maxSplits: 1)[0]) }
        let unranked = shared.keys.filter { shared[$0]?["gap_rank"] is NSNull }.sorted()
        #expect(ids == published + unranked)
    }

    @Test func initiativesOfASensitiveKindAreOnlyPresencePerUnit() throws {
        let runs = try Self.runs.get()
        let restrictedInitiatives = try Self.features(runs.restricted + "/initiatives.geojson")
        let sensitive = restrictedInitiatives.filter { $0["kind"] as? String == Self.sensitiveKind }
        #expect(sensitive.count == 6)
        let shared = try Self.features(runs.shared + "/initiatives.geojson")
        #expect(shared.count == restrictedInitiatives.count - 6 && !shared.contains { $0["kind"] as? String == Self.sensitiveKind })
        // Presence: the units the restricted run places them in, and no other.
        let present = Set(sensitive.compactMap { $0["region_id"] as? String })
        let regions = try Self.regions(runs.shared)
        // Listed as the run spelled the kind (--sensitive-kind Informant_Network).
        #expect(Set(regions.filter { ($0.value["sensitive_presence"] as? String) == "Informant_Network" }.keys) == present)
        #expect(regions.values.allSatisfy { ["", "Informant_Network"].contains($0["sensitive_presence"] as? String) })
        // No vertex of their discs in any shared file; the restricted coverage has them (the check can fail).
        var vertices = Set<[Int]>()
        let restrictedDocument = try ShareCommandTests.json(runs.restricted + "/initiatives.geojson")
        for feature in restrictedDocument["features"] as! [[String: Any]] where (feature["properties"] as? [String: Any])?["kind"] as? String == Self.sensitiveKind {
            var coordinates: [[Double]] = []
            ShareCommandTests.coordinates(feature["geometry"] as Any, into: &coordinates)
            for c in coordinates { vertices.insert([Int((c[0] * 1e6).rounded()), Int((c[1] * 1e6).rounded())]) }
        }
        #expect(vertices.count > 6 * 60)
        func hits(_ path: String) throws -> Int {
            var coordinates: [[Double]] = []
            ShareCommandTests.coordinates(try ShareCommandTests.json(path)["features"] as Any, into: &coordinates)
            return coordinates.filter { vertices.contains([Int(($0[0] * 1e6).rounded()), Int(($0[1] * 1e6).rounded())]) }.count
        }
        #expect(try hits(runs.restricted + "/coverage.geojson") > 0)
        for file in ["coverage.geojson", "gaps.geojson", "initiatives.geojson", "regions.geojson"] {
            #expect(try hits(runs.shared + "/" + file) == 0, "\(file)")
        }
        let withheldGaps = try Self.features(runs.shared + "/gaps.geojson").filter { $0["geometry_withheld"] as? Bool == true }
        #expect(withheldGaps.count >= present.count)
        let report = try String(contentsOfFile: runs.shared + "/share-report.txt", encoding: .utf8)
        #expect(report.contains("kinds: Informant_Network; 6 initiatives of these kinds"))
        #expect(report.contains("(\(present.count) units)") && report.contains("the \(withheldGaps.count) units their footprints reach are cut out"))
    }

    /// The vertices of the informant networks' discs in the restricted
    /// run, to 1e-5 degree (as the report writes its outlines).
    static func sensitiveVertices(_ runs: Runs) throws -> Set<String> {
        var vertices = Set<String>()
        let restricted = try ShareCommandTests.json(runs.restricted + "/initiatives.geojson")
        for feature in restricted["features"] as! [[String: Any]] where (feature["properties"] as? [String: Any])?["kind"] as? String == sensitiveKind {
            var coordinates: [[Double]] = []
            ShareCommandTests.coordinates(feature["geometry"] as Any, into: &coordinates)
            for c in coordinates { vertices.insert(String(format: "[%.5f,%.5f]", c[0], c[1])) }
        }
        return vertices
    }

    @Test func aSharedReportShowsSensitiveKindsOnlyAsPresencePerUnit() throws {
        let runs = try Self.runs.get()
        let layers = ["--regions", ShareCommandTests.communes, "--needs", runs.inputs.folder + "/needs.csv", "--incidents", runs.inputs.folder + "/acled.csv",
                      "--initiatives", runs.inputs.folder + "/initiatives.csv"]
        let shared = TestSupport.temporaryFolder("gapmap-share2-report"), restricted = TestSupport.temporaryFolder("gapmap-share2-report-restricted")
        _ = try ReportCommandTests.run(["report"] + layers + ["--out", shared, "--share", "--sensitive-kind", "Informant_Network"])
        _ = try ReportCommandTests.run(["report"] + layers + ["--out", restricted])
        let sharedPage = try String(contentsOfFile: shared + "/report.html", encoding: .utf8)
        let restrictedPage = try String(contentsOfFile: restricted + "/report.html", encoding: .utf8)
        let vertices = try Self.sensitiveVertices(runs)
        #expect(vertices.count > 6 * 60)
        // The restricted page outlines the discs (the check can fail); the shared one holds none of their vertices.
        #expect(vertices.contains { restrictedPage.contains($0) })
        #expect(!vertices.contains { sharedPage.contains($0) })
        // Presence per unit: the units analyze --share lists, in the page's data.
        let regions = try Self.regions(runs.shared)
        let present = regions.filter { ($0.value["sensitive_presence"] as? String) == "Informant_Network" }.keys
        #expect(!present.isEmpty)
        #expect(sharedPage.components(separatedBy: "\"sensitive\":[\"Informant_Network\"]").count - 1 == present.count)
        #expect(!restrictedPage.contains("\"sensitive\":["))
    }

    @Test func aKeptFieldIsKeptAndSaid() throws {
        let runs = try Self.runs.get()
        let shared = try Self.features(runs.shared + "/initiatives.geojson")
        #expect(shared.allSatisfy { ($0["id"] as? String)?.hasPrefix("I") == true && $0["name"] == nil })
        let release = try #require(try ShareCommandTests.json(runs.shared + "/regions.geojson")["gapmap_release"] as? [String: Any])
        #expect(release["fields_kept"] as? String == "id" && release["initiative_fields_dropped"] as? String == "name")
        #expect((release["en"] as? String)?.contains("kept by request: id") == true)
        let report = try String(contentsOfFile: runs.shared + "/share-report.txt", encoding: .utf8)
        #expect(report.contains("KEPT BY REQUEST (--keep-field)\n  id of initiatives.geojson\n"))
        #expect(report.contains("fields of initiatives.geojson: name\n"))
    }

    @Test(.enabled(if: toolPath("ogrinfo") != nil && toolPath("ogr2ogr") != nil, "GDAL's ogrinfo and ogr2ogr are not installed"))
    func theSharedGeoPackageHoldsTheSharedLayersAndNoDroppedFieldOrInputPoint() throws {
        let runs = try Self.runs.get()
        let gpkg = runs.geopackage + "/gapmap.gpkg"
        #expect(FileManager.default.fileExists(atPath: runs.geopackage + "/share-report.txt"))
        // Initiatives keep their own located_by, kind and actor type (and here the id kept by request).
        let dropped = ShareCommandTests.dropped, initiativeDropped = ["name", "notes", "source"]
        for layer in ["regions", "gaps", "coverage", "initiatives", "needs", "incidents", "summary", "rejected"] {
            let info = try Self.run("ogrinfo", ["-ro", "-so", gpkg, layer])
            #expect(info.contains("DESCRIPTION=") && info.contains("SHAREABLE: ") && info.contains("DIFFUSABLE : "), "\(layer)")
            let fields = info.split(separator: "\n").compactMap { line -> String? in
                guard let colon = line.range(of: ": "), line.contains("("), !line.contains("="), !line.hasPrefix("Layer"), !line.hasPrefix("Extent") else { return nil }
                return String(line[..<colon.lowerBound])
            }
            #expect(Set(fields).isDisjoint(with: layer == "initiatives" ? initiativeDropped : dropped), "\(layer): \(fields)")
            #expect(!fields.isEmpty, "\(layer)")
            // Every coordinate, through GDAL: none is an input point.
            guard !["summary", "rejected"].contains(layer) else { continue }
            let geojson = try Self.run("ogr2ogr", ["-f", "GeoJSON", "/vsistdout/", gpkg, layer])
            var coordinates: [[Double]] = []
            ShareCommandTests.coordinates((try JSONSerialization.jsonObject(with: Data(geojson.utf8)) as? [String: Any])?["features"] as Any, into: &coordinates)
            #expect(!coordinates.isEmpty || layer == "initiatives")
            let hits = coordinates.filter { runs.inputs.points.contains([Int(($0[0] * 1e5).rounded()), Int(($0[1] * 1e5).rounded())]) }
            #expect(hits.isEmpty, "\(layer): \(hits.count) input points")
        }
        // The GeoPackage's figures are the shared GeoJSON's, withheld ones NULL.
        let csv = try Self.run("ogr2ogr", ["-f", "CSV", "/vsistdout/", gpkg, "regions", "-select", "region_id,needs,uncovered_demand,gap_rank"])
        let geojson = try Self.regions(runs.shared)
        var rows = 0
        for line in csv.split(whereSeparator: \.isNewline).dropFirst() {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\" \r")) }
            let p = try #require(geojson[cells[0]])
            for (i, key) in ["needs", "uncovered_demand", "gap_rank"].enumerated() {
                // ogr2ogr's CSV writes 15 significant digits.
                let written = Double(cells[i + 1]), shared = ShareCommandTests.number(p[key])
                #expect((written == nil) == (shared == nil), "\(cells[0]) \(key)")
                if let written, let shared { #expect(abs(written - shared) <= 1e-13 * max(1, abs(shared)), "\(cells[0]) \(key)") }
            }
            rows += 1
        }
        #expect(rows == 701)
    }
}
