import Testing
import TestSupport
@testable import GeoCore

/// PolygonOverlay hands GEOS only the cover near each region, and the union
/// can run on several cores: both must give what GEOS gives on the whole.
struct OverlayAndUnionTests {
    /// Seeded geodesic discs (2–40 km) over the communes' extent.
    static func discs(count: Int, seed: UInt64) -> [Geometry] {
        var generator = SeededRandom(seed: seed)
        return (0..<count).map { _ in
            let centre = Coordinate(x: -12 + 16 * generator.nextUnit(), y: 10 + 15 * generator.nextUnit())
            let radius = generator.nextUnit() < 0.8 ? 2_000 + 13_000 * generator.nextUnit() : 15_000 + 25_000 * generator.nextUnit()
            return .polygon(Geodesy.disc(center: centre, radiusMeters: radius, segments: 32))
        }
    }

    @Test(.enabled(if: PolygonLocatorTests.communes != nil, "geodata/mali-cod-2015 is absent"))
    func splittingCommunesGivesWhatGEOSGivesAgainstTheWholeCover() throws {
        let communes = try #require(PolygonLocatorTests.communes)
        // Discs plus three whole communes, whose long edges make the cover's
        // segments long too (what region-referenced initiatives do).
        let footprints = Self.discs(count: 1500, seed: 3) + [communes[40], communes[300], communes[650]]
        let engine = try GeometryEngine()
        let cover = try engine.union(footprints).value().polygonalPart
        let parts = try PolygonOverlay.split(communes, by: cover, workers: 2)
        let whole = try engine.native(cover)
        var partial = 0
        for (r, commune) in communes.enumerated() {
            let region = try engine.native(commune)
            let inside = try engine.intersection(region, whole).value().polygonalPart
            let outside = try engine.difference(region, whole).value().polygonalPart
            let area = Geodesy.areaSquareKilometers(commune)
            if !inside.isEmpty, !outside.isEmpty {
                partial += 1
                // The same geometry, vertex for vertex, so the same geodesic areas.
                #expect(Set(coordinates(parts[r].inside)) == Set(coordinates(inside)), "commune \(r)")
                #expect(Set(coordinates(parts[r].outside)) == Set(coordinates(outside)), "commune \(r)")
            }
            let expectedInside = outside.isEmpty ? area : (inside.isEmpty ? 0 : Geodesy.areaSquareKilometers(inside))
            #expect(abs(Geodesy.areaSquareKilometers(parts[r].inside) - expectedInside) <= 1e-9 * area, "commune \(r)")
        }
        #expect(partial > 100)
    }

    func coordinates(_ g: Geometry) -> [Coordinate] {
        var out: [Coordinate] = []
        g.forEachCoordinate { out.append($0) }
        return out
    }

    @Test func parallelUnionCoversTheSamePointsAsTheUnaryUnion() throws {
        let footprints = Self.discs(count: 2000, seed: 9)
        let engine = try GeometryEngine()
        let serial = try engine.union(footprints)  // the default: one worker, GEOS's own union
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
