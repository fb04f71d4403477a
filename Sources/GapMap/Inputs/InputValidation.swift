import Foundation
import GeoCore
import GeoFormats

/// What `gapmap validate` learnt about one input file: how it was read, which
/// columns it uses, and every row that an analysis would reject, without
/// running the analysis.
public struct ValidationReport: Sendable, Encodable {
    /// How a CSV file is written.
    public struct Dialect: Sendable, Encodable, Equatable {
        /// `comma`, `semicolon`, `tab`, or the character itself.
        public var delimiter: String
        public var encoding: String
        public var headerLine: Int
        /// Some coordinate is written with a decimal comma (`12,65`).
        public var decimalComma: Bool
        /// The line of the HXL hashtag row, when there is one.
        public var hxlLine: Int?

        enum CodingKeys: String, CodingKey {
            case delimiter, encoding, headerLine = "header_line", decimalComma = "decimal_comma", hxlLine = "hxl_line"
        }
    }

    /// The columns each role was read from (nil: not found).
    public struct Columns: Sendable, Encodable, Equatable {
        public var id: String?
        /// `lon/lat` columns of a CSV file, or `geometry` for GeoJSON.
        public var coordinates: String?
        /// Columns naming a region instead of coordinates.
        public var regionReference: [String]
        /// ACLED `geo_precision` or UCDP `where_prec`.
        public var precision: String?
        /// Other fields by role (`weight`, `date`, `severity`, ...).
        public var fields: [String: String]
        /// Region layers: the fields detected (id, name, parent, level).
        public var regionFields: RegionFields?

        enum CodingKeys: String, CodingKey {
            case id, coordinates, regionReference = "region_reference", precision, fields, regionFields = "region_fields"
        }
    }

    public var file: String
    public var layer: LayerKind
    /// True when the layer kind was guessed from the columns (no `--as`).
    public var layerGuessed: Bool
    /// `csv` or `geojson`.
    public var format: String
    public var sourceFormat: SourceFormat
    public var dialect: Dialect?
    public var encoding: String?
    /// The CRS the file declares; nil when none (RFC 7946: WGS84).
    public var crs: String?
    /// The coordinates were reprojected to WGS84 with PROJ.
    public var reprojected: Bool
    public var columns: Columns
    /// The regions file used for references and extent checks, if any.
    public var regions: String?
    public var account: LayerAccount
    /// Every row not used as it stood (rejected, duplicate, repaired).
    public var problems: [RowIssue]
    /// What the user should know about the file beyond its problems, in English and French.
    public var noteTexts: [LocalizedText]
    /// What the units of `regions` are called (communes, cercles, régions).
    public var units: UnitNames? = nil
    /// The notes in English, as the JSON document says them.
    public var notes: [String] { noteTexts.map(\.english) }

    /// No row would be rejected (duplicates and repairs are allowed).
    public var isClean: Bool { account.rejected == 0 }

    enum CodingKeys: String, CodingKey {
        case file, layer, layerGuessed = "layer_guessed", format, sourceFormat = "source_format", dialect, encoding, crs
        case reprojected, columns, regions, account, problems, notes, clean
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(file, forKey: .file)
        try c.encode(layer, forKey: .layer)
        try c.encode(layerGuessed, forKey: .layerGuessed)
        try c.encode(format, forKey: .format)
        try c.encode(sourceFormat, forKey: .sourceFormat)
        try c.encode(dialect, forKey: .dialect)
        try c.encode(encoding, forKey: .encoding)
        try c.encode(crs, forKey: .crs)
        try c.encode(reprojected, forKey: .reprojected)
        try c.encode(columns, forKey: .columns)
        try c.encode(regions, forKey: .regions)
        try c.encode(account, forKey: .account)
        try c.encode(problems, forKey: .problems)
        try c.encode(notes, forKey: .notes)
        try c.encode(isClean, forKey: .clean)
    }
}

/// Checks input files the way an analysis reads them.
public enum InputValidation {
    /// The regions a layer is checked against: references and extent.
    public struct RegionContext: Sendable {
        public var path: String
        public var regions: [Region]
        public var catalog: RegionCatalog

        /// Reads and builds the regions file (as `analyze` does).
        public init(path: String, idField: String? = nil, nameField: String? = nil) throws {
            let builder = LayerBuilder(engine: try GeometryEngine())
            let (layer, _) = try builder.regions(from: try FeatureFileReader.read(path), idField: idField, nameField: nameField)
            guard !layer.items.isEmpty else { throw RegionLayerProblem.noUsableRegion(layer) }
            self.path = path
            regions = layer.items
            catalog = RegionCatalog(regions: layer.items)
        }
    }

    /// Reads `path` as layer `kind` (guessed from its columns when nil) and
    /// reports what an analysis would make of it.
    public static func validate(
        _ path: String, as kind: LayerKind? = nil, regions: RegionContext? = nil,
        regionIDField: String? = nil, regionNameField: String? = nil
    ) throws -> ValidationReport {
        let collection = try FeatureFileReader.read(path)
        let source = collection.source
        let layer = kind ?? guessKind(collection)
        let format = SourceFormat.recognise(source)
        let lookup = FieldLookup(source: source)
        var notes: [LocalizedText] = []
        let builder = LayerBuilder(engine: try GeometryEngine())

        var columns = ValidationReport.Columns(
            id: nil, coordinates: source.format == .csv ? source.coordinateColumns.map { "\($0.x)/\($0.y)" } : "geometry",
            regionReference: [], precision: nil, fields: [:], regionFields: nil)
        var account: LayerAccount
        var problems: [RowIssue]
        if layer == .regions {
            let (loaded, fields) = try builder.regions(from: collection, idField: regionIDField, nameField: regionNameField)
            account = loaded.account
            problems = loaded.issues
            columns.id = fields.id
            columns.regionFields = fields
            if fields.level == nil {
                notes.append(LocalizedText("the regions' administrative level is not known from the id field '\(fields.id)'; names in admin columns are matched finest level first",
                                          fr: "le niveau administratif des unités n'est pas connu d'après le champ d'identifiant '\(fields.id)' ; les noms des colonnes admin sont rapprochés du niveau le plus fin d'abord"))
            }
        } else {
            let placed = RegionReferenceColumns(lookup: lookup, format: format)
            columns.id = lookup.find(LayerFieldNames.id(layer))
            columns.regionReference = placed.described
            columns.precision = format.impreciseLocationRule.flatMap { lookup.find([$0.field]) }
            for (role, names) in LayerFieldNames.roles(layer) {
                if let found = lookup.find(names) { columns.fields[role] = found }
            }
            let regionItems = regions?.regions ?? []
            let catalog = regions?.catalog ?? .unchecked
            let placements: [Placement]
            switch layer {
            case .initiatives:
                let l = builder.initiatives(from: collection, regions: regionItems, catalog: catalog)
                (account, problems, placements) = (l.account, l.issues, l.items.map(\.placement))
            case .needs:
                let l = builder.needs(from: collection, regions: regionItems, catalog: catalog)
                (account, problems, placements) = (l.account, l.issues, l.items.map(\.placement))
            case .incidents:
                let l = builder.incidents(from: collection, regions: regionItems, catalog: catalog)
                (account, problems, placements) = (l.account, l.issues, l.items.map(\.placement))
            case .settlements:
                let l = builder.settlements(from: collection, regions: regionItems, catalog: catalog)
                (account, problems, placements) = (l.account, l.issues, l.items.map { .point($0.coordinate) })
            case .regions:
                fatalError("handled above")
            }
            if let regions {
                let points = placements.compactMap { if case .point(let c) = $0 { c } else { nil } }
                let found = try PolygonLocator(polygons: regions.regions.map(\.geometry)).firstCovering(points)
                account.assigned = found.filter { $0 != nil }.count
                account.unassigned = points.count - account.assigned
            } else {
                if account.regionReferenced > 0 || !placed.isEmpty {
                    notes.append(LocalizedText("region references were not checked against regions: give --regions to check them",
                                              fr: "les références aux unités n'ont pas été vérifiées : donnez --regions pour les vérifier"))
                }
                notes.append(LocalizedText("points were not checked against the regions' extent (swapped or far-away coordinates): give --regions",
                                          fr: "les points n'ont pas été comparés à l'emprise des unités (coordonnées inversées ou lointaines) : donnez --regions"))
            }
            // A column of the user's own table that gapmap does not read is named, with
            // the roles it could hold (ACLED and UCDP carry many columns by design).
            if format != .acled && format != .ucdpGED {
                let unread = Self.unreadColumns(source.columns, used: [columns.id, columns.precision].compactMap { $0 }
                    + columns.regionReference + Array(columns.fields.values) + (source.coordinateColumns.map { [$0.x, $0.y] } ?? []))
                if !unread.isEmpty {
                    notes.append(Self.unreadNote(unread, layer: layer))
                }
            }
            if columns.coordinates == nil && placed.isEmpty {
                notes.append(LocalizedText("no coordinate columns (lon/lat, longitude/latitude, x/y, #geo+lon/#geo+lat) and no region column were found",
                                          fr: "aucune colonne de coordonnées (lon/lat, longitude/latitude, x/y, #geo+lon/#geo+lat) ni de colonne d'unité n'a été trouvée"))
            }
        }
        if let rule = format.impreciseLocationRule, layer != .regions, account.impreciseRegionReferenced > 0 {
            notes.append(LocalizedText("\(account.impreciseRegionReferenced) events with \(rule.field) ≥ \(rule.threshold) are credited to the region their admin columns name, not to their coordinates",
                                      fr: "\(account.impreciseRegionReferenced) événements avec \(rule.field) ≥ \(rule.threshold) sont attribués à l'unité que nomment leurs colonnes admin, non à leurs coordonnées"))
        }
        let crs = source.crs
        let reprojected = crs.map { !FeatureFileReader.wgs84Names.contains($0.lowercased()) } ?? false
        let dialect = source.format == .csv ? source.delimiter.map {
            ValidationReport.Dialect(
                delimiter: Self.delimiterName($0), encoding: source.encoding ?? "UTF-8", headerLine: source.headerLine ?? 1,
                decimalComma: source.decimalComma, hxlLine: source.hxlLine)
        } : nil
        return ValidationReport(
            file: path, layer: layer, layerGuessed: kind == nil, format: source.format.rawValue, sourceFormat: format,
            dialect: dialect, encoding: source.encoding, crs: crs, reprojected: reprojected, columns: columns,
            regions: regions?.path, account: account, problems: problems, noteTexts: notes,
            units: regions.map { UnitNames.of(level: $0.regions.first?.level, pcode: $0.regions.first?.id) })
    }

    /// The columns not read, in file order (`source`, `note`... among them).
    static func unreadColumns(_ all: [String], used: [String]) -> [String] {
        let usedKeys = Set(used.map(FieldLookup.key))
        let ignored: Set<String> = ["source", "note", "notes", "remarque", "remarques", "commentaire", "comment", "comments", "fid"]
        return all.filter { !$0.isEmpty && !usedKeys.contains(FieldLookup.key($0)) && !ignored.contains(FieldLookup.key($0)) }
    }

    /// "column 'gravite_besoin' is not read; for needs gapmap reads: ...".
    static func unreadNote(_ unread: [String], layer: LayerKind) -> LocalizedText {
        let roles = [("id", LayerFieldNames.id(layer))] + LayerFieldNames.roles(layer)
        let expected = roles.map { "\($0.0) (\($0.1.prefix(4).joined(separator: ", ")))" }
            + ["lon/lat (longitude/latitude, x/y)", "region (région, region_id, admin1…admin3, cercle, commune)"]
        let names = unread.map { "'\($0)'" }.joined(separator: ", ")
        return LocalizedText(
            "column\(unread.count == 1 ? "" : "s") \(names) \(unread.count == 1 ? "is" : "are") not read; for \(layer.rawValue) gapmap expects: "
                + expected.joined(separator: "; ") + " (case, accents and the separator between words do not matter; rename the column to use it)",
            fr: "colonne\(unread.count == 1 ? "" : "s") \(names) non lue\(unread.count == 1 ? "" : "s") ; pour la couche \(CommandText(.french).layerName(layer)) gapmap attend : "
                + expected.joined(separator: " ; ") + " (la casse, les accents et le séparateur entre les mots ne comptent pas ; renommez la colonne pour l'utiliser)")
    }

    static func delimiterName(_ c: Character) -> String {
        switch c {
        case ",": "comma"
        case ";": "semicolon"
        case "\t": "tab"
        default: String(c)
        }
    }

    /// The kind of layer a file most likely holds, from its geometry and columns.
    public static func guessKind(_ collection: FeatureCollection) -> LayerKind {
        let source = collection.source
        let columns = Set(source.columns.map { $0.lowercased() })
        let lookup = FieldLookup(source: source)
        func any(_ names: [String]) -> Bool { lookup.find(names) != nil }
        switch SourceFormat.recognise(source) {
        case .acled, .ucdpGED: return .incidents
        default: break
        }
        let polygons = collection.features.filter { $0.geometry?.isPolygonal == true }.count
        let initiativeFields = any(LayerFieldNames.actor) || any(LayerFieldNames.status) || any(LayerFieldNames.radius)
        if polygons > 0, polygons * 2 >= collection.features.count {
            return initiativeFields ? .initiatives : .regions
        }
        if initiativeFields { return .initiatives }
        if any(LayerFieldNames.severity) || any(LayerFieldNames.category) || any(LayerFieldNames.segment) { return .needs }
        if any(["event_type", "fatalities", "event_date", "type_of_violence"]) { return .incidents }
        if columns.contains("population") || columns.contains("geonameid") { return .settlements }
        return .needs
    }
}
