import Foundation
import GeoCore
internal import CGDAL

/// Reads the vector formats gapmap does not parse itself, through GDAL/OGR:
/// Shapefile (also zipped), KML and KMZ, File Geodatabase (OpenFileGDB),
/// FlatGeobuf, and any other vector file GDAL opens. Each feature is
/// located by its fid; geometries come out in two dimensions, curves
/// linearised; the CRS is reported in `source.crs` for the caller to
/// reproject, as GeoPackageReader does.
public enum VectorFileReader {
    /// The extensions read through GDAL (a `.gdb` is a folder).
    public static let extensions: Set<String> = ["shp", "zip", "kml", "kmz", "gdb", "fgb"]

    /// The layer `layer` (or the only one) of the file at `path`.
    public static func read(contentsOf path: String, layer: String? = nil) throws(FormatError) -> FeatureCollection {
        let gdalPath = try datasetPath(path, layer: layer)
        let dataset = try GDALDataset(gdalPath: gdalPath.path, path: path, raster: false)
        // A shapefile found inside an archive is its own single layer.
        return try read(dataset, layer: gdalPath.layerChosen ? nil : layer)
    }

    /// What GDAL opens for `path`: the file itself, or for a `.zip` the
    /// shapefile or geodatabase inside it (read through `/vsizip/`), with
    /// every sidecar of a shapefile checked first.
    static func datasetPath(_ path: String, layer: String?) throws(FormatError) -> (path: String, layerChosen: Bool) {
        let ext = URL(fileURLWithPath: path).pathExtension.lowercased()
        if ext == "shp" {
            let folder = (path as NSString).deletingLastPathComponent
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: folder.isEmpty ? "." : folder)) ?? []
            let base = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
            try checkSidecars(of: base, among: entries, where: path, container: "beside it")
            return (path, false)
        }
        guard ext == "zip" else { return (path, false) }
        let archive = "/vsizip/" + (path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path)
        let entries = GDALCall.quietly { () -> [String] in
            guard let list = VSIReadDirRecursive(archive) else { return [] }
            defer { CSLDestroy(list) }
            var names: [String] = []
            var i = 0
            while let entry = list[i] {
                names.append(String(cString: entry))
                i += 1
            }
            return names
        }
        if entries.isEmpty {
            throw FormatError(path: path, message: "the archive is empty or is not a ZIP file GDAL can read")
        }
        let shapefiles = entries.filter { $0.lowercased().hasSuffix(".shp") }
        let geodatabases = Set(entries.compactMap { entry -> String? in
            guard let range = entry.range(of: ".gdb", options: [.caseInsensitive]) else { return nil }
            return String(entry[..<range.upperBound])
        }).sorted()
        if shapefiles.isEmpty, let gdb = geodatabases.first {
            return (archive + "/" + gdb, false)
        }
        guard !shapefiles.isEmpty else {
            throw FormatError(path: path, message: "the archive holds no shapefile (.shp) and no file geodatabase (.gdb); it has: "
                                  + entries.prefix(12).joined(separator: ", "))
        }
        var chosen = shapefiles[0]
        if shapefiles.count > 1 || layer != nil {
            let names = shapefiles.map { (($0 as NSString).lastPathComponent as NSString).deletingPathExtension }
            guard let layer, let i = names.firstIndex(where: { $0.lowercased() == layer.lowercased() }) else {
                throw FormatError(path: path, message: (layer.map { "the archive has no shapefile '\($0)'; " } ?? "the archive holds \(shapefiles.count) shapefiles; ")
                                      + "name the one to read as \(path):\(names[0]) (it has: \(names.joined(separator: ", ")))")
            }
            chosen = shapefiles[i]
        }
        let base = (chosen as NSString).deletingPathExtension
        try checkSidecars(of: (base as NSString).lastPathComponent,
                          among: entries.filter { ($0 as NSString).deletingLastPathComponent == (base as NSString).deletingLastPathComponent }
                              .map { ($0 as NSString).lastPathComponent },
                          where: path, container: "in the archive")
        return (archive + "/" + chosen, true)
    }

    /// A shapefile is four files; without the .shx GDAL cannot read it, without
    /// the .dbf it has no attributes (no ids), without the .prj its CRS is unknown.
    private static func checkSidecars(of base: String, among entries: [String], where path: String, container: String) throws(FormatError) {
        let lowered = Set(entries.map { $0.lowercased() })
        let needed: [(ext: String, role: String)] = [
            ("shx", "its index of shapes, without which GDAL cannot read it"),
            ("dbf", "its attribute table (ids, names, P-codes)"),
            ("prj", "its coordinate reference system, without which its coordinates cannot be placed on the Earth"),
        ]
        for (ext, role) in needed where !lowered.contains("\(base.lowercased()).\(ext)") {
            throw FormatError(
                path: path, field: "\(base).\(ext)",
                message: "the shapefile \(base).shp has no \(base).\(ext) \(container) (\(role)); a shapefile is several files "
                    + "(.shp, .shx, .dbf, .prj): copy all of them, or zip them together and give the .zip")
        }
    }

    /// The names of the layers of an open dataset, in order.
    private static func layerNames(_ dataset: GDALDataset) -> [String] {
        (0..<GDALDatasetGetLayerCount(dataset.handle)).compactMap { i in
            GDALDatasetGetLayer(dataset.handle, i).flatMap { OGR_L_GetName($0) }.map { String(cString: $0) }
        }
    }

    static func read(_ dataset: GDALDataset, layer name: String?) throws(FormatError) -> FeatureCollection {
        let path = dataset.path
        let names = layerNames(dataset)
        let index: Int
        if let name {
            guard let i = names.firstIndex(of: name) ?? names.firstIndex(where: { $0.lowercased() == name.lowercased() }) else {
                throw FormatError(path: path, message: "the file has no layer '\(name)'; its layers are " + (names.isEmpty ? "none" : names.joined(separator: ", ")))
            }
            index = i
        } else {
            let withFeatures = names.indices.filter { i in
                GDALDatasetGetLayer(dataset.handle, Int32(i)).map { OGR_L_GetFeatureCount($0, 1) > 0 } ?? false
            }
            guard names.count == 1 || withFeatures.count == 1 else {
                throw FormatError(path: path, message: names.isEmpty ? "the file has no layer"
                    : "the file has \(names.count) layers (\(names.joined(separator: ", "))); name the one to read as \(path):\(names[withFeatures.first ?? 0])")
            }
            index = names.count == 1 ? 0 : withFeatures[0]
        }
        guard let layer = GDALDatasetGetLayer(dataset.handle, Int32(index)) else {
            throw FormatError(path: path, message: "GDAL cannot open layer \(index): \(GDALCall.lastMessage())")
        }
        let crs = GDALSpatialReference.name(OGR_L_GetSpatialRef(layer))
        let definition = OGR_L_GetLayerDefn(layer)
        let fieldCount = OGR_FD_GetFieldCount(definition)
        let fields: [(name: String, type: OGRFieldType)] = (0..<fieldCount).map { i in
            let field = OGR_FD_GetFieldDefn(definition, i)
            return (OGR_Fld_GetNameRef(field).map { String(cString: $0) } ?? "field\(i + 1)", OGR_Fld_GetType(field))
        }
        let file = names.count > 1 ? "\(path):\(names[index])" : path
        let engine: GeometryEngine
        do { engine = try GeometryEngine() } catch { throw FormatError(path: path, message: error.description) }

        var features: [Feature] = []
        OGR_L_ResetReading(layer)
        while let feature = GDALCall.quietly({ OGR_L_GetNextFeature(layer) }) {
            defer { OGR_F_Destroy(feature) }
            let fid = Int(OGR_F_GetFID(feature))
            var properties = Properties()
            for (i, field) in fields.enumerated() {
                properties[field.name] = value(feature, Int32(i), type: field.type)
            }
            var item = Feature(geometry: nil, properties: properties,
                               location: SourceLocation(file: file, line: fid, lineKind: .featureID))
            if let borrowed = OGR_F_GetGeometryRef(feature) {
                do {
                    item.geometry = try geometry(borrowed, engine: engine)
                } catch {
                    item.problem = FeatureProblem(field: "geometry", message: "fid \(fid): \(error.message)")
                }
            }
            features.append(item)
        }
        let message = GDALCall.lastMessage()
        if CPLGetLastErrorType().rawValue >= CE_Failure.rawValue, !message.isEmpty {
            throw FormatError(path: path, message: "GDAL stopped reading after \(features.count) features: \(message)")
        }
        let source = FeatureSource(path: file, format: .vector, crs: crs, columns: fields.map(\.name), driver: dataset.driverName)
        return FeatureCollection(features: features, source: source)
    }

    private static func value(_ feature: OGRFeatureH, _ i: Int32, type: OGRFieldType) -> JSONValue {
        guard OGR_F_IsFieldSetAndNotNull(feature, i) != 0 else { return .null }
        switch type {
        case OFTInteger, OFTInteger64: return .integer(Int(OGR_F_GetFieldAsInteger64(feature, i)))
        case OFTReal: return .number(OGR_F_GetFieldAsDouble(feature, i))
        default: return .string(OGR_F_GetFieldAsString(feature, i).map { String(cString: $0) } ?? "")
        }
    }

    /// A borrowed OGR geometry as a GeoCore value: a 2D, linear copy
    /// exported as WKB (the copy is owned here and destroyed).
    private static func geometry(_ borrowed: OGRGeometryH, engine: GeometryEngine) throws(FormatError) -> Geometry? {
        guard OGR_G_IsEmpty(borrowed) == 0 else { return nil }
        let linear = OGR_G_HasCurveGeometry(borrowed, 0) != 0 ? OGR_G_GetLinearGeometry(borrowed, 0, nil) : OGR_G_Clone(borrowed)
        guard let linear else { throw FormatError(path: "", message: "the geometry cannot be copied: \(GDALCall.lastMessage())") }
        defer { OGR_G_DestroyGeometry(linear) }
        OGR_G_FlattenTo2D(linear)
        var wkb = [UInt8](repeating: 0, count: Int(OGR_G_WkbSize(linear)))
        let status = wkb.withUnsafeMutableBufferPointer { OGR_G_ExportToWkb(linear, wkbNDR, $0.baseAddress) }
        guard status == OGRERR_NONE else { throw FormatError(path: "", message: "the geometry cannot be exported as WKB") }
        do {
            return try engine.geometry(wkb: wkb)
        } catch {
            throw FormatError(path: "", message: error.message)
        }
    }
}
