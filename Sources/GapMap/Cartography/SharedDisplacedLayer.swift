import GeoCore

/// A shareable run's displaced needs and incidents on the map
/// (`--share-displace`): each drawn where the geomask put it (`Geomask`),
/// needs as circles and incidents as diamonds, one colour per layer; a
/// point the geomask could not keep in its unit is not drawn.
struct SharedDisplacedLayer {
    /// Page positions, in row order.
    let needs: [(x: Double, y: Double)]
    let incidents: [(x: Double, y: Double)]
    /// Whether urban points moved less (a town file was read).
    let urban: Bool

    /// `toPage`: from lon/lat to the page.
    init(_ displaced: SharedDisplacement, toPage: (Coordinate) throws -> (Double, Double)) throws {
        needs = try displaced.needs.compactMap(\.coordinate).map { try toPage($0) }
        incidents = try displaced.incidents.compactMap(\.coordinate).map { try toPage($0) }
        urban = displaced.urbanSource != nil
    }

    func svg() -> String {
        let dot = needs.count + incidents.count > 5_000 ? 1.4 : 2.2, half = dot * 1.35
        var svg = "<g id=\"displaced-needs\" fill=\"\(MapPalette.displacedNeed)\" stroke=\"#ffffff\" stroke-width=\"0.5\">\n"
        for (x, y) in needs { svg += "<circle cx=\"\(SVG.number(x))\" cy=\"\(SVG.number(y))\" r=\"\(dot)\"/>\n" }
        svg += "</g>\n<g id=\"displaced-incidents\" fill=\"\(MapPalette.displacedIncident)\" stroke=\"#ffffff\" stroke-width=\"0.5\">\n"
        for (x, y) in incidents {
            svg += "<path d=\"M\(SVG.number(x)) \(SVG.number(y - half))L\(SVG.number(x + half)) \(SVG.number(y))L\(SVG.number(x)) \(SVG.number(y + half))L\(SVG.number(x - half)) \(SVG.number(y))Z\"/>\n"
        }
        return svg + "</g>\n"
    }

    /// The legend from `y` down; returns the next free `y`.
    func legend(_ labels: Labels, x lx: Double, y top: Double, svg: inout String) -> Double {
        let text = labels.displacedLegend(urban: urban)
        var y = top + 6
        svg += "<circle cx=\"\(SVG.number(lx + 13))\" cy=\"\(SVG.number(y + 9))\" r=\"3.5\" fill=\"\(MapPalette.displacedNeed)\"/>\n"
        svg += "<text x=\"\(SVG.number(lx + 34))\" y=\"\(SVG.number(y + 13))\">\(SVG.escape(text.needs))  (\(needs.count))</text>\n"
        y += 20
        svg += "<path d=\"M\(SVG.number(lx + 13)) \(SVG.number(y + 4))l5 5l-5 5l-5 -5Z\" fill=\"\(MapPalette.displacedIncident)\"/>\n"
        svg += "<text x=\"\(SVG.number(lx + 34))\" y=\"\(SVG.number(y + 13))\">\(SVG.escape(text.incidents))  (\(incidents.count))</text>\n"
        y += 20
        svg += "<text x=\"\(SVG.number(lx))\" y=\"\(SVG.number(y + 12))\" font-size=\"11\">\(SVG.escape(text.distance))</text>\n"
        return y + 20
    }
}
