import Foundation

/// How much each kept incident weighs in the demand (`--incident-weight`).
public enum IncidentWeighting: Sendable, Equatable, CustomStringConvertible {
    /// Each event its row's `weight` (1 when the file gives none): the default.
    case events
    /// Each event its fatalities (ACLED `fatalities`, UCDP `best`); an
    /// event with no death, or none reported, weighs 0.
    case fatalities
    /// Each event the weight of its type times its row's weight; a type
    /// not listed weighs 1. Pairs in the order given.
    case byType([TypeWeight])

    public struct TypeWeight: Sendable, Equatable {
        public var type: String
        public var weight: Double
        public init(type: String, weight: Double) {
            self.type = type
            self.weight = weight
        }
    }

    /// Reads `events`, `fatalities` or `TYPE=W,TYPE=W` (types as in the
    /// file, e.g. `Battles=3,Violence against civilians=2`).
    public static func parse(_ text: String) throws(IncidentWeightingError) -> IncidentWeighting {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        switch trimmed.lowercased() {
        case "events", "event", "": return .events
        case "fatalities", "deaths", "best": return .fatalities
        default: break
        }
        var pairs: [TypeWeight] = []
        for part in trimmed.split(separator: ",") {
            let sides = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard sides.count == 2, !sides[0].isEmpty, let w = Double(sides[1]), w.isFinite, w >= 0 else {
                throw IncidentWeightingError(text: text, part: String(part))
            }
            pairs.append(TypeWeight(type: sides[0], weight: w))
        }
        guard !pairs.isEmpty else { throw IncidentWeightingError(text: text, part: trimmed) }
        return .byType(pairs)
    }

    /// The weight of a kept incident.
    func weight(of incident: Incident) -> Double {
        switch self {
        case .events:
            return incident.weight
        case .fatalities:
            return Double(incident.fatalities ?? 0)
        case .byType(let pairs):
            let key = IncidentSelection.typeKey(incident.type)
            let w = pairs.first { IncidentSelection.typeKey($0.type) == key }?.weight ?? 1
            return w * incident.weight
        }
    }

    /// `events`, `fatalities`, or `Battles=3,Riots=0.5`: the form `parse` reads.
    public var description: String {
        switch self {
        case .events: "events"
        case .fatalities: "fatalities"
        case .byType(let pairs): pairs.map { "\($0.type)=\($0.weight == $0.weight.rounded() && abs($0.weight) < 1e15 ? String(Int($0.weight)) : String($0.weight))" }.joined(separator: ",")
        }
    }
}

extension IncidentWeighting {
    /// The weighting in words: events, fatalities (événements, morts) or the pairs as given.
    public func words(_ language: ReportLanguage) -> String {
        guard language == .french else { return description }
        switch self {
        case .events: return "événements"
        case .fatalities: return "morts"
        case .byType: return description
        }
    }
}

/// An `--incident-weight` value gapmap cannot read.
public struct IncidentWeightingError: Error, CustomStringConvertible {
    public var text: String
    public var part: String

    public var description: String {
        "--incident-weight '\(text)' is not events, fatalities or TYPE=W pairs ('\(part)' is not TYPE=W with W a number ≥ 0); "
            + "for example --incident-weight fatalities or --incident-weight 'Battles=3,Violence against civilians=2'"
    }
}
