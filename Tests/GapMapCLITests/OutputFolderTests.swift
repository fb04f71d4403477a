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
            result[name] = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name))
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
}
