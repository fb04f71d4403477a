import GeoCore

/// JSON text for features, geometries and values, appended to a byte buffer.
enum GeoJSONEncoding {
    /// The first number of a feature that is not finite, which JSON cannot
    /// hold: `field` is the property (`weight`, `tags[2]`) or `geometry`.
    struct NonFiniteNumber: Error {
        var field: String
        var value: Double
    }

    /// Appends one Feature object. Throws, leaving `out` untouched, when a
    /// coordinate or a property number is not finite (JSON cannot hold one).
    static func appendFeature(
        geometry: Geometry?, properties: Properties, id: JSONValue?, to out: inout [UInt8]
    ) throws(NonFiniteNumber) {
        let mark = out.count
        do throws(NonFiniteNumber) {
            out.append(contentsOf: #"{"type":"Feature","#.utf8)
            if let id {
                out.append(contentsOf: #""id":"#.utf8)
                try appendValue(id, to: &out, field: "id")
                out.append(UInt8(ascii: ","))
            }
            out.append(contentsOf: #""properties":"#.utf8)
            try appendObject(properties, to: &out, field: nil)
            out.append(contentsOf: #","geometry":"#.utf8)
            if let geometry {
                guard appendGeometry(geometry.orientedRightHand(), to: &out) else {
                    var bad = Double.nan
                    geometry.forEachCoordinate { c in if bad.isNaN, !c.x.isFinite || !c.y.isFinite { bad = c.x.isFinite ? c.y : c.x } }
                    throw NonFiniteNumber(field: "geometry", value: bad)
                }
            } else {
                out.append(contentsOf: "null".utf8)
            }
            out.append(UInt8(ascii: "}"))
        } catch {
            out.removeSubrange(mark...)
            throw error
        }
    }

    /// The feature's id for a message: its `id` member, else its `id` or
    /// `region_id` property.
    static func label(id: JSONValue?, properties: Properties) -> String? {
        for value in [id, properties["id"], properties["region_id"]] {
            if let value, value != .null { return text(of: value) }
        }
        return nil
    }

    static func appendGeometry(_ geometry: Geometry, to out: inout [UInt8]) -> Bool {
        out.append(contentsOf: #"{"type":""#.utf8)
        out.append(contentsOf: geometry.typeName.utf8)
        if case .collection(let parts) = geometry {
            out.append(contentsOf: #"","geometries":["#.utf8)
            for (i, part) in parts.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                guard appendGeometry(part, to: &out) else { return false }
            }
            out.append(contentsOf: "]}".utf8)
            return true
        }
        out.append(contentsOf: #"","coordinates":"#.utf8)
        var ok = true
        switch geometry {
        case .point(let c):
            if !c.x.isFinite && !c.y.isFinite {
                out.append(contentsOf: "[]".utf8)  // GeoCore's empty point
            } else {
                ok = appendPosition(c, to: &out)
            }
        case .multiPoint(let cs), .lineString(let cs):
            ok = appendPositions(cs, to: &out)
        case .multiLineString(let lines):
            ok = appendList(lines, to: &out) { line, out in appendPositions(line, to: &out) }
        case .polygon(let p):
            ok = appendRings(p, to: &out)
        case .multiPolygon(let ps):
            ok = appendList(ps, to: &out) { p, out in appendRings(p, to: &out) }
        case .collection:
            break
        }
        out.append(UInt8(ascii: "}"))
        return ok
    }

    private static func appendRings(_ p: Polygon, to out: inout [UInt8]) -> Bool {
        if p.isEmpty {
            out.append(contentsOf: "[]".utf8)
            return true
        }
        return appendList([p.exterior] + p.holes, to: &out) { ring, out in appendPositions(ring, to: &out) }
    }

    private static func appendList<T>(
        _ items: [T], to out: inout [UInt8], _ element: (T, inout [UInt8]) -> Bool
    ) -> Bool {
        out.append(UInt8(ascii: "["))
        for (i, item) in items.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            guard element(item, &out) else { return false }
        }
        out.append(UInt8(ascii: "]"))
        return true
    }

    private static func appendPositions(_ cs: [Coordinate], to out: inout [UInt8]) -> Bool {
        out.append(UInt8(ascii: "["))
        for (i, c) in cs.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            guard appendPosition(c, to: &out) else { return false }
        }
        out.append(UInt8(ascii: "]"))
        return true
    }

    private static func appendPosition(_ c: Coordinate, to out: inout [UInt8]) -> Bool {
        guard c.x.isFinite, c.y.isFinite else { return false }
        out.append(UInt8(ascii: "["))
        NumberFormatting.appendPlainDecimal(c.x, to: &out)
        out.append(UInt8(ascii: ","))
        NumberFormatting.appendPlainDecimal(c.y, to: &out)
        out.append(UInt8(ascii: "]"))
        return true
    }

    /// `field` names the object for messages (nil: the properties).
    static func appendObject(_ object: JSONObject, to out: inout [UInt8], field: String?) throws(NonFiniteNumber) {
        out.append(UInt8(ascii: "{"))
        for (i, pair) in object.pairs.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            appendString(pair.key, to: &out)
            out.append(UInt8(ascii: ":"))
            try appendValue(pair.value, to: &out, field: field.map { "\($0).\(pair.key)" } ?? pair.key)
        }
        out.append(UInt8(ascii: "}"))
    }

    /// A number that is not finite throws, naming `field`: JSON has no NaN
    /// or Infinity, and `null` would read as a missing value.
    static func appendValue(_ value: JSONValue, to out: inout [UInt8], field: String) throws(NonFiniteNumber) {
        switch value {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .integer(let i): out.append(contentsOf: String(i).utf8)
        case .number(let d):
            guard d.isFinite else { throw NonFiniteNumber(field: field, value: d) }
            NumberFormatting.appendPlainDecimal(d, to: &out)
        case .string(let s): appendString(s, to: &out)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                try appendValue(item, to: &out, field: "\(field)[\(i)]")
            }
            out.append(UInt8(ascii: "]"))
        case .object(let object): try appendObject(object, to: &out, field: field)
        }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    static func appendString(_ s: String, to out: inout [UInt8]) {
        // Most strings need no escape: copy their bytes whole.
        let copied: Bool? = s.utf8.withContiguousStorageIfAvailable { bytes in
            for b in bytes where b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") { return false }
            out.append(UInt8(ascii: "\""))
            out.append(contentsOf: bytes)
            out.append(UInt8(ascii: "\""))
            return true
        }
        if copied == true { return }
        out.append(UInt8(ascii: "\""))
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "\""):
                out.append(UInt8(ascii: "\\"))
                out.append(b)
            case UInt8(ascii: "\\"):
                out.append(UInt8(ascii: "\\"))
                out.append(b)
            case 0..<0x20:
                out.append(contentsOf: #"\u00"#.utf8)
                out.append(hexDigits[Int(b >> 4)])
                out.append(hexDigits[Int(b & 0xF)])
            default:
                out.append(b)
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    /// Compact JSON text of a value, for messages and for the JSON text of
    /// a GeoPackage column; a value holding a number that is not finite is
    /// shown by its description (`[1.0, inf]`), never as JSON.
    static func text(of value: JSONValue) -> String {
        var out: [UInt8] = []
        do {
            try appendValue(value, to: &out, field: "")
        } catch {
            return "\(value)"
        }
        return String(decoding: out, as: UTF8.self)
    }
}
