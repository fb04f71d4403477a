internal import CGEOS

/// The planar geometry operations of GEOS, on one GEOS context.
///
/// GEOS is planar and unit-less: the engine never measures a length or an
/// area (see `Geodesy` for that). An engine is used by one thread at a time;
/// parallel work makes one engine per worker and exchanges `Geometry` values.
public final class GeometryEngine {
    let context: GEOSContext

    public init() throws(GeoCoreError) {
        context = try GEOSContext()
    }

    /// The GEOS library version, e.g. "3.11.1-CAPI-1.17.1".
    public static var geosVersion: String { String(cString: GEOSversion()) }

    // MARK: Conversion

    /// A GEOS copy of `geometry`, owned by the returned object.
    public func native(_ geometry: Geometry) throws(GeoCoreError) -> NativeGeometry {
        context.resetMessage()
        return NativeGeometry(owning: try GEOSConversion.make(geometry, context: context), context: context)
    }

    private func owned(_ function: String, _ pointer: OpaquePointer?) throws(GeoCoreError) -> NativeGeometry {
        NativeGeometry(owning: try context.nonNull(function, pointer), context: context)
    }

    // MARK: Validity

    /// Why GEOS finds the geometry invalid, or nil when it is valid.
    public func invalidityReason(_ geometry: Geometry) throws(GeoCoreError) -> String? {
        let g = try native(geometry)
        return try withExtendedLifetime(g) { () throws(GeoCoreError) -> String? in
            let valid = try context.predicate("GEOSisValid_r", GEOSisValid_r(context.handle, g.pointer))
            if valid { return nil }
            guard let reason = GEOSisValidReason_r(context.handle, g.pointer) else { return "invalid geometry" }
            defer { GEOSFree_r(context.handle, reason) }
            return String(cString: reason)
        }
    }

    public func isValid(_ geometry: Geometry) throws(GeoCoreError) -> Bool {
        try invalidityReason(geometry) == nil
    }

    /// Repairs an invalid geometry with GEOS MakeValid ("structure" method,
    /// collapsed parts dropped).
    public func makeValid(_ geometry: Geometry) throws(GeoCoreError) -> Geometry {
        let g = try native(geometry)
        let result = try withExtendedLifetime(g) { () throws(GeoCoreError) -> NativeGeometry in
            guard let params = GEOSMakeValidParams_create_r(context.handle) else {
                throw context.error("GEOSMakeValidParams_create_r")
            }
            defer { GEOSMakeValidParams_destroy_r(context.handle, params) }
            _ = GEOSMakeValidParams_setMethod_r(context.handle, params, GEOS_MAKE_VALID_STRUCTURE)
            _ = GEOSMakeValidParams_setKeepCollapsed_r(context.handle, params, 0)
            return try owned("GEOSMakeValidWithParams_r", GEOSMakeValidWithParams_r(context.handle, g.pointer, params))
        }
        return try result.value()
    }

    // MARK: Overlay

    /// The union of many geometries (GEOS unary union), right for
    /// overlapping footprints.
    ///
    /// With `workers` > 1 and many polygonal geometries, the work is spread
    /// over the cores: the geometries are split in two at the median x of
    /// their envelope centres, each half is united on its own thread with its
    /// own GEOS context (splitting again while workers remain), and the two
    /// halves are merged here. Only the parts of each half whose envelope
    /// meets the other half's go through that last overlay; the others cannot
    /// overlap anything of the other half and are kept as they are.
    ///
    /// The parallel union covers the same points as GEOS's cascaded union,
    /// but computes its intersection points in another order, so a vertex
    /// can differ in the last bit and an overlay of it with a polygon can
    /// gain or lose a vertex on one of the polygon's edges. Areas are
    /// measured with edges straight in longitude/latitude (RFC 7946), where
    /// a vertex inserted on an edge changes nothing, so the areas agree to
    /// rounding (1e-12 of a commune): the parallel union is the default.
    public func union(_ geometries: [Geometry], workers: Int = defaultWorkerCount) throws(GeoCoreError) -> NativeGeometry {
        guard workers > 1, geometries.count >= 2 * Self.minimumParallelUnion, geometries.allSatisfy(\.isPolygonal) else {
            return try union(try native(.collection(geometries)))
        }
        let centres = geometries.map { $0.envelope?.center.x ?? 0 }
        let order = geometries.indices.sorted { centres[$0] < centres[$1] }
        let half = order.count / 2
        let groups = [order[..<half].map { geometries[$0] }, order[half...].map { geometries[$0] }]
        let halves: [Geometry]
        do {
            halves = try parallelChunks(count: 2, workers: 2) { range in
                try GeometryEngine().union(groups[range.lowerBound], workers: workers / 2).value()
            }
        } catch let error as GeoCoreError {
            throw error
        } catch {
            throw GeoCoreError(library: .geoCore, function: "union", message: "\(error)")
        }
        return try mergeUnions(halves[0], halves[1])
    }

    /// Below this many geometries a half is not worth a thread of its own.
    static let minimumParallelUnion = 256

    /// The union of two polygonal geometries, each already a union (its
    /// parts do not overlap): parts whose envelope misses the other side's
    /// envelope pass through, the rest is united with one overlay.
    func mergeUnions(_ a: Geometry, _ b: Geometry) throws(GeoCoreError) -> NativeGeometry {
        let partsA = a.polygons, partsB = b.polygons
        guard let envelopeA = a.envelope, let envelopeB = b.envelope, envelopeA.intersects(envelopeB) else {
            return try native(.multiPolygon(partsA + partsB))
        }
        let strip = Envelope(minX: max(envelopeA.minX, envelopeB.minX), minY: max(envelopeA.minY, envelopeB.minY),
                             maxX: min(envelopeA.maxX, envelopeB.maxX), maxY: min(envelopeA.maxY, envelopeB.maxY))
        func near(_ p: Polygon) -> Bool { Geometry.polygon(p).envelope.map { $0.intersects(strip) } ?? false }
        let nearA = partsA.filter(near), nearB = partsB.filter(near)
        guard !nearA.isEmpty, !nearB.isEmpty else { return try native(.multiPolygon(partsA + partsB)) }
        let left = try native(.multiPolygon(nearA)), right = try native(.multiPolygon(nearB))
        let merged = try withExtendedLifetime((left, right)) { () throws(GeoCoreError) -> NativeGeometry in
            try owned("GEOSUnion_r", GEOSUnion_r(context.handle, left.pointer, right.pointer))
        }
        let kept = partsA.filter { !near($0) } + partsB.filter { !near($0) }
        if kept.isEmpty { return merged }
        return try native(.multiPolygon(kept + (try merged.value()).polygons))
    }

    public func union(_ geometry: NativeGeometry) throws(GeoCoreError) -> NativeGeometry {
        try withExtendedLifetime(geometry) { () throws(GeoCoreError) -> NativeGeometry in
            try owned("GEOSUnaryUnion_r", GEOSUnaryUnion_r(context.handle, geometry.pointer))
        }
    }

    /// The union of polygons known not to overlap (a coverage such as
    /// communes), much faster than `union`. GEOS does not check the premise:
    /// a wrong answer follows if the polygons overlap.
    public func coverageUnion(_ geometries: [Geometry]) throws(GeoCoreError) -> NativeGeometry {
        let collection = try native(.collection(geometries))
        return try withExtendedLifetime(collection) { () throws(GeoCoreError) -> NativeGeometry in
            try owned("GEOSCoverageUnion_r", GEOSCoverageUnion_r(context.handle, collection.pointer))
        }
    }

    public func intersection(_ a: NativeGeometry, _ b: NativeGeometry) throws(GeoCoreError) -> NativeGeometry {
        try withExtendedLifetime((a, b)) { () throws(GeoCoreError) -> NativeGeometry in
            try owned("GEOSIntersection_r", GEOSIntersection_r(context.handle, a.pointer, b.pointer))
        }
    }

    public func difference(_ a: NativeGeometry, _ b: NativeGeometry) throws(GeoCoreError) -> NativeGeometry {
        try withExtendedLifetime((a, b)) { () throws(GeoCoreError) -> NativeGeometry in
            try owned("GEOSDifference_r", GEOSDifference_r(context.handle, a.pointer, b.pointer))
        }
    }

    /// The geometry with vertices dropped while no part moves more than
    /// `toleranceDegrees` and no ring collapses or crosses itself (GEOS
    /// TopologyPreserveSimplify): for drawing at screen scale only. The
    /// tolerance is in degrees because it bounds a displacement on a
    /// longitude/latitude drawing; nothing is measured with it.
    public func simplified(_ geometry: Geometry, toleranceDegrees: Double) throws(GeoCoreError) -> Geometry {
        let g = try native(geometry)
        return try withExtendedLifetime(g) { () throws(GeoCoreError) -> Geometry in
            try owned("GEOSTopologyPreserveSimplify_r", GEOSTopologyPreserveSimplify_r(context.handle, g.pointer, toleranceDegrees)).value()
        }
    }

    public func intersection(_ a: Geometry, _ b: Geometry) throws(GeoCoreError) -> Geometry {
        try intersection(try native(a), try native(b)).value()
    }

    public func difference(_ a: Geometry, _ b: Geometry) throws(GeoCoreError) -> Geometry {
        try difference(try native(a), try native(b)).value()
    }

    /// True when the geometries share any point (not prepared: for a pair
    /// tested once).
    public func intersects(_ a: NativeGeometry, _ b: NativeGeometry) throws(GeoCoreError) -> Bool {
        try withExtendedLifetime((a, b)) { () throws(GeoCoreError) -> Bool in
            try context.predicate("GEOSIntersects_r", GEOSIntersects_r(context.handle, a.pointer, b.pointer))
        }
    }

    /// True when `a` covers all of `b` (not prepared: for a pair tested once).
    public func covers(_ a: NativeGeometry, _ b: NativeGeometry) throws(GeoCoreError) -> Bool {
        try withExtendedLifetime((a, b)) { () throws(GeoCoreError) -> Bool in
            try context.predicate("GEOSCovers_r", GEOSCovers_r(context.handle, a.pointer, b.pointer))
        }
    }

    /// A point guaranteed to lie in the geometry's interior (GEOS
    /// PointOnSurface), or nil for an empty geometry.
    public func pointOnSurface(_ geometry: Geometry) throws(GeoCoreError) -> Coordinate? {
        let g = try native(geometry)
        let p = try withExtendedLifetime(g) { () throws(GeoCoreError) -> NativeGeometry in
            try owned("GEOSPointOnSurface_r", GEOSPointOnSurface_r(context.handle, g.pointer))
        }
        if case .point(let c) = try p.value() { return c }
        return nil
    }

    // MARK: Prepared geometries

    /// Prepares `geometry` for many repeated predicate tests.
    public func prepare(_ geometry: Geometry) throws(GeoCoreError) -> PreparedGeometry {
        try prepare(try native(geometry))
    }

    public func prepare(_ geometry: NativeGeometry) throws(GeoCoreError) -> PreparedGeometry {
        try withExtendedLifetime(geometry) { () throws(GeoCoreError) -> PreparedGeometry in
            let prepared = try context.nonNull("GEOSPrepare_r", GEOSPrepare_r(context.handle, geometry.pointer))
            return PreparedGeometry(owning: prepared, base: geometry, context: context)
        }
    }

    // MARK: WKT and WKB

    public func wkt(_ geometry: Geometry, decimals: Int? = nil) throws(GeoCoreError) -> String {
        let g = try native(geometry)
        return try withExtendedLifetime(g) { () throws(GeoCoreError) -> String in
            let writer = try context.nonNull("GEOSWKTWriter_create_r", GEOSWKTWriter_create_r(context.handle))
            defer { GEOSWKTWriter_destroy_r(context.handle, writer) }
            GEOSWKTWriter_setTrim_r(context.handle, writer, 1)
            if let decimals { GEOSWKTWriter_setRoundingPrecision_r(context.handle, writer, Int32(decimals)) }
            let text = try context.nonNull("GEOSWKTWriter_write_r", GEOSWKTWriter_write_r(context.handle, writer, g.pointer))
            defer { GEOSFree_r(context.handle, text) }
            return String(cString: text)
        }
    }

    public func geometry(wkt: String) throws(GeoCoreError) -> Geometry {
        let reader = try context.nonNull("GEOSWKTReader_create_r", GEOSWKTReader_create_r(context.handle))
        defer { GEOSWKTReader_destroy_r(context.handle, reader) }
        context.resetMessage()
        let g = try owned("GEOSWKTReader_read_r", GEOSWKTReader_read_r(context.handle, reader, wkt))
        return try g.value()
    }

    /// ISO WKB, little-endian, two dimensions.
    public func wkb(_ geometry: Geometry) throws(GeoCoreError) -> [UInt8] {
        let g = try native(geometry)
        return try withExtendedLifetime(g) { () throws(GeoCoreError) -> [UInt8] in
            let writer = try context.nonNull("GEOSWKBWriter_create_r", GEOSWKBWriter_create_r(context.handle))
            defer { GEOSWKBWriter_destroy_r(context.handle, writer) }
            GEOSWKBWriter_setOutputDimension_r(context.handle, writer, 2)
            GEOSWKBWriter_setByteOrder_r(context.handle, writer, Int32(GEOS_WKB_NDR.rawValue))
            GEOSWKBWriter_setFlavor_r(context.handle, writer, Int32(GEOS_WKB_ISO.rawValue))
            var size = 0
            let bytes = try context.nonNull("GEOSWKBWriter_write_r", GEOSWKBWriter_write_r(context.handle, writer, g.pointer, &size))
            defer { GEOSFree_r(context.handle, bytes) }
            return Array(UnsafeBufferPointer(start: bytes, count: size))
        }
    }

    /// Reads WKB (ISO or extended, either byte order).
    public func geometry(wkb: [UInt8]) throws(GeoCoreError) -> Geometry {
        let reader = try context.nonNull("GEOSWKBReader_create_r", GEOSWKBReader_create_r(context.handle))
        defer { GEOSWKBReader_destroy_r(context.handle, reader) }
        context.resetMessage()
        let pointer = wkb.withUnsafeBufferPointer { buf in
            GEOSWKBReader_read_r(context.handle, reader, buf.baseAddress, buf.count)
        }
        return try owned("GEOSWKBReader_read_r", pointer).value()
    }
}

/// A prepared geometry for fast repeated predicates (point in polygon).
/// Owns the GEOS prepared handle and keeps its base geometry alive.
public final class PreparedGeometry {
    let pointer: OpaquePointer
    let base: NativeGeometry
    let context: GEOSContext
    public let envelope: Envelope?

    init(owning pointer: OpaquePointer, base: NativeGeometry, context: GEOSContext) {
        self.pointer = pointer
        self.base = base
        self.context = context
        self.envelope = base.envelope
    }

    deinit {
        GEOSPreparedGeom_destroy_r(context.handle, pointer)
    }

    /// True when the geometry covers the point: inside or on the boundary.
    public func covers(_ c: Coordinate) throws(GeoCoreError) -> Bool {
        guard let envelope, envelope.contains(c) else { return false }
        let h = context.handle
        let point = try context.nonNull("GEOSGeom_createPointFromXY_r", GEOSGeom_createPointFromXY_r(h, c.x, c.y))
        defer { GEOSGeom_destroy_r(h, point) }
        return try withExtendedLifetime(self) { () throws(GeoCoreError) -> Bool in
            try context.predicate("GEOSPreparedCovers_r", GEOSPreparedCovers_r(h, pointer, point))
        }
    }

    /// True when the geometries share any point.
    public func intersects(_ other: NativeGeometry) throws(GeoCoreError) -> Bool {
        try withExtendedLifetime((self, other)) { () throws(GeoCoreError) -> Bool in
            try context.predicate("GEOSPreparedIntersects_r", GEOSPreparedIntersects_r(context.handle, pointer, other.pointer))
        }
    }

    /// True when this geometry covers all of `other`.
    public func covers(_ other: NativeGeometry) throws(GeoCoreError) -> Bool {
        try withExtendedLifetime((self, other)) { () throws(GeoCoreError) -> Bool in
            try context.predicate("GEOSPreparedCovers_r", GEOSPreparedCovers_r(context.handle, pointer, other.pointer))
        }
    }
}
