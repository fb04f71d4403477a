import Foundation

/// What `gapmap compare` prints: the chosen units side by side on every
/// metric, differences and ratios against the first, and the equity summary.
public struct ComparisonText {
    public let words: CommandText
    var language: ReportLanguage { words.language }
    var fr: Bool { words.fr }

    public init(_ language: ReportLanguage) {
        words = CommandText(language)
    }

    func label(_ metric: String) -> String { MetricCatalogue.metric(metric)?.label(language) ?? metric }

    func format(_ metric: String, _ value: Double) -> String {
        MetricCatalogue.metric(metric)?.text(value, language: language) ?? words.weight(value)
    }

    public func render(_ comparison: RegionComparison, report: CoverageReport) -> [String] {
        let regions = comparison.regions
        let p = report.parameters
        let names = regions.map { "\($0.name) (\($0.regionID))" }.joined(separator: ", ")
        var lines = [fr ? "Comparaison de \(names) (rayon \(words.weight(p.defaultRadiusKm)) km, initiatives prévues \(words.included(p.includePlanned)))."
                        : "Comparison of \(names) (radius \(words.weight(p.defaultRadiusKm)) km, planned \(words.included(p.includePlanned))).", ""]
        guard let first = regions.first else { return lines }
        var header = [fr ? "indicateur" : "metric"] + regions.map { "\($0.regionID) \($0.name)" }
        for r in regions.dropFirst() { header += ["\(r.regionID) − \(first.regionID)", "\(r.regionID) / \(first.regionID)"] }
        let rows = comparison.rows.map { row -> [String] in
            var cells = [label(row.metric)] + row.values.map { $0.map { format(row.metric, $0) } ?? "—" }
            for k in row.differences.indices {
                cells.append(row.differences[k].map { words.signed($0) { format(row.metric, $0) } } ?? "—")
                cells.append(row.ratios[k].map { words.number($0, decimals: 2) } ?? "—")
            }
            return cells
        }
        let table = TextTable.render(header: header, rows: rows, footer: header.map { _ in "" }, leftAligned: [0])
        lines += table.dropLast(2)  // no footer
        lines.append("")
        lines += equityLines(comparison.equity, units: report.unitNames)
        lines.append(fr ? "Les rapports sont vides (—) là où la valeur de la première unité est 0 ou inconnue, et pour le rang."
                        : "Ratios are empty (—) where the first region's value is 0 or unknown, and for the gap rank.")
        return lines
    }

    public func equityLines(_ e: EquitySummary, units: UnitNames = .regions) -> [String] {
        func gini(_ v: Double?) -> String { v.map { words.number($0, decimals: 3) } ?? (fr ? "indéfini (rien n'est couvert)" : "undefined (nothing covered)") }
        let plural = units.plural(language)
        var lines = [fr ? "Équité entre les \(e.regions) \(plural) :" : "Equity across all \(e.regions) \(plural):"]
        lines.append(fr
            ? "  Gini de la couverture par surface   \(gini(e.giniCoverageByArea))  (part couverte de la surface de chaque unité, pondérée par sa surface ; "
                + "0 = toutes également couvertes, vers 1 = couverture concentrée sur quelques-unes)"
            : "  Gini of coverage by area   \(gini(e.giniCoverageByArea))  (each region's covered share of its area, weighted by its area; "
                + "0 = every region equally covered, towards 1 = coverage concentrated in a few)")
        lines.append(fr
            ? "  Gini de la couverture par demande \(gini(e.giniCoverageByDemand))  (part couverte du poids des besoins + incidents de chaque unité, "
                + "pondérée par cette demande)"
            : "  Gini of coverage by demand \(gini(e.giniCoverageByDemand))  (each region's covered share of its needs + incidents weight, "
                + "weighted by that demand)")
        let counted = words.number(e.worstRegionsCounted, decimals: 1)
        let whole = Int(e.worstRegionsCounted.rounded(.down))
        var who = e.worstRegionIDs.prefix(whole).joined(separator: ", ")
        if e.worstRegionIDs.count > whole, let last = e.worstRegionIDs.last {
            let part = words.number(e.worstRegionsCounted - Double(whole), decimals: 1)
            who += fr ? (who.isEmpty ? "" : " entières, ") + "\(part) de \(last)" : (who.isEmpty ? "" : " in full, ") + "\(part) of \(last)"
        }
        let percent = Int((e.worstFraction * 100).rounded())
        if let share = e.worstRegionsShare {
            lines.append(fr
                ? "  Les \(percent) % d'unités les plus mal classées (\(counted) sur \(e.regions) : \(who)) concentrent "
                    + "\(words.number(100 * share, decimals: 1)) % de la demande non couverte "
                    + "(\(words.weight(e.worstRegionsUncoveredDemand)) sur \(words.weight(e.totalUncoveredDemand))) ; "
                    + "une unité fractionnaire compte au prorata."
                : "  The worst \(percent) % of regions by gap rank (\(counted) of \(e.regions): \(who)) hold "
                    + "\(words.number(100 * share, decimals: 1)) % of the uncovered demand "
                    + "(\(words.weight(e.worstRegionsUncoveredDemand)) of \(words.weight(e.totalUncoveredDemand))); "
                    + "a fractional region counts in proportion.")
        } else {
            lines.append(fr ? "  Aucune demande non couverte : la part des unités les plus mal classées est indéfinie."
                            : "  No uncovered demand: the worst-regions share is undefined.")
        }
        return lines
    }
}
