import GeoCore

/// The range of every size and number a user gives, on the command line or
/// in a row, declared once: the options' checks and the rows' checks both
/// read them, so a value refused in one place is refused in the other with
/// the same words.
///
/// Each bound keeps memory and time bounded for every value it accepts and
/// keeps the geometry within what the constructions are right for:
/// - segments: 1,024 vertices already draw a disc within 0.0005 % of its
///   area; a million took 4.4 GB.
/// - radius: a service radius beyond 2,000 km spans a whole country (Mali
///   is 1,800 km across) and is a region-wide programme, not a local one; a
///   disc must also neither reach a pole nor cross the antimeridian
///   (`Geodesy.discLimit`), since its edges are straight in
///   longitude/latitude and such a disc would wrap the wrong way round.
/// - weights and populations: at most 1e12 each, so that the sum of any
///   layer GEOS and memory can hold stays finite (1e12 × 1e9 rows = 1e21).
public enum InputBounds {
    /// A closed range with a name and a unit, for messages.
    public struct Bound<Value: Comparable & Sendable>: Sendable {
        public var name: String
        /// The smallest value allowed; `lowerOpen`: the value must exceed it.
        public var lower: Value
        public var lowerOpen: Bool
        public var upper: Value
        public var unit: String

        public func contains(_ value: Value) -> Bool {
            (lowerOpen ? value > lower : value >= lower) && value <= upper
        }
    }

    public static let segments = Bound(name: "segments", lower: 3, lowerOpen: false, upper: 1024, unit: "vertices")
    public static let radiusKm = Bound(name: "radius_km", lower: 0.0, lowerOpen: true, upper: 2000, unit: "km")
    /// How far from an incident people count as exposed (`ExposureRadii`);
    /// 0 leaves a type out; the disc obeys the same pole/antimeridian rule.
    public static let exposureRadiusKm = Bound(name: "exposure radius", lower: 0.0, lowerOpen: false, upper: 2000, unit: "km")
    public static let weight = Bound(name: "weight", lower: 0.0, lowerOpen: true, upper: 1e12, unit: "")
    public static let population = Bound(name: "population", lower: 0.0, lowerOpen: false, upper: 1e12, unit: "people")
    public static let fatalities = Bound(name: "fatalities", lower: 0, lowerOpen: false, upper: 1_000_000_000, unit: "")
    public static let sites = Bound(name: "sites", lower: 1, lowerOpen: false, upper: 1000, unit: "sites")
    /// The smallest count a shareable run publishes (docs/sharing.md): 2 at least (1 would withhold nothing).
    public static let minCount = Bound(name: "min-count", lower: 2, lowerOpen: false, upper: 1000, unit: "rows")
    /// The spacing of a grid of candidate sites (its cell count is bounded
    /// too: `SiteSuggestionRequest.maximumGridCandidates`).
    public static let gridSpacingKm = Bound(name: "spacing", lower: 0.1, lowerOpen: false, upper: 2000, unit: "km")
    /// A hotspot's neighbourhood weight.
    public static let minimumWeight = Bound(name: "min-weight", lower: 0.0, lowerOpen: true, upper: 1e12, unit: "")
    /// The widest a hotspot may be (twice the largest radius on either side of its centre).
    public static let hotspotExtentKm = Bound(name: "max-extent", lower: 0.0, lowerOpen: true, upper: 8000, unit: "km")
    public static let longitude = Bound(name: "longitude", lower: -180.0, lowerOpen: false, upper: 180, unit: "degrees")
    public static let latitude = Bound(name: "latitude", lower: -90.0, lowerOpen: false, upper: 90, unit: "degrees")
}

extension InputBounds.Bound where Value == Double {
    /// The value is a finite number within the bound.
    public func allows(_ value: Double) -> Bool { value.isFinite && contains(value) }

    /// `greater than 0 and at most 2000 km`.
    public var range: String {
        let low = NumberText.plain(lower), high = NumberText.plain(upper)
        let unitText = unit.isEmpty ? "" : " \(unit)"
        return lowerOpen ? "greater than \(low) and at most \(high)\(unitText)" : "from \(low) to \(high)\(unitText)"
    }
}

extension InputBounds.Bound where Value == Int {
    public var range: String { "from \(lower) to \(upper)\(unit.isEmpty ? "" : " \(unit)")" }
}

extension InputBounds {
    /// Why the geodesic disc of `radiusKm` around `center` cannot be drawn
    /// (semantics 1 draws it with straight longitude/latitude edges), or nil.
    /// `fix` says what to change; by default, what a row of initiatives can.
    /// Initiatives, suggested sites and hotspot outlines all go through it.
    public static func discProblem(center: Coordinate, radiusKm: Double, fix: String? = nil) -> String? {
        guard let limit = Geodesy.discLimit(center: center, radiusMeters: radiusKm * 1000) else { return nil }
        let r = NumberText.plain(radiusKm)
        switch limit {
        case .pole(let north):
            return "a disc of \(r) km around (\(NumberText.plain(center.x)), \(NumberText.plain(center.y))) reaches the \(north ? "North" : "South") Pole, "
                + "which a polygon in longitude/latitude cannot enclose; " + (fix ?? "give a smaller radius_km, or a polygon footprint")
        case .antimeridian:
            return "a disc of \(r) km around (\(NumberText.plain(center.x)), \(NumberText.plain(center.y))) crosses the antimeridian (180° longitude), "
                + "where a polygon in longitude/latitude would wrap the wrong way round the Earth; " + (fix ?? "give a smaller radius_km, or a polygon footprint split at 180°")
        }
    }
}

extension InputBounds {
    /// Why a geometry in WGS84 cannot be used (its first coordinate that is
    /// not finite, or outside -180…180 / -90…90), or nil. Every format's
    /// rows go through it, after any reprojection, before GEOS sees them.
    public static func coordinateProblem(_ geometry: Geometry) -> String? {
        var problem: String?
        geometry.forEachCoordinate { c in
            guard problem == nil else { return }
            problem = coordinateProblem(c)
        }
        return problem
    }

    /// Why a longitude/latitude pair cannot be used, or nil.
    public static func coordinateProblem(_ c: Coordinate) -> String? {
        if !longitude.allows(c.x) {
            return "longitude \(NumberText.plain(c.x)) is not a number \(longitude.range) (is the file in a projected CRS?)"
        }
        if !latitude.allows(c.y) {
            let swapped = longitude.allows(c.y) && latitude.allows(c.x) ? "; are longitude and latitude swapped?" : " (is the file in a projected CRS?)"
            return "latitude \(NumberText.plain(c.y)) is not a number \(latitude.range)\(swapped)"
        }
        return nil
    }
}
