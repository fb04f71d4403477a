import ArgumentParser
import Foundation
import GapMap

/// Output formats of `analyze`.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case geojson, gpkg
}

/// The layer files of a run.
struct LayerOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Regions: GeoJSON polygons (default: the sample regions of Mali).", valueName: "file"))
    var regions: String?

    @Option(name: .customLong("region-id"), help: ArgumentHelp("The regions' id field (detected when omitted: admin1Pcod, ADM1_PCODE, shapeID, GID_1, id, ...).", valueName: "field"))
    var regionID: String?

    @Option(name: .customLong("region-name"), help: ArgumentHelp("The regions' name field (detected when omitted).", valueName: "field"))
    var regionName: String?

    @Option(help: ArgumentHelp("Initiatives: CSV (lon/lat or a region column) or GeoJSON points and polygons.", valueName: "file"))
    var initiatives: String?

    @Option(help: ArgumentHelp("Needs: CSV or GeoJSON points, or region references.", valueName: "file"))
    var needs: String?

    @Option(help: ArgumentHelp("Incidents: CSV (ACLED layout accepted) or GeoJSON points.", valueName: "file"))
    var incidents: String?

    @Option(help: ArgumentHelp("Settlements with a population column, to count covered population.", valueName: "file"))
    var settlements: String?
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

    @Option(help: ArgumentHelp("Service radius in km of point initiatives whose row gives no radius_km.", valueName: "km"))
    var radius: Double = 10

    @Option(help: ArgumentHelp("Vertices of each geodesic disc.", valueName: "n"))
    var segments: Int = 64

    @Flag(name: .customLong("include-planned"), help: "Count planned initiatives in the coverage too.")
    var includePlanned = false

    @Option(help: ArgumentHelp("Output folder.", valueName: "dir"))
    var out: String = "out"

    @Option(help: "Output format: geojson or gpkg.")
    var format: OutputFormat = .geojson

    @Flag(help: "Print the whole summary as one JSON document on stdout instead of the table.")
    var json = false

    func validate() throws {
        guard radius.isFinite, radius > 0 else {
            throw ValidationError("--radius must be a positive number of kilometres, for example --radius 10.")
        }
        guard segments >= 3 else {
            throw ValidationError("--segments must be at least 3 (64 draws a smooth disc).")
        }
        if format == .gpkg {
            throw ValidationError("GeoPackage output is not available yet; use --format geojson.")
        }
    }

    func request() throws -> AnalysisRequest {
        let parameters = AnalysisParameters(defaultRadiusKm: radius, segments: segments, includePlanned: includePlanned)
        guard let regions = layers.regions else {
            let sample = try SampleData.locate()
            return AnalysisRequest(
                regionsPath: sample.path("regions.geojson"), regionIDField: layers.regionID, regionNameField: layers.regionName,
                initiativesPath: layers.initiatives ?? sample.path("initiatives.csv"), needsPath: layers.needs ?? sample.path("needs.csv"),
                incidentsPath: layers.incidents ?? sample.path("incidents.csv"),
                settlementsPath: layers.settlements ?? sample.path("settlements.csv"), parameters: parameters)
        }
        return AnalysisRequest(
            regionsPath: regions, regionIDField: layers.regionID, regionNameField: layers.regionName, initiativesPath: layers.initiatives,
            needsPath: layers.needs, incidentsPath: layers.incidents, settlementsPath: layers.settlements, parameters: parameters)
    }

    func run() throws {
        try reportingErrors {
            FileHandle.standardOutput.write(Data(try execute().utf8))
        }
    }

    /// Runs the analysis, writes the files and returns what goes to stdout.
    func execute() throws -> String {
        let report = try AnalysisWorkflow.run(try request())
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

/// The bundled sample data (geodata/mali), found from the current folder or
/// from the executable's location.
struct SampleData {
    let folder: String

    func path(_ name: String) -> String { (folder as NSString).appendingPathComponent(name) }

    static func locate() throws -> SampleData {
        var candidates = [FileManager.default.currentDirectoryPath]
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<6 {
            candidates.append(dir.path)
            dir = dir.deletingLastPathComponent()
        }
        for c in candidates {
            let folder = ((c as NSString).appendingPathComponent("geodata") as NSString).appendingPathComponent("mali")
            if FileManager.default.fileExists(atPath: (folder as NSString).appendingPathComponent("regions.geojson")) {
                return SampleData(folder: folder)
            }
        }
        throw GapMapError(message: "the sample data geodata/mali/ was not found from \(FileManager.default.currentDirectoryPath)",
                          fix: "Run gapmap from the project folder, or name your layers with --regions, --initiatives, --needs, --incidents")
    }
}
