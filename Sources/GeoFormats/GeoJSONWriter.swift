import GeoCore

/// Writes a GeoJSON FeatureCollection (RFC 7946) to a file, one feature at a
/// time, without holding the document in memory.
///
/// The file is written as `path.partial` and renamed to `path` by `finish()`;
/// until then (or if anything fails) no file appears under `path`, and a
/// writer dropped without `finish()` removes its partial file.
///
/// Output follows RFC 7946: no `crs` member; exterior rings counter-clockwise
/// and holes clockwise; coordinates in the shortest text that reads back as
/// the same Double, never in exponent notation; properties in their order.
/// A number that is not finite (JSON has none) is refused with the
/// feature, its id and the field, and nothing is written. One feature per line.
public struct GeoJSONWriter {
    public let path: String
    private let output: AtomicFileOutput
    private var scratch: [UInt8] = []
    private var featureCount = 0
    private var finished = false

    /// `members`: foreign members of the collection (RFC 7946 §6.1),
    /// written before the features, such as a note on the data.
    public init(path: String, members: [(name: String, value: JSONValue)] = []) throws(FormatError) {
        self.path = path
        output = try AtomicFileOutput(path: path)
        var head = Array(#"{"type":"FeatureCollection","#.utf8)
        for member in members {
            GeoJSONEncoding.appendString(member.name, to: &head)
            head.append(UInt8(ascii: ":"))
            do {
                try GeoJSONEncoding.appendValue(member.value, to: &head, field: member.name)
            } catch {
                throw FormatError.nonFinite(path: path, record: "the collection's member '\(member.name)'", field: error.field, value: error.value)
            }
            head.append(UInt8(ascii: ","))
        }
        head += Array(#""features":["#.utf8)
        try output.write(head)
    }

    /// The number of features written so far.
    public var count: Int { featureCount }

    public mutating func write(_ feature: Feature) throws(FormatError) {
        try write(geometry: feature.geometry, properties: feature.properties, id: feature.id)
    }

    public mutating func write(geometry: Geometry?, properties: Properties, id: JSONValue? = nil) throws(FormatError) {
        guard !finished else {
            throw FormatError(path: path, message: "cannot add a feature: the file was already finished")
        }
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: (featureCount == 0 ? "\n" : ",\n").utf8)
        do {
            try GeoJSONEncoding.appendFeature(geometry: geometry, properties: properties, id: id, to: &scratch)
        } catch {
            throw FormatError.nonFinite(path: path, record: Self.record(featureCount, GeoJSONEncoding.label(id: id, properties: properties)),
                                        field: error.field, value: error.value)
        }
        try output.write(scratch)
        featureCount += 1
    }

    /// Writes a Point feature (or a feature with a null geometry when
    /// `point` is nil) whose properties `encode` appends through a
    /// `GeoJSONPointProperties`, without building a `Properties` object:
    /// the hot path for a million points. The text is the same as
    /// `write(geometry: .point(point), properties:)` with the same pairs.
    public mutating func writePoint(
        _ point: Coordinate?, properties encode: (inout GeoJSONPointProperties) -> Void
    ) throws(FormatError) {
        var batch = GeoJSONPointBatch(buffer: scratch)
        batch.buffer.removeAll(keepingCapacity: true)
        batch.append(point, properties: encode)
        try write(batch)
        scratch = batch.buffer
    }

    /// Writes the features of `batch` after those written so far: the same
    /// text as calling `writePoint` for each of them.
    public mutating func write(_ batch: GeoJSONPointBatch) throws(FormatError) {
        guard !finished else {
            throw FormatError(path: path, message: "cannot add a feature: the file was already finished")
        }
        if let bad = batch.firstNonFinite {
            throw FormatError.nonFinite(path: path, record: Self.record(featureCount + bad.feature, bad.id),
                                        field: bad.field, value: bad.value)
        }
        guard batch.count > 0 else { return }
        // Each feature of a batch starts with ",\n"; the first of the file with "\n".
        try output.write(featureCount == 0 ? batch.buffer[1...] : batch.buffer[...])
        featureCount += batch.count
    }

    /// `feature 12 (id "N-0012")`: features counted from 1, as a reader counts them.
    static func record(_ index: Int, _ id: String?) -> String {
        "feature \(index + 1)" + (id.map { " (id \($0))" } ?? "")
    }

    /// Closes the collection and moves the file into place.
    public mutating func finish() throws(FormatError) {
        guard !finished else { return }
        try output.write("\n]}\n")
        try output.commit()
        finished = true
    }

    /// Writes `features` to `path` as one FeatureCollection.
    public static func write(_ features: [Feature], to path: String) throws(FormatError) {
        var writer = try GeoJSONWriter(path: path)
        for feature in features { try writer.write(feature) }
        try writer.finish()
    }

    /// The FeatureCollection as text, in the same form as the file writer,
    /// which refuses a number that is not finite the same way.
    public static func encode(_ features: [Feature]) throws(FormatError) -> String {
        var out: [UInt8] = []
        out.append(contentsOf: #"{"type":"FeatureCollection","features":["#.utf8)
        for (i, feature) in features.enumerated() {
            out.append(contentsOf: (i == 0 ? "\n" : ",\n").utf8)
            do {
                try GeoJSONEncoding.appendFeature(geometry: feature.geometry, properties: feature.properties, id: feature.id, to: &out)
            } catch {
                throw FormatError.nonFinite(path: "GeoJSON text", record: record(i, GeoJSONEncoding.label(id: feature.id, properties: feature.properties)),
                                            field: error.field, value: error.value)
            }
        }
        out.append(contentsOf: "\n]}\n".utf8)
        return String(decoding: out, as: UTF8.self)
    }
}

/// Point features encoded apart from any file — on a worker thread, say —
/// and written later, in order, with `GeoJSONWriter.write(_:)`: the text is
/// that of `GeoJSONWriter.writePoint` for each feature.
public struct GeoJSONPointBatch: Sendable {
    fileprivate var buffer: [UInt8]
    /// The number of features in the batch.
    public private(set) var count = 0
    /// The first feature with a number that is not finite (one coordinate
    /// of its point, or a property): the writer refuses the batch.
    fileprivate var firstNonFinite: (feature: Int, id: String?, field: String, value: Double)?

    public init() { buffer = [] }

    fileprivate init(buffer: [UInt8]) { self.buffer = buffer }

    /// Adds a Point feature (a null geometry when `point` is nil) whose
    /// properties `encode` appends.
    public mutating func append(_ point: Coordinate?, properties encode: (inout GeoJSONPointProperties) -> Void) {
        var properties = GeoJSONPointProperties(buffer: [])
        swap(&properties.buffer, &buffer)
        properties.buffer.append(contentsOf: ",\n".utf8)
        properties.buffer.append(contentsOf: #"{"type":"Feature","properties":{"#.utf8)
        encode(&properties)
        if firstNonFinite == nil {
            if let bad = properties.nonFinite {
                firstNonFinite = (count, properties.identifier, bad.field, bad.value)
            } else if let point, point.x.isFinite != point.y.isFinite {
                firstNonFinite = (count, properties.identifier, "geometry", point.x.isFinite ? point.y : point.x)
            }
        }
        properties.buffer.append(contentsOf: #"},"geometry":"#.utf8)
        if let point {
            properties.buffer.append(contentsOf: #"{"type":"Point","coordinates":"#.utf8)
            if point.x.isFinite && point.y.isFinite {
                properties.buffer.append(UInt8(ascii: "["))
                NumberFormatting.appendPlainDecimal(point.x, to: &properties.buffer)
                properties.buffer.append(UInt8(ascii: ","))
                NumberFormatting.appendPlainDecimal(point.y, to: &properties.buffer)
                properties.buffer.append(contentsOf: "]}}".utf8)
            } else {
                properties.buffer.append(contentsOf: "[]}}".utf8)  // GeoCore's empty point
            }
        } else {
            properties.buffer.append(contentsOf: "null}".utf8)
        }
        swap(&properties.buffer, &buffer)
        count += 1
    }
}

/// A property name with its JSON text (`"name":`) made once, for
/// `GeoJSONWriter.writePoint`.
///
/// The text lives in memory of its own that is never freed (keys are made
/// once, as `static let` constants; one made per row would leak):
/// appending it costs no reference counting, which
/// matters when several threads encode features with the same keys.
public struct GeoJSONPropertyKey: @unchecked Sendable {
    // Immutable after init and never deallocated, so shared freely.
    fileprivate let text: UnsafeBufferPointer<UInt8>
    /// `id` or `region_id`: the value names the feature in a message.
    fileprivate let isIdentifier: Bool

    public init(_ name: String) {
        isIdentifier = name == "id" || name == "region_id"
        var bytes: [UInt8] = []
        GeoJSONEncoding.appendString(name, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        let storage = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: bytes.count)
        _ = storage.initialize(from: bytes)
        text = UnsafeBufferPointer(storage)
    }
}

/// Appends a point feature's properties, in call order, as JSON text.
/// Values are written as `GeoJSONWriter.write` writes the matching
/// `JSONValue`; a number that is not finite is noted and the writer
/// refuses the feature.
public struct GeoJSONPointProperties {
    fileprivate var buffer: [UInt8]
    private var count = 0
    /// Where the JSON text of the feature's id starts in `buffer`.
    private var identifierStart: Int?
    fileprivate var nonFinite: (field: String, value: Double)?

    /// The feature's id, read back from its JSON text (only for a message).
    fileprivate var identifier: String? {
        guard let start = identifierStart else { return nil }
        var end = start + 1
        while end < buffer.count, buffer[end] != UInt8(ascii: "\"") || buffer[end - 1] == UInt8(ascii: "\\") { end += 1 }
        return String(decoding: buffer[start...min(end, buffer.count - 1)], as: UTF8.self)
    }

    fileprivate init(buffer: [UInt8]) { self.buffer = buffer }

    private mutating func key(_ key: GeoJSONPropertyKey) {
        if count > 0 { buffer.append(UInt8(ascii: ",")) }
        count += 1
        buffer.append(contentsOf: key.text)
    }

    public mutating func string(_ key: GeoJSONPropertyKey, _ value: String) {
        self.key(key)
        if key.isIdentifier, identifierStart == nil { identifierStart = buffer.count }
        GeoJSONEncoding.appendString(value, to: &buffer)
    }

    /// `null` when `value` is nil.
    public mutating func string(_ key: GeoJSONPropertyKey, _ value: String?) {
        guard let value else { return null(key) }
        string(key, value)
    }

    public mutating func number(_ key: GeoJSONPropertyKey, _ value: Double) {
        self.key(key)
        if value.isFinite {
            NumberFormatting.appendPlainDecimal(value, to: &buffer)
        } else {
            buffer.append(contentsOf: "null".utf8)  // never written: the writer refuses the feature
            if nonFinite == nil { nonFinite = (String(decoding: key.text.dropLast(), as: UTF8.self).trimmingQuotes, value) }
        }
    }

    /// `null` when `value` is nil.
    public mutating func integer(_ key: GeoJSONPropertyKey, _ value: Int?) {
        guard let value else { return null(key) }
        self.key(key)
        appendDecimalDigits(of: value)
    }

    /// The digits of `value` as `String(value)` writes them, without a String.
    private mutating func appendDecimalDigits(of value: Int) {
        if value < 0 { buffer.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes, up to 20 digits
        var n = 0
        withUnsafeMutableBytes(of: &digits) { d in
            repeat {
                d[n] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                n += 1
            } while magnitude > 0
            for i in stride(from: n - 1, through: 0, by: -1) { buffer.append(d[i]) }
        }
    }

    public mutating func bool(_ key: GeoJSONPropertyKey, _ value: Bool) {
        self.key(key)
        buffer.append(contentsOf: (value ? "true" : "false").utf8)
    }

    public mutating func null(_ key: GeoJSONPropertyKey) {
        self.key(key)
        buffer.append(contentsOf: "null".utf8)
    }
}

private extension String {
    /// `"weight"` → `weight`.
    var trimmingQuotes: String { count >= 2 && hasPrefix("\"") && hasSuffix("\"") ? String(dropFirst().dropLast()) : self }
}
