import Foundation
import GapMap
import Synchronization

/// A one-line progress bar on stderr, drawn only when stderr is a terminal
/// (scripts and pipes see nothing).
final class TerminalProgress: Sendable {
    private struct State {
        var started = Date()
        var stagesSeen = 0
        var drawn = false
    }

    private let state = Mutex(State())
    private let total = AnalysisProgress.Stage.allCases.count
    private let language: ReportLanguage

    init(language: ReportLanguage) { self.language = language }

    static var isTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    func show(_ stage: AnalysisProgress.Stage) {
        let line: String = state.withLock { s in
            s.stagesSeen = max(s.stagesSeen, (AnalysisProgress.Stage.allCases.firstIndex(of: stage) ?? 0) + 1)
            s.drawn = true
            let width = 24
            let filled = width * s.stagesSeen / total
            let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
            let elapsed = NumberText.grouped(Date().timeIntervalSince(s.started), decimals: 1, language: language) + " s"
            return "\r\u{1B}[2K[\(bar)] \(s.stagesSeen)/\(total) \(stage.label(language))  \(elapsed)"
        }
        FileHandle.standardError.write(Data(line.utf8))
    }

    /// Clears the bar so the results print on a clean line.
    func finish() {
        let drawn = state.withLock { $0.drawn }
        if drawn { FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8)) }
    }
}
