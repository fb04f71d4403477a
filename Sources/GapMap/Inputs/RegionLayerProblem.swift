/// Why a region layer gives no region to analyse, with the reasons of its
/// rows in the message itself: no file is written when the run stops here,
/// so pointing at rejected.csv would point at nothing.
enum RegionLayerProblem {
    static let reasonsShown = 5

    static func noUsableRegion(_ layer: LoadedLayer<Region>) -> GapMapError {
        let file = layer.account.file
        guard layer.account.read > 0 else {
            return GapMapError(file: file, message: "the region layer has no features",
                               fix: "Give a file of Polygon or MultiPolygon features with --regions (is it the right file or layer?)")
        }
        let shown = layer.issues.prefix(reasonsShown).map { issue in
            "\(layer.account.format == "gpkg" ? "fid" : "line") \(issue.line)\(issue.field.map { ", \($0)" } ?? ""): \(issue.reason)"
        }
        let more = layer.issues.count > reasonsShown ? ["and \(layer.issues.count - reasonsShown) more"] : []
        let reasons = (shown + more).joined(separator: "; ")
        return GapMapError(file: file, message: "none of its \(layer.account.read) regions has a usable polygon: \(reasons)",
                           fix: "Fix these rows, or give another --regions file; gapmap validate \(file) --as regions lists every row")
    }
}
