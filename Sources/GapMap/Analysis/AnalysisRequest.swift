import Foundation
import GeoCore
import GeoFormats

/// What to analyse: the files, the region fields and the parameters.
public struct AnalysisRequest: Sendable {
    public var regionsPath: String
    public var regionIDField: String?
    public var regionNameField: String?
    public var initiativesPath: String?
    public var needsPath: String?
    public var incidentsPath: String?
    public var settlementsPath: String?
    /// A raster of people per cell (`--population`): population, covered and uncovered population per region.
    public var populationPath: String?
    public var parameters: AnalysisParameters
    /// The rows the run looks at (time window, actor, kind, ...); none left out by default.
    public var filter = AnalysisFilter()
    /// Who is told when each stage starts.
    public var progress = AnalysisProgress.silent
    /// Which part of the bundled sample the files are (the caller knows:
    /// it chose them); a run on the whole sample says it is invented data.
    public var exampleData = ExampleData.Use.none

    public init(regionsPath: String, regionIDField: String? = nil, regionNameField: String? = nil, initiativesPath: String? = nil,
                needsPath: String? = nil, incidentsPath: String? = nil, settlementsPath: String? = nil,
                parameters: AnalysisParameters = AnalysisParameters()) {
        self.regionsPath = regionsPath
        self.regionIDField = regionIDField
        self.regionNameField = regionNameField
        self.initiativesPath = initiativesPath
        self.needsPath = needsPath
        self.incidentsPath = incidentsPath
        self.settlementsPath = settlementsPath
        self.parameters = parameters
    }
}

/// Loads the layers of a request and runs the analysis.
public enum AnalysisWorkflow {
    public static func load(_ request: AnalysisRequest) throws -> AnalysisInput {
        try load(request, reading: FeatureFileReader.read)
    }

    /// The request's layers, each read by `read` from its reference (a
    /// workspace reads them all on one connection, in one transaction).
    static func load(_ request: AnalysisRequest, reading read: (String) throws -> FeatureCollection) throws -> AnalysisInput {
        let engine = try GeometryEngine()
        let builder = LayerBuilder(engine: engine)
        request.progress.report(.readingRegions)
        let (regions, fields) = try builder.regions(from: try read(request.regionsPath),
                                                    idField: request.regionIDField, nameField: request.regionNameField)
        let catalog = RegionCatalog(regions: regions.items)
        var input = AnalysisInput(regions: regions, regionFields: fields)
        input.isExampleData = request.exampleData == .whole
        request.progress.report(.readingLayers)
        if let path = request.initiativesPath {
            input.initiatives = builder.initiatives(from: try read(path), regions: regions.items, catalog: catalog)
        }
        if let path = request.needsPath {
            input.needs = builder.needs(from: try read(path), regions: regions.items, catalog: catalog)
        }
        if let path = request.incidentsPath {
            input.incidents = builder.incidents(from: try read(path), regions: regions.items, catalog: catalog)
        }
        if let path = request.settlementsPath {
            input.settlements = builder.settlements(from: try read(path), regions: regions.items, catalog: catalog)
        }
        if let path = request.populationPath {
            _ = try PopulationRaster(path: path)  // refused now, before the analysis, if GDAL cannot read it
            input.populationRaster = path
        }
        return request.filter.apply(to: input)
    }

    /// The analysis of the request's layers, read whole, with every need
    /// and incident kept in the report (for callers that need the rows).
    public static func run(_ request: AnalysisRequest) throws -> CoverageReport {
        try CoverageAnalysis(parameters: request.parameters, progress: request.progress).run(try load(request))
    }

    /// The analysis of the request's layers through the pipeline: CSV needs
    /// and incidents streamed a chunk at a time into `sinks`.
    public static func run(_ request: AnalysisRequest, into sinks: [any AnalysisSink],
                           chunkBytes: Int = AnalysisSource.defaultChunkBytes) throws -> CoverageReport {
        try CoverageAnalysis(parameters: request.parameters, progress: request.progress)
            .run(try AnalysisSource(request, chunkBytes: chunkBytes), into: sinks)
    }
}
