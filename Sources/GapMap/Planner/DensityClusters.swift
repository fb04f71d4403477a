import Foundation
import GeoCore

/// Weighted DBSCAN (Ester et al. 1996) with geodesic neighbourhoods, in
/// memory proportional to the points, not to their neighbours:
/// - a point's neighbourhood weight is the weight of the points within the
///   radius of it, itself included (`Geodesy.distanceMeters(point, other)`
///   ≤ radius), summed exactly (`WeightSum`, so the order of the terms does
///   not matter); a core point's is at least the minimum weight;
/// - clusters are the sets of core points linked through each other's
///   neighbourhoods, numbered by their first core point in input order;
/// - a non-core point within the radius of a core point joins the
///   lowest-numbered cluster that reaches it (the first that a search
///   expanding clusters in input order would give it); others are noise.
///
/// How, on a million points: the points are binned in cells of a sixth of
/// the radius (`GeodesicGrid`); a neighbourhood adds whole the cells its
/// bounds show to be inside and measures points only in the cells on its
/// edge. The core points of one cell (at most 0.24 × the radius across) are
/// all neighbours, so one cluster: clusters are the components of the graph
/// of core cells with two core points within the radius, found with
/// union-find; a non-core point looks at the core cells around it.
struct DensityClusters {
    /// Neighbourhood weight of each point, in input order.
    let density: [Double]
    let isCore: [Bool]
    /// The cluster of each point, -1 for noise.
    let label: [Int]
    /// The points of each cluster, ascending.
    let members: [[Int]]

    init(points: [Coordinate], weights: [Double], radiusMeters: Double, minimumWeight: Double, workers: Int) throws {
        let limits = GeodesicGrid.Limits(radiusMeters)
        let cellMeters = radiusMeters / 6
        let all = GeodesicGrid(points: points, weights: weights, cellMeters: cellMeters)
        // Neighbourhood weights, computed in cell order (neighbours share cells).
        let inCellOrder = try parallelChunks(count: all.order.count, workers: workers, minimumChunk: 256) { range in
            range.map { all.weightWithin(limits, of: all.coordinates[$0], frame: all.frames[$0]).value }
        }.flatMap { $0 }
        var density = [Double](repeating: 0, count: points.count)
        for (k, i) in all.order.enumerated() { density[i] = inCellOrder[k] }
        let isCore = density.map { $0 >= minimumWeight }

        // Clusters: components of the core cells.
        let coreIndices = points.indices.filter { isCore[$0] }
        let cores = GeodesicGrid(points: coreIndices.map { points[$0] }, weights: coreIndices.map { weights[$0] }, cellMeters: cellMeters)
        var parent = Array(0..<cores.cellCount)
        func root(_ x: Int) -> Int {
            var x = x
            while parent[x] != x {
                parent[x] = parent[parent[x]]
                x = parent[x]
            }
            return x
        }
        for j in 0..<cores.cellCount {
            assert(cores.diameterBound(cell: j) * cores.diameterBound(cell: j) <= limits.inner2)
            cores.forEachCell(in: GeodesicSearch.envelope(around: cores.envelope(ofCell: j), meters: radiusMeters)) { k in
                guard k > j else { return }
                let a = root(j), b = root(k)
                if a != b && cores.linked(limits, cell: j, cell: k) { parent[max(a, b)] = min(a, b) }
            }
        }
        // Number the clusters by their first core point in input order.
        var firstPoint = [Int](repeating: Int.max, count: cores.cellCount)
        for k in 0..<cores.cellCount {
            let r = root(k)
            for position in cores.points(inCell: k) { firstPoint[r] = min(firstPoint[r], coreIndices[cores.order[position]]) }
        }
        let roots = (0..<cores.cellCount).filter { root($0) == $0 }.sorted { firstPoint[$0] < firstPoint[$1] }
        var clusterOfRoot = [Int](repeating: -1, count: cores.cellCount)
        for (n, r) in roots.enumerated() { clusterOfRoot[r] = n }
        let cellCluster = (0..<cores.cellCount).map { clusterOfRoot[root($0)] }

        var label = [Int](repeating: -1, count: points.count)
        for k in 0..<cores.cellCount {
            for position in cores.points(inCell: k) { label[coreIndices[cores.order[position]]] = cellCluster[k] }
        }
        // Non-core points: the lowest-numbered cluster with a core point that reaches them.
        let others = points.indices.filter { !isCore[$0] }
        let joined = try parallelChunks(count: others.count, workers: workers, minimumChunk: 256) { range in
            range.map { n -> Int in
                let target = points[others[n]], frame = GeodesicGrid.Frame(target)
                var best = Int.max
                cores.forEachCell(in: GeodesicSearch.envelope(around: target, meters: radiusMeters)) { k in
                    if cellCluster[k] < best && cores.reaches(limits, cell: k, target: target, frame: frame) { best = cellCluster[k] }
                }
                return best == Int.max ? -1 : best
            }
        }.flatMap { $0 }
        for (n, i) in others.enumerated() { label[i] = joined[n] }

        var members = [[Int]](repeating: [], count: roots.count)
        for i in points.indices where label[i] >= 0 { members[label[i]].append(i) }
        self.density = density
        self.isCore = isCore
        self.label = label
        self.members = members
    }
}
