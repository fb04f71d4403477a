import Foundation
import GRDB
import GeoCore

/// The geometry types a GeoPackage feature table declares.
public enum GeoPackageGeometryType: String, Sendable, CaseIterable {
    case geometry = "GEOMETRY", point = "POINT", lineString = "LINESTRING", polygon = "POLYGON"
    case multiPoint = "MULTIPOINT", multiLineString = "MULTILINESTRING", multiPolygon = "MULTIPOLYGON"
    case geometryCollection = "GEOMETRYCOLLECTION"

    /// The type as people read it (`MultiPolygon`).
    public var displayName: String {
        switch self {
        case .geometry: "Geometry"
        case .point: "Point"
        case .lineString: "LineString"
        case .polygon: "Polygon"
        case .multiPoint: "MultiPoint"
        case .multiLineString: "MultiLineString"
        case .multiPolygon: "MultiPolygon"
        case .geometryCollection: "GeometryCollection"
        }
    }

    /// The geometry as this type declares it: single parts promoted to
    /// one-part multis where the type is multi; nil when it cannot be.
    public func conforming(_ geometry: Geometry) -> Geometry? {
        switch (self, geometry) {
        case (.geometry, _): return geometry
        case (.point, .point), (.lineString, .lineString), (.polygon, .polygon), (.multiPoint, .multiPoint),
             (.multiLineString, .multiLineString), (.multiPolygon, .multiPolygon), (.geometryCollection, .collection):
            return geometry
        case (.multiPoint, .point(let c)): return .multiPoint([c])
        case (.multiLineString, .lineString(let l)): return .multiLineString([l])
        case (.multiPolygon, .polygon(let p)): return .multiPolygon([p])
        case (.multiPolygon, .collection) where geometry.isPolygonal || geometry.isEmpty: return .multiPolygon(geometry.polygons)
        default: return nil
        }
    }
}

/// The column types of GeoPackage user tables (OGC 12-128r18, table 1).
public enum GeoPackageFieldType: String, Sendable {
    case text = "TEXT", integer = "INTEGER", real = "REAL", boolean = "BOOLEAN", date = "DATE", dateTime = "DATETIME"
}

/// One attribute column of a layer.
public struct GeoPackageField: Hashable, Sendable {
    public var name: String
    public var type: GeoPackageFieldType

    public init(_ name: String, _ type: GeoPackageFieldType) {
        self.name = name
        self.type = type
    }
}

/// A layer to write: a feature table (with a geometry column) or an
/// attributes table (without).
public struct GeoPackageLayer: Hashable, Sendable {
    public var name: String
    /// nil for an attributes table.
    public var geometryType: GeoPackageGeometryType?
    public var geometryColumn = "geom"
    public var fields: [GeoPackageField]
    public var identifier: String?
    public var description: String

    public init(name: String, geometryType: GeoPackageGeometryType?, fields: [GeoPackageField], identifier: String? = nil,
                description: String = "") {
        self.name = name
        self.geometryType = geometryType
        self.fields = fields
        self.identifier = identifier
        self.description = description
    }
}

/// The SQL of the GeoPackage encoding (OGC 12-128r18, version 1.3), on a
/// GRDB connection: the required tables and rows, feature and attributes
/// tables registered in `gpkg_contents`, the R-tree spatial index
/// extension, QGIS's `layer_styles` table. Every identifier that comes
/// from a caller is quoted; every value is bound.
public enum GeoPackage {
    /// `GPKG` in the SQLite header (PRAGMA application_id).
    public static let applicationID: Int32 = 0x4750_4B47
    /// 1.3.0 (PRAGMA user_version).
    public static let userVersion: Int32 = 10300
    public static let wgs84: Int32 = 4326

    /// GDAL's definition of EPSG:4326, so that every reader recognises it.
    public static let wgs84Definition = """
        GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],\
        AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,\
        AUTHORITY["EPSG","9122"]],AXIS["Latitude",NORTH],AXIS["Longitude",EAST],AUTHORITY["EPSG","4326"]]
        """

    public static let rtreeExtensionDefinition = "http://www.geopackage.org/spec130/#extension_rtree"

    /// An SQL identifier in double quotes, inner quotes doubled: any user
    /// table or column name is safe in SQL text this way.
    public static func quote(_ identifier: String) -> String {
        "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// The name of the R-tree table of a geometry column.
    public static func rtreeName(table: String, column: String) -> String { "rtree_\(table)_\(column)" }

    /// A time in the form GeoPackage DATETIME columns require
    /// (`2025-01-31T12:00:00.000Z`).
    public static func timestamp(_ date: Date = Date()) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }

    // MARK: SQL functions

    /// The SQL functions the R-tree triggers of the spatial index extension
    /// call (ST_IsEmpty, ST_MinX, ST_MaxX, ST_MinY, ST_MaxY), for a
    /// connection that inserts or updates features. GDAL and QGIS define
    /// their own.
    public static let functions: [DatabaseFunction] = {
        @Sendable func envelope(_ arguments: [DatabaseValue]) -> Envelope? {
            guard let data = Data.fromDatabaseValue(arguments[0]) else { return nil }
            return try? GeoPackageGeometry.envelope(of: [UInt8](data))
        }
        return [
            DatabaseFunction("ST_IsEmpty", argumentCount: 1, pure: true) { arguments in
                guard let data = Data.fromDatabaseValue(arguments[0]) else { return nil }
                guard let header = try? GeoPackageGeometry.header(of: [UInt8](data)) else { return nil }
                if header.isEmpty { return true }
                return (try? GeoPackageGeometry.envelope(of: [UInt8](data))) == nil
            },
            DatabaseFunction("ST_MinX", argumentCount: 1, pure: true) { envelope($0)?.minX },
            DatabaseFunction("ST_MaxX", argumentCount: 1, pure: true) { envelope($0)?.maxX },
            DatabaseFunction("ST_MinY", argumentCount: 1, pure: true) { envelope($0)?.minY },
            DatabaseFunction("ST_MaxY", argumentCount: 1, pure: true) { envelope($0)?.maxY },
        ]
    }()

    /// Adds `functions` to a connection.
    public static func addFunctions(to db: Database) {
        for f in functions { db.add(function: f) }
    }

    // MARK: The required tables

    /// Makes an empty database a GeoPackage: application_id, user_version,
    /// `gpkg_spatial_ref_sys` with its three required rows (-1, 0, 4326),
    /// `gpkg_contents`, `gpkg_geometry_columns` and `gpkg_extensions`.
    public static func createRequiredTables(_ db: Database) throws {
        try db.execute(sql: "PRAGMA application_id = \(applicationID)")
        try db.execute(sql: "PRAGMA user_version = \(userVersion)")
        try db.execute(sql: """
            CREATE TABLE gpkg_spatial_ref_sys (
              srs_name TEXT NOT NULL,
              srs_id INTEGER NOT NULL PRIMARY KEY,
              organization TEXT NOT NULL,
              organization_coordsys_id INTEGER NOT NULL,
              definition TEXT NOT NULL,
              description TEXT
            );
            CREATE TABLE gpkg_contents (
              table_name TEXT NOT NULL PRIMARY KEY,
              data_type TEXT NOT NULL,
              identifier TEXT UNIQUE,
              description TEXT DEFAULT '',
              last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
              min_x DOUBLE,
              min_y DOUBLE,
              max_x DOUBLE,
              max_y DOUBLE,
              srs_id INTEGER,
              CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id)
            );
            CREATE TABLE gpkg_geometry_columns (
              table_name TEXT NOT NULL,
              column_name TEXT NOT NULL,
              geometry_type_name TEXT NOT NULL,
              srs_id INTEGER NOT NULL,
              z TINYINT NOT NULL,
              m TINYINT NOT NULL,
              CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
              CONSTRAINT uk_gc_table_name UNIQUE (table_name),
              CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
              CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id)
            );
            CREATE TABLE gpkg_extensions (
              table_name TEXT,
              column_name TEXT,
              extension_name TEXT NOT NULL,
              definition TEXT NOT NULL,
              scope TEXT NOT NULL,
              CONSTRAINT ge_tce UNIQUE (table_name, column_name, extension_name)
            );
            """)
        let srs: [(String, Int32, String, Int32, String, String)] = [
            ("Undefined cartesian SRS", -1, "NONE", -1, "undefined", "undefined cartesian coordinate reference system"),
            ("Undefined geographic SRS", 0, "NONE", 0, "undefined", "undefined geographic coordinate reference system"),
            ("WGS 84 geodetic", wgs84, "EPSG", wgs84, wgs84Definition, "longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid"),
        ]
        for (name, id, organization, code, definition, description) in srs {
            try db.execute(
                sql: """
                    INSERT INTO gpkg_spatial_ref_sys (srs_name, srs_id, organization, organization_coordsys_id, definition, description)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """,
                arguments: [name, id, organization, code, definition, description])
        }
    }

    // MARK: User tables

    /// `CREATE TABLE` for a layer: `fid INTEGER PRIMARY KEY AUTOINCREMENT`,
    /// the geometry column when it is a feature table, then the fields.
    public static func createTableSQL(_ layer: GeoPackageLayer) -> String {
        var columns = ["fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL"]
        if let type = layer.geometryType { columns.append("\(quote(layer.geometryColumn)) \(type.rawValue)") }
        columns += layer.fields.map { "\(quote($0.name)) \($0.type.rawValue)" }
        return "CREATE TABLE \(quote(layer.name)) (\n  " + columns.joined(separator: ",\n  ") + "\n)"
    }

    /// Registers a table created by the caller in `gpkg_contents` and, for
    /// features, in `gpkg_geometry_columns` (srs_id 4326, no z, no m).
    public static func register(_ db: Database, table: String, geometryColumn: String?, geometryType: GeoPackageGeometryType?,
                                identifier: String? = nil, description: String = "") throws {
        if let geometryColumn, let geometryType {
            try db.execute(
                sql: "INSERT INTO gpkg_contents (table_name, data_type, identifier, description, srs_id) VALUES (?, 'features', ?, ?, ?)",
                arguments: [table, identifier ?? table, description, wgs84])
            try db.execute(
                sql: """
                    INSERT INTO gpkg_geometry_columns (table_name, column_name, geometry_type_name, srs_id, z, m)
                    VALUES (?, ?, ?, ?, 0, 0)
                    """,
                arguments: [table, geometryColumn, geometryType.rawValue, wgs84])
        } else {
            try db.execute(
                sql: "INSERT INTO gpkg_contents (table_name, data_type, identifier, description) VALUES (?, 'attributes', ?, ?)",
                arguments: [table, identifier ?? table, description])
        }
    }

    /// Sets a feature table's extent in `gpkg_contents` to the envelope of
    /// its geometries (read from their headers, exactly, not from the
    /// single-precision R-tree) and its last_change to now.
    public static func refreshContents(_ db: Database, table: String, geometryColumn: String) throws {
        let g = quote(geometryColumn)
        let row = try Row.fetchOne(db, sql: """
            SELECT min(ST_MinX(\(g))), min(ST_MinY(\(g))), max(ST_MaxX(\(g))), max(ST_MaxY(\(g))) FROM \(quote(table))
            """)
        let extent: Envelope? = (row?[0] as Double?).map { Envelope(minX: $0, minY: row![1], maxX: row![2], maxY: row![3]) }
        try setContentsExtent(db, table: table, extent: extent)
    }

    /// Records a feature table's extent (nil: no non-empty geometry) and
    /// last_change in `gpkg_contents`.
    public static func setContentsExtent(_ db: Database, table: String, extent: Envelope?) throws {
        try db.execute(
            sql: """
                UPDATE gpkg_contents SET min_x = ?, min_y = ?, max_x = ?, max_y = ?, last_change = ? WHERE table_name = ?
                """,
            arguments: [extent?.minX, extent?.minY, extent?.maxX, extent?.maxY, timestamp(), table])
    }

    /// Sets an attributes table's last_change to now.
    public static func touchContents(_ db: Database, table: String) throws {
        try db.execute(sql: "UPDATE gpkg_contents SET last_change = ? WHERE table_name = ?", arguments: [timestamp(), table])
    }

    // MARK: Spatial index

    /// The R-tree spatial index of a feature table's geometry column
    /// (extension `gpkg_rtree_index`): the virtual table, filled from the
    /// rows already there, the six triggers of GeoPackage 1.3 that keep it
    /// in step, and the row in `gpkg_extensions`. Needs `functions` on the
    /// connection.
    public static func createSpatialIndex(_ db: Database, table: String, geometryColumn: String, primaryKey: String = "fid") throws {
        try createRTree(db, table: table, geometryColumn: geometryColumn)
        let r = quote(rtreeName(table: table, column: geometryColumn)), t = quote(table), c = quote(geometryColumn), i = quote(primaryKey)
        try db.execute(sql: """
            INSERT OR REPLACE INTO \(r) SELECT \(i), ST_MinX(\(c)), ST_MaxX(\(c)), ST_MinY(\(c)), ST_MaxY(\(c))
            FROM \(t) WHERE \(c) NOT NULL AND NOT ST_IsEmpty(\(c))
            """)
        try registerSpatialIndex(db, table: table, geometryColumn: geometryColumn, primaryKey: primaryKey)
    }

    /// The R-tree table of a geometry column, empty: to be filled with
    /// `insertRTreeSQL`, row by row as features are written, then completed
    /// by `registerSpatialIndex`.
    public static func createRTree(_ db: Database, table: String, geometryColumn: String) throws {
        try db.execute(sql: "CREATE VIRTUAL TABLE \(quote(rtreeName(table: table, column: geometryColumn))) USING rtree(id, minx, maxx, miny, maxy)")
    }

    /// Inserts one feature's envelope (id, minx, maxx, miny, maxy) into the
    /// R-tree: what the triggers insert for a non-empty geometry.
    public static func insertRTreeSQL(table: String, geometryColumn: String) -> String {
        "INSERT OR REPLACE INTO \(quote(rtreeName(table: table, column: geometryColumn))) VALUES (?, ?, ?, ?, ?)"
    }

    /// The triggers that keep a filled R-tree in step with its table, and
    /// the extension's row in `gpkg_extensions`.
    public static func registerSpatialIndex(_ db: Database, table: String, geometryColumn: String, primaryKey: String = "fid") throws {
        try createRTreeTriggers(db, table: table, geometryColumn: geometryColumn, primaryKey: primaryKey)
        try db.execute(
            sql: """
                INSERT INTO gpkg_extensions (table_name, column_name, extension_name, definition, scope)
                VALUES (?, ?, 'gpkg_rtree_index', ?, 'write-only')
                """,
            arguments: [table, geometryColumn, rtreeExtensionDefinition])
    }

    /// The triggers that keep an R-tree in step with its table: made by
    /// `registerSpatialIndex`, and again after the table was rebuilt (a
    /// dropped table takes its triggers with it, not its R-tree).
    public static func createRTreeTriggers(_ db: Database, table: String, geometryColumn: String, primaryKey: String = "fid") throws {
        let rtreeName = rtreeName(table: table, column: geometryColumn)
        let r = quote(rtreeName), t = quote(table), c = quote(geometryColumn), i = quote(primaryKey)
        let insertNew = """
            INSERT OR REPLACE INTO \(r) VALUES (NEW.\(i), ST_MinX(NEW.\(c)), ST_MaxX(NEW.\(c)), ST_MinY(NEW.\(c)), ST_MaxY(NEW.\(c)));
            """
        let triggers: [(String, String)] = [
            ("insert", """
                AFTER INSERT ON \(t) WHEN (NEW.\(c) NOT NULL AND NOT ST_IsEmpty(NEW.\(c)))
                BEGIN \(insertNew) END
                """),
            ("update1", """
                AFTER UPDATE OF \(c) ON \(t) WHEN OLD.\(i) = NEW.\(i) AND (NEW.\(c) NOTNULL AND NOT ST_IsEmpty(NEW.\(c)))
                BEGIN \(insertNew) END
                """),
            ("update2", """
                AFTER UPDATE OF \(c) ON \(t) WHEN OLD.\(i) = NEW.\(i) AND (NEW.\(c) ISNULL OR ST_IsEmpty(NEW.\(c)))
                BEGIN DELETE FROM \(r) WHERE id = OLD.\(i); END
                """),
            ("update3", """
                AFTER UPDATE ON \(t) WHEN OLD.\(i) != NEW.\(i) AND (NEW.\(c) NOTNULL AND NOT ST_IsEmpty(NEW.\(c)))
                BEGIN DELETE FROM \(r) WHERE id = OLD.\(i); \(insertNew) END
                """),
            ("update4", """
                AFTER UPDATE ON \(t) WHEN OLD.\(i) != NEW.\(i) AND (NEW.\(c) ISNULL OR ST_IsEmpty(NEW.\(c)))
                BEGIN DELETE FROM \(r) WHERE id IN (OLD.\(i), NEW.\(i)); END
                """),
            ("delete", """
                AFTER DELETE ON \(t) WHEN OLD.\(c) NOT NULL
                BEGIN DELETE FROM \(r) WHERE id = OLD.\(i); END
                """),
        ]
        for (suffix, body) in triggers {
            try db.execute(sql: "CREATE TRIGGER \(quote(rtreeName + "_" + suffix)) \(body)")
        }
    }

    // MARK: QGIS styles

    /// QGIS's `layer_styles` table, with the columns QGIS creates and
    /// reads, registered as an attributes table as QGIS does.
    public static func createLayerStylesTable(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE layer_styles (
              id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
              f_table_catalog TEXT(256),
              f_table_schema TEXT(256),
              f_table_name TEXT(256),
              f_geometry_column TEXT(256),
              styleName TEXT(30),
              styleQML TEXT,
              styleSLD TEXT,
              useAsDefault BOOLEAN,
              description TEXT,
              owner TEXT(30),
              ui TEXT(30),
              update_time DATETIME DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
            )
            """)
        try register(db, table: "layer_styles", geometryColumn: nil, geometryType: nil, description: "QGIS layer styles")
    }

    /// Stores a style as the default of a feature table.
    public static func insertStyle(_ db: Database, _ style: GeoPackageLayerStyle) throws {
        try db.execute(
            sql: """
                INSERT INTO layer_styles (f_table_catalog, f_table_schema, f_table_name, f_geometry_column, styleName, styleQML, styleSLD,
                                          useAsDefault, description, owner, ui, update_time)
                VALUES ('', '', ?, ?, ?, ?, ?, 1, ?, '', NULL, ?)
                """,
            arguments: [style.table, style.geometryColumn, style.name, style.qml, style.sld, style.description, timestamp()])
    }
}

/// A default layer style for QGIS: QML (what QGIS reads) and SLD (for other
/// tools).
public struct GeoPackageLayerStyle: Hashable, Sendable {
    public var table: String
    public var geometryColumn: String
    public var name: String
    public var qml: String
    public var sld: String
    public var description: String

    public init(table: String, geometryColumn: String = "geom", name: String, qml: String, sld: String, description: String) {
        self.table = table
        self.geometryColumn = geometryColumn
        self.name = name
        self.qml = qml
        self.sld = sld
        self.description = description
    }
}
