import Foundation
import GeoCore
import GeoFormats

/// The running state of a point layer read in chunks (`LayerBuilder.needs(from:regions:catalog:progress:)`):
/// the row accounting so far and the ids already used, so that a duplicate
/// is found whatever chunk its first row was in.
///
/// The used ids are kept as strings: ids up to 15 bytes of UTF-8 (the usual
/// `N00000001`, ACLED's `MLI12345`, a KoboToolbox `_index`) are stored inline
/// in a Swift string, 16 bytes each, as small as a 128-bit hash would be.
public struct PointLayerProgress {
    /// The account of the rows so far; nil before the first chunk.
    public internal(set) var account: LayerAccount?
    var seen = Set<String>()
    var screen: PointScreen?

    public init() {}
}

extension LayerBuilder {
    public func needs(from collection: FeatureCollection, regions: [Region], catalog: RegionCatalog) -> LoadedLayer<Need> {
        var progress = PointLayerProgress()
        return needs(from: collection, regions: regions, catalog: catalog, progress: &progress)
    }

    public func incidents(from collection: FeatureCollection, regions: [Region], catalog: RegionCatalog) -> LoadedLayer<Incident> {
        var progress = PointLayerProgress()
        return incidents(from: collection, regions: regions, catalog: catalog, progress: &progress)
    }
}

/// `analyze` with the needs and incidents read, analysed and written a
/// chunk at a time: memory holds the regions, the footprints and coverage,
/// at most `queuedChunks` + 2 chunks of rows (`chunkBytes` of the file
/// each: one being read, the queue, one being located and written), the
/// used ids and the row issues, not every point.
///
/// The figures are those of `AnalysisWorkflow.run` followed by
/// `ReportOutput.writeGeoJSON`, file for file: the rows go through the same
/// `LayerBuilder` rules, `AnalysisFilter` and
/// `CoverageAnalysis.demandOutcomes`, in file order, and the per-region sums
/// are added in the same order. CSV needs and incidents are streamed; a
/// GeoJSON or GeoPackage layer is read whole and passed as one chunk. The
/// report returned has metrics, accounts and issues but no need or incident
/// items (what needs every point — map, report, suggest, hotspots, scenario —
/// uses `AnalysisWorkflow.run`).
public enum StreamingAnalysis {
    /// Chunks read ahead while the coverage is built (its union runs on one
    /// core, so the other reads): 12 MB of CSV at most. 1M needs: 3.86 s
    /// with 2 (175 MB), 3.68 s with 12 (191 MB), 3.80 s with 24 (212 MB).
    static let queuedChunks = 12

    /// 1 MB of CSV: about 15,000 rows of a typical needs file. Larger
    /// chunks were no faster (1M needs: 4.10 s with 4 MB, 4.04 s with 1 MB,
    /// 4.37 s with 512 KB) and held more memory (250 MB, 187 MB, 172 MB).
    public static let defaultChunkBytes = 1 << 20

    /// Whether a layer file is streamed: a CSV file (by extension or content).
    public static func streams(_ reference: String?) -> Bool {
        guard let reference else { return false }
        let (path, layer) = GeoPackageReader.splitLayerReference(reference)
        guard layer == nil, FileManager.default.fileExists(atPath: path) else { return false }
        return (try? FeatureFileReader.format(of: path)) == .csv
    }

    /// Runs the analysis and writes regions, gaps, coverage, needs and
    /// incidents GeoJSON, summary.csv and rejected.csv into `directory`;
    /// returns the report and the paths written (in `ReportOutput.files` order).
    ///
    /// Two stages overlap on the machine's cores (`runPipeline`): one reads,
    /// parses and builds the CSV chunks of needs, then of incidents; the
    /// other builds the coverage (which does not need them), then locates
    /// and writes each chunk while the next is read. Each stage sees the
    /// rows in file order and keeps its own running state — the used ids
    /// and the row counts with the reading stage, the demand counts
    /// (assigned, unassigned) and the sums with the other — so the result is
    /// that of one chunk after the other.
    public static func run(_ request: AnalysisRequest, writingTo directory: String,
                           chunkBytes: Int = defaultChunkBytes) throws -> (report: CoverageReport, written: [String]) {
        let streamNeeds = streams(request.needsPath), streamIncidents = streams(request.incidentsPath)
        var readWhole = request
        if streamNeeds { readWhole.needsPath = nil }
        if streamIncidents { readWhole.incidentsPath = nil }
        let input = try AnalysisWorkflow.load(readWhole)

        let analysis = CoverageAnalysis(parameters: request.parameters)
        func path(_ name: String) -> String { (directory as NSString).appendingPathComponent(name) }
        let regions = input.regions.items
        let catalog = RegionCatalog(regions: regions)
        let filter = request.filter
        let workers = max(1, request.parameters.workers)
        let reading = DemandReading(
            needs: try streamNeeds ? request.needsPath.map { file in
                ChunkBuilding<Need>(
                    file: file, chunkBytes: chunkBytes, engine: try GeometryEngine(),
                    build: { $0.needs(fromRows: $1, regions: regions, catalog: catalog, progress: &$2) },
                    filter: { filter.apply(to: $0) })
            } : nil,
            incidents: try streamIncidents ? request.incidentsPath.map { file in
                ChunkBuilding<Incident>(
                    file: file, chunkBytes: chunkBytes, engine: try GeometryEngine(),
                    build: { $0.incidents(fromRows: $1, regions: regions, catalog: catalog, progress: &$2) },
                    filter: { filter.apply(to: $0) })
            } : nil)

        var setup: CoverageSetup?
        var totals = DemandTotals(regionCount: regions.count)
        var needsFile: GeoJSONWriter?, incidentsFile: GeoJSONWriter?
        var needsDemand = LayerAccount(file: request.needsPath ?? "", format: "csv")
        var incidentsDemand = LayerAccount(file: request.incidentsPath ?? "", format: "csv")
        var needs: DemandLayer<Need>?, incidents: DemandLayer<Incident>?

        func writeNeeds(_ items: [Need], _ outcomes: [DemandOutcome]) throws {
            try ReportOutput.writeDemand(items, outcomes, workers: workers, to: &needsFile!) { ReportOutput.appendNeed($0, $1, regions: regions, to: &$2) }
        }
        func writeIncidents(_ items: [Incident], _ outcomes: [DemandOutcome]) throws {
            try ReportOutput.writeDemand(items, outcomes, workers: workers, to: &incidentsFile!) {
                ReportOutput.appendIncident($0, $1, regions: regions, to: &$2)
            }
        }

        try runPipeline(depth: queuedChunks, produce: { try reading.next() }, prepare: {
            // While the first chunks are read: the coverage, then the layers read whole.
            let prepared = try analysis.prepare(input)
            setup = prepared
            try ReportOutput.createFolder(directory)
            needsFile = try GeoJSONWriter(path: path("needs.geojson"))
            incidentsFile = try GeoJSONWriter(path: path("incidents.geojson"))
            AnalysisProgress.report(.assigningPoints)
            if let layer = input.needs {
                needs = try whole(layer, analysis: analysis, setup: prepared, placement: \.placement, weight: \.weight) { items, weights, outcomes in
                    totals.addNeeds(weights, outcomes)
                    try writeNeeds(items, outcomes)
                }
            }
        }) { chunk in
            switch chunk {
            case .needs(let items):
                let weights = items.map(\.weight)
                let outcomes = try analysis.demandOutcomes(items.map(\.placement), weights, setup: setup!, account: &needsDemand)
                totals.addNeeds(weights, outcomes)
                try writeNeeds(items, outcomes)
            case .incidents(let items):
                let weights = items.map(\.weight)
                let outcomes = try analysis.demandOutcomes(items.map(\.placement), weights, setup: setup!, account: &incidentsDemand)
                totals.addIncidents(weights, outcomes)
                try writeIncidents(items, outcomes)
            }
        }
        if let built = reading.needs {
            needs = try built.layer(adding: needsDemand)
        }
        try needsFile!.finish()
        if let built = reading.incidents {
            incidents = try built.layer(adding: incidentsDemand)
        } else if let layer = input.incidents {
            incidents = try whole(layer, analysis: analysis, setup: setup!, placement: \.placement, weight: \.weight) { items, weights, outcomes in
                totals.addIncidents(weights, outcomes)
                try writeIncidents(items, outcomes)
            }
        }
        try incidentsFile!.finish()

        let report = try analysis.finish(setup!, totals: totals, needs: needs, incidents: incidents, settlements: input.settlements)
        AnalysisProgress.report(.writing)
        let (areaLayers, tables) = try ReportOutput.writeAreaLayersAndTables(report, to: directory, workers: workers)
        return (report, areaLayers + [path("needs.geojson"), path("incidents.geojson")] + tables)
    }

    /// A layer read whole (GeoJSON, GeoPackage) as a single chunk.
    static func whole<Item: Sendable>(
        _ layer: LoadedLayer<Item>, analysis: CoverageAnalysis, setup: CoverageSetup,
        placement: (Item) -> Placement, weight: (Item) -> Double,
        consume: ([Item], [Double], [DemandOutcome]) throws -> Void
    ) throws -> DemandLayer<Item> {
        var account = layer.account
        let weights = layer.items.map(weight)
        let outcomes = try analysis.demandOutcomes(layer.items.map(placement), weights, setup: setup, account: &account)
        try consume(layer.items, weights, outcomes)
        return DemandLayer(items: [], outcomes: [], account: account, issues: layer.issues)
    }
}

/// One chunk of demand rows, built and filtered, in file order.
enum DemandChunk: Sendable {
    case needs([Need])
    case incidents([Incident])
}

/// The reading stage of `StreamingAnalysis.run`: the needs file chunk by
/// chunk, then the incidents file. Only the pipeline's producing thread
/// touches it while the pipeline runs; the caller reads the totals after
/// it has finished.
private final class DemandReading: @unchecked Sendable {
    let needs: ChunkBuilding<Need>?
    let incidents: ChunkBuilding<Incident>?
    private var needsDone = false

    init(needs: ChunkBuilding<Need>?, incidents: ChunkBuilding<Incident>?) {
        self.needs = needs
        self.incidents = incidents
    }

    func next() throws -> DemandChunk? {
        if !needsDone, let needs {
            if let items = try needs.next() { return .needs(items) }
            needsDone = true
            needs.progress.seen = []  // the needs' ids are not needed for the incidents
        }
        if let items = try incidents?.next() { return .incidents(items) }
        return nil
    }
}

/// One CSV layer read chunk by chunk: each chunk's rows built into items
/// (carrying the ids and the account from chunk to chunk) and filtered.
/// Row issues keep the order of the whole-file path: the builder's, then
/// the filter's. The file is opened (and scanned for its encoding) at the
/// first chunk, on the reading thread.
private final class ChunkBuilding<Item: Sendable> {
    let file: String
    let chunkBytes: Int
    private var reader: CSVChunkReader?
    let builder: LayerBuilder
    let build: (LayerBuilder, CSVPointRows, inout PointLayerProgress) -> LoadedLayer<Item>
    let filter: (LoadedLayer<Item>) -> LoadedLayer<Item>
    var progress = PointLayerProgress()
    var builderIssues: [RowIssue] = []
    var filterIssues: [RowIssue] = []

    init(file: String, chunkBytes: Int, engine: GeometryEngine,
         build: @escaping (LayerBuilder, CSVPointRows, inout PointLayerProgress) -> LoadedLayer<Item>,
         filter: @escaping (LoadedLayer<Item>) -> LoadedLayer<Item>) {
        self.file = file
        self.chunkBytes = chunkBytes
        self.builder = LayerBuilder(engine: engine)
        self.build = build
        self.filter = filter
    }

    /// The next chunk's kept items; nil at the end of the file.
    func next() throws -> [Item]? {
        if reader == nil { reader = try CSVChunkReader(contentsOf: file, chunkBytes: chunkBytes) }
        guard let reader, let chunk = try reader.nextRows() else { return nil }
        if progress.seen.isEmpty, chunk.count > 0 {
            // Room for the ids of the whole file (up to 16 million), estimated from
            // the first chunk's rows per byte, so the set is not rehashed at every doubling.
            let bytesPerRow = Double(max(1, reader.bytesRead)) / Double(max(1, chunk.line(chunk.count - 1)))
            progress.seen.reserveCapacity(min(16 << 20, Int(Double(reader.fileSize) / bytesPerRow * 1.05)))
        }
        let built = build(builder, try CSVPointRows(chunk, options: reader.options), &progress)
        builderIssues += built.issues
        // The filter adds to the same running account as the builder.
        let kept = filter(LoadedLayer(items: built.items, account: built.account, issues: []))
        filterIssues += kept.issues
        progress.account = kept.account
        return kept.items
    }

    /// The whole layer once read: the builder's and filter's account with
    /// the demand counts of the locating stage.
    func layer(adding demand: LayerAccount) throws -> DemandLayer<Item> {
        guard var account = progress.account else {
            throw GapMapError(file: file, message: "the file gave no table", fix: "Check that it is a CSV file with a header line")
        }
        account.assigned = demand.assigned
        account.unassigned = demand.unassigned
        account.unassignedWeight = demand.unassignedWeight
        return DemandLayer(items: [], outcomes: [], account: account, issues: builderIssues + filterIssues)
    }
}
