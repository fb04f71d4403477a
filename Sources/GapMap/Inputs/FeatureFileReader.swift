import Foundation
import GeoCore
import GeoFormats

/// Reads input files into features, whatever their format, in WGS84.
public enum FeatureFileReader {
    /// CRS names that mean WGS84 longitude/latitude (RFC 7946's only CRS).
    static let wgs84Names: Set<String> = [
        "urn:ogc:def:crs:ogc:1.3:crs84", "urn:ogc:def:crs:ogc::crs84", "ogc:crs84", "crs84", "epsg:4326",
        "urn:ogc:def:crs:epsg::4326", "urn:ogc:def:crs:epsg:4326", "http://www.opengis.net/def/crs/ogc/1.3/crs84",
        "http://www.opengis.net/def/crs/epsg/0/4326",
    ]

    /// Reads a CSV, GeoJSON or GeoPackage file with gapmap's own readers,
    /// a workbook's sheet (`.xlsx`, `.ods`) or any other vector file
    /// (Shapefile, zipped or not, KML/KMZ, FileGDB, FlatGeobuf) through
    /// GDAL. A layer or sheet is named after a colon (`plan.gpkg:needs`,
    /// `inventory.xlsx:Needs`); without one, the file's only feature layer
    /// (a workbook's first sheet) is read.
    public static func read(_ reference: String) throws -> FeatureCollection {
        let (path, layer) = GeoPackageReader.splitLayerReference(reference)
        guard FileManager.default.fileExists(atPath: path) else {
            throw GapMapError(file: path, message: "the file does not exist", fix: "Check the path (it is relative to \(FileManager.default.currentDirectoryPath))")
        }
        var collection: FeatureCollection
        switch try format(of: path) {
        case .geojson: collection = try GeoJSONReader.read(contentsOf: path)
        case .csv: collection = try CSVFeatureReader.read(contentsOf: path)
        case .geopackage: collection = try GeoPackageReader.read(contentsOf: path, layer: layer)
        case .vector: collection = try VectorFileReader.read(contentsOf: path, layer: layer)
        case .spreadsheet: collection = try SpreadsheetReader.read(contentsOf: path, sheet: layer)
        }
        if let crs = collection.source.crs, !wgs84Names.contains(crs.lowercased()) {
            let reprojector: Reprojector
            do {
                reprojector = try Reprojector(sourceCRS: crs)
            } catch {
                throw GapMapError(file: collection.source.path, field: "crs", message: "the file's CRS '\(crs)' is unknown to PROJ\(error.message.hasPrefix("Unknown error") ? "" : " (\(error.message))")",
                                  fix: [.geopackage, .vector].contains(collection.source.format)
                                      ? "Reproject the layer to WGS84 (EPSG:4326) in QGIS or with ogr2ogr -t_srs EPSG:4326"
                                      : "Save the file in WGS84 longitude/latitude (EPSG:4326), as RFC 7946 requires")
            }
            for i in collection.features.indices {
                guard let g = collection.features[i].geometry else { continue }
                do {
                    collection.features[i].geometry = try reprojector.transform(g)
                } catch {
                    collection.features[i].geometry = nil
                    collection.features[i].problem = FeatureProblem(field: "geometry", message: "cannot reproject from \(crs): \(error.message)")
                }
            }
        }
        return collection
    }

    static func format(of path: String) throws -> FeatureSource.Format {
        switch URL(fileURLWithPath: path).pathExtension.lowercased() {
        case "geojson", "json": return .geojson
        case "csv", "tsv", "txt": return .csv
        case "gpkg": return .geopackage
        case let ext where SpreadsheetReader.extensions.contains(ext): return .spreadsheet
        case let ext where VectorFileReader.extensions.contains(ext): return .vector
        default:
            if GeoPackageReader.isSQLite(path) { return .geopackage }
            // Sniff: GeoJSON starts with '{' after optional whitespace or BOM.
            guard let handle = FileHandle(forReadingAtPath: path) else {
                throw GapMapError(file: path, message: "the file cannot be opened for reading")
            }
            defer { try? handle.close() }
            let head = (try? handle.read(upToCount: 64)) ?? Data()
            let first = head.drop { $0 == 0xEF || $0 == 0xBB || $0 == 0xBF || $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }.first
            return first == UInt8(ascii: "{") ? .geojson : .csv
        }
    }
}
