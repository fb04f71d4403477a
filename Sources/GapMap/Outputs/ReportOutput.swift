import Foundation
import GeoCore
import GeoFormats

/// The files of a run: what each GeoJSON layer, summary.csv and
/// rejected.csv hold (the sinks `GeoJSONOutput` and `GeoPackageOutput` write them).
public enum ReportOutput {
    public static let files = ["regions.geojson", "gaps.geojson", "coverage.geojson", "initiatives.geojson", "needs.geojson",
                               "incidents.geojson", "summary.csv", "rejected.csv"]

    static func createFolder(_ directory: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw OutputFolder.cannotWrite(directory, option: "--out", error)
        }
    }

    /// The property names of needs.geojson and incidents.geojson (`MetricCatalogue.needFields`,
    /// `incidentFields`), as JSON text made once, in the catalogue's order.
    enum DemandKey {
        static let need = MetricCatalogue.needFields.map { GeoJSONPropertyKey($0.key) }
        static let incident = MetricCatalogue.incidentFields.map { GeoJSONPropertyKey($0.key) }
    }

    /// A row's date as the catalogue's date fields hold it: the ISO 8601
    /// day (the first of a month or year), and the text as the file wrote it.
    static func dateValues(_ text: String) -> (iso: String?, text: String?) {
        (text.isEmpty ? nil : DaySpan.isoFirstDay(text), text.isEmpty ? nil : text)
    }

    /// The source columns of a row, one per catalogue field (null when the
    /// row was not read from a file that has them).
    static func sourceValues(_ source: [String], count: Int) -> [String?] {
        source.count == count ? source.map { $0.isEmpty ? nil : $0 } : Array(repeating: nil, count: count)
    }

    /// The `i`th source column of a row, or nil, without an array per row.
    @inline(__always)
    static func sourceValue(_ source: [String], _ i: Int) -> String? {
        i < source.count && !source[i].isEmpty ? source[i] : nil
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

    /// Adds the feature of a need in needs.geojson — its region and whether
    /// it is covered, then its fields — without building a `Feature` (a
    /// million needs), its properties in `MetricCatalogue.needFields` order.
    static func appendNeed(_ need: Need, _ o: DemandOutcome, regions: [Region], to batch: inout GeoJSONPointBatch) {
        batch.append(pointCoordinate(need.placement)) { p in
            var k = DemandKey.need.makeIterator()
            appendOutcome(id: need.id, placement: need.placement, weight: need.weight, o, regions: regions, keys: &k, to: &p)
            p.string(k.next()!, need.category)
            p.string(k.next()!, need.segment)
            p.integer(k.next()!, need.severity)
            let date = dateValues(need.date)
            p.string(k.next()!, date.iso)
            p.string(k.next()!, date.text)
            for i in MetricCatalogue.needSourceFields.indices { p.string(k.next()!, sourceValue(need.source, i)) }
        }
    }

    /// Adds the feature of an incident in incidents.geojson, the same way
    /// (`MetricCatalogue.incidentFields`).
    static func appendIncident(_ incident: Incident, _ o: DemandOutcome, regions: [Region], to batch: inout GeoJSONPointBatch) {
        batch.append(pointCoordinate(incident.placement)) { p in
            var k = DemandKey.incident.makeIterator()
            appendOutcome(id: incident.id, placement: incident.placement, weight: incident.weight, o, regions: regions, keys: &k, to: &p)
            let date = dateValues(incident.date)
            p.string(k.next()!, date.iso)
            p.string(k.next()!, date.text)
            p.string(k.next()!, incident.type)
            p.integer(k.next()!, incident.fatalities)
            for i in MetricCatalogue.incidentSourceFields.indices { p.string(k.next()!, sourceValue(incident.source, i)) }
        }
    }

    /// The properties every need and incident starts with
    /// (`MetricCatalogue.demandOutcomeFields`): its id, its region, how it
    /// was located, whether it is covered, its weight and covered weight.
    private static func appendOutcome(id: String, placement: Placement, weight: Double, _ o: DemandOutcome, regions: [Region],
                                      keys k: inout IndexingIterator<[GeoJSONPropertyKey]>, to p: inout GeoJSONPointProperties) {
        p.string(k.next()!, id)
        p.string(k.next()!, regionID(placement, o, regions: regions))
        p.string(k.next()!, locatedBy(placement))
        p.bool(k.next()!, o.covered)
        p.number(k.next()!, weight)
        p.number(k.next()!, o.coveredWeight)
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
                                         shared: SharedFigures? = nil, language: ReportLanguage = .english) throws -> (areaLayers: [String], tables: [String]) {
        @Sendable func path(_ name: String) -> String { (directory as NSString).appendingPathComponent(name) }
        let jobs: [@Sendable () throws -> String] = [
            { try writeRegionsLayer(report, to: path("regions.geojson"), shared: shared) },
            { try writeGapsLayer(report, to: path("gaps.geojson"), shared: shared) },
            { try writeCoverageLayer(report, to: path("coverage.geojson"), shared: shared) },
            { try writeInitiativesLayer(report, to: path("initiatives.geojson"), shared: shared) },
            { try writeSummaryCSV(report, to: path("summary.csv"), shared: shared) },
            { try writeRejectedCSV(report, to: path("rejected.csv"), shared: shared, language: language) },
        ]
        let results = try parallelMap(count: jobs.count, workers: workers, makeState: {}) { _, k in
            Result { try jobs[k]() }
        }
        let written = try results.map { try $0.get() }
        return (Array(written[0..<4]), Array(written[4...]))
    }

    /// Initiatives with their footprints and attributes (`MetricCatalogue.initiativeFields`):
    /// who runs what, its status, whether it is in the run, its radius and dates (ISO 8601).
    static func initiativeFeatures(_ report: CoverageReport) -> [Feature] {
        let analysis = CoverageAnalysis(parameters: report.parameters)
        return report.initiatives.enumerated().map { i, initiative in
            let region: String? = switch initiative.placement {
            case .region(let r): report.regions[r].id
            default: report.initiativeRegions[i].map { report.regions[$0].id }
            }
            let radius: JSONValue = if case .point = initiative.placement { .number(initiative.radiusKm ?? report.parameters.defaultRadiusKm) } else { .null }
            let values: [JSONValue] = [
                .string(initiative.id), .string(initiative.name), text(initiative.actor?.rawValue), .string(initiative.kind),
                .string(initiative.effectiveStatus.rawValue), .bool(report.initiativeInRun[i]), .string(locatedBy(initiative.placement)),
                text(region), radius, text(DaySpan.parse(initiative.startDate)?.first.description),
                text(DaySpan.parse(initiative.endDate)?.last.description),
            ]
            return Feature(geometry: analysis.footprint(of: initiative, regions: report.regions),
                           properties: Properties(Array(zip(MetricCatalogue.initiativeFields.map(\.key), values))))
        }
    }

    /// initiatives.geojson; in a shareable run without the initiatives of
    /// sensitive kinds and without ids and names unless kept by name
    /// (`SharedFigures.sharedInitiatives`).
    static func writeInitiativesLayer(_ report: CoverageReport, to path: String, shared: SharedFigures? = nil) throws -> String {
        var layer = try GeoJSONWriter(path: path, members: collectionMembers(report.isExampleData, release: shared?.release ?? .restricted))
        let features = initiativeFeatures(report)
        for feature in shared?.sharedInitiatives(report, features) ?? features { try layer.write(feature) }
        try layer.finish()
        return path
    }

    /// Regions with their metrics.
    static func writeRegionsLayer(_ report: CoverageReport, to path: String, shared: SharedFigures? = nil) throws -> String {
        var regions = try GeoJSONWriter(path: path, members: collectionMembers(report.isExampleData, release: shared?.release ?? .restricted))
        let identity = RegionIdentity(report)
        for (r, region) in report.regions.enumerated() {
            let p = regionProperties(report, r, identity: identity)
            try regions.write(Feature(geometry: region.geometry, properties: shared?.withholding(p, region: r, presence: true) ?? p))
        }
        try regions.finish()
        return path
    }

    /// Gaps: region − coverage, one feature per region.
    static func writeGapsLayer(_ report: CoverageReport, to path: String, shared: SharedFigures? = nil) throws -> String {
        var gaps = try GeoJSONWriter(path: path, members: collectionMembers(report.isExampleData, release: shared?.release ?? .restricted))
        for (r, gap) in report.gaps.enumerated() {
            let p = gapProperties(report.metrics[r], gap: gap)
            guard let shared else {
                try gaps.write(Feature(geometry: gap, properties: p))
                continue
            }
            let (geometry, masked) = shared.sharedGap(gap, region: r)
            var q = shared.withholding(p, region: r)
            if shared.sensitive != nil { q[SensitivePresence.geometryWithheldKey] = .bool(masked) }
            try gaps.write(Feature(geometry: geometry, properties: q))
        }
        try gaps.finish()
        return path
    }

    /// Coverage: the union of the footprints in the run; in a shareable
    /// run less the units a sensitive footprint reaches.
    static func writeCoverageLayer(_ report: CoverageReport, to path: String, shared: SharedFigures? = nil) throws -> String {
        var coverage = try GeoJSONWriter(path: path, members: collectionMembers(report.isExampleData, release: shared?.release ?? .restricted))
        try coverage.write(Feature(geometry: shared?.sensitive?.coverage ?? report.coverage, properties: Properties([
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

    /// The enclosing levels the regions name (`RegionParent`), coarsest first.
    static func parentLevels(_ report: CoverageReport) -> [Int] {
        Array(Set(report.regions.flatMap { $0.parents.map(\.level) })).sorted()
    }

    /// What the regions layers hold besides the metrics, worked out once
    /// per layer rather than once per region (at 50,000 regions, once per
    /// region took longer than the whole analysis): the enclosing levels
    /// present, and each region's name by its id, for the parent's name.
    struct RegionIdentity {
        let levels: [Int]
        let nameByID: [String: String]

        init(_ report: CoverageReport) {
            levels = ReportOutput.parentLevels(report)
            var names: [String: String] = [:]
            names.reserveCapacity(report.regions.count)
            for region in report.regions where names[region.id] == nil { names[region.id] = region.name }
            nameByID = names
        }
    }

    /// The columns a regions layer has besides the metrics: identity, the
    /// parent's name, then each enclosing level's P-code and name.
    static func regionIdentityKeys(_ report: CoverageReport) -> [String] {
        MetricCatalogue.identityKeys + [MetricCatalogue.parentNameKey]
            + parentLevels(report).flatMap { [MetricCatalogue.parentKeys(level: $0).id, MetricCatalogue.parentKeys(level: $0).name] }
    }

    /// A region of the regions layers: its identity, its parents' names and
    /// P-codes, and its metrics.
    static func regionProperties(_ report: CoverageReport, _ r: Int, identity: RegionIdentity) -> Properties {
        let region = report.regions[r], m = report.metrics[r]
        // The parent's name: the enclosing level just above, or the parent region when the layer holds it.
        let parentName = region.parents.last?.name ?? region.parentID.flatMap { identity.nameByID[$0] }
        var p = Properties([(MetricCatalogue.regionIDKey, .string(m.regionID)), (MetricCatalogue.nameKey, .string(m.name)),
                            (MetricCatalogue.parentIDKey, m.parentID.map { .string($0) } ?? .null),
                            (MetricCatalogue.parentNameKey, text(parentName.flatMap { $0.isEmpty ? nil : $0 }))])
        for level in identity.levels {
            let parent = region.parents.first { $0.level == level }
            let keys = MetricCatalogue.parentKeys(level: level)
            p[keys.id] = text(parent.flatMap { $0.id.isEmpty ? nil : $0.id })
            p[keys.name] = text(parent.flatMap { $0.name.isEmpty ? nil : $0.name })
        }
        for metric in MetricCatalogue.all { p[metric.key] = metric.jsonValue(m) }
        return p
    }

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

    /// summary.csv: a row per region, ranked. In the `.excelFrench` dialect
    /// (semicolons, decimal comma, BOM) each figure is rounded to the
    /// decimals it is shown with (`Metric.decimals`), since a spreadsheet
    /// shows what it holds; the GeoJSON and GeoPackage keep full precision.
    public static func writeSummaryCSV(_ report: CoverageReport, to path: String, shared: SharedFigures? = nil,
                                       dialect: SummaryDialect = .rfc4180) throws -> String {
        let table = summaryTable(report, shared: shared, roundedForDisplay: dialect == .excelFrench)
        var csv = CSVWriter(path: path, header: table.columns.map(\.name), dialect: dialect == .excelFrench ? .excelFrench : .rfc4180)
        for row in table.rows { try csv.write(cells: row) }
        try csv.finish()
        return path
    }

    /// The summary's rows (regions, ranked) with typed columns, for
    /// summary.csv and the workbook's first sheet. A sample run's rows each
    /// say that they are invented, in a last column; every row says whether
    /// it may be shared, and in a shared run which of its figures are
    /// withheld (left empty).
    static func summaryTable(_ report: CoverageReport, shared: SharedFigures?, roundedForDisplay: Bool) -> WorkbookSheet {
        let notice = report.isExampleData ? [ExampleData.marker] : []
        let release = shared?.release ?? .restricted
        let columns: [(name: String, type: WorkbookSheet.ColumnType)] = MetricCatalogue.identityKeys.map { ($0, .text) }
            + MetricCatalogue.all.map { ($0.key, $0.type == .integer ? .integer : .real) } + [(ReleaseMark.key, .text)]
            + (shared == nil ? [] : [(SharedFigures.suppressedKey, .text)]) + (report.isExampleData ? [(noticeKey, .text)] : [])
        // A shareable run lists the ranked regions first, by their published rank, then the unranked (`SharedFigures.publishedOrder`).
        let rows = (shared?.publishedOrder(report) ?? report.ranked).map { m -> [CSVWriter.Cell] in
            let withheld = shared?.withheld(regionID: m.regionID) ?? []
            let rank = shared?.publishedRank(regionID: m.regionID)
            let figures: [CSVWriter.Cell] = MetricCatalogue.all.map { metric in
                guard !withheld.contains(metric.key), let v = metric.value(m) else { return .number(nil) }
                if let rank, metric.key == MetricCatalogue.gapRank.key { return .number(Double(rank)) }
                return .number(roundedForDisplay ? metric.roundedForDisplay(v) : v)
            }
            return [.text(m.regionID), .text(m.name), .text(m.parentID ?? "")] + figures + [.text(release.label)]
                + (shared == nil ? [] : [.text(withheld.joined(separator: ","))]) + notice.map { .text($0) }
        }
        return WorkbookSheet(name: "summary", columns: columns, rows: rows)
    }

    /// rejected.csv: every row not used as it stood, with `code`, the stable
    /// reason code scripts read, `reason` in the run's language, and
    /// `feature`, a GeoJSON row's position in its file (last, so that the
    /// columns before keep their places).
    public static func writeRejectedCSV(_ report: CoverageReport, to path: String, shared: SharedFigures? = nil,
                                        language: ReportLanguage = .english) throws -> String {
        if shared != nil { return try SharedFigures.writeRejectedCounts(report, to: path) }
        var csv = CSVWriter(path: path, header: ["layer", "file", "line", "id", "field", "disposition", "code", "reason", "feature"])
        for issue in report.issues {
            csv.write(row: [issue.layer.rawValue, issue.file, String(issue.line), issue.id ?? "", issue.field ?? "",
                            issue.disposition.rawValue, issue.code, issue.reason(language), issue.feature.map(String.init) ?? ""])
        }
        try csv.finish()
        return path
    }
}
