import Foundation
import GeoCore

/// Extra sections a report may carry, made by other tools (comparison,
/// equity, scenario) as ready HTML fragments with their titles.
public struct ReportSection: Sendable {
    public var title: String
    public var html: String

    public init(title: String, html: String) {
        self.title = title
        self.html = html
    }
}

/// A one-page, self-contained HTML report of an analysis: an interactive
/// map and table (Leaflet and the page's script inlined, the data embedded
/// as JSON), with the static map and tables kept for print and for browsers
/// without script. No external resource, so it opens offline from file://.
public struct ReportPage {
    public let report: CoverageReport
    /// The needs and incidents drawn on the map; none when nil.
    public let points: DemandPoints?
    public let language: ReportLanguage
    public let sources: [String]
    public var mapOptions: MapOptions
    public var sections: [ReportSection] = []
    /// A shareable report's figures: withheld cells shown as such, no row listed.
    public var shared: SharedFigures?
    public var generatedAt = Date()
    /// The demand per unit, period and category or type that the page's filters add up; no interactive map when nil.
    public var monthly: MonthlyDemand?
    /// The coverage with one actor's or one kind's initiatives, for the page's filters.
    public var variants: [CoverageVariant] = []
    /// The filter combinations the variants answer (`CoverageVariant.all`).
    public var variantChoices: [VariantChoice] = []
    /// Which initiatives each window of months keeps, when some are dated.
    public var windows: WindowSets?
    /// A basemap's tile URL template; none by default.
    public var tiles: String?

    public init(report: CoverageReport, points: DemandPoints? = nil, language: ReportLanguage = .english, sources: [String] = []) {
        self.report = report
        self.points = points
        self.language = language
        self.sources = sources
        var options = MapOptions()
        options.language = language
        self.mapOptions = options
    }

    /// Units shown in the ranked table before "the other N" (a click away).
    static let rankedRows = 25

    public func html() throws -> String {
        let l = ReportText(language, units: report.unitNames)
        let totals = RegionTotals(report.metrics)
        var map = try ChoroplethMap(report: report, points: points, options: mapOptions, sources: sources).svg()
        // Inline: drop the XML declaration and let CSS size the drawing.
        if let start = map.range(of: "<svg") { map = String(map[start.lowerBound...]) }
        map = map.replacingOccurrences(of: "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(SVG.number(mapOptions.width))\" height=\"\(SVG.number(mapOptions.height))\"",
                                       with: "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"map\"")
        let p = report.parameters
        let date = ISO8601DateFormatter.string(from: generatedAt, timeZone: .gmt, formatOptions: [.withFullDate])
        let heading = Labels(language).title(ExampleData.title(l.title, isExampleData: report.isExampleData, language: language),
                                             release: mapOptions.release)
        var h = """
            <!DOCTYPE html>
            <html lang="\(language.rawValue)">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(esc(heading))</title>
            <style>
            body { font-family: "DejaVu Sans", Arial, sans-serif; color: #1a1a1a; max-width: 1180px; margin: 24px auto; padding: 0 16px; line-height: 1.4; }
            h1 { font-size: 26px; margin: 0 0 4px; } h2 { font-size: 19px; margin: 28px 0 8px; border-bottom: 2px solid #253494; padding-bottom: 3px; }
            .sub { color: #555; margin: 0 0 16px; }
            .figures { display: flex; gap: 12px; flex-wrap: wrap; }
            .figure { flex: 1 1 200px; border: 1px solid #d0d4d8; border-radius: 6px; padding: 10px 14px; background: #f7f9fb; }
            .figure b { display: block; font-size: 24px; color: #253494; }
            svg.map { width: 100%; height: auto; border: 1px solid #e0e0e0; }
            table { border-collapse: collapse; width: 100%; font-size: 13px; }
            th, td { padding: 4px 7px; border-bottom: 1px solid #e3e6e9; text-align: right; }
            th { background: #eef1f4; } td.t, th.t { text-align: left; }
            tr.total td { font-weight: bold; border-top: 2px solid #999; }
            details.more summary { cursor: pointer; margin: 8px 0; color: #08306b; }
            @media print { details.more summary { display: none; } }
            dl { font-size: 13px; } dt { font-weight: bold; margin-top: 6px; } dd { margin-left: 16px; color: #333; }
            .note { font-size: 12px; color: #555; }
            .restricted { border: 2px solid #7a4b00; background: #fff6e5; color: #7a4b00; font-weight: bold; padding: 6px 12px; margin: 6px 0 12px; }
            .shareable { border: 2px solid #1b6e20; background: #effaf0; color: #1b6e20; font-weight: bold; padding: 6px 12px; margin: 6px 0 12px; }
            .example { border: 3px solid #b30000; background: #fff0f0; color: #b30000; font-weight: bold; padding: 10px 14px; margin: 8px 0 16px; }
            @media print { body { margin: 0; max-width: none; } h2 { break-after: avoid; } svg.map { break-inside: avoid; } tr { break-inside: avoid; } }
            \(monthly == nil ? "" : InteractiveScript.stylesheet + "\n" + Leaflet.stylesheet)
            </style>
            </head>
            <body>
            <h1>\(esc(heading))</h1>
            <p class="\(mapOptions.release.status)">\(esc(mapOptions.release.sentence(language)))</p>
            \(report.isExampleData ? "<p class=\"example\">\(esc(ExampleData.notice(language)))</p>" : "")
            <p class="sub">\(esc(l.subtitle(date: date, regions: report.metrics.count, initiatives: report.initiativeInRun.filter { $0 }.count,
                                             radiusKm: p.defaultRadiusKm, segments: p.segments, includePlanned: p.includePlanned)))</p>
            \(monthly == nil ? "" : try interactiveSection())
            <div class="figures static">
            <div class="figure"><b>\(esc(num(totals.coveragePct, 1))) %</b>\(esc(l.areaCovered(num(totals.coveredKm2, 0), num(totals.areaKm2, 0))))</div>
            <div class="figure"><b>\(esc(num(totals.uncoveredDemand, 1)))</b>\(esc(l.uncoveredDemand(num(totals.needs + totals.incidents, 1))))</div>

            """
        if let population = totals.population, let covered = totals.coveredPopulation, population > 0 {
            h += "<div class=\"figure\"><b>\(esc(num(100 * covered / population, 1))) %</b>\(esc(l.populationCovered(num(covered, 0), num(population, 0))))</div>\n"
        }
        let withheldText = Labels(language).withheld(mapOptions.release)
        func withheld(_ m: RegionMetrics, _ key: String) -> Bool { shared?.withheld(regionID: m.regionID).contains(key) ?? false }
        // A shareable page orders and ranks on published figures only, so no position gives away a withheld one.
        let order = shared?.publishedOrder(report) ?? report.ranked
        if let worst = order.first {
            let demand = withheld(worst, MetricCatalogue.uncoveredDemand.key) ? withheldText : num(worst.uncoveredDemand, 1)
            h += "<div class=\"figure\"><b>\(esc(worst.name))</b>\(esc(l.mostUnderServed(demand)))</div>\n"
        }
        h += "</div>\n<div class=\"static\"><h2>\(esc(l.mapHeading))</h2>\n\(map)\n"

        // Ranked table.
        h += "<h2>\(esc(l.rankingHeading))</h2>\n<table>\n<tr>"
        let columns = MetricCatalogue.rankedTableColumns(report.metrics)
        let header = [MetricCatalogue.gapRank.shortLabel(language), l.regionID, l.regionName] + columns.map { $0.label(language) }
        for (i, c) in header.enumerated() { h += "<th\(i == 1 || i == 2 ? " class=\"t\"" : "")>\(esc(c))</th>" }
        let headerRow = "<tr>" + header.enumerated().map { i, c in "<th\(i == 1 || i == 2 ? " class=\"t\"" : "")>\(esc(c))</th>" }.joined() + "</tr>\n"
        h += "</tr>\n"
        func row(_ cells: [String], cls: String = "") -> String {
            "<tr\(cls.isEmpty ? "" : " class=\"\(cls)\"")>" + cells.enumerated().map { i, c in "<td\(i == 1 || i == 2 ? " class=\"t\"" : "")>\(esc(c))</td>" }.joined() + "</tr>\n"
        }
        func unitRow(_ m: RegionMetrics) -> String {
            let rank = shared.map { $0.publishedRank(regionID: m.regionID).map(String.init) ?? withheldText } ?? String(m.gapRank)
            return row([rank, m.regionID, m.name] + columns.map { withheld(m, $0.key) ? withheldText : $0.text($0.value(m), language: language) })
        }
        // The first `Self.rankedRows` units, the totals; the rest a click away.
        for m in order.prefix(Self.rankedRows) { h += unitRow(m) }
        h += row(["", "", l.allRegions] + columns.map { $0.text(totals.value(of: $0), language: language) }, cls: "total")
        h += "</table>\n"
        if order.count > Self.rankedRows {
            // Printed (or saved as PDF) whole: every unit.
            h += "<script>window.addEventListener('beforeprint', function () { document.querySelectorAll('details.more').forEach(function (d) { d.open = true; }); });</script>\n"
            h += "<details class=\"more\"><summary>\(esc(l.otherUnits(order.count - Self.rankedRows, of: order.count)))</summary>\n<table>\n" + headerRow
            for m in order.dropFirst(Self.rankedRows) { h += unitRow(m) }
            h += "</table>\n</details>\n"
        }
        h += "</div>\n"

        for section in sections { h += "<h2>\(esc(section.title))</h2>\n\(section.html)\n" }

        // Row accounting.
        h += "<h2>\(esc(l.accountingHeading))</h2>\n<table>\n<tr>"
        for (i, c) in l.accountingColumns.enumerated() { h += "<th\(i == 0 ? " class=\"t\"" : "")>\(esc(c))</th>" }
        h += "</tr>\n"
        for kind in LayerKind.allCases {
            guard let a = report.layers[kind] else { continue }
            h += "<tr><td class=\"t\">\(esc(l.layerName(kind)))</td>" + [a.read, a.used, a.rejected, a.duplicates, a.points, a.assigned, a.unassigned, a.regionReferenced]
                .map { "<td>\(num(Double($0), 0))</td>" }.joined() + "</tr>\n"
        }
        h += "</table>\n<p class=\"note\">\(esc(l.accountingNote(report.issues.count)))</p>\n"
        // A shareable report lists no row: lines, ids and reasons quote them.
        let shown = shared == nil ? report.issues.prefix(15) : []
        if !shown.isEmpty {
            h += "<table>\n<tr><th class=\"t\">\(esc(l.layer))</th><th>\(esc(l.line))</th><th class=\"t\">id</th><th class=\"t\">\(esc(l.field))</th><th class=\"t\">\(esc(l.reason))</th></tr>\n"
            for issue in shown {
                h += "<tr><td class=\"t\">\(esc(l.layerName(issue.layer)))</td><td>\(issue.line)</td><td class=\"t\">\(esc(issue.id ?? ""))</td><td class=\"t\"><code>\(esc(issue.field ?? ""))</code></td><td class=\"t\">\(esc(CommandText(l.language).disposition(issue.disposition) + CommandText(l.language).colon + issue.reason(l.language)))</td></tr>\n"
            }
            h += "</table>\n"
        }

        // Method, parameters and sources.
        h += "<h2>\(esc(l.methodHeading))</h2>\n<dl>\n"
        h += "<dt>\(esc(l.parametersLabel))</dt><dd>\(esc(l.parameters(radiusKm: p.defaultRadiusKm, segments: p.segments, includePlanned: p.includePlanned)))</dd>\n"
        h += "<dt>\(esc(l.sourcesLabel))</dt><dd>\(esc(sources.isEmpty ? "—" : sources.joined(separator: "; ")))</dd>\n"
        h += "<dt>\(esc(l.softwareLabel))</dt><dd>gapmap \(gapmapVersion), GEOS \(esc(GeometryEngine.geosVersion)), PROJ \(esc(Reprojector.projVersion))</dd>\n"
        let defined = [MetricCatalogue.areaKm2, MetricCatalogue.coveredKm2, MetricCatalogue.coveragePct, MetricCatalogue.needsCovered,
                       MetricCatalogue.uncoveredDemand, MetricCatalogue.population, MetricCatalogue.coveredPopulation, MetricCatalogue.gapRank]
        for key in defined.map(\.key) + ["footprint", "in_run"] {
            h += "<dt><code>\(esc(key))</code></dt><dd>\(esc(Glossary.definition(key, language: language)))</dd>\n"
        }
        h += "</dl>\n"
        if monthly != nil {
            h += "<details><summary>\(esc(l.licenceHeading))</summary><pre class=\"note\">\(esc(Leaflet.licence))</pre></details>\n"
            h += "<script>\n/*\n\(Leaflet.licence)*/\n\(Leaflet.script)\n</script>\n<script>\n\(InteractiveScript.script)\n</script>\n"
        }
        h += "</body>\n</html>\n"
        return h
    }

    func esc(_ s: String) -> String { SVG.escape(s) }

    func num(_ v: Double, _ decimals: Int) -> String {
        NumberText.grouped(v, decimals: decimals, language: language)
    }
}
