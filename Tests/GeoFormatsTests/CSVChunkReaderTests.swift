import Foundation
import Testing
import TestSupport
@testable import GeoFormats

/// The chunked reader against the whole-file reader: the same records with
/// the same line numbers, whatever the buffer size, on the dialects that
/// make a buffer boundary hard (quoted line breaks, CRLF split between two
/// buffers, a BOM, a `sep=` line, an HXL row, Windows-1252 text).
@Suite struct CSVChunkReaderTests {
    static func records(_ path: String, chunkBytes: Int) throws -> (tables: Int, rows: [CSVRecord], last: CSVTable?) {
        let reader = try CSVChunkReader(contentsOf: path, chunkBytes: chunkBytes)
        var rows: [CSVRecord] = []
        var tables = 0
        var last: CSVTable?
        while let table = try reader.next() {
            tables += 1
            rows += table.rows
            last = table
        }
        return (tables, rows, last)
    }

    static let samples: [(String, [UInt8])] = [
        ("crlf-quoted", bytes("id,note,lon,lat\r\nA1,\"two\r\nlines\",1.5,2.5\r\n\r\nA2,\"say \"\"hi\"\"\",3,4\r\nA3,plain,5,6\r\n")),
        ("bom-lf", [0xEF, 0xBB, 0xBF] + bytes("id,note\nB1,\"a,b\"\nB2,\"x\ny\nz\"\nB3,end")),
        ("sep-semicolon", bytes("sep=;\nid;value\nC1;1,5\nC2;\"2\n\";\nC3;3\r")),
        ("hxl", bytes("id,lat,lon\n#id,#geo+lat,#geo+lon\nD1,14.1,-3.2\nD2,15,-4\n")),
        ("cr-only", bytes("id,v\rE1,1\rE2,\"a\rb\"\rE3,3\r")),
        ("windows-1252", bytes("id,name\nF1,") + [0xC9, 0x6C, 0xE9, 0x6F] + bytes("\nF2,S") + [0xE9] + bytes("gou\n")),
        ("header-only", bytes("id,lon,lat\n")),
    ]

    @Test(arguments: [1, 2, 3, 5, 7, 16, 64, 4096])
    func sameRecordsAsTheWholeFile(chunkBytes: Int) throws {
        let folder = temporaryFolder("geoformats")
        for (name, content) in Self.samples {
            let path = (folder as NSString).appendingPathComponent("\(name).csv")
            try Data(content).write(to: URL(fileURLWithPath: path))
            let whole = try CSVReader.read(contentsOf: path)
            let chunked = try Self.records(path, chunkBytes: chunkBytes)
            #expect(chunked.rows == whole.rows, "\(name) with \(chunkBytes)-byte buffers")
            let table = try #require(chunked.last, "\(name)")
            #expect(table.header == whole.header, "\(name)")
            #expect(table.headerLine == whole.headerLine, "\(name)")
            #expect(table.delimiter == whole.delimiter, "\(name)")
            #expect(table.encoding == whole.encoding, "\(name)")
            #expect(table.hxlTags == whole.hxlTags && table.hxlLine == whole.hxlLine, "\(name)")
        }
    }

    @Test func handWrittenLinesAndValues() throws {
        // Independent of CSVReader: the values and the physical line each record starts on.
        let folder = temporaryFolder("geoformats")
        let path = (folder as NSString).appendingPathComponent("n.csv")
        try Data(Self.samples[0].1).write(to: URL(fileURLWithPath: path))
        let chunked = try Self.records(path, chunkBytes: 5)
        #expect(chunked.rows.map(\.line) == [2, 5, 6])
        #expect(chunked.rows.map(\.fields) == [["A1", "two\r\nlines", "1.5", "2.5"], ["A2", "say \"hi\"", "3", "4"], ["A3", "plain", "5", "6"]])
        #expect(chunked.tables > 1)
    }

    @Test func sameErrorsAsTheWholeFile() throws {
        let folder = temporaryFolder("geoformats")
        let cases: [(String, [UInt8])] = [
            ("unclosed", bytes("id,note\nG1,\"never closed\nG2,x\n")),
            ("empty", []),
            ("nul", bytes("id,v\nH1,") + [0] + bytes("\n")),
        ]
        for (name, content) in cases {
            let path = (folder as NSString).appendingPathComponent("\(name).csv")
            try Data(content).write(to: URL(fileURLWithPath: path))
            var wholeError: FormatError?
            do { _ = try CSVReader.read(contentsOf: path) } catch { wholeError = error }
            var chunkError: FormatError?
            do { _ = try Self.records(path, chunkBytes: 4) } catch let error as FormatError { chunkError = error }
            #expect(wholeError != nil, "\(name)")
            #expect(chunkError?.description == wholeError?.description, "\(name)")
        }
    }
}
