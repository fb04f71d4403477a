import GeoFormats

/// The running state of a point layer read in chunks (`LayerBuilder.needs(fromRows:regions:catalog:progress:)`):
/// the row accounting so far and the ids already used, so that a duplicate
/// is found whatever chunk its first row was in.
///
/// The used ids are kept as strings: ids up to 15 bytes of UTF-8 (the usual
/// `N00000001`, ACLED's `MLI12345`, a KoboToolbox `_index`) are stored inline
/// in a Swift string, 16 bytes each, as small as a 128-bit hash would be.
public struct PointLayerProgress {
    /// The account of the rows so far; nil before the first chunk.
    public internal(set) var account: LayerAccount?
    var seen = Set<String>()
    var screen: PointScreen?
    /// When set (a layer read in chunks by the analysis): for the last
    /// chunk, the region where the point screen already found each used
    /// point row, by line (-1: in none), so the analysis does not locate it twice.
    var locatedByLine: [Int: Int32]?

    public init() {}
}

extension LayerBuilder {
    public func needs(from collection: FeatureCollection, regions: [Region], catalog: RegionCatalog) -> LoadedLayer<Need> {
        var progress = PointLayerProgress()
        return needs(from: collection, regions: regions, catalog: catalog, progress: &progress)
    }

    public func incidents(from collection: FeatureCollection, regions: [Region], catalog: RegionCatalog) -> LoadedLayer<Incident> {
        var progress = PointLayerProgress()
        return incidents(from: collection, regions: regions, catalog: catalog, progress: &progress)
    }
}
