/// A reader's attempt to recover withheld cells from what a shareable run
/// publishes: the published cells and every sum that binds them. A
/// withheld cell is pinned when
/// - the sums, taken together as linear equations, fix it (its unit vector
///   lies in the row space of the equations over the withheld cells:
///   Gauss–Jordan elimination modulo a large prime, where the coefficients
///   are ±1), or
/// - the bounds a reader knows squeeze it to one value: every withheld
///   cell is at least its floor (zeros are published) and the sums carry
///   each cell's interval to the others (interval propagation, the
///   bounds a linear programme would find on these sums in most cases).
public struct SuppressionAudit {
    /// The withheld cells a reader can pin, ascending.
    public let pinned: [Int]

    public init(_ engine: CellSuppression, withheld out: [Bool]) {
        let linear = Self.linearlyDetermined(engine, out)
        let bounded = Self.squeezed(engine, out)
        pinned = Array(linear.union(bounded)).sorted()
    }

    static let prime = 2_147_483_647

    static func inverse(_ a: Int) -> Int {
        var result = 1, base = a % prime, e = prime - 2
        while e > 0 {
            if e & 1 == 1 { result = result * base % prime }
            base = base * base % prime
            e >>= 1
        }
        return result
    }

    /// Withheld cells fixed by the sums alone: the equations over the
    /// withheld cells (published ones moved to the constant side) reduced
    /// to reduced row echelon form; a cell is fixed when its pivot row
    /// holds no other cell.
    static func linearlyDetermined(_ engine: CellSuppression, _ out: [Bool]) -> Set<Int> {
        var rows: [[Int: Int]] = []          // pivot rows, each normalised to 1 at its pivot
        var pivotRow: [Int: Int] = [:]       // column -> row
        var rowsWith: [Int: Set<Int>] = [:]  // column -> rows holding it
        for sum in engine.sums {
            var row: [Int: Int] = [:]
            for t in sum.terms where out[t] { row[t, default: 0] = (row[t, default: 0] + 1) % prime }
            if out[sum.total] { row[sum.total, default: 0] = (row[sum.total, default: 0] + prime - 1) % prime }
            row = row.filter { $0.value != 0 }
            // Reduce by the pivots known so far (each pivot row holds no other pivot column).
            for c in Array(row.keys) where pivotRow[c] != nil {
                guard let coefficient = row[c] else { continue }
                for (d, b) in rows[pivotRow[c]!] {
                    let v = ((row[d] ?? 0) + prime - coefficient * b % prime) % prime
                    row[d] = v == 0 ? nil : v
                }
            }
            guard let pivot = row.keys.min() else { continue }
            let scale = inverse(row[pivot]!)
            for (d, b) in row { row[d] = b * scale % prime }
            // Clear the new pivot column from the rows that hold it.
            for r in rowsWith[pivot] ?? [] {
                guard let coefficient = rows[r][pivot] else { continue }
                for (d, b) in row {
                    let v = ((rows[r][d] ?? 0) + prime - coefficient * b % prime) % prime
                    if v == 0 {
                        rows[r][d] = nil
                        rowsWith[d]?.remove(r)
                    } else {
                        if rows[r][d] == nil { rowsWith[d, default: []].insert(r) }
                        rows[r][d] = v
                    }
                }
            }
            let index = rows.count
            rows.append(row)
            pivotRow[pivot] = index
            for d in row.keys { rowsWith[d, default: []].insert(index) }
        }
        return Set(pivotRow.filter { rows[$0.value].count == 1 }.map(\.key))
    }

    /// Withheld cells whose interval, from their floors and the sums, has
    /// shrunk to one value.
    static func squeezed(_ engine: CellSuppression, _ out: [Bool]) -> Set<Int> {
        let cells = engine.cells
        var lo = cells.indices.map { out[$0] ? cells[$0].floor : cells[$0].value }
        var hi = cells.indices.map { out[$0] ? Double.infinity : cells[$0].value }
        let open = engine.sums.filter { $0.members.contains { out[$0] } }
        for _ in 0..<64 {
            var changed = false
            for sum in open {
                // Σ terms − total = 0: each withheld member from the others' range.
                let members = sum.members.map { ($0, $0 == sum.total ? -1.0 : 1.0) }
                // The members' range as a finite part and a count of unbounded ends.
                var minFinite = 0.0, maxFinite = 0.0, minInfinite = 0, maxInfinite = 0
                func ends(_ c: Int, _ a: Double) -> (Double, Double) { a > 0 ? (lo[c], hi[c]) : (-hi[c], -lo[c]) }
                for (c, a) in members {
                    let (low, high) = ends(c, a)
                    if low.isFinite { minFinite += low } else { minInfinite += 1 }
                    if high.isFinite { maxFinite += high } else { maxInfinite += 1 }
                }
                for (c, a) in members where out[c] {
                    let (low, high) = ends(c, a)
                    let othersMin = minInfinite - (low.isFinite ? 0 : 1) > 0 ? -Double.infinity : minFinite - (low.isFinite ? low : 0)
                    let othersMax = maxInfinite - (high.isFinite ? 0 : 1) > 0 ? Double.infinity : maxFinite - (high.isFinite ? high : 0)
                    // a·x = −others.
                    let (newLo, newHi) = a > 0 ? (-othersMax, -othersMin) : (othersMin, othersMax)
                    if newLo.isFinite, newLo > lo[c] + 1e-9 { lo[c] = newLo; changed = true }
                    if newHi.isFinite, newHi < hi[c] - 1e-9 { hi[c] = newHi; changed = true }
                }
            }
            if !changed { break }
        }
        return Set(cells.indices.filter { out[$0] && hi[$0] - lo[$0] <= 1e-9 * max(1, abs(hi[$0])) })
    }
}
