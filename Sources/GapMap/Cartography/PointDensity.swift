import Foundation

/// Needs and incidents binned into hexagons on the page, for maps with more
/// points than dots can show: one SVG element per occupied hexagon instead
/// of one per point, so a map of a million points stays a few thousand
/// elements (an SVG renderer refuses past a million). Hexagons are
/// pointy-topped, `radius` pixels from centre to corner, laid out on axial
/// coordinates; each keeps the weight and the number of the points in it,
/// covered and uncovered apart.
struct PointDensity {
    struct Cell {
        var q: Int32
        var r: Int32
        var uncoveredWeight = 0.0
        var coveredWeight = 0.0
        var uncoveredPoints = 0
        var coveredPoints = 0
    }

    /// Centre to corner, in page pixels.
    let radius: Double
    private var index: [Int64: Int] = [:]
    private(set) var cells: [Cell] = []
    private(set) var pointCount = 0

    init(radius: Double) {
        precondition(radius > 0)
        self.radius = radius
    }

    /// Adds a point at page position (x, y); returns its hexagon's index in `cells`.
    @discardableResult
    mutating func add(x: Double, y: Double, weight: Double, covered: Bool) -> Int {
        let (q, r) = Self.axial(x: x, y: y, radius: radius)
        let key = Int64(q) << 32 | Int64(UInt32(bitPattern: r))
        let i: Int
        if let found = index[key] {
            i = found
        } else {
            i = cells.count
            index[key] = i
            cells.append(Cell(q: q, r: r))
        }
        if covered {
            cells[i].coveredWeight += weight
            cells[i].coveredPoints += 1
        } else {
            cells[i].uncoveredWeight += weight
            cells[i].uncoveredPoints += 1
        }
        pointCount += 1
        return i
    }

    /// The hexagon holding page position (x, y): axial coordinates of a
    /// pointy-topped layout, rounded through cube coordinates.
    static func axial(x: Double, y: Double, radius: Double) -> (q: Int32, r: Int32) {
        let fq = (3.0.squareRoot() / 3 * x - y / 3) / radius
        let fr = (2.0 / 3 * y) / radius
        let fs = -fq - fr
        var q = fq.rounded(), r = fr.rounded()
        let s = fs.rounded()
        let dq = abs(q - fq), dr = abs(r - fr), ds = abs(s - fs)
        if dq > dr && dq > ds { q = -r - s } else if dr > ds { r = -q - s }
        return (Int32(q), Int32(r))
    }

    /// The centre of a hexagon on the page.
    func centre(_ cell: Cell) -> (x: Double, y: Double) {
        let q = Double(cell.q), r = Double(cell.r)
        return (radius * 3.0.squareRoot() * (q + r / 2), radius * 1.5 * r)
    }

    /// The six corners of a hexagon around page position (x, y), as SVG path data.
    static func path(x: Double, y: Double, radius: Double) -> String {
        var d = ""
        for k in 0..<6 {
            let angle = Double.pi / 180 * (60 * Double(k) - 30)
            d += (k == 0 ? "M" : "L") + SVG.number(x + radius * cos(angle)) + " " + SVG.number(y + radius * sin(angle))
        }
        return d + "Z"
    }
}
