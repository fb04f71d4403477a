import Foundation
import GeoCore
@testable import GeoFormats
import Testing
import TestSupport
@testable import GapMap

/// Population from a raster of people per cell, against answers known
/// without gapmap's code: a uniform density in an equal-area CRS gives
/// density × area_km2; checkerboards in UTM and in lon/lat give what a
/// brute-force sum of shapely's cell ∩ polygon areas gives.
struct PopulationRasterTests {
    static let cercles = Fixture.sharedGeodata.map { $0 + "/adm2-cercles.geojson" }
    static let hasGDALTools = toolPath("gdal_create") != nil && toolPath("gdal_translate") != nil
    static let hasShapely: Bool = (try? runTool("python3", ["-c", "import shapely, pyproj"])) != nil

    static func sample(_ name: String) -> String { Fixture.projectRoot + "/geodata/mali/" + name }

    static func report(population raster: String, regions: String = cercles!) throws -> CoverageReport {
        var request = AnalysisRequest(regionsPath: regions, initiativesPath: sample("initiatives.csv"))
        request.populationPath = raster
        return try CoverageAnalysis(parameters: request.parameters).run(try AnalysisSource(request), into: [])
    }

    @Test(.enabled(if: cercles != nil, "geodata/mali-cod-2015 is absent"),
          .enabled(if: hasGDALTools, "gdal_create is needed to make the raster"))
    func uniformDensityInAnEqualAreaCRSGivesDensityTimesArea() throws {
        let folder = temporaryFolder("pop-uniform")
        let raster = folder + "/uniform.tif"
        // EPSG:6933 (equal-area on the WGS84 ellipsoid), 5 km cells of 125 people: 5 people per km².
        try runTool("gdal_create", ["-of", "GTiff", "-outsize", "330", "380", "-a_srs", "EPSG:6933",
                                    "-a_ullr", "-1190000", "3110000", "460000", "1210000", "-burn", "125", raster])
        let report = try Self.report(population: raster)
        #expect(report.populationSource == .raster)
        // GDAL's block cache is held to 64 MB unless the user sets GDAL_CACHEMAX (GDAL's own default is 5 % of RAM).
        if ProcessInfo.processInfo.environment["GDAL_CACHEMAX"] == nil { #expect(RasterGrid.cacheMaximum == 64 * 1024 * 1024) }
        var worst = 0.0
        for m in report.metrics {
            let population = try #require(m.population), covered = try #require(m.coveredPopulation)
            worst = max(worst, abs(population / (5 * m.areaKm2) - 1))
            #expect(abs(population - 5 * m.areaKm2) <= 1e-4 * 5 * m.areaKm2, "\(m.regionID): \(population) vs \(5 * m.areaKm2)")
            #expect(abs(covered - 5 * m.coveredKm2) <= 1e-4 * 5 * m.areaKm2, "\(m.regionID) covered: \(covered) vs \(5 * m.coveredKm2)")
            #expect(abs((m.uncoveredPopulation ?? -1) - (population - covered)) < 1e-6 * population)
        }
        print("uniform density: worst relative error \(worst) over \(report.metrics.count) cercles")
        // Every cell of the raster is counted, in a cercle or outside all of them.
        let totals = try #require(report.rasterPopulation)
        #expect(totals.total == 125 * 330 * 380)
        let inCercles = report.metrics.reduce(0) { $0 + $1.population! }
        #expect(abs(totals.outsideRegions - (125 * 330 * 380 - inCercles)) < 1)
        #expect(abs(totals.outsideRegions - 125 * 330 * 380 + 5 * report.metrics.reduce(0) { $0 + $1.areaKm2 }) < 1e-4 * totals.total)
    }

    /// An ESRI ASCII grid of `columns` × `rows` cells: 0 on the white
    /// squares of a checkerboard, 1…11 on the black ones, and `-9999`
    /// (nodata) on every cell with r·c ≡ 5 (mod 13).
    static func checkerboard(_ path: String, columns: Int, rows: Int, left: Double, bottom: Double, cell: Double) throws {
        var lines = ["ncols \(columns)", "nrows \(rows)", "xllcorner \(left)", "yllcorner \(bottom)", "cellsize \(cell)", "NODATA_value -9999"]
        for r in 0..<rows {
            lines.append((0..<columns).map { c in
                (r * c) % 13 == 5 ? "-9999" : (r + c) % 2 == 0 ? "0" : String(1 + (r * 7 + c * 3) % 11)
            }.joined(separator: " "))
        }
        try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// The brute force: for each cercle, densified to 0.01° and projected by
    /// pyproj, the sum over the cells of value × area(cell ∩ cercle) / area(cell) by shapely.
    static let bruteForce = """
    import json, sys, numpy as np, shapely, pyproj
    from shapely.geometry import shape, box
    asc, regions, crs = sys.argv[1], sys.argv[2], sys.argv[3]
    head = {}
    with open(asc) as f:
        for _ in range(6):
            k, v = f.readline().split(); head[k.lower()] = float(v)
        grid = np.loadtxt(f)
    n, cell, left = int(head['nrows']), head['cellsize'], head['xllcorner']
    top = head['yllcorner'] + n * cell
    to = pyproj.Transformer.from_crs('EPSG:4326', crs, always_xy=True)
    out = {}
    for feat in json.load(open(regions))['features']:
        g = shapely.segmentize(shape(feat['geometry']), 0.01)
        g = shapely.transform(g, lambda xy: np.column_stack(to.transform(xy[:, 0], xy[:, 1])))
        x0, y0, x1, y1 = g.bounds
        total = 0.0
        shapely.prepare(g)
        for r in range(max(0, int((top - y1) // cell)), min(n, int((top - y0) // cell) + 1)):
            for c in range(max(0, int((x0 - left) // cell)), min(grid.shape[1], int((x1 - left) // cell) + 1)):
                v = grid[r, c]
                if v <= 0: continue
                sq = box(left + c * cell, top - (r + 1) * cell, left + (c + 1) * cell, top - r * cell)
                if g.intersects(sq): total += v * g.intersection(sq).area / sq.area
        out[feat['properties']['admin2Pcod']] = total
    print(json.dumps(out))
    """

    static func expectBruteForce(crs: String, columns: Int, rows: Int, left: Double, bottom: Double, cell: Double) throws {
        let folder = temporaryFolder("pop-checker")
        let asc = folder + "/grid.asc", tif = folder + "/grid.tif"
        try checkerboard(asc, columns: columns, rows: rows, left: left, bottom: bottom, cell: cell)
        try runTool("gdal_translate", ["-q", "-a_srs", crs, asc, tif])
        let report = try Self.report(population: tif)
        let script = folder + "/brute.py", answer = folder + "/brute.json"
        try bruteForce.write(toFile: script, atomically: true, encoding: .utf8)
        try runTool("sh", ["-c", "python3 \(script) \(asc) \(cercles!) \(crs) > \(answer)"])
        let expected = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: answer))) as? [String: Double])
        #expect(expected.count == 50)
        var worst = 0.0
        for m in report.metrics {
            let want = try #require(expected[m.regionID]), got = try #require(m.population)
            worst = max(worst, abs(got - want) / max(1, want))
            #expect(abs(got - want) <= 1e-7 * max(1, want), "\(crs) \(m.regionID): \(got) vs brute force \(want)")
        }
        print("\(crs) checkerboard: worst relative difference from the brute force \(worst)")
    }

    @Test(.enabled(if: cercles != nil, "geodata/mali-cod-2015 is absent"),
          .enabled(if: hasGDALTools, "gdal_translate is needed to make the raster"),
          .enabled(if: hasShapely, "python3 with shapely and pyproj computes the brute force"))
    func checkerboardInUTMEqualsTheBruteForceSum() throws {
        // UTM 30N, 10 km cells over Mali.
        try Self.expectBruteForce(crs: "EPSG:32630", columns: 180, rows: 170, left: -530000, bottom: 1120000, cell: 10000)
    }

    @Test(.enabled(if: cercles != nil, "geodata/mali-cod-2015 is absent"),
          .enabled(if: hasGDALTools, "gdal_translate is needed to make the raster"),
          .enabled(if: hasShapely, "python3 with shapely and pyproj computes the brute force"))
    func checkerboardInLonLatEqualsTheBruteForceSum() throws {
        // WGS84 longitude/latitude, 0.1° cells, as WorldPop's rasters are (at 3 arc-seconds).
        try Self.expectBruteForce(crs: "EPSG:4326", columns: 170, rows: 152, left: -12.4, bottom: 10.0, cell: 0.1)
    }

    /// Cell fractions on a hand-made case: the triangle (0,0) (2,0) (0,2) in
    /// grid units covers cells (0,0) wholly, (1,0) and (0,1) half each.
    @Test func cellFractionsOfATriangleAreTheHandCalculation() {
        let triangle = Polygon(exterior: [Coordinate(x: 0, y: 0), Coordinate(x: 2, y: 0), Coordinate(x: 0, y: 2), Coordinate(x: 0, y: 0)])
        let f = CellCoverage(polygons: [triangle]).fractions(columns: 0..<3, rows: 0..<2)
        #expect(f == [1, 0.5, 0, 0.5, 0, 0])
        // A square with a square hole, clockwise: the hole's cell counts zero, a half-cell border a half.
        let frame = Polygon(exterior: [Coordinate(x: 0.5, y: 0), Coordinate(x: 0.5, y: 3), Coordinate(x: 3, y: 3), Coordinate(x: 3, y: 0), Coordinate(x: 0.5, y: 0)],
                            holes: [[Coordinate(x: 1, y: 1), Coordinate(x: 2, y: 1), Coordinate(x: 2, y: 2), Coordinate(x: 1, y: 2), Coordinate(x: 1, y: 1)]])
        let g = CellCoverage(polygons: [frame]).fractions(columns: 0..<3, rows: 0..<3)
        #expect(g == [0.5, 1, 1, 0.5, 0, 1, 0.5, 1, 1])
    }
}
