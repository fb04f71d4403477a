/// Character-encoding checks and conversions for the readers.
enum TextEncoding {
    /// The length of the well-formed UTF-8 sequence starting at `i` (whose
    /// first byte is ≥ 0x80), or 0 when it is not well-formed (overlong forms,
    /// surrogates and code points above U+10FFFF included).
    @inline(__always)
    static func utf8SequenceLength(_ p: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
        let n = p.count
        let b0 = p[i]
        @inline(__always) func continuation(_ k: Int, _ lo: UInt8 = 0x80, _ hi: UInt8 = 0xBF) -> Bool {
            k < n && p[k] >= lo && p[k] <= hi
        }
        switch b0 {
        case 0xC2...0xDF:
            return continuation(i + 1) ? 2 : 0
        case 0xE0:
            return continuation(i + 1, 0xA0) && continuation(i + 2) ? 3 : 0
        case 0xE1...0xEC, 0xEE...0xEF:
            return continuation(i + 1) && continuation(i + 2) ? 3 : 0
        case 0xED:
            return continuation(i + 1, 0x80, 0x9F) && continuation(i + 2) ? 3 : 0
        case 0xF0:
            return continuation(i + 1, 0x90) && continuation(i + 2) && continuation(i + 3) ? 4 : 0
        case 0xF1...0xF3:
            return continuation(i + 1) && continuation(i + 2) && continuation(i + 3) ? 4 : 0
        case 0xF4:
            return continuation(i + 1, 0x80, 0x8F) && continuation(i + 2) && continuation(i + 3) ? 4 : 0
        default:
            return 0
        }
    }

    /// The offset of the first byte that is not part of well-formed UTF-8, or
    /// nil when all of `p[from...]` is well-formed.
    static func firstInvalidUTF8(_ p: UnsafeBufferPointer<UInt8>, from start: Int = 0) -> Int? {
        let n = p.count
        var i = start
        guard let base = p.baseAddress else { return nil }
        let raw = UnsafeRawPointer(base)
        while i < n {
            // Eight ASCII bytes at a time: the common case for CSV and JSON.
            while i + 8 <= n, raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                i += 8
            }
            guard i < n else { break }
            if p[i] < 0x80 {
                i += 1
            } else {
                let length = utf8SequenceLength(p, at: i)
                if length == 0 { return i }
                i += length
            }
        }
        return nil
    }

    /// Windows-1252 (what Excel saves as "CSV" on a French or English
    /// Windows) → UTF-8. The five bytes that code page leaves undefined map to
    /// the C1 controls of the same value, as browsers do.
    static func windows1252ToUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 8)
        for b in bytes {
            if b < 0x80 {
                out.append(b)
                continue
            }
            let scalar: UInt32 = b >= 0xA0 ? UInt32(b) : windows1252High[Int(b - 0x80)]
            appendUTF8(scalar, to: &out)
        }
        return out
    }

    private static let windows1252High: [UInt32] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
        0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
    ]

    /// UTF-16 (after its byte-order mark) → UTF-8; unpaired surrogates become U+FFFD.
    /// `UTF-32LE` or `UTF-32BE` when the text is UTF-32: its byte-order
    /// mark, or (without one) a first character below U+0100 padded with
    /// three NULs, as `i\0\0\0d\0\0\0`; nil otherwise.
    static func utf32ByteOrder(_ p: UnsafeBufferPointer<UInt8>) -> String? {
        guard p.count >= 4 else { return nil }
        if p[0] == 0xFF, p[1] == 0xFE, p[2] == 0, p[3] == 0 { return "UTF-32LE" }
        if p[0] == 0, p[1] == 0, p[2] == 0xFE, p[3] == 0xFF { return "UTF-32BE" }
        if p[0] != 0, p[1] == 0, p[2] == 0, p[3] == 0 { return "UTF-32LE, without a byte-order mark" }
        if p[0] == 0, p[1] == 0, p[2] == 0, p[3] != 0 { return "UTF-32BE, without a byte-order mark" }
        return nil
    }

    static func utf16ToUTF8(_ bytes: UnsafeBufferPointer<UInt8>, bigEndian: Bool) -> [UInt8] {
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var i = 0
        while i + 1 < bytes.count {
            let a = UInt16(bytes[i]), b = UInt16(bytes[i + 1])
            units.append(bigEndian ? a << 8 | b : b << 8 | a)
            i += 2
        }
        return Array(String(decoding: units, as: UTF16.self).utf8)
    }

    static func appendUTF8(_ scalar: UInt32, to out: inout [UInt8]) {
        switch scalar {
        case 0..<0x80:
            out.append(UInt8(scalar))
        case 0x80..<0x800:
            out.append(UInt8(0xC0 | scalar >> 6))
            out.append(UInt8(0x80 | scalar & 0x3F))
        case 0x800..<0x10000:
            out.append(UInt8(0xE0 | scalar >> 12))
            out.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            out.append(UInt8(0x80 | scalar & 0x3F))
        default:
            out.append(UInt8(0xF0 | scalar >> 18))
            out.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            out.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            out.append(UInt8(0x80 | scalar & 0x3F))
        }
    }

    /// The column (1-based, in characters) of byte `offset` on a line that
    /// starts at byte `lineStart`.
    static func column(_ p: UnsafeBufferPointer<UInt8>, lineStart: Int, offset: Int) -> Int {
        var column = 1
        var i = lineStart
        let end = min(offset, p.count)
        while i < end {
            if p[i] & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        return column
    }
}
