import Foundation
import GeoFormats

/// What every output says about who may see it: a shareable run's files
/// say "shareable", with the rules applied and the cells withheld; every
/// other run's files say "restricted", so no one mistakes one for the other.
public enum ReleaseMark: Sendable, Equatable {
    case restricted
    case shareable(ShareRules, suppressedCells: Int)

    /// The name of the GeoJSON member, summary.csv column and --json key.
    public static let key = "gapmap_release"

    public var status: String {
        switch self {
        case .restricted: "restricted"
        case .shareable: "shareable"
        }
    }

    public var isShareable: Bool { self != .restricted }

    /// One sentence, in the language asked for.
    public func sentence(_ language: ReportLanguage) -> String {
        let fr = language == .french
        switch self {
        case .restricted:
            return fr
                ? "DIFFUSION RESTREINTE : coordonnées exactes, identifiants et petits effectifs ; ne pas diffuser hors de l'équipe (gapmap --share pour une version diffusable)"
                : "RESTRICTED: exact coordinates, ids and small counts; do not share outside the team (gapmap --share makes a shareable version)"
        case .shareable(let rules, let cells):
            let dropped = rules.dropped.isEmpty ? (fr ? "aucun" : "none") : rules.dropped.joined(separator: ", ")
            let initiativeFields = rules.droppedFromInitiatives.isEmpty ? (fr ? "aucun" : "none") : rules.droppedFromInitiatives.joined(separator: ", ")
            let kept = rules.keptFields.isEmpty ? "" : (fr ? " ; gardés à la demande : " : "; kept by request: ") + rules.keptFields.joined(separator: ", ")
            let sensitive = rules.sensitiveKinds.isEmpty ? ""
                : (fr ? " ; initiatives de type " : "; initiatives of kind ") + rules.sensitiveKinds.joined(separator: ", ")
                + (fr ? " montrées seulement par leur présence par unité" : " shown only as presence per unit")
            let withheld = NumberText.grouped(Double(cells), decimals: 0, language: language)
            return fr
                ? "DIFFUSABLE : \(Self.placement(rules, fr: true)) ; effectifs de 1 à \(rules.minCount - 1) masqués (k = \(rules.minCount)), masquage complémentaire ; \(withheld) cellules masquées ; champs retirés : \(dropped) ; des initiatives : \(initiativeFields)\(kept)\(sensitive)"
                : "SHAREABLE: \(Self.placement(rules, fr: false)); counts of 1 to \(rules.minCount - 1) suppressed (k = \(rules.minCount)) with complementary suppression; \(withheld) cells suppressed; fields dropped: \(dropped); of initiatives: \(initiativeFields)\(kept)\(sensitive)"
        }
    }

    /// What became of the points of needs and incidents.
    static func placement(_ rules: ShareRules, fr: Bool) -> String {
        var text = fr ? "points agrégés par unité" : "points aggregated to units"
        if let cells = rules.cells {
            let tenths = (cells.areaKm2 * 10).rounded() / 10
            let area = NumberText.grouped(tenths, decimals: tenths == tenths.rounded() ? 0 : 1, language: fr ? .french : .english)
            text += fr ? " et par hexagone (\(cells.spelling), \(area) km²)" : " and to hexagons (\(cells.spelling), \(area) km²)"
        }
        if rules.displace {
            let (low, urban, high, far) = (NumberText.plain(Geomask.minimumMeters / 1000), NumberText.plain(Geomask.urbanMaximumMeters / 1000),
                                           NumberText.plain(Geomask.maximumMeters / 1000), NumberText.plain(Geomask.farMaximumMeters / 1000))
            text += rules.urbanPlacesPath == nil
                ? (fr ? ", et déplacés au hasard de \(low) à \(high) km (1 % jusqu'à \(far) km) dans leur unité, sans graine"
                    : ", and displaced at random \(low) to \(high) km (1 % up to \(far) km) within their unit, no seed")
                : (fr ? ", et déplacés au hasard dans leur unité, sans graine : urbains de \(low) à \(urban) km, ruraux de \(low) à \(high) km (1 % jusqu'à \(far) km)"
                    : ", and displaced at random within their unit, no seed: urban \(low) to \(urban) km, rural \(low) to \(high) km (1 % up to \(far) km)")
        }
        return text
    }

    /// Both languages, for files read by anyone.
    public var bilingual: String { bilingual(first: .english) }

    /// Both languages, the run's first (a French GeoPackage's layers read
    /// "DIFFUSION RESTREINTE … / RESTRICTED …").
    public func bilingual(first language: ReportLanguage) -> String {
        let other: ReportLanguage = language == .french ? .english : .french
        return sentence(language) + " / " + sentence(other)
    }

    /// The GeoJSON foreign member (RFC 7946 §6.1) as JSON text.
    public var geoJSONMember: (name: String, value: JSONValue) {
        var fields: [(String, JSONValue)] = [("status", .string(status)), ("en", .string(sentence(.english))),
                                             ("fr", .string(sentence(.french)))]
        if case .shareable(let rules, let cells) = self {
            fields += [("min_count", .integer(rules.minCount)), ("cells_suppressed", .integer(cells)),
                       ("fields_dropped", .string(rules.dropped.joined(separator: ","))),
                       ("initiative_fields_dropped", .string(rules.droppedFromInitiatives.joined(separator: ","))),
                       ("fields_kept", .string(rules.keptFields.joined(separator: ","))),
                       ("sensitive_kinds", .string(rules.sensitiveKinds.joined(separator: ",")))]
            if let hexagons = rules.cells { fields.append(("share_cells", .string(hexagons.spelling))) }
            if rules.displace { fields.append(("displaced", .bool(true))) }
        }
        return (Self.key, .object(JSONObject(fields)))
    }

    /// A short text for a CSV column or a layer description.
    public var label: String {
        switch self {
        case .restricted: "restricted"
        case .shareable(let rules, let cells): "shareable (k=\(rules.minCount), \(cells) cells suppressed)"
        }
    }
}
