/// What `gapmap hotspots` prints: the clusters of uncovered demand, their
/// weight, extent and units, and how they were found.
public struct HotspotText {
    public let words: CommandText
    var fr: Bool { words.fr }

    public init(_ language: ReportLanguage) {
        words = CommandText(language)
    }

    public func render(_ a: HotspotAnalysis, units: UnitNames = .regions) -> [String] {
        let w = words
        let r = a.request
        let n = a.hotspots.count
        let extent = r.maxExtentKm.map { fr ? "chacun large d'au plus \(w.weight($0)) km. " : "each at most \(w.weight($0)) km wide. " }
            ?? (fr ? "amas entiers, quelle que soit leur largeur. " : "clusters whole, however wide. ")
        // The pieces of split clusters too light to be hotspots, where there are some.
        let fragmentsFr = a.fragmentPoints == 0 ? "" : ", dont \(w.count(a.fragmentPoints)) (poids \(w.weight(a.fragmentWeight))) dans des morceaux "
            + "d'amas scindés plus légers que \(w.weight(r.minimumWeight)), qui ne sont pas des foyers (élargissez --max-extent pour les réunir)"
        let fragmentsEn = a.fragmentPoints == 0 ? "" : ", \(w.count(a.fragmentPoints)) of them (weight \(w.weight(a.fragmentWeight))) in pieces of split clusters "
            + "lighter than \(w.weight(r.minimumWeight)), which are no hotspots (widen --max-extent to keep them)"
        var lines = [fr
            ? "\(n) foyer\(n == 1 ? "" : "s") de demande non couverte : voisinage de \(w.weight(r.radiusKm)) km, "
                + "points centraux ayant un poids d'au moins \(w.weight(r.minimumWeight)) dans ce voisinage ; " + extent
                + "\(w.count(a.points)) points non couverts (poids \(w.weight(a.weight))) ; \(w.count(a.noisePoints)) (poids \(w.weight(a.noiseWeight))) hors de tout foyer" + fragmentsFr + "."
            : "\(n) hotspot\(n == 1 ? "" : "s") of uncovered demand: neighbourhood \(w.weight(r.radiusKm)) km, "
                + "core points with a weight of at least \(w.weight(r.minimumWeight)) within it; " + extent
                + "\(w.count(a.points)) uncovered points (weight \(w.weight(a.weight))); \(w.count(a.noisePoints)) (weight \(w.weight(a.noiseWeight))) in no hotspot" + fragmentsEn + ".", ""]
        guard !a.hotspots.isEmpty else {
            lines.append(fr ? "Aucun foyer : abaissez --min-weight ou élargissez --radius." : "No hotspot: lower --min-weight or widen --radius.")
            return lines
        }
        let header = fr
            ? ["code", "poids", "besoins", "incidents", "membres", "centraux", "surface km²", "unité principale", units.plural(w.language), "centre lon", "centre lat"]
            : ["id", "weight", "needs", "incidents", "members", "core", "area km²", "main \(units.singular(w.language))", units.plural(w.language), "centre lon", "centre lat"]
        // Each column of weights formatted as one, its total included.
        let weight = w.weightColumn(a.hotspots.map(\.weight) + [a.hotspots.reduce(0) { $0 + $1.weight }])
        let needs = w.weightColumn(a.hotspots.map(\.needsWeight) + [a.hotspots.reduce(0) { $0 + $1.needsWeight }])
        let incidents = w.weightColumn(a.hotspots.map(\.incidentsWeight) + [a.hotspots.reduce(0) { $0 + $1.incidentsWeight }])
        let rows = a.hotspots.map { h -> [String] in
            [h.id, weight(h.weight), needs(h.needsWeight), incidents(h.incidentsWeight), w.count(h.members),
             w.count(h.corePoints), w.km2(h.areaKm2), h.regions.first.map { "\($0.regionID) \($0.name)" } ?? "",
             h.regions.prefix(3).map(\.regionID).joined(separator: ",") + (h.regions.count > 3 ? " +\(h.regions.count - 3)" : ""),
             w.coordinate(h.centre.x, decimals: 4), w.coordinate(h.centre.y, decimals: 4)]
        }
        let total = a.hotspots.reduce(0) { $0 + $1.weight }
        let footer = [w.all, weight(total), needs(a.hotspots.reduce(0) { $0 + $1.needsWeight }),
                      incidents(a.hotspots.reduce(0) { $0 + $1.incidentsWeight }), w.count(a.hotspots.reduce(0) { $0 + $1.members }),
                      w.count(a.hotspots.reduce(0) { $0 + $1.corePoints }), "", "", "", "", ""]
        lines += TextTable.render(header: header, rows: rows, footer: footer, leftAligned: [0, 7, 8])
        lines.append("")
        lines.append(fr
            ? "poids = poids des besoins + incidents des membres ; centraux = membres dont le voisinage atteint --min-weight ; "
                + "surface = surface géodésique du contour (disques de rayon \(w.weight(r.radiusKm / 2)) km autour des membres) ; "
                + "centre = le membre qui a le plus de poids autour de lui."
            : "weight = needs + incidents weight of the members; core = members whose neighbourhood reaches --min-weight; "
                + "area = geodesic area of the outline (discs of radius \(w.weight(r.radiusKm / 2)) km around the members); "
                + "centre = the member with the most weight around it.")
        return lines
    }
}
