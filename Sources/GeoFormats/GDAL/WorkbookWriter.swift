import Foundation
internal import CGDAL

/// A sheet of a workbook: a header row, then rows of typed cells. A column's
/// type says how a spreadsheet stores its cells: `.real` and `.integer`
/// cells are numbers (sortable, summable), `.text` cells text.
public struct WorkbookSheet: Sendable {
    public enum ColumnType: Sendable { case text, real, integer }

    public var name: String
    public var columns: [(name: String, type: ColumnType)]
    public var rows: [[CSVWriter.Cell]]

    public init(name: String, columns: [(name: String, type: ColumnType)], rows: [[CSVWriter.Cell]] = []) {
        self.name = name
        self.columns = columns
        self.rows = rows
    }
}

/// Writes an Excel workbook (`.xlsx`, Office Open XML) through GDAL's XLSX
/// driver, one sheet per `WorkbookSheet`, numbers as numeric cells at full
/// precision. Written aside and renamed into place when complete, so a
/// failure never leaves a workbook that looks whole.
public enum WorkbookWriter {
    public static func write(_ sheets: [WorkbookSheet], to path: String) throws(FormatError) {
        _ = GDALDataset.registered
        guard let driver = GDALGetDriverByName("XLSX") else {
            throw FormatError(path: path, message: "this GDAL (\(GDALCall.version)) has no XLSX driver, so no workbook can be written")
        }
        // GDAL writes the workbook through /vsizip/, which takes the archive to
        // end at the first ".xlsx" of the path: the partial file has only one.
        let partial = (path as NSString).deletingPathExtension + ".partial.xlsx"
        try? FileManager.default.removeItem(atPath: partial)
        guard let dataset = GDALCall.quietly({ GDALCreate(driver, partial, 0, 0, 0, GDT_Unknown, nil) }) else {
            throw FormatError(path: path, message: "GDAL cannot create the workbook: \(GDALCall.lastMessage())")
        }
        var closed = false
        defer { if !closed { GDALClose(dataset); try? FileManager.default.removeItem(atPath: partial) } }
        for sheet in sheets {
            guard let layer = GDALCall.quietly({ GDALDatasetCreateLayer(dataset, sheet.name, nil, wkbNone, nil) }) else {
                throw FormatError(path: path, message: "GDAL cannot add the sheet \(sheet.name): \(GDALCall.lastMessage())")
            }
            for column in sheet.columns {
                let type: OGRFieldType = switch column.type {
                case .text: OFTString
                case .real: OFTReal
                case .integer: OFTInteger64
                }
                let field = OGR_Fld_Create(column.name, type)
                defer { OGR_Fld_Destroy(field) }
                guard GDALCall.quietly({ OGR_L_CreateField(layer, field, 1) }) == OGRERR_NONE else {
                    throw FormatError(path: path, message: "GDAL cannot add the column \(column.name) to sheet \(sheet.name): \(GDALCall.lastMessage())")
                }
            }
            let definition = OGR_L_GetLayerDefn(layer)
            for (r, row) in sheet.rows.enumerated() {
                guard let feature = OGR_F_Create(definition) else {
                    throw FormatError(path: path, message: "GDAL cannot make row \(r + 2) of sheet \(sheet.name)")
                }
                defer { OGR_F_Destroy(feature) }
                for (c, cell) in row.enumerated() where c < sheet.columns.count {
                    let i = Int32(c)
                    switch cell {
                    case .text(let text): OGR_F_SetFieldString(feature, i, text)
                    case .number(nil): OGR_F_SetFieldNull(feature, i)
                    case .number(let v?):
                        guard v.isFinite else {
                            throw FormatError.nonFinite(path: path, record: "sheet \(sheet.name), row \(r + 2)",
                                                        field: sheet.columns[c].name, value: v)
                        }
                        if sheet.columns[c].type == .integer, v == v.rounded(), abs(v) < 9e15 {
                            OGR_F_SetFieldInteger64(feature, i, GIntBig(v))
                        } else {
                            OGR_F_SetFieldDouble(feature, i, v)
                        }
                    }
                }
                guard GDALCall.quietly({ OGR_L_CreateFeature(layer, feature) }) == OGRERR_NONE else {
                    throw FormatError(path: path, message: "GDAL cannot write row \(r + 2) of sheet \(sheet.name): \(GDALCall.lastMessage())")
                }
            }
        }
        closed = true
        // The XLSX driver writes the archive when the dataset closes.
        let failure: String? = GDALCall.quietly {
            GDALClose(dataset)
            return CPLGetLastErrorType() == CE_Failure || CPLGetLastErrorType() == CE_Fatal ? GDALCall.lastMessage() : nil
        }
        if let failure {
            try? FileManager.default.removeItem(atPath: partial)
            throw FormatError(path: path, message: "GDAL could not write the workbook: \(failure)")
        }
        guard FileManager.default.fileExists(atPath: partial) else {
            throw FormatError(path: path, message: "GDAL did not write the workbook: \(GDALCall.lastMessage())")
        }
        do {
            if FileManager.default.fileExists(atPath: path) { try FileManager.default.removeItem(atPath: path) }
            try FileManager.default.moveItem(atPath: partial, toPath: path)
        } catch {
            throw FormatError(path: path, message: "cannot move the workbook into place: \(error.localizedDescription)")
        }
    }
}
