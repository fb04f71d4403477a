import Foundation
import GeoCore
import GeoFormats

extension ReportOutput {
    /// The file `writeGeoPackage` writes in the output folder.
    public static let geoPackageFile = "gapmap.gpkg"

    /// The layers of the GeoPackage output, with their columns: the same
    /// properties as the GeoJSON files, typed.
    enum GeoPackageLayers {
        /// A region's identity and its metrics, as the catalogue types them.
        static let regionFields = MetricCatalogue.identityKeys.map { GeoPackageField($0, .text) }
            + MetricCatalogue.all.map { GeoPackageField($0.key, $0.geoPackageType) }
        static let regions = GeoPackageLayer(
            name: "regions", geometryType: .multiPolygon,
            fields: regionFields,
            description: GeoPackageLayerDescriptions.english("regions"))
        static let gaps = GeoPackageLayer(
            name: "gaps", geometryType: .multiPolygon,
            fields: [GeoPackageField(MetricCatalogue.regionIDKey, .text), GeoPackageField(MetricCatalogue.nameKey, .text),
                     GeoPackageField("gap_km2", .real)] + gapMetrics.map { GeoPackageField($0.key, $0.geoPackageType) },
            description: GeoPackageLayerDescriptions.english("gaps"))
        static let coverage = GeoPackageLayer(
            name: "coverage", geometryType: .multiPolygon,
            fields: [GeoPackageField("initiatives_in_run", .integer), GeoPackageField("area_km2", .real), GeoPackageField("radius_km", .real),
                     GeoPackageField("segments", .integer), GeoPackageField("include_planned", .boolean)],
            description: GeoPackageLayerDescriptions.english("coverage"))
        static let needs = GeoPackageLayer(
            name: "needs", geometryType: .point, fields: MetricCatalogue.needFields.map(\.geoPackageField),
            description: GeoPackageLayerDescriptions.english("needs"))
        static let incidents = GeoPackageLayer(
            name: "incidents", geometryType: .point, fields: MetricCatalogue.incidentFields.map(\.geoPackageField),
            description: GeoPackageLayerDescriptions.english("incidents"))
        static let initiatives = GeoPackageLayer(
            name: "initiatives", geometryType: .multiPolygon, fields: MetricCatalogue.initiativeFields.map(\.geoPackageField),
            description: GeoPackageLayerDescriptions.english("initiatives"))
        static let monthlyTrends = GeoPackageLayer(
            name: "monthly_trends", geometryType: nil, fields: MetricCatalogue.trendFields.map(\.geoPackageField),
            description: GeoPackageLayerDescriptions.english("monthly_trends"))
        static let summary = GeoPackageLayer(
            name: "summary", geometryType: nil,
            fields: regionFields,
            description: GeoPackageLayerDescriptions.english("summary"))
        static let rejected = GeoPackageLayer(
            name: "rejected", geometryType: nil,
            fields: [GeoPackageField("layer", .text), GeoPackageField("file", .text), GeoPackageField("line", .integer),
                     GeoPackageField("id", .text), GeoPackageField("field", .text), GeoPackageField("disposition", .text),
                     GeoPackageField("code", .text), GeoPackageField("reason", .text), GeoPackageField("feature", .integer)],
            description: GeoPackageLayerDescriptions.english("rejected"))
    }

    /// A need's row in the GeoPackage: its point (none for a region
    /// reference) and the values of `MetricCatalogue.needFields`, in order.
    static func needRow(_ need: Need, _ o: DemandOutcome, regions: [Region]) -> GeoPackageRow {
        let date = dateValues(need.date)
        let values = outcomeValues(id: need.id, placement: need.placement, weight: need.weight, o, regions: regions)
            + [.string(need.category), .string(need.segment), need.severity.map { .integer($0) } ?? .null, text(date.iso), text(date.text)]
            + sourceValues(need.source, count: MetricCatalogue.needSourceFields.count).map(text)
        return GeoPackageRow(geometry: pointGeometry(need.placement), values: values)
    }

    /// An incident's row in the GeoPackage, the same way (`MetricCatalogue.incidentFields`).
    static func incidentRow(_ incident: Incident, _ o: DemandOutcome, regions: [Region]) -> GeoPackageRow {
        let date = dateValues(incident.date)
        let values = outcomeValues(id: incident.id, placement: incident.placement, weight: incident.weight, o, regions: regions)
            + [text(date.iso), text(date.text), .string(incident.type), incident.fatalities.map { .integer($0) } ?? .null]
            + sourceValues(incident.source, count: MetricCatalogue.incidentSourceFields.count).map(text)
        return GeoPackageRow(geometry: pointGeometry(incident.placement), values: values)
    }

    /// The monthly_trends table: one row per region and month of the series.
    static func writeMonthlyTrends(_ trends: MonthlyTrends, report: CoverageReport, to writer: GeoPackageWriter,
                                   language: ReportLanguage = .english) throws {
        func number(_ v: Double?) -> JSONValue { v.map { .number($0) } ?? .null }
        let layer = GeoPackageLayers.monthlyTrends.described(GeoPackageLayerDescriptions(report, language: language), isExampleData: report.isExampleData)
        try writer.addAttributeTable(layer, rows: trends.rows.map { row in
            let values: [JSONValue] = [
                .string(report.regions[row.region].id), .string(DemandPeriod.text(row.month)),
                .number(row.needs), .number(row.needsCovered), .number(row.needsUncovered),
                .number(row.incidents), .number(row.incidentsCovered), .number(row.incidentsUncovered),
                number(row.needsChangePct), text(row.needsFlag?.rawValue), number(row.incidentsChangePct), text(row.incidentsFlag?.rawValue),
            ]
            return Properties(Array(zip(MetricCatalogue.trendFields.map(\.key), values)))
        })
    }

    static func text(_ value: String?) -> JSONValue { value.map { .string($0) } ?? .null }

    /// The values of `MetricCatalogue.demandOutcomeFields`.
    static func outcomeValues(id: String, placement: Placement, weight: Double, _ o: DemandOutcome, regions: [Region]) -> [JSONValue] {
        [.string(id), text(regionID(placement, o, regions: regions)), .string(locatedBy(placement)), .bool(o.covered), .number(weight),
         .number(o.coveredWeight)]
    }

    /// The regions with their metrics, the gaps and the coverage, the
    /// summary and rejected tables and the styles, once the report is
    /// known; in a shareable run with the rules of the shared GeoJSON
    /// (`SharedFigures`) and every layer's description saying so.
    static func writeAreaLayersAndTables(_ report: CoverageReport, to writer: GeoPackageWriter, shared: SharedFigures? = nil,
                                         language: ReportLanguage = .english) throws {
        let release = shared?.release ?? .restricted
        let say = GeoPackageLayerDescriptions(report, language: language)
        let sharedFields = shared == nil ? [] : [GeoPackageField(SharedFigures.suppressedFlag, .boolean), GeoPackageField(SharedFigures.suppressedKey, .text)]
        var regionsLayer = GeoPackageLayers.regions.described(say, isExampleData: report.isExampleData, release: release)
        regionsLayer.fields = regionIdentityKeys(report).map { GeoPackageField($0, .text) }
            + MetricCatalogue.all.map { GeoPackageField($0.key, $0.geoPackageType) } + sharedFields
            + (shared?.sensitive == nil ? [] : [GeoPackageField(SensitivePresence.presenceKey, .text)])
        let identity = RegionIdentity(report)
        try writer.addFeatureLayer(regionsLayer, features: report.regions.indices.map { r in
            let p = regionProperties(report, r, identity: identity)
            return Feature(geometry: report.regions[r].geometry, properties: shared?.withholding(p, region: r, presence: true) ?? p)
        })
        // A fully covered region's gap has no geometry (NULL) rather than
        // an empty one, which older readers mishandle.
        var gapsLayer = GeoPackageLayers.gaps.described(say, isExampleData: report.isExampleData, release: release)
        gapsLayer.fields += sharedFields + (shared?.sensitive == nil ? [] : [GeoPackageField(SensitivePresence.geometryWithheldKey, .boolean)])
        try writer.addFeatureLayer(gapsLayer, features: report.gaps.enumerated().map { r, gap in
            let p = gapProperties(report.metrics[r], gap: gap)
            guard let shared else { return Feature(geometry: gap.isEmpty ? nil : gap, properties: p) }
            let (geometry, masked) = shared.sharedGap(gap, region: r)
            var q = shared.withholding(p, region: r)
            if shared.sensitive != nil { q[SensitivePresence.geometryWithheldKey] = .bool(masked) }
            return Feature(geometry: geometry.flatMap { $0.isEmpty ? nil : $0 }, properties: q)
        })
        var initiativesLayer = GeoPackageLayers.initiatives.described(say, isExampleData: report.isExampleData, release: release)
        let features = initiativeFeatures(report)
        if let shared {
            let dropped = Set(shared.rules.droppedFromInitiatives)
            initiativesLayer.fields.removeAll { dropped.contains($0.name) }
        }
        try writer.addFeatureLayer(initiativesLayer, features: (shared?.sharedInitiatives(report, features) ?? features).map { f in
            var f = f
            f.geometry = f.geometry?.polygonalPart
            return f
        })
        let coverage = shared?.sensitive?.coverage ?? report.coverage
        try writer.addFeatureLayer(GeoPackageLayers.coverage.described(say, isExampleData: report.isExampleData, release: release), features: [
            Feature(geometry: coverage.isEmpty ? nil : coverage.polygonalPart, properties: Properties([
                ("initiatives_in_run", .integer(report.initiativeInRun.filter { $0 }.count)),
                ("area_km2", .number(report.coverageKm2)),
                ("radius_km", .number(report.parameters.defaultRadiusKm)), ("segments", .integer(report.parameters.segments)),
                ("include_planned", .bool(report.parameters.includePlanned)),
            ])),
        ])
        var summaryLayer = GeoPackageLayers.summary.described(say, isExampleData: report.isExampleData, release: release)
        summaryLayer.fields += sharedFields
        try writer.addAttributeTable(summaryLayer, rows: (shared?.publishedOrder(report) ?? report.ranked).map { m in
            var p = properties(of: m)
            p["parent_id"] = m.parentID.map { .string($0) } ?? .null
            guard let shared, let r = shared.regionIndex[m.regionID] else { return p }
            return shared.withholding(p, region: r)
        })
        if let shared {
            try writeSharedCounts(report, shared, to: writer, language: language)
        } else {
            try writer.addAttributeTable(GeoPackageLayers.rejected.described(say, isExampleData: report.isExampleData), rows: report.issues.map { issue in
            Properties([
                ("layer", .string(issue.layer.rawValue)), ("file", .string(issue.file)), ("line", .integer(issue.line)),
                ("id", issue.id.map { .string($0) } ?? .null), ("field", issue.field.map { .string($0) } ?? .null),
                ("disposition", .string(issue.disposition.rawValue)), ("code", .string(issue.code)), ("reason", .string(issue.reason(language))),
                ("feature", issue.feature.map { .integer($0) } ?? .null),
            ])
            })
        }

        // The map's default metric and classes (`MapOptions`), so QGIS opens the layer as `gapmap map` draws it.
        let map = ChoroplethMap(report: report)
        let words = Labels(language), fr = language == .french
        try writer.addStyle(QGISStyles.regions(table: "regions", metric: map.options.metric, breaks: map.breaks, units: report.unitNames, language: language))
        try writer.addStyle(QGISStyles.gaps(table: "gaps", units: report.unitNames, language: language))
        try writer.addStyle(QGISStyles.outlines(table: "coverage", name: "coverage", legend: fr ? "zone couverte" : "area covered",
                                                description: fr ? "L'union des zones d'action du calcul, en contour" : "The union of the footprints in the run, outlined"))
        try writer.addStyle(QGISStyles.outlines(table: "initiatives", name: "footprints", legend: words.footprint,
                                                description: fr ? "La zone d'action de chaque initiative, en contour" : "Each initiative's footprint, outlined"))
        if shared == nil {
            try writer.addStyle(QGISStyles.demand(table: "needs", layer: .needs, language: language))
            try writer.addStyle(QGISStyles.demand(table: "incidents", layer: .incidents, language: language))
        }
        try writer.describe(table: "layer_styles", as: say("layer_styles")!)
    }

    /// A shareable run's needs and incidents layers (counts per unit and
    /// category, `SharedFigures.countFeatures`) and its rejected table
    /// (counts per layer and disposition).
    static func writeSharedCounts(_ report: CoverageReport, _ shared: SharedFigures, to writer: GeoPackageWriter,
                                  language: ReportLanguage = .english) throws {
        let release = shared.release
        let say = GeoPackageLayerDescriptions(report, language: language)
        for (name, table, total, cells, rowTotals) in [
            ("needs", shared.needs, MetricCatalogue.needs.key, shared.needCells, shared.needRowTotals),
            ("incidents", shared.incidents, MetricCatalogue.incidents.key, shared.incidentCells, shared.incidentRowTotals),
        ] {
            let layer = GeoPackageLayer(
                name: name, geometryType: .multiPolygon,
                fields: [GeoPackageField(MetricCatalogue.regionIDKey, .text), GeoPackageField(MetricCatalogue.nameKey, .text), GeoPackageField(total, .integer)]
                    + table.categories.map { GeoPackageField(SharedFigures.categoryKey($0), .integer) }
                    + [GeoPackageField(SharedFigures.suppressedFlag, .boolean), GeoPackageField(SharedFigures.suppressedKey, .text)],
                description: say.sharedCounts(needs: name == "needs"))
                .marked(report.isExampleData, release: release, language: language)
            try writer.addFeatureLayer(layer, features: SharedFigures.countFeatures(table, total: total, cells: cells, rowTotals: rowTotals, report: report))
        }
        if let hexagons = shared.hexagons {
            for isNeeds in [true, false] {
                try writer.addFeatureLayer(hexagons.geoPackageLayer(needs: isNeeds, report: report, release: release, language: language), features: hexagons.features(needs: isNeeds))
            }
        }
        if let displaced = shared.displaced {
            for isNeeds in [true, false] {
                try writer.addFeatureLayer(displaced.geoPackageLayer(needs: isNeeds, report: report, release: release, language: language),
                                           features: displaced.features(needs: isNeeds, report: report))
            }
        }
        var counts: [String: Int] = [:]
        for issue in report.issues { counts["\(issue.layer.rawValue)\t\(issue.disposition.rawValue)", default: 0] += 1 }
        let rejected = GeoPackageLayer(
            name: "rejected", geometryType: nil,
            fields: [GeoPackageField("layer", .text), GeoPackageField("disposition", .text), GeoPackageField("rows", .integer)],
            description: say.sharedRejected)
            .marked(report.isExampleData, release: release, language: language)
        try writer.addAttributeTable(rejected, rows: counts.keys.sorted().map { key in
            let parts = key.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            return Properties([("layer", .string(parts[0])), ("disposition", .string(parts[1])), ("rows", .integer(counts[key]!))])
        })
    }
}

/// `analyze --format gpkg`: `gapmap.gpkg` in the output folder. The needs
/// and incidents layers are filled chunk by chunk as the pipeline locates
/// them; the regions with their metrics, gaps, coverage (feature layers,
/// WGS84, each with an R-tree spatial index and a default QGIS style), and
/// the summary and rejected tables are written when the report is known.
/// The file is built aside and renamed into place only when complete.
/// With share rules, the layers of the shareable GeoJSON instead
/// (needs and incidents counted per unit), and share-report.txt beside it.
public final class GeoPackageOutput: AnalysisSink {
    public let path: String
    private var writer: GeoPackageWriter?
    /// The demand per region and month, for the monthly_trends table.
    private let monthly = MonthlyDemand()
    /// A shareable run's rules, and the counts it publishes.
    public let share: ShareRules?
    /// The language of the QGIS styles' legends and descriptions, and of
    /// the rejected table's reasons (its codes are the same in every language).
    public var language: ReportLanguage = .english
    private let tally: DemandTally
    /// A shareable run's figures, once finished.
    public private(set) var shared: SharedFigures?
    /// The rows behind each unit's demand metrics of a shareable run (nil
    /// for a restricted one): what a shareable roll-up counts (`SharedRollup`).
    public var demandTally: DemandTally? { share == nil ? nil : tally }

    public init(directory: String, share: ShareRules? = nil) {
        path = (directory as NSString).appendingPathComponent(ReportOutput.geoPackageFile)
        self.share = share
        tally = DemandTally(share: share)
    }

    /// The files written: the GeoPackage, and a shareable run's share-report.txt.
    public var written: [String] {
        [path] + (shared == nil ? [] : [((path as NSString).deletingLastPathComponent as NSString).appendingPathComponent(SharedFigures.reportFile)])
    }

    public func coverageBuilt(_ setup: CoverageSetup) throws {
        try ReportOutput.createFolder((path as NSString).deletingLastPathComponent)
        let writer = try GeoPackageWriter(path: path)
        self.writer = writer
        if share != nil { return try tally.coverageBuilt(setup) }
        try writer.beginFeatureLayer(ReportOutput.GeoPackageLayers.needs.marked(setup.isExampleData))
        try writer.beginFeatureLayer(ReportOutput.GeoPackageLayers.incidents.marked(setup.isExampleData))
    }

    public func demand(_ chunk: DemandChunk, outcomes: [DemandOutcome], setup: CoverageSetup) throws {
        if share != nil { return try tally.demand(chunk, outcomes: outcomes, setup: setup) }
        try monthly.demand(chunk, outcomes: outcomes, setup: setup)
        let regions = setup.regions
        switch chunk {
        case .needs(let items):
            try writer!.appendRows(items.indices.map { ReportOutput.needRow(items[$0], outcomes[$0], regions: regions) },
                                       to: ReportOutput.GeoPackageLayers.needs)
        case .incidents(let items):
            try writer!.appendRows(items.indices.map { ReportOutput.incidentRow(items[$0], outcomes[$0], regions: regions) },
                                       to: ReportOutput.GeoPackageLayers.incidents)
        }
    }

    public func finished(_ report: CoverageReport) throws {
        guard let writer else { return }
        if let share {
            let figures = try SharedFigures(report, tally: tally, rules: share).withSensitivePresence(report)
            shared = figures
            try ReportOutput.writeAreaLayersAndTables(report, to: writer, shared: figures, language: language)
            try writer.commit()
            return try figures.writeDisclosureReport(report, to: written[1])
        }
        try writer.finishFeatureLayer(ReportOutput.GeoPackageLayers.needs)
        try writer.finishFeatureLayer(ReportOutput.GeoPackageLayers.incidents)
        // Begun before the units' names and the language were known: described now.
        let say = GeoPackageLayerDescriptions(report, language: language)
        for layer in [ReportOutput.GeoPackageLayers.needs, ReportOutput.GeoPackageLayers.incidents] {
            try writer.describe(table: layer.name, as: layer.described(say, isExampleData: report.isExampleData).description)
        }
        try ReportOutput.writeAreaLayersAndTables(report, to: writer, language: language)
        try ReportOutput.writeMonthlyTrends(MonthlyTrends(monthly, regionCount: report.regions.count), report: report, to: writer,
                                            language: language)
        try writer.commit()
    }
}

extension GeoPackageLayer {
    /// The layer whose description (gpkg_contents, shown by QGIS) starts
    /// with `ExampleData.marker` when the run is on the sample's invented
    /// data, and ends with whether it may be shared, in both languages.
    func marked(_ isExampleData: Bool, release: ReleaseMark = .restricted, language: ReportLanguage = .english) -> GeoPackageLayer {
        var layer = self
        layer.description = (isExampleData ? ExampleData.marker(language) + ". " : "") + description + ". " + release.bilingual(first: language)
        return layer
    }
}
