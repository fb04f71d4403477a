import Foundation
import GeoFormats

/// The roll-ups of a shareable run (`analyze --share --rollup`,
/// `gapmap rollup --share`): each parent's counted metrics (needs,
/// incidents, covered, uncovered, uncovered demand) as the restricted
/// roll-up computes them, those counting 1 to k−1 rows withheld, and more
/// withheld so that a parent's figure minus its published children, or the
/// national total minus the published parents, gives no withheld figure
/// away — at either level.
/// The units' own withheld cells are those of `SharedFigures`, fixed: the
/// engine (`CellSuppression`) is given the units' tables and metrics as
/// they are published (withheld ones as cells it must withhold, published
/// ones as cells it may not), then the parents bound to them by sums, and
/// withholds parent cells only.
public struct SharedRollup: Sendable {
    /// One level of parents as published.
    public struct Level: Sendable {
        public let result: RollupResult
        /// Per parent, the keys of its withheld metrics.
        public let withheldMetrics: [[String]]
        /// Per parent, its rank among the parents whose uncovered demand is published.
        public let publishedRanks: [Int?]
        /// The keys of the level's totals (the sum over its parents) withheld:
        /// only where children without a parent make them differ from the
        /// national totals.
        public let withheldTotals: [String]

        /// Parent cells withheld at this level.
        public var withheldCount: Int { withheldMetrics.reduce(0) { $0 + $1.count } + withheldTotals.count }

        /// The keys withheld for parent `p`: its metrics, and its gap rank where its uncovered demand is withheld.
        public func withheld(parent p: Int) -> [String] {
            withheldMetrics[p] + (publishedRanks[p] == nil ? [MetricCatalogue.gapRank.key] : [])
        }
    }

    public let levels: [Level]
    public let rules: ShareRules
    /// The engine's outcome over units and parents together.
    public let outcome: CellSuppression.Outcome
    /// The smallest nonzero count of rows behind a published parent figure (nil when none).
    public let smallestPublishedCount: Int?
    /// Parent cells withheld because they count 1 to k−1 rows.
    public let primary: Int
    /// Parent figures published because the published sums give them anyway.
    public let publishedAsGiven: Int

    /// `tally`: the rows behind each unit's demand metrics (`DemandTally.contributors`, `spreadRows`).
    public init(_ results: [RollupResult], figures: SharedFigures, report: CoverageReport, tally: DemandTally) throws {
        let contributors = tally.contributors
        let rules = figures.rules
        self.rules = rules
        let metrics = SharedFigures.countedMetrics
        // The units as published. A withheld cell their own sums already
        // determine (`CellSuppression.Outcome.unprotectable`) stays withheld
        // here: the engine then withholds the parents around it, so that the
        // roll-up gives no reader a way to it that the units alone do not.
        var (engine, unitCells, national) = Self.units(figures, report)
        let firstParentCell = engine.cells.count

        // The parents: each figure the sum of its children's, the level's
        // figures (and the children without a parent) the national ones.
        let unitIndex = Dictionary(report.regions.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        func rows(_ r: Int) -> [Int] {
            let c = contributors.indices.contains(r) ? contributors[r] : Array(repeating: 0, count: 6)
            return c + [c[DemandTally.needsUncoveredRows] + c[DemandTally.incidentsUncoveredRows]]
        }
        var parentCells: [[[Int]]] = [], levelTotals: [[Int]?] = []
        for result in results {
            let children = result.childIDs.map { $0.compactMap { unitIndex[$0] } }
            let counts = Self.parentRows(children, spread: tally.spreadRows, rows: rows)
            let cells = result.metrics.enumerated().map { p, m in
                metrics.indices.map { i in engine.add(CellSuppression.Cell(value: metrics[i].value(m) ?? 0, count: counts[p][i])) }
            }
            let orphans = result.orphanIDs.compactMap { unitIndex[$0] }
            var levelTotal: [Int]?
            if !orphans.isEmpty {
                let levelMetrics = RegionTotals(result.metrics).metrics
                let levelRows = Self.parentRows([Array(children.joined())], spread: tally.spreadRows, rows: rows)[0]
                let cellsOfLevel = metrics.indices.map { i in
                    engine.add(CellSuppression.Cell(value: metrics[i].value(levelMetrics) ?? 0, count: levelRows[i]))
                }
                SharedFigures.bindMetrics(cellsOfLevel, in: &engine)
                levelTotal = cellsOfLevel
            }
            for i in metrics.indices {
                for (p, kids) in children.enumerated() { engine.bind(kids.map { unitCells[$0][i] }, addUpTo: cells[p][i]) }
                if let levelTotal {
                    engine.bind(cells.map { $0[i] }, addUpTo: levelTotal[i])
                    engine.bind([levelTotal[i]] + orphans.map { unitCells[$0][i] }, addUpTo: national[i])
                } else {
                    engine.bind(cells.map { $0[i] }, addUpTo: national[i])
                }
            }
            for c in cells { SharedFigures.bindMetrics(c, in: &engine) }
            parentCells.append(cells)
            levelTotals.append(levelTotal)
        }

        let outcome = engine.suppress(minCount: rules.minCount)
        let parentRange = firstParentCell..<engine.cells.count
        // A parent figure withheld although a sum gives it from published
        // figures (its children all published) hides nothing: published,
        // as any reader would compute it, and again until none is left.
        var out = outcome.suppressed
        var given = 0
        var changed = true
        while changed {
            changed = false
            for sum in engine.sums {
                let withheld = sum.members.filter { out[$0] }
                guard withheld.count == 1, parentRange.contains(withheld[0]) else { continue }
                out[withheld[0]] = false
                given += 1
                changed = true
            }
        }
        publishedAsGiven = given
        // What the published figures still determine once those are published (they were among the engine's determined ones).
        var final = outcome
        final.suppressed = out
        final.unprotectable = Set(SuppressionAudit(engine, withheld: out).pinned).union(LinearAudit(engine, withheld: out).determined).count
        self.outcome = final
        guard !engine.cells.indices.contains(where: { !parentRange.contains($0) && out[$0] != (engine.cells[$0].count == 1) }) else {
            throw GapMapError(message: "the roll-up's suppression changed a unit's published figures", fix: "Report this: it is a fault of gapmap")
        }
        primary = parentRange.filter { out[$0] && engine.cells[$0].count >= 1 && engine.cells[$0].count < rules.minCount }.count
        smallestPublishedCount = parentRange.filter { !out[$0] && engine.cells[$0].count > 0 }.map { engine.cells[$0].count }.min()
        levels = zip(results, zip(parentCells, levelTotals)).map { result, indices in
            let (cells, levelTotal) = indices
            let withheld = cells.map { c in metrics.indices.filter { out[c[$0]] }.map { metrics[$0].key } }
            let ranks = SharedFigures.publishedRanks(result.metrics, withheld: withheld)
            return Level(result: result, withheldMetrics: withheld, publishedRanks: ranks,
                         withheldTotals: levelTotal.map { t in metrics.indices.filter { out[t[$0]] }.map { metrics[$0].key } } ?? [])
        }
    }

    /// The rows behind each parent's 7 counted figures: its children's,
    /// a row credited to several of them (a reference to a unit above)
    /// counted once.
    static func parentRows(_ children: [[Int]], spread: [DemandTally.SpreadRow], rows: (Int) -> [Int]) -> [[Int]] {
        var parentOf: [Int: Int] = [:]
        for (p, kids) in children.enumerated() { for c in kids { parentOf[c] = p } }
        var counts = children.map { kids in kids.reduce(into: Array(repeating: 0, count: 7)) { sum, c in for i in 0..<7 { sum[i] += rows(c)[i] } } }
        for row in spread {
            // Per parent, how many of its children counted the row in each figure.
            var seen: [Int: [Int]] = [:]
            for part in row.parts {
                guard let p = parentOf[part.region] else { continue }
                var n = seen[p] ?? [0, 0, 0]
                n[0] += 1
                if part.covered { n[1] += 1 }
                if part.uncovered { n[2] += 1 }
                seen[p] = n
            }
            for (p, n) in seen {
                for j in 0..<3 where n[j] > 1 { counts[p][row.first + j] -= n[j] - 1 }
                // Uncovered demand counts a row's uncovered parts, needs or incidents alike.
                if n[2] > 1 { counts[p][6] -= n[2] - 1 }
            }
        }
        return counts
    }

    /// The units' tables and metrics bound by their sums as `SharedFigures`
    /// binds them, each withheld cell one the engine must withhold (a count
    /// of 1), each published one protected.
    static func units(_ figures: SharedFigures, _ report: CoverageReport)
        -> (engine: CellSuppression, unitCells: [[Int]], national: [Int]) {
        let metrics = SharedFigures.countedMetrics
        var engine = CellSuppression()
        func fixed(_ value: Double, withheld: Bool) -> Int {
            engine.add(CellSuppression.Cell(value: value, count: withheld ? 1 : 0, isProtected: !withheld))
        }
        func addTable(_ table: DemandTally.Table, cells: [[Bool]], rowTotals: [Bool], categoryTotals: [Bool]) -> (rows: [Int], categories: [Int]) {
            let cellIndex = table.counts.enumerated().map { r, row in row.enumerated().map { c, n in fixed(Double(n), withheld: cells[r][c]) } }
            let rows = table.counts.enumerated().map { r, row in fixed(Double(row.reduce(0, +)), withheld: rowTotals[r]) }
            let categories = table.categories.indices.map { c in fixed(Double(table.counts.reduce(0) { $0 + $1[c] }), withheld: categoryTotals[c]) }
            let grand = fixed(Double(table.counts.reduce(0) { $0 + $1.reduce(0, +) }), withheld: false)
            for (r, row) in cellIndex.enumerated() { engine.bind(row, addUpTo: rows[r]) }
            for c in table.categories.indices { engine.bind(cellIndex.map { $0[c] }, addUpTo: categories[c]) }
            engine.bind(rows, addUpTo: grand)
            engine.bind(categories, addUpTo: grand)
            return (rows, categories)
        }
        let needTable = addTable(figures.needs, cells: figures.needCells, rowTotals: figures.needRowTotals, categoryTotals: figures.needCategoryTotals)
        let incidentTable = addTable(figures.incidents, cells: figures.incidentCells, rowTotals: figures.incidentRowTotals,
                                     categoryTotals: figures.incidentCategoryTotals)
        if let h = figures.hexagons {
            let needs = addTable(h.needs, cells: h.needCells, rowTotals: h.needRowTotals, categoryTotals: h.needCategoryTotals)
            let incidents = addTable(h.incidents, cells: h.incidentCells, rowTotals: h.incidentRowTotals, categoryTotals: h.incidentCategoryTotals)
            for (hex, unit, table, unitTable) in [(needs, needTable, h.needs, figures.needs), (incidents, incidentTable, h.incidents, figures.incidents)] {
                for (c, category) in table.categories.enumerated() {
                    guard let u = unitTable.categories.firstIndex(of: category) else { continue }
                    engine.bindIfEqual(hex.categories[c], unit.categories[u])
                }
            }
        }
        let unitCells = report.metrics.enumerated().map { r, m in
            metrics.map { fixed($0.value(m) ?? 0, withheld: figures.withheldMetrics[r].contains($0.key)) }
        }
        let totals = RegionTotals(report.metrics)
        let national = metrics.map { fixed($0.value(totals.metrics) ?? 0, withheld: false) }
        for i in metrics.indices { engine.bind(unitCells.map { $0[i] }, addUpTo: national[i]) }
        for (r, cells) in unitCells.enumerated() {
            SharedFigures.bindUnit(cells, needRowTotal: needTable.rows[r], incidentRowTotal: incidentTable.rows[r], in: &engine)
        }
        return (engine, unitCells, national)
    }

    /// How the roll-up files are marked: shareable, with the parent cells withheld.
    public var release: ReleaseMark { .shareable(rules, suppressedCells: levels.reduce(0) { $0 + $1.withheldCount }) }

    /// Writes `regions_<level>.geojson` of each level, withheld figures null; returns the paths.
    public func writeGeoJSON(to directory: String, isExampleData: Bool) throws -> [String] {
        try levels.map { level in
            try AdminRollup.writeGeoJSON(level.result, to: directory, isExampleData: isExampleData, release: release) { p, properties in
                var shared = properties
                let withheld = level.withheld(parent: p)
                for key in withheld { shared[key] = .null }
                if let rank = level.publishedRanks[p] { shared[MetricCatalogue.gapRank.key] = .integer(rank) }
                shared[SharedFigures.suppressedFlag] = .bool(!withheld.isEmpty)
                shared[SharedFigures.suppressedKey] = .string(withheld.joined(separator: ","))
                return shared
            }
        }
    }

    /// The `rollup` member of a shareable `--json` summary: each level as
    /// the restricted one encodes it, withheld figures null.
    public func jsonLevels() throws -> [Any] {
        try levels.map { level in
            let data = try JSONDocument.encode(level.result)
            guard var object = try JSONSerialization.jsonObject(with: data) as? [String: Any],
                  let parents = object["regions"] as? [[String: Any]] else { return [:] as [String: Any] }
            object["regions"] = parents.enumerated().map { p, parent -> [String: Any] in
                var parent = parent
                let withheld = level.withheld(parent: p)
                for key in withheld { parent[key] = NSNull() }
                if let rank = level.publishedRanks[p] { parent[MetricCatalogue.gapRank.key] = rank }
                parent[SharedFigures.suppressedFlag] = !withheld.isEmpty
                parent[SharedFigures.suppressedKey] = withheld.joined(separator: ",")
                return parent
            }
            if var totals = object["totals"] as? [String: Any] {
                for key in level.withheldTotals { totals[key] = NSNull() }
                object["totals"] = totals
            }
            return object
        }
    }

    /// `gapmap rollup --share --json`: the levels (`jsonLevels`) as one document.
    public func json() throws -> Data {
        try JSONSerialization.data(withJSONObject: jsonLevels(), options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
    }

    /// The lines share-report.txt gives the roll-ups.
    public var disclosureLines: [String] {
        ["", "ROLL-UPS (regions_<level>.geojson)",
         "  each parent's figures are the sums of its children's, as in the restricted roll-up; the units' withheld cells are kept, "
             + "and parent figures are withheld so that no parent minus its published children, and no total minus the published parents, "
             + "gives a withheld figure away (the same engine, over units and parents at once)",
        ] + levels.map { level in
            "  level \(level.result.level.name): \(level.result.metrics.count) parents, \(level.withheldCount) figures withheld in "
                + "\(level.withheldMetrics.filter { !$0.isEmpty }.count) parents"
                + (level.withheldTotals.isEmpty ? "" : " (and \(level.withheldTotals.count) of the level's totals)")
                + "; gap_rank among the \(level.publishedRanks.compactMap { $0 }.count) parents whose uncovered_demand is published"
        } + [
            "  parent figures published because published figures give them anyway (a parent whose children are all published): \(publishedAsGiven)",
            "  parent figures counting 1 to \(rules.minCount - 1) rows: \(primary); smallest count of rows behind a published parent figure: "
                + (smallestPublishedCount.map(String.init) ?? "none"),
        ] + (outcome.unprotectable > 0 ? ["  WARNING: \(outcome.unprotectable) withheld figures of units and parents together remain determined by the published "
                                               + "sums, the units' own among them (the WARNING above); the roll-up adds no way to a unit's figure"] : [])
    }

    /// share-report.txt of `gapmap rollup --share`, which writes the roll-ups alone.
    public func writeDisclosureReport(to path: String) throws {
        let lines = ["gapmap \(gapmapVersion): disclosure report of a shareable roll-up", "", release.sentence(.english), release.sentence(.french), "",
                     "RULES",
                     "  minimum published count k = \(rules.minCount): no parent figure counting 1 to \(rules.minCount - 1) rows is published; "
                         + "the units' figures are suppressed as gapmap analyze --share suppresses them (not written here), and complementary "
                         + "suppression leaves no withheld figure determined by the published sums"] + disclosureLines
        do {
            try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw OutputFolder.cannotWrite(path, option: "--out", error)
        }
    }

    /// Adds `disclosureLines` to the share-report.txt at `path`.
    public func appendDisclosure(to path: String) throws {
        do {
            let text = try String(contentsOfFile: path, encoding: .utf8)
            try Data((text + disclosureLines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw OutputFolder.cannotWrite(path, option: "--out", error)
        }
    }
}

extension PlannerSummaryDocument {
    /// The `--json` summary of a shareable run: the shareable summary
    /// (`SummaryDocument.json`), then `filter` and the shareable `rollup`.
    public static func sharedJSON(_ summary: SummaryDocument, filter: AnalysisFilter?, rollup: SharedRollup?) throws -> Data {
        let data = try summary.json()
        guard filter != nil || rollup != nil, var document = try JSONSerialization.jsonObject(with: data) as? [String: Any] else { return data }
        if let filter { document["filter"] = try JSONSerialization.jsonObject(with: JSONDocument.encode(filter)) }
        if let rollup { document["rollup"] = try rollup.jsonLevels() }
        return try JSONSerialization.data(withJSONObject: document, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
    }
}
