import GeoFormats

/// Where a layer's file comes from, recognised by its columns without any
/// flag. It decides the id column, which columns name regions, and how an
/// event whose location is only roughly known is counted.
public enum SourceFormat: String, Sendable, Codable, CaseIterable {
    /// An ACLED export: `event_id_cnty`, `event_date`, `latitude`,
    /// `longitude`, `geo_precision`, `admin1`–`admin3`, `fatalities`.
    case acled
    /// UCDP's Georeferenced Event Dataset: `id`, `where_prec`, `best`,
    /// `date_start`, `adm_1`, `adm_2`, `latitude`, `longitude`.
    case ucdpGED = "ucdp_ged"
    /// A KoboToolbox export: `_uuid`, `_submission_time`, geopoints as
    /// `_<question>_latitude`/`_longitude`, group paths such as `group_a/weight`.
    case koboToolbox = "kobotoolbox"
    /// A table with an HXL hashtag row (`#geo+lat`, `#adm1+code`).
    case hxl
    /// Any other CSV table.
    case table
    /// Any other GeoJSON file.
    case geojson
    /// Any other layer of a GeoPackage.
    case geopackage
    /// A layer of another vector format read through GDAL (Shapefile, KML, FileGDB, FlatGeobuf).
    case gdalVector = "gdal_vector"
    /// Any other sheet of an Excel or LibreOffice workbook.
    case spreadsheet

    /// The format of a file, from its columns (CSV header, or the GeoJSON
    /// properties) and, for HXL, its hashtag row.
    public static func recognise(_ source: FeatureSource) -> SourceFormat {
        let lowered = Set(source.columns.map { $0.lowercased() })
        if lowered.contains("event_id_cnty") { return .acled }
        if lowered.contains("where_prec"), lowered.contains("best") || lowered.contains("date_start") { return .ucdpGED }
        let koboMeta: Set<String> = ["_uuid", "_submission_time", "_submission__uuid", "_index", "_validation_status", "_submitted_by"]
        if !lowered.isDisjoint(with: koboMeta)
            || lowered.contains(where: { $0.hasPrefix("_") && $0.hasSuffix("_latitude") && lowered.contains($0.dropLast(9) + "_longitude") })
        {
            return .koboToolbox
        }
        if source.hxlTags != nil { return .hxl }
        switch source.format {
        case .geojson: return .geojson
        case .geopackage: return .geopackage
        case .csv: return .table
        case .vector: return .gdalVector
        case .spreadsheet: return .spreadsheet
        }
    }

    /// For the terminal: "ACLED export", "UCDP GED", ...
    public var label: String {
        switch self {
        case .acled: "ACLED export"
        case .ucdpGED: "UCDP GED"
        case .koboToolbox: "KoboToolbox export"
        case .hxl: "HXL-tagged table"
        case .table: "CSV table"
        case .geojson: "GeoJSON"
        case .geopackage: "GeoPackage layer"
        case .gdalVector: "vector layer (GDAL)"
        case .spreadsheet: "workbook sheet"
        }
    }

    /// What the file was recognised as, in `language`.
    public func label(_ language: ReportLanguage) -> String {
        guard language == .french else { return label }
        switch self {
        case .acled: return "export ACLED"
        case .ucdpGED: return "UCDP GED"
        case .koboToolbox: return "export KoboToolbox"
        case .hxl: return "tableau à étiquettes HXL"
        case .table: return "tableau CSV"
        case .geojson: return "GeoJSON"
        case .geopackage: return "couche GeoPackage"
        case .gdalVector: return "couche vectorielle (GDAL)"
        case .spreadsheet: return "feuille de classeur"
        }
    }

    /// How the format marks events whose coordinates are only those of a
    /// larger area's main town, and which columns name that area.
    var impreciseLocationRule: ImpreciseLocationRule? {
        switch self {
        case .acled:
            // geo_precision 3: "a larger region is mentioned; the coordinates
            // are those of its main town" (ACLED codebook).
            ImpreciseLocationRule(field: "geo_precision", threshold: 3)
        case .ucdpGED:
            // where_prec 4: only the first-order administrative unit is known;
            // 5 a linear feature or a larger area; 6 the country; 7 waters.
            ImpreciseLocationRule(field: "where_prec", threshold: 4)
        default:
            nil
        }
    }
}

/// Events whose precision code is `threshold` or more are located by the
/// region their admin columns name, not by their coordinates.
struct ImpreciseLocationRule: Sendable {
    var field: String
    var threshold: Int

    /// The precision code of a row, when it has one.
    func code<Values: RowValues>(_ p: Values, lookup: FieldLookup) -> Int? {
        FieldParsing.integer(p.text(lookup.find([field])), decimalComma: false)
    }

    func isImprecise<Values: RowValues>(_ p: Values, lookup: FieldLookup) -> Bool {
        guard let code = code(p, lookup: lookup) else { return false }
        return code >= threshold
    }
}
