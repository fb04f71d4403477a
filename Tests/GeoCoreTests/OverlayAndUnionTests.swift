import Foundation
import Testing
import TestSupport
@testable import GeoCore

/// PolygonOverlay hands GEOS only the pieces of the cover near each region,
/// and the union runs on several cores: both must measure what GEOS gives on
/// the whole, to 1e-9 of a commune's area.
struct OverlayAndUnionTests {
    /// Seeded geodesic discs (2–40 km) over the communes' extent, half of
    /// them around ten towns.
    static func discs(count: Int, seed: UInt64) -> [Geometry] {
        var generator = SeededRandom(seed: seed)
        let towns = (0..<10).map { _ in Coordinate(x: generator.uniform(-10, 2), y: generator.uniform(12, 17)) }
        return (0..<count).map { k in
            let town = towns[k % towns.count]
            let centre = k % 2 == 0
                ? Coordinate(x: town.x + 0.4 * generator.normal(), y: town.y + 0.4 * generator.normal())
                : Coordinate(x: -12 + 16 * generator.nextUnit(), y: 10 + 15 * generator.nextUnit())
            let radius = generator.nextUnit() < 0.8 ? 2_000 + 13_000 * generator.nextUnit() : 15_000 + 25_000 * generator.nextUnit()
            return .polygon(Geodesy.disc(center: centre, radiusMeters: radius, segments: 32))
        }
    }

    /// Today's date as a seed (UTC), e.g. 20261203; GAPMAP_TEST_SEED replays another.
    static var todaysSeed: Int {
        if let given = ProcessInfo.processInfo.environment["GAPMAP_TEST_SEED"].flatMap(Int.init) { return given }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let d = calendar.dateComponents([.year, .month, .day], from: Date())
        return d.year! * 10_000 + d.month! * 100 + d.day!
    }

    /// Each commune ∩ and − the whole cover, GEOS on the whole: the overlay
    /// as it was before the cover was cut into pieces.
    static func wholeCoverOverlay(_ regions: [Geometry], _ cover: Geometry) throws -> [(inside: Geometry, outside: Geometry)] {
        let engine = try GeometryEngine()
        let whole = try engine.native(cover)
        return try regions.map { region in
            let r = try engine.native(region)
            return (try engine.intersection(r, whole).value().polygonalPart, try engine.difference(r, whole).value().polygonalPart)
        }
    }

    @Test(.enabled(if: PolygonLocatorTests.communes != nil, "geodata/mali-cod-2015 is absent"))
    func splittingCommunesByCoverPiecesMeasuresWhatTheWholeCoverGives() throws {
        let communes = try #require(PolygonLocatorTests.communes)
        // Discs (clustered enough to merge into parts of thousands of
        // vertices, which are cut into pieces) plus three whole communes,
        // whose long edges make the cover's segments long too.
        // The discs change every day (the seed is today's date, UTC), so that
        // the rule is tried on new covers; a failure names the seed to rerun
        // (GAPMAP_TEST_SEED=SEED swift test --filter OverlayAndUnionTests).
        let seed = UInt64(Self.todaysSeed)
        // A chain of 200 overlapping 8 km discs (4.6 km apart) makes one part
        // of thousands of vertices whatever the seed.
        let chain = (0..<200).map { k in
            Geometry.polygon(Geodesy.disc(center: Coordinate(x: -8 + 0.04 * Double(k), y: 13 + 0.015 * Double(k)), radiusMeters: 8_000, segments: 32))
        }
        let footprints = Self.discs(count: 2500, seed: seed) + chain + [communes[40], communes[300], communes[650]]
        let engine = try GeometryEngine()
        let cover = try engine.union(footprints, workers: 1).value().polygonalPart
        let pieces = try CoverPieces(cover, workers: 2)
        #expect(cover.polygons.contains { CoverPieces.vertexCount($0) > 4 * CoverPieces.maximumVertices })
        #expect(pieces.polygons.count > cover.polygons.count)
        // The pieces tile the cover: their areas add up to its area.
        let coverKm2 = Geodesy.areaSquareKilometers(cover)
        let piecesKm2 = pieces.polygons.reduce(0) { $0 + Geodesy.areaSquareKilometers(.polygon($1)) }
        #expect(abs(piecesKm2 - coverKm2) <= 1e-10 * coverKm2)

        let parts = try PolygonOverlay.split(communes, by: cover, workers: 2)
        let reference = try Self.wholeCoverOverlay(communes, cover)
        var partial = 0, full = 0, none = 0
        for (r, commune) in communes.enumerated() {
            let area = Geodesy.areaSquareKilometers(commune)
            let covered = Geodesy.areaSquareKilometers(parts[r].inside), gap = Geodesy.areaSquareKilometers(parts[r].outside)
            #expect(abs(covered + gap - area) <= 1e-9 * area, "commune \(r), seed \(seed)")
            let expected = Geodesy.areaSquareKilometers(reference[r].inside)
            #expect(abs(covered - expected) <= 1e-9 * area, "commune \(r), seed \(seed): \(covered) km² covered, GEOS on the whole cover \(expected)")
            if parts[r].outside.isEmpty { full += 1 } else if parts[r].inside.isEmpty { none += 1 } else { partial += 1 }
        }
        #expect(partial > 100 && full >= 3 && none > 100, "\(partial) partial, \(full) full, \(none) uncovered")
        // A commune that is its own footprint is covered by its area (the
        // analysis's SliverRule absorbs a gap below 1e-9 of it, making it exact).
        for r in [40, 300, 650] {
            let area = Geodesy.areaSquareKilometers(communes[r])
            #expect(abs(Geodesy.areaSquareKilometers(parts[r].inside) - area) <= 1e-12 * area, "commune \(r)")
        }
    }

    @Test(.enabled(if: PolygonLocatorTests.communes != nil, "geodata/mali-cod-2015 is absent"))
    func parallelAndOneCoreUnionsMeasureTheSameCoveredAreaInEveryCommune() throws {
        let communes = try #require(PolygonLocatorTests.communes)
        let footprints = Self.discs(count: 3000, seed: 21) + [communes[120], communes[610]]
        let engine = try GeometryEngine()
        let serial = try engine.union(footprints, workers: 1).value().polygonalPart
        let parallel = try engine.union(footprints, workers: 2).value().polygonalPart
        let one = try Self.wholeCoverOverlay(communes, serial), two = try Self.wholeCoverOverlay(communes, parallel)
        var differentGeometry = 0
        func vertices(_ g: Geometry) -> Set<Coordinate> { Set(coordinates(g)) }
        for (r, commune) in communes.enumerated() {
            let area = Geodesy.areaSquareKilometers(commune)
            let a = Geodesy.areaSquareKilometers(one[r].inside), b = Geodesy.areaSquareKilometers(two[r].inside)
            #expect(abs(a - b) <= 1e-9 * area, "commune \(r): \(a) km² with one core, \(b) with two")
            if vertices(one[r].inside) != vertices(two[r].inside) { differentGeometry += 1 }
        }
        // Not the same vertices everywhere (else this would test nothing of the noding).
        #expect(vertices(serial) != vertices(parallel) && differentGeometry > 0, "\(differentGeometry) communes with other vertices")
    }

    func coordinates(_ g: Geometry) -> [Coordinate] {
        var out: [Coordinate] = []
        g.forEachCoordinate { out.append($0) }
        return out
    }

    @Test func parallelUnionCoversTheSamePointsAsTheUnaryUnion() throws {
        let footprints = Self.discs(count: 2000, seed: 9)
        let engine = try GeometryEngine()
        let serial = try engine.union(footprints, workers: 1)  // GEOS's own cascaded union
        let parallel = try engine.union(footprints, workers: 2)
        let difference = try engine.union([try engine.difference(serial, parallel).value(), try engine.difference(parallel, serial).value()])
        // Geodesic area of the symmetric difference: nothing but rounding (< 1 m² here).
        #expect(Geodesy.areaSquareMeters(try difference.value()) < 1)
        let total = Geodesy.areaSquareKilometers(try serial.value())
        #expect(abs(Geodesy.areaSquareKilometers(try parallel.value()) - total) <= 1e-9 * total)
        #expect(try engine.isValid(try parallel.value()))
    }

    @Test func parallelMapKeepsTheOrderAndReportsTheFirstError() throws {
        struct Boom: Error {}
        let squares = try parallelMap(count: 1000, workers: 2, makeState: { 0 }) { calls, i in
            calls += 1
            return i * i
        }
        #expect(squares == (0..<1000).map { $0 * $0 })
        #expect(throws: Boom.self) {
            _ = try parallelMap(count: 1000, workers: 2, makeState: { () }) { _, i in
                if i == 500 { throw Boom() }
                return i
            }
        }
    }
}
