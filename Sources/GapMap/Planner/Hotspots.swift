import Foundation
import GeoCore
import GeoFormats

/// How hotspots are found.
public struct HotspotRequest: Sendable, Equatable, Encodable {
    /// Neighbourhood radius, km (geodesic).
    public var radiusKm: Double
    /// The demand weight a neighbourhood must hold for its centre to be a core point.
    public var minimumWeight: Double
    /// Vertices of each member's disc in the outline.
    public var segments: Int
    /// The widest a hotspot may be, km: every member lies within half of it
    /// (geodesic) of the hotspot's centre. Nil keeps DBSCAN's clusters whole,
    /// however far they chain.
    public var maxExtentKm: Double?

    /// How many neighbourhood radii wide a hotspot may be by default: a
    /// hotspot then spans at most two neighbourhoods on either side of its
    /// densest point, a place a planner can cover with a few initiatives,
    /// not a chain of clusters across a country.
    public static let defaultExtentInRadii = 4.0

    /// `maxExtentKm` nil by default means `defaultExtentInRadii` × the radius;
    /// give `.unbounded` to keep the clusters whole.
    public init(radiusKm: Double, minimumWeight: Double, segments: Int = 32, maxExtent: HotspotExtent = .standard) {
        self.radiusKm = radiusKm
        self.minimumWeight = minimumWeight
        self.segments = segments
        switch maxExtent {
        case .standard: maxExtentKm = Self.defaultExtentInRadii * radiusKm
        case .unbounded: maxExtentKm = nil
        case .kilometres(let km): maxExtentKm = km
        }
    }

    /// Why `extentKm` cannot bound hotspots of neighbourhood `radiusKm`, or
    /// nil: it must be at least the radius (a piece then still holds its
    /// centre's near neighbours) and within `InputBounds.hotspotExtentKm`.
    public static func extentProblem(extentKm: Double, radiusKm: Double) -> String? {
        guard InputBounds.hotspotExtentKm.allows(extentKm), extentKm >= radiusKm else {
            return "a hotspot's largest extent must be at least the neighbourhood radius (\(NumberText.plain(radiusKm)) km) "
                + "and \(InputBounds.hotspotExtentKm.range), not \(NumberText.plain(extentKm))"
        }
        return nil
    }

    enum CodingKeys: String, CodingKey { case radiusKm = "radius_km", minimumWeight = "min_weight", segments, maxExtentKm = "max_extent_km" }
}

/// How wide a hotspot may be.
public enum HotspotExtent: Sendable, Equatable {
    /// `HotspotRequest.defaultExtentInRadii` neighbourhood radii.
    case standard
    /// DBSCAN's clusters, whole.
    case unbounded
    case kilometres(Double)
}

/// A cluster of uncovered demand.
public struct Hotspot: Sendable, Encodable {
    public struct RegionShare: Sendable, Encodable, Equatable {
        public var regionID: String
        public var name: String
        public var weight: Double
        enum CodingKeys: String, CodingKey { case regionID = "region_id", name, weight }
    }

    /// H1, H2, ... by decreasing weight.
    public var id: String
    public var weight: Double
    public var needsWeight: Double
    public var incidentsWeight: Double
    /// Rows in the cluster (needs + incidents), and how many are core points.
    public var members: Int
    public var needs: Int
    public var incidents: Int
    public var corePoints: Int
    /// The regions its members lie in, most weight first.
    public var regions: [RegionShare]
    /// The member whose neighbourhood holds the most weight.
    public var centre: Coordinate
    /// The outline: the union of geodesic discs of radius/2 around the members.
    public var geometry: Geometry
    public var areaKm2: Double

    enum CodingKeys: String, CodingKey {
        case id, weight, needsWeight = "needs_weight", incidentsWeight = "incidents_weight", members, needs, incidents
        case corePoints = "core_points", regions, centreLon = "centre_lon", centreLat = "centre_lat", areaKm2 = "area_km2"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(weight, forKey: .weight)
        try c.encode(needsWeight, forKey: .needsWeight)
        try c.encode(incidentsWeight, forKey: .incidentsWeight)
        try c.encode(members, forKey: .members)
        try c.encode(needs, forKey: .needs)
        try c.encode(incidents, forKey: .incidents)
        try c.encode(corePoints, forKey: .corePoints)
        try c.encode(regions, forKey: .regions)
        try c.encode(centre.x, forKey: .centreLon)
        try c.encode(centre.y, forKey: .centreLat)
        try c.encode(areaKm2, forKey: .areaKm2)
    }
}

/// Clusters of uncovered demand: the under-served places, not just the
/// under-served regions. Density-based (DBSCAN, Ester et al. 1996, with
/// weights):
/// - the points are the needs and incidents located by a point in some
///   region that no footprint covers, each with its weight;
/// - a point's neighbourhood is every point within `radius_km` of it,
///   itself included (geodesic distance, as PROJ geod_inverse gives it; see
///   `DensityClusters` for how it is found on a million points), its
///   weight summed exactly;
/// - a core point has neighbourhood weight ≥ `min_weight`; a hotspot is a
///   set of core points linked through each other's neighbourhoods, plus the
///   non-core points within reach of one of them (each joins the first
///   hotspot, in input order, that reaches it); other points are noise;
/// - its outline is the union of geodesic discs of radius radius_km / 2
///   around its members (so the discs of two neighbours meet), never a
///   buffer in degrees; `area_km2` is that outline's geodesic area. A
///   hotspot of more than 16,384 distinct positions is outlined with fewer,
///   larger discs that hold every member's (`outline(around:)`);
/// - a hotspot is at most `max_extent_km` wide (by default 4 × the radius):
///   a cluster that chains farther is split (`bounded(_:)`), from its
///   densest core point outwards, into hotspots whose members all lie within
///   `max_extent_km` / 2 of their centre; a piece lighter than `min_weight`
///   (a fringe whose neighbours went to heavier pieces) is no hotspot.
public struct HotspotAnalysis: Sendable, Encodable {
    public var request: HotspotRequest
    /// By decreasing weight.
    public var hotspots: [Hotspot]
    /// Uncovered demand rows considered, and their weight.
    public var points: Int
    public var weight: Double
    /// Rows and weight in no hotspot.
    public var noisePoints: Int
    public var noiseWeight: Double
    /// Of those, the rows and weight of the pieces of split clusters lighter
    /// than `min_weight` (not hotspots: a hotspot holds at least that much).
    public var fragmentPoints: Int = 0
    public var fragmentWeight: Double = 0

    enum CodingKeys: String, CodingKey {
        case request, hotspots, points, weight, noisePoints = "noise_points", noiseWeight = "noise_weight"
        case fragmentPoints = "fragment_points", fragmentWeight = "fragment_weight", definitions
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(request, forKey: .request)
        try c.encode(hotspots, forKey: .hotspots)
        try c.encode(points, forKey: .points)
        try c.encode(weight, forKey: .weight)
        try c.encode(noisePoints, forKey: .noisePoints)
        try c.encode(noiseWeight, forKey: .noiseWeight)
        try c.encode(fragmentPoints, forKey: .fragmentPoints)
        try c.encode(fragmentWeight, forKey: .fragmentWeight)
        try c.encode(Self.definitions, forKey: .definitions)
    }

    public static let definitions: [String: String] = [
        "points": "needs and incidents located by a point in some region that no footprint of the run covers",
        "neighbourhood": "the points within radius_km (geodesic) of a point, itself included",
        "core point": "a point whose neighbourhood holds at least min_weight of demand weight",
        "hotspot": "core points linked through their neighbourhoods, with the other points within radius_km of one of them",
        "outline": "union of geodesic discs of radius radius_km / 2 around the members (past 16,384 distinct positions, one larger disc per grid cell of members, holding their discs); area_km2 is its geodesic area",
        "noise": "points in no hotspot (with a bounded extent, also the border points of a split cluster left farther than max_extent_km / 2 from every centre, and the fragments)",
        "fragment": "a piece of a split cluster whose weight is below min_weight: not a hotspot, its points are noise (fragment_points, fragment_weight)",
        "max_extent_km": "the widest a hotspot may be: a cluster that chains farther is split from its densest core point outwards; each piece takes the cluster's points within max_extent_km / 2 of its centre, the densest core point not yet taken",
    ]

    /// Clusters of `demand`, the run's `DemandPoints(.uncovered)`.
    public static func find(_ report: CoverageReport, demand points: DemandPoints, request: HotspotRequest) throws -> HotspotAnalysis {
        guard InputBounds.radiusKm.allows(request.radiusKm) else {
            throw GapMapError(field: "radius", message: "the neighbourhood radius must be a number of km \(InputBounds.radiusKm.range), not \(NumberText.plain(request.radiusKm))")
        }
        guard InputBounds.minimumWeight.allows(request.minimumWeight) else {
            throw GapMapError(field: "min-weight", message: "the minimum weight must be a number \(InputBounds.minimumWeight.range), not \(NumberText.plain(request.minimumWeight))")
        }
        if let extent = request.maxExtentKm, let problem = HotspotRequest.extentProblem(extentKm: extent, radiusKm: request.radiusKm) {
            throw GapMapError(field: "max-extent", message: problem)
        }
        guard InputBounds.segments.contains(request.segments) else {
            throw GapMapError(field: "segments", message: "a disc's segments must be \(InputBounds.segments.range), not \(request.segments)")
        }
        // The uncovered point demand, row by row.
        struct Row { var coordinate: Coordinate; var weight: Double; var isNeed: Bool; var region: Int }
        var rows: [Row] = []
        precondition(points.selection == .uncovered, "hotspots need the uncovered points")
        for k in 0..<points.count {
            rows.append(Row(coordinate: points.coordinates[k], weight: points.weights[k], isNeed: points.layer(k) == .needs,
                            region: points.region(k)!))
        }
        let radiusMeters = request.radiusKm * 1000
        let coordinates = rows.map(\.coordinate)
        let found = try DensityClusters(points: coordinates, weights: rows.map(\.weight), radiusMeters: radiusMeters,
                                        minimumWeight: request.minimumWeight, workers: max(1, report.parameters.workers))
        let density = found.density, isCore = found.isCore
        // Bounded: the pieces of the split clusters; those lighter than the
        // minimum weight (fringes whose neighbours went to heavier pieces) are
        // no hotspot, so that every hotspot holds at least --min-weight.
        var clusters = found.members
        var fragments: [Int] = []
        if let extent = request.maxExtentKm {
            let pieces = Self.bounded(found.members, coordinates: coordinates, density: density, isCore: isCore, reachMeters: extent * 500)
            let heavy = pieces.map { $0.reduce(0) { $0 + rows[$1].weight } >= request.minimumWeight }
            clusters = pieces.indices.filter { heavy[$0] }.map { pieces[$0] }
            fragments = pieces.indices.filter { !heavy[$0] }.flatMap { pieces[$0] }
        }

        // Outlines, in parallel, a hotspot at a time (they differ much in size), of discs checked first as an initiative's are.
        for members in clusters {
            for m in members {
                if let problem = InputBounds.discProblem(center: coordinates[m], radiusKm: request.radiusKm / 2,
                                                         fix: "give a smaller --radius (the outline draws discs of half of it), or leave out the points near the poles or 180°") {
                    throw GapMapError(field: "radius", message: rows[m].isNeed ? "the outline of a hotspot around an uncovered need: \(problem)"
                                          : "the outline of a hotspot around an uncovered incident: \(problem)")
                }
            }
        }
        let segments = request.segments
        let clusterMembers = clusters
        let outlines = try parallelMap(count: clusters.count, workers: max(1, report.parameters.workers), makeState: { try GeometryEngine() }) { engine, k in
            var seen = Set<Coordinate>()
            let positions = clusterMembers[k].map { coordinates[$0] }.filter { seen.insert($0).inserted }
            return try Self.outline(around: positions, radiusMeters: radiusMeters / 2, segments: segments, engine: engine)
        }

        var hotspots: [Hotspot] = []
        for (k, members) in clusters.enumerated() {
            var byRegion: [Int: Double] = [:]
            for m in members { byRegion[rows[m].region, default: 0] += rows[m].weight }
            let regions = byRegion.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map {
                Hotspot.RegionShare(regionID: report.regions[$0.key].id, name: report.regions[$0.key].name, weight: $0.value)
            }
            let centre = members.max { density[$0] != density[$1] ? density[$0] < density[$1] : $0 > $1 }!
            let needs = members.filter { rows[$0].isNeed }
            hotspots.append(Hotspot(
                id: "", weight: members.reduce(0) { $0 + rows[$1].weight }, needsWeight: needs.reduce(0) { $0 + rows[$1].weight },
                incidentsWeight: members.filter { !rows[$0].isNeed }.reduce(0) { $0 + rows[$1].weight }, members: members.count,
                needs: needs.count, incidents: members.count - needs.count, corePoints: members.filter { isCore[$0] }.count, regions: regions,
                centre: rows[centre].coordinate, geometry: outlines[k], areaKm2: Geodesy.areaSquareKilometers(outlines[k])))
        }
        let order = hotspots.indices.sorted {
            let a = hotspots[$0], b = hotspots[$1]
            if a.weight != b.weight { return a.weight > b.weight }
            if a.members != b.members { return a.members > b.members }
            return $0 < $1
        }
        hotspots = order.enumerated().map { rank, k in
            var h = hotspots[k]
            h.id = "H\(rank + 1)"
            return h
        }
        var inHotspot = [Bool](repeating: false, count: rows.count)
        for members in clusters { for m in members { inHotspot[m] = true } }
        let noise = rows.indices.filter { !inHotspot[$0] }
        return HotspotAnalysis(request: request, hotspots: hotspots, points: rows.count, weight: rows.reduce(0) { $0 + $1.weight },
                               noisePoints: noise.count, noiseWeight: noise.reduce(0) { $0 + rows[$1].weight },
                               fragmentPoints: fragments.count, fragmentWeight: fragments.reduce(0) { $0 + rows[$1].weight })
    }

    /// DBSCAN's `clusters` split so that no piece reaches farther than
    /// `reachMeters` (geodesic) from its centre. In each cluster, the
    /// densest core point not yet taken (ties: the first in input order) is
    /// the centre of the next piece, which takes every point of the cluster
    /// not yet taken within `reachMeters` of it; until no core point is left.
    /// A cluster already within reach of its densest point stays whole. Border
    /// points left over (within the radius of a core point taken by a piece
    /// whose centre is out of reach) belong to no piece: they become noise.
    /// Pieces hold their members ascending, in the order of their centres.
    static func bounded(_ clusters: [[Int]], coordinates: [Coordinate], density: [Double], isCore: [Bool],
                        reachMeters: Double) -> [[Int]] {
        var pieces: [[Int]] = []
        for members in clusters {
            let search = GeodesicSearch(points: members.map { coordinates[$0] })
            let seeds = members.indices.filter { isCore[members[$0]] }.sorted {
                let a = density[members[$0]], b = density[members[$1]]
                return a != b ? a > b : members[$0] < members[$1]
            }
            var taken = [Bool](repeating: false, count: members.count)
            for seed in seeds where !taken[seed] {
                let piece = search.within(reachMeters, of: coordinates[members[seed]]).filter { !taken[$0] }
                for k in piece { taken[k] = true }
                pieces.append(piece.map { members[$0] }.sorted())
            }
        }
        return pieces
    }

    /// The most discs an outline is made of.
    static let outlineDiscLimit = 16_384

    /// The union of the geodesic discs of `radiusMeters` around `positions`
    /// (distinct). Past `outlineDiscLimit` positions (a hotspot of tens of
    /// thousands of points, whose exact union would take minutes), the
    /// positions are binned in cells (`GeodesicGrid`, side a quarter of the
    /// disc radius, doubled until at most `outlineDiscLimit` cells are
    /// occupied) and each cell gives one disc, around its first position in
    /// input order, of radius `radiusMeters` + the geodesic distance to the
    /// farthest position of the cell: the outline still holds every member's
    /// disc, and exceeds their union by at most that distance.
    static func outline(around positions: [Coordinate], radiusMeters: Double, segments: Int, engine: GeometryEngine,
                        discLimit: Int = outlineDiscLimit) throws -> Geometry {
        var discs = positions.map { (centre: $0, radius: radiusMeters) }
        var side = radiusMeters / 4
        while discs.count > discLimit {
            let grid = GeodesicGrid(points: positions, weights: [Double](repeating: 0, count: positions.count), cellMeters: side)
            side *= 2
            guard grid.cellCount <= discLimit else { continue }
            discs = (0..<grid.cellCount).map { k in
                let cell = grid.points(inCell: k), first = grid.coordinates[cell.lowerBound]
                return (first, radiusMeters + cell.map { Geodesy.distanceMeters(first, grid.coordinates[$0]) }.max()!)
            }
        }
        return try engine.union(discs.map { .polygon(Geodesy.disc(center: $0.centre, radiusMeters: $0.radius, segments: segments)) }).value().polygonalPart
    }

    /// Writes `hotspots.geojson` (outlines, by decreasing weight) into
    /// `directory`; returns its path.
    @discardableResult
    public func writeGeoJSON(to directory: String) throws -> String {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = (directory as NSString).appendingPathComponent("hotspots.geojson")
        var writer = try GeoJSONWriter(path: path)
        for h in hotspots {
            try writer.write(Feature(geometry: h.geometry, properties: Properties([
                ("id", .string(h.id)), ("weight", .number(h.weight)), ("needs_weight", .number(h.needsWeight)),
                ("incidents_weight", .number(h.incidentsWeight)), ("members", .integer(h.members)), ("needs", .integer(h.needs)),
                ("incidents", .integer(h.incidents)), ("core_points", .integer(h.corePoints)),
                ("region_ids", .string(h.regions.map(\.regionID).joined(separator: ","))),
                ("main_region_id", h.regions.first.map { .string($0.regionID) } ?? .null), ("area_km2", .number(h.areaKm2)),
                ("centre_lon", .number(h.centre.x)), ("centre_lat", .number(h.centre.y)), ("radius_km", .number(request.radiusKm)),
            ])))
        }
        try writer.finish()
        return path
    }
}
