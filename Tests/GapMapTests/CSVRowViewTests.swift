import Foundation
import GeoCore
import GeoFormats
import Testing
import TestSupport
@testable import GapMap

/// The streaming path reads CSV records as byte ranges (`CSVRowChunk`,
/// `CSVPointRows`) instead of a feature with a string per cell. Built chunk
/// by chunk that way, every dialect fixture must give the items, row issues
/// and accounts that the features of the whole file give.
struct CSVRowViewTests {
    static let cases: [(file: String, layer: LayerKind)] = [
        ("needs-utf8-comma.csv", .needs), ("needs-excel-fr.csv", .needs), ("needs-windows1252.csv", .needs),
        ("needs-tab.tsv", .needs), ("needs-unicode.txt", .needs), ("hxl-needs.csv", .needs), ("kobo-needs.csv", .needs),
        ("acled-mini.csv", .incidents), ("ucdp-ged-mini.csv", .incidents),
    ]

    static func regions() throws -> [Region] {
        let builder = LayerBuilder(engine: try GeometryEngine())
        return try builder.regions(from: try FeatureFileReader.read(try inputFixture("mini-communes.geojson"))).0.items
    }

    /// Items compared by their every stored value (the types are not Equatable).
    static func describe<Item>(_ layer: LoadedLayer<Item>) -> [String] { layer.items.map { "\($0)" } }

    @Test(arguments: cases.map(\.file), [13, 64, 4096])
    func chunkedRowViewBuildsWhatWholeFeaturesBuild(file: String, chunkBytes: Int) throws {
        let layer = Self.cases.first { $0.file == file }!.layer
        let path = try inputFixture(file)
        let regions = try Self.regions(), catalog = RegionCatalog(regions: regions)
        let builder = LayerBuilder(engine: try GeometryEngine())
        let whole = try FeatureFileReader.read(path)

        let reader = try CSVChunkReader(contentsOf: path, chunkBytes: chunkBytes)
        var progress = PointLayerProgress()
        var items: [String] = [], issues: [RowIssue] = []
        var chunks = 0
        while let chunk = try reader.nextRows() {
            chunks += 1
            let rows = try CSVPointRows(chunk, options: reader.options)
            if layer == .needs {
                let built = builder.needs(fromRows: rows, regions: regions, catalog: catalog, progress: &progress)
                items += Self.describe(built)
                issues += built.issues
            } else {
                let built = builder.incidents(fromRows: rows, regions: regions, catalog: catalog, progress: &progress)
                items += Self.describe(built)
                issues += built.issues
            }
        }
        var wholeProgress = PointLayerProgress()
        let expected: (items: [String], issues: [RowIssue], account: LayerAccount)
        if layer == .needs {
            let built = builder.needs(from: whole, regions: regions, catalog: catalog, progress: &wholeProgress)
            expected = (Self.describe(built), built.issues, built.account)
        } else {
            let built = builder.incidents(from: whole, regions: regions, catalog: catalog, progress: &wholeProgress)
            expected = (Self.describe(built), built.issues, built.account)
        }
        #expect(!expected.items.isEmpty)
        #expect(items == expected.items)
        #expect(issues == expected.issues)
        #expect(progress.account == expected.account)
        // Small buffers really did split the file (UTF-16 is read whole, as one buffer).
        if chunkBytes == 13, !file.hasSuffix(".txt") { #expect(chunks > 1) }
    }

    @Test func quotedCellsWithDoubledQuotesAndTextAfterTheQuoteReadAsTheWholeFileReadsThem() throws {
        let folder = temporaryFolder("gapmap-rowview")
        let path = folder + "/needs.csv"
        let text = "id,category,segment,weight,lon,lat,region\r\n"
            + "A1,\"justice \"\"access\"\"\",youth,2,-6.5,12.5,\r\n"
            + "A2,\"multi\nline\",\"wo\"men,1,-5.5,14.25,\r\n"
            + "A3,  padded  ,,\" 1.5 \",\" -4.5\",\"15.0 \",\r\n"
            + ",,,,,,\r\n"
            + "A4,short,row\r\n"
            + "A5,too,many,1,-6.5,12.5,,extra\r\n"
            + "A6,comma,x,1,\"-6,5\",12.5,\r\n"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let regions = try Self.regions(), catalog = RegionCatalog(regions: regions)
        let builder = LayerBuilder(engine: try GeometryEngine())
        var wholeProgress = PointLayerProgress()
        let whole = builder.needs(from: try FeatureFileReader.read(path), regions: regions, catalog: catalog, progress: &wholeProgress)
        for chunkBytes in [16, 29, 1 << 20] {
            let reader = try CSVChunkReader(contentsOf: path, chunkBytes: chunkBytes)
            var progress = PointLayerProgress()
            var items: [String] = [], issues: [RowIssue] = []
            while let chunk = try reader.nextRows() {
                let built = builder.needs(fromRows: try CSVPointRows(chunk, options: reader.options), regions: regions, catalog: catalog,
                                          progress: &progress)
                items += Self.describe(built)
                issues += built.issues
            }
            #expect(items == Self.describe(whole), "chunks of \(chunkBytes) bytes")
            #expect(issues == whole.issues, "chunks of \(chunkBytes) bytes")
            #expect(progress.account == whole.account)
        }
        // Read by hand: the doubled quotes are one quote, text after a closing quote is kept.
        #expect(whole.items.first?.category == "justice \"access\"")
        #expect(whole.items.count >= 2 && whole.items[1].segment == "women")
        #expect(whole.issues.contains { $0.line == 8 && $0.reason.contains("row has 8 fields, header has 7") })  // A2 spans lines 3-4, line 6 is blank
    }
}
