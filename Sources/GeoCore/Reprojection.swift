internal import CPROJ

/// Reprojects coordinates between two CRSs with PROJ: by default from a
/// source CRS to WGS84 longitude/latitude (input), or from WGS84 to a map
/// projection (output). Owns its PROJ context and transformation; one per
/// thread.
public final class Reprojector {
    private let context: OpaquePointer
    private let transformation: OpaquePointer
    public let sourceCRS: String
    public let targetCRS: String

    /// Each CRS is anything PROJ accepts: "EPSG:32630",
    /// "urn:ogc:def:crs:EPSG::3857", a WKT or PROJ string such as
    /// "+proj=laea +lat_0=17 +lon_0=-4 +datum=WGS84 +units=m".
    public init(sourceCRS: String, targetCRS: String = "EPSG:4326") throws(GeoCoreError) {
        guard let ctx = proj_context_create() else {
            throw GeoCoreError(library: .proj, function: "proj_context_create", message: "could not create a PROJ context")
        }
        // PROJ prints its errors to stderr ("proj_create: crs not found")
        // before returning them; they are reported once, in our sentence.
        proj_log_level(ctx, PJ_LOG_NONE)
        func fail(_ function: String) -> GeoCoreError {
            let errno = proj_context_errno(ctx)
            let message = proj_context_errno_string(ctx, errno).map { String(cString: $0) } ?? "unknown error"
            return GeoCoreError(library: .proj, function: function, message: "\(message) (from \(sourceCRS) to \(targetCRS))")
        }
        guard let raw = proj_create_crs_to_crs(ctx, sourceCRS, targetCRS, nil) else {
            let error = fail("proj_create_crs_to_crs")
            proj_context_destroy(ctx)
            throw error
        }
        // Longitude first, whatever the CRS's official axis order.
        let normalized = proj_normalize_for_visualization(ctx, raw)
        proj_destroy(raw)
        guard let normalized else {
            let error = fail("proj_normalize_for_visualization")
            proj_context_destroy(ctx)
            throw error
        }
        self.context = ctx
        self.transformation = normalized
        self.sourceCRS = sourceCRS
        self.targetCRS = targetCRS
    }

    deinit {
        proj_destroy(transformation)
        proj_context_destroy(context)
    }

    /// The PROJ library version, e.g. "9.1.1".
    public static var projVersion: String {
        String(cString: proj_info().version)
    }

    public func transform(_ c: Coordinate) throws(GeoCoreError) -> Coordinate {
        var input = PJ_COORD()
        input.xy = PJ_XY(x: c.x, y: c.y)
        let out = proj_trans(transformation, PJ_FWD, input)
        let x = out.xy.x, y = out.xy.y
        guard x.isFinite, y.isFinite, x != .infinity else {
            let errno = proj_errno(transformation)
            let message = proj_context_errno_string(context, errno).map { String(cString: $0) } ?? "not finite"
            proj_errno_reset(transformation)
            throw GeoCoreError(library: .proj, function: "proj_trans",
                               message: "\(message) at (\(c.x), \(c.y)) from \(sourceCRS)")
        }
        return Coordinate(x: x, y: y)
    }

    public func transform(_ geometry: Geometry) throws(GeoCoreError) -> Geometry {
        do {
            return try geometry.mapCoordinates { try self.transform($0) }
        } catch let error as GeoCoreError {
            throw error
        } catch {
            throw GeoCoreError(library: .proj, function: "proj_trans", message: "\(error)")
        }
    }
}
