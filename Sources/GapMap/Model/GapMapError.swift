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

    /// In English; `sentence(_:)` gives it in the run's language.
    public var description: String { sentence(.english) }
}
