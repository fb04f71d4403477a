/// Small-cell suppression over a set of published figures bound by sums
/// (a row of a table adds up to its total, a unit's covered and uncovered
/// needs to its needs): every cell counting 1 to k−1 contributors is
/// withheld (primary), then, until no sum has exactly one withheld term,
/// the smallest nonzero published term of such a sum is withheld too
/// (complementary), so that no withheld cell is the difference of
/// published ones. Protected cells (the national totals) are never withheld.
public struct CellSuppression: Sendable {
    public struct Cell: Sendable, Equatable {
        public var value: Double
        /// How many input rows contribute to the cell.
        public var count: Int
        public var isProtected: Bool

        public init(value: Double, count: Int, isProtected: Bool = false) {
            self.value = value
            self.count = count
            self.isProtected = isProtected
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

    /// Which cells are withheld, and how many of them for each reason.
    public struct Outcome: Sendable, Equatable {
        public var suppressed: [Bool]
        public var primary: Int
        public var complementary: Int
        /// Sums left with exactly one withheld term because every other term
        /// is zero or protected (a national total below k); none in practice.
        public var unprotectable: Int
        public var total: Int { primary + complementary }
    }

    public func suppress(minCount k: Int) -> Outcome {
        var out = cells.map { !$0.isProtected && $0.count >= 1 && $0.count < k }
        let primary = out.filter { $0 }.count
        var complementary = 0
        var sumsOf = [[Int]](repeating: [], count: cells.count)
        for (s, sum) in sums.enumerated() {
            for c in sum.terms + [sum.total] { sumsOf[c].append(s) }
        }
        var pending = Array(sums.indices)
        var queued = [Bool](repeating: true, count: sums.count)
        var unprotectable = Set<Int>()
        while let s = pending.popLast() {
            queued[s] = false
            let members = sums[s].terms + [sums[s].total]
            guard members.filter({ out[$0] }).count == 1 else { continue }
            let candidates = members.filter { !out[$0] && !cells[$0].isProtected && cells[$0].value != 0 }
            guard let pick = candidates.min(by: { (cells[$0].value, $0) < (cells[$1].value, $1) }) else {
                unprotectable.insert(s)
                continue
            }
            out[pick] = true
            complementary += 1
            unprotectable.remove(s)
            for other in sumsOf[pick] where !queued[other] {
                queued[other] = true
                pending.append(other)
            }
        }
        let left = unprotectable.filter { s in (sums[s].terms + [sums[s].total]).filter { out[$0] }.count == 1 }.count
        return Outcome(suppressed: out, primary: primary, complementary: complementary, unprotectable: left)
    }
}
