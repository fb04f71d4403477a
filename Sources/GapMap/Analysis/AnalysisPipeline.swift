import Foundation
import GeoCore
import GeoFormats

/// The layers of one run as the pipeline reads them: the layers held in
/// memory (regions, initiatives, settlements, and needs or incidents read
/// whole: GeoJSON, GeoPackage, or given by the caller) and the CSV needs and
/// incidents files, read a chunk at a time.
public struct AnalysisSource: Sendable {
    public var input: AnalysisInput
    /// CSV files of needs and incidents read chunk by chunk (nil: the layer, if any, is in `input`).
    let needsFile: String?
    let incidentsFile: String?
    /// The rows the run looks at, applied to each streamed chunk (`input` is filtered already).
    let filter: AnalysisFilter
    let chunkBytes: Int

    /// 1 MB of CSV: about 15,000 rows of a typical needs file. Larger
    /// chunks were no faster (1M needs: 4.10 s with 4 MB, 4.04 s with 1 MB,
    /// 4.37 s with 512 KB) and held more memory (250 MB, 187 MB, 172 MB).
    public static let defaultChunkBytes = 1 << 20

    /// Chunks read ahead while the coverage is built (its union runs on one
    /// core, so the other reads): 12 MB of CSV at most. 1M needs: 3.86 s
    /// with 2 (175 MB), 3.68 s with 12 (191 MB), 3.80 s with 24 (212 MB).
    static let queuedChunks = 12

    /// Layers given in memory: each demand layer is one chunk.
    public init(_ input: AnalysisInput) {
        self.input = input
        needsFile = nil
        incidentsFile = nil
        filter = AnalysisFilter()
        chunkBytes = Self.defaultChunkBytes
    }

    /// The request's layers: CSV needs and incidents are streamed, every
    /// other layer is read whole (and filtered) now.
    public init(_ request: AnalysisRequest, chunkBytes: Int = defaultChunkBytes) throws {
        let streamNeeds = Self.streams(request.needsPath), streamIncidents = Self.streams(request.incidentsPath)
        var readWhole = request
        if streamNeeds { readWhole.needsPath = nil }
        if streamIncidents { readWhole.incidentsPath = nil }
        input = try AnalysisWorkflow.load(readWhole)
        needsFile = streamNeeds ? request.needsPath : nil
        incidentsFile = streamIncidents ? request.incidentsPath : nil
        filter = request.filter
        self.chunkBytes = chunkBytes
    }

    /// Whether a layer file is streamed: a CSV file (by extension or content).
    public static func streams(_ reference: String?) -> Bool {
        guard let reference else { return false }
        let (path, layer) = GeoPackageReader.splitLayerReference(reference)
        guard layer == nil, FileManager.default.fileExists(atPath: path) else { return false }
        return (try? FeatureFileReader.format(of: path)) == .csv
    }
}

extension CoverageAnalysis {
    /// The analysis of DESIGN.md, semantics 1 to 10, as one pipeline feeding
    /// `sinks`; returns the report (metrics, accounts, issues, no demand rows).
    ///
    /// Two stages overlap on the machine's cores (`runPipeline`): one reads,
    /// parses and builds the CSV chunks of needs, then of incidents; the
    /// other builds the coverage (which does not need them), then locates
    /// each chunk and hands it to the sinks while the next is read. Each
    /// stage sees the rows in file order and keeps its own running state —
    /// the used ids and the row counts with the reading stage, the demand
    /// counts (assigned, unassigned) and the sums with the other — so the
    /// result is that of one chunk after the other, and of the whole layer
    /// given as one chunk. Memory holds the regions, the footprints and
    /// coverage, at most `queuedChunks` + 2 chunks of rows, the used ids and
    /// the row issues, plus what the sinks keep.
    public func run(_ source: AnalysisSource, into sinks: [any AnalysisSink]) throws -> CoverageReport {
        let input = source.input
        let regions = input.regions.items
        let catalog = RegionCatalog(regions: regions)
        let filter = source.filter
        let reading = DemandReading(
            needs: try source.needsFile.map { file in
                ChunkBuilding<Need>(
                    file: file, chunkBytes: source.chunkBytes, engine: try GeometryEngine(),
                    build: { $0.needs(fromRows: $1, regions: regions, catalog: catalog, progress: &$2) },
                    filter: { filter.apply(to: $0) })
            },
            incidents: try source.incidentsFile.map { file in
                ChunkBuilding<Incident>(
                    file: file, chunkBytes: source.chunkBytes, engine: try GeometryEngine(),
                    build: { $0.incidents(fromRows: $1, regions: regions, catalog: catalog, progress: &$2) },
                    filter: { filter.apply(to: $0) })
            })

        var setup: CoverageSetup?
        var totals = DemandTotals(regionCount: regions.count)
        var needsDemand = LayerAccount(file: source.needsFile ?? "", format: "csv")
        var incidentsDemand = LayerAccount(file: source.incidentsFile ?? "", format: "csv")
        var needs: DemandLayer<Need>?, incidents: DemandLayer<Incident>?
        // People near incidents: the incidents' discs, gathered as they are located (only when people are counted).
        let incidentsFile = source.incidentsFile ?? input.incidents?.account.file
        let counted = PopulationSource.isAvailable(raster: input.populationRaster, settlements: input.settlements != nil, regions: regions)
        var exposure = incidentsFile == nil || !counted ? nil : IncidentExposure(radii: parameters.exposureRadii)

        /// Locates one chunk, adds it up and hands it to the sinks.
        /// `screened`: where the reading stage's point screen already found
        /// points of the chunk, by line.
        func located(_ chunk: DemandChunk, screened: [Int: Int32] = [:], account: inout LayerAccount) throws {
            func known(_ lines: [Int]) -> [Int32]? {
                screened.isEmpty ? nil : lines.map { screened[$0] ?? PointScreen.notLocated }
            }
            let outcomes: [DemandOutcome]
            switch chunk {
            case .needs(let items):
                let weights = items.map(\.weight)
                outcomes = try demandOutcomes(items.map(\.placement), weights, setup: setup!,
                                              knownRegions: known(items.map(\.line)), account: &account)
                totals.addNeeds(weights, outcomes)
            case .incidents(let items):
                let weights = items.map(\.weight)
                outcomes = try demandOutcomes(items.map(\.placement), weights, setup: setup!,
                                              knownRegions: known(items.map(\.line)), account: &account)
                totals.addIncidents(weights, outcomes)
                try exposure?.add(items, file: incidentsFile)
            }
            for sink in sinks { try sink.demand(chunk, outcomes: outcomes, setup: setup!) }
        }
        /// A layer read whole, as a single chunk.
        func whole<Item: Sendable>(_ layer: LoadedLayer<Item>, _ chunk: DemandChunk) throws -> DemandLayer<Item> {
            var account = layer.account
            try located(chunk, account: &account)
            return DemandLayer(items: [], outcomes: [], account: account, issues: layer.issues)
        }

        try runPipeline(depth: AnalysisSource.queuedChunks, produce: { try reading.next() }, prepare: {
            // While the first chunks are read: the coverage, then the needs if read whole.
            let prepared = try prepare(input)
            setup = prepared
            for sink in sinks { try sink.coverageBuilt(prepared) }
            progress.report(.assigningPoints)
            if let layer = input.needs { needs = try whole(layer, .needs(layer.items)) }
        }) { read in
            switch read.chunk {
            case .needs: try located(read.chunk, screened: read.screened, account: &needsDemand)
            case .incidents: try located(read.chunk, screened: read.screened, account: &incidentsDemand)
            }
        }
        if let built = reading.needs { needs = try built.layer(adding: needsDemand) }
        if let built = reading.incidents {
            incidents = try built.layer(adding: incidentsDemand)
        } else if let layer = input.incidents {
            incidents = try whole(layer, .incidents(layer.items))
        }
        let report = try finish(setup!, totals: totals, needs: needs, incidents: incidents, settlements: input.settlements, exposure: exposure)
        progress.report(.writing)
        for sink in sinks { try sink.finished(report) }
        return report
    }
}

/// The reading stage of `CoverageAnalysis.run(_:into:)`: the needs file chunk by
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

    /// A chunk as read, with where the point screen located its points (by line).
    struct ReadChunk: Sendable {
        let chunk: DemandChunk
        let screened: [Int: Int32]
    }

    func next() throws -> ReadChunk? {
        if !needsDone, let needs {
            if let items = try needs.next() { return ReadChunk(chunk: .needs(items), screened: needs.screened) }
            needsDone = true
            needs.progress.seen = []  // the needs' ids are not needed for the incidents
        }
        if let incidents, let items = try incidents.next() { return ReadChunk(chunk: .incidents(items), screened: incidents.screened) }
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
    var progress: PointLayerProgress = {
        var progress = PointLayerProgress()
        progress.locatedByLine = [:]
        return progress
    }()
    /// Where the point screen located the last chunk's points, by line.
    var screened: [Int: Int32] { progress.locatedByLine ?? [:] }
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
