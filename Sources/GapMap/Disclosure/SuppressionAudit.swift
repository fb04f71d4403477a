/// A reader's attempt to recover withheld cells from what a shareable run
/// publishes: the published cells and every sum that binds them. A
/// withheld cell is pinned when the bounds a reader knows squeeze it to
/// one value: every withheld cell is at least its floor (zeros are
/// published) and the sums carry each cell's interval to the others
/// (interval propagation: two cells of 1 withheld in a row whose other
/// cells are published are both pinned at 1). Linear algebra over all the
/// sums at once (scripts/recover-suppressed.py) is left to the check
/// before release: on 4,690 withheld cells Gauss–Jordan elimination takes
/// minutes.
public struct SuppressionAudit {
    /// The withheld cells a reader can pin, ascending.
    public let pinned: [Int]

    public init(_ engine: CellSuppression, withheld out: [Bool]) {
        pinned = Self.squeezed(engine, out).sorted()
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
        return Set(cells.indices.filter { out[$0] && hi[$0].isFinite && hi[$0] - lo[$0] <= 1e-9 * max(1, abs(hi[$0])) })
    }
}
