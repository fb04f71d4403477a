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
            description: "Regions with their coverage metrics (areas geodesic, km²)")
        static let gaps = GeoPackageLayer(
            name: "gaps", geometryType: .multiPolygon,
            fields: [GeoPackageField(MetricCatalogue.regionIDKey, .text), GeoPackageField(MetricCatalogue.nameKey, .text),
                     GeoPackageField("gap_km2", .real)] + gapMetrics.map { GeoPackageField($0.key, $0.geoPackageType) },
            description: "Per region, the part no footprint covers (region − coverage); no geometry where the region is fully covered")
        static let coverage = GeoPackageLayer(
            name: "coverage", geometryType: .multiPolygon,
            fields: [GeoPackageField("initiatives_in_run", .integer), GeoPackageField("area_km2", .real), GeoPackageField("radius_km", .real),
                     GeoPackageField("segments", .integer), GeoPackageField("include_planned", .boolean)],
            description: "The union of the footprints of the initiatives in the run")
        static let needs = GeoPackageLayer(
            name: "needs", geometryType: .point, fields: MetricCatalogue.needFields.map(\.geoPackageField),
            description: "Needs with their region and whether a footprint covers them, date as ISO 8601 and source columns; region references have no geometry")
        static let incidents = GeoPackageLayer(
            name: "incidents", geometryType: .point, fields: MetricCatalogue.incidentFields.map(\.geoPackageField),
            description: "Incidents with their region and whether a footprint covers them, date as ISO 8601 and source columns (actors, location, notes); region references have no geometry")
        static let initiatives = GeoPackageLayer(
            name: "initiatives", geometryType: .multiPolygon, fields: MetricCatalogue.initiativeFields.map(\.geoPackageField),
            description: "Initiatives with their footprint (geodesic disc or polygon; none for a programme naming a region) and who runs what")
        static let summary = GeoPackageLayer(
            name: "summary", geometryType: nil,
            fields: regionFields,
            description: "One row per region in gap-rank order (summary.csv)")
        static let rejected = GeoPackageLayer(
            name: "rejected", geometryType: nil,
            fields: [GeoPackageField("layer", .text), GeoPackageField("file", .text), GeoPackageField("line", .integer),
                     GeoPackageField("id", .text), GeoPackageField("field", .text), GeoPackageField("disposition", .text),
                     GeoPackageField("reason", .text)],
            description: "Every input row not used as it stood, with its line (fid for GeoPackage input) and reason (rejected.csv)")
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

    static func text(_ value: String?) -> JSONValue { value.map { .string($0) } ?? .null }

    /// The values of `MetricCatalogue.demandOutcomeFields`.
    static func outcomeValues(id: String, placement: Placement, weight: Double, _ o: DemandOutcome, regions: [Region]) -> [JSONValue] {
        [.string(id), text(regionID(placement, o, regions: regions)), .string(locatedBy(placement)), .bool(o.covered), .number(weight),
         .number(o.coveredWeight)]
    }

    /// The regions with their metrics, the gaps and the coverage, the
    /// summary and rejected tables and the styles, once the report is known.
    static func writeAreaLayersAndTables(_ report: CoverageReport, to writer: GeoPackageWriter) throws {
        var regionsLayer = GeoPackageLayers.regions.marked(report.isExampleData)
        regionsLayer.fields = regionIdentityKeys(report).map { GeoPackageField($0, .text) }
            + MetricCatalogue.all.map { GeoPackageField($0.key, $0.geoPackageType) }
        try writer.addFeatureLayer(regionsLayer, features: report.regions.indices.map { r in
            Feature(geometry: report.regions[r].geometry, properties: regionProperties(report, r))
        })
        // A fully covered region's gap has no geometry (NULL) rather than
        // an empty one, which older readers mishandle.
        try writer.addFeatureLayer(GeoPackageLayers.gaps.marked(report.isExampleData), features: report.gaps.enumerated().map { r, gap in
            Feature(geometry: gap.isEmpty ? nil : gap, properties: gapProperties(report.metrics[r], gap: gap))
        })
        try writer.addFeatureLayer(GeoPackageLayers.initiatives.marked(report.isExampleData), features: initiativeFeatures(report).map { f in
            var f = f
            f.geometry = f.geometry?.polygonalPart
            return f
        })
        try writer.addFeatureLayer(GeoPackageLayers.coverage.marked(report.isExampleData), features: [
            Feature(geometry: report.coverage.isEmpty ? nil : report.coverage.polygonalPart, properties: Properties([
                ("initiatives_in_run", .integer(report.initiativeInRun.filter { $0 }.count)),
                ("area_km2", .number(report.coverageKm2)),
                ("radius_km", .number(report.parameters.defaultRadiusKm)), ("segments", .integer(report.parameters.segments)),
                ("include_planned", .bool(report.parameters.includePlanned)),
            ])),
        ])
        try writer.addAttributeTable(GeoPackageLayers.summary.marked(report.isExampleData), rows: report.ranked.map { m in
            var p = properties(of: m)
            p["parent_id"] = m.parentID.map { .string($0) } ?? .null
            return p
        })
        try writer.addAttributeTable(GeoPackageLayers.rejected.marked(report.isExampleData), rows: report.issues.map { issue in
            Properties([
                ("layer", .string(issue.layer.rawValue)), ("file", .string(issue.file)), ("line", .integer(issue.line)),
                ("id", issue.id.map { .string($0) } ?? .null), ("field", issue.field.map { .string($0) } ?? .null),
                ("disposition", .string(issue.disposition.rawValue)), ("reason", .string(issue.reason)),
            ])
        })

        try writer.addStyle(QGISStyles.regions(table: "regions"))
        try writer.addStyle(QGISStyles.gaps(table: "gaps"))
        try writer.addStyle(QGISStyles.coverage(table: "coverage"))
        try writer.addStyle(QGISStyles.demand(table: "needs", shape: "circle", sldShape: "circle"))
        try writer.addStyle(QGISStyles.demand(table: "incidents", shape: "triangle", sldShape: "triangle"))
    }
}

/// `analyze --format gpkg`: `gapmap.gpkg` in the output folder. The needs
/// and incidents layers are filled chunk by chunk as the pipeline locates
/// them; the regions with their metrics, gaps, coverage (feature layers,
/// WGS84, each with an R-tree spatial index and a default QGIS style), and
/// the summary and rejected tables are written when the report is known.
/// The file is built aside and renamed into place only when complete.
public final class GeoPackageOutput: AnalysisSink {
    public let path: String
    private var writer: GeoPackageWriter?

    public init(directory: String) {
        path = (directory as NSString).appendingPathComponent(ReportOutput.geoPackageFile)
    }

    public func coverageBuilt(_ setup: CoverageSetup) throws {
        try ReportOutput.createFolder((path as NSString).deletingLastPathComponent)
        let writer = try GeoPackageWriter(path: path)
        try writer.beginFeatureLayer(ReportOutput.GeoPackageLayers.needs.marked(setup.isExampleData))
        try writer.beginFeatureLayer(ReportOutput.GeoPackageLayers.incidents.marked(setup.isExampleData))
        self.writer = writer
    }

    public func demand(_ chunk: DemandChunk, outcomes: [DemandOutcome], setup: CoverageSetup) throws {
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
        try writer.finishFeatureLayer(ReportOutput.GeoPackageLayers.needs)
        try writer.finishFeatureLayer(ReportOutput.GeoPackageLayers.incidents)
        try ReportOutput.writeAreaLayersAndTables(report, to: writer)
        try writer.commit()
    }
}

extension GeoPackageLayer {
    /// The layer whose description (gpkg_contents, shown by QGIS) starts
    /// with `ExampleData.marker` when the run is on the sample's invented
    /// data, and ends with whether it may be shared (always "restricted":
    /// a shareable run writes GeoJSON).
    func marked(_ isExampleData: Bool) -> GeoPackageLayer {
        var layer = self
        layer.description = (isExampleData ? ExampleData.marker + ". " : "") + description + ". " + ReleaseMark.restricted.bilingual
        return layer
    }
}
