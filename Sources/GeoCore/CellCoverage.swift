/// The exact fraction of each cell of a grid that a polygon covers, as
/// exactextract computes it: the area of polygon ∩ cell over the cell's area,
/// measured in the grid's own plane. Coordinates are grid coordinates
/// (x = column, y = row; cell (c, r) is the unit square [c, c+1] × [r, r+1]),
/// so a cell's area is 1.
///
/// By Green's theorem, for F(x, y) = (clamp(x, c, c+1) − c)·[r ≤ y ≤ r+1],
/// whose x-derivative is the indicator of the cell, the covered area is
/// ∮ F dy along the polygon's boundary (exterior counter-clockwise, holes
/// clockwise). F is continuous in x, which is all the theorem needs. So each
/// edge, cut at the row lines, adds to each cell of its row: its whole dy to
/// the cells entirely left of it, and the exact integral of the clamp to
/// the cells it spans; cells right of it get nothing. The work is that of
/// the cells the boundary crosses plus one prefix sum per row, for a
/// window of rows at a time (bounded memory), with no clipping of polygons.
public struct CellCoverage: Sendable {
    /// Directed edges, oriented so that the polygon is on their left.
    private var edges: [(a: Coordinate, b: Coordinate)] = []
    /// The bounding box of the polygon, in grid coordinates.
    public private(set) var minX = Double.infinity, minY = Double.infinity
    public private(set) var maxX = -Double.infinity, maxY = -Double.infinity

    /// `polygons` in grid coordinates; the parts of a multipolygon must not overlap.
    public init(polygons: [Polygon]) {
        for polygon in polygons {
            add(polygon.exterior, counterClockwise: true)
            for hole in polygon.holes { add(hole, counterClockwise: false) }
        }
    }

    private mutating func add(_ ring: [Coordinate], counterClockwise: Bool) {
        let closed = Ring.closed(ring)
        guard closed.count >= 4 else { return }
        let reverse = (Ring.signedPlanarArea(closed) > 0) != counterClockwise
        for i in 0..<(closed.count - 1) {
            let a = closed[i], b = closed[i + 1]
            edges.append(reverse ? (b, a) : (a, b))
            minX = min(minX, a.x); maxX = max(maxX, a.x)
            minY = min(minY, a.y); maxY = max(maxY, a.y)
        }
    }

    public var isEmpty: Bool { edges.isEmpty }

    /// The covered fraction of each cell of columns `columns` and rows
    /// `rows`, row by row (`rows.count × columns.count` values in 0…1).
    public func fractions(columns: Range<Int>, rows: Range<Int>) -> [Double] {
        let width = columns.count
        guard width > 0, !rows.isEmpty else { return [] }
        var cells = [Double](repeating: 0, count: width * rows.count)
        // Per row, dy added to every column from the window's first up to a position (exclusive).
        var leftFill = [Double](repeating: 0, count: (width + 1) * rows.count)
        let c0 = columns.lowerBound
        for (a, b) in edges {
            let lowY = min(a.y, b.y), highY = max(a.y, b.y)
            guard highY > Double(rows.lowerBound), lowY < Double(rows.upperBound), a.y != b.y else { continue }
            let firstRow = max(rows.lowerBound, Int(lowY.rounded(.down)))
            let lastRow = min(rows.upperBound - 1, Int(highY.rounded(.up)) - 1)
            guard firstRow <= lastRow else { continue }
            for r in firstRow...lastRow {
                // The part of the edge inside the strip r ≤ y ≤ r+1.
                let y0 = max(lowY, Double(r)), y1 = min(highY, Double(r + 1))
                guard y1 > y0 else { continue }
                let t0 = (y0 - a.y) / (b.y - a.y), t1 = (y1 - a.y) / (b.y - a.y)
                var xs = a.x + (b.x - a.x) * t0, xe = a.x + (b.x - a.x) * t1
                // Along the edge's direction: from y at t0 to y at t1 (t0 < t1 when the edge goes up).
                let dy = (b.y > a.y) ? y1 - y0 : y0 - y1
                if b.y < a.y { swap(&xs, &xe) }
                let row = r - rows.lowerBound
                let low = min(xs, xe), high = max(xs, xe)
                // Cells wholly left of the segment: F = 1 along it.
                let fillEnd = min(max(Int(low.rounded(.down)), c0), columns.upperBound) - c0
                leftFill[row * (width + 1)] += dy
                leftFill[row * (width + 1) + fillEnd] -= dy
                // Cells the segment spans.
                let firstColumn = max(columns.lowerBound, Int(low.rounded(.down)))
                let lastColumn = min(columns.upperBound - 1, Int(high.rounded(.up)) - 1)
                guard firstColumn <= lastColumn else { continue }
                for c in firstColumn...lastColumn {
                    cells[row * width + c - c0] += dy * Self.meanClamp(from: xs, to: xe, cell: Double(c))
                }
            }
        }
        for row in 0..<rows.count {
            var fill = 0.0
            for k in 0..<width {
                fill += leftFill[row * (width + 1) + k]
                let v = cells[row * width + k] + fill
                cells[row * width + k] = min(1, max(0, v))
            }
        }
        return cells
    }

    /// The mean of clamp(x, c, c+1) − c as x runs linearly from `x0` to `x1`.
    static func meanClamp(from x0: Double, to x1: Double, cell c: Double) -> Double {
        let dx = x1 - x0
        if abs(dx) < 1e-12 { return min(1, max(0, (x0 + x1) / 2 - c)) }
        return (antiderivative(x1 - c) - antiderivative(x0 - c)) / dx
    }

    /// ∫ clamp(u, 0, 1) du from 0.
    private static func antiderivative(_ u: Double) -> Double {
        if u <= 0 { return 0 }
        if u >= 1 { return u - 0.5 }
        return u * u / 2
    }
}
