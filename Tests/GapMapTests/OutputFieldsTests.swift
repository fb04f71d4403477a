import Foundation
import Testing
import TestSupport
@testable import GapMap

/// What GIS users find in the outputs: ISO 8601 dates whatever the input
/// form, the source columns of incidents, the initiatives with their
/// footprints, the regions with their parents' names. Expected values come
/// from the input files, read here by the test itself (or by pyogrio).
struct OutputFieldsTests {
    static let acled = IncidentSelectionTests.acled

    static func acledRun(into sinks: [any AnalysisSink], regions: String = IncidentSelectionTests.regions,
                         initiatives: String? = nil) throws -> CoverageReport {
        var request = AnalysisRequest(regionsPath: regions, initiativesPath: initiatives, incidentsPath: acled)
        request.filter = AnalysisFilter(incidents: IncidentSelection(eventTypes: .all))
        return try AnalysisWorkflow.run(request, into: sinks)
    }

    static func features(_ path: String) throws -> [[String: Any]] {
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any]
        return try #require(json?["features"] as? [[String: Any]])
    }

    /// "05 March 2019" → "2019-03-05", by Foundation's own date parser.
    static func iso(_ acledDate: String) -> String? {
        let input = DateFormatter()
        input.locale = Locale(identifier: "en_US_POSIX")
        input.timeZone = TimeZone(identifier: "UTC")
        input.dateFormat = "dd MMMM yyyy"
        let output = DateFormatter()
        output.locale = input.locale
        output.timeZone = input.timeZone
        output.dateFormat = "yyyy-MM-dd"
        return input.date(from: acledDate).map(output.string(from:))
    }

    @Test(.enabled(if: Fixture.sharedGeodata != nil, "geodata/mali-cod-2015 is absent"))
    func incidentsKeepTheirSourceColumnsAndISODates() throws {
        let folder = temporaryFolder("gapmap-fields")
        _ = try Self.acledRun(into: [GeoJSONOutput(directory: folder)])
        let features = try Self.features(folder + "/incidents.geojson")
        let events = try IncidentSelectionTests.events(Self.acled)
        #expect(features.count == events.count)
        let byID = Dictionary(uniqueKeysWithValues: events.map { ($0["event_id_cnty"]!, $0) })
        for feature in features {
            let p = try #require(feature["properties"] as? [String: Any])
            let row = try #require(byID[p["id"] as! String])
            #expect(p["date"] as? String == Self.iso(row["event_date"]!))
            #expect(p["date_text"] as? String == row["event_date"])
            for key in ["actor1", "actor2", "location", "notes", "source", "sub_event_type", "admin1", "geo_precision"] {
                let expected = row[key]!
                #expect((p[key] as? String) == (expected.isEmpty ? nil : expected), "\(key) of \(row["event_id_cnty"]!)")
            }
        }
        // The properties are the catalogue's, in its order.
        let text = try String(contentsOfFile: folder + "/incidents.geojson", encoding: .utf8)
        let first = try #require(text.range(of: "\"properties\":{")).upperBound
        let keys = text[first...].split(separator: "}", maxSplits: 1)[0]
        var position = keys.startIndex
        for field in MetricCatalogue.incidentFields {
            let found = try #require(keys.range(of: "\"\(field.key)\":", range: position..<keys.endIndex), "\(field.key)")
            position = found.upperBound
        }
    }

    @Test(.enabled(if: ExternalTools.pyogrioPython != nil && Fixture.sharedGeodata != nil, "pyogrio or geodata/ is absent"))
    func geoPackageDatesAreDATEFieldsThatRoundTrip() throws {
        let folder = temporaryFolder("gapmap-dates")
        _ = try Self.acledRun(into: [GeoPackageOutput(directory: folder)])
        // pyogrio reads the DATE column as dates; Python's csv and strptime read the source file.
        let script = """
            import csv, sys, datetime, warnings
            warnings.simplefilter("error")
            import pyogrio.raw
            meta, _, _, data = pyogrio.raw.read(sys.argv[1], layer="incidents", read_geometry=False)
            columns = dict(zip(meta["fields"], data))
            ids, dates = columns["id"], columns["date"]
            expected, seen = {}, set()
            with open(sys.argv[2], encoding="utf-8") as f:
                for row in csv.DictReader(f):
                    if row["event_id_cnty"] in seen: continue
                    seen.add(row["event_id_cnty"])
                    expected[row["event_id_cnty"]] = datetime.datetime.strptime(row["event_date"], "%d %B %Y").date()
            wrong = sum(1 for i, d in zip(ids, dates) if d.astype("datetime64[D]").item() != expected[i])
            print(str(dates.dtype), len(ids), len(expected), wrong)
            """
        let out = try ExternalTools.run(ExternalTools.pyogrioPython!, ["python3", "-c", script, folder + "/gapmap.gpkg", Self.acled])
        #expect(out.status == 0 && out.problems.isEmpty, "\(out.output)")
        let parts = (out.output.split(separator: "\n").first ?? "").split(separator: " ").map(String.init)
        #expect(parts.count == 4 && parts[0].hasPrefix("datetime64") && parts[1] == parts[2] && parts[3] == "0", "\(out.output)")
    }

    @Test(.enabled(if: ExternalTools.ogrinfo != nil && Fixture.sharedGeodata != nil, "ogrinfo or geodata/ is absent"))
    func theGeoPackageHasAnInitiativesLayerAndTypedDates() throws {
        let folder = temporaryFolder("gapmap-initiatives")
        let report = try Self.acledRun(into: [GeoPackageOutput(directory: folder)], initiatives: ExternalTools.sample("initiatives.csv"))
        let out = try ExternalTools.run(ExternalTools.ogrinfo!, ["-so", folder + "/gapmap.gpkg", "initiatives"])
        #expect(out.output.contains("Feature Count: \(report.layers[.initiatives]!.used)"))
        #expect(out.output.contains("start_date: Date") && out.output.contains("end_date: Date") && out.output.contains("actor: String"))
        let incidents = try ExternalTools.run(ExternalTools.ogrinfo!, ["-so", folder + "/gapmap.gpkg", "incidents"])
        #expect(incidents.output.contains("date: Date") && incidents.output.contains("notes: String"))
    }

    /// Each point initiative's disc reaches its radius (haversine on the
    /// mean Earth radius, within 0.8 %: the sphere differs from the WGS84 ellipsoid by up to 0.6 % in the Sahel), programmes have no geometry, and
    /// every initiative says who runs it.
    @Test(.enabled(if: Fixture.sharedGeodata != nil, "geodata/mali-cod-2015 is absent"))
    func initiativesGeoJSONHasFootprintsAndAttributes() throws {
        let folder = temporaryFolder("gapmap-initiatives-json")
        let sample = ExternalTools.sample("initiatives.csv")
        let report = try Self.acledRun(into: [GeoJSONOutput(directory: folder)], regions: ExternalTools.sample("regions.geojson"),
                                       initiatives: sample)
        let features = try Self.features(folder + "/initiatives.geojson")
        #expect(features.count == report.layers[.initiatives]!.used)
        let rows = Dictionary(uniqueKeysWithValues: try IncidentSelectionTests.records(sample).map { ($0["id"]!, $0) })
        var discs = 0, programmes = 0
        for feature in features {
            let p = try #require(feature["properties"] as? [String: Any])
            let row = try #require(rows[p["id"] as! String])
            #expect(p["name"] as? String == row["name"] && p["kind"] as? String == row["kind"])
            switch p["located_by"] as? String {
            case "point":
                let geometry = try #require(feature["geometry"] as? [String: Any])
                let ring = try #require((geometry["coordinates"] as? [[[Double]]])?.first)
                let (lon, lat) = (Double(row["lon"]!)!, Double(row["lat"]!)!)
                let radius = p["radius_km"] as! Double
                for v in ring {
                    let dLat = (v[1] - lat) * .pi / 180, dLon = (v[0] - lon) * .pi / 180
                    let a = sin(dLat / 2) * sin(dLat / 2) + cos(lat * .pi / 180) * cos(v[1] * .pi / 180) * sin(dLon / 2) * sin(dLon / 2)
                    let km = 2 * 6371.0088 * asin(sqrt(a))
                    #expect(abs(km - radius) / radius < 0.008)
                }
                discs += 1
            case "region_reference":
                #expect(feature["geometry"] is NSNull)
                #expect(p["region_id"] as? String != nil && p["radius_km"] is NSNull)
                programmes += 1
            default:
                break
            }
        }
        #expect(discs > 0 && programmes > 0)
    }

    /// On the communes, each region names its cercle and region as the
    /// COD-AB file does.
    @Test(.enabled(if: Fixture.sharedGeodata != nil, "geodata/mali-cod-2015 is absent"))
    func regionsCarryTheirParentsNamesAndPCodes() throws {
        let folder = temporaryFolder("gapmap-parents")
        _ = try Self.acledRun(into: [GeoJSONOutput(directory: folder)], regions: IncidentSelectionTests.communes)
        let source = try Self.features(IncidentSelectionTests.communes).map { $0["properties"] as! [String: Any] }
        let expected = Dictionary(uniqueKeysWithValues: source.map { ($0["admin3Pcod"] as! String, $0) })
        let regions = try Self.features(folder + "/regions.geojson")
        #expect(regions.count == 701)
        for region in regions {
            let p = region["properties"] as! [String: Any]
            let row = try #require(expected[p["region_id"] as! String])
            #expect(p["admin1_name"] as? String == row["admin1Name"] as? String && p["admin1_pcode"] as? String == row["admin1Pcod"] as? String)
            #expect(p["admin2_name"] as? String == row["admin2Name"] as? String && p["parent_name"] as? String == row["admin2Name"] as? String)
        }
    }
}
