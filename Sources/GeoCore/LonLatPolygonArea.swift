import Foundation

/// The area on the WGS84 ellipsoid of a ring whose edges are straight lines
/// in longitude/latitude (RFC 7946 §3.1.1, and the plane GEOS computes in).
///
/// Why these edges and not geodesics: an overlay inserts vertices on the
/// edges it crosses. On a straight lon/lat edge the new vertex lies on the
/// edge, so the pieces of a polygon add up to the polygon. A geodesic through
/// the new vertex is another curve than the geodesic it replaces, and on the
/// long edges of desert communes the pieces then differ from the whole by
/// tenths of a percent.
///
/// How: with S(φ) the ellipsoid's area between the equator and latitude φ per
/// radian of longitude (closed form), Green's theorem gives a ring's area as
/// −∮ S(φ) dλ. Along an edge, φ is linear in λ, so the edge's term is
/// Δλ · (the mean of S over the edge's latitude interval), computed by
/// Gauss–Legendre quadrature. S is analytic (its nearest singularities are
/// where e·sin φ = ±1, about 3.2 radians off the real axis), so a few nodes
/// reach double precision: the order grows with the edge's latitude span
/// (2 nodes up to 0.002°, 4 up to 5°, 8 up to 30°, 16 beyond), each step
/// chosen where the quadrature error of the mean is below 1e-16 of
/// a²·|Δφ| (checked against 40-digit quadrature with mpmath).
///
/// Edges that cross the antimeridian are taken as drawn, the long way round
/// in longitude: rings must be cut at ±180° (as RFC 7946 asks) to be
/// measured as the small area they enclose.
enum LonLatPolygonArea {
    static let semiMajorAxis = Geodesy.wgs84SemiMajorAxis
    static let flattening = Geodesy.wgs84Flattening
    static let e2 = flattening * (2 - flattening)
    static let e = e2.squareRoot()
    static let halfBSquared: Double = {
        let b = semiMajorAxis * (1 - flattening)
        return b * b / 2
    }()
    static let radiansPerDegree = Double.pi / 180

    /// S(φ) for x = sin φ: the ellipsoid's area between the equator and the
    /// latitude, per radian of longitude, in m² (signed, negative south).
    @inline(__always)
    static func zoneArea(sinLatitude x: Double) -> Double {
        halfBSquared * (x / (1 - e2 * x * x) + atanh(e * x) / e)
    }

    /// The positive half of the Gauss–Legendre nodes on [−1, 1] and their
    /// weights, for 2, 4, 8 and 16 nodes (mpmath, 20 digits).
    static let nodes2: [(Double, Double)] = [(0.57735026918962576451, 1.0)]
    static let nodes4: [(Double, Double)] = [
        (0.86113631159405257522, 0.34785484513745385737), (0.33998104358485626480, 0.65214515486254614263),
    ]
    static let nodes8: [(Double, Double)] = [
        (0.96028985649753623168, 0.10122853629037625915), (0.79666647741362673959, 0.22238103445337447054),
        (0.52553240991632898582, 0.31370664587788728734), (0.18343464249564980494, 0.36268378337836198297),
    ]
    static let nodes16: [(Double, Double)] = [
        (0.98940093499164993260, 0.027152459411754094852), (0.94457502307323257608, 0.062253523938647892863),
        (0.86563120238783174388, 0.09515851168249278481), (0.75540440835500303390, 0.12462897125553387205),
        (0.61787624440264374845, 0.14959598881657673208), (0.45801677765722738634, 0.16915651939500253819),
        (0.28160355077925891323, 0.18260341504492358887), (0.095012509837637440185, 0.18945061045506849629),
    ]

    /// The mean of S over latitudes φ1…φ2 (radians).
    @inline(__always)
    static func meanZoneArea(_ φ1: Double, _ φ2: Double) -> Double {
        let halfSpan = (φ2 - φ1) / 2, middle = (φ1 + φ2) / 2
        let span = abs(φ2 - φ1)
        if span == 0 { return zoneArea(sinLatitude: sin(φ1)) }
        let nodes = span <= 3.5e-5 ? nodes2 : span <= 0.0873 ? nodes4 : span <= 0.524 ? nodes8 : nodes16
        var sum = 0.0
        for (x, w) in nodes {
            let d = halfSpan * x
            sum += w * (zoneArea(sinLatitude: sin(middle + d)) + zoneArea(sinLatitude: sin(middle - d)))
        }
        return sum / 2
    }

    /// The signed area in m² (positive when the ring turns counter-clockwise
    /// in longitude/latitude) of a closed or open ring of lon/lat degrees.
    static func signedRingArea(_ ring: [Coordinate]) -> Double {
        let n = ring.count
        guard n >= 3 else { return 0 }
        // Measuring S from the ring's first latitude keeps each edge's term of
        // the order of the ring's own area (∮ const dλ = 0 on a closed ring).
        let reference = zoneArea(sinLatitude: sin(ring[0].y * radiansPerDegree))
        var sum = CompensatedSum()
        ring.withUnsafeBufferPointer { r in
            var previous = r[n - 1]  // an open ring closes on its first vertex; a closed one adds a null edge
            for k in 0..<n {
                let current = r[k]
                let dλ = (current.x - previous.x) * radiansPerDegree
                if dλ != 0 {
                    let mean = meanZoneArea(previous.y * radiansPerDegree, current.y * radiansPerDegree)
                    sum.add(dλ * (mean - reference))
                }
                previous = current
            }
        }
        return -sum.value
    }
}

/// Neumaier's compensated sum: the rounding of each addition is kept and
/// added back at the end.
struct CompensatedSum {
    private var sum = 0.0
    private var compensation = 0.0

    mutating func add(_ x: Double) {
        let t = sum + x
        if abs(sum) >= abs(x) {
            compensation += (sum - t) + x
        } else {
            compensation += (x - t) + sum
        }
        sum = t
    }

    var value: Double { sum + compensation }
}
