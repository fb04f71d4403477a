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

    /// A command line without its `--lang X` (or `--lang=X`).
    static func withoutLanguage(_ arguments: [String]) -> [String] {
        var result: [String] = []
        var i = 0
        while i < arguments.count {
            if arguments[i] == "--lang" { i += 2; continue }
            if arguments[i].hasPrefix("--lang=") { i += 1; continue }
            result.append(arguments[i])
            i += 1
        }
        return result
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
        ("<subcommand>", "<sous-commande>"), ("<subcommands>", "<sous-commandes>"),
    ]

    /// The value names the options show (`--regions <file>`), in French.
    /// Choices (`<keep|drop>`, `<en|fr>`) are typed as they are and stay.
    static let valueNames: [(english: String, french: String)] = [
        ("<file>", "<fichier>"), ("<field>", "<champ>"), ("<dir>", "<dossier>"), ("<workspace>", "<espace>"), ("<name>", "<nom>"),
        ("<kind>", "<type>"), ("<actor>", "<acteur>"), ("<category>", "<catégorie>"), ("<dialect>", "<dialecte>"),
        ("<breaks>", "<seuils>"), ("<layer>", "<couche>"), ("<level>", "<niveau>"), ("<metric>", "<indicateur>"),
        ("<radii>", "<rayons>"), ("<region>", "<unité>"), ("<run>", "<analyse>"), ("<text>", "<texte>"), ("<title>", "<titre>"),
        ("<w>", "<p>"), ("<hex:SIZE>", "<hex:TAILLE>"), ("<events|fatalities|TYPE=W,...>", "<events|fatalities|TYPE=P,...>"),
    ]

    /// A help page of the parser with its own words in `language`.
    static func page(_ text: String, language: ReportLanguage) -> String {
        guard language == .french else { return text }
        var text = text
        for (english, french) in parserWords + valueNames { text = text.replacingOccurrences(of: english, with: french) }
        return text
    }

    /// What the parser prints for a command line it refuses (exit 64), in
    /// `language`: "Error: message", the option's help, the usage line and
    /// where to find more. The message, the parser's or a command's check,
    /// comes in French from the catalogue of errors (`ErrorMessages`).
    static func usageError(_ text: String, language: ReportLanguage) -> String {
        guard language == .french else { return text }
        let lines = text.components(separatedBy: "\n")
        // The message runs to the option's help or the usage line.
        let end = lines.indices.dropFirst().first { lines[$0].hasPrefix("Help:  ") || lines[$0].hasPrefix("Usage: ") } ?? lines.count
        var message = lines[0..<end].joined(separator: "\n")
        let label = message.hasPrefix("Error: ") ? "Erreur : " : ""
        if !label.isEmpty { message.removeFirst("Error: ".count) }
        var result = [label + ErrorMessages.text(message, language: language)]
        var inUsage = false
        for line in lines[end...] {
            if line.hasPrefix("Help:  ") {
                result.append("Aide :  " + line.dropFirst("Help:  ".count)); inUsage = false
            } else if line.hasPrefix("Usage: ") {
                result.append("Utilisation : " + line.dropFirst("Usage: ".count)); inUsage = true
            } else if let range = line.range(of: #"^  See '(.+)' for more information\.$"#, options: .regularExpression) {
                let command = line[range].dropFirst("  See '".count).dropLast("' for more information.".count)
                result.append("  Plus d'informations : \(command)"); inUsage = false
            } else if inUsage, line.hasPrefix("       ") {
                result.append("              " + line.dropFirst(7))  // under "Utilisation : "
            } else {
                result.append(line)
            }
        }
        return page(result.joined(separator: "\n"), language: language)
    }
}

extension ArgumentHelp {
    /// An option's help in English and French; the parser shows the help's language.
    static func text(_ english: String, fr french: String, valueName: String? = nil) -> ArgumentHelp {
        ArgumentHelp(HelpLanguage.text(english, fr: french), valueName: valueName)
    }
}

extension GapMapCommand {
    /// The command line with a negative number given to a long option
    /// attached to it (`--radius -5` → `--radius=-5`): the parser reads a
    /// word starting with '-' as an option, and said "Missing value for
    /// '--radius <km>'" where the option's own check says what is wrong
    /// ("--radius must be a number greater than 0 … not -5").
    public static func withNegativeValuesAttached(_ arguments: [String]) -> [String] {
        var result: [String] = []
        var i = 0
        while i < arguments.count {
            let word = arguments[i]
            if word == "--" { return result + arguments[i...] }
            if word.hasPrefix("--"), word.count > 2, !word.contains("="), i + 1 < arguments.count, isNegativeNumber(arguments[i + 1]) {
                result.append(word + "=" + arguments[i + 1])
                i += 2
                continue
            }
            result.append(word)
            i += 1
        }
        return result
    }

    /// "-5", "-0.5", "-.5", "-1e3": a number with a minus sign, not an option.
    static func isNegativeNumber(_ word: String) -> Bool {
        guard word.hasPrefix("-"), word.count > 1, let first = word.dropFirst().first, first.isNumber || first == "." else { return false }
        return Double(word) != nil
    }

    /// Parses and runs the command line, as `main()` does, with `--help`
    /// in the language of `--lang` or the locale.
    public static func start(_ arguments: [String] = Array(CommandLine.arguments.dropFirst())) -> Never {
        let language = HelpLanguage.chosen(arguments)
        // `gapmap --lang fr` and `gapmap help analyze --lang fr`: the root and
        // `help` take no --lang; the language is chosen, so it is dropped there.
        var arguments = withNegativeValuesAttached(arguments)
        if HelpLanguage.withoutLanguage(arguments).first.map({ $0 == "help" || $0.hasPrefix("-") }) ?? true {
            arguments = HelpLanguage.withoutLanguage(arguments)
        }
        HelpLanguage.$current.withValue(language) {
            do {
                var command = try parseAsRoot(arguments)
                try command.run()
            } catch {
                if language == .french {
                    let code = exitCode(for: error)
                    let text = fullMessage(for: error)
                    if code == .success {
                        if !text.isEmpty { print(HelpLanguage.page(text, language: language)) }
                        Self.exit()
                    }
                    // A usage error, or an error no command caught: said in French.
                    if !text.isEmpty {
                        FileHandle.standardError.write(Data((HelpLanguage.usageError(text, language: language) + "\n").utf8))
                    }
                    Self.exit(withError: ExitCode(code.rawValue))
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
