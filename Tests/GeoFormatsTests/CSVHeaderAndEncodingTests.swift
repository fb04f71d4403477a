import Foundation
import Testing
import TestSupport
@testable import GeoFormats

/// Rows that vanished (issue 14, item 6): an empty header row took the
/// first data row for the header, and UTF-32 read as UTF-16LE lost every row.
struct CSVHeaderAndEncodingTests {
    static func write(_ bytes: [UInt8], _ name: String = "needs.csv") throws -> String {
        let path = TestSupport.temporaryFolder("gapmap-csv") + "/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// The error both readers (whole file, and chunks for the pipeline) give.
    static func errors(_ path: String) -> [FormatError] {
        var result: [FormatError] = []
        do { _ = try CSVReader.read(contentsOf: path) } catch { result.append(error) }
        do {
            let reader = try CSVChunkReader(contentsOf: path)
            while try reader.next() != nil {}
        } catch { result.append(error) }
        return result
    }

    @Test func anEmptyHeaderRowIsRefusedNamingItsLine() throws {
        for text in [",,,\nN1,-4,14,2\nN2,-3,13,1\n", "\n;;\nN1;-4;14\n"] {
            let errors = Self.errors(try Self.write(Array(text.utf8)))
            #expect(errors.count == 2, "\(text.debugDescription) was read")
            for e in errors {
                #expect(e.message.contains("the header row is empty") && e.message.contains("name the columns"), "\(e)")
                #expect(e.line == (text.hasPrefix("\n") ? 2 : 1))
            }
        }
        // A blank line before the header, and cleared rows after it, are still skipped.
        let table = try CSVReader.read(contentsOf: try Self.write(Array("\nid,lon,lat\n,,\nN1,-4,14\n".utf8)))
        #expect(table.header == ["id", "lon", "lat"] && table.rows.count == 1)
    }

    static func utf32(_ text: String, bigEndian: Bool, bom: Bool) -> [UInt8] {
        var bytes: [UInt8] = []
        for scalar in ((bom ? "\u{FEFF}" : "") + text).unicodeScalars {
            let v = scalar.value
            let le = [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v >> 16 & 0xFF), UInt8(v >> 24)]
            bytes += bigEndian ? le.reversed() : le
        }
        return bytes
    }

    @Test(arguments: [(false, true, "UTF-32LE"), (true, true, "UTF-32BE"), (false, false, "UTF-32LE, without"), (true, false, "UTF-32BE, without")])
    func utf32IsRefusedByName(bigEndian: Bool, bom: Bool, name: String) throws {
        let path = try Self.write(Self.utf32("id,lon,lat\nN1,-4,14\n", bigEndian: bigEndian, bom: bom))
        let errors = Self.errors(path)
        #expect(errors.count == 2)
        for e in errors {
            #expect(e.message.contains("this is UTF-32 text (\(name)") && e.message.contains("save it as UTF-8"), "\(e)")
        }
    }

    @Test func utf16IsStillRead() throws {
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in "id,lon,lat\nN1,-4,14\n".utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let table = try CSVReader.read(contentsOf: try Self.write(bytes))
        #expect(table.encoding == "UTF-16LE" && table.rows.count == 1)
    }
}
