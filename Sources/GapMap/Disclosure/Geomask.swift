import Foundation
import GeoCore

/// The displacement a shareable run applies to each need and incident with
/// coordinates (`--share-displace`), after the DHS programme's geomask: a
/// random direction (uniform over 0–360°) and a random distance (uniform
/// between `minimumMeters` and the maximum), measured on the WGS84
/// ellipsoid (PROJ's geod_direct). As DHS does, the maximum is 2 km for an
/// urban point, 5 km for a rural one, and 10 km for one rural point in a
/// hundred drawn at random. A point is urban when it lies within a town's
/// urban radius (`UrbanPlaces`: GeoNames towns of 15,000 people or more, the
/// disc their population fills at 1,500 people per km²), rural otherwise.
/// The minimum, 1 km, is what DHS leaves out (a DHS point may move 0 m):
/// no published point is within 1 km of its own input point.
/// A displaced point stays in its own unit (the first region that covers it,
/// semantics 4; a point in no region stays in none): a draw that leaves it
/// is drawn again, up to `maximumDraws` times, and a point that cannot be
/// kept in its unit (a unit narrower than the minimum) is written without
/// coordinates. The unit figures are computed from the true points, before
/// any displacement, so they are the restricted run's.
/// The random numbers come from the operating system's generator
/// (`SystemRandomNumberGenerator`): there is no seed, so none can be
/// written or leaked, and two runs give different points.
public enum Geomask {
    public static let minimumMeters = 1_000.0
    public static let urbanMaximumMeters = 2_000.0
    public static let maximumMeters = 5_000.0
    public static let farMaximumMeters = 10_000.0
    /// The share of rural points whose maximum is `farMaximumMeters`.
    public static let farShare = 0.01
    public static let maximumDraws = 1_000

    /// One displaced point, or nil when no draw stays in `region` (nil: in no region).
    static func displace(_ c: Coordinate, urban: Bool, region: Int?, locator: PolygonLocator.Cursor,
                         random: inout some RandomNumberGenerator) throws -> (point: Coordinate, draws: Int)? {
        let maximum = urban ? urbanMaximumMeters : Double.random(in: 0..<1, using: &random) < farShare ? farMaximumMeters : maximumMeters
        for draw in 1...maximumDraws {
            let azimuth = Double.random(in: 0..<360, using: &random)
            let distance = Double.random(in: minimumMeters...maximum, using: &random)
            let moved = Geodesy.destination(from: c, azimuthDegrees: azimuth, distanceMeters: distance)
            guard InputBounds.coordinateProblem(moved) == nil else { continue }
            if try locator.firstCovering(moved) == region { return (moved, draw) }
        }
        return nil
    }
}
