/// The colours of gapmap's maps, declared once: the SVG/PNG map, the report
/// and the QGIS styles written into the GeoPackage all read them, so a
/// region, a gap or an uncovered need looks the same in every output.
///
/// Region shades come from `ColorRamp` (ColorBrewer) by the classes of
/// `ClassBreaks`; the rest are fixed. Blue for covered and orange/red for
/// uncovered stay apart for every common colour-vision deficiency
/// (ColorBrewer's diverging RdBu/PuOr ends).
public enum MapPalette {
    /// Outline of every region.
    public static let regionOutline = "#5a5a5a"
    /// Outline of the units one level up (the cercles around communes).
    public static let parentOutline = "#1a1a1a"
    /// Fill of a region whose shaded figure a shareable run withholds.
    public static let withheld = "#bdbdbd"
    /// The dark lines of the gaps' hatching (over white lines).
    public static let gapHatch = "#3f007d"
    /// Outline of an initiative's footprint and of the coverage.
    public static let footprint = "#08306b"
    /// A covered need or incident: hollow, outlined in this blue.
    public static let covered = "#2166ac"
    /// An uncovered need: filled, with a darker outline.
    public static let uncoveredNeed = "#e66101"
    public static let uncoveredNeedOutline = "#7f2704"
    /// An uncovered incident: filled, with a darker outline.
    public static let uncoveredIncident = "#b2182b"
    public static let uncoveredIncidentOutline = "#67001f"
    /// A shareable run's displaced needs and incidents (`--share-displace`):
    /// one colour each, neither covered nor uncovered (the covered flag is
    /// the true point's, not published).
    public static let displacedNeed = "#54278f"
    public static let displacedIncident = "#252525"

    /// `#rrggbb` as QGIS's `r,g,b,255`.
    static func qgis(_ hex: String) -> String {
        let digits = Array(hex.dropFirst())
        guard digits.count == 6 else { return "0,0,0,255" }
        let channels = stride(from: 0, to: 6, by: 2).map { Int(String(digits[$0..<$0 + 2]), radix: 16) ?? 0 }
        return channels.map(String.init).joined(separator: ",") + ",255"
    }
}
