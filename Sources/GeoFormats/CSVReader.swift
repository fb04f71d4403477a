/// How to read a CSV file. Everything is detected when left nil.
public struct CSVOptions: Hashable, Sendable {
    /// The field separator; detected from the header line among `,` `;` and
    /// tab when nil.
    public var delimiter: Character?
    /// The column holding longitudes (x), when detection is not wanted.
    public var xColumn: String?
    /// The column holding latitudes (y), when detection is not wanted.
    public var yColumn: String?
    /// The longest field and line, and the most fields, accepted.
    public var limits: CSVLimits

    public init(delimiter: Character? = nil, xColumn: String? = nil, yColumn: String? = nil, limits: CSVLimits = .init()) {
        self.delimiter = delimiter
        self.xColumn = xColumn
        self.yColumn = yColumn
        self.limits = limits
    }
}

/// One record of a CSV file.
public struct CSVRecord: Hashable, Sendable {
    /// The 1-based physical line where the record starts.
    public var line: Int
    /// At least as many fields as the header (missing ones are empty); more
    /// when the row itself had more.
    public var fields: [String]

    public init(line: Int, fields: [String]) {
        self.line = line
        self.fields = fields
    }

    public func value(_ column: Int) -> String? {
        fields.indices.contains(column) ? fields[column] : nil
    }
}

/// A CSV file as text fields, before any interpretation.
public struct CSVTable: Hashable, Sendable {
    /// Column names, trimmed.
    public var header: [String]
    public var rows: [CSVRecord]
    public var delimiter: Character
    /// `UTF-8`, `UTF-8 with BOM`, `Windows-1252`, `UTF-16LE` or `UTF-16BE`.
    public var encoding: String
    public var path: String
    /// The line of the header (1 unless blank lines or `sep=` precede it).
    public var headerLine: Int
    /// The HXL hashtag of each column, when the file has a hashtag row (nil
    /// for an untagged column); nil when it has none.
    public var hxlTags: [HXLTag?]?
    /// The line of the hashtag row: the header's own line when the header is
    /// made of hashtags, else the line after it. That row is not a record.
    public var hxlLine: Int?

    public init(
        header: [String], rows: [CSVRecord], delimiter: Character, encoding: String, path: String, headerLine: Int = 1,
        hxlTags: [HXLTag?]? = nil, hxlLine: Int? = nil
    ) {
        self.header = header
        self.rows = rows
        self.delimiter = delimiter
        self.encoding = encoding
        self.path = path
        self.headerLine = headerLine
        self.hxlTags = hxlTags
        self.hxlLine = hxlLine
    }

    /// The first column whose HXL hashtag satisfies `test`.
    public func columnIndex(taggedWhere test: (HXLTag) -> Bool) -> Int? {
        hxlTags?.firstIndex { $0.map(test) ?? false }
    }

    /// The position of the column named exactly `name`, else of the first
    /// whose name matches it ignoring case.
    public func columnIndex(named name: String) -> Int? {
        if let i = header.firstIndex(of: name) { return i }
        let lowered = name.lowercased()
        return header.firstIndex { $0.lowercased() == lowered }
    }
}

/// Reads CSV (RFC 4180) as written by spreadsheets and survey tools.
///
/// - Quoted fields may hold the delimiter, doubled quotes (`""`) and line
///   breaks; lines end in LF, CRLF or CR.
/// - A UTF-8 byte-order mark is dropped. A file that is not valid UTF-8 is
///   read as Windows-1252 (what Excel saves on French and English Windows), so
///   "Ségou" survives; UTF-16 with a byte-order mark (Excel's "Unicode text")
///   is read too. `CSVTable.encoding` says which.
/// - The delimiter is the most frequent of `,` `;` and tab outside quotes on
///   the header line, unless `options.delimiter` names one or the file starts
///   with Excel's `sep=;` line.
/// - Blank records are skipped: empty lines, lines of spaces, and rows whose
///   every field is empty (`,,,,`, which Excel writes for cleared rows);
///   before the header, such a row is refused as an empty header.
/// - UTF-32 text is refused by name (it would read as UTF-16 or as binary).
/// - Header names are trimmed and must be present and unique.
/// - A row with fewer fields than the header is padded with empty fields; a
///   row with more keeps them (see `CSVFeatureReader`, which flags it).
/// - An HXL hashtag row (`#geo+lat,#geo+lon,#adm1+code`) right after the
///   header, or as the header itself, is recognised and kept apart from the
///   records (`CSVTable.hxlTags`); record lines stay physical.
/// - Hostile input is refused with an error naming the line: a binary file
///   (a workbook, a GeoPackage, NUL bytes), a field or line or record beyond
///   `CSVOptions.limits`. A file with a 2 GB line is refused after reading
///   `maxLineBytes` of it.
public enum CSVReader {
    public static func read(contentsOf path: String, options: CSVOptions = .init()) throws(FormatError) -> CSVTable {
        var guardian = CSVStreamGuard(path: path, limits: options.limits)
        let bytes = try FileIO.readAll(path) { (chunk) throws(FormatError) in try guardian.inspect(chunk) }
        return try parse(bytes: bytes, path: path, options: options)
    }

    public static func parse(bytes: [UInt8], path: String, options: CSVOptions = .init()) throws(FormatError) -> CSVTable {
        try bytes.withUnsafeBufferPointer { (p) throws(FormatError) in try BinarySniffer.check(p, path: path) }
        let (text, start, encoding) = decode(bytes)
        return try text.withUnsafeBufferPointer { (buffer) throws(FormatError) -> CSVTable in
            var start = start
            var line = 1
            let delimiter: UInt8
            if let chosen = options.delimiter {
                delimiter = try delimiterByte(chosen, path: path)
            } else if let declared = excelSeparatorLine(buffer, from: start) {
                delimiter = declared.delimiter
                start = declared.next
                line = 2
            } else {
                delimiter = detectDelimiter(buffer, from: start)
            }
            var parser = CSVParser(
                bytes: buffer, path: path, delimiter: delimiter, position: start, line: line, limits: options.limits)
            let parsed = try parser.parseAll()
            return CSVTable(
                header: parsed.header, rows: parsed.rows, delimiter: Character(Unicode.Scalar(delimiter)), encoding: encoding,
                path: path, headerLine: parsed.headerLine, hxlTags: parsed.hxlTags, hxlLine: parsed.hxlLine)
        }
    }

    // MARK: Encoding

    private static func decode(_ bytes: [UInt8]) -> (text: [UInt8], start: Int, encoding: String) {
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            // Declared UTF-8: any invalid byte becomes U+FFFD when decoded.
            return (bytes, 3, "UTF-8 with BOM")
        }
        if bytes.count >= 2, bytes[0] == 0xFF, bytes[1] == 0xFE {
            let utf8 = bytes.withUnsafeBufferPointer {
                TextEncoding.utf16ToUTF8(UnsafeBufferPointer(rebasing: $0[2...]), bigEndian: false)
            }
            return (utf8, 0, "UTF-16LE")
        }
        if bytes.count >= 2, bytes[0] == 0xFE, bytes[1] == 0xFF {
            let utf8 = bytes.withUnsafeBufferPointer {
                TextEncoding.utf16ToUTF8(UnsafeBufferPointer(rebasing: $0[2...]), bigEndian: true)
            }
            return (utf8, 0, "UTF-16BE")
        }
        let valid = bytes.withUnsafeBufferPointer { TextEncoding.firstInvalidUTF8($0) == nil }
        if valid { return (bytes, 0, "UTF-8") }
        let converted = bytes.withUnsafeBufferPointer { TextEncoding.windows1252ToUTF8($0) }
        return (converted, 0, "Windows-1252")
    }

    // MARK: Delimiter

    static func delimiterByte(_ c: Character, path: String) throws(FormatError) -> UInt8 {
        guard let ascii = c.asciiValue, ascii != UInt8(ascii: "\""), ascii != 0x0A, ascii != 0x0D else {
            throw FormatError(
                path: path,
                message: "the delimiter \"\(c)\" cannot be used; choose a single ASCII character such as ',' ';' or a tab")
        }
        return ascii
    }

    /// Excel's `sep=;` first line: the delimiter and where the header starts.
    static func excelSeparatorLine(_ p: UnsafeBufferPointer<UInt8>, from start: Int) -> (delimiter: UInt8, next: Int)? {
        guard p.count >= start + 5 else { return nil }
        let prefix = Array(p[start..<(start + 4)])
        guard prefix.map({ $0 | 0x20 }) == Array("sep=".utf8) else { return nil }
        let d = p[start + 4]
        guard d != 0x0A, d != 0x0D, d != UInt8(ascii: "\""), d < 0x80 else { return nil }
        var i = start + 5
        if i < p.count, p[i] == 0x0D { i += 1 }
        if i < p.count, p[i] == 0x0A { i += 1 }
        guard i == p.count || i > start + 5 else { return nil }
        return (d, i)
    }

    /// The most frequent of `,` `;` tab outside quotes on the first non-blank
    /// line; `,` on ties and when none occurs.
    static func detectDelimiter(_ p: UnsafeBufferPointer<UInt8>, from start: Int) -> UInt8 {
        var i = start
        while i < p.count, p[i] == 0x0A || p[i] == 0x0D || p[i] == 0x20 { i += 1 }
        var counts = (comma: 0, semicolon: 0, tab: 0)
        var inQuotes = false
        while i < p.count {
            let b = p[i]
            if b == UInt8(ascii: "\"") {
                inQuotes.toggle()
            } else if !inQuotes {
                if b == 0x0A || b == 0x0D { break }
                if b == UInt8(ascii: ",") { counts.comma += 1 }
                if b == UInt8(ascii: ";") { counts.semicolon += 1 }
                if b == 0x09 { counts.tab += 1 }
            }
            i += 1
        }
        if counts.semicolon > counts.comma && counts.semicolon >= counts.tab { return UInt8(ascii: ";") }
        if counts.tab > counts.comma && counts.tab > counts.semicolon { return 0x09 }
        return UInt8(ascii: ",")
    }
}

/// The fields of the records of one buffer, as ranges of its bytes: no
/// string is made until a field's text is asked for. A field whose text is
/// not a plain range (doubled quotes inside, or text after its closing
/// quote) is kept as a string.
struct CSVFieldStore: Sendable {
    /// Per field: a byte offset, or -1 - k for `escaped[k]`.
    private(set) var starts: [Int] = []
    private(set) var ends: [Int] = []
    private(set) var escaped: [String] = []

    var count: Int { starts.count }

    mutating func append(range: Range<Int>) {
        starts.append(range.lowerBound)
        ends.append(range.upperBound)
    }

    mutating func append(_ text: String) {
        starts.append(-1 - escaped.count)
        ends.append(0)
        escaped.append(text)
    }

    /// Drops the fields from `first` on (an unfinished or non-data record).
    mutating func removeFields(from first: Int) {
        guard first < starts.count else { return }
        for k in first..<starts.count where starts[k] < 0 { escaped.removeLast() }
        starts.removeSubrange(first...)
        ends.removeSubrange(first...)
    }

    /// The text of field `k` of the buffer `bytes`.
    func text(_ k: Int, in bytes: UnsafeBufferPointer<UInt8>) -> String {
        let start = starts[k]
        if start < 0 { return escaped[-1 - start] }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<ends[k]]), as: UTF8.self)
    }

    /// The bytes of field `k` (its UTF-8 text), to read without a string.
    func withBytes<R>(_ k: Int, in bytes: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        let start = starts[k]
        if start < 0 {
            var text = escaped[-1 - start]
            return text.withUTF8(body)
        }
        return body(UnsafeBufferPointer(rebasing: bytes[start..<ends[k]]))
    }
}

/// Where a record's fields are in a `CSVFieldStore`.
struct CSVRecordSpan: Sendable {
    var line: Int
    var first: Int
    var count: Int
}

/// The record loop, over bytes already in UTF-8.
struct CSVParser {
    let bytes: UnsafeBufferPointer<UInt8>
    let path: String
    let delimiter: UInt8
    var position: Int
    var line: Int
    let limits: CSVLimits
    /// False when more of the file follows the buffer: a record reaching
    /// the buffer's end is then incomplete, not ended.
    var isFinal = true
    /// Set when a record ran into the end of a buffer that is not final.
    private var ranOut = false
    private var scratch: [UInt8] = []

    private static let quote = UInt8(ascii: "\"")
    private static let lf: UInt8 = 0x0A
    private static let cr: UInt8 = 0x0D

    init(bytes: UnsafeBufferPointer<UInt8>, path: String, delimiter: UInt8, position: Int, line: Int, limits: CSVLimits) {
        self.bytes = bytes
        self.path = path
        self.delimiter = delimiter
        self.position = position
        self.line = line
        self.limits = limits
    }

    struct Parsed {
        var header: [String]
        var headerLine: Int
        var rows: [CSVRecord]
        var hxlTags: [HXLTag?]?
        var hxlLine: Int?
    }

    mutating func parseAll() throws(FormatError) -> Parsed {
        var state = RecordState(line: line)
        let rows = try parseRecords(&state)
        guard let header = state.header else {
            throw FormatError(
                path: path, line: 1,
                message: "the file is empty; a CSV file needs a header line naming its columns")
        }
        return Parsed(header: header, headerLine: state.headerLine, rows: rows, hxlTags: state.hxlTags, hxlLine: state.hxlLine)
    }

    /// What the record loop knows between buffers: the header and the HXL row.
    struct RecordState {
        var header: [String]?
        var headerLine: Int
        var width = 8
        var hxlTags: [HXLTag?]?
        var hxlLine: Int?
        var expectTags = false

        init(line: Int) { headerLine = line }
    }

    /// The records of the buffer. Unless `isFinal`, a record the buffer ends
    /// in (no line break after it yet) is left unread: `position` and `line`
    /// then point at its start, for the caller to carry into the next buffer.
    mutating func parseRecords(_ state: inout RecordState) throws(FormatError) -> [CSVRecord] {
        var store = CSVFieldStore()
        let spans = try parseRecords(&state, into: &store)
        return spans.map { span in
            CSVRecord(line: span.line, fields: (span.first..<span.first + span.count).map { store.text($0, in: bytes) })
        }
    }

    /// The records of the buffer as spans of `store`, without a string per
    /// field (`parseRecords(_:)` makes them from these).
    mutating func parseRecords(_ state: inout RecordState, into store: inout CSVFieldStore) throws(FormatError) -> [CSVRecordSpan] {
        var spans: [CSVRecordSpan] = []
        while position < bytes.count {
            let recordStart = position
            let recordLine = line
            let first = store.count
            let filled = try readRecord(into: &store)
            if ranOut {
                ranOut = false
                store.removeFields(from: first)
                position = recordStart
                line = recordLine
                break
            }
            guard filled else {  // blank
                // Before the header, a row of delimiters only (`,,,`) is an
                // empty header: skipping it would take the first data row
                // for the header and lose it.
                if state.header == nil, store.count - first > 1 {
                    throw FormatError(
                        path: path, line: recordLine, column: 1,
                        message: "the header row is empty (\(store.count - first) columns with no name); the first row must name the columns, "
                            + "for example id,lon,lat: type the names into it, or delete it if the names are on the next row")
                }
                store.removeFields(from: first)
                continue
            }
            if state.header == nil || state.expectTags {
                let fields = (first..<store.count).map { store.text($0, in: bytes) }
                if state.header == nil {
                    store.removeFields(from: first)
                    state.header = try Self.checkedHeader(fields, line: recordLine, path: path)
                    state.headerLine = recordLine
                    state.width = fields.count
                    if HXLTag.isHashtagRow(fields) {
                        state.hxlTags = fields.map { HXLTag($0) }
                        state.hxlLine = recordLine
                    } else {
                        state.expectTags = true
                    }
                    continue
                }
                // HXL's hashtag row comes right under the text header.
                state.expectTags = false
                if HXLTag.isHashtagRow(fields) {
                    store.removeFields(from: first)
                    state.hxlTags = (0..<state.width).map { $0 < fields.count ? HXLTag(fields[$0]) : nil }
                    state.hxlLine = recordLine
                    continue
                }
            }
            while store.count - first < state.width { store.append(range: 0..<0) }
            spans.append(CSVRecordSpan(line: recordLine, first: first, count: store.count - first))
        }
        return spans
    }

    /// "1, 2, 3" for at most ten items, then "… and N more".
    static func shortList(_ items: [String]) -> String {
        let shown = items.prefix(10).joined(separator: ", ")
        return items.count > 10 ? shown + " … and \(items.count - 10) more" : shown
    }

    private static func checkedHeader(_ fields: [String], line: Int, path: String) throws(FormatError) -> [String] {
        let names = fields.map { $0.trimmingWhitespace }
        let unnamed = names.indices.filter { names[$0].isEmpty }.map { String($0 + 1) }
        if !unnamed.isEmpty {
            let which = unnamed.count == 1 ? "column \(unnamed[0]) has" : "columns \(shortList(unnamed)) have"
            throw FormatError(
                path: path, line: line,
                message: "\(which) no name in the header; give every column a name, or delete empty columns (often a stray delimiter at the end of the header)")
        }
        var seen: [String: Int] = [:]
        var duplicates: [String] = []
        for (i, name) in names.enumerated() {
            if let earlier = seen[name] {
                duplicates.append("\"\(name)\" (columns \(earlier + 1) and \(i + 1))")
            } else {
                seen[name] = i
            }
        }
        if !duplicates.isEmpty {
            throw FormatError(
                path: path, line: line, field: nil,
                message: "the header repeats \(shortList(duplicates)); column names must be unique — rename one of each")
        }
        return names
    }

    /// Reads one record into `store`; false when it is blank.
    private mutating func readRecord(into store: inout CSVFieldStore) throws(FormatError) -> Bool {
        let n = bytes.count
        let delimiter = self.delimiter
        var blank = true
        var fieldCount = 0
        while true {
            var i = position
            if i < n, bytes[i] == Self.quote {
                let value = try readQuotedField()
                if ranOut { return false }
                switch value {
                case .range(let r):
                    if blank, bytes[r].contains(where: { $0 != 0x20 && $0 != 0x09 }) { blank = false }
                    store.append(range: r)
                case .text(let text):
                    if blank, !text.utf8.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { blank = false }
                    store.append(text)
                }
                i = position
            } else {
                let start = i
                while i < n {
                    let b = bytes[i]
                    if b == delimiter || b == Self.lf || b == Self.cr { break }
                    i += 1
                }
                if i - start > limits.maxFieldBytes { throw tooLong(line: line, column: column(of: start)) }
                if blank {
                    for k in start..<i where bytes[k] != 0x20 && bytes[k] != 0x09 {
                        blank = false
                        break
                    }
                }
                store.append(range: start..<i)
            }
            fieldCount += 1
            if fieldCount > limits.maxFields {
                throw FormatError(
                    path: path, line: line,
                    message:
                        "this record has more than \(limits.maxFields) fields, more than a spreadsheet can hold; check the delimiter, or split the file")
            }
            if i < n, bytes[i] == delimiter {
                position = i + 1
                continue
            }
            if !isFinal, i == n || (i == n - 1 && bytes[i] == Self.cr) {
                // Not ended yet: the next buffer may extend the field, or bring the LF of a CRLF.
                ranOut = true
                return false
            }
            if i < n {
                if bytes[i] == Self.cr, i + 1 < n, bytes[i + 1] == Self.lf { i += 2 } else { i += 1 }
                line += 1
            }
            position = i
            return !blank
        }
    }

    /// A quoted field's value: its bytes between the quotes, or (with
    /// doubled quotes, or text after the closing quote) a string.
    private enum QuotedValue {
        case range(Range<Int>)
        case text(String)
    }

    /// Reads a quoted field starting at `position`, plus anything up to the
    /// next delimiter or line end (kept as it is, the way spreadsheets do).
    private mutating func readQuotedField() throws(FormatError) -> QuotedValue {
        let n = bytes.count
        let openLine = line
        let openColumn = column(of: position)
        var i = position + 1
        var segment = i
        scratch.removeAll(keepingCapacity: true)
        var usesScratch = false
        while true {
            guard i < n else {
                if !isFinal {
                    ranOut = true
                    return .text("")
                }
                throw FormatError(
                    path: path, line: openLine, column: openColumn,
                    message: "a quoted field opened here is never closed; add the missing '\"' (a quote inside a value is written as two quotes: \"\")")
            }
            let b = bytes[i]
            if b == Self.quote {
                if i + 1 < n, bytes[i + 1] == Self.quote {
                    scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[segment...i]))
                    usesScratch = true
                    i += 2
                    segment = i
                    continue
                }
                break
            }
            if b == Self.lf {
                line += 1
            } else if b == Self.cr, !(i + 1 < n && bytes[i + 1] == Self.lf) {
                line += 1
            }
            i += 1
            if i - position > limits.maxFieldBytes { throw tooLong(line: openLine, column: openColumn) }
        }
        let inside = segment..<i
        i += 1  // the closing quote
        let rest = i
        while i < n {
            let b = bytes[i]
            if b == delimiter || b == Self.lf || b == Self.cr { break }
            i += 1
        }
        if i - position > limits.maxFieldBytes { throw tooLong(line: openLine, column: openColumn) }
        position = i
        guard usesScratch || i > rest else { return .range(inside) }
        var value: String
        if usesScratch {
            scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[inside]))
            value = String(decoding: scratch, as: UTF8.self)
        } else {
            value = String(decoding: UnsafeBufferPointer(rebasing: bytes[inside]), as: UTF8.self)
        }
        if i > rest { value += String(decoding: UnsafeBufferPointer(rebasing: bytes[rest..<i]), as: UTF8.self) }
        return .text(value)
    }

    private func tooLong(line: Int, column: Int) -> FormatError {
        FormatError(
            path: path, line: line, column: column,
            message:
                "a field starting here is longer than \(CSVLimits.describe(bytes: limits.maxFieldBytes)); no table cell is that long — check for a quote that is never closed, or a binary file")
    }

    private func column(of offset: Int) -> Int {
        var lineStart = offset
        while lineStart > 0, bytes[lineStart - 1] != Self.lf, bytes[lineStart - 1] != Self.cr { lineStart -= 1 }
        return TextEncoding.column(bytes, lineStart: lineStart, offset: offset)
    }
}

extension String {
    /// Without leading and trailing spaces, tabs and line breaks.
    var trimmingWhitespace: String {
        let utf8 = self.utf8
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
        guard let first = utf8.firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = utf8.lastIndex(where: { !isSpace($0) })!
        if first == utf8.startIndex && last == utf8.index(before: utf8.endIndex) { return self }
        return String(self[first...last])
    }
}
