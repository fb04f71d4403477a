import GeoCore

/// Writes a GeoJSON FeatureCollection (RFC 7946) to a file, one feature at a
/// time, without holding the document in memory.
///
/// The file is written as `path.partial` and renamed to `path` by `finish()`;
/// until then (or if anything fails) no file appears under `path`, and a
/// writer dropped without `finish()` removes its partial file.
///
/// Output follows RFC 7946: no `crs` member; exterior rings counter-clockwise
/// and holes clockwise; coordinates in the shortest text that reads back as
/// the same Double, never in exponent notation; properties in their order;
/// non-finite property numbers as `null`. One feature per line.
public struct GeoJSONWriter {
    public let path: String
    private let output: AtomicFileOutput
    private var scratch: [UInt8] = []
    private var featureCount = 0
    private var finished = false

    public init(path: String) throws(FormatError) {
        self.path = path
        output = try AtomicFileOutput(path: path)
        try output.write(#"{"type":"FeatureCollection","features":["#)
    }

    /// The number of features written so far.
    public var count: Int { featureCount }

    public mutating func write(_ feature: Feature) throws(FormatError) {
        try write(geometry: feature.geometry, properties: feature.properties, id: feature.id)
    }

    public mutating func write(geometry: Geometry?, properties: Properties, id: JSONValue? = nil) throws(FormatError) {
        guard !finished else {
            throw FormatError(path: path, message: "cannot add a feature: the file was already finished")
        }
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: (featureCount == 0 ? "\n" : ",\n").utf8)
        guard GeoJSONEncoding.appendFeature(geometry: geometry, properties: properties, id: id, to: &scratch) else {
            throw FormatError(
                path: path, field: "geometry",
                message: "feature \(featureCount) has a coordinate that is not a finite number; JSON cannot hold NaN or infinity")
        }
        try output.write(scratch)
        featureCount += 1
    }

    /// Closes the collection and moves the file into place.
    public mutating func finish() throws(FormatError) {
        guard !finished else { return }
        try output.write("\n]}\n")
        try output.commit()
        finished = true
    }

    /// Writes `features` to `path` as one FeatureCollection.
    public static func write(_ features: [Feature], to path: String) throws(FormatError) {
        var writer = try GeoJSONWriter(path: path)
        for feature in features { try writer.write(feature) }
        try writer.finish()
    }

    /// The FeatureCollection as text, in the same form as the file writer.
    /// A geometry with a non-finite coordinate is written as `null`.
    public static func encode(_ features: [Feature]) -> String {
        var out: [UInt8] = []
        out.append(contentsOf: #"{"type":"FeatureCollection","features":["#.utf8)
        for (i, feature) in features.enumerated() {
            out.append(contentsOf: (i == 0 ? "\n" : ",\n").utf8)
            if !GeoJSONEncoding.appendFeature(
                geometry: feature.geometry, properties: feature.properties, id: feature.id, to: &out)
            {
                _ = GeoJSONEncoding.appendFeature(geometry: nil, properties: feature.properties, id: feature.id, to: &out)
            }
        }
        out.append(contentsOf: "\n]}\n".utf8)
        return String(decoding: out, as: UTF8.self)
    }
}
