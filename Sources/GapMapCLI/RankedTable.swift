import Foundation
import GapMap

/// The terminal view of a report: regions in gap-rank order, then the row
/// accounting of every layer.
struct RankedTable {
    let report: CoverageReport

    static func number(_ v: Double, decimals: Int) -> String {
        NumberText.grouped(v, decimals: decimals)
    }

    static func weight(_ v: Double) -> String {
        v == v.rounded() ? number(v, decimals: 0) : number(v, decimals: 1)
    }

    func render() -> String {
        let p = report.parameters
        let inRun = report.initiativeInRun.filter { $0 }.count
        var lines: [String] = []
        lines.append("Coverage of \(report.metrics.count) regions by \(inRun) initiatives in the run "
            + "(default radius \(Self.weight(p.defaultRadiusKm)) km, \(p.segments)-vertex geodesic discs, planned \(p.includePlanned ? "included" : "excluded")).")
        lines.append("")
        let showPopulation = report.populationSource != nil
        var header = ["rank", "id", "name", "area km²", "covered km²", "covered %", "initiatives", "needs", "uncovered",
                      "incidents", "uncovered", "uncovered demand"]
        if showPopulation { header += ["population", "covered pop."] }
        var rows: [[String]] = []
        for m in report.ranked {
            var row = [String(m.gapRank), m.regionID, m.name, Self.number(m.areaKm2, decimals: 1), Self.number(m.coveredKm2, decimals: 1),
                       Self.number(m.coveragePct, decimals: 1), String(m.initiatives), Self.weight(m.needs), Self.weight(m.needsUncovered),
                       Self.weight(m.incidents), Self.weight(m.incidentsUncovered), Self.weight(m.uncoveredDemand)]
            if showPopulation {
                row += [m.population.map { Self.number($0, decimals: 0) } ?? "", m.coveredPopulation.map { Self.number($0, decimals: 0) } ?? ""]
            }
            rows.append(row)
        }
        let t = RegionTotals(report.metrics)
        var total = ["", "", "all regions", Self.number(t.areaKm2, decimals: 1), Self.number(t.coveredKm2, decimals: 1),
                     Self.number(t.coveragePct, decimals: 1), String(t.initiatives), Self.weight(t.needs), Self.weight(t.needsUncovered),
                     Self.weight(t.incidents), Self.weight(t.incidentsUncovered), Self.weight(t.uncoveredDemand)]
        if showPopulation { total += [t.population.map { Self.number($0, decimals: 0) } ?? "", t.coveredPopulation.map { Self.number($0, decimals: 0) } ?? ""] }
        lines += Self.table(header: header, rows: rows, footer: total, leftAligned: [1, 2])
        lines.append("")
        // Filters (--from, --actor, ...) add a term, shown only when the run has them.
        let filtering = report.layers.values.contains { $0.filtered > 0 || $0.undated != nil }
        lines.append("Rows (read = used + rejected + duplicates\(filtering ? " + filtered" : ""); points = assigned + unassigned):")
        for kind in LayerKind.allCases {
            guard let a = report.layers[kind] else { continue }
            var line = "  \(kind.rawValue.padding(toLength: 11, withPad: " ", startingAt: 0)) \(a.read) read = \(a.used) used + \(a.rejected) rejected + \(a.duplicates) duplicates"
            if filtering { line += " + \(a.filtered) filtered" }
            if kind != .regions {
                line += "; \(a.points) \(kind == .initiatives ? "located" : "points") = \(a.assigned) assigned + \(a.unassigned) unassigned"
                if a.regionReferenced > 0 { line += "; \(a.regionReferenced) by region reference" }
                if a.impreciseRegionReferenced > 0 { line += " (\(a.impreciseRegionReferenced) of imprecise location, credited to their admin region)" }
            }
            if let inRun = a.inRun { line += "; \(inRun) in the run" }
            if let undated = a.undated, undated > 0 { line += "; \(undated) undated" }
            if a.repaired > 0 { line += "; \(a.repaired) polygons repaired" }
            if let format = a.sourceFormat.flatMap(SourceFormat.init(rawValue:)), format != .table, format != .geojson {
                line += " [\(format.label)]"
            }
            lines.append(line)
        }
        if !report.issues.isEmpty {
            lines.append("  \(report.issues.count) rows listed with line and reason in rejected.csv.")
        }
        lines.append("")
        lines.append("Areas are geodesic (WGS84 ellipsoid); needs and incidents are weight sums; population from "
            + (report.populationSource == .settlements ? "the settlements in each region." :
               report.populationSource == .regionAttribute ? "the regions' population attribute, covered share by area." : "no source (not shown)."))
        return lines.joined(separator: "\n")
    }

    static func table(header: [String], rows: [[String]], footer: [String], leftAligned: Set<Int>) -> [String] {
        let all = [header] + rows + [footer]
        let widths = header.indices.map { c in all.map { $0[c].count }.max() ?? 0 }
        func format(_ row: [String]) -> String {
            row.enumerated().map { c, cell in
                let pad = String(repeating: " ", count: widths[c] - cell.count)
                return leftAligned.contains(c) ? cell + pad : pad + cell
            }.joined(separator: "  ")
        }
        let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")
        return [format(header), rule] + rows.map(format) + [rule, format(footer)]
    }
}
