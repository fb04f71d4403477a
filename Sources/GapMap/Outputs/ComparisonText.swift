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

    /// What the table's columns are, where it is not plain: a unit above
    /// the run's (rolled up, ranked among its level) and a name that other
    /// units above bear too.
    public func notes(_ comparison: RegionComparison, units: UnitNames) -> [String] {
        var lines: [String] = []
        for r in comparison.rolledUp {
            let members = units.count(r.members, language)
            let level = UnitNames.of(level: r.level, pcode: r.regionID)
            let peers = r.level == nil ? (fr ? "\(r.peers) unités de même préfixe" : "the \(r.peers) units of its P-code length")
                : (fr ? "les " : "the ") + level.count(r.peers, language)
            lines.append(fr ? "\(r.regionID) \(r.name) : agrégation de ses \(members) (surfaces de leur union, effectifs additionnés, taux recalculés) ; "
                                + "son rang de besoin est parmi \(peers)."
                            : "\(r.regionID) \(r.name): the roll-up of its \(members) (areas of their union, counts summed, ratios recomputed); "
                                + "its gap rank is among \(peers).")
        }
        for note in comparison.alsoNamed {
            let named = comparison.regions.first { $0.regionID == note.regionID }.map { "\($0.name) (\($0.regionID))" } ?? note.regionID
            let others = note.units.map { u in "\(UnitNames.of(level: u.level, pcode: u.id).singular(language)) \(u.id)" }
            let list = others.dropLast().joined(separator: ", ") + (others.count > 1 ? (fr ? " et " : " and ") : "") + (others.last ?? "")
            let one = note.units.count == 1
            lines.append(fr ? "'\(note.reference)' désigne ici \(named) ; \(one ? "l'unité" : "les unités") de ce nom au-dessus : \(list) (\(one ? "nommez-la par son code pour la comparer" : "nommez-les par leur code pour les comparer"))."
                            : "'\(note.reference)' is \(named) here; the \(one ? "unit" : "units") of that name above: \(list) (name \(one ? "it" : "them") by id to compare \(one ? "it" : "them")).")
        }
        return lines
    }

    /// A metric's values formatted together (no "0" beside "30,9"; "—" where
    /// unknown or withheld) and its differences with the values' precision
    /// (−987.0 beside 1,083.0 and 96.0, not −987), signed.
    public func cells(_ row: RegionComparison.Row) -> (values: [String], differences: [String]) {
        let metric = MetricCatalogue.metric(row.metric)
        let values = metric.map { m in zip(row.values, m.columnTexts(row.values, language: language)).map { $0 == nil ? "—" : $1 } }
            ?? row.values.map { $0.map { format(row.metric, $0) } ?? "—" }
        let valuesWhole = row.values.allSatisfy { $0.map(Metric.isWhole) ?? true }
        func difference(_ v: Double) -> String {
            guard let metric, metric.wholeWhenIntegral, !valuesWhole else { return format(row.metric, v) }
            return words.number(v, decimals: metric.decimals)
        }
        return (values, row.differences.map { $0.map { words.signed($0, difference) } ?? "—" })
    }

    /// `shared`: a shareable comparison, whose withheld figures show as "—"
    /// and whose withheld equity figures are said to be withheld.
    public func render(_ comparison: RegionComparison, report: CoverageReport, shared: SharedComparison? = nil) -> [String] {
        let regions = comparison.regions
        let p = report.parameters
        let names = regions.map { "\($0.name) (\($0.regionID))" }.joined(separator: ", ")
        var lines = [fr ? "Comparaison de \(names) (rayon \(words.weight(p.defaultRadiusKm)) km, initiatives prévues \(words.included(p.includePlanned)))."
                        : "Comparison of \(names) (radius \(words.weight(p.defaultRadiusKm)) km, planned \(words.included(p.includePlanned))).", ""]
        lines.insert(contentsOf: notes(comparison, units: report.unitNames), at: lines.count - 1)
        guard let first = regions.first else { return lines }
        var header = [fr ? "indicateur" : "metric"] + regions.map { "\($0.regionID) \($0.name)" }
        for r in regions.dropFirst() { header += ["\(r.regionID) − \(first.regionID)", "\(r.regionID) / \(first.regionID)"] }
        let rows = comparison.rows.map { row -> [String] in
            let (values, differences) = cells(row)
            var cells = [label(row.metric)] + values
            for k in row.differences.indices {
                cells.append(differences[k])
                cells.append(row.ratios[k].map { words.number($0, decimals: 2) } ?? "—")
            }
            return cells
        }
        let table = TextTable.render(header: header, rows: rows, footer: header.map { _ in "" }, leftAligned: [0])
        lines += table.dropLast(2)  // no footer
        lines.append("")
        lines += equityLines(comparison.equity, units: report.unitNames, withheld: shared?.equityWithheld ?? [])
        lines.append(fr ? "Les rapports sont vides (—) là où la valeur de la première unité est 0 ou inconnue, et pour le rang."
                        : "Ratios are empty (—) where the first \(report.unitNames.singular(language))'s value is 0 or unknown, and for the gap rank.")
        if let shared {
            let k = shared.minCount
            let count = shared.withheld.reduce(0) { $0 + $1.count }
            lines.append(fr ? "Masqués (—) : \(count) valeurs des unités comparées (effectifs de 1 à \(k - 1) lignes, ou masquage complémentaire), "
                                + "et ce qui s'en calcule (différences, rapports, couverture % de la demande) ; rang parmi les unités dont la demande non couverte est publiée."
                            : "Withheld (—): \(count) figures of the compared \(report.unitNames.plural(language)) (counts of 1 to \(k - 1) rows, or complementary suppression), "
                                + "and what is computed from them (differences, ratios, covered % of demand); rank among the \(report.unitNames.plural(language)) whose uncovered demand is published.")
        }
        lines += ["", (shared?.release ?? .restricted).sentence(language)]
        return lines
    }

    /// How many of the worst units the equity line names (the rest are counted).
    static let listedWorst = 10

    /// The worst-served units of the equity summary as a sentence: at most
    /// the first 10 in gap-rank order, then how many others ("… and 130
    /// more in full, 0.2 of ML070204").
    public func worstList(_ e: EquitySummary) -> String {
        let whole = Int(e.worstRegionsCounted.rounded(.down))
        // At commune scale the worst 20 % are a hundred units and more: the first ones, then how many others.
        let listed = whole > Self.listedWorst + 2 ? Self.listedWorst : whole
        var who = e.worstRegionIDs.prefix(listed).joined(separator: ", ")
        if listed < whole {
            who += fr ? " et \(whole - listed) autres" : " and \(whole - listed) more"
        }
        if e.worstRegionIDs.count > whole, let last = e.worstRegionIDs.last {
            let part = words.number(e.worstRegionsCounted - Double(whole), decimals: 1)
            who += fr ? (who.isEmpty ? "" : " entières, ") + "\(part) de \(last)" : (who.isEmpty ? "" : " in full, ") + "\(part) of \(last)"
        }
        return who
    }

    /// `withheld`: the equity keys a shareable comparison withholds (`SharedComparison`).
    public func equityLines(_ e: EquitySummary, units: UnitNames = .regions, withheld: [String] = []) -> [String] {
        let withheldText = fr ? "masqué (calculé de chiffres masqués)" : "withheld (computed from withheld figures)"
        func gini(_ v: Double?, _ key: String = "") -> String {
            if withheld.contains(key) { return withheldText }
            return v.map { words.number($0, decimals: 3) } ?? (fr ? "indéfini (rien n'est couvert)" : "undefined (nothing covered)")
        }
        let plural = units.plural(language), singular = units.singular(language)
        var lines = [fr ? "Équité entre les \(e.regions) \(plural) :" : "Equity across all \(e.regions) \(plural):"]
        // The two Gini labels padded to one width, their figures in a column.
        let byArea = fr ? "Gini de la couverture par surface" : "Gini of coverage by area"
        let byDemand = fr ? "Gini de la couverture par demande" : "Gini of coverage by demand"
        let width = max(byArea.count, byDemand.count)
        lines.append(fr
            ? "  \(byArea.padding(toLength: width, withPad: " ", startingAt: 0)) \(gini(e.giniCoverageByArea))  (part couverte de la surface de chaque unité, pondérée par sa surface ; "
                + "0 = toutes également couvertes, vers 1 = couverture concentrée sur quelques-unes)"
            : "  \(byArea.padding(toLength: width, withPad: " ", startingAt: 0)) \(gini(e.giniCoverageByArea))  (each \(singular)'s covered share of its area, weighted by its area; "
                + "0 = every \(singular) equally covered, towards 1 = coverage concentrated in a few)")
        lines.append(fr
            ? "  \(byDemand.padding(toLength: width, withPad: " ", startingAt: 0)) \(gini(e.giniCoverageByDemand, "gini_coverage_by_demand"))  (part couverte du poids des besoins + incidents de chaque unité, "
                + "pondérée par cette demande)"
            : "  \(byDemand.padding(toLength: width, withPad: " ", startingAt: 0)) \(gini(e.giniCoverageByDemand, "gini_coverage_by_demand"))  (each \(singular)'s covered share of its needs + incidents weight, "
                + "weighted by that demand)")
        let counted = words.number(e.worstRegionsCounted, decimals: 1)
        let who = worstList(e)
        let percent = Int((e.worstFraction * 100).rounded())
        if withheld.contains("worst_regions_share") {
            lines.append(fr ? "  Part des \(percent) % d'unités les plus mal classées : \(withheldText)."
                            : "  Share of the worst \(percent) % of \(plural) by gap rank: \(withheldText).")
        } else if let share = e.worstRegionsShare {
            lines.append(fr
                ? "  Les \(percent) % d'unités les plus mal classées (\(counted) sur \(e.regions) : \(who)) concentrent "
                    + "\(words.number(100 * share, decimals: 1)) % de la demande non couverte "
                    + "(\(words.weight(e.worstRegionsUncoveredDemand)) sur \(words.weight(e.totalUncoveredDemand))) ; "
                    + "une unité fractionnaire compte au prorata."
                : "  The worst \(percent) % of \(plural) by gap rank (\(counted) of \(e.regions): \(who)) hold "
                    + "\(words.number(100 * share, decimals: 1)) % of the uncovered demand "
                    + "(\(words.weight(e.worstRegionsUncoveredDemand)) of \(words.weight(e.totalUncoveredDemand))); "
                    + "a fractional \(singular) counts in proportion.")
        } else {
            lines.append(fr ? "  Aucune demande non couverte : la part des unités les plus mal classées est indéfinie."
                            : "  No uncovered demand: the share of the worst \(plural) is undefined.")
        }
        return lines
    }
}
