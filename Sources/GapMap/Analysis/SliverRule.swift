import GeoCore

/// A piece of a region's overlay smaller than this share of the region's
/// area (1 m² in 1,000 km²) is a sliver left by the overlay's noding where
/// the coverage follows the region's own edges, not a real part: the
/// analysis, the roll-up and the scenario all read their overlays by this
/// one rule.
public enum SliverRule {
    public static let share = 1e-9

    /// Whether `piece` of a region of `regionAreaKm2` is a sliver (an empty
    /// piece is not: there is nothing to absorb).
    public static func isSliver(_ piece: Geometry, ofRegionKm2 regionAreaKm2: Double) -> Bool {
        !piece.isEmpty && Geodesy.areaSquareKilometers(piece) <= share * regionAreaKm2
    }

    /// The overlay of each region with its uncovered sliver absorbed: a
    /// region whose gap is a sliver is fully covered.
    public static func absorbingGapSlivers(_ parts: [PolygonOverlay.Parts], regions: [Geometry], areas: [Double]) -> [PolygonOverlay.Parts] {
        parts.indices.map { r in
            isSliver(parts[r].outside, ofRegionKm2: areas[r])
                ? PolygonOverlay.Parts(inside: regions[r], outside: .emptyPolygonal) : parts[r]
        }
    }
}
