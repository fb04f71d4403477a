/// What `gapmap rollup` (and `analyze --rollup`) prints: each coarser level
/// as a ranked table of parents, with the units left without a parent.
public struct RollupText {
    public let words: CommandText
    var fr: Bool { words.fr }

    public init(_ language: ReportLanguage) {
        words = CommandText(language)
    }

    /// The first line: what was rolled up.
    public func heading(_ report: CoverageReport) -> String {
        let inRun = report.initiativeInRun.filter { $0 }.count
        let units = report.unitNames.count(report.metrics.count, words.language)
        return fr ? "Agrégation de \(units) (\(report.regionFields.id)) analysées avec \(inRun) initiatives retenues."
            : "Roll-up of \(units) (\(report.regionFields.id)) analysed with \(inRun) initiatives in the run."
    }

    /// One level as a ranked table.
    public func render(_ result: RollupResult) -> [String] {
        let w = words
        let n = result.metrics.count
        var lines = [fr ? "Niveau \(result.level.name) : \(n) parent\(n == 1 ? "" : "s"), regroupés par \(result.level.groupedBy(w.language))."
                        : "Level \(result.level.name): \(n) parent\(n == 1 ? "" : "s"), grouped by \(result.level.groupedBy)."]
        let order = result.metrics.indices.sorted { result.metrics[$0].gapRank < result.metrics[$1].gapRank }
        lines += TextTable.units(
            order.map { result.metrics[$0] }, totals: RegionTotals(result.metrics), totalName: w.all,
            extra: [(fr ? "enfants" : "children", order.map { w.count(result.childIDs[$0].count) }, w.count(result.childIDs.reduce(0) { $0 + $1.count }))],
            language: w.language)
        if !result.orphanIDs.isEmpty {
            let list = result.orphanIDs.prefix(10).joined(separator: ", ") + (result.orphanIDs.count > 10 ? ", ..." : "")
            lines.append(fr ? "\(result.orphanIDs.count) unités n'ont pas de parent à ce niveau et ne sont dans aucune ligne : \(list)."
                            : "\(result.orphanIDs.count) regions have no parent at this level and are in no row: \(list).")
        }
        if !result.generalUnionParents.isEmpty {
            let list = result.generalUnionParents.joined(separator: ", ")
            lines.append(fr ? "Les enfants se chevauchent ou ne partagent pas leurs limites dans \(list) : leur polygone est une union générale."
                            : "Children overlap or do not share edges in \(list): their polygon is a general union.")
        }
        return lines
    }
}
