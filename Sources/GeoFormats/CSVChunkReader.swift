#if canImport(Glibc)
internal import Glibc
#elseif canImport(Musl)
internal import Musl
#elseif canImport(Darwin)
internal import Darwin
#endif

/// Reads a CSV file a buffer at a time: each call to `next()` returns the
/// records that end in the next `chunkBytes` of the file, with the header,
/// delimiter and encoding of the whole file, so memory holds one buffer of
/// records instead of the whole file.
///
/// The records, their line numbers, the dialect (delimiter, `sep=` line,
/// BOM, HXL row) and every error are those of `CSVReader.read`: the same
/// record loop reads each buffer, and a record the buffer ends in is carried
/// into the next one. Before the first buffer the file is scanned once for
/// what `CSVReader` checks on the whole file (binary content, overlong
/// lines, whether it is valid UTF-8 or Windows-1252). A UTF-16 file is read
/// whole, as one buffer.
public final class CSVChunkReader {
    public let path: String
    public let options: CSVOptions
    public let chunkBytes: Int
    /// `UTF-8`, `UTF-8 with BOM`, `Windows-1252`, `UTF-16LE` or `UTF-16BE`.
    public let encoding: String
    /// The delimiter, known once the first buffer is read.
    public private(set) var delimiter: Character?
    /// The size of the file when it was opened, in bytes.
    public let fileSize: Int
    /// How many bytes of the file `next()` has read so far.
    public private(set) var bytesRead = 0

    private let fd: Int32
    private var delimiterByte: UInt8?
    private var carry: [UInt8] = []
    private var line = 1
    private var state: CSVParser.RecordState?
    private var skipBOM = false
    private var finished = false
    private var returnedTable = false

    public init(contentsOf path: String, options: CSVOptions = .init(), chunkBytes: Int = 4 << 20) throws(FormatError) {
        self.path = path
        self.options = options
        self.chunkBytes = max(chunkBytes, 16)
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            throw FormatError(path: path, message: "cannot open the file: \(FileIO.systemMessage(errno))")
        }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            close(fd)
            throw FormatError(path: path, message: "cannot read the file: \(FileIO.systemMessage(errno))")
        }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            close(fd)
            throw FormatError(path: path, message: "this is a folder, not a file")
        }
        self.fd = fd
        fileSize = Int(info.st_size)
        do {
            encoding = try Self.scan(fd: fd, path: path, limits: options.limits)
        } catch {
            close(fd)
            throw error
        }
        skipBOM = encoding == "UTF-8 with BOM"
        if lseek(fd, 0, SEEK_SET) != 0 {
            close(fd)
            throw FormatError(path: path, message: "cannot read the file: \(FileIO.systemMessage(errno))")
        }
    }

    deinit { close(fd) }

    /// The whole-file checks of `CSVReader.read`, a megabyte at a time: the
    /// stream guard (binary files, overlong lines), and the encoding.
    private static func scan(fd: Int32, path: String, limits: CSVLimits) throws(FormatError) -> String {
        var guardian = CSVStreamGuard(path: path, limits: limits)
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        var pending: [UInt8] = []
        var first = true
        var valid = true
        while true {
            let n = try readSome(fd: fd, into: &chunk, path: path)
            if n == 0 { break }
            try chunk.withUnsafeBufferPointer { (all) throws(FormatError) in
                try guardian.inspect(UnsafeBufferPointer(rebasing: all[0..<n]))
            }
            if first {
                first = false
                if n >= 3, chunk[0] == 0xEF, chunk[1] == 0xBB, chunk[2] == 0xBF { return "UTF-8 with BOM" }
                if n >= 2, chunk[0] == 0xFF, chunk[1] == 0xFE { return "UTF-16LE" }
                if n >= 2, chunk[0] == 0xFE, chunk[1] == 0xFF { return "UTF-16BE" }
            }
            guard valid else { continue }
            // Validate up to the last LF (never inside a UTF-8 sequence); carry the rest.
            pending.append(contentsOf: chunk[0..<n])
            if let lastLF = pending.lastIndex(of: 0x0A) {
                valid = pending.withUnsafeBufferPointer { TextEncoding.firstInvalidUTF8(UnsafeBufferPointer(rebasing: $0[0...lastLF])) == nil }
                pending.removeSubrange(0...lastLF)
            }
        }
        if valid, !pending.isEmpty {
            valid = pending.withUnsafeBufferPointer { TextEncoding.firstInvalidUTF8($0) == nil }
        }
        return valid ? "UTF-8" : "Windows-1252"
    }

    private static func readSome(fd: Int32, into chunk: inout [UInt8], path: String) throws(FormatError) -> Int {
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw FormatError(path: path, message: "cannot read the file: \(FileIO.systemMessage(errno))")
            }
            return n
        }
    }

    /// The records of the next buffer, as a table with the file's header;
    /// nil when the file is done. A file with a header and no records gives
    /// one table with no rows.
    public func next() throws(FormatError) -> CSVTable? {
        try nextRows()?.table
    }

    /// The records of the next buffer with their fields still as bytes (a
    /// string is made only for a field that is read): what `next()` gives,
    /// without a row of strings per line.
    public func nextRows() throws(FormatError) -> CSVRowChunk? {
        var chunk = [UInt8](repeating: 0, count: chunkBytes)
        while !finished {
            var isFinal = false
            if encoding.hasPrefix("UTF-16") {
                var raw: [UInt8] = []
                while true {
                    let n = try Self.readSome(fd: fd, into: &chunk, path: path)
                    bytesRead += n
                    if n == 0 { break }
                    raw.append(contentsOf: chunk[0..<n])
                }
                carry = raw.withUnsafeBufferPointer {
                    TextEncoding.utf16ToUTF8(UnsafeBufferPointer(rebasing: $0[2...]), bigEndian: encoding == "UTF-16BE")
                }
                isFinal = true
            } else {
                let n = try Self.readSome(fd: fd, into: &chunk, path: path)
                bytesRead += n
                if n == 0 {
                    isFinal = true
                } else if encoding == "Windows-1252" {
                    carry += chunk.withUnsafeBufferPointer { TextEncoding.windows1252ToUTF8(UnsafeBufferPointer(rebasing: $0[0..<n])) }
                } else {
                    carry.append(contentsOf: chunk[0..<n])
                }
            }
            if let (bytes, store, spans) = try parseCarry(isFinal: isFinal) {
                if isFinal { finished = true }
                guard let state, let header = state.header else {
                    throw FormatError(path: path, line: 1, message: "the file is empty; a CSV file needs a header line naming its columns")
                }
                if spans.isEmpty && (returnedTable || !isFinal) { continue }
                returnedTable = true
                let dialect = CSVTable(
                    header: header, rows: [], delimiter: Character(Unicode.Scalar(delimiterByte!)), encoding: encoding, path: path,
                    headerLine: state.headerLine, hxlTags: state.hxlTags, hxlLine: state.hxlLine)
                return CSVRowChunk(dialect: dialect, bytes: bytes, fields: store, records: spans)
            }
        }
        return nil
    }

    /// Parses the complete records of `carry` and keeps the incomplete rest:
    /// the bytes of those records, their fields and their spans; nil while
    /// the first line (needed for the dialect) is not all in yet.
    private func parseCarry(isFinal: Bool) throws(FormatError) -> ([UInt8], CSVFieldStore, [CSVRecordSpan])? {
        let path = self.path, options = self.options
        let start = skipBOM ? 3 : 0
        if delimiterByte == nil {
            // The dialect comes from the first line: wait until it is complete.
            if !isFinal, carry.count <= start || !carry[start...].contains(0x0A) { return nil }
            var first = start
            let chosen: UInt8
            if let c = options.delimiter {
                chosen = try CSVReader.delimiterByte(c, path: path)
            } else if let declared = carry.withUnsafeBufferPointer({ CSVReader.excelSeparatorLine($0, from: start) }) {
                chosen = declared.delimiter
                first = declared.next
                line = 2
            } else {
                chosen = carry.withUnsafeBufferPointer { CSVReader.detectDelimiter($0, from: start) }
            }
            delimiterByte = chosen
            delimiter = Character(Unicode.Scalar(chosen))
            state = CSVParser.RecordState(line: line)
            skipBOM = false
            if first > 0 { carry.removeFirst(first) }
        }
        var store = CSVFieldStore()
        let (spans, consumed, nextLine) = try carry.withUnsafeBufferPointer { (p) throws(FormatError) in
            var parser = CSVParser(bytes: p, path: path, delimiter: delimiterByte!, position: 0, line: line, limits: options.limits)
            parser.isFinal = isFinal
            let spans = try parser.parseRecords(&state!, into: &store)
            return (spans, parser.position, parser.line)
        }
        let bytes = Array(carry[0..<consumed])
        carry.removeFirst(consumed)
        line = nextLine
        return (bytes, store, spans)
    }
}

/// The records of one buffer of a CSV file, their fields kept as the
/// buffer's bytes (`CSVChunkReader.nextRows()`): a field becomes a string
/// only when it is read with `value(_:_:)`. Immutable.
public final class CSVRowChunk: Sendable {
    /// The file's header and dialect, as a table without rows.
    public let dialect: CSVTable
    private let bytes: [UInt8]
    private let fields: CSVFieldStore
    private let records: [CSVRecordSpan]

    init(dialect: CSVTable, bytes: [UInt8], fields: CSVFieldStore, records: [CSVRecordSpan]) {
        self.dialect = dialect
        self.bytes = bytes
        self.fields = fields
        self.records = records
    }

    /// Column names, trimmed.
    public var header: [String] { dialect.header }

    /// The number of records.
    public var count: Int { records.count }

    /// The 1-based physical line where record `r` starts.
    public func line(_ r: Int) -> Int { records[r].line }

    /// The number of fields of record `r`: at least the header's (missing
    /// ones are empty), more when the row itself had more.
    public func fieldCount(_ r: Int) -> Int { records[r].count }

    /// The text of column `column` of record `r`; nil beyond its fields.
    public func value(_ r: Int, _ column: Int) -> String? {
        let span = records[r]
        guard column >= 0, column < span.count else { return nil }
        return bytes.withUnsafeBufferPointer { fields.text(span.first + column, in: $0) }
    }

    /// The record as a `CSVRecord` (a string per field).
    public func record(_ r: Int) -> CSVRecord {
        let span = records[r]
        return bytes.withUnsafeBufferPointer { b in
            CSVRecord(line: span.line, fields: (span.first..<span.first + span.count).map { fields.text($0, in: b) })
        }
    }

    /// The coordinate columns and source description of the chunk's file
    /// (`CSVFeatureReader`'s rules).
    public func pointLayout(options: CSVOptions) throws(FormatError) -> CSVPointLayout {
        try CSVPointLayout(dialect, options: options)
    }

    /// The point of record `r` read from its coordinate cells' bytes, and
    /// whether a coordinate has a decimal comma.
    public func point(_ r: Int, layout: CSVPointLayout) -> (CSVPointLayout.RowPoint, Bool) {
        let span = records[r]
        return bytes.withUnsafeBufferPointer { b in
            guard let columns = layout.columns else {
                return layout.point(x: UnsafeBufferPointer(start: nil, count: 0), y: UnsafeBufferPointer(start: nil, count: 0),
                                    fieldCount: span.count)
            }
            return fields.withBytes(span.first + columns.x, in: b) { x in
                fields.withBytes(span.first + columns.y, in: b) { y in layout.point(x: x, y: y, fieldCount: span.count) }
            }
        }
    }

    /// The chunk as a table of records.
    public var table: CSVTable {
        var table = dialect
        table.rows = (0..<count).map(record)
        return table
    }
}
