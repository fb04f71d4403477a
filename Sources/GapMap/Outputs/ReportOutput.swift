import Foundation
import GeoCore
import GeoFormats

/// The files of a run: what each GeoJSON layer, summary.csv and
/// rejected.csv hold (the sinks `GeoJSONOutput` and `GeoPackageOutput` write them).
public enum ReportOutput {
    public static let files = ["regions.geojson", "gaps.geojson", "coverage.geojson", "needs.geojson", "incidents.geojson",
                               "summary.csv", "rejected.csv"]

    static func createFolder(_ directory: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw OutputFolder.cannotWrite(directory, option: "--out", error)
        }
    }

    /// The property names of needs.geojson and incidents.geojson, as JSON text made once.
    private enum DemandKey {
        static let id = GeoJSONPropertyKey("id"), regionID = GeoJSONPropertyKey("region_id")
        static let locatedBy = GeoJSONPropertyKey("located_by"), covered = GeoJSONPropertyKey("covered")
        static let weight = GeoJSONPropertyKey("weight"), coveredWeight = GeoJSONPropertyKey("covered_weight")
        static let category = GeoJSONPropertyKey("category"), segment = GeoJSONPropertyKey("segment")
        static let severity = GeoJSONPropertyKey("severity"), date = GeoJSONPropertyKey("date")
        static let type = GeoJSONPropertyKey("type"), fatalities = GeoJSONPropertyKey("fatalities")
    }

    /// Writes needs or incidents with their outcomes, 16,384 at a time,
    /// each slice encoded in parts on up to `workers` threads, in row order.
    static func writeDemand<Item: Sendable>(
        _ items: [Item], _ outcomes: [DemandOutcome], workers: Int, to writer: inout GeoJSONWriter,
        _ append: @escaping @Sendable (Item, DemandOutcome, inout GeoJSONPointBatch) -> Void
    ) throws {
        for start in stride(from: 0, to: items.count, by: 16_384) {
            let slice = start..<min(items.count, start + 16_384)
            let batches = try parallelChunks(count: slice.count, workers: workers, minimumChunk: 2048) { range in
                var batch = GeoJSONPointBatch()
                for i in range { append(items[slice.lowerBound + i], outcomes[slice.lowerBound + i], &batch) }
                return batch
            }
            for batch in batches { try writer.write(batch) }
        }
    }

    /// The properties every need and incident starts with: its id, its
    /// region, how it was located, whether it is covered, its weight and
    /// covered weight.
    private static func appendOutcome(id: String, placement: Placement, weight: Double, _ o: DemandOutcome, regions: [Region],
                                      to p: inout GeoJSONPointProperties) {
        p.string(DemandKey.id, id)
        p.string(DemandKey.regionID, regionID(placement, o, regions: regions))
        p.string(DemandKey.locatedBy, locatedBy(placement))
        p.bool(DemandKey.covered, o.covered)
        p.number(DemandKey.weight, weight)
        p.number(DemandKey.coveredWeight, o.coveredWeight)
    }

    /// Adds the feature of a need in needs.geojson — its region and whether
    /// it is covered — without building a `Feature` (a million needs).
    static func appendNeed(_ need: Need, _ o: DemandOutcome, regions: [Region], to batch: inout GeoJSONPointBatch) {
        batch.append(pointCoordinate(need.placement)) { p in
            appendOutcome(id: need.id, placement: need.placement, weight: need.weight, o, regions: regions, to: &p)
            p.string(DemandKey.category, need.category)
            p.string(DemandKey.segment, need.segment)
            p.integer(DemandKey.severity, need.severity)
            p.string(DemandKey.date, need.date)
        }
    }

    /// Adds the feature of an incident in incidents.geojson, the same way.
    static func appendIncident(_ incident: Incident, _ o: DemandOutcome, regions: [Region], to batch: inout GeoJSONPointBatch) {
        batch.append(pointCoordinate(incident.placement)) { p in
            appendOutcome(id: incident.id, placement: incident.placement, weight: incident.weight, o, regions: regions, to: &p)
            p.string(DemandKey.date, incident.date)
            p.string(DemandKey.type, incident.type)
            p.integer(DemandKey.fatalities, incident.fatalities)
        }
    }

    static func pointCoordinate(_ placement: Placement) -> Coordinate? {
        if case .point(let c) = placement { return c }
        return nil
    }

    /// regions.geojson, gaps.geojson and coverage.geojson.
    static func writeAreaLayers(_ report: CoverageReport, to directory: String) throws -> [String] {
        func path(_ name: String) -> String { (directory as NSString).appendingPathComponent(name) }
        return [try writeRegionsLayer(report, to: path("regions.geojson")), try writeGapsLayer(report, to: path("gaps.geojson")),
                try writeCoverageLayer(report, to: path("coverage.geojson"))]
    }

    /// regions.geojson, gaps.geojson and coverage.geojson (the area layers),
    /// then summary.csv and rejected.csv (the tables), each file on a worker
    /// of its own: they are independent, and the first error in that order
    /// is the one thrown.
    static func writeAreaLayersAndTables(_ report: CoverageReport, to directory: String, workers: Int,
                                         shared: SharedFigures? = nil) throws -> (areaLayers: [String], tables: [String]) {
        @Sendable func path(_ name: String) -> String { (directory as NSString).appendingPathComponent(name) }
        let jobs: [@Sendable () throws -> String] = [
            { try writeRegionsLayer(report, to: path("regions.geojson"), shared: shared) },
            { try writeGapsLayer(report, to: path("gaps.geojson"), shared: shared) },
            { try writeCoverageLayer(report, to: path("coverage.geojson"), release: shared?.release ?? .restricted) },
            { try writeSummaryCSV(report, to: path("summary.csv"), shared: shared) },
            { try writeRejectedCSV(report, to: path("rejected.csv"), shared: shared) },
        ]
        let results = try parallelMap(count: jobs.count, workers: workers, makeState: {}) { _, k in
            Result { try jobs[k]() }
        }
        let written = try results.map { try $0.get() }
        return (Array(written[0..<3]), Array(written[3...]))
    }

    /// Regions with their metrics.
    static func writeRegionsLayer(_ report: CoverageReport, to path: String, shared: SharedFigures? = nil) throws -> String {
        var regions = try GeoJSONWriter(path: path, members: collectionMembers(report.isExampleData, release: shared?.release ?? .restricted))
        for (r, region) in report.regions.enumerated() {
            let p = properties(of: report.metrics[r])
            try regions.write(Feature(geometry: region.geometry, properties: shared?.withholding(p, region: r) ?? p))
        }
        try regions.finish()
        return path
    }

    /// Gaps: region − coverage, one feature per region.
    static func writeGapsLayer(_ report: CoverageReport, to path: String, shared: SharedFigures? = nil) throws -> String {
        var gaps = try GeoJSONWriter(path: path, members: collectionMembers(report.isExampleData, release: shared?.release ?? .restricted))
        for (r, gap) in report.gaps.enumerated() {
            let p = gapProperties(report.metrics[r], gap: gap)
            try gaps.write(Feature(geometry: gap, properties: shared?.withholding(p, region: r) ?? p))
        }
        try gaps.finish()
        return path
    }

    /// Coverage: the union of the footprints in the run.
    static func writeCoverageLayer(_ report: CoverageReport, to path: String, release: ReleaseMark = .restricted) throws -> String {
        var coverage = try GeoJSONWriter(path: path, members: collectionMembers(report.isExampleData, release: release))
        try coverage.write(Feature(geometry: report.coverage, properties: Properties([
            ("initiatives_in_run", .integer(report.initiativeInRun.filter { $0 }.count)),
            ("area_km2", .number(report.coverageKm2)),
            ("radius_km", .number(report.parameters.defaultRadiusKm)), ("segments", .integer(report.parameters.segments)),
            ("include_planned", .bool(report.parameters.includePlanned)),
        ])))
        try coverage.finish()
        return path
    }

    /// The foreign members of every GeoJSON file of a run: whether it may
    /// be shared (`gapmap_release`), and on the sample's invented data, a
    /// notice that says so (`gapmap_notice`).
    static func collectionMembers(_ isExampleData: Bool, release: ReleaseMark = .restricted) -> [(name: String, value: JSONValue)] {
        (isExampleData ? [(noticeKey, .string(ExampleData.notice()))] : []) + [release.geoJSONMember]
    }

    /// The name of the GeoJSON member and the summary.csv column that say a
    /// run's data are the sample's invented data.
    public static let noticeKey = "gapmap_notice"

    /// A region's identity and every metric of the catalogue, typed as the
    /// catalogue says (unknown values as null).
    static func properties(of m: RegionMetrics) -> Properties {
        Properties([
            (MetricCatalogue.regionIDKey, .string(m.regionID)), (MetricCatalogue.nameKey, .string(m.name)),
            (MetricCatalogue.parentIDKey, m.parentID.map { .string($0) } ?? .null),
        ] + MetricCatalogue.all.map { ($0.key, $0.jsonValue(m)) })
    }

    /// The properties of a region's gap: its identity, the gap's area and
    /// the metrics that say how much it matters.
    static func gapProperties(_ m: RegionMetrics, gap: Geometry) -> Properties {
        Properties([(MetricCatalogue.regionIDKey, .string(m.regionID)), (MetricCatalogue.nameKey, .string(m.name)),
                    ("gap_km2", .number(Geodesy.areaSquareKilometers(gap)))]
                   + gapMetrics.map { ($0.key, $0.jsonValue(m)) })
    }

    /// The metrics a gap carries besides its area.
    static let gapMetrics = [MetricCatalogue.coveragePct, MetricCatalogue.uncoveredDemand, MetricCatalogue.gapRank]

    /// Points keep their position; region references have no geometry of
    /// their own (GeoJSON null geometry) and say so.
    static func pointGeometry(_ placement: Placement) -> Geometry? {
        if case .point(let c) = placement { return .point(c) }
        return nil
    }

    static func locatedBy(_ placement: Placement) -> String {
        switch placement {
        case .point: "point"
        case .area: "polygon"
        case .region: "region_reference"
        case .unit: "coarser_region_reference"
        }
    }

    /// The region a need or incident counts in; for a row credited to a
    /// unit above the regions, the unit as the row names it.
    static func regionID(_ placement: Placement, _ o: DemandOutcome, regions: [Region]) -> String? {
        if let r = o.regionIndex { return regions[r].id }
        if case .unit(let unit) = placement { return unit.reference }
        return nil
    }

    static func appendPlacement(_ p: inout Properties, _ placement: Placement, outcome: DemandOutcome, weight: Double) {
        p["located_by"] = .string(locatedBy(placement))
        p["covered"] = .bool(outcome.covered)
        p["weight"] = .number(weight)
        p["covered_weight"] = .number(outcome.coveredWeight)
    }

    static func format(_ v: Double?) -> String {
        guard let v else { return "" }
        if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
        return "\(v)"
    }

    public static func writeSummaryCSV(_ report: CoverageReport, to path: String, shared: SharedFigures? = nil) throws -> String {
        // A sample run's rows each say that they are invented, in a last
        // column; every row says whether it may be shared, and in a shared
        // run which of its figures are withheld (left empty).
        let notice = report.isExampleData ? [ExampleData.marker] : []
        let release = shared?.release ?? .restricted
        var csv = CSVWriter(path: path, header: RegionMetrics.columnNames + [ReleaseMark.key]
                                + (shared == nil ? [] : [SharedFigures.suppressedKey]) + (report.isExampleData ? [noticeKey] : []))
        for m in report.ranked {
            let withheld = shared?.withheld(regionID: m.regionID) ?? []
            csv.write(row: [m.regionID, m.name, m.parentID ?? ""]
                          + MetricCatalogue.all.map { withheld.contains($0.key) ? "" : format($0.value(m)) } + [release.label]
                          + (shared == nil ? [] : [withheld.joined(separator: ",")]) + notice)
        }
        try csv.finish()
        return path
    }

    public static func writeRejectedCSV(_ report: CoverageReport, to path: String, shared: SharedFigures? = nil) throws -> String {
        if shared != nil { return try SharedFigures.writeRejectedCounts(report, to: path) }
        var csv = CSVWriter(path: path, header: ["layer", "file", "line", "id", "field", "disposition", "reason"])
        for issue in report.issues {
            csv.write(row: [issue.layer.rawValue, issue.file, String(issue.line), issue.id ?? "", issue.field ?? "",
                            issue.disposition.rawValue, issue.reason])
        }
        try csv.finish()
        return path
    }
}
