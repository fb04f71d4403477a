/// One chunk of demand rows, built and filtered, in file order. A layer
/// read whole (GeoJSON, GeoPackage, a test's layer) is one chunk.
public enum DemandChunk: Sendable {
    case needs([Need])
    case incidents([Incident])

    public var count: Int {
        switch self {
        case .needs(let items): items.count
        case .incidents(let items): items.count
        }
    }
}

/// What consumes an analysis as it runs: the files of `analyze`, the
/// GeoPackage, the compact points that the map, the report and the planner
/// tools need. `CoverageAnalysis.run(_:into:)` calls every sink on one
/// thread, in this order: `coverageBuilt` once (the coverage and each
/// region's covered part are known, no demand yet); `demand` for each chunk
/// of needs, then of incidents, in row order; `finished` once with the
/// report (metrics, accounts and issues; the report holds no demand rows).
/// A sink keeps what it needs of a chunk and lets the rest go, so memory
/// does not grow with the rows unless a sink keeps them.
public protocol AnalysisSink: AnyObject {
    func coverageBuilt(_ setup: CoverageSetup) throws
    func demand(_ chunk: DemandChunk, outcomes: [DemandOutcome], setup: CoverageSetup) throws
    func finished(_ report: CoverageReport) throws
}

extension AnalysisSink {
    public func coverageBuilt(_ setup: CoverageSetup) throws {}
    public func demand(_ chunk: DemandChunk, outcomes: [DemandOutcome], setup: CoverageSetup) throws {}
    public func finished(_ report: CoverageReport) throws {}
}

/// Keeps every need and incident with its outcome: for callers that hold
/// their layers in memory already (`CoverageAnalysis.run(_ input:)`, tests).
public final class DemandRows: AnalysisSink {
    public private(set) var needs: [Need] = []
    public private(set) var needOutcomes: [DemandOutcome] = []
    public private(set) var incidents: [Incident] = []
    public private(set) var incidentOutcomes: [DemandOutcome] = []

    public init() {}

    public func demand(_ chunk: DemandChunk, outcomes: [DemandOutcome], setup: CoverageSetup) throws {
        switch chunk {
        case .needs(let items):
            needs += items
            needOutcomes += outcomes
        case .incidents(let items):
            incidents += items
            incidentOutcomes += outcomes
        }
    }
}
