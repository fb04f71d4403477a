import Foundation
import Testing
import TestSupport
@testable import GeoCore

/// The Swift point-in-polygon of `PolygonLocator` must answer as GEOS's
/// prepared `covers` does, above all for points on vertices and edges.
struct PolygonLocatorTests {
    /// The 701 communes of Mali, read with Foundation (GeoCore has no
    /// GeoJSON reader), from the project's geodata/mali-cod-2015.
    static let communes: [Geometry]? = {
        var dir = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { dir.deleteLastPathComponent() }
        let path = dir.appendingPathComponent("geodata/mali-cod-2015/adm3-communes.geojson")
        guard let data = try? Data(contentsOf: path),
              let document = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let features = document["features"] as? [[String: Any]]
        else { return nil }
        func ring(_ value: Any) -> [Coordinate] {
            (value as? [[Double]] ?? []).map { Coordinate(x: $0[0], y: $0[1]) }
        }
        func polygon(_ value: Any) -> Polygon {
            let rings = (value as? [Any] ?? []).map(ring)
            return Polygon(exterior: rings.first ?? [], holes: Array(rings.dropFirst()))
        }
        return features.map { feature in
            let geometry = feature["geometry"] as? [String: Any] ?? [:]
            let coordinates = geometry["coordinates"] ?? []
            if geometry["type"] as? String == "MultiPolygon" {
                return .multiPolygon((coordinates as? [Any] ?? []).map(polygon))
            }
            return .polygon(polygon(coordinates))
        }
    }()

    /// GEOS's answer: prepared covers, polygon by polygon.
    final class GEOSCovers {
        let engine: GeometryEngine
        let prepared: [PreparedGeometry]
        init(_ geometries: [Geometry]) throws {
            let engine = try GeometryEngine()
            self.engine = engine
            prepared = try geometries.map { try engine.prepare($0) }
        }
        func covers(_ g: Int, _ c: Coordinate) throws -> Bool { try prepared[g].covers(c) }
    }

    /// Points on and next to the boundaries: every vertex, every edge's
    /// midpoint (on or a rounding off the edge: the double-double path), and
    /// the vertex moved by one unit in the last place each way.
    static func boundaryProbes(_ geometries: [Geometry], stride step: Int = 1) -> [Coordinate] {
        var probes: [Coordinate] = []
        var n = 0
        for g in geometries {
            for p in g.polygons {
                for ring in [p.exterior] + p.holes {
                    for k in 0..<(ring.count - 1) {
                        n += 1
                        guard n % step == 0 else { continue }
                        let a = ring[k], b = ring[k + 1]
                        probes.append(a)
                        probes.append(Coordinate(x: (a.x + b.x) / 2, y: (a.y + b.y) / 2))
                        probes.append(Coordinate(x: a.x + 0.25 * (b.x - a.x), y: a.y + 0.25 * (b.y - a.y)))
                        probes.append(Coordinate(x: a.x.nextUp, y: a.y))
                        probes.append(Coordinate(x: a.x.nextDown, y: a.y))
                        probes.append(Coordinate(x: a.x, y: a.y.nextUp))
                        probes.append(Coordinate(x: a.x, y: a.y.nextDown))
                    }
                }
            }
        }
        return probes
    }

    @Test(.enabled(if: PolygonLocatorTests.communes != nil, "geodata/mali-cod-2015 is absent"))
    func communeBoundariesAreLocatedExactlyAsGEOSPreparedCoversDoes() throws {
        let communes = try #require(Self.communes)
        let areas = PointInAreaIndex(communes)
        let geos = try GEOSCovers(communes)
        let index = SpatialIndex(envelopes: communes.map(\.envelope))
        let probes = Self.boundaryProbes(communes, stride: 1)
        var tests = 0, disagreements: [String] = []
        for c in probes {
            for g in index.query(c) {
                tests += 1
                let mine = areas.covers(g, c), theirs = try geos.covers(g, c)
                if mine != theirs, disagreements.count < 10 { disagreements.append("(\(c.x), \(c.y)) in \(g): \(mine) vs GEOS \(theirs)") }
            }
        }
        #expect(disagreements.isEmpty, "\(disagreements)")
        #expect(tests > probes.count)  // shared vertices have several candidates
        // Every vertex is on the boundary of its own polygon.
        for (g, geometry) in communes.enumerated() {
            for c in geometry.polygons[0].exterior.prefix(3) { #expect(areas.locate(c, in: g) == .boundary) }
        }
    }

    @Test(.enabled(if: PolygonLocatorTests.communes != nil, "geodata/mali-cod-2015 is absent"))
    func firstCoveringCommuneMatchesGEOSForSharedVerticesAndRandomPoints() throws {
        let communes = try #require(Self.communes)
        let locator = PolygonLocator(polygons: communes)
        let geos = try GEOSCovers(communes)
        // Shared vertices belong to the first commune in input order.
        var counts: [Coordinate: Int] = [:]
        for g in communes { for p in g.polygons { for c in p.exterior.dropLast() { counts[c, default: 0] += 1 } } }
        let shared = counts.filter { $0.value >= 2 }.map(\.key).sorted { ($0.x, $0.y) < ($1.x, $1.y) }
        #expect(shared.count > 1000)
        var generator = SeededRandom(seed: 11)
        let random = (0..<20_000).map { _ in
            Coordinate(x: -12.5 + 17 * generator.nextUnit(), y: 10 + 15.2 * generator.nextUnit())
        }
        let points = shared + random
        let found = try locator.firstCovering(points, workers: 2)
        let compact = try locator.firstCoveringIndices(points, workers: 2)
        for (k, c) in points.enumerated() {
            let expected = try locator.index.query(c).first { try geos.covers($0, c) }
            #expect(found[k] == expected, "(\(c.x), \(c.y))")
            #expect(compact[k] == Int32(expected ?? -1))
        }
        #expect(found.prefix(shared.count).allSatisfy { $0 != nil })
        #expect(try locator.anyCovers(points, workers: 1) == found.map { $0 != nil })
    }

    @Test func squareWithAHoleHandMade() throws {
        // 0..4 square with a 1..3 hole, plus a separate 5..6 square.
        let outer = [(0.0, 0.0), (4, 0), (4, 4), (0, 4), (0, 0)].map { Coordinate(x: $0.0, y: $0.1) }
        let hole = [(1.0, 1.0), (1, 3), (3, 3), (3, 1), (1, 1)].map { Coordinate(x: $0.0, y: $0.1) }
        let island = [(5.0, 5.0), (6, 5), (6, 6), (5, 6), (5, 5)].map { Coordinate(x: $0.0, y: $0.1) }
        let shape = Geometry.multiPolygon([Polygon(exterior: outer, holes: [hole]), Polygon(exterior: island)])
        let areas = PointInAreaIndex([shape])
        let cases: [(Double, Double, AreaLocation)] = [
            (0.5, 0.5, .interior), (2, 2, .exterior), (0, 0, .boundary), (2, 0, .boundary), (4, 2, .boundary),
            (1, 2, .boundary), (2, 3, .boundary), (3, 3, .boundary), (0.5, 2, .interior), (3.5, 3.99, .interior),
            (4.0000001, 2, .exterior), (-1, 2, .exterior), (2, 4.5, .exterior), (5.5, 5.5, .interior), (6, 5.5, .boundary),
            (5.5, 6, .boundary), (4.5, 5.5, .exterior), (2, 1, .boundary), (0.5, 1, .interior), (3.5, 1, .interior),
        ]
        for (x, y, expected) in cases {
            #expect(areas.locate(Coordinate(x: x, y: y), in: 0) == expected, "(\(x), \(y))")
        }
        let geos = try GEOSCovers([shape])
        for (x, y, _) in cases {
            let c = Coordinate(x: x, y: y)
            #expect(areas.covers(0, c) == (try geos.covers(0, c)), "(\(x), \(y))")
        }
    }

    @Test func nearlyCollinearPointsNeedTheDoubleDoublePathAndAgreeWithGEOS() throws {
        // Long skew edges far from the origin: points a rounding away from an
        // edge defeat the double filter, so the double-double arithmetic decides.
        var generator = SeededRandom(seed: 5)
        var triangles: [Geometry] = []
        var probes: [(Int, Coordinate)] = []
        var undecided = 0
        for t in 0..<200 {
            let a = Coordinate(x: 100 + generator.nextUnit(), y: 40 + generator.nextUnit())
            let b = Coordinate(x: a.x + 10 * generator.nextUnit() + 0.1, y: a.y + 7 * generator.nextUnit() + 0.1)
            let c = Coordinate(x: a.x, y: b.y)
            triangles.append(.polygon(Polygon(exterior: [a, b, c, a])))
            for k in 1..<20 {
                let s = Double(k) / 20
                let p = Coordinate(x: a.x + s * (b.x - a.x), y: a.y + s * (b.y - a.y))
                for q in [p, Coordinate(x: p.x.nextUp, y: p.y), Coordinate(x: p.x, y: p.y.nextDown)] {
                    probes.append((t, q))
                    if Orientation.filter(a.x, a.y, b.x, b.y, q.x, q.y) == nil { undecided += 1 }
                }
            }
        }
        #expect(undecided > 500)
        let areas = PointInAreaIndex(triangles)
        let geos = try GEOSCovers(triangles)
        for (t, q) in probes {
            #expect(areas.covers(t, q) == (try geos.covers(t, q)), "(\(q.x), \(q.y)) in triangle \(t)")
        }
    }

    @Test func geometriesOtherThanPolygonsGoThroughGEOS() throws {
        let line = Geometry.lineString([Coordinate(x: 0, y: 0), Coordinate(x: 2, y: 2)])
        let locator = PolygonLocator(polygons: [line, square(0, 0, 1)])
        let found = try locator.firstCovering([Coordinate(x: 1, y: 1), Coordinate(x: 0.5, y: 0.25), Coordinate(x: 3, y: 3)])
        #expect(found == [0, 1, nil])
    }
}

