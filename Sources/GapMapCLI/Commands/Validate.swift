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
            discussion: HelpLanguage.text("""
                Nothing is analysed and nothing is written. The layer kind of each file is guessed from its geometry and \
                columns unless --as names it. With --regions, region references are resolved and points are checked \
                against the regions (swapped longitude/latitude, points far outside).
                Exit status: 0 every file is clean (duplicates and repaired polygons allowed); 2 some rows would be \
                rejected; 1 a file cannot be read at all (the error names the file and line); 64 a usage error.
                """, fr: "Rien n'est analysé ni écrit. Le type de couche de chaque fichier est deviné d'après sa géométrie et ses colonnes, sauf si --as le nomme. Avec --regions, les références aux unités sont résolues et les points vérifiés par rapport aux unités (longitude/latitude inversées, points très en dehors).\nCode de sortie : 0 chaque fichier est propre (doublons et polygones réparés admis) ; 2 des lignes seraient rejetées ; 1 un fichier ne peut pas être lu du tout (l'erreur nomme le fichier et la ligne) ; 64 une erreur d'utilisation.\n")
        ) }

        @Argument(help: .text("The files to check (CSV or GeoJSON).", fr: "Les fichiers à vérifier (CSV ou GeoJSON).", valueName: "file"))
        var files: [String]

        @Option(name: .customLong("as"), help: .text("The layer the files hold: regions, initiatives, needs, incidents or settlements (guessed when omitted).", fr: "La couche que contiennent les fichiers : regions, initiatives, needs, incidents ou settlements (devinée si omise).", valueName: "layer"))
        var layer: LayerChoice?

        @Option(help: .text("Regions to resolve region references and check points against (GeoJSON polygons).", fr: "Les unités qui servent à résoudre les références et à vérifier les points (polygones GeoJSON).", valueName: "file"))
        var regions: String?

        @Option(name: .customLong("region-id"), help: .text("The regions' id field (detected when omitted).", fr: "Le champ d'identifiant des unités (détecté s'il est omis).", valueName: "field"))
        var regionID: String?

        @Option(name: .customLong("region-name"), help: .text("The regions' name field (detected when omitted).", fr: "Le champ de nom des unités (détecté s'il est omis).", valueName: "field"))
        var regionName: String?

        @Option(name: .customLong("max-problems"), help: .text("Problem rows listed per file on the terminal (all of them with --json).", fr: "Nombre de lignes à problème listées par fichier dans le terminal (toutes avec --json).", valueName: "n"))
        var maxProblems = 20

        @Flag(help: .text("Print the reports as one JSON document on stdout.", fr: "Affiche les comptes rendus en un document JSON sur stdout."))
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
            let prefix = language.language == .french ? "gapmap : erreur :" : "gapmap: error:"
            for e in outcome.errors { FileHandle.standardError.write(Data("\(prefix) \(e)\n".utf8)) }
            if outcome.status != 0 { throw ExitCode(outcome.status) }
        }

        func execute() -> Outcome {
            var reports: [ValidationReport] = []
            var failures: [(file: String, message: String)] = []
            // The terminal says them in the run's language; --json keeps the English.
            var shown: [String] = []
            func fail(_ file: String, _ error: any Error) {
                failures.append((file, "\(error)"))
                shown.append(ErrorMessages.sentence(of: error, language.language))
            }
            var context: InputValidation.RegionContext?
            if let regions {
                do {
                    context = try InputValidation.RegionContext(path: regions, idField: regionID, nameField: regionName)
                } catch {
                    fail(regions, error)
                }
            }
            if regions == nil || context != nil {
                for file in files {
                    do {
                        reports.append(try InputValidation.validate(
                            file, as: layer?.kind, regions: context, regionIDField: regionID, regionNameField: regionName))
                    } catch {
                        fail(file, error)
                    }
                }
            }
            var status: Int32 = !failures.isEmpty ? 1 : reports.allSatisfy(\.isClean) ? 0 : 2
            var output = ""
            if json {
                do {
                    output = try Self.jsonDocument(reports: reports, failures: failures)
                } catch {
                    fail("--json", error)
                    status = 1
                }
            } else {
                output = reports.map { ValidationText(report: $0, maxProblems: maxProblems, language: language.language).render() }.joined(separator: "\n")
            }
            return Outcome(output: output, errors: shown, status: status)
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
