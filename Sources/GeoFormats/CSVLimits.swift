/// The sizes beyond which a CSV file is refused rather than read.
///
/// They bound the memory a hostile or broken file can take: a 2 GB file with
/// no line break is refused after its first 16 MiB, never loaded whole. Real
/// tables stay far below them (a KoboToolbox export with 2,000 columns has
/// lines of a few hundred kilobytes).
public struct CSVLimits: Hashable, Sendable {
    /// The longest field, in bytes of UTF-8 (quoted line breaks included).
    public var maxFieldBytes: Int
    /// The longest physical line, in bytes, checked while the file is read.
    public var maxLineBytes: Int
    /// The most fields in one record: Excel's own limit of 16,384 columns.
    public var maxFields: Int

    public init(maxFieldBytes: Int = 1 << 20, maxLineBytes: Int = 16 << 20, maxFields: Int = 16_384) {
        self.maxFieldBytes = maxFieldBytes
        self.maxLineBytes = maxLineBytes
        self.maxFields = maxFields
    }

    static func describe(bytes: Int) -> String {
        if bytes >= 1 << 20, bytes % (1 << 20) == 0 { return "\(bytes >> 20) MiB" }
        if bytes >= 1 << 10, bytes % (1 << 10) == 0 { return "\(bytes >> 10) KiB" }
        return "\(bytes) bytes"
    }
}

/// Watches a CSV file's bytes as they are read and stops the read early when
/// they cannot be a CSV table: a binary file (a workbook, a GeoPackage, an
/// archive) or a physical line longer than `CSVLimits.maxLineBytes`.
struct CSVStreamGuard {
    let path: String
    let limits: CSVLimits
    private var offset = 0
    private var line = 1
    private var lineBytes = 0
    private var lastWasCR = false

    init(path: String, limits: CSVLimits) {
        self.path = path
        self.limits = limits
    }

    mutating func inspect(_ chunk: UnsafeBufferPointer<UInt8>) throws(FormatError) {
        if offset == 0 { try BinarySniffer.check(chunk, path: path) }
        offset += chunk.count
        let maxLine = limits.maxLineBytes
        for b in chunk {
            if b == 0x0A {
                if !lastWasCR { line += 1 }
                lineBytes = 0
                lastWasCR = false
            } else if b == 0x0D {
                line += 1
                lineBytes = 0
                lastWasCR = true
            } else {
                lastWasCR = false
                lineBytes += 1
                if lineBytes > maxLine {
                    throw FormatError(
                        path: path, line: line,
                        message:
                            "line \(line) is longer than \(CSVLimits.describe(bytes: maxLine)) without a line break; this is not a table gapmap can read (a binary file or a broken export?)"
                    )
                }
            }
        }
    }
}

/// Recognises files that are not text: a spreadsheet workbook saved under a
/// `.csv` name is the usual case, and the message says what to do.
enum BinarySniffer {
    /// How far into the file a NUL byte marks it as binary.
    static let window = 8192

    static func check(_ p: UnsafeBufferPointer<UInt8>, path: String) throws(FormatError) {
        func starts(_ magic: [UInt8]) -> Bool { p.count >= magic.count && zip(p, magic).allSatisfy { $0 == $1 } }
        let what: String?
        if starts([0x50, 0x4B, 0x03, 0x04]) {
            what = "a ZIP archive (an Excel .xlsx or LibreOffice .ods workbook is one)"
        } else if starts([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            what = "an old Excel .xls workbook"
        } else if starts(Array("SQLite format 3".utf8) + [0]) {
            what = "an SQLite database (a GeoPackage is one)"
        } else if starts([0x1F, 0x8B]) {
            what = "a gzip-compressed file"
        } else if starts(Array("%PDF".utf8)) {
            what = "a PDF document"
        } else {
            what = nil
        }
        if let what {
            throw FormatError(
                path: path, line: 1, column: 1,
                message: "this is \(what), not CSV text; open it in the spreadsheet and save it as \"CSV UTF-8\"")
        }
        // UTF-32 starts like UTF-16LE (FF FE 00 00) or with NULs: named as
        // what it is rather than read as UTF-16 or called binary.
        if let order = TextEncoding.utf32ByteOrder(p) {
            throw FormatError(
                path: path, line: 1, column: 1,
                message: "this is UTF-32 text (\(order)), which gapmap does not read; save it as UTF-8 "
                    + "(in a spreadsheet: \"CSV UTF-8\"; in a text editor: encoding UTF-8)")
        }
        // UTF-16 text has a NUL in every ASCII character; with a byte-order
        // mark it is read as such.
        if p.count >= 2, (p[0] == 0xFF && p[1] == 0xFE) || (p[0] == 0xFE && p[1] == 0xFF) { return }
        let end = min(p.count, window)
        guard let nul = p[0..<end].firstIndex(of: 0) else { return }
        var line = 1
        var lineStart = 0
        for i in 0..<nul where p[i] == 0x0A || (p[i] == 0x0D && (i + 1 >= p.count || p[i + 1] != 0x0A)) {
            line += 1
            lineStart = i + 1
        }
        throw FormatError(
            path: path, line: line, column: TextEncoding.column(p, lineStart: lineStart, offset: nul),
            message:
                "the file holds a NUL byte, so it is binary, or UTF-16 text without a byte-order mark; save it from the spreadsheet as \"CSV UTF-8\"")
    }
}
