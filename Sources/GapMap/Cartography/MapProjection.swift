import Foundation
import GeoCore

/// The projection a map is drawn in: Lambert azimuthal equal-area centred on
/// the data, so shaded areas compare fairly and scale is true at the centre.
public struct MapProjection: Sendable {
    public let center: Coordinate
    public var definition: String {
        "+proj=laea +lat_0=\(center.y) +lon_0=\(center.x) +datum=WGS84 +units=m +no_defs"
    }

    public func description(_ language: ReportLanguage) -> String {
        let where_ = String(format: "%.2f°%@, %.2f°%@", abs(center.y), center.y >= 0 ? "N" : "S", abs(center.x), center.x >= 0 ? "E" : "W")
        return language == .french ? "azimutale équivalente de Lambert centrée sur \(where_)"
            : "Lambert azimuthal equal-area centred at \(where_)"
    }

    public init(centeredOn extent: Envelope) {
        // Rounded so the same data always gives the same map.
        center = Coordinate(x: (extent.center.x * 100).rounded() / 100, y: (extent.center.y * 100).rounded() / 100)
    }

    /// A projector for one thread (PROJ objects are not shared across threads).
    public func projector() throws -> Projector {
        Projector(reprojector: try Reprojector(sourceCRS: "EPSG:4326", targetCRS: definition))
    }

    /// Projects lon/lat to metres on the map plane.
    public final class Projector {
        let reprojector: Reprojector

        init(reprojector: Reprojector) {
            self.reprojector = reprojector
        }

        public func project(_ c: Coordinate) throws -> Coordinate { try reprojector.transform(c) }
        public func project(_ g: Geometry) throws -> Geometry { try reprojector.transform(g) }
    }
}
