import Foundation
import GeoFormats

/// How summary.csv is written: RFC 4180 (commas, full precision), or for a
/// French Excel (semicolons, decimal comma, BOM, figures rounded as shown).
public enum SummaryDialect: String, Sendable, CaseIterable {
    case rfc4180
    case excelFrench = "excel-fr"
}

/// `summary.xlsx`, for those who live in spreadsheets: the summary table
/// with typed numbers (sheet `summary`; 16 significant digits, as GDAL
/// writes them, where Excel shows 15), the run's
/// parameters, layers and sources as it records them (`run`: one setting a
/// row, from the `--json` summary), and what each column means in English
/// and French (`definitions`).
public enum SummaryWorkbook {
    public static let file = "summary.xlsx"

    @discardableResult
    public static func write(_ report: CoverageReport, shared: SharedFigures? = nil, to path: String) throws -> String {
        let summary = ReportOutput.summaryTable(report, shared: shared, roundedForDisplay: false)
        var run = WorkbookSheet(name: "run", columns: [("setting", .text), ("value", .text)])
        run.rows = try settings(report, shared: shared).map { [.text($0.0), .text($0.1)] }
        var definitions = WorkbookSheet(name: "definitions", columns: [
            ("column", .text), ("label_en", .text), ("label_fr", .text), ("unit_en", .text), ("unit_fr", .text),
            ("definition_en", .text), ("definition_fr", .text),
        ])
        definitions.rows = MetricCatalogue.all.map { m in
            [.text(m.key), .text(m.label(.english)), .text(m.label(.french)), .text(m.unit.map { $0(.english) } ?? ""), .text(m.unit.map { $0(.french) } ?? ""),
             .text(m.definition(.english)), .text(m.definition(.french))]
        }
        try WorkbookWriter.write([summary, run, definitions], to: path)
        return path
    }

    /// The `--json` summary without its per-region parts, flattened to
    /// `parameters.default_radius_km = 5` and so on, keys in order.
    static func settings(_ report: CoverageReport, shared: SharedFigures?) throws -> [(String, String)] {
        let document = try JSONDecoder().decode(Setting.self, from: try SummaryDocument(report, shared: shared).json())
        guard case .object(let top) = document else { return [] }
        let perRegion: Set<String> = ["regions", "totals", "definitions", "shared"]
        var rows: [(String, String)] = []
        func flatten(_ value: Setting, _ key: String) {
            switch value {
            case .object(let object):
                for k in object.keys.sorted() { flatten(object[k]!, key.isEmpty ? k : key + "." + k) }
            case .array(let array):
                if array.allSatisfy({ $0.text != nil }) {
                    rows.append((key, array.compactMap(\.text).joined(separator: ", ")))
                } else {
                    for (i, element) in array.enumerated() { flatten(element, "\(key)[\(i + 1)]") }
                }
            default:
                rows.append((key, value.text ?? ""))
            }
        }
        for key in top.keys.sorted() where !perRegion.contains(key) { flatten(top[key]!, key) }
        return rows
    }

    /// A value of the JSON summary.
    indirect enum Setting: Decodable {
        case null, bool(Bool), number(Double), string(String), array([Setting]), object([String: Setting])

        init(from decoder: any Decoder) throws {
            let c = try decoder.singleValueContainer()
            if c.decodeNil() { self = .null }
            else if let b = try? c.decode(Bool.self) { self = .bool(b) }
            else if let n = try? c.decode(Double.self) { self = .number(n) }
            else if let s = try? c.decode(String.self) { self = .string(s) }
            else if let a = try? c.decode([Setting].self) { self = .array(a) }
            else { self = .object(try c.decode([String: Setting].self)) }
        }

        /// A scalar as text; nil for an array or object.
        var text: String? {
            switch self {
            case .null: ""
            case .bool(let b): b ? "true" : "false"
            case .number(let n): CSVWriter.numberText(n)
            case .string(let s): s
            case .array, .object: nil
            }
        }
    }
}
