import ArgumentParser
import Foundation
import GapMap

/// The files `init` and `import` bring into a workspace.
struct ImportOptions: ParsableArguments {
    @Option(help: .text("Regions: GeoJSON, CSV or a GeoPackage layer (file.gpkg:layer), upserted by id.", fr: "Unités : GeoJSON, CSV ou couche GeoPackage (fichier.gpkg:couche), mises à jour selon l'identifiant.", valueName: "file"))
    var regions: String?

    @Option(name: .customLong("region-id"), help: .text("The regions' id field (detected when omitted).", fr: "Le champ d'identifiant des unités (détecté s'il est omis).", valueName: "field"))
    var regionID: String?

    @Option(name: .customLong("region-name"), help: .text("The regions' name field (detected when omitted).", fr: "Le champ de nom des unités (détecté s'il est omis).", valueName: "field"))
    var regionName: String?

    @Option(help: .text("Initiatives: CSV, GeoJSON or file.gpkg:layer, upserted by id.", fr: "Initiatives : CSV, GeoJSON ou fichier.gpkg:couche, mises à jour selon l'identifiant.", valueName: "file"))
    var initiatives: String?

    @Option(help: .text("Needs: CSV, GeoJSON or file.gpkg:layer, upserted by id.", fr: "Besoins : CSV, GeoJSON ou fichier.gpkg:couche, mis à jour selon l'identifiant.", valueName: "file"))
    var needs: String?

    @Option(help: .text("Incidents: CSV (ACLED layout accepted), GeoJSON or file.gpkg:layer, upserted by id.", fr: "Incidents : CSV (format ACLED accepté), GeoJSON ou fichier.gpkg:couche, mis à jour selon l'identifiant.", valueName: "file"))
    var incidents: String?

    @Option(help: .text("Settlements with a population column, upserted by id.", fr: "Localités avec une colonne de population, mises à jour selon l'identifiant.", valueName: "file"))
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
            discussion: HelpLanguage.text("""
                The workspace is a GeoPackage 1.3 file that QGIS opens as it is: layers regions, initiatives, needs, incidents and \
                settlements, and the tables imports, import_issues, changes, runs, run_inputs and run_regions. Add data with \
                gapmap import, analyse with gapmap analyze plan.gpkg, list earlier runs with gapmap runs plan.gpkg.
                """, fr: "L'espace de travail est un fichier GeoPackage 1.3 que QGIS ouvre tel quel : couches regions, initiatives, needs, incidents et settlements, et tables imports, import_issues, changes, runs, run_inputs et run_regions. Ajoutez des données avec gapmap import, analysez avec gapmap analyze plan.gpkg, listez les analyses passées avec gapmap runs plan.gpkg.\n")) }

        @Argument(help: .text("The workspace file to create (name ending in .gpkg).", fr: "Le fichier d'espace de travail à créer (nom finissant par .gpkg).", valueName: "workspace"))
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
            discussion: HelpLanguage.text("""
                All the files of one command are imported in one transaction: if anything fails or the command is interrupted, the \
                workspace is left exactly as it was. A row whose id is new is inserted; a row whose id exists is updated when a value \
                differs, and each changed value is recorded in the changes table; an identical row is left alone, so importing the \
                same file again changes nothing. Each file is recorded in the imports table with its SHA-256, the time and its row \
                counts; rejected rows are listed in import_issues with their line and reason.
                """, fr: "Tous les fichiers d'une commande sont importés en une seule transaction : si quelque chose échoue ou si la commande est interrompue, l'espace de travail reste exactement tel qu'il était. Une ligne dont l'identifiant est nouveau est insérée ; une ligne dont l'identifiant existe est mise à jour quand une valeur diffère, et chaque valeur modifiée est notée dans la table changes ; une ligne identique est laissée telle quelle, si bien que réimporter le même fichier ne change rien. Chaque fichier est noté dans la table imports avec son SHA-256, l'heure et ses nombres de lignes ; les lignes rejetées sont listées dans import_issues avec leur ligne et leur motif.\n")) }

        @Argument(help: .text("The workspace (made by gapmap init).", fr: "L'espace de travail (créé par gapmap init).", valueName: "workspace"))
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
            discussion: HelpLanguage.text("""
                gapmap analyze plan.gpkg records each run with its parameters, the SHA-256 of every layer it read, the versions of \
                gapmap, GEOS and PROJ, and each region's metrics. --show prints a run's figures as they were; --check analyses the \
                workspace again with that run's parameters and compares every figure.
                """, fr: "gapmap analyze plan.gpkg enregistre chaque analyse avec ses paramètres, le SHA-256 de chaque couche lue, les versions de gapmap, GEOS et PROJ, et les indicateurs de chaque unité. --show affiche les chiffres d'une analyse tels qu'ils étaient ; --check analyse à nouveau l'espace de travail avec les paramètres de cette analyse et compare chaque chiffre.\n")) }

        @Argument(help: .text("The workspace.", fr: "L'espace de travail.", valueName: "workspace"))
        var workspace: String

        @Option(help: .text("Show the figures of this run.", fr: "Montre les chiffres de cette analyse.", valueName: "id"))
        var show: Int64?

        @Flag(help: .text("With --show: analyse again with the run's parameters and compare every figure.", fr: "Avec --show : analyse à nouveau avec les paramètres de l'analyse et compare chaque chiffre."))
        var check = false

        @Flag(help: .text("With --show: print the run's summary document, as analyze --json printed it.", fr: "Avec --show : affiche le document de résumé de l'analyse, tel que gapmap analyze --json l'avait affiché."))
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
