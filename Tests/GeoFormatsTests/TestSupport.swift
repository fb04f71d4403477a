import Foundation
import GeoCore
import GeoFormats

/// The path of a file in `Tests/GeoFormatsTests/Fixtures`.
func fixturePath(_ name: String) throws -> String {
    let url = URL(fileURLWithPath: name)
    guard
        let found = Bundle.module.url(
            forResource: url.deletingPathExtension().lastPathComponent, withExtension: url.pathExtension,
            subdirectory: "Fixtures")
    else {
        throw FixtureMissing(name: name)
    }
    return found.path
}

struct FixtureMissing: Error {
    var name: String
}


func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

func readJSON(_ text: String, path: String = "test.geojson") throws(FormatError) -> FeatureCollection {
    try GeoJSONReader.read(bytes: bytes(text), path: path)
}

/// The error a GeoJSON text throws, or nil when it reads.
func geoJSONError(_ input: [UInt8], path: String = "test.geojson") -> FormatError? {
    do {
        _ = try GeoJSONReader.read(bytes: input, path: path)
        return nil
    } catch {
        return error
    }
}

func csvError(_ input: [UInt8], path: String = "test.csv", options: CSVOptions = .init()) -> FormatError? {
    do {
        let table = try CSVReader.parse(bytes: input, path: path, options: options)
        _ = try CSVFeatureReader.features(from: table, options: options)
        return nil
    } catch {
        return error
    }
}

func readCSV(_ input: [UInt8], path: String = "test.csv", options: CSVOptions = .init()) throws(FormatError)
    -> FeatureCollection
{
    let table = try CSVReader.parse(bytes: input, path: path, options: options)
    return try CSVFeatureReader.features(from: table, options: options)
}

func c(_ x: Double, _ y: Double) -> Coordinate { Coordinate(x: x, y: y) }

