import GeoCore
import GeoFormats

/// Where each row of a point layer is: at its coordinates, or in the region
/// it names. Built once per layer, it knows the file's source format, its
/// region-reference columns, and the verdicts of `PointScreen` on its points.
struct RowPlacer {
    enum Outcome {
        /// `imprecise`: an event of imprecise location credited to the region
        /// its admin columns name.
        /// `note`: how a region reference matched when not exactly, or the
        /// coarser unit it was credited to (listed as `matched`).
        case placed(Placement, imprecise: Bool, note: (field: String, text: String)? = nil)
        case rejected(field: String?, reason: String)
    }

    let format: SourceFormat
    let lookup: FieldLookup
    let references: RegionReferenceColumns
    let imprecision: ImpreciseLocationRule?
    let catalog: RegionCatalog
    /// Per feature index: why its point cannot be used, if it cannot.
    private let verdicts: [PointScreen.Verdict?]
    /// Per feature index: the region the screen found its point in (-1: none;
    /// `PointScreen.notLocated`: not located by the screen).
    private let located: [Int32]
    let coordinateField: String

    /// `screen`: the regions' `PointScreen`, when the caller has built it
    /// already (a layer read in chunks builds it once).
    init<Rows: PointRowSource>(rows: Rows, regions: [Region], catalog: RegionCatalog, screen: PointScreen? = nil) {
        let source = rows.source
        format = SourceFormat.recognise(source)
        let lookup = FieldLookup(source: source)
        self.lookup = lookup
        references = RegionReferenceColumns(lookup: lookup, format: format)
        imprecision = format.impreciseLocationRule.flatMap { lookup.has($0.field) ? $0 : nil }
        self.catalog = catalog
        coordinateField = source.coordinateColumns.map { "\($0.x)/\($0.y)" } ?? "geometry"
        var points: [Coordinate] = []
        var owners: [Int] = []
        for i in 0..<rows.count {
            if case .point(let c) = rows.shape(i) {
                points.append(c)
                owners.append(i)
            }
        }
        var verdicts = [PointScreen.Verdict?](repeating: nil, count: rows.count)
        var located = [Int32](repeating: PointScreen.notLocated, count: rows.count)
        if !regions.isEmpty, !points.isEmpty {
            // A failure here (a GEOS error on an odd region) only skips the screening.
            if let found = try? (screen ?? PointScreen(regions: regions)).screening(points) {
                for (k, v) in found.verdicts.enumerated() { verdicts[owners[k]] = v }
                for (k, r) in found.located.enumerated() { located[owners[k]] = r }
            }
        }
        self.verdicts = verdicts
        self.located = located
    }

    /// The region the screen found row `index`'s point in: its index, -1
    /// for none, or `PointScreen.notLocated`.
    func locatedRegion(at index: Int) -> Int32 {
        index < located.count ? located[index] : PointScreen.notLocated
    }

    /// The placement of a point or reference row (polygons are placed by
    /// the caller).
    func place<Values: RowValues>(_ p: Values, shape: RowShape, at index: Int) -> Outcome {
        if let rule = imprecision, let code = rule.code(p, lookup: lookup), code >= rule.threshold {
            let why = "\(rule.field) \(code): only a larger area is known (the coordinates are its main town's)"
            switch references.resolve(p, catalog: catalog, onlyLevels: true) {
            case .found(let r, let field, let note):
                return .placed(.region(r), imprecise: true, note: note.map { (field, $0) })
            case .unit(let unit, let field, let note):
                return .placed(.unit(unit), imprecise: true, note: (field, note))
            case .none:
                return .rejected(field: lookup.find([rule.field]),
                                 reason: "\(why), and no admin column names that area, so the event cannot be credited to a region")
            case .failed(let field, let reason):
                return .rejected(field: field, reason: "\(why), credited by its admin columns, but \(reason)")
            }
        }
        if case .point(let c) = shape {
            if index < verdicts.count, let verdict = verdicts[index] {
                return .rejected(field: coordinateField, reason: PointScreen.reason(verdict, point: c))
            }
            return .placed(.point(c), imprecise: false)
        }
        switch references.resolve(p, catalog: catalog) {
        case .found(let r, let field, let note):
            return .placed(.region(r), imprecise: false, note: note.map { (field, $0) })
        case .unit(let unit, let field, let note):
            return .placed(.unit(unit), imprecise: false, note: (field, note))
        case .none:
            return .rejected(field: references.general ?? "geometry",
                             reason: "no coordinates and no region reference: give lon/lat or a region id or name")
        case .failed(let field, let reason):
            return .rejected(field: field, reason: reason)
        }
    }
}
