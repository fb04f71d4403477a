import Foundation
import GeoFormats

/// A text in each language gapmap speaks.
public struct LocalizedText: Sendable, Equatable {
    public let english: String
    public let french: String

    public init(_ english: String, fr french: String) {
        self.english = english
        self.french = french
    }

    public func callAsFunction(_ language: ReportLanguage) -> String {
        language == .french ? french : english
    }
}

/// How a per-region value is stored in the outputs: its JSON/GeoJSON form
/// and its GeoPackage column type.
public enum MetricType: Sendable, Equatable {
    /// A real number, always known (GeoPackage REAL NOT NULL in the workspace).
    case real
    /// A whole number, always known (GeoPackage INTEGER).
    case integer
    /// A real number that is unknown (null) without a source, like population.
    case optionalReal
}

/// How a metric adds up when regions are rolled up into a parent (or into
/// the totals of a run).
public enum MetricRollup: Sendable, Equatable {
    /// The sum of the children's values.
    case sum
    /// The sum of the children's known values; unknown when none is known.
    case sumOfKnown
    /// Measured again on the parent's own polygon (the union of its
    /// children); for regions that do not overlap, it equals the sum.
    case measured
    /// `scale × numerator / denominator` of the parent's own values; 0
    /// when the denominator is 0.
    case ratio(numerator: String, denominator: String, scale: Double)
    /// Ranked again among the parents; no total.
    case rank
    /// Counted again for the parent from the items present in its children,
    /// each item once (a programme present in several children counts once);
    /// no total over the regions of a run.
    case distinct
    /// Not rolled up: derived for one view only (compare).
    case none
}

/// How a metric shades a map (`map --metric`, `report --metric`): the
/// colour ramp of its classes, the legend's heading and the map's title.
public struct MapShading: Sendable {
    public let ramp: ColorRamp
    public let legend: LocalizedText
    public let title: LocalizedText
}

/// One per-region metric (DESIGN.md semantics 8): its interface key, how it
/// is written and read, its words in English and French, and how it rolls up.
public struct Metric: Sendable {
    /// The property, column and JSON key: part of the interface.
    public let key: String
    public let type: MetricType
    /// The unit, as printed after a figure or in a legend.
    public let unit: LocalizedText?
    /// Decimals shown on screen and in reports; weights (`wholeWhenIntegral`)
    /// show none when they are whole.
    public let decimals: Int
    public let wholeWhenIntegral: Bool
    /// Table header, where columns are narrow ("uncovered" under "needs").
    public let shortLabel: LocalizedText
    /// The metric named on its own (compare rows, legends).
    public let label: LocalizedText
    /// What the figure means, printed with the results.
    public let definition: LocalizedText
    public let rollup: MetricRollup
    /// Whether the ranked tables (terminal, report) show it as a column
    /// (an unknown one, like population without a source, is left out).
    public let inRankedTable: Bool
    /// How it shades a map; nil for a metric no map is shaded by.
    public let shading: MapShading?
    let get: @Sendable (RegionMetrics) -> Double?
    let set: @Sendable (inout RegionMetrics, Double?) -> Void

    /// The metric's value in `m`; nil where unknown.
    public func value(_ m: RegionMetrics) -> Double? { get(m) }

    /// Sets the metric's value in `m` (integers are rounded).
    public func setValue(_ value: Double?, in m: inout RegionMetrics) { set(&m, value) }

    /// Whether the metric has a total over the regions of a run.
    public var hasTotal: Bool { ![.rank, .distinct, .none].contains(rollup) }

    /// A figure rounded to the decimals it is shown with (a whole number for
    /// an integer metric), for a spreadsheet that shows what it holds.
    public func roundedForDisplay(_ value: Double) -> Double {
        let places = type == .integer ? 0 : decimals
        let scale = pow(10, Double(places))
        let rounded = (value * scale).rounded() / scale
        return rounded.isFinite ? rounded : value
    }

    /// A figure as people read it: the metric's decimals, thousands grouped.
    public func text(_ value: Double?, language: ReportLanguage = .english) -> String {
        guard let value else { return "" }
        let whole = type == .integer || (wholeWhenIntegral && Self.isWhole(value))
        return NumberText.grouped(value, decimals: whole ? 0 : decimals, language: language)
    }

    /// A column of figures: whole numbers lose their decimals only when the
    /// whole column is whole (24 beside 4.0 reads as two precisions).
    public func columnTexts(_ values: [Double?], language: ReportLanguage = .english) -> [String] {
        let whole = type == .integer || (wholeWhenIntegral && values.allSatisfy { $0.map(Self.isWhole) ?? true })
        return values.map { $0.map { NumberText.grouped($0, decimals: whole ? 0 : decimals, language: language) } ?? "" }
    }

    /// A weight sum is whole when it is within a billionth (relative) of a
    /// whole number: rows shared among units by area add up to 2,650 as
    /// 2650.000000000001, which is 2,650 events, not "2,650.0".
    public static func isWhole(_ value: Double) -> Bool {
        abs(value - value.rounded()) <= 1e-9 * max(1, abs(value))
    }
}

private func real(_ key: KeyPath<RegionMetrics, Double> & Sendable, _ writable: WritableKeyPath<RegionMetrics, Double> & Sendable)
    -> (@Sendable (RegionMetrics) -> Double?, @Sendable (inout RegionMetrics, Double?) -> Void) {
    ({ $0[keyPath: key] }, { m, v in m[keyPath: writable] = v ?? 0 })
}

private func optionalReal(_ key: WritableKeyPath<RegionMetrics, Double?> & Sendable)
    -> (@Sendable (RegionMetrics) -> Double?, @Sendable (inout RegionMetrics, Double?) -> Void) {
    ({ $0[keyPath: key] }, { m, v in m[keyPath: key] = v })
}

private func integer(_ key: WritableKeyPath<RegionMetrics, Int> & Sendable)
    -> (@Sendable (RegionMetrics) -> Double?, @Sendable (inout RegionMetrics, Double?) -> Void) {
    ({ Double($0[keyPath: key]) }, { m, v in m[keyPath: key] = Int((v ?? 0).rounded()) })
}

extension Metric {
    init(_ key: String, _ type: MetricType, unit: LocalizedText? = nil, decimals: Int, wholeWhenIntegral: Bool = false,
         short: LocalizedText, label: LocalizedText, definition: LocalizedText, rollup: MetricRollup, inRankedTable: Bool,
         shading: MapShading? = nil, access: (@Sendable (RegionMetrics) -> Double?, @Sendable (inout RegionMetrics, Double?) -> Void)) {
        self.key = key
        self.type = type
        self.unit = unit
        self.decimals = decimals
        self.wholeWhenIntegral = wholeWhenIntegral
        self.shortLabel = short
        self.label = label
        self.definition = definition
        self.rollup = rollup
        self.inRankedTable = inRankedTable
        self.shading = shading
        self.get = access.0
        self.set = access.1
    }
}

/// Every per-region metric once, in the order of the interface (summary.csv
/// columns, GeoJSON and GeoPackage properties, compare rows). Adding a metric
/// is one entry here, a stored property of `RegionMetrics` and its
/// computation.
public enum MetricCatalogue {
    static let km2 = LocalizedText("km²", fr: "km²")
    static let percent = LocalizedText("%", fr: "%")
    static let weight = LocalizedText("weight", fr: "poids")

    public static let areaKm2 = Metric(
        "area_km2", .real, unit: km2, decimals: 1,
        short: LocalizedText("area km²", fr: "surface km²"), label: LocalizedText("area km²", fr: "surface km²"),
        definition: LocalizedText(
            "area on the WGS84 ellipsoid enclosed by edges straight in longitude/latitude (RFC 7946), outer rings minus holes, km²",
            fr: "surface sur l'ellipsoïde WGS84 délimitée par des arêtes droites en longitude/latitude (RFC 7946), trous déduits, en km²"),
        rollup: .measured, inRankedTable: true, access: real(\.areaKm2, \.areaKm2))
    public static let coveredKm2 = Metric(
        "covered_km2", .real, unit: km2, decimals: 1,
        short: LocalizedText("covered km²", fr: "couverte km²"), label: LocalizedText("covered km²", fr: "surface couverte km²"),
        definition: LocalizedText(
            "area on the WGS84 ellipsoid (RFC 7946 edges, as area_km2) of the region's intersection with the coverage (the union of the footprints of the initiatives in the run), km²",
            fr: "surface sur l'ellipsoïde WGS84 (arêtes RFC 7946, comme area_km2) de l'intersection de l'unité avec la couverture (union des zones d'action des initiatives retenues), en km²"),
        rollup: .measured, inRankedTable: true, access: real(\.coveredKm2, \.coveredKm2))
    public static let coveragePct = Metric(
        "coverage_pct", .real, unit: percent, decimals: 1,
        short: LocalizedText("covered %", fr: "couverture %"), label: LocalizedText("covered % of area", fr: "couverture % de la surface"),
        definition: LocalizedText("100 × covered_km2 / area_km2", fr: "100 × covered_km2 / area_km2"),
        rollup: .ratio(numerator: "covered_km2", denominator: "area_km2", scale: 100), inRankedTable: true,
        shading: MapShading(ramp: .yellowGreenBlue, legend: LocalizedText("Coverage (% of area)", fr: "Couverture (% de la surface)"),
                            title: LocalizedText("Coverage by community-policing initiatives", fr: "Couverture par les initiatives de police de proximité")),
        access: real(\.coveragePct, \.coveragePct))
    public static let initiatives = Metric(
        "initiatives", .integer, decimals: 0,
        short: LocalizedText("initiatives", fr: "initiatives"), label: LocalizedText("initiatives", fr: "initiatives"),
        definition: LocalizedText(
            "initiatives in the run with a footprint located in the region: points by their centre, polygons by a point on their surface (programmes, which name a region, are counted by programmes; with --programmes-as-coverage, by the region named)",
            fr: "initiatives retenues ayant une zone d'action située dans l'unité : les points par leur centre, les polygones par un point de leur surface (les programmes, qui nomment une unité, sont comptés par programmes ; avec --programmes-as-coverage, dans l'unité nommée)"),
        rollup: .sum, inRankedTable: true, access: integer(\.initiatives))
    public static let programmes = Metric(
        "programmes", .integer, decimals: 0,
        short: LocalizedText("programmes", fr: "programmes"), label: LocalizedText("programmes present", fr: "programmes présents"),
        definition: LocalizedText(
            "programmes in the run present in the region: initiatives that name a region (id, P-code or name) instead of giving coordinates are present in that region and every region below it, each counted once; they have no footprint and cover no area unless the run asks for it (--programmes-as-coverage)",
            fr: "programmes retenus présents dans l'unité : une initiative qui nomme une unité (code, P-code ou nom) au lieu de coordonnées est présente dans cette unité et dans chaque unité en dessous, comptée une fois ; elle n'a pas de zone d'action et ne couvre aucune surface, sauf si l'analyse le demande (--programmes-as-coverage)"),
        rollup: .distinct, inRankedTable: true, access: integer(\.programmes))
    public static let needs = Metric(
        "needs", .real, unit: weight, decimals: 1, wholeWhenIntegral: true,
        short: LocalizedText("needs", fr: "besoins"), label: LocalizedText("needs", fr: "besoins"),
        definition: LocalizedText(
            "sum of the weights of the needs in the region (weight 1 when not given); points by the first region in input order that covers them, region references by the region named",
            fr: "somme des poids des besoins de l'unité (poids 1 par défaut) ; les points dans la première unité, dans l'ordre du fichier, qui les contient, les références à une unité dans l'unité nommée"),
        rollup: .sum, inRankedTable: true, access: real(\.needs, \.needs))
    public static let needsCovered = Metric(
        "needs_covered", .real, unit: weight, decimals: 1, wholeWhenIntegral: true,
        short: LocalizedText("covered", fr: "couverts"), label: LocalizedText("needs covered", fr: "besoins couverts"),
        definition: LocalizedText(
            "weight of the needs covered by some footprint (boundary included); a region-referenced need counts weight × covered_km2 / area_km2",
            fr: "poids des besoins situés dans une zone d'action (limite incluse) ; un besoin rattaché à une unité sans coordonnées compte poids × covered_km2 / area_km2"),
        rollup: .sum, inRankedTable: false, access: real(\.needsCovered, \.needsCovered))
    public static let needsUncovered = Metric(
        "needs_uncovered", .real, unit: weight, decimals: 1, wholeWhenIntegral: true,
        short: LocalizedText("uncovered", fr: "non couverts"), label: LocalizedText("needs uncovered", fr: "besoins non couverts"),
        definition: LocalizedText("needs − needs_covered", fr: "needs − needs_covered"),
        rollup: .sum, inRankedTable: true, access: real(\.needsUncovered, \.needsUncovered))
    public static let incidents = Metric(
        "incidents", .real, unit: weight, decimals: 1, wholeWhenIntegral: true,
        short: LocalizedText("incidents", fr: "incidents"), label: LocalizedText("incidents", fr: "incidents"),
        definition: LocalizedText("sum of the weights of the incidents in the region (weight 1 when not given)",
                                  fr: "somme des poids des incidents de l'unité (poids 1 par défaut)"),
        rollup: .sum, inRankedTable: true, access: real(\.incidents, \.incidents))
    public static let incidentsCovered = Metric(
        "incidents_covered", .real, unit: weight, decimals: 1, wholeWhenIntegral: true,
        short: LocalizedText("covered", fr: "couverts"), label: LocalizedText("incidents covered", fr: "incidents couverts"),
        definition: LocalizedText("weight of the incidents covered by some footprint, as for needs",
                                  fr: "poids des incidents situés dans une zone d'action, comme pour les besoins"),
        rollup: .sum, inRankedTable: false, access: real(\.incidentsCovered, \.incidentsCovered))
    public static let incidentsUncovered = Metric(
        "incidents_uncovered", .real, unit: weight, decimals: 1, wholeWhenIntegral: true,
        short: LocalizedText("uncovered", fr: "non couverts"), label: LocalizedText("incidents uncovered", fr: "incidents non couverts"),
        definition: LocalizedText("incidents − incidents_covered", fr: "incidents − incidents_covered"),
        rollup: .sum, inRankedTable: true, access: real(\.incidentsUncovered, \.incidentsUncovered))
    public static let uncoveredDemand = Metric(
        "uncovered_demand", .real, unit: weight, decimals: 1, wholeWhenIntegral: true,
        short: LocalizedText("uncovered demand", fr: "demande non couverte"), label: LocalizedText("uncovered demand", fr: "demande non couverte"),
        definition: LocalizedText("needs_uncovered + incidents_uncovered", fr: "besoins non couverts + incidents non couverts (sommes de poids)"),
        rollup: .sum, inRankedTable: true,
        shading: MapShading(ramp: .yellowOrangeRed, legend: LocalizedText("Uncovered demand (weight)", fr: "Demande non couverte (poids)"),
                            title: LocalizedText("Needs and incidents no initiative reaches", fr: "Besoins et incidents hors de portée des initiatives")),
        access: real(\.uncoveredDemand, \.uncoveredDemand))
    public static let population = Metric(
        "population", .optionalReal, decimals: 0,
        short: LocalizedText("population", fr: "population"), label: LocalizedText("population", fr: "population"),
        definition: LocalizedText(
            "people in the region: from a population raster (each cell × the exact share of its area inside the region), else the sum of its settlements' populations, else its own population attribute",
            fr: "population de l'unité : d'un raster de population (chaque cellule × la part exacte de sa surface dans l'unité), sinon somme des populations des localités, sinon attribut population de l'unité"),
        rollup: .sumOfKnown, inRankedTable: true, access: optionalReal(\.population))
    public static let coveredPopulation = Metric(
        "covered_population", .optionalReal, decimals: 0,
        short: LocalizedText("covered pop.", fr: "population couverte"), label: LocalizedText("covered population", fr: "population couverte"),
        definition: LocalizedText(
            "people of the raster inside the coverage, or population of the covered settlements, or population × covered_km2 / area_km2 with a region attribute",
            fr: "population du raster dans la couverture, ou population des localités couvertes, ou population × part de surface couverte"),
        rollup: .sumOfKnown, inRankedTable: true, access: optionalReal(\.coveredPopulation))
    public static let uncoveredPopulation = Metric(
        "uncovered_population", .optionalReal, decimals: 0,
        short: LocalizedText("uncovered pop.", fr: "population non couverte"),
        label: LocalizedText("uncovered population", fr: "population non couverte"),
        definition: LocalizedText("population − covered_population", fr: "population − population couverte"),
        rollup: .sumOfKnown, inRankedTable: false,
        shading: MapShading(ramp: .yellowOrangeRed, legend: LocalizedText("Uncovered population", fr: "Population non couverte"),
                            title: LocalizedText("People no initiative reaches", fr: "Population hors de portée des initiatives")),
        access: optionalReal(\.uncoveredPopulation))
    public static let exposedPopulation = Metric(
        "exposed_population", .optionalReal, decimals: 0,
        short: LocalizedText("exposed pop.", fr: "population exposée"),
        label: LocalizedText("population exposed to incidents", fr: "population exposée aux incidents"),
        definition: LocalizedText(
            "people of the region within the exposure radius of an incident in the run (the union of the incidents' geodesic discs; radius by event type, ACLED's Conflict Exposure distances by default: explosions/remote violence 5 km, protests 1 km, other types 2 km): from a population raster, the people of that part of the region (each cell × the exact share of its area inside); with settlements, those inside it; with a region attribute, population × the part's share of the region's area",
            fr: "population de l'unité à moins du rayon d'exposition d'un incident retenu (union des disques géodésiques des incidents ; rayon selon le type d'événement, par défaut les distances de l'exposition aux conflits d'ACLED : explosions/violence à distance 5 km, manifestations 1 km, autres types 2 km) : d'un raster de population, la population de cette partie de l'unité (chaque cellule × la part exacte de sa surface) ; avec des localités, celles qui s'y trouvent ; avec un attribut de unité, population × part de la surface de l'unité"),
        rollup: .sumOfKnown, inRankedTable: false,
        shading: MapShading(ramp: .yellowOrangeRed, legend: LocalizedText("Exposed population", fr: "Population exposée"),
                            title: LocalizedText("People near incidents", fr: "Population à proximité des incidents")),
        access: optionalReal(\.exposedPopulation))
    public static let exposedUncoveredPopulation = Metric(
        "exposed_uncovered_population", .optionalReal, decimals: 0,
        short: LocalizedText("exposed uncov.", fr: "exposée non couverte"),
        label: LocalizedText("exposed population no initiative reaches", fr: "population exposée qu'aucune initiative n'atteint"),
        definition: LocalizedText(
            "exposed people outside the coverage: the people of the region's exposure area minus the coverage, counted as exposed_population",
            fr: "population exposée hors de la couverture : la population de la zone d'exposition de l'unité moins la couverture, comptée comme exposed_population"),
        rollup: .sumOfKnown, inRankedTable: true,
        shading: MapShading(ramp: .yellowOrangeRed, legend: LocalizedText("Exposed, not covered", fr: "Exposée, non couverte"),
                            title: LocalizedText("People near incidents that no initiative reaches", fr: "Population exposée aux incidents, hors de portée des initiatives")),
        access: optionalReal(\.exposedUncoveredPopulation))
    public static let gapRank = Metric(
        "gap_rank", .integer, decimals: 0,
        short: LocalizedText("rank", fr: "rang"), label: LocalizedText("gap rank", fr: "rang de besoin"),
        definition: LocalizedText("1 = most uncovered demand (or most of the metric the run ranks by, --rank-by); ties broken by lower coverage_pct, then by region id",
                                  fr: "1 = la plus forte demande non couverte (ou la plus forte valeur de l'indicateur choisi, --rank-by) ; à égalité, la plus faible couverture, puis le code"),
        rollup: .rank, inRankedTable: false,
        shading: MapShading(ramp: .yellowOrangeRed, legend: LocalizedText("Gap rank (1 = most under-served)", fr: "Rang de besoin (1 = le plus mal servi)"),
                            title: LocalizedText("Where people are most under-served", fr: "Où les populations sont le plus mal servies")),
        access: integer(\.gapRank))

    /// The covered share of a region's demand, shown by `compare` beside the
    /// covered share of its area; not a property of the outputs.
    public static let demandCoveragePct = Metric(
        "demand_coverage_pct", .optionalReal, unit: percent, decimals: 1,
        short: LocalizedText("covered % of demand", fr: "couverture % de la demande"),
        label: LocalizedText("covered % of demand", fr: "couverture % de la demande"),
        definition: LocalizedText("100 × (needs_covered + incidents_covered) / (needs + incidents); empty without demand",
                                  fr: "100 × (needs_covered + incidents_covered) / (needs + incidents) ; vide sans demande"),
        rollup: .none, inRankedTable: false,
        access: ({ m in m.needs + m.incidents > 0 ? 100 * (m.needsCovered + m.incidentsCovered) / (m.needs + m.incidents) : nil }, { _, _ in }))

    /// The metrics `compare` sets side by side: every metric, and the
    /// covered share of demand after the uncovered demand.
    public static var compared: [Metric] {
        var metrics = all
        metrics.insert(demandCoveragePct, at: metrics.firstIndex { $0.key == uncoveredDemand.key }! + 1)
        return metrics
    }

    /// The metric columns of a ranked table of `regions` (terminal, report):
    /// those of the catalogue in ranked tables, leaving out a metric that
    /// can be unknown where no region has it (population without a source,
    /// exposure without incidents).
    public static func rankedTableColumns(_ regions: [RegionMetrics]) -> [Metric] {
        all.filter { m in m.inRankedTable && (m.type != .optionalReal || regions.contains { m.value($0) != nil }) }
    }

    /// The metrics of people near incidents (known with a population source and incidents).
    public static let exposureMetrics = [exposedPopulation, exposedUncoveredPopulation]

    /// Every per-region metric, in the order of the interface.
    public static let all: [Metric] = [
        areaKm2, coveredKm2, coveragePct, initiatives, programmes, needs, needsCovered, needsUncovered, incidents, incidentsCovered,
        incidentsUncovered, uncoveredDemand, population, coveredPopulation, uncoveredPopulation, exposedPopulation, exposedUncoveredPopulation, gapRank,
    ]

    /// The metric named `key`, if there is one.
    public static func metric(_ key: String) -> Metric? { (all + [demandCoveragePct]).first { $0.key == key } }

    /// `parent` with every metric rolled up from `children` as the metric
    /// says: sums, sums of known values, then ratios of the parent's own
    /// values. `measured` gives the values measured on the parent's polygon;
    /// a measured metric it does not give is summed (regions that do not
    /// overlap). Ranks are left to `GapRanking`.
    public static func rollUp(_ children: [RegionMetrics], into parent: RegionMetrics,
                              measured: [String: Double] = [:]) -> RegionMetrics {
        var result = parent
        for metric in all {
            switch metric.rollup {
            case .sum, .measured:
                if let value = measured[metric.key] {
                    metric.setValue(value, in: &result)
                } else {
                    metric.setValue(children.reduce(0) { $0 + (metric.value($1) ?? 0) }, in: &result)
                }
            case .sumOfKnown:
                let known = children.compactMap { metric.value($0) }
                metric.setValue(known.isEmpty ? nil : known.reduce(0, +), in: &result)
            case .distinct:
                if let value = measured[metric.key] { metric.setValue(value, in: &result) }
            case .ratio, .rank, .none:
                continue
            }
        }
        for metric in all {
            guard case .ratio(let numerator, let denominator, let scale) = metric.rollup,
                  let n = Self.metric(numerator)?.value(result), let d = Self.metric(denominator)?.value(result) else { continue }
            metric.setValue(d > 0 ? scale * (n / d) : 0, in: &result)
        }
        return result
    }

    /// The fields that say which region a row is, before its metrics.
    public static let regionIDKey = "region_id", nameKey = "name", parentIDKey = "parent_id"
    public static let identityKeys = [regionIDKey, nameKey, parentIDKey]

    /// The regions layers (GeoJSON, GeoPackage) name the enclosing regions
    /// too: the parent's name, and per enclosing level its P-code and name
    /// (`admin1_pcode`, `admin1_name`, ...) where the boundaries give them.
    public static let parentNameKey = "parent_name"
    public static func parentKeys(level: Int) -> (id: String, name: String) { ("admin\(level)_pcode", "admin\(level)_name") }

    /// Every column of a region's row: its identity, then its metrics.
    public static let columnNames = identityKeys + all.map(\.key)

    /// The definitions of every metric, in English, keyed by metric.
    public static func definitions(_ language: ReportLanguage = .english) -> [String: String] {
        Dictionary(uniqueKeysWithValues: all.map { ($0.key, $0.definition(language)) })
    }
}

extension Metric {
    /// The GeoPackage column type (and SQL type of the workspace).
    public var geoPackageType: GeoPackageFieldType { type == .integer ? .integer : .real }

    /// The metric's value in `m` as a GeoJSON property.
    public func jsonValue(_ m: RegionMetrics) -> JSONValue {
        guard let v = value(m) else { return .null }
        return type == .integer ? .integer(Int(v.rounded())) : .number(v)
    }
}

/// A coding key named by the catalogue.
public struct MetricCodingKey: CodingKey {
    public let stringValue: String
    public var intValue: Int? { nil }

    public init(_ key: String) { stringValue = key }
    public init?(stringValue: String) { self.stringValue = stringValue }
    public init?(intValue: Int) { nil }
}

extension Metric {
    /// Encodes a value in the metric's type: integers as integers, unknown
    /// values as null (never absent).
    func encode(value: Double?, to c: inout KeyedEncodingContainer<MetricCodingKey>) throws {
        let key = MetricCodingKey(self.key)
        switch type {
        case .integer: try c.encode(Int((value ?? 0).rounded()), forKey: key)
        case .real: try c.encode(value ?? 0, forKey: key)
        case .optionalReal: try c.encode(value, forKey: key)
        }
    }

    func decodeValue(from c: KeyedDecodingContainer<MetricCodingKey>) throws -> Double? {
        let key = MetricCodingKey(self.key)
        switch type {
        // A metric added after a document or a run was recorded is absent
        // (or NULL) there: it reads as 0, never as a failure to open.
        case .integer: return Double(try c.decodeIfPresent(Int.self, forKey: key) ?? 0)
        case .real: return try c.decodeIfPresent(Double.self, forKey: key) ?? 0
        case .optionalReal: return try c.decodeIfPresent(Double.self, forKey: key)
        }
    }
}

/// A column of the user's file that the outputs keep as it was read (an
/// ACLED export's actors, location and notes), under `key`; found under
/// the first of `columns` the file has (case-insensitive).
public struct SourceField: Sendable {
    public let key: String
    public let columns: [String]

    init(_ key: String, _ columns: [String]) {
        self.key = key
        self.columns = columns
    }
}

/// One property of a point or initiative layer in the outputs: its key
/// (GeoJSON property, GeoPackage column) and GeoPackage type.
public struct OutputField: Sendable, Equatable {
    public let key: String
    public let type: GeoPackageFieldType

    init(_ key: String, _ type: GeoPackageFieldType) {
        self.key = key
        self.type = type
    }

    public var geoPackageField: GeoPackageField { GeoPackageField(key, type) }
}

extension MetricCatalogue {
    /// The source columns an incident keeps, ACLED's names first, then UCDP GED's.
    public static let incidentSourceFields = [
        SourceField("sub_event_type", ["sub_event_type"]),
        SourceField("disorder_type", ["disorder_type"]),
        SourceField("actor1", ["actor1", "side_a", "acteur1"]),
        SourceField("actor2", ["actor2", "side_b", "acteur2"]),
        SourceField("location", ["location", "where_coordinates", "lieu", "localite"]),
        SourceField("admin1", ["admin1", "adm_1"]),
        SourceField("admin2", ["admin2", "adm_2"]),
        SourceField("admin3", ["admin3"]),
        SourceField("geo_precision", ["geo_precision", "where_prec"]),
        SourceField("source", ["source", "source_office", "source_original"]),
        SourceField("notes", ["notes", "source_headline", "description"]),
    ]

    /// The source columns a need keeps (survey and consultation files).
    public static let needSourceFields = [
        SourceField("location", ["location", "lieu", "localite", "village"]),
        SourceField("source", ["source", "enqueteur", "consultation"]),
        SourceField("notes", ["notes", "note", "comment", "commentaire", "description", "remarques"]),
    ]

    /// The position of a source field among `fields`.
    static func sourceIndex(_ key: String, in fields: [SourceField]) -> Int {
        fields.firstIndex { $0.key == key }!
    }

    /// The properties every need and incident starts with: which row, its
    /// region, how it was located, whether covered, its weights.
    public static let demandOutcomeFields = [
        OutputField("id", .text), OutputField("region_id", .text), OutputField("located_by", .text),
        OutputField("covered", .boolean), OutputField("weight", .real), OutputField("covered_weight", .real),
    ]

    /// A row's date: `date` the day (or a month's or year's first day) in
    /// ISO 8601, a GeoPackage DATE, null when empty or unreadable;
    /// `date_text` as the file wrote it ("05 March 2019", "05/03/2019").
    public static let dateFields = [OutputField("date", .date), OutputField("date_text", .text)]

    /// needs.geojson and the GeoPackage's needs layer.
    public static let needFields = demandOutcomeFields
        + [OutputField("category", .text), OutputField("segment", .text), OutputField("severity", .integer)] + dateFields
        + needSourceFields.map { OutputField($0.key, .text) }

    /// The GeoPackage's monthly_trends table (`MonthlyTrends`): per unit and
    /// month, the demand metrics of that month and the change flags.
    public static let trendFields = [OutputField(regionIDKey, .text), OutputField("month", .text)]
        + [needs, needsCovered, needsUncovered, incidents, incidentsCovered, incidentsUncovered].map { OutputField($0.key, .real) }
        + [OutputField("needs_change_pct", .real), OutputField("needs_flag", .text),
           OutputField("incidents_change_pct", .real), OutputField("incidents_flag", .text)]

    /// incidents.geojson and the GeoPackage's incidents layer.
    public static let incidentFields = demandOutcomeFields + dateFields
        + [OutputField("type", .text), OutputField("fatalities", .integer)]
        + incidentSourceFields.map { OutputField($0.key, .text) }

    /// initiatives.geojson and the GeoPackage's initiatives layer: each
    /// initiative with its footprint (a disc, its polygon; none for a
    /// programme that names a region) and who runs what.
    public static let initiativeFields = [
        OutputField("id", .text), OutputField("name", .text), OutputField("actor", .text), OutputField("kind", .text),
        OutputField("status", .text), OutputField("in_run", .boolean), OutputField("located_by", .text),
        OutputField("region_id", .text), OutputField("radius_km", .real), OutputField("start_date", .date),
        OutputField("end_date", .date),
    ]
}
