import GeoCore

/// Needs per hexagon and category, and incidents per hexagon and type
/// (`--share-cells hex:SIZE`): what a shareable run publishes in place of
/// the points, beside the counts per unit. Row 0 holds the rows without
/// coordinates (region references), so that each category adds up to the
/// same national total as the unit tables; then one row per hexagon that
/// holds a point, in the order first met. A sink of the analysis pipeline,
/// fed by `DemandTally`.
public final class HexagonTally: AnalysisSink {
    public let cells: HexagonCells
    public private(set) var lattice: HexagonCells.Lattice?
    public private(set) var needs = DemandTally.Table(rows: 1)
    public private(set) var incidents = DemandTally.Table(rows: 1)
    /// The hexagon of each row of the tables (nil for row 0).
    public private(set) var needHexagons: [HexagonCells.Index?] = [nil]
    public private(set) var incidentHexagons: [HexagonCells.Index?] = [nil]
    private var needRow: [HexagonCells.Index: Int] = [:]
    private var incidentRow: [HexagonCells.Index: Int] = [:]

    /// The row of a table that holds the rows without coordinates.
    public static let noHexagonRow = 0

    public init(_ cells: HexagonCells) { self.cells = cells }

    public func coverageBuilt(_ setup: CoverageSetup) throws {
        var extent: Envelope?
        for region in setup.regions {
            guard let e = region.geometry.envelope else { continue }
            extent = extent?.union(e) ?? e
        }
        lattice = try HexagonCells.Lattice(cells, over: extent ?? Envelope(Coordinate(x: 0, y: 0)))
    }

    public func demand(_ chunk: DemandChunk, outcomes: [DemandOutcome], setup: CoverageSetup) throws {
        guard let lattice else { return }
        switch chunk {
        case .needs(let items):
            for need in items {
                let row = try Self.row(need.placement, lattice, &needRow, &needHexagons, &needs)
                needs.add(row: row, category: need.category)
            }
        case .incidents(let items):
            for incident in items {
                let row = try Self.row(incident.placement, lattice, &incidentRow, &incidentHexagons, &incidents)
                incidents.add(row: row, category: incident.type)
            }
        }
    }

    private static func row(_ placement: Placement, _ lattice: HexagonCells.Lattice, _ rows: inout [HexagonCells.Index: Int],
                            _ hexagons: inout [HexagonCells.Index?], _ table: inout DemandTally.Table) throws -> Int {
        guard case .point(let c) = placement else { return noHexagonRow }
        let h = try lattice.index(of: c)
        if let known = rows[h] { return known }
        let r = table.appendRow()
        rows[h] = r
        hexagons.append(h)
        return r
    }
}
