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
        static let configuration = CommandConfiguration(
            abstract: "Check input files: detected format, dialect, columns, CRS, row counts, and every row that would be rejected.",
            discussion: """
                Nothing is analysed and nothing is written. The layer kind of each file is guessed from its geometry and \
                columns unless --as names it. With --regions, region references are resolved and points are checked \
                against the regions (swapped longitude/latitude, points far outside).
                Exit status: 0 every file is clean (duplicates and repaired polygons allowed); 2 some rows would be \
                rejected; 1 a file cannot be read at all (the error names the file and line); 64 a usage error.
                """
        )

        @Argument(help: ArgumentHelp("The files to check (CSV or GeoJSON).", valueName: "file"))
        var files: [String]

        @Option(name: .customLong("as"), help: ArgumentHelp("The layer the files hold: regions, initiatives, needs, incidents or settlements (guessed when omitted).", valueName: "layer"))
        var layer: LayerChoice?

        @Option(help: ArgumentHelp("Regions to resolve region references and check points against (GeoJSON polygons).", valueName: "file"))
        var regions: String?

        @Option(name: .customLong("region-id"), help: ArgumentHelp("The regions' id field (detected when omitted).", valueName: "field"))
        var regionID: String?

        @Option(name: .customLong("region-name"), help: ArgumentHelp("The regions' name field (detected when omitted).", valueName: "field"))
        var regionName: String?

        @Option(name: .customLong("max-problems"), help: ArgumentHelp("Problem rows listed per file on the terminal (all of them with --json).", valueName: "n"))
        var maxProblems = 20

        @Flag(help: "Print the reports as one JSON document on stdout.")
        var json = false

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
                output = reports.map { ValidationText(report: $0, maxProblems: maxProblems).render() }.joined(separator: "\n")
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

/// The terminal view of a validation report.
struct ValidationText {
    let report: ValidationReport
    let maxProblems: Int

    func render() -> String {
        let r = report
        let a = r.account
        var lines: [String] = []
        lines.append("\(r.file): \(r.layer.rawValue)\(r.layerGuessed ? " (guessed from its columns; --as to choose)" : ""), \(r.sourceFormat.label)")
        if let d = r.dialect {
            var read = "CSV, \(d.delimiter)-separated, \(d.encoding), header on line \(d.headerLine)"
            if d.decimalComma { read += ", decimal commas" }
            if let hxl = d.hxlLine { read += ", HXL hashtags on line \(hxl)" }
            lines.append("  read as:   \(read)")
        } else {
            lines.append("  read as:   \(r.format == "geojson" ? "GeoJSON" : r.format), \(r.encoding ?? "UTF-8")")
        }
        var used: [String] = []
        if let id = r.columns.id { used.append("id = \(id)") } else if r.layer != .regions { used.append("no id column (rows are named file:line)") }
        if let rf = r.columns.regionFields {
            if let n = rf.name { used.append("name = \(n)") }
            if let p = rf.parent { used.append("parent = \(p)") }
            if let level = rf.level { used.append("level \(level)") }
            if !rf.alternateNames.isEmpty { used.append("alternate names = \(rf.alternateNames.joined(separator: ", "))") }
        } else {
            used.append("coordinates = \(r.columns.coordinates ?? "none")")
            if !r.columns.regionReference.isEmpty { used.append("region = \(r.columns.regionReference.joined(separator: ", "))") }
            if let p = r.columns.precision { used.append("precision = \(p)") }
            for role in r.columns.fields.keys.sorted() { used.append("\(role) = \(r.columns.fields[role]!)") }
        }
        lines.append("  columns:   \(used.joined(separator: "; "))")
        if let crs = r.crs {
            lines.append("  CRS:       \(crs)\(r.reprojected ? ", reprojected to WGS84 longitude/latitude with PROJ" : " (WGS84 longitude/latitude)")")
        } else {
            let declared = switch r.format {
            case "csv": ""
            case "gpkg": " (srs_id 4326, or 0: undefined geographic)"
            default: " (none declared, as RFC 7946 says)"
            }
            lines.append("  CRS:       WGS84 longitude/latitude\(declared)")
        }
        if let regions = r.regions { lines.append("  regions:   \(regions) (references resolved, points checked against them)") }
        var rows = "\(a.read) read = \(a.used) used + \(a.rejected) rejected + \(a.duplicates) duplicates"
        if r.layer != .regions {
            rows += "; \(a.points) point\(a.points == 1 ? "" : "s")"
            if r.regions != nil { rows += " = \(a.assigned) in a region + \(a.unassigned) in none" }
            if a.polygons > 0 { rows += "; \(a.polygons) polygons" }
            if a.regionReferenced > 0 {
                rows += "; \(a.regionReferenced) by region reference"
                if a.impreciseRegionReferenced > 0 { rows += " (\(a.impreciseRegionReferenced) of imprecise location)" }
                if a.coarserUnits > 0 { rows += "; \(a.coarserUnits) naming a unit above the regions" }
                if a.matched > 0 { rows += "; \(a.matched) matched other than exactly (listed as matched)" }
            }
        }
        if a.repaired > 0 { rows += "; \(a.repaired) polygons repaired" }
        lines.append("  rows:      \(rows)")
        if !r.problems.isEmpty {
            lines.append("  problems:")
            for issue in r.problems.prefix(maxProblems) {
                let field = issue.field.map { ", \($0)" } ?? ""
                lines.append("    \(r.format == "gpkg" ? "fid" : "line") \(issue.line)\(field): \(issue.disposition.rawValue): \(issue.reason)")
            }
            if r.problems.count > maxProblems {
                lines.append("    … and \(r.problems.count - maxProblems) more (--json lists them all)")
            }
        }
        for note in r.notes { lines.append("  note:      \(note)") }
        lines.append(r.isClean
            ? "  verdict:   clean\(a.duplicates > 0 ? " (duplicates are counted once)" : "")"
            : "  verdict:   \(a.rejected) row\(a.rejected == 1 ? "" : "s") would be rejected")
        return lines.joined(separator: "\n") + "\n"
    }
}
