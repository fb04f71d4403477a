import Foundation

/// Why rows are rejected, repaired or counted once, in the catalogue's two
/// languages: each reason has a stable code (the `code` column of
/// rejected.csv, for scripts), its English wording (as the row issue
/// carries it, and as workspaces stored it) and its French wording. A
/// reason is recognised from its English wording, so that reasons recorded
/// before the codes existed (a workspace's import_issues) read in French too.
/// A reason no entry knows keeps its English text under the code `other`.
public enum RejectionReasons {
    /// One kind of reason: its code, the English wording as a pattern (the
    /// values it quotes captured), and the French wording ($1, $2... the values).
    public struct Entry: @unchecked Sendable {  // NSRegularExpression is immutable once made
        public let code: String
        let pattern: NSRegularExpression
        public let french: String
        /// The captured values that are sentences of the catalogue
        /// themselves (a reason within a reason), put in French too.
        let nested: Set<Int>

        init(_ code: String, _ english: String, fr french: String, nested: Set<Int> = []) {
            self.code = code
            pattern = try! NSRegularExpression(pattern: "^" + english + "$", options: [.dotMatchesLineSeparators])
            self.french = french
            self.nested = nested
        }

        func match(_ text: String) -> NSTextCheckingResult? {
            pattern.firstMatch(in: text, range: NSRange(text.startIndex..., in: text))
        }

        /// The French wording with the values `match` captured in `text`;
        /// `translate` puts a value in French when `all` or the entry says
        /// it is a sentence.
        func french(_ text: String, _ match: NSTextCheckingResult, all: Bool = false, translate: (String) -> String) -> String {
            var result = french
            for i in (1..<max(1, match.numberOfRanges)).reversed() {
                let range = match.range(at: i)
                let value = range.location == NSNotFound ? "" : (text as NSString).substring(with: range)
                result = result.replacingOccurrences(of: "$\(i)", with: all || nested.contains(i) ? translate(value) : value)
            }
            return result
        }
    }

    /// The code of reasons no entry knows.
    public static let otherCode = "other"

    /// The hint some number reasons end with, and its French.
    static let decimalCommaHint = LocalizedText(
        " (a decimal comma is read only in ';'-separated files; write it with a point, without thousands separators)",
        fr: " (une virgule décimale n'est lue que dans les fichiers séparés par des ';' ; écrivez-la avec un point, sans séparateur de milliers)")

    public static let entries: [Entry] = [
        Entry("duplicate_id", #"id (.+) already seen in this layer; the first row is used"#,
              fr: "l'identifiant $1 figure déjà dans cette couche ; la première ligne est utilisée"),
        Entry("duplicate_id", #"id (.+) already used by an earlier region; the first is used"#,
              fr: "l'identifiant $1 est déjà pris par une unité précédente ; la première est utilisée"),
        Entry("duplicate_id", #"id (.+) is already among the current initiatives \((.+)\); the current row is used"#,
              fr: "l'identifiant $1 figure déjà parmi les initiatives en cours ($2) ; la ligne en cours est utilisée"),
        Entry("polygon_repaired", #"invalid polygon \((.+)\) repaired with GEOS MakeValid"#,
              fr: "polygone invalide ($1) réparé avec MakeValid de GEOS"),
        Entry("polygon_invalid", #"invalid polygon \((.+)\) with no area left after repair"#,
              fr: "polygone invalide ($1) sans surface après réparation"),
        Entry("polygon_empty", #"empty polygon"#, fr: "polygone vide"),
        Entry("no_id", #"the region has no id in field '(.*)'"#, fr: "l'unité n'a pas d'identifiant dans le champ '$1'"),
        Entry("no_geometry", #"the region has no geometry"#, fr: "l'unité n'a pas de géométrie"),
        Entry("geometry_type", #"a region must be a Polygon or MultiPolygon, not a (.+)"#,
              fr: "une unité doit être un polygone (Polygon ou MultiPolygon), non un $1"),
        Entry("geometry_type", #"a (\w+) row must be a Point, a Polygon or a region reference, not a (.+)"#,
              fr: "une ligne doit être un point, un polygone ou une référence à une unité, non un $2"),
        Entry("geometry_type", #"a (\w+) row must be a Point or a region reference, not a (.+)"#,
              fr: "une ligne doit être un point ou une référence à une unité, non un $2"),
        Entry("no_location", #"no coordinates and no region reference: give lon/lat or a region id or name"#,
              fr: "ni coordonnées ni référence à une unité : donnez lon/lat, ou l'identifiant ou le nom d'une unité"),
        Entry("settlement_no_coordinates", #"a settlement needs coordinates"#, fr: "une localité doit avoir des coordonnées"),
        Entry("swapped_coordinates",
              #"longitude and latitude look swapped: \((.+)\) is in no region, but \((.+)\) is in one; exchange the two columns' values"#,
              fr: "longitude et latitude semblent inversées : ($1) n'est dans aucune unité, mais ($2) l'est ; échangez les valeurs des deux colonnes"),
        Entry("far_outside",
              #"the point \((.+)\) is (\d+) km outside the regions' extent \(more than (\d+) km\), so it cannot belong to them; check its coordinates, or give the regions that contain it"#,
              fr: "le point ($1) est à $2 km de l'emprise des unités (plus de $3 km) : il ne peut leur appartenir ; vérifiez ses coordonnées, ou donnez les unités qui le contiennent"),
        Entry("longitude_range", #"longitude (\S+) is not a number (.+) \(is the file in a projected CRS\?\)"#,
              fr: "la longitude $1 n'est pas un nombre $2 (le fichier est-il dans un SCR projeté ?)"),
        Entry("latitude_range", #"latitude (\S+) is not a number (.+); are longitude and latitude swapped\?"#,
              fr: "la latitude $1 n'est pas un nombre $2 ; longitude et latitude sont-elles inversées ?"),
        Entry("latitude_range", #"latitude (\S+) is not a number (.+) \(is the file in a projected CRS\?\)"#,
              fr: "la latitude $1 n'est pas un nombre $2 (le fichier est-il dans un SCR projeté ?)"),
        Entry("latitude_range", #"latitude (.+) is outside -90…90 \(are longitude and latitude swapped\?\)"#,
              fr: "la latitude $1 est hors de -90…90 (longitude et latitude sont-elles inversées ?)"),
        Entry("latitude_range", #"latitude (.+) is outside -90…90"#, fr: "la latitude $1 est hors de -90…90"),
        Entry("longitude_range", #"longitude (.+) is outside -180…180"#, fr: "la longitude $1 est hors de -180…180"),
        Entry("coordinate_missing", #"longitude given without latitude"#, fr: "longitude donnée sans latitude"),
        Entry("coordinate_missing", #"latitude given without longitude"#, fr: "latitude donnée sans longitude"),
        Entry("not_a_number", #"'(.*)' is not a number"#, fr: "'$1' n'est pas un nombre"),
        Entry("not_a_number", #"'(.*)' is not finite"#, fr: "'$1' n'est pas un nombre fini"),
        Entry("region_not_found", #"'(.+)' matches no region id or name; closest: (.+)"#,
              fr: "'$1' ne correspond à aucun identifiant ni nom d'unité ; les plus proches : $2"),
        Entry("region_not_found", #"'(.+)' matches no region id or name"#, fr: "'$1' ne correspond à aucun identifiant ni nom d'unité"),
        Entry("region_ambiguous", #"'(.+)' names several regions: (.+); use the id, or give the enclosing region \(admin1, admin2\) in the row"#,
              fr: "'$1' nomme plusieurs unités : $2 ; utilisez l'identifiant, ou donnez l'unité englobante (admin1, admin2) dans la ligne"),
        Entry("coarser_unit",
              #"'(.+)' names an? (.+?) above the (.+?); credited to it as a whole: a programme present in each of its (\d+) (.+)"#,
              fr: "'$1' nomme une unité plus large que les $3 ; l'initiative est attribuée à cette unité entière : un programme présent dans les $4 $5 qu'elle contient",
              nested: [3, 5]),
        Entry("coarser_unit",
              #"'(.+)' names an? (.+?) above the (.+?); credited to it as a whole, not to one of its (\d+) (.+) \(its weight is shared among them by area\)"#,
              fr: "'$1' nomme une unité plus large que les $3 ; la ligne est attribuée à cette unité entière, son poids réparti au prorata de la surface entre les $4 $5 qu'elle contient",
              nested: [3, 5]),
        Entry("name_matched", #"'(.+)' matched (.+) without the generic words \(Commune, Cercle de, Région de\.\.\.\), case and accents"#,
              fr: "'$1' rapproché de $2 sans les mots génériques (« Commune », « Cercle de »...), la casse ni les accents"),
        Entry("name_matched", #"'(.+)' matched an alternate name of (.+)"#, fr: "'$1' rapproché d'un autre nom de $2"),
        Entry("imprecise_no_admin",
              #"(\S+) (\d+): only a larger area is known \(the coordinates are its main town's\), and no admin column names that area, so the event cannot be credited to a region"#,
              fr: "$1 $2 : seule une zone plus large est connue (les coordonnées sont celles de sa ville principale), et aucune colonne admin ne nomme cette zone : l'événement ne peut être attribué à une unité"),
        Entry("status", #"status '(.*)' is not one of active, planned, closed"#,
              fr: "le statut '$1' n'est pas l'un de active, planned, closed (ou en cours, prévue, clôturée)"),
        Entry("actor", #"actor '(.*)' is not one of state, community, civil_society, international"#,
              fr: "l'acteur '$1' n'est pas l'un de state, community, civil_society, international (ou État, communauté, société civile, international)"),
        Entry("weight", #"weight '(.*)' is too large \(a number (.+)\)"#, fr: "le poids '$1' est trop grand (un nombre $2)"),
        Entry("weight", #"weight '(.*)' is not a positive number \(a number (.+)\)"#, fr: "le poids '$1' n'est pas un nombre positif (un nombre $2)"),
        Entry("radius", #"radius_km '(.*)' is too large \(a number (.+); a wider area is a programme: name its region instead\)"#,
              fr: "radius_km '$1' est trop grand (un nombre $2 ; une zone plus large est un programme : nommez plutôt son unité)"),
        Entry("radius", #"radius_km '(.*)' is not a positive number of kilometres \(a number (.+); a wider area is a programme: name its region instead\)"#,
              fr: "radius_km '$1' n'est pas un nombre positif de kilomètres (un nombre $2 ; une zone plus large est un programme : nommez plutôt son unité)"),
        Entry("severity", #"severity '(.*)' is not a whole number from 1 to 5"#, fr: "la gravité '$1' n'est pas un nombre entier de 1 à 5"),
        Entry("fatalities", #"fatalities '(.*)' is not a whole number (.+)"#, fr: "le nombre de morts '$1' n'est pas un nombre entier $2"),
        Entry("population", #"population '(.*)' is not a number (.+)"#, fr: "la population '$1' n'est pas un nombre $2"),
        Entry("date", #"(\S+) '(.*)' is not a date gapmap reads \(YYYY-MM-DD, YYYY-MM, YYYY, DD/MM/YYYY or '5 March 2024'\), so the --from/--to window cannot be applied; correct it or clear it"#,
              fr: "$1 '$2' n'est pas une date que gapmap lit (AAAA-MM-JJ, AAAA-MM, AAAA, JJ/MM/AAAA ou « 5 mars 2024 ») : la période --from/--to ne peut s'appliquer ; corrigez-la ou videz-la"),
        Entry("end_before_start", #"end_date (.*) is before start_date (.*); fix one of them so the --from/--to window can be applied"#,
              fr: "end_date $1 est avant start_date $2 ; corrigez l'une des deux pour que la période --from/--to puisse s'appliquer"),
        Entry("disc_pole", #"a disc of (\S+) km around \((.+)\) reaches the (North|South) Pole, which a polygon in longitude/latitude cannot enclose; (.+)"#,
              fr: "un disque de $1 km autour de ($2) atteint un pôle ($3 Pole), qu'un polygone en longitude/latitude ne peut entourer ; donnez un rayon radius_km plus petit, ou une zone d'action en polygone"),
        Entry("disc_antimeridian", #"a disc of (\S+) km around \((.+)\) crosses the antimeridian \(180° longitude\), where a polygon in longitude/latitude would wrap the wrong way round the Earth; (.+)"#,
              fr: "un disque de $1 km autour de ($2) traverse l'antiméridien (180° de longitude), où un polygone en longitude/latitude ferait le tour de la Terre à l'envers ; donnez un rayon radius_km plus petit, ou une zone d'action en polygone coupée à 180°"),
        Entry("imprecise_admin",
              #"(\S+) (\d+): only a larger area is known \(the coordinates are its main town's\), credited by its admin columns, but (.+)"#,
              fr: "$1 $2 : seule une zone plus large est connue (les coordonnées sont celles de sa ville principale), attribuée par ses colonnes admin, mais $3",
              nested: [3]),
        Entry("level_too_coarse",
              #"only a level-(\d+) region is named \('(.*)' in (.+)\); the regions are level (\d+) \((.+)\), so the row cannot be placed in one of them: give its level-(\d+) name or P-code, or use level-(\d+) regions"#,
              fr: "seule une unité de niveau $1 est nommée ('$2' dans $3) ; les unités sont de niveau $4 ($5) : la ligne ne peut être placée dans l'une d'elles ; donnez son nom ou son P-code de niveau $6, ou prenez des unités de niveau $7",
              nested: [5]),
        Entry("level_missing",
              #"the row names a level-(\d+) place \('(.*)' in (.+)\) but no level-(\d+) region \((.+)\); give the region's name or P-code"#,
              fr: "la ligne nomme un lieu de niveau $1 ('$2' dans $3) mais aucune unité de niveau $4 ($5) ; donnez le nom ou le P-code de l'unité",
              nested: [5]),
        Entry("level_name", #"first-level regions"#, fr: "unités de premier niveau"),
        Entry("level_name", #"second-level regions such as cercles"#, fr: "unités de deuxième niveau, comme les cercles"),
        Entry("level_name", #"third-level regions such as communes"#, fr: "unités de troisième niveau, comme les communes"),
        Entry("level_name", #"level-(\d+) regions"#, fr: "unités de niveau $1"),
        Entry("extra_fields", #"row has (\d+) fields, header has (\d+); a value probably holds an unquoted (.+) — put such values in double quotes"#,
              fr: "la ligne a $1 champs, l'en-tête en a $2 ; une valeur contient sans doute un séparateur $3 hors guillemets : mettez ces valeurs entre guillemets doubles"),
        Entry("geometry_error", #"(GEOS|PROJ|GeoCore) (\S+) failed: (.+)"#, fr: "échec de $2 ($1) : $3"),
        Entry("reprojection", #"cannot reproject from (.+?): (.+)"#, fr: "reprojection impossible depuis $1 : $2"),
        Entry("geometry_blob", #"fid (\d+): the geometry is not a GeoPackage binary blob"#, fr: "fid $1 : la géométrie n'est pas un blob binaire GeoPackage"),
        Entry("geometry_structure", #"fid (\d+): (.+)"#, fr: "fid $1 : $2", nested: [2]),
        Entry("geometry_wgs84", #"(.+); GeoJSON coordinates must be WGS84 longitude, latitude \(is the file in a projected CRS, or are longitude and latitude swapped\?\)"#,
              fr: "$1 ; les coordonnées GeoJSON doivent être en longitude, latitude WGS84 (le fichier est-il dans un SCR projeté, ou longitude et latitude sont-elles inversées ?)",
              nested: [1]),
        Entry("properties", #""properties" must be an object or null"#, fr: "« properties » doit être un objet ou null"),
        Entry("geometry_structure", #"a geometry must be an object or null, found (.+)"#, fr: "une géométrie doit être un objet ou null, non $1"),
        Entry("geometry_structure", #"the geometry's "type" must be a string such as "Polygon""#, fr: "le « type » de la géométrie doit être un texte comme « Polygon »"),
        Entry("geometry_structure", #"the geometry has no "type""#, fr: "la géométrie n'a pas de « type »"),
        Entry("geometry_structure", #"a GeometryCollection needs a "geometries" array"#, fr: "une GeometryCollection demande un tableau « geometries »"),
        Entry("geometry_structure", #"geometries\[(\d+)\] is null"#, fr: "geometries[$1] est null"),
        Entry("geometry_structure", #"geometries\[(\d+)\]: (.+)"#, fr: "geometries[$1] : $2", nested: [2]),
        Entry("geometry_structure", #"unknown geometry type "(.*)"; expected Point, MultiPoint, LineString, MultiLineString, Polygon, MultiPolygon or GeometryCollection"#,
              fr: "type de géométrie « $1 » inconnu ; attendu : Point, MultiPoint, LineString, MultiLineString, Polygon, MultiPolygon ou GeometryCollection"),
        Entry("geometry_structure", #"the (\w+) has no "coordinates""#, fr: "la géométrie $1 n'a pas de « coordinates »"),
        Entry("geometry_structure", #"a position must hold numbers only, like \[-7.98, 12.64\]"#, fr: "une position ne doit contenir que des nombres, comme [-7.98, 12.64]"),
        Entry("geometry_structure", #"a position needs at least two numbers \(longitude, latitude\), this one has (\d+)"#,
              fr: "une position demande au moins deux nombres (longitude, latitude), celle-ci en a $1"),
        Entry("geometry_structure", #"a position needs at least two numbers \(longitude, latitude\), this one is empty"#,
              fr: "une position demande au moins deux nombres (longitude, latitude), celle-ci est vide"),
        Entry("geometry_structure", #"a coordinate is not finite"#, fr: "une coordonnée n'est pas un nombre fini"),
        Entry("geometry_structure", #"expected a position \[longitude, latitude\], found an array of arrays \(one level of \[ \] too many\?\)"#,
              fr: "une position [longitude, latitude] était attendue, non un tableau de tableaux (un niveau de [ ] en trop ?)"),
        Entry("geometry_structure", #"expected a position \[longitude, latitude\], found (.+)"#, fr: "une position [longitude, latitude] était attendue, non $1", nested: [1]),
        Entry("geometry_structure", #"expected an array of positions \[\[x, y\], ...\], found a single position \(one level of \[ \] missing\?\)"#,
              fr: "un tableau de positions [[x, y], ...] était attendu, non une seule position (un niveau de [ ] manquant ?)"),
        Entry("geometry_structure", #"expected an array of positions \[\[x, y\], ...\], found nested arrays \(one level of \[ \] too many\?\)"#,
              fr: "un tableau de positions [[x, y], ...] était attendu, non des tableaux imbriqués (un niveau de [ ] en trop ?)"),
        Entry("geometry_structure", #"expected an array of positions, found (.+)"#, fr: "un tableau de positions était attendu, non $1", nested: [1]),
        Entry("geometry_structure", #"a line needs at least two positions, this one has 1"#, fr: "une ligne demande au moins deux positions, celle-ci en a 1"),
        Entry("geometry_structure", #"expected an array of (line|polygon)s, found a single position \(levels of \[ \] missing\?\)"#,
              fr: "un tableau de géométries ($1) était attendu, non une seule position (des niveaux de [ ] manquants ?)"),
        Entry("geometry_structure", #"expected an array of (line|polygon)s, found (.+)"#, fr: "un tableau de géométries ($1) était attendu, non $2", nested: [2]),
        Entry("geometry_structure", #"line (\d+): (.+)"#, fr: "ligne $1 : $2", nested: [2]),
        Entry("geometry_structure", #"polygon (\d+): (.+)"#, fr: "polygone $1 : $2", nested: [2]),
        Entry("geometry_structure", #"expected an array of rings \[\[\[x, y\], ...\]\], found a single ring \(one level of \[ \] missing\?\)"#,
              fr: "un tableau d'anneaux [[[x, y], ...]] était attendu, non un seul anneau (un niveau de [ ] manquant ?)"),
        Entry("geometry_structure", #"expected an array of rings \[\[\[x, y\], ...\]\], found a single position"#,
              fr: "un tableau d'anneaux [[[x, y], ...]] était attendu, non une seule position"),
        Entry("geometry_structure", #"expected an array of rings, found (.+)"#, fr: "un tableau d'anneaux était attendu, non $1", nested: [1]),
        Entry("geometry_structure", #"the exterior ring: (.+)"#, fr: "l'anneau extérieur : $1", nested: [1]),
        Entry("geometry_structure", #"hole (\d+): (.+)"#, fr: "le trou $1 : $2", nested: [2]),
        Entry("geometry_structure", #"the exterior ring has (\d+) positions?; a ring needs at least 4 \(a triangle plus its first position repeated at the end\)"#,
              fr: "l'anneau extérieur a $1 position(s) ; un anneau en demande au moins 4 (un triangle, plus sa première position répétée à la fin)"),
        Entry("geometry_structure", #"hole (\d+) has (\d+) positions?; a ring needs at least 4 \(a triangle plus its first position repeated at the end\)"#,
              fr: "le trou $1 a $2 position(s) ; un anneau en demande au moins 4 (un triangle, plus sa première position répétée à la fin)"),
        Entry("geometry_structure", #"the exterior ring is not closed: it starts at (.+) but ends at (.+); repeat the first position at the end"#,
              fr: "l'anneau extérieur n'est pas fermé : il commence en $1 mais finit en $2 ; répétez la première position à la fin"),
        Entry("geometry_structure", #"hole (\d+) is not closed: it starts at (.+) but ends at (.+); repeat the first position at the end"#,
              fr: "le trou $1 n'est pas fermé : il commence en $2 mais finit en $3 ; répétez la première position à la fin"),
        Entry("json_kind", #"null"#, fr: "null"),
        Entry("json_kind", #"a boolean"#, fr: "un booléen"),
        Entry("json_kind", #"a number"#, fr: "un nombre"),
        Entry("json_kind", #"a string"#, fr: "un texte"),
        Entry("json_kind", #"an array"#, fr: "un tableau"),
        Entry("json_kind", #"an object"#, fr: "un objet"),
    ]

    /// The entry that knows `reason`, with what it matched, or nil.
    static func entry(for reason: String) -> (Entry, NSTextCheckingResult, hint: Bool)? {
        var text = reason
        let hint = text.hasSuffix(decimalCommaHint.english)
        if hint { text.removeLast(decimalCommaHint.english.count) }
        for entry in entries {
            if let match = entry.match(text) { return (entry, match, hint) }
        }
        return nil
    }

    /// The stable code of a reason (`other` when no entry knows it).
    public static func code(_ reason: String) -> String {
        entry(for: reason)?.0.code ?? otherCode
    }

    /// A reason in `language`: the English as it is, the French from the
    /// catalogue (the English when no entry knows it).
    public static func reason(_ reason: String, language: ReportLanguage) -> String {
        guard language == .french, let (entry, match, hint) = entry(for: reason) else { return reason }
        var text = reason
        if hint { text.removeLast(decimalCommaHint.english.count) }
        let french = entry.french(text, match) { UnitNames.french(ofEnglish: $0) ?? RejectionReasons.reason($0, language: .french) }
        return frenchNumbers(frenchRanges(french)) + (hint ? decimalCommaHint.french : "")
    }

    /// The decimals gapmap wrote into a French reason, with a decimal comma
    /// ("la latitude 95,00000"). What the reason quotes from the input
    /// ('12.5', '-2'), identifiers (NEED-00060, ML0101) and dates keep
    /// their characters.
    static func frenchNumbers(_ text: String) -> String {
        text.replacingOccurrences(of: #"(?<![\w'.,/])(?<![\w']-)(\d+)\.(\d+)(?![\w'.])(?!,\d)"#, with: "$1,$2", options: .regularExpression)
    }

    /// A bound gapmap wrote (`InputBounds`), the French way: a decimal comma,
    /// thin spaces between thousands from five digits on ("1 000 000 000 000").
    static func frenchBound(_ bound: String) -> String {
        let parts = bound.split(separator: ".", maxSplits: 1)
        guard let value = Double(bound), parts[0].filter(\.isNumber).count >= 5 else { return bound.replacingOccurrences(of: ".", with: ",") }
        return NumberText.grouped(value, decimals: parts.count > 1 ? parts[1].count : 0, language: .french)
    }

    /// The ranges of `InputBounds` ("greater than 0 and at most 2000 km",
    /// "from 1 to 5") that reasons quote, in French.
    static func frenchRanges(_ text: String) -> String {
        let number = #"(-?\d+(?:\.\d+)?)"#
        var text = text
        for (english, french) in [("greater than \(number) and at most \(number)", ("supérieur à ", " et au plus ")), ("from \(number) to \(number)", ("de ", " à "))] {
            guard let regex = try? NSRegularExpression(pattern: english) else { continue }
            let source = text as NSString
            var result = "", last = 0
            for match in regex.matches(in: text, range: NSRange(location: 0, length: source.length)) {
                let (low, high) = (source.substring(with: match.range(at: 1)), source.substring(with: match.range(at: 2)))
                result += source.substring(with: NSRange(location: last, length: match.range.location - last))
                    + french.0 + frenchBound(low) + french.1 + frenchBound(high)
                last = match.range.location + match.range.length
            }
            text = result + source.substring(from: last)
        }
        for (english, french) in [(#"(\d) vertices"#, "$1 sommets"), (#"(\d) people"#, "$1 personnes"), (#"(\d) degrees"#, "$1 degrés"), (#"(\d) rows"#, "$1 lignes")] {
            text = text.replacingOccurrences(of: english, with: french, options: .regularExpression)
        }
        return text
    }
}

extension RowIssue {
    /// The stable code of the reason, for scripts: the `code` column of rejected.csv.
    public var code: String { RejectionReasons.code(reason) }

    /// The reason in `language`.
    public func reason(_ language: ReportLanguage) -> String { RejectionReasons.reason(reason, language: language) }
}
