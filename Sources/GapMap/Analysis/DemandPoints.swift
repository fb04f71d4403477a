import GeoCore

/// The point demand that the map, the report and the planner tools need,
/// kept compactly as the pipeline runs (a sink): per need or incident
/// located by its point, the position, weight, region and whether a
/// footprint covers it — 29 bytes a point, not the row. With `.uncovered`
/// only the uncovered points in a region are kept (hotspots, suggest), with
/// their ids for labels; the uncovered weight that has no point (region
/// references, points in no region) is added up.
public final class DemandPoints: AnalysisSink {
    public enum Selection: Sendable {
        /// Every point, covered or not, in a region or not (the map).
        case all
        /// The uncovered points in a region, with their ids (hotspots, suggest).
        case uncovered
    }

    public enum Layer: UInt8, Sendable {
        case needs, incidents
    }

    public let selection: Selection
    public private(set) var coordinates: [Coordinate] = []
    public private(set) var weights: [Double] = []
    /// The region index of each point; -1 for a point in no region.
    private var regionIndices: [Int32] = []
    /// Bit 0: covered; bit 1: an incident (else a need).
    private var flags: [UInt8] = []
    /// The row id of each point, with `.uncovered` only.
    public private(set) var ids: [String] = []
    /// Uncovered weight kept at no point: region references, and with
    /// `.uncovered` the points in no region.
    public private(set) var uncoveredWeightWithoutPoint = 0.0

    public init(_ selection: Selection) {
        self.selection = selection
    }

    /// The points of a report that kept its rows (`CoverageAnalysis.run(_ input:)`),
    /// as the pipeline would have handed them over.
    convenience init(_ selection: Selection, rowsOf report: CoverageReport) {
        self.init(selection)
        add(report.needs.indices.lazy.map { (report.needs[$0].placement, report.needs[$0].weight, report.needs[$0].id) }, report.needOutcomes, .needs)
        add(report.incidents.indices.lazy.map { (report.incidents[$0].placement, report.incidents[$0].weight, report.incidents[$0].id) },
            report.incidentOutcomes, .incidents)
    }

    public var count: Int { coordinates.count }
    public func region(_ i: Int) -> Int? { regionIndices[i] < 0 ? nil : Int(regionIndices[i]) }
    public func isCovered(_ i: Int) -> Bool { flags[i] & 1 != 0 }
    public func layer(_ i: Int) -> Layer { flags[i] & 2 != 0 ? .incidents : .needs }

    public func demand(_ chunk: DemandChunk, outcomes: [DemandOutcome], setup: CoverageSetup) throws {
        switch chunk {
        case .needs(let items):
            add(items.indices.lazy.map { (items[$0].placement, items[$0].weight, items[$0].id) }, outcomes, .needs)
        case .incidents(let items):
            add(items.indices.lazy.map { (items[$0].placement, items[$0].weight, items[$0].id) }, outcomes, .incidents)
        }
    }

    private func add<Rows: Collection>(_ rows: Rows, _ outcomes: [DemandOutcome], _ layer: Layer)
    where Rows.Element == (Placement, Double, String), Rows.Index == Int {
        for (i, (placement, weight, id)) in zip(outcomes.indices, rows) {
            let o = outcomes[i]
            guard case .point(let c) = placement else {
                uncoveredWeightWithoutPoint += weight - o.coveredWeight
                continue
            }
            if selection == .uncovered {
                if o.covered { continue }
                guard o.regionIndex != nil else {
                    uncoveredWeightWithoutPoint += weight
                    continue
                }
                ids.append(id)
            }
            coordinates.append(c)
            weights.append(weight)
            regionIndices.append(o.regionIndex.map(Int32.init) ?? -1)
            flags.append((o.covered ? 1 : 0) | (layer == .incidents ? 2 : 0))
        }
    }
}
