internal import CGDAL

/// An open GDAL dataset (a vector file, a workbook or a raster), owned:
/// the handle is closed in `deinit`, and every layer, band or feature read
/// from it is used while this object is alive. Nothing GDAL-typed leaves
/// GeoFormats: readers turn what they read into `Feature`s, tables and
/// arrays of cell values.
///
/// GDAL reports errors through CPL's thread-local error state; each call
/// is made with a quiet handler pushed (so nothing is printed on stderr)
/// and its message is carried into the `FormatError`.
final class GDALDataset {
    let handle: GDALDatasetH
    /// The path as the user gave it, for messages.
    let path: String

    /// GDAL's drivers, registered once per process.
    static let registered: Void = { GDALAllRegister() }()

    /// Opens `gdalPath` (a file, or a `/vsizip/` path inside an archive)
    /// read-only as a vector (`raster == false`) or raster dataset.
    /// `config` holds thread-local configuration options set during the open
    /// only (such as `OGR_XLSX_HEADERS`).
    init(gdalPath: String, path: String, raster: Bool, config: [(String, String)] = []) throws(FormatError) {
        _ = Self.registered
        for (key, value) in config { CPLSetThreadLocalConfigOption(key, value) }
        defer { for (key, _) in config { CPLSetThreadLocalConfigOption(key, nil) } }
        let flags = UInt32(raster ? GDAL_OF_RASTER : GDAL_OF_VECTOR) | UInt32(GDAL_OF_READONLY)
        let opened = GDALCall.quietly { GDALOpenEx(gdalPath, flags, nil, nil, nil) }
        guard let opened else {
            let detail = GDALCall.lastMessage()
            throw FormatError(path: path, message: "GDAL cannot open it as a \(raster ? "raster" : "vector") dataset"
                                  + (detail.isEmpty ? "" : " (\(detail))"))
        }
        handle = opened
        self.path = path
    }

    deinit { GDALClose(handle) }

    /// The short name of the driver that opened the file: `ESRI Shapefile`, `KML`, `XLSX`, `GTiff`.
    var driverName: String {
        guard let driver = GDALGetDatasetDriver(handle), let name = GDALGetDriverShortName(driver) else { return "GDAL" }
        return String(cString: name)
    }
}

/// How GeoFormats calls GDAL: quietly, reading the message of a failure.
enum GDALCall {
    static func quietly<T>(_ body: () -> T) -> T {
        CPLErrorReset()
        CPLPushErrorHandler(CPLQuietErrorHandler)
        defer { CPLPopErrorHandler() }
        return body()
    }

    /// CPL's last error message on this thread ("" when there is none).
    static func lastMessage() -> String {
        guard let message = CPLGetLastErrorMsg() else { return "" }
        return String(cString: message).trimmingWhitespace
    }

    /// The version of the GDAL library, e.g. `3.6.2`.
    static var version: String {
        guard let text = GDALVersionInfo("RELEASE_NAME") else { return "unknown" }
        return String(cString: text)
    }
}

/// A spatial reference as PROJ takes it: `EPSG:n` when GDAL recognises an
/// EPSG code, else the WKT2 definition; nil for WGS84 longitude/latitude.
enum GDALSpatialReference {
    /// The name of a borrowed spatial reference handle (cloned, never freed here).
    static func name(_ borrowed: OGRSpatialReferenceH?) -> String? {
        guard let borrowed, let srs = OSRClone(borrowed) else { return nil }
        defer { OSRDestroySpatialReference(srs) }
        _ = GDALCall.quietly { OSRAutoIdentifyEPSG(srs) }
        if let authority = OSRGetAuthorityName(srs, nil), String(cString: authority).uppercased() == "EPSG",
           let code = OSRGetAuthorityCode(srs, nil)
        {
            let epsg = String(cString: code)
            return epsg == "4326" ? nil : "EPSG:\(epsg)"
        }
        var wkt: UnsafeMutablePointer<CChar>?
        let options = ["FORMAT=WKT2_2019"]
        let status = withCStringArray(options) { OSRExportToWktEx(srs, &wkt, $0) }
        defer { VSIFree(wkt) }
        guard status == OGRERR_NONE, let wkt else { return nil }
        return String(cString: wkt)
    }
}

/// A NULL-terminated array of C strings for GDAL's option lists, alive during `body`.
func withCStringArray<T>(_ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>) -> T) -> T {
    let copies = strings.map { strdup($0) }
    defer { copies.forEach { free($0) } }
    let pointers: [UnsafePointer<CChar>?] = copies.map { UnsafePointer($0) } + [nil]
    return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
}
