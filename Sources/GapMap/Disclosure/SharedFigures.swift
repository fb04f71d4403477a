/// What a shareable run publishes: the counts of needs per unit and
/// category and of incidents per unit and type, and each region's metrics,
/// with the cells that the small-cell rule withholds (`CellSuppression`).
/// Published figures are the restricted run's own; withheld ones are null.
public struct SharedFigures: Sendable {
    public let rules: ShareRules
    public let needs: DemandTally.Table
    public let incidents: DemandTally.Table
    /// Per table, withheld[row][category]; the row totals; the category totals.
    public let needCells: [[Bool]], needRowTotals: [Bool], needCategoryTotals: [Bool]
    public let incidentCells: [[Bool]], incidentRowTotals: [Bool], incidentCategoryTotals: [Bool]
    /// Per region, the keys of its withheld metrics.
    public let withheldMetrics: [[String]]
    public let outcome: CellSuppression.Outcome
    /// The smallest nonzero count published anywhere (nil when none is).
    public let smallestPublishedCount: Int?
    /// Per region, its gap rank among the regions whose uncovered demand
    /// is published (nil where it is withheld): a rank over every region
    /// would place a withheld figure between two published ones.
    public let publishedRanks: [Int?]
    /// Initiatives of sensitive kinds, shown only as presence per unit
    /// (nil when the rules name no sensitive kind; `withSensitivePresence`).
    public private(set) var sensitive: SensitivePresence?
    /// Needs and incidents per hexagon (`--share-cells`), nil without cells.
    public let hexagons: SharedHexagons?
    /// Needs and incidents displaced (`--share-displace`), nil without.
    public let displaced: SharedDisplacement?
    /// Region id → index, for tables in another order (summary.csv).
    let regionIndex: [String: Int]

    /// The demand metrics of a region that count people's rows.
    public static let countedMetrics = [MetricCatalogue.needs, MetricCatalogue.needsCovered, MetricCatalogue.needsUncovered,
                                        MetricCatalogue.incidents, MetricCatalogue.incidentsCovered, MetricCatalogue.incidentsUncovered,
                                        MetricCatalogue.uncoveredDemand]

    public init(_ report: CoverageReport, tally: DemandTally, rules: ShareRules) throws {
        self.rules = rules
        needs = tally.needs
        incidents = tally.incidents
        var engine = CellSuppression()
        let needIndex = Self.addTable(tally.needs, to: &engine)
        let incidentIndex = Self.addTable(tally.incidents, to: &engine)

        // The region metrics: 7 cells per region, bound by the metrics' own sums.
        let metrics = Self.countedMetrics
        var metricCells: [[Int]] = []
        for (r, m) in report.metrics.enumerated() {
            let rows = tally.contributors.indices.contains(r) ? tally.contributors[r] : Array(repeating: 0, count: 6)
            let counts = rows + [rows[DemandTally.needsUncoveredRows] + rows[DemandTally.incidentsUncoveredRows]]
            metricCells.append(metrics.indices.map { i in
                engine.add(CellSuppression.Cell(value: metrics[i].value(m) ?? 0, count: counts[i]))
            })
        }
        let totals = RegionTotals(report.metrics)
        for (i, metric) in metrics.enumerated() {
            let national = engine.add(CellSuppression.Cell(value: metric.value(totals.metrics) ?? 0, count: 0, isProtected: true))
            engine.bind(metricCells.map { $0[i] }, addUpTo: national)
        }
        for (r, cells) in metricCells.enumerated() {
            Self.bindUnit(cells, needRowTotal: needIndex.rowTotals[r], incidentRowTotal: incidentIndex.rowTotals[r], in: &engine)
        }

        // The hexagon tables: the same rows on another partition, each
        // category's national total the unit table's where they count the
        // same rows (withheld together), the grand totals published.
        var hexagons = try tally.hexagons.map(SharedHexagons.init)
        var hexagonIndex: (needs: TableCells, incidents: TableCells)?
        if let h = hexagons {
            let needs = Self.addTable(h.needs, to: &engine), incidents = Self.addTable(h.incidents, to: &engine)
            for (hex, unit, table, unitTable) in [(needs, needIndex, h.needs, tally.needs), (incidents, incidentIndex, h.incidents, tally.incidents)] {
                for (c, category) in table.categories.enumerated() {
                    guard let u = unitTable.categories.firstIndex(of: category) else { continue }
                    engine.bindIfEqual(hex.categoryTotals[c], unit.categoryTotals[u])
                }
            }
            hexagonIndex = (needs, incidents)
        }

        let outcome = engine.suppress(minCount: rules.minCount)
        self.outcome = outcome
        let out = outcome.suppressed
        if let index = hexagonIndex {
            hexagons!.needCells = index.needs.cells.map { $0.map { out[$0] } }
            hexagons!.needRowTotals = index.needs.rowTotals.map { out[$0] }
            hexagons!.needCategoryTotals = index.needs.categoryTotals.map { out[$0] }
            hexagons!.incidentCells = index.incidents.cells.map { $0.map { out[$0] } }
            hexagons!.incidentRowTotals = index.incidents.rowTotals.map { out[$0] }
            hexagons!.incidentCategoryTotals = index.incidents.categoryTotals.map { out[$0] }
        }
        self.hexagons = hexagons
        displaced = tally.displaced?.published
        needCells = needIndex.cells.map { $0.map { out[$0] } }
        needRowTotals = needIndex.rowTotals.map { out[$0] }
        needCategoryTotals = needIndex.categoryTotals.map { out[$0] }
        incidentCells = incidentIndex.cells.map { $0.map { out[$0] } }
        incidentRowTotals = incidentIndex.rowTotals.map { out[$0] }
        incidentCategoryTotals = incidentIndex.categoryTotals.map { out[$0] }
        withheldMetrics = metricCells.map { cells in cells.indices.filter { out[cells[$0]] }.map { metrics[$0].key } }
        smallestPublishedCount = engine.cells.indices.filter { !out[$0] && engine.cells[$0].count > 0 }.map { engine.cells[$0].count }.min()
        regionIndex = Dictionary(report.metrics.enumerated().map { ($1.regionID, $0) }, uniquingKeysWith: { first, _ in first })
        publishedRanks = Self.publishedRanks(report.metrics, withheld: withheldMetrics)
    }

    /// The sums that bind a unit's seven counted figures (`countedMetrics`):
    /// covered + uncovered = the whole, for needs and incidents, and
    /// uncovered needs + uncovered incidents = uncovered demand.
    static func bindMetrics(_ cells: [Int], in engine: inout CellSuppression) {
        engine.bind([cells[1], cells[2]], addUpTo: cells[0])
        engine.bind([cells[4], cells[5]], addUpTo: cells[3])
        engine.bind([cells[2], cells[5]], addUpTo: cells[6])
    }

    /// A unit's figures bound by their sums and to its row totals in the
    /// needs and incidents tables: a unit's count of needs and its needs
    /// metric are the same figure when every weight is 1 and no row is
    /// shared by area from a unit above, and then withheld together
    /// (`CellSuppression.bindIfEqual`); otherwise no equation ties them.
    static func bindUnit(_ cells: [Int], needRowTotal: Int, incidentRowTotal: Int, in engine: inout CellSuppression) {
        bindMetrics(cells, in: &engine)
        engine.bindIfEqual(needRowTotal, cells[0])
        engine.bindIfEqual(incidentRowTotal, cells[3])
    }

    /// Ranks 1, 2, ... in the report's gap-rank order, skipping the regions
    /// whose uncovered demand is withheld: the order of the others depends
    /// only on published figures (uncovered demand, coverage, id).
    static func publishedRanks(_ metrics: [RegionMetrics], withheld: [[String]]) -> [Int?] {
        var ranks = [Int?](repeating: nil, count: metrics.count)
        var next = 1
        for r in metrics.indices.sorted(by: { metrics[$0].gapRank < metrics[$1].gapRank })
        where !withheld[r].contains(MetricCatalogue.uncoveredDemand.key) {
            ranks[r] = next
            next += 1
        }
        return ranks
    }

    /// These figures with the presence of the initiatives of sensitive
    /// kinds (a GEOS overlay: which units their footprints reach).
    public func withSensitivePresence(_ report: CoverageReport) throws -> SharedFigures {
        guard !rules.sensitiveKinds.isEmpty else { return self }
        var figures = self
        figures.sensitive = try SensitivePresence(report, rules: rules)
        return figures
    }

    /// The regions in the order summary.csv lists them: by published gap
    /// rank, then the unranked ones by id.
    public func publishedOrder(_ report: CoverageReport) -> [RegionMetrics] {
        report.metrics.indices.sorted { a, b in
            switch (publishedRanks[a], publishedRanks[b]) {
            case let (x?, y?): x < y
            case (.some, nil): true
            case (nil, .some): false
            case (nil, nil): report.metrics[a].regionID < report.metrics[b].regionID
            }
        }.map { report.metrics[$0] }
    }

    /// The indices of a table's cells in the engine.
    struct TableCells {
        var cells: [[Int]], rowTotals: [Int], categoryTotals: [Int]
    }

    /// A table's cells, row totals and category totals, bound by its sums:
    /// each row to its total, each category to its national total, and both
    /// sets of totals to the grand total (published).
    static func addTable(_ table: DemandTally.Table, to engine: inout CellSuppression) -> TableCells {
        let cells = table.counts.map { row in row.map { engine.add(CellSuppression.Cell(value: Double($0), count: $0)) } }
        let rowTotals = table.counts.map { row in engine.add(CellSuppression.Cell(value: Double(row.reduce(0, +)), count: row.reduce(0, +))) }
        let categoryTotals = table.categories.indices.map { c in
            let n = table.counts.reduce(0) { $0 + $1[c] }
            return engine.add(CellSuppression.Cell(value: Double(n), count: n))
        }
        let grandCount = table.counts.reduce(0) { $0 + $1.reduce(0, +) }
        let grand = engine.add(CellSuppression.Cell(value: Double(grandCount), count: grandCount, isProtected: true))
        for (r, row) in cells.enumerated() { engine.bind(row, addUpTo: rowTotals[r]) }
        for c in table.categories.indices { engine.bind(cells.map { $0[c] }, addUpTo: categoryTotals[c]) }
        engine.bind(rowTotals, addUpTo: grand)
        engine.bind(categoryTotals, addUpTo: grand)
        return TableCells(cells: cells, rowTotals: rowTotals, categoryTotals: categoryTotals)
    }

    /// The keys withheld for the region with this id: its suppressed
    /// counts, and its gap rank where its uncovered demand is withheld.
    public func withheld(regionID: String) -> [String] {
        regionIndex[regionID].map(withheld(region:)) ?? []
    }

    func withheld(region r: Int) -> [String] {
        withheldMetrics[r] + (publishedRanks[r] == nil ? [MetricCatalogue.gapRank.key] : [])
    }

    /// The gap rank published for the region with this id (nil: unranked).
    public func publishedRank(regionID: String) -> Int? {
        regionIndex[regionID].flatMap { publishedRanks[$0] }
    }
}
