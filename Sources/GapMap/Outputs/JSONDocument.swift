import Foundation

/// The one JSON encoder of the documents gapmap prints (`--json`) and
/// records (a run's summary): keys sorted, slashes plain. JSON has no NaN
/// or infinity; a number that is not finite is refused with the path of
/// the value in the document, never printed as `null` or a Foundation
/// `EncodingError`. Inputs are bounded at the row, so it is a defect.
public enum JSONDocument {
    public static func encode<T: Encodable>(_ value: T, pretty: Bool = true) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .throw
        do {
            return try encoder.encode(value)
        } catch EncodingError.invalidValue(let bad, let context) {
            throw GapMapError(field: path(context.codingPath),
                              message: "the JSON document would hold \(bad) (not a finite number), which JSON cannot; nothing was printed",
                              fix: "This is a defect of gapmap: please report it with the command and its input files")
        }
    }

    /// `regions[3].needs_covered`.
    static func path(_ keys: [any CodingKey]) -> String {
        var text = ""
        for key in keys {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += (text.isEmpty ? "" : ".") + key.stringValue
            }
        }
        return text.isEmpty ? "(the document)" : text
    }
}
