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

    var columns: [String] {
        fr ? ["rang", "code", "région", "surface km²", "couverte km²", "couverture %", "initiatives", "besoins", "non couverts",
              "incidents", "non couverts", "demande non couverte", "population", "population couverte"]
            : ["rank", "id", "region", "area km²", "covered km²", "covered %", "initiatives", "needs", "uncovered",
               "incidents", "uncovered", "uncovered demand", "population", "covered population"]
    }

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

    func definition(_ key: String) -> String {
        guard fr else { return SummaryDocument.definitions[key] ?? "" }
        switch key {
        case "area_km2": return "surface de la région sur l'ellipsoïde WGS84, ses côtés droits en longitude/latitude (RFC 7946), trous déduits, en km²"
        case "covered_km2": return "surface sur l'ellipsoïde WGS84 de l'intersection de la région avec la couverture (union des zones d'action des initiatives retenues), en km²"
        case "coverage_pct": return "100 × covered_km2 / area_km2"
        case "needs_covered": return "poids des besoins situés dans une zone d'action (limite incluse) ; un besoin rattaché à une région sans coordonnées compte poids × covered_km2 / area_km2"
        case "uncovered_demand": return "besoins non couverts + incidents non couverts (sommes de poids)"
        case "population": return "somme des populations des localités de la région, ou attribut population de la région"
        case "covered_population": return "population des localités couvertes, ou population × part de surface couverte"
        case "gap_rank": return "1 = la plus forte demande non couverte ; à égalité, la plus faible couverture, puis le code"
        case "footprint": return "une initiative ponctuelle couvre le disque géodésique de son rayon (radius_km, sinon le rayon par défaut) ; un polygone se couvre lui-même ; une initiative rattachée à une région couvre toute la région"
        case "in_run": return "initiatives actives (ou sans statut), plus les prévues avec --include-planned ; jamais les clôturées"
        default: return SummaryDocument.definitions[key] ?? ""
        }
    }
}
