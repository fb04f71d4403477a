import Testing
import TestSupport
@testable import GeoCore

func square(_ x0: Double, _ y0: Double, _ size: Double) -> Geometry {
    .polygon(Polygon(exterior: [
        Coordinate(x: x0, y: y0), Coordinate(x: x0 + size, y: y0), Coordinate(x: x0 + size, y: y0 + size),
        Coordinate(x: x0, y: y0 + size), Coordinate(x: x0, y: y0),
    ]))
}

func planarArea(_ g: Geometry) -> Double {
    g.polygons.reduce(0) { acc, p in
        acc + abs(Ring.signedPlanarArea(p.exterior)) - p.holes.reduce(0) { $0 + abs(Ring.signedPlanarArea($1)) }
    }
}

struct GeometryEngineTests {
    @Test func unionIntersectionAndDifferenceOfOverlappingSquares() throws {
        let engine = try GeometryEngine()
        let a = square(0, 0, 2), b = square(1, 1, 2)
        let union = try engine.union([a, b]).value()
        #expect(planarArea(union) == 7)
        #expect(planarArea(try engine.intersection(a, b)) == 1)
        #expect(planarArea(try engine.difference(a, b)) == 3)
        #expect(try engine.intersection(a, square(5, 5, 1)).isEmpty)
    }

    @Test func preparedCoversIncludesTheBoundary() throws {
        let engine = try GeometryEngine()
        let prepared = try engine.prepare(square(0, 0, 1))
        #expect(try prepared.covers(Coordinate(x: 0.5, y: 0.5)))
        #expect(try prepared.covers(Coordinate(x: 1, y: 0.5)))  // on an edge
        #expect(try prepared.covers(Coordinate(x: 0, y: 0)))  // on a vertex
        #expect(try !prepared.covers(Coordinate(x: 1.000001, y: 0.5)))
    }

    @Test func makeValidRepairsABowtieIntoTwoTriangles() throws {
        let engine = try GeometryEngine()
        let bowtie = Geometry.polygon(Polygon(exterior: [
            Coordinate(x: 0, y: 0), Coordinate(x: 2, y: 2), Coordinate(x: 2, y: 0), Coordinate(x: 0, y: 2), Coordinate(x: 0, y: 0),
        ]))
        let reason = try engine.invalidityReason(bowtie)
        #expect(reason?.contains("Self-intersection") == true)
        let repaired = try engine.makeValid(bowtie)
        #expect(try engine.isValid(repaired))
        #expect(repaired.polygons.count == 2)
        #expect(planarArea(repaired) == 2)  // two triangles of area 1
    }

    @Test func wktAndWkbRoundTrip() throws {
        let engine = try GeometryEngine()
        let g = Geometry.multiPolygon([
            Polygon(exterior: square(0, 0, 10).polygons[0].exterior, holes: [square(2, 2, 1).polygons[0].exterior.reversed()]),
            square(20, 20, 1).polygons[0],
        ])
        #expect(try engine.geometry(wkb: try engine.wkb(g)) == g)
        #expect(try engine.geometry(wkt: try engine.wkt(g)) == g)
        #expect(try engine.wkt(.point(Coordinate(x: 1.5, y: -2))) == "POINT (1.5 -2)")
        // ISO WKB of POINT(1 2), little endian: 01 01000000 then two doubles.
        let wkb = try engine.wkb(.point(Coordinate(x: 1, y: 2)))
        #expect(wkb.count == 21)
        #expect(Array(wkb[0..<5]) == [1, 1, 0, 0, 0])
    }

    @Test func geosErrorsCarryTheFunctionAndGEOSMessage() throws {
        let engine = try GeometryEngine()
        do {
            _ = try engine.geometry(wkt: "POLYGON((0 0, 1 1))")
            Issue.record("a two-point ring must not be accepted")
        } catch {
            #expect(error.function == "GEOSWKTReader_read_r")
            #expect(error.message.contains("LinearRing"))
        }
        #expect(throws: GeoCoreError.self) { try engine.native(.lineString([Coordinate(x: 0, y: 0)])) }
    }

    @Test func pointOnSurfaceLiesInsideAConcavePolygon() throws {
        let engine = try GeometryEngine()
        let u = Geometry.polygon(Polygon(exterior: [
            Coordinate(x: 0, y: 0), Coordinate(x: 3, y: 0), Coordinate(x: 3, y: 3), Coordinate(x: 2, y: 3),
            Coordinate(x: 2, y: 1), Coordinate(x: 1, y: 1), Coordinate(x: 1, y: 3), Coordinate(x: 0, y: 3), Coordinate(x: 0, y: 0),
        ]))
        let p = try #require(try engine.pointOnSurface(u))
        #expect(try engine.prepare(u).covers(p))
    }

    @Test func enginesOnSeveralThreadsWorkIndependently() async throws {
        let results = try await withThrowingTaskGroup(of: Double.self) { group in
            for i in 0..<8 {
                group.addTask {
                    let engine = try GeometryEngine()
                    return planarArea(try engine.union([square(0, 0, Double(i + 1)), square(0, 0, 1)]).value())
                }
            }
            var all: [Double] = []
            for try await r in group { all.append(r) }
            return all.sorted()
        }
        #expect(results == (1...8).map { Double($0 * $0) })
    }
}

struct SpatialIndexTests {
    @Test func queriesMatchABruteForceScan() {
        var rng = SeededRandom(seed: 42)
        let envelopes: [Envelope?] = (0..<2000).map { i in
            if i % 97 == 0 { return nil }
            let x = rng.nextUnit() * 100, y = rng.nextUnit() * 100
            return Envelope(minX: x, minY: y, maxX: x + rng.nextUnit() * 3, maxY: y + rng.nextUnit() * 3)
        }
        let index = SpatialIndex(envelopes: envelopes)
        for _ in 0..<300 {
            let x = rng.nextUnit() * 100, y = rng.nextUnit() * 100
            let q = Envelope(minX: x, minY: y, maxX: x + rng.nextUnit() * 10, maxY: y + rng.nextUnit() * 10)
            let brute = envelopes.indices.filter { envelopes[$0]?.intersects(q) == true }
            #expect(index.query(q) == brute)
        }
        #expect(SpatialIndex(envelopes: []).query(Coordinate(x: 0, y: 0)).isEmpty)
    }
}


struct ReprojectionTests {
    @Test func utmZone30NorthToLonLat() throws {
        // UTM 30N: central meridian -3°, false easting 500 km, so (500000, 0) is (−3°, 0°).
        let r = try Reprojector(sourceCRS: "EPSG:32630")
        let c = try r.transform(Coordinate(x: 500_000, y: 0))
        #expect(abs(c.x + 3) < 1e-9)
        #expect(abs(c.y) < 1e-9)
    }

    @Test func unknownCRSIsAClearError() {
        #expect(throws: GeoCoreError.self) { try Reprojector(sourceCRS: "EPSG:999999") }
    }
}
