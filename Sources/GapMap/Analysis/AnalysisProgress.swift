import Synchronization

/// The stages of a run, reported to whoever shows progress (the CLI draws a
/// bar on a terminal). Reporting is a no-op unless a sink is installed with
/// `AnalysisProgress.install` (one per process: the command being run).
public enum AnalysisProgress {
    public enum Stage: String, Sendable, CaseIterable {
        case readingRegions = "reading regions"
        case readingLayers = "reading layers"
        case locatingInitiatives = "locating initiatives"
        case buildingCoverage = "building coverage (union)"
        case measuringRegions = "measuring regions (overlay)"
        case assigningPoints = "assigning needs and incidents"
        case writing = "writing outputs"
    }

    public typealias Sink = @Sendable (Stage) -> Void

    private static let sink = Mutex<Sink?>(nil)

    /// Sets (or with nil removes) the process's progress sink.
    public static func install(_ newSink: Sink?) {
        sink.withLock { $0 = newSink }
    }

    public static func report(_ stage: Stage) {
        sink.withLock { $0 }?(stage)
    }
}
