import Foundation

/// What a report holds besides the analysis: the metric that shades its
/// map, the regions shown side by side, and a scenario.
public struct ReportContents: Sendable {
    public enum Scenario: Sendable {
        /// The planned initiatives go ahead.
        case planned
        /// A plan file's initiatives are added to the current ones.
        case plan(path: String)
    }

    public var language: ReportLanguage
    public var metric: MapMetric
    /// Region ids or names to compare (`--compare ML05 ML04`, or `ML05,ML04`).
    public var comparedRegions: [String]
    public var scenario: Scenario?
    /// A shareable report's rules (docs/sharing.md); nil for a restricted one.
    public var share: ShareRules?
    /// A tile URL template (`https://.../{z}/{x}/{y}.png`) for a basemap; none by default, so the page fetches nothing.
    public var tiles: String?

    public init(language: ReportLanguage = .english, metric: MapMetric = .coveragePct, comparedRegions: [String] = [],
                scenario: Scenario? = nil, share: ShareRules? = nil, tiles: String? = nil) {
        self.share = share
        self.tiles = tiles
        self.language = language
        self.metric = metric
        self.comparedRegions = comparedRegions
        self.scenario = scenario
    }
}

extension ReportPage {
    /// The report of `request`'s analysis: one pass of the pipeline keeping
    /// the points the map draws, then the equity summary, the regions
    /// compared and the scenario (two more passes), as sections.
    public static func assemble(_ request: AnalysisRequest, contents: ReportContents, sources: [String]) throws -> ReportPage {
        let source = try AnalysisSource(request)
        // A shareable report draws no point: it counts them per unit instead.
        let points = contents.share == nil ? DemandPoints(.all) : nil
        let tally = DemandTally(share: contents.share)
        // The interactive map's sums per unit, month and category or type (no point kept in a shareable report).
        let monthly = MonthlyDemand(keepsPoints: contents.share == nil)
        let report = try CoverageAnalysis(parameters: request.parameters, progress: request.progress)
            .run(source, into: (points.map { [$0] } ?? [tally]) + [monthly])
        var page = ReportPage(report: report, points: points, language: contents.language, sources: sources)
        page.mapOptions.metric = contents.metric
        page.tiles = contents.tiles
        page.monthly = monthly
        if let rules = contents.share {
            let figures = try SharedFigures(report, tally: tally, rules: rules).withSensitivePresence(report)
            page.shared = figures
            page.mapOptions.release = figures.release
            page.mapOptions.hexagons = figures.hexagons
            page.mapOptions.displaced = figures.displaced
            page.mapOptions.sensitive = figures.sensitive
            page.mapOptions.withheld = Set(report.metrics.map(\.regionID).filter { figures.withheld(regionID: $0).contains(contents.metric.rawValue) })
            // The equity, comparison and scenario sections show per-region demand without the rule: left out.
            return page
        }
        (page.variants, page.variantChoices, page.windows) = try CoverageVariant.all(source, request: request, report: report, monthly: monthly)
        page.sections.append(ReportSections.equity(EquitySummary(report.metrics), language: contents.language, units: report.unitNames))
        let references = contents.comparedRegions.flatMap { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } }
        if !references.isEmpty {
            page.sections.append(ReportSections.comparison(try RegionComparison(report: report, references: references), language: contents.language, units: report.unitNames))
        }
        if let scenario = contents.scenario {
            let change: ScenarioChange
            switch scenario {
            case .planned: change = .includePlanned
            case .plan(let path):
                change = .plan(try ScenarioComparison.loadPlan(path: path, regions: source.input.regions.items, filter: request.filter), mode: .add)
            }
            let comparison = try ScenarioComparison.run(source, parameters: request.parameters, change: change, progress: request.progress)
            page.sections.append(ReportSections.scenario(comparison, language: contents.language, units: report.unitNames))
        }
        return page
    }
}
