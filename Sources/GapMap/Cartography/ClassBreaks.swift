/// How a metric's values are cut into legend classes.
public enum ClassificationMethod: String, Sendable, Codable, CaseIterable {
    /// Each class holds (about) the same number of regions.
    case quantile
    /// Fisher–Jenks: classes that minimise the squared deviation within them.
    case natural
}

/// The upper bounds of legend classes for a set of values: class i holds the
/// values v with bounds[i-1] < v ≤ bounds[i] (the first starts at the minimum).
public struct ClassBreaks: Sendable, Equatable {
    public var minimum: Double
    /// Upper bound of each class, ascending; the last is the maximum.
    public var upperBounds: [Double]

    public init(minimum: Double, upperBounds: [Double]) {
        self.minimum = minimum
        self.upperBounds = upperBounds
    }

    /// The class of a value (0-based).
    public func classIndex(of value: Double) -> Int {
        for (i, bound) in upperBounds.enumerated() where value <= bound { return i }
        return max(0, upperBounds.count - 1)
    }

    /// Breaks for `values` in at most `classes` classes; fewer when there are
    /// fewer distinct values.
    public static func compute(_ values: [Double], classes: Int, method: ClassificationMethod) -> ClassBreaks {
        let sorted = values.filter(\.isFinite).sorted()
        guard let first = sorted.first, let last = sorted.last else { return ClassBreaks(minimum: 0, upperBounds: [0]) }
        let distinct = Array(Set(sorted)).sorted()
        let k = max(1, min(classes, distinct.count))
        if k == distinct.count { return ClassBreaks(minimum: first, upperBounds: distinct) }
        var bounds: [Double]
        switch method {
        case .quantile:
            bounds = (1...k).map { i in sorted[min(sorted.count - 1, Int((Double(i) * Double(sorted.count) / Double(k)).rounded(.up)) - 1)] }
        case .natural:
            bounds = fisherJenks(sorted, classes: k)
        }
        bounds[bounds.count - 1] = last
        // Equal neighbouring bounds (many equal values) merge into one class.
        var unique: [Double] = []
        for b in bounds where unique.last != b { unique.append(b) }
        return ClassBreaks(minimum: first, upperBounds: unique)
    }

    /// Fisher's exact optimal partition of sorted values into k contiguous
    /// classes minimising the total within-class sum of squared deviations.
    /// O(k·n²); large inputs are thinned to 2,000 evenly spaced order statistics.
    static func fisherJenks(_ sortedValues: [Double], classes k: Int) -> [Double] {
        var x = sortedValues
        if x.count > 2000 {
            x = (0..<2000).map { sortedValues[$0 * (sortedValues.count - 1) / 1999] }
        }
        let n = x.count
        // Prefix sums for O(1) within-class cost of x[i...j].
        var s1 = [Double](repeating: 0, count: n + 1), s2 = [Double](repeating: 0, count: n + 1)
        for i in 0..<n {
            s1[i + 1] = s1[i] + x[i]
            s2[i + 1] = s2[i] + x[i] * x[i]
        }
        func cost(_ i: Int, _ j: Int) -> Double {  // inclusive
            let count = Double(j - i + 1)
            let sum = s1[j + 1] - s1[i]
            return (s2[j + 1] - s2[i]) - sum * sum / count
        }
        // best[c][j]: minimal cost of x[0...j] in c+1 classes; start[c][j]: first index of the last class.
        var best = [[Double]](repeating: [Double](repeating: .infinity, count: n), count: k)
        var start = [[Int]](repeating: [Int](repeating: 0, count: n), count: k)
        for j in 0..<n { best[0][j] = cost(0, j) }
        if k > 1 {
            for c in 1..<k {
                for j in c..<n {
                    for i in c...j {
                        let v = best[c - 1][i - 1] + cost(i, j)
                        if v < best[c][j] {
                            best[c][j] = v
                            start[c][j] = i
                        }
                    }
                }
            }
        }
        var bounds: [Double] = []
        var j = n - 1
        for c in stride(from: k - 1, through: 0, by: -1) {
            bounds.append(x[j])
            if c > 0 { j = start[c][j] - 1 }
        }
        return bounds.reversed()
    }
}

/// Colour-blind-safe sequential ramps (ColorBrewer, Cynthia Brewer, Apache
/// 2.0 licence), light to dark.
public enum ColorRamp: String, Sendable, Codable {
    /// Yellow-green-blue: for coverage (dark = well covered).
    case yellowGreenBlue
    /// Yellow-orange-red: for uncovered demand and gap ranks (dark = worse).
    case yellowOrangeRed

    /// `count` colours (1 to 9) as #rrggbb.
    public func colors(_ count: Int) -> [String] {
        let nine: [String]
        switch self {
        case .yellowGreenBlue:
            nine = ["#ffffd9", "#edf8b1", "#c7e9b4", "#7fcdbb", "#41b6c4", "#1d91c0", "#225ea8", "#253494", "#081d58"]
        case .yellowOrangeRed:
            nine = ["#ffffcc", "#ffeda0", "#fed976", "#feb24c", "#fd8d3c", "#fc4e2a", "#e31a1c", "#bd0026", "#800026"]
        }
        let n = max(1, min(9, count))
        if n == 1 { return [nine[4]] }
        // Spread evenly over the ramp, keeping both ends.
        return (0..<n).map { nine[Int((Double($0) * 8 / Double(n - 1)).rounded())] }
    }
}
