import GeoCore

/// The layers of one analysis, as read.
public struct AnalysisInput: Sendable {
    public var regions: LoadedLayer<Region>
    public var regionFields: RegionFields
    public var initiatives: LoadedLayer<Initiative>?
    public var needs: LoadedLayer<Need>?
    public var incidents: LoadedLayer<Incident>?
    public var settlements: LoadedLayer<Settlement>?

    public init(regions: LoadedLayer<Region>, regionFields: RegionFields, initiatives: LoadedLayer<Initiative>? = nil,
                needs: LoadedLayer<Need>? = nil, incidents: LoadedLayer<Incident>? = nil, settlements: LoadedLayer<Settlement>? = nil) {
        self.regions = regions
        self.regionFields = regionFields
        self.initiatives = initiatives
        self.needs = needs
        self.incidents = incidents
        self.settlements = settlements
    }
}

/// The coverage analysis of DESIGN.md, semantics 1 to 10.
public struct CoverageAnalysis: Sendable {
    public var parameters: AnalysisParameters

    /// A region whose uncovered remainder is smaller than this share of its
    /// area (1 m² in 1,000 km²) is fully covered: such remainders are slivers
    /// left by the overlay's noding where the coverage follows the region's
    /// own edges (a region-referenced initiative), not gaps.
    public static let sliverShare = 1e-9

    public init(parameters: AnalysisParameters = AnalysisParameters()) {
        self.parameters = parameters
    }

    /// The footprint of an initiative (semantics 1).
    public func footprint(of initiative: Initiative, regions: [Region]) -> Geometry {
        switch initiative.placement {
        case .point(let c):
            let radiusKm = initiative.radiusKm ?? parameters.defaultRadiusKm
            return .polygon(Geodesy.disc(center: c, radiusMeters: radiusKm * 1000, segments: parameters.segments))
        case .area(let g):
            return g
        case .region(let i):
            return regions[i].geometry
        }
    }

    public func run(_ input: AnalysisInput) throws -> CoverageReport {
        guard parameters.segments >= 3 else {
            throw GapMapError(field: "segments", message: "a disc needs at least 3 segments, not \(parameters.segments)")
        }
        guard parameters.defaultRadiusKm > 0, parameters.defaultRadiusKm.isFinite else {
            throw GapMapError(field: "radius", message: "the default radius must be a positive number of km")
        }
        let regions = input.regions.items
        guard !regions.isEmpty else {
            throw GapMapError(file: input.regions.account.file, message: "the region layer has no usable region",
                              fix: "Check rejected.csv for the reasons, or give another --regions file")
        }
        let workers = max(1, parameters.workers)
        let regionLocator = PolygonLocator(polygons: regions.map(\.geometry))
        var layers: [LayerKind: LayerAccount] = [.regions: input.regions.account]
        var issues = input.regions.issues

        // Initiatives: footprints of those in the run (semantics 1, 2) and their regions.
        let initiatives = input.initiatives?.items ?? []
        let inRun = initiatives.map { parameters.isInRun($0.effectiveStatus) }
        let footprints = zip(initiatives, inRun).filter(\.1).map { footprint(of: $0.0, regions: regions) }
        AnalysisProgress.report(.locatingInitiatives)
        let initiativeRegions = try locate(initiatives.map(\.placement), locator: regionLocator, workers: workers,
                                           representativePoint: { g in try GeometryEngine().pointOnSurface(g) })
        if var account = input.initiatives?.account {
            let pointRegions = zip(initiatives, initiativeRegions).filter { if case .region = $0.0.placement { false } else { true } }
            account.assigned = pointRegions.filter { $0.1 != nil }.count
            account.unassigned = pointRegions.count - account.assigned
            // Polygons are located by a point on their surface: count them with the points.
            account.points += account.polygons
            account.inRun = inRun.filter { $0 }.count
            layers[.initiatives] = account
            issues += input.initiatives!.issues
        }

        AnalysisProgress.report(.buildingCoverage)
        let engine = try GeometryEngine()
        let coverage = footprints.isEmpty ? Geometry.emptyPolygonal : try engine.union(footprints).value().polygonalPart
        let coverageKm2 = Geodesy.areaSquareKilometers(coverage)
        let footprintLocator = PolygonLocator(polygons: footprints)

        // Regions: covered part and gap (semantics 3, 9).
        AnalysisProgress.report(.measuringRegions)
        var parts = try PolygonOverlay.split(regions.map(\.geometry), by: coverage, workers: workers)
        let areas = regions.map { Geodesy.areaSquareKilometers($0.geometry) }
        for r in parts.indices where !parts[r].outside.isEmpty
            && Geodesy.areaSquareKilometers(parts[r].outside) <= Self.sliverShare * areas[r] {
            // Noding slivers along shared edges, not a gap: the region is covered.
            parts[r] = PolygonOverlay.Parts(inside: regions[r].geometry, outside: .emptyPolygonal)
        }
        let coveredAreas = parts.map { Geodesy.areaSquareKilometers($0.inside) }
        let coveredShare = zip(coveredAreas, areas).map { $1 > 0 ? min(1, $0 / $1) : 0 }

        // Needs and incidents (semantics 4, 5, 6).
        func outcomes(_ placements: [Placement], _ weights: [Double], account: inout LayerAccount) throws -> [DemandOutcome] {
            let pointIndices = placements.indices.filter { if case .point = placements[$0] { true } else { false } }
            let points = pointIndices.map { i -> Coordinate in if case .point(let c) = placements[i] { c } else { fatalError() } }
            let pointRegions = try regionLocator.firstCovering(points, workers: workers)
            let covered = try footprintLocator.anyCovers(points, workers: workers)
            var result = [DemandOutcome](repeating: DemandOutcome(regionIndex: nil, covered: false, coveredWeight: 0), count: placements.count)
            for (k, i) in pointIndices.enumerated() {
                result[i] = DemandOutcome(regionIndex: pointRegions[k], covered: covered[k], coveredWeight: covered[k] ? weights[i] : 0)
            }
            for (i, p) in placements.enumerated() {
                if case .region(let r) = p {
                    result[i] = DemandOutcome(regionIndex: r, covered: false, coveredWeight: weights[i] * coveredShare[r])
                }
            }
            account.assigned = pointIndices.filter { result[$0].regionIndex != nil }.count
            account.unassigned = pointIndices.count - account.assigned
            account.unassignedWeight = pointIndices.filter { result[$0].regionIndex == nil }.reduce(0) { $0 + weights[$1] }
            return result
        }
        AnalysisProgress.report(.assigningPoints)
        let needs = input.needs?.items ?? []
        var needOutcomes: [DemandOutcome] = []
        if var account = input.needs?.account {
            needOutcomes = try outcomes(needs.map(\.placement), needs.map(\.weight), account: &account)
            layers[.needs] = account
            issues += input.needs!.issues
        }
        let incidents = input.incidents?.items ?? []
        var incidentOutcomes: [DemandOutcome] = []
        if var account = input.incidents?.account {
            incidentOutcomes = try outcomes(incidents.map(\.placement), incidents.map(\.weight), account: &account)
            layers[.incidents] = account
            issues += input.incidents!.issues
        }

        // Population: settlements if given, else a region attribute by areal share.
        let settlements = input.settlements?.items ?? []
        var population = [Double?](repeating: nil, count: regions.count)
        var coveredPopulation = [Double?](repeating: nil, count: regions.count)
        var populationSource: PopulationSource?
        if var account = input.settlements?.account {
            populationSource = .settlements
            let points = settlements.map(\.coordinate)
            let where_ = try regionLocator.firstCovering(points, workers: workers)
            let covered = try footprintLocator.anyCovers(points, workers: workers)
            population = Array(repeating: 0, count: regions.count)
            coveredPopulation = Array(repeating: 0, count: regions.count)
            for (k, s) in settlements.enumerated() {
                guard let r = where_[k] else { continue }
                population[r]! += s.population
                if covered[k] { coveredPopulation[r]! += s.population }
            }
            account.assigned = where_.filter { $0 != nil }.count
            account.unassigned = points.count - account.assigned
            layers[.settlements] = account
            issues += input.settlements!.issues
        } else if regions.contains(where: { $0.population != nil }) {
            populationSource = .regionAttribute
            for (r, region) in regions.enumerated() {
                guard let p = region.population else { continue }
                population[r] = p
                coveredPopulation[r] = p * coveredShare[r]
            }
        }

        // Per-region sums (semantics 8).
        var metrics = regions.enumerated().map { r, region in
            RegionMetrics(
                regionID: region.id, name: region.name, parentID: region.parentID, areaKm2: areas[r], coveredKm2: coveredAreas[r],
                coveragePct: areas[r] > 0 ? 100 * (coveredAreas[r] / areas[r]) : 0, initiatives: 0, needs: 0, needsCovered: 0,
                needsUncovered: 0, incidents: 0, incidentsCovered: 0, incidentsUncovered: 0, uncoveredDemand: 0,
                population: population[r], coveredPopulation: coveredPopulation[r], gapRank: 0)
        }
        for (i, r) in initiativeRegions.enumerated() where inRun[i] {
            if let r { metrics[r].initiatives += 1 }
        }
        for (i, o) in needOutcomes.enumerated() {
            guard let r = o.regionIndex else { continue }
            metrics[r].needs += needs[i].weight
            metrics[r].needsCovered += o.coveredWeight
        }
        for (i, o) in incidentOutcomes.enumerated() {
            guard let r = o.regionIndex else { continue }
            metrics[r].incidents += incidents[i].weight
            metrics[r].incidentsCovered += o.coveredWeight
        }
        for r in metrics.indices {
            metrics[r].needsUncovered = metrics[r].needs - metrics[r].needsCovered
            metrics[r].incidentsUncovered = metrics[r].incidents - metrics[r].incidentsCovered
            metrics[r].uncoveredDemand = metrics[r].needsUncovered + metrics[r].incidentsUncovered
        }
        // Gap rank: most uncovered demand first; ties by lower coverage, then id.
        let order = metrics.indices.sorted { a, b in
            let x = metrics[a], y = metrics[b]
            if x.uncoveredDemand != y.uncoveredDemand { return x.uncoveredDemand > y.uncoveredDemand }
            if x.coveragePct != y.coveragePct { return x.coveragePct < y.coveragePct }
            return x.regionID < y.regionID
        }
        for (rank, r) in order.enumerated() { metrics[r].gapRank = rank + 1 }

        return CoverageReport(
            parameters: parameters, regions: regions, regionFields: input.regionFields, metrics: metrics,
            gaps: parts.map(\.outside), coverage: coverage, coverageKm2: coverageKm2, initiatives: initiatives,
            initiativeRegions: initiativeRegions, initiativeInRun: inRun, needs: needs, needOutcomes: needOutcomes,
            incidents: incidents, incidentOutcomes: incidentOutcomes, settlements: settlements, populationSource: populationSource,
            layers: layers, issues: issues)
    }

    /// The region of each placement: points by the first covering region,
    /// areas by a point on their surface, region references as given.
    private func locate(_ placements: [Placement], locator: PolygonLocator, workers: Int,
                        representativePoint: (Geometry) throws -> Coordinate?) throws -> [Int?] {
        var result = [Int?](repeating: nil, count: placements.count)
        var pointIndices: [Int] = []
        var points: [Coordinate] = []
        for (i, p) in placements.enumerated() {
            switch p {
            case .point(let c):
                pointIndices.append(i)
                points.append(c)
            case .area(let g):
                if let c = try representativePoint(g) {
                    pointIndices.append(i)
                    points.append(c)
                }
            case .region(let r):
                result[i] = r
            }
        }
        for (k, r) in try locator.firstCovering(points, workers: workers).enumerated() { result[pointIndices[k]] = r }
        return result
    }
}
