import Foundation
import GRDB
import GeoCore

#if canImport(Glibc)
internal import Glibc
#elseif canImport(Musl)
internal import Musl
#elseif canImport(Darwin)
internal import Darwin
#endif

/// Writes a new GeoPackage 1.3 file: feature layers with an R-tree spatial
/// index each, attributes tables, and QGIS default styles. The file is
/// built under a temporary name (`path.partial`) and renamed into place by
/// `commit()`, so an interrupted run never leaves a partial GeoPackage
/// under the final name; dropped without `commit()`, the writer removes it.
public final class GeoPackageWriter {
    public let path: String
    let partialPath: String
    private var queue: DatabaseQueue?
    private let engine: GeometryEngine
    private var hasStyles = false
    /// Features written so far in each layer begun and not yet finished.
    private var featuresWritten: [String: Int] = [:]
    /// The extent of the non-empty geometries written so far in each such layer.
    private var extents: [String: Envelope] = [:]
    private var committed = false

    public init(path: String) throws(FormatError) {
        self.path = path
        partialPath = path + ".partial"
        for stale in [partialPath, partialPath + "-journal"] where FileManager.default.fileExists(atPath: stale) {
            try? FileManager.default.removeItem(atPath: stale)
        }
        do {
            engine = try GeometryEngine()
        } catch {
            throw FormatError(path: path, message: "cannot start GEOS: \(error.message)")
        }
        var configuration = Configuration()
        configuration.prepareDatabase { db in
            GeoPackage.addFunctions(to: db)
            // The file is renamed into place only when complete (and synced
            // then), so it needs no journal of its own.
            try db.execute(sql: "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF")
            // A million features' R-tree is some 60 MB: a 32 MB page cache
            // (instead of 2 MB) keeps its upper nodes from being re-read.
            try db.execute(sql: "PRAGMA cache_size = -32768")
        }
        do {
            let queue = try DatabaseQueue(path: partialPath, configuration: configuration)
            try queue.write { db in try GeoPackage.createRequiredTables(db) }
            self.queue = queue
        } catch {
            throw Self.failure(path, "cannot create \(partialPath)", error)
        }
    }

    deinit {
        if !committed {
            try? queue?.close()
            unlink(partialPath)
        }
    }

    static func failure(_ path: String, _ what: String, _ error: any Error) -> FormatError {
        if let error = error as? FormatError { return error }
        return FormatError(path: path, message: "\(what): \(GeoPackageReader.sqliteMessage(error))")
    }

    private func writing(_ what: String, _ body: (Database) throws -> Void) throws(FormatError) {
        guard let queue, !committed else {
            throw FormatError(path: path, message: "the GeoPackage is already committed; \(what) comes too late")
        }
        do {
            try queue.write(body)
        } catch {
            throw Self.failure(path, what, error)
        }
    }

    /// Writes a feature layer: its table, its features, its extent in
    /// `gpkg_contents` and its spatial index. Polygons in a MultiPolygon
    /// layer (and points, lines in their multi layers) are written as
    /// one-part multis, so every geometry has the declared type; an empty
    /// geometry is written with the empty flag and no envelope.
    public func addFeatureLayer(_ layer: GeoPackageLayer, features: [Feature]) throws(FormatError) {
        try beginFeatureLayer(layer)
        try appendFeatures(features, to: layer)
        try finishFeatureLayer(layer)
    }

    /// Creates a feature layer's table, to be filled by `appendFeatures` a
    /// part at a time and closed by `finishFeatureLayer`.
    public func beginFeatureLayer(_ layer: GeoPackageLayer) throws(FormatError) {
        guard let type = layer.geometryType else {
            throw FormatError(path: path, message: "layer \(layer.name) has no geometry type; write it with addAttributeTable")
        }
        try writing("cannot write layer \(layer.name)") { db in
            try db.execute(sql: GeoPackage.createTableSQL(layer))
            try GeoPackage.register(db, table: layer.name, geometryColumn: layer.geometryColumn, geometryType: type,
                                    identifier: layer.identifier, description: layer.description)
            try GeoPackage.createRTree(db, table: layer.name, geometryColumn: layer.geometryColumn)
        }
        featuresWritten[layer.name] = 0
    }

    /// Adds features to a layer begun with `beginFeatureLayer`, in one
    /// transaction (`appendRows`), each property written to the field of its name.
    public func appendFeatures(_ features: [Feature], to layer: GeoPackageLayer) throws(FormatError) {
        try appendRows(features.map { f in GeoPackageRow(geometry: f.geometry, values: layer.fields.map { f.properties[$0.name] ?? .null }) },
                       to: layer, label: { GeoJSONEncoding.label(id: nil, properties: features[$0].properties) })
    }

    /// Adds rows to a layer begun with `beginFeatureLayer`, in one
    /// transaction through one prepared statement. Each non-empty geometry's
    /// envelope goes into the layer's R-tree as its row is written, in fid
    /// order: the rows the triggers would insert, without decoding the blob
    /// again in SQL.
    public func appendRows(_ rows: [GeoPackageRow], to layer: GeoPackageLayer) throws(FormatError) {
        let names = layer.fields.map(\.name)
        let idColumn = names.firstIndex(of: "id") ?? names.firstIndex(of: "region_id")
        try appendRows(rows, to: layer, label: { r in
            idColumn.flatMap { rows[r].values[$0] }.flatMap { $0 == .null ? nil : GeoJSONEncoding.text(of: $0) }
        })
    }

    /// `appendRows`, with the label (an id) of a row for error messages, asked only on an error.
    private func appendRows(_ rows: [GeoPackageRow], to layer: GeoPackageLayer, label: (Int) -> String?) throws(FormatError) {
        guard let type = layer.geometryType, let first = featuresWritten[layer.name] else {
            throw FormatError(path: path, message: "layer \(layer.name) was not begun; call beginFeatureLayer first")
        }
        let engine = self.engine, path = self.path
        var extent = extents[layer.name]
        func record(_ n: Int) -> String { Self.record(layer, first + n, label: label(n)) }
        try writing("cannot write layer \(layer.name)") { db in
            let statement = try db.cachedStatement(sql: Self.insertSQL(layer, geometry: true))
            let rtree = try db.cachedStatement(sql: GeoPackage.insertRTreeSQL(table: layer.name, geometryColumn: layer.geometryColumn))
            var arguments: [DatabaseValue] = []
            arguments.reserveCapacity(layer.fields.count + 1)
            for (n, row) in rows.enumerated() {
                arguments.removeAll(keepingCapacity: true)
                arguments.append(.null)
                var envelope: Envelope?
                if let g = row.geometry {
                    var bad: Double?
                    g.forEachCoordinate { c in if bad == nil, c.x.isFinite != c.y.isFinite || (!c.x.isFinite && !g.isEmpty) { bad = c.x.isFinite ? c.y : c.x } }
                    if let bad { throw FormatError.nonFinite(path: path, record: record(n), field: "geometry", value: bad) }
                    let geometry = try Self.conforming(g, to: type, layer: layer.name, feature: first + n)
                    let blob = try GeoPackageGeometry.encode(geometry.orientedRightHand(), srsID: GeoPackage.wgs84, engine: engine)
                    arguments[0] = Data(blob).databaseValue
                    envelope = try GeoPackageGeometry.envelope(of: blob)
                }
                for (k, field) in layer.fields.enumerated() {
                    let value: JSONValue? = k < row.values.count ? row.values[k] : nil
                    arguments.append(try Self.databaseValue(value, type: field.type, path: path, record: record(n), field: field.name))
                }
                statement.setUncheckedArguments(StatementArguments(arguments))
                try statement.execute()
                if let e = envelope {
                    rtree.setUncheckedArguments([db.lastInsertedRowID, e.minX, e.maxX, e.minY, e.maxY])
                    try rtree.execute()
                    if extent == nil { extent = e } else { extent!.expand(toInclude: e) }
                }
            }
        }
        extents[layer.name] = extent
        featuresWritten[layer.name] = first + rows.count
    }

    /// Records a layer's extent (kept as its rows were written, what
    /// `GeoPackage.refreshContents` would find) in `gpkg_contents` and completes its
    /// spatial index (triggers, extension).
    public func finishFeatureLayer(_ layer: GeoPackageLayer) throws(FormatError) {
        try writing("cannot write layer \(layer.name)") { db in
            try GeoPackage.setContentsExtent(db, table: layer.name, extent: extents[layer.name])
            try GeoPackage.registerSpatialIndex(db, table: layer.name, geometryColumn: layer.geometryColumn)
        }
        featuresWritten[layer.name] = nil
        extents[layer.name] = nil
    }

    /// Writes an attributes table (no geometry), registered in
    /// `gpkg_contents` with data_type `attributes`.
    public func addAttributeTable(_ layer: GeoPackageLayer, rows: [Properties]) throws(FormatError) {
        var table = layer
        table.geometryType = nil
        try writing("cannot write table \(layer.name)") { db in
            try db.execute(sql: GeoPackage.createTableSQL(table))
            try GeoPackage.register(db, table: table.name, geometryColumn: nil, geometryType: nil, identifier: table.identifier,
                                    description: table.description)
            let statement = try db.makeStatement(sql: Self.insertSQL(table, geometry: false))
            for (n, row) in rows.enumerated() {
                try statement.execute(arguments: StatementArguments(table.fields.map {
                    try Self.databaseValue(row[$0.name], type: $0.type, path: path, record: Self.record(table, n, row), field: $0.name)
                }))
            }
        }
    }

    /// Stores a default QGIS style for a layer already written.
    public func addStyle(_ style: GeoPackageLayerStyle) throws(FormatError) {
        let create = !hasStyles
        try writing("cannot write the style of \(style.table)") { db in
            if create { try GeoPackage.createLayerStylesTable(db) }
            try GeoPackage.insertStyle(db, style)
        }
        hasStyles = true
    }

    /// Sets a table's description in `gpkg_contents` (QGIS shows it as the
    /// layer's abstract), for a layer begun before its description was known.
    public func describe(table: String, as description: String) throws(FormatError) {
        try writing("cannot describe table \(table)") { db in
            try db.execute(sql: "UPDATE gpkg_contents SET description = ? WHERE table_name = ?", arguments: [description, table])
        }
    }

    /// Closes the file, syncs it to disk and renames it into place.
    public func commit() throws(FormatError) {
        guard let queue, !committed else { return }
        do {
            try queue.close()
        } catch {
            throw Self.failure(path, "cannot close \(partialPath)", error)
        }
        self.queue = nil
        let fd = open(partialPath, O_RDONLY)
        if fd >= 0 {
            _ = fsync(fd)
            close(fd)
        }
        guard rename(partialPath, path) == 0 else {
            throw FormatError(path: path, message: "cannot rename \(partialPath) to \(path): \(String(cString: strerror(errno)))")
        }
        committed = true
    }

    // MARK: Rows

    static func insertSQL(_ layer: GeoPackageLayer, geometry: Bool) -> String {
        var columns = layer.fields.map { GeoPackage.quote($0.name) }
        if geometry { columns.insert(GeoPackage.quote(layer.geometryColumn), at: 0) }
        let placeholders = Array(repeating: "?", count: columns.count).joined(separator: ", ")
        return "INSERT INTO \(GeoPackage.quote(layer.name)) (\(columns.joined(separator: ", "))) VALUES (\(placeholders))"
    }

    static func conforming(_ geometry: Geometry, to type: GeoPackageGeometryType, layer: String, feature: Int) throws -> Geometry {
        guard let g = type.conforming(geometry) else {
            throw FormatError(path: layer, message: "feature \(feature) is a \(geometry.typeName), which a \(type.displayName) layer cannot hold")
        }
        return g
    }

    /// `layer needs, feature 12 (id N-0012)`: rows counted from 1 (the fid they get).
    static func record(_ layer: GeoPackageLayer, _ index: Int, _ properties: Properties) -> String {
        record(layer, index, label: GeoJSONEncoding.label(id: nil, properties: properties))
    }

    static func record(_ layer: GeoPackageLayer, _ index: Int, label: String?) -> String {
        "layer \(layer.name), feature \(index + 1)" + (label.map { " (id \($0))" } ?? "")
    }

    /// A property as the column's SQLite value: booleans as 0/1, arrays and
    /// objects as JSON text. A number that is not finite is refused (SQLite
    /// would store infinity as a REAL, and NaN as NULL: a missing value).
    static func databaseValue(_ value: JSONValue?, type: GeoPackageFieldType, path: String = "", record: @autoclosure () -> String = "",
                              field: String = "") throws(FormatError) -> DatabaseValue {
        guard let value else { return .null }
        switch value {
        case .null: return .null
        case .bool(let b): return (b ? 1 : 0).databaseValue
        case .integer(let i): return type == .real ? Double(i).databaseValue : i.databaseValue
        case .number(let d):
            guard d.isFinite else { throw FormatError.nonFinite(path: path, record: record(), field: field, value: d) }
            if type == .integer || type == .boolean, d == d.rounded(), abs(d) < 9e15 { return Int64(d).databaseValue }
            return d.databaseValue
        case .string(let s): return s.databaseValue
        case .array, .object:
            var out: [UInt8] = []
            do {
                try GeoJSONEncoding.appendValue(value, to: &out, field: field)
            } catch {
                throw FormatError.nonFinite(path: path, record: record(), field: error.field, value: error.value)
            }
            return String(decoding: out, as: UTF8.self).databaseValue
        }
    }
}

/// One row of a feature layer: its geometry (nil: none) and its values in
/// the order of the layer's fields (missing at the end: NULL).
public struct GeoPackageRow: Sendable {
    public var geometry: Geometry?
    public var values: [JSONValue]

    public init(geometry: Geometry?, values: [JSONValue]) {
        self.geometry = geometry
        self.values = values
    }
}
