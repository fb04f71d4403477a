import Foundation

/// What the workspace commands print (`init`, `import`, `runs`): what each
/// import did, the recorded runs, one run's figures and its check.
public struct WorkspaceText {
    public let words: CommandText
    var language: ReportLanguage { words.language }
    var fr: Bool { words.fr }

    public init(_ language: ReportLanguage) {
        words = CommandText(language)
    }

    func layer(_ kind: LayerKind) -> String { words.layerName(kind).padding(toLength: 11, withPad: " ", startingAt: 0) }

    /// `gapmap init`: the workspace made.
    public func created(_ workspace: String) -> String {
        fr ? "Espace de travail \(workspace) créé (GeoPackage 1.3 ; couches regions, initiatives, needs, incidents, settlements)."
            : "Created the workspace \(workspace) (GeoPackage 1.3; layers regions, initiatives, needs, incidents, settlements)."
    }

    /// What each import did, one line per file, then the first issues.
    public func imports(_ imports: [WorkspaceImport], in workspace: Workspace) throws -> String {
        var lines: [String] = []
        for i in imports {
            let sha = "SHA-256 \(i.sourceSHA256.prefix(12))…"
            lines.append(fr
                ? "\(layer(i.layer)) \(i.sourceFile) : \(i.rowsRead) lues = \(i.rowsInserted) ajoutées + \(i.rowsUpdated) mises à jour + \(i.rowsUnchanged) inchangées + "
                    + "\(i.rowsRejected) rejetées + \(i.rowsDuplicate) doublons (import \(i.id ?? 0), \(sha))"
                : "\(layer(i.layer)) \(i.sourceFile): \(i.rowsRead) read = \(i.rowsInserted) inserted + \(i.rowsUpdated) updated + \(i.rowsUnchanged) unchanged + "
                    + "\(i.rowsRejected) rejected + \(i.rowsDuplicate) duplicates (import \(i.id ?? 0), \(sha))")
            let changes = try workspace.changes(importID: i.id)
            if !changes.isEmpty {
                let rows = Set(changes.map(\.featureID)).count
                lines.append(fr ? "            \(changes.count) valeurs modifiées dans \(rows) lignes, chacune notée dans la table changes avec son ancienne et sa nouvelle valeur."
                                : "            \(changes.count) values changed in \(rows) rows, each recorded in the changes table with its old and new value.")
            }
            // Rejected rows first (what the user must fix), then repairs, then duplicates.
            let rank: [RowDisposition: Int] = [.rejected: 0, .repaired: 1, .duplicate: 2, .matched: 3]
            let issues = try workspace.issues(importID: i.id!).enumerated()
                .sorted { (rank[$0.element.disposition]!, $0.offset) < (rank[$1.element.disposition]!, $1.offset) }.map(\.element)
            for issue in issues.prefix(5) {
                let reason = RejectionReasons.reason(issue.reason, language: language)
                lines.append("            \(words.line()) \(issue.line)\(issue.featureID.map { " (\($0))" } ?? "")\(words.colon)\(words.disposition(issue.disposition))\(words.colon)\(reason)")
            }
            if issues.count > 5 {
                let rest = issues.dropFirst(5)
                let counts = [RowDisposition.rejected, .repaired, .duplicate].compactMap { d -> String? in
                    let n = rest.filter { $0.disposition == d }.count
                    return n > 0 ? "\(n) \(words.disposition(d))" : nil
                }
                lines.append(fr ? "            … \(rest.count) de plus (\(counts.joined(separator: ", "))) dans la table import_issues."
                                : "            … \(rest.count) more (\(counts.joined(separator: ", "))) in the import_issues table.")
            }
        }
        return lines.joined(separator: "\n")
    }

    /// The totals shown for each run in the list.
    static let listedMetrics = [MetricCatalogue.coveredKm2, MetricCatalogue.coveragePct, MetricCatalogue.uncoveredDemand]

    /// `gapmap runs WORKSPACE`: every recorded run, one row each.
    public func runs(_ details: [WorkspaceRunDetail], workspace: String) -> String {
        guard !details.isEmpty else {
            return fr ? "Aucune analyse enregistrée dans \(workspace) pour l'instant : lancez gapmap analyze \(workspace).\n"
                : "No run recorded in \(workspace) yet: run gapmap analyze \(workspace).\n"
        }
        let rows = details.map { detail -> [String] in
            let run = detail.run
            let t = RegionTotals(detail.regions)
            let changed = detail.changedSince.map { words.layerName($0) }
            return [String(run.id!), Self.time(run.startedAt), words.weight(run.radiusKm), String(run.segments),
                    words.yesNo(run.includePlanned), String(run.regions)] + Self.listedMetrics.map { $0.text(t.value(of: $0), language: language) }
                + [changed.isEmpty ? (fr ? "inchangées" : "unchanged") : (fr ? "modifiées : " : "changed: ") + changed.joined(separator: ", "),
                   fr ? detail.request.filter.everyFilter(language) : run.filters]
        }
        let header = (fr ? ["analyse", "début (UTC)", "rayon km", "sommets", "prévues", "unités"] : ["run", "started (UTC)", "radius km", "segments", "planned", "regions"])
            + Self.listedMetrics.map { $0.shortLabel(language) } + (fr ? ["couches depuis", "filtres"] : ["layers since", "filters"])
        let lines = TextTable.render(header: header, rows: rows, footer: Array(repeating: "", count: header.count),
                                     leftAligned: [1, 6 + Self.listedMetrics.count, 7 + Self.listedMetrics.count])
        let trimmed = lines.dropLast(2).map { line in String(line.reversed().drop { $0 == " " }.reversed()) }
        return (fr ? "Analyses enregistrées dans \(workspace) :\n\n" : "Runs recorded in \(workspace):\n\n") + trimmed.joined(separator: "\n")
            + (fr ? "\n\nPour en voir une : gapmap runs \(workspace) --show ID (ajoutez --check pour en reproduire les chiffres).\n"
                  : "\n\nShow one with gapmap runs \(workspace) --show ID (add --check to reproduce its figures).\n")
    }

    /// `gapmap runs WORKSPACE --show ID`: one run's parameters, layers and figures.
    public func run(_ detail: WorkspaceRunDetail, workspace: String) -> String {
        let run = detail.run
        let p = detail.request.parameters
        let versions = "gapmap \(run.gapmapVersion), GEOS \(run.geosVersion), PROJ \(run.projVersion)"
        var lines = [fr ? "Analyse \(run.id!) de \(workspace), \(Self.time(run.startedAt)) UTC : \(versions)."
                        : "Run \(run.id!) of \(workspace), \(Self.time(run.startedAt)) UTC: \(versions).",
                     fr ? "Rayon par défaut \(words.weight(p.defaultRadiusKm)) km, disques géodésiques de \(p.segments) sommets, initiatives prévues \(words.included(p.includePlanned))."
                        : "Default radius \(words.weight(p.defaultRadiusKm)) km, \(p.segments)-vertex geodesic discs, planned \(words.included(p.includePlanned)).",
                     fr ? "Filtres : \(detail.request.filter.everyFilter(language))." : "Filters: \(run.filters).",
                     "", fr ? "Couches lues :" : "Layers read:"]
        for input in detail.inputs {
            let changed = detail.changedSince.contains(input.layer)
            let state = fr ? (changed ? "modifiée depuis" : "inchangée depuis") : (changed ? "changed since" : "unchanged since")
            lines.append("  \(layer(input.layer)) \(input.rows) \(fr ? "lignes" : "rows"), SHA-256 \(input.sha256.prefix(16))…, \(state)")
        }
        lines.append("")
        let units = UnitNames.regions
        lines += TextTable.units(detail.regions, totals: RegionTotals(detail.regions), totalName: words.allUnits(units), language: language)
        return lines.joined(separator: "\n") + "\n"
    }

    /// `--check`: the run's figures measured again.
    public func check(_ check: RunCheck) -> String {
        if check.differences.isEmpty {
            return fr ? "Vérification : analysées à nouveau avec les paramètres de l'analyse, tous les chiffres des \(check.regions) unités sont identiques.\n"
                : "Check: analysed again with the run's parameters, every figure of the \(check.regions) regions is the same.\n"
        }
        return (fr ? "Vérification : \(check.differences.count) chiffres diffèrent de l'analyse (les couches ont changé depuis, ou une autre version de gapmap, GEOS ou PROJ) :\n"
                   : "Check: \(check.differences.count) figures differ from the run (the layers changed since, or another version of gapmap, GEOS or PROJ):\n")
            + check.differences.prefix(40).map { "  " + $0 }.joined(separator: "\n") + "\n"
    }

    /// `2025-01-31T12:00:00.000Z` → `2025-01-31 12:00:00`.
    static func time(_ timestamp: String) -> String {
        String(timestamp.prefix(19)).replacingOccurrences(of: "T", with: " ")
    }
}
