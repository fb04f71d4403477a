import GeoCore

/// The layers of one analysis, as read.
public struct AnalysisInput: Sendable {
    public var regions: LoadedLayer<Region>
    public var regionFields: RegionFields
    public var initiatives: LoadedLayer<Initiative>?
    public var needs: LoadedLayer<Need>?
    public var incidents: LoadedLayer<Incident>?
    public var settlements: LoadedLayer<Settlement>?
    /// A raster of people per cell, the first source of population when given.
    public var populationRaster: String?
    /// The layers are the bundled sample's invented data (`ExampleData`).
    public var isExampleData = false

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

/// What the demand pass needs from the coverage, computed once before any
/// need or incident is read (`CoverageAnalysis.prepare`).
public struct CoverageSetup: Sendable {
    public let regions: [Region]
    public let regionFields: RegionFields
    let regionLocator: PolygonLocator
    let footprintLocator: PolygonLocator
    /// The union of the footprints in the run, and its geodesic area in km².
    public let coverage: Geometry
    public let coverageKm2: Double
    let parts: [PolygonOverlay.Parts]
    let areas: [Double]
    let coveredAreas: [Double]
    let coveredShare: [Double]
    let initiatives: [Initiative]
    let inRun: [Bool]
    let initiativeRegions: [Int?]
    var layers: [LayerKind: LayerAccount]
    var issues: [RowIssue]
    /// The layers are the bundled sample's invented data.
    public let isExampleData: Bool
    /// A raster of people per cell (`AnalysisInput.populationRaster`).
    var populationRaster: String? = nil
}

/// The per-region sums of needs and incidents, added chunk by chunk in row
/// order (so that they equal the sums over the whole layer, bit for bit).
public struct DemandTotals: Sendable {
    public private(set) var needs: [Double]
    public private(set) var needsCovered: [Double]
    public private(set) var incidents: [Double]
    public private(set) var incidentsCovered: [Double]

    public init(regionCount: Int) {
        needs = Array(repeating: 0, count: regionCount)
        needsCovered = needs
        incidents = needs
        incidentsCovered = needs
    }

    public mutating func addNeeds(_ weights: [Double], _ outcomes: [DemandOutcome]) {
        for (i, o) in outcomes.enumerated() {
            for s in o.shares ?? [] {
                needs[s.region] += s.weight
                needsCovered[s.region] += s.coveredWeight
            }
            guard let r = o.regionIndex else { continue }
            needs[r] += weights[i]
            needsCovered[r] += o.coveredWeight
        }
    }

    public mutating func addIncidents(_ weights: [Double], _ outcomes: [DemandOutcome]) {
        for (i, o) in outcomes.enumerated() {
            for s in o.shares ?? [] {
                incidents[s.region] += s.weight
                incidentsCovered[s.region] += s.coveredWeight
            }
            guard let r = o.regionIndex else { continue }
            incidents[r] += weights[i]
            incidentsCovered[r] += o.coveredWeight
        }
    }
}

/// A need or incident layer after the demand pass: its items (all of them,
/// or none when they were streamed to the output), their outcomes, the row
/// accounting and the row issues.
public struct DemandLayer<Item: Sendable>: Sendable {
    public var items: [Item]
    public var outcomes: [DemandOutcome]
    public var account: LayerAccount
    public var issues: [RowIssue]

    public init(items: [Item], outcomes: [DemandOutcome], account: LayerAccount, issues: [RowIssue]) {
        self.items = items
        self.outcomes = outcomes
        self.account = account
        self.issues = issues
    }
}

/// The coverage analysis of DESIGN.md, semantics 1 to 10.
public struct CoverageAnalysis: Sendable {
    public var parameters: AnalysisParameters
    /// Who is told when each stage starts.
    public var progress: AnalysisProgress

    public init(parameters: AnalysisParameters = AnalysisParameters(), progress: AnalysisProgress = .silent) {
        self.parameters = parameters
        self.progress = progress
    }

    /// The footprint of an initiative (semantics 1): nil for a programme
    /// (a region reference), which is present in its units rather than
    /// covering them, unless the run counts programmes as coverage.
    public func footprint(of initiative: Initiative, regions: [Region]) -> Geometry? {
        switch initiative.placement {
        case .point(let c):
            let radiusKm = initiative.radiusKm ?? parameters.defaultRadiusKm
            return .polygon(Geodesy.disc(center: c, radiusMeters: radiusKm * 1000, segments: parameters.segments))
        case .area(let g):
            return g
        case .region(let i):
            return parameters.programmesAsCoverage ? regions[i].geometry : nil
        case .unit(let unit):
            // The unit's regions as one footprint (the coverage union joins them).
            return parameters.programmesAsCoverage ? .multiPolygon(unit.members.flatMap { regions[$0].geometry.polygons }) : nil
        }
    }

    /// The whole analysis of layers held in memory, each demand layer one
    /// chunk; the report keeps every need and incident with its outcome.
    public func run(_ input: AnalysisInput) throws -> CoverageReport {
        let rows = DemandRows()
        var report = try run(AnalysisSource(input), into: [rows])
        report.needs = rows.needs
        report.needOutcomes = rows.needOutcomes
        report.incidents = rows.incidents
        report.incidentOutcomes = rows.incidentOutcomes
        return report
    }

    /// Everything that does not depend on needs and incidents (semantics 1,
    /// 2, 3, 9): the regions, the initiatives and their footprints, the
    /// coverage and each region's covered part and gap.
    public func prepare(_ input: AnalysisInput) throws -> CoverageSetup {
        guard InputBounds.segments.contains(parameters.segments) else {
            throw GapMapError(field: "segments", message: "a disc's segments must be \(InputBounds.segments.range), not \(parameters.segments)",
                              fix: "Give --segments from \(InputBounds.segments.lower) to \(InputBounds.segments.upper) (64 draws a smooth disc)")
        }
        guard InputBounds.radiusKm.allows(parameters.defaultRadiusKm) else {
            throw GapMapError(field: "radius", message: "the default radius must be a number of km \(InputBounds.radiusKm.range), not \(NumberText.plain(parameters.defaultRadiusKm))",
                              fix: "Give --radius \(InputBounds.radiusKm.range)")
        }
        let regions = input.regions.items
        guard !regions.isEmpty else { throw RegionLayerProblem.noUsableRegion(input.regions) }
        let workers = max(1, parameters.workers)
        let regionLocator = PolygonLocator(polygons: regions.map(\.geometry))
        var layers: [LayerKind: LayerAccount] = [.regions: input.regions.account]
        var issues = input.regions.issues

        // Initiatives: footprints of those in the run (semantics 1, 2) and their regions.
        let initiatives = input.initiatives?.items ?? []
        let inRun = initiatives.map { parameters.isInRun($0.effectiveStatus) }
        // Footprints (geodesic discs: 64 geod_direct each) on the workers, in initiative order.
        let inRunInitiatives = zip(initiatives, inRun).filter(\.1).map(\.0)
        // A row's own radius_km was checked at the row; the run's default is checked here, per disc.
        for initiative in inRunInitiatives where initiative.radiusKm == nil {
            guard case .point(let c) = initiative.placement,
                  let problem = InputBounds.discProblem(center: c, radiusKm: parameters.defaultRadiusKm) else { continue }
            throw GapMapError(file: input.initiatives?.account.file, line: initiative.line, field: "radius",
                              message: "with the run's --radius, initiative \(initiative.id): \(problem)",
                              fix: "Give a smaller --radius, or this row its own radius_km")
        }
        let footprints = try parallelChunks(count: inRunInitiatives.count, workers: workers, minimumChunk: 256) { range in
            range.compactMap { footprint(of: inRunInitiatives[$0], regions: regions) }
        }.flatMap { $0 }
        progress.report(.locatingInitiatives)
        // One engine for this thread: locating polygons and the union below.
        let engine = try GeometryEngine()
        let initiativeRegions = try locate(initiatives.map(\.placement), locator: regionLocator, workers: workers,
                                           representativePoint: { g in try engine.pointOnSurface(g) })
        if var account = input.initiatives?.account {
            let pointRegions = zip(initiatives, initiativeRegions).filter {
                switch $0.0.placement {
                case .region, .unit: false
                case .point, .area: true
                }
            }
            account.assigned = pointRegions.filter { $0.1 != nil }.count
            account.unassigned = pointRegions.count - account.assigned
            // Polygons are located by a point on their surface: count them with the points.
            account.points += account.polygons
            account.inRun = inRun.filter { $0 }.count
            layers[.initiatives] = account
            issues += input.initiatives!.issues
        }

        progress.report(.buildingCoverage)
        let coverage = footprints.isEmpty ? Geometry.emptyPolygonal : try engine.union(footprints, workers: workers).value().polygonalPart
        let coverageKm2 = Geodesy.areaSquareKilometers(coverage)
        let footprintLocator = PolygonLocator(polygons: footprints)

        // Regions: covered part and gap (semantics 3, 9).
        progress.report(.measuringRegions)
        let areas = regions.map { Geodesy.areaSquareKilometers($0.geometry) }
        let parts = SliverRule.absorbingGapSlivers(try PolygonOverlay.split(regions.map(\.geometry), by: coverage, workers: workers),
                                                   regions: regions.map(\.geometry), areas: areas)
        let coveredAreas = parts.map { Geodesy.areaSquareKilometers($0.inside) }
        let coveredShare = zip(coveredAreas, areas).map { $1 > 0 ? min(1, $0 / $1) : 0 }

        return CoverageSetup(
            regions: regions, regionFields: input.regionFields, regionLocator: regionLocator, footprintLocator: footprintLocator,
            coverage: coverage, coverageKm2: coverageKm2, parts: parts, areas: areas, coveredAreas: coveredAreas, coveredShare: coveredShare,
            initiatives: initiatives, inRun: inRun, initiativeRegions: initiativeRegions, layers: layers, issues: issues,
            isExampleData: input.isExampleData, populationRaster: input.populationRaster)
    }

    /// Where each need or incident of one chunk ends up (semantics 4, 5, 6),
    /// adding the chunk's assigned and unassigned points to `account`. The
    /// chunks of a layer, given in row order, add up to the layer given whole.
    /// `knownRegions`: per placement, the region a point was already found
    /// in by the same regions' locator (-1: none; `PointScreen.notLocated`:
    /// not known), so that it is not located twice.
    public func demandOutcomes(_ placements: [Placement], _ weights: [Double], setup: CoverageSetup, knownRegions: [Int32]? = nil,
                               account: inout LayerAccount) throws -> [DemandOutcome] {
        let workers = max(1, parameters.workers)
        let pointIndices = placements.indices.filter { if case .point = placements[$0] { true } else { false } }
        let points = pointIndices.map { i -> Coordinate in if case .point(let c) = placements[i] { c } else { fatalError() } }
        var pointRegions: [Int?]
        if let knownRegions, knownRegions.count == placements.count {
            pointRegions = pointIndices.map { i in knownRegions[i] >= 0 ? Int(knownRegions[i]) : nil }
            let unknown = pointIndices.indices.filter { knownRegions[pointIndices[$0]] == PointScreen.notLocated }
            if !unknown.isEmpty {
                let found = try setup.regionLocator.firstCovering(unknown.map { points[$0] }, workers: workers)
                for (k, j) in unknown.enumerated() { pointRegions[j] = found[k] }
            }
        } else {
            pointRegions = try setup.regionLocator.firstCovering(points, workers: workers)
        }
        let covered = try setup.footprintLocator.anyCovers(points, workers: workers)
        var result = [DemandOutcome](repeating: DemandOutcome(regionIndex: nil, covered: false, coveredWeight: 0), count: placements.count)
        for (k, i) in pointIndices.enumerated() {
            result[i] = DemandOutcome(regionIndex: pointRegions[k], covered: covered[k], coveredWeight: covered[k] ? weights[i] : 0)
        }
        for (i, p) in placements.enumerated() {
            switch p {
            case .region(let r):
                result[i] = DemandOutcome(regionIndex: r, covered: false, coveredWeight: weights[i] * setup.coveredShare[r])
            case .unit(let unit):
                // Semantics 6 at the unit's level: covered weight = weight × covered_km2 / area_km2 of the
                // unit; its regions share the weight (and the covered weight) by their area.
                let area = unit.members.reduce(0) { $0 + setup.areas[$1] }
                let covered = unit.members.reduce(0) { $0 + setup.coveredAreas[$1] }
                let w = weights[i]
                let shares = area > 0 ? unit.members.map { m in
                    RegionShare(region: m, weight: w * setup.areas[m] / area, coveredWeight: w * setup.coveredAreas[m] / area)
                } : []
                result[i] = DemandOutcome(regionIndex: nil, covered: false, coveredWeight: area > 0 ? w * min(1, covered / area) : 0,
                                          shares: shares)
            case .point, .area:
                break
            }
        }
        var unassignedWeight = account.unassignedWeight ?? 0
        for i in pointIndices {
            if result[i].regionIndex != nil {
                account.assigned += 1
            } else {
                account.unassigned += 1
                unassignedWeight += weights[i]
            }
        }
        account.unassignedWeight = unassignedWeight
        return result
    }

    /// The report: population, the per-region sums and the gap ranks
    /// (semantics 7, 8), from the demand of every chunk.
    public func finish(_ setup: CoverageSetup, totals: DemandTotals, needs: DemandLayer<Need>?, incidents: DemandLayer<Incident>?,
                       settlements settlementLayer: LoadedLayer<Settlement>?, exposure: IncidentExposure? = nil) throws -> CoverageReport {
        let workers = max(1, parameters.workers)
        let regions = setup.regions, areas = setup.areas, coveredAreas = setup.coveredAreas, coveredShare = setup.coveredShare
        let regionLocator = setup.regionLocator, footprintLocator = setup.footprintLocator
        var layers = setup.layers
        var issues = setup.issues
        if let needs {
            layers[.needs] = needs.account
            issues += needs.issues
        }
        if let incidents {
            layers[.incidents] = incidents.account
            issues += incidents.issues
        }
        // Population: settlements if given, else a region attribute by areal share.
        let settlements = settlementLayer?.items ?? []
        var population = [Double?](repeating: nil, count: regions.count)
        var coveredPopulation = [Double?](repeating: nil, count: regions.count)
        var populationSource: PopulationSource?
        var rasterPopulation: RasterPopulationTotals?
        // People near incidents (with incidents and a population source): the parts of each region in the exposure area.
        let hasPopulationSource = PopulationSource.isAvailable(raster: setup.populationRaster, settlements: settlementLayer != nil, regions: regions)
        let exposedParts = try exposure.flatMap { e in
            hasPopulationSource ? try ExposedParts(e, setup: setup, segments: parameters.segments, workers: workers) : nil
        }
        var exposedPopulation = [Double?](repeating: nil, count: regions.count)
        var exposedUncoveredPopulation = exposedPopulation
        if let path = setup.populationRaster {
            populationSource = .raster
            // Each worker its own raster reader; a region's cells, those of its covered part and of its exposed parts in one pass.
            let counts = try parallelMap(count: regions.count, workers: workers, makeState: { try PopulationRaster(path: path) }) { raster, r in
                try raster.population(of: [regions[r].geometry, setup.parts[r].inside]
                                      + (exposedParts.map { [$0.exposed[r], $0.exposedUncovered[r]] } ?? []))
            }
            for r in regions.indices {
                population[r] = counts[r][0]
                coveredPopulation[r] = min(counts[r][0], counts[r][1])
                if exposedParts != nil {
                    exposedPopulation[r] = min(counts[r][0], counts[r][2])
                    exposedUncoveredPopulation[r] = min(exposedPopulation[r]!, counts[r][3])
                }
            }
            let total = try PopulationRaster(path: path).total()
            let inRegions = counts.reduce(0) { $0 + $1[0] }
            rasterPopulation = RasterPopulationTotals(file: path, total: total, inRegions: inRegions, outsideRegions: max(0, total - inRegions))
        } else if var account = settlementLayer?.account {
            populationSource = .settlements
            let points = settlements.map(\.coordinate)
            let where_ = try regionLocator.firstCovering(points, workers: workers)
            let covered = try footprintLocator.anyCovers(points, workers: workers)
            population = Array(repeating: 0, count: regions.count)
            coveredPopulation = Array(repeating: 0, count: regions.count)
            let exposed = try exposedParts?.locator.anyCovers(points, workers: workers)
            if exposed != nil {
                exposedPopulation = Array(repeating: 0, count: regions.count)
                exposedUncoveredPopulation = exposedPopulation
            }
            for (k, s) in settlements.enumerated() {
                guard let r = where_[k] else { continue }
                population[r]! += s.population
                if covered[k] { coveredPopulation[r]! += s.population }
                if let exposed, exposed[k] {
                    exposedPopulation[r]! += s.population
                    if !covered[k] { exposedUncoveredPopulation[r]! += s.population }
                }
            }
            account.assigned = where_.filter { $0 != nil }.count
            account.unassigned = points.count - account.assigned
            layers[.settlements] = account
            issues += settlementLayer!.issues
        } else if regions.contains(where: { $0.population != nil }) {
            populationSource = .regionAttribute
            for (r, region) in regions.enumerated() {
                guard let p = region.population else { continue }
                population[r] = p
                coveredPopulation[r] = p * coveredShare[r]
                // By the exposed parts' share of the region's area, as the covered population.
                if let exposedParts, areas[r] > 0 {
                    exposedPopulation[r] = p * min(1, Geodesy.areaSquareKilometers(exposedParts.exposed[r]) / areas[r])
                    exposedUncoveredPopulation[r] = min(exposedPopulation[r]!, p * min(1, Geodesy.areaSquareKilometers(exposedParts.exposedUncovered[r]) / areas[r]))
                } else if exposedParts != nil {
                    exposedPopulation[r] = 0
                    exposedUncoveredPopulation[r] = 0
                }
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
        for r in metrics.indices {
            metrics[r].uncoveredPopulation = population[r].map { p in max(0, p - (coveredPopulation[r] ?? 0)) }
            metrics[r].exposedPopulation = exposedPopulation[r]
            metrics[r].exposedUncoveredPopulation = exposedUncoveredPopulation[r]
        }
        for (i, r) in setup.initiativeRegions.enumerated() where setup.inRun[i] && !ProgrammePresence.isProgramme(setup.initiatives[i], parameters) {
            if let r { metrics[r].initiatives += 1 }
        }
        let programmes = ProgrammePresence(initiatives: setup.initiatives, inRun: setup.inRun, regions: regions)
        for r in metrics.indices { metrics[r].programmes = programmes.count(in: r) }
        for r in metrics.indices {
            metrics[r].needs = totals.needs[r]
            metrics[r].needsCovered = totals.needsCovered[r]
            metrics[r].incidents = totals.incidents[r]
            metrics[r].incidentsCovered = totals.incidentsCovered[r]
            metrics[r].needsUncovered = metrics[r].needs - metrics[r].needsCovered
            metrics[r].incidentsUncovered = metrics[r].incidents - metrics[r].incidentsCovered
            metrics[r].uncoveredDemand = metrics[r].needsUncovered + metrics[r].incidentsUncovered
        }
        if parameters.rankBy != MetricCatalogue.uncoveredDemand.key, let by = GapRanking.metric(parameters.rankBy),
           !metrics.contains(where: { by.value($0) != nil }) {
            throw GapMapError(field: "rank-by", message: "\(by.key) is unknown in this run (it needs a population source\(MetricCatalogue.exposureMetrics.contains { $0.key == by.key } ? " and incidents" : ""))",
                              fix: "Give --population (a raster), --settlements or regions with a population attribute\(MetricCatalogue.exposureMetrics.contains { $0.key == by.key } ? ", and --incidents" : ""), or rank by uncovered_demand")
        }
        GapRanking.assign(&metrics, by: parameters.rankBy)

        return CoverageReport(
            parameters: parameters, regions: regions, regionFields: setup.regionFields, metrics: metrics,
            gaps: setup.parts.map(\.outside), coverage: setup.coverage, coverageKm2: setup.coverageKm2, initiatives: setup.initiatives,
            initiativeRegions: setup.initiativeRegions, initiativeInRun: setup.inRun, needs: needs?.items ?? [],
            needOutcomes: needs?.outcomes ?? [], incidents: incidents?.items ?? [], incidentOutcomes: incidents?.outcomes ?? [],
            settlements: settlements, populationSource: populationSource, rasterPopulation: rasterPopulation,
            exposure: exposedParts == nil ? nil : exposure.map {
                ExposureTotals(incidentsWithDisc: $0.withDisc, incidentsWithoutCoordinates: $0.withoutCoordinates, discs: $0.centers.count, radii: $0.radii)
            },
            layers: layers, issues: issues, isExampleData: setup.isExampleData)
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
            case .unit:
                break
            }
        }
        for (k, r) in try locator.firstCovering(points, workers: workers).enumerated() { result[pointIndices[k]] = r }
        return result
    }
}
