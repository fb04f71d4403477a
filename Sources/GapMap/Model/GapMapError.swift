/// An error a planner can act on: what went wrong, where (file, line,
/// field), and how to fix it.
public struct GapMapError: Error, CustomStringConvertible, Sendable {
    public var file: String?
    public var line: Int?
    public var field: String?
    public var message: String
    public var fix: String?

    public init(file: String? = nil, line: Int? = nil, field: String? = nil, message: String, fix: String? = nil) {
        self.file = file
        self.line = line
        self.field = field
        self.message = message
        self.fix = fix
    }

    public var description: String {
        var place = ""
        if let file { place = file }
        if let line { place += place.isEmpty ? "line \(line)" : ":\(line)" }
        if let field { place += place.isEmpty ? "field '\(field)'" : ", field '\(field)'" }
        var text = place.isEmpty ? message : "\(place): \(message)"
        if let fix { text += (text.hasSuffix(".") || text.hasSuffix("?") ? " " : ". ") + fix }
        return text
    }
}
