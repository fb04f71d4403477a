import ArgumentParser
import Foundation
import GapMap
extension SummaryDialect: ExpressibleByArgument {}

/// The summary for those who live in spreadsheets: a workbook, and a
/// summary.csv in the dialect their Excel opens.
struct SpreadsheetOptions: ParsableArguments {
    @Flag(help: .text("Also write summary.xlsx: the summary with typed numbers, the run's settings and sources, and the columns' definitions (EN/FR).", fr: "Écrit aussi summary.xlsx : le résumé avec des nombres typés, les réglages et sources de l'analyse, et la définition des colonnes (EN/FR)."))
    var xlsx = false

    @Option(name: .customLong("csv-dialect"),
            help: .text("summary.csv as rfc4180 (commas, full precision; the default) or excel-fr (semicolons, decimal comma, BOM, figures rounded as displayed: opens cleanly in a French Excel).", fr: "summary.csv en rfc4180 (virgules, pleine précision ; par défaut) ou excel-fr (points-virgules, virgule décimale, BOM, chiffres arrondis comme affichés : s'ouvre proprement dans un Excel français).", valueName: "dialect"))
    var csvDialect: SummaryDialect = .rfc4180

    /// Writes what was asked into `directory`; the paths written.
    func write(_ report: CoverageReport, shared: SharedFigures?, into directory: String) throws -> [String] {
        var written: [String] = []
        func path(_ name: String) -> String { (directory as NSString).appendingPathComponent(name) }
        if csvDialect != .rfc4180 {
            written.append(try ReportOutput.writeSummaryCSV(report, to: path("summary.csv"), shared: shared, dialect: csvDialect))
        }
        if xlsx { written.append(try SummaryWorkbook.write(report, shared: shared, to: path(SummaryWorkbook.file))) }
        return written
    }
}
