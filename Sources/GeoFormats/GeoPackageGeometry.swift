import GeoCore

/// Why a GeoPackage geometry blob could not be read.
public struct GeoPackageGeometryError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}

/// The GeoPackage binary geometry encoding (OGC 12-128r18, §2.1.3): a header
/// (`GP`, version 0, flags, srs_id, an optional envelope) followed by WKB.
///
/// Flags, bit 0 first: byte order of the header (1 little-endian), envelope
/// contents indicator (bits 1–3: 0 none, 1 xy, 2 xyz, 3 xym, 4 xyzm), empty
/// geometry (bit 4), extended GeoPackageBinary (bit 5).
public enum GeoPackageGeometry {
    /// The parsed header of a blob.
    public struct Header: Hashable, Sendable {
        public var version: UInt8
        public var isLittleEndian: Bool
        /// 0 to 4, as in the flags.
        public var envelopeIndicator: Int
        public var isEmpty: Bool
        public var isExtended: Bool
        public var srsID: Int32
        /// The x/y part of the envelope, when the header carries one.
        public var envelope: Envelope?
        /// Where the WKB starts.
        public var wkbOffset: Int
    }

    /// Bytes of the envelope for each indicator value.
    static let envelopeSizes = [0, 32, 48, 48, 64]

    public static func header(of blob: [UInt8]) throws(GeoPackageGeometryError) -> Header {
        guard blob.count >= 8 else {
            throw GeoPackageGeometryError("the geometry blob has \(blob.count) bytes, fewer than the 8 of a GeoPackage header")
        }
        guard blob[0] == 0x47, blob[1] == 0x50 else {
            throw GeoPackageGeometryError("the geometry blob does not start with the GeoPackage magic 'GP' (is it a Spatialite or plain WKB geometry?)")
        }
        let flags = blob[3]
        let littleEndian = flags & 0x01 == 1
        let indicator = Int((flags >> 1) & 0x07)
        guard indicator < envelopeSizes.count else {
            throw GeoPackageGeometryError("the geometry header has the invalid envelope indicator \(indicator) (0 to 4 are defined)")
        }
        var reader = ByteReader(bytes: blob, littleEndian: littleEndian, offset: 4)
        let srsID = Int32(bitPattern: try reader.uint32())
        var envelope: Envelope?
        if indicator > 0 {
            guard blob.count >= 8 + envelopeSizes[indicator] else {
                throw GeoPackageGeometryError("the geometry blob ends inside its envelope")
            }
            let minX = try reader.double(), maxX = try reader.double(), minY = try reader.double(), maxY = try reader.double()
            envelope = Envelope(minX: minX, minY: minY, maxX: maxX, maxY: maxY)
        }
        return Header(version: blob[2], isLittleEndian: littleEndian, envelopeIndicator: indicator, isEmpty: flags & 0x10 != 0,
                      isExtended: flags & 0x20 != 0, srsID: srsID, envelope: envelope, wkbOffset: 8 + envelopeSizes[indicator])
    }

    /// The geometry of a blob, or nil for an empty geometry (the empty flag,
    /// or WKB that holds no coordinate). Z and M values are dropped.
    public static func decode(_ blob: [UInt8], engine: GeometryEngine) throws(GeoPackageGeometryError) -> Geometry? {
        let h = try header(of: blob)
        guard h.version == 0 else {
            throw GeoPackageGeometryError("the geometry blob has version \(h.version); GeoPackage 1.x writes version 0")
        }
        guard !h.isExtended else {
            throw GeoPackageGeometryError("the geometry uses an extended GeoPackageBinary type, which gapmap cannot read")
        }
        if h.isEmpty { return nil }
        guard blob.count > h.wkbOffset else {
            throw GeoPackageGeometryError("the geometry blob has a header but no WKB")
        }
        let geometry: Geometry
        do {
            geometry = try engine.geometry(wkb: Array(blob[h.wkbOffset...]))
        } catch {
            throw GeoPackageGeometryError("the WKB of the geometry cannot be read: \(error.message)")
        }
        return geometry.isEmpty ? nil : geometry
    }

    /// A blob for `geometry`: little-endian header with the x/y envelope
    /// (none for an empty geometry, whose empty flag is set), then
    /// little-endian ISO WKB (written here for a point, the bulk of a
    /// layer of needs or incidents; by GEOS for everything else).
    public static func encode(_ geometry: Geometry, srsID: Int32, engine: GeometryEngine) throws(GeoCoreError) -> [UInt8] {
        let envelope = geometry.isEmpty ? nil : geometry.envelope
        var blob: [UInt8] = [0x47, 0x50, 0, envelope == nil ? 0x11 : 0x03]
        blob.reserveCapacity(40 + 16 * geometry.coordinateCount + 9)
        appendLittleEndian(UInt32(bitPattern: srsID), to: &blob)
        if let envelope {
            for v in [envelope.minX, envelope.maxX, envelope.minY, envelope.maxY] { appendLittleEndian(v.bitPattern, to: &blob) }
        }
        if case .point(let c) = geometry, c.isFinite {
            // ISO WKB of a 2-D point, as GEOS writes it: byte order, type 1, x, y.
            blob.append(1)
            appendLittleEndian(UInt32(1), to: &blob)
            appendLittleEndian(c.x.bitPattern, to: &blob)
            appendLittleEndian(c.y.bitPattern, to: &blob)
        } else {
            blob += try engine.wkb(geometry)
        }
        return blob
    }

    /// The x/y envelope of a blob: from its header when it carries one,
    /// else from its WKB (points are usually written without one). Nil for
    /// an empty geometry. Pure Swift, so SQL functions can call it from any
    /// thread.
    public static func envelope(of blob: [UInt8]) throws(GeoPackageGeometryError) -> Envelope? {
        let h = try header(of: blob)
        if h.isEmpty { return nil }
        if let e = h.envelope { return e }
        var walker = WKBEnvelope(bytes: blob, offset: h.wkbOffset)
        try walker.geometry()
        return walker.envelope
    }

    static func appendLittleEndian<T: FixedWidthInteger>(_ value: T, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }
}

/// Reads fixed-width numbers from a byte array in a given byte order.
struct ByteReader {
    let bytes: [UInt8]
    var littleEndian: Bool
    var offset: Int

    init(bytes: [UInt8], littleEndian: Bool, offset: Int) {
        self.bytes = bytes
        self.littleEndian = littleEndian
        self.offset = offset
    }

    mutating func uint8() throws(GeoPackageGeometryError) -> UInt8 {
        guard offset < bytes.count else { throw GeoPackageGeometryError("the geometry blob is truncated at byte \(offset)") }
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func uint32() throws(GeoPackageGeometryError) -> UInt32 {
        guard offset + 4 <= bytes.count else { throw GeoPackageGeometryError("the geometry blob is truncated at byte \(offset)") }
        var v: UInt32 = 0
        for i in 0..<4 { v |= UInt32(bytes[offset + i]) << (8 * UInt32(littleEndian ? i : 3 - i)) }
        offset += 4
        return v
    }

    mutating func double() throws(GeoPackageGeometryError) -> Double {
        guard offset + 8 <= bytes.count else { throw GeoPackageGeometryError("the geometry blob is truncated at byte \(offset)") }
        var v: UInt64 = 0
        for i in 0..<8 { v |= UInt64(bytes[offset + i]) << (8 * UInt64(littleEndian ? i : 7 - i)) }
        offset += 8
        return Double(bitPattern: v)
    }
}

/// Walks WKB (ISO or extended, either byte order, any dimension, curves
/// included) and collects the x/y envelope of its finite coordinates.
struct WKBEnvelope {
    var reader: ByteReader
    var envelope: Envelope?
    private var depth = 0

    init(bytes: [UInt8], offset: Int) {
        reader = ByteReader(bytes: bytes, littleEndian: true, offset: offset)
    }

    mutating func geometry() throws(GeoPackageGeometryError) {
        depth += 1
        defer { depth -= 1 }
        guard depth <= 64 else { throw GeoPackageGeometryError("the WKB nests geometries more than 64 deep") }
        reader.littleEndian = try reader.uint8() == 1
        let code = try reader.uint32()
        // Extended WKB flags in the high bits; ISO adds 1000 (Z), 2000 (M), 3000 (ZM).
        var dimensions = 2
        if code & 0x8000_0000 != 0 { dimensions += 1 }
        if code & 0x4000_0000 != 0 { dimensions += 1 }
        if code & 0x2000_0000 != 0 { _ = try reader.uint32() }  // EWKB SRID
        let iso = Int(code & 0x0FFF_FFFF)
        switch iso / 1000 {
        case 1, 2: dimensions += 1
        case 3: dimensions += 2
        default: break
        }
        switch iso % 1000 {
        case 1:
            try point(dimensions)
        case 2, 8:  // LineString, CircularString
            try points(dimensions)
        case 3, 17:  // Polygon, Triangle
            let rings = try reader.uint32()
            for _ in 0..<rings { try points(dimensions) }
        case 4, 5, 6, 7, 9, 10, 11, 12, 15, 16:  // multi-geometries, collections, compound curves, surfaces
            let parts = try reader.uint32()
            for _ in 0..<parts { try geometry() }
        default:
            throw GeoPackageGeometryError("the WKB has the unknown geometry type \(code)")
        }
    }

    private mutating func points(_ dimensions: Int) throws(GeoPackageGeometryError) {
        let n = try reader.uint32()
        guard Int(n) <= (reader.bytes.count - reader.offset) / (8 * dimensions) else {
            throw GeoPackageGeometryError("the WKB announces \(n) points but is shorter than that")
        }
        for _ in 0..<n { try point(dimensions) }
    }

    private mutating func point(_ dimensions: Int) throws(GeoPackageGeometryError) {
        let x = try reader.double(), y = try reader.double()
        for _ in 2..<dimensions { _ = try reader.double() }
        let c = Coordinate(x: x, y: y)
        guard c.isFinite else { return }  // an empty point is written as NaN, NaN
        if envelope == nil { envelope = Envelope(c) } else { envelope!.expand(toInclude: c) }
    }
}
