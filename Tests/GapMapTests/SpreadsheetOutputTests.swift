import Foundation
import GeoFormats
import Testing
import TestSupport
@testable import GapMap

/// summary.xlsx and the French Excel summary.csv, read back without gapmap or GDAL:
/// the workbook's cells with Python's zipfile and XML parser (numbers must be
/// numeric cells), the CSV's bytes as they are.
struct SpreadsheetOutputTests {
    static let python = ExternalTools.executable(["/usr/bin/python3", "/usr/local/bin/python3"])

    /// The sample analysed, with its regions.geojson for the full-precision figures.
    static func sampleRun() throws -> (CoverageReport, folder: String, regions: [String: JSONObject]) {
        let folder = ExternalTools.temporaryFolder()
        let report = try AnalysisWorkflow.run(ExternalTools.sampleRequest(), into: [GeoJSONOutput(directory: folder)])
        let regions = try GeoJSONReader.read(contentsOf: folder + "/regions.geojson")
        var byID: [String: JSONObject] = [:]
        for f in regions.features { byID[f.properties[MetricCatalogue.regionIDKey]!.stringValue!] = f.properties }
        return (report, folder, byID)
    }

    /// Every sheet of an .xlsx as rows of [type, text]: type "n" for a numeric
    /// cell, "s" for text (shared or inline string).
    static let readWorkbook = #"""
    import json, sys, zipfile, re
    import xml.etree.ElementTree as ET
    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
          "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}
    z = zipfile.ZipFile(sys.argv[1])
    shared = []
    if "xl/sharedStrings.xml" in z.namelist():
        for si in ET.fromstring(z.read("xl/sharedStrings.xml")).findall("m:si", ns):
            shared.append("".join(t.text or "" for t in si.iter("{%s}t" % ns["m"])))
    book = ET.fromstring(z.read("xl/workbook.xml"))
    rels = {r.get("Id"): r.get("Target") for r in ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))}
    out = {}
    for sheet in book.find("m:sheets", ns):
        target = rels[sheet.get("{%s}id" % ns["r"])]
        xml = ET.fromstring(z.read("xl/" + target.lstrip("/").replace("xl/", "")))
        rows = []
        for row in xml.iter("{%s}row" % ns["m"]):
            cells = []
            for c in row.findall("m:c", ns):
                col = re.match(r"[A-Z]+", c.get("r")).group(0)
                index = 0
                for ch in col: index = index * 26 + ord(ch) - 64
                while len(cells) < index - 1: cells.append(["", ""])
                t = c.get("t")
                v = c.find("m:v", ns)
                if t == "s": cells.append(["s", shared[int(v.text)]])
                elif t == "inlineStr": cells.append(["s", "".join(x.text or "" for x in c.iter("{%s}t" % ns["m"]))])
                elif t == "str": cells.append(["s", v.text if v is not None else ""])
                else: cells.append(["n", v.text if v is not None else ""])
            rows.append(cells)
        out[sheet.get("name")] = rows
    print(json.dumps(out))
    """#

    @Test(.enabled(if: python != nil, "python3 is not installed"))
    func theWorkbookHoldsTheSummaryAsNumbersAtFullPrecision() throws {
        let (report, folder, regions) = try Self.sampleRun()
        let path = try SummaryWorkbook.write(report, to: folder + "/summary.xlsx")
        let out = try ExternalTools.run(try #require(Self.python), ["-c", Self.readWorkbook, path])
        #expect(out.status == 0, "\(out.output)")
        let book = try #require(try JSONSerialization.jsonObject(with: Data(out.output.utf8)) as? [String: [[[String]]]])
        #expect(book.keys.sorted() == ["definitions", "run", "summary"])
        let summary = try #require(book["summary"])
        let header = summary[0].map { $0[1] }
        #expect(Array(header.prefix(3)) == MetricCatalogue.identityKeys)
        #expect(summary.count == 1 + 9)
        for row in summary.dropFirst() {
            let id = row[0][1]
            let geojson = try #require(regions[id], "\(id) not in regions.geojson")
            for metric in MetricCatalogue.all {
                let c = try #require(header.firstIndex(of: metric.key))
                guard let expected = geojson[metric.key]?.doubleValue else {
                    #expect(c >= row.count || row[c][1].isEmpty, "\(id) \(metric.key): empty expected")
                    continue
                }
                #expect(row[c][0] == "n", "\(id) \(metric.key) is not a numeric cell")
                // GDAL writes 16 significant digits (Excel shows 15): equal to 1e-15.
                let value = try #require(Double(row[c][1]))
                #expect(abs(value - expected) <= 1e-15 * max(1, abs(expected)), "\(id) \(metric.key): \(row[c][1]) vs \(expected)")
            }
            #expect(row[header.firstIndex(of: ReleaseMark.key)!][1] == ReleaseMark.restricted.label)
        }
        // The run's settings, one a row; the definitions in both languages.
        let run = try #require(book["run"]).dropFirst().map { ($0[0][1], $0.count > 1 ? $0[1][1] : "") }
        #expect(run.contains { $0.0 == "parameters.radius_km" && $0.1 == CSVWriter.numberText(report.parameters.defaultRadiusKm) })
        #expect(run.contains { $0.0 == "layers.needs.file" && $0.1.hasSuffix("needs.csv") })
        let definitions = try #require(book["definitions"])
        #expect(definitions.count == 1 + MetricCatalogue.all.count)
        #expect(definitions.contains { $0[0][1] == "coverage_pct" && $0[2][1] == "couverture % de la surface" })
    }

    @Test func theFrenchExcelSummaryUsesSemicolonsADecimalCommaAndABOM() throws {
        let (report, folder, regions) = try Self.sampleRun()
        let path = try ReportOutput.writeSummaryCSV(report, to: folder + "/summary-fr.csv", dialect: .excelFrench)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let lines = String(decoding: bytes.dropFirst(3), as: UTF8.self).split(separator: "\n").map(String.init)
        let header = lines[0].split(separator: ";", omittingEmptySubsequences: false).map(String.init)
        #expect(Array(header.prefix(3)) == MetricCatalogue.identityKeys)
        #expect(lines.count == 10)
        var commas = 0
        for line in lines.dropFirst() {
            let cells = line.split(separator: ";", omittingEmptySubsequences: false).map(String.init)
            #expect(cells.count == header.count, "\(line)")
            let geojson = try #require(regions[cells[0]])
            for metric in MetricCatalogue.all {
                let text = cells[header.firstIndex(of: metric.key)!]
                guard let full = geojson[metric.key]?.doubleValue else { #expect(text.isEmpty); continue }
                #expect(!text.contains("."), "\(metric.key): \(text) has a decimal point")
                if text.contains(",") { commas += 1 }
                // Rounded to the decimals shown (0 for whole-number metrics).
                let places = metric.type == .integer ? 0 : metric.decimals
                let scale = pow(10.0, Double(places))
                let value = try #require(Double(text.replacingOccurrences(of: ",", with: ".")), "\(metric.key): \(text)")
                #expect(abs(value - (full * scale).rounded() / scale) < 1e-9, "\(cells[0]) \(metric.key): \(text) vs \(full)")
            }
        }
        #expect(commas > 0)
    }
}
