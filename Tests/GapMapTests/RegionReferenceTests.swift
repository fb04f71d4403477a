import Foundation
import GeoCore
import GeoFormats
import Testing
import TestSupport
@testable import GapMap

/// Region references by P-code or name on the 701 communes of Mali, where
/// thirteen names repeat (Diédougou four times), and the checks of points
/// against the regions.
struct RegionReferenceTests {
    /// Read once for the suite.
    static let loadedCommunes: (LoadedLayer<Region>, RegionFields)? = {
        guard let shared = Fixture.sharedGeodata, let engine = try? GeometryEngine(),
              let collection = try? FeatureFileReader.read(shared + "/adm3-communes.geojson"),
              let loaded = try? LayerBuilder(engine: engine).regions(from: collection) else { return nil }
        return loaded
    }()

    static func communes() throws -> [Region]? {
        guard let (layer, fields) = loadedCommunes else { return nil }
        let regions = layer.items
        #expect(fields.level == 3)
        #expect(fields.ancestors == ["admin2Name", "admin2Pcod", "admin1Name", "admin1Pcod"])
        return regions
    }

    @Test(.enabled(if: Fixture.sharedGeodata != nil, "needs geodata/mali-cod-2015"))
    func aRepeatedCommuneNameIsSettledByTheCercleOrRegionGivenWithIt() throws {
        let regions = try #require(try Self.communes())
        let catalog = RegionCatalog(regions: regions)
        #expect(catalog.level == 3)
        func id(_ r: RegionCatalog.Resolution) -> String? { if case .found(let i) = r { regions[i].id } else { nil } }
        // Diedougou: ML020509 (Kati, Koulikouro), ML020306 (Dioila, Koulikouro),
        // ML040205 (Segou, Segou), ML030501 (Koutiala, Sikasso).
        guard case .ambiguous(let all) = catalog.resolve("Diedougou") else { Issue.record("not ambiguous"); return }
        #expect(Set(all.map { regions[$0].id }) == ["ML020509", "ML020306", "ML040205", "ML030501"])
        #expect(id(catalog.resolve("Diedougou", parents: ["Kati"])) == "ML020509")
        #expect(id(catalog.resolve("DIÉDOUGOU", parents: ["Koulikouro", "Dioila"])) == "ML020306")
        #expect(id(catalog.resolve("diedougou", parents: ["Segou"])) == "ML040205")
        #expect(id(catalog.resolve("Diedougou", parents: ["ML03"])) == "ML030501")
        guard case .ambiguous(let two) = catalog.resolve("Diedougou", parents: ["Koulikouro"]) else {
            Issue.record("one region of two in Koulikouro was picked")
            return
        }
        #expect(Set(two.map { regions[$0].id }) == ["ML020509", "ML020306"])
        let sentence = catalog.explain(.ambiguous(candidates: two), reference: "Diedougou")
        #expect(sentence.contains("Diedougou (ML020509, in Kati, Koulikouro)"))
        #expect(sentence.contains("Diedougou (ML020306, in Dioila, Koulikouro)"))
        // A parent that matches none of them settles nothing, and guesses nothing.
        guard case .ambiguous = catalog.resolve("Diedougou", parents: ["Gao"]) else { Issue.record("guessed"); return }
        // Unique names need no parent; a P-code is an id in any case.
        #expect(id(catalog.resolve("Tomora")) == "ML010213")
        #expect(id(catalog.resolve("ml010213")) == "ML010213")
    }

    @Test(.enabled(if: Fixture.sharedGeodata != nil, "needs geodata/mali-cod-2015"))
    func alternateNamesMatchAndMisspellingsOnlySuggest() throws {
        let regions = try #require(try Self.communes())
        let catalog = RegionCatalog(regions: regions)
        // admin3RefN "Ngouraba" is the reference name of "N'gouraba".
        guard case .found(let a) = catalog.resolve("Ngouraba"), case .found(let b) = catalog.resolve("N'GOURABA") else {
            Issue.record("alternate name not matched")
            return
        }
        #expect(a == b && regions[a].name == "N'gouraba")
        guard case .notFound(let closest) = catalog.resolve("Diedougu") else { Issue.record("a misspelling matched"); return }
        #expect(closest.count == 3 && closest.allSatisfy { $0.hasPrefix("Diedougou (") })
    }

    @Test(.enabled(if: Fixture.sharedGeodata != nil, "needs geodata/mali-cod-2015"))
    func rowsGivingAdminNamesAreMatchedWithTheirParents() throws {
        let (communes, fields) = try #require(Self.loadedCommunes)
        let folder = try inputScratchFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try """
            id,admin1,admin2,admin3,weight
            A,Koulikouro,Kati,Diedougou,1
            B,Segou,,Diedougou,2
            C,,,Diedougou,4
            D,Koulikouro,,Diedougou,8
            E,Sikasso,Koutiala,Diédougou,16
            """.write(toFile: folder + "/needs.csv", atomically: true, encoding: .utf8)
        let needs = LayerBuilder(engine: try GeometryEngine()).needs(
            from: try FeatureFileReader.read(folder + "/needs.csv"), regions: communes.items, catalog: RegionCatalog(regions: communes.items))
        let report = try CoverageAnalysis().run(AnalysisInput(regions: communes, regionFields: fields, needs: needs))
        let account = try #require(report.layers[.needs])
        #expect(account.used == 3 && account.rejected == 2 && account.regionReferenced == 3)
        func weight(_ id: String) -> Double { report.metrics.first { $0.regionID == id }!.needs }
        #expect(weight("ML020509") == 1 && weight("ML040205") == 2 && weight("ML030501") == 16 && weight("ML020306") == 0)
        #expect(report.issues.map(\.line) == [4, 5])
        #expect(report.issues[0].reason.contains("names several regions") && report.issues[0].reason.contains("ML030501"))
        #expect(report.issues[1].reason.contains("ML020509") && !report.issues[1].reason.contains("ML030501"))
        #expect(report.issues.allSatisfy { $0.field == "admin3" })
    }

    @Test func swappedAndFarAwayPointsAreRejectedNearOnesStayUnassigned() throws {
        let regions = try InputValidation.RegionContext(path: try inputFixture("mini-communes.geojson"))
        let screen = PointScreen(regions: regions.regions)
        // The mini communes span -7…-3 E, 12…16 N.
        let verdicts = try screen.verdicts([
            Coordinate(x: 13.0, y: -6.5),  // (lat, lon) of a point in Somo: swapped
            Coordinate(x: -2.5, y: 14.0),  // 0.5° east (≈ 54 km): near, usable
            Coordinate(x: -1.9, y: 14.0),  // 1.1° east (≈ 119 km): far
            Coordinate(x: -6.5, y: 12.5),  // inside
            Coordinate(x: 14.0, y: 14.0),  // on the diagonal: its swap is itself, outside
        ])
        #expect(verdicts[0] == .swapped(Coordinate(x: -6.5, y: 13.0)))
        #expect(verdicts[1] == nil)
        guard case .farOutside(let km)? = verdicts[2] else { Issue.record("not far"); return }
        // 1.1° of longitude at 14° N: 1.1 × 111.32 km × cos 14° ≈ 118.8 km (sphere).
        #expect(abs(km - 118.8) < 1)
        #expect(verdicts[3] == nil)
        guard case .farOutside? = verdicts[4] else { Issue.record("not far"); return }
        #expect(abs(screen.kilometresOutsideExtent(Coordinate(x: -2.5, y: 14.0)) - 54.0) < 0.5)
    }

    @Test func aGeoJSONLayerInUTMIsReprojectedWithPROJ() throws {
        let path = try inputFixture("needs-utm30n.geojson")
        let collection = try FeatureFileReader.read(path)
        // The fixture was written from these lon/lat points with pyproj (EPSG:4326 → EPSG:32630), to the millimetre.
        let expected = [Coordinate(x: -4.5, y: 13.75), Coordinate(x: -3.5, y: 14.0), Coordinate(x: -5.5, y: 14.25)]
        for (feature, want) in zip(collection.features, expected) {
            guard case .point(let c)? = feature.geometry else { Issue.record("no point"); continue }
            #expect(abs(c.x - want.x) < 1e-7 && abs(c.y - want.y) < 1e-7)
        }
        let regions = try InputValidation.RegionContext(path: try inputFixture("mini-communes.geojson"))
        let report = try InputValidation.validate(path, as: .needs, regions: regions)
        #expect(report.crs == "urn:ogc:def:crs:EPSG::32630" && report.reprojected)
        #expect(report.isClean && report.account.assigned == 3)
    }

    @Test func anUnknownCRSIsAClearErrorAndEmptyOrWrongGeometriesAreRejectedRows() throws {
        let folder = try inputScratchFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try """
            {"type": "FeatureCollection", "crs": {"type": "name", "properties": {"name": "EPSG:999999"}}, "features": []}
            """.write(toFile: folder + "/odd.geojson", atomically: true, encoding: .utf8)
        #expect {
            _ = try FeatureFileReader.read(folder + "/odd.geojson")
        } throws: { error in
            "\(error)".contains("odd.geojson") && "\(error)".contains("EPSG:999999") && "\(error)".contains("EPSG:4326")
        }
        try """
            {"type": "FeatureCollection", "features": [
            {"type": "Feature", "properties": {"id": "P1", "status": "active"}, "geometry": {"type": "Polygon", "coordinates": [[[-6.9, 12.1], [-6.1, 12.9], [-6.1, 12.1], [-6.9, 12.9], [-6.9, 12.1]]]}},
            {"type": "Feature", "properties": {"id": "P2", "status": "active"}, "geometry": {"type": "MultiPolygon", "coordinates": []}},
            {"type": "Feature", "properties": {"id": "P3", "status": "active"}, "geometry": {"type": "LineString", "coordinates": [[-6.5, 12.5], [-6.4, 12.6]]}},
            {"type": "Feature", "properties": {"id": "P4", "status": "active"}, "geometry": null}
            ]}
            """.write(toFile: folder + "/initiatives.geojson", atomically: true, encoding: .utf8)
        let regions = try InputValidation.RegionContext(path: try inputFixture("mini-communes.geojson"))
        let report = try InputValidation.validate(folder + "/initiatives.geojson", as: .initiatives, regions: regions)
        let a = report.account
        #expect(a.read == 4 && a.used == 1 && a.rejected == 3 && a.repaired == 1 && a.polygons == 1)
        let byID = Dictionary(grouping: report.problems) { $0.id ?? "" }
        #expect(byID["P1"]?.first?.disposition == .repaired)
        #expect(byID["P1"]?.first?.reason.contains("MakeValid") == true)
        #expect(byID["P2"]?.first?.reason == "empty polygon")
        #expect(byID["P3"]?.first?.reason.contains("not a LineString") == true)
        #expect(byID["P4"]?.first?.reason.contains("no coordinates and no region reference") == true)
    }
}

func inputScratchFolder() throws -> String { temporaryFolder("gapmap-input") }
