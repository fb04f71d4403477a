import Foundation
import GRDB
import GeoCore
import GeoFormats

/// A file to import into one layer of a workspace.
public struct WorkspaceImportSource: Sendable {
    public var layer: LayerKind
    /// CSV, GeoJSON, or a GeoPackage layer (`file.gpkg:layer`).
    public var path: String
    /// Regions only: the id and name fields, detected when nil.
    public var regionIDField: String?
    public var regionNameField: String?

    public init(layer: LayerKind, path: String, regionIDField: String? = nil, regionNameField: String? = nil) {
        self.layer = layer
        self.path = path
        self.regionIDField = regionIDField
        self.regionNameField = regionNameField
    }
}

extension Workspace {
    /// Imports files into the workspace in one transaction: every row is
    /// validated as the analysis would read it, then upserted by id (a new
    /// id is inserted, a changed row updated with each changed value
    /// recorded in `changes`, an identical row left alone), and each file
    /// is recorded in `imports` with its SHA-256 and what became of its
    /// rows, the rejected ones in `import_issues` with their reason. Either
    /// every file is imported or, on any error or interruption, none.
    @discardableResult
    public func importFiles(_ sources: [WorkspaceImportSource], at time: Date = Date()) throws -> [WorkspaceImport] {
        // Read and fingerprint the files before taking the write lock.
        var loaded: [(WorkspaceImportSource, FeatureCollection, String)] = []
        for source in sources {
            let file = GeoPackageReader.splitLayerReference(source.path).path
            // The fingerprint is read with a plain file handle, so never of
            // a database this process holds a connection to: closing it
            // would drop that connection's POSIX locks (CONVENTIONS.md).
            // The workspace's own connection is open; the reader's, for a
            // GeoPackage, is opened after the first read and closed before
            // the second.
            if Self.isSameFile(file, path) {
                throw GapMapError(file: source.path, message: "this is the workspace itself, whose layers are already in it",
                                  fix: "Import from another file (to copy a workspace's layer, name that other workspace's file)")
            }
            let sha256 = try Self.fingerprint(file)
            let collection = try FeatureFileReader.read(source.path)
            if collection.source.format == .geopackage, try Self.fingerprint(file) != sha256 {
                throw GapMapError(file: file, message: "the GeoPackage changed while it was read (another program is writing it)",
                                  fix: "Run the import again once that program has finished")
            }
            loaded.append((source, collection, sha256))
        }
        // Regions first, so the other layers can reference the new ones.
        loaded.sort { ($0.0.layer == .regions ? 0 : 1) < ($1.0.layer == .regions ? 0 : 1) }
        let timestamp = GeoPackage.timestamp(time)
        return try write("import into the workspace") { db in
            let engine = try GeometryEngine()
            var results: [WorkspaceImport] = []
            for (source, collection, sha256) in loaded {
                var record = WorkspaceImport(layer: source.layer, sourceFile: source.path, sourceSHA256: sha256, importedAt: timestamp)
                try record.insert(db)
                var session = ImportSession(db: db, engine: engine, importID: record.id!, layer: source.layer)
                let account = try session.run(collection, source: source, workspacePath: path)
                record.rowsRead = account.read
                record.rowsRejected = account.rejected
                record.rowsDuplicate = account.duplicates
                record.rowsInserted = session.inserted
                record.rowsUpdated = session.updated
                record.rowsUnchanged = session.unchanged
                try record.update(db)
                try GeoPackage.refreshContents(db, table: source.layer.rawValue, geometryColumn: "geom")
                try GeoPackage.touchContents(db, table: "imports")
                results.append(record)
            }
            return results
        }
    }

    /// The SHA-256 of a file's bytes, for the imports table.
    static func fingerprint(_ file: String) throws -> String {
        do {
            return SHA256.hex([UInt8](try Data(contentsOf: URL(fileURLWithPath: file))))
        } catch {
            throw GapMapError(file: file, message: "cannot read the file to fingerprint it: \(OutputFolder.systemReason(error))")
        }
    }

    /// Both paths name the same file (device and inode, as stat(2) sees
    /// them: no descriptor is opened).
    static func isSameFile(_ a: String, _ b: String) -> Bool {
        let manager = FileManager.default
        guard let x = try? manager.attributesOfItem(atPath: a), let y = try? manager.attributesOfItem(atPath: b),
              let xDevice = x[.systemNumber] as? NSNumber, let yDevice = y[.systemNumber] as? NSNumber,
              let xInode = x[.systemFileNumber] as? NSNumber, let yInode = y[.systemFileNumber] as? NSNumber else { return false }
        return xDevice == yDevice && xInode == yInode
    }

    /// The regions stored in the workspace, as the analysis reads them.
    static func storedRegions(_ db: Database, path: String, engine: GeometryEngine) throws -> [Region] {
        let collection = try GeoPackageReader.read(db, path: path, layer: LayerKind.regions.rawValue)
        guard !collection.features.isEmpty else { return [] }
        var regions = try LayerBuilder(engine: engine).regions(from: collection, idField: "id", nameField: "name").0.items
        // Alternate spellings help match the region names of imported rows,
        // and the enclosing units their references to units above.
        let alternates = try Row.fetchAll(db, sql: "SELECT id, alternate_names FROM regions")
        var byID: [String: [String]] = [:]
        for row in alternates {
            let text: String = row[1] ?? "[]"
            byID[row[0]] = (try? JSONDecoder().decode([String].self, from: Data(text.utf8))) ?? []
        }
        for i in regions.indices { regions[i].alternateNames = byID[regions[i].id] ?? [] }
        _ = try applyStoredHierarchy(&regions, db)
        return regions
    }

    /// Gives the regions read from the workspace their level and enclosing
    /// units as imported (`RegionHierarchy`): a GeoPackage layer read as
    /// any other has only their ids. Returns the level they all share, if any.
    static func applyStoredHierarchy(_ regions: inout [Region], _ db: Database) throws -> Int? {
        var stored: [String: (level: Int?, hierarchy: RegionHierarchy?)] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT id, level, hierarchy FROM regions") {
            let hierarchy: String = row[2] ?? "{}"
            stored[row[0]] = (row[1], try? JSONDecoder().decode(RegionHierarchy.self, from: Data(hierarchy.utf8)))
        }
        for i in regions.indices {
            guard let s = stored[regions[i].id] else { continue }
            if let level = s.level { regions[i].level = level }
            if let hierarchy = s.hierarchy { regions[i] = hierarchy.applied(to: regions[i]) }
        }
        let levels = Set(regions.map(\.level))
        return levels.count == 1 ? levels.first! : nil
    }
}

/// One file's rows upserted into one layer.
private struct ImportSession {
    let db: Database
    let engine: GeometryEngine
    let importID: Int64
    let layer: LayerKind
    var inserted = 0
    var updated = 0
    var unchanged = 0
    /// The layer's rows before the import, by id.
    private var existing: [String: any WorkspaceLayerRow]?

    init(db: Database, engine: GeometryEngine, importID: Int64, layer: LayerKind) {
        self.db = db
        self.engine = engine
        self.importID = importID
        self.layer = layer
    }

    mutating func run(_ collection: FeatureCollection, source: WorkspaceImportSource, workspacePath: String) throws -> LayerAccount {
        let builder = LayerBuilder(engine: engine)
        let regions = layer == .regions ? [] : try Workspace.storedRegions(db, path: workspacePath, engine: engine)
        let catalog = RegionCatalog(regions: regions)
        func regionID(_ placement: Placement) -> String? {
            switch placement {
            case .region(let r): return regions[r].id
            case .unit(let unit): return Self.storedReference(unit, regions)
            case .point, .area: return nil
            }
        }
        let account: LayerAccount
        let issues: [RowIssue]
        switch layer {
        case .regions:
            let (loaded, _) = try builder.regions(from: collection, idField: source.regionIDField, nameField: source.regionNameField)
            for region in loaded.items {
                let alternates = String(decoding: try JSONEncoder().encode(region.alternateNames), as: UTF8.self)
                try upsert(RegionRow(geom: try blob(region.geometry, .multiPolygon), id: region.id, name: region.name,
                                     parentID: region.parentID, population: region.population, alternateNames: alternates,
                                     lastImportID: importID, level: region.level, hierarchy: RegionHierarchy(region).json))
            }
            (account, issues) = (loaded.account, loaded.issues)
        case .initiatives:
            let loaded = builder.initiatives(from: collection, regions: regions, catalog: catalog)
            for i in loaded.items {
                try upsert(InitiativeRow(geom: try placementBlob(i.placement), id: i.id, name: i.name, actor: i.actor?.rawValue, kind: i.kind,
                                         status: i.status?.rawValue, radiusKm: i.radiusKm, startDate: i.startDate, endDate: i.endDate,
                                         regionID: regionID(i.placement), lastImportID: importID))
            }
            (account, issues) = (loaded.account, loaded.issues)
        case .needs:
            let loaded = builder.needs(from: collection, regions: regions, catalog: catalog)
            for n in loaded.items {
                try upsert(NeedRow(geom: try placementBlob(n.placement), id: n.id, category: n.category, segment: n.segment, severity: n.severity,
                                   weight: n.weight, date: n.date, regionID: regionID(n.placement), lastImportID: importID, source: n.source))
            }
            (account, issues) = (loaded.account, loaded.issues)
        case .incidents:
            let loaded = builder.incidents(from: collection, regions: regions, catalog: catalog)
            for n in loaded.items {
                try upsert(IncidentRow(geom: try placementBlob(n.placement), id: n.id, date: n.date, type: n.type, fatalities: n.fatalities,
                                       weight: n.weight, regionID: regionID(n.placement), lastImportID: importID, source: n.source))
            }
            (account, issues) = (loaded.account, loaded.issues)
        case .settlements:
            let loaded = builder.settlements(from: collection, regions: regions, catalog: catalog)
            for s in loaded.items {
                try upsert(SettlementRow(geom: try blob(.point(s.coordinate), .point), id: s.id, name: s.name, population: s.population,
                                         lastImportID: importID))
            }
            (account, issues) = (loaded.account, loaded.issues)
        }
        for issue in issues {
            var record = WorkspaceImportIssue(importID: importID, line: issue.line, featureID: issue.id, field: issue.field,
                                              disposition: issue.disposition, reason: issue.reason)
            try record.insert(db)
        }
        return account
    }

    /// What region_id keeps of a row credited to a unit above the regions:
    /// the unit's P-code where its regions' enclosing units give one (a
    /// cercle that a row names "Kangaba" in ACLED's admin2 column is
    /// ML0206), so that the analysis finds the same unit again; a name
    /// alone loses the column that said its level, and may be a commune's.
    static func storedReference(_ unit: RegionUnit, _ regions: [Region]) -> String {
        guard let level = unit.level, let first = unit.members.first,
              let parent = regions[first].parents.first(where: { $0.level == level && !$0.id.isEmpty }),
              unit.members.allSatisfy({ regions[$0].parents.contains(parent) }) else { return unit.reference }
        return parent.id
    }

    func blob(_ geometry: Geometry, _ type: GeoPackageGeometryType) throws -> Data {
        guard let g = type.conforming(geometry) else {
            throw GapMapError(message: "a \(geometry.typeName) cannot be stored in the \(layer.rawValue) layer (\(type.displayName))")
        }
        return Data(try GeoPackageGeometry.encode(g.orientedRightHand(), srsID: GeoPackage.wgs84, engine: engine))
    }

    func placementBlob(_ placement: Placement) throws -> Data? {
        switch placement {
        case .point(let c): return try blob(.point(c), .point)
        case .area(let g): return try blob(g.polygonalPart, .geometry)
        case .region, .unit: return nil
        }
    }

    /// Inserts a row with a new id, or updates the row with its id when
    /// some value differs, recording each changed value.
    mutating func upsert<LayerRow: WorkspaceLayerRow>(_ new: LayerRow) throws {
        if existing == nil {
            // One query for the whole layer rather than one per row.
            existing = Dictionary(try LayerRow.fetchAll(db).map { ($0.id, $0 as any WorkspaceLayerRow) }, uniquingKeysWith: { a, _ in a })
        }
        guard let old = existing?[new.id] as? LayerRow else {
            var row = new
            try row.insert(db)
            inserted += 1
            return
        }
        var candidate = new
        candidate.fid = old.fid
        candidate.lastImportID = old.lastImportID
        let oldValues = try candidate.databaseChanges(from: old)
        guard !oldValues.isEmpty else {
            unchanged += 1
            return
        }
        let newValues = try candidate.databaseDictionary
        candidate.lastImportID = importID
        try candidate.update(db)
        updated += 1
        for column in oldValues.keys.sorted() {
            var change = WorkspaceChange(importID: importID, layer: layer, featureID: new.id, field: column,
                                         oldValue: text(oldValues[column]!), newValue: text(newValues[column] ?? .null))
            try change.insert(db)
        }
    }

    /// A value as the changes table shows it: geometries as WKT, numbers
    /// with every digit, NULL as nil.
    func text(_ value: DatabaseValue) -> String? {
        switch value.storage {
        case .null: return nil
        case .int64(let i): return String(i)
        case .double(let d): return "\(d)"
        case .string(let s): return s
        case .blob(let b):
            guard let g = try? GeoPackageGeometry.decode([UInt8](b), engine: engine) else { return "EMPTY" }
            return (try? engine.wkt(g)) ?? "<\(b.count) bytes>"
        }
    }
}
