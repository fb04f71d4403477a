import ArgumentParser
import Foundation
import GapMap
import Testing
import TestSupport
@testable import GapMapCLI

/// `gapmap --help` and `gapmap SUBCOMMAND --help` in French with `--lang fr`
/// or a French locale: abstracts, discussions, option descriptions and the
/// parser's own words, with the same options as the English help.
struct FrenchHelpTests {
    /// The root and every subcommand.
    static let commands: [(String, any ParsableCommand.Type)] =
        [("gapmap", GapMapCommand.self)] + GapMapCommand.configuration.subcommands.map { ($0._commandName, $0) }

    /// The options a help page lists: `--name` and `-x`.
    static func options(_ page: String) -> [String] {
        let regex = try! NSRegularExpression(pattern: #"(?m)^  (-[a-z], )?(--[a-z0-9-]+)"#)
        return regex.matches(in: page, range: NSRange(page.startIndex..., in: page)).map { (page as NSString).substring(with: $0.range(at: 2)) }
    }

    /// Words a French help keeps as typed: choices of options (keep, drop,
    /// quantile, natural, geojson...), ACLED's and UCDP's values, column names.
    static let typed: Set<String> = ["keep", "drop", "quantile", "natural", "events", "fatalities", "all", "state-based", "non-state",
                                     "one-sided", "women", "youth", "international", "state", "community", "auto", "prefix", "file",
                                     "geodesic", "jnim", "clash", "armed", "side_a", "best", "default", "conflict", "remote",
                                     // default values, fields and files named as they are
                                     "shared", "out", "name", "kind", "release", "summary", "xlsx", "excel", "excel-fr", "shapeid",
                                     "stderr", "stdout", "url", "rsvg-convert", "regions", "settlements", "changes", "add", "replace",
                                     "active", "demand", "grid", "segou", "ségou", "terminal", "transaction", "versions", "place", "possible",
                                     // proper nouns and words French as well
                                     "mali", "dhs", "bom", "geotiff", "ghsl", "worldpop", "hex", "arguments", "options", "case",
                                     "centres", "direction", "document", "locale", "suppression", "tables", "page", "section", "classes"]

    /// Value names that are the same in French.
    static let sameValueNames: Set<String> = ["<km>", "<n>", "<k>", "<id>", "<date>", "<type>", "<format>", "<segment>", "<source>",
                                              "<url>", "<options>", "<sous-commande>", "<niveau>"]

    @Test(arguments: commands.map(\.0))
    func theHelpIsInFrenchWithTheSameOptions(_ name: String) throws {
        let command = try #require(Self.commands.first { $0.0 == name }).1
        let english = GapMapCommand.help(for: command, in: .english)
        let french = GapMapCommand.help(for: command, in: .french)
        #expect(english.contains("OPTIONS:") && french.contains("OPTIONS :") && !french.contains("USAGE:"))
        #expect(Self.options(english).count > 1)
        #expect(Self.options(french) == Self.options(english), "the options differ")
        // Value names are French (<fichier>, <dossier>), or the same in both
        // languages, or choices typed as they are (<keep|drop>).
        let french_ = Set(HelpLanguage.valueNames.map(\.french)).union(Self.sameValueNames)
        let names = try NSRegularExpression(pattern: "<[^>]*>").matches(in: french, range: NSRange(french.startIndex..., in: french))
            .map { (french as NSString).substring(with: $0.range) }
        let english_ = names.filter { !french_.contains($0) && !$0.contains("|") }
        #expect(english_.isEmpty, "value names left in English in \(name): \(Set(english_))")
        let valueNames = { (page: String) in page.replacingOccurrences(of: "<[^>]*>", with: " ", options: .regularExpression) }
        let scan = EnglishWordScan(english: [valueNames(english)], data: [])
        // The subcommands' names too ("imports" is French as well).
        let typed = Self.typed.union(GapMapCommand.configuration.subcommands.map { $0._commandName }).union(["imports"])
        let left = scan.englishWords(in: valueNames(french)).map { String($0.prefix { $0 != ":" }) }.filter { !typed.contains($0) }
        #expect(left.isEmpty, "English left in the French help of \(name): \(left)")
    }

    /// What chooses the help's language: --lang (either form), else the locale.
    @Test func theLanguageComesFromLangOrTheLocale() {
        #expect(HelpLanguage.chosen(["report", "--help", "--lang", "fr"], environment: [:]) == .french)
        #expect(HelpLanguage.chosen(["report", "--lang=fr", "-h"], environment: ["LANG": "en_US.UTF-8"]) == .french)
        #expect(HelpLanguage.chosen(["map", "--help"], environment: ["LANG": "fr_ML.UTF-8"]) == .french)
        #expect(HelpLanguage.chosen(["map", "--help", "--lang", "en"], environment: ["LANG": "fr_FR.UTF-8"]) == .english)
        #expect(HelpLanguage.chosen(["map", "--help"], environment: [:]) == .english)
    }

    /// The program itself prints the French page with --lang fr, and exits 0.
    @Test(.enabled(if: WorkspaceCommandTests.executable != nil, "no gapmap executable beside the tests or in .build*/debug"))
    func theProgramPrintsTheFrenchHelp() throws {
        let (status, text, _) = try WorkspaceCommandTests.runExecutable(["map", "--help", "--lang", "fr"])
        #expect(status == 0)
        #expect(text.hasPrefix("PRÉSENTATION : Dessine l'analyse en carte"), "\(text.prefix(200))")
        #expect(text.contains("--svg-only") && text.contains("N'écrit que le SVG, sans PNG."))
        // The root and `help` take --lang too, though they have no such option.
        for arguments in [["--lang", "fr"], ["--lang=fr", "--help"], ["help", "analyze", "--lang", "fr"], ["--lang", "fr", "help", "map"]] {
            let (status, page, error) = try WorkspaceCommandTests.runExecutable(arguments)
            #expect(status == 0, "\(arguments): \(error)")
            #expect(page.hasPrefix("PRÉSENTATION : "), "\(arguments): \(page.prefix(200))")
        }
        let (_, analyzeHelp, _) = try WorkspaceCommandTests.runExecutable(["help", "analyze", "--lang", "fr"])
        #expect(analyzeHelp.hasPrefix("PRÉSENTATION : Calcule la couverture"), "\(analyzeHelp.prefix(100))")
    }
}
