import ArgumentParser
import Foundation
import GapMap

/// Whether a run's outputs are meant to leave the team (docs/sharing.md):
/// shared by analyze, map and report.
struct ShareOptions: ParsableArguments {
    @Flag(help: .text("Write outputs meant to leave the team: needs and incidents counted per unit (no point at its coordinates), counts of 1 to k-1 withheld with complementary suppression, ids and free text dropped; share-report.txt says what was done.", fr: "Écrit des sorties destinées à quitter l'équipe : besoins et incidents comptés par unité (aucun point à ses coordonnées), effectifs de 1 à k-1 masqués avec suppression complémentaire, identifiants et texte libre retirés ; share-report.txt dit ce qui a été fait."))
    var share = false

    @OptionGroup var ruleOptions: ShareRuleOptions

    var minCount: Int? { ruleOptions.minCount }
    var sensitiveKinds: [String] { ruleOptions.sensitiveKinds }

    /// The rules of a shareable run; nil for a restricted one.
    var rules: ShareRules? { share ? ruleOptions.rules : nil }

    func validate() throws {
        if !share, ruleOptions.minCount != nil || !ruleOptions.sensitiveKinds.isEmpty || !ruleOptions.keptFields.isEmpty || ruleOptions.cells != nil || ruleOptions.displace {
            throw ValidationError("--min-count, --sensitive-kind, --keep-field, --share-cells and --share-displace apply to a shareable run: add --share, or leave them out.")
        }
    }
}

/// The rules of a shareable run (`ShareRules`): analyze/map/report --share
/// and gapmap share.
struct ShareRuleOptions: ParsableArguments {
    @Option(name: .customLong("min-count"), help: .text("With --share, the smallest count published in a cell (default 5, the usual threshold for tables about people).", fr: "Avec --share, le plus petit effectif publié dans une case (5 par défaut, le seuil habituel des tableaux sur des personnes).", valueName: "k"))
    var minCount: Int?

    @Option(name: .customLong("sensitive-kind"), help: .text("With --share, an initiative kind shown only as presence per unit (no footprint, no point, no id or name), e.g. informant_network; repeatable.", fr: "Avec --share, un type d'initiative montré seulement comme présence par unité (ni zone d'action, ni point, ni identifiant ou nom), par exemple informant_network ; répétable.", valueName: "kind"))
    var sensitiveKinds: [String] = []

    @Option(name: .customLong("keep-field"), help: .text("With --share, keep a field the rules drop, by name: id or name of initiatives; repeatable (said in share-report.txt and the files' release member).", fr: "Avec --share, garde un champ que les règles retirent, par son nom : id ou name des initiatives ; répétable (signalé dans share-report.txt et le membre release des fichiers).", valueName: "field"))
    var keptFields: [String] = []

    @Option(name: .customLong("share-cells"), help: .text("With --share, also count needs and incidents per hexagon: hex:SIZE, SIZE the flat-to-flat width (the distance between neighbouring centres; edge = SIZE/√3), in km or m, 1 to 1000 km; hex:10km gives cells of 86.6 km², in an equal-area projection centred on the regions. Written as needs_hexagons and incidents_hexagons; the map and report draw them.", fr: "Avec --share, compte aussi besoins et incidents par hexagone : hex:TAILLE, TAILLE la largeur entre côtés opposés (la distance entre centres voisins ; arête = TAILLE/√3), en km ou m, de 1 à 1000 km ; hex:10km donne des cellules de 86,6 km², dans une projection équivalente centrée sur les unités. Écrits dans needs_hexagons et incidents_hexagons ; la carte et le rapport les dessinent.", valueName: "hex:SIZE"))
    var cells: String?

    @Flag(name: .customLong("share-displace"), help: .text("With --share, also write needs and incidents as points displaced at random (DHS geomask): a random direction and 1 to 2 km for urban points (within √(population/(π×1500)) km of a GeoNames town of 15,000+, geodata/urban/cities15000.csv), 1 to 5 km for rural ones (1 % up to 10 km), kept in their own unit, no seed (the system's random source; nothing to write). Written as needs_displaced and incidents_displaced (drawn by map and report); unit figures use the true points.", fr: "Avec --share, écrit aussi besoins et incidents en points déplacés au hasard (géomasque DHS) : une direction aléatoire et 1 à 2 km pour les points urbains (à moins de √(population/(π×1500)) km d'une ville de 15 000 habitants ou plus, geodata/urban/cities15000.csv), 1 à 5 km pour les ruraux (1 % jusqu'à 10 km), gardés dans leur unité, sans graine (la source aléatoire du système ; rien à écrire). Écrits dans needs_displaced et incidents_displaced (dessinés par map et report) ; les chiffres par unité utilisent les vrais points."))
    var displace = false

    /// Refuses `--share-displace` on a command that writes no points (rollup,
    /// compare): the displaced points are files of analyze and gapmap
    /// share, and drawn by map and report.
    func refuseDisplacement(in command: String) throws {
        if displace {
            throw ValidationError("--share-displace writes needs_displaced and incidents_displaced, which \(command) neither writes nor draws: run gapmap analyze --share --share-displace for the files, or gapmap map/report --share --share-displace to draw them.")
        }
    }

    var rules: ShareRules {
        ShareRules(minCount: minCount ?? ShareRules.defaultMinCount, sensitiveKinds: sensitiveKinds, keptFields: keptFields,
                   cells: cells.flatMap { try? HexagonCells.parse($0).get() }, displace: displace,
                   urbanPlacesPath: displace ? UrbanPlaces.locate() : nil)
    }

    func validate() throws {
        if let minCount { try InputBounds.minCount.check(minCount, option: "--min-count", example: "10") }
        if let empty = sensitiveKinds.first(where: { $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
            throw ValidationError("--sensitive-kind '\(empty)' is empty: name an initiative kind as the initiatives' kind column spells it, e.g. --sensitive-kind informant_network.")
        }
        if let cells, case .failure(let problem) = HexagonCells.parse(cells) { throw ValidationError("--share-cells \(problem)") }
        if displace, UrbanPlaces.locate() == nil {
            throw ValidationError("--share-displace needs \(UrbanPlaces.relativePath) (GeoNames towns, to move urban points at most 2 km and rural ones at most 5 km), which was not found from the current folder or gapmap's: run gapmap from the project folder, or rebuild the file with python3 geodata/urban/build.py.")
        }
        for field in keptFields {
            if let problem = ShareRules.keepProblem(field) { throw ValidationError("--keep-field \(problem)") }
        }
    }
}
