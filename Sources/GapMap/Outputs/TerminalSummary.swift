import Foundation

/// What `gapmap analyze` prints: the units in gap-rank order, then the row
/// accounting of every layer and how the figures were measured, in English
/// or French.
public struct TerminalSummary {
    public let report: CoverageReport
    public let language: ReportLanguage

    public init(_ report: CoverageReport, language: ReportLanguage = .english) {
        self.report = report
        self.language = language
    }

    private var fr: Bool { language == .french }
    private func n(_ v: Int) -> String { NumberText.grouped(Double(v), decimals: 0, language: language) }
    private func weight(_ v: Double) -> String { NumberText.grouped(v, decimals: Metric.isWhole(v) ? 0 : 1, language: language) }

    public func render() -> String {
        let p = report.parameters
        let inRun = report.initiativeInRun.filter { $0 }.count
        var lines: [String] = report.isExampleData ? [ExampleData.notice(language), ""] : []
        let programmes = zip(report.initiatives, report.initiativeInRun).filter { $1 && ProgrammePresence.isProgramme($0, p) }.count
        let units = report.unitNames
        if fr {
            lines.append("Couverture de \(units.count(report.metrics.count, language)) par \(n(inRun)) initiative\(inRun == 1 ? "" : "s") retenue\(inRun == 1 ? "" : "s") "
                + "(rayon par défaut \(weight(p.defaultRadiusKm)) km, disques géodésiques de \(p.segments) sommets, initiatives prévues \(p.includePlanned ? "incluses" : "exclues"))"
                + (programmes > 0 ? " ; \(n(programmes)) d'entre elles nomment une unité administrative : des programmes, comptés comme présence et non comme couverture (--programmes-as-coverage les compte comme couvrant leur unité)." : "."))
        } else {
            lines.append("Coverage of \(units.count(report.metrics.count, language)) by \(inRun) initiatives in the run "
                + "(default radius \(weight(p.defaultRadiusKm)) km, \(p.segments)-vertex geodesic discs, planned \(p.includePlanned ? "included" : "excluded"))"
                + (programmes > 0 ? "; \(programmes) of them name a region: programmes, counted as presence, not coverage (--programmes-as-coverage counts them as covering their region)." : "."))
        }
        lines.append("")
        lines += TextTable.units(report.ranked, totals: RegionTotals(report.metrics),
                                 totalName: fr ? "ensemble des \(units.plural(language))" : "all \(units.plural(language))",
                                 language: language)
        lines.append("")
        lines += accountLines()
        lines.append("")
        lines.append(measurementLine())
        if let e = report.exposure {
            let without = e.incidentsWithoutCoordinates
            lines.append(fr
                ? "Population exposée : les personnes à moins du rayon d'exposition des \(n(e.incidentsWithDisc)) incidents localisés (\(n(e.discs)) disques distincts ; "
                    + "\(e.radii.description) ; distances de l'indicateur Conflict Exposure d'ACLED sauf --exposure-radius)"
                    + (without > 0 ? " ; \(n(without)) incidents sans coordonnées n'ont pas de disque." : ".")
                : "Exposed population: people within the exposure radius of the \(e.incidentsWithDisc) incidents with coordinates (\(e.discs) distinct discs; "
                    + "\(e.radii.description); ACLED's Conflict Exposure distances unless --exposure-radius)"
                    + (without > 0 ? "; \(without) incidents without coordinates have no disc." : "."))
        }
        return lines.joined(separator: "\n")
    }

    /// Every layer's rows: read = used + rejected + duplicates (+ filtered); points = assigned + unassigned.
    func accountLines() -> [String] {
        let filtering = report.layers.values.contains { $0.filtered > 0 || $0.undated != nil }
        var lines = [fr ? "Lignes (lues = utilisées + rejetées + doublons\(filtering ? " + écartées par les filtres" : "") ; points = attribués + non attribués) :"
                        : "Rows (read = used + rejected + duplicates\(filtering ? " + filtered" : ""); points = assigned + unassigned):"]
        let layerNames: [LayerKind: String] = fr
            ? [.regions: "unités", .initiatives: "initiatives", .needs: "besoins", .incidents: "incidents", .settlements: "localités"]
            : Dictionary(uniqueKeysWithValues: LayerKind.allCases.map { ($0, $0.rawValue) })
        // The units by their level's name: "communes", never "regions" for communes.
        let units = report.unitNames.plural(language), unit = report.unitNames.singular(language)
        for kind in LayerKind.allCases {
            guard let a = report.layers[kind] else { continue }
            let name = layerNames[kind]!.padding(toLength: 11, withPad: " ", startingAt: 0)
            var line: String
            if fr {
                line = "  \(name) \(n(a.read)) lues = \(n(a.used)) utilisées + \(n(a.rejected)) rejetées + \(n(a.duplicates)) doublons"
                if filtering { line += " + \(n(a.filtered)) écartées" }
                if kind != .regions {
                    line += " ; \(n(a.points)) \(kind == .initiatives ? "localisées" : "points") = \(n(a.assigned)) attribués + \(n(a.unassigned)) non attribués"
                    if a.regionReferenced > 0 { line += " ; \(n(a.regionReferenced)) par référence à une unité" }
                    if a.coarserUnits > 0 { line += " (\(n(a.coarserUnits)) nommant une unité plus large, partagées entre ses \(units) au prorata de la surface)" }
                    if a.impreciseRegionReferenced > 0 { line += " (\(n(a.impreciseRegionReferenced)) de localisation imprécise, attribuées à leur unité administrative)" }
                }
                if let inRun = a.inRun { line += " ; \(n(inRun)) retenues" }
                if let undated = a.undated, undated > 0 { line += " ; \(n(undated)) sans date" }
                if a.repaired > 0 { line += " ; \(n(a.repaired)) polygones réparés" }
            } else {
                line = "  \(name) \(n(a.read)) read = \(n(a.used)) used + \(n(a.rejected)) rejected + \(n(a.duplicates)) duplicates"
                if filtering { line += " + \(n(a.filtered)) filtered" }
                if kind != .regions {
                    line += "; \(n(a.points)) \(kind == .initiatives ? "located" : "points") = \(n(a.assigned)) assigned + \(n(a.unassigned)) unassigned"
                    if a.regionReferenced > 0 { line += "; \(n(a.regionReferenced)) by reference to a unit" }
                    if a.coarserUnits > 0 { line += " (\(n(a.coarserUnits)) naming a unit above the \(units), shared among its \(units) by area)" }
                    if a.impreciseRegionReferenced > 0 { line += " (\(n(a.impreciseRegionReferenced)) of imprecise location, credited to their admin \(unit))" }
                }
                if let inRun = a.inRun { line += "; \(n(inRun)) in the run" }
                if let undated = a.undated, undated > 0 { line += "; \(n(undated)) undated" }
                if a.repaired > 0 { line += "; \(n(a.repaired)) polygons repaired" }
            }
            if let format = a.sourceFormat.flatMap(SourceFormat.init(rawValue:)), format != .table, format != .geojson {
                line += " [\(format.label(language))]"
            }
            lines.append(line)
            if kind == .incidents { lines += eventTypeLines(a) }
        }
        if !report.issues.isEmpty {
            lines.append(fr ? "  \(n(report.issues.count)) lignes détaillées (ligne et motif) dans rejected.csv."
                            : "  \(n(report.issues.count)) rows listed with line and reason in rejected.csv.")
        }
        return lines
    }

    /// Which incidents the run kept, per event type, and how they weigh.
    func eventTypeLines(_ a: LayerAccount) -> [String] {
        guard let types = a.eventTypes, !types.isEmpty else { return [] }
        func list(_ pairs: [(String, Int)]) -> String {
            pairs.isEmpty ? (fr ? "aucun" : "none")
                : pairs.map { "\($0.0.isEmpty ? (fr ? "(sans type)" : "(no type)") : $0.0) \(n($0.1))" }.joined(separator: ", ")
        }
        let sorted = types.sorted { $0.key < $1.key }
        let kept = sorted.filter { $0.value.kept > 0 }.map { ($0.key, $0.value.kept) }
        let left = sorted.filter { $0.value.filtered > 0 }.map { ($0.key, $0.value.filtered) }
        let colon = fr ? " : " : ": "
        var lines = ["              \(fr ? "retenus par type d'événement" : "kept by event type")\(colon)\(list(kept))"]
        if !left.isEmpty { lines.append("              \(fr ? "écartés" : "left out")\(colon)\(list(left))") }
        if let selection = a.incidentSelection(language) { lines.append("              (\(selection))") }
        return lines
    }

    func measurementLine() -> String {
        let units = report.unitNames.plural(language), unit = report.unitNames.singular(language)
        let population: String
        if let r = report.rasterPopulation {
            let file = (r.file as NSString).lastPathComponent
            population = fr
                ? "d'après le raster \(file), chaque cellule pondérée par la part de sa surface dans chaque \(unit) (\(NumberText.grouped(r.total, decimals: 0, language: language)) personnes dans le raster, \(NumberText.grouped(r.outsideRegions, decimals: 0, language: language)) hors des \(units))."
                : "from the raster \(file), cells weighted by the share of their area in each \(unit) (\(NumberText.grouped(r.total, decimals: 0)) people in the raster, \(NumberText.grouped(r.outsideRegions, decimals: 0)) outside the \(units))."
        } else {
            switch report.populationSource {
            case .settlements: population = fr ? "d'après les localités de chaque \(unit)." : "from the settlements in each \(unit)."
            case .regionAttribute: population = fr ? "d'après l'attribut population des \(units), part couverte au prorata de la surface." : "from the \(units)' population attribute, covered share by area."
            default: population = fr ? "sans source (non affichée)." : "not shown (no source)."
            }
        }
        return fr
            ? "Surfaces en km² sur l'ellipsoïde WGS84, arêtes droites en longitude/latitude (RFC 7946) ; besoins et incidents en sommes de poids ; population " + population
            : "Areas are km² on the WGS84 ellipsoid, edges straight in longitude/latitude (RFC 7946); needs and incidents are weight sums; population " + population
    }
}

extension ReportLanguage {
    /// French when the environment's locale is French (LC_ALL, then
    /// LC_MESSAGES, then LANG, as POSIX orders them), else English.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> ReportLanguage {
        for key in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let value = environment[key], !value.isEmpty { return value.lowercased().hasPrefix("fr") ? .french : .english }
        }
        return .english
    }
}
