import Foundation
import GeoCore

/// The coverage of the run with only one actor's or one kind's initiatives
/// (`--actor`, `--kind`): its unit metrics and, for every cell of the base
/// run's `MonthlyDemand`, the weight it covers. The report's actor and kind
/// filters switch between these.
public struct CoverageVariant: Sendable {
    public enum Filter: String, Sendable {
        case actor, kind
    }

    /// nil: every actor and kind.
    public var filter: Filter?
    public var value: String
    /// The set of initiatives the variant's windows keep (`WindowSets`; 0: all in the run).
    public var window: Int
    public var metrics: [RegionMetrics]
    /// Aligned with the base run's `MonthlyDemand.keys`.
    public var coveredWeights: [Double]
}

/// A combination the page's filters can choose (a window's set of
/// initiatives, an actor or a kind) and the coverage it reads: 0 the run's,
/// k the k-th variant. Combinations that keep the same initiatives share one.
public struct VariantChoice: Sendable, Equatable {
    public var window: Int
    public var filter: CoverageVariant.Filter?
    public var value: String
    /// −1 when no variant computed keeps the same initiatives: then `perUnit`.
    public var coverage: Int
    /// Per unit, the variant that keeps the same initiatives among those
    /// reaching the unit (`InitiativeReach`); −1 for a unit none answers.
    public var perUnit: [Int]? = nil
}

/// What the interactive report embeds, as one JSON document: the units
/// (simplified outlines, identity, parents), their metrics per coverage
/// variant, the demand per unit, period and category or type, the points
/// (or hexagons past `dotLimit`), the gaps and the coverage. The page's
/// script only adds these up, so a figure for a filter is the figure of
/// `gapmap analyze` with that filter.
struct ReportData {
    let report: CoverageReport
    let monthly: MonthlyDemand?
    let variants: [CoverageVariant]
    /// Every combination computed, and its coverage.
    var choices: [VariantChoice] = []
    let windows: WindowSets?
    let shared: SharedFigures?
    /// Up to this many points are embedded one by one; more are binned
    /// into hexagons (`PointDensity`) so the page's size stays bounded.
    var dotLimit = 20_000
    /// Hexagons keep their weight per period and group up to this many
    /// entries in all (a page of about 15 MB at most), else one per hexagon,
    /// and the page says that they do not follow those filters. 1M points
    /// over 701 communes: 24.4 MB and 1.94× `analyze`'s memory with entries.
    var hexagonEntryLimit = 200_000
    /// Vertices that move less than this are dropped from outlines (about
    /// 250 m: below a pixel at the zoom that shows a commune whole).
    var toleranceDegrees = 0.0025
    /// The language of the texts the data carries (a shareable map's legends).
    var language: ReportLanguage = .english

    /// The JSON text, safe to place inside a `<script>` element.
    func json() throws -> String {
        let engine = try GeometryEngine()
        var j = JSONText()
        j.open("{")
        j.key("units")
        j.open("[")
        for (r, region) in report.regions.enumerated() {
            j.comma()
            j.open("{")
            j.key("id"); j.string(region.id)
            j.key("name"); j.string(region.name)
            j.key("parents")
            j.open("[")
            for p in region.parents where p.level < (region.level ?? Int.max) {
                j.comma(); j.string(p.name.isEmpty ? p.id : "\(p.name) (\(p.id))")
            }
            j.close("]")
            j.key("area"); j.number(report.metrics[r].areaKm2)
            j.key("population"); j.number(report.metrics[r].population)
            j.key("shape"); try j.geometry(try engine.simplified(region.geometry, toleranceDegrees: toleranceDegrees))
            // A shareable run with sensitive kinds: no gap outline where their footprints reach (it would draw them).
            let gap = shared?.sensitive?.masked[r] == true ? Geometry.emptyPolygonal : report.gaps[r]
            j.key("gap"); try j.geometry(gap.isEmpty ? nil : try engine.simplified(gap, toleranceDegrees: toleranceDegrees))
            if let sensitive = shared?.sensitive { j.key("sensitive"); j.strings(sensitive.kinds[r]) }
            if let shared {
                j.key("withheld")
                j.open("[")
                for key in shared.withheld(regionID: region.id) { j.comma(); j.string(key) }
                j.close("]")
            }
            j.close("}")
        }
        j.close("]")
        j.key("coverage")
        let coverage = shared?.sensitive?.coverage ?? report.coverage
        try j.geometry(coverage.isEmpty ? nil : try engine.simplified(coverage.polygonalPart, toleranceDegrees: toleranceDegrees))

        // The base run first, then one variant per actor or kind.
        j.key("variants")
        j.open("[")
        variant(&j, filter: nil, value: nil, window: 0, metrics: report.metrics)
        for v in variants { variant(&j, filter: v.filter?.rawValue, value: v.filter == nil ? nil : v.value, window: v.window, metrics: v.metrics) }
        j.close("]")
        j.key("choices")
        j.open("[")
        for c in choices {
            j.comma()
            j.open("[")
            j.comma(); j.raw(String(c.window))
            j.comma(); if let f = c.filter { j.string(f.rawValue) } else { j.raw("null") }
            j.comma(); if c.filter == nil { j.raw("null") } else { j.string(c.value) }
            j.comma(); j.raw(String(c.coverage))
            if let perUnit = c.perUnit { j.comma(); j.raw("[" + perUnit.map(String.init).joined(separator: ",") + "]") }
            j.close("]")
        }
        j.close("]")
        // The demand layers the run had no file for: their figures are "—", not 0.
        j.key("noLayer")
        j.strings([LayerKind.needs, .incidents].filter { report.layers[$0] == nil }.map(\.rawValue))

        if shared != nil {
            // A shareable page: the national totals of the counted figures
            // are published (the suppression protects them), while the units'
            // withheld figures are null and cannot be added up on the page.
            let totals = RegionTotals(report.metrics).metrics
            j.key("national")
            j.open("{")
            for metric in SharedFigures.countedMetrics {
                j.key(metric.key); j.number(metric.value(totals))
            }
            j.close("}")
        }

        if let monthly, shared == nil {
            j.key("periods")
            j.open("[")
            for p in monthly.periods {
                j.comma()
                switch p {
                case .month(let m): j.raw("[\(m),\(m)]")
                case .months(let a, let b): j.raw("[\(a),\(b)]")
                case .undated: j.raw("0")
                case .unreadable: j.raw("-1")
                }
            }
            j.close("]")
            if let range = monthly.monthRange { j.key("months"); j.raw("[\(range.lowerBound),\(range.upperBound)]") }
            j.key("needCategories"); j.strings(monthly.needCategories)
            j.key("incidentTypes"); j.strings(monthly.incidentTypes)
            j.key("cells")
            j.open("{")
            j.key("incident"); j.numbers(monthly.keys.map { $0.layer == .incidents ? 1 : 0 })
            j.key("unit"); j.numbers(monthly.keys.map(\.region))
            j.key("period"); j.numbers(monthly.keys.map(\.period))
            j.key("group"); j.numbers(monthly.keys.map(\.group))
            j.key("weight"); j.numbers(monthly.sums.map(\.weight))
            j.key("covered")
            j.open("[")
            j.comma(); j.numbers(monthly.sums.map(\.coveredWeight))
            for v in variants { j.comma(); j.numbers(v.coveredWeights) }
            j.close("]")
            j.close("}")
            trendFlags(&j, monthly)
            points(&j, monthly)
            j.key("datedInitiatives")
            j.raw(report.initiatives.indices.contains { report.initiativeInRun[$0] && !(report.initiatives[$0].startDate.isEmpty && report.initiatives[$0].endDate.isEmpty) }
                  ? "true" : "false")
            if let windows {
                j.key("windowSets"); j.numbers(windows.matrix)
                j.key("windowSetCount"); j.raw(String(windows.sets.count))
            }
        }
        if let shared { sharedLayers(&j, shared, labels: Labels(language)) }
        j.close("}")
        return j.text
    }

    /// The metrics that depend on the initiatives kept (the demand ones are added up by the script).
    static let coverageMetrics: Set<String> = [MetricCatalogue.coveredKm2, MetricCatalogue.coveragePct, MetricCatalogue.initiatives,
                                              MetricCatalogue.programmes, MetricCatalogue.coveredPopulation, MetricCatalogue.uncoveredPopulation].map(\.key)
        .reduce(into: []) { $0.insert($1) }

    /// One coverage: the run's metrics, or a variant's coverage metrics.
    private func variant(_ j: inout JSONText, filter: String?, value: String?, window: Int, metrics: [RegionMetrics]) {
        j.comma()
        j.open("{")
        j.key("filter")
        if let filter { j.string(filter) } else { j.raw("null") }
        j.key("value")
        if let value { j.string(value) } else { j.raw("null") }
        j.key("window"); j.raw(String(window))
        let withheld = shared.map { s in report.regions.map { Set(s.withheld(regionID: $0.id)) } }
        // A variant differs from the run only where the initiatives count; the script reads the rest from the run.
        for metric in MetricCatalogue.all where filter == nil && window == 0 || Self.coverageMetrics.contains(metric.key) {
            j.key(metric.key)
            j.open("[")
            for (r, m) in metrics.enumerated() {
                j.comma()
                if withheld?[r].contains(metric.key) == true {
                    j.raw("null")
                } else if let shared, metric.key == MetricCatalogue.gapRank.key {
                    // A shareable page ranks on published figures only (`SharedFigures.publishedRank`).
                    if let rank = shared.publishedRank(regionID: report.regions[r].id) { j.number(Double(rank)) } else { j.raw("null") }
                } else {
                    j.number(metric.value(m))
                }
            }
            j.close("]")
        }
        j.close("}")
    }

    /// The change flags of every unit's monthly series (`TrendFlagsByGroup`), per
    /// layer and filter (index 0: every category or type; g + 1: group g), each
    /// flagged month as four numbers: unit, months after the first of `months`,
    /// the change in whole percent, 1 for a large rise or 2 for a surge.
    private func trendFlags(_ j: inout JSONText, _ monthly: MonthlyDemand) {
        let flags = TrendFlagsByGroup(monthly, regionCount: report.regions.count)
        let first = monthly.monthRange?.lowerBound ?? 0
        j.key("trendFlags")
        j.open("{")
        for (name, options) in [("needs", flags.needs), ("incidents", flags.incidents)] {
            j.key(name)
            j.open("[")
            for flagged in options {
                j.comma()
                j.numbers(flagged.flatMap { [$0.region, $0.month - first, Int($0.changePct.rounded()), $0.flag == .surge ? 2 : 1] })
            }
            j.close("]")
        }
        j.close("}")
    }

    /// The points one by one up to `dotLimit`, else hexagons of about a
    /// 150th of the map's width, each with its covered and uncovered weight
    /// per period and need category or incident type, so that the page's
    /// filters pick the hexagons' rows as they pick the cells'. Each layer's
    /// hexagons: their centres, then one entry per hexagon, period and group
    /// in hexagon order, the hexagon as the step from the previous entry's.
    private func points(_ j: inout JSONText, _ monthly: MonthlyDemand) {
        let points = monthly.points
        if points.count <= dotLimit {
            j.key("points")
            j.open("{")
            j.key("lon"); j.fixed(points.map(\.coordinate.x), 5)
            j.key("lat"); j.fixed(points.map(\.coordinate.y), 5)
            j.key("incident"); j.numbers(points.map { $0.layer == .incidents ? 1 : 0 })
            j.key("covered"); j.numbers(points.map { $0.covered ? 1 : 0 })
            j.key("weight"); j.numbers(points.map(\.weight))
            j.key("period"); j.numbers(points.map { Int($0.period) })
            j.key("group"); j.numbers(points.map { Int($0.group) })
            j.close("}")
            return
        }
        // Hexagons on a plane where a degree of longitude is cos(latitude) of one of latitude.
        let lats = points.map(\.coordinate.y), lons = points.map(\.coordinate.x)
        let midLat = ((lats.min() ?? 0) + (lats.max() ?? 0)) / 2
        let scale = max(0.2, cos(midLat * .pi / 180))
        let width = max(1e-6, ((lons.max() ?? 0) - (lons.min() ?? 0)) * scale)
        struct Entry: Hashable {
            var hexagon: Int
            var period: Int32
            var group: Int32
        }
        var layers: [(String, PointDensity, [(entry: Entry, covered: Double, uncovered: Double)])] = []
        // Entries are kept while they fit the limit (so memory stays bounded too), then dropped for one per hexagon.
        var byPeriod = true, kept = 0
        for layer in [DemandPoints.Layer.needs, .incidents] {
            var density = PointDensity(radius: width / 150)
            var entries = FirstSeenOrder<Entry>(), sums: [(covered: Double, uncovered: Double)] = []
            for p in points where p.layer == layer {
                let hexagon = density.add(x: p.coordinate.x * scale, y: p.coordinate.y, weight: p.weight, covered: p.covered)
                guard byPeriod else { continue }
                let e = entries.number(Entry(hexagon: hexagon, period: p.period, group: p.group))
                if e == sums.count {
                    sums.append((0, 0))
                    if kept + sums.count > hexagonEntryLimit {
                        byPeriod = false
                        entries = FirstSeenOrder()
                        sums = []
                        continue
                    }
                }
                if p.covered { sums[e].covered += p.weight } else { sums[e].uncovered += p.weight }
            }
            kept += sums.count
            let sorted = zip(entries.values, sums).map { (entry: $0, covered: $1.covered, uncovered: $1.uncovered) }
                .sorted { ($0.entry.hexagon, $0.entry.period, $0.entry.group) < ($1.entry.hexagon, $1.entry.period, $1.entry.group) }
            layers.append((layer == .needs ? "needs" : "incidents", density, sorted))
        }
        if !byPeriod {
            // Past the limit, one entry per hexagon: its whole weight, under period and group 0.
            layers = layers.map { name, density, _ in
                (name, density, density.cells.indices.map { i in
                    (entry: Entry(hexagon: i, period: 0, group: 0), covered: density.cells[i].coveredWeight, uncovered: density.cells[i].uncoveredWeight)
                })
            }
        }
        j.key("hexagons")
        j.open("{")
        j.key("byPeriod"); j.raw(byPeriod ? "true" : "false")
        j.key("radiusDegrees"); j.number(width / 150)
        j.key("lonScale"); j.number(scale)
        j.key("points"); j.number(Double(points.count))
        for (name, density, entries) in layers {
            j.key(name)
            j.open("{")
            let centres = density.cells.map { density.centre($0) }
            j.key("x"); j.fixed(centres.map(\.x), 5)
            j.key("y"); j.fixed(centres.map(\.y), 5)
            let hexagons = entries.map(\.entry.hexagon)
            j.key("step"); j.numbers(hexagons.indices.map { hexagons[$0] - ($0 == 0 ? 0 : hexagons[$0 - 1]) })
            j.key("period"); j.numbers(entries.map { Int($0.entry.period) })
            j.key("group"); j.numbers(entries.map { Int($0.entry.group) })
            j.key("covered"); j.numbers(entries.map(\.covered))
            j.key("uncovered"); j.numbers(entries.map(\.uncovered))
            j.close("}")
        }
        j.close("}")
    }
}

/// A JSON document written as text, fast enough for a hundred thousand
/// numbers: no intermediate tree. Non-finite numbers are written as null.
struct JSONText {
    private(set) var text = ""
    private var first = true

    mutating func open(_ bracket: String) {
        text += bracket
        first = true
    }

    mutating func close(_ bracket: String) {
        text += bracket
        first = false
    }

    /// A separator before an array element (none before the first).
    mutating func comma() {
        if !first { text += "," }
        first = false
    }

    mutating func key(_ name: String) {
        comma()
        string(name)
        text += ":"
        first = true
    }

    mutating func raw(_ s: String) {
        text += s
        first = false
    }

    mutating func string(_ s: String) {
        text += "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            case "<": text += "\\u003c"  // never "</script>" inside the page's script
            case _ where u.value < 0x20: text += String(format: "\\u%04x", u.value)
            default: text.unicodeScalars.append(u)
            }
        }
        text += "\""
        first = false
    }

    mutating func strings(_ values: [String]) {
        open("[")
        for v in values { comma(); string(v) }
        close("]")
    }

    mutating func number(_ v: Double?) {
        guard let v, v.isFinite else { return raw("null") }
        raw(v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : String(v))
    }

    mutating func numbers(_ values: [Double]) {
        open("[")
        for v in values { comma(); number(v) }
        close("]")
    }

    mutating func numbers(_ values: [Int]) {
        raw("[" + values.map(String.init).joined(separator: ",") + "]")
    }

    mutating func fixed(_ values: [Double], _ decimals: Int) {
        raw("[" + values.map { $0.isFinite ? String(format: "%.\(decimals)f", $0) : "null" }.joined(separator: ",") + "]")
    }

    /// Polygons as [[[x, y], ...rings], ...polygons] with 5 decimals (about 1 m); null for none.
    mutating func geometry(_ g: Geometry?) throws {
        guard let g else { return raw("null") }
        let polygons = g.polygons
        var s = "["
        for (i, p) in polygons.enumerated() {
            if i > 0 { s += "," }
            s += "["
            for (k, ring) in ([p.exterior] + p.holes).enumerated() {
                if k > 0 { s += "," }
                s += "[" + ring.map { "[" + String(format: "%.5f,%.5f", $0.x, $0.y) + "]" }.joined(separator: ",") + "]"
            }
            s += "]"
        }
        raw(s + "]")
    }
}

extension CoverageVariant {
    /// At most this many distinct variants are computed (each a coverage
    /// and its demand replayed): the windows' sets first, then the actors
    /// and kinds over the whole period, then their combinations, those that
    /// keep the same initiatives sharing one; the page says when the filters
    /// chosen need one that was not computed.
    public static let limit = 24

    /// Past the limit, at most this many more variants are computed for the
    /// combinations that some units' initiatives tell apart from every
    /// variant (a unit none answers is shown with the whole period's
    /// initiatives, and the page says so).
    public static let residualLimit = 8

    /// The variants the page's filters need, and which set of initiatives
    /// each window of months keeps (`WindowSets`).
    ///
    /// A window of months keeps the initiatives running in it
    /// (`AnalysisFilter`), so the coverage depends on the window when
    /// initiatives are dated: one variant per distinct set of initiatives
    /// kept over all the windows of the data's months. Then one variant per
    /// actor and per kind of the initiatives in the run (where the run has
    /// more than one, and was not filtered on it already), for each set:
    /// the same source with only those initiatives, as `analyze --from
    /// --to --actor A` or `--kind K` reads it.
    static func all(_ source: AnalysisSource, request: AnalysisRequest, report: CoverageReport,
                    monthly: MonthlyDemand) throws -> (variants: [CoverageVariant], choices: [VariantChoice], windows: WindowSets?) {
        guard let initiatives = source.input.initiatives else { return ([], [], nil) }
        let inRun = report.initiatives.indices.filter { report.initiativeInRun[$0] }.map { report.initiatives[$0] }
        var filters: [(Filter, String, AnalysisFilter)] = []
        let actors = Actor.allCases.filter { a in inRun.contains { $0.actor == a } }
        if request.filter.actors.isEmpty, actors.count > 1 {
            filters += actors.map { (.actor, $0.rawValue, AnalysisFilter(actors: [$0])) }
        }
        var kinds: [String] = [], seen: Set<String> = []
        for i in inRun where !i.kind.isEmpty && seen.insert(AnalysisFilter.key(i.kind)).inserted { kinds.append(i.kind) }
        if request.filter.kinds.isEmpty, kinds.count > 1 {
            filters += kinds.map { (.kind, $0, AnalysisFilter(kinds: [$0])) }
        }
        var windows = request.filter.hasWindow ? nil : WindowSets(initiatives, inRunLines: Set(inRun.map(\.line)), months: monthly.monthRange)
        if let w = windows, w.sets.count - 1 > limit { windows = nil }
        // In order until the limit: each window's set alone, each actor and kind over the whole period, then the combinations.
        let sets = windows?.sets.count ?? 1
        let choices: [(Int, Int?)] = (1..<max(1, sets)).map { ($0, nil) } + filters.indices.map { (0, $0) }
            + (1..<max(1, sets)).flatMap { set in filters.indices.map { (set, $0) } }
        // Each variant is a run without demand (its coverage and coverage metrics), the run's kept demand replayed under it.
        var coverageOnly = source.input
        coverageOnly.needs = nil
        coverageOnly.incidents = nil
        var parameters = request.parameters
        // The variant's rank is not shown, and a rank by exposure would need the incidents.
        parameters.rankBy = MetricCatalogue.uncoveredDemand.key
        let analysis = CoverageAnalysis(parameters: parameters, progress: .silent)
        var result: [CoverageVariant] = [], chosen: [VariantChoice] = []
        // The sets of initiatives in the run that the variants keep (0: all of them, the run's own coverage).
        let inRunLines = Set(inRun.map(\.line))
        var keptSets = FirstSeenOrder<Set<Int>>()
        _ = keptSets.number(inRunLines)
        // The initiatives each computed coverage keeps (0: the run's), and the combinations past the limit.
        var variantLines: [Set<Int>] = [inRunLines]
        var pending: [(set: Int, filter: Int?, lines: Set<Int>)] = []
        // The initiatives a window's set and a filter keep.
        func kept(_ set: Int, _ f: Int?) -> LoadedLayer<Initiative> {
            var kept = set == 0 ? initiatives : windows!.filter(set).apply(to: initiatives)
            if let f { kept = filters[f].2.apply(to: kept) }
            return kept
        }
        // Computes the coverage of those initiatives, its demand replayed.
        func compute(_ set: Int, _ f: Int?, _ lines: Set<Int>) throws {
            var variant = coverageOnly
            variant.initiatives = kept(set, f)
            let replay = CoverageReplay(monthly, analysis: analysis)
            let run = try analysis.run(AnalysisSource(variant), into: [replay])
            result.append(CoverageVariant(filter: f.map { filters[$0].0 }, value: f.map { filters[$0].1 } ?? "", window: set, metrics: run.metrics,
                                          coveredWeights: replay.coveredWeights))
            variantLines.append(lines)
        }
        for (set, f) in choices {
            let lines = Set(kept(set, f).items.map(\.line)).intersection(inRunLines)
            let coverage = keptSets.number(lines)
            if coverage == result.count + 1, result.count < limit { try compute(set, f, lines) }
            guard coverage <= result.count else { pending.append((set, f, lines)); continue }  // a set past the limit
            chosen.append(VariantChoice(window: set, filter: f.map { filters[$0].0 }, value: f.map { filters[$0].1 } ?? "", coverage: coverage))
        }
        // Past the limit, unit by unit: the variant that keeps the same initiatives among those reaching the unit.
        if !pending.isEmpty {
            let reach = InitiativeReach(report: report, analysis: analysis)
            var answers = pending.map { reach.variants(for: $0.lines, among: variantLines) }
            // Units no variant answers: up to `residualLimit` more variants, each for the
            // combination that leaves the most units unanswered; a new variant may answer
            // other combinations' units too.
            for _ in 0..<residualLimit {
                let unanswered = answers.map { $0.count { $0 < 0 } }
                guard let worst = unanswered.indices.max(by: { unanswered[$0] < unanswered[$1] }), unanswered[worst] > 0 else { break }
                let p = pending[worst]
                try compute(p.set, p.filter, p.lines)
                for k in answers.indices {
                    answers[k] = reach.answering(answers[k], kept: pending[k].lines, with: variantLines.count - 1, among: variantLines)
                }
            }
            for (p, perUnit) in zip(pending, answers) {
                chosen.append(VariantChoice(window: p.set, filter: p.filter.map { filters[$0].0 }, value: p.filter.map { filters[$0].1 } ?? "",
                                            coverage: -1, perUnit: perUnit))
            }
        }
        return (result, chosen, windows)
    }
}

/// Which initiatives each window of whole months keeps: for every window
/// from month `a` to month `b` of the data, the number of its set of kept
/// initiatives in the run (0: every initiative in the run).
public struct WindowSets: Sendable {
    public let months: ClosedRange<Int>
    /// A representative window of each set (set 0: none).
    public let windows: [ClosedRange<Int>?]
    /// Row `a − first`, column `b − first`: the set; −1 where b < a.
    public let matrix: [Int]
    public var sets: [ClosedRange<Int>?] { windows }

    /// nil when no initiative in the run is dated, or no demand row is.
    init?(_ initiatives: LoadedLayer<Initiative>, inRunLines: Set<Int>, months: ClosedRange<Int>?) {
        guard let months, initiatives.items.contains(where: { inRunLines.contains($0.line) && !($0.startDate.isEmpty && $0.endDate.isEmpty) })
        else { return nil }
        self.months = months
        var order = FirstSeenOrder<Set<Int>>()
        _ = order.number(inRunLines)
        var windows: [ClosedRange<Int>?] = [nil]
        var matrix = Array(repeating: -1, count: months.count * months.count)
        for a in months {
            for b in a...months.upperBound {
                let set = order.number(Set(Self.filter(a...b).apply(to: initiatives).items.map(\.line)).intersection(inRunLines))
                if set == windows.count { windows.append(a...b) }
                matrix[(a - months.lowerBound) * months.count + (b - months.lowerBound)] = set
            }
        }
        self.windows = windows
        self.matrix = matrix
    }

    /// The `--from/--to` filter of whole months `window`.
    static func filter(_ window: ClosedRange<Int>) -> AnalysisFilter {
        let from = CalendarDay(year: window.lowerBound / 12, month: window.lowerBound % 12 + 1, day: 1)
        let lastYear = window.upperBound / 12, lastMonth = window.upperBound % 12 + 1
        let to = CalendarDay(year: lastYear, month: lastMonth, day: CalendarDay.days(inMonth: lastMonth, year: lastYear))
        return AnalysisFilter(from: from, to: to)
    }

    func filter(_ set: Int) -> AnalysisFilter { Self.filter(windows[set]!) }
}
