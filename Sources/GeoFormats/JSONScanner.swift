/// A byte-level JSON (RFC 8259) reader over UTF-8 text that knows the line and
/// column of everything it reads.
///
/// It is a pull parser: callers walk objects and arrays with `openObject` /
/// `nextKey` and `openArray` / `nextElement`, and read leaves or whole
/// subtrees with `parseValue`, so a GeoJSON reader can turn coordinates into
/// geometry without building a generic tree for them. It never traps on bad
/// input: every problem is a `FormatError` with a line and column.
///
/// `bytes` must stay valid for the scanner's lifetime (it is used inside
/// `withUnsafeBufferPointer`).
struct JSONScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    let path: String
    private(set) var pos = 0
    private(set) var line = 1
    private var lineStart = 0
    private var depth = 0

    /// Deeper documents are refused rather than risk exhausting the stack.
    static let maxDepth = 512

    init(bytes: UnsafeBufferPointer<UInt8>, path: String) {
        self.bytes = bytes
        self.path = path
        // RFC 8259 lets a parser ignore a UTF-8 byte-order mark.
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            pos = 3
            lineStart = 3
        }
    }

    // MARK: Positions and errors

    var column: Int { TextEncoding.column(bytes, lineStart: lineStart, offset: pos) }

    /// Where the scanner is, kept to name a place in an error later; its
    /// column is counted only then (counting it costs the length of the
    /// line so far, and a whole GeoJSON file is often one line).
    struct Mark {
        fileprivate let lineStart: Int
        fileprivate let offset: Int
    }

    var mark: Mark { Mark(lineStart: lineStart, offset: pos) }

    /// The column of a `mark`.
    func column(of mark: Mark) -> Int { TextEncoding.column(bytes, lineStart: mark.lineStart, offset: mark.offset) }

    /// An error at byte `offset`, which must be on the current line.
    func error(_ message: String, at offset: Int? = nil, field: String? = nil) -> FormatError {
        let offset = offset ?? pos
        return FormatError(
            path: path, line: line, column: TextEncoding.column(bytes, lineStart: lineStart, offset: offset),
            field: field, message: message)
    }

    private func endOfFile(inside what: String) -> FormatError {
        error("the file ends in the middle of \(what); it looks truncated (an interrupted download or copy?)")
    }

    /// `'x'` for printable ASCII, else the character or the byte in hex.
    func describeByte(at offset: Int) -> String {
        let b = bytes[offset]
        if b >= 0x20 && b < 0x7F { return "'\(Character(Unicode.Scalar(b)))'" }
        if b >= 0x80 {
            let length = TextEncoding.utf8SequenceLength(bytes, at: offset)
            if length > 0 {
                let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[offset..<(offset + length)]), as: UTF8.self)
                return "'\(text)'"
            }
            return "byte 0x\(hex(b)) (not UTF-8)"
        }
        return "control character U+00\(hex(b))"
    }

    private func hex(_ b: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(b >> 4)], digits[Int(b & 0xF)]])
    }

    // MARK: Whitespace and lookahead

    @inline(__always)
    mutating func skipWhitespace() {
        while pos < bytes.count {
            let b = bytes[pos]
            if b == 0x20 || b == 0x09 || b == 0x0D {
                pos += 1
            } else if b == 0x0A {
                pos += 1
                line += 1
                lineStart = pos
            } else {
                return
            }
        }
    }

    /// The next significant byte, without consuming it.
    mutating func peek(inside what: String) throws(FormatError) -> UInt8 {
        skipWhitespace()
        guard pos < bytes.count else { throw endOfFile(inside: what) }
        return bytes[pos]
    }

    var isAtEnd: Bool { pos >= bytes.count }

    /// Call after the top-level value: only whitespace may follow.
    mutating func finishDocument() throws(FormatError) {
        skipWhitespace()
        if pos < bytes.count {
            throw error(
                "unexpected \(describeByte(at: pos)) after the end of the JSON document; the file must hold exactly one JSON value (remove what follows, or check for a missing '[' or '{' at the start)")
        }
    }

    // MARK: Containers

    private mutating func enter() throws(FormatError) {
        depth += 1
        if depth > Self.maxDepth {
            throw error(
                "the JSON nests more than \(Self.maxDepth) arrays and objects deep; this is not a GeoJSON file gapmap can read")
        }
    }

    /// Consumes `{`; the caller has checked that it is next.
    mutating func openObject() throws(FormatError) {
        try enter()
        pos += 1
    }

    /// Consumes `[`; the caller has checked that it is next.
    mutating func openArray() throws(FormatError) {
        try enter()
        pos += 1
    }

    /// The next member's name (its `:` consumed), or nil once the object's `}`
    /// has been consumed. `first` must start true for each object.
    mutating func nextKey(_ first: inout Bool) throws(FormatError) -> String? {
        var b = try peek(inside: "an object")
        if first {
            first = false
            if b == UInt8(ascii: "}") {
                pos += 1
                depth -= 1
                return nil
            }
        } else if b == UInt8(ascii: ",") {
            pos += 1
            b = try peek(inside: "an object")
            if b == UInt8(ascii: "}") {
                throw error("a comma before '}' is not allowed in JSON; remove the trailing comma")
            }
        } else if b == UInt8(ascii: "}") {
            pos += 1
            depth -= 1
            return nil
        } else {
            throw error("expected ',' or '}' after a value in an object, found \(describeByte(at: pos))")
        }
        guard b == UInt8(ascii: "\"") else {
            throw error("expected a member name in double quotes, found \(describeByte(at: pos))")
        }
        let key = try parseString()
        guard try peek(inside: "an object") == UInt8(ascii: ":") else {
            throw error("expected ':' after the member name \"\(key)\", found \(describeByte(at: pos))")
        }
        pos += 1
        return key
    }

    /// True when another element follows (positioned at it), false once the
    /// array's `]` has been consumed. `first` must start true for each array.
    mutating func nextElement(_ first: inout Bool) throws(FormatError) -> Bool {
        let b = try peek(inside: "an array")
        if first {
            first = false
            if b == UInt8(ascii: "]") {
                pos += 1
                depth -= 1
                return false
            }
            return true
        }
        if b == UInt8(ascii: ",") {
            pos += 1
            if try peek(inside: "an array") == UInt8(ascii: "]") {
                throw error("a comma before ']' is not allowed in JSON; remove the trailing comma")
            }
            return true
        }
        if b == UInt8(ascii: "]") {
            pos += 1
            depth -= 1
            return false
        }
        throw error("expected ',' or ']' after a value in an array, found \(describeByte(at: pos))")
    }

    // MARK: Values

    /// Reads any value, building the whole subtree.
    mutating func parseValue() throws(FormatError) -> JSONValue {
        let b = try peek(inside: "a value")
        switch b {
        case UInt8(ascii: "{"):
            try openObject()
            var object = JSONObject()
            var first = true
            while let key = try nextKey(&first) {
                object[key] = try parseValue()
            }
            return .object(object)
        case UInt8(ascii: "["):
            try openArray()
            var array: [JSONValue] = []
            var first = true
            while try nextElement(&first) {
                array.append(try parseValue())
            }
            return .array(array)
        case UInt8(ascii: "\""):
            return .string(try parseString())
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return try parseNumber()
        case UInt8(ascii: "t"):
            try literal("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try literal("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try literal("null")
            return .null
        default:
            throw unexpectedValueStart()
        }
    }

    private func unexpectedValueStart() -> FormatError {
        if startsWith("NaN") || startsWith("Infinity") || startsWith("-Infinity") {
            return error("NaN and Infinity are not JSON numbers; write null instead")
        }
        if bytes[pos] == UInt8(ascii: "'") {
            return error("strings in JSON are written in double quotes, not single quotes")
        }
        return error("expected a value (an object, array, string, number, true, false or null), found \(describeByte(at: pos))")
    }

    private func startsWith(_ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard pos + count <= bytes.count else { return false }
        let w = word.utf8Start
        for k in 0..<count where bytes[pos + k] != w[k] { return false }
        return true
    }

    private mutating func literal(_ word: StaticString) throws(FormatError) {
        let count = word.utf8CodeUnitCount
        let w = word.utf8Start
        for k in 0..<count {
            guard pos + k < bytes.count else { throw endOfFile(inside: "the word '\(word)'") }
            if bytes[pos + k] != w[k] {
                throw error("expected a value (an object, array, string, number, true, false or null), found \(describeByte(at: pos))")
            }
        }
        pos += count
    }

    // MARK: Strings

    /// Reads a string; `pos` is at its opening quote.
    mutating func parseString() throws(FormatError) -> String {
        let start = pos + 1
        var i = start
        let n = bytes.count
        // Fast path: no escapes, so the text can be taken as it stands.
        while i < n {
            let b = bytes[i]
            if b == UInt8(ascii: "\"") {
                pos = i + 1
                return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
            }
            if b == UInt8(ascii: "\\") { break }
            if b < 0x20 { throw controlCharacter(at: i) }
            if b < 0x80 {
                i += 1
            } else {
                let length = TextEncoding.utf8SequenceLength(bytes, at: i)
                if length == 0 { throw invalidUTF8(at: i) }
                i += length
            }
        }
        guard i < n else {
            pos = n
            throw endOfFile(inside: "a string (a closing '\"' is missing)")
        }
        var buffer = Array(bytes[start..<i])
        while i < n {
            let b = bytes[i]
            if b == UInt8(ascii: "\"") {
                pos = i + 1
                return String(decoding: buffer, as: UTF8.self)
            }
            if b == UInt8(ascii: "\\") {
                i = try appendEscape(at: i, to: &buffer)
            } else if b < 0x20 {
                throw controlCharacter(at: i)
            } else if b < 0x80 {
                buffer.append(b)
                i += 1
            } else {
                let length = TextEncoding.utf8SequenceLength(bytes, at: i)
                if length == 0 { throw invalidUTF8(at: i) }
                buffer.append(contentsOf: bytes[i..<(i + length)])
                i += length
            }
        }
        pos = n
        throw endOfFile(inside: "a string (a closing '\"' is missing)")
    }

    private func controlCharacter(at i: Int) -> FormatError {
        let b = bytes[i]
        let name = b == 0x0A ? "a line break" : b == 0x09 ? "a tab" : b == 0x0D ? "a carriage return" : describeByte(at: i)
        return error(
            "\(name) inside a string; JSON strings must escape control characters (\\n, \\t, \\u00XX) — or a closing '\"' is missing",
            at: i)
    }

    private func invalidUTF8(at i: Int) -> FormatError {
        error(
            "\(describeByte(at: i)) in a string: the file is not valid UTF-8; GeoJSON must be saved as UTF-8",
            at: i)
    }

    /// Decodes the escape starting at the backslash at `i`; returns the
    /// offset after it.
    private func appendEscape(at i: Int, to buffer: inout [UInt8]) throws(FormatError) -> Int {
        guard i + 1 < bytes.count else { throw endOfFile(inside: "a string") }
        let e = bytes[i + 1]
        switch e {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): buffer.append(e)
        case UInt8(ascii: "b"): buffer.append(0x08)
        case UInt8(ascii: "f"): buffer.append(0x0C)
        case UInt8(ascii: "n"): buffer.append(0x0A)
        case UInt8(ascii: "r"): buffer.append(0x0D)
        case UInt8(ascii: "t"): buffer.append(0x09)
        case UInt8(ascii: "u"):
            let unit = try hex4(at: i + 2)
            var next = i + 6
            var scalar = UInt32(unit)
            if (0xD800...0xDBFF).contains(unit) {
                // A high surrogate: a low one must follow as another \u escape.
                if next + 1 < bytes.count, bytes[next] == UInt8(ascii: "\\"), bytes[next + 1] == UInt8(ascii: "u"),
                    let low = try? hex4(at: next + 2), (0xDC00...0xDFFF).contains(low)
                {
                    scalar = 0x10000 + (UInt32(unit - 0xD800) << 10) + UInt32(low - 0xDC00)
                    next += 6
                } else {
                    scalar = 0xFFFD  // an unpaired surrogate cannot be represented
                }
            } else if (0xDC00...0xDFFF).contains(unit) {
                scalar = 0xFFFD
            }
            TextEncoding.appendUTF8(scalar, to: &buffer)
            return next
        default:
            throw error(
                "invalid escape '\\\(describeByte(at: i + 1).trimmingQuotes)' in a string; valid escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX",
                at: i)
        }
        return i + 2
    }

    private func hex4(at offset: Int) throws(FormatError) -> UInt16 {
        var value: UInt16 = 0
        for k in 0..<4 {
            guard offset + k < bytes.count else { throw endOfFile(inside: "a \\u escape") }
            let b = bytes[offset + k]
            let digit: UInt8
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = b - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = b - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = b - UInt8(ascii: "A") + 10
            default:
                throw error("a \\u escape needs four hexadecimal digits, found \(describeByte(at: offset + k))", at: offset + k)
            }
            value = value << 4 | UInt16(digit)
        }
        return value
    }

    // MARK: Numbers

    @inline(__always)
    private func isDigit(_ b: UInt8) -> Bool { b &- UInt8(ascii: "0") < 10 }

    /// Reads a number; `pos` is at its first byte ('-' or a digit).
    mutating func parseNumber() throws(FormatError) -> JSONValue {
        let start = pos
        let n = bytes.count
        var i = pos
        if bytes[i] == UInt8(ascii: "-") {
            i += 1
            guard i < n else { pos = i; throw endOfFile(inside: "a number") }
            guard isDigit(bytes[i]) else {
                if startsWith("-Infinity") { throw error("NaN and Infinity are not JSON numbers; write null instead") }
                throw error("expected a digit after '-', found \(describeByte(at: i))", at: i)
            }
        }
        if bytes[i] == UInt8(ascii: "0") {
            i += 1
            if i < n, isDigit(bytes[i]) {
                throw error("numbers in JSON cannot start with 0 (write 7, not 07; quote codes such as \"07\")", at: start)
            }
        } else {
            while i < n, isDigit(bytes[i]) { i += 1 }
        }
        var isInteger = true
        if i < n, bytes[i] == UInt8(ascii: ".") {
            i += 1
            guard i < n, isDigit(bytes[i]) else {
                if i >= n { pos = i; throw endOfFile(inside: "a number") }
                throw error("expected a digit after the decimal point, found \(describeByte(at: i))", at: i)
            }
            while i < n, isDigit(bytes[i]) { i += 1 }
            isInteger = false
        }
        if i < n, bytes[i] | 0x20 == UInt8(ascii: "e") {
            i += 1
            if i < n, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
            guard i < n, isDigit(bytes[i]) else {
                if i >= n { pos = i; throw endOfFile(inside: "a number") }
                throw error("expected a digit in the exponent, found \(describeByte(at: i))", at: i)
            }
            while i < n, isDigit(bytes[i]) { i += 1 }
            isInteger = false
        }
        pos = i
        let text = UnsafeBufferPointer(rebasing: bytes[start..<i])
        if isInteger, let value = Self.exactInteger(text) {
            return .integer(value)
        }
        let value = DecimalParser.convert(text)
        guard value.isFinite else {
            let shown = String(decoding: text.prefix(40), as: UTF8.self) + (text.count > 40 ? "…" : "")
            throw error("the number \(shown) is too large to represent (it overflows to infinity)", at: start)
        }
        return .number(value)
    }

    /// The integer written in `text` (`-?[0-9]+`), or nil when it does not fit an Int.
    private static func exactInteger(_ text: UnsafeBufferPointer<UInt8>) -> Int? {
        var i = 0
        let negative = text[0] == UInt8(ascii: "-")
        if negative { i = 1 }
        var value = 0
        while i < text.count {
            let digit = Int(text[i] &- UInt8(ascii: "0"))
            let (times10, o1) = value.multipliedReportingOverflow(by: 10)
            let (next, o2) = negative ? times10.subtractingReportingOverflow(digit) : times10.addingReportingOverflow(digit)
            if o1 || o2 { return nil }
            value = next
            i += 1
        }
        return value
    }

    /// Reads a number where one is expected as a coordinate: its value, or
    /// nil (consuming any other value) when it is not a number.
    mutating func parseCoordinateNumber() throws(FormatError) -> Double? {
        let b = try peek(inside: "an array")
        if b == UInt8(ascii: "-") || isDigit(b) {
            switch try parseNumber() {
            case .integer(let i): return Double(i)
            case .number(let d): return d
            default: return nil
            }
        }
        _ = try parseValue()
        return nil
    }
}

extension String {
    fileprivate var trimmingQuotes: String {
        hasPrefix("'") && hasSuffix("'") && count >= 2 ? String(dropFirst().dropLast()) : self
    }
}
