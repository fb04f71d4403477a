/// The column names each layer's fields are found under, in order of
/// preference (case-insensitive; see `FieldLookup` for KoboToolbox group
/// paths and HXL hashtags). `LayerBuilder` reads the rows with them and
/// `gapmap validate` reports which columns they found.
enum LayerFieldNames {
    static let initiativeID = ["id", "initiative_id", "code"]
    static let status = ["status", "statut"]
    static let actor = ["actor", "acteur", "actor_group"]
    static let radius = ["radius_km", "rayon_km", "radius"]
    static let initiativeName = ["name", "nom", "title"]
    static let kind = ["kind", "type", "category", "categorie"]
    static let startDate = ["start_date", "start", "date_debut"]
    static let endDate = ["end_date", "end", "date_fin"]

    static let needID = ["id", "need_id", "_uuid", "_id"]
    static let severity = ["severity", "severite", "sévérité", "gravite"]
    static let weight = ["weight", "poids"]
    static let category = ["category", "categorie", "catégorie", "need"]
    static let segment = ["segment", "population_segment", "groupe", "groupe_population"]
    static let needDate = ["date", "event_date"]

    static let incidentID = ["event_id_cnty", "id", "event_id"]
    static let fatalities = ["fatalities", "best", "deaths"]
    static let incidentDate = ["event_date", "date", "date_start"]
    static let eventType = ["event_type", "type", "type_of_violence"]

    static let settlementID = ["id", "geonameid"]
    static let population = ["population", "pop"]
    static let settlementName = ["name", "nom", "asciiname"]

    /// The id candidates of a point layer.
    static func id(_ layer: LayerKind) -> [String] {
        switch layer {
        case .initiatives: initiativeID
        case .needs: needID
        case .incidents: incidentID
        case .settlements: settlementID
        case .regions: []
        }
    }

    /// The fields a layer reads besides its id, coordinates and region
    /// references, by role.
    static func roles(_ layer: LayerKind) -> [(role: String, names: [String])] {
        switch layer {
        case .initiatives:
            [("name", initiativeName), ("actor", actor), ("kind", kind), ("status", status), ("radius_km", radius),
             ("start_date", startDate), ("end_date", endDate)]
        case .needs:
            [("category", category), ("segment", segment), ("severity", severity), ("weight", weight), ("date", needDate)]
        case .incidents:
            [("date", incidentDate), ("type", eventType), ("fatalities", fatalities), ("weight", weight)]
        case .settlements:
            [("name", settlementName), ("population", population)]
        case .regions:
            []
        }
    }
}
