import GeoCore

/// Which units a map names, and where: the units that matter first (the
/// first `topCount` by gap rank, marked with their rank; then the most
/// populous; then the largest), each where it holds its name without
/// overlapping a name already placed. A top-ranked unit too small on the
/// page to see (`tinyPixels`) is named in the inset instead (`MapInset`).
struct MapLabels {
    struct Placement: Equatable {
        var region: Int
        var text: String
        var x: Double, y: Double
        var isTop: Bool
    }

    /// Where a name may stand against its anchor, in page pixels, in order.
    static let offsets: [(Double, Double)] = [(0, 0), (0, -15), (0, 15), (0, -30), (0, 30), (-40, 0), (40, 0), (0, -45), (0, 45)]

    /// How many of the worst-ranked units are named first, with their rank.
    static let topCount = 10
    /// A unit narrower or lower than this on the page is too small to see.
    static let tinyPixels = 6.0

    /// `pageBoxes[i]` is unit i's envelope on the page, `anchors[i]` a point
    /// inside it on the page (nil: none), `ranks[i]` its gap rank.
    static func place(names: [String], ranks: [Int], populations: [Double?], areas: [Double], pageBoxes: [Envelope?],
                      anchors: [(Double, Double)?], skipTiny: Bool) -> [Placement] {
        let order = names.indices.sorted { a, b in
            let topA = ranks[a] <= topCount, topB = ranks[b] <= topCount
            if topA != topB { return topA }
            if topA { return ranks[a] < ranks[b] }
            let pa = populations[a] ?? -1, pb = populations[b] ?? -1
            if pa != pb { return pa > pb }
            if areas[a] != areas[b] { return areas[a] > areas[b] }
            return a < b
        }
        var placed: [Envelope] = []
        var result: [Placement] = []
        for i in order {
            guard let box = pageBoxes[i], let (x, y) = anchors[i] else { continue }
            let isTop = ranks[i] <= topCount
            let tiny = box.width < tinyPixels || box.height < tinyPixels
            if tiny && (skipTiny || !isTop) { continue }
            let text = isTop ? "\(ranks[i]). \(names[i])" : names[i]
            // A top unit is named even when its name overflows it; others only where it fits.
            if !isTop { guard box.width > Double(text.count) * 7, box.height > 14 else { continue } }
            let halfWidth = Double(text.count) * 3.6
            // At its anchor, or moved up or down within its unit when a name already stands there.
            for (dx, dy) in offsets {
                let lx = x + dx, ly = y + dy
                if dx != 0 || dy != 0 { guard box.contains(Coordinate(x: lx, y: ly)) else { continue } }
                let label = Envelope(minX: lx - halfWidth, minY: ly - 8, maxX: lx + halfWidth, maxY: ly + 6)
                guard !placed.contains(where: { $0.intersects(label) }) else { continue }
                placed.append(label)
                result.append(Placement(region: i, text: text, x: lx, y: ly, isTop: isTop))
                break
            }
        }
        return result
    }
}
