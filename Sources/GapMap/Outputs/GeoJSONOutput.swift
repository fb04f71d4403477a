import Foundation
import GeoCore
import GeoFormats

/// `analyze`'s files in a folder (`ReportOutput.files`): needs.geojson and
/// incidents.geojson written chunk by chunk as the pipeline locates them,
/// then regions, gaps and coverage GeoJSON, summary.csv and rejected.csv
/// when the report is known. Each file is written aside and renamed when
/// complete, so an interrupted run never leaves a partial file. With share
/// rules, needs and incidents are counted per unit and category instead
/// (`SharedFigures`), small counts are withheld and share-report.txt says what was done.
public final class GeoJSONOutput: AnalysisSink {
    public let directory: String
    let workers: Int
    /// The paths written, in `ReportOutput.files` order, once finished.
    public private(set) var written: [String] = []
    private var needsFile: GeoJSONWriter?
    private var incidentsFile: GeoJSONWriter?
    /// A shareable run's rules, and the counts it publishes.
    public let share: ShareRules?
    /// The language of rejected.csv's reasons (its codes are the same in every language).
    public var language: ReportLanguage = .english
    private let tally: DemandTally
    /// A shareable run's figures, once finished.
    public private(set) var shared: SharedFigures?
    /// The rows behind each unit's demand metrics of a shareable run (nil
    /// for a restricted one): what a shareable roll-up counts (`SharedRollup`).
    public var demandTally: DemandTally? { share == nil ? nil : tally }

    public init(directory: String, workers: Int = defaultWorkerCount, share: ShareRules? = nil) {
        self.directory = directory
        self.workers = max(1, workers)
        self.share = share
        tally = DemandTally(share: share)
    }

    private func path(_ name: String) -> String { (directory as NSString).appendingPathComponent(name) }

    public func coverageBuilt(_ setup: CoverageSetup) throws {
        try ReportOutput.createFolder(directory)
        if share != nil { return try tally.coverageBuilt(setup) }
        let members = ReportOutput.collectionMembers(setup.isExampleData)
        needsFile = try GeoJSONWriter(path: path("needs.geojson"), members: members)
        incidentsFile = try GeoJSONWriter(path: path("incidents.geojson"), members: members)
    }

    public func demand(_ chunk: DemandChunk, outcomes: [DemandOutcome], setup: CoverageSetup) throws {
        if share != nil { return try tally.demand(chunk, outcomes: outcomes, setup: setup) }
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
        if let share { return try finishShared(report, rules: share) }
        try needsFile!.finish()
        try incidentsFile!.finish()
        let (areaLayers, tables) = try ReportOutput.writeAreaLayersAndTables(report, to: directory, workers: workers, language: language)
        written = areaLayers + [path("needs.geojson"), path("incidents.geojson")] + tables
    }

    private func finishShared(_ report: CoverageReport, rules: ShareRules) throws {
        let figures = try SharedFigures(report, tally: tally, rules: rules).withSensitivePresence(report)
        shared = figures
        let (areaLayers, tables) = try ReportOutput.writeAreaLayersAndTables(report, to: directory, workers: workers, shared: figures)
        let needs = try SharedFigures.writeCounts(figures.needs, total: MetricCatalogue.needs.key, cells: figures.needCells,
                                                  rowTotals: figures.needRowTotals, categoryTotals: figures.needCategoryTotals, report: report, release: figures.release,
                                                  to: path("needs.geojson"))
        let incidents = try SharedFigures.writeCounts(figures.incidents, total: MetricCatalogue.incidents.key, cells: figures.incidentCells,
                                                      rowTotals: figures.incidentRowTotals, categoryTotals: figures.incidentCategoryTotals, report: report, release: figures.release,
                                                      to: path("incidents.geojson"))
        let hexagons = try figures.hexagons.map { h in
            [try h.write(needs: true, report: report, release: figures.release, toFolder: directory),
             try h.write(needs: false, report: report, release: figures.release, toFolder: directory)]
        } ?? []
        let displaced = try figures.displaced.map { d in
            [try d.write(needs: true, report: report, release: figures.release, toFolder: directory),
             try d.write(needs: false, report: report, release: figures.release, toFolder: directory)]
        } ?? []
        let disclosure = path(SharedFigures.reportFile)
        try figures.writeDisclosureReport(report, to: disclosure)
        written = areaLayers + [needs, incidents] + hexagons + displaced + tables + [disclosure]
    }
}
