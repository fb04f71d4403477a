import Foundation
import GapMap
import Testing
@testable import GapMapCLI

/// The planner commands on the bundled sample data of Mali.
struct PlannerCommandTests {
    static func sample(_ name: String) -> String { AnalyzeCommandTests.sample(name) }

    /// The sample layers, every incident type kept (as `AnalyzeCommandTests.sampleArguments`).
    static var layers: [String] {
        ["--event-type", "all", "--regions", sample("regions.geojson"), "--initiatives", sample("initiatives.csv"), "--needs", sample("needs.csv"),
         "--incidents", sample("incidents.csv"), "--settlements", sample("settlements.csv")]
    }

    static func run(_ arguments: [String]) throws -> String { try FrenchEverywhereTests.run(arguments) }

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func compareResolvesNamesAndPrintsDifferencesRatiosAndEquity() throws {
        let folder = AnalyzeCommandTests.temporaryFolder()
        let text = try Self.run(["compare", "Mopti", "segou", "ML07", "--csv", folder + "/compare.csv"] + Self.layers)
        #expect(text.contains("ML05 Mopti") && text.contains("ML04 Ségou") && text.contains("ML04 − ML05") && text.contains("ML07 / ML05"))
        #expect(text.contains("Gini of coverage by area") && text.contains("1.8 of 9: ML05 in full, 0.8 of ML07"))
        let csv = try String(contentsOfFile: folder + "/compare.csv", encoding: .utf8).split(separator: "\n")
        #expect(csv.first == "metric,value_ML05,value_ML04,value_ML07,difference_ML04_minus_ML05,ratio_ML04_over_ML05,difference_ML07_minus_ML05,ratio_ML07_over_ML05,gapmap_release")
        #expect(csv.dropFirst().allSatisfy { $0.hasSuffix(",restricted") })
        #expect(csv.count == 1 + RegionComparison.metricNames.count)

        // The JSON against the analysis' own figures: the worst 20 % of 9 regions, by hand from the ranked demand.
        let document = try Self.json(try Self.run(["compare", "ML05", "ML04", "--json"] + Self.layers))
        let equity = try #require(document["equity"] as? [String: Any])
        let analysis = try Self.json(try AnalyzeCommandTests.analyze(AnalyzeCommandTests.sampleArguments(out: folder) + ["--json"]))
        let regions = try #require(analysis["regions"] as? [[String: Any]])
        let ranked = regions.sorted { ($0["gap_rank"] as! Int) < ($1["gap_rank"] as! Int) }.map { $0["uncovered_demand"] as! Double }
        let expected = (ranked[0] + 0.8 * ranked[1]) / ranked.reduce(0, +)
        #expect(abs((equity["worst_regions_share"] as! Double) - expected) < 1e-12)
        let gini = equity["gini_coverage_by_area"] as! Double
        #expect(gini > 0 && gini < 1)
        let rows = try #require(document["metrics"] as? [[String: Any]])
        let needs = try #require(rows.first { $0["metric"] as? String == "needs" })
        #expect((needs["values"] as! [Double]) == [583.25, 367.5])
    }

    /// At commune scale the worst 20 % are 140 units: the line names the
    /// first ten in gap-rank order and counts the rest, in the units' name.
    @Test func theEquityLineNamesTheFirstTenOfManyUnits() {
        let ids = (1...141).map { String(format: "ML%06d", $0) }
        var e = EquitySummary([])
        (e.regions, e.giniCoverageByArea, e.giniCoverageByDemand, e.worstFraction, e.worstRegionsCounted) = (701, 0.916, 0.736, 0.2, 140.2)
        (e.worstRegionIDs, e.worstRegionsUncoveredDemand, e.totalUncoveredDemand, e.worstRegionsShare) = (ids, 2968.7, 4040.4, 2968.7 / 4040.4)
        let communes = UnitNames.of(level: 3, pcode: "ML050114")
        let english = ComparisonText(.english).equityLines(e, units: communes).joined(separator: "\n")
        #expect(english.contains("The worst 20 % of communes by gap rank (140.2 of 701: ML000001, ML000002, ML000003, ML000004, ML000005, "
                                 + "ML000006, ML000007, ML000008, ML000009, ML000010 and 130 more in full, 0.2 of ML000141) hold 73.5 %"), "\(english)")
        #expect(!english.contains("ML000011") && !english.contains("region"), "\(english)")
        let french = ComparisonText(.french).equityLines(e, units: communes).joined(separator: "\n")
        #expect(french.contains("ML000010 et 130 autres entières, 0,2 de ML000141) concentrent 73,5 %"), "\(french)")
        // The Gini figures in one column.
        let ginis = french.split(separator: "\n").filter { $0.contains("Gini") }.map { $0.range(of: "0,")!.lowerBound.utf16Offset(in: $0) }
        #expect(ginis.count == 2 && ginis[0] == ginis[1], "\(french)")
    }

    /// In a run of communes, a région or cercle named in compare is the
    /// roll-up of its communes: checked against the communes' own figures
    /// in analyze's regions.geojson, summed and ranked here by brute force.
    @Test func compareRollsUpAUnitAboveTheCommunes() throws {
        let out = AnalyzeCommandTests.temporaryFolder()
        let layers = ["--regions", FrenchEverywhereTests.communes, "--initiatives", Self.sample("initiatives.csv"), "--needs", Self.sample("needs.csv"),
                      "--incidents", Self.sample("incidents.csv")]
        _ = try Self.run(["analyze", "--out", out] + layers)
        let communes = try #require(try Self.json(try String(contentsOfFile: out + "/regions.geojson", encoding: .utf8))["features"] as? [[String: Any]])
            .map { $0["properties"] as! [String: Any] }
        #expect(communes.count == 701)
        func sum(_ key: String, _ rows: [[String: Any]]) -> Double { rows.reduce(0) { $0 + ($1[key] as! Double) } }
        var byRegion: [String: [[String: Any]]] = [:]
        for c in communes { byRegion[c["admin1_pcode"] as! String, default: []].append(c) }
        let mopti = try #require(byRegion["ML05"])
        let document = try Self.json(try Self.run(["compare", "ML05", "Bamako", "ML050109", "--json"] + layers))
        let compared = try #require(document["regions"] as? [[String: Any]])
        #expect(compared.map { $0["region_id"] as! String } == ["ML05", "ML0901", "ML050109"])
        let rolled = try #require(document["rolled_up"] as? [[String: Any]])
        #expect(rolled.map { $0["region_id"] as! String } == ["ML05", "ML0901"])
        #expect(rolled.map { $0["members"] as! Int } == [mopti.count, 6] && rolled.map { $0["peers"] as! Int } == [9, 50])
        for key in ["needs", "needs_covered", "incidents", "uncovered_demand"] {
            #expect(abs((compared[0][key] as! Double) - sum(key, mopti)) <= 1e-9 * max(1, sum(key, mopti)), "\(key)")
        }
        // The communes tile the région: the union's area is the sum of theirs.
        #expect(abs((compared[0]["area_km2"] as! Double) - sum("area_km2", mopti)) <= 1e-6 * sum("area_km2", mopti))
        // Its gap rank among the 9 régions: 1 + the régions with more uncovered demand.
        let uncovered = byRegion.mapValues { sum("uncovered_demand", $0) }
        #expect(compared[0]["gap_rank"] as? Int == 1 + uncovered.values.filter { $0 > uncovered["ML05"]! }.count)
        // A commune keeps its own figures and rank among the 701.
        let commune = try #require(communes.first { $0["region_id"] as? String == "ML050109" })
        #expect(compared[2]["needs"] as? Double == commune["needs"] as? Double && compared[2]["gap_rank"] as? Int == commune["gap_rank"] as? Int)
        // The table says what a rolled-up column is; a shareable comparison refuses it.
        let text = try Self.run(["compare", "ML05", "ML04"] + layers)
        #expect(text.contains("ML05 Mopti: the roll-up of its \(mopti.count) communes") && text.contains("its gap rank is among the 9 regions"), "\(text)")
        #expect(throws: (any Error).self) { try Self.run(["compare", "ML05", "ML04", "--share"] + layers) }
        // "Gao" is the commune Gao here; the cercle and the région Gao are named by their P-codes, from the commune's own fields.
        let gao = try #require(communes.first { $0["region_id"] as? String == "ML070103" })
        #expect(gao["name"] as? String == "Gao" && gao["admin2_name"] as? String == "Gao" && gao["admin1_name"] as? String == "Gao")
        let gaoText = try Self.run(["compare", "Gao", "ML05"] + layers)
        #expect(gaoText.contains("'Gao' is Gao (ML070103) here; the units of that name above: cercle \(gao["admin2_pcode"]!) and region \(gao["admin1_pcode"]!)"), "\(gaoText)")
        // A name that says its level is that unit: "Cercle de Bandiagara" the cercle of 22 communes, "Bandiagara" the commune.
        let bandiagara = try #require(communes.first { $0["name"] as? String == "Bandiagara Commune" })
        let cercleID = try #require(bandiagara["admin2_pcode"] as? String)
        let inCercle = communes.filter { $0["admin2_pcode"] as? String == cercleID }
        let named = try Self.json(try Self.run(["compare", "Cercle de Bandiagara", "Bandiagara", "--json"] + layers))
        let pair = try #require(named["regions"] as? [[String: Any]])
        #expect(pair.map { $0["region_id"] as! String } == [cercleID, bandiagara["region_id"] as! String])
        #expect(abs((pair[0]["needs"] as! Double) - sum("needs", inCercle)) <= 1e-9 * max(1, sum("needs", inCercle)))
        #expect((named["rolled_up"] as? [[String: Any]])?.first?["members"] as? Int == inCercle.count)
        // rollup names the levels and the children by their names (it said "admin1: 9 parents" and "children").
        let rollup = try Self.run(["rollup", "--out", out] + layers).split(separator: "\n").map(String.init)
        #expect(rollup.contains("Level admin2 (cercles): 50 cercles, grouped by parent id field admin2Pcod."), "\(rollup)")
        #expect(rollup.contains("Level admin1 (regions): 9 regions, grouped by parent id field admin1Pcod."), "\(rollup)")
        #expect(rollup.filter { $0.hasPrefix("rank  id") }.allSatisfy { $0.contains(" communes ") && !$0.contains("children") })
        let french = try Self.run(["rollup", "--lang", "fr", "--out", out] + layers)
        #expect(french.contains("Niveau admin1 (régions) : 9 régions ; regroupement par champ d'identifiant parent admin1Pcod."), "\(french)")
    }

    @Test func compareNamesTheClosestRegionsForAnUnknownOne() throws {
        #expect {
            try Self.run(["compare", "ML05", "Kidall"] + Self.layers)
        } throws: { error in
            "\(error)".contains("'Kidall' matches no region") && "\(error)".contains("Kidal (ML08)")
        }
    }

    @Test func scenarioOfThePlannedInitiativesWritesTheNewlyCoveredAreas() throws {
        let out = AnalyzeCommandTests.temporaryFolder()
        // A planned programme covers nothing by default: Gao (2nd by uncovered demand once the programmes
        // of Mopti, Ségou and Tombouctou are presence) keeps its rank.
        let presence = try Self.run(["scenario", "--include-planned", "--all-units", "--out", out] + Self.layers)
        #expect(presence.split(separator: "\n").contains { $0.hasPrefix("ML07  Gao") && $0.hasSuffix("2 → 2") })
        // Counted as coverage as before 2026-12, the planned region-wide programme covers Gao.
        let text = try Self.run(["scenario", "--include-planned", "--programmes-as-coverage", "--out", out] + Self.layers)
        #expect(text.contains("Initiatives in the run: 44 before, 55 after"))
        #expect(text.contains("1 → 8"))  // Gao, covered by a planned region-wide programme
        let geojson = try Self.json(try String(contentsOfFile: out + "/newly_covered.geojson", encoding: .utf8))
        let features = try #require(geojson["features"] as? [[String: Any]])
        let ids = features.compactMap { ($0["properties"] as? [String: Any])?["region_id"] as? String }
        #expect(Set(ids) == ["ML07", "ML02", "ML01", "ML03", "ML08"])
        let document = try Self.json(try Self.run(["scenario", "--include-planned", "--json", "--out", out] + Self.layers))
        let changes = try #require(document["regions"] as? [[String: Any]])
        for c in changes {
            let newly = c["newly_covered_km2"] as! Double
            let covered = c["covered_km2"] as! [String: Double]
            #expect(abs(newly - covered["change"]!) <= 1e-6 * max(1, covered["after"]!))
        }
        #expect(throws: (any Error).self) { try GapMapCommand.parseAsRoot(["scenario"] + Self.layers) }
    }

    /// The table lists the regions the scenario changes, those whose JSON
    /// figures move, and says how many others it leaves out.
    @Test func theScenarioTableListsTheRegionsThatChange() throws {
        let out = AnalyzeCommandTests.temporaryFolder()
        let arguments = ["scenario", "--include-planned", "--programmes-as-coverage", "--out", out] + Self.layers
        let document = try Self.json(try Self.run(arguments + ["--json"]))
        let changes = try #require(document["regions"] as? [[String: Any]])
        let moved = changes.filter { c in
            ["covered_km2", "initiatives", "needs_uncovered", "incidents_uncovered"].contains { (c[$0] as! [String: Double])["change"]! != 0 }
                || (c["newly_covered_km2"] as! Double) > 0 || (c["no_longer_covered_km2"] as! Double) > 0
        }.map { $0["region_id"] as! String }
        #expect(!moved.isEmpty && moved.count < changes.count)
        let text = try Self.run(arguments)
        let rows = text.split(separator: "\n").compactMap { line in changes.map { $0["region_id"] as! String }.first { line.hasPrefix($0 + " ") } }
        #expect(Set(rows) == Set(moved) && rows.count == moved.count, "\(rows) vs \(moved)")
        #expect(text.contains("The \(moved.count) regions the scenario changes (of 9)") && text.contains("the other \(9 - moved.count) are unchanged"))
        // --all-units lists all nine.
        let all = try Self.run(arguments + ["--all-units"])
        #expect(all.split(separator: "\n").filter { line in changes.contains { line.hasPrefix(($0["region_id"] as! String) + " ") } }.count == 9)
    }

    @Test func filtersAreAccountedForInTheTableAndTheJSON() throws {
        let out = AnalyzeCommandTests.temporaryFolder()
        let window = ["--from", "2025-01-01", "--to", "2025-06-30", "--out", out]
        let text = try Self.run(["analyze"] + Self.layers + window)
        #expect(text.contains("read = used + rejected + duplicates + filtered"))
        #expect(text.contains("Filter: only needs and incidents dated from 2025-01-01 to 2025-06-30"))
        let document = try Self.json(try Self.run(["analyze", "--json"] + Self.layers + window + ["--category", "justice_access"]))
        let layers = try #require(document["layers"] as? [String: [String: Any]])
        for (name, a) in layers {
            let read = a["read"] as! Int, used = a["used"] as! Int, rejected = a["rejected"] as! Int
            let duplicates = a["duplicates"] as! Int, filtered = a["filtered"] as! Int
            #expect(read == used + rejected + duplicates + filtered, "\(name) does not add up")
        }
        #expect((layers["needs"]!["filtered"] as! Int) > 0)
        let filter = try #require(document["filter"] as? [String: Any])
        #expect(filter["from"] as? String == "2025-01-01" && (filter["categories"] as? [String]) == ["justice_access"])
        #expect(throws: (any Error).self) { try GapMapCommand.parseAsRoot(["analyze", "--from", "2025-13-01"]) }
        #expect(throws: (any Error).self) { try GapMapCommand.parseAsRoot(["analyze", "--actor", "army"]) }
    }

    @Test func suggestAndHotspotsWriteTheirMaps() throws {
        let out = AnalyzeCommandTests.temporaryFolder()
        let text = try Self.run(["suggest", "--sites", "3", "--radius", "25", "--out", out] + Self.layers)
        #expect(text.contains("3 new sites of radius 25 km") && text.contains("% of the optimum on this data"))
        let document = try Self.json(try Self.run(["suggest", "--sites", "3", "--radius", "25", "--json", "--out", out] + Self.layers))
        let sites = try #require(document["sites"] as? [[String: Any]])
        #expect(sites.count == 3 && sites[0]["region_id"] as? String == "ML05")
        let gains = sites.map { $0["gain_weight"] as! Double }
        #expect(gains == gains.sorted(by: >))
        #expect((document["covered_weight"] as! Double) <= (document["optimum_upper_bound"] as! Double))
        for file in ["sites.geojson", "site_footprints.geojson"] {
            let features = try #require(try Self.json(try String(contentsOfFile: out + "/" + file, encoding: .utf8))["features"] as? [Any])
            #expect(features.count == 3)
        }
        let hotspots = try Self.json(try Self.run(["hotspots", "--radius", "25", "--min-weight", "15", "--json", "--out", out] + Self.layers))
        let list = try #require(hotspots["hotspots"] as? [[String: Any]])
        #expect(!list.isEmpty && list.first?["id"] as? String == "H1")
        let weights = list.map { $0["weight"] as! Double }
        #expect(weights == weights.sorted(by: >))
        #expect(FileManager.default.fileExists(atPath: out + "/hotspots.geojson"))
        // Every hotspot listed holds at least --min-weight (a split cluster's lighter fragments are not listed),
        // and every uncovered point is in one hotspot or in none.
        #expect(weights.allSatisfy { $0 >= 15 }, "\(weights)")
        let members = list.map { $0["members"] as! Int }.reduce(0, +)
        #expect(members + (hotspots["noise_points"] as! Int) == hotspots["points"] as! Int)
        #expect((hotspots["fragment_points"] as! Int) <= (hotspots["noise_points"] as! Int))
        // The French table names the units by their level, as the English one does.
        let french = try Self.run(["suggest", "--sites", "3", "--radius", "25", "--lang", "fr", "--out", out] + Self.layers)
        #expect(french.split(separator: "\n").contains { $0.hasPrefix("rang  région ") }, "\(french)")
    }

    @Test func analyzeRollsUpToTheCountryByPrefix() throws {
        let out = AnalyzeCommandTests.temporaryFolder()
        let document = try Self.json(try Self.run(["analyze", "--json", "--rollup", "country=prefix:2", "--out", out] + Self.layers))
        let rollup = try #require(document["rollup"] as? [[String: Any]])
        let parents = try #require(rollup.first?["regions"] as? [[String: Any]])
        let totals = try #require(document["totals"] as? [String: Any])
        #expect(parents.count == 1 && parents[0]["region_id"] as? String == "ML" && (parents[0]["children"] as? [String])?.count == 9)
        for key in ["needs", "needs_covered", "incidents", "uncovered_demand"] {
            #expect(abs((parents[0][key] as! Double) - (totals[key] as! Double)) < 1e-9, "\(key)")
        }
        #expect(FileManager.default.fileExists(atPath: out + "/regions_country.geojson"))
    }
}
