import Foundation
import GRDB
import GeoCore
import GeoFormats
import Testing
@testable import GapMap

/// The planning workspace: upserts by id, the change log, the run log, the
/// rules in SQL, and the file as a GeoPackage.
struct WorkspaceTests {
    static func sampleWorkspace(layers: [LayerKind] = [.regions, .initiatives, .needs, .incidents, .settlements]) throws -> (Workspace, String) {
        let folder = ExternalTools.temporaryFolder()
        let workspace = try Workspace.create(at: folder + "/plan.gpkg")
        let files: [LayerKind: String] = [.regions: "regions.geojson", .initiatives: "initiatives.csv", .needs: "needs.csv",
                                          .incidents: "incidents.csv", .settlements: "settlements.csv"]
        try workspace.importFiles(layers.map { WorkspaceImportSource(layer: $0, path: ExternalTools.sample(files[$0]!)) })
        return (workspace, folder)
    }

    @Test func sha256MatchesTheFIPSTestVectors() {
        #expect(SHA256.hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
            == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        var million = SHA256()
        for _ in 0..<1000 { million.update([UInt8](repeating: UInt8(ascii: "a"), count: 1000)) }
        #expect(million.finalizeHex() == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func anImportAccountsForEveryRowAndReimportingTheSameFileChangesNothing() throws {
        let (workspace, _) = try Self.sampleWorkspace(layers: [.regions])
        let needs = ExternalTools.sample("needs.csv")
        let first = try #require(try workspace.importFiles([WorkspaceImportSource(layer: .needs, path: needs)]).first)
        // geodata/README.md: 2000 rows, 3 rejected, 3 duplicates.
        #expect(first.rowsRead == 2000 && first.rowsInserted == 1994 && first.rowsRejected == 3 && first.rowsDuplicate == 3)
        #expect(first.sourceSHA256 == SHA256.hex([UInt8](try Data(contentsOf: URL(fileURLWithPath: needs)))))
        let issues = try workspace.issues(importID: first.id!)
        #expect(issues.count == 6)
        #expect(issues.contains { $0.line == 1692 && $0.featureID == "NEED-01689" && $0.reason.contains("weight '-2'") })
        let counts = try workspace.rowCounts()
        let fingerprints = try workspace.fingerprints()

        let again = try #require(try workspace.importFiles([WorkspaceImportSource(layer: .needs, path: needs)]).first)
        #expect(again.rowsInserted == 0 && again.rowsUpdated == 0 && again.rowsUnchanged == 1994)
        #expect(again.sourceSHA256 == first.sourceSHA256)
        #expect(try workspace.rowCounts() == counts)
        #expect(try workspace.fingerprints() == fingerprints)
        #expect(try workspace.changes().isEmpty)
        #expect(try workspace.imports().map(\.layer) == [.regions, .needs, .needs])
    }

    @Test func aChangedRowIsUpdatedAndEachChangedValueRecorded() throws {
        let (workspace, folder) = try Self.sampleWorkspace(layers: [.regions, .needs])
        let original = try String(contentsOfFile: ExternalTools.sample("needs.csv"), encoding: .utf8)
        // NEED-00002: severity 1 → 3, moved from (-7.91399, 12.60567) to (-7.9, 12.6); one new row.
        let row = "NEED-00002,justice_access,youth,1,2,2024-08-04,-7.91399,12.60567,,invented example"
        #expect(original.contains(row))
        let edited = original.replacingOccurrences(of: row, with: "NEED-00002,justice_access,youth,3,2,2024-08-04,-7.9,12.6,,invented example")
            + "NEED-99999,police_presence,women,2,1,2024-09-01,-8.0,12.65,,added\n"
        let path = folder + "/needs-edited.csv"
        try edited.write(toFile: path, atomically: true, encoding: .utf8)
        let before = try workspace.rowCounts()[.needs]!
        let result = try #require(try workspace.importFiles([WorkspaceImportSource(layer: .needs, path: path)]).first)
        #expect(result.rowsUpdated == 1 && result.rowsInserted == 1 && result.rowsUnchanged == 1993)
        #expect(try workspace.rowCounts()[.needs] == before + 1)
        let changes = try workspace.changes()
        #expect(changes.map(\.field) == ["geom", "severity"])
        #expect(changes.allSatisfy { $0.featureID == "NEED-00002" && $0.layer == .needs && $0.importID == result.id })
        #expect(changes[0].oldValue == "POINT (-7.91399 12.60567)" && changes[0].newValue == "POINT (-7.9 12.6)")
        #expect(changes[1].oldValue == "1" && changes[1].newValue == "3")
        // The row carries the import that last changed it.
        let last = try workspace.read("test") { db in
            try Int64.fetchOne(db, sql: "SELECT last_import_id FROM needs WHERE id = 'NEED-00002'")
        }
        #expect(last == result.id)
    }

    /// The workspace selects incidents as the files do: by default ACLED's
    /// demonstrations and strategic developments are left out of both alike.
    @Test func theWorkspaceSelectsIncidentsAsTheFilesDo() throws {
        let (workspace, _) = try Self.sampleWorkspace()
        var request = ExternalTools.sampleRequest()
        request.filter = AnalysisFilter()
        let fromFiles = try AnalysisWorkflow.run(request)
        let (report, _) = try workspace.analyze(WorkspaceRunRequest(parameters: AnalysisParameters()))
        #expect(report.metrics == fromFiles.metrics)
        #expect(report.layers[.incidents]?.filtered == fromFiles.layers[.incidents]?.filtered)
        #expect((report.layers[.incidents]?.filtered ?? 0) > 0)
        // The workspace keeps the source columns, so actor and sub-event type select there too.
        request.filter = AnalysisFilter(incidents: IncidentSelection(subEventTypes: ["Armed clash", "Attack"], actors: ["unidentified armed group", "Military Forces"]))
        let selectedFromFiles = try AnalysisWorkflow.run(request)
        let (selected, _) = try workspace.analyze(WorkspaceRunRequest(parameters: AnalysisParameters(), filter: request.filter))
        #expect(selected.metrics == selectedFromFiles.metrics)
        #expect((selected.layers[.incidents]?.used ?? 0) > 0 && selected.layers[.incidents]?.used == selectedFromFiles.layers[.incidents]?.used)
    }

    @Test func analysingTheWorkspaceGivesTheFiguresOfTheFilesAndRecordsTheRun() throws {
        let (workspace, _) = try Self.sampleWorkspace()
        let request = ExternalTools.sampleRequest()
        let fromFiles = try AnalysisWorkflow.run(request)
        let (report, run) = try workspace.analyze(WorkspaceRunRequest(parameters: AnalysisParameters(), filter: request.filter))
        #expect(report.metrics == fromFiles.metrics)
        #expect(run.gapmapVersion == gapmapVersion && run.geosVersion == GeometryEngine.geosVersion && run.projVersion == Reprojector.projVersion)
        #expect(run.radiusKm == 10 && run.segments == 64 && !run.includePlanned)

        let detail = try workspace.run(id: run.id!)
        #expect(detail.regions == fromFiles.ranked)
        #expect(detail.inputs.map(\.layer) == [.regions, .initiatives, .needs, .incidents, .settlements])
        #expect(detail.inputs.map(\.rows) == [9, 60, 1994, 800, 94])
        #expect(detail.changedSince.isEmpty)
        #expect(try workspace.reproduce(runID: run.id!).report.ranked == detail.regions)
        let summary = try JSONSerialization.jsonObject(with: Data(detail.run.summary.utf8)) as? [String: Any]
        #expect((summary?["regions"] as? [Any])?.count == 9)

        // Importing the same file again stores nothing new; editing a row does, and the run says so.
        try workspace.importFiles([WorkspaceImportSource(layer: .needs, path: ExternalTools.sample("needs.csv"))])
        #expect(try workspace.run(id: run.id!).changedSince.isEmpty)  // nothing stored changed
        try workspace.write("test") { db in try db.execute(sql: "UPDATE needs SET weight = 9 WHERE id = 'NEED-00001'") }
        let after = try workspace.run(id: run.id!)
        #expect(after.changedSince == [.needs])
        #expect(after.regions == detail.regions)
        #expect(try workspace.runs().count == 1)
    }

    static let communes = Fixture.projectRoot + "/geodata/mali-cod-2015/adm3-communes.geojson"

    /// On the 701 communes, rows that name a unit above them (a need of
    /// region ML07, an ACLED event of geo_precision 3 that names only its
    /// cercle in admin2) once broke the import ("FOREIGN KEY constraint
    /// failed"): they import, keep the unit's P-code, and analyse as the
    /// files do, shared among the unit's communes.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: communes)))
    func rowsNamingAUnitAboveTheCommunesImportAndAnalyseAsTheFilesDo() throws {
        let folder = ExternalTools.temporaryFolder()
        try """
            id,category,weight,lon,lat,region
            N1,justice_access,10,,,ML07
            N2,police_presence,1,-8.0029,12.6392,
            """.write(toFile: folder + "/needs.csv", atomically: true, encoding: .utf8)
        let header = "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,"
            + "assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,latitude,longitude,"
            + "geo_precision,source,source_scale,notes,fatalities,tags,timestamp"
        try """
            \(header)
            E1,11 May 2020,2020,2,Political violence,Violence against civilians,Attack,Militia,,4,Civilians (Mali),,7,47,,466,Western Africa,Mali,Koulikouro,Kangaba,,Kangaba,11.9083,-8.4937,3,Test,National,,1,,1652709158
            E2,12 May 2020,2020,1,Political violence,Violence against civilians,Attack,Militia,,4,Civilians (Mali),,7,47,,466,Western Africa,Mali,Bamako,Bamako,Commune III,Bamako,12.6392,-8.0029,1,Test,National,,0,,1652709158
            """.write(toFile: folder + "/incidents.csv", atomically: true, encoding: .utf8)
        let workspace = try Workspace.create(at: folder + "/plan.gpkg")
        try workspace.importFiles([WorkspaceImportSource(layer: .regions, path: Self.communes),
                                   WorkspaceImportSource(layer: .needs, path: folder + "/needs.csv"),
                                   WorkspaceImportSource(layer: .incidents, path: folder + "/incidents.csv")])
        let stored = try workspace.read("test") { db in
            try Row.fetchAll(db, sql: "SELECT id, region_id FROM needs UNION ALL SELECT id, region_id FROM incidents ORDER BY id")
                .map { [$0[0] as String, ($0[1] as String?) ?? ""] }
        }
        // Kangaba is cercle ML0204 in the COD-AB file (admin2Pcod); the points keep no reference.
        #expect(stored == [["E1", "ML0204"], ["E2", ""], ["N1", "ML07"], ["N2", ""]])
        let matched = try workspace.read("test") { db in try String.fetchAll(db, sql: "SELECT feature_id FROM import_issues WHERE disposition = 'matched' ORDER BY feature_id") }
        #expect(matched == ["E1", "N1"])

        var request = AnalysisRequest(regionsPath: Self.communes, initiativesPath: nil, needsPath: folder + "/needs.csv",
                                      incidentsPath: folder + "/incidents.csv", settlementsPath: nil)
        request.filter = AnalysisFilter()
        let fromFiles = try AnalysisWorkflow.run(request)
        let (report, _) = try workspace.analyze(WorkspaceRunRequest(parameters: AnalysisParameters(), filter: request.filter))
        #expect(report.metrics == fromFiles.metrics)
        // The communes keep their level and their cercle and region (P-code and name) as the file gives them.
        #expect(report.regions.map(\.parents) == fromFiles.regions.map(\.parents) && report.regions.allSatisfy { $0.level == 3 })
        #expect(report.regions.first { $0.id == "ML020401" }?.parents.map(\.name) == ["Koulikouro", "Kangaba"])
        // By hand: the 10 of N1 over Gao's 23 communes, the event over Kangaba's 9.
        let gao = report.metrics.filter { $0.regionID.hasPrefix("ML07") }, kangaba = report.metrics.filter { $0.regionID.hasPrefix("ML0204") }
        #expect(gao.count == 23 && kangaba.count == 9)
        #expect(abs(gao.reduce(0) { $0 + $1.needs } - 10) < 1e-9 && gao.allSatisfy { $0.needs > 0 })
        #expect(abs(kangaba.reduce(0) { $0 + $1.incidents } - 1) < 1e-9 && kangaba.allSatisfy { $0.incidents > 0 })
        #expect(abs(report.metrics.reduce(0) { $0 + $1.needs } - 11) < 1e-9 && abs(report.metrics.reduce(0) { $0 + $1.incidents } - 2) < 1e-9)
    }

    @Test func theRulesOfTheWorkspaceAreEnforcedBySQLite() throws {
        let (workspace, _) = try Self.sampleWorkspace(layers: [.regions])
        let engine = try GeometryEngine()
        let point = Data(try GeoPackageGeometry.encode(.point(Coordinate(lon: -8, lat: 12.6)), srsID: 4326, engine: engine))
        func rejected(_ sql: String, _ arguments: StatementArguments = []) -> Bool {
            do {
                try workspace.write("test") { db in try db.execute(sql: sql, arguments: arguments) }
                return false
            } catch {
                return "\(error)".contains("rule of the workspace")
            }
        }
        let insert = "INSERT INTO needs (geom, id, weight, region_id, last_import_id) VALUES (?, ?, ?, ?, 1)"
        #expect(rejected(insert, [point, "N1", 0, nil]))  // weight > 0
        #expect(rejected(insert, [nil, "N2", 1, "ML99"]))  // no such region, nor a unit above some
        #expect(rejected(insert, [nil, "N2", 1, "Tombouctou"]))
        #expect(rejected(insert, [nil, "N3", 1, nil]))  // neither a point nor a region
        #expect(rejected(insert, [point, "", 1, nil]))  // an empty id
        #expect(rejected("INSERT INTO needs (geom, id, weight, severity, last_import_id) VALUES (?, 'N4', 1, 6, 1)", [point]))
        #expect(rejected("INSERT INTO initiatives (geom, id, status, last_import_id) VALUES (?, 'I1', 'paused', 1)", [point]))
        #expect(rejected("INSERT INTO needs (geom, id, weight, last_import_id) VALUES (?, 'N5', 1, 999)", [point]))  // no such import
        #expect(rejected("UPDATE imports SET rows_read = rows_read + 1"))  // the row accounting must add up
        #expect(!rejected(insert, [nil, "N6", 1, "ML05"]))
        #expect(rejected("UPDATE needs SET region_id = 'ML99' WHERE id = 'N6'"))
    }

    @Test(.enabled(if: ExternalTools.ogrinfo != nil && ExternalTools.validator != nil,
                   "GDAL's ogrinfo and validate_gpkg.py (python3-gdal) are not installed"))
    func theWorkspaceIsAGeoPackageThatGDALOpens() throws {
        let (workspace, _) = try Self.sampleWorkspace()
        _ = try workspace.analyze(WorkspaceRunRequest(parameters: AnalysisParameters()))
        let layers = try ExternalTools.summary(workspace.path)
        #expect(layers["regions"]?.geometry == "Multi Polygon" && layers["regions"]?.count == 9)
        #expect(layers["needs"]?.geometry == "Point" && layers["needs"]?.count == 1994)
        #expect(layers["initiatives"]?.count == 60 && layers["settlements"]?.count == 94 && layers["incidents"]?.count == 800)
        for table in ["imports", "import_issues", "changes", "runs", "run_inputs", "run_regions"] {
            #expect(layers[table]?.geometry == "None", "\(table)")
        }
        #expect(layers["run_regions"]?.count == 9)
        for table in ["regions", "initiatives", "needs", "incidents", "settlements"] {
            #expect(try ExternalTools.hasSpatialIndex(workspace.path, table), "\(table)")
        }
        try ExternalTools.expectReadsCleanly(workspace.path)
        try ExternalTools.expectValid(workspace.path)
    }

    @Test func twoImportsAtOnceBothComplete() throws {
        let (workspace, folder) = try Self.sampleWorkspace(layers: [.regions])
        let path = workspace.path
        var files: [String] = []
        for k in 0..<2 {
            var text = "id,lon,lat,weight\n"
            for i in 0..<3000 { text += "C\(k)-\(i),\(-10 + Double(i % 100) * 0.1),\(12 + Double(i / 100) * 0.1),1\n" }
            let file = folder + "/concurrent\(k).csv"
            try text.write(toFile: file, atomically: true, encoding: .utf8)
            files.append(file)
        }
        final class Errors: @unchecked Sendable {
            private let lock = NSLock()
            private var list: [String] = []
            func append(_ e: String) { lock.lock(); list.append(e); lock.unlock() }
            var all: [String] { lock.lock(); defer { lock.unlock() }; return list }
        }
        let errors = Errors()
        let csvFiles = files
        DispatchQueue.concurrentPerform(iterations: 2) { k in
            do {
                // Each with its own connection, as two processes would.
                try Workspace.open(at: path).importFiles([WorkspaceImportSource(layer: .needs, path: csvFiles[k])])
            } catch {
                errors.append("\(error)")
            }
        }
        #expect(errors.all.isEmpty, "\(errors.all)")
        #expect(try Workspace.open(at: path).rowCounts()[.needs] == 6000)
    }

    @Test func aGeoPackageThatIsNotAWorkspaceIsRefusedWithASentence() throws {
        let folder = ExternalTools.temporaryFolder()
        let path = try GeoPackageOutputTests.writeSampleGeoPackage(to: folder)
        #expect(throws: GapMapError.self) { try Workspace.open(at: path) }
        do {
            _ = try Workspace.open(at: path)
        } catch {
            #expect("\(error)".contains("not a gapmap workspace"))
        }
        #expect(throws: GapMapError.self) { try Workspace.create(at: path) }  // exists
    }

    /// A GeoPackage layer is fingerprinted with no SQLite connection of this
    /// process open on that file (issue 14, item 2): another workspace's
    /// layer imports with the SHA-256 of that file's bytes, and the
    /// workspace's own file, under its name or a hard link, is refused with
    /// a sentence before any handle of it is opened.
    @Test func aGeoPackageLayerIsFingerprintedAndTheWorkspaceItselfIsRefused() throws {
        let (source, folder) = try Self.sampleWorkspace(layers: [.regions, .needs])
        let (target, _) = try Self.sampleWorkspace(layers: [.regions])
        let imported = try #require(try target.importFiles([WorkspaceImportSource(layer: .needs, path: source.path + ":needs")]).first)
        // The source workspace holds the sample's 1,994 used needs.
        #expect(imported.rowsRead == 1994 && imported.rowsInserted == 1994 && imported.rowsRejected == 0)
        #expect(imported.sourceSHA256 == SHA256.hex([UInt8](try Data(contentsOf: URL(fileURLWithPath: source.path)))))

        let link = folder + "/same-plan.gpkg"
        #expect(Foundation.link(source.path, link) == 0)
        for reference in [source.path + ":needs", link + ":needs"] {
            #expect {
                try source.importFiles([WorkspaceImportSource(layer: .needs, path: reference)])
            } throws: { error in
                "\(error)".contains("this is the workspace itself, whose layers are already in it")
            }
        }
        // Nothing was imported, and the workspace still reads.
        #expect(try source.imports().count == 2 && source.rowCounts()[.needs] == 1994)
    }
}
