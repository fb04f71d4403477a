import Foundation

/// Writes an RFC 4180 CSV file (comma-separated, CRLF-free LF lines, UTF-8),
/// quoting a field only when it holds a comma, quote or line break. Writes to
/// `path.partial` and renames on `finish()`, so a failed run never leaves a
/// partial file that looks complete.
public struct CSVWriter {
    public let path: String
    private let header: [String]
    private var text: String = ""
    private var rows = 0

    /// A cell of a row: text as it is, or a number (empty when nil).
    public enum Cell: Sendable {
        case text(String)
        case number(Double?)
    }

    /// How fields are separated and numbers written.
    public enum Dialect: String, Sendable, CaseIterable {
        /// RFC 4180: commas, a point before decimals, UTF-8 without a BOM.
        case rfc4180
        /// What Excel in a French locale opens cleanly by a double click:
        /// semicolons, a decimal comma, and a UTF-8 byte-order mark (without
        /// it Excel reads the accents as Windows-1252).
        case excelFrench = "excel-fr"

        var separator: UInt8 { self == .excelFrench ? 0x3B : 0x2C }
    }

    public let dialect: Dialect

    public init(path: String, header: [String], dialect: Dialect = .rfc4180) {
        self.path = path
        self.header = header
        self.dialect = dialect
        if dialect == .excelFrench { text = "\u{FEFF}" }
        append(header)
    }

    /// A row of text cells.
    public mutating func write(row: [String]) {
        append(row)
    }

    /// A row of text and numbers. A number that is not finite (`inf`
    /// would read as text, or as infinity in a spreadsheet) is refused with
    /// the row's line, its first cell and the column.
    public mutating func write(cells: [Cell]) throws(FormatError) {
        var row: [String] = []
        row.reserveCapacity(cells.count)
        for (k, cell) in cells.enumerated() {
            switch cell {
            case .text(let t): row.append(t)
            case .number(nil): row.append("")
            case .number(let v?):
                guard v.isFinite else {
                    let first: String? = if case .text(let t) = cells.first, !t.isEmpty { t } else { nil }
                    throw FormatError.nonFinite(path: path, record: "line \(rows + 1)" + (first.map { " (\($0))" } ?? ""),
                                                field: k < header.count ? header[k] : "column \(k + 1)", value: v)
                }
                let number = Self.numberText(v)
                row.append(dialect == .excelFrench ? number.replacingOccurrences(of: ".", with: ",") : number)
            }
        }
        append(row)
    }

    /// A whole number under 1e15 as an integer (`12`), any other at full
    /// precision (`0.1`, `1e+20`).
    public static func numberText(_ v: Double) -> String {
        if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
        return "\(v)"
    }

    private mutating func append(_ row: [String]) {
        text += row.map { Self.escape($0, separator: dialect.separator) }.joined(separator: dialect == .excelFrench ? ";" : ",")
        text += "\n"
        rows += 1
    }

    public static func escape(_ field: String, separator: UInt8 = 0x2C) -> String {
        // Bytes, not Characters: "\r\n" is a single Character, equal to neither "\r" nor "\n".
        guard field.utf8.contains(where: { $0 == separator || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Writes `path.partial`, syncs it and renames it over `path`.
    public func finish() throws(FormatError) {
        let output = try AtomicFileOutput(path: path)
        try output.write(text)
        try output.commit()
    }
}
