import Foundation

/// Finds a region from a reference written in a spreadsheet: its id
/// (P-code), or its name or an alternate name (OCHA `admin1RefN`,
/// `admin1AltN`) in any case and with or without accents, then without the
/// generic words of OCHA's names (`RegionNames.core`: "Mopti" finds "Mopti
/// Commune"). A reference to a coarser unit (a region P-code on communes, a
/// cercle's name) finds the unit: the regions whose P-code or enclosing-region
/// fields it names.
///
/// Where a name repeats (Mali has four communes called Diédougou), the names
/// of enclosing regions given in the same row (`admin1`, `cercle`) pick the
/// one whose ancestors they name. Never guesses: an unknown or still
/// ambiguous name is an error that lists the closest candidates.
public struct RegionCatalog: Sendable {
    private let ids: [String: Int]
    private let names: [String: [Int]]
    /// Names and alternate names without their generic words.
    private let cores: [String: [Int]]
    /// Per level (nil: unknown), the regions under each enclosing-region value (folded and core).
    private let units: [Int?: [String: [Int]]]
    /// The regions' folded ids, for P-code prefixes.
    private let foldedIDs: [String]
    private let regionNames: [String]
    private let regionIDs: [String]
    private let displayNames: [(folded: String, label: String, region: Int)]
    /// Folded names and ids of each region's enclosing regions.
    private let ancestorKeys: [Set<String>]
    private let labels: [String]
    /// The regions' administrative level, when they all share a known one.
    public let level: Int?
    /// The enclosing levels and the words that name them ("cercle", "region",
    /// "région" folded), for a reference that says its level.
    private let levelWords: [(level: Int, words: [String])]
    public let count: Int
    /// Accepts any reference without checking it (for `validate` without
    /// regions): `resolve` answers `.found(0)`.
    let acceptsAnything: Bool

    public init(regions: [Region]) {
        var ids: [String: Int] = [:]
        var names: [String: [Int]] = [:]
        var display: [(String, String, Int)] = []
        var ancestorKeys: [Set<String>] = []
        var labels: [String] = []
        var cores: [String: [Int]] = [:]
        var units: [Int?: [String: [Int]]] = [:]
        for (i, r) in regions.enumerated() {
            let key = Self.fold(r.id)
            if ids[key] == nil { ids[key] = i }
            for name in [r.name] + r.alternateNames where !name.isEmpty {
                let folded = Self.fold(name)
                if names[folded]?.contains(i) != true { names[folded, default: []].append(i) }
                let core = RegionNames.core(name)
                if cores[core]?.contains(i) != true { cores[core, default: []].append(i) }
                display.append((folded, "\(name) (\(r.id))", i))
            }
            for (k, value) in r.ancestors.enumerated() {
                let level = k < r.ancestorLevels.count ? r.ancestorLevels[k] : nil
                for key in Set([Self.fold(value), RegionNames.core(value)]) where !key.isEmpty {
                    if units[level, default: [:]][key]?.last != i { units[level, default: [:]][key, default: []].append(i) }
                }
            }
            ancestorKeys.append(Set(r.ancestors.map(Self.fold)))
            let ancestry = Self.distinctAncestorNames(r)
            labels.append(ancestry.isEmpty ? "\(r.name) (\(r.id))" : "\(r.name) (\(r.id), in \(ancestry.joined(separator: ", ")))")
        }
        self.ids = ids
        self.names = names
        self.cores = cores
        self.units = units
        self.foldedIDs = regions.map { Self.fold($0.id) }
        self.regionNames = regions.map(\.name)
        self.regionIDs = regions.map(\.id)
        self.displayNames = display
        self.ancestorKeys = ancestorKeys
        self.labels = labels
        let levels = Set(regions.map(\.level))
        let level = levels.count == 1 ? levels.first! : nil
        self.level = level
        let country = regions.first?.id
        self.levelWords = units.keys.compactMap { $0 }.filter { $0 != level }.sorted().map { k in
            let names = UnitNames.of(level: k, pcode: country).singular
            return (k, Array(Set([names.english, names.french].map(Self.fold))))
        }
        self.count = regions.count
        self.acceptsAnything = false
    }

    private init(acceptingAnything: Void) {
        ids = [:]
        names = [:]
        cores = [:]
        units = [:]
        foldedIDs = []
        regionNames = []
        regionIDs = []
        displayNames = []
        ancestorKeys = []
        labels = []
        level = nil
        levelWords = []
        count = 0
        acceptsAnything = true
    }

    /// A catalog that takes every reference as found, for checking a layer
    /// without its regions.
    static let unchecked = RegionCatalog(acceptingAnything: ())

    public enum Resolution: Sendable, Equatable {
        case found(Int)
        /// A unit coarser than the regions: the reference names no region
        /// but the regions in it (by P-code prefix or enclosing-region field).
        case unit(RegionUnit)
        case notFound(closest: [String])
        case ambiguous(candidates: [Int])
    }

    /// The region a reference names: an id (any case), else a name or
    /// alternate name, folded. `parents` are names or ids of enclosing regions
    /// the row also gives; they settle a name shared by several regions when
    /// exactly one of those has the most of them among its ancestors.
    public func resolve(_ reference: String, parents: [String] = []) -> Resolution {
        if acceptsAnything { return .found(0) }
        let folded = Self.fold(reference)
        if let i = ids[folded] { return .found(i) }
        if let matches = names[folded] { return pick(matches, parents: parents) }
        // "Cercle de Bandiagara" on communes: the cercle, not the commune its bare name matches.
        if let unit = statedLevelUnit(reference, folded: folded) { return .unit(unit) }
        let core = RegionNames.core(reference)
        if let matches = cores[core] { return pick(matches, parents: parents) }
        if let unit = unit(reference, level: nil) { return .unit(unit) }
        // No region name is this long: a broken cell, not a misspelling.
        guard folded.unicodeScalars.count <= 200 else { return .notFound(closest: []) }
        return .notFound(closest: closest(to: folded, parents: parents, limit: 3))
    }

    /// One of several regions of the same name: the one whose ancestors the
    /// row's `parents` name most, when exactly one does.
    private func pick(_ matches: [Int], parents: [String]) -> Resolution {
        if matches.count == 1 { return .found(matches[0]) }
        let wanted = Set(parents.flatMap { [Self.fold($0), RegionNames.core($0)] }.filter { !$0.isEmpty })
        guard !wanted.isEmpty else { return .ambiguous(candidates: matches) }
        let scores = matches.map { ancestorKeys[$0].intersection(wanted).count }
        let best = scores.max() ?? 0
        let winners = zip(matches, scores).filter { $0.1 == best }.map(\.0)
        if best > 0, winners.count == 1 { return .found(winners[0]) }
        return .ambiguous(candidates: best > 0 ? winners : matches)
    }

    /// The enclosing unit a reference names when it says its level ("Cercle
    /// de Bandiagara", "Région de Mopti", "Segou cercle") and a unit of that
    /// level and name encloses regions: that unit. Nil when it says no level
    /// above the regions'.
    private func statedLevelUnit(_ reference: String, folded: String) -> RegionUnit? {
        guard !levelWords.isEmpty else { return nil }
        let spaced = folded.replacingOccurrences(of: "-", with: " ").replacingOccurrences(of: "_", with: " ")
        let core = RegionNames.core(reference)
        guard !core.isEmpty, core != spaced else { return nil }
        for (k, words) in levelWords where words.contains(where: { spaced.hasPrefix($0 + " ") || spaced.hasSuffix(" " + $0) }) {
            if let members = units[k]?[core], !members.isEmpty { return RegionUnit(reference: reference, level: k, members: members) }
        }
        return nil
    }

    /// The coarser unit a reference names: the regions whose enclosing-region
    /// field at `level` (any level when nil: the finest that has it) holds
    /// it, or whose P-code it begins (the P-code hierarchy: ML04 ⊃ ML0401 ⊃
    /// ML040101). Nil when it names no unit above the regions.
    public func unit(_ reference: String, level: Int?) -> RegionUnit? {
        let folded = Self.fold(reference), core = RegionNames.core(reference)
        let levels = level.map { [$0] } ?? units.keys.compactMap { $0 }.sorted(by: >)
        for k in levels + (level == nil ? [nil] : []) {
            guard let byKey = units[k] else { continue }
            if let members = byKey[folded] ?? byKey[core], !members.isEmpty {
                return RegionUnit(reference: reference, level: k, members: members)
            }
        }
        if RegionNames.looksLikePCode(reference) {
            let members = foldedIDs.indices.filter { foldedIDs[$0].count > folded.count && foldedIDs[$0].hasPrefix(folded) }
            if !members.isEmpty, members.allSatisfy({ RegionNames.looksLikePCode(regionIDs[$0]) }) {
                return RegionUnit(reference: reference, level: level, members: members)
            }
        }
        return nil
    }

    /// How a found reference matched, when not exactly (for rejected.csv
    /// and validate): nil when it is the region's id or name up to case,
    /// accents and spaces (`fold`).
    public func howMatched(_ reference: String, region r: Int) -> String? {
        guard r < regionIDs.count else { return nil }
        let target = "'\(regionNames[r])' (\(regionIDs[r]))"
        let folded = Self.fold(reference)
        if folded == foldedIDs[r] || folded == Self.fold(regionNames[r]) { return nil }
        if names[folded]?.contains(r) == true { return "'\(reference)' matched an alternate name of \(target)" }
        return "'\(reference)' matched \(target) without the generic words (Commune, Cercle de, Région de...), case and accents"
    }

    /// What a row credited to a coarser unit is told, the units named by
    /// their level: "'ML04' names a region above the communes; credited to
    /// it as a whole, not to one of its 119 communes (…)".
    /// An initiative naming such a unit (`programme`) is a programme present
    /// in each of its units, not a weight shared among them.
    public func describe(_ unit: RegionUnit, programme: Bool = false) -> String {
        let country = regionIDs.first
        let above = unit.level.map { UnitNames.of(level: $0, pcode: country).singular.english } ?? "unit"
        let article = above.first.map { "aeiou".contains($0) } == true ? "an" : "a"
        let units = UnitNames.of(level: level, pcode: country).plural.english
        if programme {
            return "'\(unit.reference)' names \(article) \(above) above the \(units); credited to it as a whole: a programme present in each of its \(unit.members.count) \(units)"
        }
        return "'\(unit.reference)' names \(article) \(above) above the \(units); credited to it as a whole, not to one of its \(unit.members.count) \(units) (its weight is shared among them by area)"
    }

    public func resolve(_ reference: String, regions: [Region]) -> Resolution {
        resolve(reference)
    }

    /// A sentence explaining a failed resolution, for rejected.csv.
    public func explain(_ resolution: Resolution, reference: String) -> String {
        let reference = reference.count > 80 ? String(reference.prefix(80)) + "…" : reference
        switch resolution {
        case .found: return ""
        case .unit(let unit): return describe(unit)
        case .notFound(let closest):
            let hint = closest.isEmpty ? "" : "; closest: \(closest.joined(separator: "; "))"
            return "'\(reference)' matches no region id or name\(hint)"
        case .ambiguous(let candidates):
            let list = candidates.prefix(6).map { labels[$0] }.joined(separator: "; ")
            let more = candidates.count > 6 ? "; and \(candidates.count - 6) more" : ""
            return "'\(reference)' names several regions: \(list)\(more); use the id, or give the enclosing region (admin1, admin2) in the row"
        }
    }

    public func explain(_ resolution: Resolution, reference: String, regions: [Region]) -> String {
        explain(resolution, reference: reference)
    }

    /// The closest names by edit distance; among equals, those whose
    /// ancestors the row names come first.
    private func closest(to folded: String, parents: [String], limit: Int) -> [String] {
        let wanted = Set(parents.map(Self.fold))
        var scored: [(distance: Int, outsideParents: Bool, label: String)] = []
        var seen = Set<String>()
        for (name, label, region) in displayNames where !seen.contains(label) {
            seen.insert(label)
            let inParents = !wanted.isEmpty && !ancestorKeys[region].isDisjoint(with: wanted)
            scored.append((Self.editDistance(folded, name), !inParents, label))
        }
        return scored.sorted {
            ($0.distance, $0.outsideParents ? 1 : 0, $0.label) < ($1.distance, $1.outsideParents ? 1 : 0, $1.label)
        }.prefix(limit).map(\.label)
    }

    /// The enclosing regions' names for display, without their P-codes (any
    /// value holding a digit).
    private static func distinctAncestorNames(_ r: Region) -> [String] {
        var seen = Set<String>()
        var out: [String] = []
        for a in r.ancestors where !a.isEmpty && !a.contains(where: \.isNumber) {
            let f = fold(a)
            if seen.insert(f).inserted { out.append(a) }
        }
        return out
    }

    /// Lower case, accents removed, inner whitespace collapsed:
    /// "Ségou" = "SEGOU" = " segou ".
    public static func fold(_ s: String) -> String {
        if let folded = foldASCII(s) { return folded }
        let stripped = s.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: Locale(identifier: "en_US_POSIX"))
        return stripped.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// `fold` of an ASCII string, without Foundation's Unicode folding
    /// (about 50 times faster; the same result, as ASCII has no diacritics
    /// or wide forms): lower case, runs of whitespace as one space, none at
    /// either end. Nil when `s` is not all ASCII.
    static func foldASCII(_ s: String) -> String? {
        var s = s
        s.makeContiguousUTF8()
        return s.utf8.withContiguousStorageIfAvailable { bytes -> String? in
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count)
            var pendingSpace = false
            for b in bytes {
                guard b < 0x80 else { return nil }
                if b == 0x20 || (0x09...0x0D).contains(b) {
                    pendingSpace = !out.isEmpty
                    continue
                }
                if pendingSpace {
                    out.append(0x20)
                    pendingSpace = false
                }
                out.append((0x41...0x5A).contains(b) ? b | 0x20 : b)
            }
            return String(decoding: out, as: UTF8.self)
        } ?? nil
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
