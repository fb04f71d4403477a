/// Counts of needs per unit and category, and of incidents per unit and
/// type, with the number of rows behind each demand metric of a unit: what
/// a shareable run publishes instead of the points, and what its
/// small-cell rule counts. A sink of the analysis pipeline.
public final class DemandTally: AnalysisSink {
    /// One table of counts: rows are the regions, then one row for the
    /// rows in no region (unassigned, or credited to a unit above them).
    public struct Table: Sendable {
        public private(set) var categories: [String] = []
        private var column: [String: Int] = [:]
        /// counts[row][category]
        public private(set) var counts: [[Int]]

        init(rows: Int) { counts = Array(repeating: [], count: rows) }

        /// A new row of zeros, its index.
        mutating func appendRow() -> Int {
            counts.append(Array(repeating: 0, count: categories.count))
            return counts.count - 1
        }

        mutating func add(row: Int, category raw: String) {
            let category = raw.isEmpty ? DemandTally.noCategory : raw
            let c: Int
            if let known = column[category] {
                c = known
            } else {
                c = categories.count
                column[category] = c
                categories.append(category)
                for r in counts.indices { counts[r].append(0) }
            }
            counts[row][c] += 1
        }
    }

    /// The category of a row that gives none.
    public static let noCategory = "(none)"

    public private(set) var needs = Table(rows: 0)
    public private(set) var incidents = Table(rows: 0)
    /// Rows behind each region's needs, covered needs, uncovered needs
    /// (likewise incidents): indices `DemandTally.needsRows` and so on.
    public private(set) var contributors: [[Int]] = []
    static let needsRows = 0, needsCoveredRows = 1, needsUncoveredRows = 2
    static let incidentsRows = 3, incidentsCoveredRows = 4, incidentsUncoveredRows = 5

    /// A row credited to a unit above the regions: the regions that take a
    /// share of it, each counted in `contributors` once. A roll-up counts
    /// such a row once per parent, not once per child (`SharedRollup`).
    public struct SpreadRow: Sendable {
        /// The row's first index in `contributors` (needs or incidents).
        public var first: Int
        public var parts: [(region: Int, covered: Bool, uncovered: Bool)]
    }
    public private(set) var spreadRows: [SpreadRow] = []

    /// The same rows counted per hexagon (`--share-cells`), nil without cells.
    public let hexagons: HexagonTally?
    /// The rows with coordinates displaced (`--share-displace`), nil without.
    public let displaced: DisplacedPoints?

    /// `share`: the rules of a shareable run, for its hexagons and displacement.
    public init(share: ShareRules? = nil) {
        hexagons = share?.cells.map(HexagonTally.init)
        displaced = share?.displace == true ? DisplacedPoints(urbanPlacesPath: share?.urbanPlacesPath) : nil
    }

    public func coverageBuilt(_ setup: CoverageSetup) throws {
        try hexagons?.coverageBuilt(setup)
        try displaced?.coverageBuilt(setup)
        needs = Table(rows: setup.regions.count + 1)
        incidents = Table(rows: setup.regions.count + 1)
        contributors = Array(repeating: Array(repeating: 0, count: 6), count: setup.regions.count)
    }

    public func demand(_ chunk: DemandChunk, outcomes: [DemandOutcome], setup: CoverageSetup) throws {
        try hexagons?.demand(chunk, outcomes: outcomes, setup: setup)
        try displaced?.demand(chunk, outcomes: outcomes, setup: setup)
        let noRegion = setup.regions.count
        switch chunk {
        case .needs(let items):
            for (need, o) in zip(items, outcomes) {
                needs.add(row: o.regionIndex ?? noRegion, category: need.category)
                count(o, weight: need.weight, first: Self.needsRows)
            }
        case .incidents(let items):
            for (incident, o) in zip(items, outcomes) {
                incidents.add(row: o.regionIndex ?? noRegion, category: incident.type)
                count(o, weight: incident.weight, first: Self.incidentsRows)
            }
        }
    }

    /// A row contributes to its region's total, and to its covered and
    /// uncovered parts where it adds weight to them (a region reference
    /// partly covered adds to both); a row credited to a unit above, to
    /// each region that takes a share of it.
    private func count(_ o: DemandOutcome, weight: Double, first: Int) {
        let parts: [(region: Int, weight: Double, covered: Double)] =
            o.regionIndex.map { [($0, weight, o.coveredWeight)] } ?? (o.shares ?? []).map { ($0.region, $0.weight, $0.coveredWeight) }
        for part in parts {
            contributors[part.region][first] += 1
            if part.covered > 0 { contributors[part.region][first + 1] += 1 }
            if part.covered < part.weight { contributors[part.region][first + 2] += 1 }
        }
        if parts.count > 1 {
            spreadRows.append(SpreadRow(first: first, parts: parts.map { ($0.region, $0.covered > 0, $0.covered < $0.weight) }))
        }
    }
}
