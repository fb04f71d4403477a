import GeoCore

/// The run's demand under another coverage (a report's coverage variant:
/// only one actor's initiatives, or those a window of months keeps),
/// without reading the needs and incidents again: the rows `MonthlyDemand`
/// kept (points, and rows located by a region reference) are located under
/// the variant's coverage in row order, so each cell's covered weight is
/// the sum a whole run with those initiatives gives, bit for bit. A sink of
/// the variant's coverage-only run: it replays at `coverageBuilt`, while the
/// variant's footprints and overlay are at hand, and keeps only the sums.
final class CoverageReplay: AnalysisSink {
    private let monthly: MonthlyDemand
    private let analysis: CoverageAnalysis
    /// Aligned with `monthly.keys`.
    private(set) var coveredWeights: [Double] = []

    /// Points located per call of the footprint index: bounds the
    /// coordinates and flags held at once.
    static let pointsPerStep = 1 << 16

    init(_ monthly: MonthlyDemand, analysis: CoverageAnalysis) {
        self.monthly = monthly
        self.analysis = analysis
    }

    func coverageBuilt(_ setup: CoverageSetup) throws {
        let monthly = monthly, points = monthly.points, referenced = monthly.referencedRows
        var sums = [Double](repeating: 0, count: monthly.sums.count)
        var next = 0  // the next referenced row
        /// The referenced rows kept before point `k` (all remaining ones for `points.count`).
        func addReferenced(before k: Int) throws {
            while next < referenced.count, referenced[next].pointsBefore <= k {
                let row = referenced[next]
                var account = LayerAccount(file: "", format: "")
                let o = try analysis.demandOutcomes([row.placement], [row.weight], setup: setup, account: &account)[0]
                let cell = { (r: Int) in monthly.cells.existing(MonthlyDemand.Key(layer: row.layer, region: r, period: row.period, group: row.group)) }
                if let r = o.regionIndex, let c = cell(r) { sums[c] += o.coveredWeight }
                for s in o.shares ?? [] { if let c = cell(s.region) { sums[c] += s.coveredWeight } }
                next += 1
            }
        }
        var start = 0
        while start < points.count {
            let end = min(points.count, start + Self.pointsPerStep)
            let covered = try setup.footprintLocator.anyCovers(points[start..<end].map(\.coordinate), workers: max(1, analysis.parameters.workers))
            for k in start..<end {
                try addReferenced(before: k)
                // A point's covered weight is its weight or nothing (`CoverageAnalysis.demandOutcomes`).
                if points[k].cell >= 0 { sums[Int(points[k].cell)] += covered[k - start] ? points[k].weight : 0 }
            }
            start = end
        }
        try addReferenced(before: points.count)
        coveredWeights = sums
    }
}
