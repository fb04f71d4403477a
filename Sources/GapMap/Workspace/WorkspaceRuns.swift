import Foundation
import GRDB
import GeoCore
import GeoFormats

/// What a run was asked: the parameters and the row filters, as stored in
/// `runs.parameters`.
public struct WorkspaceRunRequest: Codable, Sendable, Equatable {
    public var parameters: AnalysisParameters
    public var filter: AnalysisFilter

    public init(parameters: AnalysisParameters, filter: AnalysisFilter = AnalysisFilter()) {
        self.parameters = parameters
        self.filter = filter
    }
}

/// A run as stored: its record, the layers it read and its metrics per
/// region, in gap-rank order.
public struct WorkspaceRunDetail: Sendable {
    public var run: WorkspaceRun
    public var inputs: [WorkspaceRunInput]
    public var regions: [RegionMetrics]
    /// The layers whose content differs now from what the run read.
    public var changedSince: [LayerKind]
    public var request: WorkspaceRunRequest
}

extension Workspace {
    /// The analysis request for the workspace's layers: each non-empty
    /// layer as `plan.gpkg:layer`.
    public func analysisRequest(_ runRequest: WorkspaceRunRequest) throws -> AnalysisRequest {
        try analysisRequest(runRequest, counts: try rowCounts())
    }

    func analysisRequest(_ runRequest: WorkspaceRunRequest, counts: [LayerKind: Int]) throws -> AnalysisRequest {
        guard (counts[.regions] ?? 0) > 0 else {
            throw GapMapError(file: path, message: "the workspace has no regions to analyse",
                              fix: "Import them with gapmap import \(path) --regions FILE")
        }
        func layer(_ kind: LayerKind) -> String? { (counts[kind] ?? 0) > 0 ? "\(path):\(kind.rawValue)" : nil }
        var request = AnalysisRequest(
            regionsPath: layer(.regions)!, regionIDField: "id", regionNameField: "name", initiativesPath: layer(.initiatives),
            needsPath: layer(.needs), incidentsPath: layer(.incidents), settlementsPath: layer(.settlements),
            parameters: runRequest.parameters)
        request.filter = runRequest.filter
        return request
    }

    /// Analyses the workspace's layers and records the run: its request,
    /// the fingerprint of every layer it read, the versions of gapmap, GEOS
    /// and PROJ, the time, the summary and each region's metrics. The
    /// layers, their counts and their fingerprints are read in one read
    /// transaction on the workspace's own connection, so the run sees one
    /// snapshot (before an import or after it, never part of one) and
    /// records exactly what it read.
    public func analyze(_ runRequest: WorkspaceRunRequest, into sinks: [any AnalysisSink] = [], progress: AnalysisProgress = .silent,
                        at time: Date = Date()) throws -> (report: CoverageReport, run: WorkspaceRun) {
        let (request, input, inputs) = try read("read the layers") { db -> (AnalysisRequest, AnalysisInput, [WorkspaceRunInput]) in
            let inputs = try WorkspaceSchema.layers.map { layer in
                let (rows, sha256) = try Self.fingerprint(db, layer: layer)
                let lastImport = try Int64.fetchOne(db, sql: "SELECT max(id) FROM imports WHERE layer = ?", arguments: [layer.rawValue])
                return WorkspaceRunInput(runID: 0, layer: layer, rows: rows, sha256: sha256, lastImportID: lastImport)
            }
            var request = try analysisRequest(runRequest, counts: Dictionary(uniqueKeysWithValues: inputs.map { ($0.layer, $0.rows) }))
            request.progress = progress
            return (request, try load(request, db), inputs)
        }
        let report = try CoverageAnalysis(parameters: request.parameters, progress: progress).run(AnalysisSource(input), into: sinks)
        var run = WorkspaceRun(
            startedAt: GeoPackage.timestamp(time), gapmapVersion: gapmapVersion, geosVersion: GeometryEngine.geosVersion,
            projVersion: Reprojector.projVersion, radiusKm: request.parameters.defaultRadiusKm, segments: request.parameters.segments,
            includePlanned: request.parameters.includePlanned,
            parameters: String(decoding: try JSONDocument.encode(runRequest, pretty: false), as: UTF8.self), filters: runRequest.filter.everyFilter,
            summary: String(decoding: try SummaryDocument(report).json(), as: UTF8.self),
            regions: report.metrics.count, coverageKm2: report.coverageKm2)
        try write("record the run") { db in
            try run.insert(db)
            for var input in inputs {
                input.runID = run.id!
                try input.insert(db)
            }
            for m in report.metrics {
                var region = WorkspaceRunRegion(runID: run.id!, metrics: m)
                try region.insert(db)
            }
            for table in ["runs", "run_inputs", "run_regions"] { try GeoPackage.touchContents(db, table: table) }
        }
        return (report, run)
    }

    /// Every recorded run, oldest first.
    public func runs() throws -> [WorkspaceRun] {
        try read("list the runs") { db in try WorkspaceRun.order(Column("id")).fetchAll(db) }
    }

    /// A recorded run with its inputs and figures.
    public func run(id: Int64) throws -> WorkspaceRunDetail {
        try read("read run \(id)") { db in
            guard let run = try WorkspaceRun.fetchOne(db, key: id) else {
                let ids = try Int64.fetchAll(db, sql: "SELECT id FROM runs ORDER BY id")
                throw GapMapError(file: path, message: "the workspace has no run \(id)",
                                  fix: ids.isEmpty ? "Run gapmap analyze \(path) first" : "Its runs are \(ids.map(String.init).joined(separator: ", "))")
            }
            let inputs = try WorkspaceRunInput.filter(Column("run_id") == id).order(Column("id")).fetchAll(db)
            let regions = try WorkspaceRunRegion.filter(Column("run_id") == id).order(Column("gap_rank")).fetchAll(db).map(\.metrics)
            var changed: [LayerKind] = []
            for input in inputs where try Self.fingerprint(db, layer: input.layer).sha256 != input.sha256 { changed.append(input.layer) }
            let request = try JSONDecoder().decode(WorkspaceRunRequest.self, from: Data(run.parameters.utf8))
            return WorkspaceRunDetail(run: run, inputs: inputs, regions: regions, changedSince: changed, request: request)
        }
    }

    /// Analyses the workspace again with a recorded run's request, without
    /// recording anything: with unchanged layers, the figures are the run's.
    /// The sinks receive the analysis as `analyze` gives it to them.
    public func reproduce(runID: Int64, into sinks: [any AnalysisSink] = []) throws -> (detail: WorkspaceRunDetail, report: CoverageReport) {
        let detail = try run(id: runID)
        let (request, input) = try read("read the layers") { db in
            let request = try analysisRequest(detail.request, counts: try Self.rowCounts(db))
            return (request, try load(request, db))
        }
        return (detail, try CoverageAnalysis(parameters: request.parameters).run(AnalysisSource(input), into: sinks))
    }

    /// The request's layers, read on `db` (inside the caller's transaction),
    /// never through a second connection or a file handle of the workspace.
    private func load(_ request: AnalysisRequest, _ db: Database) throws -> AnalysisInput {
        var input = try AnalysisWorkflow.load(request) { reference in
            let layer = reference.hasPrefix(path + ":") ? String(reference.dropFirst(path.count + 1)) : reference
            return try GeoPackageReader.read(db, path: path, layer: layer)
        }
        // The regions' levels and enclosing units as imported: parent names and levels in the outputs as from the files.
        if let level = try Workspace.applyStoredHierarchy(&input.regions.items, db) { input.regionFields.level = level }
        return input
    }
}
