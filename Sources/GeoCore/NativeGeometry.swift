internal import CGEOS

/// A geometry held by GEOS, owned by exactly this object and destroyed once in
/// `deinit`. It keeps its engine's context alive. Use it to avoid converting a
/// large geometry (a coverage union) again for every operation.
public final class NativeGeometry {
    let pointer: OpaquePointer
    let context: GEOSContext

    /// Takes ownership of `pointer`.
    init(owning pointer: OpaquePointer, context: GEOSContext) {
        self.pointer = pointer
        self.context = context
    }

    deinit {
        GEOSGeom_destroy_r(context.handle, pointer)
    }

    /// The geometry as a Swift value.
    public func value() throws(GeoCoreError) -> Geometry {
        try withExtendedLifetime(self) { () throws(GeoCoreError) -> Geometry in
            try GEOSConversion.geometry(from: pointer, context: context)
        }
    }

    public var isEmpty: Bool {
        withExtendedLifetime(self) { GEOSisEmpty_r(context.handle, pointer) == 1 }
    }

    /// The bounding box, or nil when empty.
    public var envelope: Envelope? {
        withExtendedLifetime(self) {
            guard GEOSisEmpty_r(context.handle, pointer) == 0 else { return nil }
            var minX = 0.0, minY = 0.0, maxX = 0.0, maxY = 0.0
            guard GEOSGeom_getXMin_r(context.handle, pointer, &minX) == 1,
                  GEOSGeom_getYMin_r(context.handle, pointer, &minY) == 1,
                  GEOSGeom_getXMax_r(context.handle, pointer, &maxX) == 1,
                  GEOSGeom_getYMax_r(context.handle, pointer, &maxY) == 1
            else { return nil }
            return Envelope(minX: minX, minY: minY, maxX: maxX, maxY: maxY)
        }
    }
}

/// Conversions between `Geometry` values and GEOS geometries, moving
/// coordinates in bulk (`GEOSCoordSeq_copyFromBuffer_r` / `copyToBuffer_r`).
enum GEOSConversion {
    // MARK: Swift value -> GEOS (the caller owns the result)

    static func make(_ geometry: Geometry, context: GEOSContext) throws(GeoCoreError) -> OpaquePointer {
        let h = context.handle
        switch geometry {
        case .point(let c):
            if !c.x.isFinite && !c.y.isFinite {
                return try context.nonNull("GEOSGeom_createEmptyPoint_r", GEOSGeom_createEmptyPoint_r(h))
            }
            return try context.nonNull("GEOSGeom_createPointFromXY_r", GEOSGeom_createPointFromXY_r(h, c.x, c.y))
        case .multiPoint(let cs):
            var parts: [OpaquePointer] = []
            do {
                for c in cs { parts.append(try make(.point(c), context: context)) }
            } catch {
                destroy(parts, context: context)
                throw error
            }
            return try collection(Int32(GEOS_MULTIPOINT.rawValue), parts, context: context)
        case .lineString(let cs):
            if cs.isEmpty {
                return try context.nonNull("GEOSGeom_createEmptyLineString_r", GEOSGeom_createEmptyLineString_r(h))
            }
            let seq = try sequence(cs, context: context)
            return try context.nonNull("GEOSGeom_createLineString_r", GEOSGeom_createLineString_r(h, seq))
        case .multiLineString(let ls):
            var parts: [OpaquePointer] = []
            do {
                for l in ls { parts.append(try make(.lineString(l), context: context)) }
            } catch {
                destroy(parts, context: context)
                throw error
            }
            return try collection(Int32(GEOS_MULTILINESTRING.rawValue), parts, context: context)
        case .polygon(let p):
            return try polygon(p, context: context)
        case .multiPolygon(let ps):
            var parts: [OpaquePointer] = []
            do {
                for p in ps where !p.isEmpty { parts.append(try polygon(p, context: context)) }
            } catch {
                destroy(parts, context: context)
                throw error
            }
            return try collection(Int32(GEOS_MULTIPOLYGON.rawValue), parts, context: context)
        case .collection(let gs):
            var parts: [OpaquePointer] = []
            do {
                for g in gs { parts.append(try make(g, context: context)) }
            } catch {
                destroy(parts, context: context)
                throw error
            }
            return try collection(Int32(GEOS_GEOMETRYCOLLECTION.rawValue), parts, context: context)
        }
    }

    static func destroy(_ parts: [OpaquePointer], context: GEOSContext) {
        for p in parts { GEOSGeom_destroy_r(context.handle, p) }
    }

    /// Creates a collection; takes ownership of `parts` whether it succeeds or not.
    static func collection(_ type: Int32, _ parts: [OpaquePointer], context: GEOSContext) throws(GeoCoreError) -> OpaquePointer {
        var optionals: [OpaquePointer?] = parts
        let result = optionals.withUnsafeMutableBufferPointer { buf in
            GEOSGeom_createCollection_r(context.handle, type, buf.baseAddress, UInt32(buf.count))
        }
        guard let result else {
            // On failure GEOS has not taken the parts: free them here, once.
            let err = context.error("GEOSGeom_createCollection_r")
            destroy(parts, context: context)
            throw err
        }
        return result
    }

    static func sequence(_ coords: [Coordinate], context: GEOSContext) throws(GeoCoreError) -> OpaquePointer {
        let seq = coords.withUnsafeBufferPointer { buf -> OpaquePointer? in
            guard let base = buf.baseAddress else { return nil }
            // Coordinate is two Doubles laid out as x, y: the buffer GEOS expects.
            let doubles = UnsafeRawPointer(base).assumingMemoryBound(to: Double.self)
            return GEOSCoordSeq_copyFromBuffer_r(context.handle, doubles, UInt32(buf.count), 0, 0)
        }
        return try context.nonNull("GEOSCoordSeq_copyFromBuffer_r", seq)
    }

    static func ring(_ coords: [Coordinate], context: GEOSContext) throws(GeoCoreError) -> OpaquePointer {
        let seq = try sequence(Ring.closed(coords), context: context)
        // createLinearRing takes the sequence, even when it fails.
        return try context.nonNull("GEOSGeom_createLinearRing_r", GEOSGeom_createLinearRing_r(context.handle, seq))
    }

    static func polygon(_ p: Polygon, context: GEOSContext) throws(GeoCoreError) -> OpaquePointer {
        if p.isEmpty {
            return try context.nonNull("GEOSGeom_createEmptyPolygon_r", GEOSGeom_createEmptyPolygon_r(context.handle))
        }
        let shell = try ring(p.exterior, context: context)
        var holes: [OpaquePointer?] = []
        do {
            for h in p.holes where !h.isEmpty { holes.append(try ring(h, context: context)) }
        } catch {
            GEOSGeom_destroy_r(context.handle, shell)
            destroy(holes.compactMap { $0 }, context: context)
            throw error
        }
        let result = holes.withUnsafeMutableBufferPointer { buf in
            GEOSGeom_createPolygon_r(context.handle, shell, buf.baseAddress, UInt32(buf.count))
        }
        guard let result else {
            let err = context.error("GEOSGeom_createPolygon_r")
            GEOSGeom_destroy_r(context.handle, shell)
            destroy(holes.compactMap { $0 }, context: context)
            throw err
        }
        return result
    }

    // MARK: GEOS -> Swift value (borrows `pointer`)

    static func geometry(from pointer: OpaquePointer, context: GEOSContext) throws(GeoCoreError) -> Geometry {
        let h = context.handle
        let type = GEOSGeomTypeId_r(h, pointer)
        let empty = GEOSisEmpty_r(h, pointer) == 1
        switch type {
        case Int32(GEOS_POINT.rawValue):
            if empty { return .multiPoint([]) }
            var x = 0.0, y = 0.0
            try context.status("GEOSGeomGetX_r", GEOSGeomGetX_r(h, pointer, &x))
            try context.status("GEOSGeomGetY_r", GEOSGeomGetY_r(h, pointer, &y))
            return .point(Coordinate(x: x, y: y))
        case Int32(GEOS_LINESTRING.rawValue), Int32(GEOS_LINEARRING.rawValue):
            return .lineString(try coordinates(of: pointer, context: context))
        case Int32(GEOS_POLYGON.rawValue):
            if empty { return .multiPolygon([]) }
            return .polygon(try polygon(from: pointer, context: context))
        case Int32(GEOS_MULTIPOINT.rawValue):
            return .multiPoint(try parts(of: pointer, context: context).compactMap {
                if case .point(let c) = $0 { return c } else { return nil }
            })
        case Int32(GEOS_MULTILINESTRING.rawValue):
            return .multiLineString(try parts(of: pointer, context: context).compactMap {
                if case .lineString(let cs) = $0 { return cs } else { return nil }
            })
        case Int32(GEOS_MULTIPOLYGON.rawValue):
            return .multiPolygon(try parts(of: pointer, context: context).flatMap(\.polygons))
        case Int32(GEOS_GEOMETRYCOLLECTION.rawValue):
            return .collection(try parts(of: pointer, context: context))
        default:
            throw context.error("GEOSGeomTypeId_r")
        }
    }

    static func parts(of pointer: OpaquePointer, context: GEOSContext) throws(GeoCoreError) -> [Geometry] {
        let n = GEOSGetNumGeometries_r(context.handle, pointer)
        guard n >= 0 else { throw context.error("GEOSGetNumGeometries_r") }
        var result: [Geometry] = []
        result.reserveCapacity(Int(n))
        for i in 0..<n {
            // Borrowed: owned by the collection.
            let part = try context.nonNull("GEOSGetGeometryN_r", GEOSGetGeometryN_r(context.handle, pointer, i))
            result.append(try geometry(from: part, context: context))
        }
        return result
    }

    static func polygon(from pointer: OpaquePointer, context: GEOSContext) throws(GeoCoreError) -> Polygon {
        let h = context.handle
        let shell = try context.nonNull("GEOSGetExteriorRing_r", GEOSGetExteriorRing_r(h, pointer))
        let n = GEOSGetNumInteriorRings_r(h, pointer)
        guard n >= 0 else { throw context.error("GEOSGetNumInteriorRings_r") }
        var holes: [[Coordinate]] = []
        holes.reserveCapacity(Int(n))
        for i in 0..<n {
            let ring = try context.nonNull("GEOSGetInteriorRingN_r", GEOSGetInteriorRingN_r(h, pointer, i))
            holes.append(try coordinates(of: ring, context: context))
        }
        return Polygon(exterior: try coordinates(of: shell, context: context), holes: holes)
    }

    static func coordinates(of pointer: OpaquePointer, context: GEOSContext) throws(GeoCoreError) -> [Coordinate] {
        let h = context.handle
        let seq = try context.nonNull("GEOSGeom_getCoordSeq_r", GEOSGeom_getCoordSeq_r(h, pointer))
        var size: UInt32 = 0
        try context.status("GEOSCoordSeq_getSize_r", GEOSCoordSeq_getSize_r(h, seq, &size))
        guard size > 0 else { return [] }
        var status: Int32 = 0
        let coords = [Coordinate](unsafeUninitializedCapacity: Int(size)) { buf, count in
            let doubles = UnsafeMutableRawPointer(buf.baseAddress!).assumingMemoryBound(to: Double.self)
            status = GEOSCoordSeq_copyToBuffer_r(h, seq, doubles, 0, 0)
            count = status == 0 ? 0 : Int(size)
        }
        try context.status("GEOSCoordSeq_copyToBuffer_r", status)
        return coords
    }
}
