import Foundation

/// The language of maps and reports: planners in Mali work in French.
public enum ReportLanguage: String, Sendable, Codable, CaseIterable {
    case english = "en"
    case french = "fr"
}

/// Every piece of text a map or report shows, in English and French.
public struct Labels: Sendable {
    public let language: ReportLanguage

    public init(_ language: ReportLanguage) {
        self.language = language
    }

    var fr: Bool { language == .french }

    public func metricName(_ metric: MapMetric) -> String { metric.shading.legend(language) }

    public func mapTitle(_ metric: MapMetric) -> String { metric.shading.title(language) }

    /// "701 communes, 55 active initiatives with a footprint and 5 programmes (presence only); ..."
    public func subtitle(units: UnitNames, count: Int, footprints: Int, programmes: Int, radiusKm: Double, includePlanned: Bool) -> String {
        let radius = radiusKm == radiusKm.rounded() ? String(Int(radiusKm)) : String(radiusKm)
        let n = { (k: Int) in NumberText.grouped(Double(k), decimals: 0, language: self.language) }
        if fr {
            let programmeText = programmes == 0 ? "" : " et \(n(programmes)) programme\(programmes == 1 ? "" : "s") (présence seule)"
            return "\(units.count(count, language)), \(n(footprints)) initiative\(footprints == 1 ? "" : "s") \(includePlanned ? "en cours et prévues" : "en cours")"
                + " avec zone d'action\(programmeText) ; rayon par défaut \(radius) km (disques géodésiques)"
        }
        let programmeText = programmes == 0 ? "" : " and \(n(programmes)) programme\(programmes == 1 ? "" : "s") (presence only)"
        return "\(units.count(count, language)), \(n(footprints)) \(includePlanned ? "active and planned" : "active") initiative\(footprints == 1 ? "" : "s")"
            + " with a footprint\(programmeText); default radius \(radius) km (geodesic discs)"
    }

    public func classification(_ method: ClassificationMethod, units: UnitNames) -> String {
        switch method {
        case .quantile: fr ? "classes par quantiles (nombre de \(units.plural(language)))" : "quantile classes (number of \(units.plural(language)))"
        case .natural: fr ? "seuils naturels de Jenks (nombre de \(units.plural(language)))" : "Jenks natural breaks (number of \(units.plural(language)))"
        }
    }

    /// The legend of the parents' outlines: "boundary of a cercle".
    public func parentBoundary(_ parents: UnitNames) -> String {
        fr ? "limite de \(parents.singular(language))" : "boundary of a \(parents.singular(language))"
    }

    /// The title of the inset: "zoom ×12".
    public func insetTitle(zoom: Double) -> String {
        let times = NumberText.grouped(zoom.rounded(), decimals: 0, language: language)
        return fr ? "agrandissement ×\(times)" : "zoom ×\(times)"
    }

    public var gap: String { fr ? "zone non couverte" : "area not covered" }
    public var footprint: String { fr ? "zone d'action d'une initiative" : "initiative footprint" }
    /// The towns a map marks (`MapTowns`), and where they come from.
    public var town: String { fr ? "ville (parmi les \(MapTowns.count) plus peuplées)" : "town (among the \(MapTowns.count) most populous)" }
    public var townSource: String { fr ? "villes : GeoNames (CC BY 4.0)" : "towns: GeoNames (CC BY 4.0)" }
    public var needUncovered: String { fr ? "besoin non couvert" : "need, not covered" }
    public var needCovered: String { fr ? "besoin couvert" : "need, covered" }
    public var incidentUncovered: String { fr ? "incident non couvert" : "incident, not covered" }
    public var incidentCovered: String { fr ? "incident couvert" : "incident, covered" }
    public func footprintUnion(_ count: Int) -> String {
        let n = NumberText.grouped(Double(count), decimals: 0, language: language)
        return fr ? "zone couverte (\(n) zones d'action)" : "area covered (\(n) footprints)"
    }
    public var densityCoveredOnly: String { fr ? "besoins et incidents tous couverts" : "needs and incidents, all covered" }

    /// The legend of points binned into hexagons: how many, and how wide a hexagon is.
    public func densityLegend(points: Int, hexagonAcrossKm: Double) -> [String] {
        let n = NumberText.grouped(Double(points), decimals: 0, language: language)
        let km = hexagonAcrossKm >= 10 ? String(format: "%.0f", hexagonAcrossKm) : String(format: "%.1f", hexagonAcrossKm)
        let kmText = fr ? km.replacingOccurrences(of: ".", with: ",") : km
        return fr
            ? ["\(n) besoins et incidents, regroupés", "en hexagones d'environ \(kmText) km ;", "couleur : poids non couvert"]
            : ["\(n) needs and incidents, binned", "in hexagons about \(kmText) km across;", "colour: uncovered weight"]
    }

    /// The legend of a shareable run's hexagons (`--share-cells`).
    public func sharedHexagonLegend(_ cells: HexagonCells) -> [String] {
        let area = NumberText.grouped((cells.areaKm2 * 10).rounded() / 10, decimals: 1, language: language)
        let km = NumberText.grouped(cells.widthMeters / 1000, decimals: cells.widthMeters.truncatingRemainder(dividingBy: 1000) == 0 ? 0 : 1, language: language)
        return fr
            ? ["Besoins et incidents par hexagone", "de \(km) km (\(area) km²), nombre de lignes"]
            : ["Needs and incidents per hexagon", "of \(km) km (\(area) km²), number of rows"]
    }

    /// What the displaced points are: the legend of a shareable map or report (`--share-displace`).
    /// `urban`: whether urban points move less (`UrbanPlaces`).
    public func displacedLegend(urban: Bool = true) -> (needs: String, incidents: String, distance: String) {
        let (low, near, high, far) = (NumberText.plain(Geomask.minimumMeters / 1000), NumberText.plain(Geomask.urbanMaximumMeters / 1000),
                                      NumberText.plain(Geomask.maximumMeters / 1000), NumberText.plain(Geomask.farMaximumMeters / 1000))
        let distance = urban
            ? (fr ? "de \(low) à \(near) km en ville, \(high) km ailleurs (1 % jusqu'à \(far) km), dans leur unité"
                : "by \(low) to \(near) km in towns, \(high) km elsewhere (1 % up to \(far) km), within their unit")
            : (fr ? "de \(low) à \(high) km, jusqu'à \(far) km pour 1 %, dans leur unité" : "by \(low) to \(high) km, up to \(far) km for 1 %, within their unit")
        return fr ? ("Besoins, déplacés au hasard", "Incidents, déplacés au hasard", distance)
            : ("Needs, displaced at random", "Incidents, displaced at random", distance)
    }

    /// The tooltip of one of a shareable run's hexagons; nil counts are withheld.
    public func sharedHexagonTooltip(id: String, needs: Int?, incidents: Int?, release: ReleaseMark) -> String {
        func text(_ n: Int?) -> String { n.map(String.init) ?? withheld(release) }
        return fr ? "hexagone \(id) : besoins \(text(needs)), incidents \(text(incidents))"
            : "hexagon \(id): needs \(text(needs)), incidents \(text(incidents))"
    }

    /// The tooltip of one density hexagon.
    public func densityTooltip(uncoveredWeight: Double, uncoveredPoints: Int, coveredWeight: Double, coveredPoints: Int) -> String {
        let u = ChoroplethMap.format(uncoveredWeight, language: language), c = ChoroplethMap.format(coveredWeight, language: language)
        return fr
            ? "non couverts : \(uncoveredPoints) points, poids \(u) ; couverts : \(coveredPoints) points, poids \(c)"
            : "uncovered: \(uncoveredPoints) points, weight \(u); covered: \(coveredPoints) points, weight \(c)"
    }

    /// The word a title ends with: who may see the map or report.
    public func releaseWord(_ mark: ReleaseMark) -> String {
        switch mark {
        case .restricted: fr ? "DIFFUSION RESTREINTE" : "RESTRICTED"
        case .shareable: fr ? "DIFFUSABLE" : "SHAREABLE"
        }
    }

    /// What a figure that is withheld shows in a table or a tooltip.
    public func withheld(_ mark: ReleaseMark) -> String { fr ? "masqué" : "withheld" }

    /// What a legend says of the units whose figure is withheld: a figure
    /// is withheld for counting 1 to k−1 rows, or as the complement that
    /// keeps such a figure from being worked out from the others.
    public func withheldLegend(_ mark: ReleaseMark) -> String {
        withheldReason(mark).map { "\(withheld(mark)) (\($0))" } ?? withheld(mark)
    }

    /// Why a figure of a shareable output is withheld (nil when restricted).
    public func withheldReason(_ mark: ReleaseMark) -> String? {
        guard case .shareable(let rules, _) = mark else { return nil }
        return fr ? "moins de \(rules.minCount) lignes, ou pour en protéger un" : "fewer than \(rules.minCount) rows, or protecting one"
    }

    /// A title with the release word after it.
    public func title(_ title: String, release: ReleaseMark) -> String { title + " — " + releaseWord(release) }

    public func footer(projection: String, sources: [String]) -> [String] {
        let method = fr
            ? "Surfaces sur l'ellipsoïde WGS84, côtés droits en longitude/latitude (RFC 7946). Projection : \(projection). Échelle exacte au centre."
            : "Areas on the WGS84 ellipsoid, edges straight in longitude/latitude (RFC 7946). Projection: \(projection). Scale true at the centre."
        let data = (fr ? "Données : " : "Data: ") + (sources.isEmpty ? "—" : sources.joined(separator: "; "))
        return [data, method + " gapmap \(gapmapVersion)"]
    }
}
