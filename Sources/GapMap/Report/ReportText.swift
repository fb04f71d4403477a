/// The words of the HTML report, in English and French.
struct ReportText {
    let language: ReportLanguage
    var fr: Bool { language == .french }

    init(_ language: ReportLanguage) {
        self.language = language
    }

    var title: String { fr ? "Couverture des initiatives de police de proximité" : "Coverage of community-policing initiatives" }

    func subtitle(date: String, regions: Int, initiatives: Int, radiusKm: Double, segments: Int, includePlanned: Bool) -> String {
        fr ? "Analyse du \(date) : \(regions) régions, \(initiatives) initiatives \(includePlanned ? "en cours et prévues" : "en cours"), rayon par défaut \(radius(radiusKm)) km."
            : "Analysis of \(date): \(regions) regions, \(initiatives) \(includePlanned ? "active and planned" : "active") initiatives, default radius \(radius(radiusKm)) km."
    }

    func radius(_ km: Double) -> String { km == km.rounded() ? String(Int(km)) : String(km) }

    func areaCovered(_ covered: String, _ total: String) -> String {
        fr ? "de la surface couverte (\(covered) sur \(total) km²)" : "of the area covered (\(covered) of \(total) km²)"
    }

    func uncoveredDemand(_ total: String) -> String {
        fr ? "demande non couverte (besoins et incidents, sur \(total))" : "uncovered demand (needs and incidents, of \(total))"
    }

    func populationCovered(_ covered: String, _ total: String) -> String {
        fr ? "de la population couverte (\(covered) sur \(total))" : "of the population covered (\(covered) of \(total))"
    }

    func mostUnderServed(_ demand: String) -> String {
        fr ? "région la plus mal servie (demande non couverte \(demand))" : "most under-served region (uncovered demand \(demand))"
    }

    var mapHeading: String { fr ? "Carte" : "Map" }
    var rankingHeading: String { fr ? "Classement des régions" : "Regions ranked by uncovered demand" }
    var allRegions: String { fr ? "toutes les régions" : "all regions" }

    var regionID: String { fr ? "code" : "id" }
    var regionName: String { fr ? "région" : "region" }

    var accountingHeading: String { fr ? "Lignes lues et utilisées" : "Rows read and used" }

    var accountingColumns: [String] {
        fr ? ["couche", "lues", "utilisées", "rejetées", "doublons", "points", "dans une région", "hors régions", "par référence à une région"]
            : ["layer", "read", "used", "rejected", "duplicates", "points", "in a region", "in no region", "by region reference"]
    }

    func accountingNote(_ issues: Int) -> String {
        fr ? "Lues = utilisées + rejetées + doublons ; points = dans une région + hors régions. \(issues) lignes sont détaillées dans rejected.csv (les 15 premières ci-dessous)."
            : "Read = used + rejected + duplicates; points = in a region + in no region. \(issues) rows are listed in rejected.csv (the first 15 below)."
    }

    func layerName(_ kind: LayerKind) -> String {
        guard fr else { return kind.rawValue }
        switch kind {
        case .regions: return "régions"
        case .initiatives: return "initiatives"
        case .needs: return "besoins"
        case .incidents: return "incidents"
        case .settlements: return "localités"
        }
    }

    var layer: String { fr ? "couche" : "layer" }
    var line: String { fr ? "ligne" : "line" }
    var field: String { fr ? "champ" : "field" }
    var reason: String { fr ? "motif" : "reason" }
    var methodHeading: String { fr ? "Méthode, paramètres et sources" : "Method, parameters and sources" }
    var parametersLabel: String { fr ? "Paramètres" : "Parameters" }
    var sourcesLabel: String { fr ? "Données" : "Data" }
    var softwareLabel: String { fr ? "Logiciels" : "Software" }

    func parameters(radiusKm: Double, segments: Int, includePlanned: Bool) -> String {
        fr ? "rayon par défaut \(radius(radiusKm)) km, disques géodésiques à \(segments) sommets, initiatives prévues \(includePlanned ? "incluses" : "exclues"), initiatives clôturées jamais comptées."
            : "default radius \(radius(radiusKm)) km, \(segments)-vertex geodesic discs, planned initiatives \(includePlanned ? "included" : "excluded"), closed initiatives never counted."
    }
}
