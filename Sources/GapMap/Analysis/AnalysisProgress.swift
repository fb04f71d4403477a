/// The stages of a run, reported to whoever shows progress (the CLI draws a
/// bar on a terminal, or prints when each stage starts). The reporter is
/// passed in with the request (`AnalysisRequest.progress`), never installed
/// as process-wide state, so two analyses in one process report apart.
public struct AnalysisProgress: Sendable {
    public enum Stage: String, Sendable, CaseIterable {
        case readingRegions = "reading regions"
        case readingLayers = "reading layers"
        case locatingInitiatives = "locating initiatives"
        case buildingCoverage = "building coverage (union)"
        case measuringRegions = "measuring regions (overlay)"
        case assigningPoints = "assigning needs and incidents"
        case writing = "writing outputs"

        /// What the progress bar says (the raw value stays English: the
        /// benchmarks read it from GAPMAP_STAGE_TIMES's lines).
        public func label(_ language: ReportLanguage) -> String {
            guard language == .french else { return rawValue }
            switch self {
            case .readingRegions: return "lecture des unités"
            case .readingLayers: return "lecture des couches"
            case .locatingInitiatives: return "localisation des initiatives"
            case .buildingCoverage: return "construction de la couverture (union)"
            case .measuringRegions: return "mesure des unités (superposition)"
            case .assigningPoints: return "affectation des besoins et incidents"
            case .writing: return "écriture des sorties"
            }
        }
    }

    private let sink: (@Sendable (Stage) -> Void)?

    /// A reporter that calls `sink` at the start of each stage (stages of
    /// the two pipeline stages may overlap; `sink` may be called from either).
    public init(_ sink: @escaping @Sendable (Stage) -> Void) {
        self.sink = sink
    }

    private init() {
        sink = nil
    }

    /// Reports nothing.
    public static let silent = AnalysisProgress()

    public func report(_ stage: Stage) {
        sink?(stage)
    }
}
