import ArgumentParser
import Foundation
import GapMap

extension GapMapCommand {
    /// `gapmap suggest --sites K`: where to put the next initiatives.
    struct Suggest: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "suggest",
            abstract: "Suggest K new sites that cover the most uncovered demand (maximal covering location, lazy greedy).",
            discussion: """
                The existing initiatives stay as they are: demand they cover is worth nothing. A new site covers what its \
                geodesic disc of --radius km with --segments vertices covers: the footprint a point initiative with that \
                radius_km gets in analyze. (--initiative-radius is the radius of existing initiatives without radius_km.) \
                Candidates: the uncovered demand points (demand), the settlements layer (settlements), or a hexagonal grid \
                over the regions (grid, with --spacing km, measured on the ellipsoid). The output says how far from the best \
                possible choice the suggestion can be. Writes sites.geojson and site_footprints.geojson.
                """
        )

        @OptionGroup var layers: LayerOptions
        @OptionGroup var baseline: BaselineOptions
        @OptionGroup var filters: FilterOptions

        @Option(help: ArgumentHelp("How many new sites (K).", valueName: "k"))
        var sites: Int

        @Option(help: ArgumentHelp("Service radius of each new site, km.", valueName: "km"))
        var radius: Double = 10

        @Option(help: ArgumentHelp("Where candidate sites come from: demand, settlements or grid.", valueName: "source"))
        var candidates: CandidateSource = .demand

        @Option(help: ArgumentHelp("Spacing of the grid of candidates, km (with --candidates grid).", valueName: "km"))
        var spacing: Double?

        @Option(name: .customLong("min-per-region"), help: ArgumentHelp("At least this many sites in every region that has candidates (voids the 63 % guarantee; the bound on the optimum still holds).", valueName: "n"))
        var minPerRegion: Int = 0

        @Option(help: ArgumentHelp("Output folder.", valueName: "dir"))
        var out: String = "out"

        @Flag(help: "Print the suggestion as one JSON document instead of the table.")
        var json = false

        func validate() throws {
            try InputBounds.radiusKm.check(radius, option: "--radius", example: "15")
            try InputBounds.sites.check(sites, option: "--sites", example: "5")
            guard (0...sites).contains(minPerRegion) else { throw ValidationError("--min-per-region must be from 0 to --sites (\(sites)), not \(minPerRegion).") }
            if candidates == .grid {
                guard let spacing else {
                    throw ValidationError("--candidates grid needs --spacing KM, the distance between grid points, for example --spacing 10.")
                }
                try InputBounds.gridSpacingKm.check(spacing, option: "--spacing", example: "10")
            } else if spacing != nil {
                throw ValidationError("--spacing applies only with --candidates grid.")
            }
        }

        func run() throws {
            try reportingErrors { progress in FileHandle.standardOutput.write(Data(try execute(progress: progress).utf8)) }
        }

        func execute(progress: AnalysisProgress = .silent) throws -> String {
            // Written aside, moved into --out together once everything succeeded.
            let folder = try OutputFolder(out)
            let parameters = baseline.parameters
            let demand = DemandPoints(.uncovered)
            let report = try AnalysisWorkflow.run(try layers.request(parameters, filter: filters, progress: progress), into: [demand])
            let request = SiteSuggestionRequest(sites: sites, radiusKm: radius, segments: parameters.segments,
                                                candidates: candidates, gridSpacingKm: spacing, minimumPerRegion: minPerRegion)
            let suggestion = try SiteSuggestion.run(report, demand: demand, request: request)
            let written = try suggestion.writeGeoJSON(to: folder.staging)
            let document = json ? try PlannerText.json(suggestion) : nil
            try folder.commit()
            if let document { return document }
            var lines = Self.render(suggestion, report: report)
            lines += PlannerText.filterLines(try filters.filter(), layers: report.layers)
            lines.append("Wrote \(written.map { ($0 as NSString).lastPathComponent }.joined(separator: ", ")) to \(out)/.")
            return lines.joined(separator: "\n") + "\n"
        }

        static func render(_ s: SiteSuggestion, report: CoverageReport) -> [String] {
            let r = s.request
            let source: String = switch r.candidates {
            case .demand: "the uncovered demand locations"
            case .settlements: "the settlements"
            case .grid: "a hexagonal grid of \(RankedTable.weight(r.gridSpacingKm ?? 0)) km over the regions"
            }
            let inRun = report.initiativeInRun.filter { $0 }.count
            var lines = ["\(s.sites.count) new site\(s.sites.count == 1 ? "" : "s") of radius \(RankedTable.weight(r.radiusKm)) km chosen among "
                         + "\(RankedTable.number(Double(s.candidateCount), decimals: 0)) candidates (\(source)) by lazy greedy; "
                         + "the \(inRun) initiatives in the run are kept.", ""]
            let header = ["rank", "region", "candidate", "lon", "lat", "gain", "points", "cumulative", "cumulative %"]
            let rows = s.sites.map { site -> [String] in
                [String(site.rank), site.regionID.map { "\($0) \(site.regionName ?? "")" } ?? "(no region)", site.candidate,
                 String(format: "%.5f", site.coordinate.x), String(format: "%.5f", site.coordinate.y), PlannerText.weight(site.gainWeight),
                 String(site.gainPoints), PlannerText.weight(site.cumulativeWeight), PlannerText.pct(site.cumulativePct)]
            }
            let pct = s.uncoveredWeight > 0 ? 100 * s.coveredWeight / s.uncoveredWeight : 0
            let footer = ["", "all sites", "", "", "", PlannerText.weight(s.coveredWeight), String(s.sites.reduce(0) { $0 + $1.gainPoints }),
                          PlannerText.weight(s.coveredWeight), PlannerText.pct(pct)]
            lines += RankedTable.table(header: header, rows: rows, footer: footer, leftAligned: [1, 2])
            lines.append("")
            lines.append("Uncovered demand a site can reach: \(PlannerText.weight(s.uncoveredWeight)) (\(PlannerText.count(s.demandRows)) needs and incidents at "
                         + "\(PlannerText.count(s.demandLocations)) places); out of reach: \(PlannerText.weight(s.unplaceableWeight)) (region-referenced needs, points in no region).")
            if s.stoppedEarly {
                lines.append("Only \(s.sites.count) of the \(r.sites) sites asked for add anything: no further candidate would cover more demand.")
            }
            let k = r.sites
            var bound = "How far from the best: no \(k) sites can cover more than \(PlannerText.weight(s.upperBound)) "
                + "(the smallest, over the greedy's steps, of the weight covered so far + the \(k) largest marginal gains left)"
            if let certified = s.certifiedShareOfOptimum {
                bound += ", so these sites reach at least \(RankedTable.number(100 * certified, decimals: 1)) % of the optimum on this data."
            } else {
                bound += "."
            }
            lines.append(bound)
            if s.guarantee > 0 {
                lines.append("On any data, the greedy choice reaches at least \(RankedTable.number(100 * s.guarantee, decimals: 1)) % of the optimum "
                             + "(1 − (1 − 1/K)^K ≥ 1 − 1/e ≈ 63.2 %).")
            } else {
                lines.append("With --min-per-region the greedy's a priori 63 % guarantee does not hold; the bound above still does.")
            }
            lines.append("Gain evaluations: \(RankedTable.number(Double(s.evaluations), decimals: 0)) (a plain greedy would make about "
                         + "\(RankedTable.number(Double(s.candidateCount * max(1, s.sites.count) + s.candidateCount), decimals: 0))).")
            lines.append("gain = uncovered demand weight the site covers that the sites before it do not; points = needs and incidents among that gain.")
            return lines
        }
    }
}
