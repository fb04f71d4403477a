import Foundation
import GeoCore
import GeoFormats
import Testing
import TestSupport

/// HXL hashtag rows, and files that are not tables at all: binary files,
/// endless lines, giant fields. Each is a located error, never a crash or an
/// allocation of the whole line.
@Suite("CSV: HXL and hostile input")
struct CSVHostileInputTests {
    @Test("an HXL hashtag row under the header is recognised, kept apart from the records, and lines stay physical")
    func hxlRow() throws {
        let table = try CSVReader.parse(
            bytes: bytes("Lieu,Lat,Lon,Code\n#loc +name,#geo+lat,#geo +lon,#adm2+code\nSomo,12.5,-6.5,ML0401\n\nSio,15,-4.5,ML0501\n"),
            path: "h.csv")
        #expect(table.hxlLine == 2)
        #expect(table.hxlTags == [HXLTag(tag: "loc", attributes: ["name"]), HXLTag(tag: "geo", attributes: ["lat"]),
                                  HXLTag(tag: "geo", attributes: ["lon"]), HXLTag(tag: "adm2", attributes: ["code"])])
        #expect(table.rows.map(\.line) == [3, 5])
        #expect(table.columnIndex(taggedWhere: { $0.matches("adm2", "code") }) == 3)
        let collection = try CSVFeatureReader.features(from: table, options: .init())
        #expect(collection.source.coordinateColumns == CoordinateColumns(x: "Lon", y: "Lat"))
        #expect(collection.source.hxlLine == 2)
        #expect(collection.features.map(\.geometry) == [.point(c(-6.5, 12.5)), .point(c(-4.5, 15))])
    }

    @Test("hashtags win over names for coordinates, and a header made of hashtags is its own tag row")
    func hxlHeaderAndPriority() throws {
        let tagged = try readCSV(bytes("x,y,a,b\n#x_other,,#geo+lon,#geo+lat\n1,2,-6,13\n"))
        #expect(tagged.source.coordinateColumns == CoordinateColumns(x: "a", y: "b"))
        #expect(tagged.features[0].geometry == .point(c(-6, 13)))
        let onlyTags = try CSVReader.parse(bytes: bytes("#geo+lat,#geo+lon,#severity\n12,-6,3\n"), path: "t.csv")
        #expect(onlyTags.hxlLine == 1 && onlyTags.rows.count == 1)
        #expect(onlyTags.hxlTags?[2] == HXLTag(tag: "severity"))
    }

    @Test("rows that only look like hashtags are data")
    func notHashtags() throws {
        for second in ["#1,x,y", "# of people,1,2", "#geo+lat,12,x", ",,"] {
            let table = try CSVReader.parse(bytes: bytes("a,b,c\n\(second)\n1,2,3\n"), path: "n.csv")
            #expect(table.hxlTags == nil, "\(second)")
        }
        #expect(HXLTag("#adm1 + code")?.description == "#adm1+code")
        #expect(HXLTag("#Geo+LAT") == HXLTag(tag: "geo", attributes: ["lat"]))
        #expect(HXLTag("#geo+") == nil && HXLTag("geo") == nil && HXLTag("#9a") == nil)
    }

    @Test("a 2 GB line is refused after reading 16 MiB of it, naming the line")
    func twoGigabyteLine() throws {
        let folder = temporaryFolder("geoformats")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/huge.csv"
        // A sparse 2 GiB file: one line of 16 KiB of letters, then zeros (past
        // the first 8 KiB, where a NUL byte would mark the file as binary).
        _ = FileManager.default.createFile(atPath: path, contents: Data(("id,name\n1," + String(repeating: "a", count: 16 << 10)).utf8))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.truncate(atOffset: 2 << 30)
        try handle.close()
        let clock = ContinuousClock()
        var failure: FormatError?
        let elapsed = clock.measure {
            do throws(FormatError) { _ = try CSVReader.read(contentsOf: path) } catch { failure = error }
        }
        let error = failure
        #expect(error?.line == 2)
        #expect(error?.message.contains("longer than 16 MiB") == true)
        #expect(elapsed < .seconds(10))
    }

    @Test("a field over 1 MiB is an error at the line and column where it starts")
    func giantField() {
        let long = String(repeating: "a", count: (1 << 20) + 1)
        let plain = csvError(bytes("id,note\n1,ok\n2,\(long)\n"))
        #expect(plain?.line == 3 && plain?.column == 3)
        #expect(plain?.message.contains("longer than 1 MiB") == true)
        let quoted = csvError(bytes("id,note\n1,\"x\n\(long)\"\n"))
        #expect(quoted?.line == 2 && quoted?.column == 3)
        let fine = String(repeating: "b", count: 1 << 20)
        #expect(csvError(bytes("id,note\n1,\(fine)\n")) == nil)
    }

    @Test("more fields than a spreadsheet has columns is an error")
    func tooManyFields() {
        let row = String(repeating: ",", count: 20_000)
        let error = csvError(bytes("id,b\n1\(row)\n"))
        #expect(error?.line == 2)
        #expect(error?.message.contains("more than 16384 fields") == true)
        let header = csvError(bytes("a\(String(repeating: ",", count: 200))\n"))
        #expect(error != nil)
        #expect(header?.message.contains("… and 190 more") == true)
    }

    @Test("workbooks, databases and other binary files are named as such")
    func binaryFiles() {
        let xlsx = csvError([0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00] + bytes("[Content_Types].xml"))
        #expect(xlsx?.message.contains("ZIP archive") == true && xlsx?.message.contains("CSV UTF-8") == true)
        #expect(xlsx?.line == 1)
        let gpkg = csvError(bytes("SQLite format 3") + [0, 0x10, 0x00])
        #expect(gpkg?.message.contains("GeoPackage") == true)
        let xls = csvError([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0])
        #expect(xls?.message.contains(".xls") == true)
        let nul = csvError(bytes("id,name\n1,a\u{0}b\n"))
        #expect(nul?.line == 2 && nul?.column == 4)
        #expect(nul?.message.contains("NUL byte") == true)
    }

    @Test("a file cut short inside a quote, or holding only a BOM, is a located error")
    func truncated() {
        #expect(csvError(bytes("id,note\n1,\"never"))?.line == 2)
        #expect(csvError([0xEF, 0xBB, 0xBF])?.line == 1)
        #expect(csvError(bytes("\r\n\r\n"))?.message.contains("empty") == true)
    }
}
