/// A file that could not be read or written. Its description names the file,
/// the line and column when known, and says what is wrong and, where possible,
/// how to fix it: `regions.geojson:12:5: expected ',' or '}' after a value in
/// an object`.
public struct FormatError: Error, Hashable, Sendable, CustomStringConvertible {
    public var path: String
    /// 1-based.
    public var line: Int?
    /// 1-based, in characters.
    public var column: Int?
    /// The column or member concerned, when there is one.
    public var field: String?
    public var message: String

    public init(path: String, line: Int? = nil, column: Int? = nil, field: String? = nil, message: String) {
        self.path = path
        self.line = line
        self.column = column
        self.field = field
        self.message = message
    }

    public var description: String {
        var place = path
        if let line {
            place += ":\(line)"
            if let column { place += ":\(column)" }
        }
        return "\(place): \(message)"
    }
}

extension FormatError {
    /// A number that is not finite on its way into an output: JSON,
    /// GeoPackage and our CSV have no NaN or infinity, and a `null` or
    /// `inf` in their place would be read as a value. Inputs are bounded at
    /// the row, so this is a defect of gapmap, said as one.
    public static func nonFinite(path: String, record: String, field: String, value: Double) -> FormatError {
        FormatError(path: path, field: field,
                    message: "\(record): '\(field)' would be \(value) (not a finite number), which no output can hold; nothing was written. "
                        + "This is a defect of gapmap: please report it with the command and its input files")
    }
}
