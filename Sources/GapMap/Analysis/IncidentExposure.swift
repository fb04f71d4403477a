import GeoCore

/// The exposure area of a run: the union of the geodesic discs around the
/// incidents in the run, each of the radius of its event type
/// (`ExposureRadii`; ACLED's Conflict Exposure distances by default). The
/// pipeline adds the incidents chunk by chunk as they are located (only its
/// locating stage touches it); the report measures the people inside.
/// Incidents without coordinates (a region reference) have no disc; a type
/// of radius 0 is left out.
public struct IncidentExposure: Sendable {
    let radii: ExposureRadii
    /// One disc per distinct centre and radius (ACLED repeats events at a village's coordinates).
    private(set) var centers: [Coordinate] = []
    private(set) var radiiKm: [Double] = []
    private var seen: Set<DiscKey> = []
    /// Incidents in the run with a disc, and those without coordinates.
    private(set) var withDisc = 0
    private(set) var withoutCoordinates = 0

    private struct DiscKey: Hashable {
        let x: Double, y: Double, radiusKm: Double
    }

    public init(radii: ExposureRadii) {
        self.radii = radii
    }

    /// Adds one chunk of the incidents in the run; refuses an incident whose
    /// disc would reach a pole or cross 180° (semantics 1's rule), naming its line.
    mutating func add(_ incidents: [Incident], file: String?) throws {
        for incident in incidents {
            guard case .point(let c) = incident.placement else {
                withoutCoordinates += 1
                continue
            }
            let radiusKm = radii.radiusKm(forType: incident.type)
            guard radiusKm > 0 else { continue }
            withDisc += 1
            guard seen.insert(DiscKey(x: c.x, y: c.y, radiusKm: radiusKm)).inserted else { continue }
            if let problem = InputBounds.discProblem(center: c, radiusKm: radiusKm, fix: "give its type a smaller --exposure-radius") {
                throw GapMapError(file: file, line: incident.line, field: "type",
                                  message: "the exposure disc of incident \(incident.id) (type \"\(incident.type)\", \(NumberText.plain(radiusKm)) km): \(problem)")
            }
            centers.append(c)
            radiiKm.append(radiusKm)
        }
    }

    /// The discs, in the order their incidents came.
    func discs(segments: Int, workers: Int) throws -> [Geometry] {
        try parallelChunks(count: centers.count, workers: workers, minimumChunk: 256) { range in
            range.map { Geometry.polygon(Geodesy.disc(center: centers[$0], radiusMeters: radiiKm[$0] * 1000, segments: segments)) }
        }.flatMap { $0 }
    }
}

/// The parts of each region near incidents, and those of its gap.
struct ExposedParts {
    /// Region ∩ exposure area, per region.
    let exposed: [Geometry]
    /// Gap ∩ exposure area (exposed, no initiative reaches it), per region.
    let exposedUncovered: [Geometry]
    /// The discs, to tell which settlements are exposed.
    let locator: PolygonLocator

    init(_ exposure: IncidentExposure, setup: CoverageSetup, segments: Int, workers: Int) throws {
        let discs = try exposure.discs(segments: segments, workers: workers)
        locator = PolygonLocator(polygons: discs)
        let empty = [Geometry](repeating: .emptyPolygonal, count: setup.regions.count)
        guard !discs.isEmpty else {
            exposed = empty
            exposedUncovered = empty
            return
        }
        let area = try GeometryEngine().union(discs, workers: workers).value().polygonalPart
        exposed = try PolygonOverlay.split(setup.regions.map(\.geometry), by: area, workers: workers).map(\.inside)
        exposedUncovered = try PolygonOverlay.split(setup.parts.map(\.outside), by: area, workers: workers).map(\.inside)
    }
}
