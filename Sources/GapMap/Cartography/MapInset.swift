import GeoCore

/// A magnified view, in a corner of the map, of top-ranked units too small to
/// see at the map's scale (Bamako's communes on a map of Mali's 701).
struct MapInset {
    /// The part of the map plane (metres) the inset shows.
    let plan: Envelope
    /// Where it is drawn on the page (pixels), square.
    let page: Envelope
    /// Page pixels per plan metre in the inset.
    let scale: Double
    /// The magnification against the main map.
    let zoom: Double

    static let side = 210.0

    /// The inset for the units `tiny` (their plan envelopes), or nil when
    /// there is none. `frame` is the map frame on the page; `occupied` the
    /// page boxes of every unit, so the corner chosen covers the least of
    /// the map; `mainScale` the main map's pixels per metre.
    static func make(tiny: [Envelope], frame: Envelope, occupied: [Envelope], mainScale: Double) -> MapInset? {
        guard var plan = tiny.first else { return nil }
        for e in tiny.dropFirst() { plan = plan.union(e) }
        // Square, with air around the units, and at least 3 × the largest unit across.
        let largest = tiny.map { max($0.width, $0.height) }.max() ?? 0
        let across = max(plan.width, plan.height, 3 * largest) * 1.3
        let cx = (plan.minX + plan.maxX) / 2, cy = (plan.minY + plan.maxY) / 2
        plan = Envelope(minX: cx - across / 2, minY: cy - across / 2, maxX: cx + across / 2, maxY: cy + across / 2)
        let s = side, m = 10.0
        let corners = [
            Envelope(minX: frame.minX + m, minY: frame.minY + m, maxX: frame.minX + m + s, maxY: frame.minY + m + s),
            Envelope(minX: frame.maxX - m - s, minY: frame.minY + m + 60, maxX: frame.maxX - m, maxY: frame.minY + m + 60 + s),
            Envelope(minX: frame.minX + m, minY: frame.maxY - m - 40 - s, maxX: frame.minX + m + s, maxY: frame.maxY - m - 40),
            Envelope(minX: frame.maxX - m - s, minY: frame.maxY - m - s, maxX: frame.maxX - m, maxY: frame.maxY - m),
        ]
        func covered(_ box: Envelope) -> Double {
            occupied.reduce(0) { sum, e in
                let w = min(box.maxX, e.maxX) - max(box.minX, e.minX), h = min(box.maxY, e.maxY) - max(box.minY, e.minY)
                return sum + (w > 0 && h > 0 ? w * h : 0)
            }
        }
        let page = corners.min { covered($0) < covered($1) }!
        let scale = side / across
        return MapInset(plan: plan, page: page, scale: scale, zoom: scale / mainScale)
    }

    /// A plan point on the page, in the inset.
    func px(_ c: Coordinate) -> (Double, Double) {
        (page.minX + (c.x - plan.minX) * scale, page.minY + (plan.maxY - c.y) * scale)
    }
}
