import Foundation
import Testing
import TestSupport
@testable import GapMapCLI

/// `gapmap share WORKSPACE RUN`: the shareable outputs of a recorded run
/// are those analyze --share writes on the same layers, and a run whose
/// layers changed since is refused.
struct ShareRunCommandTests {
    static func share(_ arguments: [String]) throws -> String {
        let command = try #require(try GapMapCommand.parseAsRoot(["share"] + arguments) as? GapMapCommand.Share)
        return try command.execute()
    }

    @Test func aRecordedRunIsSharedAsAnalyzeShareWritesIt() throws {
        let folder = AnalyzeCommandTests.temporaryFolder()
        let plan = folder + "/plan.gpkg"
        _ = try WorkspaceCommandTests.command(["init", plan, "--regions", WorkspaceCommandTests.sample("regions.geojson")])
        _ = try WorkspaceCommandTests.command(["import", plan, "--needs", WorkspaceCommandTests.sample("needs.csv"),
                                               "--incidents", WorkspaceCommandTests.sample("incidents.csv"),
                                               "--initiatives", WorkspaceCommandTests.sample("initiatives.csv")])
        let restricted = try WorkspaceCommandTests.command(["analyze", plan, "--out", folder + "/restricted", "--segments", "16"])
        #expect(restricted.contains("Recorded as run 1"))
        // A second run with other parameters: the share must take run 1's (16-vertex discs).
        _ = try WorkspaceCommandTests.command(["analyze", plan, "--out", folder + "/other"])
        _ = try WorkspaceCommandTests.command(["analyze", plan, "--out", folder + "/analyzed", "--segments", "16", "--share", "--min-count", "10"])

        let text = try Self.share([plan, "1", "--out", folder + "/shared", "--min-count", "10"])
        #expect(text.hasPrefix("SHAREABLE: ") && text.contains("Wrote the shareable outputs of run 1 to \(folder)/shared/"))
        for file in ["regions.geojson", "gaps.geojson", "coverage.geojson", "initiatives.geojson", "needs.geojson", "incidents.geojson",
                     "summary.csv", "rejected.csv", "share-report.txt"] {
            let shared = try Data(contentsOf: URL(fileURLWithPath: folder + "/shared/" + file))
            let analyzed = try Data(contentsOf: URL(fileURLWithPath: folder + "/analyzed/" + file))
            #expect(shared == analyzed, "\(file)")
        }
        // Published figures are run 1's (16-vertex discs), not run 2's (64).
        let shared = Dictionary(uniqueKeysWithValues: ShareCommandTests.features(try ShareCommandTests.json(folder + "/shared/regions.geojson")).map { ($0["region_id"] as! String, $0) })
        let run1 = ShareCommandTests.features(try ShareCommandTests.json(folder + "/restricted/regions.geojson"))
        let run2 = Dictionary(uniqueKeysWithValues: ShareCommandTests.features(try ShareCommandTests.json(folder + "/other/regions.geojson")).map { ($0["region_id"] as! String, $0) })
        var differing = 0
        for p in run1 {
            let id = p["region_id"] as! String
            #expect(ShareCommandTests.number(shared[id]?["covered_km2"]) == ShareCommandTests.number(p["covered_km2"]))
            if ShareCommandTests.number(shared[id]?["covered_km2"]) != ShareCommandTests.number(run2[id]?["covered_km2"]) { differing += 1 }
        }
        #expect(differing >= 5)  // the 9 regions less the uncovered one and those covered by polygons only
        _ = try Self.share([plan, "1", "--out", folder + "/gpkg", "--format", "gpkg"])
        #expect(FileManager.default.fileExists(atPath: folder + "/gpkg/gapmap.gpkg") && FileManager.default.fileExists(atPath: folder + "/gpkg/share-report.txt"))

        // New needs: run 1's figures can no longer be reproduced.
        try WorkspaceCommandTests.needsCSV(folder + "/more.csv", rows: 20, prefix: "MORE")
        _ = try WorkspaceCommandTests.command(["import", plan, "--needs", folder + "/more.csv"])
        #expect { try Self.share([plan, "1", "--out", folder + "/late"]) } throws: { error in
            "\(error)".contains("changed since (needs)")
        }
        #expect(!FileManager.default.fileExists(atPath: folder + "/late/regions.geojson"))
    }
}
