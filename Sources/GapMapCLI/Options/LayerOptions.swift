import ArgumentParser
import Foundation
import GapMap

/// The layer files of a run.
struct LayerOptions: ParsableArguments {
    @Option(help: .text("Regions: GeoJSON polygons or a GeoPackage layer, file.gpkg:layer (default: the 9 regions of Mali of the sample, said on screen).", fr: "Unités : polygones GeoJSON ou couche GeoPackage, fichier.gpkg:couche (par défaut : les 9 régions du Mali de l'exemple, signalé à l'écran).", valueName: "file"))
    var regions: String?

    @Flag(help: .text("Run on the bundled sample of Mali (geodata/mali), whose initiatives, needs and incidents are INVENTED; every output says so. It is also what a run that names no layer at all uses.", fr: "Analyse l'exemple du Mali fourni (geodata/mali), dont les initiatives, besoins et incidents sont INVENTÉS ; chaque sortie le dit. C'est aussi ce qu'utilise une analyse qui ne nomme aucune couche."))
    var sample = false

    @Option(help: .text("The GeoPackage layer of --regions (the same as --regions file.gpkg:NAME); without it a file with several layers lists them.", fr: "La couche GeoPackage de --regions (comme --regions fichier.gpkg:NOM) ; sans elle, un fichier de plusieurs couches les énumère.", valueName: "name"))
    var layer: String?

    @Option(name: .customLong("region-id"), help: .text("The regions' id field (detected when omitted: admin1Pcod, ADM1_PCODE, shapeID, GID_1, id, ...).", fr: "Le champ d'identifiant des unités (détecté s'il est omis : admin1Pcod, ADM1_PCODE, shapeID, GID_1, id...).", valueName: "field"))
    var regionID: String?

    @Option(name: .customLong("region-name"), help: .text("The regions' name field (detected when omitted).", fr: "Le champ de nom des unités (détecté s'il est omis).", valueName: "field"))
    var regionName: String?

    @Option(help: .text("Initiatives: CSV (lon/lat or a region column), GeoJSON or a GeoPackage layer (file.gpkg:layer).", fr: "Initiatives : CSV (lon/lat ou une colonne d'unité), GeoJSON ou couche GeoPackage (fichier.gpkg:couche).", valueName: "file"))
    var initiatives: String?

    @Option(help: .text("Needs: CSV, GeoJSON or GeoPackage (file.gpkg:layer) points, or region references.", fr: "Besoins : points CSV, GeoJSON ou GeoPackage (fichier.gpkg:couche), ou références à des unités.", valueName: "file"))
    var needs: String?

    @Option(help: .text("Incidents: CSV (ACLED layout accepted), GeoJSON or GeoPackage (file.gpkg:layer) points.", fr: "Incidents : points CSV (format ACLED accepté), GeoJSON ou GeoPackage (fichier.gpkg:couche).", valueName: "file"))
    var incidents: String?

    @Option(help: .text("Settlements with a population column, to count covered population.", fr: "Localités avec une colonne de population, pour compter la population couverte.", valueName: "file"))
    var settlements: String?

    @Option(help: .text("A raster of people per cell (WorldPop, GHSL GeoTIFF; any CRS) to count population, covered and uncovered population per region.", fr: "Un raster de personnes par cellule (GeoTIFF WorldPop, GHSL ; tout SCR) pour compter la population, couverte et non couverte, par unité.", valueName: "file"))
    var population: String?
}

/// The parameters of an analysis, shared by every command that runs one.
struct AnalysisOptions: ParsableArguments {
    @Option(help: .text("Service radius in km of point initiatives whose row gives no radius_km.", fr: "Rayon d'action en km des initiatives ponctuelles dont la ligne ne donne pas de radius_km.", valueName: "km"))
    var radius: Double = 10

    @Option(help: .text("Vertices of each geodesic disc.", fr: "Nombre de sommets de chaque disque géodésique.", valueName: "n"))
    var segments: Int = 64

    @Flag(name: .customLong("include-planned"), help: .text("Count planned initiatives in the coverage too.", fr: "Compte aussi les initiatives prévues dans la couverture."))
    var includePlanned = false

    @Flag(name: .customLong("programmes-as-coverage"), help: .text("Count a programme (an initiative that names a region instead of giving coordinates) as covering its whole region, "
            + "as gapmap did before 2026-12. By default it has no footprint and is counted as presence (programmes).", fr: "Compte un programme (une initiative qui nomme une unité au lieu de donner des coordonnées) comme couvrant toute son unité, comme gapmap le faisait avant 2026-12. Par défaut il n'a pas de zone d'action et compte comme présence (programmes)."))
    var programmesAsCoverage = false

    @Option(name: .customLong("unit-name"), help: .text("What the units are called in titles, legends and tables: singular, singular/plural, or English singular/plural/French singular/plural "
            + "(e.g. district/districts/district/districts). By default from their level and country: communes, cercles, régions for Mali.", fr: "Le nom des unités dans les titres, légendes et tableaux : singulier, singulier/pluriel, ou singulier/pluriel anglais/singulier/pluriel français (par exemple district/districts/district/districts). Par défaut d'après leur niveau et leur pays : communes, cercles, régions pour le Mali.",
        valueName: "name"))
    var unitName: String?

    @Option(name: .customLong("exposure-radius"), help: .text("How far from an incident people count as exposed, by event type: TYPE=DISTANCE pairs and default=DISTANCE "
            + "(km, or 1500m; 0 leaves a type out). Defaults: ACLED's Conflict Exposure distances, "
            + "Explosions/Remote violence=5km, Protests=1km, every other type 2 km.", fr: "La distance d'un incident en deçà de laquelle la population compte comme exposée, par type d'événement : paires TYPE=DISTANCE et default=DISTANCE (km, ou 1500m ; 0 écarte un type). Par défaut : les distances de Conflict Exposure d'ACLED, Explosions/Remote violence=5km, Protests=1km, tout autre type 2 km.", valueName: "radii"))
    var exposureRadius: String?

    @Option(name: .customLong("rank-by"), help: .text(
        "The metric gap_rank orders by: \(GapRanking.rankable.map(\.key).joined(separator: ", ")).",
        fr: "L'indicateur qui ordonne gap_rank : \(GapRanking.rankable.map(\.key).joined(separator: ", ")).", valueName: "metric"))
    var rankBy: String = MetricCatalogue.uncoveredDemand.key

    func validate() throws {
        try InputBounds.radiusKm.check(radius, option: "--radius", example: "10")
        try InputBounds.segments.check(segments, option: "--segments", example: "64")
        if let unitName, UnitNames.parse(unitName) == nil {
            throw ValidationError("--unit-name must be a name, name/plural, or English name/plural/French name/plural, not '\(unitName)'; for example --unit-name commune/communes.")
        }
        if let exposureRadius {
            do { _ = try ExposureRadii.parse(exposureRadius) } catch { throw ValidationError("\(error)") }
        }
        guard GapRanking.metric(rankBy) != nil else {
            throw ValidationError("--rank-by must be one of \(GapRanking.rankable.map(\.key).joined(separator: ", ")), not \"\(rankBy)\"; for example --rank-by exposed_uncovered_population.")
        }
    }

    var parameters: AnalysisParameters {
        AnalysisParameters(defaultRadiusKm: radius, segments: segments, includePlanned: includePlanned,
                           programmesAsCoverage: programmesAsCoverage, unitName: unitName,
                           exposureRadii: exposureRadius.flatMap { try? ExposureRadii.parse($0) } ?? .acled, rankBy: rankBy)
    }
}

extension LayerOptions {
    /// The user's layer files named on the command line.
    var namedLayers: [String] {
        [regions, initiatives, needs, incidents, settlements, population].compactMap { $0 }
    }

    func validate() throws {
        if sample, !namedLayers.isEmpty {
            throw ValidationError("--sample runs on the bundled sample alone, whose initiatives, needs and incidents are invented: "
                + "it is never mixed with your layers. Drop --sample to analyse \(namedLayers.joined(separator: ", ")).")
        }
    }

    /// The files to analyse: the layers named; with none at all (or with
    /// --sample) the whole bundled sample, marked as invented example data;
    /// with layers but no --regions, the sample's regions only, said on
    /// stderr (never the sample's invented initiatives, needs or incidents).
    func request(_ parameters: AnalysisParameters, language: ReportLanguage = .fromEnvironment()) throws -> AnalysisRequest {
        guard let regions else {
            let sample = try SampleData.locate()
            guard namedLayers.isEmpty else {
                var request = AnalysisRequest(
                    regionsPath: sample.path("regions.geojson"), regionIDField: regionID, regionNameField: regionName,
                    initiativesPath: initiatives, needsPath: needs, incidentsPath: incidents, settlementsPath: settlements,
                    parameters: parameters)
                request.populationPath = population
                request.exampleData = .regionsOnly
                FileHandle.standardError.write(Data("gapmap: \(ExampleData.regionsOnlyNotice(request.regionsPath, language: language))\n".utf8))
                return request
            }
            var request = AnalysisRequest(
                regionsPath: sample.path("regions.geojson"), regionIDField: regionID, regionNameField: regionName,
                initiativesPath: sample.path("initiatives.csv"), needsPath: sample.path("needs.csv"),
                incidentsPath: sample.path("incidents.csv"), settlementsPath: sample.path("settlements.csv"), parameters: parameters)
            request.exampleData = .whole
            FileHandle.standardError.write(Data("gapmap: \(ExampleData.notice(language))\n".utf8))
            return request
        }
        var regionsPath = regions
        if let layer {
            guard !regions.contains(".gpkg:") else {
                throw ValidationError("Name the GeoPackage layer once: either --regions \(regions) or --layer \(layer).")
            }
            regionsPath += ":" + layer
        }
        var request = AnalysisRequest(
            regionsPath: regionsPath, regionIDField: regionID, regionNameField: regionName, initiativesPath: initiatives,
            needsPath: needs, incidentsPath: incidents, settlementsPath: settlements, parameters: parameters)
        request.populationPath = population
        return request
    }

    /// One line per input file, for the sources of maps and reports.
    func sourceNames(_ request: AnalysisRequest) -> [String] {
        [request.regionsPath, request.initiativesPath, request.needsPath, request.incidentsPath, request.settlementsPath]
            .compactMap { $0 }.map { ($0 as NSString).lastPathComponent }
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
