import Foundation
import GeoCore
import GeoFormats

/// An error that stops a run, said in the run's language: gapmap's own
/// errors, the files' (`FormatError`) and the geometry libraries'
/// (`GeoCoreError`). The lower layers make their sentences in English and
/// know nothing of languages; they are put in French here, at rendering,
/// through the same catalogue, keeping the file, line, column and values.
extension ErrorMessages {
    public static func sentence(of error: any Error, _ language: ReportLanguage) -> String {
        switch error {
        case let error as GapMapError: error.sentence(language)
        case let error as FormatError: error.sentence(language)
        case let error as GeoCoreError: error.sentence(language)
        default: ErrorMessages.text("\(error)", language: language)  // a library's error; its sentence in French where the catalogue knows it
        }
    }
}

extension FormatError {
    /// `path:line:column: message`, the message in `language`.
    public func sentence(_ language: ReportLanguage) -> String {
        guard language == .french else { return description }
        var place = path
        if let line {
            place += ":\(line)"
            if let column { place += ":\(column)" }
        }
        let message = ErrorMessages.text(message, language: language)
        return place.isEmpty ? message : place + " : " + message
    }
}

extension GeoCoreError {
    /// `GEOS function failed: message`, GeoCore's own explanations in `language`.
    public func sentence(_ language: ReportLanguage) -> String {
        guard language == .french else { return description }
        let said = message.isEmpty ? "pas de message" : ErrorMessages.text(message, language: language)
        return "\(library.rawValue) \(function) a échoué : \(said)"
    }
}
