import Foundation
import GeoCore
import GeoFormats

/// What a scenario changes against the current situation (the run with the
/// initiatives in it today: status active or empty).
public enum ScenarioChange: Sendable {
    /// The planned initiatives of the same file go ahead.
    case includePlanned
    /// The initiatives of a plan file: added to the current ones, or in
    /// their place. Their rows count when active, empty or planned (they are
    /// the plan), never when closed.
    case plan(LoadedLayer<Initiative>, mode: PlanMode)
}

public enum PlanMode: String, Sendable, Codable, CaseIterable {
    /// After = the current initiatives + the plan file's.
    case add
    /// After = the plan file's initiatives only (for example next year's
    /// inventory against this year's).
    case replace
}

/// One region before and after a scenario.
public struct RegionChange: Sendable, Encodable, Equatable {
    public var regionID: String
    public var name: String
    public var coveredKm2: Change
    public var coveragePct: Change
    public var needsUncovered: Change
    public var incidentsUncovered: Change
    public var uncoveredDemand: Change
    public var initiatives: Change
    /// Gap ranks before and after; change = after − before (positive: the
    /// region moved down the ranking, others are now worse off than it).
    public var gapRank: Change
    /// Geodesic area of region ∩ (coverage after − coverage before), km².
    public var newlyCoveredKm2: Double
    /// Geodesic area of region ∩ (coverage before − coverage after), km²
    /// (0 unless the scenario replaces initiatives).
    public var noLongerCoveredKm2: Double

    public struct Change: Sendable, Encodable, Equatable {
        public var before: Double
        public var after: Double
        public var change: Double { after - before }

        public init(_ before: Double, _ after: Double) {
            self.before = before
            self.after = after
        }

        enum CodingKeys: String, CodingKey { case before, after, change }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(before, forKey: .before)
            try c.encode(after, forKey: .after)
            try c.encode(change, forKey: .change)
        }
    }

    enum CodingKeys: String, CodingKey {
        case regionID = "region_id", name, coveredKm2 = "covered_km2", coveragePct = "coverage_pct", needsUncovered = "needs_uncovered"
        case incidentsUncovered = "incidents_uncovered", uncoveredDemand = "uncovered_demand", initiatives, gapRank = "gap_rank"
        case newlyCoveredKm2 = "newly_covered_km2", noLongerCoveredKm2 = "no_longer_covered_km2"
    }

    /// Flat column names for CSV: each metric's before, after and change.
    public static let columnNames: [String] = ["region_id", "name"]
        + ["covered_km2", "coverage_pct", "needs_uncovered", "incidents_uncovered", "uncovered_demand", "initiatives", "gap_rank"]
            .flatMap { ["\($0)_before", "\($0)_after", "\($0)_change"] }
        + ["newly_covered_km2", "no_longer_covered_km2"]

    public var changes: [Change] { [coveredKm2, coveragePct, needsUncovered, incidentsUncovered, uncoveredDemand, initiatives, gapRank] }

    /// Whether the scenario changes the region itself: its coverage, its
    /// initiatives or its uncovered demand. A region whose rank moves only
    /// because others changed is not changed.
    public var isChanged: Bool {
        newlyCoveredKm2 > 0 || noLongerCoveredKm2 > 0 || coveredKm2.change != 0 || initiatives.change != 0
            || needsUncovered.change != 0 || incidentsUncovered.change != 0
    }
}

/// Two runs of the same data, before and after a scenario, region by region,
/// with the areas the scenario newly covers.
public struct ScenarioComparison: Sendable {
    public var before: CoverageReport
    public var after: CoverageReport
    /// One per region, in input order.
    public var changes: [RegionChange]
    /// Per region: region ∩ (coverage after − coverage before); empty where nothing is new.
    public var newlyCovered: [Geometry]
    /// Per region: region ∩ (coverage before − coverage after).
    public var noLongerCovered: [Geometry]
    /// The plan file's row accounting, for `--plan`.
    public var planAccount: LayerAccount?
    /// What the scenario is, in one sentence, in English and French.
    public var summary: LocalizedText
    /// What the scenario is, in one sentence (English, as the JSON document says it).
    public var description: String { summary.english }

    /// Runs the analysis before and after the change.
    public static func run(_ input: AnalysisInput, parameters: AnalysisParameters, change: ScenarioChange) throws -> ScenarioComparison {
        try run(AnalysisSource(input), parameters: parameters, change: change)
    }

    /// The scenario over `source`'s layers: two runs of the pipeline, one
    /// before and one after the change (CSV demand is read twice, a chunk at
    /// a time, rather than held in memory).
    public static func run(_ source: AnalysisSource, parameters: AnalysisParameters, change: ScenarioChange,
                           progress: AnalysisProgress = .silent) throws -> ScenarioComparison {
        let input = source.input
        // The baseline is the initiatives running now: planned ones join only
        // as the change (--include-planned), never before it.
        var beforeParameters = parameters
        beforeParameters.includePlanned = false
        var afterParameters = beforeParameters
        var afterSource = source
        var planAccount: LayerAccount?
        let description: LocalizedText
        switch change {
        case .includePlanned:
            afterParameters.includePlanned = true
            let planned = (input.initiatives?.items ?? []).filter { $0.effectiveStatus == .planned }.count
            description = LocalizedText("current initiatives (active) against current + the \(planned) planned ones",
                                        fr: "initiatives en cours comparées aux initiatives en cours + les \(planned) prévues")
        case .plan(let plan, let mode):
            planAccount = plan.account
            // The plan's planned rows are what the scenario adds: they count.
            let planItems = plan.items.map { item -> Initiative in
                var item = item
                if item.effectiveStatus == .planned { item.status = .active }
                return item
            }
            let planned = LoadedLayer(items: planItems, account: plan.account, issues: plan.issues)
            switch mode {
            case .add:
                afterSource.input.initiatives = input.initiatives.map { merged($0, planned) } ?? planned
                description = LocalizedText("current initiatives against current + the \(planItems.count) of the plan \(plan.account.file)",
                                            fr: "initiatives en cours comparées aux initiatives en cours + les \(planItems.count) du plan \(plan.account.file)")
            case .replace:
                afterSource.input.initiatives = planned
                description = LocalizedText("current initiatives against the \(planItems.count) of \(plan.account.file) in their place",
                                            fr: "initiatives en cours comparées aux \(planItems.count) de \(plan.account.file) à leur place")
            }
        }
        let before = try CoverageAnalysis(parameters: beforeParameters, progress: progress).run(source, into: [])
        let after = try CoverageAnalysis(parameters: afterParameters, progress: progress).run(afterSource, into: [])

        // What the scenario newly covers, and what it no longer covers, per region.
        let engine = try GeometryEngine()
        let gained = try engine.difference(after.coverage, before.coverage).polygonalPart
        let lost = try engine.difference(before.coverage, after.coverage).polygonalPart
        let regions = input.regions.items.map(\.geometry)
        let areas = regions.map { Geodesy.areaSquareKilometers($0) }
        func perRegion(_ cover: Geometry) throws -> [Geometry] {
            guard !cover.isEmpty else { return regions.map { _ in .emptyPolygonal } }
            return try PolygonOverlay.split(regions, by: cover, workers: parameters.workers).enumerated().map { r, parts in
                // Slivers of the overlay along shared edges (as in the analysis) are not new coverage.
                SliverRule.isSliver(parts.inside, ofRegionKm2: areas[r]) ? .emptyPolygonal : parts.inside
            }
        }
        let newlyCovered = try perRegion(gained)
        let noLongerCovered = try perRegion(lost)
        let changes = before.metrics.indices.map { r in
            let b = before.metrics[r], a = after.metrics[r]
            return RegionChange(
                regionID: b.regionID, name: b.name, coveredKm2: .init(b.coveredKm2, a.coveredKm2), coveragePct: .init(b.coveragePct, a.coveragePct),
                needsUncovered: .init(b.needsUncovered, a.needsUncovered), incidentsUncovered: .init(b.incidentsUncovered, a.incidentsUncovered),
                uncoveredDemand: .init(b.uncoveredDemand, a.uncoveredDemand), initiatives: .init(Double(b.initiatives), Double(a.initiatives)),
                gapRank: .init(Double(b.gapRank), Double(a.gapRank)),
                newlyCoveredKm2: Geodesy.areaSquareKilometers(newlyCovered[r]), noLongerCoveredKm2: Geodesy.areaSquareKilometers(noLongerCovered[r]))
        }
        return ScenarioComparison(before: before, after: after, changes: changes, newlyCovered: newlyCovered, noLongerCovered: noLongerCovered,
                                  planAccount: planAccount, summary: description)
    }

    /// The current layer and the plan's as one layer: a plan row whose id is
    /// already among the current initiatives is a duplicate (the current row
    /// is used), so an initiative listed in both counts once.
    static func merged(_ current: LoadedLayer<Initiative>, _ plan: LoadedLayer<Initiative>) -> LoadedLayer<Initiative> {
        let currentIDs = Set(current.items.map(\.id))
        var account = LayerAccount(file: "\(current.account.file) + \(plan.account.file)", format: current.account.format)
        var issues = current.issues + plan.issues
        var items = current.items
        var planAccount = plan.account
        for item in plan.items {
            if currentIDs.contains(item.id) {
                planAccount.used -= 1
                planAccount.duplicates += 1
                switch item.placement {
                case .point: planAccount.points -= 1
                case .area: planAccount.polygons -= 1
                case .region: planAccount.regionReferenced -= 1
                case .unit:
                    planAccount.regionReferenced -= 1
                    planAccount.coarserUnits -= 1
                }
                issues.append(RowIssue(layer: .initiatives, file: plan.account.file, line: item.line, id: item.id,
                                       field: "id", disposition: .duplicate,
                                       reason: "id \(item.id) is already among the current initiatives (\(current.account.file)); the current row is used"))
            } else {
                items.append(item)
            }
        }
        for a in [current.account, planAccount] {
            account.read += a.read
            account.used += a.used
            account.rejected += a.rejected
            account.duplicates += a.duplicates
            account.filtered += a.filtered
            account.repaired += a.repaired
            account.points += a.points
            account.polygons += a.polygons
            account.regionReferenced += a.regionReferenced
            if let u = a.undated { account.undated = (account.undated ?? 0) + u }
        }
        return LoadedLayer(items: items, account: account, issues: issues)
    }

    /// Reads a plan file of initiatives against the input's regions, with
    /// the run's filter.
    public static func loadPlan(path: String, regions: [Region], filter: AnalysisFilter) throws -> LoadedLayer<Initiative> {
        let builder = LayerBuilder(engine: try GeometryEngine())
        let layer = builder.initiatives(from: try FeatureFileReader.read(path), regions: regions, catalog: RegionCatalog(regions: regions))
        return filter.apply(to: layer)
    }

    /// Sums before and after over all regions.
    public var totals: (before: RegionTotals, after: RegionTotals) {
        (RegionTotals(before.metrics), RegionTotals(after.metrics))
    }
}

extension ScenarioComparison {
    public static let files = ["newly_covered.geojson", "no_longer_covered.geojson", "scenario.csv"]

    /// Writes `newly_covered.geojson` and `no_longer_covered.geojson` (one
    /// feature per region where the area is not empty, with `region_id`,
    /// `name` and its geodesic km²) and `scenario.csv` (one row per region,
    /// in the order of the gap rank before). Returns the paths.
    @discardableResult
    public func write(to directory: String) throws -> [String] {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw GapMapError(file: directory, message: "cannot create the output folder: \(error.localizedDescription)",
                              fix: "Choose a folder you can write to with --out")
        }
        func path(_ name: String) -> String { (directory as NSString).appendingPathComponent(name) }
        for (name, pieces, key) in [("newly_covered.geojson", newlyCovered, "newly_covered_km2"), ("no_longer_covered.geojson", noLongerCovered, "no_longer_covered_km2")] {
            var writer = try GeoJSONWriter(path: path(name), members: [ReleaseMark.restricted.geoJSONMember])
            for (r, piece) in pieces.enumerated() where !piece.isEmpty {
                let c = changes[r]
                try writer.write(Feature(geometry: piece, properties: Properties([
                    ("region_id", .string(c.regionID)), ("name", .string(c.name)), (key, .number(Geodesy.areaSquareKilometers(piece))),
                    ("coverage_pct_before", .number(c.coveragePct.before)), ("coverage_pct_after", .number(c.coveragePct.after)),
                ])))
            }
            try writer.finish()
        }
        // A scenario is never shareable (gapmap scenario --share says why): every row says restricted.
        var csv = CSVWriter(path: path("scenario.csv"), header: RegionChange.columnNames + [ReleaseMark.key])
        for c in changes.sorted(by: { $0.gapRank.before < $1.gapRank.before }) {
            try csv.write(cells: [.text(c.regionID), .text(c.name)] + c.changes.flatMap { [.number($0.before), .number($0.after), .number($0.change)] }
                          + [.number(c.newlyCoveredKm2), .number(c.noLongerCoveredKm2), .text(ReleaseMark.restricted.status)])
        }
        try csv.finish()
        return Self.files.map(path)
    }
}

/// The `--json` document of a scenario.
public struct ScenarioDocument: Encodable, Sendable {
    public var scenario: String
    public var parameters: AnalysisParameters
    public var filter: AnalysisFilter
    public var regions: [RegionChange]
    public var totals: Totals
    public var layers: [String: LayerAccount]
    public var plan: LayerAccount?
    public var definitions: [String: String] = ScenarioDocument.definitions

    public struct Totals: Encodable, Sendable {
        public var before: RegionTotals
        public var after: RegionTotals
        public var newlyCoveredKm2: Double
        public var noLongerCoveredKm2: Double
        enum CodingKeys: String, CodingKey {
            case before, after, newlyCoveredKm2 = "newly_covered_km2", noLongerCoveredKm2 = "no_longer_covered_km2"
        }
    }

    public init(_ comparison: ScenarioComparison, filter: AnalysisFilter) {
        scenario = comparison.description
        parameters = comparison.before.parameters
        self.filter = filter
        regions = comparison.changes
        totals = Totals(before: RegionTotals(comparison.before.metrics), after: RegionTotals(comparison.after.metrics),
                        newlyCoveredKm2: comparison.changes.reduce(0) { $0 + $1.newlyCoveredKm2 },
                        noLongerCoveredKm2: comparison.changes.reduce(0) { $0 + $1.noLongerCoveredKm2 })
        layers = Dictionary(uniqueKeysWithValues: comparison.before.layers.map { ($0.key.rawValue, $0.value) })
        plan = comparison.planAccount
    }

    public static let definitions: [String: String] = [
        "before": "the run with the current initiatives: status active or empty",
        "after": "the run with the scenario: the planned initiatives too (--include-planned), or the plan file's initiatives added to (or in place of) the current ones; a plan file's planned rows count",
        "change": "after − before",
        "newly_covered_km2": "geodesic area of region ∩ (coverage after − coverage before)",
        "no_longer_covered_km2": "geodesic area of region ∩ (coverage before − coverage after); 0 unless the plan replaces initiatives",
        "gap_rank": "1 = most uncovered demand; change = after − before (positive: the region moved down the ranking)",
    ]
}
