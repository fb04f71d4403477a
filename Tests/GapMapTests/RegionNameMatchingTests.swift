import Foundation
import GeoCore
import GeoFormats
import Testing
import TestSupport
@testable import GapMap

/// References across levels and real names on the 701 communes of Mali
/// (OCHA COD-AB 2015; issue 12 part 3). The expected units and counts are
/// read from the boundary file's own fields (admin1Pcod, admin2Pcod,
/// admin3Name), not from gapmap.
struct RegionNameMatchingTests {
    static let enabled = Fixture.sharedGeodata != nil

    /// The communes as gapmap reads them, and their raw properties.
    static func communes() throws -> (regions: [Region], catalog: RegionCatalog, properties: [Properties]) {
        let collection = try FeatureFileReader.read(RealBoundariesTests.communes!)
        let (layer, _) = try LayerBuilder(engine: try GeometryEngine()).regions(from: collection)
        return (layer.items, RegionCatalog(regions: layer.items), collection.features.map(\.properties))
    }

    @Test func genericWordsAccentsAndCaseAreFoldedAsOCHANamesThem() {
        #expect(RegionNames.core("Mopti Commune") == "mopti")
        #expect(RegionNames.core("Commune urbaine de Mopti") == "mopti")
        #expect(RegionNames.core("Commune rurale de Dioro") == "dioro")
        #expect(RegionNames.core("Cercle de Djenné") == "djenne")
        #expect(RegionNames.core("Région de Ségou") == "segou")
        #expect(RegionNames.core("Ségou") == RegionNames.core("Segou Commune"))
        #expect(RegionNames.core("Commune d’Ansongo") == "ansongo")
        // A numbered commune of Bamako keeps its generic word: "IV" alone names nothing.
        #expect(RegionNames.core("Commune IV") == "commune iv")
        // White space around a name: ASCII trimmed without Foundation, other spaces by it.
        #expect(RegionNames.core("  Commune de Kati\t") == "kati")
        #expect(RegionNames.trimmedSpaces(" \t a b \t") == "a b" && RegionNames.trimmedSpaces("   ").isEmpty)
        #expect(RegionNames.trimmedSpaces("\u{00A0}Ségou\u{2003}") == "Ségou")
        #expect(RegionNames.looksLikePCode("ML04") && RegionNames.looksLikePCode("ML050109"))
        #expect(!RegionNames.looksLikePCode("Mopti") && !RegionNames.looksLikePCode("ML") && !RegionNames.looksLikePCode("04"))
    }

    @Test(.enabled(if: enabled, "geodata/mali-cod-2015 is absent"))
    func namesAsSpreadsheetsAndACLEDWriteThemFindTheirCommune() throws {
        let (regions, catalog, properties) = try Self.communes()
        func pcode(ofCommuneNamed name: String) -> String {
            properties.first { $0.text("admin3Name") == name }!.text("admin3Pcod")
        }
        let cases: [(reference: String, commune: String)] = [
            ("Mopti", "Mopti Commune"), ("Ségou", "Segou Commune"), ("Commune urbaine de Mopti", "Mopti Commune"),
            ("Djenne", "Djenne Commune"), ("Djenné", "Djenne Commune"), ("Douentza", "Douentza Commune"),
            ("SEGOU COMMUNE", "Segou Commune"), ("Commune IV", "Commune IV"), ("kayes", "Kayes Commune"),
        ]
        for c in cases {
            guard case .found(let i) = catalog.resolve(c.reference) else {
                Issue.record("\(c.reference): \(catalog.resolve(c.reference))")
                continue
            }
            #expect(regions[i].id == pcode(ofCommuneNamed: c.commune), "\(c.reference)")
            let how = catalog.howMatched(c.reference, region: i)
            let exact = RegionCatalog.fold(c.reference) == RegionCatalog.fold(c.commune)
            #expect((how == nil) == exact, "\(c.reference): \(how ?? "exact")")
        }
        // The alternate-name field admin3RefN is matched too.
        let refNames = Set(properties.map { $0.text("admin3RefN") }.filter { !$0.isEmpty })
        #expect(!refNames.isEmpty)
    }

    @Test(.enabled(if: enabled, "geodata/mali-cod-2015 is absent"))
    func aCoarserPCodeIsCreditedToItsUnitThroughTheHierarchy() throws {
        let (regions, catalog, properties) = try Self.communes()
        for (code, field, level) in [("ML04", "admin1Pcod", 1), ("ML0505", "admin2Pcod", 2), ("ml01", "admin1Pcod", 1)] {
            let expected = Set(properties.filter { $0.text(field).lowercased() == code.lowercased() }.map { $0.text("admin3Pcod") })
            guard case .unit(let unit) = catalog.resolve(code) else {
                Issue.record("\(code) is not a unit: \(catalog.resolve(code))")
                continue
            }
            #expect(unit.level == level)
            #expect(Set(unit.members.map { regions[$0].id }) == expected, "\(code)")
            #expect(unit.members.allSatisfy { regions[$0].id.lowercased().hasPrefix(code.lowercased()) })
        }
        // ML04 holds 119 communes and the cercle of Djenné (ML0505) 12: the file's own counts.
        if case .unit(let u) = catalog.resolve("ML04") { #expect(u.members.count == 119) }
        if case .unit(let u) = catalog.resolve("ML0505") { #expect(u.members.count == 12) }
        // A cercle named by its admin2 column alone is its unit, not a commune picked in it.
        let djenne = try #require(catalog.unit("Djenne", level: 2))
        #expect(Set(djenne.members.map { regions[$0].id }) == Set(properties.filter { $0.text("admin2Pcod") == "ML0505" }.map { $0.text("admin3Pcod") }))
        // A code that begins no P-code is not a unit.
        if case .notFound = catalog.resolve("ML99") {} else { Issue.record("ML99 should match nothing") }
    }

    /// The needs `rows` (a CSV text, header included) analysed on the 701 communes.
    static func analyzeNeedsOnCommunes(_ rows: String) throws -> CoverageReport {
        let needs = TestSupport.temporaryFolder("gapmap-names") + "/needs.csv"
        try (rows + "\n").write(toFile: needs, atomically: true, encoding: .utf8)
        return try AnalysisWorkflow.run(AnalysisRequest(regionsPath: RealBoundariesTests.communes!, needsPath: needs))
    }

    /// A name that says its level names the unit of that level: "Cercle de
    /// Bandiagara" on communes is the cercle ML0502 (shared among its 22
    /// communes by area), "Région de Mopti" the région ML05, while
    /// "Bandiagara" alone and "Commune de Bandiagara" are the commune.
    @Test(.enabled(if: enabled, "geodata/mali-cod-2015 is absent"))
    func aNameThatSaysItsLevelNamesTheUnitOfThatLevel() throws {
        let report = try Self.analyzeNeedsOnCommunes("""
            id,category,weight,region
            N1,justice,22,Cercle de Bandiagara
            N2,justice,1,Bandiagara
            N3,justice,2,Commune de Bandiagara
            N4,justice,108,Région de Mopti
            N5,justice,50,Segou cercle
            """)
        let account = try #require(report.layers[.needs])
        #expect(account.used == 5 && account.coarserUnits == 3)
        let cercle = report.metrics.filter { $0.regionID.hasPrefix("ML0502") }
        #expect(cercle.count == 22)
        // The cercle's 22 by area, and the région's 108 spread over Mopti's communes, this cercle's among them.
        let mopti = report.metrics.filter { $0.regionID.hasPrefix("ML05") }
        let cercleArea = cercle.reduce(0) { $0 + $1.areaKm2 }, moptiArea = mopti.reduce(0) { $0 + $1.areaKm2 }
        for m in cercle {
            let own = m.name == "Bandiagara Commune" ? 3.0 : 0
            #expect(abs(m.needs - (22 * m.areaKm2 / cercleArea + 108 * m.areaKm2 / moptiArea + own)) < 1e-9, "\(m.name)")
        }
        let segou = report.metrics.filter { $0.regionID.hasPrefix("ML0402") }
        #expect(abs(segou.reduce(0) { $0 + $1.needs } - 50) < 1e-9)
        #expect(abs(report.metrics.reduce(0) { $0 + $1.needs } - 183) < 1e-9)
    }

    /// An initiative naming a région on communes is a programme present in
    /// each of the région's communes: its row says so, not that a weight is
    /// shared (INI-0007 names ML07, geodata/README.md).
    @Test(.enabled(if: enabled, "geodata/mali-cod-2015 is absent"))
    func anInitiativeNamingARegionIsAProgrammeInEachOfItsCommunes() throws {
        let report = try AnalysisWorkflow.run(AnalysisRequest(regionsPath: RealBoundariesTests.communes!,
                                                              initiativesPath: Fixture.projectRoot + "/geodata/mali/initiatives.csv"))
        let gao = report.metrics.filter { $0.regionID.hasPrefix("ML07") }.count
        let issue = try #require(report.issues.first { $0.id == "INI-0007" })
        #expect(issue.disposition == .matched)
        #expect(issue.reason == "'ML07' names a region above the communes; credited to it as a whole: a programme present in each of its \(gao) communes")
    }

    /// Needs naming a region P-code on communes are used, reported as
    /// credited to the unit, and their weight counted once in the totals,
    /// shared among the unit's communes by area; the covered share is that
    /// of the unit (no initiative: 0).
    @Test(.enabled(if: enabled, "geodata/mali-cod-2015 is absent"))
    func aNeedNamingARegionOnCommunesIsCreditedToTheRegionAsAWhole() throws {
        let report = try Self.analyzeNeedsOnCommunes("""
            id,category,weight,region
            N1,justice,4,ML04
            N2,justice,1,Mopti
            N3,justice,2,Commune urbaine de Mopti
            N4,justice,1,Nowhereville
            """)
        let account = try #require(report.layers[.needs])
        #expect(account.read == 4 && account.used == 3 && account.rejected == 1)
        #expect(account.regionReferenced == 3 && account.coarserUnits == 1)
        let total = report.metrics.reduce(0) { $0 + $1.needs }
        #expect(abs(total - 7) < 1e-9)
        let ml04 = report.metrics.filter { $0.regionID.hasPrefix("ML04") }
        #expect(ml04.count == 119)
        #expect(abs(ml04.reduce(0) { $0 + $1.needs } - 4) < 1e-9)
        // Shared by area: each commune's share is 4 × its area / the region's area.
        let area = ml04.reduce(0) { $0 + $1.areaKm2 }
        for m in ml04 { #expect(abs(m.needs - 4 * m.areaKm2 / area) < 1e-9) }
        #expect(report.metrics.first { $0.name == "Mopti Commune" }?.needs == 3)
        let matched = report.issues.filter { $0.disposition == .matched }
        #expect(matched.count == 3)
        #expect(matched.contains { $0.reason.contains("'ML04' names a region above the communes; credited to it as a whole, not to one of its") })
        #expect(matched.contains { $0.reason.contains("'Commune urbaine de Mopti' matched 'Mopti Commune'") })
    }
}
