import ArgumentParser
import GapMap

/// Whether a run's outputs are meant to leave the team (docs/sharing.md):
/// shared by analyze, map and report.
struct ShareOptions: ParsableArguments {
    @Flag(help: "Write outputs meant to leave the team: needs and incidents counted per unit (no point at its coordinates), counts of 1 to k-1 withheld with complementary suppression, ids and free text dropped; share-report.txt says what was done.")
    var share = false

    @Option(name: .customLong("min-count"), help: ArgumentHelp("With --share, the smallest count published in a cell (default 5, the usual threshold for tables about people).", valueName: "k"))
    var minCount: Int?

    /// The rules of a shareable run; nil for a restricted one.
    var rules: ShareRules? {
        share ? ShareRules(minCount: minCount ?? ShareRules.defaultMinCount) : nil
    }

    func validate() throws {
        if minCount != nil, !share {
            throw ValidationError("--min-count applies to a shareable run: add --share, or leave --min-count out.")
        }
        if let minCount { try InputBounds.minCount.check(minCount, option: "--min-count", example: "10") }
    }
}
