import Foundation
import GeoCore
import GeoFormats

/// The files of a shareable run that differ from a restricted run's:
/// needs.geojson and incidents.geojson as counts per unit, the metrics of
/// regions with withheld values null, rejected.csv as counts.
extension SharedFigures {
    /// How the files mark the run.
    public var release: ReleaseMark { .shareable(rules, suppressedCells: outcome.total) }

    /// The property that lists a feature's withheld figures, beside the
    /// flag `suppressed`.
    public static let suppressedKey = "suppressed_fields"
    public static let suppressedFlag = "suppressed"

    /// A count's property in needs.geojson and incidents.geojson.
    public static func categoryKey(_ category: String) -> String { "count_" + category }

    /// A region's properties with its withheld figures null, its gap rank
    /// among the published ones, the flag, and (regions layer) the
    /// sensitive kinds present in it.
    func withholding(_ properties: Properties, region r: Int, presence: Bool = false) -> Properties {
        var p = properties
        let withheld = withheld(region: r)
        for key in withheld where p[key] != nil { p[key] = .null }
        if p[MetricCatalogue.gapRank.key] != nil, let rank = publishedRanks[r] { p[MetricCatalogue.gapRank.key] = .integer(rank) }
        p[Self.suppressedFlag] = .bool(!withheld.isEmpty)
        p[Self.suppressedKey] = .string(withheld.joined(separator: ","))
        if presence, let sensitive { p[SensitivePresence.presenceKey] = .string(sensitive.kinds[r].joined(separator: ",")) }
        return p
    }

    /// A region's gap: without geometry where a sensitive footprint reaches
    /// the region (its outline would draw the footprint).
    func sharedGap(_ gap: Geometry, region r: Int) -> (geometry: Geometry?, withheld: Bool) {
        sensitive?.masked[r] == true ? (nil, true) : (gap, false)
    }

    /// The initiatives a shareable run lists: none of a sensitive kind, and
    /// without the fields the rules drop.
    func sharedInitiatives(_ report: CoverageReport, _ features: [Feature]) -> [Feature] {
        let dropped = Set(rules.droppedFromInitiatives)
        return features.enumerated().compactMap { i, feature in
            if rules.isSensitive(kind: report.initiatives[i].kind) { return nil }
            var f = feature
            f.properties = Properties(f.properties.pairs.filter { !dropped.contains($0.key) }.map { ($0.key, $0.value) })
            return f
        }
    }

    /// needs or incidents of a shareable run: one feature per region with
    /// its polygon, the count of rows in it and per category, and one
    /// feature without geometry for the rows in no region (when there are any).
    static func countFeatures(_ table: DemandTally.Table, total: String, cells: [[Bool]], rowTotals: [Bool], report: CoverageReport) -> [Feature] {
        var features: [Feature] = []
        for (r, row) in table.counts.enumerated() {
            let isRegion = r < report.regions.count
            let rowTotal = row.reduce(0, +)
            if !isRegion, rowTotal == 0 { continue }
            var p = Properties([
                (MetricCatalogue.regionIDKey, isRegion ? .string(report.regions[r].id) : .null),
                (MetricCatalogue.nameKey, .string(isRegion ? report.regions[r].name : "(no region)")),
                (total, rowTotals[r] ? .null : .integer(rowTotal)),
            ])
            var withheld = rowTotals[r] ? [total] : []
            for (c, category) in table.categories.enumerated() {
                let key = categoryKey(category)
                p[key] = cells[r][c] ? .null : .integer(row[c])
                if cells[r][c] { withheld.append(key) }
            }
            p[suppressedFlag] = .bool(!withheld.isEmpty)
            p[suppressedKey] = .string(withheld.joined(separator: ","))
            features.append(Feature(geometry: isRegion ? report.regions[r].geometry : nil, properties: p))
        }
        return features
    }

    /// needs.geojson or incidents.geojson (`countFeatures`), with the national totals.
    static func writeCounts(_ table: DemandTally.Table, total: String, cells: [[Bool]], rowTotals: [Bool], categoryTotals: [Bool],
                            report: CoverageReport, release: ReleaseMark, to path: String) throws -> String {
        var file = try GeoJSONWriter(path: path, members: ReportOutput.collectionMembers(report.isExampleData, release: release)
                                         + [totalsMember(table, total: total, withheld: categoryTotals)])
        for feature in countFeatures(table, total: total, cells: cells, rowTotals: rowTotals, report: report) { try file.write(feature) }
        try file.finish()
        return path
    }

    /// The national totals, all rows and per category (`gapmap_totals`):
    /// the column sums of the table, withheld ones null.
    static func totalsMember(_ table: DemandTally.Table, total: String, withheld: [Bool]) -> (name: String, value: JSONValue) {
        let grand = table.counts.reduce(0) { $0 + $1.reduce(0, +) }
        var fields: [(String, JSONValue)] = [(total, .integer(grand))]
        for (c, category) in table.categories.enumerated() {
            fields.append((categoryKey(category), withheld[c] ? .null : .integer(table.counts.reduce(0) { $0 + $1[c] })))
        }
        return (totalsKey, .object(JSONObject(fields)))
    }

    /// The collection member of needs.geojson and incidents.geojson that holds the national totals.
    public static let totalsKey = "gapmap_totals"

    /// rejected.csv of a shareable run: how many rows of each layer were
    /// rejected or duplicate, without their lines, ids or reasons (which
    /// quote the rows' values).
    static func writeRejectedCounts(_ report: CoverageReport, to path: String) throws -> String {
        var counts: [String: Int] = [:]
        for issue in report.issues { counts["\(issue.layer.rawValue)\t\(issue.disposition.rawValue)", default: 0] += 1 }
        var csv = CSVWriter(path: path, header: ["layer", "disposition", "rows", ReleaseMark.key])
        for key in counts.keys.sorted() {
            let parts = key.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            csv.write(row: parts + [String(counts[key]!), "shareable"])
        }
        try csv.finish()
        return path
    }
}
