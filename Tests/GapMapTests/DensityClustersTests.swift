import Foundation
import GeoCore
import Testing
import TestSupport
@testable import GapMap

/// The grid search and the clustering against brute force: every pair measured with geod_inverse.
struct DensityClustersTests {
    /// Points in clumps around a few centres, some repeated, some exactly at the radius from another.
    static func points(lat0: Double, span: Double, count: Int, radiusMeters: Double, seed: UInt64) -> [Coordinate] {
        var rng = SeededRandom(seed: seed)
        let centres = (0..<6).map { _ in Coordinate(lon: rng.nextUnit() * span, lat: lat0 + rng.nextUnit() * span) }
        var points: [Coordinate] = []
        for n in 0..<count {
            let c = centres[n % centres.count]
            let spread = n % 3 == 0 ? span / 2 : span / 20
            points.append(Coordinate(lon: c.x + (rng.nextUnit() - 0.5) * spread, lat: c.y + (rng.nextUnit() - 0.5) * spread))
        }
        // Repeats, and points at the radius (and a hair either side) from others.
        for k in 0..<20 {
            let base = points[k * 7]
            points.append(base)
            let azimuth = Double(k) * 37
            for d in [radiusMeters, radiusMeters * (1 - 1e-12), radiusMeters * (1 + 1e-12), radiusMeters - 0.0005, radiusMeters + 0.0005] {
                points.append(Geodesy.destination(from: base, azimuthDegrees: azimuth, distanceMeters: d))
            }
        }
        return points
    }

    @Test(arguments: [(0.0, 2.0), (14.0, 3.0), (-0.5, 1.0), (84.0, 4.0)])
    func neighbourhoodWeightsAreTheBruteForceSums(lat0: Double, span: Double) {
        for radius in [3_000.0, 25_000, 120_000] {
            let points = Self.points(lat0: lat0, span: span, count: 900, radiusMeters: radius, seed: 11)
            // Weights in halves: every sum is exact, whatever its order.
            let weights = points.indices.map { Double($0 % 5 + 1) / 2 }
            let grid = GeodesicGrid(points: points, weights: weights, cellMeters: radius / 6)
            let limits = GeodesicGrid.Limits(radius)
            for c in points.indices.prefix(150) {
                let brute = points.indices.filter { Geodesy.distanceMeters(points[c], points[$0]) <= radius }.reduce(0) { $0 + weights[$1] }
                let found = grid.weightWithin(limits, of: points[c], frame: GeodesicGrid.Frame(points[c])).value
                #expect(found == brute, "lat \(lat0), radius \(radius) m, point \(c)")
            }
        }
    }

    @Test func aWeightSumDoesNotDependOnTheOrder() {
        var forward = WeightSum(), backward = WeightSum()
        let terms = [1e16, 0.1, -1e16, 0.2, 0.3, 1e-3, 7.5]
        for t in terms { forward.add(t) }
        for t in terms.reversed() { backward.add(t) }
        // Exact: 0.1 + 0.2 + 0.3 + 0.001 + 7.5 = 8.101, rounded once.
        #expect(forward.value == 8.101 && backward.value == 8.101)
        // The plain sum loses the small terms next to 1e16.
        #expect(terms.reduce(0, +) != 8.101)
    }

    /// DBSCAN as the definition says it, with every neighbourhood listed.
    static func bruteForce(_ points: [Coordinate], _ weights: [Double], radius: Double, minimumWeight: Double)
        -> (density: [Double], label: [Int], members: [[Int]]) {
        let neighbours = points.indices.map { i in points.indices.filter { Geodesy.distanceMeters(points[i], points[$0]) <= radius } }
        let density = neighbours.map { $0.reduce(0) { $0 + weights[$1] } }
        let isCore = density.map { $0 >= minimumWeight }
        var label = [Int](repeating: -1, count: points.count)
        var clusters: [[Int]] = []
        for seed in points.indices where isCore[seed] && label[seed] == -1 {
            var members = [seed]
            label[seed] = clusters.count
            var queue = [seed]
            while let q = queue.popLast() {
                for j in neighbours[q] where label[j] == -1 {
                    label[j] = clusters.count
                    members.append(j)
                    if isCore[j] { queue.append(j) }
                }
            }
            clusters.append(members.sorted())
        }
        return (density, label, clusters)
    }

    // The last two, with a radius large against the spacing, chain every point into two clusters: no noise.
    @Test(arguments: [(14.0, 1.0, 5_000.0, 6.0, true), (0.0, 0.5, 2_000.0, 3.0, true), (14.0, 2.0, 25_000.0, 15.0, false), (60.0, 3.0, 40_000.0, 30.0, false)])
    func clustersAreThoseOfTheBruteForceSearch(lat0: Double, span: Double, radius: Double, minimumWeight: Double, noise: Bool) throws {
        let points = Self.points(lat0: lat0, span: span, count: 1_200, radiusMeters: radius, seed: 3)
        let weights = points.indices.map { Double($0 % 4 + 1) / 2 }
        let brute = Self.bruteForce(points, weights, radius: radius, minimumWeight: minimumWeight)
        for workers in [1, 2] {
            let found = try DensityClusters(points: points, weights: weights, radiusMeters: radius, minimumWeight: minimumWeight, workers: workers)
            #expect(found.density == brute.density)
            #expect(found.label == brute.label)
            #expect(found.members == brute.members)
        }
        // The case is not trivial: several clusters, some noise, some non-core members.
        #expect(brute.members.count >= 2)
        #expect(brute.label.contains(-1) == noise)
        #expect(brute.members.joined().contains { brute.density[$0] < minimumWeight })
    }
}

/// A hotspot too large to outline disc by disc.
struct HotspotOutlineTests {
    @Test func pastTheDiscLimitTheOutlineHoldsEveryMemberAndAddsLittle() throws {
        var rng = SeededRandom(seed: 21)
        // 6,000 distinct positions in a 40 km × 40 km square near Ségou; discs of 2 km; at most 2,000 discs.
        let positions = (0..<6_000).map { _ in Coordinate(lon: -6.4 + rng.nextUnit() * 0.37, lat: 13.3 + rng.nextUnit() * 0.36) }
        let engine = try GeometryEngine()
        let outline = try HotspotAnalysis.outline(around: positions, radiusMeters: 2_000, segments: 32, engine: engine, discLimit: 2_000)
        let exact = try engine.union(positions.map { .polygon(Geodesy.disc(center: $0, radiusMeters: 2_000, segments: 32)) }).value()
        let prepared = try engine.prepare(outline)
        #expect(try positions.allSatisfy { try prepared.covers($0) })
        let exactKm2 = Geodesy.areaSquareKilometers(exact), outlineKm2 = Geodesy.areaSquareKilometers(outline)
        // What the exact union has and the outline lacks: slivers between the discs' polygon edges only.
        let missed = Geodesy.areaSquareKilometers(try engine.difference(exact, outline))
        #expect(missed < 0.002 * exactKm2, "missed \(missed) of \(exactKm2) km²")
        // The cells are a quarter of the disc radius across at most: the outline grows by little (here the square is nearly full).
        #expect(outlineKm2 < exactKm2 * 1.1, "\(outlineKm2) against \(exactKm2) km²")
        // Below the limit, the outline is the union itself.
        let few = Array(positions.prefix(300))
        let small = try HotspotAnalysis.outline(around: few, radiusMeters: 2_000, segments: 32, engine: engine, discLimit: 2_000)
        let union = try engine.union(few.map { .polygon(Geodesy.disc(center: $0, radiusMeters: 2_000, segments: 32)) }).value().polygonalPart
        #expect(small == union)
    }
}
