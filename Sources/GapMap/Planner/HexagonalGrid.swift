import Foundation
import GeoCore

/// A hexagonal lattice of points with a spacing in metres, laid out with
/// geodesic offsets (never a step in degrees):
/// - rows are `spacing × √3/2` apart, measured along the central meridian of
///   the area (a geodesic), so every row is a parallel of latitude;
/// - along each row, neighbours are exactly `spacing` apart (geodesic
///   distance between two points of the parallel, solved per row), counted
///   outwards from the central meridian; every other row is shifted by half
///   a step.
/// Each point stands for the same area, spacing² × √3/2 (as in the
/// sinusoidal projection, which is equal-area); neighbours in adjacent rows
/// are within about 2 % of `spacing` over a country the size of Mali (the
/// shear away from the central meridian).
public enum HexagonalGrid {
    /// The lattice points inside `envelope`, row by row from the south.
    public static func points(covering envelope: Envelope, spacingMeters spacing: Double) -> [Coordinate] {
        precondition(spacing > 0)
        let centralLongitude = (envelope.minX + envelope.maxX) / 2
        var rows: [Double] = []
        var latitude = envelope.minY
        while latitude <= envelope.maxY {
            rows.append(latitude)
            let next = Geodesy.destination(from: Coordinate(lon: centralLongitude, lat: latitude), azimuthDegrees: 0,
                                           distanceMeters: spacing * 3.0.squareRoot() / 2).y
            guard next > latitude else { break }  // the pole
            latitude = next
        }
        var points: [Coordinate] = []
        for (r, lat) in rows.enumerated() {
            guard let step = longitudeStep(latitude: lat, meters: spacing) else { continue }
            let shift = r % 2 == 0 ? 0.0 : 0.5
            let west = Int(((envelope.minX - centralLongitude) / step - shift).rounded(.down))
            let east = Int(((envelope.maxX - centralLongitude) / step - shift).rounded(.up))
            for j in west...east {
                let lon = centralLongitude + (Double(j) + shift) * step
                if lon >= envelope.minX && lon <= envelope.maxX { points.append(Coordinate(lon: lon, lat: lat)) }
            }
        }
        return points
    }

    /// The number of points `points(covering:spacingMeters:)` would return,
    /// roughly (for refusing grids too large before building them).
    public static func estimatedCount(covering envelope: Envelope, spacingMeters spacing: Double) -> Double {
        let lat = (envelope.minY + envelope.maxY) / 2
        let height = Geodesy.distanceMeters(Coordinate(lon: envelope.minX, lat: envelope.minY), Coordinate(lon: envelope.minX, lat: envelope.maxY))
        let step = longitudeStep(latitude: lat, meters: spacing) ?? 1
        return (height / (spacing * 3.0.squareRoot() / 2) + 1) * (envelope.width / step + 1)
    }

    /// The longitude difference Δλ for which the geodesic distance between
    /// (0, φ) and (Δλ, φ) is `meters`, by bisection on PROJ's geod_inverse;
    /// nil where no such step exists (at a pole, or more than half a parallel).
    static func longitudeStep(latitude: Double, meters: Double) -> Double? {
        func distance(_ dLon: Double) -> Double {
            Geodesy.distanceMeters(Coordinate(lon: 0, lat: latitude), Coordinate(lon: dLon, lat: latitude))
        }
        var low = 0.0, high = 1.0
        while distance(high) < meters {
            high *= 2
            if high > 180 { return nil }
        }
        for _ in 0..<80 {
            let mid = (low + high) / 2
            if distance(mid) < meters { low = mid } else { high = mid }
        }
        return (low + high) / 2
    }
}
