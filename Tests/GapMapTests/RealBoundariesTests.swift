import Foundation
import GeoCore
import GeoFormats
import Testing
import TestSupport
@testable import GapMap

/// Tests on the real boundaries of Mali in geodata/mali-cod-2015 (OCHA COD-AB
/// 2015); they skip when that folder is absent.
struct RealBoundariesTests {
    static let communes = Fixture.sharedGeodata.map { $0 + "/adm3-communes.geojson" }
    static let regions = Fixture.sharedGeodata.map { $0 + "/adm1-regions.geojson" }

    @Test(.enabled(if: Fixture.sharedGeodata != nil, "geodata/mali-cod-2015 is absent"))
    func theCommunesAddUpToMalisPublishedArea() throws {
        let builder = LayerBuilder(engine: try GeometryEngine())
        let (layer, fields) = try builder.regions(from: try FeatureFileReader.read(Self.communes!))
        #expect(fields.id == "admin3Pcod")
        #expect(fields.name == "admin3Name")
        #expect(fields.parent == "admin2Pcod")
        #expect(layer.items.count == 701)
        #expect(layer.account.read == 701 && layer.account.used == 701)
        let total = layer.items.reduce(0) { $0 + Geodesy.areaSquareKilometers($1.geometry) }
        // Mali's published area: 1,240,192 km².
        #expect(abs(total / 1_240_192 - 1) < 0.02)
    }

    @Test(.enabled(if: Fixture.sharedGeodata != nil, "geodata/mali-cod-2015 is absent"))
    func regionsAreDetectedAsOCHALevelOne() throws {
        let builder = LayerBuilder(engine: try GeometryEngine())
        let (layer, fields) = try builder.regions(from: try FeatureFileReader.read(Self.regions!))
        #expect(fields.id == "admin1Pcod")
        #expect(Set(layer.items.map(\.id)) == Set((1...9).map { "ML0\($0)" }))
        let catalog = RegionCatalog(regions: layer.items)
        // Accent and case folding: Ségou = SEGOU = segou.
        for spelling in ["Ségou", "SEGOU", "segou", "ML04", "ml04"] {
            guard case .found(let i) = catalog.resolve(spelling, regions: layer.items) else {
                Issue.record("\(spelling) not resolved")
                continue
            }
            #expect(layer.items[i].id == "ML04")
        }
    }

    /// Resident memory of this process in bytes (Linux /proc).
    static func residentBytes() -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let fields = text.split(separator: " ")
        return (Int(fields[1]) ?? 0) * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    /// Resident memory is a whole-process figure: other suites running at the
    /// same time make it jump. So this test runs alone, as its own step of
    /// scripts/test.sh (GAPMAP_LEAK_TEST=1 swift test --filter ...).
    static let leakTestRequested = ProcessInfo.processInfo.environment["GAPMAP_LEAK_TEST"] == "1"

    @Test(.enabled(if: Fixture.sharedGeodata != nil, "geodata/mali-cod-2015 is absent"),
          .enabled(if: leakTestRequested, "runs alone in scripts/test.sh (set GAPMAP_LEAK_TEST=1)"))
    func analysingTheCommunesAHundredTimesDoesNotGrowMemory() throws {
        let input = try AnalysisWorkflow.load(AnalysisRequest(regionsPath: Self.communes!))
        // Initiatives and needs spread over the country, generated from a seed.
        var rng = SeededRandom(seed: 7)
        var initiatives: [Initiative] = []
        var needs: [Need] = []
        for i in 0..<60 {
            let c = Coordinate(lon: -11 + rng.nextUnit() * 15, lat: 11 + rng.nextUnit() * 13)
            initiatives.append(Initiative(id: "I\(i)", name: "", actor: nil, kind: "", status: nil, placement: .point(c),
                                          radiusKm: 5 + rng.nextUnit() * 30, startDate: "", endDate: "", line: i))
        }
        for i in 0..<3000 {
            let c = Coordinate(lon: -11 + rng.nextUnit() * 15, lat: 11 + rng.nextUnit() * 13)
            needs.append(Need(id: "N\(i)", category: "", segment: "", severity: nil, weight: 1, date: "", placement: .point(c), line: i))
        }
        var full = input
        full.initiatives = LoadedLayer(items: initiatives, account: LayerAccount(file: "t", format: "test"), issues: [])
        full.needs = LoadedLayer(items: needs, account: LayerAccount(file: "t", format: "test"), issues: [])
        let analysis = CoverageAnalysis()
        var first: CoverageReport?
        var baseline = 0
        for iteration in 0..<100 {
            let report = try analysis.run(full)
            if first == nil { first = report }
            #expect(report.metrics == first!.metrics)
            if iteration == 9 { baseline = Self.residentBytes() }
        }
        let growth = Self.residentBytes() - baseline
        // A leak of the coverage union or of the regions' GEOS copies would add
        // several MB per run; allow a little allocator noise over 90 runs.
        #expect(growth < 16 * 1024 * 1024, "resident memory grew by \(growth / 1024) KiB over 90 runs")
    }
}

