import Foundation
internal import CGDAL

/// Reads one sheet of an Excel (`.xlsx`) or LibreOffice (`.ods`) workbook
/// through GDAL as a table of text cells, which `CSVFeatureReader` then
/// reads exactly as it reads a CSV file: the same column detection,
/// coordinate checks and row problems. The first row is the header; each
/// record keeps its row number in the sheet as its line, and the table's
/// path names the sheet (`needs.xlsx:Sheet1`), so a message reads
/// `needs.xlsx:Sheet1:12`. Every cell is read as the text the sheet shows
/// (a number as `12.5`); rows whose every cell is empty are skipped, as
/// blank CSV records are.
public enum SpreadsheetReader {
    public static let extensions: Set<String> = ["xlsx", "xlsm", "ods"]

    public static func read(contentsOf path: String, sheet: String? = nil, options: CSVOptions = .init()) throws(FormatError) -> FeatureCollection {
        let table = try self.table(contentsOf: path, sheet: sheet)
        var collection = try CSVFeatureReader.features(from: table, options: options)
        collection.source.format = .spreadsheet
        collection.source.driver = URL(fileURLWithPath: path).pathExtension.lowercased() == "ods" ? "ODS" : "XLSX"
        collection.source.delimiter = nil
        return collection
    }

    public static func table(contentsOf path: String, sheet: String?) throws(FormatError) -> CSVTable {
        let driver = URL(fileURLWithPath: path).pathExtension.lowercased() == "ods" ? "ODS" : "XLSX"
        // GDAL 3.6's workbook drivers read the sheet (and decide on its header)
        // at the first access to a layer, not at the open: the options hold
        // for the whole read. Without them a sheet of text only (a KoboToolbox
        // export, a CSV saved as .xlsx) had its header read as a row.
        let config = [("OGR_\(driver)_HEADERS", "FORCE"), ("OGR_\(driver)_FIELD_TYPES", "STRING")]
        for (key, value) in config { CPLSetThreadLocalConfigOption(key, value) }
        defer { for (key, _) in config { CPLSetThreadLocalConfigOption(key, nil) } }
        let dataset = try GDALDataset(gdalPath: path, path: path, raster: false)
        let count = GDALDatasetGetLayerCount(dataset.handle)
        let names: [String] = (0..<count).compactMap { i in
            GDALDatasetGetLayer(dataset.handle, i).flatMap { OGR_L_GetName($0) }.map { String(cString: $0) }
        }
        guard !names.isEmpty else { throw FormatError(path: path, message: "the workbook has no sheet with data") }
        var index = 0
        if let sheet {
            guard let i = names.firstIndex(of: sheet) ?? names.firstIndex(where: { $0.lowercased() == sheet.lowercased() }) else {
                throw FormatError(path: path, message: "the workbook has no sheet '\(sheet)'; its sheets are \(names.joined(separator: ", "))")
            }
            index = i
        }
        guard let layer = GDALDatasetGetLayer(dataset.handle, Int32(index)) else {
            throw FormatError(path: path, message: "GDAL cannot read sheet \(names[index]): \(GDALCall.lastMessage())")
        }
        let definition = OGR_L_GetLayerDefn(layer)
        let header: [String] = (0..<OGR_FD_GetFieldCount(definition)).map { i in
            OGR_Fld_GetNameRef(OGR_FD_GetFieldDefn(definition, i)).map { String(cString: $0).trimmingWhitespace } ?? ""
        }
        let file = "\(path):\(names[index])"
        var rows: [CSVRecord] = []
        OGR_L_ResetReading(layer)
        while let feature = GDALCall.quietly({ OGR_L_GetNextFeature(layer) }) {
            defer { OGR_F_Destroy(feature) }
            var fields: [String] = []
            fields.reserveCapacity(header.count)
            for i in 0..<Int32(header.count) {
                fields.append(OGR_F_IsFieldSetAndNotNull(feature, i) != 0 ? OGR_F_GetFieldAsString(feature, i).map { String(cString: $0) } ?? "" : "")
            }
            guard fields.contains(where: { !$0.trimmingWhitespace.isEmpty }) else { continue }
            // GDAL numbers a sheet's features by their row (the header is row 1).
            rows.append(CSVRecord(line: Int(OGR_F_GetFID(feature)), fields: fields))
        }
        let hxl = rows.first.flatMap { HXLTag.isHashtagRow($0.fields) ? $0 : nil }
        if hxl != nil { rows.removeFirst() }
        return CSVTable(header: header, rows: rows, delimiter: ",", encoding: "\(driver) workbook", path: file, headerLine: 1,
                        hxlTags: hxl.map { $0.fields.map { HXLTag($0) } }, hxlLine: hxl?.line)
    }
}
