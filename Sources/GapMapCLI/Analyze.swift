import ArgumentParser
import Foundation
import GapMap

/// Output formats of `analyze`.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case geojson, gpkg
}

/// `gapmap analyze`: coverage and gaps per region.
struct Analyze: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compute coverage, gaps and per-region metrics; write GeoJSON, summary.csv and rejected.csv.",
        discussion: """
            With no --regions, the sample data in geodata/mali/ is used (regions, initiatives, needs, incidents and \
            settlements). With --regions, only the layers you name are used.
            Exit status: 0 success, 1 an input or analysis error (named on stderr), 64 a usage error.
            """
    )

    @OptionGroup var layers: LayerOptions
    @OptionGroup var analysis: AnalysisOptions

    @Option(help: ArgumentHelp("Output folder.", valueName: "dir"))
    var out: String = "out"

    @Option(help: "Output format: geojson or gpkg.")
    var format: OutputFormat = .geojson

    @Flag(help: "Print the whole summary as one JSON document on stdout instead of the table.")
    var json = false

    func validate() throws {
        if format == .gpkg {
            throw ValidationError("GeoPackage output is not available yet; use --format geojson.")
        }
    }

    func run() throws {
        try reportingErrors {
            FileHandle.standardOutput.write(Data(try execute().utf8))
        }
    }

    /// Runs the analysis, writes the files and returns what goes to stdout.
    func execute() throws -> String {
        let report = try AnalysisWorkflow.run(try layers.request(analysis.parameters))
        let written = try ReportOutput.writeGeoJSON(report, to: out)
        if json {
            return String(decoding: try SummaryDocument(report).json(), as: UTF8.self) + "\n"
        }
        let names = written.map { ($0 as NSString).lastPathComponent }.joined(separator: ", ")
        return RankedTable(report: report).render() + "\nWrote \(written.count) files to \(out)/: \(names).\n"
    }
}

/// Prints a domain error as a sentence on stderr and exits with status 1.
func reportingErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as ExitCode {
        throw error
    } catch {
        FileHandle.standardError.write(Data("gapmap: error: \(error)\n".utf8))
        throw ExitCode(1)
    }
}

