import ArgumentParser
import Foundation
import GapMap

/// The files `init` and `import` bring into a workspace.
struct ImportOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Regions: GeoJSON, CSV or a GeoPackage layer (file.gpkg:layer), upserted by id.", valueName: "file"))
    var regions: String?

    @Option(name: .customLong("region-id"), help: ArgumentHelp("The regions' id field (detected when omitted).", valueName: "field"))
    var regionID: String?

    @Option(name: .customLong("region-name"), help: ArgumentHelp("The regions' name field (detected when omitted).", valueName: "field"))
    var regionName: String?

    @Option(help: ArgumentHelp("Initiatives: CSV, GeoJSON or file.gpkg:layer, upserted by id.", valueName: "file"))
    var initiatives: String?

    @Option(help: ArgumentHelp("Needs: CSV, GeoJSON or file.gpkg:layer, upserted by id.", valueName: "file"))
    var needs: String?

    @Option(help: ArgumentHelp("Incidents: CSV (ACLED layout accepted), GeoJSON or file.gpkg:layer, upserted by id.", valueName: "file"))
    var incidents: String?

    @Option(help: ArgumentHelp("Settlements with a population column, upserted by id.", valueName: "file"))
    var settlements: String?

    var sources: [WorkspaceImportSource] {
        var list: [WorkspaceImportSource] = []
        if let regions { list.append(WorkspaceImportSource(layer: .regions, path: regions, regionIDField: regionID, regionNameField: regionName)) }
        if let initiatives { list.append(WorkspaceImportSource(layer: .initiatives, path: initiatives)) }
        if let needs { list.append(WorkspaceImportSource(layer: .needs, path: needs)) }
        if let incidents { list.append(WorkspaceImportSource(layer: .incidents, path: incidents)) }
        if let settlements { list.append(WorkspaceImportSource(layer: .settlements, path: settlements)) }
        return list
    }

    /// What each import did, one line per file, then the first issues.
    static func describe(_ imports: [WorkspaceImport], in workspace: Workspace) throws -> String {
        var lines: [String] = []
        for i in imports {
            lines.append("\(i.layer.rawValue.padding(toLength: 11, withPad: " ", startingAt: 0)) \(i.sourceFile): \(i.rowsRead) read = "
                + "\(i.rowsInserted) inserted + \(i.rowsUpdated) updated + \(i.rowsUnchanged) unchanged + \(i.rowsRejected) rejected + "
                + "\(i.rowsDuplicate) duplicates (import \(i.id ?? 0), SHA-256 \(i.sourceSHA256.prefix(12))…)")
            let changes = try workspace.changes(importID: i.id)
            if !changes.isEmpty {
                let rows = Set(changes.map(\.featureID)).count
                lines.append("            \(changes.count) values changed in \(rows) rows, each recorded in the changes table with its old and new value.")
            }
            // Rejected rows first (what the user must fix), then repairs, then duplicates.
            let rank: [RowDisposition: Int] = [.rejected: 0, .repaired: 1, .duplicate: 2]
            let issues = try workspace.issues(importID: i.id!).enumerated()
                .sorted { (rank[$0.element.disposition]!, $0.offset) < (rank[$1.element.disposition]!, $1.offset) }.map(\.element)
            for issue in issues.prefix(5) {
                lines.append("            line \(issue.line)\(issue.featureID.map { " (\($0))" } ?? ""): \(issue.disposition.rawValue): \(issue.reason)")
            }
            if issues.count > 5 {
                let rest = issues.dropFirst(5)
                let counts = [RowDisposition.rejected, .repaired, .duplicate].compactMap { d -> String? in
                    let n = rest.filter { $0.disposition == d }.count
                    return n > 0 ? "\(n) \(d.rawValue)" : nil
                }
                lines.append("            … \(rest.count) more (\(counts.joined(separator: ", "))) in the import_issues table.")
            }
        }
        return lines.joined(separator: "\n")
    }
}

extension GapMapCommand {
    /// `gapmap init plan.gpkg`: a new workspace.
    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "init",
            abstract: "Create a planning workspace: a GeoPackage that keeps a team's layers, imports and analysis runs.",
            discussion: """
                The workspace is a GeoPackage 1.3 file that QGIS opens as it is: layers regions, initiatives, needs, incidents and \
                settlements, and the tables imports, import_issues, changes, runs, run_inputs and run_regions. Add data with \
                gapmap import, analyse with gapmap analyze plan.gpkg, list earlier runs with gapmap runs plan.gpkg.
                """)

        @Argument(help: ArgumentHelp("The workspace file to create (name ending in .gpkg).", valueName: "workspace"))
        var workspace: String

        @OptionGroup var files: ImportOptions

        func run() throws {
            try reportingErrors { _ in FileHandle.standardOutput.write(Data(try execute().utf8)) }
        }

        func execute() throws -> String {
            let created = try Workspace.create(at: workspace)
            var text = "Created the workspace \(workspace) (GeoPackage 1.3; layers regions, initiatives, needs, incidents, settlements).\n"
            let sources = files.sources
            if !sources.isEmpty {
                text += try ImportOptions.describe(try created.importFiles(sources), in: created) + "\n"
            }
            return text
        }
    }
}

extension GapMapCommand {
    /// `gapmap import plan.gpkg --needs needs.csv`: upsert rows by id.
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Add or update layers of a workspace from CSV, GeoJSON or GeoPackage files, upserting rows by id.",
            discussion: """
                All the files of one command are imported in one transaction: if anything fails or the command is interrupted, the \
                workspace is left exactly as it was. A row whose id is new is inserted; a row whose id exists is updated when a value \
                differs, and each changed value is recorded in the changes table; an identical row is left alone, so importing the \
                same file again changes nothing. Each file is recorded in the imports table with its SHA-256, the time and its row \
                counts; rejected rows are listed in import_issues with their line and reason.
                """)

        @Argument(help: ArgumentHelp("The workspace (made by gapmap init).", valueName: "workspace"))
        var workspace: String

        @OptionGroup var files: ImportOptions

        func validate() throws {
            if files.sources.isEmpty {
                throw ValidationError("Name at least one file to import, for example --needs needs.csv.")
            }
        }

        func run() throws {
            try reportingErrors { _ in FileHandle.standardOutput.write(Data(try execute().utf8)) }
        }

        func execute() throws -> String {
            let opened = try Workspace.open(at: workspace)
            return try ImportOptions.describe(try opened.importFiles(files.sources), in: opened) + "\n"
        }
    }
}

extension GapMapCommand {
    /// `gapmap runs plan.gpkg [--show ID [--check]]`: the recorded analyses.
    struct Runs: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "runs",
            abstract: "List the analysis runs recorded in a workspace, or show one run's figures.",
            discussion: """
                gapmap analyze plan.gpkg records each run with its parameters, the SHA-256 of every layer it read, the versions of \
                gapmap, GEOS and PROJ, and each region's metrics. --show prints a run's figures as they were; --check analyses the \
                workspace again with that run's parameters and compares every figure.
                """)

        @Argument(help: ArgumentHelp("The workspace.", valueName: "workspace"))
        var workspace: String

        @Option(help: ArgumentHelp("Show the figures of this run.", valueName: "id"))
        var show: Int64?

        @Flag(help: "With --show: analyse again with the run's parameters and compare every figure.")
        var check = false

        @Flag(help: "With --show: print the run's summary document, as analyze --json printed it.")
        var json = false

        func validate() throws {
            if (check || json) && show == nil {
                throw ValidationError("--check and --json go with --show ID, for example gapmap runs plan.gpkg --show 1 --check.")
            }
        }

        func run() throws {
            try reportingErrors { _ in FileHandle.standardOutput.write(Data(try execute().utf8)) }
        }

        func execute() throws -> String {
            let opened = try Workspace.open(at: workspace)
            guard let show else { return try list(opened) }
            let detail = try opened.run(id: show)
            if json { return detail.run.summary + "\n" }
            var text = describe(detail)
            if check {
                text += "\n" + Self.describe(try opened.check(runID: show))
            }
            return text
        }

        /// The totals shown for each run in the list.
        static let listedMetrics = [MetricCatalogue.coveredKm2, MetricCatalogue.coveragePct, MetricCatalogue.uncoveredDemand]

        func list(_ opened: Workspace) throws -> String {
            let runs = try opened.runs()
            guard !runs.isEmpty else { return "No run recorded in \(workspace) yet: run gapmap analyze \(workspace).\n" }
            var rows: [[String]] = []
            for run in runs {
                let detail = try opened.run(id: run.id!)
                let t = RegionTotals(detail.regions)
                let changed = detail.changedSince.map(\.rawValue)
                rows.append([String(run.id!), Self.time(run.startedAt), RankedTable.weight(run.radiusKm), String(run.segments),
                             run.includePlanned ? "yes" : "no", String(run.regions)] + Self.listedMetrics.map { $0.text(t.value(of: $0)) }
                            + [changed.isEmpty ? "unchanged" : "changed: " + changed.joined(separator: ", "), run.filters])
            }
            let header = ["run", "started (UTC)", "radius km", "segments", "planned", "regions"] + Self.listedMetrics.map { $0.shortLabel(.english) }
                + ["layers since", "filters"]
            let lines = RankedTable.table(header: header, rows: rows, footer: Array(repeating: "", count: header.count),
                                          leftAligned: [1, 6 + Self.listedMetrics.count, 7 + Self.listedMetrics.count])
            let trimmed = lines.dropLast(2).map { line in String(line.reversed().drop { $0 == " " }.reversed()) }
            return "Runs recorded in \(workspace):\n\n" + trimmed.joined(separator: "\n")
                + "\n\nShow one with gapmap runs \(workspace) --show ID (add --check to reproduce its figures).\n"
        }

        func describe(_ detail: WorkspaceRunDetail) -> String {
            let run = detail.run
            let p = detail.request.parameters
            var lines = ["Run \(run.id!) of \(workspace), \(Self.time(run.startedAt)) UTC: gapmap \(run.gapmapVersion), GEOS \(run.geosVersion), PROJ \(run.projVersion).",
                         "Default radius \(RankedTable.weight(p.defaultRadiusKm)) km, \(p.segments)-vertex geodesic discs, planned \(p.includePlanned ? "included" : "excluded").",
                         "Filters: \(run.filters).",
                         "", "Layers read:"]
            for input in detail.inputs {
                let state = detail.changedSince.contains(input.layer) ? "changed since" : "unchanged since"
                lines.append("  \(input.layer.rawValue.padding(toLength: 11, withPad: " ", startingAt: 0)) \(input.rows) rows, SHA-256 \(input.sha256.prefix(16))…, \(state)")
            }
            lines.append("")
            lines += RankedTable.regionTable(detail.regions, totals: RegionTotals(detail.regions), totalName: "all regions")
            return lines.joined(separator: "\n") + "\n"
        }

        static func describe(_ check: RunCheck) -> String {
            if check.differences.isEmpty {
                return "Check: analysed again with the run's parameters, every figure of the \(check.regions) regions is the same.\n"
            }
            return "Check: \(check.differences.count) figures differ from the run (the layers changed since, or another version of gapmap, GEOS or PROJ):\n"
                + check.differences.prefix(40).map { "  " + $0 }.joined(separator: "\n") + "\n"
        }

        /// `2025-01-31T12:00:00.000Z` → `2025-01-31 12:00:00`.
        static func time(_ timestamp: String) -> String {
            String(timestamp.prefix(19)).replacingOccurrences(of: "T", with: " ")
        }
    }
}
