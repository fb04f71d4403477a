/// The words of the results that are not per-region metrics (those are in
/// `MetricCatalogue`), defined once in English and French.
public enum Glossary {
    public static let sourceFormat = LocalizedText(
        "what each layer's file was recognised as from its columns: acled, ucdp_ged, kobotoolbox, hxl (a hashtag row), table or geojson",
        fr: "ce que chaque fichier a été reconnu être d'après ses colonnes : acled, ucdp_ged, kobotoolbox, hxl (une ligne de hashtags), table ou geojson")
    public static let impreciseRegionReferenced = LocalizedText(
        "events of imprecise location (ACLED geo_precision 3, UCDP GED where_prec ≥ 4) counted as region references: credited to the region their admin column of the regions' level names (admin1/adm_1 for regions, admin2/adm_2 for cercles, admin3 for communes), not to the town whose coordinates they carry",
        fr: "événements de localisation imprécise (ACLED geo_precision 3, UCDP GED where_prec ≥ 4) comptés comme références à une unité : attribués à l'unité que nomme leur colonne admin du niveau des unités (admin1/adm_1 pour les régions, admin2/adm_2 pour les cercles, admin3 pour les communes), non à la localité dont ils portent les coordonnées")
    public static let swappedCoordinates = LocalizedText(
        "a point in no region whose exchanged coordinates (lat, lon) fall in one is rejected: its longitude and latitude look swapped",
        fr: "un point hors de toute unité dont les coordonnées échangées (lat, lon) tombent dans une unité est rejeté : sa longitude et sa latitude semblent inversées")
    public static let farOutside = LocalizedText(
        "a point more than \(Int(PointScreen.farOutsideKm)) km (geodesic) from the regions' extent (their longitude/latitude bounding box) is rejected; points outside every region but nearer stay in the analysis as unassigned",
        fr: "un point à plus de \(Int(PointScreen.farOutsideKm)) km (géodésiques) de l'emprise des unités (leur rectangle en longitude/latitude) est rejeté ; les points hors des unités mais plus proches restent dans l'analyse, non attribués")
    public static let footprint = LocalizedText(
        "a point initiative covers the geodesic disc of its radius_km (else the run's radius), drawn with `segments` vertices at azimuths 0, 360/N, … from north; a polygon covers itself; a region reference is a programme with no footprint, present in its region and every region below it (programmes), unless the run counts programmes as coverage (--programmes-as-coverage: it covers its region)",
        fr: "une initiative ponctuelle couvre le disque géodésique de son rayon (radius_km, sinon le rayon par défaut) ; un polygone se couvre lui-même ; une initiative rattachée à une unité est un programme sans zone d'action, présent dans cette unité et dans chaque unité en dessous (programmes), sauf si l'analyse compte les programmes comme couverture (--programmes-as-coverage : elle couvre toute l'unité)")
    public static let inRun = LocalizedText(
        "initiatives whose status is active (or empty), plus planned ones with --include-planned; closed ones never",
        fr: "initiatives actives (ou sans statut), plus les prévues avec --include-planned ; jamais les clôturées")

    /// Every term by its key in the summary's `definitions`.
    public static let terms: [(key: String, text: LocalizedText)] = [
        ("source_format", sourceFormat), ("imprecise_region_referenced", impreciseRegionReferenced),
        ("swapped_coordinates", swappedCoordinates), ("far_outside", farOutside), ("footprint", footprint), ("in_run", inRun),
    ]

    public static func definitions(_ language: ReportLanguage = .english) -> [String: String] {
        Dictionary(uniqueKeysWithValues: terms.map { ($0.key, $0.text(language)) })
    }

    /// A metric's or a term's definition, in `language`.
    public static func definition(_ key: String, language: ReportLanguage) -> String {
        if let metric = MetricCatalogue.metric(key) { return metric.definition(language) }
        return terms.first { $0.key == key }?.text(language) ?? ""
    }
}
