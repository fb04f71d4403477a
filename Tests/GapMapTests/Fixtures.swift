import Foundation
import GeoCore
import GeoFormats
@testable import GapMap

/// Builders of small in-memory layers, so each test states its data.
enum Fixture {
    static func box(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double) -> Geometry {
        .polygon(Polygon(exterior: [
            Coordinate(x: x0, y: y0), Coordinate(x: x1, y: y0), Coordinate(x: x1, y: y1), Coordinate(x: x0, y: y1), Coordinate(x: x0, y: y0),
        ]))
    }

    static func collection(_ name: String, _ rows: [(Geometry?, [(String, String)])], columns: [String]? = nil) -> FeatureCollection {
        let features = rows.enumerated().map { i, row in
            Feature(geometry: row.0, properties: Properties(row.1.map { ($0.0, JSONValue.string($0.1)) }),
                    location: SourceLocation(file: name, line: i + 2))
        }
        var cols: [String] = columns ?? []
        if columns == nil {
            for row in rows { for (name, _) in row.1 where !cols.contains(name) { cols.append(name) } }
        }
        return FeatureCollection(features: features, source: FeatureSource(path: name, format: .csv, columns: cols))
    }

    static func regions(_ list: [(String, String, Geometry)], population: [Double]? = nil) -> FeatureCollection {
        collection("regions.geojson", list.enumerated().map { i, r in
            var props = [("id", r.0), ("name", r.1)]
            if let population { props.append(("population", String(population[i]))) }
            return (r.2, props)
        })
    }

    static func point(_ lon: Double, _ lat: Double) -> Geometry { .point(Coordinate(lon: lon, lat: lat)) }

    /// Runs the whole analysis on in-memory layers.
    static func analyze(regions: FeatureCollection, initiatives: FeatureCollection? = nil, needs: FeatureCollection? = nil,
                        incidents: FeatureCollection? = nil, settlements: FeatureCollection? = nil,
                        parameters: AnalysisParameters = AnalysisParameters()) throws -> CoverageReport {
        let builder = LayerBuilder(engine: try GeometryEngine())
        let (r, fields) = try builder.regions(from: regions)
        let catalog = RegionCatalog(regions: r.items)
        var input = AnalysisInput(regions: r, regionFields: fields)
        input.initiatives = initiatives.map { builder.initiatives(from: $0, regions: r.items, catalog: catalog) }
        input.needs = needs.map { builder.needs(from: $0, regions: r.items, catalog: catalog) }
        input.incidents = incidents.map { builder.incidents(from: $0, regions: r.items, catalog: catalog) }
        input.settlements = settlements.map { builder.settlements(from: $0, regions: r.items, catalog: catalog) }
        return try CoverageAnalysis(parameters: parameters).run(input)
    }

    /// The OCHA COD-AB boundaries of Mali (regions, cercles, communes) in the
    /// project's geodata/mali-cod-2015, so that a fresh clone tests on them.
    static var sharedGeodata: String? {
        let path = projectRoot + "/geodata/mali-cod-2015"
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }

    static var projectRoot: String {
        var dir = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { dir.deleteLastPathComponent() }
        return dir.path
    }
}
