import GeoFormats

/// Figures as people read them: fixed decimals and thousands separators,
/// English (12,345.6) or French (12 345,6 with a narrow no-break space).
public enum NumberText {
    /// A value as a message quotes it (`95`, `1e+308`).
    public static func plain(_ v: Double) -> String { NumberFormatting.shortText(v) }


    public static func grouped(_ v: Double, decimals: Int, language: ReportLanguage = .english) -> String {
        let text = String(format: "%.\(decimals)f", v)
        let parts = text.split(separator: ".", maxSplits: 1)
        var integer = String(parts[0])
        let negative = integer.hasPrefix("-")
        if negative { integer.removeFirst() }
        let separator = language == .french ? "\u{202F}" : ","
        var grouped = ""
        for (i, ch) in integer.reversed().enumerated() {
            if i > 0 && i % 3 == 0 { grouped += separator }
            grouped.append(ch)
        }
        var result = (negative ? "-" : "") + String(grouped.reversed())
        if parts.count > 1 { result += (language == .french ? "," : ".") + parts[1] }
        return result
    }
}
