import Foundation
import GeoCore
import GeoFormats
import Testing
@testable import GapMap

/// ACLED, UCDP GED, KoboToolbox and HXL files recognised by their columns,
/// against the mini boundaries of `Fixtures/input` (2 regions, 4 cercles,
/// 8 communes). Every count is read off the fixture by hand.
struct SourceFormatTests {
    func validate(_ file: String, against regions: String, as kind: LayerKind? = nil) throws -> ValidationReport {
        let context = try InputValidation.RegionContext(path: try inputFixture(regions))
        return try InputValidation.validate(try inputFixture(file), as: kind, regions: context)
    }

    func note(_ report: ValidationReport, id: String) -> String {
        report.problems.first { $0.id == id && $0.disposition == .matched }?.reason ?? "(not matched)"
    }

    /// `expected` plus one event shared by area among the regions `shared`
    /// (a row credited to a coarser unit, DESIGN.md semantics 6).
    func plusShare(_ expected: [Double], _ report: CoverageReport, shared: [Int]) -> [Double] {
        let area = shared.reduce(0) { $0 + report.metrics[$1].areaKm2 }
        var out = expected
        for r in shared { out[r] += report.metrics[r].areaKm2 / area }
        return out
    }

    func reason(_ report: ValidationReport, id: String) -> String {
        report.problems.first { $0.id == id && $0.disposition == .rejected }?.reason ?? "(not rejected)"
    }

    @Test func regionLevelComesFromTheIdField() {
        #expect(RegionLevel.from(idField: "admin1Pcod") == 1)
        #expect(RegionLevel.from(idField: "admin3Pcod") == 3)
        #expect(RegionLevel.from(idField: "ADM2_PCODE") == 2)
        #expect(RegionLevel.from(idField: "GID_2") == 2)
        #expect(RegionLevel.from(idField: "adm1_code") == 1)
        #expect(RegionLevel.from(idField: "shapeID") == nil)
        #expect(RegionLevel.from(idField: "id") == nil)
    }

    /// acled-mini.csv: MLI1001 twice (one row per actor), MLI1002 a precise
    /// point, MLI1003 and MLI1005 geo_precision 3 with admin1–admin3,
    /// MLI1004 geo_precision 3 with admin1 only (credited to that region as a
    /// whole, above the cercles or communes), MLI1006 with latitude and
    /// longitude exchanged, MLI1007 in the Gulf of Guinea, MLI1008
    /// geo_precision 3 in Kati (not in the mini boundaries).
    @Test func acledAgainstCerclesCreditsImpreciseEventsToTheCercleNamedInAdmin2() throws {
        let r = try validate("acled-mini.csv", against: "mini-cercles.geojson")
        #expect(r.sourceFormat == .acled)
        #expect(r.layer == .incidents && r.layerGuessed)
        #expect(r.columns.id == "event_id_cnty")
        #expect(r.columns.precision == "geo_precision")
        #expect(r.columns.regionReference == ["admin1", "admin2", "admin3"])  // not ACLED's world `region`
        let a = r.account
        #expect(a.read == 9 && a.duplicates == 1 && a.rejected == 3 && a.used == 5)
        #expect(a.points == 2 && a.assigned == 2 && a.unassigned == 0)
        #expect(a.regionReferenced == 3 && a.impreciseRegionReferenced == 3 && a.coarserUnits == 1)
        #expect(note(r, id: "MLI1004").contains("'Segou' names a region above the cercles; credited to it as a whole, not to one of its 2 cercles"))
        #expect(reason(r, id: "MLI1006").hasPrefix("longitude and latitude look swapped"))
        #expect(reason(r, id: "MLI1007").contains("km outside the regions' extent (more than 100 km)"))
        #expect(reason(r, id: "MLI1008").contains("'Kati' matches no region id or name; closest:"))
        #expect(reason(r, id: "MLI1008").hasPrefix("geo_precision 3: only a larger area is known"))
    }

    @Test func acledAgainstCommunesUsesAdmin3WithItsParentsToTellSomosApart() throws {
        let r = try validate("acled-mini.csv", against: "mini-communes.geojson")
        #expect(r.account.used == 5 && r.account.rejected == 3 && r.account.impreciseRegionReferenced == 3)
        #expect(reason(r, id: "MLI1008").contains("only a level-2 region is named ('Kati' in admin2)"))
        // MLI1005 names admin3 "Somo", in San: the commune ML040201, not Barouéli's Somo.
        // Every event type kept: MLI1004 is a protest, which the default selection leaves out.
        var request = AnalysisRequest(regionsPath: try inputFixture("mini-communes.geojson"), incidentsPath: try inputFixture("acled-mini.csv"))
        request.filter = AnalysisFilter(incidents: IncidentSelection(eventTypes: .all))
        let report = try AnalysisWorkflow.run(request)
        #expect(report.metrics.map(\.regionID) == ["ML040101", "ML040102", "ML040201", "ML040202", "ML050101", "ML050102", "ML050201", "ML050202"])
        // Niamana: MLI1001 (point); Somo of San: MLI1005; Mopti: MLI1003 (imprecise, its commune by admin3); Baye: MLI1002.
        // MLI1004 (admin1 Segou only): one event shared by area among Ségou's four communes.
        let expected = plusShare([0, 0, 1, 1, 1, 0, 1, 0], report, shared: [0, 1, 2, 3])
        #expect(zip(report.metrics.map(\.incidents), expected).allSatisfy { abs($0 - $1) < 1e-12 })
        #expect(abs(report.metrics.reduce(0) { $0 + $1.incidents } - 5) < 1e-12)
        #expect(report.layers[.incidents]?.sourceFormat == "acled")
        #expect(report.incidentOutcomes.count == 5)
    }

    @Test func acledAgainstRegionsUsesAdmin1() throws {
        let r = try validate("acled-mini.csv", against: "mini-regions.geojson")
        #expect(r.account.used == 5 && r.account.rejected == 3 && r.account.impreciseRegionReferenced == 3)
        #expect(reason(r, id: "MLI1008").contains("'Koulikoro' matches no region"))
    }

    /// ucdp-ged-mini.csv: 501 exact; 502 where_prec 4 in "Mopti region";
    /// 503 where_prec 3 (still a point); 504 where_prec 6 (only the
    /// country); 505 where_prec 4 in "Barouéli cercle" of "Ségou region".
    @Test func ucdpImpreciseEventsGoToTheirAdminRegionWithoutTheUnitWord() throws {
        let regions = try validate("ucdp-ged-mini.csv", against: "mini-regions.geojson")
        #expect(regions.sourceFormat == .ucdpGED && regions.layer == .incidents)
        #expect(regions.columns.id == "id" && regions.columns.precision == "where_prec")
        #expect(regions.columns.fields["fatalities"] == "best" && regions.columns.fields["date"] == "date_start")
        #expect(regions.account.used == 4 && regions.account.rejected == 1)
        #expect(regions.account.points == 2 && regions.account.impreciseRegionReferenced == 2)
        #expect(reason(regions, id: "504").contains("where_prec 6: only a larger area is known"))
        #expect(reason(regions, id: "504").contains("no admin column names that area"))

        let cercles = try validate("ucdp-ged-mini.csv", against: "mini-cercles.geojson")
        #expect(cercles.account.used == 4 && cercles.account.rejected == 1 && cercles.account.impreciseRegionReferenced == 2)
        #expect(note(cercles, id: "502").contains("'Mopti region' names a region above the cercles"))
        let report = try AnalysisWorkflow.run(AnalysisRequest(
            regionsPath: try inputFixture("mini-cercles.geojson"), incidentsPath: try inputFixture("ucdp-ged-mini.csv")))
        // Barouéli: 501 (point) and 505 (where_prec 4); San: 503; 502 (Mopti region) shared by its two cercles' areas.
        let expected = plusShare([2, 1, 0, 0], report, shared: [2, 3])
        #expect(zip(report.metrics.map(\.incidents), expected).allSatisfy { abs($0 - $1) < 1e-12 })
    }

    /// kobo-needs.csv: ';', group paths, a geopoint in a group, `_uuid` ids;
    /// a1 and a4 by their geopoint, a2 "Niamana" by its commune, a3 "Somo"
    /// ambiguous, the fifth row repeats a1's `_uuid`.
    @Test func koboToolboxExportsAreReadThroughGroupPaths() throws {
        let r = try validate("kobo-needs.csv", against: "mini-communes.geojson")
        #expect(r.sourceFormat == .koboToolbox && r.layer == .needs)
        #expect(r.dialect?.delimiter == "semicolon")
        #expect(r.columns.id == "_uuid")
        #expect(r.columns.coordinates == "_group_loc/gps_longitude/_group_loc/gps_latitude")
        #expect(r.columns.fields["weight"] == "group_besoin/poids")
        #expect(r.columns.fields["severity"] == "group_besoin/severite")
        #expect(r.columns.fields["category"] == "group_info/categorie")
        #expect(r.columns.regionReference == ["commune"])
        let a = r.account
        #expect(a.read == 5 && a.used == 3 && a.rejected == 1 && a.duplicates == 1)
        #expect(a.points == 2 && a.assigned == 2 && a.regionReferenced == 1)
        #expect(reason(r, id: "a1f0c7e2-0003").contains("'Somo' names several regions"))
        let report = try AnalysisWorkflow.run(AnalysisRequest(
            regionsPath: try inputFixture("mini-communes.geojson"), needsPath: try inputFixture("kobo-needs.csv")))
        // Somo of Barouéli: a1 (poids 2); Niamana: a2 (1); Sio: a4 (1.5).
        #expect(report.metrics.map(\.needs) == [2, 0, 0, 1, 0, 1.5, 0, 0])
    }

    /// hxl-needs.csv: French headers, hashtags on line 2; H1 by #geo,
    /// H2 by #adm3+code, H3 "Somo" in #adm2+name "San", H4 "Somo" alone
    /// (ambiguous), H5 severity 9.
    @Test func hxlHashtagsFindTheColumnsAndTheirRowIsNotData() throws {
        let r = try validate("hxl-needs.csv", against: "mini-communes.geojson")
        #expect(r.sourceFormat == .hxl && r.layer == .needs)
        #expect(r.dialect?.hxlLine == 2)
        #expect(r.columns.coordinates == "Longitude GPS/Latitude GPS")
        #expect(r.columns.regionReference == ["Cercle", "Code commune", "Commune"])
        #expect(r.columns.fields["category"] == "Catégorie")
        let a = r.account
        #expect(a.read == 5 && a.used == 3 && a.rejected == 2 && a.duplicates == 0)
        #expect(a.points == 1 && a.regionReferenced == 2)
        #expect(r.problems.map(\.line) == [6, 7])
        #expect(reason(r, id: "H4").contains("'Somo' names several regions"))
        #expect(reason(r, id: "H5").contains("severity '9'"))
        let report = try AnalysisWorkflow.run(AnalysisRequest(
            regionsPath: try inputFixture("mini-communes.geojson"), needsPath: try inputFixture("hxl-needs.csv")))
        // H1 in Barouéli's Somo, H3 in San's Somo, H2 in Niamana.
        #expect(report.metrics.map(\.needs) == [1, 0, 1, 1, 0, 0, 0, 0])
    }

    @Test func plainTablesAndGeoJSONAreRecognisedAsSuch() throws {
        let table = FeatureSource(path: "a.csv", format: .csv, delimiter: ",", columns: ["id", "lon", "lat", "region"])
        #expect(SourceFormat.recognise(table) == .table)
        let geojson = FeatureSource(path: "a.geojson", format: .geojson, columns: ["id"])
        #expect(SourceFormat.recognise(geojson) == .geojson)
        let acledAsGeoJSON = FeatureSource(path: "a.geojson", format: .geojson, columns: ["event_id_cnty", "geo_precision"])
        #expect(SourceFormat.recognise(acledAsGeoJSON) == .acled)
    }
}

extension SourceFormatTests {
    @Test func geoBoundariesGiveTheirLevelInShapeType() throws {
        let cercles = Fixture.collection("gb.geojson", [
            (Fixture.box(0, 0, 1, 1), [("shapeID", "A-ADM2-1"), ("shapeName", "Kati"), ("shapeType", "ADM2")]),
            (Fixture.box(1, 0, 2, 1), [("shapeID", "A-ADM2-2"), ("shapeName", "Dioila"), ("shapeType", "ADM2")]),
        ])
        let (layer, fields) = try LayerBuilder(engine: try GeometryEngine()).regions(from: cercles)
        #expect(fields.id == "shapeID" && fields.level == 2)
        #expect(RegionCatalog(regions: layer.items).level == 2)
    }
}
