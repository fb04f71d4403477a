import Foundation
import Testing
import TestSupport
import GeoFormats
@testable import GapMap

/// The pipeline with CSV needs and incidents streamed (read, analysed and
/// written a chunk at a time) against the same pipeline with every layer
/// read whole as one chunk: the same metrics, accounts, issues and output
/// files, byte for byte, with buffers small enough that records, quoted line
/// breaks and CRLFs straddle them.
@Suite struct AnalysisPipelineTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static func sample(_ name: String) -> String { root.appendingPathComponent("geodata/mali/\(name)").path }

    static func folder() throws -> String { temporaryFolder("gapmap-stream") }

    /// Runs both paths and checks they agree; returns the streamed report.
    @discardableResult
    static func expectSameResults(_ request: AnalysisRequest, chunkBytes: Int) throws -> CoverageReport {
        let whole = try folder(), streamed = try folder()
        let analysis = CoverageAnalysis(parameters: request.parameters)
        let report = try analysis.run(AnalysisSource(try AnalysisWorkflow.load(request)), into: [GeoJSONOutput(directory: whole)])
        let output = GeoJSONOutput(directory: streamed)
        let streamedReport = try analysis.run(try AnalysisSource(request, chunkBytes: chunkBytes), into: [output])
        #expect(output.written.map { ($0 as NSString).lastPathComponent } == ReportOutput.files)
        #expect(streamedReport.metrics == report.metrics)
        #expect(streamedReport.layers == report.layers)
        #expect(streamedReport.issues == report.issues)
        // The --json document, compared as JSON (its dictionaries have no fixed key order).
        let streamedJSON = try JSONSerialization.jsonObject(with: try SummaryDocument(streamedReport).json()) as? NSDictionary
        let wholeJSON = try JSONSerialization.jsonObject(with: try SummaryDocument(report).json()) as? NSDictionary
        #expect(streamedJSON != nil && streamedJSON == wholeJSON)
        for file in ReportOutput.files {
            let a = try Data(contentsOf: URL(fileURLWithPath: (whole as NSString).appendingPathComponent(file)))
            let b = try Data(contentsOf: URL(fileURLWithPath: (streamed as NSString).appendingPathComponent(file)))
            #expect(a == b, "\(file) differs with \(chunkBytes)-byte chunks")
        }
        return streamedReport
    }

    static func sampleRequest(needs: String? = sample("needs.csv"), incidents: String? = sample("incidents.csv")) -> AnalysisRequest {
        AnalysisRequest(regionsPath: sample("regions.geojson"), initiativesPath: sample("initiatives.csv"), needsPath: needs,
                        incidentsPath: incidents, settlementsPath: sample("settlements.csv"))
    }

    @Test(arguments: [97, 4096, AnalysisSource.defaultChunkBytes])
    func sampleDataGivesTheSameResults(chunkBytes: Int) throws {
        try Self.expectSameResults(Self.sampleRequest(), chunkBytes: chunkBytes)
    }

    @Test func sampleDataWithATimeWindowGivesTheSameResults() throws {
        var request = Self.sampleRequest()
        request.filter = AnalysisFilter(from: CalendarDay(iso: "2024-03-01")!, to: CalendarDay(iso: "2024-09-30")!)
        try Self.expectSameResults(request, chunkBytes: 211)
    }

    /// 240 needs at seeded points over Mali's box, with a BOM, CRLF line
    /// ends, quoted categories holding a line break, 8 rows with a bad value,
    /// an undated and an unreadable date, and 12 rows repeating an earlier id
    /// from far back in the file (another chunk).
    static func generatedNeeds(in folder: String) throws -> String {
        var state: UInt64 = 42
        func random() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        var lines = ["id,category,segment,severity,weight,date,lon,lat"]
        for i in 1...240 {
            let lon = -12 + 16 * random(), lat = 10 + 15 * random()
            let category = i % 7 == 0 ? "\"police\r\npresence, night\"" : "justice_access"
            let severity = i % 30 == 3 ? "9" : String(1 + i % 5)  // 8 rows: 3, 33, ..., 213
            let date = i == 50 ? "" : i == 51 ? "sometime" : "2024-\(String(format: "%02d", 1 + i % 12))-15"
            lines.append("N\(i),\(category),youth,\(severity),\(1 + Double(i % 4) / 2),\(date),\(lon),\(lat)")
        }
        for k in 0..<12 { lines.append("N\(10 + k * 5),repeat,youth,2,1,2024-05-01,-4.0,14.0") }  // ids of good rows
        let path = (folder as NSString).appendingPathComponent("needs.csv")
        try Data([0xEF, 0xBB, 0xBF] + Array((lines.joined(separator: "\r\n") + "\r\n").utf8)).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test(arguments: [37, 500])
    func generatedFileWithDuplicatesAcrossChunksGivesTheSameResults(chunkBytes: Int) throws {
        let needs = try Self.generatedNeeds(in: try Self.folder())
        let report = try Self.expectSameResults(Self.sampleRequest(needs: needs), chunkBytes: chunkBytes)
        let account = try #require(report.layers[.needs])
        // Known by construction: 252 rows, 12 repeats, 8 severities of 9.
        #expect(account.read == 252)
        #expect(account.duplicates == 12)
        #expect(account.rejected == 8)
        #expect(account.used == 232)
        #expect(account.points == account.assigned + account.unassigned)
        #expect(report.issues.filter { $0.layer == .needs && $0.disposition == .duplicate }.map(\.line)
                == (0..<12).map { 242 + $0 + 240 / 7 })  // header, 240 rows (34 of them two lines long), then the repeats
    }

    @Test func generatedFileWithAWindowGivesTheSameResults() throws {
        let needs = try Self.generatedNeeds(in: try Self.folder())
        var request = Self.sampleRequest(needs: needs)
        request.filter = AnalysisFilter(from: CalendarDay(iso: "2024-02-01")!, to: CalendarDay(iso: "2024-10-31")!)
        let report = try Self.expectSameResults(request, chunkBytes: 53)
        // The unreadable date is rejected by the filter, after the builder's rejections.
        let needIssues = report.issues.filter { $0.layer == .needs && $0.disposition == .rejected }
        #expect(needIssues.last?.field == "date")
        #expect(report.layers[.needs]?.undated == 1)
    }
}

/// Points that the point screen must locate (their swapped coordinates lie in
/// the regions' extent) are located once, by the screen, and the analysis
/// reuses where it found them: the regions each point lands in must still be
/// those that plain arithmetic gives on a grid of squares, read whole or in
/// chunks alike.
@Suite struct ScreenedPointsTests {
    /// 4 × 2 squares of 5° over [0, 20] × [0, 10]; square (i, j) is "SQ\(i)\(j)".
    static func squares(in folder: String) throws -> String {
        var features: [String] = []
        for i in 0..<4 {
            for j in 0..<2 {
                let (x0, y0) = (Double(i) * 5, Double(j) * 5)
                let ring = [(x0, y0), (x0 + 5, y0), (x0 + 5, y0 + 5), (x0, y0 + 5), (x0, y0)].map { "[\($0.0),\($0.1)]" }.joined(separator: ",")
                features.append(#"{"type":"Feature","properties":{"id":"SQ\#(i)\#(j)","name":"Square \#(i) \#(j)"},"geometry":{"type":"Polygon","coordinates":[[\#(ring)]]}}"#)
            }
        }
        let path = (folder as NSString).appendingPathComponent("squares.geojson")
        try #"{"type":"FeatureCollection","features":["#.appending(features.joined(separator: ",\n")).appending("]}").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test(arguments: [61, 1 << 20])
    func screenedPointsLandWhereArithmeticPutsThem(chunkBytes: Int) throws {
        let folder = temporaryFolder("gapmap-screened")
        let regions = try Self.squares(in: folder)
        var random = SeededRandom(seed: 7)
        var rows = ["id,category,weight,date,lon,lat"]
        var expected: [String: Int] = [:]
        // 400 points well inside a square (0.1° from its edges); most are
        // screen candidates (x ≤ 10, so (y, x) is in the extent).
        for k in 0..<400 {
            let (i, j) = (Int(random.next() % 4), Int(random.next() % 2))
            let x = Double(i) * 5 + 0.1 + random.nextUnit() * 4.8, y = Double(j) * 5 + 0.1 + random.nextUnit() * 4.8
            rows.append("P\(k),police_presence,1,2024-05-01,\(x),\(y)")
            expected["SQ\(i)\(j)", default: 0] += 1
        }
        // 9 points written (lat, lon): (x, y) above the squares, (y, x) in one.
        for k in 0..<9 { rows.append("S\(k),police_presence,1,2024-05-01,\(2.5 + Double(k)),\(12.5 + Double(k) * 0.5)") }
        let needs = (folder as NSString).appendingPathComponent("needs.csv")
        try rows.joined(separator: "\n").appending("\n").write(toFile: needs, atomically: true, encoding: .utf8)
        let request = AnalysisRequest(regionsPath: regions, needsPath: needs)
        let report = try AnalysisPipelineTests.expectSameResults(request, chunkBytes: chunkBytes)
        for m in report.metrics { #expect(m.needs == Double(expected[m.regionID, default: 0]), "\(m.regionID)") }
        let account = try #require(report.layers[.needs])
        #expect(account.rejected == 9)
        #expect(account.assigned == 400 && account.unassigned == 0)
    }
}
