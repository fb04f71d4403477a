/// What `gapmap suggest` prints: the sites chosen, what each adds, and how
/// far from the best choice the suggestion can be.
public struct SuggestionText {
    public let words: CommandText
    var fr: Bool { words.fr }

    public init(_ language: ReportLanguage) {
        words = CommandText(language)
    }

    /// A candidate's name: a row id, or "grid point 12" (point de grille 12).
    func candidate(_ name: String) -> String {
        fr && name.hasPrefix("grid point ") ? "point de grille " + name.dropFirst("grid point ".count) : name
    }

    public func render(_ s: SiteSuggestion, report: CoverageReport) -> [String] {
        let w = words
        let r = s.request
        let units = report.unitNames.plural(w.language)
        let source: String = switch r.candidates {
        case .demand: fr ? "les lieux de demande non couverte" : "the uncovered demand locations"
        case .settlements: fr ? "les localités" : "the settlements"
        case .grid: fr ? "une grille hexagonale de \(w.weight(r.gridSpacingKm ?? 0)) km sur les \(units)" : "a hexagonal grid of \(w.weight(r.gridSpacingKm ?? 0)) km over the \(units)"
        }
        let inRun = report.initiativeInRun.filter { $0 }.count
        let n = s.sites.count
        var lines = [fr ? "\(n) nouveau\(n == 1 ? "" : "x") site\(n == 1 ? "" : "s") de rayon \(w.weight(r.radiusKm)) km choisi\(n == 1 ? "" : "s") parmi "
                        + "\(w.count(s.candidateCount)) candidats (\(source)) par algorithme glouton paresseux ; "
                        + "les \(inRun) initiatives retenues sont gardées."
                        : "\(n) new site\(n == 1 ? "" : "s") of radius \(w.weight(r.radiusKm)) km chosen among "
                        + "\(w.count(s.candidateCount)) candidates (\(source)) by lazy greedy; "
                        + "the \(inRun) initiatives in the run are kept.", ""]
        let header = fr ? ["rang", report.unitNames.singular(w.language), "candidat", "lon", "lat", "gain", "points", "cumul", "cumul %"]
            : ["rank", report.unitNames.singular(w.language), "candidate", "lon", "lat", "gain", "points", "cumulative", "cumulative %"]
        // Each column of weights formatted as one.
        let gain = w.weightColumn(s.sites.map(\.gainWeight) + [s.coveredWeight])
        let cumulative = w.weightColumn(s.sites.map(\.cumulativeWeight) + [s.coveredWeight])
        let rows = s.sites.map { site -> [String] in
            [String(site.rank), site.regionID.map { "\($0) \(site.regionName ?? "")" } ?? w.noRegion, candidate(site.candidate),
             w.coordinate(site.coordinate.x, decimals: 5), w.coordinate(site.coordinate.y, decimals: 5), gain(site.gainWeight),
             w.count(site.gainPoints), cumulative(site.cumulativeWeight), w.pct(site.cumulativePct)]
        }
        let pct = s.uncoveredWeight > 0 ? 100 * s.coveredWeight / s.uncoveredWeight : 0
        let footer = ["", fr ? "tous les sites" : "all sites", "", "", "", gain(s.coveredWeight), w.count(s.sites.reduce(0) { $0 + $1.gainPoints }),
                      cumulative(s.coveredWeight), w.pct(pct)]
        lines += TextTable.render(header: header, rows: rows, footer: footer, leftAligned: [1, 2])
        lines.append("")
        lines.append(fr
            ? "Demande non couverte qu'un site peut atteindre : \(w.weight(s.uncoveredWeight)) (\(w.count(s.demandRows)) besoins et incidents en "
                + "\(w.count(s.demandLocations)) lieux) ; hors d'atteinte : \(w.weight(s.unplaceableWeight)) (besoins rattachés à une unité, points hors des unités)."
            : "Uncovered demand a site can reach: \(w.weight(s.uncoveredWeight)) (\(w.count(s.demandRows)) needs and incidents at "
                + "\(w.count(s.demandLocations)) places); out of reach: \(w.weight(s.unplaceableWeight)) (needs referenced to a \(report.unitNames.singular(w.language)), points in no \(report.unitNames.singular(w.language))).")
        if s.stoppedEarly {
            lines.append(fr ? "Seuls \(n) des \(r.sites) sites demandés apportent quelque chose : aucun autre candidat ne couvrirait plus de demande."
                            : "Only \(n) of the \(r.sites) sites asked for add anything: no further candidate would cover more demand.")
        }
        let k = r.sites
        var bound = fr
            ? "Écart à l'optimum : aucun ensemble de \(k) sites ne peut couvrir plus de \(w.weight(s.upperBound)) "
                + "(le plus petit, sur les étapes de l'algorithme, du poids déjà couvert + les \(k) plus grands gains marginaux restants)"
            : "How far from the best: no \(k) sites can cover more than \(w.weight(s.upperBound)) "
                + "(the smallest, over the greedy's steps, of the weight covered so far + the \(k) largest marginal gains left)"
        if let certified = s.certifiedShareOfOptimum {
            bound += fr ? ", donc ces sites atteignent au moins \(w.number(100 * certified, decimals: 1)) % de l'optimum sur ces données."
                : ", so these sites reach at least \(w.number(100 * certified, decimals: 1)) % of the optimum on this data."
        } else {
            bound += "."
        }
        lines.append(bound)
        if s.guarantee > 0 {
            lines.append(fr
                ? "Sur toutes données, le choix glouton atteint au moins \(w.number(100 * s.guarantee, decimals: 1)) % de l'optimum "
                    + "(1 − (1 − 1/K)^K ≥ 1 − 1/e ≈ \(w.number(63.2, decimals: 1)) %)."
                : "On any data, the greedy choice reaches at least \(w.number(100 * s.guarantee, decimals: 1)) % of the optimum "
                    + "(1 − (1 − 1/K)^K ≥ 1 − 1/e ≈ 63.2 %).")
        } else {
            lines.append(fr ? "Avec --min-per-region, la garantie a priori de 63 % de l'algorithme glouton ne tient plus ; la borne ci-dessus, si."
                            : "With --min-per-region the greedy's a priori 63 % guarantee does not hold; the bound above still does.")
        }
        let plain = w.count(s.candidateCount * max(1, n) + s.candidateCount)
        lines.append(fr ? "Évaluations de gain : \(w.count(s.evaluations)) (un glouton simple en ferait environ \(plain))."
                        : "Gain evaluations: \(w.count(s.evaluations)) (a plain greedy would make about \(plain)).")
        lines.append(fr ? "gain = poids de demande non couverte que le site couvre et que les sites précédents ne couvrent pas ; points = besoins et incidents de ce gain."
                        : "gain = uncovered demand weight the site covers that the sites before it do not; points = needs and incidents among that gain.")
        return lines
    }
}
