/// Numbers written in a table cell, for the layers built on the readers.
public enum DecimalText {
    /// The finite number written in plain decimal notation (`12`, `-3.5`,
    /// `1e-3`, and `12,65` when `decimalComma`), surrounding spaces ignored;
    /// nil for anything else (`0x10`, `nan`, `inf`, `1e400`, `1,234.5`).
    public static func value(_ text: String, decimalComma: Bool) -> Double? {
        guard case .value(let d) = DecimalParser.parse(text, decimalComma: decimalComma) else { return nil }
        return d
    }
}

/// Decimal text → `Double`, shared by the JSON and CSV readers.
///
/// Only plain decimal notation is a number here: `12`, `-3.5`, `.5`, `1e-3`
/// (and `12,65` where a decimal comma is allowed). Hex floats, `nan` and
/// `inf`, which `Double.init(_: String)` would accept, are not.
enum DecimalParser {
    enum Result: Equatable {
        case value(Double)
        /// Empty after trimming.
        case empty
        /// Not decimal notation at all (`abc`, `12a`, `0x10`).
        case notANumber
        /// Decimal notation or `nan`/`inf`, but no finite value (`1e400`, `inf`).
        case notFinite
    }

    static func parse(_ text: String, decimalComma: Bool) -> Result {
        var text = text
        return text.withUTF8 { parse($0, decimalComma: decimalComma) }
    }

    static func parse(_ raw: UnsafeBufferPointer<UInt8>, decimalComma: Bool) -> Result {
        var lo = 0
        var hi = raw.count
        while lo < hi, isSpace(raw[lo]) { lo += 1 }
        while hi > lo, isSpace(raw[hi - 1]) { hi -= 1 }
        if lo == hi { return .empty }
        let text = UnsafeBufferPointer(rebasing: raw[lo..<hi])
        guard isDecimalSyntax(text, decimalComma: decimalComma) else {
            return isNonFiniteWord(text) ? .notFinite : .notANumber
        }
        let d = convert(text)
        return d.isFinite ? .value(d) : .notFinite
    }

    private static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 }

    private static func isDigit(_ b: UInt8) -> Bool { b &- 0x30 < 10 }

    /// `[+-]? digits* ([.,] digits*)? ([eE] [+-]? digits+)?` with at least one
    /// mantissa digit.
    private static func isDecimalSyntax(_ t: UnsafeBufferPointer<UInt8>, decimalComma: Bool) -> Bool {
        var i = 0
        let n = t.count
        if i < n, t[i] == UInt8(ascii: "+") || t[i] == UInt8(ascii: "-") { i += 1 }
        var mantissaDigits = 0
        while i < n, isDigit(t[i]) { i += 1; mantissaDigits += 1 }
        if i < n, t[i] == UInt8(ascii: ".") || (decimalComma && t[i] == UInt8(ascii: ",")) {
            i += 1
            while i < n, isDigit(t[i]) { i += 1; mantissaDigits += 1 }
        }
        guard mantissaDigits > 0 else { return false }
        if i < n, t[i] | 0x20 == UInt8(ascii: "e") {
            i += 1
            if i < n, t[i] == UInt8(ascii: "+") || t[i] == UInt8(ascii: "-") { i += 1 }
            var exponentDigits = 0
            while i < n, isDigit(t[i]) { i += 1; exponentDigits += 1 }
            guard exponentDigits > 0 else { return false }
        }
        return i == n
    }

    private static func isNonFiniteWord(_ t: UnsafeBufferPointer<UInt8>) -> Bool {
        var word = String(decoding: t, as: UTF8.self).lowercased()
        if word.hasPrefix("+") || word.hasPrefix("-") { word.removeFirst() }
        return word == "nan" || word == "inf" || word == "infinity"
    }

    private static let powersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]

    /// Converts text already known to be decimal syntax (either separator).
    /// Correctly rounded: exact arithmetic when the digits fit a Double's
    /// mantissa and the power of ten is exact (Clinger's fast path), else the
    /// standard library's correctly rounded conversion.
    static func convert(_ t: UnsafeBufferPointer<UInt8>) -> Double {
        var i = 0
        let n = t.count
        var negative = false
        if i < n, t[i] == UInt8(ascii: "+") || t[i] == UInt8(ascii: "-") {
            negative = t[i] == UInt8(ascii: "-")
            i += 1
        }
        var mantissa: UInt64 = 0
        var significantDigits = 0
        var exponent = 0
        var inexact = false
        while i < n, isDigit(t[i]) {
            let d = UInt64(t[i] &- 0x30)
            if mantissa == 0 && d == 0 {
                // leading zero: not significant
            } else if significantDigits < 19 {
                mantissa = mantissa &* 10 &+ d
                significantDigits += 1
            } else {
                exponent += 1
                if d != 0 { inexact = true }
            }
            i += 1
        }
        if i < n, t[i] == UInt8(ascii: ".") || t[i] == UInt8(ascii: ",") {
            i += 1
            while i < n, isDigit(t[i]) {
                let d = UInt64(t[i] &- 0x30)
                if mantissa == 0 && d == 0 {
                    exponent -= 1
                } else if significantDigits < 19 {
                    mantissa = mantissa &* 10 &+ d
                    significantDigits += 1
                    exponent -= 1
                } else if d != 0 {
                    inexact = true
                }
                i += 1
            }
        }
        if i < n, t[i] | 0x20 == UInt8(ascii: "e") {
            i += 1
            var exponentNegative = false
            if i < n, t[i] == UInt8(ascii: "+") || t[i] == UInt8(ascii: "-") {
                exponentNegative = t[i] == UInt8(ascii: "-")
                i += 1
            }
            var e = 0
            while i < n, isDigit(t[i]) {
                if e < 1_000_000 { e = e * 10 + Int(t[i] &- 0x30) }
                i += 1
            }
            exponent += exponentNegative ? -e : e
        }
        if mantissa == 0 { return negative ? -0.0 : 0.0 }
        if !inexact, mantissa <= 1 << 53, exponent >= -22, exponent <= 22 {
            var value = Double(mantissa)
            value = exponent < 0 ? value / powersOfTen[-exponent] : value * powersOfTen[exponent]
            return negative ? -value : value
        }
        // The slow path, correctly rounded by the standard library, which
        // wants '.' as the separator.
        guard t.contains(UInt8(ascii: ",")) else { return Double(String(decoding: t, as: UTF8.self)) ?? .nan }
        var bytes = Array(t)
        for k in bytes.indices where bytes[k] == UInt8(ascii: ",") { bytes[k] = UInt8(ascii: ".") }
        return Double(String(decoding: bytes, as: UTF8.self)) ?? .nan
    }
}

/// `Double` → text for JSON output and for messages.
public enum NumberFormatting {
    /// A number as a message quotes it: `95`, `-3.5`, and `1e+308` rather
    /// than 309 digits (Swift's exponent form from 1e15 up and below 1e-6),
    /// `nan` and `inf` as such. It reads back as exactly `d`.
    public static func shortText(_ d: Double) -> String {
        guard d.isFinite else { return d.isNaN ? "nan" : d < 0 ? "-inf" : "inf" }
        let magnitude = abs(d)
        if magnitude >= 1e15 || (magnitude < 1e-6 && magnitude > 0) { return "\(d)" }
        let text = plainDecimal(d)
        return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
    }

    /// The shortest text that reads back as exactly `d` (Swift's own
    /// `description`), but in plain positional notation: `0.00001`, never
    /// `1e-05`. Negative zero is written as `0.0`. `d` must be finite.
    static func plainDecimal(_ d: Double) -> String {
        var out: [UInt8] = []
        appendPlainDecimal(d, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// `plainDecimal`, appended to a byte buffer (the writers' hot path).
    static func appendPlainDecimal(_ d: Double, to out: inout [UInt8]) {
        if d == 0 {
            out.append(contentsOf: [UInt8(ascii: "0"), UInt8(ascii: "."), UInt8(ascii: "0")])
            return
        }
        var text = d.description
        text.withUTF8 { b in
            guard let e = b.firstIndex(where: { $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }) else {
                out.append(contentsOf: b)
                return
            }
            // Mantissa digits and exponent: "-1.5e-07" → "15", point after 1, exponent -7.
            var exponent = 0
            var k = e + 1
            var exponentNegative = false
            if k < b.count, b[k] == UInt8(ascii: "-") || b[k] == UInt8(ascii: "+") {
                exponentNegative = b[k] == UInt8(ascii: "-")
                k += 1
            }
            while k < b.count {
                exponent = exponent * 10 + Int(b[k] &- UInt8(ascii: "0"))
                k += 1
            }
            if exponentNegative { exponent = -exponent }
            var i = 0
            if b[0] == UInt8(ascii: "-") {
                out.append(UInt8(ascii: "-"))
                i = 1
            }
            var digits: [UInt8] = []
            digits.reserveCapacity(e)
            var integerDigits = 0
            var seenPoint = false
            while i < e {
                if b[i] == UInt8(ascii: ".") {
                    seenPoint = true
                } else {
                    digits.append(b[i])
                    if !seenPoint { integerDigits += 1 }
                }
                i += 1
            }
            while digits.count > integerDigits, digits.last == UInt8(ascii: "0") { digits.removeLast() }
            let point = integerDigits + exponent
            let zero = UInt8(ascii: "0")
            if point <= 0 {
                out.append(zero)
                out.append(UInt8(ascii: "."))
                out.append(contentsOf: repeatElement(zero, count: -point))
                out.append(contentsOf: digits)
            } else if point >= digits.count {
                out.append(contentsOf: digits)
                out.append(contentsOf: repeatElement(zero, count: point - digits.count))
                out.append(UInt8(ascii: "."))
                out.append(zero)
            } else {
                out.append(contentsOf: digits[..<point])
                out.append(UInt8(ascii: "."))
                out.append(contentsOf: digits[point...])
            }
        }
    }
}
