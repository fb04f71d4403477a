import ArgumentParser
import GapMap

/// `gapmap`: the root command.
public struct GapMapCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "gapmap",
        abstract: "Map community-policing initiatives, needs and incidents onto administrative regions; measure coverage and gaps.",
        discussion: """
            Areas are km² on the WGS84 ellipsoid, edges straight in longitude/latitude (RFC 7946); footprints of point initiatives are geodesic discs.
            Initiatives that name a region (programmes) are presence, not coverage.
            Run `gapmap analyze` from the project folder to analyse the bundled sample data of Mali.
            """,
        version: "gapmap \(gapmapVersion)",
        subcommands: [Analyze.self, Map.self, Report.self, Validate.self, Init.self, Import.self, Runs.self,
                      Compare.self, Scenario.self, Rollup.self, Suggest.self, Hotspots.self, Share.self]
    )

    public init() {}
}
