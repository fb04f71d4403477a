import Foundation
import GeoCore
import GeoFormats

/// The counts per hexagon a shareable run publishes (`--share-cells`):
/// needs_hexagons and incidents_hexagons, one polygon per hexagon that holds
/// a point, with its count of rows and per category, withheld cells null.
/// Their cells are suppressed in the same engine as the unit tables, each
/// category's national total bound to the unit tables' own, so that no
/// published total gives a withheld hexagon away (`SharedFigures`).
public struct SharedHexagons: Sendable {
    public let cells: HexagonCells
    public let projection: MapProjection
    public let needs: DemandTally.Table
    public let incidents: DemandTally.Table
    /// Per table row, its hexagon and polygon (nil for the row without coordinates).
    public let needHexagons: [HexagonCells.Index?], incidentHexagons: [HexagonCells.Index?]
    public let needPolygons: [Polygon?], incidentPolygons: [Polygon?]
    /// Per table, withheld[row][category]; the row totals; the category totals.
    public internal(set) var needCells: [[Bool]] = [], needRowTotals: [Bool] = [], needCategoryTotals: [Bool] = []
    public internal(set) var incidentCells: [[Bool]] = [], incidentRowTotals: [Bool] = [], incidentCategoryTotals: [Bool] = []

    /// The property that names a hexagon, and the files.
    public static let idKey = "hex_id"
    public static let needsFile = "needs_hexagons", incidentsFile = "incidents_hexagons"
    /// The collection member that says what the hexagons are.
    public static let member = "gapmap_hexagons"

    init(_ tally: HexagonTally) throws {
        guard let lattice = tally.lattice else { throw GapMapError(message: "the hexagons were never laid out: the analysis read no region") }
        cells = tally.cells
        projection = lattice.projection
        needs = tally.needs
        incidents = tally.incidents
        needHexagons = tally.needHexagons
        incidentHexagons = tally.incidentHexagons
        needPolygons = try tally.needHexagons.map { try $0.map(lattice.polygon) }
        incidentPolygons = try tally.incidentHexagons.map { try $0.map(lattice.polygon) }
    }

    /// One hexagon of the map: its polygon and its published counts of
    /// needs and incidents (nil where withheld; 0 where it holds none of
    /// the layer).
    public struct MapCell: Sendable {
        public var index: HexagonCells.Index
        public var polygon: Polygon
        public var needs: Int?, incidents: Int?
        /// The published count of both layers; nil when either is withheld.
        public var count: Int? { needs.flatMap { n in incidents.map { n + $0 } } }
    }

    /// Every hexagon that holds a need or an incident, in index order: what
    /// the static map and the interactive report draw.
    public var mapCells: [MapCell] {
        var byIndex: [HexagonCells.Index: MapCell] = [:]
        for isNeeds in [true, false] {
            let (table, indices, polygons) = isNeeds ? (needs, needHexagons, needPolygons) : (incidents, incidentHexagons, incidentPolygons)
            let withheld = isNeeds ? needRowTotals : incidentRowTotals
            for (r, index) in indices.enumerated() {
                guard let index, let polygon = polygons[r] else { continue }
                if byIndex[index] == nil { byIndex[index] = MapCell(index: index, polygon: polygon, needs: 0, incidents: 0) }
                let count: Int? = withheld[r] ? nil : table.counts[r].reduce(0, +)
                if isNeeds { byIndex[index]!.needs = count } else { byIndex[index]!.incidents = count }
            }
        }
        return byIndex.keys.sorted().map { byIndex[$0]! }
    }

    /// How many hexagons hold a need or an incident.
    public var hexagonCount: Int { Set((needHexagons + incidentHexagons).compactMap { $0 }).count }

    /// How many cells (counts, row and category totals) of both tables are withheld.
    public var withheldCount: Int {
        func count(_ flags: [Bool]) -> Int { flags.filter { $0 }.count }
        return (needCells + incidentCells).reduce(0) { $0 + count($1) } + count(needRowTotals + incidentRowTotals)
            + count(needCategoryTotals + incidentCategoryTotals)
    }

    /// The `gapmap_hexagons` member: the shape, size and projection.
    public var description: JSONValue {
        .object(JSONObject([
            ("shape", .string("hexagon")), ("spelling", .string(cells.spelling)),
            ("width_km", .number(cells.widthMeters / 1000)), ("edge_km", .number(cells.edgeMeters / 1000)),
            ("area_km2", .number(cells.areaKm2)), ("projection", .string(projection.definition)),
        ]))
    }

    /// One feature per row of a table: the hexagon's polygon (none for the
    /// rows without coordinates), its count and its counts per category.
    func features(needs isNeeds: Bool) -> [Feature] {
        let (table, hexagons, polygons) = isNeeds ? (needs, needHexagons, needPolygons) : (incidents, incidentHexagons, incidentPolygons)
        let (cellFlags, rowFlags) = isNeeds ? (needCells, needRowTotals) : (incidentCells, incidentRowTotals)
        let total = isNeeds ? MetricCatalogue.needs.key : MetricCatalogue.incidents.key
        var features: [Feature] = []
        for (r, row) in table.counts.enumerated() {
            let rowTotal = row.reduce(0, +)
            if hexagons[r] == nil, rowTotal == 0 { continue }
            var p = Properties([
                (Self.idKey, hexagons[r].map { .string($0.id) } ?? .null),
                (total, rowFlags[r] ? .null : .integer(rowTotal)),
            ])
            var withheld = rowFlags[r] ? [total] : []
            for (c, category) in table.categories.enumerated() {
                let key = SharedFigures.categoryKey(category)
                p[key] = cellFlags[r][c] ? .null : .integer(row[c])
                if cellFlags[r][c] { withheld.append(key) }
            }
            p[SharedFigures.suppressedFlag] = .bool(!withheld.isEmpty)
            p[SharedFigures.suppressedKey] = .string(withheld.joined(separator: ","))
            features.append(Feature(geometry: polygons[r].map { .polygon($0) }, properties: p))
        }
        return features
    }

    /// needs_hexagons.geojson or incidents_hexagons.geojson, with the national totals and what the hexagons are.
    func write(needs isNeeds: Bool, report: CoverageReport, release: ReleaseMark, toFolder folder: String) throws -> String {
        let path = (folder as NSString).appendingPathComponent((isNeeds ? Self.needsFile : Self.incidentsFile) + ".geojson")
        let table = isNeeds ? needs : incidents
        let total = isNeeds ? MetricCatalogue.needs.key : MetricCatalogue.incidents.key
        var file = try GeoJSONWriter(path: path, members: ReportOutput.collectionMembers(report.isExampleData, release: release)
                                         + [SharedFigures.totalsMember(table, total: total, withheld: isNeeds ? needCategoryTotals : incidentCategoryTotals),
                                            (Self.member, description)])
        for feature in features(needs: isNeeds) { try file.write(feature) }
        try file.finish()
        return path
    }

    /// The GeoPackage layer of one table, with the fields its features carry.
    func geoPackageLayer(needs isNeeds: Bool, report: CoverageReport, release: ReleaseMark,
                         language: ReportLanguage = .english) -> GeoPackageLayer {
        let table = isNeeds ? needs : incidents
        let total = isNeeds ? MetricCatalogue.needs.key : MetricCatalogue.incidents.key
        let area = NumberText.grouped((cells.areaKm2 * 10).rounded() / 10, decimals: 1, language: language)
        let description = language == .french
            ? "Les \(isNeeds ? "besoins" : "incidents") comptés par hexagone de \(cells.spelling) (largeur entre côtés opposés ; "
                + "\(area) km² chacun, \(projection.definition)) et par catégorie ; une ligne sans géométrie pour ceux sans coordonnées"
            : "The \(isNeeds ? "needs" : "incidents") counted per hexagon of \(cells.spelling) (flat-to-flat width; "
                + "\(area) km² each, \(projection.definition)) and category; a row without geometry for those without coordinates"
        return GeoPackageLayer(
            name: isNeeds ? Self.needsFile : Self.incidentsFile, geometryType: .multiPolygon,
            fields: [GeoPackageField(Self.idKey, .text), GeoPackageField(total, .integer)]
                + table.categories.map { GeoPackageField(SharedFigures.categoryKey($0), .integer) }
                + [GeoPackageField(SharedFigures.suppressedFlag, .boolean), GeoPackageField(SharedFigures.suppressedKey, .text)],
            description: description)
            .marked(report.isExampleData, release: release, language: language)
    }
}
