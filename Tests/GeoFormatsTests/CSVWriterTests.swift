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
}
