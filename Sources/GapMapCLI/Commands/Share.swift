import ArgumentParser
import Foundation
import GapMap

extension GapMapCommand {
    /// `gapmap share WORKSPACE RUN`: the shareable outputs of a recorded run.
    struct Share: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the shareable outputs of a run recorded in a workspace (as analyze --share would have).",
            discussion: """
                The workspace is analysed again with the run's recorded parameters and filters, and the files are written \
                under the rules of docs/sharing.md: needs and incidents counted per unit, counts of 1 to k-1 withheld with \
                complementary suppression, ids and free text dropped, share-report.txt. Refused when a layer changed since the \
                run (the files would not hold that run's figures).
                Exit status: 0 success, 1 an input or analysis error (named on stderr), 64 a usage error.
                """)

        @Argument(help: ArgumentHelp("A workspace made by gapmap init.", valueName: "workspace"))
        var workspace: String

        @Argument(help: ArgumentHelp("The run to share (gapmap runs WORKSPACE lists them).", valueName: "run"))
        var runID: Int64

        @OptionGroup var rules: ShareRuleOptions

        @Option(help: ArgumentHelp("Output folder.", valueName: "dir"))
        var out: String = "shared"

        @Option(help: "Output format: geojson or gpkg.")
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
