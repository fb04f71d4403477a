import Foundation
import GeoCore
import Testing
import TestSupport
@testable import GapMap

/// Incidents as analysts select them: event types (ACLED's political
/// violence by default), sub-event types, actor, fatalities and weights.
/// Every expected count is worked out from the generated ACLED file itself,
/// read here with a CSV parser of the test's own.
struct IncidentSelectionTests {
    static let acled = Bundle.module.path(forResource: "acled-mali-2017-2020-400", ofType: "csv", inDirectory: "Fixtures/input")!
    static let ucdp = Bundle.module.path(forResource: "ucdp-ged-mini", ofType: "csv", inDirectory: "Fixtures/input")!
    static let regions = (Fixture.sharedGeodata ?? "") + "/adm1-regions.geojson"
    static let communes = (Fixture.sharedGeodata ?? "") + "/adm3-communes.geojson"

    /// Event types are compared folded, "_" and "-" read as spaces, UCDP's
    /// codes and names read as one type: worked out by hand, for ASCII
    /// (folded without Foundation) and accented text alike.
    @Test func eventTypesAreComparedFoldedWithUCDPCodesReadAsTheirNames() {
        #expect(IncidentSelection.typeKey("Battles") == "battles")
        #expect(IncidentSelection.typeKey("  Explosions/Remote_violence ") == "explosions/remote violence")
        #expect(IncidentSelection.typeKey("Violence against civilians") == "violence against civilians")
        #expect(IncidentSelection.typeKey("State-based  violence") == "state based")
        #expect(IncidentSelection.typeKey("1") == "state based")
        #expect(IncidentSelection.typeKey("NON_STATE") == "non state")
        #expect(IncidentSelection.typeKey("3") == "one sided")
        #expect(IncidentSelection.typeKey("Violence contre les civils – Élevée") == "violence contre les civils – elevee")
        #expect(RegionNames.core("Commune-de_Ségou") == "segou")
        #expect(RegionNames.core("Commune_de-Segou") == "segou")
        #expect(RegionNames.core("TOMBOUCTOU") == "tombouctou")
    }

    /// RFC 4180 records (quoted cells with commas, doubled quotes), header first.
    static func records(_ path: String) throws -> [[String: String]] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var rows: [[String]] = [], row: [String] = [], cell = "", quoted = false
        var chars = text.makeIterator()
        while let c = chars.next() {
            if quoted {
                if c == "\"" {
                    if let n = chars.next() {
                        if n == "\"" { cell.append("\"") } else {
                            quoted = false
                            if n == "," { row.append(cell); cell = "" } else if n == "\n" { row.append(cell); rows.append(row); row = []; cell = "" } else { cell.append(n) }
                        }
                    } else { quoted = false }
                } else { cell.append(c) }
            } else if c == "\"" { quoted = true } else if c == "," { row.append(cell); cell = "" } else if c == "\n" {
                row.append(cell); rows.append(row); row = []; cell = ""
            } else { cell.append(c) }
        }
        if !cell.isEmpty || !row.isEmpty { row.append(cell); rows.append(row) }
        let header = rows.removeFirst()
        return rows.map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
    }

    /// The first row of each event id, in file order: what gapmap should use.
    static func events(_ path: String) throws -> [[String: String]] {
        var seen = Set<String>()
        return try records(path).filter { seen.insert($0["event_id_cnty"]!).inserted }
    }

    static func run(_ incidents: String, regions: String = IncidentSelectionTests.regions, _ selection: IncidentSelection,
                    chunkBytes: Int = 1 << 20) throws -> CoverageReport {
        var request = AnalysisRequest(regionsPath: regions, incidentsPath: incidents)
        request.filter = AnalysisFilter(incidents: selection)
        return try AnalysisWorkflow.run(request, into: [], chunkBytes: chunkBytes)
    }

    static func balances(_ a: LayerAccount) -> Bool {
        a.read == a.used + a.rejected + a.duplicates + a.filtered && a.points == a.assigned + a.unassigned
    }

    @Test(.enabled(if: Fixture.sharedGeodata != nil, "geodata/mali-cod-2015 is absent"))
    func byDefaultAnACLEDExportKeepsPoliticalViolenceAndCountsEachTypeOnce() throws {
        let rows = try Self.records(Self.acled), events = try Self.events(Self.acled)
        var expected: [String: Int] = [:]
        for e in events { expected[e["event_type"]!, default: 0] += 1 }
        #expect(expected.count == 6)
        let violence = Set(IncidentSelection.politicalViolence)
        // Small chunks: the counts carry from chunk to chunk as in one read.
        for chunk in [1 << 20, 4096] {
            let report = try Self.run(Self.acled, IncidentSelection(), chunkBytes: chunk)
            let a = try #require(report.layers[.incidents])
            #expect(a.read == rows.count && a.duplicates == rows.count - events.count && a.rejected == 0)
            let types = try #require(a.eventTypes)
            for (type, n) in expected {
                let count = try #require(types[type], "\(type)")
                #expect(violence.contains(type) ? (count.kept == n && count.filtered == 0) : (count.kept == 0 && count.filtered == n), "\(type)")
            }
            #expect(a.used == expected.filter { violence.contains($0.key) }.values.reduce(0, +))
            #expect(a.filtered == expected.filter { !violence.contains($0.key) }.values.reduce(0, +))
            #expect(Self.balances(a))
            #expect(report.metrics.reduce(0) { $0 + $1.incidents } == Double(a.used))
        }
    }

    @Test(.enabled(if: Fixture.sharedGeodata != nil, "geodata/mali-cod-2015 is absent"))
    func allKeepsEveryEventOnce() throws {
        let events = try Self.events(Self.acled)
        let a = try #require(try Self.run(Self.acled, IncidentSelection(eventTypes: .all)).layers[.incidents])
        #expect(a.used == events.count && a.filtered == 0 && a.rejected == 0)
        #expect(a.eventTypes?.values.reduce(0) { $0 + $1.kept } == events.count)
        // geo_precision 3 rows are credited to the region their admin columns name.
        #expect(a.regionReferenced == events.filter { $0["geo_precision"] == "3" }.count)
        #expect(a.impreciseRegionReferenced == a.regionReferenced)
        #expect(Self.balances(a))
    }

    @Test(.enabled(if: Fixture.sharedGeodata != nil, "geodata/mali-cod-2015 is absent"))
    func subEventTypeActorAndFatalitiesSelectAsTheFileSays() throws {
        let events = try Self.events(Self.acled)
        let clashes = events.filter { $0["sub_event_type"] == "Armed clash" }.count
        let jnim = events.filter { $0["actor1"]!.lowercased().contains("jnim") }.count
        let deadly = events.filter { Int($0["fatalities"]!)! >= 5 }.count
        #expect(clashes > 0 && jnim > 0 && deadly > 0)
        let bySub = try #require(try Self.run(Self.acled, IncidentSelection(eventTypes: .all, subEventTypes: ["armed CLASH"])).layers[.incidents])
        #expect(bySub.used == clashes && bySub.filtered == events.count - clashes)
        let byActor = try #require(try Self.run(Self.acled, IncidentSelection(eventTypes: .all, actors: ["jnim"])).layers[.incidents])
        #expect(byActor.used == jnim)
        let byDeaths = try #require(try Self.run(Self.acled, IncidentSelection(eventTypes: .all, minimumFatalities: 5)).layers[.incidents])
        #expect(byDeaths.used == deadly && Self.balances(byDeaths))
        let riots = try #require(try Self.run(Self.acled, IncidentSelection(eventTypes: .only(["riots", "Protests"]))).layers[.incidents])
        #expect(riots.used == events.filter { ["Riots", "Protests"].contains($0["event_type"]!) }.count)
    }

    @Test(.enabled(if: Fixture.sharedGeodata != nil, "geodata/mali-cod-2015 is absent"))
    func weightsAreFatalitiesOrPerType() throws {
        let events = try Self.events(Self.acled)
        let violence = events.filter { IncidentSelection.politicalViolence.contains($0["event_type"]!) }
        let deaths = violence.reduce(0) { $0 + Int($1["fatalities"]!)! }
        let byDeaths = try Self.run(Self.acled, IncidentSelection(weighting: .fatalities))
        #expect(byDeaths.metrics.reduce(0) { $0 + $1.incidents } == Double(deaths))
        let weighting = try IncidentWeighting.parse("Battles=3, Violence against civilians=0.5")
        let battles = violence.filter { $0["event_type"] == "Battles" }.count
        let civilians = violence.filter { $0["event_type"] == "Violence against civilians" }.count
        let others = violence.count - battles - civilians
        let byType = try Self.run(Self.acled, IncidentSelection(weighting: weighting))
        #expect(abs(byType.metrics.reduce(0) { $0 + $1.incidents } - (3 * Double(battles) + 0.5 * Double(civilians) + Double(others))) < 1e-9)
        #expect(weighting.description == "Battles=3,Violence against civilians=0.5")
        #expect(throws: IncidentWeightingError.self) { try IncidentWeighting.parse("Battles=lots") }
        #expect(throws: IncidentWeightingError.self) { try IncidentWeighting.parse("Battles=-1") }
    }

    @Test func ucdpTypesAreReadByCodeOrName() throws {
        let records = try Self.records(Self.ucdp)
        let stateBased = Set(records.filter { $0["type_of_violence"] == "1" }.map { $0["id"]! }).count
        let mini = Bundle.module.path(forResource: "mini-regions", ofType: "geojson", inDirectory: "Fixtures/input")!
        let all = try #require(try Self.run(Self.ucdp, regions: mini, IncidentSelection()).layers[.incidents])
        #expect(all.filtered == 0)  // UCDP records organised violence only: every type is kept by default
        for name in ["1", "state-based", "State-based violence"] {
            let a = try #require(try Self.run(Self.ucdp, regions: mini, IncidentSelection(eventTypes: .only([name]))).layers[.incidents])
            #expect(a.used + a.rejected == stateBased, "\(name)")
            #expect(a.used + a.filtered + a.rejected == all.used + all.rejected, "\(name)")
        }
    }

    @Test func aRunRecordedBeforeSelectionKeptEveryIncident() throws {
        let old = #"{"actors":[],"categories":[],"kinds":[],"segments":[],"undated":"keep"}"#
        let filter = try JSONDecoder().decode(AnalysisFilter.self, from: Data(old.utf8))
        #expect(filter.incidents == .everything && filter.incidents.keepsEverything)
        let now = AnalysisFilter(incidents: IncidentSelection(eventTypes: .only(["Battles"]), minimumFatalities: 2, weighting: .fatalities))
        #expect(try JSONDecoder().decode(AnalysisFilter.self, from: JSONEncoder().encode(now)) == now)
        #expect(try JSONDecoder().decode(AnalysisFilter.self, from: JSONEncoder().encode(AnalysisFilter())) == AnalysisFilter())
    }

    /// The whole generated export (3,314 events on 6,214 rows) on the 701
    /// communes: counted once with every type, and the Bamako city-centre
    /// point (175 events, 146 protests or riots) ranks first only when
    /// demonstrations are counted.
    static let generator: String? = {
        let script = Fixture.projectRoot + "/scripts/make-acled-mali.py"
        guard FileManager.default.fileExists(atPath: script), let python = toolPath("python3") else { return nil }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: python)
        p.arguments = ["-c", "import shapely"]
        p.standardError = FileHandle.nullDevice
        guard (try? p.run()) != nil else { return nil }
        p.waitUntilExit()
        return p.terminationStatus == 0 ? python : nil
    }()

    @Test(.enabled(if: generator != nil && Fixture.sharedGeodata != nil, "python3 with shapely, or geodata/, is absent"))
    func theFullExportOnTheCommunes() throws {
        let folder = temporaryFolder("acled-full")
        let path = folder + "/acled.csv"
        let p = Process()
        p.executableURL = URL(fileURLWithPath: Self.generator!)
        p.arguments = [Fixture.projectRoot + "/scripts/make-acled-mali.py", path]
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        let rows = try Self.records(path), events = try Self.events(path)
        #expect(rows.count == 6214 && events.count == 3314)
        let all = try Self.run(path, regions: Self.communes, IncidentSelection(eventTypes: .all))
        let a = try #require(all.layers[.incidents])
        // Rows whose place cannot be found are rejected (their repeats too, each
        // with its line), the others counted once: each event is used or rejected.
        let rejected = Set(all.issues.filter { $0.disposition == .rejected }.compactMap(\.id))
        #expect(a.used + rejected.count == 3314 && a.filtered == 0 && Self.balances(a))
        #expect(a.rejected + a.duplicates == 6214 - a.used)
        // Every event of geo_precision 1 or 2 lands in a commune.
        #expect(a.points == events.filter { $0["geo_precision"] != "3" }.count && a.unassigned == 0)
        let bamako = events.filter { $0["latitude"] == "12.6392" && $0["longitude"] == "-8.0029" }
        #expect(bamako.count == 175 && bamako.filter { ["Protests", "Riots"].contains($0["event_type"]!) }.count == 146)
        // The generator names the commune holding the point (COD-AB admin3Name) in admin3.
        let commune = try #require(bamako.first?["admin3"])
        #expect(all.ranked.first?.name == commune)
        let byDefault = try Self.run(path, regions: Self.communes, IncidentSelection())
        #expect(byDefault.ranked.first?.name != commune)
        #expect(byDefault.layers[.incidents]!.filtered
                == events.filter { !IncidentSelection.politicalViolence.contains($0["event_type"]!) && !rejected.contains($0["event_id_cnty"]!) }.count)
    }
}
