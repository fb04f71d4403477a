import Foundation
import GapMap
import Testing
@testable import GapMapCLI

/// `gapmap analyze --lang fr` (or a French locale) prints its summary in
/// French: labels, units, number format (decimal comma, narrow no-break
/// space between thousands) and the closing lines.
struct FrenchTerminalTests {
    @Test func theSummaryIsInFrenchWithFrenchNumbers() throws {
        let out = AnalyzeCommandTests.temporaryFolder()
        let french = try AnalyzeCommandTests.analyze(AnalyzeCommandTests.sampleArguments(out: out) + ["--lang", "fr"])
        let english = try AnalyzeCommandTests.analyze(AnalyzeCommandTests.sampleArguments(out: out) + ["--lang", "en"])
        #expect(french.contains("Couverture de 9 régions par 44 initiatives retenues"))
        #expect(french.contains("ensemble des régions") && french.contains("lues = ") && french.contains("fichiers écrits dans"))
        #expect(french.contains("DIFFUSION RESTREINTE"))
        // Mopti's area as the English table prints it (82,042.1) in French form: 82 042,1 with a narrow no-break space.
        #expect(english.contains("82,042.1") && french.contains("82\u{202F}042,1"))
        // No English sentence of the summary is left.
        for phrase in ["Coverage of", "all regions", " read = ", " used + ", "duplicates", "Wrote ", "Areas are km²", "RESTRICTED", "rows listed"] {
            #expect(!french.contains(phrase), "'\(phrase)' left in the French summary")
        }
    }

    @Test func theLocaleChoosesTheLanguage() {
        #expect(ReportLanguage.fromEnvironment(["LANG": "fr_FR.UTF-8"]) == .french)
        #expect(ReportLanguage.fromEnvironment(["LANG": "fr_ML.UTF-8", "LC_ALL": "en_US.UTF-8"]) == .english)
        #expect(ReportLanguage.fromEnvironment(["LC_MESSAGES": "fr_SN", "LANG": "en_GB"]) == .french)
        #expect(ReportLanguage.fromEnvironment(["LANG": "C.UTF-8"]) == .english)
        #expect(ReportLanguage.fromEnvironment([:]) == .english)
    }
}
