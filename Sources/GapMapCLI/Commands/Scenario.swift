import ArgumentParser
import Foundation
import GapMap

extension GapMapCommand {
    /// `gapmap scenario`: what the planned initiatives, or a plan file, change.
    struct Scenario: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "scenario",
            abstract: "Compare two runs of the same data: the current initiatives against current + planned, or against a plan file.",
            discussion: """
                Before: the initiatives in the run today (status active or empty). After: with --include-planned, the planned \
                initiatives too; with --plan FILE, the initiatives of FILE added to the current ones (--plan-mode add, the default) \
                or in their place (--plan-mode replace), its planned rows counting. Writes newly_covered.geojson \
                (region ∩ (coverage after − coverage before), per region), no_longer_covered.geojson and scenario.csv.
                """
        )

        @OptionGroup var layers: LayerOptions

        @Option(help: ArgumentHelp("Service radius in km of point initiatives whose row gives no radius_km.", valueName: "km"))
        var radius: Double = 10

        @Option(help: ArgumentHelp("Vertices of each geodesic disc.", valueName: "n"))
        var segments: Int = 64

        @Flag(name: .customLong("include-planned"), help: "The scenario: the planned initiatives go ahead.")
        var includePlanned = false

        @Flag(name: .customLong("programmes-as-coverage"), help: ArgumentHelp(
            "Count a programme (an initiative that names a region) as covering its whole region, before and after, "
                + "as gapmap did before 2026-12."))
        var programmesAsCoverage = false

        @Option(help: ArgumentHelp("The scenario: the initiatives of this file (CSV or GeoJSON, as --initiatives).", valueName: "file"))
        var plan: String?

        @Option(name: .customLong("plan-mode"), help: ArgumentHelp("With --plan: add its initiatives to the current ones, or replace them.", valueName: "add|replace"))
        var planMode: PlanMode = .add

        @OptionGroup var filters: FilterOptions

        @Option(help: ArgumentHelp("Output folder.", valueName: "dir"))
        var out: String = "out"

        @Flag(name: .customLong("all-units"), help: "List every unit in the table, not only those the scenario changes (scenario.csv always holds them all).")
        var allUnits = false

        @Flag(help: "Print the per-region changes as one JSON document instead of the table.")
        var json = false

        func validate() throws {
            guard includePlanned != (plan != nil) else {
                throw ValidationError("Choose one scenario: --include-planned (the planned initiatives go ahead) or --plan FILE (a plan file).")
            }
            try InputBounds.radiusKm.check(radius, option: "--radius", example: "10")
            try InputBounds.segments.check(segments, option: "--segments", example: "64")
        }

        func run() throws {
            try reportingErrors { progress in FileHandle.standardOutput.write(Data(try execute(progress: progress).utf8)) }
        }

        func execute(progress: AnalysisProgress = .silent) throws -> String {
            // Written aside, moved into --out together once everything succeeded.
            let folder = try OutputFolder(out)
            let filter = try filters.filter()
            let parameters = AnalysisParameters(defaultRadiusKm: radius, segments: segments, includePlanned: false,
                                                programmesAsCoverage: programmesAsCoverage)
            let request = try layers.request(parameters, filter: filters, progress: progress)
            let source = try AnalysisSource(request)
            let input = source.input
            let change: ScenarioChange
            if let plan {
                change = .plan(try ScenarioComparison.loadPlan(path: plan, regions: input.regions.items, filter: filter), mode: planMode)
            } else {
                change = .includePlanned
            }
            let comparison = try ScenarioComparison.run(source, parameters: parameters, change: change, progress: progress)
            let written = try comparison.write(to: folder.staging)
            let document = json ? try PlannerText.json(ScenarioDocument(comparison, filter: filter)) : nil
            try folder.commit()
            if let document { return document }
            var lines = Self.render(comparison, allUnits: allUnits)
            lines += PlannerText.filterLines(filter, layers: comparison.before.layers)
            if let a = comparison.planAccount {
                lines.append("Plan \(a.file): \(a.read) read = \(a.used) used + \(a.rejected) rejected + \(a.duplicates) duplicates + \(a.filtered) filtered.")
            }
            lines.append("Wrote \(written.count) files to \(out)/: \(written.map { ($0 as NSString).lastPathComponent }.joined(separator: ", ")).")
            return lines.joined(separator: "\n") + "\n"
        }

        static func render(_ s: ScenarioComparison, allUnits: Bool = false) -> [String] {
            let units = s.before.unitNames
            let beforeRun = s.before.initiativeInRun.filter { $0 }.count, afterRun = s.after.initiativeInRun.filter { $0 }.count
            var lines = ["Scenario: \(s.description).",
                         "Initiatives in the run: \(beforeRun) before, \(afterRun) after (radius \(RankedTable.weight(s.before.parameters.defaultRadiusKm)) km).", ""]
            let header = ["id", "name", "covered km² before", "after", "newly covered", "covered % before", "after", "change",
                          "uncov. needs before", "after", "uncov. incidents before", "after", "uncov. demand change", "gap rank"]
            func rank(_ c: RegionChange.Change) -> String { "\(Int(c.before)) → \(Int(c.after))" }
            // The units the scenario changes, most uncovered demand removed first (all of them with --all-units, in gap-rank order).
            let listed = allUnits ? s.changes.sorted { $0.gapRank.before < $1.gapRank.before }
                : s.changes.filter(\.isChanged).sorted {
                    if $0.uncoveredDemand.change != $1.uncoveredDemand.change { return $0.uncoveredDemand.change < $1.uncoveredDemand.change }
                    if $0.newlyCoveredKm2 != $1.newlyCoveredKm2 { return $0.newlyCoveredKm2 > $1.newlyCoveredKm2 }
                    return $0.gapRank.before < $1.gapRank.before
                }
            let rows = listed.map { c -> [String] in
                [c.regionID, c.name, PlannerText.km2(c.coveredKm2.before), PlannerText.km2(c.coveredKm2.after), PlannerText.km2(c.newlyCoveredKm2),
                 PlannerText.pct(c.coveragePct.before), PlannerText.pct(c.coveragePct.after), PlannerText.signed(c.coveragePct.change, PlannerText.pct),
                 PlannerText.weight(c.needsUncovered.before), PlannerText.weight(c.needsUncovered.after),
                 PlannerText.weight(c.incidentsUncovered.before), PlannerText.weight(c.incidentsUncovered.after),
                 PlannerText.signed(c.uncoveredDemand.change, PlannerText.weight), rank(c.gapRank)]
            }
            let (b, a) = s.totals
            let footer = ["", "all \(units.plural(.english))", PlannerText.km2(b.coveredKm2), PlannerText.km2(a.coveredKm2),
                          PlannerText.km2(s.changes.reduce(0) { $0 + $1.newlyCoveredKm2 }), PlannerText.pct(b.coveragePct), PlannerText.pct(a.coveragePct),
                          PlannerText.signed(a.coveragePct - b.coveragePct, PlannerText.pct), PlannerText.weight(b.needsUncovered),
                          PlannerText.weight(a.needsUncovered), PlannerText.weight(b.incidentsUncovered), PlannerText.weight(a.incidentsUncovered),
                          PlannerText.signed(a.uncoveredDemand - b.uncoveredDemand, PlannerText.weight), ""]
            lines += RankedTable.table(header: header, rows: rows, footer: footer, leftAligned: [0, 1])
            let lost = s.changes.reduce(0) { $0 + $1.noLongerCoveredKm2 }
            if lost > 0 { lines.append("No longer covered after the change: \(PlannerText.km2(lost)) km² (no_longer_covered.geojson).") }
            let moved = s.changes.filter { $0.gapRank.change != 0 }.count
            lines.append("")
            let changed = s.changes.filter(\.isChanged).count
            lines.append(allUnits
                ? "Rows in gap-rank order before the change; \(changed) of \(units.count(s.changes.count, .english)) change. "
                : "The \(units.count(changed, .english)) the scenario changes (of \(s.changes.count)), most uncovered demand removed first; "
                    + "the other \(s.changes.count - changed) are unchanged (--all-units lists them; scenario.csv holds them all). The totals are over all \(units.plural(.english)). ")
            lines.append("Gap rank before → after (1 = most uncovered demand); \(moved) \(units.plural(.english)) change rank. "
                         + "Newly covered = region ∩ (coverage after − coverage before), km² on the WGS84 ellipsoid (edges straight in longitude/latitude, RFC 7946).")
            return lines
        }
    }
}
