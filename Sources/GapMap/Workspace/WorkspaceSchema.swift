import Foundation
import GRDB
import GeoFormats

/// The schema of a workspace, built by named migrations run at open. The
/// rules live in SQL (NOT NULL, CHECK, UNIQUE, foreign keys), so no code
/// path can store a row the analysis would not accept. The file stays a
/// GeoPackage 1.3: the layers are feature tables with R-tree indexes, the
/// history tables are attributes tables, all registered in gpkg_contents,
/// so QGIS shows every one of them.
enum WorkspaceSchema {
    static let layers: [LayerKind] = [.regions, .initiatives, .needs, .incidents, .settlements]

    static let geometryTypes: [LayerKind: GeoPackageGeometryType] = [
        .regions: .multiPolygon, .initiatives: .geometry, .needs: .point, .incidents: .point, .settlements: .point,
    ]

    static let layerDescriptions: [LayerKind: String] = [
        .regions: "Administrative regions (WGS84), upserted by id",
        .initiatives: "Community-policing initiatives: points with a service radius, polygons, or a region reference (region_id, no geometry)",
        .needs: "Needs expressed in consultations: points or region references",
        .incidents: "Security incidents: points or region references",
        .settlements: "Populated places with their population",
    ]

    static let layerList = "'regions','initiatives','needs','incidents','settlements'"

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("geopackage 1.3 required tables") { db in
            try GeoPackage.createRequiredTables(db)
        }
        migrator.registerMigration("workspace imports") { db in
            try db.execute(sql: """
                CREATE TABLE imports (
                  id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
                  layer TEXT NOT NULL CHECK (layer IN (\(layerList))),
                  source_file TEXT NOT NULL CHECK (source_file <> ''),
                  source_sha256 TEXT NOT NULL CHECK (length(source_sha256) = 64),
                  imported_at DATETIME NOT NULL,
                  rows_read INTEGER NOT NULL CHECK (rows_read >= 0),
                  rows_inserted INTEGER NOT NULL CHECK (rows_inserted >= 0),
                  rows_updated INTEGER NOT NULL CHECK (rows_updated >= 0),
                  rows_unchanged INTEGER NOT NULL CHECK (rows_unchanged >= 0),
                  rows_rejected INTEGER NOT NULL CHECK (rows_rejected >= 0),
                  rows_duplicate INTEGER NOT NULL CHECK (rows_duplicate >= 0),
                  CHECK (rows_read = rows_inserted + rows_updated + rows_unchanged + rows_rejected + rows_duplicate)
                );
                CREATE TABLE import_issues (
                  id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
                  import_id INTEGER NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
                  line INTEGER NOT NULL,
                  feature_id TEXT,
                  field TEXT,
                  disposition TEXT NOT NULL CHECK (disposition IN ('rejected','duplicate','repaired')),
                  reason TEXT NOT NULL CHECK (reason <> '')
                );
                CREATE INDEX import_issues_import ON import_issues(import_id);
                """)
            try GeoPackage.register(db, table: "imports", geometryColumn: nil, geometryType: nil,
                                    description: "Every file imported: layer, source file, SHA-256, time and what became of its rows")
            try GeoPackage.register(db, table: "import_issues", geometryColumn: nil, geometryType: nil,
                                    description: "The rows of each import that were rejected, duplicates or repaired, with the reason")
        }
        migrator.registerMigration("workspace layers") { db in
            let provenance = "last_import_id INTEGER NOT NULL REFERENCES imports(id)"
            let id = "id TEXT NOT NULL UNIQUE CHECK (id <> '')"
            let regionReference = "region_id TEXT REFERENCES regions(id)"
            try db.execute(sql: """
                CREATE TABLE regions (
                  fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
                  geom MULTIPOLYGON NOT NULL,
                  \(id),
                  name TEXT NOT NULL,
                  parent_id TEXT,
                  population REAL CHECK (population >= 0),
                  alternate_names TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(alternate_names)),
                  \(provenance)
                );
                CREATE TABLE initiatives (
                  fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
                  geom GEOMETRY,
                  \(id),
                  name TEXT NOT NULL DEFAULT '',
                  actor TEXT CHECK (actor IN ('state','community','civil_society','international')),
                  kind TEXT NOT NULL DEFAULT '',
                  status TEXT CHECK (status IN ('active','planned','closed')),
                  radius_km REAL CHECK (radius_km > 0),
                  start_date TEXT NOT NULL DEFAULT '',
                  end_date TEXT NOT NULL DEFAULT '',
                  \(regionReference),
                  \(provenance),
                  CHECK ((geom IS NULL) <> (region_id IS NULL))
                );
                CREATE TABLE needs (
                  fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
                  geom POINT,
                  \(id),
                  category TEXT NOT NULL DEFAULT '',
                  segment TEXT NOT NULL DEFAULT '',
                  severity INTEGER CHECK (severity BETWEEN 1 AND 5),
                  weight REAL NOT NULL DEFAULT 1 CHECK (weight > 0),
                  date TEXT NOT NULL DEFAULT '',
                  \(regionReference),
                  \(provenance),
                  CHECK ((geom IS NULL) <> (region_id IS NULL))
                );
                CREATE TABLE incidents (
                  fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
                  geom POINT,
                  \(id),
                  date TEXT NOT NULL DEFAULT '',
                  type TEXT NOT NULL DEFAULT '',
                  fatalities INTEGER CHECK (fatalities >= 0),
                  weight REAL NOT NULL DEFAULT 1 CHECK (weight > 0),
                  \(regionReference),
                  \(provenance),
                  CHECK ((geom IS NULL) <> (region_id IS NULL))
                );
                CREATE TABLE settlements (
                  fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
                  geom POINT NOT NULL,
                  \(id),
                  name TEXT NOT NULL DEFAULT '',
                  population REAL NOT NULL CHECK (population >= 0),
                  \(provenance)
                );
                """)
            for layer in layers {
                try GeoPackage.register(db, table: layer.rawValue, geometryColumn: "geom", geometryType: geometryTypes[layer]!,
                                        description: layerDescriptions[layer]!)
                try GeoPackage.createSpatialIndex(db, table: layer.rawValue, geometryColumn: "geom")
            }
            try db.execute(sql: """
                CREATE TABLE changes (
                  id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
                  import_id INTEGER NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
                  layer TEXT NOT NULL CHECK (layer IN (\(layerList))),
                  feature_id TEXT NOT NULL,
                  field TEXT NOT NULL,
                  old_value TEXT,
                  new_value TEXT
                );
                CREATE INDEX changes_import ON changes(import_id);
                """)
            try GeoPackage.register(db, table: "changes", geometryColumn: nil, geometryType: nil,
                                    description: "Every value an import changed: layer, row id, column, old and new value (geometries as WKT)")
        }
        migrator.registerMigration("workspace runs") { db in
            try db.execute(sql: """
                CREATE TABLE runs (
                  id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
                  started_at DATETIME NOT NULL,
                  gapmap_version TEXT NOT NULL,
                  geos_version TEXT NOT NULL,
                  proj_version TEXT NOT NULL,
                  radius_km REAL NOT NULL CHECK (radius_km > 0),
                  segments INTEGER NOT NULL CHECK (segments >= 3),
                  include_planned BOOLEAN NOT NULL CHECK (include_planned IN (0, 1)),
                  parameters TEXT NOT NULL CHECK (json_valid(parameters)),
                  summary TEXT NOT NULL CHECK (json_valid(summary)),
                  regions INTEGER NOT NULL CHECK (regions > 0),
                  coverage_km2 REAL NOT NULL CHECK (coverage_km2 >= 0)
                );
                CREATE TABLE run_inputs (
                  id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
                  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
                  layer TEXT NOT NULL CHECK (layer IN (\(layerList))),
                  rows INTEGER NOT NULL CHECK (rows >= 0),
                  sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
                  last_import_id INTEGER REFERENCES imports(id),
                  UNIQUE (run_id, layer)
                );
                CREATE TABLE run_regions (
                  id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
                  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
                  region_id TEXT NOT NULL,
                  name TEXT NOT NULL,
                  parent_id TEXT,
                  area_km2 REAL NOT NULL CHECK (area_km2 >= 0),
                  covered_km2 REAL NOT NULL CHECK (covered_km2 >= 0),
                  coverage_pct REAL NOT NULL CHECK (coverage_pct BETWEEN 0 AND 100),
                  initiatives INTEGER NOT NULL CHECK (initiatives >= 0),
                  needs REAL NOT NULL,
                  needs_covered REAL NOT NULL,
                  needs_uncovered REAL NOT NULL,
                  incidents REAL NOT NULL,
                  incidents_covered REAL NOT NULL,
                  incidents_uncovered REAL NOT NULL,
                  uncovered_demand REAL NOT NULL,
                  population REAL,
                  covered_population REAL,
                  gap_rank INTEGER NOT NULL CHECK (gap_rank >= 1),
                  UNIQUE (run_id, region_id),
                  UNIQUE (run_id, gap_rank)
                );
                """)
            for (table, description) in [
                ("runs", "Every analysis of the workspace: time, parameters, versions of gapmap, GEOS and PROJ, summary"),
                ("run_inputs", "The layers each run read: row count and SHA-256 of their content"),
                ("run_regions", "Each run's metrics per region (join to regions on region_id)"),
            ] {
                try GeoPackage.register(db, table: table, geometryColumn: nil, geometryType: nil, description: description)
            }
        }
        // The source columns of needs and incidents (actors, location, notes,
        // ...), so that a workspace keeps and selects them as the files do.
        // Rows imported before have them empty until imported again.
        migrator.registerMigration("layers: source columns") { db in
            for (table, fields) in [("needs", MetricCatalogue.needSourceFields), ("incidents", MetricCatalogue.incidentSourceFields)] {
                for field in fields {
                    try db.execute(sql: "ALTER TABLE \(table) ADD COLUMN \(field.key) TEXT NOT NULL DEFAULT ''")
                }
            }
        }
        // Every filter a run used, in words, beside its request in JSON. Runs
        // recorded before get theirs from their request, read as it was
        // meant then (every incident kept).
        migrator.registerMigration("runs: filters") { db in
            try db.execute(sql: "ALTER TABLE runs ADD COLUMN filters TEXT NOT NULL DEFAULT ''")
            for row in try Row.fetchAll(db, sql: "SELECT id, parameters FROM runs") {
                let parameters: String = row["parameters"]
                let request = try JSONDecoder().decode(WorkspaceRunRequest.self, from: Data(parameters.utf8))
                try db.execute(sql: "UPDATE runs SET filters = ? WHERE id = ?", arguments: [request.filter.everyFilter, row["id"] as Int64])
            }
        }
        // A row may name a unit above the regions ("ML07" on communes: it is
        // shared among them by area), so region_id holds the reference as
        // the row gave it and is resolved at each analysis, as a file's is:
        // no foreign key to regions. Such rows and references matched other
        // than exactly are 'matched' in import_issues. The regions keep
        // their level and enclosing units (a commune's cercle and region,
        // id and name), so that a reference to a cercle by name finds it.
        // A trigger keeps the rule the foreign key gave: region_id names a
        // region, a P-code above some (ML07), or an enclosing unit of some.
        migrator.registerMigration("references to units above") { db in
            try db.execute(sql: "ALTER TABLE regions ADD COLUMN level INTEGER CHECK (level >= 0)")
            try db.execute(sql: "ALTER TABLE regions ADD COLUMN hierarchy TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(hierarchy))")
            for table in ["initiatives", "needs", "incidents"] {
                try rebuild(db, table: table, replacing: "region_id TEXT REFERENCES regions(id)", with: "region_id TEXT")
                try GeoPackage.createRTreeTriggers(db, table: table, geometryColumn: "geom")
                let known = """
                    NEW.region_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM regions WHERE id = NEW.region_id
                      OR substr(id, 1, length(NEW.region_id)) = NEW.region_id OR instr(hierarchy, json_quote(NEW.region_id)) > 0)
                    """
                let abort = "SELECT RAISE(ABORT, 'FOREIGN KEY constraint failed: region_id names no region and no unit above them');"
                try db.execute(sql: "CREATE TRIGGER \(table)_region_reference_insert BEFORE INSERT ON \(table) WHEN \(known) BEGIN \(abort) END")
                try db.execute(sql: "CREATE TRIGGER \(table)_region_reference_update BEFORE UPDATE OF region_id ON \(table) WHEN \(known) BEGIN \(abort) END")
            }
            try rebuild(db, table: "import_issues", replacing: "disposition IN ('rejected','duplicate','repaired')",
                        with: "disposition IN ('rejected','duplicate','repaired','matched')")
            try db.execute(sql: "CREATE INDEX import_issues_import ON import_issues(import_id)")
        }
        // Metrics added to the catalogue after "workspace runs": one named
        // migration each adds their columns to run_regions, typed from the
        // catalogue. Runs recorded before have them NULL (read as 0).
        for (name, metrics) in laterRunMetrics {
            migrator.registerMigration(name) { db in
                for metric in metrics {
                    let check = metric.type == .integer ? " CHECK (\(metric.key) >= 0)" : ""
                    try db.execute(sql: "ALTER TABLE run_regions ADD COLUMN \(metric.key) \(metric.geoPackageType.rawValue)\(check)")
                }
            }
        }
        return migrator
    }

    /// Rebuilds a table with one part of its definition changed, the way
    /// SQLite's documentation gives for changes ALTER TABLE cannot make:
    /// a new table from the stored definition, the rows copied (fids
    /// kept), the old one dropped (with its triggers and indexes), the new
    /// one renamed. The migrator runs it with foreign keys checked at the end.
    static func rebuild(_ db: Database, table: String, replacing old: String, with new: String) throws {
        guard let sql = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", arguments: [table]),
              sql.contains(old) else {
            throw GapMapError(message: "the workspace's table \(table) is not as gapmap made it (no \(old) in its definition)")
        }
        let rebuilt = table + "_rebuilt"
        guard let head = sql.range(of: "(") else { throw GapMapError(message: "the workspace's table \(table) has no columns") }
        let definition = "CREATE TABLE \(rebuilt) " + sql[head.lowerBound...].replacingOccurrences(of: old, with: new)
        try db.execute(sql: definition)
        try db.execute(sql: "INSERT INTO \(rebuilt) SELECT * FROM \(table)")
        try db.execute(sql: "DROP TABLE \(table)")
        try db.execute(sql: "ALTER TABLE \(rebuilt) RENAME TO \(table)")
    }

    /// The metric columns "workspace runs" created in run_regions.
    static let firstRunMetrics: Set<String> = [
        "area_km2", "covered_km2", "coverage_pct", "initiatives", "needs", "needs_covered", "needs_uncovered", "incidents",
        "incidents_covered", "incidents_uncovered", "uncovered_demand", "population", "covered_population", "gap_rank",
    ]

    /// Migrations released before they were made from the catalogue, under
    /// their names: a migration, once released, never changes.
    static let releasedRunMetrics: [(migration: String, keys: [String])] = [
        ("run metrics: programmes", ["programmes"]),
        ("run metrics: uncovered population", ["uncovered_population"]),
        ("run metrics: exposure", ["exposed_population", "exposed_uncovered_population"]),
    ]

    /// Every metric of `MetricCatalogue` that "workspace runs" did not
    /// create, with the migration that adds it: the released ones, then one
    /// named after each metric added to the catalogue since, so that a new
    /// metric needs nothing here.
    static var laterRunMetrics: [(migration: String, metrics: [Metric])] {
        let released = releasedRunMetrics.map { ($0.migration, $0.keys.compactMap(MetricCatalogue.metric)) }
        let present = firstRunMetrics.union(releasedRunMetrics.flatMap(\.keys))
        return released + MetricCatalogue.all.filter { !present.contains($0.key) }.map { ("run metrics: \($0.key)", [$0]) }
    }
}
