import Foundation
import Testing
@testable import GapMap
@testable import GapMapCLI

/// A run's files reach --out together or not at all (issue 14, item 5),
/// and a path that cannot be a folder is named with what is wrong (item 7).
struct OutputFolderTests {
    static func contents(_ folder: String) throws -> [String: Data] {
        var result: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder) {
            var isFolder: ObjCBool = false
            FileManager.default.fileExists(atPath: folder + "/" + name, isDirectory: &isFolder)
            // A folder shows as its name with no bytes.
            result[name] = isFolder.boolValue ? Data() : try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name))
        }
        return result
    }

    @Test func aRunThatFailsLeavesThePreviousRunsFilesUntouched() throws {
        let parent = AnalyzeCommandTests.temporaryFolder()
        let out = parent + "/out"
        _ = try AnalyzeCommandTests.analyze(AnalyzeCommandTests.sampleArguments(out: out))
        let before = try Self.contents(out)
        // regions, gaps, coverage, initiatives, needs, incidents (GeoJSON), summary.csv, rejected.csv.
        #expect(before.count == 8)
        // A different radius changes every area file; the roll-up field that
        // does not exist fails the run after the pipeline wrote its files.
        #expect(throws: (any Error).self) {
            _ = try AnalyzeCommandTests.analyze(AnalyzeCommandTests.sampleArguments(out: out) + ["--radius", "50", "--rollup", "no_such_field"])
        }
        #expect(try Self.contents(out) == before)
        // No staging folder is left beside it.
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent) == ["out"])

        // The same run without the failing roll-up replaces the whole set.
        _ = try AnalyzeCommandTests.analyze(AnalyzeCommandTests.sampleArguments(out: out) + ["--radius", "50"])
        let after = try Self.contents(out)
        #expect(Set(after.keys) == Set(before.keys))
        #expect(after["regions.geojson"] != before["regions.geojson"] && after["needs.geojson"] != before["needs.geojson"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent) == ["out"])
    }

    @Test func anOutputPathThatCannotBeAFolderIsNamedWithWhatIsWrong() throws {
        let parent = AnalyzeCommandTests.temporaryFolder()
        try Data("x".utf8).write(to: URL(fileURLWithPath: parent + "/afile"))
        let cases: [(String, String)] = [
            (parent + "/afile/sub", "is under \(parent)/afile, which is a file, not a folder"),
            (parent + "/afile", "the output folder is a file, not a folder"),
            ("", "the output folder is empty ('')"),
            ("/proc/forbidden", "/proc/forbidden, field '--out': cannot write the output folder ("),
        ]
        for (out, expected) in cases {
            do {
                _ = try AnalyzeCommandTests.analyze(AnalyzeCommandTests.sampleArguments(out: out))
                Issue.record("--out '\(out)' was accepted")
            } catch {
                let text = "\(error)"
                #expect(text.contains(expected), "\(text)")
                #expect(!text.contains("NSCocoaErrorDomain") && !text.contains("Error Domain"), "\(text)")
            }
        }
    }

    /// Runs a command as `gapmap` would, in this process.
    static func run(_ arguments: [String]) throws -> String {
        switch try GapMapCommand.parseAsRoot(arguments) {
        case let c as GapMapCommand.Map: return try c.execute()
        case let c as GapMapCommand.Report: return try c.execute()
        default: return try PlannerCommandTests.run(arguments)
        }
    }

    /// Each command that writes files, as (its arguments, arguments that change every file it writes).
    static let writingCommands: [(String, [String], [String])] = [
        ("analyze", ["analyze"], ["--radius", "50"]),
        ("map", ["map", "--svg-only"], ["--metric", "gap_rank"]),
        ("report", ["report"], ["--lang", "fr"]),
        ("rollup", ["rollup", "--level", "country=prefix:2"], ["--radius", "50"]),
        ("hotspots", ["hotspots", "--radius", "25", "--min-weight", "15"], ["--radius", "40"]),
        ("suggest", ["suggest", "--sites", "3", "--radius", "25"], ["--radius", "40"]),
        ("scenario", ["scenario", "--include-planned"], ["--radius", "30"]),
        ("compare", ["compare", "ML05", "ML04"], ["--radius", "50"]),
    ]

    /// For every command that writes files: a good run, then a run with other
    /// parameters that fails after writing all its files (a failure injected
    /// just before they would be moved into place) leaves the first run's
    /// files byte for byte and no staging folder; the same run without the
    /// failure then does change them (so the comparison can fail).
    @Test(arguments: writingCommands.map(\.0))
    func aFailingRunOfEachCommandLeavesThePreviousFilesUntouched(_ name: String) throws {
        let (_, command, change) = try #require(Self.writingCommands.first { $0.0 == name })
        let parent = AnalyzeCommandTests.temporaryFolder()
        let out = parent + "/out"
        let destination = name == "compare" ? ["--csv", out + "/compare.csv"] : ["--out", out]
        let arguments = command + ReportCommandTests.sampleLayers() + destination
        _ = try Self.run(arguments)
        let before = try Self.contents(out)
        #expect(!before.isEmpty)
        OutputFolder.$injectedFailure.withValue("injected failure after every file was written") {
            #expect(throws: (any Error).self) { _ = try Self.run(arguments + change) }
        }
        #expect(try Self.contents(out) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent) == ["out"])
        // A hidden staging folder or file would show here too.
        #expect(try FileManager.default.contentsOfDirectory(atPath: out).allSatisfy { !$0.hasPrefix(".") })

        _ = try Self.run(arguments + change)
        let after = try Self.contents(out)
        #expect(Set(after.keys) == Set(before.keys))
        #expect(after != before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent) == ["out"])
    }

    /// A folder where a new file should go stops the run before any file
    /// moves: analyze's files beside it stay, suggest's first file is not
    /// moved in without its second.
    @Test func aFolderInTheWayOfOneFileMovesNoneOfTheRunsFiles() throws {
        let parent = AnalyzeCommandTests.temporaryFolder()
        let out = parent + "/out"
        _ = try AnalyzeCommandTests.analyze(AnalyzeCommandTests.sampleArguments(out: out))
        try FileManager.default.createDirectory(atPath: out + "/site_footprints.geojson", withIntermediateDirectories: false)
        let before = try Self.contents(out)
        do {
            _ = try Self.run(["suggest", "--sites", "3", "--radius", "25", "--out", out] + ReportCommandTests.sampleLayers())
            Issue.record("the run went through a folder in the way")
        } catch {
            #expect("\(error)".contains("site_footprints.geojson: a folder is in the way of the new file, so no file of this run was written"), "\(error)")
        }
        #expect(try Self.contents(out) == before)
        #expect(!FileManager.default.fileExists(atPath: out + "/sites.geojson"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent) == ["out"])
    }

    /// A single output file's path is checked as a folder is.
    @Test func anOutputFilePathThatCannotBeAFileIsNamedWithWhatIsWrong() throws {
        let parent = AnalyzeCommandTests.temporaryFolder()
        try Data("x".utf8).write(to: URL(fileURLWithPath: parent + "/afile"))
        let cases: [([String], String)] = [
            (["compare", "ML05", "--csv", parent + "/afile/c.csv"], "the output file is under \(parent)/afile, which is a file, not a folder"),
            (["compare", "ML05", "--csv", parent], "field '--csv': the output file is a folder"),
            (["compare", "ML05", "--csv", ""], "--csv: the output file is empty ('')"),
            (["compare", "ML05", "--csv", "/proc/forbidden/c.csv"], "field '--csv': cannot write the file ("),
            (["report", "--out", parent + "/afile"], "the output folder is a file, not a folder"),
            (["report", "--out", ""], "the output folder is empty ('')"),
            (["report", "--out", "/proc/forbidden"], "field '--out': cannot write the file ("),
        ]
        for (arguments, expected) in cases {
            do {
                _ = try Self.run(arguments + ReportCommandTests.sampleLayers())
                Issue.record("\(arguments) was accepted")
            } catch {
                let text = "\(error)"
                #expect(text.contains(expected), "\(text)")
                #expect(!text.contains("NSCocoaErrorDomain") && !text.contains("Error Domain"), "\(text)")
            }
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent) == ["afile"])
    }
}
