import GeoCore

/// What a shareable report's interactive map draws of the needs and
/// incidents, none at its own coordinates: the hexagon counts
/// (`--share-cells`, withheld ones grey) and the displaced points
/// (`--share-displace`, where the geomask put them).
extension ReportData {
    /// `sharedHexagons`: per hexagon its id, ring (lon/lat, 5 decimals),
    /// counts (null where withheld), class and colour; the classes' ranges.
    /// `displaced`: each point's lon/lat (5 decimals; null where held back) and layer.
    func sharedLayers(_ j: inout JSONText, _ shared: SharedFigures, labels: Labels) {
        if let hexagons = shared.hexagons {
            let cells = hexagons.mapCells
            let (breaks, colors) = SharedHexagonLayer.classes(cells.compactMap(\.count))
            j.key("sharedHexagons")
            j.open("{")
            j.key("id"); j.strings(cells.map(\.index.id))
            j.key("ring")
            j.raw("[" + cells.map { c in "[" + c.polygon.exterior.map { String(format: "[%.5f,%.5f]", $0.x, $0.y) }.joined(separator: ",") + "]" }
                .joined(separator: ",") + "]")
            j.key("needs"); j.raw("[" + cells.map { $0.needs.map(String.init) ?? "null" }.joined(separator: ",") + "]")
            j.key("incidents"); j.raw("[" + cells.map { $0.incidents.map(String.init) ?? "null" }.joined(separator: ",") + "]")
            j.key("colour")
            j.strings(cells.map { c in c.count.map { $0 > 0 ? colors[breaks.classIndex(of: Double($0))] : "#ffffff" } ?? MapPalette.withheld })
            j.key("tip"); j.strings(cells.map { labels.sharedHexagonTooltip(id: $0.index.id, needs: $0.needs, incidents: $0.incidents, release: shared.release) })
            j.key("colours"); j.strings(colors)
            j.key("ranges"); j.strings(ChoroplethMap.classRanges(breaks, language: labels.language))
            j.key("title"); j.strings(labels.sharedHexagonLegend(hexagons.cells))
            j.key("withheldLabel"); j.string(labels.withheldLegend(shared.release))
            j.close("}")
        }
        if let displaced = shared.displaced {
            // Every row with coordinates in row order, needs then incidents; null where the geomask could not keep it in its unit.
            let missing = Coordinate(x: .nan, y: .nan)
            let points = displaced.needs.map { ($0.coordinate ?? missing, 0) } + displaced.incidents.map { ($0.coordinate ?? missing, 1) }
            let legend = labels.displacedLegend(urban: displaced.urbanSource != nil)
            j.key("displaced")
            j.open("{")
            j.key("lon"); j.fixed(points.map(\.0.x), 5)
            j.key("lat"); j.fixed(points.map(\.0.y), 5)
            j.key("incident"); j.numbers(points.map(\.1))
            j.key("legend"); j.strings([legend.needs, legend.incidents, legend.distance])
            j.key("colours"); j.strings([MapPalette.displacedNeed, MapPalette.displacedIncident])
            j.close("}")
        }
    }
}
