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
/// one chunk of rows (`chunkBytes` of the file), the used ids and the row
/// issues, not every point.
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
    /// 4 MB of CSV: about 60,000 rows of a typical needs file.
    public static let defaultChunkBytes = 4 << 20

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
    public static func run(_ request: AnalysisRequest, writingTo directory: String,
                           chunkBytes: Int = defaultChunkBytes) throws -> (report: CoverageReport, written: [String]) {
        let streamNeeds = streams(request.needsPath), streamIncidents = streams(request.incidentsPath)
        var readWhole = request
        if streamNeeds { readWhole.needsPath = nil }
        if streamIncidents { readWhole.incidentsPath = nil }
        let input = try AnalysisWorkflow.load(readWhole)

        let analysis = CoverageAnalysis(parameters: request.parameters)
        let setup = try analysis.prepare(input)
        try ReportOutput.createFolder(directory)
        func path(_ name: String) -> String { (directory as NSString).appendingPathComponent(name) }
        let builder = LayerBuilder(engine: try GeometryEngine())
        let regions = input.regions.items
        let catalog = RegionCatalog(regions: regions)
        let filter = request.filter
        var totals = DemandTotals(regionCount: regions.count)

        AnalysisProgress.report(.assigningPoints)
        var needsFile = try GeoJSONWriter(path: path("needs.geojson"))
        var needs: DemandLayer<Need>?
        if streamNeeds, let file = request.needsPath {
            needs = try pass(file, chunkBytes: chunkBytes, analysis: analysis, setup: setup,
                             build: { builder.needs(from: $0, regions: regions, catalog: catalog, progress: &$1) },
                             filter: { filter.apply(to: $0) }, placement: \.placement, weight: \.weight) { items, weights, outcomes in
                totals.addNeeds(weights, outcomes)
                for (i, need) in items.enumerated() { try ReportOutput.writeNeed(need, outcomes[i], regions: regions, to: &needsFile) }
            }
        } else if let layer = input.needs {
            needs = try whole(layer, analysis: analysis, setup: setup, placement: \.placement, weight: \.weight) { items, weights, outcomes in
                totals.addNeeds(weights, outcomes)
                for (i, need) in items.enumerated() { try ReportOutput.writeNeed(need, outcomes[i], regions: regions, to: &needsFile) }
            }
        }
        try needsFile.finish()

        var incidentsFile = try GeoJSONWriter(path: path("incidents.geojson"))
        var incidents: DemandLayer<Incident>?
        if streamIncidents, let file = request.incidentsPath {
            incidents = try pass(file, chunkBytes: chunkBytes, analysis: analysis, setup: setup,
                                 build: { builder.incidents(from: $0, regions: regions, catalog: catalog, progress: &$1) },
                                 filter: { filter.apply(to: $0) }, placement: \.placement, weight: \.weight) { items, weights, outcomes in
                totals.addIncidents(weights, outcomes)
                for (i, e) in items.enumerated() { try ReportOutput.writeIncident(e, outcomes[i], regions: regions, to: &incidentsFile) }
            }
        } else if let layer = input.incidents {
            incidents = try whole(layer, analysis: analysis, setup: setup, placement: \.placement, weight: \.weight) { items, weights, outcomes in
                totals.addIncidents(weights, outcomes)
                for (i, e) in items.enumerated() { try ReportOutput.writeIncident(e, outcomes[i], regions: regions, to: &incidentsFile) }
            }
        }
        try incidentsFile.finish()

        let report = try analysis.finish(setup, totals: totals, needs: needs, incidents: incidents, settlements: input.settlements)
        AnalysisProgress.report(.writing)
        var written = try ReportOutput.writeAreaLayers(report, to: directory)
        written += [path("needs.geojson"), path("incidents.geojson")]
        written.append(try ReportOutput.writeSummaryCSV(report, to: path("summary.csv")))
        written.append(try ReportOutput.writeRejectedCSV(report, to: path("rejected.csv")))
        return (report, written)
    }

    /// One CSV layer, chunk by chunk: rows to items (`build`, carrying the
    /// ids and the account), the run's filter, the demand outcomes; `consume`
    /// gets each chunk's items, weights and outcomes. Row issues keep the
    /// order of the whole-file path: the builder's, then the filter's.
    static func pass<Item: Sendable>(
        _ file: String, chunkBytes: Int, analysis: CoverageAnalysis, setup: CoverageSetup,
        build: (FeatureCollection, inout PointLayerProgress) -> LoadedLayer<Item>,
        filter: (LoadedLayer<Item>) -> LoadedLayer<Item>,
        placement: (Item) -> Placement, weight: (Item) -> Double,
        consume: ([Item], [Double], [DemandOutcome]) throws -> Void
    ) throws -> DemandLayer<Item> {
        let reader = try CSVChunkReader(contentsOf: file, chunkBytes: chunkBytes)
        var progress = PointLayerProgress()
        var builderIssues: [RowIssue] = []
        var filterIssues: [RowIssue] = []
        while let table = try reader.next() {
            let built = build(try CSVFeatureReader.features(from: table, options: reader.options), &progress)
            builderIssues += built.issues
            // The filter and the demand pass add to the same running account as the builder.
            var kept = filter(LoadedLayer(items: built.items, account: built.account, issues: []))
            filterIssues += kept.issues
            let weights = kept.items.map(weight)
            let outcomes = try analysis.demandOutcomes(kept.items.map(placement), weights, setup: setup, account: &kept.account)
            progress.account = kept.account
            try consume(kept.items, weights, outcomes)
        }
        guard let account = progress.account else {
            throw GapMapError(file: file, message: "the file gave no table", fix: "Check that it is a CSV file with a header line")
        }
        return DemandLayer(items: [], outcomes: [], account: account, issues: builderIssues + filterIssues)
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
