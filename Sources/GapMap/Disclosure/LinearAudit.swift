/// A reader's attempt to solve all the published sums at once: each sum
/// with a withheld member is a linear equation over the withheld cells
/// (the published members move to the constant side). A withheld cell is
/// determined when every solution of the equations gives it the same value,
/// that is when its component is zero in every vector of the equations'
/// null space: a combination of sums, none of which has a single unknown,
/// can still isolate it (two blocks of withheld cells joined by one cell:
/// that cell is the difference of the blocks' sums).
/// The test is exact with high probability: Gaussian elimination modulo the
/// prime 2³¹ − 1 (integer coefficients ±1, so no rounding), one connected
/// group of linked cells at a time, then two null-space vectors with random
/// free values; a cell is determined when it is 0 in both. An undetermined
/// cell is mistaken for a determined one with probability 2⁻⁶², which only
/// makes the suppression withhold one cell too many.
struct LinearAudit {
    /// The withheld cells the published sums determine, ascending.
    let determined: [Int]

    static let prime: UInt64 = 2_147_483_647

    init(_ engine: CellSuppression, withheld out: [Bool]) {
        // The equations: one per sum with a withheld member, over its withheld members.
        var equations: [[Int: UInt64]] = []
        for sum in engine.sums {
            var row: [Int: UInt64] = [:]
            for c in sum.terms where out[c] { row[c, default: 0] = (row[c, default: 0] + 1) % Self.prime }
            if out[sum.total] { row[sum.total, default: 0] = (row[sum.total, default: 0] + Self.prime - 1) % Self.prime }
            row = row.filter { $0.value != 0 }
            if !row.isEmpty { equations.append(row) }
        }
        // Groups of cells linked by an equation.
        var parent = Array(engine.cells.indices)
        func root(_ i: Int) -> Int {
            var i = i
            while parent[i] != i { parent[i] = parent[parent[i]]; i = parent[i] }
            return i
        }
        for row in equations {
            guard let first = row.keys.first else { continue }
            for c in row.keys { parent[root(c)] = root(first) }
        }
        var groups: [Int: [Int]] = [:]
        for (e, row) in equations.enumerated() { groups[root(row.keys.first!), default: []].append(e) }
        var determined: [Int] = []
        var random = SystemRandomNumberGenerator()
        for members in groups.values {
            determined += Self.determined(members.map { equations[$0] }, random: &random)
        }
        self.determined = determined.sorted()
    }

    /// The variables of one group of equations that every solution fixes.
    static func determined(_ equations: [[Int: UInt64]], random: inout SystemRandomNumberGenerator) -> [Int] {
        let p = prime
        func power(_ base: UInt64, _ exponent: UInt64) -> UInt64 {
            var result: UInt64 = 1, b = base % p, e = exponent
            while e > 0 {
                if e & 1 == 1 { result = result * b % p }
                b = b * b % p
                e >>= 1
            }
            return result
        }
        // How many equations each variable is in: pivots on rare variables fill in least.
        var occurrences: [Int: Int] = [:]
        for row in equations { for c in row.keys { occurrences[c, default: 0] += 1 } }
        // Row echelon form: each stored row has its pivot at 1 and no pivot of an earlier row.
        var rows: [(pivot: Int, row: [Int: UInt64])] = []
        var pivotRow: [Int: Int] = [:]
        for equation in equations.sorted(by: { $0.count < $1.count }) {
            var row = equation
            // Eliminated in the order the pivot rows were made: a row holds
            // pivots of later rows only, so each is met once.
            var pending = PriorityQueue<Int>(before: <)
            for c in row.keys { if let r = pivotRow[c] { pending.push(r) } }
            while let r = pending.pop() {
                let (c, pivot) = (rows[r].pivot, rows[r].row)
                guard let a = row[c] else { continue }
                for (k, v) in pivot {
                    let old = row[k]
                    let updated = ((old ?? 0) + p - a * v % p) % p
                    row[k] = updated == 0 ? nil : updated
                    if old == nil, updated != 0, let later = pivotRow[k] { pending.push(later) }
                }
            }
            guard let pivot = row.keys.min(by: { (occurrences[$0]!, $0) < (occurrences[$1]!, $1) }) else { continue }
            let inverse = power(row[pivot]!, p - 2)
            rows.append((pivot, row.mapValues { $0 * inverse % p }))
            pivotRow[pivot] = rows.count - 1
        }
        // Two null-space vectors: free variables at random, pivots by back-substitution (a
        // row holds only its pivot, free variables and pivots of later rows).
        let variables = Array(occurrences.keys)
        var zeroInBoth = Set(variables.filter { pivotRow[$0] != nil })
        for _ in 0..<2 {
            var x: [Int: UInt64] = [:]
            for v in variables where pivotRow[v] == nil { x[v] = UInt64.random(in: 1..<p, using: &random) }
            for (pivot, row) in rows.reversed() {
                var s: UInt64 = 0
                for (k, a) in row where k != pivot { s = (s + a * x[k]!) % p }
                x[pivot] = (p - s) % p
            }
            zeroInBoth = zeroInBoth.filter { x[$0] == 0 }
        }
        return Array(zeroInBoth)
    }
}
