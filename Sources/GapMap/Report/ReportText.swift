/// The words of the HTML report, in English and French.
struct ReportText {
    let language: ReportLanguage
    /// What the units are called (communes, cercles, régions...).
    let units: UnitNames
    var fr: Bool { language == .french }

    init(_ language: ReportLanguage, units: UnitNames = .regions) {
        self.language = language
        self.units = units
    }

    private var plural: String { units.plural(language) }
    private var singular: String { units.singular(language) }

    var title: String { fr ? "Couverture des initiatives de police de proximité" : "Coverage of community-policing initiatives" }

    func subtitle(date: String, regions: Int, initiatives: Int, radiusKm: Double, segments: Int, includePlanned: Bool) -> String {
        fr ? "Analyse du \(date) : \(units.count(regions, language)), \(initiatives) initiatives \(includePlanned ? "en cours et prévues" : "en cours"), rayon par défaut \(radius(radiusKm)) km."
            : "Analysis of \(date): \(units.count(regions, language)), \(initiatives) \(includePlanned ? "active and planned" : "active") initiatives, default radius \(radius(radiusKm)) km."
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
        fr ? "unité la plus mal servie (\(singular), demande non couverte \(demand))" : "most under-served \(singular) (uncovered demand \(demand))"
    }

    var mapHeading: String { fr ? "Carte" : "Map" }
    var rankingHeading: String { fr ? "Classement des \(plural) par demande non couverte" : "\(plural.prefix(1).uppercased() + plural.dropFirst()) ranked by uncovered demand" }
    var allRegions: String { fr ? "ensemble des \(plural)" : "all \(plural)" }

    /// The summary of the rest of the ranked table: "The other 676 communes (of 701), in rank order".
    func otherUnits(_ n: Int, of total: Int) -> String {
        fr ? "Les \(n) autres unités (\(plural)) sur \(total), dans l'ordre du classement"
            : "The other \(n) \(n == 1 ? singular : plural) (of \(total)), in rank order"
    }

    var regionID: String { fr ? "code" : "id" }
    var regionName: String { singular }

    var accountingHeading: String { fr ? "Lignes lues et utilisées" : "Rows read and used" }

    var accountingColumns: [String] {
        fr ? ["couche", "lues", "utilisées", "rejetées", "doublons", "points", "dans une unité", "hors des unités", "par référence à une unité"]
            : ["layer", "read", "used", "rejected", "duplicates", "points", "in a \(singular)", "in no \(singular)", "by \(singular) reference"]
    }

    func accountingNote(_ count: Int) -> String {
        let issues = NumberText.grouped(Double(count), decimals: 0, language: language)
        return fr ? "Lues = utilisées + rejetées + doublons ; points = dans une unité + hors des unités. \(issues) lignes sont détaillées dans rejected.csv (les 15 premières ci-dessous)."
            : "Read = used + rejected + duplicates; points = in a \(singular) + in no \(singular). \(issues) rows are listed in rejected.csv (the first 15 below)."
    }

    func layerName(_ kind: LayerKind) -> String {
        if kind == .regions { return plural }
        guard fr else { return kind.rawValue }
        switch kind {
        case .regions: return plural
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

    // MARK: The interactive page

    var interactiveHeading: String { fr ? "Carte interactive" : "Interactive map" }
    var tableHeading: String { fr ? "Tableau des unités" : "Table of the units" }
    var metricLabel: String { fr ? "Indicateur de la carte" : "Map metric" }
    var searchLabel: String { fr ? "Rechercher (nom ou P-code)" : "Search (name or P-code)" }
    var periodLabel: String { fr ? "Période (mois)" : "Period (months)" }
    var yearLabel: String { fr ? "Année" : "Year" }
    var everyYear: String { fr ? "toutes" : "all" }
    var actorLabel: String { fr ? "Acteur des initiatives" : "Initiatives' actor" }
    var kindLabel: String { fr ? "Type d'initiative" : "Initiative kind" }
    var categoryLabel: String { fr ? "Catégorie de besoin" : "Need category" }
    var incidentTypeLabel: String { fr ? "Type d'incident" : "Incident type" }
    var everyOne: String { fr ? "tous" : "all" }
    var layersLabel: String { fr ? "Couches" : "Layers" }
    var unitsLayer: String { fr ? "unités" : "units" }
    var gapsLayer: String { fr ? "zones non couvertes" : "gaps" }
    var footprintsLayer: String { fr ? "zones d'action" : "footprints" }
    var townsLayer: String { fr ? "villes" : "towns" }

    func actorName(_ actor: Actor) -> String {
        switch actor {
        case .state: fr ? "État" : "state"
        case .community: fr ? "communauté" : "community"
        case .civilSociety: fr ? "société civile" : "civil society"
        case .international: fr ? "partenaires internationaux" : "international"
        }
    }

    var sharedNote: String {
        fr ? "Rapport partageable : ni détail par mois ni filtre ne sont inclus, car ils pourraient révéler des chiffres masqués ; aucun point n'est dessiné à ses coordonnées (seulement par hexagone, ou déplacé au hasard, si demandé)."
            : "Shareable report: no monthly or filter breakdown is embedded, as it could reveal withheld figures; no point is drawn at its own coordinates (only per hexagon, or displaced at random, when asked)."
    }

    func budgetNote(dotLimit limit: Int) -> String {
        let dotLimit = NumberText.grouped(Double(limit), decimals: 0, language: fr ? .french : .english)
        return fr ? "Jusqu'à \(dotLimit) besoins et incidents sont dessinés un par un, au-delà regroupés en hexagones ; les contours sont simplifiés pour l'affichage (les chiffres viennent des contours complets)."
            : "Up to \(dotLimit) needs and incidents are drawn one by one, more are grouped into hexagons; outlines are simplified for display (the figures come from the full outlines)."
    }

    var licenceHeading: String { fr ? "Bibliothèque cartographique" : "Map library" }

    /// The words the page's script shows, by key (`InteractiveScript`).
    var interactiveWords: [(String, String)] {
        [
            ("gap", fr ? "zone non couverte" : "gap (not covered)"),
            ("footprints", fr ? "zones d'action des initiatives" : "initiative footprints"),
            ("town", Labels(language).town),
            ("townSource", Labels(language).townSource),
            ("hexagons", fr ? "%d points regroupés en hexagones (couleur : majorité couverte ou non ; opacité : poids)"
                : "%d points grouped into hexagons (colour: mostly covered or not; opacity: weight)"),
            ("hexagonsUnfiltered", fr ? "trop de points pour que les hexagones suivent la période, la catégorie et le type : ils montrent tous les points (les chiffres et le tableau suivent les filtres)"
                : "too many points for the hexagons to follow the period, category and type: they show every point (the figures and the table follow the filters)"),
            ("needUncovered", fr ? "besoin non couvert" : "need uncovered"),
            ("incidentUncovered", fr ? "incident non couvert" : "incident uncovered"),
            ("covered", fr ? "couvert" : "covered"),
            ("areaCovered", fr ? "de la surface couverte" : "of the area covered"),
            ("uncoveredDemand", fr ? "demande non couverte (besoins et incidents)" : "uncovered demand (needs and incidents)"),
            ("mostUnderServed", fr ? "unité la plus mal servie" : "most under-served unit"),
            ("mostUnderServedPublished", fr ? "unité la plus mal servie parmi celles dont la demande non couverte est publiée"
                : "most under-served unit of those whose uncovered demand is published"),
            ("noLayer", fr ? "aucune couche donnée" : "no layer given"),
            ("notExact", fr ? "La couverture de cette combinaison de filtres n'a pas été calculée (trop de combinaisons) : les chiffres gardent les initiatives de toute la période ; gapmap analyze avec ces filtres donne les chiffres exacts."
                : "The coverage of this combination of filters was not computed (too many combinations): the figures keep the initiatives of the whole period; gapmap analyze with these filters gives the exact figures."),
            ("layersAllInitiatives", fr ? "Les couches « zones non couvertes » et « zones d'action » montrent toutes les initiatives retenues ; les chiffres, seulement celles du filtre."
                : "The gaps and footprints layers show every initiative in the run; the figures, only those of the filter."),
            ("id", regionID),
            ("unitName", fr ? "nom" : "name"),
            ("shown", fr ? "%d unités affichées sur %n" : "%d of %n units shown"),
            ("parents", fr ? "Dans :" : "In:"),
            ("sensitivePresence", fr ? "Initiatives sensibles présentes (présence seulement) :" : "Sensitive initiatives present (presence only):"),
            ("trendHeading", fr ? "Évolution mensuelle" : "Monthly trend"),
            ("trendLegend", fr ? "Barres de gauche : incidents (orange : hausse forte, rouge : flambée) ; de droite : besoins couverts (bleu) et non couverts (orange clair)."
                : "Left bars: incidents (orange: large rise, red: surge); right bars: needs covered (blue) and uncovered (light orange)."),
            ("month", fr ? "mois" : "month"),
            ("change", fr ? "variation" : "change"),
            ("flagRule", fr ? "Variation par rapport à la moyenne des trois mois précédents : « hausse forte » au-delà de 25 % (seuil d'ACLED pour une forte augmentation), « flambée » au-delà de 100 % (seuil des suivis de flambées). Les dates limitées à l'année ne comptent dans aucun mois."
                : "Change against the mean of the three months before: \u{201C}large\u{201D} above 25 % (ACLED's threshold for a large increase), \u{201C}surge\u{201D} above 100 % (surge trackers' threshold). Rows dated only by year count in no month."),
        ]
    }

    var flagWords: [(String, String)] {
        [("large", fr ? "hausse forte" : "large"), ("surge", fr ? "flambée" : "surge")]
    }
}

