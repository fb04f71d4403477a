import Foundation

/// Finds a region from a reference written in a spreadsheet: its id
/// (P-code), or its name in any case and with or without accents.
/// Never guesses: an unknown or ambiguous name is an error that lists the
/// closest candidates.
public struct RegionCatalog: Sendable {
    private let ids: [String: Int]
    private let names: [String: [Int]]
    private let displayNames: [(folded: String, label: String)]

    public init(regions: [Region]) {
        var ids: [String: Int] = [:]
        var names: [String: [Int]] = [:]
        var display: [(String, String)] = []
        for (i, r) in regions.enumerated() {
            let key = Self.fold(r.id)
            if ids[key] == nil { ids[key] = i }
            for name in [r.name] + r.alternateNames where !name.isEmpty {
                let folded = Self.fold(name)
                if names[folded]?.contains(i) != true { names[folded, default: []].append(i) }
                display.append((folded, "\(name) (\(r.id))"))
            }
        }
        self.ids = ids
        self.names = names
        self.displayNames = display
    }

    public enum Resolution: Sendable, Equatable {
        case found(Int)
        case notFound(closest: [String])
        case ambiguous(candidates: [Int])
    }

    public func resolve(_ reference: String, regions: [Region]) -> Resolution {
        let folded = Self.fold(reference)
        if let i = ids[folded] { return .found(i) }
        if let matches = names[folded] {
            return matches.count == 1 ? .found(matches[0]) : .ambiguous(candidates: matches)
        }
        return .notFound(closest: closest(to: folded, limit: 3))
    }

    /// A sentence explaining a failed resolution, for rejected.csv.
    public func explain(_ resolution: Resolution, reference: String, regions: [Region]) -> String {
        switch resolution {
        case .found: return ""
        case .notFound(let closest):
            let hint = closest.isEmpty ? "" : "; closest: \(closest.joined(separator: ", "))"
            return "'\(reference)' matches no region id or name\(hint)"
        case .ambiguous(let candidates):
            let list = candidates.map { "\(regions[$0].name) (\(regions[$0].id))" }.joined(separator: ", ")
            return "'\(reference)' names several regions: \(list); use the id instead"
        }
    }

    private func closest(to folded: String, limit: Int) -> [String] {
        var scored: [(Int, String)] = []
        var seen = Set<String>()
        for (name, label) in displayNames where !seen.contains(label) {
            seen.insert(label)
            scored.append((Self.editDistance(folded, name), label))
        }
        return scored.sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }.prefix(limit).map(\.1)
    }

    /// Lower case, accents removed, inner whitespace collapsed:
    /// "Ségou" = "SEGOU" = " segou ".
    public static func fold(_ s: String) -> String {
        let stripped = s.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: Locale(identifier: "en_US_POSIX"))
        return stripped.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
