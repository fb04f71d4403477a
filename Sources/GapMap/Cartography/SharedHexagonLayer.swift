import GeoCore

/// A shareable run's hexagons on the map (`--share-cells`), drawn in place
/// of the points: each hexagon shaded by its published count of needs and
/// incidents (quantile classes), grey where either count is withheld.
struct SharedHexagonLayer {
    struct Cell {
        var id: String
        var path: String
        var needs: Int?, incidents: Int?
        /// The published count of both layers; nil when either is withheld.
        var count: Int? { needs.flatMap { n in incidents.map { n + $0 } } }
    }

    let cells: [Cell]
    let hexagons: SharedHexagons
    let release: ReleaseMark
    let breaks: ClassBreaks
    let colors: [String]

    /// `toPage`: from lon/lat to the page.
    init(_ hexagons: SharedHexagons, release: ReleaseMark, toPage: (Coordinate) throws -> (Double, Double)) throws {
        self.hexagons = hexagons
        self.release = release
        let mapCells = hexagons.mapCells
        cells = try mapCells.map { cell in
            var d = ""
            for (i, c) in cell.polygon.exterior.enumerated() {
                let (x, y) = try toPage(c)
                d += (i == 0 ? "M" : "L") + SVG.number(x) + " " + SVG.number(y)
            }
            return Cell(id: cell.index.id, path: d + "Z", needs: cell.needs, incidents: cell.incidents)
        }
        (breaks, colors) = Self.classes(mapCells.compactMap(\.count))
    }

    /// Quantile classes (up to 5) of the published nonzero counts, and their colours.
    static func classes(_ counts: [Int]) -> (ClassBreaks, [String]) {
        let values = counts.filter { $0 > 0 }.map(Double.init)
        let breaks = ClassBreaks.compute(values, classes: min(5, max(1, Set(values).count)), method: .quantile)
        return (breaks, ColorRamp.yellowOrangeRed.colors(breaks.upperBounds.count))
    }

    func svg(_ labels: Labels) -> String {
        var svg = "<g id=\"shared-hexagons\" stroke=\"#5a5a5a\" stroke-width=\"0.4\" fill-opacity=\"0.85\">\n"
        for cell in cells {
            let fill = cell.count.map { colors[breaks.classIndex(of: Double($0))] } ?? MapPalette.withheld
            let tip = labels.sharedHexagonTooltip(id: cell.id, needs: cell.needs, incidents: cell.incidents, release: release)
            svg += "<path d=\"\(cell.path)\" fill=\"\(fill)\"><title>\(SVG.escape(tip))</title></path>\n"
        }
        return svg + "</g>\n"
    }

    /// The legend from `y` down; returns the next free `y`.
    func legend(_ labels: Labels, x lx: Double, y top: Double, room: Double, svg: inout String) -> Double {
        var y = top + 6
        for line in labels.sharedHexagonLegend(hexagons.cells) {
            svg += "<text x=\"\(SVG.number(lx))\" y=\"\(SVG.number(y + 12))\" font-size=\"11\">\(SVG.escape(line))</text>\n"
            y += 15
        }
        y += 4
        let ranges = ChoroplethMap.classRanges(breaks, language: labels.language)
        for i in breaks.upperBounds.indices {
            svg += "<path d=\"\(PointDensity.path(x: lx + 13, y: y + 9, radius: 9))\" fill=\"\(colors[i])\" stroke=\"#5a5a5a\" stroke-width=\"0.6\"/>\n"
            svg += "<text x=\"\(SVG.number(lx + 34))\" y=\"\(SVG.number(y + 13))\">\(SVG.escape(ranges[i]))</text>\n"
            y += 20
        }
        let withheld = cells.filter { $0.count == nil }.count
        if withheld > 0 {
            svg += "<path d=\"\(PointDensity.path(x: lx + 13, y: y + 9, radius: 9))\" fill=\"\(MapPalette.withheld)\" stroke=\"#5a5a5a\" stroke-width=\"0.6\"/>\n"
            let entry = ChoroplethMap.withheldLegendText(labels, release, count: withheld, x: lx + 34, y: y + 13, room: room - 34)
            svg += entry.svg
            y += 20 + entry.extra
        }
        return y
    }
}
