import Foundation
import Testing
import TestSupport
@testable import GapMapCLI

/// `analyze --share` on Mali's 701 communes with seeded needs and
/// ACLED-shaped incidents: what leaves the team holds no point, no small
/// count, no withheld figure that the published sums give away, and no
/// dropped field; what it publishes is the restricted run's figures.
@Suite(.serialized) struct ShareCommandTests {
    static let communes = AnalyzeCommandTests.projectRoot + "/geodata/mali-cod-2015/adm3-communes.geojson"
    static let categories = ["police_presence", "justice_access", "gbv_support", "land_conflict", "youth", "roads"]
    static let types = ["Battles", "Violence against civilians", "Explosions/Remote violence", "Riots"]
    static let secret = "SECRET-NOTE"
    static let dropped = ["id", "notes", "location", "source", "date", "segment", "severity", "fatalities", "weight", "located_by",
                          "covered", "covered_weight", "event_id_cnty", "event_date"]

    /// The input points, as written (5 decimals).
    struct Inputs {
        var folder: String
        var points: Set<[Int]> = []
    }

    /// 3000 needs and 1500 incidents: half around 12 towns, half spread
    /// over Mali's bounding box (some outside Mali: in no region); 40
    /// initiatives with a 25 km radius.
    static func makeInputs() throws -> Inputs {
        var random = SeededRandom(seed: 2016)
        var inputs = Inputs(folder: TestSupport.temporaryFolder("gapmap-share"))
        let towns = (0..<12).map { _ in (random.uniform(-11, 3), random.uniform(11, 20)) }
        func point() -> (String, String) {
            let lon: Double, lat: Double
            if random.nextUnit() < 0.5 {
                let town = towns[Int(random.next() % 12)]
                (lon, lat) = (town.0 + 0.3 * random.normal(), town.1 + 0.3 * random.normal())
            } else {
                (lon, lat) = (random.uniform(-12.2, 4.2), random.uniform(10.2, 24.9))
            }
            let x = String(format: "%.5f", lon), y = String(format: "%.5f", lat)
            inputs.points.insert([Int((Double(x)! * 1e5).rounded()), Int((Double(y)! * 1e5).rounded())])
            return (x, y)
        }
        var needs = "id,category,segment,severity,date,lon,lat,notes,location,source\n"
        for i in 0..<3000 {
            let (x, y) = point()
            needs += "N\(i),\(categories[Int(random.next() % 6)]),women,\(1 + i % 5),2025-03-0\(1 + i % 9),\(x),\(y),\(secret) \(i),Village \(i),consultation \(i)\n"
        }
        var incidents = "event_id_cnty,event_date,event_type,latitude,longitude,location,source,notes,fatalities\n"
        for i in 0..<1500 {
            let (x, y) = point()
            incidents += "MLI\(i),2025-04-01,\(types[Int(random.next() % 4)]),\(y),\(x),Place \(i),Radio \(i),\(secret) \(i),\(i % 3)\n"
        }
        var initiatives = "id,name,actor,kind,status,lon,lat,radius_km\n"
        for i in 0..<40 {
            let town = towns[i % 12]
            initiatives += "I\(i),Poste \(i),state,police_post,active,\(town.0 + random.uniform(-0.5, 0.5)),\(town.1 + random.uniform(-0.5, 0.5)),25\n"
        }
        for (name, text) in [("needs.csv", needs), ("incidents.csv", incidents), ("initiatives.csv", initiatives)] {
            try text.write(toFile: inputs.folder + "/" + name, atomically: true, encoding: .utf8)
        }
        return inputs
    }

    static func arguments(_ inputs: Inputs, out: String) -> [String] {
        ["analyze", "--regions", communes, "--needs", inputs.folder + "/needs.csv", "--incidents", inputs.folder + "/incidents.csv",
         "--initiatives", inputs.folder + "/initiatives.csv", "--out", out]
    }

    static func json(_ path: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
    }

    static func features(_ document: [String: Any]) -> [[String: Any]] {
        (document["features"] as? [[String: Any]] ?? []).map { $0["properties"] as? [String: Any] ?? [:] }
    }

    /// Every coordinate pair in a GeoJSON value.
    static func coordinates(_ value: Any, into out: inout [[Double]]) {
        if let pair = value as? [Double], pair.count == 2 { out.append(pair); return }
        if let array = value as? [Any] { for item in array { coordinates(item, into: &out) } }
        if let object = value as? [String: Any] { for (_, item) in object { coordinates(item, into: &out) } }
    }

    static func number(_ value: Any?) -> Double? { (value as? NSNumber)?.doubleValue }

    static let counted = ["needs", "needs_covered", "needs_uncovered", "incidents", "incidents_covered", "incidents_uncovered", "uncovered_demand"]

    struct Runs {
        var inputs: Inputs
        var restricted: String
        var shared: String
        var sharedJSON: [String: Any]
    }

    /// One restricted and one shareable run (k = 5), made once for the suite.
    nonisolated(unsafe) static let both = Result { try runBoth() }

    static func runBoth(minCount: Int = 5) throws -> Runs {
        let inputs = try makeInputs()
        let restricted = TestSupport.temporaryFolder("gapmap-restricted"), shared = TestSupport.temporaryFolder("gapmap-shared")
        _ = try AnalyzeCommandTests.analyze(arguments(inputs, out: restricted))
        let text = try AnalyzeCommandTests.analyze(arguments(inputs, out: shared) + ["--share", "--min-count", String(minCount), "--json"])
        let document = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        return Runs(inputs: inputs, restricted: restricted, shared: shared, sharedJSON: document)
    }

    @Test func aSharedRunHoldsNoPointNoSmallCountAndTheRestrictedFigures() throws {
        let k = 5
        let runs = try Self.both.get()
        let files = ["regions.geojson", "gaps.geojson", "coverage.geojson", "initiatives.geojson", "needs.geojson", "incidents.geojson"]

        // No coordinate of any shared file is an input point (to 1e-5 degree).
        for file in files {
            var coordinates: [[Double]] = []
            Self.coordinates(try Self.json(runs.shared + "/" + file)["features"] as Any, into: &coordinates)
            let hits = coordinates.filter { runs.inputs.points.contains([Int(($0[0] * 1e5).rounded()), Int(($0[1] * 1e5).rounded())]) }
            #expect(hits.isEmpty, "\(file): \(hits.count) input points")
        }
        // The restricted run does hold them: the check above can fail.
        var restrictedPoints: [[Double]] = []
        Self.coordinates(try Self.json(runs.restricted + "/needs.geojson")["features"] as Any, into: &restrictedPoints)
        #expect(restrictedPoints.count == 3000)

        // No published count from 1 to k−1 (weights are all 1: metrics are counts).
        let needs = try Self.json(runs.shared + "/needs.geojson"), incidents = try Self.json(runs.shared + "/incidents.geojson")
        let regions = Self.features(try Self.json(runs.shared + "/regions.geojson"))
        var published: [Double] = []
        for layer in [needs, incidents] {
            for p in Self.features(layer) { published += p.filter { $0.key == "needs" || $0.key == "incidents" || $0.key.hasPrefix("count_") }.compactMap { Self.number($0.value) } }
            published += (layer["gapmap_totals"] as? [String: Any] ?? [:]).values.compactMap { Self.number($0) }
        }
        for p in regions { published += Self.counted.compactMap { Self.number(p[$0]) } }
        #expect(published.count > 5000)
        #expect(!published.contains { $0 >= 1 && $0 < Double(k) }, "\(published.filter { $0 >= 1 && $0 < Double(k) })")

        // Published figures are the restricted run's: the metrics, and the
        // counts tallied here from the restricted run's points.
        let restrictedRegions = Dictionary(uniqueKeysWithValues: Self.features(try Self.json(runs.restricted + "/regions.geojson")).map {
            ($0["region_id"] as! String, $0)
        })
        var compared = 0, withheld = 0
        for p in regions {
            let id = p["region_id"] as! String
            for key in Self.counted {
                if let value = Self.number(p[key]) {
                    #expect(value == Self.number(restrictedRegions[id]?[key]), "\(id) \(key)")
                    compared += 1
                } else {
                    #expect(p[key] is NSNull && (p["suppressed_fields"] as? String ?? "").split(separator: ",").contains(Substring(key)))
                    withheld += 1
                }
            }
        }
        #expect(compared > 0 && withheld > 0)
        var tally: [String: [String: Int]] = [:]
        for p in Self.features(try Self.json(runs.restricted + "/needs.geojson")) {
            tally[p["region_id"] as? String ?? "", default: [:]][p["category"] as! String, default: 0] += 1
        }
        var categoriesCompared = 0
        for p in Self.features(needs) {
            for category in Self.categories {
                guard let value = Self.number(p["count_" + category]) else { continue }
                #expect(Int(value) == tally[p["region_id"] as? String ?? "", default: [:]][category, default: 0])
                categoriesCompared += 1
            }
        }
        #expect(categoriesCompared > 701)

        // Every null in the files is a withheld cell, and the files say how many.
        var nulls = 0
        for layer in [needs, incidents] {
            for p in Self.features(layer) { nulls += p.filter { $0.value is NSNull && $0.key != "region_id" }.count }
            nulls += (layer["gapmap_totals"] as? [String: Any] ?? [:]).values.filter { $0 is NSNull }.count
        }
        for p in regions { nulls += Self.counted.filter { p[$0] is NSNull }.count }
        let release = try #require(needs["gapmap_release"] as? [String: Any])
        #expect(release["status"] as? String == "shareable")
        #expect(release["cells_suppressed"] as? Int == nulls)
        #expect((release["fr"] as? String)?.hasPrefix("DIFFUSABLE") == true)

        // share-report.txt names the smallest count published.
        let report = try String(contentsOfFile: runs.shared + "/share-report.txt", encoding: .utf8)
        let smallest = published.filter { $0 > 0 }.min()!
        #expect(report.contains("SMALLEST PUBLISHED COUNT\n  \(Int(smallest))\n"))
        #expect(report.contains("cells: \(nulls) "))
    }

    @Test func noWithheldFigureCanBeSolvedFromThePublishedSums() throws {
        let runs = try Self.both.get()
        // Every figure of the files, known or not, by name.
        var value: [String: Double?] = [:]
        var sums: [[String]] = []  // terms, then the total
        for (layer, total) in [("needs", "needs"), ("incidents", "incidents")] {
            let document = try Self.json(runs.shared + "/\(layer).geojson")
            let totals = document["gapmap_totals"] as? [String: Any] ?? [:]
            for (key, v) in totals { value["\(layer)/total/\(key)"] = Self.number(v) }
            let features = Self.features(document)
            var rowTotals: [String] = []
            var columns: [String: [String]] = [:]
            for (i, p) in features.enumerated() {
                let row = "\(layer)/\(p["region_id"] as? String ?? "none-\(i)")"
                value["\(row)/\(total)"] = Self.number(p[total])
                rowTotals.append("\(row)/\(total)")
                var terms: [String] = []
                for (key, v) in p where key.hasPrefix("count_") {
                    value["\(row)/\(key)"] = Self.number(v)
                    terms.append("\(row)/\(key)")
                    columns[key, default: []].append("\(row)/\(key)")
                }
                sums.append(terms + ["\(row)/\(total)"])
                // A region's count is its metric in regions.geojson (weights are 1).
                if let id = p["region_id"] as? String { sums.append(["\(row)/\(total)", "regions/\(id)/\(total)"]) }
            }
            for (key, terms) in columns { sums.append(terms + ["\(layer)/total/\(key)"]) }
            sums.append(rowTotals + ["\(layer)/total/\(total)"])
            sums.append(columns.keys.map { "\(layer)/total/\($0)" } + ["\(layer)/total/\(total)"])
        }
        let regions = Self.features(try Self.json(runs.shared + "/regions.geojson"))
        let totals = runs.sharedJSON["totals"] as? [String: Any] ?? [:]
        for key in Self.counted {
            value["regions/total/\(key)"] = Self.number(totals[key])
            sums.append(regions.map { "regions/\($0["region_id"] as! String)/\(key)" } + ["regions/total/\(key)"])
        }
        for p in regions {
            let id = "regions/\(p["region_id"] as! String)"
            for key in Self.counted { value["\(id)/\(key)"] = Self.number(p[key]) }
            sums += [["\(id)/needs_covered", "\(id)/needs_uncovered", "\(id)/needs"],
                     ["\(id)/incidents_covered", "\(id)/incidents_uncovered", "\(id)/incidents"],
                     ["\(id)/needs_uncovered", "\(id)/incidents_uncovered", "\(id)/uncovered_demand"]]
        }
        let unknown = value.filter { $0.value == nil }.map(\.key)
        #expect(unknown.count > 10)
        // The attacker: while some sum has one unknown, solve it.
        var known = Set(value.filter { $0.value != nil }.map(\.key))
        var pinned: [String] = []
        var progress = true
        while progress {
            progress = false
            for sum in sums {
                let missing = sum.filter { !known.contains($0) && value[$0] != nil }
                guard missing.count == 1 else { continue }
                known.insert(missing[0])
                pinned.append(missing[0])
                progress = true
            }
        }
        #expect(pinned.isEmpty, "solved: \(pinned.prefix(10))")
    }

    @Test func sharedFilesHoldNoDroppedFieldAndRestrictedFilesSaySo() throws {
        let runs = try Self.both.get()
        for file in ["regions.geojson", "gaps.geojson", "coverage.geojson", "initiatives.geojson", "needs.geojson", "incidents.geojson", "summary.csv", "rejected.csv"] {
            let text = try String(contentsOfFile: runs.shared + "/" + file, encoding: .utf8)
            #expect(!text.contains(Self.secret) && !text.contains("Village ") && !text.contains("MLI1") && !text.contains("Poste "), "\(file)")
            if file.hasSuffix(".geojson") {
                let keys = Set(Self.features(try Self.json(runs.shared + "/" + file)).flatMap(\.keys))
                // Initiatives keep their own located_by, kind and actor type, without ids or names.
                let dropped = file == "initiatives.geojson" ? ["id", "name", "notes", "source"] : Self.dropped
                #expect(keys.isDisjoint(with: dropped), "\(file): \(keys.intersection(dropped))")
                #expect((try Self.json(runs.shared + "/" + file)["gapmap_release"] as? [String: Any])?["status"] as? String == "shareable")
                let restricted = try Self.json(runs.restricted + "/" + file)["gapmap_release"] as? [String: Any]
                #expect(restricted?["status"] as? String == "restricted")
                #expect((restricted?["fr"] as? String)?.contains("DIFFUSION RESTREINTE") == true)
            }
        }
        let header = try String(contentsOfFile: runs.restricted + "/summary.csv", encoding: .utf8).split(separator: "\n")
        #expect(header[0].hasSuffix(",gapmap_release") && header.dropFirst().allSatisfy { $0.hasSuffix(",restricted") })
        let shared = try String(contentsOfFile: runs.shared + "/summary.csv", encoding: .utf8).split(separator: "\n")
        #expect(shared[0].hasSuffix(",gapmap_release,suppressed_fields") && shared.count == 702)
        #expect((runs.sharedJSON["gapmap_release"] as? [String: Any])?["status"] as? String == "shareable")
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/ogrinfo"), "GDAL's ogrinfo is not installed"))
    func gdalSeesNoDroppedFieldInTheSharedFiles() throws {
        let runs = try Self.both.get()
        for file in ["regions.geojson", "gaps.geojson", "needs.geojson", "incidents.geojson"] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/ogrinfo")
            process.arguments = ["-ro", "-al", "-so", runs.shared + "/" + file]
            let stdout = Pipe()
            process.standardOutput = stdout
            try process.run()
            let output = String(decoding: stdout.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            // ogrinfo lists each field as "name: Type (width.precision)".
            let fields = output.split(separator: "\n").compactMap { line -> String? in
                guard let colon = line.range(of: ": "), line.contains("("), !line.hasPrefix("Layer") else { return nil }
                return String(line[..<colon.lowerBound])
            }
            #expect(process.terminationStatus == 0 && fields.contains("region_id"), "\(file): \(output.prefix(300))")
            #expect(Set(fields).isDisjoint(with: Self.dropped), "\(file): \(fields)")
        }
    }

    @Test func aSharedMapDrawsNoPointAndShowsWithheldUnitsAsSuch() throws {
        let runs = try Self.both.get()
        let shared = TestSupport.temporaryFolder("gapmap-map-shared"), restricted = TestSupport.temporaryFolder("gapmap-map")
        let layers = Array(Self.arguments(runs.inputs, out: shared).dropFirst().dropLast(2))
        _ = try ReportCommandTests.run(["map"] + layers + ["--out", shared, "--metric", "uncovered_demand", "--svg-only", "--lang", "fr", "--share"])
        _ = try ReportCommandTests.run(["map"] + layers + ["--out", restricted, "--metric", "uncovered_demand", "--svg-only"])
        let svg = try String(contentsOfFile: shared + "/map.svg", encoding: .utf8)
        let plain = try String(contentsOfFile: restricted + "/map.svg", encoding: .utf8)
        #expect(svg.contains("— DIFFUSABLE</text>") && plain.contains("— RESTRICTED</text>"))
        // The restricted map draws the points; the shared one none.
        #expect(plain.contains("<g id=\"needs\"") || plain.contains("<g id=\"demand-density\""))
        #expect(!svg.contains("<g id=\"needs\"") && !svg.contains("<g id=\"incidents\"") && !svg.contains("<g id=\"demand-density\""))
        // As many regions drawn withheld as regions.geojson has uncovered_demand null.
        let withheld = Self.features(try Self.json(runs.shared + "/regions.geojson")).filter { $0["uncovered_demand"] is NSNull }
        #expect(!withheld.isEmpty)
        #expect(svg.components(separatedBy: "fill=\"#bdbdbd\" fill-rule").count - 1 == withheld.count)
        for p in withheld.prefix(50) {
            #expect(svg.contains("(\(p["region_id"] as! String)): masqué</title>"))
        }
        // The legend says why, and how many.
        #expect(svg.contains(">masqué  (\(withheld.count))</text>") && svg.contains(">moins de 5 lignes, ou pour en protéger un</text>"))
    }

    @Test func aSharedReportShowsWithheldCellsAsSuchAndListsNoRow() throws {
        let runs = try Self.both.get()
        let shared = TestSupport.temporaryFolder("gapmap-report-shared"), restricted = TestSupport.temporaryFolder("gapmap-report")
        let layers = Array(Self.arguments(runs.inputs, out: shared).dropFirst().dropLast(2))
        _ = try ReportCommandTests.run(["report"] + layers + ["--out", shared, "--lang", "fr", "--share"])
        _ = try ReportCommandTests.run(["report"] + layers + ["--out", restricted, "--lang", "fr"])
        let html = try String(contentsOfFile: shared + "/report.html", encoding: .utf8)
        let plain = try String(contentsOfFile: restricted + "/report.html", encoding: .utf8)
        #expect(html.contains(" — DIFFUSABLE</h1>\n<p class=\"shareable\">DIFFUSABLE : "))
        #expect(plain.contains(" — DIFFUSION RESTREINTE</h1>\n<p class=\"restricted\">DIFFUSION RESTREINTE : "))
        // The ranked table's demand columns: one withheld cell per null in regions.geojson.
        let columns = ["needs", "needs_uncovered", "incidents", "incidents_uncovered", "uncovered_demand"]
        let nulls = Self.features(try Self.json(runs.shared + "/regions.geojson")).reduce(0) { n, p in n + columns.filter { p[$0] is NSNull }.count }
        #expect(nulls > 0)
        // ... and one rank cell per region left unranked (its uncovered demand withheld).
        let unranked = Self.features(try Self.json(runs.shared + "/regions.geojson")).filter { $0["gap_rank"] is NSNull }.count
        #expect(html.components(separatedBy: "<td>masqué</td>").count - 1 == nulls + unranked)
        #expect(!plain.contains("masqué"))
        // No point drawn, no input row listed.
        #expect(!html.contains("<g id=\"needs\"") && !html.contains("<g id=\"demand-density\""))
        #expect(!html.contains(Self.secret) && !html.contains("<td class=\"t\">N1"))
        #expect(throws: (any Error).self) { try GapMapCommand.parseAsRoot(["report", "--share", "--scenario-planned"]) }
        // The interactive map's data: no month, category, type or point, and
        // each withheld cell null where regions.geojson has it null.
        let data = try #require(try ReportCommandTests.embeddedData(html))
        #expect(data["cells"] == nil && data["periods"] == nil && data["points"] == nil && data["hexagons"] == nil)
        let saysSo = html.contains("ni détail par mois ni filtre ne sont inclus")
        #expect(saysSo)
        let base = try #require((data["variants"] as? [[String: Any]])?.first)
        for column in columns {
            let expected = Self.features(try Self.json(runs.shared + "/regions.geojson")).filter { $0[column] is NSNull }.count
            #expect((base[column] as? [Any])?.filter { $0 is NSNull }.count == expected, "\(column)")
        }
        // The headline's national totals are published: each is the sum over the restricted run's regions.
        let national = try #require(data["national"] as? [String: Double])
        let plainRegions = Self.features(try Self.json(runs.restricted + "/regions.geojson"))
        for key in columns + ["needs_covered", "incidents_covered"] {
            let sum = plainRegions.reduce(0.0) { $0 + (Self.number($1[key]) ?? 0) }
            #expect(abs((national[key] ?? -1) - sum) <= 1e-9 * max(1, sum), "\(key)")
        }
        // Ranks on published figures only: the page's gap_rank is the shared regions.geojson's, region by region,
        // and the ranked table runs 1, 2, 3, ... in that order (no gap where a withheld region stood).
        let published = Self.features(try Self.json(runs.shared + "/regions.geojson")).map { $0["gap_rank"] as? Int }
        let embedded = try #require(base["gap_rank"] as? [Any]).map { ($0 as? NSNumber)?.intValue }
        #expect(embedded == published)
        #expect(published.contains(nil) && published.compactMap { $0 }.sorted() == Array(1...published.compactMap { $0 }.count))
        // The ranked table: its first rows, then the rest a click away (<details>).
        let staticPart = try #require(html.range(of: "<div class=\"static\">"))
        let start = try #require(html.range(of: "<table>", range: staticPart.upperBound..<html.endIndex))
        let table = String(html[start.lowerBound...]).components(separatedBy: "</details>")[0]
        let firstCells = table.components(separatedBy: "<tr><td>").dropFirst().map { $0.components(separatedBy: "</td>")[0] }
        let ranked = firstCells.compactMap(Int.init)
        #expect(ranked == Array(1...ranked.count) && ranked.count == published.compactMap { $0 }.count)
        #expect(html.contains("<details class=\"more\"><summary>Les 676 autres unités (communes) sur 701, dans l&apos;ordre du classement</summary>"))
    }

    @Test func minCountNeedsShareAndABound() throws {
        #expect(throws: (any Error).self) { try GapMapCommand.parseAsRoot(["analyze", "--min-count", "5"]) }
        #expect(throws: (any Error).self) { try GapMapCommand.parseAsRoot(["analyze", "--share", "--min-count", "1"]) }
        #expect(throws: Never.self) { try GapMapCommand.parseAsRoot(["analyze", "--share", "--format", "gpkg"]) }
        #expect(throws: (any Error).self) { try GapMapCommand.parseAsRoot(["analyze", "--sensitive-kind", "informant_network"]) }
        #expect(throws: (any Error).self) { try GapMapCommand.parseAsRoot(["analyze", "--share", "--keep-field", "notes"]) }
        #expect(throws: Never.self) { try GapMapCommand.parseAsRoot(["report", "--share", "--sensitive-kind", "informant_network"]) }
        // --share-cells and --share-displace: only with --share, the size with its unit and within 1 to 1000 km.
        #expect(throws: Never.self) { try GapMapCommand.parseAsRoot(["analyze", "--share", "--share-cells", "hex:10km", "--share-displace"]) }
        #expect(throws: Never.self) { try GapMapCommand.parseAsRoot(["map", "--share", "--share-cells", "hex:5000m"]) }
        // map and report draw the displaced points; rollup and compare have none to write or draw.
        #expect(throws: Never.self) { try GapMapCommand.parseAsRoot(["map", "--share", "--share-displace"]) }
        #expect(throws: Never.self) { try GapMapCommand.parseAsRoot(["report", "--share", "--share-displace"]) }
        for bad in [["analyze", "--share-cells", "hex:10km"], ["analyze", "--share-displace"], ["analyze", "--share", "--share-cells", "hex:10"],
                    ["analyze", "--share", "--share-cells", "hex:0.5km"], ["analyze", "--share", "--share-cells", "square:10km"],
                    ["report", "--share", "--share-cells", "hex:nankm"], ["rollup", "--share", "--share-displace"], ["compare", "ML05", "--share", "--share-displace"], ["share", "w.gpkg", "1", "--share-cells", "hex:2000km"]] {
            do {
                _ = try GapMapCommand.parseAsRoot(bad)
                Issue.record("accepted: \(bad)")
            } catch {
                #expect(GapMapCommand.exitCode(for: error).rawValue == 64, "\(bad)")
            }
        }
        do {
            _ = try GapMapCommand.parseAsRoot(["analyze", "--share", "--share-cells", "hex:0.5km"])
        } catch {
            #expect(GapMapCommand.message(for: error).contains("from 1 to 1000 km"))
        }
        do {
            _ = try GapMapCommand.parseAsRoot(["analyze", "--share", "--keep-field", "notes"])
        } catch {
            #expect(GapMapCommand.exitCode(for: error).rawValue == 64)
            #expect(GapMapCommand.message(for: error).contains("counts per unit and category"))
        }
        do {
            _ = try GapMapCommand.parseAsRoot(["analyze", "--min-count", "5"])
        } catch {
            #expect(GapMapCommand.exitCode(for: error).rawValue == 64)
            #expect(GapMapCommand.message(for: error).contains("--share"))
        }
    }
}
