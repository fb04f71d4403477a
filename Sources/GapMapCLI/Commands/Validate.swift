import ArgumentParser
import Foundation
import GapMap

/// The layer kinds `validate --as` takes.
enum LayerChoice: String, ExpressibleByArgument, CaseIterable {
    case regions, initiatives, needs, incidents, settlements

    var kind: LayerKind { LayerKind(rawValue: rawValue)! }
}

extension GapMapCommand {
    /// `gapmap validate`: how each input file is read and which rows an analysis
    /// would reject, without analysing.
    struct Validate: ParsableCommand {
        static var configuration: CommandConfiguration { CommandConfiguration(
            abstract: HelpLanguage.text("Check input files: detected format, dialect, columns, CRS, row counts, and every row that would be rejected.", fr: "Vérifie des fichiers d'entrée : format détecté, dialecte, colonnes, SCR, nombres de lignes, et chaque ligne qui serait rejetée."),
            discussion: """
                Nothing is analysed and nothing is written. The layer kind of each file is guessed from its geometry and \
                columns unless --as names it. With --regions, region references are resolved and points are checked \
                against the regions (swapped longitude/latitude, points far outside).
                Exit status: 0 every file is clean (duplicates and repaired polygons allowed); 2 some rows would be \
                rejected; 1 a file cannot be read at all (the error names the file and line); 64 a usage error.
                """
        ) }

        @Argument(help: ArgumentHelp("The files to check (CSV or GeoJSON).", valueName: "file"))
        var files: [String]

        @Option(name: .customLong("as"), help: ArgumentHelp("The layer the files hold: regions, initiatives, needs, incidents or settlements (guessed when omitted).", valueName: "layer"))
        var layer: LayerChoice?

        @Option(help: ArgumentHelp("Regions to resolve region references and check points against (GeoJSON polygons).", valueName: "file"))
        var regions: String?

        @Option(name: .customLong("region-id"), help: ArgumentHelp("The regions' id field (detected when omitted).", valueName: "field"))
        var regionID: String?

        @Option(name: .customLong("region-name"), help: .text("The regions' name field (detected when omitted).", fr: "Le champ de nom des unités (détecté s'il est omis).", valueName: "field"))
        var regionName: String?

        @Option(name: .customLong("max-problems"), help: ArgumentHelp("Problem rows listed per file on the terminal (all of them with --json).", valueName: "n"))
        var maxProblems = 20

        @Flag(help: "Print the reports as one JSON document on stdout.")
        var json = false

        @OptionGroup var language: LanguageOption

        func validate() throws {
            guard !files.isEmpty else { throw ValidationError("Name at least one file to check, for example: gapmap validate needs.csv") }
            guard maxProblems >= 0 else { throw ValidationError("--max-problems must be 0 or more.") }
        }

        /// The outcome of checking every file: what goes to stdout and stderr,
        /// and the exit status.
        struct Outcome {
            var output: String
            var errors: [String]
            var status: Int32
        }

        func run() throws {
            let outcome = execute()
            FileHandle.standardOutput.write(Data(outcome.output.utf8))
            for e in outcome.errors { FileHandle.standardError.write(Data("gapmap: error: \(e)\n".utf8)) }
            if outcome.status != 0 { throw ExitCode(outcome.status) }
        }

        func execute() -> Outcome {
            var reports: [ValidationReport] = []
            var failures: [(file: String, message: String)] = []
            var context: InputValidation.RegionContext?
            if let regions {
                do {
                    context = try InputValidation.RegionContext(path: regions, idField: regionID, nameField: regionName)
                } catch {
                    failures.append((regions, "\(error)"))
                }
            }
            if regions == nil || context != nil {
                for file in files {
                    do {
                        reports.append(try InputValidation.validate(
                            file, as: layer?.kind, regions: context, regionIDField: regionID, regionNameField: regionName))
                    } catch {
                        failures.append((file, "\(error)"))
                    }
                }
            }
            var status: Int32 = !failures.isEmpty ? 1 : reports.allSatisfy(\.isClean) ? 0 : 2
            var output = ""
            if json {
                do {
                    output = try Self.jsonDocument(reports: reports, failures: failures)
                } catch {
                    failures.append(("--json", "\(error)"))
                    status = 1
                }
            } else {
                output = reports.map { ValidationText(report: $0, maxProblems: maxProblems, language: language.language).render() }.joined(separator: "\n")
            }
            return Outcome(output: output, errors: failures.map(\.message), status: status)
        }

        static func jsonDocument(reports: [ValidationReport], failures: [(file: String, message: String)]) throws -> String {
            struct Failure: Encodable {
                var file: String
                var error: String
            }
            struct Document: Encodable {
                var files: [ValidationReport]
                var unreadable: [Failure]
                var clean: Bool
            }
            let document = Document(files: reports, unreadable: failures.map { Failure(file: $0.file, error: $0.message) },
                                    clean: failures.isEmpty && reports.allSatisfy(\.isClean))
            return String(decoding: try JSONDocument.encode(document), as: UTF8.self) + "\n"
        }
    }
}
