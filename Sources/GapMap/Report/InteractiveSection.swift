import GeoCore

extension ReportPage {
    /// The metrics the map can be shaded by.
    static let mapMetrics = [MetricCatalogue.coveragePct, MetricCatalogue.uncoveredDemand, MetricCatalogue.gapRank,
                             MetricCatalogue.needsUncovered, MetricCatalogue.incidentsUncovered, MetricCatalogue.needs,
                             MetricCatalogue.incidents]

    /// The interactive part of the page: headline figures, controls, the
    /// map, the unit panel and the table (filled by `InteractiveScript`),
    /// and the embedded data and words.
    func interactiveSection() throws -> String {
        let l = ReportText(language, units: report.unitNames)
        let shareable = shared != nil
        let population = report.populationSource != nil
        func select(_ id: String, _ label: String) -> String {
            "<label>\(esc(label)) <select id=\"\(id)\"><option value=\"-1\">\(esc(l.everyOne))</option></select></label>\n"
        }
        let metrics = Self.mapMetrics + (population ? [MetricCatalogue.population, MetricCatalogue.coveredPopulation] : [])
        let towns = try mapTowns()
        var h = "<section class=\"interactive\">\n<div class=\"figures\" id=\"headline\"></div>\n<p class=\"note-filter\" id=\"filter-note\"></p>\n"
        h += "<h2>\(esc(l.interactiveHeading))</h2>\n<div class=\"controls\">\n"
        h += "<label>\(esc(l.metricLabel)) <select id=\"metric\">"
            + metrics.map { "<option value=\"\($0.key)\">\(esc($0.label(language)))</option>" }.joined() + "</select></label>\n"
        h += "<label>\(esc(l.searchLabel)) <input type=\"search\" id=\"search\" autocomplete=\"off\"></label>\n"
        if !shareable {
            h += "<span id=\"period-box\" class=\"controls\"><label>\(esc(l.periodLabel)) <span id=\"period-text\"></span>"
                + "<input type=\"range\" id=\"from\" step=\"1\"><input type=\"range\" id=\"to\" step=\"1\"></label>"
                + "<label>\(esc(l.yearLabel)) <select id=\"year\"><option value=\"\">\(esc(l.everyYear))</option></select></label></span>\n"
            h += select("actor", l.actorLabel) + select("kind", l.kindLabel) + select("category", l.categoryLabel) + select("type", l.incidentTypeLabel)
        }
        h += "</div>\n<div class=\"controls layers\">\(esc(l.layersLabel + (language == .french ? "\u{00A0}: " : ": ")))"
        let layers = [("units", l.unitsLayer), ("gaps", l.gapsLayer), ("footprints", l.footprintsLayer)]
            + (shareable && shared?.displaced == nil ? [] : [("needs", l.layerName(.needs)), ("incidents", l.layerName(.incidents))])
            + (towns.isEmpty ? [] : [("towns", l.townsLayer)])
        for (value, name) in layers { h += "<label><input type=\"checkbox\" value=\"\(value)\" id=\"layer-\(value)\"> \(esc(name))</label>" }
        h += "</div>\n<div id=\"imap\"></div>\n<div id=\"panel\" hidden></div>\n"
        h += "<h2>\(esc(l.tableHeading))</h2>\n<p class=\"note\" id=\"table-count\"></p>\n"
        h += "<table id=\"units-table\"><thead><tr></tr></thead><tbody></tbody></table>\n"
        h += "<p class=\"note\">\(esc(shareable ? l.sharedNote : l.budgetNote(dotLimit: mapOptions.dotLimit)))</p>\n</section>\n"
        var data = ReportData(report: report, monthly: monthly, variants: shareable ? [] : variants, windows: shareable ? nil : windows, shared: shared)
        data.dotLimit = mapOptions.dotLimit
        data.language = language
        if !shareable { data.choices = variantChoices }
        h += "<script type=\"application/json\" id=\"gapmap-data\">\(try data.json())</script>\n"
        h += "<script type=\"application/json\" id=\"gapmap-text\">\(words(columns: MetricCatalogue.rankedTableColumns(report.metrics), towns: towns))</script>\n"
        return h
    }

    /// The towns the interactive map marks and names: those of the static
    /// map (`MapTowns`, the most populous inside the units), in the page's language.
    func mapTowns() throws -> [(name: String, lon: Double, lat: Double)] {
        guard mapOptions.towns else { return [] }
        return try MapTowns.largest(in: report.regions, engine: try GeometryEngine()).map {
            (MapTowns.name($0, language), $0.coordinate.x, $0.coordinate.y)
        }
    }

    /// The words and catalogue entries the script shows, as JSON.
    func words(columns: [Metric], towns: [(name: String, lon: Double, lat: Double)] = []) -> String {
        let l = ReportText(language, units: report.unitNames)
        var j = JSONText()
        j.open("{")
        for (key, text) in l.interactiveWords { j.key(key); j.string(text) }
        j.key("flags")
        j.open("{")
        for (key, text) in l.flagWords { j.key(key); j.string(text) }
        j.close("}")
        j.key("actors")
        j.open("{")
        for actor in Actor.allCases { j.key(actor.rawValue); j.string(l.actorName(actor)) }
        j.close("}")
        // A figure the page does not have: withheld in a shareable report, else unknown (a population).
        j.key("withheld"); j.string(shared == nil ? "—" : Labels(language).withheld(mapOptions.release))
        j.key("withheldLegend"); j.string(shared == nil ? "—" : Labels(language).withheldLegend(mapOptions.release))
        j.key("defaultMetric"); j.string(mapOptions.metric.rawValue)
        j.key("tiles")
        if let tiles { j.string(tiles) } else { j.raw("null") }
        j.key("ramps")
        j.open("{")
        j.key("coverage"); j.strings(ColorRamp.yellowGreenBlue.colors(5))
        j.key("demand"); j.strings(ColorRamp.yellowOrangeRed.colors(5))
        j.close("}")
        j.key("tableColumns"); j.strings(columns.map(\.key))
        j.key("towns")
        j.open("[")
        for town in towns {
            j.comma()
            j.open("{")
            j.key("name"); j.string(town.name)
            j.key("lon"); j.number(town.lon)
            j.key("lat"); j.number(town.lat)
            j.close("}")
        }
        j.close("]")
        j.key("metrics")
        j.open("[")
        for m in MetricCatalogue.all {
            j.comma()
            j.open("{")
            j.key("key"); j.string(m.key)
            j.key("label"); j.string(m.label(language))
            j.key("short"); j.string(m.shortLabel(language))
            j.key("decimals"); j.number(Double(m.decimals))
            j.key("whole"); j.raw(m.type == .integer || m.wholeWhenIntegral ? "true" : "false")
            j.close("}")
        }
        j.close("]")
        j.close("}")
        return j.text
    }
}
