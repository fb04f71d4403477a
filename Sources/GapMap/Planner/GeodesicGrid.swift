import Foundation
import GeoCore

/// Points binned in cells of latitude and longitude, with bounds on the
/// geodesic distance that cost a few multiplications, so that a search of
/// "the points within d of a point" decides most pairs, and whole cells,
/// without PROJ, and gives the same answer as `Geodesy.distanceMeters(a, b) <= d`
/// on every pair:
/// - lower bound: the chord in 3-D (earth-centred coordinates), since the
///   straight segment is the shortest path between two points in space;
/// - upper bound: the length of the path that is straight in (latitude,
///   longitude). With the metric ds² = M(φ)² dφ² + P(φ)² dλ² (M the meridian
///   radius of curvature, P = N(φ) cos φ the radius of the parallel), that
///   length is at most √((M̂ Δφ)² + (P̂ Δλ)²), M̂ and P̂ the largest M and P
///   over the latitudes the path crosses: M grows with |φ| and P shrinks, so
///   both are at an end (P̂ = a when the path crosses the equator).
/// A pair is measured with geod_inverse only when its bounds straddle
/// d ± 1 mm, which is far beyond the rounding of either bound (about 1e-9 m)
/// and of geod_inverse (15 nm).
struct GeodesicGrid: Sendable {
    /// What the bounds need about a point: latitude and longitude in
    /// radians, M and P at its latitude, its earth-centred position in metres.
    struct Frame: Sendable {
        var phi: Double, lambda: Double, m: Double, p: Double, x: Double, y: Double, z: Double

        init(_ c: Coordinate) {
            let a = Geodesy.wgs84SemiMajorAxis, e2 = GeodesicGrid.e2
            phi = c.y * .pi / 180
            lambda = c.x * .pi / 180
            let s = sin(phi), cp = cos(phi)
            let w = (1 - e2 * s * s).squareRoot()
            let n = a / w
            m = a * (1 - e2) / (w * w * w)
            p = n * cp
            x = n * cp * cos(lambda)
            y = n * cp * sin(lambda)
            z = n * (1 - e2) * s
        }
    }

    /// A cell's points: the box of their latitudes and longitudes (radians),
    /// the largest M and P over those latitudes, and the box of their
    /// earth-centred positions.
    struct CellBox: Sendable {
        var phiLo = Double.infinity, phiHi = -Double.infinity, lambdaLo = Double.infinity, lambdaHi = -Double.infinity
        var mMax = 0.0, pMax = 0.0
        var lo = (x: Double.infinity, y: Double.infinity, z: Double.infinity)
        var hi = (x: -Double.infinity, y: -Double.infinity, z: -Double.infinity)

        mutating func add(_ f: Frame) {
            phiLo = min(phiLo, f.phi)
            phiHi = max(phiHi, f.phi)
            lambdaLo = min(lambdaLo, f.lambda)
            lambdaHi = max(lambdaHi, f.lambda)
            mMax = max(mMax, f.m)
            pMax = max(pMax, f.p)
            if phiLo < 0 && phiHi > 0 { pMax = Geodesy.wgs84SemiMajorAxis }
            lo = (min(lo.x, f.x), min(lo.y, f.y), min(lo.z, f.z))
            hi = (max(hi.x, f.x), max(hi.y, f.y), max(hi.z, f.z))
        }
    }

    static let e2: Double = {
        let f = Geodesy.wgs84Flattening
        return f * (2 - f)
    }()
    /// The largest radius of curvature of WGS84 (M and N at the poles), m per radian.
    static let largestRadius = Geodesy.wgs84SemiMajorAxis / (1 - e2).squareRoot()
    /// Pairs whose bounds fall within this of the distance are measured exactly.
    static let margin = 1e-3

    /// Cell side in degrees.
    let side: Double
    private let originX: Double, originY: Double
    private let columns: Int, rows: Int
    /// The input indices of the points in cell order, and the points in that order.
    let order: [Int]
    let coordinates: [Coordinate]
    let frames: [Frame]
    let weights: [Double]
    /// Cell keys (row × columns + column), ascending; the points of cell k
    /// are `cellStart[k]..<cellStart[k + 1]` in cell order.
    let cellKeys: [Int]
    let cellStart: [Int]
    let cellBoxes: [CellBox]
    /// Sum of each cell's weights, compensated (see `WeightSum`).
    let cellWeights: [WeightSum]

    /// Bins `points` (finite lon/lat) in cells whose side is `cellMeters`
    /// or less along every meridian and parallel.
    init(points: [Coordinate], weights: [Double], cellMeters: Double) {
        precondition(points.count == weights.count)
        precondition(cellMeters > 0)
        side = min(cellMeters / Self.largestRadius * 180 / .pi, 360)
        originX = points.map(\.x).min() ?? 0
        originY = points.map(\.y).min() ?? 0
        let maxX = points.map(\.x).max() ?? 0, maxY = points.map(\.y).max() ?? 0
        columns = Int(((maxX - originX) / side).rounded(.down)) + 1
        rows = Int(((maxY - originY) / side).rounded(.down)) + 1
        let (ox, oy, s, w) = (originX, originY, side, columns)
        let keys = points.map { Int((($0.y - oy) / s).rounded(.down)) * w + Int((($0.x - ox) / s).rounded(.down)) }
        order = points.indices.sorted { keys[$0] != keys[$1] ? keys[$0] < keys[$1] : $0 < $1 }
        coordinates = order.map { points[$0] }
        frames = coordinates.map(Frame.init)
        self.weights = order.map { weights[$0] }
        var cellKeys: [Int] = [], cellStart: [Int] = [], boxes: [CellBox] = [], sums: [WeightSum] = []
        for (k, i) in order.enumerated() {
            if cellKeys.last != keys[i] {
                cellKeys.append(keys[i])
                cellStart.append(k)
                boxes.append(CellBox())
                sums.append(WeightSum())
            }
            boxes[boxes.count - 1].add(frames[k])
            sums[sums.count - 1].add(self.weights[k])
        }
        cellStart.append(order.count)
        self.cellKeys = cellKeys
        self.cellStart = cellStart
        cellBoxes = boxes
        cellWeights = sums
    }

    var cellCount: Int { cellKeys.count }

    func points(inCell k: Int) -> Range<Int> { cellStart[k]..<cellStart[k + 1] }

    /// The cells that may hold a point of `envelope` (degrees), ascending.
    func forEachCell(in envelope: Envelope, _ body: (Int) -> Void) {
        guard !cellKeys.isEmpty else { return }
        let y0 = max(0, Int(((envelope.minY - originY) / side).rounded(.down)))
        let y1 = min(rows - 1, Int(((envelope.maxY - originY) / side).rounded(.down)))
        let x0 = max(0, Int(((envelope.minX - originX) / side).rounded(.down)))
        let x1 = min(columns - 1, Int(((envelope.maxX - originX) / side).rounded(.down)))
        guard y0 <= y1, x0 <= x1 else { return }
        for row in y0...y1 {
            let first = row * columns + x0, last = row * columns + x1
            var k = lowerBound(first)
            while k < cellKeys.count && cellKeys[k] <= last {
                body(k)
                k += 1
            }
        }
    }

    private func lowerBound(_ key: Int) -> Int {
        var lo = 0, hi = cellKeys.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if cellKeys[mid] < key { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// The box, in degrees, of cell k's points.
    func envelope(ofCell k: Int) -> Envelope {
        let b = cellBoxes[k]
        return Envelope(minX: b.lambdaLo * 180 / .pi, minY: b.phiLo * 180 / .pi, maxX: b.lambdaHi * 180 / .pi, maxY: b.phiHi * 180 / .pi)
    }

    // MARK: Bounds

    /// The radius decides: 1 surely within, -1 surely beyond, 0 measure.
    struct Limits {
        let meters: Double
        let inner2: Double, outer2: Double

        init(_ meters: Double) {
            self.meters = meters
            let inner = max(0, meters - GeodesicGrid.margin), outer = meters + GeodesicGrid.margin
            inner2 = inner * inner
            outer2 = outer * outer
        }
    }

    @inline(__always) static func shortLongitude(_ d: Double) -> Double {
        let a = abs(d)
        return a > .pi ? 2 * .pi - a : a
    }

    @inline(__always) static func upper2(dPhi: Double, dLambda: Double, m: Double, p: Double) -> Double {
        let u = m * dPhi, v = p * dLambda
        return u * u + v * v
    }

    /// Whether `other` is within the distance of `centre`, as
    /// `Geodesy.distanceMeters(centre, other)` would say.
    @inline(__always) static func within(_ limits: Limits, centre: Coordinate, _ a: Frame, other: Coordinate, _ b: Frame) -> Bool {
        let p = (a.phi < 0) != (b.phi < 0) ? Geodesy.wgs84SemiMajorAxis : max(a.p, b.p)
        if upper2(dPhi: a.phi - b.phi, dLambda: shortLongitude(a.lambda - b.lambda), m: max(a.m, b.m), p: p) <= limits.inner2 { return true }
        let dx = a.x - b.x, dy = a.y - b.y, dz = a.z - b.z
        if dx * dx + dy * dy + dz * dz > limits.outer2 { return false }
        return Geodesy.distanceMeters(centre, other) <= limits.meters
    }

    /// 1 when every point of cell k is surely within the distance of `f`,
    /// -1 when none is, 0 when each must be looked at.
    func decide(_ limits: Limits, _ f: Frame, cell k: Int) -> Int {
        let b = cellBoxes[k]
        let dPhi = max(abs(f.phi - b.phiLo), abs(f.phi - b.phiHi))
        let dLambda = max(abs(f.lambda - b.lambdaLo), abs(f.lambda - b.lambdaHi))
        let crosses = min(f.phi, b.phiLo) < 0 && max(f.phi, b.phiHi) > 0
        let p = crosses ? Geodesy.wgs84SemiMajorAxis : max(f.p, b.pMax)
        if Self.upper2(dPhi: dPhi, dLambda: dLambda, m: max(f.m, b.mMax), p: p) <= limits.inner2 { return 1 }
        let dx = max(0, b.lo.x - f.x, f.x - b.hi.x), dy = max(0, b.lo.y - f.y, f.y - b.hi.y), dz = max(0, b.lo.z - f.z, f.z - b.hi.z)
        if dx * dx + dy * dy + dz * dz > limits.outer2 { return -1 }
        return 0
    }

    /// The same for every pair of a point of cell j and a point of cell k.
    func decide(_ limits: Limits, cell j: Int, cell k: Int) -> Int {
        let a = cellBoxes[j], b = cellBoxes[k]
        let dPhi = max(a.phiHi - b.phiLo, b.phiHi - a.phiLo)
        let dLambda = max(a.lambdaHi - b.lambdaLo, b.lambdaHi - a.lambdaLo)
        let crosses = min(a.phiLo, b.phiLo) < 0 && max(a.phiHi, b.phiHi) > 0
        let p = crosses ? Geodesy.wgs84SemiMajorAxis : max(a.pMax, b.pMax)
        if Self.upper2(dPhi: dPhi, dLambda: dLambda, m: max(a.mMax, b.mMax), p: p) <= limits.inner2 { return 1 }
        let dx = max(0, b.lo.x - a.hi.x, a.lo.x - b.hi.x), dy = max(0, b.lo.y - a.hi.y, a.lo.y - b.hi.y)
        let dz = max(0, b.lo.z - a.hi.z, a.lo.z - b.hi.z)
        if dx * dx + dy * dy + dz * dz > limits.outer2 { return -1 }
        return 0
    }

    /// The widest a cell can be: an upper bound on the distance between two
    /// of its points.
    func diameterBound(cell k: Int) -> Double {
        let b = cellBoxes[k]
        let p = b.phiLo < 0 && b.phiHi > 0 ? Geodesy.wgs84SemiMajorAxis : b.pMax
        return Self.upper2(dPhi: b.phiHi - b.phiLo, dLambda: b.lambdaHi - b.lambdaLo, m: b.mMax, p: p).squareRoot()
    }

    // MARK: Searches

    /// The weight of the points within `meters` of `centre` (a point with
    /// frame `f`), each point measured from the centre: cells surely inside
    /// count whole.
    func weightWithin(_ limits: Limits, of centre: Coordinate, frame f: Frame) -> WeightSum {
        var sum = WeightSum()
        forEachCell(in: GeodesicSearch.envelope(around: Envelope(centre), meters: limits.meters)) { k in
            switch decide(limits, f, cell: k) {
            case 1: sum.add(cellWeights[k])
            case -1: break
            default:
                for i in points(inCell: k) where Self.within(limits, centre: centre, f, other: coordinates[i], frames[i]) {
                    sum.add(weights[i])
                }
            }
        }
        return sum
    }

    /// Whether some point of cell k has `target` within the distance, each
    /// measured from the cell's point.
    func reaches(_ limits: Limits, cell k: Int, target: Coordinate, frame f: Frame) -> Bool {
        switch decide(limits, f, cell: k) {
        case 1: return true
        case -1: return false
        default:
            return points(inCell: k).contains { Self.within(limits, centre: coordinates[$0], frames[$0], other: target, f) }
        }
    }

    /// Whether some point of cell j and some point of cell k are within the
    /// distance of each other (measured from the point of cell j).
    func linked(_ limits: Limits, cell j: Int, cell k: Int) -> Bool {
        switch decide(limits, cell: j, cell: k) {
        case 1: return true
        case -1: return false
        default:
            for i in points(inCell: j) where decide(limits, frames[i], cell: k) != -1 {
                if reaches(limits, cell: k, target: coordinates[i], frame: frames[i]) { return true }
            }
            return false
        }
    }
}

/// A sum of weights carried as two doubles (Neumaier's compensation), so
/// that it is the exact sum rounded once, whatever the order of the terms:
/// a neighbourhood's weight does not depend on how it was gathered.
struct WeightSum: Sendable {
    private var high = 0.0, low = 0.0

    mutating func add(_ x: Double) {
        let s = high + x
        low += abs(high) >= abs(x) ? (high - s) + x : (x - s) + high
        high = s
    }

    mutating func add(_ other: WeightSum) {
        add(other.high)
        add(other.low)
    }

    var value: Double { high + low }
}
