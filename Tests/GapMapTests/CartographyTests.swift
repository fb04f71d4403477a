import Foundation
import GeoCore
import Testing
import TestSupport
@testable import GapMap

struct ClassBreaksTests {
    @Test func quantilesPutTheSameNumberOfValuesInEachClass() {
        let b = ClassBreaks.compute((1...10).map(Double.init), classes: 5, method: .quantile)
        #expect(b.minimum == 1)
        #expect(b.upperBounds == [2, 4, 6, 8, 10])
        #expect(b.classIndex(of: 1) == 0 && b.classIndex(of: 2) == 0 && b.classIndex(of: 2.5) == 1 && b.classIndex(of: 10) == 4)
    }

    @Test func naturalBreaksFindTheObviousGroups() {
        // Three tight groups far apart: the optimum cuts between them.
        let b = ClassBreaks.compute([50, 1, 12, 2, 3, 10, 11, 51], classes: 3, method: .natural)
        #expect(b.upperBounds == [3, 12, 51])
        // Fisher-Jenks on 1,2,4,8,16 into 2 classes: {1,2,4,8} | {16} costs 26.75, less than
        // {1,2,4} | {8,16} (4.67 + 32) or {1,2} | {4,8,16} (0.5 + 74.67).
        #expect(ClassBreaks.compute([1, 2, 4, 8, 16], classes: 2, method: .natural).upperBounds == [8, 16])
    }

    @Test func tiedValuesGiveFewerClassesNeverEmptyOnes() {
        let b = ClassBreaks.compute([0, 0, 0, 0, 5], classes: 3, method: .quantile)
        #expect(b.upperBounds == [0, 5])
        let one = ClassBreaks.compute([7, 7, 7], classes: 5, method: .natural)
        #expect(one.upperBounds == [7])
    }

    @Test func rampsGiveTheRequestedNumberOfDistinctColours() {
        for n in 1...9 {
            let colors = ColorRamp.yellowGreenBlue.colors(n)
            #expect(colors.count == n)
            #expect(Set(colors).count == n)
        }
    }
}

struct ChoroplethMapTests {
    static func sampleReport() throws -> CoverageReport {
        let root = Fixture.projectRoot + "/geodata/mali/"
        return try AnalysisWorkflow.run(AnalysisRequest(
            regionsPath: root + "regions.geojson", initiativesPath: root + "initiatives.csv", needsPath: root + "needs.csv",
            incidentsPath: root + "incidents.csv", settlementsPath: root + "settlements.csv"))
    }

    @Test func theMapProjectionIsEqualArea() throws {
        // Planar areas in the chosen projection match the ellipsoidal areas of
        // the regions of Mali to 0.1 %: shading compares like with like. The
        // regions' edges are straight in lon/lat, not in the projection, so
        // both sides measure the outline densified to 0.01°.
        func densified(_ ring: [Coordinate]) -> [Coordinate] {
            var out: [Coordinate] = []
            for k in 1..<ring.count {
                let a = ring[k - 1], b = ring[k]
                let n = max(1, Int((max(abs(b.x - a.x), abs(b.y - a.y)) / 0.01).rounded(.up)))
                for j in 0..<n { out.append(Coordinate(x: a.x + (b.x - a.x) * Double(j) / Double(n), y: a.y + (b.y - a.y) * Double(j) / Double(n))) }
            }
            return out + [ring[ring.count - 1]]
        }
        let report = try Self.sampleReport()
        var extent = report.regions[0].geometry.envelope!
        for r in report.regions { extent.expand(toInclude: r.geometry.envelope!) }
        let projector = try MapProjection(centeredOn: extent).projector()
        for region in report.regions {
            let dense = Geometry.multiPolygon(region.geometry.polygons.map { Polygon(exterior: densified($0.exterior), holes: $0.holes.map(densified)) })
            let projected = try projector.project(dense)
            let planar = projected.polygons.reduce(0.0) { acc, p in
                acc + abs(Ring.signedPlanarArea(p.exterior)) - p.holes.reduce(0) { $0 + abs(Ring.signedPlanarArea($1)) }
            }
            let geodesic = Geodesy.areaSquareMeters(region.geometry)
            #expect(abs(planar / geodesic - 1) < 1e-3, "\(region.id): \(planar) vs \(geodesic)")
        }
    }

    @Test func theSVGHasEveryRegionTheLegendScaleBarAndNorthArrow() throws {
        let report = try Self.sampleReport()
        let map = ChoroplethMap(report: report, points: DemandPoints(.all, rowsOf: report), sources: ["regions.geojson"])
        let svg = try map.svg()
        for m in report.metrics { #expect(svg.contains("(\(m.regionID)): coverage_pct")) }
        for id in ["id=\"regions\"", "id=\"gaps\"", "id=\"footprints\"", "id=\"needs\"", "id=\"incidents\"", "id=\"legend\"",
                   "id=\"scale-bar\"", "id=\"north-arrow\"", "url(#hatch)", " km</text>", "Data: regions.geojson"] {
            #expect(svg.contains(id), "missing \(id)")
        }
        // One legend swatch per class.
        #expect(svg.components(separatedBy: "width=\"26\" height=\"18\" fill=\"#").count - 1 == map.breaks.upperBounds.count)
        let french = try ChoroplethMap(report: report, options: { var o = MapOptions(); o.language = .french; return o }()).svg()
        #expect(french.contains("Couverture par les initiatives"))
        #expect(french.contains("Échelle exacte au centre"))
    }

    @Test func pastTheDotLimitPointsAreBinnedIntoHexagonsThatKeepEveryPointAndWeight() throws {
        let report = try Self.sampleReport()
        let points = DemandPoints(.all, rowsOf: report)
        var options = MapOptions()
        options.dotLimit = 100
        let svg = try ChoroplethMap(report: report, points: points, options: options).svg()
        #expect(!svg.contains("id=\"needs\"") && !svg.contains("id=\"incidents\""))
        #expect(svg.contains("id=\"demand-density\"") && svg.contains("in hexagons about"))
        // Every point lands in one hexagon: the tooltips add up to the points and weights the analysis kept.
        let tips = svg.matches(of: /<title>uncovered: (\d+) points, weight ([0-9.]+); covered: (\d+) points, weight ([0-9.]+)<\/title>/)
        let uncoveredPoints = tips.reduce(0) { $0 + Int($1.output.1)! }, coveredPoints = tips.reduce(0) { $0 + Int($1.output.3)! }
        var expectedUncovered = 0, expectedCovered = 0
        var uncoveredWeight = 0.0
        for i in 0..<points.count {
            if points.isCovered(i) { expectedCovered += 1 } else { expectedUncovered += 1; uncoveredWeight += points.weights[i] }
        }
        #expect(uncoveredPoints == expectedUncovered && coveredPoints == expectedCovered)
        // The sample's needs with a point, and its incidents of the default selection (political violence): README, "Rows".
        #expect(uncoveredPoints + coveredPoints == 1934 + 588)
        // Tooltips round weights to one decimal: the sum agrees within half a unit per hexagon.
        let shownWeight = tips.reduce(0.0) { $0 + Double($1.output.2)! }
        #expect(abs(shownWeight - uncoveredWeight) <= 0.05 * Double(tips.count) + 1e-9)
        // Far fewer elements than points.
        #expect(tips.count < points.count / 2)
    }

    @Test func pastTheFootprintLimitTheMapOutlinesTheirUnion() throws {
        let report = try Self.sampleReport()
        var options = MapOptions()
        options.footprintLimit = 10
        let svg = try ChoroplethMap(report: report, options: options).svg()
        // The sample's run: 44 initiatives, 3 of them programmes naming a region, so 41 footprints.
        #expect(svg.contains("area covered (41 footprints)"))
        let group = svg.components(separatedBy: "<g id=\"footprints\"")[1].components(separatedBy: "</g>")[0]
        #expect(group.components(separatedBy: "<path ").count - 1 == 1)
    }

    @Test func aPointFallsInTheHexagonWhoseCentreIsNearest() {
        // Brute force: the hexagon of a pointy-topped grid holding a point is
        // the one whose centre is nearest to it.
        var random = SeededRandom(seed: 11)
        let radius = 5.0
        let grid = PointDensity(radius: radius)
        for _ in 0..<20_000 {
            let x = random.uniform(-500, 500), y = random.uniform(-500, 500)
            let (q, r) = PointDensity.axial(x: x, y: y, radius: radius)
            let own = grid.centre(PointDensity.Cell(q: q, r: r))
            let ownDistance = hypot(own.x - x, own.y - y)
            #expect(ownDistance <= radius + 1e-9)
            for dq in -2...2 { for dr in -2...2 where dq != 0 || dr != 0 {
                let other = grid.centre(PointDensity.Cell(q: q + Int32(dq), r: r + Int32(dr)))
                #expect(hypot(other.x - x, other.y - y) >= ownDistance - 1e-9)
            } }
        }
    }

    @Test(.enabled(if: PNGRenderer.isAvailable, "rsvg-convert is not installed"))
    func thePNGIsRenderedAtOneAndAHalfTimesTheSVGSize() throws {
        let folder = temporaryFolder("gapmap-map")
        let report = try Self.sampleReport()
        let svg = try ChoroplethMap(report: report, points: DemandPoints(.all, rowsOf: report)).svg()
        try Data(svg.utf8).write(to: URL(fileURLWithPath: folder + "/map.svg"))
        try PNGRenderer.render(svgPath: folder + "/map.svg", pngPath: folder + "/map.png")
        let png = try Data(contentsOf: URL(fileURLWithPath: folder + "/map.png"))
        #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        // IHDR: width and height as big-endian 32-bit integers at bytes 16 and 20.
        let width = png[16..<20].reduce(0) { $0 << 8 | Int($1) }, height = png[20..<24].reduce(0) { $0 << 8 | Int($1) }
        #expect(width == 1800 && height == 1350)
    }
}

/// Titles and legend lines are set smaller when they would run past the
/// edge. The widths below are the true advance widths of DejaVu Sans
/// (regular and bold, the fonts the map names), summed from the fonts'
/// `hmtx` tables (Debian's fonts-dejavu-core 2.37) by a short script
/// outside gapmap, at the size given.
@Suite struct TextWidthTests {
    static let measured: [(text: String, bold: Bool, size: Double, width: Double)] = [
        ("DONNÉES D'EXEMPLE INVENTÉES — Besoins et incidents hors de portée des initiatives — DIFFUSION RESTREINTE", true, 24, 1533.33),
        ("INVENTED EXAMPLE DATA — Needs and incidents beyond the reach of initiatives — RESTRICTED", true, 24, 1300.91),
        ("9 régions, 41 initiatives en cours avec zone d'action et 3 programmes (présence seule) ; rayon par défaut 10 km (disques géodésiques)", false, 13, 885.8),
        ("seuils naturels de Jenks (nombre de régions)", false, 11, 245.99),
        ("Demande non couverte (poids)", true, 12, 209.14),
        ("0123456789", false, 10, 63.62),
    ]

    @Test func aLineSetAtTheFittedSizeFitsAndIsNotShrunkMuchMoreThanNeeded() {
        for line in Self.measured {
            // The estimate is within 8 % of the font's true width.
            let estimate = TextWidth.estimated(line.text, fontSize: line.size, bold: line.bold)
            #expect(abs(estimate - line.width) <= 0.08 * line.width, "\(line.text): \(estimate) for \(line.width)")
            // In a room 10 % narrower than the line, the fitted size makes it fit
            // (with a 3 % allowance for the estimate) and is at most 10 % smaller than needed.
            let room = line.width * 0.9
            let size = TextWidth.fittedFontSize(line.text, preferred: line.size, room: room, bold: line.bold)
            let trueWidth = line.width * size / line.size
            #expect(trueWidth <= room * 1.03, "\(line.text): \(trueWidth) px in \(room)")
            #expect(size >= line.size * 0.9 * 0.9, "\(line.text): \(size)")
            // With room to spare, the preferred size is kept.
            #expect(TextWidth.fittedFontSize(line.text, preferred: line.size, room: line.width * 1.2, bold: line.bold) == line.size)
        }
    }
}
