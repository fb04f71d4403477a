import Foundation

/// A recorded run analysed again with its own request: the figures that
/// differ from those stored (none when the layers, gapmap, GEOS and PROJ
/// are unchanged).
public struct RunCheck: Sendable {
    public var regions: Int
    public var differences: [String]
}

extension Workspace {
    /// Analyses the workspace again with run `runID`'s request and compares
    /// every stored figure with the one computed now.
    public func check(runID: Int64) throws -> RunCheck {
        let (detail, report) = try reproduce(runID: runID)
        return RunCheck(regions: detail.regions.count, differences: Self.differences(stored: detail.regions, reproduced: report.ranked))
    }

    /// Every figure of a stored run against the same figures computed
    /// again: equal to 1e-9 relative (the same code on the same rows gives
    /// the same doubles; the tolerance only absorbs a different summation
    /// order across worker counts).
    static func differences(stored: [RegionMetrics], reproduced: [RegionMetrics]) -> [String] {
        var differences: [String] = []
        let again = Dictionary(reproduced.map { ($0.regionID, $0) }, uniquingKeysWith: { a, _ in a })
        for m in stored {
            guard let n = again[m.regionID] else {
                differences.append("\(m.regionID): no longer among the regions")
                continue
            }
            let pairs = MetricCatalogue.all.map { ($0.key, $0.value(m), $0.value(n)) }
            for (name, a, b) in pairs {
                switch (a, b) {
                case (nil, nil): continue
                case let (a?, b?) where abs(a - b) <= 1e-9 * max(abs(a), abs(b), 1): continue
                default: differences.append("\(m.regionID) \(name): \(a.map { "\($0)" } ?? "none") then, \(b.map { "\($0)" } ?? "none") now")
                }
            }
        }
        if stored.count != reproduced.count { differences.append("\(stored.count) regions then, \(reproduced.count) now") }
        return differences
    }
}
