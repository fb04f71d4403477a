/// Where a point lies relative to an areal geometry.
enum AreaLocation: Sendable, Equatable {
    case exterior, boundary, interior
}

/// Point-in-polygon for many polygons at once, in Swift, answering exactly
/// as GEOS 3.11's prepared `covers` does for a point.
///
/// GEOS locates a point in a polygonal geometry with a ray-crossing count
/// over every ring segment whose y-range holds the point
/// (`IndexedPointInAreaLocator`, `RayCrossingCounter::countSegment`), the
/// orientation of point and segment decided by a floating-point filter and,
/// when that cannot decide, by double-double arithmetic
/// (`CGAlgorithmsDD::orientationIndex`). This type does the same steps, in
/// the same operation order, so it gives the same answer bit for bit,
/// including for points on vertices and edges; without creating a GEOS
/// point per query, it is several times faster. Segments are bucketed by y
/// per polygon, so a query visits only the segments near the point's
/// latitude.
///
/// Immutable and `Sendable`: built once, queried from any number of threads.
struct PointInAreaIndex: Sendable {
    /// Ring vertices of every polygon, x and y interleaved; a segment is
    /// vertex k → k+1, named by k.
    private let vertices: [Double]
    /// Per geometry: its y-buckets.
    private let buckets: [Buckets]
    /// Bucket b of all geometries: `bucketSegments[bucketStarts[b] ..< bucketStarts[b + 1]]`.
    private let bucketStarts: [UInt32]
    private let bucketSegments: [UInt32]

    private struct Buckets: Sendable {
        var minY: Double
        var maxY: Double
        /// Buckets per unit of y.
        var scale: Double
        var first: Int
        var count: Int
    }

    /// Whether GEOS treats the geometry as a prepared polygon (Polygon or
    /// MultiPolygon), which is what this index reproduces.
    static func supports(_ geometry: Geometry) -> Bool {
        switch geometry {
        case .polygon, .multiPolygon: true
        default: false
        }
    }

    /// `geometries` must each be `supports`-ed; others get no segment and
    /// are never located (callers test them with GEOS).
    init(_ geometries: [Geometry]) {
        var vertices: [Double] = []
        var buckets: [Buckets] = []
        var counts: [UInt32] = []  // per bucket, then turned into starts
        buckets.reserveCapacity(geometries.count)
        // 1. Vertices, and the y-range of each geometry's segments.
        var segmentStarts: [UInt32] = []
        var geometrySegments: [Range<Int>] = []
        for geometry in geometries {
            let firstSegment = segmentStarts.count
            var minY = Double.infinity, maxY = -Double.infinity
            if Self.supports(geometry) {
                for polygon in geometry.polygons {
                    for ring in [polygon.exterior] + polygon.holes where !ring.isEmpty {
                        // GEOS closes rings the same way (`Ring.closed`).
                        let closed = Ring.closed(ring)
                        let base = vertices.count / 2
                        for c in closed {
                            vertices.append(c.x)
                            vertices.append(c.y)
                            minY = min(minY, c.y)
                            maxY = max(maxY, c.y)
                        }
                        for k in 0..<(closed.count - 1) { segmentStarts.append(UInt32(base + k)) }
                    }
                }
            }
            geometrySegments.append(firstSegment..<segmentStarts.count)
            let segmentCount = segmentStarts.count - firstSegment
            // About two segments a bucket; one bucket for a flat or empty geometry.
            let count = segmentCount == 0 || !(maxY > minY) ? 1 : max(1, segmentCount / 2)
            let scale = segmentCount == 0 || !(maxY > minY) ? 0 : Double(count) / (maxY - minY)
            buckets.append(Buckets(minY: minY, maxY: maxY, scale: scale, first: counts.count, count: count))
            counts.append(contentsOf: repeatElement(0, count: count))
        }
        // 2. Count, then fill, the segments of each bucket (CSR layout).
        func bucketRange(_ b: Buckets, _ y0: Double, _ y1: Double) -> ClosedRange<Int> {
            Self.bucket(b, y0)...Self.bucket(b, y1)
        }
        for (g, range) in geometrySegments.enumerated() {
            let b = buckets[g]
            for s in range {
                let k = Int(segmentStarts[s])
                let y0 = vertices[2 * k + 1], y1 = vertices[2 * k + 3]
                for i in bucketRange(b, min(y0, y1), max(y0, y1)) { counts[b.first + i] += 1 }
            }
        }
        var starts = [UInt32](repeating: 0, count: counts.count + 1)
        for i in counts.indices { starts[i + 1] = starts[i] + counts[i] }
        var fill = Array(starts.dropLast())
        var segments = [UInt32](repeating: 0, count: Int(starts.last ?? 0))
        for (g, range) in geometrySegments.enumerated() {
            let b = buckets[g]
            for s in range {
                let k = segmentStarts[s]
                let y0 = vertices[2 * Int(k) + 1], y1 = vertices[2 * Int(k) + 3]
                for i in bucketRange(b, min(y0, y1), max(y0, y1)) {
                    segments[Int(fill[b.first + i])] = k
                    fill[b.first + i] += 1
                }
            }
        }
        self.vertices = vertices
        self.buckets = buckets
        self.bucketStarts = starts
        self.bucketSegments = segments
    }

    /// The bucket of latitude `y`: monotone in `y`, so a segment whose
    /// y-range holds `y` is always in `y`'s bucket.
    @inline(__always)
    private static func bucket(_ b: Buckets, _ y: Double) -> Int {
        let i = ((y - b.minY) * b.scale).rounded(.down)
        return i <= 0 ? 0 : (i >= Double(b.count - 1) ? b.count - 1 : Int(i))
    }

    var count: Int { buckets.count }

    /// Where `point` lies relative to geometry `g` (its interior, boundary or
    /// exterior), as GEOS's `IndexedPointInAreaLocator` says.
    func locate(_ point: Coordinate, in g: Int) -> AreaLocation {
        let b = buckets[g]
        let px = point.x, py = point.y
        guard py >= b.minY, py <= b.maxY else { return .exterior }
        let bucket = b.first + Self.bucket(b, py)
        return vertices.withUnsafeBufferPointer { v in
            bucketSegments.withUnsafeBufferPointer { segments in
                var crossings = 0
                for s in Int(bucketStarts[bucket])..<Int(bucketStarts[bucket + 1]) {
                    let k = 2 * Int(segments[s])
                    if RayCrossing.countSegment(v[k], v[k + 1], v[k + 2], v[k + 3], px, py, crossings: &crossings) {
                        return .boundary
                    }
                }
                return crossings % 2 == 1 ? .interior : .exterior
            }
        }
    }

    /// True when geometry `g` covers the point (interior or boundary).
    @inline(__always)
    func covers(_ g: Int, _ point: Coordinate) -> Bool {
        locate(point, in: g) != .exterior
    }
}

/// GEOS's ray-crossing test of one segment (`RayCrossingCounter`).
enum RayCrossing {
    /// Counts a crossing of the horizontal ray from (px, py) towards +x by
    /// the segment (p1, p2) into `crossings`; returns true when the point is
    /// on the segment.
    @inline(__always)
    static func countSegment(_ p1x: Double, _ p1y: Double, _ p2x: Double, _ p2y: Double,
                             _ px: Double, _ py: Double, crossings: inout Int) -> Bool {
        // Strictly to the left of the point: cannot cross the ray.
        if p1x < px && p2x < px { return false }
        // The point is the segment's end vertex.
        if px == p2x && py == p2y { return true }
        // Horizontal segments only matter when the point is on them.
        if p1y == py && p2y == py {
            let minX = p1x > p2x ? p2x : p1x
            let maxX = p1x > p2x ? p1x : p2x
            return px >= minX && px <= maxX
        }
        // An upward segment includes its start and excludes its end; a
        // downward one the reverse, so shared vertices count once.
        if (p1y > py && p2y <= py) || (p2y > py && p1y <= py) {
            var sign = Orientation.index(p1x, p1y, p2x, p2y, px, py)
            if sign == 0 { return true }
            if p2y < p1y { sign = -sign }
            if sign > 0 { crossings += 1 }
        }
        return false
    }
}

/// The orientation of a point to a segment, as GEOS computes it
/// (`CGAlgorithmsDD::orientationIndex`): 1 left, -1 right, 0 collinear.
enum Orientation {
    @inline(__always)
    static func index(_ p1x: Double, _ p1y: Double, _ p2x: Double, _ p2y: Double, _ qx: Double, _ qy: Double) -> Int {
        if let decided = filter(p1x, p1y, p2x, p2y, qx, qy) { return decided }
        var dx1 = DoubleDouble(p2x)
        dx1.add(-p1x, 0)
        var dy1 = DoubleDouble(p2y)
        dy1.add(-p1y, 0)
        var dx2 = DoubleDouble(qx)
        dx2.add(-p2x, 0)
        var dy2 = DoubleDouble(qy)
        dy2.add(-p2y, 0)
        var left = dx1
        left.multiply(dy2.hi, dy2.lo)
        var right = dy1
        right.multiply(dx2.hi, dx2.lo)
        var det = left
        det.add(-1 * right.hi, -1 * right.lo)
        if det.hi < 0 || (det.hi == 0 && det.lo < 0) { return -1 }
        if det.hi > 0 || (det.hi == 0 && det.lo > 0) { return 1 }
        return 0
    }

    /// Shewchuk's filter as GEOS has it: the sign when plain doubles are
    /// safe, nil when extended precision must decide.
    @inline(__always)
    static func filter(_ pax: Double, _ pay: Double, _ pbx: Double, _ pby: Double, _ pcx: Double, _ pcy: Double) -> Int? {
        let detLeft = (pax - pcx) * (pby - pcy)
        let detRight = (pay - pcy) * (pbx - pcx)
        let det = detLeft - detRight
        let detSum: Double
        if detLeft > 0 {
            if detRight <= 0 { return sign(det) }
            detSum = detLeft + detRight
        } else if detLeft < 0 {
            if detRight >= 0 { return sign(det) }
            detSum = -detLeft - detRight
        } else {
            return sign(det)
        }
        let errorBound = 1e-15 * detSum
        if det >= errorBound || -det >= errorBound { return sign(det) }
        return nil
    }

    @inline(__always)
    static func sign(_ x: Double) -> Int { x < 0 ? -1 : (x > 0 ? 1 : 0) }
}

/// GEOS's double-double number (`geos::math::DD`), only the operations the
/// orientation test uses, each written as GEOS writes it.
struct DoubleDouble {
    var hi: Double
    var lo: Double

    /// 2^27 + 1, Dekker's splitter.
    static let split = 134_217_729.0

    @inline(__always)
    init(_ x: Double) {
        hi = x
        lo = 0
    }

    /// `DD::selfAdd(yhi, ylo)`.
    @inline(__always)
    mutating func add(_ yhi: Double, _ ylo: Double) {
        var H: Double, h: Double, T: Double, t: Double, S: Double, s: Double, e: Double, f: Double
        S = hi + yhi
        T = lo + ylo
        e = S - hi
        f = T - lo
        s = S - e
        t = T - f
        s = (yhi - e) + (hi - s)
        t = (ylo - f) + (lo - t)
        e = s + T
        H = S + e
        h = e + (S - H)
        e = t + h
        let zhi = H + e
        let zlo = e + (H - zhi)
        hi = zhi
        lo = zlo
    }

    /// `DD::selfMultiply(yhi, ylo)`.
    @inline(__always)
    mutating func multiply(_ yhi: Double, _ ylo: Double) {
        var hx: Double, tx: Double, hy: Double, ty: Double, C: Double, c: Double
        C = Self.split * hi
        hx = C - hi
        c = Self.split * yhi
        hx = C - hx
        tx = hi - hx
        hy = c - yhi
        C = hi * yhi
        hy = c - hy
        ty = yhi - hy
        c = ((((hx * hy - C) + hx * ty) + tx * hy) + tx * ty) + (hi * ylo + lo * yhi)
        let zhi = C + c
        hx = C - zhi
        let zlo = c + hx
        hi = zhi
        lo = zlo
    }
}
