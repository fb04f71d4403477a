import ArgumentParser
import GapMap

/// `gapmap`: the root command.
public struct GapMapCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "gapmap",
        abstract: "Map community-policing initiatives, needs and incidents onto administrative regions; measure coverage and gaps.",
        discussion: """
            Areas are geodesic km² on the WGS84 ellipsoid; footprints of point initiatives are geodesic discs.
            Run `gapmap analyze` from the project folder to analyse the bundled sample data of Mali.
            """,
        version: "gapmap \(gapmapVersion)",
        subcommands: [Analyze.self, MapCommand.self, ReportCommand.self, Validate.self, InitCommand.self, ImportCommand.self, RunsCommand.self,
                      CompareCommand.self, ScenarioCommand.self, RollupCommand.self, SuggestCommand.self, HotspotsCommand.self]
    )

    public init() {}
}
