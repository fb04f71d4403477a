import ArgumentParser
import Foundation
import GapMap

/// The language `--help` is written in: French with `--lang fr` on the
/// command line or a French locale, English otherwise. It is chosen before
/// the command line is parsed (the parser builds the help from the
/// options' texts while parsing), so each option's help and each command's
/// abstract is a `LocalizedText` of the catalogue, read in this language.
/// Option names, value names and choices stay as they are typed.
enum HelpLanguage {
    @TaskLocal static var current: ReportLanguage = .english

    /// The language a command line asks for: its `--lang`, else the locale's.
    static func chosen(_ arguments: [String], environment: [String: String] = ProcessInfo.processInfo.environment) -> ReportLanguage {
        for (i, argument) in arguments.enumerated() {
            let value: String? = argument == "--lang" ? (i + 1 < arguments.count ? arguments[i + 1] : nil)
                : argument.hasPrefix("--lang=") ? String(argument.dropFirst("--lang=".count)) : nil
            if let value, let language = ReportLanguage(rawValue: value) { return language }
        }
        return .fromEnvironment(environment)
    }

    /// A text in the help's language.
    static func text(_ english: String, fr french: String) -> String {
        LocalizedText(english, fr: french)(current)
    }

    /// The words swift-argument-parser writes around the texts, in French.
    static let parserWords: [(english: String, french: String)] = [
        ("OVERVIEW:", "PRÉSENTATION :"), ("USAGE:", "UTILISATION :"), ("ARGUMENTS:", "ARGUMENTS :"), ("OPTIONS:", "OPTIONS :"),
        ("SUBCOMMANDS:", "SOUS-COMMANDES :"), ("(default:", "(par défaut :"), ("; default:", " ; par défaut :"), ("(values:", "(valeurs :"),
        ("Show help information.", "Affiche cette aide."), ("Show the version.", "Affiche la version."),
        ("See 'gapmap help <subcommand>' for detailed help.", "L'aide détaillée d'une sous-commande : gapmap help <sous-commande>."),
        ("<subcommand>", "<sous-commande>"),
    ]

    /// A help page of the parser with its own words in `language`.
    static func page(_ text: String, language: ReportLanguage) -> String {
        guard language == .french else { return text }
        var text = text
        for (english, french) in parserWords { text = text.replacingOccurrences(of: english, with: french) }
        return text
    }
}

extension ArgumentHelp {
    /// An option's help in English and French; the parser shows the help's language.
    static func text(_ english: String, fr french: String, valueName: String? = nil) -> ArgumentHelp {
        ArgumentHelp(HelpLanguage.text(english, fr: french), valueName: valueName)
    }
}

extension GapMapCommand {
    /// Parses and runs the command line, as `main()` does, with `--help`
    /// in the language of `--lang` or the locale.
    public static func start(_ arguments: [String] = Array(CommandLine.arguments.dropFirst())) -> Never {
        let language = HelpLanguage.chosen(arguments)
        HelpLanguage.$current.withValue(language) {
            do {
                var command = try parseAsRoot(arguments)
                try command.run()
            } catch {
                if language == .french, exitCode(for: error) == .success {
                    let page = fullMessage(for: error)
                    if !page.isEmpty { print(HelpLanguage.page(page, language: language)) }
                    Self.exit()
                }
                Self.exit(withError: error)
            }
        }
        Self.exit()
    }

    /// The help page of a command in `language` (what `--help` prints).
    static func help(for command: any ParsableCommand.Type, in language: ReportLanguage) -> String {
        HelpLanguage.$current.withValue(language) {
            HelpLanguage.page(helpMessage(for: command), language: language)
        }
    }
}
