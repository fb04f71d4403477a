import Foundation
import GeoCore
import GeoFormats

/// `analyze`'s files in a folder (`ReportOutput.files`): needs.geojson and
/// incidents.geojson written chunk by chunk as the pipeline locates them,
/// then regions, gaps and coverage GeoJSON, summary.csv and rejected.csv
/// when the report is known. Each file is written aside and renamed when
/// complete, so an interrupted run never leaves a partial file.
public final class GeoJSONOutput: AnalysisSink {
    public let directory: String
    let workers: Int
    /// The paths written, in `ReportOutput.files` order, once finished.
    public private(set) var written: [String] = []
    private var needsFile: GeoJSONWriter?
    private var incidentsFile: GeoJSONWriter?

    public init(directory: String, workers: Int = defaultWorkerCount) {
        self.directory = directory
        self.workers = max(1, workers)
    }

    private func path(_ name: String) -> String { (directory as NSString).appendingPathComponent(name) }

    public func coverageBuilt(_ setup: CoverageSetup) throws {
        try ReportOutput.createFolder(directory)
        let members = ReportOutput.collectionMembers(setup.isExampleData)
        needsFile = try GeoJSONWriter(path: path("needs.geojson"), members: members)
        incidentsFile = try GeoJSONWriter(path: path("incidents.geojson"), members: members)
    }

    public func demand(_ chunk: DemandChunk, outcomes: [DemandOutcome], setup: CoverageSetup) throws {
        let regions = setup.regions
        switch chunk {
        case .needs(let items):
            try ReportOutput.writeDemand(items, outcomes, workers: workers, to: &needsFile!) {
                ReportOutput.appendNeed($0, $1, regions: regions, to: &$2)
            }
        case .incidents(let items):
            try ReportOutput.writeDemand(items, outcomes, workers: workers, to: &incidentsFile!) {
                ReportOutput.appendIncident($0, $1, regions: regions, to: &$2)
            }
        }
    }

    public func finished(_ report: CoverageReport) throws {
        try needsFile!.finish()
        try incidentsFile!.finish()
        let (areaLayers, tables) = try ReportOutput.writeAreaLayersAndTables(report, to: directory, workers: workers)
        written = areaLayers + [path("needs.geojson"), path("incidents.geojson")] + tables
    }
}
