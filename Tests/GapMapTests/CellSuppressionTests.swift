import Testing
import TestSupport
@testable import GapMap

/// Small-cell suppression (docs/sharing.md), checked on a table worked by
/// hand and, on seeded tables, by an attacker who solves every published
/// sum that has a single withheld term.
struct CellSuppressionTests {
    /// A table with its row totals, column totals and a protected grand
    /// total; the engine's cell indices by position.
    struct Table {
        var engine = CellSuppression()
        var cells: [[Int]] = [], rowTotals: [Int] = [], columnTotals: [Int] = []
        var grand = 0

        init(_ counts: [[Int]]) {
            cells = counts.map { row in row.map { engine.add(.init(value: Double($0), count: $0)) } }
            rowTotals = counts.map { row in engine.add(.init(value: Double(row.reduce(0, +)), count: row.reduce(0, +))) }
            columnTotals = counts[0].indices.map { c in
                let n = counts.reduce(0) { $0 + $1[c] }
                return engine.add(.init(value: Double(n), count: n))
            }
            let n = counts.reduce(0) { $0 + $1.reduce(0, +) }
            grand = engine.add(.init(value: Double(n), count: n, isProtected: true))
            for (r, row) in cells.enumerated() { engine.bind(row, addUpTo: rowTotals[r]) }
            for c in columnTotals.indices { engine.bind(cells.map { $0[c] }, addUpTo: columnTotals[c]) }
            engine.bind(rowTotals, addUpTo: grand)
            engine.bind(columnTotals, addUpTo: grand)
        }

        /// The sums an attacker knows, as lists of cells with the total last.
        var sums: [[Int]] {
            cells.indices.map { cells[$0] + [rowTotals[$0]] } + columnTotals.indices.map { c in cells.map { $0[c] } + [columnTotals[c]] }
                + [rowTotals + [grand], columnTotals + [grand]]
        }
    }

    /// The attacker: while some sum has exactly one unknown, solve it.
    /// Returns the withheld cells it pinned.
    static func recovered(_ sums: [[Int]], withheld: [Bool]) -> [Int] {
        var known = withheld.map { !$0 }
        var pinned: [Int] = []
        var progress = true
        while progress {
            progress = false
            for sum in sums {
                let unknown = sum.filter { !known[$0] }
                guard unknown.count == 1 else { continue }
                // The value follows from the others (total = Σ terms); the attacker needs no more.
                known[unknown[0]] = true
                pinned.append(unknown[0])
                progress = true
            }
        }
        return pinned
    }

    @Test func aTwoByTwoTableWithOneSmallCellWithholdsAllFourCells() {
        // 3 10 | 13
        // 8  9 | 17
        // 11 19 | 30 — by hand: 3 is primary; its row's smallest other is 10,
        // its column's 8; then column 2 has 10 alone withheld, so 9 too.
        let table = Table([[3, 10], [8, 9]])
        let outcome = table.engine.suppress(minCount: 5)
        #expect(table.cells.flatMap { $0 }.map { outcome.suppressed[$0] } == [true, true, true, true])
        #expect((table.rowTotals + table.columnTotals + [table.grand]).allSatisfy { !outcome.suppressed[$0] })
        #expect(outcome.primary == 1 && outcome.complementary == 3)
        #expect(Self.recovered(table.sums, withheld: outcome.suppressed).isEmpty)
    }

    @Test func twoOnesPinnedByTheirRowAreFreedByTheirRowNotByTheirColumns() {
        //  1  1  6 |  8
        //  5  5  9 | 19
        //  5  6  9 | 20
        //  7  7  9 | 23
        //  8  8  9 | 25
        // By hand: the two 1s are primary; columns 1 and 2 each hold one, so
        // the smallest other of each (the 5s of row 2) joins. The row of 1s
        // still pins them (1 + 1 = 8 − 6, each at least 1): the complement
        // comes from that row (6), then column 3 holds 6 alone, so its
        // smallest other (9 of row 2) joins: rows 1 and 2, six cells.
        // The smallest term of all their sums (a 5 of column 1 or 2, row 3)
        // would leave the row as it was and withhold more.
        let table = Table([[1, 1, 6], [5, 5, 9], [5, 6, 9], [7, 7, 9], [8, 8, 9]])
        let outcome = table.engine.suppress(minCount: 5)
        #expect(table.cells.map { $0.map { outcome.suppressed[$0] } } == [[true, true, true], [true, true, true], [false, false, false], [false, false, false], [false, false, false]])
        #expect(outcome.primary == 2 && outcome.complementary == 4 && outcome.unprotectable == 0)
        #expect(Self.recovered(table.sums, withheld: outcome.suppressed).isEmpty)
        #expect(Self.determinedByRank(table.sums, withheld: outcome.suppressed).isEmpty)
    }

    @Test func aWeightedFigureIsBoundToItsCountOnlyWhereTheyAreEqual() {
        // Abstract cells: a count of 3 rows (primary) and a figure equal to
        // it: a reader knows one from the other, so the figure is withheld
        // with it although it alone would be published. A figure of 4.5 is
        // no equation with the count (weights of 1.5, or rows shared by
        // area): binding it would state a false one, whose bounds cross and
        // pin every cell linked to it; it stays as the small-cell rule finds
        // it. Two published figures of different value are not bound either.
        var engine = CellSuppression()
        let count = engine.add(.init(value: 3, count: 3)), figure = engine.add(.init(value: 3, count: 7))
        let weighted = engine.add(.init(value: 4.5, count: 7))
        let rows = engine.add(.init(value: 7, count: 7)), heavier = engine.add(.init(value: 10.5, count: 7))
        engine.bindIfEqual(count, figure)
        engine.bindIfEqual(count, weighted)
        engine.bindIfEqual(rows, heavier)
        #expect(engine.sums.count == 1)
        let outcome = engine.suppress(minCount: 5)
        #expect(outcome.suppressed == [true, true, false, false, false])
        #expect(outcome.unprotectable == 0)
    }

    @Test func aTableWithoutSmallCellsWithholdsNothing() {
        let table = Table([[5, 7, 0], [12, 6, 9]])
        let outcome = table.engine.suppress(minCount: 5)
        #expect(outcome.total == 0 && !outcome.suppressed.contains(true))
    }

    @Test func seededTablesPublishNoSmallCountAndNoWithheldCellCanBeSolved() {
        var random = SeededRandom(seed: 16)
        for k in [3, 5, 10] {
            for _ in 0..<20 {
                let rows = 2 + Int(random.next() % 40), columns = 2 + Int(random.next() % 6)
                // Mostly small counts, some zeros, a few large ones.
                let counts = (0..<rows).map { _ in
                    (0..<columns).map { _ in random.nextUnit() < 0.3 ? 0 : (random.nextUnit() < 0.2 ? 20 + Int(random.next() % 200) : Int(random.next() % 12)) }
                }
                let table = Table(counts)
                let outcome = table.engine.suppress(minCount: k)
                let cells = table.engine.cells
                for i in cells.indices where !outcome.suppressed[i] {
                    #expect(!(1..<k).contains(cells[i].count) || cells[i].isProtected, "published count \(cells[i].count) with k = \(k)")
                }
                let pinned = Self.recovered(table.sums, withheld: outcome.suppressed)
                #expect(pinned.isEmpty || outcome.unprotectable > 0, "attacker solved \(pinned.count) cells of a \(rows)×\(columns) table")
            }
        }
    }

    /// The withheld cells that the sums, solved all at once, fix: by rank
    /// over the reals (Gaussian elimination with partial pivoting on these
    /// small integer systems), cell j is fixed when adding "x_j = c" to the
    /// equations does not raise their rank.
    static func determinedByRank(_ sums: [[Int]], withheld: [Bool]) -> [Int] {
        let unknowns = withheld.indices.filter { withheld[$0] }
        let column = Dictionary(uniqueKeysWithValues: unknowns.enumerated().map { ($1, $0) })
        let equations: [[Double]] = sums.compactMap { sum in
            var row = [Double](repeating: 0, count: unknowns.count)
            for (i, cell) in sum.enumerated() where withheld[cell] { row[column[cell]!] += i == sum.count - 1 ? -1 : 1 }
            return row.contains { $0 != 0 } ? row : nil
        }
        func rank(_ m: [[Double]]) -> Int {
            var m = m, r = 0
            for c in 0..<unknowns.count where r < m.count {
                guard let p = (r..<m.count).max(by: { abs(m[$0][c]) < abs(m[$1][c]) }), abs(m[p][c]) > 1e-9 else { continue }
                m.swapAt(r, p)
                for i in 0..<m.count where i != r && m[i][c] != 0 {
                    let f = m[i][c] / m[r][c]
                    for j in 0..<unknowns.count { m[i][j] -= f * m[r][j] }
                }
                r += 1
            }
            return r
        }
        let base = rank(equations)
        return unknowns.enumerated().filter { j, _ in
            var unit = [Double](repeating: 0, count: unknowns.count)
            unit[j] = 1
            return rank(equations + [unit]) == base
        }.map(\.1)
    }

    @Test func aCellFixedOnlyByACombinationOfSumsIsProtectedToo() {
        // Two blocks of small counts joined by one cell (row 2, column 3):
        //   3 2 0 0 10 | 15
        //   4 3 2 0 10 | 19
        //   0 0 3 4 10 | 17
        //   0 0 4 2 10 | 16
        //   7 5 9 6 40 | 67
        // Every row and column holds two or more of them, so no sum has a
        // single withheld term, and the bounds pin none; but rows 1 + 2 less
        // columns 1 + 2 leave that cell alone: 15 + 19 − 10 − 10 − 7 − 5 = 2.
        let counts = [[3, 2, 0, 0, 10], [4, 3, 2, 0, 10], [0, 0, 3, 4, 10], [0, 0, 4, 2, 10]]
        let table = Table(counts)
        let primary = table.engine.cells.map { !$0.isProtected && (1..<5).contains($0.count) }
        let bridge = table.cells[1][2]
        #expect(primary.filter { $0 }.count == 9)
        #expect(Self.recovered(table.sums, withheld: primary).isEmpty, "no sum with a single withheld term")
        #expect(SuppressionAudit(table.engine, withheld: primary).pinned.isEmpty, "the bounds pin nothing")
        #expect(Self.determinedByRank(table.sums, withheld: primary) == [bridge], "yet the sums together fix the joining cell")
        #expect(15 + 19 - 10 - 10 - 7 - 5 == counts[1][2])
        #expect(LinearAudit(table.engine, withheld: primary).determined == [bridge])

        let outcome = table.engine.suppress(minCount: 5)
        #expect(outcome.complementary > 0 && outcome.unprotectable == 0)
        #expect(Self.determinedByRank(table.sums, withheld: outcome.suppressed).isEmpty)
        #expect(Self.recovered(table.sums, withheld: outcome.suppressed).isEmpty)
    }

    @Test func seededTablesLeaveNoWithheldCellFixedByAllTheSums() {
        var random = SeededRandom(seed: 1616)
        var withheld = 0
        for k in [3, 5] {
            for _ in 0..<15 {
                let rows = 2 + Int(random.next() % 12), columns = 2 + Int(random.next() % 5)
                let counts = (0..<rows).map { _ in
                    (0..<columns).map { _ in random.nextUnit() < 0.3 ? 0 : (random.nextUnit() < 0.3 ? 10 + Int(random.next() % 50) : Int(random.next() % 8)) }
                }
                let table = Table(counts)
                let outcome = table.engine.suppress(minCount: k)
                withheld += outcome.total
                let fixed = Self.determinedByRank(table.sums, withheld: outcome.suppressed)
                #expect(fixed.isEmpty || outcome.unprotectable > 0, "\(fixed.count) cells fixed in a \(rows)×\(columns) table, k = \(k)")
            }
        }
        #expect(withheld > 100)
    }
}
