import Foundation
import GeoCore
import GeoFormats
import Testing
import TestSupport
@testable import GapMap

/// A French inventory analyses with no flag and no rename (issue 12, part
/// 4): `;`, decimal commas, a BOM, CRLF, accented headers and region names
/// in French. The expected values are read off the fixtures by hand.
struct FrenchInventoryTests {
    @Test func frenchHeadersAreFoundAsTheEnglishOnesAre() {
        let lookup = FieldLookup(columns: ["\u{FEFF}id", "Région", "date_début", "Date fin", "GRAVITÉ", "catégorie", "acteur", "rayon-km", "poids"])
        #expect(lookup.find(LayerFieldNames.startDate) == "date_début")
        #expect(lookup.find(LayerFieldNames.endDate) == "Date fin")
        #expect(lookup.find(LayerFieldNames.severity) == "GRAVITÉ")
        #expect(lookup.find(LayerFieldNames.category) == "catégorie")
        #expect(lookup.find(LayerFieldNames.actor) == "acteur")
        #expect(lookup.find(LayerFieldNames.radius) == "rayon-km")
        #expect(lookup.find(LayerFieldNames.weight) == "poids")
        #expect(lookup.find(["region"]) == "Région")
        #expect(lookup.find(["id"]) == "\u{FEFF}id")
    }

    @Test func aFrenchInventoryAnalysesWithNoFlag() throws {
        let report = try AnalysisWorkflow.run(AnalysisRequest(
            regionsPath: Fixture.projectRoot + "/geodata/mali/regions.geojson",
            initiativesPath: try inputFixture("initiatives-fr.csv"), needsPath: try inputFixture("needs-fr.csv")))
        let initiatives = try #require(report.layers[.initiatives])
        #expect(initiatives.read == 5 && initiatives.used == 5 && initiatives.rejected == 0)
        #expect(initiatives.points == 3 && initiatives.regionReferenced == 2)
        // Active: INV-01, INV-02 (points) and INV-03 (programme in Ségou); planned INV-04 and closed INV-05 are not.
        #expect(initiatives.inRun == 3)
        let byID = Dictionary(uniqueKeysWithValues: report.initiatives.map { ($0.id, $0) })
        #expect(byID["INV-01"]?.radiusKm == 12.5 && byID["INV-01"]?.actor == .community)
        #expect(byID["INV-02"]?.actor == .state && byID["INV-03"]?.actor == .civilSociety && byID["INV-04"]?.actor == .international)
        #expect(byID["INV-03"]?.startDate == "2021-03-01" && byID["INV-03"]?.endDate == "2025-12-31")
        #expect(byID["INV-04"]?.status == .planned && byID["INV-05"]?.status == .closed)
        if case .point(let c) = byID["INV-01"]!.placement { #expect(c.x == -4.1967 && c.y == 14.4843) } else { Issue.record("INV-01 has no point") }
        let metric = Dictionary(uniqueKeysWithValues: report.metrics.map { ($0.regionID, $0) })
        #expect(metric["ML04"]?.programmes == 1 && metric["ML05"]?.programmes == 0)  // Mopti's programme is closed

        let needs = try #require(report.layers[.needs])
        #expect(needs.read == 4 && needs.used == 4 && needs.rejected == 0 && needs.regionReferenced == 2)
        #expect(report.needs.map(\.severity) == [4, 3, 5, 2])
        #expect(report.needs.map(\.weight) == [2.5, 1, 3.5, 1])
        #expect(report.needs.map(\.category) == ["présence_policière", "accès_justice", "présence_policière", "médiation"])
        // B1 near Mopti, B2 in Ségou (point), B3 Tombouctou, B4 Ségou (reference).
        #expect(metric["ML05"]?.needs == 2.5 && metric["ML04"]?.needs == 2 && metric["ML06"]?.needs == 3.5)
        // B1 lies 0.9 km from INV-01 (12.5 km radius): covered.
        #expect(metric["ML05"]?.needsCovered == 2.5)
        #expect(report.issues.isEmpty)
    }

    @Test func aColumnNotUnderstoodIsNamedWithWhatWasExpected() throws {
        let folder = TestSupport.temporaryFolder("gapmap-fr")
        let path = folder + "/besoins.csv"
        try "id;gravite_besoin;poids;région\r\nB1;4;2;Ségou\r\n".write(toFile: path, atomically: true, encoding: .utf8)
        let report = try InputValidation.validate(path, as: .needs, regions: nil, regionIDField: nil, regionNameField: nil)
        let note = try #require(report.notes.first { $0.contains("not read") })
        #expect(note.hasPrefix("column 'gravite_besoin' is not read; for needs gapmap expects: "))
        #expect(note.contains("severity (severity, severite, sévérité, gravite)"))
        // The French fixtures' columns are all read.
        for (file, layer) in [("initiatives-fr.csv", LayerKind.initiatives), ("needs-fr.csv", .needs)] {
            let r = try InputValidation.validate(try inputFixture(file), as: layer, regions: nil, regionIDField: nil, regionNameField: nil)
            #expect(!r.notes.contains { $0.contains("not read") }, "\(file): \(r.notes)")
            #expect(r.account.rejected == 0)
        }
    }
}
