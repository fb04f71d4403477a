/// Programmes as presence (DESIGN.md semantics 1): an initiative that names
/// a region instead of giving coordinates has no footprint; it is present
/// in the units it names and in every unit below them, and each unit counts
/// the programmes present in it once each.
public struct ProgrammePresence: Sendable {
    /// Per region, the indices (into the initiatives) of the programmes
    /// present in it, ascending.
    public let programmesIn: [[Int]]

    /// Whether `initiative` is a programme counted as presence in this run:
    /// a region reference, unless the run counts programmes as coverage.
    public static func isProgramme(_ initiative: Initiative, _ parameters: AnalysisParameters) -> Bool {
        switch initiative.placement {
        case .region, .unit: return !parameters.programmesAsCoverage
        case .point, .area: return false
        }
    }

    /// The units a programme names: today one region index per reference;
    /// a reference resolved to several units (a coarser P-code on finer
    /// units) gives them all. Nil for an initiative with a location.
    public static func namedUnits(_ initiative: Initiative) -> [Int]? {
        switch initiative.placement {
        case .region(let r): return [r]
        case .unit(let unit): return unit.members
        case .point, .area: return nil
        }
    }

    /// The units a programme is present in: the units it names and, in a
    /// layer that holds several levels, every unit whose parent chain
    /// (`parentID`) leads to one of them.
    public static func presence(of named: [Int], regions: [Region], children: [String: [Int]]) -> Set<Int> {
        var present = Set<Int>()
        var stack = named
        while let r = stack.popLast() {
            guard present.insert(r).inserted else { continue }
            stack += children[regions[r].id] ?? []
        }
        return present
    }

    /// The programmes in the run (status, semantics 2) present in each region.
    public init(initiatives: [Initiative], inRun: [Bool], regions: [Region]) {
        var children: [String: [Int]] = [:]
        for (r, region) in regions.enumerated() {
            if let parent = region.parentID, !parent.isEmpty, parent != region.id { children[parent, default: []].append(r) }
        }
        var programmesIn = [[Int]](repeating: [], count: regions.count)
        for (i, initiative) in initiatives.enumerated() where inRun[i] {
            guard let named = Self.namedUnits(initiative) else { continue }
            for r in Self.presence(of: named, regions: regions, children: children).sorted() { programmesIn[r].append(i) }
        }
        self.programmesIn = programmesIn
    }

    /// The number of programmes present in region `r`.
    public func count(in r: Int) -> Int { programmesIn[r].count }

    /// The number of distinct programmes present in at least one of `units`
    /// (a parent of a roll-up: a programme present in several of its
    /// children counts once).
    public func count(inAnyOf units: [Int]) -> Int {
        Set(units.flatMap { programmesIn[$0] }).count
    }
}
