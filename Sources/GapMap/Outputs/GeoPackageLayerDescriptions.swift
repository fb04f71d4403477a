import Foundation
import GeoFormats

/// What each layer of the GeoPackage holds (gpkg_contents.description, which
/// QGIS shows as the layer's abstract), in the run's language, the units
/// named by their level ("communes", never "regions" for communes).
struct GeoPackageLayerDescriptions {
    let units: UnitNames
    let language: ReportLanguage

    init(units: UnitNames, language: ReportLanguage) {
        self.units = units
        self.language = language
    }

    init(_ report: CoverageReport, language: ReportLanguage) {
        self.init(units: report.unitNames, language: language)
    }

    /// A layer's description before the units and the language are known:
    /// in English, the units called regions.
    static func english(_ name: String) -> String {
        GeoPackageLayerDescriptions(units: .regions, language: .english)(name)!
    }

    /// The description of the layer `name`; nil for a layer this catalogue
    /// does not know (it keeps its own).
    func callAsFunction(_ name: String) -> String? {
        guard let template = Self.templates[name] else { return nil }
        return fill(template(language))
    }

    /// `{unit}` and `{units}` replaced by the units' names in the language,
    /// `{Units}` capitalised.
    func fill(_ text: String) -> String {
        let plural = units.plural(language)
        return text.replacingOccurrences(of: "{Units}", with: plural.prefix(1).uppercased() + plural.dropFirst())
            .replacingOccurrences(of: "{units}", with: plural)
            .replacingOccurrences(of: "{unit}", with: units.singular(language))
    }

    /// A layer's description, the same way; the French avoids articles and
    /// agreements that depend on the unit's gender (une commune, un cercle).
    static let templates: [String: LocalizedText] = [
        "regions": LocalizedText(
            "{Units} with their coverage metrics (areas geodesic, km²)",
            fr: "{Units} avec leurs indicateurs de couverture (surfaces géodésiques, km²)"),
        "gaps": LocalizedText(
            "Per {unit}, the part no footprint covers ({unit} − coverage); no geometry where the {unit} is fully covered",
            fr: "Par {unit}, la partie qu'aucune zone d'action ne couvre ({unit} − zone couverte) ; sans géométrie là où tout est couvert"),
        "coverage": LocalizedText(
            "The union of the footprints of the initiatives in the run",
            fr: "L'union des zones d'action des initiatives du calcul"),
        "needs": LocalizedText(
            "Needs with their {unit} and whether a footprint covers them, date as ISO 8601 and source columns; rows naming a unit have no geometry",
            fr: "Besoins avec leur {unit} et s'ils sont couverts par une zone d'action, date ISO 8601 et colonnes de la source ; les lignes qui nomment une unité sont sans géométrie"),
        "incidents": LocalizedText(
            "Incidents with their {unit} and whether a footprint covers them, date as ISO 8601 and source columns (actors, location, notes); rows naming a unit have no geometry",
            fr: "Incidents avec leur {unit} et s'ils sont couverts par une zone d'action, date ISO 8601 et colonnes de la source (acteurs, lieu, notes) ; les lignes qui nomment une unité sont sans géométrie"),
        "initiatives": LocalizedText(
            "Initiatives with their footprint (geodesic disc or polygon; none for a programme naming a unit) and who runs what",
            fr: "Initiatives avec leur zone d'action (disque géodésique ou polygone ; aucune pour un programme qui nomme une unité) et qui mène quoi"),
        "monthly_trends": LocalizedText(
            "Per {unit} and month (first to last dated month), needs and incidents covered and uncovered, and the change against the mean of the three months before: flag large above 25 %, surge above 100 %",
            fr: "Par {unit} et par mois (du premier au dernier mois daté), besoins et incidents couverts et non couverts, et l'évolution par rapport à la moyenne des trois mois précédents : indicateur « large » (hausse forte) au-delà de 25 %, « surge » (flambée) au-delà de 100 %"),
        "summary": LocalizedText(
            "One row per {unit} in gap-rank order (summary.csv)",
            fr: "Une ligne par {unit}, dans l'ordre du rang de besoin (summary.csv)"),
        "rejected": LocalizedText(
            "Every input row not used as it stood, with its line (fid for GeoPackage input), its feature number (GeoJSON) and reason (rejected.csv)",
            fr: "Chaque ligne d'entrée non utilisée telle quelle, avec sa ligne (fid pour une entrée GeoPackage), son numéro d'entité (GeoJSON) et sa raison (rejected.csv)"),
        "layer_styles": LocalizedText("QGIS layer styles", fr: "Styles de couche QGIS"),
    ]

    /// A shareable run's needs or incidents counted per unit and category.
    func sharedCounts(needs: Bool) -> String {
        fill(language == .french
            ? "Les \(needs ? "besoins" : "incidents") comptés par {unit} et par catégorie (aucune ligne à ses coordonnées) ; une ligne sans géométrie pour ceux qui ne sont dans aucune unité"
            : "The \(needs ? "needs" : "incidents") counted per {unit} and category (no row at its coordinates); a row without geometry for those in no {unit}")
    }

    /// A shareable run's rejected table: counts only.
    var sharedRejected: String {
        language == .french
            ? "Combien de lignes d'entrée de chaque couche ont été rejetées ou étaient des doublons (ni ligne, ni identifiant, ni raison : ils citeraient les lignes)"
            : "How many input rows of each layer were rejected or duplicate (no line, id or reason: they quote the rows)"
    }
}

extension GeoPackageLayer {
    /// The layer with its description in the run's language where the
    /// catalogue knows it, marked as example data and with its release
    /// (`marked`) in that language.
    func described(_ descriptions: GeoPackageLayerDescriptions, isExampleData: Bool, release: ReleaseMark = .restricted) -> GeoPackageLayer {
        var layer = self
        if let text = descriptions(name) { layer.description = text }
        return layer.marked(isExampleData, release: release, language: descriptions.language)
    }
}
