import Foundation
import GeoCore
import GeoFormats
import Testing
@testable import GapMap

/// The one catalogue of per-region metrics, against the interface that
/// DESIGN.md semantics 8 writes out, and its roll-up rules worked by hand.
struct MetricCatalogueTests {
    /// DESIGN.md semantics 8, in the order of summary.csv (with issue 15's uncovered_population and exposure).
    static let interface = [
        "area_km2", "covered_km2", "coverage_pct", "initiatives", "programmes", "needs", "needs_covered", "needs_uncovered",
        "incidents", "incidents_covered", "incidents_uncovered", "uncovered_demand", "population", "covered_population",
        "uncovered_population", "exposed_population", "exposed_uncovered_population", "gap_rank",
    ]

    @Test func theCatalogueHoldsEveryMetricOfTheInterfaceOnceInItsOrder() {
        #expect(MetricCatalogue.all.map(\.key) == Self.interface)
        #expect(RegionMetrics.columnNames == ["region_id", "name", "parent_id"] + Self.interface)
        for metric in MetricCatalogue.all {
            #expect(!metric.label(.english).isEmpty && !metric.label(.french).isEmpty, "\(metric.key)")
            #expect(!metric.definition(.english).isEmpty && !metric.definition(.french).isEmpty, "\(metric.key)")
        }
    }

    @Test func everyOutputOfARegionCarriesEveryMetricOfTheCatalogue() throws {
        var m = RegionMetrics(regionID: "R", name: "Rien", parentID: nil)
        m.areaKm2 = 40
        m.initiatives = 3
        m.programmes = 2
        let json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(m)) as! [String: Any]
        #expect(Set(json.keys) == Set(["region_id", "name", "parent_id"] + Self.interface))
        #expect(json["programmes"] as? Int == 2 && json["population"] is NSNull)
        let properties = ReportOutput.properties(of: m)
        #expect(properties.keys == ["region_id", "name", "parent_id"] + Self.interface)
        #expect(properties["initiatives"] == .integer(3) && properties["area_km2"] == .number(40))
        let gpkg = ReportOutput.GeoPackageLayers.regions.fields.map(\.name)
        #expect(gpkg == ["region_id", "name", "parent_id"] + Self.interface)
        // Decoded back, and a document written before a metric existed reads it as 0.
        let back = try JSONDecoder().decode(RegionMetrics.self, from: JSONEncoder().encode(m))
        #expect(back == m)
        let older = #"{"region_id":"R","name":"Rien","parent_id":null,"area_km2":40,"covered_km2":0,"coverage_pct":0,"initiatives":3,"needs":0,"needs_covered":0,"needs_uncovered":0,"incidents":0,"incidents_covered":0,"incidents_uncovered":0,"uncovered_demand":0,"population":null,"covered_population":null,"gap_rank":1}"#
        #expect(try JSONDecoder().decode(RegionMetrics.self, from: Data(older.utf8)).programmes == 0)
    }

    @Test func aRollUpSumsCountsRecomputesRatiosAndKeepsUnknownPopulationUnknown() {
        // Two children of 10 and 30 km², 5 and 0 km² covered; needs 2 (1 covered) and 3; population 100 and unknown.
        var a = RegionMetrics(regionID: "A", name: "A", parentID: "P")
        a.areaKm2 = 10; a.coveredKm2 = 5; a.coveragePct = 50; a.needs = 2; a.needsCovered = 1; a.needsUncovered = 1
        a.uncoveredDemand = 1; a.initiatives = 1; a.population = 100; a.gapRank = 2
        var b = RegionMetrics(regionID: "B", name: "B", parentID: "P")
        b.areaKm2 = 30; b.needs = 3; b.needsUncovered = 3; b.uncoveredDemand = 3; b.initiatives = 2; b.gapRank = 1
        let totals = RegionTotals([a, b])
        #expect(totals.areaKm2 == 40 && totals.coveredKm2 == 5)
        #expect(totals.coveragePct == 12.5)  // 100 × 5 / 40, not the mean of 50 and 0
        #expect(totals.needs == 5 && totals.needsCovered == 1 && totals.uncoveredDemand == 4 && totals.initiatives == 3)
        #expect(totals.population == 100 && totals.coveredPopulation == nil)
        #expect(totals.value(of: MetricCatalogue.gapRank) == nil)
        // A parent measured on its own polygon (here 38 km², 5 covered: its children overlap by 2 km²).
        let parent = MetricCatalogue.rollUp([a, b], into: RegionMetrics(regionID: "P", name: "P", parentID: nil),
                                            measured: ["area_km2": 38, "covered_km2": 5])
        #expect(parent.areaKm2 == 38 && abs(parent.coveragePct - 500 / 38) < 1e-12 && parent.needs == 5)
    }

    @Test func figuresAreWrittenWithTheMetricsDecimalsInEachLanguage() {
        #expect(MetricCatalogue.areaKm2.text(505_237.86) == "505,237.9")
        #expect(MetricCatalogue.areaKm2.text(505_237.86, language: .french) == "505\u{202F}237,9")
        #expect(MetricCatalogue.needs.text(583.25) == "583.2")  // %.1f rounds the binary value 583.25 to even
        #expect(MetricCatalogue.needs.text(1994) == "1,994")  // a whole weight shows no decimals
        #expect(MetricCatalogue.initiatives.text(3) == "3")
        #expect(MetricCatalogue.population.text(nil) == "")
        // 2,650 ACLED events, a few of them shared among communes by area, sum to
        // 2650.000000000001 in binary: that is 2,650 events, not "2,650.0"; a true
        // fraction keeps its decimal, and a column is whole only if all of it is.
        let sharedSum = [0.1, 0.2, 0.7].reduce(2647.0, +) + 0.3 + 0.7
        #expect(sharedSum != sharedSum.rounded())
        #expect(MetricCatalogue.incidents.text(sharedSum) == "2,649")
        #expect(MetricCatalogue.incidents.text(2650.000000000001, language: .french) == "2\u{202F}650")
        #expect(MetricCatalogue.incidents.text(89.4) == "89.4")
        #expect(MetricCatalogue.incidents.text(2650.04) == "2,650.0")
        #expect(MetricCatalogue.incidents.columnTexts([2650.000000000001, 3]) == ["2,650", "3"])
        #expect(MetricCatalogue.incidents.columnTexts([2650.000000000001, 89.4]) == ["2,650.0", "89.4"])
    }

    @Test func xmlTextIsEscapedForElementsAndAttributesAlike() {
        #expect(XMLText.escaped(#"Ségou & "Mopti" <d'a>"#) == "Ségou &amp; &quot;Mopti&quot; &lt;d&apos;a&gt;")
    }
}
