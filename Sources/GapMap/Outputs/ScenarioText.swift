/// What `gapmap scenario` prints: the units the scenario changes, before and
/// after, with the totals over every unit and how to read the table.
public struct ScenarioText {
    public let words: CommandText
    var language: ReportLanguage { words.language }
    var fr: Bool { words.fr }

    public init(_ language: ReportLanguage) {
        words = CommandText(language)
    }

    public func render(_ s: ScenarioComparison, allUnits: Bool = false) -> [String] {
        let units = s.before.unitNames
        let w = words
        let beforeRun = s.before.initiativeInRun.filter { $0 }.count, afterRun = s.after.initiativeInRun.filter { $0 }.count
        let radius = w.weight(s.before.parameters.defaultRadiusKm)
        var lines = [fr ? "Scénario : \(s.summary(language))." : "Scenario: \(s.description).",
                     fr ? "Initiatives retenues : \(beforeRun) avant, \(afterRun) après (rayon \(radius) km)."
                        : "Initiatives in the run: \(beforeRun) before, \(afterRun) after (radius \(radius) km).", ""]
        let header = fr
            ? ["code", "nom", "km² couverts avant", "après", "nouvellement couverts", "% couvert avant", "après", "variation",
               "besoins non couv. avant", "après", "incidents non couv. avant", "après", "variation demande non couv.", "rang"]
            : ["id", "name", "covered km² before", "after", "newly covered", "covered % before", "after", "change",
               "uncov. needs before", "after", "uncov. incidents before", "after", "uncov. demand change", "gap rank"]
        func rank(_ c: RegionChange.Change) -> String { "\(Int(c.before)) → \(Int(c.after))" }
        // The units the scenario changes, most uncovered demand removed first (all of them with --all-units, in gap-rank order).
        let listed = allUnits ? s.changes.sorted { $0.gapRank.before < $1.gapRank.before }
            : s.changes.filter(\.isChanged).sorted {
                if $0.uncoveredDemand.change != $1.uncoveredDemand.change { return $0.uncoveredDemand.change < $1.uncoveredDemand.change }
                if $0.newlyCoveredKm2 != $1.newlyCoveredKm2 { return $0.newlyCoveredKm2 > $1.newlyCoveredKm2 }
                return $0.gapRank.before < $1.gapRank.before
            }
        let (b, a) = s.totals
        // Each column of weights formatted as one (no "0" under "25,0").
        let needsBefore = w.weightColumn(listed.map(\.needsUncovered.before) + [b.needsUncovered])
        let needsAfter = w.weightColumn(listed.map(\.needsUncovered.after) + [a.needsUncovered])
        let incidentsBefore = w.weightColumn(listed.map(\.incidentsUncovered.before) + [b.incidentsUncovered])
        let incidentsAfter = w.weightColumn(listed.map(\.incidentsUncovered.after) + [a.incidentsUncovered])
        let demandChange = w.weightColumn(listed.map(\.uncoveredDemand.change) + [a.uncoveredDemand - b.uncoveredDemand])
        let rows = listed.map { c -> [String] in
            [c.regionID, c.name, w.km2(c.coveredKm2.before), w.km2(c.coveredKm2.after), w.km2(c.newlyCoveredKm2),
             w.pct(c.coveragePct.before), w.pct(c.coveragePct.after), w.signed(c.coveragePct.change, w.pct),
             needsBefore(c.needsUncovered.before), needsAfter(c.needsUncovered.after),
             incidentsBefore(c.incidentsUncovered.before), incidentsAfter(c.incidentsUncovered.after),
             w.signed(c.uncoveredDemand.change, demandChange), rank(c.gapRank)]
        }
        let footer = ["", w.allUnits(units), w.km2(b.coveredKm2), w.km2(a.coveredKm2),
                      w.km2(s.changes.reduce(0) { $0 + $1.newlyCoveredKm2 }), w.pct(b.coveragePct), w.pct(a.coveragePct),
                      w.signed(a.coveragePct - b.coveragePct, w.pct), needsBefore(b.needsUncovered),
                      needsAfter(a.needsUncovered), incidentsBefore(b.incidentsUncovered), incidentsAfter(a.incidentsUncovered),
                      w.signed(a.uncoveredDemand - b.uncoveredDemand, demandChange), ""]
        lines += TextTable.render(header: header, rows: rows, footer: footer, leftAligned: [0, 1])
        let lost = s.changes.reduce(0) { $0 + $1.noLongerCoveredKm2 }
        if lost > 0 {
            lines.append(fr ? "Plus couverts après le changement : \(w.km2(lost)) km² (no_longer_covered.geojson)."
                            : "No longer covered after the change: \(w.km2(lost)) km² (no_longer_covered.geojson).")
        }
        let moved = s.changes.filter { $0.gapRank.change != 0 }.count
        lines.append("")
        let changed = s.changes.filter(\.isChanged).count
        let plural = units.plural(language)
        if fr {
            lines.append(allUnits
                ? "Lignes dans l'ordre du rang avant le changement ; \(changed) sur \(units.count(s.changes.count, language)) changent. "
                : "Les \(units.count(changed, language)) que le scénario change (sur \(s.changes.count)), par demande non couverte retirée décroissante ; "
                    + "les \(s.changes.count - changed) autres ne changent pas (--all-units les liste ; scenario.csv les contient). Les totaux portent sur l'ensemble des \(plural). ")
            lines.append("Rang avant → après (1 = la plus forte demande non couverte) ; \(moved) \(plural) changent de rang. "
                         + "Nouvellement couvert = unité ∩ (couverture après − couverture avant), km² sur l'ellipsoïde WGS84 (arêtes droites en longitude/latitude, RFC 7946).")
        } else {
            lines.append(allUnits
                ? "Rows in gap-rank order before the change; \(changed) of \(units.count(s.changes.count, language)) change. "
                : "The \(units.count(changed, language)) the scenario changes (of \(s.changes.count)), most uncovered demand removed first; "
                    + "the other \(s.changes.count - changed) are unchanged (--all-units lists them; scenario.csv holds them all). The totals are over all \(plural). ")
            lines.append("Gap rank before → after (1 = most uncovered demand); \(moved) \(plural) change rank. "
                         + "Newly covered = region ∩ (coverage after − coverage before), km² on the WGS84 ellipsoid (edges straight in longitude/latitude, RFC 7946).")
        }
        return lines
    }
}
