import GeoCore

/// When a need or an incident happened, as the `--from/--to` window reads
/// its date field (`AnalysisFilter.windowDecision`): one month, a span of
/// months (a date naming a whole year), no date, or a date that cannot be
/// read. Months are counted from year 0 (`year × 12 + month − 1`).
public enum DemandPeriod: Hashable, Sendable {
    case month(Int)
    case months(first: Int, last: Int)
    case undated
    case unreadable

    public init(date: String) {
        if date.isEmpty {
            self = .undated
        } else if let span = DaySpan.parse(date) {
            let first = Self.month(span.first), last = Self.month(span.last)
            self = first == last ? .month(first) : .months(first: first, last: last)
        } else {
            self = .unreadable
        }
    }

    static func month(_ day: CalendarDay) -> Int { day.year * 12 + day.month - 1 }

    /// "2019-03" for a month index.
    public static func text(_ month: Int) -> String {
        let year = month / 12, m = month % 12 + 1
        return (year < 1000 ? String(repeating: "0", count: 4 - String(year).count) : "") + "\(year)-" + (m < 10 ? "0\(m)" : "\(m)")
    }

    /// The months it covers; nil without a readable date.
    public var range: ClosedRange<Int>? {
        switch self {
        case .month(let m): m...m
        case .months(let a, let b): a...b
        case .undated, .unreadable: nil
        }
    }
}

/// Needs and incidents added up per unit, per period of their date and per
/// need category or incident type, with the weight a footprint covers (a
/// sink of the pipeline). Filters that only pick demand rows (a window of
/// months, categories, event types) are then sums of these cells, equal to
/// a run with that filter: the covered weight of a row does not depend on
/// the other rows. Rows in no unit are not counted, as in the metrics.
public final class MonthlyDemand: AnalysisSink {
    public struct Key: Hashable, Sendable {
        public var layer: DemandPoints.Layer
        public var region: Int
        public var period: Int
        public var group: Int
    }

    public struct Sum: Sendable, Equatable {
        public var weight = 0.0
        public var coveredWeight = 0.0
    }

    /// Periods met, in order of first appearance (`Key.period` indexes it).
    public var periods: [DemandPeriod] { periodOrder.values }
    /// Need categories and incident types met, as first spelt (`Key.group`
    /// indexes the layer's list); spellings that `--category` or
    /// `--event-type` would match alike are one group.
    public private(set) var needCategories: [String] = []
    public private(set) var incidentTypes: [String] = []
    /// The cells in order of creation, and their sums.
    public var keys: [Key] { cells.values }
    public private(set) var sums: [Sum] = []
    private(set) var cells = FirstSeenOrder<Key>()
    private var periodOrder = FirstSeenOrder<DemandPeriod>()
    private var dateIndex: [String: Int] = [:]
    private var groupIndex: [DemandPoints.Layer: [String: Int]] = [:]

    /// With `keepsPoints`, every need and incident located by a point, in
    /// row order: position, weight, whether covered, period and group (the
    /// report draws them and filters them as it filters the sums).
    public struct Point: Sendable {
        public var coordinate: Coordinate
        public var weight: Double
        public var layer: DemandPoints.Layer
        public var covered: Bool
        public var period: Int32
        public var group: Int32
        /// The cell its weight went to (`keys`); −1 for a point in no unit.
        var cell: Int32
    }

    /// With `keepsPoints`, the rows located by a region reference instead of
    /// a point, with where they fall among the points: with the points, the
    /// run's demand in row order, replayed under other coverages
    /// (`coveredWeights(under:analysis:)`).
    struct ReferencedRow {
        /// How many points were kept before it.
        var pointsBefore: Int
        var layer: DemandPoints.Layer
        var placement: Placement
        var weight: Double
        var period: Int
        var group: Int
    }

    public let keepsPoints: Bool
    public private(set) var points: [Point] = []
    private(set) var referencedRows: [ReferencedRow] = []

    public init(keepsPoints: Bool = false) {
        self.keepsPoints = keepsPoints
    }

    public func demand(_ chunk: DemandChunk, outcomes: [DemandOutcome], setup: CoverageSetup) throws {
        switch chunk {
        case .needs(let items):
                for (i, need) in items.enumerated() { add(.needs, need.date, need.category, need.weight, need.placement, outcomes[i]) }
        case .incidents(let items):
            for (i, incident) in items.enumerated() {
                add(.incidents, incident.date, incident.type, incident.weight, incident.placement, outcomes[i])
            }
        }
    }

    private func add(_ layer: DemandPoints.Layer, _ date: String, _ group: String, _ weight: Double, _ placement: Placement,
                     _ o: DemandOutcome) {
        let period = periodNumber(date), g = groupNumber(layer, group)
        var cell = -1
        if let r = o.regionIndex { cell = add(Key(layer: layer, region: r, period: period, group: g), weight, o.coveredWeight) }
        for s in o.shares ?? [] { add(Key(layer: layer, region: s.region, period: period, group: g), s.weight, s.coveredWeight) }
        guard keepsPoints else { return }
        switch placement {
        case .point(let c):
            points.append(Point(coordinate: c, weight: weight, layer: layer, covered: o.covered, period: Int32(period), group: Int32(g),
                                cell: Int32(cell)))
        case .region, .unit:
            referencedRows.append(ReferencedRow(pointsBefore: points.count, layer: layer, placement: placement, weight: weight,
                                                period: period, group: g))
        case .area:
            break  // located nowhere: no cell (`CoverageAnalysis.demandOutcomes`)
        }
    }

    @discardableResult
    private func add(_ key: Key, _ weight: Double, _ covered: Double) -> Int {
        let i = cells.number(key)
        if i == sums.count { sums.append(Sum()) }
        sums[i].weight += weight
        sums[i].coveredWeight += covered
        return i
    }

    /// The sums of `key`; zero when no row fell there.
    public func sum(_ key: Key) -> Sum { cells.existing(key).map { sums[$0] } ?? Sum() }

    func periodNumber(_ date: String) -> Int {
        if let found = dateIndex[date] { return found }
        let number = periodOrder.number(DemandPeriod(date: date))
        if dateIndex.count < 100_000 { dateIndex[date] = number }
        return number
    }

    func groupNumber(_ layer: DemandPoints.Layer, _ name: String) -> Int {
        let key = AnalysisFilter.key(name)
        if let found = groupIndex[layer]?[key] { return found }
        let number: Int
        switch layer {
        case .needs:
            number = needCategories.count
            needCategories.append(name)
        case .incidents:
            number = incidentTypes.count
            incidentTypes.append(name)
        }
        groupIndex[layer, default: [:]][key] = number
        return number
    }

    /// The first and last month of the rows dated to one month or a span; nil when none is.
    public var monthRange: ClosedRange<Int>? {
        let ranges = periods.compactMap(\.range)
        guard let first = ranges.map(\.lowerBound).min(), let last = ranges.map(\.upperBound).max() else { return nil }
        return first...last
    }
}
