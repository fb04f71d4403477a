import Foundation
import GeoCore
import GeoFormats
import Testing
import TestSupport
@testable import GapMap

/// People near incidents, against answers known without gapmap's code: on a
/// raster of 5 people/km² in EPSG:6933 (equal-area on the WGS84 ellipsoid),
/// a cercle's exposed population is 5 × the geodesic area of the incident
/// discs inside it. The disc areas below are pyproj's (`Geod(ellps='WGS84')`,
/// the geodesic circle sampled at 200,000 azimuths by `fwd`, then
/// `polygon_area_perimeter`), in km²; the discs are drawn with 1,024
/// vertices, whose area is the circle's within 6.3e-6.
struct ExposureTests {
    static let cercles = PopulationRasterTests.cercles
    static let hasGDALTools = PopulationRasterTests.hasGDALTools

    // Points well inside a cercle (shapely: more than 0.2° from its boundary), and one on the border of two.
    static let gourma = Coordinate(x: -0.24152199045517275, y: 17.775772976500036)  // ML0703
    static let bourem = Coordinate(x: 0.1571362575727696, y: 16.37757591250005)  // ML0701
    static let menaka = Coordinate(x: 2.9762405992294454, y: 16.665070288000067)  // ML0704
    static let kita = Coordinate(x: -11.470221560903088, y: 14.580948536500046)  // ML0101
    static let border = Coordinate(x: -7.929216934499976, y: 12.68159841000005)  // ML0901 | ML0205
    static let gourma5km = 78.53981228002765, bourem1km = 3.1415926570289114
    static let menaka1km = 3.1415926479097824, menaka2km = 12.56637050339767, menaka5km = 78.53981228403053
    static let border2km = 12.56637051403475, border1500m = 7.0685834368308935

    static func write(_ folder: String) throws -> (incidents: String, initiatives: String) {
        let incidents = folder + "/incidents.csv", initiatives = folder + "/initiatives.csv"
        func row(_ id: String, _ c: Coordinate, _ type: String) -> String { "\(id),\(c.x),\(c.y),\(type),2024-01-0\(id.suffix(1))" }
        try (["event_id_cnty,longitude,latitude,event_type,event_date",
              // Two types at one place: the union is the larger disc, not the sum.
              row("E1", gourma, "Battles"), row("E2", gourma, "Explosions/Remote violence"),
              row("E3", bourem, "Protests"), row("E4", menaka, "Battles"), row("E5", border, "Riots"),
              // Left out with radius 0 (Strategic developments=0 below).
              row("E6", kita, "Strategic developments")].joined(separator: "\n") + "\n")
            .write(toFile: incidents, atomically: true, encoding: .utf8)
        // One initiative, 1 km around the Ménaka incident: its inner 1 km is covered.
        try "id,name,actor,kind,status,lon,lat,radius_km\nI1,Poste,state,post,active,\(menaka.x),\(menaka.y),1\n"
            .write(toFile: initiatives, atomically: true, encoding: .utf8)
        return (incidents, initiatives)
    }

    /// Every event type kept (`selection`), or by default ACLED's political violence only.
    static func report(radii: ExposureRadii, folder: String, selection: IncidentSelection = .everything) throws -> CoverageReport {
        let raster = folder + "/uniform.tif"
        if !FileManager.default.fileExists(atPath: raster) {
            // EPSG:6933, 5 km cells of 125 people: 5 people per km², over the whole of Mali.
            try runTool("gdal_create", ["-of", "GTiff", "-outsize", "330", "380", "-a_srs", "EPSG:6933",
                                        "-a_ullr", "-1190000", "3110000", "460000", "1210000", "-burn", "125", raster])
        }
        let files = try write(folder)
        var request = AnalysisRequest(regionsPath: cercles!, initiativesPath: files.initiatives, incidentsPath: files.incidents,
                                      parameters: AnalysisParameters(segments: 1024, exposureRadii: radii,
                                                                     rankBy: MetricCatalogue.exposedUncoveredPopulation.key))
        request.populationPath = raster
        request.filter.incidents = selection
        return try CoverageAnalysis(parameters: request.parameters).run(try AnalysisSource(request), into: [])
    }

    @Test(.enabled(if: cercles != nil, "geodata/mali-cod-2015 is absent"),
          .enabled(if: hasGDALTools, "gdal_create is needed to make the raster"))
    func exposureIsDensityTimesTheGeodesicAreaOfTheDiscsInside() throws {
        let folder = temporaryFolder("exposure")
        let report = try Self.report(radii: try ExposureRadii.parse("Strategic developments=0"), folder: folder)
        let byID = Dictionary(uniqueKeysWithValues: report.metrics.map { ($0.regionID, $0) })
        func expectExposure(_ id: String, _ exposedKm2: Double, uncoveredKm2: Double? = nil) throws {
            let m = try #require(byID[id])
            let exposed = try #require(m.exposedPopulation), uncovered = try #require(m.exposedUncoveredPopulation)
            #expect(abs(exposed / (5 * exposedKm2) - 1) < 1e-4, "\(id) exposed: \(exposed) vs 5 × \(exposedKm2)")
            let wantUncovered = 5 * (uncoveredKm2 ?? exposedKm2)
            print("\(id): exposed \(exposed) vs \(5 * exposedKm2) (relative \(exposed / (5 * exposedKm2) - 1)); exposed uncovered \(uncovered) vs \(wantUncovered) (relative \(uncovered / wantUncovered - 1))")
            #expect(abs(uncovered / wantUncovered - 1) < 1e-4, "\(id) exposed uncovered: \(uncovered) vs \(wantUncovered)")
        }
        try expectExposure("ML0703", Self.gourma5km)
        try expectExposure("ML0701", Self.bourem1km)
        try expectExposure("ML0704", Self.menaka2km, uncoveredKm2: Self.menaka2km - Self.menaka1km)
        // The border disc is shared by its two cercles; together they hold all of it.
        let shared = try #require(byID["ML0901"]?.exposedPopulation) + (try #require(byID["ML0205"]?.exposedPopulation))
        #expect(abs(shared / (5 * Self.border2km) - 1) < 1e-4, "border: \(shared) vs 5 × \(Self.border2km)")
        #expect(try #require(byID["ML0901"]?.exposedPopulation) > 0 && (try #require(byID["ML0205"]?.exposedPopulation)) > 0)
        // Every other cercle: known and zero (incidents were given); ML0101 holds only the strategic development, of radius 0.
        let near = Set(["ML0703", "ML0701", "ML0704", "ML0901", "ML0205"])
        for m in report.metrics where !near.contains(m.regionID) {
            #expect(m.exposedPopulation == 0 && m.exposedUncoveredPopulation == 0, "\(m.regionID)")
        }
        let exposure = try #require(report.exposure)
        #expect(exposure.incidentsWithDisc == 5 && exposure.incidentsWithoutCoordinates == 0 && exposure.discs == 5,
                "\(exposure) \(report.layers[.incidents].map { "\($0)" } ?? "") \(report.issues)")
        // Ranked by exposed uncovered population: Gourma-Rharous (5 km disc, 392.7 people) first, then Ménaka (47.1).
        #expect(report.ranked.prefix(2).map(\.regionID) == ["ML0703", "ML0704"])
    }

    @Test(.enabled(if: cercles != nil, "geodata/mali-cod-2015 is absent"),
          .enabled(if: hasGDALTools, "gdal_create is needed to make the raster"))
    func theRadiiOfTheRunReplaceACLEDs() throws {
        let report = try Self.report(radii: try ExposureRadii.parse("Battles=5km,Protests=0,default=1500m"), folder: temporaryFolder("exposure"))
        let byID = Dictionary(uniqueKeysWithValues: report.metrics.map { ($0.regionID, $0) })
        let menaka = try #require(byID["ML0704"]?.exposedPopulation), bourem = try #require(byID["ML0701"]?.exposedPopulation)
        #expect(abs(menaka / (5 * Self.menaka5km) - 1) < 1e-4, "Battles=5km: \(menaka) vs 5 × \(Self.menaka5km)")
        #expect(bourem == 0)
        let uncovered = try #require(byID["ML0704"]?.exposedUncoveredPopulation)
        #expect(abs(uncovered / (5 * (Self.menaka5km - Self.menaka1km)) - 1) < 1e-4)
        // Riots, at default=1500m: a 1.5 km disc on the border (pyproj: 7.0685834 km²).
        let border = try #require(byID["ML0901"]?.exposedPopulation) + (try #require(byID["ML0205"]?.exposedPopulation))
        #expect(abs(border / (5 * Self.border1500m) - 1) < 1e-4, "border: \(border) vs 5 × \(Self.border1500m)")
    }

    @Test(.enabled(if: cercles != nil, "geodata/mali-cod-2015 is absent"),
          .enabled(if: hasGDALTools, "gdal_create is needed to make the raster"))
    func onlyTheIncidentsInTheRunExposePeople() throws {
        // By default a run keeps ACLED's political violence: the protest and the riot expose nobody.
        let report = try Self.report(radii: .acled, folder: temporaryFolder("exposure"), selection: IncidentSelection())
        let byID = Dictionary(uniqueKeysWithValues: report.metrics.map { ($0.regionID, $0) })
        #expect(byID["ML0701"]?.exposedPopulation == 0 && byID["ML0901"]?.exposedPopulation == 0 && byID["ML0205"]?.exposedPopulation == 0)
        #expect(abs(try #require(byID["ML0703"]?.exposedPopulation) / (5 * Self.gourma5km) - 1) < 1e-4)
        #expect(report.exposure?.incidentsWithDisc == 3)
    }

    /// A square of 1° (0–1°E, 10–11°N) with a population attribute of 1,000,000 and settlements; one battle
    /// at its centre (2 km disc), one initiative there of 1 km. pyproj: the square's area (edges densified
    /// to 100,000 points each) 12,108.188648 km², the 2 km disc 12.566370512 km², the 1 km disc 3.141592648 km².
    static func squareRun(settlements: Bool, folder: String) throws -> RegionMetrics {
        let regions = folder + "/square.geojson", incidents = folder + "/incidents.csv", initiatives = folder + "/initiatives.csv"
        try """
        {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"SQ","name":"Square","population":1000000},
        "geometry":{"type":"Polygon","coordinates":[[[0,10],[1,10],[1,11],[0,11],[0,10]]]}}]}
        """.write(toFile: regions, atomically: true, encoding: .utf8)
        try "event_id_cnty,longitude,latitude,event_type,event_date\nE1,0.5,10.5,Battles,2024-01-01\n"
            .write(toFile: incidents, atomically: true, encoding: .utf8)
        try "id,name,actor,kind,status,lon,lat,radius_km\nI1,Poste,state,post,active,0.5,10.5,1\n".write(toFile: initiatives, atomically: true, encoding: .utf8)
        var request = AnalysisRequest(regionsPath: regions, initiativesPath: initiatives, incidentsPath: incidents,
                                      parameters: AnalysisParameters(segments: 1024))
        if settlements {
            // At the centre (covered, exposed), 1.5 km east (exposed, not covered: pyproj fwd), 3 km north (not exposed).
            let path = folder + "/settlements.csv"
            try "id,name,lon,lat,population\nS1,A,0.5,10.5,100\nS2,B,0.513702684037118,10.499999704485791,200\nS3,C,0.5,10.52712201405918,400\n"
                .write(toFile: path, atomically: true, encoding: .utf8)
            request.settlementsPath = path
        }
        let report = try CoverageAnalysis(parameters: request.parameters).run(try AnalysisSource(request), into: [])
        #expect(report.populationSource == (settlements ? .settlements : .regionAttribute))
        return try #require(report.metrics.first)
    }

    @Test func aRegionAttributeCountsTheExposedShareOfItsArea() throws {
        let m = try Self.squareRun(settlements: false, folder: temporaryFolder("exposure-square"))
        let square = 12108.188648308807, disc2 = 12.566370511877565, disc1 = 3.141592647794085
        #expect(abs(m.areaKm2 / square - 1) < 1e-9, "\(m.areaKm2)")
        let exposed = try #require(m.exposedPopulation), uncovered = try #require(m.exposedUncoveredPopulation)
        #expect(abs(exposed / (1e6 * disc2 / square) - 1) < 1e-4, "\(exposed) vs \(1e6 * disc2 / square)")
        #expect(abs(uncovered / (1e6 * (disc2 - disc1) / square) - 1) < 1e-4, "\(uncovered) vs \(1e6 * (disc2 - disc1) / square)")
    }

    @Test func settlementsCountWhereTheyLie() throws {
        let m = try Self.squareRun(settlements: true, folder: temporaryFolder("exposure-square"))
        #expect(m.population == 700 && m.coveredPopulation == 100)
        #expect(m.exposedPopulation == 300 && m.exposedUncoveredPopulation == 200)
    }

    @Test(.enabled(if: cercles != nil, "geodata/mali-cod-2015 is absent"),
          .enabled(if: hasGDALTools, "gdal_create is needed to make the raster"))
    func aRasterReadInManyBandsCountsAreasOutsideSomeBands() throws {
        // Bands of 2,000 cells (6 rows of 330): the 5 km disc lies in none of most of the cercle's bands.
        let folder = temporaryFolder("exposure-bands"), raster = folder + "/uniform.tif"
        try runTool("gdal_create", ["-of", "GTiff", "-outsize", "330", "380", "-a_srs", "EPSG:6933",
                                    "-a_ullr", "-1190000", "3110000", "460000", "1210000", "-burn", "125", raster])
        let cercle = try #require(try FeatureFileReader.read(Self.cercles!).features.first { $0.properties["admin2Pcod"]?.stringValue == "ML0703" }?.geometry)
        let disc = Geometry.polygon(Geodesy.disc(center: Self.gourma, radiusMeters: 5000, segments: 1024))
        let counts = try PopulationRaster(path: raster, maxWindowCells: 2000).population(of: [cercle, disc])
        #expect(abs(counts[0] / (5 * Geodesy.areaSquareKilometers(cercle)) - 1) < 1e-4)
        #expect(abs(counts[1] / (5 * Self.gourma5km) - 1) < 1e-4, "\(counts[1]) vs 5 × \(Self.gourma5km)")
    }

    @Test func radiiAreReadAndRefusedWithTheRange() throws {
        let radii = try ExposureRadii.parse(" battles = 5 km ,Riots=1500m,default=3")
        #expect(radii.radiusKm(forType: "Battles") == 5 && radii.radiusKm(forType: "RIOTS") == 1.5)
        #expect(radii.radiusKm(forType: "Protests") == 1 && radii.radiusKm(forType: "Explosions/Remote violence") == 5)
        #expect(radii.radiusKm(forType: "Violence against civilians") == 3)
        for bad in ["Battles", "Battles=-1km", "Battles=2001", "=2km", "Battles=nan", "Battles=5km,,Riots=1"] {
            #expect(throws: ExposureRadiiProblem.self, "\(bad)") { try ExposureRadii.parse(bad) }
        }
        var message = ""
        do { _ = try ExposureRadii.parse("Battles=3000km") } catch { message = "\(error)" }
        #expect(message.contains("\"Battles=3000km\"") && message.contains("from 0 to 2000 km"), "\(message)")
    }
}
