import Foundation
import GRDB
import GeoCore

/// A layer of a GeoPackage, as listed in `gpkg_contents`.
public struct GeoPackageLayerInfo: Hashable, Sendable, CustomStringConvertible {
    public var name: String
    /// `features` or `attributes`.
    public var dataType: String
    public var geometryColumn: String?
    /// The declared type, e.g. `MULTIPOLYGON`; nil for attributes.
    public var geometryType: String?
    public var srsID: Int32?
    public var featureCount: Int

    public var isFeatures: Bool { dataType == "features" }

    /// `regions (MultiPolygon, 9 features)`.
    public var description: String {
        let type = geometryType.flatMap { GeoPackageGeometryType(rawValue: $0.uppercased())?.displayName } ?? geometryType ?? "no geometry"
        return "\(name) (\(type), \(featureCount) \(featureCount == 1 ? "feature" : "features"))"
    }
}

/// Reads GeoPackage layers as feature collections: the geometry decoded
/// from GeoPackage binary, the attributes by column, each feature located
/// by its fid. The CRS is reported in `source.crs` (`EPSG:32630`, or the
/// WKT definition) for the caller to reproject; nil means WGS84
/// longitude/latitude.
public enum GeoPackageReader {
    /// `plan.gpkg:needs` → (`plan.gpkg`, `needs`). A path that exists as
    /// given, or whose part before the last colon is not a file of several
    /// layers (a GeoPackage, a workbook's sheets, a zip of shapefiles, a
    /// geodatabase, a KML), is returned whole with no layer.
    public static func splitLayerReference(_ reference: String) -> (path: String, layer: String?) {
        if FileManager.default.fileExists(atPath: reference) { return (reference, nil) }
        guard let colon = reference.lastIndex(of: ":") else { return (reference, nil) }
        let path = String(reference[..<colon])
        let layer = String(reference[reference.index(after: colon)...])
        let containers: Set<String> = ["gpkg", "zip", "gdb", "kml", "kmz", "xlsx", "xlsm", "ods"]
        guard containers.contains((path as NSString).pathExtension.lowercased()), !layer.isEmpty else { return (reference, nil) }
        return (path, layer)
    }

    /// True when the file is an SQLite database, asked of SQLite itself
    /// (a read-only connection that reads the header), never through a
    /// file handle of our own: on Linux, closing any descriptor of a file
    /// drops every POSIX lock the process holds on it, so a plain sniff
    /// of a workspace this process has open would undo the locks of its
    /// transaction (issue 14: "database disk image is malformed" and rows
    /// read before they were committed). SQLite's own connections share
    /// their descriptors and locks per file. An empty file, which SQLite
    /// would take for an empty database, is not one.
    public static func isSQLite(_ path: String) -> Bool {
        guard let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int, size >= 100 else { return false }
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(10)
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            _ = try queue.read { db in try Int.fetchOne(db, sql: "PRAGMA schema_version") }
            return true
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB {
            return false
        } catch {
            // Busy, locked, a journal to roll back: an SQLite database
            // that the connection opened next reports on.
            return true
        }
    }

    /// Opens a GeoPackage read-only.
    public static func open(_ path: String) throws(FormatError) -> DatabaseQueue {
        guard isSQLite(path) else {
            throw FormatError(path: path, message: "this is not a GeoPackage (not an SQLite database); export the layer from QGIS or with ogr2ogr -f GPKG")
        }
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(10)
        do {
            return try DatabaseQueue(path: path, configuration: configuration)
        } catch {
            throw FormatError(path: path, message: "cannot open the GeoPackage: \(sqliteMessage(error))")
        }
    }

    static func sqliteMessage(_ error: any Error) -> String {
        if let e = error as? DatabaseError { return e.message ?? "\(e.resultCode)" }
        return "\(error)"
    }

    // MARK: Layers

    /// The feature and attributes layers of a GeoPackage, in
    /// `gpkg_contents` order.
    public static func layers(inFile path: String) throws(FormatError) -> [GeoPackageLayerInfo] {
        let queue = try open(path)
        do {
            return try queue.read { db in try layers(db, path: path) }
        } catch let error as FormatError {
            throw error
        } catch {
            throw FormatError(path: path, message: "cannot list the layers: \(sqliteMessage(error))")
        }
    }

    public static func layers(_ db: Database, path: String) throws -> [GeoPackageLayerInfo] {
        guard try schemaType(db, "gpkg_contents") != nil else {
            throw FormatError(path: path, message: "this SQLite database has no gpkg_contents table, so it is not a GeoPackage")
        }
        let hasGeometryColumns = try schemaType(db, "gpkg_geometry_columns") != nil
        let rows = try Row.fetchAll(db, sql: hasGeometryColumns ? """
            SELECT c.table_name, c.data_type, g.column_name, g.geometry_type_name, coalesce(g.srs_id, c.srs_id)
            FROM gpkg_contents c LEFT JOIN gpkg_geometry_columns g ON g.table_name = c.table_name
            WHERE c.data_type IN ('features', 'attributes') ORDER BY c.rowid
            """ : """
            SELECT table_name, data_type, NULL, NULL, srs_id FROM gpkg_contents WHERE data_type = 'attributes' ORDER BY rowid
            """)
        var result: [GeoPackageLayerInfo] = []
        for row in rows {
            let name: String = row[0]
            guard try schemaType(db, name) != nil else { continue }
            let count = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(GeoPackage.quote(name))") ?? 0
            result.append(GeoPackageLayerInfo(name: name, dataType: row[1], geometryColumn: row[2], geometryType: row[3],
                                              srsID: (row[4] as Int64?).map { Int32(truncatingIfNeeded: $0) }, featureCount: count))
        }
        return result
    }

    /// `table`, `view`, or nil when the database has no such object.
    static func schemaType(_ db: Database, _ name: String) throws -> String? {
        try String.fetchOne(db, sql: "SELECT type FROM sqlite_master WHERE name = ? AND type IN ('table', 'view')", arguments: [name])
    }

    /// The layer to read: the one named, or the only feature layer.
    static func choose(_ layers: [GeoPackageLayerInfo], named name: String?, path: String) throws(FormatError) -> GeoPackageLayerInfo {
        let features = layers.filter(\.isFeatures)
        if let name {
            if let layer = layers.first(where: { $0.name == name }) ?? layers.first(where: { $0.name.lowercased() == name.lowercased() }) {
                return layer
            }
            let list = layers.isEmpty ? "it has none" : "its layers are " + layers.map(\.description).joined(separator: ", ")
            throw FormatError(path: path, message: "the GeoPackage has no layer '\(name)'; \(list)")
        }
        if features.count == 1 { return features[0] }
        if features.isEmpty {
            throw FormatError(path: path, message: "the GeoPackage has no feature layer"
                + (layers.isEmpty ? "" : " (its tables are " + layers.map(\.description).joined(separator: ", ") + "; name one as \(path):LAYER)"))
        }
        throw FormatError(path: path, message: "the GeoPackage has \(features.count) feature layers: "
            + features.map(\.description).joined(separator: ", ") + "; name the one to read as \(path):\(features[0].name)")
    }

    // MARK: Reading

    /// Reads one layer of the file at `path`, or its only feature layer
    /// when `layer` is nil.
    public static func read(contentsOf path: String, layer: String? = nil) throws(FormatError) -> FeatureCollection {
        let queue = try open(path)
        do {
            return try queue.read { db in try read(db, path: path, layer: layer) }
        } catch let error as FormatError {
            throw error
        } catch {
            throw FormatError(path: path, message: "cannot read the GeoPackage: \(sqliteMessage(error))")
        }
    }

    /// Reads one layer on an open connection. `path` names the file in
    /// messages and locations.
    public static func read(_ db: Database, path: String, layer name: String?) throws -> FeatureCollection {
        let layer = try choose(try layers(db, path: path), named: name, path: path)
        let crs = try layer.srsID.flatMap { try crsName(db, srsID: $0, path: path, layer: layer.name) }
        // Our own introspection: GRDB's quotes no identifier that holds a double quote.
        let columns = try Row.fetchAll(db, sql: "PRAGMA table_info(\(GeoPackage.quote(layer.name)))").map {
            (name: $0["name"] as String, type: ($0["type"] as String?) ?? "", primaryKey: $0["pk"] as Int)
        }
        // The fid: the INTEGER PRIMARY KEY of a table, the first column of a view (GeoPackage requirement 150).
        let isView = try schemaType(db, layer.name) == "view"
        let keys = columns.filter { $0.primaryKey > 0 }
        let fidColumn = isView ? columns.first?.name : keys.count == 1 && keys[0].type.uppercased() == "INTEGER" ? keys[0].name : nil
        let geometryColumn = layer.geometryColumn.flatMap { g in columns.first { $0.name.lowercased() == g.lowercased() }?.name }
        let attributes = columns.filter { $0.name != geometryColumn && $0.name != fidColumn }
        let booleans = Set(attributes.filter { $0.type.uppercased() == "BOOLEAN" }.map(\.name))

        var selected = [fidColumn.map(GeoPackage.quote) ?? "rowid"]
        selected.append(geometryColumn.map(GeoPackage.quote) ?? "NULL")
        selected += attributes.map { GeoPackage.quote($0.name) }
        let sql = "SELECT \(selected.joined(separator: ", ")) FROM \(GeoPackage.quote(layer.name)) ORDER BY 1"

        let engine = try GeometryEngine()
        let file = "\(path):\(layer.name)"
        var features: [Feature] = []
        features.reserveCapacity(layer.featureCount)
        let rows = try Row.fetchCursor(db, sql: sql)
        while let row = try rows.next() {
            let fid: Int64 = row[0] ?? 0
            var properties = Properties()
            for (k, column) in attributes.enumerated() {
                properties[column.name] = jsonValue(row[k + 2] as DatabaseValue, boolean: booleans.contains(column.name))
            }
            var feature = Feature(geometry: nil, properties: properties,
                                  location: SourceLocation(file: file, line: Int(fid), lineKind: .featureID))
            switch (row[1] as DatabaseValue).storage {
            case .null:
                break
            case .blob(let data):
                do {
                    feature.geometry = try GeoPackageGeometry.decode([UInt8](data), engine: engine)
                } catch {
                    feature.problem = FeatureProblem(field: geometryColumn, message: "fid \(fid): \(error.message)")
                }
            default:
                feature.problem = FeatureProblem(field: geometryColumn, message: "fid \(fid): the geometry is not a GeoPackage binary blob")
            }
            features.append(feature)
        }
        return FeatureCollection(features: features, source: FeatureSource(
            path: file, format: .geopackage, crs: crs, columns: attributes.map(\.name)))
    }

    /// The CRS of an srs_id as PROJ takes it: `EPSG:n` for EPSG codes, the
    /// WKT definition otherwise; nil for WGS84 longitude/latitude (4326,
    /// and 0, the undefined geographic CRS).
    static func crsName(_ db: Database, srsID: Int32, path: String, layer: String) throws -> String? {
        if srsID == GeoPackage.wgs84 || srsID == 0 { return nil }
        guard let row = try Row.fetchOne(
            db, sql: "SELECT organization, organization_coordsys_id, definition FROM gpkg_spatial_ref_sys WHERE srs_id = ?",
            arguments: [srsID])
        else {
            throw FormatError(path: path, message: "layer \(layer) has srs_id \(srsID), which gpkg_spatial_ref_sys does not define")
        }
        let organization: String = row[0] ?? ""
        let code: Int64 = row[1] ?? 0
        let definition: String = row[2] ?? ""
        if srsID == -1 || definition == "undefined" && organization.uppercased() == "NONE" {
            throw FormatError(path: path, message: "layer \(layer) is in an undefined Cartesian CRS (srs_id \(srsID)), so its coordinates cannot be placed on the Earth; assign its CRS in QGIS or with ogr2ogr -a_srs, then export it again")
        }
        if organization.uppercased() == "EPSG" {
            return code == 4326 ? nil : "EPSG:\(code)"
        }
        guard !definition.isEmpty, definition != "undefined" else {
            throw FormatError(path: path, message: "layer \(layer) has srs_id \(srsID) (\(organization) \(code)) with no definition to reproject from")
        }
        return definition
    }

    static func jsonValue(_ value: DatabaseValue, boolean: Bool) -> JSONValue {
        switch value.storage {
        case .null: return .null
        case .int64(let i): return boolean ? .bool(i != 0) : .integer(Int(i))
        case .double(let d): return .number(d)
        case .string(let s): return .string(s)
        case .blob(let b): return .string("<\(b.count) bytes>")
        }
    }
}
