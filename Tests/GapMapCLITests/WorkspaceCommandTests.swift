import Foundation
import Testing
import TestSupport
@testable import GapMap
@testable import GapMapCLI

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `gapmap init`, `import`, `analyze WORKSPACE`, `runs`, and the safety of
/// the workspace file against a killed import and a concurrent one.
struct WorkspaceCommandTests {
    static func command(_ arguments: [String]) throws -> String {
        let command = try GapMapCommand.parseAsRoot(arguments)
        switch command {
        case let c as GapMapCommand.Init: return try c.execute()
        case let c as GapMapCommand.Import: return try c.execute()
        case let c as GapMapCommand.Runs: return try c.execute()
        case let c as GapMapCommand.Analyze: return try c.execute()
        default:
            Issue.record("unexpected command \(type(of: command))")
            return ""
        }
    }

    static func sample(_ name: String) -> String { AnalyzeCommandTests.sample(name) }

    /// The gapmap executable built with these tests (beside the test
    /// bundle), or the newest one in a .build folder of the project.
    static let executable: String? = {
        var candidates = [URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("gapmap").path]
        let root = AnalyzeCommandTests.projectRoot
        let builds = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).filter { $0.hasPrefix(".build") }
        let built = builds.map { "\(root)/\($0)/debug/gapmap" }.filter(FileManager.default.isExecutableFile(atPath:))
        candidates += built.sorted {
            let date = { (p: String) in (try? FileManager.default.attributesOfItem(atPath: p)[.modificationDate] as? Date) ?? .distantPast }
            return date($0) > date($1)
        }
        for path in candidates where FileManager.default.isExecutableFile(atPath: path) {
            // It must know the import command (an older build may not).
            let probe = Process()
            probe.executableURL = URL(fileURLWithPath: path)
            probe.arguments = ["import", "--help"]
            probe.standardOutput = FileHandle.nullDevice
            probe.standardError = FileHandle.nullDevice
            guard (try? probe.run()) != nil else { continue }
            probe.waitUntilExit()
            if probe.terminationStatus == 0 { return path }
        }
        return nil
    }()

    /// Runs the gapmap executable: its exit status and what it wrote on
    /// stdout and stderr (small outputs: read one after the other).
    static func runExecutable(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        try runProgram(try #require(executable), arguments)
    }

    static func needsCSV(_ path: String, rows: Int, prefix: String) throws {
        var text = "id,category,segment,severity,weight,date,lon,lat\n"
        text.reserveCapacity(rows * 70)
        for i in 0..<rows {
            // Spread over Mali (lon −11…3, lat 11…22), deterministic.
            let lon = -11 + Double((i * 7919) % 14000) / 1000, lat = 11 + Double((i * 104729) % 11000) / 1000
            text += "\(prefix)-\(i),police_presence,youth,\(1 + i % 5),1,2024-01-01,\(lon),\(lat)\n"
        }
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// Everything a workspace holds, as counts and layer fingerprints.
    static func state(_ path: String) throws -> String {
        let workspace = try Workspace.open(at: path)
        let counts = try workspace.rowCounts()
        let tables = try workspace.read("test") { db in
            try ["imports", "import_issues", "changes", "runs"].map { "\($0)=\(try Int.fetchOne(db, sql: "SELECT count(*) FROM \($0)") ?? -1)" }
        }
        return LayerKind.allCases.map { "\($0.rawValue)=\(counts[$0] ?? -1)" }.joined(separator: " ") + " " + tables.joined(separator: " ")
            + " " + (try workspace.fingerprints()).sorted { $0.key.rawValue < $1.key.rawValue }.map(\.value).joined(separator: ",")
    }

    @Test func initImportAnalyzeAndRunsWorkTogether() throws {
        let folder = AnalyzeCommandTests.temporaryFolder()
        let plan = folder + "/plan.gpkg"
        let created = try Self.command(["init", plan, "--regions", Self.sample("regions.geojson")])
        #expect(created.contains("Created the workspace"))
        #expect(created.contains("regions     \(Self.sample("regions.geojson")): 9 read = 9 inserted + 0 updated + 0 unchanged + 0 rejected + 0 duplicates"))
        let imported = try Self.command(["import", plan, "--needs", Self.sample("needs.csv"), "--incidents", Self.sample("incidents.csv"),
                                         "--initiatives", Self.sample("initiatives.csv"), "--settlements", Self.sample("settlements.csv")])
        #expect(imported.contains("2000 read = 1994 inserted + 0 updated + 0 unchanged + 3 rejected + 3 duplicates"))
        #expect(imported.contains("840 read = 800 inserted + 0 updated + 0 unchanged + 0 rejected + 40 duplicates"))
        #expect(imported.contains("line 1692 (NEED-01689): rejected: weight '-2' is not a positive number"))

        let analysis = try Self.command(["analyze", plan, "--out", folder + "/out", "--format", "gpkg"])
        #expect(analysis.contains("Recorded as run 1 in \(plan)"))
        #expect(analysis.contains("Wrote 1 files to \(folder)/out/: gapmap.gpkg."))
        #expect(FileManager.default.fileExists(atPath: folder + "/out/gapmap.gpkg"))

        let list = try Self.command(["runs", plan])
        #expect(list.contains("  1  ") && list.contains("unchanged"))
        let shown = try Self.command(["runs", plan, "--show", "1", "--check"])
        #expect(shown.contains("needs       1994 rows"))
        #expect(shown.contains("   1  ML05  Mopti "))  // the most uncovered demand once programmes are presence (crosscheck)
        #expect(shown.contains("every figure of the 9 regions is the same"))
        let json = try Self.command(["runs", plan, "--show", "1", "--json"])
        let document = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        #expect((document?["regions"] as? [[String: Any]])?.count == 9)

        // A filtered run records its filter, and --check applies it again.
        let filtered = try Self.command(["analyze", plan, "--out", folder + "/out2", "--category", "justice_access"])
        #expect(filtered.contains("Recorded as run 2"))
        let run2 = try Workspace.open(at: plan).run(id: 2)
        #expect(run2.request.filter.categories == ["justice_access"])
        #expect(run2.regions.map(\.needs) != (try Workspace.open(at: plan).run(id: 1)).regions.map(\.needs))
        #expect(try Self.command(["runs", plan, "--show", "2", "--check"]).contains("every figure of the 9 regions is the same"))

        // Every filter a run used is recorded and shown: the incident selection too.
        _ = try Self.command(["analyze", plan, "--out", folder + "/out3", "--event-type", "Battles", "--event-type", "Riots",
                              "--min-fatalities", "2", "--incident-weight", "fatalities", "--actor1", "JNIM"])
        let runs = try Self.command(["runs", plan])
        #expect(runs.contains("filters"))
        #expect(runs.contains("needs of category justice_access"))
        #expect(runs.contains("every event type but ACLED's demonstrations and strategic developments"))  // run 1: the default
        let run3 = try Self.command(["runs", plan, "--show", "3", "--check"])
        #expect(run3.contains("Filters: incidents of event type Battles or Riots, actor1 containing JNIM, 2 or more fatalities; weighted by fatalities."))
        #expect(run3.contains("every figure of the 9 regions is the same"))

        #expect(throws: (any Error).self) { try GapMapCommand.parseAsRoot(["analyze", plan, "--needs", Self.sample("needs.csv")]) }
        #expect(throws: (any Error).self) { try GapMapCommand.parseAsRoot(["import", plan]) }
        do {
            _ = try Self.command(["runs", plan, "--show", "7"])
            Issue.record("showed a run that does not exist")
        } catch {
            #expect("\(error)".contains("no run 7") && "\(error)".contains("Its runs are 1"))
        }
    }

    /// The import summary shows the rows to fix before the duplicates, however
    /// many duplicates come first in the file.
    @Test func theImportSummaryShowsRejectionsBeforeDuplicates() throws {
        let folder = AnalyzeCommandTests.temporaryFolder()
        let plan = folder + "/plan.gpkg"
        _ = try Self.command(["init", plan, "--regions", Self.sample("regions.geojson")])
        var csv = "id,lon,lat,fatalities\n"
        for _ in 0..<8 { csv += "E1,-4.2,14.5,1\n" }
        csv += "E2,-4.2,14.5,-3\n"
        try csv.write(toFile: folder + "/incidents.csv", atomically: true, encoding: .utf8)
        let text = try Self.command(["import", plan, "--incidents", folder + "/incidents.csv"])
        #expect(text.contains("9 read = 1 inserted + 0 updated + 0 unchanged + 1 rejected + 7 duplicates"))
        let issueLines = text.split(separator: "\n").filter { $0.contains("line ") }
        #expect(issueLines.first?.contains("line 10 (E2): rejected: fatalities '-3'") == true)
        #expect(text.contains("… 3 more (3 duplicate) in the import_issues table."))
    }

    @Test func anImportKilledMidwayLeavesTheWorkspaceAsItWasAndTheNextImportCompletes() throws {
        guard let gapmap = Self.executable else {
            print("skipped: no gapmap executable with the import command was found beside the tests or in .build*/debug")
            return
        }
        let folder = AnalyzeCommandTests.temporaryFolder()
        let plan = folder + "/plan.gpkg"
        _ = try Self.command(["init", plan, "--regions", Self.sample("regions.geojson"), "--needs", Self.sample("needs.csv")])
        let before = try Self.state(plan)
        let large = folder + "/large.csv"
        try Self.needsCSV(large, rows: 150_000, prefix: "K")
        let initialSize = try FileManager.default.attributesOfItem(atPath: plan)[.size] as? Int ?? 0

        let child = Process()
        child.executableURL = URL(fileURLWithPath: gapmap)
        child.arguments = ["import", plan, "--needs", large]
        child.standardOutput = FileHandle.nullDevice
        child.standardError = FileHandle.nullDevice
        try child.run()
        // Mid-way: the transaction has begun (its journal exists), and rows
        // are being written; kill it once SQLite has spilled pages into the
        // file itself, or after 3 s of writing.
        let start = Date()
        var journalSeen = false
        while child.isRunning, Date().timeIntervalSince(start) < 60 {
            if FileManager.default.fileExists(atPath: plan + "-journal") { journalSeen = true; break }
            usleep(10_000)
        }
        let writing = Date()
        while child.isRunning, journalSeen, Date().timeIntervalSince(writing) < 3 {
            let size = (try? FileManager.default.attributesOfItem(atPath: plan)[.size] as? Int) ?? 0
            if size > initialSize { break }
            usleep(10_000)
        }
        let killedMidway = child.isRunning
        kill(child.processIdentifier, SIGKILL)
        child.waitUntilExit()
        #expect(journalSeen && killedMidway, "the import ended before it could be killed mid-way; make the file larger")
        #expect(child.terminationReason == .uncaughtSignal)

        // SQLite rolls the journal back at the next open: the workspace is as before.
        #expect(try Self.state(plan) == before)

        // The next import completes.
        let small = folder + "/small.csv"
        try Self.needsCSV(small, rows: 2000, prefix: "S")
        let next = Process()
        next.executableURL = URL(fileURLWithPath: gapmap)
        next.arguments = ["import", plan, "--needs", small]
        next.standardOutput = FileHandle.nullDevice
        try next.run()
        next.waitUntilExit()
        #expect(next.terminationStatus == 0)
        let workspace = try Workspace.open(at: plan)
        #expect(try workspace.rowCounts()[.needs] == 1994 + 2000)
        #expect(try workspace.imports().last?.rowsInserted == 2000)
        #expect(!FileManager.default.fileExists(atPath: plan + "-journal"))
    }

    @Test func twoImportProcessesStartedAtOnceBothSucceed() throws {
        guard let gapmap = Self.executable else {
            print("skipped: no gapmap executable with the import command was found")
            return
        }
        let folder = AnalyzeCommandTests.temporaryFolder()
        let plan = folder + "/plan.gpkg"
        _ = try Self.command(["init", plan, "--regions", Self.sample("regions.geojson")])
        var processes: [Process] = []
        for k in 0..<2 {
            let file = folder + "/needs\(k).csv"
            try Self.needsCSV(file, rows: 5000, prefix: "P\(k)")
            let p = Process()
            p.executableURL = URL(fileURLWithPath: gapmap)
            p.arguments = ["import", plan, "--needs", file]
            p.standardOutput = FileHandle.nullDevice
            processes.append(p)
        }
        for p in processes { try p.run() }
        for p in processes { p.waitUntilExit() }
        #expect(processes.map(\.terminationStatus) == [0, 0])
        #expect(try Workspace.open(at: plan).rowCounts()[.needs] == 10000)
    }
}
