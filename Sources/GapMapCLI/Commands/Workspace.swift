import ArgumentParser
import Foundation
import GapMap

/// The files `init` and `import` bring into a workspace.
struct ImportOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Regions: GeoJSON, CSV or a GeoPackage layer (file.gpkg:layer), upserted by id.", valueName: "file"))
    var regions: String?

    @Option(name: .customLong("region-id"), help: ArgumentHelp("The regions' id field (detected when omitted).", valueName: "field"))
    var regionID: String?

    @Option(name: .customLong("region-name"), help: .text("The regions' name field (detected when omitted).", fr: "Le champ de nom des unités (détecté s'il est omis).", valueName: "field"))
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
}

extension GapMapCommand {
    /// `gapmap init plan.gpkg`: a new workspace.
    struct Init: ParsableCommand {
        static var configuration: CommandConfiguration { CommandConfiguration(
            commandName: "init",
            abstract: HelpLanguage.text("Create a planning workspace: a GeoPackage that keeps a team's layers, imports and analysis runs.", fr: "Crée un espace de travail de planification : un GeoPackage qui garde les couches, les imports et les analyses d'une équipe."),
            discussion: """
                The workspace is a GeoPackage 1.3 file that QGIS opens as it is: layers regions, initiatives, needs, incidents and \
                settlements, and the tables imports, import_issues, changes, runs, run_inputs and run_regions. Add data with \
                gapmap import, analyse with gapmap analyze plan.gpkg, list earlier runs with gapmap runs plan.gpkg.
                """) }

        @Argument(help: ArgumentHelp("The workspace file to create (name ending in .gpkg).", valueName: "workspace"))
        var workspace: String

        @OptionGroup var files: ImportOptions
        @OptionGroup var language: LanguageOption

        func run() throws {
            try reportingErrors(language.language) { _ in FileHandle.standardOutput.write(Data(try execute().utf8)) }
        }

        func execute() throws -> String {
            let created = try Workspace.create(at: workspace)
            let words = WorkspaceText(language.language)
            var text = words.created(workspace) + "\n"
            let sources = files.sources
            if !sources.isEmpty {
                text += try words.imports(try created.importFiles(sources), in: created) + "\n"
            }
            return text
        }
    }
}

extension GapMapCommand {
    /// `gapmap import plan.gpkg --needs needs.csv`: upsert rows by id.
    struct Import: ParsableCommand {
        static var configuration: CommandConfiguration { CommandConfiguration(
            commandName: "import",
            abstract: HelpLanguage.text("Add or update layers of a workspace from CSV, GeoJSON or GeoPackage files, upserting rows by id.", fr: "Ajoute ou met à jour les couches d'un espace de travail depuis des fichiers CSV, GeoJSON ou GeoPackage, ligne par ligne selon l'identifiant."),
            discussion: """
                All the files of one command are imported in one transaction: if anything fails or the command is interrupted, the \
                workspace is left exactly as it was. A row whose id is new is inserted; a row whose id exists is updated when a value \
                differs, and each changed value is recorded in the changes table; an identical row is left alone, so importing the \
                same file again changes nothing. Each file is recorded in the imports table with its SHA-256, the time and its row \
                counts; rejected rows are listed in import_issues with their line and reason.
                """) }

        @Argument(help: ArgumentHelp("The workspace (made by gapmap init).", valueName: "workspace"))
        var workspace: String

        @OptionGroup var files: ImportOptions
        @OptionGroup var language: LanguageOption

        func validate() throws {
            if files.sources.isEmpty {
                throw ValidationError("Name at least one file to import, for example --needs needs.csv.")
            }
        }

        func run() throws {
            try reportingErrors(language.language) { _ in FileHandle.standardOutput.write(Data(try execute().utf8)) }
        }

        func execute() throws -> String {
            let opened = try Workspace.open(at: workspace)
            return try WorkspaceText(language.language).imports(try opened.importFiles(files.sources), in: opened) + "\n"
        }
    }
}

extension GapMapCommand {
    /// `gapmap runs plan.gpkg [--show ID [--check]]`: the recorded analyses.
    struct Runs: ParsableCommand {
        static var configuration: CommandConfiguration { CommandConfiguration(
            commandName: "runs",
            abstract: HelpLanguage.text("List the analysis runs recorded in a workspace, or show one run's figures.", fr: "Liste les analyses enregistrées dans un espace de travail, ou montre les chiffres de l'une d'elles."),
            discussion: """
                gapmap analyze plan.gpkg records each run with its parameters, the SHA-256 of every layer it read, the versions of \
                gapmap, GEOS and PROJ, and each region's metrics. --show prints a run's figures as they were; --check analyses the \
                workspace again with that run's parameters and compares every figure.
                """) }

        @Argument(help: ArgumentHelp("The workspace.", valueName: "workspace"))
        var workspace: String

        @Option(help: ArgumentHelp("Show the figures of this run.", valueName: "id"))
        var show: Int64?

        @Flag(help: "With --show: analyse again with the run's parameters and compare every figure.")
        var check = false

        @Flag(help: "With --show: print the run's summary document, as analyze --json printed it.")
        var json = false

        @OptionGroup var language: LanguageOption

        func validate() throws {
            if (check || json) && show == nil {
                throw ValidationError("--check and --json go with --show ID, for example gapmap runs plan.gpkg --show 1 --check.")
            }
        }

        func run() throws {
            try reportingErrors(language.language) { _ in FileHandle.standardOutput.write(Data(try execute().utf8)) }
        }

        func execute() throws -> String {
            let opened = try Workspace.open(at: workspace)
            let text = WorkspaceText(language.language)
            guard let show else {
                return text.runs(try opened.runs().map { try opened.run(id: $0.id!) }, workspace: workspace)
            }
            let detail = try opened.run(id: show)
            if json { return detail.run.summary + "\n" }
            var output = text.run(detail, workspace: workspace)
            if check {
                output += "\n" + text.check(try opened.check(runID: show))
            }
            return output
        }
    }
}
