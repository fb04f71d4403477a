import ArgumentParser
import Foundation
import GapMap

extension GapMapCommand {
    /// `gapmap share WORKSPACE RUN`: the shareable outputs of a recorded run.
    struct Share: ParsableCommand {
        static var configuration: CommandConfiguration { CommandConfiguration(
            abstract: HelpLanguage.text("Write the shareable outputs of a run recorded in a workspace (as analyze --share would have).", fr: "Écrit les sorties diffusables d'une analyse enregistrée dans un espace de travail (comme l'aurait fait gapmap analyze --share)."),
            discussion: HelpLanguage.text("""
                The workspace is analysed again with the run's recorded parameters and filters, and the files are written \
                under the rules of docs/sharing.md: needs and incidents counted per unit, counts of 1 to k-1 withheld with \
                complementary suppression, ids and free text dropped, share-report.txt. Refused when a layer changed since the \
                run (the files would not hold that run's figures).
                Exit status: 0 success, 1 an input or analysis error (named on stderr), 64 a usage error.
                """, fr: "L'espace de travail est analysé à nouveau avec les paramètres et filtres enregistrés de l'analyse, et les fichiers sont écrits selon les règles de docs/sharing.md : besoins et incidents comptés par unité, effectifs de 1 à k-1 masqués avec suppression complémentaire, identifiants et texte libre retirés, share-report.txt. Refusé si une couche a changé depuis l'analyse (les fichiers ne porteraient pas ses chiffres).\nCode de sortie : 0 succès, 1 une erreur d'entrée ou d'analyse (décrite sur stderr), 64 une erreur d'utilisation.\n")) }

        @Argument(help: .text("A workspace made by gapmap init.", fr: "Un espace de travail créé par gapmap init.", valueName: "workspace"))
        var workspace: String

        @Argument(help: .text("The run to share (gapmap runs WORKSPACE lists them).", fr: "L'analyse à diffuser (gapmap runs ESPACE les énumère).", valueName: "run"))
        var runID: Int64

        @OptionGroup var rules: ShareRuleOptions

        @Option(help: .text("Output folder.", fr: "Dossier de sortie.", valueName: "dir"))
        var out: String = "shared"

        @Option(help: .text("Output format: geojson or gpkg.", fr: "Format de sortie : geojson ou gpkg."))
        var format: OutputFormat = .geojson

        @OptionGroup var language: LanguageOption

        func validate() throws {
            try checkOutputFolderNamed(out)
        }

        func run() throws {
            try reportingErrors(language.language) { _ in FileHandle.standardOutput.write(Data(try execute().utf8)) }
        }

        func execute() throws -> String {
            let opened = try Workspace.open(at: workspace)
            let detail = try opened.run(id: runID)
            guard detail.changedSince.isEmpty else {
                throw ValidationError("Run \(runID) of \(workspace) read layers that have changed since (\(detail.changedSince.map(\.rawValue).joined(separator: ", "))): its figures cannot be reproduced. Run gapmap analyze \(workspace) --share for the layers as they are now.")
            }
            let folder = try OutputFolder(out)
            let geojson = format == .geojson ? GeoJSONOutput(directory: folder.staging, share: rules.rules) : nil
            let geopackage = format == .gpkg ? GeoPackageOutput(directory: folder.staging, share: rules.rules) : nil
            geojson?.language = language.language
            geopackage?.language = language.language
            _ = try opened.reproduce(runID: runID, into: geojson.map { [$0] } ?? [geopackage!])
            let written = geojson?.written ?? geopackage!.written
            guard let shared = geojson?.shared ?? geopackage?.shared else {
                throw ValidationError("Run \(runID) of \(workspace) gave no shareable figures: nothing was written.")
            }
            try folder.commit()
            let names = written.map { ($0 as NSString).lastPathComponent }
            return shared.release.sentence(language.language) + "\n\n" + language.words.wroteShareable(run: runID, names: names, to: out) + "\n"
        }
    }
}
