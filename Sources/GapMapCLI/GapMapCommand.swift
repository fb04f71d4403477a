import ArgumentParser
import GapMap

/// `gapmap`: the root command.
public struct GapMapCommand: ParsableCommand {
    public static var configuration: CommandConfiguration { CommandConfiguration(
        commandName: "gapmap",
        abstract: HelpLanguage.text("Map community-policing initiatives, needs and incidents onto administrative regions; measure coverage and gaps.", fr: "Place les initiatives de police de proximité, les besoins et les incidents dans les unités administratives ; mesure la couverture et les lacunes."),
        discussion: HelpLanguage.text("""
            Areas are km² on the WGS84 ellipsoid, edges straight in longitude/latitude (RFC 7946); footprints of point initiatives are geodesic discs.
            Initiatives that name a region (programmes) are presence, not coverage.
            Run `gapmap analyze` from the project folder to analyse the bundled sample data of Mali.
            """, fr: "Surfaces en km² sur l'ellipsoïde WGS84, arêtes droites en longitude/latitude (RFC 7946) ; les zones d'action des initiatives ponctuelles sont des disques géodésiques.\nLes initiatives qui nomment une unité (programmes) sont une présence, non une couverture.\nLancez `gapmap analyze` depuis le dossier du projet pour analyser l'exemple du Mali fourni.\n"),
        version: "gapmap \(gapmapVersion)",
        subcommands: [Analyze.self, Map.self, Report.self, Validate.self, Init.self, Import.self, Runs.self,
                      Compare.self, Scenario.self, Rollup.self, Suggest.self, Hotspots.self, Share.self]
    ) }

    public init() {}
}
