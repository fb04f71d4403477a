/// What `gapmap validate` prints for one file: how it was read, which
/// columns were used, its rows and problems, and the verdict.
public struct ValidationText {
    public let report: ValidationReport
    public let maxProblems: Int
    public let words: CommandText
    var fr: Bool { words.fr }

    public init(report: ValidationReport, maxProblems: Int, language: ReportLanguage = .english) {
        self.report = report
        self.maxProblems = maxProblems
        words = CommandText(language)
    }

    func delimiter(_ name: String) -> String {
        guard fr else { return name }
        switch name {
        case "comma": return "virgule"
        case "semicolon": return "point-virgule"
        case "tab": return "tabulation"
        default: return name
        }
    }

    /// A label padded to the width of the others: "  rows:      ".
    func label(_ en: String, _ fr: String) -> String {
        self.fr ? ("  " + fr + " :").padding(toLength: 14, withPad: " ", startingAt: 0) : ("  " + en + ":").padding(toLength: 13, withPad: " ", startingAt: 0)
    }

    public func render() -> String {
        let r = report
        let a = r.account
        let language = words.language
        var lines: [String] = []
        lines.append("\(r.file): \(words.layerName(r.layer))\(r.layerGuessed ? (fr ? " (deviné d'après ses colonnes ; --as pour choisir)" : " (guessed from its columns; --as to choose)") : ""), \(r.sourceFormat.label(language))")
        if let d = r.dialect {
            var read = fr ? "CSV, séparateur \(delimiter(d.delimiter)), \(d.encoding), en-tête ligne \(d.headerLine)"
                : "CSV, \(d.delimiter)-separated, \(d.encoding), header on line \(d.headerLine)"
            if d.decimalComma { read += fr ? ", virgules décimales" : ", decimal commas" }
            if let hxl = d.hxlLine { read += fr ? ", étiquettes HXL ligne \(hxl)" : ", HXL hashtags on line \(hxl)" }
            lines.append(label("read as", "lu comme") + read)
        } else {
            lines.append(label("read as", "lu comme") + "\(r.format == "geojson" ? "GeoJSON" : r.format), \(r.encoding ?? "UTF-8")")
        }
        var used: [String] = []
        if let id = r.columns.id { used.append("id = \(id)") } else if r.layer != .regions {
            used.append(fr ? "pas de colonne d'identifiant (lignes nommées fichier:ligne)" : "no id column (rows are named file:line)")
        }
        if let rf = r.columns.regionFields {
            if let n = rf.name { used.append((fr ? "nom = " : "name = ") + n) }
            if let p = rf.parent { used.append((fr ? "parent = " : "parent = ") + p) }
            if let level = rf.level { used.append((fr ? "niveau " : "level ") + String(level)) }
            if !rf.alternateNames.isEmpty { used.append((fr ? "autres noms = " : "alternate names = ") + rf.alternateNames.joined(separator: ", ")) }
        } else {
            used.append((fr ? "coordonnées = " : "coordinates = ") + (r.columns.coordinates ?? (fr ? "aucune" : "none")))
            if !r.columns.regionReference.isEmpty { used.append((fr ? "unité = " : "region = ") + r.columns.regionReference.joined(separator: ", ")) }
            if let p = r.columns.precision { used.append((fr ? "précision = " : "precision = ") + p) }
            for role in r.columns.fields.keys.sorted() { used.append("\(role) = \(r.columns.fields[role]!)") }
        }
        lines.append(label("columns", "colonnes") + used.joined(separator: words.semicolon))
        if let crs = r.crs {
            lines.append(label("CRS", "SCR") + crs + (r.reprojected
                ? (fr ? ", reprojeté en longitude/latitude WGS84 avec PROJ" : ", reprojected to WGS84 longitude/latitude with PROJ")
                : (fr ? " (longitude/latitude WGS84)" : " (WGS84 longitude/latitude)")))
        } else {
            let declared = switch r.format {
            case "csv": ""
            case "gpkg": fr ? " (srs_id 4326, ou 0 : géographique non défini)" : " (srs_id 4326, or 0: undefined geographic)"
            default: fr ? " (aucun déclaré, comme le veut la RFC 7946)" : " (none declared, as RFC 7946 says)"
            }
            lines.append(label("CRS", "SCR") + (fr ? "longitude/latitude WGS84" : "WGS84 longitude/latitude") + declared)
        }
        if let regions = r.regions {
            lines.append(label("regions", "unités") + regions
                         + (fr ? " (références résolues, points comparés à ces unités)" : " (references resolved, points checked against them)"))
        }
        let c = words.count
        let unit = (r.units ?? .regions).singular(language), units = (r.units ?? .regions).plural(language)
        var rows = fr ? "\(c(a.read)) lues = \(c(a.used)) utilisées + \(c(a.rejected)) rejetées + \(c(a.duplicates)) doublons"
            : "\(c(a.read)) read = \(c(a.used)) used + \(c(a.rejected)) rejected + \(c(a.duplicates)) duplicates"
        if r.layer != .regions {
            rows += fr ? " ; \(c(a.points)) point\(a.points == 1 ? "" : "s")" : "; \(c(a.points)) point\(a.points == 1 ? "" : "s")"
            if r.regions != nil { rows += fr ? " = \(c(a.assigned)) dans une unité + \(c(a.unassigned)) hors des unités" : " = \(c(a.assigned)) in a \(unit) + \(c(a.unassigned)) in none" }
            if a.polygons > 0 { rows += fr ? " ; \(c(a.polygons)) polygones" : "; \(c(a.polygons)) polygons" }
            if a.regionReferenced > 0 {
                rows += fr ? " ; \(c(a.regionReferenced)) par référence à une unité" : "; \(c(a.regionReferenced)) by reference to a unit"
                if a.impreciseRegionReferenced > 0 {
                    rows += fr ? " (\(c(a.impreciseRegionReferenced)) de localisation imprécise)" : " (\(c(a.impreciseRegionReferenced)) of imprecise location)"
                }
                if a.coarserUnits > 0 { rows += fr ? " ; \(c(a.coarserUnits)) nommant une unité plus large" : "; \(c(a.coarserUnits)) naming a unit above the \(units)" }
                if a.matched > 0 {
                    rows += fr ? " ; \(c(a.matched)) rapprochées autrement qu'à l'identique (listées comme rapprochées)"
                        : "; \(c(a.matched)) matched other than exactly (listed as matched)"
                }
            }
        }
        if a.repaired > 0 { rows += fr ? " ; \(c(a.repaired)) polygones réparés" : "; \(c(a.repaired)) polygons repaired" }
        lines.append(label("rows", "lignes") + rows)
        if !r.problems.isEmpty {
            lines.append(fr ? "  problèmes :" : "  problems:")
            for issue in r.problems.prefix(maxProblems) {
                let field = issue.field.map { ", \($0)" } ?? ""
                let feature = issue.feature.map { fr ? " (entité \($0))" : " (feature \($0))" } ?? ""
                lines.append("    \(words.line(fid: r.format == "gpkg")) \(issue.line)\(feature)\(field)\(words.colon)\(words.disposition(issue.disposition))\(words.colon)\(issue.reason(language))")
            }
            if r.problems.count > maxProblems {
                lines.append(fr ? "    … et \(words.count(r.problems.count - maxProblems)) de plus (--json les liste toutes)" : "    … and \(words.count(r.problems.count - maxProblems)) more (--json lists them all)")
            }
        }
        for note in r.noteTexts { lines.append(label("note", "note") + note(language)) }
        if r.isClean {
            lines.append(label("verdict", "verdict") + (fr ? "sans problème\(a.duplicates > 0 ? " (les doublons comptent une fois)" : "")"
                                                          : "clean\(a.duplicates > 0 ? " (duplicates are counted once)" : "")"))
        } else {
            lines.append(label("verdict", "verdict") + (fr ? "\(a.rejected) ligne\(a.rejected == 1 ? "" : "s") serai\(a.rejected == 1 ? "t" : "ent") rejetée\(a.rejected == 1 ? "" : "s")"
                                                          : "\(a.rejected) row\(a.rejected == 1 ? "" : "s") would be rejected"))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
