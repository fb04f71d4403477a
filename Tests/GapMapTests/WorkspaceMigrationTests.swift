import Foundation
import GRDB
import GeoCore
import GeoFormats
import Testing
import TestSupport
@testable import GapMap

/// A workspace made before a metric joined the catalogue still opens: the
/// migration adds the metric's column, the old runs read, and the rule of
/// the column is in SQL like the others.
struct WorkspaceMigrationTests {
    @Test func aWorkspaceRecordedBeforeProgrammesOpensAndReadsItsRuns() throws {
        let path = temporaryFolder("gapmap-migration") + "/old.gpkg"
        // The schema as gapmap 0.1.0 left it (migrations up to "workspace runs"), with one run as it recorded it.
        let queue = try DatabaseQueue(path: path, configuration: Workspace.configuration())
        try WorkspaceSchema.migrator.migrate(queue, upTo: "workspace runs")
        try queue.write { db in
            let parameters = #"{"filter":{"actors":[],"categories":[],"kinds":[],"segments":[],"undated":"keep"},"parameters":{"include_planned":false,"radius_km":10,"segments":64,"workers":2}}"#
            try db.execute(sql: """
                INSERT INTO runs (id, started_at, gapmap_version, geos_version, proj_version, radius_km, segments, include_planned,
                                  parameters, summary, regions, coverage_km2)
                VALUES (1, '2026-12-02T19:46:26.782Z', '0.1.0', '3.11.1', '9.1.1', 10, 64, 0, ?, '{}', 1, 82042.3691433988)
                """, arguments: [parameters])
            try db.execute(sql: """
                INSERT INTO run_regions (run_id, region_id, name, parent_id, area_km2, covered_km2, coverage_pct, initiatives, needs,
                                         needs_covered, needs_uncovered, incidents, incidents_covered, incidents_uncovered,
                                         uncovered_demand, population, covered_population, gap_rank)
                VALUES (1, 'ML05', 'Mopti', 'ML', 82042.3691433988, 82042.3691433988, 100, 6, 583.25, 583.25, 0, 217, 217, 0, 0,
                        NULL, NULL, 1)
                """)
        }
        try queue.close()

        let workspace = try Workspace.open(at: path)
        let detail = try workspace.run(id: 1)
        #expect(detail.regions.map(\.regionID) == ["ML05"])
        #expect(detail.regions[0].coveragePct == 100 && detail.regions[0].initiatives == 6)
        #expect(detail.regions[0].programmes == 0)  // not recorded then: NULL, read as 0
        // Runs recorded before the flag existed counted programmes as coverage: a reproduction must too.
        #expect(detail.request.parameters.programmesAsCoverage)
        // Runs recorded before incidents could be selected kept every incident: the migration says so in runs.filters.
        #expect(detail.request.filter.incidents == .everything)
        #expect(detail.run.filters == "incidents of every event type; weighted by events")
        try workspace.write("check the rule") { db in
            let columns = try Row.fetchAll(db, sql: "PRAGMA table_info(run_regions)").map { $0["name"] as String }
            #expect(Array(columns.suffix(4)) == ["programmes", "uncovered_population", "exposed_population", "exposed_uncovered_population"])
            #expect(throws: (any Error).self) {
                try db.execute(sql: "UPDATE run_regions SET programmes = -1 WHERE run_id = 1")
            }
        }
    }

    /// A workspace made when region_id was a foreign key to the regions
    /// opens with the tables rebuilt: its rows kept (fids, geometries and
    /// their R-tree), the R-tree kept in step with new rows, a reference to
    /// a unit above the regions (ML05 on a commune) accepted, an unknown
    /// one still refused, and 'matched' import issues stored.
    @Test func aWorkspaceFromBeforeUnitReferencesOpensWithItsRowsAndIndex() throws {
        let path = temporaryFolder("gapmap-migration") + "/units.gpkg"
        let queue = try DatabaseQueue(path: path, configuration: Workspace.configuration())
        try WorkspaceSchema.migrator.migrate(queue, upTo: "runs: filters")
        let engine = try GeometryEngine()
        func point(_ lon: Double, _ lat: Double) throws -> Data {
            Data(try GeoPackageGeometry.encode(.point(Coordinate(lon: lon, lat: lat)), srsID: 4326, engine: engine))
        }
        let ring = [Coordinate(lon: -4, lat: 14), Coordinate(lon: -3, lat: 14), Coordinate(lon: -3, lat: 15), Coordinate(lon: -4, lat: 15),
                    Coordinate(lon: -4, lat: 14)]
        let square = Data(try GeoPackageGeometry.encode(.multiPolygon([Polygon(exterior: ring)]), srsID: 4326, engine: engine))
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO imports (id, layer, source_file, source_sha256, imported_at, rows_read, rows_inserted, rows_updated,
                                     rows_unchanged, rows_rejected, rows_duplicate)
                VALUES (1, 'regions', 'r.geojson', ?, '2026-12-01T00:00:00Z', 1, 1, 0, 0, 0, 0)
                """, arguments: [String(repeating: "0", count: 64)])
            try db.execute(sql: "INSERT INTO regions (fid, geom, id, name, last_import_id) VALUES (7, ?, 'ML050101', 'Commune', 1)", arguments: [square])
            try db.execute(sql: "INSERT INTO needs (fid, geom, id, weight, last_import_id) VALUES (41, ?, 'N1', 2, 1)", arguments: [try point(-3.5, 14.5)])
            try db.execute(sql: "INSERT INTO needs (fid, geom, id, weight, region_id, last_import_id) VALUES (42, NULL, 'N2', 1, 'ML050101', 1)")
        }
        try queue.close()

        let workspace = try Workspace.open(at: path)
        try workspace.write("test") { db in
            let rows = try Row.fetchAll(db, sql: "SELECT fid, id, weight, region_id FROM needs ORDER BY fid")
            #expect(rows.map { [$0[0] as Int64, $0[2] as Int64] } == [[41, 2], [42, 1]])
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM rtree_needs_geom WHERE id = 41 AND minx <= -3.5 AND maxx >= -3.5") == 1)
            try db.execute(sql: "INSERT INTO needs (fid, geom, id, weight, last_import_id) VALUES (43, ?, 'N3', 1, 1)", arguments: [try point(-3.2, 14.1)])
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM rtree_needs_geom") == 2)
            try db.execute(sql: "DELETE FROM needs WHERE fid = 41")
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM rtree_needs_geom") == 1)
            try db.execute(sql: "INSERT INTO needs (geom, id, weight, region_id, last_import_id) VALUES (NULL, 'N4', 1, 'ML05', 1)")
            try db.execute(sql: "INSERT INTO import_issues (import_id, line, disposition, reason) VALUES (1, 3, 'matched', 'ML05 names a unit above')")
            #expect(!(try Row.fetchAll(db, sql: "PRAGMA foreign_key_list(needs)").isEmpty))  // last_import_id still one
            #expect(try Row.fetchAll(db, sql: "PRAGMA foreign_key_list(needs)").allSatisfy { ($0["table"] as String) == "imports" })
        }
        #expect(throws: (any Error).self) {
            try workspace.write("test") { db in
                try db.execute(sql: "INSERT INTO needs (geom, id, weight, region_id, last_import_id) VALUES (NULL, 'N5', 1, 'ML99', 1)")
            }
        }
    }

    /// Every metric of the catalogue is a column of run_regions, of the
    /// catalogue's type: a metric added to the catalogue gets its migration
    /// without an edit to the schema.
    @Test func everyMetricOfTheCatalogueHasARunColumn() throws {
        let path = temporaryFolder("gapmap-migration") + "/new.gpkg"
        let queue = try DatabaseQueue(path: path, configuration: Workspace.configuration())
        try WorkspaceSchema.migrator.migrate(queue)
        try queue.read { db in
            let columns = try Row.fetchAll(db, sql: "PRAGMA table_info(run_regions)")
            let types = Dictionary(uniqueKeysWithValues: columns.map { ($0["name"] as String, $0["type"] as String) })
            for metric in MetricCatalogue.all {
                #expect(types[metric.key] == (metric.type == .integer ? "INTEGER" : "REAL"), "\(metric.key)")
            }
        }
        // The released migrations keep their names; later metrics get one each, named after them.
        #expect(WorkspaceSchema.laterRunMetrics.map(\.migration).prefix(3) == ["run metrics: programmes", "run metrics: uncovered population", "run metrics: exposure"])
    }
}
