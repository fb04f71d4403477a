import Foundation
import Testing
@testable import GapMap
@testable import GapMapCLI

/// Messages that said too little or the wrong thing (issue 14, item 7):
/// each says what, where, and how to fix it.
struct MessageTests {
    static func write(_ name: String, _ text: String) throws -> String {
        let path = AnalyzeCommandTests.temporaryFolder() + "/" + name
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func analyzeError(regions: String, extra: [String] = []) -> String {
        do {
            _ = try AnalyzeCommandTests.analyze(["analyze", "--regions", regions, "--out", AnalyzeCommandTests.temporaryFolder() + "/out"] + extra)
            return ""
        } catch {
            return "\(error)"
        }
    }

    @Test func regionsWithNoUsablePolygonListTheirReasonsInsteadOfPointingAtAFileNotWritten() throws {
        let path = try Self.write("lines.geojson", """
            {"type":"FeatureCollection","features":[
            {"type":"Feature","properties":{"id":"A"},"geometry":{"type":"LineString","coordinates":[[0,0],[1,1]]}},
            {"type":"Feature","properties":{"id":"B"},"geometry":null}
            ]}
            """)
        let text = Self.analyzeError(regions: path)
        #expect(text.contains("none of its 2 regions has a usable polygon"), "\(text)")
        #expect(text.contains("line 2, geometry: a region must be a Polygon or MultiPolygon, not a LineString"), "\(text)")
        #expect(text.contains("line 3, geometry: the region has no geometry"), "\(text)")
        #expect(!text.contains("rejected.csv"))
    }

    @Test func anEmptyFeatureCollectionSaysItHasNoFeatures() throws {
        let path = try Self.write("empty.geojson", #"{"type":"FeatureCollection","features":[]}"#)
        let text = Self.analyzeError(regions: path)
        #expect(text.contains("empty.geojson: the region layer has no features"), "\(text)")
        #expect(!text.contains("among: ."))
    }

    @Test(.enabled(if: WorkspaceCommandTests.executable != nil, "no gapmap executable beside the tests or in .build*/debug"))
    func anUnknownCRSIsOneSentenceWithoutPROJsOwnLineOnStderr() throws {
        let needs = try Self.write("needs.geojson", """
            {"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"EPSG:99999"}},"features":[
            {"type":"Feature","properties":{"id":"A"},"geometry":{"type":"Point","coordinates":[0,0]}}]}
            """)
        let (status, _, text) = try WorkspaceCommandTests.runExecutable(["analyze", "--regions", AnalyzeCommandTests.sample("regions.geojson"),
                                                                         "--needs", needs, "--out", AnalyzeCommandTests.temporaryFolder()])
        #expect(status == 1)
        #expect(!text.contains("proj_create"), "\(text)")
        #expect(text.hasPrefix("gapmap: error: \(needs), field 'crs': the file's CRS 'EPSG:99999' is unknown to PROJ"), "\(text)")
        #expect(text.split(separator: "\n").count == 1)
    }

    @Test func validateNamesAGeoPackageLayerAsOne() throws {
        let path = AnalyzeCommandTests.temporaryFolder() + "/plan.gpkg"
        _ = try WorkspaceCommandTests.command(["init", path, "--regions", AnalyzeCommandTests.sample("regions.geojson")])
        let command = try GapMapCommand.parseAsRoot(["validate", path + ":regions", "--as", "regions"])
        let output = try #require(command as? GapMapCommand.Validate).execute().output
        #expect(output.contains("GeoPackage layer"), "\(output)")
        #expect(!output.contains("CSV table") && !output.contains("none declared"), "\(output)")
    }
}
