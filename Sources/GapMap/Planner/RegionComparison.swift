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

    /// The compared regions' metrics, in the order named.
    public var regions: [RegionMetrics]
    public var rows: [Row]
    /// Over all the regions of the run, not only the compared ones.
    public var equity: EquitySummary
    public var definitions: [String: String]

    enum CodingKeys: String, CodingKey {
        case regions, rows = "metrics", equity, definitions
    }

    /// The metrics compared, in this order: every metric of DESIGN.md
    /// semantics 8 plus `demand_coverage_pct` (`MetricCatalogue.compared`).
    public static var metricNames: [String] { MetricCatalogue.compared.map(\.key) }

    public static func value(_ metric: String, of m: RegionMetrics) -> Double? {
        MetricCatalogue.metric(metric)?.value(m)
    }

    /// Compares the regions named by `references` (ids or names, resolved
    /// as region references are); an unknown or ambiguous one is an error
    /// that lists the closest candidates.
    public init(report: CoverageReport, references: [String]) throws {
        guard !references.isEmpty else {
            throw GapMapError(message: "no region to compare", fix: "Name two or more regions by id or name, for example: gapmap compare ML05 ML04")
        }
        let catalog = RegionCatalog(regions: report.regions)
        var indices: [Int] = []
        for reference in references {
            let resolution = catalog.resolve(reference, regions: report.regions)
            guard case .found(let i) = resolution else {
                throw GapMapError(field: "region", message: catalog.explain(resolution, reference: reference, regions: report.regions),
                                  fix: "Name regions by id (P-code) or by name as in \(report.regionFields.id)/\(report.regionFields.name ?? "name")")
            }
            if let earlier = indices.firstIndex(of: i) {
                throw GapMapError(field: "region", message: "'\(reference)' names \(report.regions[i].name) (\(report.regions[i].id)), already named as '\(references[earlier])'",
                                  fix: "Name each region once")
            }
            indices.append(i)
        }
        self.init(metrics: indices.map { report.metrics[$0] }, all: report.metrics)
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
