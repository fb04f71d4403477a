import Foundation
import GRDB
import GeoCore
import GeoFormats

/// A planning workspace: one GeoPackage that accumulates a team's regions,
/// initiatives, needs, incidents and settlements over time, with the
/// history of every import and every analysis run.
///
/// Every change is one SQLite transaction in rollback-journal mode: a
/// process killed mid-import leaves the file exactly as it was (SQLite
/// rolls the journal back at the next open). A second writer waits for the
/// first up to `busyTimeout`, then fails with a sentence.
public struct Workspace: Sendable {
    public let path: String
    let queue: DatabaseQueue

    /// How long a command waits for another one writing the workspace.
    public static let busyTimeout: TimeInterval = 60

    static func configuration(readonly: Bool = false) -> Configuration {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.readonly = readonly
        configuration.busyMode = .timeout(busyTimeout)
        configuration.label = "gapmap workspace"
        configuration.prepareDatabase { db in
            GeoPackage.addFunctions(to: db)
        }
        return configuration
    }

    private init(path: String, queue: DatabaseQueue) {
        self.path = path
        self.queue = queue
    }

    /// Creates a new, empty workspace. Fails if the file exists.
    public static func create(at path: String) throws -> Workspace {
        guard !FileManager.default.fileExists(atPath: path) else {
            throw GapMapError(file: path, message: "the file already exists",
                              fix: "Choose a new file name for the workspace, or use gapmap import to add to this one")
        }
        guard path.lowercased().hasSuffix(".gpkg") else {
            throw GapMapError(file: path, message: "a workspace is a GeoPackage, whose name must end in .gpkg",
                              fix: "Name it like plan.gpkg")
        }
        var queue: DatabaseQueue?
        do {
            queue = try DatabaseQueue(path: path, configuration: configuration())
            try WorkspaceSchema.migrator.migrate(queue!)
        } catch {
            // Closed before the file is removed: no file is touched behind an open connection.
            try? queue?.close()
            try? FileManager.default.removeItem(atPath: path)
            throw Self.error(error, path: path, doing: "create the workspace")
        }
        return Workspace(path: path, queue: queue!)
    }

    /// Opens an existing workspace, bringing its schema up to date.
    public static func open(at path: String) throws -> Workspace {
        guard FileManager.default.fileExists(atPath: path) else {
            throw GapMapError(file: path, message: "the workspace does not exist", fix: "Create it with gapmap init \(path)")
        }
        guard GeoPackageReader.isSQLite(path) else {
            throw GapMapError(file: path, message: "this is not a GeoPackage workspace (not an SQLite database)",
                              fix: "Create a workspace with gapmap init")
        }
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration())
            let applied = try queue.read { db in try WorkspaceSchema.migrator.appliedIdentifiers(db) }
            guard !applied.isEmpty else {
                throw GapMapError(file: path, message: "this GeoPackage is not a gapmap workspace",
                                  fix: "Create a workspace with gapmap init, then import this file's layers with gapmap import")
            }
            try WorkspaceSchema.migrator.migrate(queue)
            return Workspace(path: path, queue: queue)
        } catch let error as GapMapError {
            throw error
        } catch {
            throw Self.error(error, path: path, doing: "open the workspace")
        }
    }

    /// A database error as a sentence a planner can act on.
    static func error(_ error: any Error, path: String, doing what: String) -> any Error {
        if error is GapMapError || error is FormatError { return error }
        if let e = error as? DatabaseError {
            switch e.resultCode {
            case .SQLITE_BUSY, .SQLITE_LOCKED:
                return GapMapError(file: path, message: "cannot \(what): another gapmap command has been writing the workspace for more than \(Int(busyTimeout)) s",
                                   fix: "Wait for it to finish, then run this command again")
            case .SQLITE_READONLY, .SQLITE_CANTOPEN, .SQLITE_PERM:
                return GapMapError(file: path, message: "cannot \(what): \(e.message ?? "the file cannot be written")",
                                   fix: "Check that the file and its folder are writable")
            case .SQLITE_CONSTRAINT:
                return GapMapError(file: path, message: "cannot \(what): a row breaks a rule of the workspace (\(e.message ?? "constraint"))")
            default:
                return GapMapError(file: path, message: "cannot \(what): \(e.message ?? "\(e.resultCode)")")
            }
        }
        return GapMapError(file: path, message: "cannot \(what): \(error)")
    }

    /// Runs `body` in one write transaction (IMMEDIATE: it takes the write
    /// lock first, so two writers queue instead of deadlocking).
    func write<T>(_ what: String, _ body: (Database) throws -> T) throws -> T {
        do {
            return try queue.write(body)
        } catch {
            throw Self.error(error, path: path, doing: what)
        }
    }

    func read<T>(_ what: String, _ body: (Database) throws -> T) throws -> T {
        do {
            return try queue.read(body)
        } catch {
            throw Self.error(error, path: path, doing: what)
        }
    }

    // MARK: What the workspace holds

    /// Rows per layer, in layer order.
    public func rowCounts() throws -> [LayerKind: Int] {
        try read("count the rows") { db in try Self.rowCounts(db) }
    }

    static func rowCounts(_ db: Database) throws -> [LayerKind: Int] {
        var counts: [LayerKind: Int] = [:]
        for layer in WorkspaceSchema.layers {
            counts[layer] = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(GeoPackage.quote(layer.rawValue))") ?? 0
        }
        return counts
    }

    /// The imports, oldest first.
    public func imports() throws -> [WorkspaceImport] {
        try read("list the imports") { db in try WorkspaceImport.order(Column("id")).fetchAll(db) }
    }

    /// The changes recorded by imports, oldest first.
    public func changes(importID: Int64? = nil) throws -> [WorkspaceChange] {
        try read("list the changes") { db in
            var request = WorkspaceChange.order(Column("id"))
            if let importID { request = request.filter(Column("import_id") == importID) }
            return try request.fetchAll(db)
        }
    }

    /// The issues of an import, in line order.
    public func issues(importID: Int64) throws -> [WorkspaceImportIssue] {
        try read("list the import issues") { db in
            try WorkspaceImportIssue.filter(Column("import_id") == importID).order(Column("line"), Column("id")).fetchAll(db)
        }
    }

    /// SHA-256 of a layer's content: every column of every row, in fid
    /// order, each value tagged with its type. Two layers with the same
    /// fingerprint hold the same rows.
    static func fingerprint(_ db: Database, layer: LayerKind) throws -> (rows: Int, sha256: String) {
        var hash = SHA256()
        var rows = 0
        let cursor = try Row.fetchCursor(db, sql: "SELECT * FROM \(GeoPackage.quote(layer.rawValue)) ORDER BY fid")
        while let row = try cursor.next() {
            rows += 1
            for (column, value) in row {
                hash.update(column)
                switch value.storage {
                case .null: hash.update([0])
                case .int64(let i): hash.update("i\(i)")
                case .double(let d): hash.update("d\(d.bitPattern)")
                case .string(let s): hash.update("s\(s.utf8.count):"); hash.update(s)
                case .blob(let b): hash.update("b\(b.count):"); hash.update([UInt8](b))
                }
            }
            hash.update([0x1E])
        }
        return (rows, hash.finalizeHex())
    }

    /// The fingerprint of every layer now.
    public func fingerprints() throws -> [LayerKind: String] {
        try read("fingerprint the layers") { db in
            var result: [LayerKind: String] = [:]
            for layer in WorkspaceSchema.layers { result[layer] = try Self.fingerprint(db, layer: layer).sha256 }
            return result
        }
    }
}
