/// Small-cell suppression over a set of published figures bound by sums
/// (a row of a table adds up to its total, a unit's covered and uncovered
/// needs to its needs): every cell counting 1 to k−1 contributors is
/// withheld (primary), then more cells are withheld (complementary) until
/// no sum keeps a single withheld term, no withheld cell is squeezed to
/// one value by the bounds a reader knows (a withheld cell is never zero:
/// `SuppressionAudit`), and no withheld cell is determined by all the sums
/// solved at once (`LinearAudit`).
/// Each complementary cell is the smallest nonzero published term of a sum
/// that gave one away (for a pinned cell, of its tightest sum). Protected cells (the national totals) are never withheld.
public struct CellSuppression: Sendable {
    public struct Cell: Sendable, Equatable {
        public var value: Double
        /// How many input rows contribute to the cell.
        public var count: Int
        public var isProtected: Bool
        /// The least a reader may assume a withheld cell holds, knowing that
        /// zeros are published: 1 for a whole number (a count of rows, a
        /// sum of unit weights), 0 otherwise.
        public var floor: Double

        public init(value: Double, count: Int, isProtected: Bool = false) {
            self.value = value
            self.count = count
            self.isProtected = isProtected
            floor = value >= 1 && value == value.rounded() ? 1 : 0
        }
    }

    /// `terms` add up to `total` (all indices into the cells).
    public struct Sum: Sendable, Equatable {
        public var terms: [Int]
        public var total: Int

        public init(terms: [Int], total: Int) {
            self.terms = terms
            self.total = total
        }

        var members: [Int] { terms + [total] }
    }

    public private(set) var cells: [Cell] = []
    public private(set) var sums: [Sum] = []

    public init() {}

    /// Adds a cell and returns its index.
    @discardableResult
    public mutating func add(_ cell: Cell) -> Int {
        cells.append(cell)
        return cells.count - 1
    }

    public mutating func bind(_ terms: [Int], addUpTo total: Int) {
        sums.append(Sum(terms: terms, total: total))
    }

    /// Binds two cells that may be the same figure counted two ways (a
    /// unit's count of rows and its weighted metric), when their values
    /// are equal: the reader then knows one from the other, so they are
    /// withheld together. Unequal values (weights other than 1, rows shared
    /// by area with a unit above) are no equation: binding them would state
    /// a false one, whose bounds contradict and pin every cell linked to it.
    public mutating func bindIfEqual(_ a: Int, _ b: Int) {
        guard cells[a].value == cells[b].value else { return }
        bind([a], addUpTo: b)
    }

    /// Which cells are withheld, and how many of them for each reason.
    public struct Outcome: Sendable, Equatable {
        public var suppressed: [Bool]
        public var primary: Int
        public var complementary: Int
        /// Withheld cells a reader can still pin because every other term of
        /// their sums is zero or protected (a national total below k); none
        /// in practice.
        public var unprotectable: Int
        public var total: Int { primary + complementary }
    }

    public func suppress(minCount k: Int) -> Outcome {
        var out = cells.map { !$0.isProtected && $0.count >= 1 && $0.count < k }
        let primary = out.filter { $0 }.count
        var sumsOf = [[Int]](repeating: [], count: cells.count)
        for (s, sum) in sums.enumerated() {
            for c in sum.members { sumsOf[c].append(s) }
        }
        var complementary = closeSingleTerms(&out, sumsOf: sumsOf)
        // Then until the audit pins nothing: for each pinned cell, the
        // smallest published term of its sums joins it.
        // When the bounds pin nothing, the cells that all the sums solved at
        // once determine (`LinearAudit`) are treated the same way.
        var stuck = Set<Int>()
        for _ in 0..<1000 {
            var pinned = SuppressionAudit(self, withheld: out).pinned.filter { !stuck.contains($0) }
            if pinned.isEmpty { pinned = LinearAudit(self, withheld: out).determined.filter { !stuck.contains($0) } }
            if pinned.isEmpty { break }
            var added = false
            var touched = Set<Int>()  // sums given a term this round: their cells are looked at again next round
            for cell in pinned where !sumsOf[cell].contains(where: touched.contains) {
                guard let pick = complement(of: cell, out, sumsOf: sumsOf) else {
                    stuck.insert(cell)
                    continue
                }
                out[pick] = true
                complementary += 1
                added = true
                touched.formUnion(sumsOf[pick])
            }
            if added { complementary += closeSingleTerms(&out, sumsOf: sumsOf) }
        }
        let left = Set(SuppressionAudit(self, withheld: out).pinned).union(LinearAudit(self, withheld: out).determined).count
        return Outcome(suppressed: out, primary: primary, complementary: complementary, unprotectable: left)
    }

    /// The cell to withhold beside a pinned or determined one: the smallest
    /// nonzero published term of its tightest sum (fewest withheld members,
    /// then fewest members), the sum that most likely pins it. The smallest
    /// term of all its sums would mostly come from a long national column
    /// and leave the short row that pins it as it was, round after round.
    private func complement(of cell: Int, _ out: [Bool], sumsOf: [[Int]]) -> Int? {
        let tightestFirst = sumsOf[cell].sorted { a, b in
            let (ma, mb) = (sums[a].members, sums[b].members)
            return (ma.count { out[$0] }, ma.count, a) < (mb.count { out[$0] }, mb.count, b)
        }
        for s in tightestFirst {
            let candidates = sums[s].members.filter { !out[$0] && !cells[$0].isProtected && cells[$0].value != 0 }
            if let pick = candidates.min(by: { (cells[$0].value, $0) < (cells[$1].value, $1) }) { return pick }
        }
        return nil
    }

    /// Until no sum has exactly one withheld term, withholds the smallest
    /// nonzero published term of such a sum; returns how many it withheld.
    private func closeSingleTerms(_ out: inout [Bool], sumsOf: [[Int]]) -> Int {
        var added = 0
        var pending = Array(sums.indices)
        var queued = [Bool](repeating: true, count: sums.count)
        while let s = pending.popLast() {
            queued[s] = false
            let members = sums[s].members
            guard members.filter({ out[$0] }).count == 1 else { continue }
            let candidates = members.filter { !out[$0] && !cells[$0].isProtected && cells[$0].value != 0 }
            guard let pick = candidates.min(by: { (cells[$0].value, $0) < (cells[$1].value, $1) }) else { continue }
            out[pick] = true
            added += 1
            for other in sumsOf[pick] where !queued[other] {
                queued[other] = true
                pending.append(other)
            }
        }
        return added
    }
}
