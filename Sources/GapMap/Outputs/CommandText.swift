/// The words every command prints on the terminal around its tables, in
/// English and French: figures in the language's form, layer names, the
/// filter line and the closing "wrote" lines. With `ReportText`, `Labels`,
/// `Glossary`, `UnitNames` and `MetricCatalogue` it is the one catalogue of
/// gapmap's texts: each text in both languages side by side.
public struct CommandText: Sendable {
    public let language: ReportLanguage

    public init(_ language: ReportLanguage) {
        self.language = language
    }

    public var fr: Bool { language == .french }

    // MARK: Figures

    public func number(_ v: Double, decimals: Int) -> String { NumberText.grouped(v, decimals: decimals, language: language) }
    public func count(_ n: Int) -> String { number(Double(n), decimals: 0) }
    public func weight(_ v: Double) -> String { Metric.isWhole(v) ? number(v, decimals: 0) : number(v, decimals: 1) }
    /// The formatter of a column of weights: no decimals only when every one is whole.
    public func weightColumn(_ values: [Double]) -> (Double) -> String {
        let whole = values.allSatisfy(Metric.isWhole)
        return { number($0, decimals: whole ? 0 : 1) }
    }
    public func km2(_ v: Double) -> String { number(v, decimals: 1) }
    public func pct(_ v: Double) -> String { number(v, decimals: 1) }

    /// A signed change: +1.5, −2, 0.
    public func signed(_ v: Double, _ format: (Double) -> String) -> String {
        let text = format(abs(v))
        if text.allSatisfy({ $0 == "0" || $0 == "." || $0 == "," }) { return text }
        return (v < 0 ? "−" : "+") + text
    }

    /// A coordinate with `decimals` digits, decimal comma in French.
    public func coordinate(_ v: Double, decimals: Int) -> String {
        let text = String(format: "%.\(decimals)f", v)
        return fr ? text.replacingOccurrences(of: ".", with: ",") : text
    }

    /// "a: b" or "a : b" (French puts a space before the colon).
    public var colon: String { fr ? " : " : ": " }
    /// The separator of a list of clauses: "; " or " ; ".
    public var semicolon: String { fr ? " ; " : "; " }

    public func yesNo(_ yes: Bool) -> String { yes ? (fr ? "oui" : "yes") : (fr ? "non" : "no") }
    public func included(_ yes: Bool) -> String { yes ? (fr ? "incluses" : "included") : (fr ? "exclues" : "excluded") }

    // MARK: Names

    /// A layer's name; the regions layer by what its units are called.
    public func layerName(_ kind: LayerKind, units: UnitNames? = nil) -> String {
        if kind == .regions, let units { return units.plural(language) }
        guard fr else { return kind.rawValue }
        switch kind {
        case .regions: return "unités"
        case .initiatives: return "initiatives"
        case .needs: return "besoins"
        case .incidents: return "incidents"
        case .settlements: return "localités"
        }
    }

    /// What happened to a row: rejected, duplicate, repaired, matched.
    public func disposition(_ d: RowDisposition) -> String {
        guard fr else { return d.rawValue }
        switch d {
        case .rejected: return "rejetée"
        case .duplicate: return "doublon"
        case .repaired: return "réparée"
        case .matched: return "rapprochée"
        }
    }

    /// "line" (CSV, GeoJSON) or "fid" (GeoPackage).
    public func line(fid: Bool = false) -> String { fid ? "fid" : (fr ? "ligne" : "line") }

    /// "all regions", "ensemble des communes": the totals row of a unit table.
    public func allUnits(_ units: UnitNames) -> String { fr ? "ensemble des \(units.plural(language))" : "all \(units.plural(language))" }
    /// "all": the totals row of a table of other things.
    public var all: String { fr ? "total" : "all" }
    public var noRegion: String { fr ? "(hors des unités)" : "(no region)" }

    // MARK: Closing lines

    /// "Wrote 3 files to out/: a, b, c." after the files of a run.
    public func wroteFiles(_ names: [String], to folder: String) -> String {
        fr ? "\(count(names.count)) fichiers écrits dans \(folder)/ : \(names.joined(separator: ", "))."
            : "Wrote \(names.count) files to \(folder)/: \(names.joined(separator: ", "))."
    }

    /// "Wrote a, b to out/."
    public func wrote(_ names: [String], in folder: String) -> String {
        fr ? "Écrit dans \(folder)/ : \(names.joined(separator: ", "))." : "Wrote \(names.joined(separator: ", ")) to \(folder)/."
    }

    /// "Wrote out/map.svg and out/map.png."
    public func wrote(_ paths: [String]) -> String {
        fr ? "Écrit : \(paths.joined(separator: " et "))." : "Wrote \(paths.joined(separator: " and "))."
    }

    /// What the filter kept, and what it left out per layer.
    public func filterLines(_ filter: AnalysisFilter, layers: [LayerKind: LayerAccount]) -> [String] {
        guard !filter.isEmpty else { return [] }
        var parts: [String] = []
        for kind in [LayerKind.initiatives, .needs, .incidents] {
            guard let a = layers[kind] else { continue }
            var text = fr ? "\(count(a.filtered)) \(layerName(kind)) écarté\(kind == .initiatives ? "e" : "")s" : "\(count(a.filtered)) \(kind.rawValue) left out"
            if let undated = a.undated, undated > 0 {
                text += fr ? " (\(count(undated)) sans date \(filter.undated == .keep ? "gardées" : "parmi elles"))"
                    : " (\(undated) undated \(filter.undated == .keep ? "kept" : "among them"))"
            }
            parts.append(text)
        }
        let first = (fr ? "Filtre : " : "Filter: ") + filter.summary(language) + "."
        return [first, parts.isEmpty ? "" : "  " + parts.joined(separator: semicolon) + "."].filter { !$0.isEmpty }
    }

    /// The plan file's rows in `scenario --plan`.
    public func planAccount(_ a: LayerAccount) -> String {
        fr ? "Plan \(a.file) : \(a.read) lues = \(a.used) utilisées + \(a.rejected) rejetées + \(a.duplicates) doublons + \(a.filtered) écartées."
            : "Plan \(a.file): \(a.read) read = \(a.used) used + \(a.rejected) rejected + \(a.duplicates) duplicates + \(a.filtered) filtered."
    }

    /// After the team's table of a shareable run.
    public var tableIsForTheTeam: String {
        fr ? "Le tableau ci-dessus est pour l'équipe : les fichiers contiennent les chiffres diffusables."
            : "The table above is for the team: the files hold the shareable figures."
    }

    /// `gapmap analyze WORKSPACE`: where the run was recorded.
    public func recorded(run: Int64, in workspace: String) -> String {
        fr ? "Enregistrée comme analyse \(run) dans \(workspace) (gapmap runs \(workspace) --show \(run))."
            : "Recorded as run \(run) in \(workspace) (gapmap runs \(workspace) --show \(run))."
    }

    /// `gapmap share`: where the shareable outputs went.
    public func wroteShareable(run: Int64, names: [String], to folder: String) -> String {
        fr ? "Fichiers diffusables de l'analyse \(run) écrits dans \(folder)/ : \(names.joined(separator: ", "))."
            : "Wrote the shareable outputs of run \(run) to \(folder)/: \(names.joined(separator: ", "))."
    }
}
