import GeoFormats

/// Regions side by side on every metric, each against the first one named,
/// with the equity summary of all the regions of the run.
public struct RegionComparison: Sendable, Encodable {
    /// One metric across the compared regions.
    public struct Row: Sendable, Encodable, Equatable {
        /// The metric's interface name (`coverage_pct`).
        public var metric: String
        /// One per compared region, in the order named; nil where unknown
        /// (population without a source).
        public var values: [Double?]
        /// value − the first region's value, for the second region onwards.
        public var differences: [Double?]
        /// value / the first region's value, for the second region onwards;
        /// nil where the first region's value is 0 or unknown, and for gap_rank.
        public var ratios: [Double?]

        /// The row of these values (nil: unknown or withheld), with the differences and ratios they give.
        public init(metric: String, values: [Double?]) {
            self.metric = metric
            self.values = values
            let first = values.first ?? nil
            let rest = values.dropFirst()
            differences = rest.map { v in v.flatMap { v in first.map { v - $0 } } }
            ratios = rest.map { v in
                guard metric != MetricCatalogue.gapRank.key, let v, let first, first != 0 else { return nil }
                return v / first
            }
        }
    }

    /// A compared unit above the run's units (a région named in a run of
    /// communes): its figures are the roll-up of the units in it
    /// (`AdminRollup`: area and covered km² of their union, counts summed,
    /// ratios recomputed), its gap rank among the units of its level.
    public struct RolledUp: Sendable, Encodable, Equatable {
        public var regionID: String
        public var name: String
        /// Its administrative level (1 = the country's first), where known.
        public var level: Int?
        /// The run's units in it.
        public var members: Int
        /// The units of its level, among which its gap rank is.
        public var peers: Int

        enum CodingKeys: String, CodingKey { case regionID = "region_id", name, level, members, peers }
    }

    /// The compared regions' metrics, in the order named.
    public var regions: [RegionMetrics]
    /// Those of `regions` rolled up from the run's units.
    public var rolledUp: [RolledUp] = []
    /// A name that names one of the run's units ("Mopti" → Mopti Commune,
    /// "Gao" → the commune Gao) while units above bear it too (the cercle
    /// ML0501 and the région ML05 Mopti): those units' ids, to compare them
    /// instead.
    public struct AlsoNamed: Sendable, Encodable, Equatable {
        public var reference: String
        public var regionID: String
        /// (level, id, name) of the enclosing units of that name, finest first.
        public var units: [RegionParent]

        enum CodingKeys: String, CodingKey { case reference, regionID = "region_id", units }
    }
    public var alsoNamed: [AlsoNamed] = []
    public var rows: [Row]
    /// Over all the regions of the run, not only the compared ones.
    public var equity: EquitySummary
    public var definitions: [String: String]

    enum CodingKeys: String, CodingKey {
        case regions, rolledUp = "rolled_up", alsoNamed = "also_named", rows = "metrics", equity, definitions
    }

    /// The metrics compared, in this order: every metric of DESIGN.md
    /// semantics 8 plus `demand_coverage_pct` (`MetricCatalogue.compared`).
    public static var metricNames: [String] { MetricCatalogue.compared.map(\.key) }

    public static func value(_ metric: String, of m: RegionMetrics) -> Double? {
        MetricCatalogue.metric(metric)?.value(m)
    }

    /// Compares the regions named by `references` (ids or names, resolved
    /// as region references are); an unknown or ambiguous one is an error
    /// that lists the closest candidates. A reference to a unit above the
    /// run's units (Bamako, a région, in a run of communes) is compared as
    /// the roll-up of the units in it, unless `rollUp` is false (a shareable
    /// comparison, whose rules protect the run's units only).
    public init(report: CoverageReport, references: [String], rollUp: Bool = true) throws {
        guard !references.isEmpty else {
            throw GapMapError(message: "no region to compare", fix: "Name two or more regions by id or name, for example: gapmap compare ML05 ML04")
        }
        let catalog = RegionCatalog(regions: report.regions)
        var chosen: [RegionMetrics] = []
        var rolled: [RolledUp] = []
        var levels: [String: RollupResult] = [:]
        var alsoNamed: [AlsoNamed] = []
        for reference in references {
            let resolution = catalog.resolve(reference, regions: report.regions)
            let metrics: RegionMetrics
            switch resolution {
            case .found(let i):
                metrics = report.metrics[i]
                // Gao the commune, while the cercle and the région are Gao too: say how to name those.
                let units = Self.enclosingUnits(named: reference, in: report.regions)
                if !units.isEmpty { alsoNamed.append(AlsoNamed(reference: reference, regionID: metrics.regionID, units: units)) }
            case .unit(let unit):
                guard rollUp else {
                    throw GapMapError(field: "region", message: "'\(reference)' names a unit above those of the analysis, which a shareable comparison does not roll up",
                                      fix: "Compare such units in a shareable roll-up (gapmap rollup --share), or name the units in it")
                }
                guard let (m, r) = try Self.rolledUp(unit, report: report, levels: &levels) else {
                    throw GapMapError(field: "region", message: catalog.explain(resolution, reference: reference, regions: report.regions),
                                      fix: "Name regions by id (P-code) or by name as in \(report.regionFields.id)/\(report.regionFields.name ?? "name")")
                }
                metrics = m
                rolled.append(r)
            default:
                throw GapMapError(field: "region", message: catalog.explain(resolution, reference: reference, regions: report.regions),
                                  fix: "Name regions by id (P-code) or by name as in \(report.regionFields.id)/\(report.regionFields.name ?? "name")")
            }
            if let earlier = chosen.firstIndex(where: { $0.regionID == metrics.regionID }) {
                throw GapMapError(field: "region", message: "'\(reference)' names \(metrics.name) (\(metrics.regionID)), already named as '\(references[earlier])'",
                                  fix: "Name each region once")
            }
            chosen.append(metrics)
        }
        self.init(metrics: chosen, all: report.metrics)
        rolledUp = rolled
        self.alsoNamed = alsoNamed
    }

    /// The enclosing units (`Region.parents`) whose name is `reference` up
    /// to case, accents and generic words, finest first, each once.
    static func enclosingUnits(named reference: String, in regions: [Region]) -> [RegionParent] {
        let wanted = RegionNames.core(reference)
        var seen = Set<String>(), found: [RegionParent] = []
        for region in regions {
            for parent in region.parents where RegionNames.core(parent.name) == wanted && seen.insert(parent.id).inserted {
                found.append(parent)
            }
        }
        return found.sorted { $0.level != $1.level ? $0.level > $1.level : $0.id < $1.id }
    }

    /// The figures of `unit`, a unit above the run's units, rolled up from
    /// the units in it at the level of the enclosing unit they all share and
    /// no other unit has (`Region.parents`), or for a P-code, at the level of
    /// its length (ML09: the units whose id begins with it, grouped by their
    /// first 4 characters). Each level is rolled up once (`levels`), whole, so
    /// that the gap rank is among all the units of the level. Nil when no
    /// level groups exactly the unit's members.
    static func rolledUp(_ unit: RegionUnit, report: CoverageReport, levels: inout [String: RollupResult]) throws -> (RegionMetrics, RolledUp)? {
        guard let first = unit.members.first else { return nil }
        let memberIDs = Set(unit.members.map { report.regions[$0].id })
        func pick(_ result: RollupResult, id: String, level: Int?) -> (RegionMetrics, RolledUp)? {
            guard let k = result.metrics.firstIndex(where: { $0.regionID == id }), Set(result.childIDs[k]) == memberIDs else { return nil }
            return (result.metrics[k], RolledUp(regionID: id, name: result.metrics[k].name, level: level, members: memberIDs.count,
                                                peers: result.metrics.count))
        }
        for parent in report.regions[first].parents.sorted(by: { $0.level > $1.level }) where unit.level == nil || unit.level == parent.level {
            let key = "level\(parent.level)"
            if levels[key] == nil {
                let children = report.regions.map { region -> Properties in
                    guard let p = region.parents.first(where: { $0.level == parent.level }) else { return Properties() }
                    return Properties([("parent_id", .string(p.id)), ("parent_name", .string(p.name.isEmpty ? p.id : p.name))])
                }
                levels[key] = try AdminRollup.run(report, level: RollupLevel(name: "admin\(parent.level)", grouping: .parentField(id: "parent_id", name: "parent_name")),
                                                  childProperties: children)
            }
            if let found = pick(levels[key]!, id: parent.id, level: parent.level) { return found }
        }
        if RegionNames.looksLikePCode(unit.reference) {
            let id = unit.reference.uppercased(), key = "prefix\(id.count)"
            if levels[key] == nil {
                levels[key] = try AdminRollup.run(report, level: RollupLevel(name: key, grouping: .idPrefix(id.count)),
                                                  childProperties: report.regions.map { _ in Properties() })
            }
            if let found = pick(levels[key]!, id: id, level: nil) { return found }
        }
        return nil
    }

    /// Compares `metrics` (in that order); `all` feeds the equity summary.
    public init(metrics: [RegionMetrics], all: [RegionMetrics]) {
        regions = metrics
        rows = Self.metricNames.map { name in Row(metric: name, values: metrics.map { Self.value(name, of: $0) }) }
        equity = EquitySummary(all)
        var definitions = Dictionary(uniqueKeysWithValues: MetricCatalogue.compared.map { ($0.key, $0.definition(.english)) })
        definitions["difference"] = "the region's value − the first region's value"
        definitions["ratio"] = "the region's value / the first region's value; empty where the first region's value is 0 or unknown, and for gap_rank"
        self.definitions = definitions
    }
}

extension RegionComparison {
    /// Writes the comparison as CSV: one row per metric; a column per region
    /// (`value_<id>`), then per region after the first
    /// `difference_<id>_minus_<first>` and `ratio_<id>_over_<first>`, at full precision.
    /// The last column, `gapmap_release`, says on each row whether the
    /// figures are restricted or shareable (`SharedComparison`).
    @discardableResult
    public func writeCSV(to path: String, release: ReleaseMark = .restricted) throws -> String {
        let ids = regions.map(\.regionID)
        var header = ["metric"] + ids.map { "value_\($0)" }
        if let first = ids.first {
            for id in ids.dropFirst() { header += ["difference_\(id)_minus_\(first)", "ratio_\(id)_over_\(first)"] }
        }
        var csv = CSVWriter(path: path, header: header + [ReleaseMark.key])
        for row in rows {
            var cells: [CSVWriter.Cell] = [.text(row.metric)] + row.values.map { .number($0) }
            for k in row.differences.indices { cells += [.number(row.differences[k]), .number(row.ratios[k])] }
            cells.append(.text(release.status))
            try csv.write(cells: cells)
        }
        try csv.finish()
        return path
    }
}
