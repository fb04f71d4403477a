import Foundation

/// The report's sections built from the planner tools: the equity summary,
/// a side-by-side comparison of chosen regions, and a scenario's changes.
public enum ReportSections {
    static func esc(_ s: String) -> String { SVG.escape(s) }

    static func number(_ v: Double?, _ decimals: Int, _ language: ReportLanguage) -> String {
        guard let v else { return "—" }
        return NumberText.grouped(v, decimals: decimals, language: language)
    }

    /// Gini coefficients of coverage and the share of uncovered demand held by
    /// the worst-served fifth of the regions.
    public static func equity(_ e: EquitySummary, language: ReportLanguage, units: UnitNames = .regions) -> ReportSection {
        let fr = language == .french
        let plural = units.plural(language), singular = units.singular(language)
        // The first 10 of the worst and how many others, as the terminal says them.
        let worst = ComparisonText(language).worstList(e)
        let rows: [(String, String, String)] = [
            (fr ? "Gini de la couverture par surface" : "Gini of coverage by area", number(e.giniCoverageByArea, 3, language),
             fr ? "part couverte de la surface de chaque unité (\(singular)), pondérée par sa surface ; 0 = toutes les unités également couvertes, vers 1 = couverture concentrée"
                : "each \(singular)'s covered share of its area, weighted by its area; 0 = every \(singular) equally covered, towards 1 = coverage concentrated in a few"),
            (fr ? "Gini de la couverture par demande" : "Gini of coverage by demand", number(e.giniCoverageByDemand, 3, language),
             fr ? "part couverte des besoins et incidents de chaque unité (\(singular)), pondérée par cette demande"
                : "each \(singular)'s covered share of its needs and incidents, weighted by that demand"),
            (fr ? "Part de la demande non couverte dans les 20 % d'unités (\(plural)) les plus mal servies" : "Share of uncovered demand in the worst-served 20 % of \(plural)",
             e.worstRegionsShare.map { number(100 * $0, 1, language) + " %" } ?? "—",
             fr ? "\(number(e.worstRegionsCounted, 1, language)) \(plural) sur \(number(Double(e.regions), 0, language)) (\(worst))"
                : "\(number(e.worstRegionsCounted, 1, language)) of \(number(Double(e.regions), 0, language)) \(plural) (\(worst))"),
        ]
        var html = "<table>\n<tr><th class=\"t\">\(fr ? "mesure" : "measure")</th><th>\(fr ? "valeur" : "value")</th><th class=\"t\">\(fr ? "définition" : "definition")</th></tr>\n"
        for (name, value, definition) in rows {
            html += "<tr><td class=\"t\">\(esc(name))</td><td>\(esc(value))</td><td class=\"t\">\(esc(definition))</td></tr>\n"
        }
        html += "</table>\n"
        return ReportSection(title: fr ? "Équité entre \(plural)" : "Equity across \(plural)", html: html)
    }

    /// The chosen regions side by side, each against the first.
    public static func comparison(_ c: RegionComparison, language: ReportLanguage, units: UnitNames = .regions) -> ReportSection {
        let fr = language == .french
        let text = ComparisonText(language)
        var html = text.notes(c, units: units).map { "<p>\(esc($0))</p>\n" }.joined()
        html += "<table>\n<tr><th class=\"t\">\(fr ? "indicateur" : "metric")</th>"
        for m in c.regions { html += "<th>\(esc("\(m.name) (\(m.regionID))"))</th>" }
        for m in c.regions.dropFirst() { html += "<th>\(esc("\(m.regionID) − \(c.regions[0].regionID)"))</th>" }
        html += "</tr>\n"
        for row in c.rows {
            // The metric by its label in the page's language, its figures as the terminal writes them.
            let (values, differences) = text.cells(row)
            html += "<tr><td class=\"t\">\(esc(text.label(row.metric)))</td>"
            html += (values + differences).map { "<td>\(esc($0))</td>" }.joined()
            html += "</tr>\n"
        }
        html += "</table>\n"
        return ReportSection(title: fr ? "Comparaison des \(units.plural(language))" : "Comparison of the chosen \(units.plural(language))", html: html)
    }

    /// What a scenario changes, unit by unit: the units it changes (their
    /// coverage, initiatives or uncovered demand), most uncovered demand
    /// removed first; how many others are unchanged.
    public static func scenario(_ s: ScenarioComparison, language: ReportLanguage, units: UnitNames = .regions) -> ReportSection {
        let fr = language == .french
        var html = "<p>\(esc(s.summary(language)))</p>\n<table>\n<tr><th class=\"t\">\(fr ? "code" : "id")</th><th class=\"t\">\(esc(units.singular(language)))</th>"
        let headers = fr
            ? ["couverture % avant", "après", "nouvellement couvert km²", "demande non couverte avant", "après", "rang avant → après"]
            : ["covered % before", "after", "newly covered km²", "uncovered demand before", "after", "gap rank before → after"]
        html += headers.map { "<th>\(esc($0))</th>" }.joined() + "</tr>\n"
        let changed = s.changes.filter(\.isChanged).sorted {
            if $0.uncoveredDemand.change != $1.uncoveredDemand.change { return $0.uncoveredDemand.change < $1.uncoveredDemand.change }
            if $0.newlyCoveredKm2 != $1.newlyCoveredKm2 { return $0.newlyCoveredKm2 > $1.newlyCoveredKm2 }
            return $0.gapRank.before < $1.gapRank.before
        }
        for c in changed {
            let cells = [number(c.coveragePct.before, 1, language), number(c.coveragePct.after, 1, language),
                         number(c.newlyCoveredKm2, 0, language), number(c.uncoveredDemand.before, 1, language),
                         number(c.uncoveredDemand.after, 1, language), "\(Int(c.gapRank.before)) → \(Int(c.gapRank.after))"]
            html += "<tr><td class=\"t\">\(esc(c.regionID))</td><td class=\"t\">\(esc(c.name))</td>" + cells.map { "<td>\(esc($0))</td>" }.joined() + "</tr>\n"
        }
        html += "</table>\n"
        let unchanged = s.changes.count - changed.count
        html += "<p class=\"note\">" + esc(fr
            ? "\(units.count(changed.count, language)) modifiée(s) par le scénario sur \(s.changes.count) ; les \(unchanged) autres sont inchangées (scenario.csv de gapmap scenario les donne toutes)."
            : "\(units.count(changed.count, language)) changed by the scenario, of \(s.changes.count); the other \(unchanged) are unchanged (gapmap scenario's scenario.csv holds them all).") + "</p>\n"
        return ReportSection(title: fr ? "Scénario" : "Scenario", html: html)
    }
}
