/// An error from the geometry or geodesy layer. Each names the C function that
/// failed and carries the library's own message.
public struct GeoCoreError: Error, CustomStringConvertible, Sendable, Equatable {
    public enum Library: String, Sendable { case geos = "GEOS", proj = "PROJ", geoCore = "GeoCore" }

    public let library: Library
    /// The C function (or GeoCore operation) that failed.
    public let function: String
    /// The library's own message, or GeoCore's explanation.
    public let message: String

    public init(library: Library, function: String, message: String) {
        self.library = library
        self.function = function
        self.message = message
    }

    public var description: String {
        "\(library.rawValue) \(function) failed: \(message.isEmpty ? "no message" : message)"
    }
}
