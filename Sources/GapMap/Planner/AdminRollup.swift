import Foundation
import GeoCore
import GeoFormats

/// How children (communes) are grouped into parents (cercles, regions).
public enum RollupGrouping: Sendable {
    /// A field of the child naming its parent's id (OCHA `admin2Pcod` in a
    /// commune), and optionally a field with the parent's name.
    case parentField(id: String, name: String?)
    /// The first N characters of the child's id (P-codes nest: ML0501 → ML05).
    case idPrefix(Int)
    /// The parent polygon that covers a point on the child's surface (GEOS
    /// PointOnSurface), for layers without codes; the parents give ids and
    /// names only: the parent's polygon is still the union of its children.
    case containment(parents: [Region], file: String)
}

/// One level to roll up to.
public struct RollupLevel: Sendable {
    /// Short name, used in file names: `regions_<name>.geojson`.
    public var name: String
    public var grouping: RollupGrouping

    public init(name: String, grouping: RollupGrouping) {
        self.name = name
        self.grouping = grouping
    }

    /// How the children were grouped, in words.
    public var groupedBy: String { groupedBy(.english) }

    /// The administrative level the parents are at, from the level's name
    /// (admin2, adm2, gid2 → 2, as `AdminRollup.levelName` writes the P-code
    /// fields); nil for a prefix, a file or another field.
    public var administrativeLevel: Int? {
        guard let match = name.range(of: "^(admin|adm|gid)[0-9]$", options: [.regularExpression, .caseInsensitive]) else { return nil }
        return Int(String(name[match].last!))
    }

    public func groupedBy(_ language: ReportLanguage) -> String {
        let fr = language == .french
        switch grouping {
        case .parentField(let id, _): return fr ? "champ d'identifiant parent \(id)" : "parent id field \(id)"
        case .idPrefix(let n): return fr ? "les \(n) premiers caractères de l'identifiant" : "the first \(n) characters of the id"
        case .containment(_, let file): return fr ? "le polygone de \(file) qui couvre un point de la surface de chaque enfant" : "the polygon of \(file) covering a point on each child's surface"
        }
    }
}

/// The metrics of one coarser level, from the analysis of a finer one.
public struct RollupResult: Sendable, Encodable {
    public var level: RollupLevel
    /// The parents: id, name and polygon (the union of their children).
    public var regions: [Region]
    public var metrics: [RegionMetrics]
    /// Per parent, the ids of its children.
    public var childIDs: [[String]]
    /// Children without a parent (empty field, id too short, in no parent
    /// polygon): their figures are in no parent, and listed here.
    public var orphanIDs: [String]
    /// Parents whose children overlap or do not share edges exactly, so that
    /// their polygon was built with a general union instead of a coverage union.
    public var generalUnionParents: [String]

    enum CodingKeys: String, CodingKey {
        case level, groupedBy = "grouped_by", regions, totals, orphans, generalUnion = "general_union_parents", definitions
    }

    struct Parent: Encodable {
        var metrics: RegionMetrics
        var children: [String]

        func encode(to encoder: any Encoder) throws {
            try metrics.encode(to: encoder)
            var c = encoder.container(keyedBy: Keys.self)
            try c.encode(children, forKey: .children)
        }

        enum Keys: String, CodingKey { case children }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(level.name, forKey: .level)
        try c.encode(level.groupedBy, forKey: .groupedBy)
        try c.encode(zip(metrics, childIDs).map { Parent(metrics: $0, children: $1) }, forKey: .regions)
        try c.encode(RegionTotals(metrics), forKey: .totals)
        try c.encode(orphanIDs, forKey: .orphans)
        try c.encode(generalUnionParents, forKey: .generalUnion)
        try c.encode(AdminRollup.definitions, forKey: .definitions)
    }
}

/// Rolls the per-region metrics of an analysis up to coarser administrative
/// levels. Each level's metrics are computed from its own polygons:
/// - a parent's polygon is the union of its children (GEOS coverage union,
///   valid for children that do not overlap; a general union where they
///   do, checked by comparing areas);
/// - `area_km2` is the geodesic area of that union, not a sum of the
///   children's values; `covered_km2` the geodesic area of parent ∩ coverage,
///   `coverage_pct` their ratio;
/// - `initiatives`, needs, incidents and population figures are exactly the
///   sums of the children's (so each point counts where the analysis put it);
/// - `gap_rank` is ranked among the parents by the analysis' rule.
public enum AdminRollup {
    public static let definitions: [String: String] = [
        MetricCatalogue.areaKm2.key: "geodesic area of the parent's polygon, the union of its children's polygons (not the sum of their areas)",
        MetricCatalogue.coveredKm2.key: "geodesic area of the parent's polygon ∩ the coverage",
        "counts": {
            let summed = MetricCatalogue.all.filter { [.sum, .sumOfKnown].contains($0.rollup) }.map(\.key)
            return summed.dropLast().joined(separator: ", ") + " and " + summed.last! + " are the sums of the children's"
        }(),
        MetricCatalogue.gapRank.key: "rank among the parents of this level: 1 = most uncovered demand; ties by lower coverage_pct, then id",
        MetricCatalogue.programmes.key: "programmes present in at least one of the parent's children, each counted once",
        "orphans": "children with no parent at this level; their figures are in no parent",
    ]

    // MARK: Levels from the command line

    /// The levels named on the command line:
    /// - `auto`: every coarser level whose P-code field the regions file has
    ///   (OCHA `admin<N>Pcod`, `ADM<N>_PCODE`, GADM `GID_<N>`), else its
    ///   parent field;
    /// - `FIELD`: a field of the regions naming the parent id;
    /// - `prefix:N`: the first N characters of the id;
    /// - `file:PATH` (or a path ending in .geojson, .json or .gpkg; a
    ///   GeoPackage layer as `file:PATH.gpkg:LAYER`): a parent boundary file,
    ///   children grouped by spatial containment.
    /// Each may start with `NAME=` to name the level (`cercles=admin2Pcod`).
    public static func levels(_ specs: [String], regionsFile: FeatureCollection, fields: RegionFields) throws -> [RollupLevel] {
        let columns = regionsFile.source.columns
        let lookup = FieldLookup(columns: columns)
        var result: [RollupLevel] = []
        for raw in specs.flatMap({ $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }) where !raw.isEmpty {
            var spec = raw
            var name: String?
            if let eq = spec.firstIndex(of: "="), !spec[..<eq].contains(":"), !spec[..<eq].contains("/") {
                name = String(spec[..<eq])
                spec = String(spec[spec.index(after: eq)...])
            }
            if spec.lowercased() == "auto" {
                let detected = autoLevels(fields: fields, lookup: lookup)
                guard !detected.isEmpty else {
                    throw GapMapError(file: regionsFile.source.path, field: "rollup",
                                      message: "no parent level found: the id field \(fields.id) has no coarser P-code fields beside it and no parent field",
                                      fix: "Name the parent field (--rollup FIELD), a P-code prefix (--rollup prefix:4) or a parent boundary file (--rollup file:PATH)")
                }
                result += detected
            } else if spec.lowercased().hasPrefix("prefix:") {
                guard let n = Int(spec.dropFirst(7)), n > 0 else {
                    throw GapMapError(field: "rollup", message: "'\(raw)' is not prefix:N with N a positive number of characters",
                                      fix: "For P-codes such as ML0501 (cercle) in ML05 (region), write --rollup prefix:4")
                }
                result.append(RollupLevel(name: name ?? "prefix\(n)", grouping: .idPrefix(n)))
            } else if spec.lowercased().hasPrefix("file:") || [".geojson", ".json", ".gpkg"].contains(where: spec.lowercased().hasSuffix) {
                let path = spec.lowercased().hasPrefix("file:") ? String(spec.dropFirst(5)) : spec
                let builder = LayerBuilder(engine: try GeometryEngine())
                let (parents, _) = try builder.regions(from: try FeatureFileReader.read(path))
                let base = ((GeoPackageReader.splitLayerReference(path).0 as NSString).lastPathComponent as NSString).deletingPathExtension
                result.append(RollupLevel(name: name ?? base, grouping: .containment(parents: parents.items, file: path)))
            } else {
                guard let field = lookup.find([spec]) else {
                    throw GapMapError(file: regionsFile.source.path, field: spec, message: "the regions have no field '\(spec)' to roll up by",
                                      fix: "Its fields are: \(columns.joined(separator: ", ")); or use prefix:N, file:PATH or auto")
                }
                result.append(RollupLevel(name: name ?? levelName(field), grouping: .parentField(id: field, name: nameField(for: field, lookup: lookup))))
            }
        }
        var seen = Set<String>()
        for level in result {
            guard seen.insert(level.name).inserted else {
                throw GapMapError(field: "rollup", message: "two roll-up levels are named '\(level.name)'", fix: "Name them apart with NAME=, e.g. --rollup cercles=admin2Pcod")
            }
        }
        return result
    }

    static func autoLevels(fields: RegionFields, lookup: FieldLookup) -> [RollupLevel] {
        let patterns: [(regex: String, id: (Int) -> String)] = [
            ("^admin([0-9])Pcod$", { "admin\($0)Pcod" }), ("^ADM([0-9])_PCODE$", { "ADM\($0)_PCODE" }), ("^GID_([0-9])$", { "GID_\($0)" }),
        ]
        for (pattern, idField) in patterns {
            guard let match = fields.id.range(of: pattern, options: [.regularExpression, .caseInsensitive]) else { continue }
            let digit = fields.id[match].first(where: \.isNumber).flatMap { Int(String($0)) } ?? 0
            var levels: [RollupLevel] = []
            for level in stride(from: digit - 1, through: 1, by: -1) {
                guard let field = lookup.find([idField(level)]) else { continue }
                levels.append(RollupLevel(name: levelName(field), grouping: .parentField(id: field, name: nameField(for: field, lookup: lookup))))
            }
            if !levels.isEmpty { return levels }
        }
        if let parent = fields.parent {
            return [RollupLevel(name: "parent", grouping: .parentField(id: parent, name: nil))]
        }
        return []
    }

    /// admin2Pcod → admin2, ADM2_PCODE → adm2, GID_2 → gid2, else the field lower-cased.
    static func levelName(_ field: String) -> String {
        var name = field
        for suffix in ["Pcod", "_PCODE", "_pcode", "PCODE"] where name.hasSuffix(suffix) { name = String(name.dropLast(suffix.count)) }
        name = name.replacingOccurrences(of: "_", with: "").lowercased()
        return name.filter { $0.isLetter || $0.isNumber || $0 == "-" }
    }

    /// The name field that goes with a parent id field, by the known schemas.
    static func nameField(for idField: String, lookup: FieldLookup) -> String? {
        if let m = idField.range(of: "^admin([0-9])Pcod$", options: [.regularExpression, .caseInsensitive]) {
            let n = idField[m].filter(\.isNumber)
            return lookup.find(["admin\(n)Name", "admin\(n)Name_fr", "admin\(n)Name_en"])
        }
        if let m = idField.range(of: "^ADM([0-9])_PCODE$", options: [.regularExpression, .caseInsensitive]) {
            let n = idField[m].filter(\.isNumber)
            return lookup.find(["ADM\(n)_FR", "ADM\(n)_EN", "ADM\(n)_NAME", "ADM\(n)_REF"])
        }
        if let m = idField.range(of: "^GID_([0-9])$", options: [.regularExpression, .caseInsensitive]) {
            return lookup.find(["NAME_\(idField[m].filter(\.isNumber))"])
        }
        return nil
    }

    // MARK: Rolling up

    /// Reads the regions file once more for the children's fields, then rolls up.
    public static func run(_ report: CoverageReport, specs: [String], regionsPath: String) throws -> [RollupResult] {
        let file = try FeatureFileReader.read(regionsPath)
        let levels = try levels(specs, regionsFile: file, fields: report.regionFields)
        var byID: [String: Properties] = [:]
        for feature in file.features {
            let id = feature.properties.text(report.regionFields.id)
            if !id.isEmpty, byID[id] == nil { byID[id] = feature.properties }
        }
        return try levels.map { try run(report, level: $0, childProperties: report.regions.map { byID[$0.id] ?? Properties() }) }
    }

    /// Rolls `report`'s regions (the children) up to `level`;
    /// `childProperties[i]` are the fields of child i.
    public static func run(_ report: CoverageReport, level: RollupLevel, childProperties: [Properties]) throws -> RollupResult {
        let children = report.regions
        // Parent id and name of each child.
        var parentOf = [(id: String, name: String)?](repeating: nil, count: children.count)
        switch level.grouping {
        case .parentField(let idField, let nameField):
            for (i, p) in childProperties.enumerated() {
                let id = p.text(idField)
                if !id.isEmpty {
                    let name = p.text(nameField)
                    parentOf[i] = (id, name.isEmpty ? id : name)
                }
            }
        case .idPrefix(let n):
            for (i, child) in children.enumerated() where child.id.count > n {
                let id = String(child.id.prefix(n))
                parentOf[i] = (id, id)
            }
        case .containment(let parents, _):
            let engine = try GeometryEngine()
            let points = try children.map { try engine.pointOnSurface($0.geometry) ?? Coordinate(x: .nan, y: .nan) }
            let located = try PolygonLocator(polygons: parents.map(\.geometry)).firstCovering(points, workers: report.parameters.workers)
            for (i, p) in located.enumerated() {
                if let p { parentOf[i] = (parents[p].id, parents[p].name) }
            }
        }
        // Parents in order of first appearance.
        var order: [String] = []
        var members: [String: [Int]] = [:]
        var names: [String: String] = [:]
        var orphans: [String] = []
        for (i, parent) in parentOf.enumerated() {
            guard let parent else {
                orphans.append(children[i].id)
                continue
            }
            if members[parent.id] == nil {
                order.append(parent.id)
                names[parent.id] = parent.name
            }
            members[parent.id, default: []].append(i)
        }

        // Each parent's polygon: the union of its children.
        let childAreas = children.map { Geodesy.areaSquareKilometers($0.geometry) }
        let groups = order.map { members[$0]! }
        let unions = try parallelChunks(count: groups.count, workers: report.parameters.workers) { range in
            let engine = try GeometryEngine()
            return try range.map { g -> (Geometry, Bool) in
                let parts = groups[g].map { children[$0].geometry }
                if parts.count == 1 { return (parts[0], false) }
                let expected = groups[g].reduce(0) { $0 + childAreas[$1] }
                // The coverage union is exact for children that tile the parent;
                // where the area shows they overlap (or it fails), a general union.
                if let union = try? engine.coverageUnion(parts).value().polygonalPart,
                   abs(Geodesy.areaSquareKilometers(union) - expected) <= 1e-9 * expected, (try? engine.isValid(union)) == true {
                    return (union, false)
                }
                return (try engine.union(parts).value().polygonalPart, true)
            }
        }.flatMap { $0 }
        let parentGeometries = unions.map(\.0)
        let areas = parentGeometries.map { Geodesy.areaSquareKilometers($0) }
        let parts = report.coverage.isEmpty
            ? parentGeometries.map { PolygonOverlay.Parts(inside: .emptyPolygonal, outside: $0) }
            : SliverRule.absorbingGapSlivers(try PolygonOverlay.split(parentGeometries, by: report.coverage, workers: report.parameters.workers),
                                             regions: parentGeometries, areas: areas)

        let programmes = ProgrammePresence(initiatives: report.initiatives, inRun: report.initiativeInRun, regions: children)
        var metrics: [RegionMetrics] = []
        var regions: [Region] = []
        for (p, id) in order.enumerated() {
            let kids = groups[p].map { report.metrics[$0] }
            let parent = MetricCatalogue.rollUp(kids, into: RegionMetrics(regionID: id, name: names[id] ?? id, parentID: nil), measured: [
                MetricCatalogue.areaKm2.key: areas[p], MetricCatalogue.coveredKm2.key: Geodesy.areaSquareKilometers(parts[p].inside),
                MetricCatalogue.programmes.key: Double(programmes.count(inAnyOf: groups[p])),
            ])
            metrics.append(parent)
            regions.append(Region(id: id, name: names[id] ?? id, parentID: nil, alternateNames: [], population: metrics[p].population,
                                  geometry: parentGeometries[p], location: "roll-up of \(groups[p].count) regions"))
        }
        GapRanking.assign(&metrics, by: report.parameters.rankBy)
        return RollupResult(level: level, regions: regions, metrics: metrics, childIDs: groups.map { $0.map { children[$0].id } },
                            orphanIDs: orphans, generalUnionParents: zip(order, unions).filter { $0.1.1 }.map(\.0))
    }

    // MARK: Output

    /// Writes `regions_<level>.geojson`: each parent's polygon with its metrics
    /// and the number of its children, the collection marked restricted or
    /// shareable (`release`) and as example data; `shared` withholds a
    /// shareable run's figures (`SharedRollup`). Returns the path.
    @discardableResult
    public static func writeGeoJSON(_ result: RollupResult, to directory: String, isExampleData: Bool, release: ReleaseMark = .restricted,
                                    shared: (Int, Properties) -> Properties = { $1 }) throws -> String {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = (directory as NSString).appendingPathComponent("regions_\(result.level.name).geojson")
        var writer = try GeoJSONWriter(path: path, members: ReportOutput.collectionMembers(isExampleData, release: release))
        for (p, region) in result.regions.enumerated() {
            var properties = ReportOutput.properties(of: result.metrics[p])
            properties["level"] = .string(result.level.name)
            properties["children"] = .integer(result.childIDs[p].count)
            try writer.write(Feature(geometry: region.geometry, properties: shared(p, properties)))
        }
        try writer.finish()
        return path
    }
}

/// The `--json` summary of `analyze` with the run's filter and roll-ups:
/// every member of `SummaryDocument`, then `filter` and `rollup`.
public struct PlannerSummaryDocument: Encodable, Sendable {
    public var summary: SummaryDocument
    public var filter: AnalysisFilter?
    public var rollup: [RollupResult]?

    public init(_ summary: SummaryDocument, filter: AnalysisFilter?, rollup: [RollupResult]?) {
        self.summary = summary
        self.filter = filter
        self.rollup = rollup
    }

    enum CodingKeys: String, CodingKey { case filter, rollup }

    public func encode(to encoder: any Encoder) throws {
        try summary.encode(to: encoder)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(filter, forKey: .filter)
        try c.encodeIfPresent(rollup, forKey: .rollup)
    }

    public func json() throws -> Data {
        try JSONDocument.encode(self)
    }
}
