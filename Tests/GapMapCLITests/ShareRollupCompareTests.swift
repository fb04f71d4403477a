import Foundation
import Testing
import TestSupport
@testable import GapMapCLI

/// Issue 16 for the roll-ups and compare: on Mali's 701 communes with an
/// ACLED-shaped export and 3000 seeded needs, a shareable roll-up to
/// cercles and regions and a shareable comparison publish no figure behind
/// 1 to k−1 rows (tallied here from the restricted run's points), publish
/// the restricted run's own figures, and an attacker who adds each parent =
/// Σ children to every published sum recovers no withheld figure; the same
/// attacker, given the restricted roll-up, does (so the check can fail).
@Suite(.serialized, .enabled(if: pythonWithNumpyAndShapely, "python3 with numpy and shapely is needed (scripts/make-acled-mali.py, scripts/recover-suppressed.py)"))
struct ShareRollupCompareTests {
    static let k = ShareDisclosureTests.k
    static let levels = ["admin2", "admin1"]

    struct Runs {
        var layers: [String]
        var restricted: String, shared: String, totals: String
        /// Each commune's cercle (admin2) and region (admin1), from the boundary file's P-codes.
        var parents: [String: [String: String]]
        /// The parents files the attacker reads, per level.
        var parentFiles: [String: String]
    }

    nonisolated(unsafe) static let runs = Result { try makeRuns() }

    static func makeRuns() throws -> Runs {
        let (inputs, acled) = try ShareDisclosureTests.inputsWithACLED()
        let layers = ["--regions", ShareCommandTests.communes, "--needs", inputs.folder + "/needs.csv", "--incidents", acled,
                      "--initiatives", inputs.folder + "/initiatives.csv"]
        let restricted = TestSupport.temporaryFolder("gapmap-share4-restricted"), shared = TestSupport.temporaryFolder("gapmap-share4")
        _ = try AnalyzeCommandTests.analyze(["analyze"] + layers + ["--rollup", "auto", "--out", restricted])
        let json = try AnalyzeCommandTests.analyze(["analyze"] + layers + ["--share", "--rollup", "auto", "--out", shared, "--json"])
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let totals = inputs.folder + "/totals.json"
        try JSONSerialization.data(withJSONObject: try #require(document["totals"])).write(to: URL(fileURLWithPath: totals))
        var parents: [String: [String: String]] = [:]
        for p in try ShareDisclosureTests.features(ShareCommandTests.communes) {
            let id = p["admin3Pcod"] as! String
            parents[id] = ["admin2": p["admin2Pcod"] as! String, "admin1": p["admin1Pcod"] as! String]
        }
        var parentFiles: [String: String] = [:]
        for level in levels {
            let path = inputs.folder + "/parents-\(level).json"
            try JSONSerialization.data(withJSONObject: parents.mapValues { $0[level]! }).write(to: URL(fileURLWithPath: path))
            parentFiles[level] = path
        }
        return Runs(layers: layers, restricted: restricted, shared: shared, totals: totals, parents: parents, parentFiles: parentFiles)
    }

    /// Rows of the restricted run behind each figure of each unit: all,
    /// covered (some weight covered), uncovered (some weight not), each row
    /// once per unit. A commune's row counts in its unit; an ACLED event
    /// credited to a cercle or region by name (located_by
    /// coarser_region_reference) in every unit of `units` that lies in it.
    static func rowsBehind(_ runs: Runs, units: (_ commune: String) -> String?) throws -> [String: [String: Int]] {
        var byName: [String: Set<String>] = [:]  // admin1 or admin2 name → units
        for p in try ShareDisclosureTests.features(ShareCommandTests.communes) {
            guard let u = units(p["admin3Pcod"] as! String) else { continue }
            for key in ["admin1", "admin2"] { byName[key + ":" + (p[key + "Name"] as! String), default: []].insert(u) }
        }
        var rows: [String: [String: Int]] = [:]
        for layer in ["needs", "incidents"] {
            for p in try ShareDisclosureTests.features(runs.restricted + "/\(layer).geojson") {
                guard let id = p["region_id"] as? String else { continue }
                // A name that is a cercle's and its region's (Kidal) names the cercle, as the export's admin2 column says.
                let level = p["admin2"] as? String == id ? "admin2" : "admin1"
                let targets: Set<String> = units(id).map { [$0] } ?? (p["located_by"] as? String == "coarser_region_reference" ? byName[level + ":" + id] ?? [] : [])
                let weight = p["weight"] as? Double ?? 1, covered = p["covered_weight"] as? Double ?? ((p["covered"] as? Bool == true) ? weight : 0)
                for u in targets {
                    rows[u, default: [:]][layer, default: 0] += 1
                    if covered > 0 { rows[u, default: [:]][layer + "_covered", default: 0] += 1 }
                    if covered < weight {
                        rows[u, default: [:]][layer + "_uncovered", default: 0] += 1
                        rows[u, default: [:]]["uncovered_demand", default: 0] += 1
                    }
                }
            }
        }
        return rows
    }

    static func parentsOf(_ folder: String, level: String) throws -> [String: [String: Any]] {
        Dictionary(uniqueKeysWithValues: try ShareDisclosureTests.features(folder + "/regions_\(level).geojson").map { ($0["region_id"] as! String, $0) })
    }

    @Test func aSharedRollupPublishesNoCountBelowKAndTheRestrictedFigures() throws {
        let runs = try Self.runs.get()
        for level in Self.levels {
            let shared = try Self.parentsOf(runs.shared, level: level), restricted = try Self.parentsOf(runs.restricted, level: level)
            #expect(shared.count == restricted.count && shared.count == Set(runs.parents.values.map { $0[level]! }).count)
            let rows = try Self.rowsBehind(runs) { runs.parents[$0]?[level] }
            var published = 0, withheld = 0
            for (id, p) in shared {
                for key in ShareCommandTests.counted {
                    guard let value = ShareCommandTests.number(p[key]) else {
                        #expect(p[key] is NSNull, "\(level) \(id) \(key)")
                        withheld += 1
                        continue
                    }
                    #expect(value == ShareCommandTests.number(restricted[id]?[key]), "\(level) \(id) \(key)")
                    let n = rows[id]?[key] ?? 0
                    #expect(!(1..<Self.k).contains(n), "\(level) \(id) \(key): \(n) rows published")
                    published += 1
                }
                // Area figures count no one: always published, the restricted run's.
                for key in ["area_km2", "covered_km2", "coverage_pct"] {
                    #expect(ShareCommandTests.number(p[key]) == ShareCommandTests.number(restricted[id]?[key]), "\(level) \(id) \(key)")
                }
            }
            #expect(published > 0 && withheld > 0, "\(level): \(published) published, \(withheld) withheld")
            // Ranks 1...n among the published uncovered demands, in the restricted order.
            let ranked = shared.filter { $0.value["gap_rank"] is NSNumber }.keys.sorted {
                ShareCommandTests.number(restricted[$0]?["gap_rank"])! < ShareCommandTests.number(restricted[$1]?["gap_rank"])!
            }
            #expect(ranked.enumerated().allSatisfy { i, id in ShareCommandTests.number(shared[id]?["gap_rank"]) == Double(i + 1) })
            #expect(shared.values.allSatisfy { ($0["uncovered_demand"] is NSNull) == ($0["gap_rank"] is NSNull) })
            // Marked on the file.
            let release = try #require(try ShareCommandTests.json(runs.shared + "/regions_\(level).geojson")["gapmap_release"] as? [String: Any])
            #expect(release["status"] as? String == "shareable")
            let restrictedRelease = try ShareCommandTests.json(runs.restricted + "/regions_\(level).geojson")["gapmap_release"] as? [String: Any]
            #expect(restrictedRelease?["status"] as? String == "restricted")
        }
        let report = try String(contentsOfFile: runs.shared + "/share-report.txt", encoding: .utf8)
        let cercles = Set(runs.parents.values.map { $0["admin2"]! }).count
        #expect(report.contains("ROLL-UPS (regions_<level>.geojson)") && report.contains("level admin2: \(cercles) parents"))
    }

    @Test func noWithheldFigureIsRecoveredFromTheUnitsAndTheRollupsTogether() throws {
        let runs = try Self.runs.get()
        let rollups = Self.levels.flatMap { ["--rollup", runs.shared + "/regions_\($0).geojson:" + runs.parentFiles[$0]!] }
        let text = try ShareDisclosureTests.run("python3", [ShareDisclosureTests.root + "/scripts/recover-suppressed.py", runs.shared, runs.totals] + rollups)
        let result = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let recovered = (result["recovered_linear"] as? [String] ?? []) + (result["recovered_bounds"] as? [String] ?? [])
        #expect((result["unknowns"] as? Int ?? 0) > 1000)
        #expect(recovered.isEmpty, "recovered: \(recovered.prefix(10))")

        // Given the restricted roll-ups (every parent published), the same attacker recovers withheld communes.
        let restricted = Self.levels.flatMap { ["--rollup", runs.restricted + "/regions_\($0).geojson:" + runs.parentFiles[$0]!] }
        let leaked = try ShareDisclosureTests.run("python3", [ShareDisclosureTests.root + "/scripts/recover-suppressed.py", runs.shared, runs.totals] + restricted)
        let leak = try #require(try JSONSerialization.jsonObject(with: Data(leaked.utf8)) as? [String: Any])
        #expect(((leak["recovered_linear"] as? [String] ?? []) + (leak["recovered_bounds"] as? [String] ?? [])).contains { $0.hasPrefix("regions/ML") })
    }

    @Test func aSharedComparisonPublishesTheRestrictedFiguresAndNoCountBelowK() throws {
        let runs = try Self.runs.get()
        let units = try ShareDisclosureTests.regions(runs.shared)
        // Three communes: one with withheld figures, two with none.
        let withheld = try #require(units.keys.sorted().first { units[$0]?["needs_uncovered"] is NSNull })
        let open = units.keys.sorted().filter { id in ShareCommandTests.counted.allSatisfy { units[id]?[$0] is NSNumber } }.prefix(2)
        #expect(open.count == 2)
        let ids = [open.first!, withheld, open.last!]
        let csv = TestSupport.temporaryFolder("gapmap-share4-compare") + "/compare.csv"
        let restricted = try PlannerCommandTests.json(try PlannerCommandTests.run(["compare"] + ids + runs.layers + ["--json"]))
        let shared = try PlannerCommandTests.json(try PlannerCommandTests.run(["compare"] + ids + runs.layers + ["--share", "--json"]))
        let rowsBehind = try Self.rowsBehind(runs) { runs.parents[$0] == nil ? nil : $0 }
        func rows(_ document: [String: Any]) -> [String: [Any]] {
            Dictionary(uniqueKeysWithValues: (document["metrics"] as! [[String: Any]]).map { ($0["metric"] as! String, $0["values"] as! [Any]) })
        }
        let sharedRows = rows(shared), restrictedRows = rows(restricted)
        for key in ShareCommandTests.counted {
            for (k, id) in ids.enumerated() {
                let value = sharedRows[key]![k]
                // Null exactly where analyze --share withholds it; otherwise the restricted figure, behind 0 or k+ rows.
                #expect((value is NSNull) == (units[id]?[key] is NSNull), "\(id) \(key)")
                guard let n = ShareCommandTests.number(value) else { continue }
                #expect(n == ShareCommandTests.number(restrictedRows[key]![k]), "\(id) \(key)")
                #expect(!(1..<Self.k).contains(rowsBehind[id]?[key] ?? 0), "\(id) \(key)")
            }
        }
        #expect(sharedRows["needs_uncovered"]![1] is NSNull && sharedRows["demand_coverage_pct"]?[1] is NSNull)
        // A difference with the withheld region is withheld; the open pair's is the restricted one.
        let differences = (shared["metrics"] as! [[String: Any]]).first { $0["metric"] as? String == "needs_uncovered" }!["differences"] as! [Any]
        #expect(differences[0] is NSNull && ShareCommandTests.number(differences[1]) != nil)
        // Equity: by area published as restricted; by demand and the worst regions' share read withheld figures.
        let equity = shared["equity"] as! [String: Any], restrictedEquity = restricted["equity"] as! [String: Any]
        #expect(ShareCommandTests.number(equity["gini_coverage_by_area"]) == ShareCommandTests.number(restrictedEquity["gini_coverage_by_area"]))
        #expect(equity["gini_coverage_by_demand"] is NSNull && equity["worst_regions_share"] is NSNull)
        #expect(ShareCommandTests.number(restrictedEquity["gini_coverage_by_demand"]) != nil)
        #expect((shared["gapmap_release"] as? [String: Any])?["status"] as? String == "shareable")
        // The CSV and the text say shareable and show the same nulls.
        let text = try PlannerCommandTests.run(["compare"] + ids + runs.layers + ["--share", "--csv", csv])
        #expect(text.contains("SHAREABLE: ") && text.contains("Gini of coverage by demand withheld"))
        let lines = try String(contentsOfFile: csv, encoding: .utf8).split(separator: "\n")
        #expect(lines.first?.hasSuffix(",gapmap_release") == true && lines.dropFirst().allSatisfy { $0.hasSuffix(",shareable") })
        let needsUncovered = try #require(lines.first { $0.hasPrefix("needs_uncovered,") }).split(separator: ",", omittingEmptySubsequences: false)
        #expect(needsUncovered[2].isEmpty && !needsUncovered[1].isEmpty)
    }

    @Test func aScenarioIsRefusedWithTheReasonAndWhatToShareInstead() throws {
        for arguments in [["scenario", "--include-planned", "--share"], ["report", "--scenario-planned", "--share"]] {
            let error = try #require(OptionBoundsTests.usageError(arguments), "\(arguments) was accepted")
            #expect(error.code == 64)
            #expect(error.message.contains("before = after − change") && error.message.contains("gapmap analyze --share --include-planned"), "\(error.message)")
        }
    }
}
