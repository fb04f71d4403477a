import Foundation
import GeoCore
import GeoFormats

extension ReportOutput {
    /// The file `writeGeoPackage` writes in the output folder.
    public static let geoPackageFile = "gapmap.gpkg"

    /// The layers of the GeoPackage output, with their columns: the same
    /// properties as the GeoJSON files, typed.
    enum GeoPackageLayers {
        static let regions = GeoPackageLayer(
            name: "regions", geometryType: .multiPolygon,
            fields: [GeoPackageField("region_id", .text), GeoPackageField("name", .text), GeoPackageField("parent_id", .text)]
                + ["area_km2", "covered_km2", "coverage_pct"].map { GeoPackageField($0, .real) } + [GeoPackageField("initiatives", .integer)]
                + ["needs", "needs_covered", "needs_uncovered", "incidents", "incidents_covered", "incidents_uncovered", "uncovered_demand",
                   "population", "covered_population"].map { GeoPackageField($0, .real) } + [GeoPackageField("gap_rank", .integer)],
            description: "Regions with their coverage metrics (areas geodesic, km²)")
        static let gaps = GeoPackageLayer(
            name: "gaps", geometryType: .multiPolygon,
            fields: [GeoPackageField("region_id", .text), GeoPackageField("name", .text), GeoPackageField("gap_km2", .real),
                     GeoPackageField("coverage_pct", .real), GeoPackageField("uncovered_demand", .real), GeoPackageField("gap_rank", .integer)],
            description: "Per region, the part no footprint covers (region − coverage); no geometry where the region is fully covered")
        static let coverage = GeoPackageLayer(
            name: "coverage", geometryType: .multiPolygon,
            fields: [GeoPackageField("initiatives_in_run", .integer), GeoPackageField("area_km2", .real), GeoPackageField("radius_km", .real),
                     GeoPackageField("segments", .integer), GeoPackageField("include_planned", .boolean)],
            description: "The union of the footprints of the initiatives in the run")
        static let demandFields = [
            GeoPackageField("id", .text), GeoPackageField("region_id", .text), GeoPackageField("located_by", .text),
            GeoPackageField("covered", .boolean), GeoPackageField("weight", .real), GeoPackageField("covered_weight", .real),
        ]
        static let needs = GeoPackageLayer(
            name: "needs", geometryType: .point,
            fields: demandFields + [GeoPackageField("category", .text), GeoPackageField("segment", .text),
                                    GeoPackageField("severity", .integer), GeoPackageField("date", .text)],
            description: "Needs with their region and whether a footprint covers them; region references have no geometry")
        static let incidents = GeoPackageLayer(
            name: "incidents", geometryType: .point,
            fields: demandFields + [GeoPackageField("date", .text), GeoPackageField("type", .text), GeoPackageField("fatalities", .integer)],
            description: "Incidents with their region and whether a footprint covers them; region references have no geometry")
        static let summary = GeoPackageLayer(
            name: "summary", geometryType: nil,
            fields: RegionMetrics.columnNames.map { name in
                GeoPackageField(name, ["region_id", "name", "parent_id"].contains(name) ? .text : ["initiatives", "gap_rank"].contains(name) ? .integer : .real)
            },
            description: "One row per region in gap-rank order (summary.csv)")
        static let rejected = GeoPackageLayer(
            name: "rejected", geometryType: nil,
            fields: [GeoPackageField("layer", .text), GeoPackageField("file", .text), GeoPackageField("line", .integer),
                     GeoPackageField("id", .text), GeoPackageField("field", .text), GeoPackageField("disposition", .text),
                     GeoPackageField("reason", .text)],
            description: "Every input row not used as it stood, with its line (fid for GeoPackage input) and reason (rejected.csv)")
    }

    /// Writes `gapmap.gpkg` in `directory`: the regions with their metrics,
    /// gaps, coverage, needs and incidents as feature layers (WGS84, each
    /// with an R-tree spatial index and a default QGIS style), and the
    /// summary and rejected rows as attributes tables. The file is written
    /// aside and renamed when complete. Returns its path.
    @discardableResult
    public static func writeGeoPackage(_ report: CoverageReport, to directory: String) throws -> String {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw GapMapError(file: directory, message: "cannot create the output folder: \(error.localizedDescription)",
                              fix: "Choose a folder you can write to with --out")
        }
        let path = (directory as NSString).appendingPathComponent(geoPackageFile)
        let writer = try GeoPackageWriter(path: path)

        try writer.addFeatureLayer(GeoPackageLayers.regions, features: report.regions.enumerated().map { r, region in
            Feature(geometry: region.geometry, properties: properties(of: report.metrics[r]))
        })
        // A fully covered region's gap has no geometry (NULL) rather than
        // an empty one, which older readers mishandle.
        try writer.addFeatureLayer(GeoPackageLayers.gaps, features: report.gaps.enumerated().map { r, gap in
            let m = report.metrics[r]
            return Feature(geometry: gap.isEmpty ? nil : gap, properties: Properties([
                ("region_id", .string(m.regionID)), ("name", .string(m.name)),
                ("gap_km2", .number(Geodesy.areaSquareKilometers(gap))), ("coverage_pct", .number(m.coveragePct)),
                ("uncovered_demand", .number(m.uncoveredDemand)), ("gap_rank", .integer(m.gapRank)),
            ]))
        })
        try writer.addFeatureLayer(GeoPackageLayers.coverage, features: [
            Feature(geometry: report.coverage.isEmpty ? nil : report.coverage.polygonalPart, properties: Properties([
                ("initiatives_in_run", .integer(report.initiativeInRun.filter { $0 }.count)),
                ("area_km2", .number(report.coverageKm2)),
                ("radius_km", .number(report.parameters.defaultRadiusKm)), ("segments", .integer(report.parameters.segments)),
                ("include_planned", .bool(report.parameters.includePlanned)),
            ])),
        ])
        try writer.addFeatureLayer(GeoPackageLayers.needs, features: report.needs.enumerated().map { i, need in
            let o = report.needOutcomes[i]
            var p = Properties([("id", .string(need.id))])
            p["region_id"] = o.regionIndex.map { .string(report.regions[$0].id) } ?? .null
            appendPlacement(&p, need.placement, outcome: o, weight: need.weight)
            p["category"] = .string(need.category)
            p["segment"] = .string(need.segment)
            p["severity"] = need.severity.map { .integer($0) } ?? .null
            p["date"] = .string(need.date)
            return Feature(geometry: pointGeometry(need.placement), properties: p)
        })
        try writer.addFeatureLayer(GeoPackageLayers.incidents, features: report.incidents.enumerated().map { i, incident in
            let o = report.incidentOutcomes[i]
            var p = Properties([("id", .string(incident.id))])
            p["region_id"] = o.regionIndex.map { .string(report.regions[$0].id) } ?? .null
            appendPlacement(&p, incident.placement, outcome: o, weight: incident.weight)
            p["date"] = .string(incident.date)
            p["type"] = .string(incident.type)
            p["fatalities"] = incident.fatalities.map { .integer($0) } ?? .null
            return Feature(geometry: pointGeometry(incident.placement), properties: p)
        })

        try writer.addAttributeTable(GeoPackageLayers.summary, rows: report.ranked.map { m in
            var p = properties(of: m)
            p["parent_id"] = m.parentID.map { .string($0) } ?? .null
            return p
        })
        try writer.addAttributeTable(GeoPackageLayers.rejected, rows: report.issues.map { issue in
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
        try writer.commit()
        return path
    }
}
