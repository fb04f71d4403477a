import GeoCore

/// Checks a layer's points against the regions before they are used: points
/// whose longitude and latitude look swapped, and points far outside every
/// region, are rejected with a reason. Points near the regions but in none
/// stay in the analysis as unassigned.
///
/// - Swapped: the point is in no region, and the point with its two
///   coordinates exchanged, (lat, lon), is in one.
/// - Far outside: the point is more than `farOutsideKm` from the regions'
///   extent (their bounding box in longitude/latitude), measured
///   geodesically to the nearest point of that box.
struct PointScreen: Sendable {
    static let farOutsideKm = 100.0

    enum Verdict: Equatable, Sendable {
        case swapped(Coordinate)
        case farOutside(km: Double)
    }

    let extent: Envelope?
    let locator: PolygonLocator

    init(regions: [Region]) {
        var extent: Envelope?
        for r in regions {
            guard let e = r.geometry.envelope else { continue }
            if extent == nil { extent = e } else { extent!.expand(toInclude: e) }
        }
        self.extent = extent
        locator = PolygonLocator(polygons: regions.map(\.geometry))
    }

    /// The geodesic distance in km from `c` to the nearest point of the
    /// extent (0 inside it).
    func kilometresOutsideExtent(_ c: Coordinate) -> Double {
        guard let e = extent, !e.contains(c) else { return 0 }
        let nearest = Coordinate(x: min(max(c.x, e.minX), e.maxX), y: min(max(c.y, e.minY), e.maxY))
        return Geodesy.distanceMeters(c, nearest) / 1000
    }

    /// A point the screen did not locate (`Screening.located`).
    static let notLocated: Int32 = -2

    /// The verdicts on a layer's points, and where the screen found the
    /// points it had to locate as given: the region's index, -1 for none,
    /// `notLocated` for a point it did not locate. The analysis reuses
    /// these instead of locating the same points again (same regions, same
    /// `PolygonLocator`, so the same answers).
    struct Screening {
        /// Per point: nil when usable.
        var verdicts: [Verdict?]
        var located: [Int32]
    }

    /// The verdict on each point (nil: usable).
    func verdicts(_ points: [Coordinate]) throws -> [Verdict?] {
        try screening(points).verdicts
    }

    /// The verdict on each point, and where the points located were found.
    func screening(_ points: [Coordinate]) throws -> Screening {
        guard let e = extent else {
            return Screening(verdicts: Array(repeating: nil, count: points.count), located: Array(repeating: Self.notLocated, count: points.count))
        }
        var result = [Verdict?](repeating: nil, count: points.count)
        var located = [Int32](repeating: Self.notLocated, count: points.count)
        // Only points whose swapped form lands in the extent can be swapped:
        // locate those (and their swaps) among the regions.
        var candidates: [Int] = []
        for (i, c) in points.enumerated() where c.isFinite && (-90...90).contains(c.x) && c.x != c.y {
            if e.contains(Coordinate(x: c.y, y: c.x)) { candidates.append(i) }
        }
        if !candidates.isEmpty {
            // A point in a region is never swapped: only those in none are tried swapped.
            let asGiven = try locator.firstCovering(candidates.map { points[$0] })
            for (k, i) in candidates.enumerated() { located[i] = asGiven[k].map { Int32($0) } ?? -1 }
            let outside = candidates.indices.filter { asGiven[$0] == nil }.map { candidates[$0] }
            let swapped = try locator.firstCovering(outside.map { Coordinate(x: points[$0].y, y: points[$0].x) })
            for (k, i) in outside.enumerated() where swapped[k] != nil {
                result[i] = .swapped(Coordinate(x: points[i].y, y: points[i].x))
            }
        }
        for (i, c) in points.enumerated() where result[i] == nil && c.isFinite {
            let km = kilometresOutsideExtent(c)
            if km > Self.farOutsideKm { result[i] = .farOutside(km: km) }
        }
        return Screening(verdicts: result, located: located)
    }

    /// The reason written to rejected.csv.
    static func reason(_ verdict: Verdict, point c: Coordinate) -> String {
        switch verdict {
        case .swapped(let s):
            return "longitude and latitude look swapped: (\(c.x), \(c.y)) is in no region, but (\(s.x), \(s.y)) is in one; exchange the two columns' values"
        case .farOutside(let km):
            let shown = String(Int(km.rounded()))
            return "the point (\(c.x), \(c.y)) is \(shown) km outside the regions' extent (more than \(Int(farOutsideKm)) km), so it cannot belong to them; check its coordinates, or give the regions that contain it"
        }
    }
}
