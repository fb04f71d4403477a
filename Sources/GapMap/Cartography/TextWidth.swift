/// How wide a line of text set in DejaVu Sans is, estimated from its
/// characters' advance widths (in ems, from the font's metrics: capitals
/// and digits about 0.64–0.77, lower case about 0.5–0.63, a space 0.32),
/// so that a title or a legend line can be fitted to the room it has
/// rather than run off the edge of the map.
enum TextWidth {
    /// The advance of one character, in ems (regular weight).
    static func advance(_ c: Character) -> Double {
        if c == " " { return 0.318 }
        if c.isUppercase { return "IJ".contains(c) ? 0.36 : ("MW".contains(c) ? 0.86 : 0.70) }
        if c.isNumber { return 0.636 }
        if c.isLowercase { return "ijlft".contains(c) ? 0.32 : ("mw".contains(c) ? 0.88 : 0.60) }
        if ".,;:'’!|".contains(c) { return 0.33 }
        if "()[]-".contains(c) { return 0.39 }
        if c == "—" { return 1.0 }
        return 0.62
    }

    /// The estimated width of `text` at `fontSize` (bold about 12 % wider).
    static func estimated(_ text: String, fontSize: Double, bold: Bool = false) -> Double {
        text.reduce(0) { $0 + advance($1) } * fontSize * (bold ? 1.12 : 1)
    }

    /// `preferred`, or the smaller size at which `text` fits in `room`
    /// (never below `minimum`).
    static func fittedFontSize(_ text: String, preferred: Double, room: Double, bold: Bool = false, minimum: Double = 8) -> Double {
        let width = estimated(text, fontSize: preferred, bold: bold)
        guard width > room, width > 0 else { return preferred }
        return max(minimum, (preferred * room / width * 10).rounded(.down) / 10)
    }
}
