import Foundation
import GeoCore
import GeoFormats
import Testing
import TestSupport
@testable import GapMap

/// The formats read through GDAL give the figures of the files they were
/// converted from: the 50 cercles of Mali as a zipped shapefile and as KML
/// against their GeoJSON, a needs table as an Excel workbook against its CSV.
struct GDALFormatsTests {
    static let cercles = Fixture.sharedGeodata.map { $0 + "/adm2-cercles.geojson" }
    static let canConvert = toolPath("ogr2ogr") != nil && toolPath("zip") != nil

    static func sample(_ name: String) -> String { Fixture.projectRoot + "/geodata/mali/" + name }

    static func report(regions: String, needs: String? = sample("needs.csv")) throws -> CoverageReport {
        let request = AnalysisRequest(regionsPath: regions, initiativesPath: sample("initiatives.csv"), needsPath: needs,
                                      incidentsPath: sample("incidents.csv"))
        return try CoverageAnalysis(parameters: request.parameters).run(try AnalysisSource(request), into: [])
    }

    /// The cercles written by ogr2ogr as a shapefile in a .zip and as KML.
    static func convertedCercles(in folder: String) throws -> (zip: String, kml: String) {
        try runTool("ogr2ogr", ["-f", "ESRI Shapefile", folder + "/cercles.shp", cercles!])
        try runTool("zip", ["-q", "cercles.zip", "cercles.shp", "cercles.shx", "cercles.dbf", "cercles.prj"], in: folder)
        for ext in ["shp", "shx", "dbf", "prj", "cpg"] { try? FileManager.default.removeItem(atPath: folder + "/cercles." + ext) }
        try runTool("ogr2ogr", ["-f", "KML", folder + "/cercles.kml", cercles!])
        return (folder + "/cercles.zip", folder + "/cercles.kml")
    }

    static func expectSameMetrics(_ a: CoverageReport, _ b: CoverageReport, relative: Double, _ what: String) {
        #expect(a.metrics.count == 50 && b.metrics.count == 50, "\(what): \(b.metrics.count) units")
        let byID = Dictionary(uniqueKeysWithValues: a.metrics.map { ($0.regionID, $0) })
        for m in b.metrics {
            guard let o = byID[m.regionID] else {
                Issue.record("\(what): unit \(m.regionID) is not among the GeoJSON's")
                continue
            }
            #expect(m.name == o.name)
            #expect(abs(m.areaKm2 - o.areaKm2) <= relative * o.areaKm2, "\(what) \(m.regionID) area \(m.areaKm2) vs \(o.areaKm2)")
            #expect(abs(m.coveredKm2 - o.coveredKm2) <= relative * o.areaKm2, "\(what) \(m.regionID) covered")
            #expect(m.initiatives == o.initiatives, "\(what) \(m.regionID) initiatives")
            // Needs that name a coarser unit are shared by area, and covered by the share of area covered.
            #expect(abs(m.needs - o.needs) <= relative * max(1, o.needs), "\(what) \(m.regionID) needs")
            #expect(abs(m.incidents - o.incidents) <= relative * max(1, o.incidents), "\(what) \(m.regionID) incidents")
            #expect(abs(m.needsCovered - o.needsCovered) <= relative * max(1, o.needs), "\(what) \(m.regionID) needs covered")
            #expect(abs(m.incidentsCovered - o.incidentsCovered) <= relative * max(1, o.incidents), "\(what) \(m.regionID) incidents covered")
            #expect(m.gapRank == o.gapRank, "\(what) \(m.regionID) rank")
        }
        for kind in [LayerKind.needs, .incidents, .initiatives] {
            #expect(a.layers[kind]?.assigned == b.layers[kind]?.assigned && a.layers[kind]?.unassigned == b.layers[kind]?.unassigned)
        }
    }

    @Test(.enabled(if: cercles != nil, "geodata/mali-cod-2015 is absent"),
          .enabled(if: canConvert, "ogr2ogr and zip are needed to write the shapefile and KML"))
    func cerclesAsZippedShapefileAndKMLGiveTheGeoJSONFigures() throws {
        let folder = temporaryFolder("gdal-cercles")
        let (zip, kml) = try Self.convertedCercles(in: folder)
        let original = try Self.report(regions: Self.cercles!)
        // The shapefile holds the same doubles: identical figures.
        let shapefile = try Self.report(regions: zip)
        Self.expectSameMetrics(original, shapefile, relative: 1e-12, "zipped shapefile")
        #expect(shapefile.layers[.regions]?.read == 50 && shapefile.layers[.regions]?.used == 50)
        // KML writes 15 significant digits (1e-9 degree at most): areas within 1e-9.
        let fromKML = try Self.report(regions: kml)
        Self.expectSameMetrics(original, fromKML, relative: 1e-9, "KML")
    }

    @Test(.enabled(if: cercles != nil, "geodata/mali-cod-2015 is absent"),
          .enabled(if: canConvert, "ogr2ogr and zip are needed to write the shapefile"))
    func aShapefileWithoutItsDBFIsRefusedByName() throws {
        let folder = temporaryFolder("gdal-nodbf")
        try runTool("ogr2ogr", ["-f", "ESRI Shapefile", folder + "/cercles.shp", Self.cercles!])
        try FileManager.default.removeItem(atPath: folder + "/cercles.dbf")
        #expect {
            _ = try FeatureFileReader.read(folder + "/cercles.shp")
        } throws: { error in
            let text = "\(error)"
            return text.contains("cercles.dbf") && text.contains("attribute table") && text.contains(".shx, .dbf, .prj")
        }
        // The same in a .zip without its .prj.
        try runTool("zip", ["-q", "cercles.zip", "cercles.shp", "cercles.shx"], in: folder)
        try FileManager.default.createDirectory(atPath: folder + "/full", withIntermediateDirectories: true)
        try runTool("ogr2ogr", ["-f", "ESRI Shapefile", folder + "/full/cercles.shp", Self.cercles!])
        try runTool("zip", ["-q", "../cercles.zip", "cercles.dbf"], in: folder + "/full")
        #expect {
            _ = try FeatureFileReader.read(folder + "/cercles.zip")
        } throws: { error in
            "\(error)".contains("cercles.prj") && "\(error)".contains("in the archive")
        }
    }

    @Test(.enabled(if: toolPath("ogr2ogr") != nil, "ogr2ogr is needed to write the workbook"))
    func needsAsAnExcelWorkbookGiveTheCSVFiguresAndAccounts() throws {
        let folder = temporaryFolder("gdal-xlsx")
        // Quoted line breaks, 8 rows with a bad severity, 2 bad dates, 12 duplicates.
        let csv = try AnalysisPipelineTests.generatedNeeds(in: folder)
        try runTool("ogr2ogr", ["-f", "XLSX", "-nln", "Needs", folder + "/needs.xlsx", csv, "-oo", "AUTODETECT_TYPE=YES"])
        let fromCSV = try Self.report(regions: Self.sample("regions.geojson"), needs: csv)
        let fromXLSX = try Self.report(regions: Self.sample("regions.geojson"), needs: folder + "/needs.xlsx")
        let a = try #require(fromCSV.layers[.needs]), b = try #require(fromXLSX.layers[.needs])
        #expect(a.read == 252 && b.read == 252)
        #expect(a.used == b.used && a.rejected == b.rejected && a.duplicates == b.duplicates)
        #expect(a.assigned == b.assigned && a.unassigned == b.unassigned && a.points == b.points)
        #expect(a.used + a.rejected + a.duplicates == a.read)
        for (m, o) in zip(fromXLSX.metrics, fromCSV.metrics) {
            #expect(m.regionID == o.regionID && m.needs == o.needs && m.needsCovered == o.needsCovered && m.gapRank == o.gapRank)
        }
        // Row N3 (bad severity) is sheet row 4: the header is row 1.
        let issues = fromXLSX.issues.filter { $0.layer == .needs }
        let n3 = try #require(issues.first { $0.id == "N3" })
        #expect(n3.line == 4 && n3.file.hasSuffix("needs.xlsx:Needs"))
        #expect(issues.count == fromCSV.issues.filter { $0.layer == .needs }.count)
        // A sheet named after a colon; an unknown one is refused with the list.
        #expect(try FeatureFileReader.read(folder + "/needs.xlsx:Needs").features.count == 252)
        #expect {
            _ = try FeatureFileReader.read(folder + "/needs.xlsx:Besoins")
        } throws: { "\($0)".contains("no sheet 'Besoins'") && "\($0)".contains("Needs") }
    }

    @Test(.enabled(if: toolPath("ogr2ogr") != nil, "ogr2ogr is needed to write the workbook"))
    func aWorkbookOfTextOnlyKeepsItsHeader() throws {
        // Every cell text (as a KoboToolbox export or a CSV saved as .xlsx): GDAL cannot tell the
        // header from the rows by their types; gapmap's read must still take row 1 as the header.
        let folder = temporaryFolder("gdal-xlsx-text")
        let csv = try AnalysisPipelineTests.generatedNeeds(in: folder)
        try runTool("ogr2ogr", ["-f", "XLSX", "-nln", "Needs", folder + "/text.xlsx", csv])
        let fromCSV = try Self.report(regions: Self.sample("regions.geojson"), needs: csv)
        let fromXLSX = try Self.report(regions: Self.sample("regions.geojson"), needs: folder + "/text.xlsx")
        let a = try #require(fromCSV.layers[.needs]), b = try #require(fromXLSX.layers[.needs])
        #expect(b.read == 252 && a.used == b.used && a.rejected == b.rejected && a.duplicates == b.duplicates)
        #expect(zip(fromXLSX.metrics, fromCSV.metrics).allSatisfy { $0.needs == $1.needs && $0.needsCovered == $1.needsCovered })
    }
}
