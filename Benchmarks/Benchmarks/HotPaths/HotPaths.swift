// The hot paths of `gapmap analyze`, on seeded data made here (BenchmarkWorkloads):
// 702 regions of 300 vertices tiling a Mali-sized box, 200,000 points, 10,000
// geodesic discs of mixed radii, needs CSVs of 100,000 and 1,000,000 rows.
//
//   swift package --package-path Benchmarks benchmark
//   swift package --package-path Benchmarks benchmark --filter "Ratio.*"
//
// Each "Ratio" benchmark runs two ways of doing the same work in one
// iteration and reports how many times faster the first is (×100, so 250
// means 2.5 times), which holds on a busy machine where absolute times do not.
import Benchmark
import BenchmarkWorkloads
import Dispatch
import GeoCore
import GeoFormats

/// The data, made on first use: each benchmark process makes only what it needs.
enum Data {
    static let regions = Workload.regions()
    static let points = Workload.points(count: 200_000)
    static let initiatives = Workload.initiatives(count: 10_000)
    static let footprints = Workload.footprints(count: 10_000)
    static let coverage: Geometry = {
        // swiftlint:disable:next force_try
        try! GeometryEngine().union(footprints).value().polygonalPart
    }()
    static let regionLocator = PolygonLocator(polygons: regions)
    static let footprintLocator = PolygonLocator(polygons: footprints)
    static let needsCSV: String = {
        // swiftlint:disable:next force_try
        try! Workload.temporaryFile(named: "needs-100k.csv", contents: Workload.needsCSV(rows: 100_000))
    }()
    static let needsCSVMillion: String = {
        // swiftlint:disable:next force_try
        try! Workload.temporaryFile(named: "needs-1m.csv", contents: Workload.needsCSV(rows: 1_000_000))
    }()
}

/// The first covering region of each point the way GEOS alone does it:
/// prepared polygons, a GEOS point per test (what PolygonLocator did before
/// its Swift point-in-polygon).
func geosFirstCovering(_ points: [Coordinate], _ polygons: [Geometry], _ index: SpatialIndex) throws -> Int {
    let engine = try GeometryEngine()
    var prepared: [Int: PreparedGeometry] = [:]
    var found = 0
    for c in points {
        for k in index.query(c) {
            let p: PreparedGeometry
            if let q = prepared[k] { p = q } else { p = try engine.prepare(polygons[k]); prepared[k] = p }
            if try p.covers(c) { found += 1; break }
        }
    }
    return found
}

/// Region ∩ cover and region − cover the plain way: each region against the
/// whole cover (what PolygonOverlay did before it handed GEOS only the cover
/// near each region).
func wholeCoverOverlay(_ regions: [Geometry], _ cover: Geometry) throws -> Int {
    let engine = try GeometryEngine()
    let native = try engine.native(cover)
    let prepared = try engine.prepare(native)
    var pieces = 0
    for region in regions {
        let r = try engine.native(region)
        guard try prepared.intersects(r), try !prepared.covers(r) else { continue }
        pieces += try engine.intersection(r, native).value().polygons.count
        pieces += try engine.difference(r, native).value().polygons.count
    }
    return pieces
}

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .throughput, .peakMemoryResident, .mallocCountTotal],
        warmupIterations: 1, maxDuration: .seconds(10), maxIterations: 10)
    let ratio = BenchmarkMetric.custom("times faster ×100", polarity: .prefersLarger, useScalingFactor: false)
    let ratioConfiguration = Benchmark.Configuration(metrics: [ratio], warmupIterations: 0, maxDuration: .seconds(60), maxIterations: 3)

    // Point location: the region of 200,000 points among 702 regions.
    for workers in [1, 2] {
        Benchmark("PolygonLocator.firstCovering 200k points, 702 regions, \(workers) worker(s)",
                  configuration: .init(scalingFactor: .one)) { benchmark in
            blackHole(try Data.regionLocator.firstCoveringIndices(Data.points, workers: workers))
        } setup: { _ = Data.regionLocator; _ = Data.points }
    }
    Benchmark("PolygonLocator.anyCovers 200k points, 10k footprints, 2 workers") { _ in
        blackHole(try Data.footprintLocator.anyCovers(Data.points, workers: 2))
    } setup: { _ = Data.footprintLocator; _ = Data.points }

    // Footprints: 10,000 geodesic discs of 64 vertices, and their union.
    Benchmark("Geodesy.disc 10k discs, 64 vertices") { _ in
        for i in Data.initiatives { blackHole(Geodesy.disc(center: i.centre, radiusMeters: i.radiusKm * 1000, segments: 64)) }
    } setup: { _ = Data.initiatives }
    for workers in [1, 2] {
        Benchmark("GeometryEngine.union 10k discs, \(workers) worker(s)") { _ in
            blackHole(try GeometryEngine().union(Data.footprints, workers: workers).value())
        } setup: { _ = Data.footprints }
    }

    // Region overlay: 702 regions ∩ and − the union of the discs.
    for workers in [1, 2] {
        Benchmark("PolygonOverlay.split 702 regions, \(workers) worker(s)") { _ in
            blackHole(try PolygonOverlay.split(Data.regions, by: Data.coverage, workers: workers))
        } setup: { _ = Data.coverage; _ = Data.regions }
    }

    // Reading: a 100,000-row needs CSV into point features.
    Benchmark("CSVFeatureReader.read 100k rows") { _ in
        blackHole(try CSVFeatureReader.read(contentsOf: Data.needsCSV))
    } setup: { _ = Data.needsCSV }

    // Reading at scale: a 1,000,000-row needs CSV into a table, then into
    // point features (once a test gated by GAPMAP_CSV_BENCH).
    Benchmark("CSVReader.read + CSVFeatureReader.features 1M rows",
              configuration: .init(warmupIterations: 0, maxDuration: .seconds(60), maxIterations: 3)) { _ in
        let table = try CSVReader.read(contentsOf: Data.needsCSVMillion)
        blackHole(try CSVFeatureReader.features(from: table, options: .init()))
    } setup: { _ = Data.needsCSVMillion }

    // Ratios, each measured within one iteration.
    Benchmark("Ratio: point location, Swift point-in-polygon over GEOS prepared covers (1 worker)",
              configuration: ratioConfiguration) { benchmark in
        let sample = Array(Data.points.prefix(50_000))
        let geos = try seconds { blackHole(try geosFirstCovering(sample, Data.regions, Data.regionLocator.index)) }
        let swift = try seconds { blackHole(try Data.regionLocator.firstCoveringIndices(sample, workers: 1)) }
        benchmark.measurement(ratio, Int((100 * geos / swift).rounded()))
    } setup: { _ = Data.regionLocator; _ = Data.points }
    Benchmark("Ratio: point location, 2 workers over 1", configuration: ratioConfiguration) { benchmark in
        let one = try seconds { blackHole(try Data.regionLocator.firstCoveringIndices(Data.points, workers: 1)) }
        let two = try seconds { blackHole(try Data.regionLocator.firstCoveringIndices(Data.points, workers: 2)) }
        benchmark.measurement(ratio, Int((100 * one / two).rounded()))
    } setup: { _ = Data.regionLocator; _ = Data.points }
    Benchmark("Ratio: union of 10k discs, 2 workers over 1", configuration: ratioConfiguration) { benchmark in
        let one = try seconds { blackHole(try GeometryEngine().union(Data.footprints, workers: 1).value()) }
        let two = try seconds { blackHole(try GeometryEngine().union(Data.footprints, workers: 2).value()) }
        benchmark.measurement(ratio, Int((100 * one / two).rounded()))
    } setup: { _ = Data.footprints }
    Benchmark("Ratio: region overlay, PolygonOverlay.split over each region against the whole cover (1 worker)",
              configuration: ratioConfiguration) { benchmark in
        let whole = try seconds { blackHole(try wholeCoverOverlay(Data.regions, Data.coverage)) }
        let local = try seconds { blackHole(try PolygonOverlay.split(Data.regions, by: Data.coverage, workers: 1)) }
        benchmark.measurement(ratio, Int((100 * whole / local).rounded()))
    } setup: { _ = Data.coverage; _ = Data.regions }
    Benchmark("Ratio: region overlay, 2 workers over 1", configuration: ratioConfiguration) { benchmark in
        let one = try seconds { blackHole(try PolygonOverlay.split(Data.regions, by: Data.coverage, workers: 1)) }
        let two = try seconds { blackHole(try PolygonOverlay.split(Data.regions, by: Data.coverage, workers: 2)) }
        benchmark.measurement(ratio, Int((100 * one / two).rounded()))
    } setup: { _ = Data.coverage; _ = Data.regions }
}
