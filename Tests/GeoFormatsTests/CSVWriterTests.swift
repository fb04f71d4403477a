import Foundation
import GeoFormats
import Testing
import TestSupport

@Suite("Writing CSV")
struct CSVWriterTests {
    @Test("fields are quoted only when needed, and read back unchanged")
    func roundTrip() throws {
        #expect(CSVWriter.escape("plain") == "plain")
        #expect(CSVWriter.escape("a,b") == "\"a,b\"")
        #expect(CSVWriter.escape("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSVWriter.escape("two\nlines") == "\"two\nlines\"")
        #expect(CSVWriter.escape("windows\r\nbreak") == "\"windows\r\nbreak\"")

        let folder = temporaryFolder("geoformats")
        let path = folder + "/rejected.csv"
        let rows = [
            ["needs", "12", "latitude 95 is outside -90…90"],
            ["incidents", "3", "'abc' is not a number, \"lat\""],
            ["needs", "40", "multi\r\nline"],
        ]
        var writer = CSVWriter(path: path, header: ["layer", "line", "reason"])
        for row in rows { writer.write(row: row) }
        #expect(!FileManager.default.fileExists(atPath: path))
        try writer.finish()
        let table = try CSVReader.read(contentsOf: path)
        #expect(table.header == ["layer", "line", "reason"])
        #expect(table.rows.map(\.fields) == rows)
        #expect(table.rows.map(\.line) == [2, 3, 4])
        #expect(!FileManager.default.fileExists(atPath: path + ".partial"))
    }

    @Test("numbers: whole ones as integers, others at full precision; one that is not finite refused with its line, first cell and column")
    func numbersAndNonFiniteNumbers() throws {
        let folder = temporaryFolder("geoformats")
        let path = folder + "/summary.csv"
        var writer = CSVWriter(path: path, header: ["region_id", "area_km2", "coverage_pct"])
        try writer.write(cells: [.text("ML01"), .number(1200), .number(0.1 + 0.2)])
        try writer.write(cells: [.text("ML02"), .number(nil), .number(1e20)])
        for bad in [Double.infinity, -.infinity, .nan] {
            let error = #expect(throws: FormatError.self) { try writer.write(cells: [.text("ML03"), .number(5), .number(bad)]) }
            // The header is line 1 and two rows were written: this one is line 4.
            #expect(error?.field == "coverage_pct" && error?.path == path)
            #expect(error?.message.hasPrefix("line 4 (ML03): 'coverage_pct' would be \(bad) (not a finite number)") == true, "\(String(describing: error))")
        }
        try writer.finish()
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text == "region_id,area_km2,coverage_pct\nML01,1200,0.30000000000000004\nML02,,1e+20\n")
        #expect(!text.contains("inf") && !text.contains("nan"))
    }
}
