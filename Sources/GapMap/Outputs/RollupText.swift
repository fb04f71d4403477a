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

    /// One level as a ranked table, the parents and `children` named by
    /// their level ("Level admin2 (cercles): 50 cercles", a column of
    /// communes), "parents" where the level is not an administrative one.
    public func render(_ result: RollupResult, children: UnitNames = .regions) -> [String] {
        let w = words
        let n = result.metrics.count
        let parents = result.level.administrativeLevel.map { UnitNames.of(level: $0, pcode: result.metrics.first?.regionID) }
        let counted = parents.map { $0.count(n, w.language) } ?? "\(n) parent\(n == 1 ? "" : "s")"
        let named = parents.map { " (\($0.plural(w.language)))" } ?? ""
        var lines = [fr ? "Niveau \(result.level.name)\(named) : \(counted) ; regroupement par \(result.level.groupedBy(w.language))."
                        : "Level \(result.level.name)\(named): \(counted), grouped by \(result.level.groupedBy)."]
        let order = result.metrics.indices.sorted { result.metrics[$0].gapRank < result.metrics[$1].gapRank }
        lines += TextTable.units(
            order.map { result.metrics[$0] }, totals: RegionTotals(result.metrics), totalName: w.all,
            extra: [(children.plural(w.language), order.map { w.count(result.childIDs[$0].count) }, w.count(result.childIDs.reduce(0) { $0 + $1.count }))],
            language: w.language)
        if !result.orphanIDs.isEmpty {
            let list = result.orphanIDs.prefix(10).joined(separator: ", ") + (result.orphanIDs.count > 10 ? ", ..." : "")
            let orphans = children.count(result.orphanIDs.count, w.language)
            lines.append(fr ? "\(orphans) sans parent à ce niveau, dans aucune ligne : \(list)."
                            : "\(orphans) with no parent at this level, in no row: \(list).")
        }
        if !result.generalUnionParents.isEmpty {
            let list = result.generalUnionParents.joined(separator: ", ")
            lines.append(fr ? "Les enfants se chevauchent ou ne partagent pas leurs limites dans \(list) : leur polygone est une union générale."
                            : "Children overlap or do not share edges in \(list): their polygon is a general union.")
        }
        return lines
    }
}
