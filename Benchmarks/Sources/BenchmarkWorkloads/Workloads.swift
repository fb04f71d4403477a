import Foundation
import GeoCore

/// The seeded generator of GeoCore under the benchmarks' name.
public typealias SeededGenerator = SeededRandom

extension SeededRandom {
    /// Uniform in [0, 1).
    public mutating func unit() -> Double { nextUnit() }
}

/// Seeded data of the size and shape of a country's worth of work: a
/// Mali-sized box cut into ~700 regions of ~300 vertices, points, geodesic
/// discs with mixed radii, and a needs CSV.
public enum Workload {
    /// Longitude -12…4, latitude 10…25: about Mali's extent.
    public static let box = Envelope(minX: -12, minY: 10, maxX: 4, maxY: 25)

    /// `columns × rows` regions tiling `box`, each edge a smooth wavy line of
    /// `verticesPerEdge` segments that both neighbours share exactly, so the
    /// regions are valid and neither overlap nor leave gaps (like communes).
    /// The default is 26 × 27 = 702 regions of 4 × 75 = 300 vertices.
    public static func regions(columns: Int = 26, rows: Int = 27, verticesPerEdge: Int = 75, seed: UInt64 = 1) -> [Geometry] {
        let dx = box.width / Double(columns), dy = box.height / Double(rows)
        // Displacements stay below a tenth of a cell, so edges never cross.
        let amplitude = 0.1 * min(dx, dy)
        var generator = SeededGenerator(seed: seed)
        let verticalPhase = (0...columns).map { _ in (0..<rows).map { _ in generator.unit() } }
        let horizontalPhase = (0...rows).map { _ in (0..<columns).map { _ in generator.unit() } }
        func wobble(_ t: Double, _ phase: Double) -> Double {
            amplitude * sin(Double.pi * t)
                * (0.7 * sin(2 * Double.pi * (3 * t + phase)) + 0.3 * sin(2 * Double.pi * (7 * t + 2 * phase)))
        }
        // The vertical line x = column i between rows j and j+1, bottom to top.
        func vertical(_ i: Int, _ j: Int) -> [Coordinate] {
            let x = box.minX + Double(i) * dx, y0 = box.minY + Double(j) * dy
            return (0...verticesPerEdge).map { k in
                let t = Double(k) / Double(verticesPerEdge)
                let shift = (i == 0 || i == columns || k == 0 || k == verticesPerEdge) ? 0 : wobble(t, verticalPhase[i][j])
                return Coordinate(x: x + shift, y: k == verticesPerEdge ? box.minY + Double(j + 1) * dy : y0 + t * dy)
            }
        }
        // The horizontal line y = row j between columns i and i+1, left to right.
        func horizontal(_ i: Int, _ j: Int) -> [Coordinate] {
            let y = box.minY + Double(j) * dy, x0 = box.minX + Double(i) * dx
            return (0...verticesPerEdge).map { k in
                let t = Double(k) / Double(verticesPerEdge)
                let shift = (j == 0 || j == rows || k == 0 || k == verticesPerEdge) ? 0 : wobble(t, horizontalPhase[j][i])
                return Coordinate(x: k == verticesPerEdge ? box.minX + Double(i + 1) * dx : x0 + t * dx, y: y + shift)
            }
        }
        var regions: [Geometry] = []
        regions.reserveCapacity(columns * rows)
        for j in 0..<rows {
            for i in 0..<columns {
                // Counter-clockwise: bottom, right, top (reversed), left (reversed).
                var ring = horizontal(i, j)
                ring += vertical(i + 1, j).dropFirst()
                ring += horizontal(i, j + 1).reversed().dropFirst()
                ring += vertical(i, j).reversed().dropFirst()
                regions.append(.polygon(Polygon(exterior: ring)))
            }
        }
        return regions
    }

    /// Town centres where points and initiatives cluster.
    public static func towns(count: Int = 60, seed: UInt64 = 3) -> [(centre: Coordinate, sigma: Double)] {
        var generator = SeededGenerator(seed: seed)
        return (0..<count).map { _ in
            (Coordinate(x: generator.uniform(box.minX + 1, box.maxX - 1), y: generator.uniform(box.minY + 1, box.maxY - 1)),
             generator.uniform(0.1, 0.5))
        }
    }

    /// `count` points: 70 % uniform in the box, 30 % around the towns.
    public static func points(count: Int, seed: UInt64 = 2) -> [Coordinate] {
        var generator = SeededGenerator(seed: seed)
        let towns = towns()
        return (0..<count).map { _ in
            if generator.unit() < 0.7 {
                return Coordinate(x: generator.uniform(box.minX, box.maxX), y: generator.uniform(box.minY, box.maxY))
            }
            let town = towns[Int(generator.next() % UInt64(towns.count))]
            return Coordinate(x: min(box.maxX, max(box.minX, town.centre.x + town.sigma * generator.normal())),
                              y: min(box.maxY, max(box.minY, town.centre.y + town.sigma * generator.normal())))
        }
    }

    /// Centres and radii (km) of `count` initiatives: 70 % around towns;
    /// radii 2–5 km (60 %), 5–15 km (30 %), 15–40 km (10 %).
    public static func initiatives(count: Int = 10_000, seed: UInt64 = 4) -> [(centre: Coordinate, radiusKm: Double)] {
        var generator = SeededGenerator(seed: seed)
        let centres = points(count: count, seed: seed &+ 100)
        return centres.map { c in
            let band = generator.unit()
            let (low, high) = band < 0.6 ? (2.0, 5.0) : band < 0.9 ? (5.0, 15.0) : (15.0, 40.0)
            return (c, generator.uniform(low, high))
        }
    }

    /// The geodesic discs of `initiatives(count:)`, `segments` vertices each.
    public static func footprints(count: Int = 10_000, segments: Int = 64, seed: UInt64 = 4) -> [Geometry] {
        initiatives(count: count, seed: seed).map {
            .polygon(Geodesy.disc(center: $0.centre, radiusMeters: $0.radiusKm * 1000, segments: segments))
        }
    }

    /// A needs CSV of `rows` rows in the layout of scripts/bench/make_workload.py.
    public static func needsCSV(rows: Int, seed: UInt64 = 5) -> String {
        var generator = SeededGenerator(seed: seed)
        let categories = ["patrols", "lighting", "trust_building", "gbv_support", "youth_engagement", "early_warning"]
        let segments = ["women", "youth", "elders", "displaced", "traders", "herders", "farmers", "general"]
        let weights = ["1", "1", "1", "1", "", "2", "0.5", "1.5", "0.25", "3"]
        var text = "id,category,segment,severity,weight,date,lon,lat,region\n"
        text.reserveCapacity(rows * 70)
        for (k, c) in points(count: rows, seed: seed &+ 1).enumerated() {
            let severity = 1 + generator.next() % 5
            let weight = weights[Int(generator.next() % UInt64(weights.count))]
            let day = 1 + generator.next() % 28, month = 1 + generator.next() % 12
            let category = categories[Int(generator.next() % UInt64(categories.count))]
            let segment = segments[Int(generator.next() % UInt64(segments.count))]
            text += "N\(k + 1),\(category),\(segment),\(severity),\(weight),2023-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day),"
            text += String(format: "%.6f,%.6f,\n", c.x, c.y)
        }
        return text
    }

    /// Writes `text` to a new file in the temporary directory and returns its path.
    public static func temporaryFile(named name: String, contents text: String) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gapmap-benchmarks-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let url = directory.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }
}
