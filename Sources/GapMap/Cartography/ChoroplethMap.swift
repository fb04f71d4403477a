import Foundation
import GeoCore

/// A metric a map can be shaded by: an entry of `MetricCatalogue` with a
/// `MapShading`. `map --metric` and `report --metric` take its key; a new
/// one is a `shading:` on its catalogue entry.
public struct MapMetric: Sendable, Hashable, Codable, CaseIterable, RawRepresentable {
    public let rawValue: String

    public init?(rawValue: String) {
        guard MetricCatalogue.all.contains(where: { $0.key == rawValue && $0.shading != nil }) else { return nil }
        self.rawValue = rawValue
    }

    /// A catalogue entry with a shading.
    public init(_ metric: Metric) {
        precondition(metric.shading != nil, "\(metric.key) has no map shading in MetricCatalogue")
        rawValue = metric.key
    }

    public static var allCases: [MapMetric] { MetricCatalogue.all.compactMap { MapMetric(rawValue: $0.key) } }

    /// The default of every map.
    public static let coveragePct = MapMetric(MetricCatalogue.coveragePct)

    /// The metric of the catalogue: its key is the name the CLI takes.
    public var metric: Metric { MetricCatalogue.metric(rawValue)! }

    var shading: MapShading { metric.shading! }

    func value(_ m: RegionMetrics) -> Double { metric.value(m) ?? 0 }

    var ramp: ColorRamp { shading.ramp }
}

/// Options of a map.
public struct MapOptions: Sendable {
    public var metric: MapMetric = .coveragePct
    public var classes = 5
    public var method: ClassificationMethod = .natural
    public var title: String?
    public var language: ReportLanguage = .english
    public var width = 1200.0
    public var height = 900.0
    public var showPoints = true
    public var showFootprints = true
    /// Up to this many needs and incidents are drawn as dots; more are
    /// binned into hexagons (`PointDensity`) so the map stays readable and
    /// its size bounded whatever the number of points.
    public var dotLimit = 20_000
    /// Centre to corner of a density hexagon, in page pixels.
    public var densityHexagonRadius = 5.0
    /// Up to this many footprints are outlined one by one; more are shown
    /// by the outline of their union (the coverage).
    public var footprintLimit = 1_000
    /// Who may see the map: said in its title.
    public var release: ReleaseMark = .restricted
    /// Regions (ids) whose shaded figure a shareable run withholds: drawn
    /// grey as withheld, left out of the classes.
    public var withheld: Set<String> = []
    /// A shareable run's initiatives of sensitive kinds: their footprints
    /// are not drawn, nor the gaps of the units they reach.
    public var sensitive: SensitivePresence?
    /// A shareable run's counts per hexagon (`--share-cells`), drawn
    /// instead of points.
    public var hexagons: SharedHexagons?
    /// A shareable run's displaced needs and incidents (`--share-displace`),
    /// drawn as points where the geomask put them.
    public var displaced: SharedDisplacement?
    /// Marks and names the largest towns inside the units (`MapTowns`),
    /// when geodata/urban/cities15000.csv is found.
    public var towns = true

    public init() {}
}

/// A choropleth map of an analysis as a standalone SVG document: regions
/// shaded by a metric, gaps hatched, footprints outlined, needs and incidents
/// as dots, labels, legend, scale bar, north arrow, title and sources.
public struct ChoroplethMap {
    public let report: CoverageReport
    /// The needs and incidents drawn as dots (every point, `DemandPoints(.all)`); none when nil.
    public let points: DemandPoints?
    public let options: MapOptions
    public let sources: [String]

    public init(report: CoverageReport, points: DemandPoints? = nil, options: MapOptions = MapOptions(), sources: [String] = []) {
        self.report = report
        self.points = points
        self.options = options
        self.sources = sources
    }

    /// The classes the regions fall in, for the legend and for tests.
    public var breaks: ClassBreaks {
        ClassBreaks.compute(report.metrics.filter { !options.withheld.contains($0.regionID) }.map { options.metric.value($0) },
                            classes: options.classes, method: options.method)
    }

    /// The fill of a region whose figure is withheld.
    static let withheldColor = MapPalette.withheld

    public func svg() throws -> String {
        guard var extent = report.regions.first?.geometry.envelope else {
            throw GapMapError(message: "there is no region to draw")
        }
        for r in report.regions { if let e = r.geometry.envelope { extent.expand(toInclude: e) } }
        let projection = MapProjection(centeredOn: extent)
        let projector = try projection.projector()
        let labels = Labels(options.language)

        // Layout: the map frame on the left, the legend panel on the right.
        let width = options.width, height = options.height
        let margin = 20.0, headerHeight = 70.0, footerHeight = 46.0, legendWidth = 260.0
        let frame = Envelope(minX: margin, minY: headerHeight, maxX: width - legendWidth - margin, maxY: height - footerHeight)

        let projectedRegions = try report.regions.map { try projector.project($0.geometry) }
        var planExtent = projectedRegions.compactMap(\.envelope).reduce(projectedRegions[0].envelope!) { $0.union($1) }
        // A little air around the data.
        let pad = max(planExtent.width, planExtent.height) * 0.02
        planExtent = Envelope(minX: planExtent.minX - pad, minY: planExtent.minY - pad, maxX: planExtent.maxX + pad, maxY: planExtent.maxY + pad)
        let scale = min(frame.width / planExtent.width, frame.height / planExtent.height)  // px per metre
        let offsetX = frame.minX + (frame.width - planExtent.width * scale) / 2
        let offsetY = frame.minY + (frame.height - planExtent.height * scale) / 2
        func px(_ c: Coordinate) -> (Double, Double) {
            (offsetX + (c.x - planExtent.minX) * scale, offsetY + (planExtent.maxY - c.y) * scale)
        }
        func path(_ g: Geometry, _ toPage: ((Coordinate) -> (Double, Double))? = nil) -> String {
            var d = ""
            for polygon in g.polygons {
                for ring in [polygon.exterior] + polygon.holes where ring.count >= 3 {
                    for (i, c) in ring.enumerated() {
                        let (x, y) = toPage?(c) ?? px(c)
                        d += (i == 0 ? "M" : "L") + SVG.number(x) + " " + SVG.number(y)
                    }
                    d += "Z"
                }
            }
            return d
        }

        let breaks = self.breaks
        let colors = options.metric.ramp.colors(breaks.upperBounds.count)
        var svg = SVG.header(width: width, height: height)
        svg += """
            <defs><pattern id="hatch" patternUnits="userSpaceOnUse" width="8" height="8" patternTransform="rotate(45)">\
            <line x1="1" y1="0" x2="1" y2="8" stroke="#ffffff" stroke-width="1.3" stroke-opacity="0.8"/>\
            <line x1="2.3" y1="0" x2="2.3" y2="8" stroke="\(MapPalette.gapHatch)" stroke-width="1.3" stroke-opacity="0.75"/></pattern></defs>
            <rect width="100%" height="100%" fill="#ffffff"/>
            <rect x="\(SVG.number(frame.minX))" y="\(SVG.number(frame.minY))" width="\(SVG.number(frame.width))" height="\(SVG.number(frame.height))" fill="#f4f6f8" stroke="#c8ccd0"/>

            """
        // Regions shaded by class.
        svg += "<g id=\"regions\" stroke=\"\(MapPalette.regionOutline)\" stroke-width=\"0.6\" stroke-linejoin=\"round\">\n"
        for (r, g) in projectedRegions.enumerated() {
            let m = report.metrics[r]
            if options.withheld.contains(m.regionID) {
                svg += "<path d=\"\(path(g))\" fill=\"\(Self.withheldColor)\" fill-rule=\"evenodd\"><title>\(SVG.escape("\(m.name) (\(m.regionID)): \(labels.withheld(options.release))"))</title></path>\n"
                continue
            }
            let color = colors[breaks.classIndex(of: options.metric.value(m))]
            svg += "<path d=\"\(path(g))\" fill=\"\(color)\" fill-rule=\"evenodd\"><title>\(SVG.escape("\(m.name) (\(m.regionID)): \(options.metric.rawValue) \(Self.format(options.metric.value(m)))"))</title></path>\n"
        }
        svg += "</g>\n"
        // Gaps hatched.
        svg += "<g id=\"gaps\" fill=\"url(#hatch)\" stroke=\"none\">\n"
        for (r, gap) in report.gaps.enumerated() where !gap.isEmpty && options.sensitive?.masked[r] != true {
            svg += "<path d=\"\(path(try projector.project(gap)))\" fill-rule=\"evenodd\"/>\n"
        }
        svg += "</g>\n"
        // The parents' outlines (the cercles around communes), so a reader finds their way.
        let engine = try GeometryEngine()
        var parentOutlines: [Geometry] = []
        let parentIDs = report.regions.map(\.parentID)
        if parentIDs.allSatisfy({ $0 != nil }) {
            let groups = Dictionary(grouping: report.regions.indices, by: { parentIDs[$0]! })
            if groups.count >= 2, groups.count < report.regions.count {
                for key in groups.keys.sorted() {
                    let members = groups[key]!.map { report.regions[$0].geometry }
                    let outline: Geometry
                    if let covered = try? engine.coverageUnion(members).value() {
                        outline = covered
                    } else {
                        outline = try engine.union(members, workers: 1).value()
                    }
                    parentOutlines.append(try projector.project(outline))
                }
                svg += "<g id=\"parent-outlines\" fill=\"none\" stroke=\"\(MapPalette.parentOutline)\" stroke-width=\"1.3\" stroke-linejoin=\"round\">\n"
                for g in parentOutlines { svg += "<path d=\"\(path(g))\"/>\n" }
                svg += "</g>\n"
            }
        }
        // Footprints outlined; past `footprintLimit` the outline of their union instead.
        let footprintCount = report.initiatives.indices.filter { i in
            guard report.initiativeInRun[i], options.sensitive?.isSensitive[i] != true else { return false }
            switch report.initiatives[i].placement {
            case .region, .unit: return false
            default: return true
            }
        }.count
        let outlinesUnion = footprintCount > options.footprintLimit
        if options.showFootprints {
            // A white halo under a dark line reads on light and dark shades alike.
            var outlines = ""
            if outlinesUnion {
                let coverage = options.sensitive?.coverage ?? report.coverage
                if !coverage.isEmpty { outlines = "<path d=\"\(path(try projector.project(coverage)))\" fill-rule=\"evenodd\"/>\n" }
            } else {
                let analysis = CoverageAnalysis(parameters: report.parameters)
                for (i, initiative) in report.initiatives.enumerated() where report.initiativeInRun[i] && options.sensitive?.isSensitive[i] != true {
                    if case .region = initiative.placement { continue }  // a programme: presence, not a footprint
                    if case .unit = initiative.placement { continue }
                    guard let footprint = analysis.footprint(of: initiative, regions: report.regions) else { continue }
                    outlines += "<path d=\"\(path(try projector.project(footprint)))\"/>\n"
                }
            }
            svg += "<g id=\"footprints-halo\" fill=\"none\" stroke=\"#ffffff\" stroke-width=\"2.4\" stroke-opacity=\"0.9\">\n\(outlines)</g>\n"
            svg += "<g id=\"footprints\" fill=\"none\" stroke=\"\(MapPalette.footprint)\" stroke-width=\"1\">\n\(outlines)</g>\n"
        }
        // Needs (circles) and incidents (diamonds): covered hollow blue, uncovered solid orange;
        // past `dotLimit` points, density hexagons instead.
        var density: (cells: PointDensity, breaks: ClassBreaks, colors: [String])?
        var sharedHexagons: SharedHexagonLayer?
        if let hexagons = options.hexagons {
            let layer = try SharedHexagonLayer(hexagons, release: options.release) { px(try projector.project($0)) }
            svg += layer.svg(labels)
            sharedHexagons = layer
        } else if options.showPoints, let points, points.count > options.dotLimit {
            var cells = PointDensity(radius: options.densityHexagonRadius)
            for i in 0..<points.count {
                let (x, y) = px(try projector.project(points.coordinates[i]))
                cells.add(x: x, y: y, weight: points.weights[i], covered: points.isCovered(i))
            }
            let uncovered = cells.cells.map(\.uncoveredWeight).filter { $0 > 0 }
            let breaks = ClassBreaks.compute(uncovered, classes: min(5, max(1, Set(uncovered).count)), method: .quantile)
            let colors = ColorRamp.yellowOrangeRed.colors(breaks.upperBounds.count)
            svg += "<g id=\"demand-density\" stroke-width=\"0.5\">\n"
            for cell in cells.cells {
                let (x, y) = cells.centre(cell)
                // Graduated: the more uncovered weight, the larger and darker the hexagon,
                // so the regions' shades still show between the small ones.
                let size: Double, fill: String
                if cell.uncoveredWeight > 0 {
                    let k = breaks.classIndex(of: cell.uncoveredWeight)
                    size = Self.densitySize(classIndex: k, classes: colors.count)
                    fill = "fill=\"\(colors[k])\" stroke=\"\(MapPalette.uncoveredNeedOutline)\""
                } else {
                    size = 0.45
                    fill = "fill=\"none\" stroke=\"\(MapPalette.covered)\""
                }
                let d = PointDensity.path(x: x, y: y, radius: cells.radius * size)
                let tip = labels.densityTooltip(uncoveredWeight: cell.uncoveredWeight, uncoveredPoints: cell.uncoveredPoints,
                                                coveredWeight: cell.coveredWeight, coveredPoints: cell.coveredPoints)
                svg += "<path d=\"\(d)\" \(fill)><title>\(SVG.escape(tip))</title></path>\n"
            }
            svg += "</g>\n"
            density = (cells, breaks, colors)
        } else if options.showPoints, let points {
            // Dots shrink as they grow many, so the regions stay readable.
            let pointCount = points.count
            let dot = pointCount > 5_000 ? 1.4 : 2.2
            let half = dot * 1.35
            var needs = "", incidents = ""
            for i in 0..<points.count {
                let (x, y) = px(try projector.project(points.coordinates[i]))
                let covered = points.isCovered(i)
                switch points.layer(i) {
                case .needs:
                    needs += "<circle cx=\"\(SVG.number(x))\" cy=\"\(SVG.number(y))\" r=\"\(dot)\" "
                        + (covered ? "fill=\"none\" stroke=\"\(MapPalette.covered)\"/>\n" : "fill=\"\(MapPalette.uncoveredNeed)\" stroke=\"\(MapPalette.uncoveredNeedOutline)\"/>\n")
                case .incidents:
                    let d = "M\(SVG.number(x)) \(SVG.number(y - half))L\(SVG.number(x + half)) \(SVG.number(y))L\(SVG.number(x)) \(SVG.number(y + half))L\(SVG.number(x - half)) \(SVG.number(y))Z"
                    incidents += "<path d=\"\(d)\" " + (covered ? "fill=\"none\" stroke=\"\(MapPalette.covered)\"/>\n" : "fill=\"\(MapPalette.uncoveredIncident)\" stroke=\"\(MapPalette.uncoveredIncidentOutline)\"/>\n")
                }
            }
            svg += "<g id=\"needs\" stroke-width=\"\(pointCount > 5_000 ? 0.4 : 0.8)\">\n" + needs + "</g>\n"
            svg += "<g id=\"incidents\" stroke-width=\"0.8\">\n" + incidents + "</g>\n"
        }
        var displacedLayer: SharedDisplacedLayer?
        if let displaced = options.displaced {
            let layer = try SharedDisplacedLayer(displaced) { px(try projector.project($0)) }
            svg += layer.svg()
            displacedLayer = layer
        }
        // Labels: the units that matter first (`MapLabels`); top-ranked units too small to see go to an inset.
        let pageBoxes: [Envelope?] = projectedRegions.map { g in
            g.envelope.map { e in
                let (x0, y0) = px(Coordinate(x: e.minX, y: e.maxY)), (x1, y1) = px(Coordinate(x: e.maxX, y: e.minY))
                return Envelope(minX: x0, minY: y0, maxX: x1, maxY: y1)
            }
        }
        let anchors: [Coordinate?] = try report.regions.map { r in try engine.pointOnSurface(r.geometry).map { try projector.project($0) } }
        let ranks = report.metrics.map(\.gapRank)
        let tinyTop = report.regions.indices.filter { i in
            guard ranks[i] <= MapLabels.topCount, let box = pageBoxes[i] else { return false }
            return box.width < MapLabels.tinyPixels || box.height < MapLabels.tinyPixels
        }
        let inset = MapInset.make(tiny: tinyTop.compactMap { projectedRegions[$0].envelope }, frame: frame,
                                  occupied: pageBoxes.compactMap { $0 }, mainScale: scale)
        var towns: [MapLabels.Town] = []
        if options.towns {
            for town in try MapTowns.largest(in: report.regions, engine: engine) {
                let (x, y) = px(try projector.project(town.coordinate))
                towns.append(MapLabels.Town(name: MapTowns.name(town, options.language), x: x, y: y))
            }
        }
        let placements = MapLabels.place(names: report.regions.map(\.name), ranks: ranks, populations: report.metrics.map(\.population),
                                         areas: report.metrics.map(\.areaKm2), pageBoxes: pageBoxes, anchors: anchors.map { $0.map(px) },
                                         skipTiny: inset != nil, towns: towns)
        let townsMarked = placements.contains { $0.town != nil }
        svg += "<g id=\"labels\" font-family=\"DejaVu Sans, Arial, sans-serif\" font-size=\"12\" text-anchor=\"middle\" fill=\"#1a1a1a\" stroke=\"#ffffff\" stroke-width=\"3\" paint-order=\"stroke\">\n"
        for label in placements {
            if let town = label.town {
                svg += "<circle cx=\"\(SVG.number(town.dotX))\" cy=\"\(SVG.number(town.dotY))\" r=\"3\" fill=\"#1a1a1a\" stroke=\"#ffffff\" stroke-width=\"1.2\"/>\n"
                svg += "<text class=\"town\" x=\"\(SVG.number(label.x))\" y=\"\(SVG.number(label.y + 4))\" text-anchor=\"\(town.anchor)\" font-style=\"italic\" font-size=\"11\">\(SVG.escape(label.text))</text>\n"
                continue
            }
            svg += "<text x=\"\(SVG.number(label.x))\" y=\"\(SVG.number(label.y + 4))\"\(label.isTop ? " font-weight=\"bold\"" : "")>\(SVG.escape(label.text))</text>\n"
        }
        svg += "</g>\n"
        if let inset {
            // Where the inset is, on the main map.
            let (mx0, my0) = px(Coordinate(x: inset.plan.minX, y: inset.plan.maxY)), (mx1, my1) = px(Coordinate(x: inset.plan.maxX, y: inset.plan.minY))
            svg += "<rect id=\"inset-extent\" x=\"\(SVG.number(mx0))\" y=\"\(SVG.number(my0))\" width=\"\(SVG.number(mx1 - mx0))\" height=\"\(SVG.number(my1 - my0))\" fill=\"none\" stroke=\"#1a1a1a\" stroke-width=\"1.2\"/>\n"
            let box = inset.page
            svg += "<g id=\"inset\"><clipPath id=\"inset-clip\"><rect x=\"\(SVG.number(box.minX))\" y=\"\(SVG.number(box.minY))\" width=\"\(SVG.number(box.width))\" height=\"\(SVG.number(box.height))\"/></clipPath>\n"
            svg += "<rect x=\"\(SVG.number(box.minX))\" y=\"\(SVG.number(box.minY))\" width=\"\(SVG.number(box.width))\" height=\"\(SVG.number(box.height))\" fill=\"#f4f6f8\"/>\n"
            svg += "<g clip-path=\"url(#inset-clip)\" stroke=\"\(MapPalette.regionOutline)\" stroke-width=\"0.6\" stroke-linejoin=\"round\">\n"
            for (r, g) in projectedRegions.enumerated() {
                guard let e = g.envelope, e.intersects(inset.plan) else { continue }
                let m = report.metrics[r]
                let fill = options.withheld.contains(m.regionID) ? Self.withheldColor : colors[breaks.classIndex(of: options.metric.value(m))]
                svg += "<path d=\"\(path(g, inset.px))\" fill=\"\(fill)\" fill-rule=\"evenodd\"/>\n"
            }
            for g in parentOutlines where g.envelope?.intersects(inset.plan) == true {
                svg += "<path d=\"\(path(g, inset.px))\" fill=\"none\" stroke=\"\(MapPalette.parentOutline)\" stroke-width=\"1.3\"/>\n"
            }
            svg += "</g>\n<g font-family=\"DejaVu Sans, Arial, sans-serif\" font-size=\"11\" text-anchor=\"middle\" fill=\"#1a1a1a\" stroke=\"#ffffff\" stroke-width=\"3\" paint-order=\"stroke\" font-weight=\"bold\">\n"
            var placedInInset: [Envelope] = []
            for i in report.regions.indices.sorted(by: { ranks[$0] < ranks[$1] }) where ranks[i] <= MapLabels.topCount {
                guard let a = anchors[i], inset.plan.contains(a) else { continue }
                let (x, y) = inset.px(a)
                let text = "\(ranks[i]). \(report.regions[i].name)"
                let half = Double(text.count) * 3.3
                let label = Envelope(minX: x - half, minY: y - 8, maxX: x + half, maxY: y + 5)
                guard !placedInInset.contains(where: { $0.intersects(label) }) else { continue }
                placedInInset.append(label)
                svg += "<text x=\"\(SVG.number(x))\" y=\"\(SVG.number(y + 4))\">\(SVG.escape(text))</text>\n"
            }
            svg += "<text x=\"\(SVG.number(box.minX + 6))\" y=\"\(SVG.number(box.minY + 14))\" text-anchor=\"start\" font-weight=\"normal\">\(SVG.escape(labels.insetTitle(zoom: inset.zoom)))</text>\n"
            svg += "</g>\n<rect x=\"\(SVG.number(box.minX))\" y=\"\(SVG.number(box.minY))\" width=\"\(SVG.number(box.width))\" height=\"\(SVG.number(box.height))\" fill=\"none\" stroke=\"#1a1a1a\" stroke-width=\"1.2\"/>\n</g>\n"
        }

        // Title and subtitle.
        let title = labels.title(ExampleData.title(options.title ?? labels.mapTitle(options.metric), isExampleData: report.isExampleData,
                                                   language: options.language), release: options.release)
        let p = report.parameters
        let inRun = report.initiativeInRun.filter { $0 }.count
        let programmes = zip(report.initiatives, report.initiativeInRun).filter { $1 && ProgrammePresence.isProgramme($0, p) }.count
        // Each line set smaller when it would run past the edge (TextWidth).
        let subtitle = labels.subtitle(units: report.unitNames, count: report.regions.count, footprints: inRun - programmes,
                                       programmes: programmes, radiusKm: p.defaultRadiusKm, includePlanned: p.includePlanned)
        let titleSize = TextWidth.fittedFontSize(title, preferred: 24, room: width - 2 * margin, bold: true, minimum: 12)
        let subtitleSize = TextWidth.fittedFontSize(subtitle, preferred: 13, room: width - 2 * margin)
        svg += "<text x=\"\(SVG.number(margin))\" y=\"34\" font-family=\"DejaVu Sans, Arial, sans-serif\" font-size=\"\(SVG.number(titleSize))\" font-weight=\"bold\" fill=\"#1a1a1a\">\(SVG.escape(title))</text>\n"
        svg += "<text x=\"\(SVG.number(margin))\" y=\"58\" font-family=\"DejaVu Sans, Arial, sans-serif\" font-size=\"\(SVG.number(subtitleSize))\" fill=\"#444\">\(SVG.escape(subtitle))</text>\n"

        // Legend.
        var y = headerHeight + 10
        let lx = width - legendWidth + 6
        svg += "<g id=\"legend\" font-family=\"DejaVu Sans, Arial, sans-serif\" font-size=\"12\" fill=\"#1a1a1a\">\n"
        let legendRoom = legendWidth - 12
        let legendTitle = labels.metricName(options.metric), classification = labels.classification(options.method, units: report.unitNames)
        svg += "<text x=\"\(SVG.number(lx))\" y=\"\(SVG.number(y + 12))\" font-weight=\"bold\" font-size=\"\(SVG.number(TextWidth.fittedFontSize(legendTitle, preferred: 12, room: legendRoom, bold: true)))\">\(SVG.escape(legendTitle))</text>\n"
        svg += "<text x=\"\(SVG.number(lx))\" y=\"\(SVG.number(y + 28))\" fill=\"#555\" font-size=\"\(SVG.number(TextWidth.fittedFontSize(classification, preferred: 11, room: legendRoom)))\">\(SVG.escape(classification))</text>\n"
        y += 40
        let ranges = Self.classRanges(breaks, language: labels.language)
        for i in breaks.upperBounds.indices {
            let count = report.metrics.filter { !options.withheld.contains($0.regionID) && breaks.classIndex(of: options.metric.value($0)) == i }.count
            svg += "<rect x=\"\(SVG.number(lx))\" y=\"\(SVG.number(y))\" width=\"26\" height=\"18\" fill=\"\(colors[i])\" stroke=\"\(MapPalette.regionOutline)\" stroke-width=\"0.6\"/>\n"
            svg += "<text x=\"\(SVG.number(lx + 34))\" y=\"\(SVG.number(y + 13))\">\(SVG.escape(ranges[i]))  (\(count))</text>\n"
            y += 24
        }
        if !options.withheld.isEmpty {
            svg += "<rect x=\"\(SVG.number(lx))\" y=\"\(SVG.number(y))\" width=\"26\" height=\"18\" fill=\"\(Self.withheldColor)\" stroke=\"\(MapPalette.regionOutline)\" stroke-width=\"0.6\"/>\n"
            let entry = Self.withheldLegendText(labels, options.release, count: options.withheld.count, x: lx + 34, y: y + 13, room: legendRoom - 34)
            svg += entry.svg
            y += 24 + entry.extra
        }
        y += 10
        svg += "<rect x=\"\(SVG.number(lx))\" y=\"\(SVG.number(y))\" width=\"26\" height=\"18\" fill=\"url(#hatch)\" stroke=\"\(MapPalette.regionOutline)\" stroke-width=\"0.6\"/>\n"
        svg += "<text x=\"\(SVG.number(lx + 34))\" y=\"\(SVG.number(y + 13))\">\(SVG.escape(labels.gap))</text>\n"
        y += 26
        if !parentOutlines.isEmpty, let parent = report.regions.first?.parentID {
            let parentUnits = UnitNames.of(level: report.regionFields.level.map { $0 - 1 }, pcode: parent)
            svg += "<line x1=\"\(SVG.number(lx))\" y1=\"\(SVG.number(y + 9))\" x2=\"\(SVG.number(lx + 26))\" y2=\"\(SVG.number(y + 9))\" stroke=\"\(MapPalette.parentOutline)\" stroke-width=\"1.3\"/>\n"
            svg += "<text x=\"\(SVG.number(lx + 34))\" y=\"\(SVG.number(y + 13))\">\(SVG.escape(labels.parentBoundary(parentUnits)))</text>\n"
            y += 26
        }
        svg += "<circle cx=\"\(SVG.number(lx + 13))\" cy=\"\(SVG.number(y + 9))\" r=\"8\" fill=\"none\" stroke=\"#ffffff\" stroke-width=\"2.4\"/>\n"
        svg += "<circle cx=\"\(SVG.number(lx + 13))\" cy=\"\(SVG.number(y + 9))\" r=\"8\" fill=\"none\" stroke=\"\(MapPalette.footprint)\" stroke-width=\"1\"/>\n"
        svg += "<text x=\"\(SVG.number(lx + 34))\" y=\"\(SVG.number(y + 13))\">\(SVG.escape(outlinesUnion ? labels.footprintUnion(footprintCount) : labels.footprint))</text>\n"
        y += 26
        if townsMarked {
            svg += "<circle cx=\"\(SVG.number(lx + 13))\" cy=\"\(SVG.number(y + 9))\" r=\"3\" fill=\"#1a1a1a\" stroke=\"#ffffff\" stroke-width=\"1.2\"/>\n"
            svg += "<text x=\"\(SVG.number(lx + 34))\" y=\"\(SVG.number(y + 13))\" font-style=\"italic\" font-size=\"\(SVG.number(TextWidth.fittedFontSize(labels.town, preferred: 12, room: legendRoom - 34)))\">\(SVG.escape(labels.town))</text>\n"
            y += 26
        }
        if let sharedHexagons {
            y = sharedHexagons.legend(labels, x: lx, y: y, room: legendRoom, svg: &svg)
        }
        if let displacedLayer {
            y = displacedLayer.legend(labels, x: lx, y: y, svg: &svg)
        }
        // A shareable map has no points, so neither of these.
        if let density {
            // What a hexagon is, how wide on the ground, and its classes of uncovered weight.
            let acrossKm = density.cells.radius * 3.0.squareRoot() / scale / 1000
            y += 6
            for line in labels.densityLegend(points: density.cells.pointCount, hexagonAcrossKm: acrossKm) {
                svg += "<text x=\"\(SVG.number(lx))\" y=\"\(SVG.number(y + 12))\" font-size=\"11\">\(SVG.escape(line))</text>\n"
                y += 15
            }
            y += 4
            let ranges = Self.classRanges(density.breaks, language: labels.language)
            for i in density.breaks.upperBounds.indices {
                let size = Self.densitySize(classIndex: i, classes: density.colors.count)
                svg += "<path d=\"\(PointDensity.path(x: lx + 13, y: y + 9, radius: 9 * size))\" fill=\"\(density.colors[i])\" stroke=\"\(MapPalette.uncoveredNeedOutline)\" stroke-width=\"0.6\"/>\n"
                svg += "<text x=\"\(SVG.number(lx + 34))\" y=\"\(SVG.number(y + 13))\">\(SVG.escape(ranges[i]))</text>\n"
                y += 20
            }
            svg += "<path d=\"\(PointDensity.path(x: lx + 13, y: y + 9, radius: 9 * 0.45))\" fill=\"none\" stroke=\"\(MapPalette.covered)\" stroke-width=\"1.2\"/>\n"
            svg += "<text x=\"\(SVG.number(lx + 34))\" y=\"\(SVG.number(y + 13))\">\(SVG.escape(labels.densityCoveredOnly))</text>\n"
        } else if options.showPoints && points != nil {
            svg += "<circle cx=\"\(SVG.number(lx + 13))\" cy=\"\(SVG.number(y + 9))\" r=\"3\" fill=\"\(MapPalette.uncoveredNeed)\" stroke=\"\(MapPalette.uncoveredNeedOutline)\"/>\n"
            svg += "<text x=\"\(SVG.number(lx + 34))\" y=\"\(SVG.number(y + 13))\">\(SVG.escape(labels.needUncovered))</text>\n"
            y += 20
            svg += "<circle cx=\"\(SVG.number(lx + 13))\" cy=\"\(SVG.number(y + 9))\" r=\"3\" fill=\"none\" stroke=\"\(MapPalette.covered)\" stroke-width=\"1.2\"/>\n"
            svg += "<text x=\"\(SVG.number(lx + 34))\" y=\"\(SVG.number(y + 13))\">\(SVG.escape(labels.needCovered))</text>\n"
            y += 20
            svg += "<path d=\"M\(SVG.number(lx + 13)) \(SVG.number(y + 5))l4 4l-4 4l-4 -4Z\" fill=\"\(MapPalette.uncoveredIncident)\" stroke=\"\(MapPalette.uncoveredIncidentOutline)\"/>\n"
            svg += "<text x=\"\(SVG.number(lx + 34))\" y=\"\(SVG.number(y + 13))\">\(SVG.escape(labels.incidentUncovered))</text>\n"
            y += 20
            svg += "<path d=\"M\(SVG.number(lx + 13)) \(SVG.number(y + 5))l4 4l-4 4l-4 -4Z\" fill=\"none\" stroke=\"\(MapPalette.covered)\" stroke-width=\"1.2\"/>\n"
            svg += "<text x=\"\(SVG.number(lx + 34))\" y=\"\(SVG.number(y + 13))\">\(SVG.escape(labels.incidentCovered))</text>\n"
        }
        svg += "</g>\n"

        // Scale bar: a round length near a fifth of the frame, true at the centre.
        let metresPerPixel = 1 / scale
        let target = frame.width * 0.22 * metresPerPixel / 1000
        let lengthKm = [1.0, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000].last { $0 <= target } ?? 1
        let barPixels = lengthKm * 1000 * scale
        let bx = frame.minX + 16, by = frame.maxY - 22
        svg += "<g id=\"scale-bar\" font-family=\"DejaVu Sans, Arial, sans-serif\" font-size=\"11\" fill=\"#1a1a1a\">\n"
        svg += "<rect x=\"\(SVG.number(bx - 6))\" y=\"\(SVG.number(by - 18))\" width=\"\(SVG.number(barPixels + 60))\" height=\"30\" fill=\"#ffffff\" fill-opacity=\"0.8\"/>\n"
        svg += "<rect x=\"\(SVG.number(bx))\" y=\"\(SVG.number(by))\" width=\"\(SVG.number(barPixels / 2))\" height=\"6\" fill=\"#1a1a1a\"/>\n"
        svg += "<rect x=\"\(SVG.number(bx + barPixels / 2))\" y=\"\(SVG.number(by))\" width=\"\(SVG.number(barPixels / 2))\" height=\"6\" fill=\"#ffffff\" stroke=\"#1a1a1a\"/>\n"
        svg += "<text x=\"\(SVG.number(bx))\" y=\"\(SVG.number(by - 5))\">0</text>\n"
        svg += "<text x=\"\(SVG.number(bx + barPixels))\" y=\"\(SVG.number(by - 5))\" text-anchor=\"middle\">\(Self.format(lengthKm)) km</text>\n"
        svg += "</g>\n"

        // North arrow, turned to true north where it stands.
        let ax = frame.maxX - 34, ay = frame.minY + 44
        let arrowPlan = planToGeo(x: ax, y: ay, planExtent: planExtent, scale: scale, offsetX: offsetX, offsetY: offsetY)
        var angle = 0.0
        if let inverse = try? Reprojector(sourceCRS: projection.definition, targetCRS: "EPSG:4326"),
           let lonLat = try? inverse.transform(arrowPlan) {
            let a = try projector.project(lonLat)
            let b = try projector.project(Coordinate(x: lonLat.x, y: min(89.9, lonLat.y + 0.1)))
            angle = atan2(b.x - a.x, b.y - a.y) * 180 / .pi
        }
        svg += "<g id=\"north-arrow\" transform=\"translate(\(SVG.number(ax)) \(SVG.number(ay))) rotate(\(SVG.number(angle)))\" font-family=\"DejaVu Sans, Arial, sans-serif\">\n"
        svg += "<path d=\"M0 -22L9 10L0 4L-9 10Z\" fill=\"#1a1a1a\"/><text x=\"0\" y=\"-26\" font-size=\"14\" font-weight=\"bold\" text-anchor=\"middle\">N</text>\n</g>\n"

        // Sources and method.
        let footer = labels.footer(projection: projection.description(options.language), sources: sources + (townsMarked ? [labels.townSource] : []))
        for (i, line) in footer.enumerated() {
            svg += "<text x=\"\(SVG.number(margin))\" y=\"\(SVG.number(height - footerHeight + 18 + Double(i) * 14))\" font-family=\"DejaVu Sans, Arial, sans-serif\" font-size=\"10.5\" fill=\"#555\">\(SVG.escape(line))</text>\n"
        }
        svg += "</svg>\n"
        return svg
    }

    /// Page pixels back to map-plane metres.
    private func planToGeo(x: Double, y: Double, planExtent: Envelope, scale: Double, offsetX: Double, offsetY: Double) -> Coordinate {
        Coordinate(x: planExtent.minX + (x - offsetX) / scale, y: planExtent.maxY - (y - offsetY) / scale)
    }

    /// The words of a legend's withheld entry, beside its swatch: "withheld
    /// (N)", then why in a smaller grey line fitted to the room; `extra`
    /// is the height the second line adds.
    static func withheldLegendText(_ labels: Labels, _ release: ReleaseMark, count: Int, x: Double, y: Double, room: Double) -> (svg: String, extra: Double) {
        var svg = "<text x=\"\(SVG.number(x))\" y=\"\(SVG.number(y))\">\(SVG.escape(labels.withheld(release)))  (\(count))</text>\n"
        guard let reason = labels.withheldReason(release) else { return (svg, 0) }
        let size = TextWidth.fittedFontSize(reason, preferred: 10.5, room: room)
        svg += "<text x=\"\(SVG.number(x))\" y=\"\(SVG.number(y + 13))\" fill=\"#555\" font-size=\"\(SVG.number(size))\">\(SVG.escape(reason))</text>\n"
        return (svg, 13)
    }

    /// Each class's range as the legend writes it: "a – b" for the first,
    /// "> a – b" after it (the lower bound belongs to the class before), or
    /// one value where a class holds one.
    static func classRanges(_ breaks: ClassBreaks, language: ReportLanguage = .english) -> [String] {
        var lower = breaks.minimum
        return breaks.upperBounds.enumerated().map { i, upper in
            defer { lower = upper }
            if lower == upper { return format(upper, language: language) }
            return (i == 0 ? "" : "> ") + "\(format(lower, language: language)) – \(format(upper, language: language))"
        }
    }

    /// A density hexagon's size, as a share of its cell, by class of uncovered weight.
    static func densitySize(classIndex: Int, classes: Int) -> Double {
        classes <= 1 ? 0.95 : 0.4 + 0.55 * Double(classIndex) / Double(classes - 1)
    }

    /// A class bound or a hexagon's weight: whole, or one decimal below 100;
    /// a decimal comma in French.
    static func format(_ v: Double, language: ReportLanguage = .english) -> String {
        let text: String
        if v == v.rounded() && abs(v) < 1e12 { text = String(Int64(v)) } else { text = abs(v) >= 100 ? String(format: "%.0f", v) : String(format: "%.1f", v) }
        return language == .french ? text.replacingOccurrences(of: ".", with: ",") : text
    }
}

/// Small helpers for writing SVG text.
enum SVG {
    static func header(width: Double, height: Double) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <svg xmlns="http://www.w3.org/2000/svg" width="\(number(width))" height="\(number(height))" viewBox="0 0 \(number(width)) \(number(height))">

        """
    }

    static func number(_ v: Double) -> String {
        let r = (v * 10).rounded() / 10
        return r == r.rounded() ? String(Int(r)) : String(r)
    }

    static func escape(_ s: String) -> String { XMLText.escaped(s) }
}
