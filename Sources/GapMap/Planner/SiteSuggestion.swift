import Foundation
import GeoCore
import GeoFormats

/// Where the candidate sites come from.
public enum CandidateSource: String, Sendable, Codable, CaseIterable {
    /// The locations of the uncovered demand points themselves.
    case demand
    /// The settlements layer.
    case settlements
    /// A hexagonal grid of a given spacing over the regions.
    case grid
}

/// What to suggest.
public struct SiteSuggestionRequest: Sendable, Equatable, Encodable {
    /// K: how many new sites.
    public var sites: Int
    /// Service radius of a new site, km.
    public var radiusKm: Double
    /// Vertices of each site's geodesic disc (the run's --segments).
    public var segments: Int
    public var candidates: CandidateSource
    /// Spacing of the grid of candidates, km (grid only).
    public var gridSpacingKm: Double?
    /// At least this many sites in every region that has candidates.
    public var minimumPerRegion: Int

    public init(sites: Int, radiusKm: Double, segments: Int = 64, candidates: CandidateSource = .demand, gridSpacingKm: Double? = nil,
                minimumPerRegion: Int = 0) {
        self.sites = sites
        self.radiusKm = radiusKm
        self.segments = segments
        self.candidates = candidates
        self.gridSpacingKm = gridSpacingKm
        self.minimumPerRegion = minimumPerRegion
    }

    enum CodingKeys: String, CodingKey {
        case sites, radiusKm = "radius_km", segments, candidates, gridSpacingKm = "grid_spacing_km", minimumPerRegion = "min_per_region"
    }

    /// Grids larger than this are refused: they would take long and say little more.
    public static let maximumGridCandidates = 250_000
}

/// One suggested site.
public struct SuggestedSite: Sendable, Encodable, Equatable {
    /// 1 = chosen first (the largest gain).
    public var rank: Int
    public var coordinate: Coordinate
    public var regionID: String?
    public var regionName: String?
    /// What the candidate was: a demand row's id, a settlement's name, a grid cell.
    public var candidate: String
    /// Uncovered demand weight this site covers that the sites before it did not.
    public var gainWeight: Double
    /// Demand points (rows) among that gain.
    public var gainPoints: Int
    /// Weight covered by this site and the ones before it.
    public var cumulativeWeight: Double
    /// cumulativeWeight as a share of all placeable uncovered demand, 0–100.
    public var cumulativePct: Double

    enum CodingKeys: String, CodingKey {
        case rank, lon, lat, regionID = "region_id", regionName = "region_name", candidate, gainWeight = "gain_weight"
        case gainPoints = "gain_points", cumulativeWeight = "cumulative_weight", cumulativePct = "cumulative_pct"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(rank, forKey: .rank)
        try c.encode(coordinate.x, forKey: .lon)
        try c.encode(coordinate.y, forKey: .lat)
        try c.encode(regionID, forKey: .regionID)
        try c.encode(regionName, forKey: .regionName)
        try c.encode(candidate, forKey: .candidate)
        try c.encode(gainWeight, forKey: .gainWeight)
        try c.encode(gainPoints, forKey: .gainPoints)
        try c.encode(cumulativeWeight, forKey: .cumulativeWeight)
        try c.encode(cumulativePct, forKey: .cumulativePct)
    }
}

/// Where to put the next initiatives: K sites that cover the most uncovered
/// demand, the existing initiatives kept as they are (maximal covering
/// location problem, lazy greedy; see `MaximumCoverageProblem`).
///
/// - Demand: the needs and incidents located by a point in some region that
///   no footprint of the run covers, each with its weight; demand already
///   covered is worth nothing. Points at the same coordinates are merged.
///   Region-referenced needs and points outside every region cannot be
///   reached by a site and are reported apart (`unplaceable_weight`).
/// - A site covers a demand point when the site's footprint covers it, the
///   footprint being exactly that of a point initiative (DESIGN.md semantics
///   1): the geodesic disc of the radius with the run's `segments` vertices,
///   tested with GEOS prepared `covers` (boundary included) after an
///   STR-tree prefilter on the disc's bounding box. So a site added to the
///   initiatives file as a point with this radius covers, in `analyze`,
///   exactly the demand counted here.
public struct SiteSuggestion: Sendable, Encodable {
    public var request: SiteSuggestionRequest
    public var sites: [SuggestedSite]
    /// The geodesic disc of each site, in the order of `sites`.
    public var footprints: [Geometry]
    public var candidateCount: Int
    /// Uncovered demand rows located by a point in a region, and their distinct locations.
    public var demandRows: Int
    public var demandLocations: Int
    /// Their total weight: what the sites can cover at most.
    public var uncoveredWeight: Double
    /// Uncovered weight no site can reach: region-referenced needs (their
    /// uncovered share) and points in no region.
    public var unplaceableWeight: Double
    public var coveredWeight: Double
    /// An upper bound on the weight the best K sites could cover.
    public var upperBound: Double
    /// The greedy's a priori guarantee, 1 − (1 − 1/K)^K; 0 with --min-per-region.
    public var guarantee: Double
    public var evaluations: Int
    /// True when fewer than K sites were chosen because none adds anything.
    public var stoppedEarly: Bool

    /// coveredWeight / upperBound: the share of the optimum the choice
    /// surely reaches on this data.
    public var certifiedShareOfOptimum: Double? { upperBound > 0 ? min(1, coveredWeight / upperBound) : nil }

    enum CodingKeys: String, CodingKey {
        case request, sites, candidateCount = "candidates", demandRows = "demand_rows", demandLocations = "demand_locations"
        case uncoveredWeight = "uncovered_weight", unplaceableWeight = "unplaceable_weight", coveredWeight = "covered_weight"
        case coveredPct = "covered_pct", upperBound = "optimum_upper_bound", certified = "certified_share_of_optimum"
        case guarantee = "guaranteed_share_of_optimum", evaluations = "gain_evaluations", stoppedEarly = "stopped_early", definitions
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(request, forKey: .request)
        try c.encode(sites, forKey: .sites)
        try c.encode(candidateCount, forKey: .candidateCount)
        try c.encode(demandRows, forKey: .demandRows)
        try c.encode(demandLocations, forKey: .demandLocations)
        try c.encode(uncoveredWeight, forKey: .uncoveredWeight)
        try c.encode(unplaceableWeight, forKey: .unplaceableWeight)
        try c.encode(coveredWeight, forKey: .coveredWeight)
        try c.encode(uncoveredWeight > 0 ? 100 * coveredWeight / uncoveredWeight : 0, forKey: .coveredPct)
        try c.encode(upperBound, forKey: .upperBound)
        try c.encode(certifiedShareOfOptimum, forKey: .certified)
        try c.encode(guarantee, forKey: .guarantee)
        try c.encode(evaluations, forKey: .evaluations)
        try c.encode(stoppedEarly, forKey: .stoppedEarly)
        try c.encode(Self.definitions, forKey: .definitions)
    }

    public static let definitions: [String: String] = [
        "demand": "needs and incidents located by a point in some region that no footprint of the run covers, with their weights; demand already covered is worth 0",
        "site footprint": "the geodesic disc of radius_km with `segments` vertices, as for a point initiative (DESIGN.md semantics 1); it covers a demand point when GEOS covers holds (boundary included)",
        "gain_weight": "uncovered demand weight the site covers that no site chosen before it covers (its marginal gain)",
        "cumulative_weight": "weight covered by this site and the ones before it",
        "cumulative_pct": "100 × cumulative_weight / uncovered_weight",
        "optimum_upper_bound": "no choice of K sites covers more: the smallest of (weight covered by the first i greedy sites + the K largest marginal gains left), over the steps i, and of the weight all candidates together cover",
        "certified_share_of_optimum": "covered_weight / optimum_upper_bound: the greedy choice covers at least this share of what the best K sites would",
        "guaranteed_share_of_optimum": "1 − (1 − 1/K)^K ≥ 1 − 1/e ≈ 0.632: what the greedy algorithm guarantees on any data (0 with --min-per-region, which voids it)",
        "unplaceable_weight": "uncovered weight no site can reach: region-referenced needs (their uncovered share) and points in no region",
    ]

    /// Candidates whose cover lists are made at a time (over the workers)
    /// before they join the whole.
    static let candidateBatch = 8_192

    /// Chooses the sites for `report`'s uncovered demand, `demand` (the
    /// run's `DemandPoints(.uncovered)`).
    public static func run(_ report: CoverageReport, demand points: DemandPoints, request: SiteSuggestionRequest) throws -> SiteSuggestion {
        guard InputBounds.sites.contains(request.sites) else {
            throw GapMapError(field: "sites", message: "the number of sites must be \(InputBounds.sites.range), not \(request.sites)")
        }
        guard InputBounds.radiusKm.allows(request.radiusKm) else {
            throw GapMapError(field: "radius", message: "the sites' radius must be a number of km \(InputBounds.radiusKm.range), not \(NumberText.plain(request.radiusKm))")
        }
        guard InputBounds.segments.contains(request.segments) else {
            throw GapMapError(field: "segments", message: "a disc's segments must be \(InputBounds.segments.range), not \(request.segments)")
        }
        let workers = max(1, report.parameters.workers)
        let demand = UncoveredDemand(points)

        // Candidates: coordinates, region, label.
        var candidates: [(coordinate: Coordinate, region: Int?, label: String)] = []
        switch request.candidates {
        case .demand:
            candidates = demand.locations.indices.map { (demand.locations[$0], demand.regions[$0], demand.labels[$0]) }
        case .settlements:
            guard !report.settlements.isEmpty else {
                throw GapMapError(field: "candidates", message: "--candidates settlements needs a settlements layer, and this run has none",
                                  fix: "Give one with --settlements FILE (points with a population), or use --candidates demand or grid")
            }
            let located = try PolygonLocator(polygons: report.regions.map(\.geometry)).firstCovering(report.settlements.map(\.coordinate), workers: workers)
            candidates = report.settlements.enumerated().map { i, s in (s.coordinate, located[i], s.name.isEmpty ? s.id : s.name) }
        case .grid:
            guard let spacing = request.gridSpacingKm, spacing > 0, spacing.isFinite else {
                throw GapMapError(field: "spacing", message: "--candidates grid needs the grid's spacing", fix: "Give it in km with --spacing, for example --spacing 10")
            }
            var envelope: Envelope?
            for r in report.regions { if let e = r.geometry.envelope { envelope = envelope.map { $0.union(e) } ?? e } }
            guard let envelope else { break }
            let estimate = HexagonalGrid.estimatedCount(covering: envelope, spacingMeters: spacing * 1000)
            guard estimate <= Double(SiteSuggestionRequest.maximumGridCandidates) * 4 else {
                throw GapMapError(field: "spacing", message: "a \(spacing) km grid over the regions would hold about \(Int(estimate)) points",
                                  fix: "Use a larger --spacing (each point stands for \(String(format: "%.0f", spacing * spacing * 0.866)) km²)")
            }
            let lattice = HexagonalGrid.points(covering: envelope, spacingMeters: spacing * 1000)
            let located = try PolygonLocator(polygons: report.regions.map(\.geometry)).firstCovering(lattice, workers: workers)
            for (i, r) in located.enumerated() where r != nil {
                candidates.append((lattice[i], r, "grid point \(candidates.count + 1)"))
            }
            guard candidates.count <= SiteSuggestionRequest.maximumGridCandidates else {
                throw GapMapError(field: "spacing", message: "the \(spacing) km grid puts \(candidates.count) points in the regions",
                                  fix: "Use a larger --spacing (at most \(SiteSuggestionRequest.maximumGridCandidates) candidates)")
            }
        }

        // What each candidate's disc covers.
        let radiusMeters = request.radiusKm * 1000
        let search = SpatialIndex(envelopes: demand.locations.map { Envelope($0) })
        let coordinates = candidates.map(\.coordinate)
        let labels = candidates.map(\.label)
        let locations = demand.locations
        let segments = request.segments
        // Demand points numbered along a Z-order curve, so that each candidate's
        // list holds close numbers and stores compactly (`CoverLists`).
        let number = SpatialOrder.zOrderNumbers(locations)
        var weightsByNumber = [Double](repeating: 0, count: locations.count)
        var rowCountsByNumber = [Int](repeating: 0, count: locations.count)
        for i in locations.indices {
            weightsByNumber[Int(number[i])] = demand.weights[i]
            rowCountsByNumber[Int(number[i])] = demand.rowCounts[i]
        }
        // In batches of candidates, each split over the workers and appended
        // as it is done, so no second copy of the lists is ever held.
        var covers = CoverLists()
        for batch in stride(from: 0, to: coordinates.count, by: Self.candidateBatch) {
            let batchRange = batch..<min(coordinates.count, batch + Self.candidateBatch)
            let parts = try parallelChunks(count: batchRange.count, workers: workers, minimumChunk: 64) { range in
                let engine = try GeometryEngine()
                var lists = CoverLists()
                for c in (range.lowerBound + batch)..<(range.upperBound + batch) {
                    if let problem = InputBounds.discProblem(center: coordinates[c], radiusKm: request.radiusKm,
                                                             fix: "give a smaller --radius, or leave out the places near the poles or 180°") {
                        throw GapMapError(field: "radius", message: "candidate site \(labels[c]): \(problem)")
                    }
                    let disc = Geometry.polygon(Geodesy.disc(center: coordinates[c], radiusMeters: radiusMeters, segments: segments))
                    guard let envelope = disc.envelope else { lists.append([]); continue }
                    let nearby = search.query(envelope)
                    if nearby.isEmpty { lists.append([]); continue }
                    let prepared = try engine.prepare(disc)
                    lists.append(try nearby.filter { try prepared.covers(locations[$0]) }.map { number[$0] })
                }
                return lists
            }
            for part in parts { covers.append(contentsOf: part) }
        }

        let problem = MaximumCoverageProblem(weights: weightsByNumber, covers: covers, groups: candidates.map(\.region))
        let selection = problem.lazyGreedy(k: request.sites, minimumPerGroup: request.minimumPerRegion)

        var sites: [SuggestedSite] = []
        var covered = [Bool](repeating: false, count: demand.weights.count)
        for (rank, c) in selection.sites.enumerated() {
            var points = 0
            for d in covers[c] where !covered[Int(d)] {
                covered[Int(d)] = true
                points += rowCountsByNumber[Int(d)]
            }
            let region = candidates[c].region
            sites.append(SuggestedSite(
                rank: rank + 1, coordinate: candidates[c].coordinate, regionID: region.map { report.regions[$0].id },
                regionName: region.map { report.regions[$0].name }, candidate: candidates[c].label, gainWeight: selection.gains[rank],
                gainPoints: points, cumulativeWeight: selection.cumulative[rank],
                cumulativePct: demand.totalWeight > 0 ? 100 * selection.cumulative[rank] / demand.totalWeight : 0))
        }
        return SiteSuggestion(
            request: request, sites: sites,
            footprints: sites.map { .polygon(Geodesy.disc(center: $0.coordinate, radiusMeters: radiusMeters, segments: segments)) },
            candidateCount: candidates.count, demandRows: demand.rowCounts.reduce(0, +), demandLocations: demand.locations.count,
            uncoveredWeight: demand.totalWeight, unplaceableWeight: demand.unplaceableWeight, coveredWeight: selection.value,
            upperBound: selection.upperBound, guarantee: selection.guarantee, evaluations: selection.evaluations, stoppedEarly: selection.stoppedEarly)
    }

    /// Writes `sites.geojson` (points, readable as a plan of initiatives) and
    /// `site_footprints.geojson` (their discs) into `directory`; returns the paths.
    @discardableResult
    public func writeGeoJSON(to directory: String) throws -> [String] {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let sitesPath = (directory as NSString).appendingPathComponent("sites.geojson")
        let footprintsPath = (directory as NSString).appendingPathComponent("site_footprints.geojson")
        var points = try GeoJSONWriter(path: sitesPath)
        var discs = try GeoJSONWriter(path: footprintsPath)
        for (i, site) in sites.enumerated() {
            // id, name, status and radius_km make the file an initiatives layer: `gapmap scenario --plan sites.geojson`.
            let properties = Properties([
                ("id", .string("SITE-\(site.rank)")), ("name", .string("Suggested site \(site.rank)")), ("status", .string("planned")),
                ("rank", .integer(site.rank)), ("region_id", site.regionID.map { .string($0) } ?? .null),
                ("region_name", site.regionName.map { .string($0) } ?? .null), ("candidate", .string(site.candidate)),
                ("gain_weight", .number(site.gainWeight)), ("gain_points", .integer(site.gainPoints)),
                ("cumulative_weight", .number(site.cumulativeWeight)), ("cumulative_pct", .number(site.cumulativePct)),
                ("radius_km", .number(request.radiusKm)),
            ])
            try points.write(Feature(geometry: .point(site.coordinate), properties: properties))
            var discProperties = properties
            discProperties["area_km2"] = .number(Geodesy.areaSquareKilometers(footprints[i]))
            try discs.write(Feature(geometry: footprints[i], properties: discProperties))
        }
        try points.finish()
        try discs.finish()
        return [sitesPath, footprintsPath]
    }
}

/// The uncovered demand of a run that a new site could reach: uncovered
/// needs and incidents located by a point in a region, merged by location.
struct UncoveredDemand {
    var locations: [Coordinate] = []
    var weights: [Double] = []
    var regions: [Int?] = []
    var labels: [String] = []
    var rowCounts: [Int] = []
    var unplaceableWeight = 0.0

    var totalWeight: Double { weights.reduce(0, +) }

    init(_ points: DemandPoints) {
        precondition(points.selection == .uncovered, "site suggestion needs the uncovered points")
        var byLocation: [Coordinate: Int] = [:]
        unplaceableWeight = points.uncoveredWeightWithoutPoint
        for k in 0..<points.count {
            let c = points.coordinates[k]
            if let i = byLocation[c] {
                weights[i] += points.weights[k]
                rowCounts[i] += 1
            } else {
                byLocation[c] = locations.count
                locations.append(c)
                weights.append(points.weights[k])
                regions.append(points.region(k))
                labels.append(points.ids[k])
                rowCounts.append(1)
            }
        }
        for i in labels.indices where rowCounts[i] > 1 { labels[i] += " (+\(rowCounts[i] - 1) at the same place)" }
    }
}
