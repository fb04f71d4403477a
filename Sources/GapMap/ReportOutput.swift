import Foundation
import GeoCore
import GeoFormats

/// Writes a report's files: GeoJSON layers, summary.csv and rejected.csv.
public enum ReportOutput {
    public static let files = ["regions.geojson", "gaps.geojson", "coverage.geojson", "needs.geojson", "incidents.geojson",
                               "summary.csv", "rejected.csv"]

    /// Writes every output into `directory` (created if needed) and returns
    /// the paths written. Each file is written aside and renamed when
    /// complete, so an interrupted run never leaves a partial file.
    @discardableResult
    public static func writeGeoJSON(_ report: CoverageReport, to directory: String) throws -> [String] {
        try createFolder(directory)
        AnalysisProgress.report(.writing)
        func path(_ name: String) -> String { (directory as NSString).appendingPathComponent(name) }
        var written = try writeAreaLayers(report, to: directory)

        // Needs and incidents with their region and whether they are covered.
        var needs = try GeoJSONWriter(path: path("needs.geojson"))
        for (i, need) in report.needs.enumerated() {
            try writeNeed(need, report.needOutcomes[i], regions: report.regions, to: &needs)
        }
        try needs.finish()
        written.append(path("needs.geojson"))

        var incidents = try GeoJSONWriter(path: path("incidents.geojson"))
        for (i, incident) in report.incidents.enumerated() {
            try writeIncident(incident, report.incidentOutcomes[i], regions: report.regions, to: &incidents)
        }
        try incidents.finish()
        written.append(path("incidents.geojson"))

        written.append(try writeSummaryCSV(report, to: path("summary.csv")))
        written.append(try writeRejectedCSV(report, to: path("rejected.csv")))
        return written
    }

    static func createFolder(_ directory: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw GapMapError(file: directory, message: "cannot create the output folder: \(error.localizedDescription)",
                              fix: "Choose a folder you can write to with --out")
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

    /// The feature of a need in needs.geojson: its region and whether it is
    /// covered, written without building a `Feature` (a million needs).
    static func writeNeed(_ need: Need, _ o: DemandOutcome, regions: [Region], to writer: inout GeoJSONWriter) throws {
        try writer.writePoint(pointCoordinate(need.placement)) { p in
            p.string(DemandKey.id, need.id)
            p.string(DemandKey.regionID, o.regionIndex.map { regions[$0].id })
            p.string(DemandKey.locatedBy, locatedBy(need.placement))
            p.bool(DemandKey.covered, o.covered)
            p.number(DemandKey.weight, need.weight)
            p.number(DemandKey.coveredWeight, o.coveredWeight)
            p.string(DemandKey.category, need.category)
            p.string(DemandKey.segment, need.segment)
            p.integer(DemandKey.severity, need.severity)
            p.string(DemandKey.date, need.date)
        }
    }

    /// The feature of an incident in incidents.geojson, written the same way.
    static func writeIncident(_ incident: Incident, _ o: DemandOutcome, regions: [Region], to writer: inout GeoJSONWriter) throws {
        try writer.writePoint(pointCoordinate(incident.placement)) { p in
            p.string(DemandKey.id, incident.id)
            p.string(DemandKey.regionID, o.regionIndex.map { regions[$0].id })
            p.string(DemandKey.locatedBy, locatedBy(incident.placement))
            p.bool(DemandKey.covered, o.covered)
            p.number(DemandKey.weight, incident.weight)
            p.number(DemandKey.coveredWeight, o.coveredWeight)
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
        var written: [String] = []

        // Regions with their metrics.
        var regions = try GeoJSONWriter(path: path("regions.geojson"))
        for (r, region) in report.regions.enumerated() {
            try regions.write(Feature(geometry: region.geometry, properties: properties(of: report.metrics[r])))
        }
        try regions.finish()
        written.append(path("regions.geojson"))

        // Gaps: region − coverage, one feature per region.
        var gaps = try GeoJSONWriter(path: path("gaps.geojson"))
        for (r, gap) in report.gaps.enumerated() {
            let m = report.metrics[r]
            try gaps.write(Feature(geometry: gap, properties: Properties([
                ("region_id", .string(m.regionID)), ("name", .string(m.name)),
                ("gap_km2", .number(Geodesy.areaSquareKilometers(gap))), ("coverage_pct", .number(m.coveragePct)),
                ("uncovered_demand", .number(m.uncoveredDemand)), ("gap_rank", .integer(m.gapRank)),
            ])))
        }
        try gaps.finish()
        written.append(path("gaps.geojson"))

        // Coverage: the union of the footprints in the run.
        var coverage = try GeoJSONWriter(path: path("coverage.geojson"))
        try coverage.write(Feature(geometry: report.coverage, properties: Properties([
            ("initiatives_in_run", .integer(report.initiativeInRun.filter { $0 }.count)),
            ("area_km2", .number(report.coverageKm2)),
            ("radius_km", .number(report.parameters.defaultRadiusKm)), ("segments", .integer(report.parameters.segments)),
            ("include_planned", .bool(report.parameters.includePlanned)),
        ])))
        try coverage.finish()
        written.append(path("coverage.geojson"))

        return written
    }

    static func properties(of m: RegionMetrics) -> Properties {
        func optional(_ v: Double?) -> JSONValue { v.map { .number($0) } ?? .null }
        return Properties([
            ("region_id", .string(m.regionID)), ("name", .string(m.name)), ("parent_id", m.parentID.map { .string($0) } ?? .null),
            ("area_km2", .number(m.areaKm2)), ("covered_km2", .number(m.coveredKm2)), ("coverage_pct", .number(m.coveragePct)),
            ("initiatives", .integer(m.initiatives)), ("needs", .number(m.needs)), ("needs_covered", .number(m.needsCovered)),
            ("needs_uncovered", .number(m.needsUncovered)), ("incidents", .number(m.incidents)),
            ("incidents_covered", .number(m.incidentsCovered)), ("incidents_uncovered", .number(m.incidentsUncovered)),
            ("uncovered_demand", .number(m.uncoveredDemand)), ("population", optional(m.population)),
            ("covered_population", optional(m.coveredPopulation)), ("gap_rank", .integer(m.gapRank)),
        ])
    }

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
        }
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

    public static func writeSummaryCSV(_ report: CoverageReport, to path: String) throws -> String {
        var csv = CSVWriter(path: path, header: RegionMetrics.columnNames)
        for m in report.ranked {
            csv.write(row: [
                m.regionID, m.name, m.parentID ?? "", format(m.areaKm2), format(m.coveredKm2), format(m.coveragePct), String(m.initiatives),
                format(m.needs), format(m.needsCovered), format(m.needsUncovered), format(m.incidents), format(m.incidentsCovered),
                format(m.incidentsUncovered), format(m.uncoveredDemand), format(m.population), format(m.coveredPopulation), String(m.gapRank),
            ])
        }
        try csv.finish()
        return path
    }

    public static func writeRejectedCSV(_ report: CoverageReport, to path: String) throws -> String {
        var csv = CSVWriter(path: path, header: ["layer", "file", "line", "id", "field", "disposition", "reason"])
        for issue in report.issues {
            csv.write(row: [issue.layer.rawValue, issue.file, String(issue.line), issue.id ?? "", issue.field ?? "",
                            issue.disposition.rawValue, issue.reason])
        }
        try csv.finish()
        return path
    }
}
