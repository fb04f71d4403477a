import Foundation

/// share-report.txt: what a shareable run removed, aggregated, displaced
/// and suppressed, and the smallest count it published, for the person
/// who signs the data off before it leaves the team.
extension SharedFigures {
    public static let reportFile = "share-report.txt"

    /// Writes share-report.txt at `path`.
    public func writeDisclosureReport(_ report: CoverageReport, to path: String) throws {
        do {
            try Data(disclosureReport(report).utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw OutputFolder.cannotWrite(path, option: "--out", error)
        }
    }

    public func disclosureReport(_ report: CoverageReport) -> String {
        let needRows = needs.counts.reduce(0) { $0 + $1.reduce(0, +) }
        let incidentRows = incidents.counts.reduce(0) { $0 + $1.reduce(0, +) }
        func count(_ flags: [[Bool]]) -> Int { flags.reduce(0) { $0 + $1.filter { $0 }.count } }
        func count(_ flags: [Bool]) -> Int { flags.filter { $0 }.count }
        let metricValues = withheldMetrics.reduce(0) { $0 + $1.count }
        let metricRegions = withheldMetrics.filter { !$0.isEmpty }.count
        var lines = [
            "gapmap \(gapmapVersion): disclosure report of a shareable run",
            "",
            release.sentence(.english),
            release.sentence(.french),
            "",
            "RULES",
            "  minimum published count k = \(rules.minCount): no unit, category or metric shows a count of 1 to \(rules.minCount - 1)"
                + (rules.minCount == ShareRules.defaultMinCount ? " (the default, the usual threshold for tables about people)" : " (--min-count)"),
            "  complementary suppression: no sum (a row, a category total, covered + uncovered) is left with a single withheld term, "
                + "no withheld cell is pinned by the bounds the sums give, and none is determined by all the sums solved at once",
            "",
            "REMOVED",
            "  fields of needs and incidents: \(rules.dropped.joined(separator: ", "))",
            "  fields of initiatives.geojson: \(rules.droppedFromInitiatives.isEmpty ? "none" : rules.droppedFromInitiatives.joined(separator: ", "))",
            "  rejected.csv: line numbers, ids and reasons (they quote the rows); only counts per layer and disposition remain",
            "",
            "KEPT BY REQUEST (--keep-field)",
            "  \(rules.keptFields.isEmpty ? "none" : rules.keptFields.joined(separator: ", ") + " of initiatives.geojson")",
            "",
            "SENSITIVE KINDS (--sensitive-kind): presence per unit only",
        ] + sensitiveLines(report) + [
            "",
            "AGGREGATED",
            "  needs.geojson: \(needRows) needs counted per unit (\(report.regions.count) regions and one row for needs in no region) "
                + "× \(needs.categories.count) categories; no need is written at its coordinates",
            "  incidents.geojson: \(incidentRows) incidents counted per unit × \(incidents.categories.count) types; no incident is written at its coordinates",
        ] + hexagonLines() + [
            "",
            "DISPLACED",
        ] + displacementLines() + [
            "",
            "SUPPRESSED (null in the files, listed in each feature's suppressed_fields)",
            "  cells: \(outcome.total) (\(outcome.primary) counting 1 to \(rules.minCount - 1) rows, \(outcome.complementary) complementary)",
            "  needs per unit and category: \(count(needCells)) cells, \(count(needRowTotals)) unit totals, \(count(needCategoryTotals)) category totals",
            "  incidents per unit and type: \(count(incidentCells)) cells, \(count(incidentRowTotals)) unit totals, \(count(incidentCategoryTotals)) type totals",
            "  region metrics (needs, incidents, covered, uncovered, uncovered_demand): \(metricValues) values in \(metricRegions) regions",
            "  national totals: published",
            "  gap_rank: ranks 1, 2, ... over the regions whose uncovered_demand is published; null (unranked) in the "
                + "\(publishedRanks.filter { $0 == nil }.count) regions where it is withheld; summary.csv lists the ranked regions first, then the others by id",
            "",
            "SMALLEST PUBLISHED COUNT",
            "  \(smallestPublishedCount.map(String.init) ?? "none (nothing counted)")",
        ]
        if outcome.unprotectable > 0 {
            lines += ["", "WARNING",
                      "  \(outcome.unprotectable) sums keep a single withheld term because every other term is zero or a national total: "
                        + "the national total of that figure is below k; remove the figure before sharing"]
        }
        lines += ["", "NOT COVERED BY THESE RULES",
                  "  initiatives.geojson, coverage.geojson and gaps.geojson show the footprints of initiatives of other kinds, as in a restricted run"]
        return lines.joined(separator: "\n") + "\n"
    }

    /// What the geomask did, or that nothing was displaced.
    func displacementLines() -> [String] {
        guard let d = displaced else { return ["  none: points are aggregated, not displaced"] }
        let (low, near, high, far) = (NumberText.plain(Geomask.minimumMeters / 1000), NumberText.plain(Geomask.urbanMaximumMeters / 1000),
                                      NumberText.plain(Geomask.maximumMeters / 1000), NumberText.plain(Geomask.farMaximumMeters / 1000))
        let classes = d.urbanSource.map { source in
            ["  urban or rural, as DHS: a point is urban within √(population / (π × 1,500)) km of a GeoNames town of "
                + "15,000 people or more (\((source as NSString).lastPathComponent): GeoNames cities15000, CC BY 4.0, rebuilt by geodata/urban/build.py; "
                + "1,500 people per km² is the urban-centre density of the Degree of Urbanisation, UN Statistical Commission 2020), rural elsewhere; "
                + "\(d.urbanTowns ?? 0) towns near the regions",
             "  \(d.urban) urban points moved \(low) to \(near) km; \(d.rural) rural points moved \(low) to \(high) km (1 in 100, drawn at random, up to \(far) km)"]
        } ?? ["  every point is treated as rural (no town file was read): \(low) to \(high) km (1 in 100, drawn at random, up to \(far) km)"]
        return [
            "  \(SharedDisplacement.needsFile) and \(SharedDisplacement.incidentsFile): \(d.needs.count) needs and \(d.incidents.count) incidents with coordinates, "
                + "each moved in a random direction by a random distance, as DHS displaces its survey clusters",
        ] + classes + [
            "  each point stays in its own unit (in no unit if it was in none): \(d.redraws) draws were made again; "
                + "\(d.heldBack) points could not be kept in their unit and are written without coordinates",
            "  unit figures are computed from the true points, before displacement: they are the restricted run's",
            "  random numbers: the operating system's generator; there is no seed, so none is written anywhere, and another run moves the points elsewhere",
            "  each point keeps only its unit and its category (needs) or type (incidents)",
        ]
    }

    /// The counts per hexagon, when the run publishes them.
    func hexagonLines() -> [String] {
        guard let h = hexagons else { return [] }
        let width = NumberText.plain(h.cells.widthMeters / 1000), edge = NumberText.plain((h.cells.edgeMeters / 10).rounded() / 100)
        let area = NumberText.plain((h.cells.areaKm2 * 10).rounded() / 10)
        func withCoordinates(_ t: DemandTally.Table) -> Int { t.counts.dropFirst().reduce(0) { $0 + $1.reduce(0, +) } }
        return [
            "  \(SharedHexagons.needsFile) and \(SharedHexagons.incidentsFile): the needs and incidents with coordinates counted per hexagon of "
                + "\(h.cells.spelling) (\(width) km flat to flat, edge \(edge) km, \(area) km² each; \(h.projection.definition)) and category: "
                + "\(withCoordinates(h.needs)) needs in \(h.needs.counts.count - 1) hexagons, \(withCoordinates(h.incidents)) incidents in "
                + "\(h.incidents.counts.count - 1) hexagons (\(h.hexagonCount) hexagons in all); rows without coordinates in one feature without geometry",
            "  hexagon cells withheld: \(h.withheldCount) (counts, hexagon totals and category totals; included in the count below)",
        ]
    }

    /// What the run did with the initiatives of sensitive kinds.
    func sensitiveLines(_ report: CoverageReport) -> [String] {
        guard let sensitive else { return ["  none named"] }
        let present = sensitive.kinds.filter { !$0.isEmpty }.count
        return [
            "  kinds: \(rules.sensitiveKinds.joined(separator: ", ")); \(sensitive.sensitiveCount) initiatives of these kinds",
            "  initiatives.geojson: none of them (no footprint, no point, no id or name)",
            "  regions.geojson: \(SensitivePresence.presenceKey) lists the kinds present in each unit (\(present) units)",
            "  coverage.geojson: the \(sensitive.maskedCount) units their footprints reach are cut out; "
                + "gaps.geojson: those units' gaps have no geometry (\(SensitivePresence.geometryWithheldKey) true)",
        ]
    }
}
