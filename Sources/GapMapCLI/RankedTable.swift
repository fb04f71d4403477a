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
        var lines: [String] = report.isExampleData ? [ExampleData.notice(), ""] : []
        let programmes = zip(report.initiatives, report.initiativeInRun).filter { $1 && ProgrammePresence.isProgramme($0, p) }.count
        lines.append("Coverage of \(report.metrics.count) regions by \(inRun) initiatives in the run "
            + "(default radius \(Self.weight(p.defaultRadiusKm)) km, \(p.segments)-vertex geodesic discs, planned \(p.includePlanned ? "included" : "excluded"))"
            + (programmes > 0 ? "; \(programmes) of them name a region: programmes, counted as presence, not coverage (--programmes-as-coverage counts them as covering their region)." : "."))
        lines.append("")
        lines += Self.regionTable(report.ranked, totals: RegionTotals(report.metrics), totalName: "all regions",
                                  population: report.populationSource != nil, exposure: report.metrics.contains { $0.exposedPopulation != nil })
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
                if a.coarserUnits > 0 { line += " (\(a.coarserUnits) naming a unit above the regions, shared among its regions by area)" }
                if a.impreciseRegionReferenced > 0 { line += " (\(a.impreciseRegionReferenced) of imprecise location, credited to their admin region)" }
            }
            if let inRun = a.inRun { line += "; \(inRun) in the run" }
            if let undated = a.undated, undated > 0 { line += "; \(undated) undated" }
            if a.repaired > 0 { line += "; \(a.repaired) polygons repaired" }
            if let format = a.sourceFormat.flatMap(SourceFormat.init(rawValue:)), format != .table, format != .geojson {
                line += " [\(format.label)]"
            }
            lines.append(line)
            if kind == .incidents { lines += Self.eventTypeLines(a) }
        }
        if !report.issues.isEmpty {
            lines.append("  \(report.issues.count) rows listed with line and reason in rejected.csv.")
        }
        lines.append("")
        lines.append("Areas are km² on the WGS84 ellipsoid, edges straight in longitude/latitude (RFC 7946); needs and incidents are weight sums; population from "
            + (report.rasterPopulation.map { r in
                "the raster \((r.file as NSString).lastPathComponent), cells weighted by the share of their area in each region "
                    + "(\(NumberText.grouped(r.total, decimals: 0)) people in the raster, \(NumberText.grouped(r.outsideRegions, decimals: 0)) outside every region)." }
               ?? (report.populationSource == .settlements ? "the settlements in each region." :
               report.populationSource == .regionAttribute ? "the regions' population attribute, covered share by area." : "no source (not shown).")))
        if let e = report.exposure {
            lines.append("Exposed population: people within the exposure radius of the \(e.incidentsWithDisc) incidents with coordinates (\(e.discs) distinct discs; "
                + "\(e.radii.description); ACLED's Conflict Exposure distances unless --exposure-radius)"
                + (e.incidentsWithoutCoordinates > 0 ? "; \(e.incidentsWithoutCoordinates) incidents without coordinates have no disc." : "."))
        }
        return lines.joined(separator: "\n")
    }

    /// Which incidents the run kept, per event type, and how they weigh.
    static func eventTypeLines(_ a: LayerAccount) -> [String] {
        guard let types = a.eventTypes, !types.isEmpty else { return [] }
        func list(_ pairs: [(String, Int)]) -> String {
            pairs.isEmpty ? "none" : pairs.map { "\($0.0.isEmpty ? "(no type)" : $0.0) \(number(Double($0.1), decimals: 0))" }.joined(separator: ", ")
        }
        let sorted = types.sorted { $0.key < $1.key }
        let kept = sorted.filter { $0.value.kept > 0 }.map { ($0.key, $0.value.kept) }
        let left = sorted.filter { $0.value.filtered > 0 }.map { ($0.key, $0.value.filtered) }
        var lines = ["              kept by event type: \(list(kept))"]
        if !left.isEmpty { lines.append("              left out: \(list(left))") }
        if let selection = a.incidentSelection { lines.append("              (\(selection))") }
        return lines
    }

    /// Regions (already in the order to show) as a table: rank, id, name,
    /// the `extra` columns, then every ranked-table metric of the catalogue,
    /// with the totals as the last row. Every region table of the CLI is
    /// this one.
    static func regionTable(_ metrics: [RegionMetrics], totals: RegionTotals, totalName: String, population: Bool, exposure: Bool = false,
                            extra: [(header: String, cells: [String], total: String)] = []) -> [String] {
        let columns = MetricCatalogue.rankedTableColumns(population: population, exposure: exposure)
        let header = [MetricCatalogue.gapRank.shortLabel(.english), "id", "name"] + extra.map(\.header)
            + columns.map { $0.shortLabel(.english) }
        let rows = metrics.enumerated().map { k, m in
            [String(m.gapRank), m.regionID, m.name] + extra.map { $0.cells[k] } + columns.map { $0.text($0.value(m)) }
        }
        let footer = ["", "", totalName] + extra.map(\.total) + columns.map { $0.text(totals.value(of: $0)) }
        return table(header: header, rows: rows, footer: footer, leftAligned: [1, 2])
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
