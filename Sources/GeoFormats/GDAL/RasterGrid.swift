import Foundation
internal import CGDAL

/// The first band of a raster file (GeoTIFF and any other raster GDAL
/// reads), read a window at a time: its grid (size, north-up geotransform),
/// its CRS and its nodata value. The dataset is owned and closed with this
/// object; one reader per thread.
public final class RasterGrid {
    private let dataset: GDALDataset
    private let band: GDALRasterBandH
    public let path: String
    public let width: Int
    public let height: Int
    /// x of the left edge of column 0, and the width of a column (CRS units).
    public let originX: Double, cellWidth: Double
    /// y of the top edge of row 0, and the height of a row (negative for north-up).
    public let originY: Double, cellHeight: Double
    /// `EPSG:n` or WKT; `EPSG:4326` for WGS84 longitude/latitude.
    public let crs: String
    public let nodata: Double?
    /// The band's natural block (GeoTIFF tile or strip), in cells.
    public let blockWidth: Int, blockHeight: Int
    /// GDAL's short name of the driver: `GTiff`, `AAIGrid`, ...
    public var driver: String { dataset.driverName }

    public init(contentsOf path: String) throws(FormatError) {
        guard FileManager.default.fileExists(atPath: path) else {
            throw FormatError(path: path, message: "the raster file does not exist")
        }
        dataset = try GDALDataset(gdalPath: path, path: path, raster: true)
        _ = Self.cacheCapped
        guard GDALGetRasterCount(dataset.handle) >= 1, let band = GDALGetRasterBand(dataset.handle, 1) else {
            throw FormatError(path: path, message: "the file has no raster band")
        }
        self.band = band
        self.path = path
        width = Int(GDALGetRasterXSize(dataset.handle))
        height = Int(GDALGetRasterYSize(dataset.handle))
        var transform = [Double](repeating: 0, count: 6)
        guard GDALGetGeoTransform(dataset.handle, &transform) == CE_None else {
            throw FormatError(path: path, message: "the raster has no georeferencing (geotransform); assign it with gdal_translate -a_ullr and -a_srs")
        }
        guard transform[2] == 0, transform[4] == 0, transform[1] > 0, transform[5] != 0 else {
            throw FormatError(path: path, message: "the raster is rotated (geotransform \(transform)); warp it north-up with gdalwarp first")
        }
        originX = transform[0]; cellWidth = transform[1]
        originY = transform[3]; cellHeight = transform[5]
        guard let srs = GDALGetSpatialRef(dataset.handle) else {
            throw FormatError(path: path, message: "the raster has no coordinate reference system; assign it with gdal_translate -a_srs EPSG:…")
        }
        crs = GDALSpatialReference.name(srs) ?? "EPSG:4326"
        var hasNodata: Int32 = 0
        let value = GDALGetRasterNoDataValue(band, &hasNodata)
        nodata = hasNodata != 0 ? value : nil
        var bw: Int32 = 0, bh: Int32 = 0
        GDALGetBlockSize(band, &bw, &bh)
        blockWidth = Int(max(1, bw)); blockHeight = Int(max(1, bh))
    }

    /// GDAL's block cache, capped once per process at `cacheBytes` unless
    /// the user sets GDAL_CACHEMAX. gapmap reads each window once, in order,
    /// so a cache beyond a few bands of blocks only holds memory: GDAL's
    /// default (5 % of RAM, 1.2 GB on 24 GB) took the 100 m Mali benchmark
    /// from 744 MB to 1,882 MB and made it slower (239 s against 205 s).
    static let cacheBytes: Int64 = 64 << 20
    private static let cacheCapped: Void = {
        if ProcessInfo.processInfo.environment["GDAL_CACHEMAX"] == nil { GDALSetCacheMax64(GIntBig(cacheBytes)) }
    }()

    /// GDAL's block cache size now, in bytes (for tests).
    static var cacheMaximum: Int64 { Int64(GDALGetCacheMax64()) }

    /// The cells of columns `columns` and rows `rows`, row by row, as doubles.
    public func read(columns: Range<Int>, rows: Range<Int>) throws(FormatError) -> [Double] {
        var values = [Double](repeating: 0, count: columns.count * rows.count)
        guard !values.isEmpty else { return values }
        let status = values.withUnsafeMutableBytes { buffer in
            GDALCall.quietly {
                GDALRasterIO(band, GF_Read, Int32(columns.lowerBound), Int32(rows.lowerBound), Int32(columns.count), Int32(rows.count),
                             buffer.baseAddress, Int32(columns.count), Int32(rows.count), GDT_Float64, 0, 0)
            }
        }
        guard status == CE_None else {
            throw FormatError(path: path, message: "cannot read rows \(rows.lowerBound)–\(rows.upperBound - 1): \(GDALCall.lastMessage())")
        }
        return values
    }
}
