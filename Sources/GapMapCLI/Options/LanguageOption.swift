import ArgumentParser
import Foundation
import GapMap

extension ReportLanguage: ExpressibleByArgument {}

/// `--lang en|fr`: the language of what a command prints (and of the map or
/// report it makes); without it, the locale's (LC_ALL, LC_MESSAGES, LANG).
struct LanguageOption: ParsableArguments {
    @Option(name: .customLong("lang"), help: .text("Language of the output: en or fr (default: from the locale, LC_ALL/LC_MESSAGES/LANG).", fr: "Langue de la sortie : en ou fr (par défaut : celle de la locale, LC_ALL/LC_MESSAGES/LANG).", valueName: "en|fr"))
    var chosen: ReportLanguage?

    var language: ReportLanguage { chosen ?? .fromEnvironment() }
    var words: CommandText { CommandText(language) }
}

/// `--out ''` (or `--csv ''`) is a usage error (exit 64), found before any work starts.
func checkOutputFolderNamed(_ out: String, option: String = "--out", what: String = "folder") throws {
    guard !out.trimmingCharacters(in: .whitespaces).isEmpty else {
        throw ValidationError(what == "folder" ? "\(option): the output folder is empty (''); name one, for example \(option) out."
                              : "\(option): the output file is empty (''); name one, for example \(option) comparison.csv.")
    }
}
