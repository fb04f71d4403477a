/// The bundled sample of Mali (geodata/mali): real regions and settlements,
/// invented initiatives, needs and incidents. A run on it says so in every
/// output, and a user's layers are never mixed with its invented layers
/// (DESIGN.md, "Command line").
public enum ExampleData {
    /// Which part of the sample a run uses.
    public enum Use: String, Sendable, Codable {
        /// None of it: every layer is the user's.
        case none
        /// Only the sample's regions (real boundaries), under the user's layers.
        case regionsOnly = "regions_only"
        /// All of it: invented initiatives, needs and incidents on real regions.
        case whole
    }

    /// The words every output of a sample run carries (upper case, so that
    /// they catch the eye in a table or a layer list).
    public static let marker = "INVENTED EXAMPLE DATA"

    /// `marker` in the language of a map or report.
    public static func marker(_ language: ReportLanguage) -> String {
        language == .french ? "DONNÉES D'EXEMPLE INVENTÉES" : marker
    }

    /// A title that says, first, that the data are invented.
    public static func title(_ title: String, isExampleData: Bool, language: ReportLanguage) -> String {
        isExampleData ? marker(language) + " — " + title : title
    }

    /// The sentence that says a run's figures are invented.
    public static func notice(_ language: ReportLanguage = .english) -> String {
        switch language {
        case .english:
            "\(marker): the bundled sample of Mali (geodata/mali). Its initiatives, needs and incidents are invented; "
                + "no figure here describes Mali. Name your own layers (--regions, --initiatives, --needs, --incidents) to analyse real data."
        case .french:
            marker(.french) + " : l'échantillon du Mali fourni avec gapmap (geodata/mali). Ses initiatives, besoins et incidents "
                + "sont inventés ; aucun chiffre ici ne décrit le Mali. Nommez vos propres couches (--regions, --initiatives, --needs, --incidents) pour analyser des données réelles."
        }
    }

    /// What a run on the user's layers without `--regions` is told.
    public static func regionsOnlyNotice(_ regionsPath: String, language: ReportLanguage = .english) -> String {
        switch language {
        case .english:
            "No --regions given: your layers are analysed on the sample's 9 regions of Mali (\(regionsPath), real boundaries); "
                + "none of the sample's invented initiatives, needs or incidents is used. Name your regions with --regions FILE."
        case .french:
            "Pas de --regions : vos couches sont analysées sur les 9 régions du Mali de l'échantillon (\(regionsPath), limites réelles) ; "
                + "aucune des initiatives, aucun des besoins ni des incidents inventés de l'échantillon n'est utilisé. Nommez vos régions avec --regions FICHIER."
        }
    }
}
