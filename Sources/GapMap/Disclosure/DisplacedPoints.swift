import Foundation
import GeoCore
import GeoFormats

/// The needs and incidents of a shareable run displaced by the geomask
/// (`--share-displace`, `Geomask`): one point per row with coordinates, in
/// row order, with only its unit and its category (needs) or type
/// (incidents). A sink of the analysis pipeline, fed by `DemandTally`.
public final class DisplacedPoints: AnalysisSink {
    /// A published point: its displaced position (nil when it could not be
    /// kept in its unit), its unit and its category or type.
    public struct Point: Sendable {
        public var coordinate: Coordinate?
        public var region: Int?
        public var category: String
    }

    public private(set) var needs: [Point] = []
    public private(set) var incidents: [Point] = []
    /// Draws past the first (points drawn again because they left their unit).
    public private(set) var redraws = 0
    /// Points displaced as urban (at most 2 km) and as rural.
    public private(set) var urban = 0, rural = 0
    /// The towns that make a point urban, those near the regions (nil: every point rural).
    public private(set) var urbanPlaces: UrbanPlaces?
    private let urbanPlacesPath: String?
    private var cursor: PolygonLocator.Cursor?
    private var random = SystemRandomNumberGenerator()

    /// `urbanPlacesPath`: geodata/urban/cities15000.csv (`UrbanPlaces`); nil: every point is rural.
    public init(urbanPlacesPath: String? = nil) {
        self.urbanPlacesPath = urbanPlacesPath
    }

    public func coverageBuilt(_ setup: CoverageSetup) throws {
        cursor = setup.regionLocator.cursor()
        if let urbanPlacesPath {
            let envelopes = setup.regions.compactMap(\.geometry.envelope)
            let places = try UrbanPlaces(path: urbanPlacesPath)
            urbanPlaces = envelopes.first.map { first in places.near(envelopes.reduce(first) { $0.union($1) }) } ?? places
        }
    }

    public func demand(_ chunk: DemandChunk, outcomes: [DemandOutcome], setup: CoverageSetup) throws {
        guard let cursor else { return }
        func point(_ placement: Placement, _ o: DemandOutcome, _ category: String) throws -> Point? {
            guard case .point(let c) = placement else { return nil }
            let isUrban = urbanPlaces?.isUrban(c) ?? false
            if isUrban { urban += 1 } else { rural += 1 }
            let moved = try Geomask.displace(c, urban: isUrban, region: o.regionIndex, locator: cursor, random: &random)
            redraws += (moved?.draws ?? Geomask.maximumDraws) - 1
            return Point(coordinate: moved?.point, region: o.regionIndex, category: category)
        }
        switch chunk {
        case .needs(let items):
            for (need, o) in zip(items, outcomes) { if let p = try point(need.placement, o, need.category) { needs.append(p) } }
        case .incidents(let items):
            for (incident, o) in zip(items, outcomes) { if let p = try point(incident.placement, o, incident.type) { incidents.append(p) } }
        }
    }

    /// What a shareable run publishes of them.
    public var published: SharedDisplacement {
        SharedDisplacement(needs: needs, incidents: incidents, redraws: redraws, urban: urban, rural: rural,
                           urbanTowns: urbanPlaces?.places.count, urbanSource: urbanPlaces?.path)
    }
}

/// The displaced points of a shareable run (`DisplacedPoints`), written as
/// needs_displaced and incidents_displaced.
public struct SharedDisplacement: Sendable {
    public let needs: [DisplacedPoints.Point]
    public let incidents: [DisplacedPoints.Point]
    public let redraws: Int
    /// Points displaced as urban and as rural; the towns near the regions and their file (nil: every point rural).
    public let urban: Int, rural: Int
    public let urbanTowns: Int?, urbanSource: String?

    public static let needsFile = "needs_displaced", incidentsFile = "incidents_displaced"
    /// The collection member that says how the points were moved.
    public static let member = "gapmap_displacement"

    /// Points that could not be kept in their unit (written without coordinates).
    public var heldBack: Int { (needs + incidents).filter { $0.coordinate == nil }.count }

    /// How a point is found urban, in one sentence.
    public static let urbanRule = "urban: within √(population / (π × 1,500)) km of a GeoNames town of 15,000 people or more "
        + "(geodata/urban/cities15000.csv, CC BY 4.0; 1,500 people per km² is the Degree of Urbanisation's urban-centre density); rural: elsewhere"

    public static var description: JSONValue {
        .object(JSONObject([
            ("minimum_km", .number(Geomask.minimumMeters / 1000)), ("maximum_km", .number(Geomask.maximumMeters / 1000)),
            ("far_maximum_km", .number(Geomask.farMaximumMeters / 1000)), ("far_share", .number(Geomask.farShare)),
            ("urban_maximum_km", .number(Geomask.urbanMaximumMeters / 1000)),
            ("urban", .string(Self.urbanRule)), ("kept_in_unit", .bool(true)),
            ("seed", .string("none: the operating system's random generator; nothing to write")),
        ]))
    }

    func features(needs isNeeds: Bool, report: CoverageReport) -> [Feature] {
        (isNeeds ? needs : incidents).map { p in
            Feature(geometry: p.coordinate.map { .point($0) }, properties: Properties([
                (MetricCatalogue.regionIDKey, p.region.map { .string(report.regions[$0].id) } ?? .null),
                (isNeeds ? "category" : "type", .string(p.category)),
            ]))
        }
    }

    func write(needs isNeeds: Bool, report: CoverageReport, release: ReleaseMark, toFolder folder: String) throws -> String {
        let path = (folder as NSString).appendingPathComponent((isNeeds ? Self.needsFile : Self.incidentsFile) + ".geojson")
        var file = try GeoJSONWriter(path: path, members: ReportOutput.collectionMembers(report.isExampleData, release: release)
                                         + [(Self.member, Self.description)])
        for feature in features(needs: isNeeds, report: report) { try file.write(feature) }
        try file.finish()
        return path
    }

    func geoPackageLayer(needs isNeeds: Bool, report: CoverageReport, release: ReleaseMark,
                         language: ReportLanguage = .english) -> GeoPackageLayer {
        let fr = language == .french
        func km(_ meters: Double) -> String {
            let text = NumberText.plain(meters / 1000)
            return fr ? text.replacingOccurrences(of: ".", with: ",") : text
        }
        let (least, urban, rural, far) = (km(Geomask.minimumMeters), km(Geomask.urbanMaximumMeters), km(Geomask.maximumMeters), km(Geomask.farMaximumMeters))
        let description = fr
            ? "Les \(isNeeds ? "besoins" : "incidents") déplacés au hasard de \(least) à \(urban) km (en ville) ou \(rural) km (en zone rurale ; "
                + "1 % jusqu'à \(far) km) dans leur unité, sans graine ; sans géométrie là où l'unité est trop étroite"
            : "The \(isNeeds ? "needs" : "incidents") displaced at random \(least) to \(urban) km (urban) or \(rural) km (rural; 1 % up to "
                + "\(far) km) within their unit, no seed; no geometry where the unit is too narrow"
        return GeoPackageLayer(
            name: isNeeds ? Self.needsFile : Self.incidentsFile, geometryType: .point,
            fields: [GeoPackageField(MetricCatalogue.regionIDKey, .text), GeoPackageField(isNeeds ? "category" : "type", .text)],
            description: description)
            .marked(report.isExampleData, release: release, language: language)
    }
}
