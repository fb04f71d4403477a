import Foundation

/// Writes an RFC 4180 CSV file (comma-separated, CRLF-free LF lines, UTF-8),
/// quoting a field only when it holds a comma, quote or line break. Writes to
/// `path.partial` and renames on `finish()`, so a failed run never leaves a
/// partial file that looks complete.
public struct CSVWriter {
    public let path: String
    private var text: String = ""

    public init(path: String, header: [String]) {
        self.path = path
        write(row: header)
    }

    public mutating func write(row: [String]) {
        text += row.map(Self.escape).joined(separator: ",")
        text += "\n"
    }

    public static func escape(_ field: String) -> String {
        // Bytes, not Characters: "\r\n" is a single Character, equal to neither "\r" nor "\n".
        guard field.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    public func finish() throws(FormatError) {
        let partial = path + ".partial"
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: partial))
            if FileManager.default.fileExists(atPath: path) { try FileManager.default.removeItem(atPath: path) }
            try FileManager.default.moveItem(atPath: partial, toPath: path)
        } catch {
            throw FormatError(path: path, message: "could not write the file: \(error.localizedDescription)")
        }
    }
}
