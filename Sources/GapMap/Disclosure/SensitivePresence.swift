import GeoCore

/// Initiatives of a sensitive kind (`--sensitive-kind`, e.g. informant
/// networks) in a shareable run: shown only as presence per unit. Their
/// rows leave initiatives.geojson; each unit lists the sensitive kinds
/// present in it; and since a disc's outline gives away its centre, every
/// unit a sensitive footprint reaches is cut out of the coverage layer and
/// its gap is written without geometry. The figures (covered_km2, ...) are
/// the restricted run's: an area says nothing of where a disc lies.
public struct SensitivePresence: Sendable {
    /// Per initiative, whether its kind is sensitive.
    public let isSensitive: [Bool]
    /// Per region, the sensitive kinds of the initiatives in the run
    /// located in it or naming it, sorted, as the rules spell them.
    public let kinds: [[String]]
    /// Per region, whether a sensitive footprint in the run reaches it.
    public let masked: [Bool]
    /// The coverage less the masked units (the report's own when none is).
    public let coverage: Geometry

    /// The property of a region that lists the sensitive kinds present.
    public static let presenceKey = "sensitive_presence"
    /// The property of a gap whose geometry is withheld.
    public static let geometryWithheldKey = "geometry_withheld"

    public var maskedCount: Int { masked.filter { $0 }.count }
    public var sensitiveCount: Int { isSensitive.filter { $0 }.count }

    public init(_ report: CoverageReport, rules: ShareRules) throws {
        isSensitive = report.initiatives.map { rules.isSensitive(kind: $0.kind) }
        var kinds = [Set<String>](repeating: [], count: report.regions.count)
        var masked = [Bool](repeating: false, count: report.regions.count)
        let analysis = CoverageAnalysis(parameters: report.parameters)
        let engine = try GeometryEngine()
        let spelling = { (kind: String) in rules.sensitiveKinds.first { $0.lowercased() == kind.lowercased() } ?? kind }
        for (i, initiative) in report.initiatives.enumerated() where isSensitive[i] && report.initiativeInRun[i] {
            let kind = spelling(initiative.kind)
            for r in ProgrammePresence.namedUnits(initiative) ?? report.initiativeRegions[i].map { [$0] } ?? [] { kinds[r].insert(kind) }
            guard let footprint = analysis.footprint(of: initiative, regions: report.regions), let box = footprint.envelope else { continue }
            let native = try engine.native(footprint)
            for (r, region) in report.regions.enumerated() where !masked[r] {
                guard let e = region.geometry.envelope, e.intersects(box) else { continue }
                if try engine.intersects(native, try engine.native(region.geometry)) { masked[r] = true }
            }
        }
        self.kinds = kinds.map { $0.sorted() }
        self.masked = masked
        let cut = report.regions.indices.filter { masked[$0] }.map { report.regions[$0].geometry }
        coverage = cut.isEmpty || report.coverage.isEmpty
            ? report.coverage
            : try engine.difference(try engine.native(report.coverage), try engine.union(cut)).value()
    }
}
