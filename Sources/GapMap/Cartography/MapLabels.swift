import GeoCore

/// Which units a map names, and where: the units that matter first (the
/// first `topCount` by gap rank, marked with their rank; then the most
/// populous; then the largest), each where it holds its name without
/// overlapping a name already placed. A top-ranked unit too small on the
/// page to see (`tinyPixels`) is named in the inset instead (`MapInset`).
/// After the top units, the largest towns (`MapTowns`) are marked and named,
/// so that a reader finds Bamako, Mopti or Gao on a map of communes whose
/// desert units are the largest.
struct MapLabels {
    struct Placement: Equatable {
        var region: Int
        var text: String
        var x: Double, y: Double
        var isTop: Bool
        /// A town's name: a dot at (dotX, dotY), the name beside it
        /// (`anchor` as SVG's text-anchor: start on its right, end on its left, middle above or below).
        var town: (dotX: Double, dotY: Double, anchor: String)? = nil

        static func == (a: Placement, b: Placement) -> Bool {
            a.region == b.region && a.text == b.text && a.x == b.x && a.y == b.y && a.isTop == b.isTop
                && a.town?.dotX == b.town?.dotX && a.town?.dotY == b.town?.dotY && a.town?.anchor == b.town?.anchor
        }
    }

    /// A town to mark: its name and where it is on the page.
    struct Town {
        var name: String
        var x: Double, y: Double
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
                      anchors: [(Double, Double)?], skipTiny: Bool, towns: [Town] = []) -> [Placement] {
        let order = names.indices.sorted { a, b in
            let topA = ranks[a] <= topCount, topB = ranks[b] <= topCount
            if topA != topB { return topA }
            if topA { return ranks[a] < ranks[b] }
            let pa = populations[a] ?? -1, pb = populations[b] ?? -1
            if pa != pb { return pa > pb }
            if areas[a] != areas[b] { return areas[a] > areas[b] }
            return a < b
        }
        // The towns' dots are kept free from the start, so that a top unit's name moves off them.
        var placed: [Envelope] = towns.map { Envelope(minX: $0.x - 3, minY: $0.y - 3, maxX: $0.x + 3, maxY: $0.y + 3) }
        var result: [Placement] = []
        var townsPlaced = false
        // The towns, once the top units are named: a dot and the name on its right, else on its left, above or below.
        func placeTowns() {
            townsPlaced = true
            for town in towns {
                let width = Double(town.name.count) * 6.6
                let dot = Envelope(minX: town.x - 3, minY: town.y - 3, maxX: town.x + 3, maxY: town.y + 3)
                let sides: [(anchor: String, x: Double, y: Double, minX: Double)] = [
                    ("start", town.x + 5, town.y, town.x + 5), ("end", town.x - 5, town.y, town.x - 5 - width),
                    ("middle", town.x, town.y - 11, town.x - width / 2), ("middle", town.x, town.y + 13, town.x - width / 2)]
                for side in sides {
                    let label = Envelope(minX: side.minX, minY: side.y - 8, maxX: side.minX + width, maxY: side.y + 5)
                    guard !placed.contains(where: { $0.intersects(label) }) else { continue }
                    placed += [label]
                    result.append(Placement(region: -1, text: town.name, x: side.x, y: side.y, isTop: false, town: (town.x, town.y, side.anchor)))
                    break
                }
            }
        }
        for i in order {
            if !townsPlaced && ranks[i] > topCount { placeTowns() }
            guard let box = pageBoxes[i], let (x, y) = anchors[i] else { continue }
            let isTop = ranks[i] <= topCount
            let tiny = box.width < tinyPixels || box.height < tinyPixels
            if tiny && (skipTiny || !isTop) { continue }
            let text = isTop ? "\(ranks[i]). \(names[i])" : names[i]
            // A top unit is named even when its name overflows it; others only where it fits.
            if !isTop { guard box.width > Double(text.count) * 7, box.height > 14 else { continue } }
            let halfWidth = Double(text.count) * 3.6
            // At its anchor, or moved up or down within its unit when a name already stands there
            // (a top unit's name may stand beside a small unit, and is named in any case).
            var done = false
            for (dx, dy) in offsets {
                let lx = x + dx, ly = y + dy
                if dx != 0 || dy != 0, !isTop { guard box.contains(Coordinate(x: lx, y: ly)) else { continue } }
                let label = Envelope(minX: lx - halfWidth, minY: ly - 8, maxX: lx + halfWidth, maxY: ly + 6)
                guard !placed.contains(where: { $0.intersects(label) }) else { continue }
                placed.append(label)
                result.append(Placement(region: i, text: text, x: lx, y: ly, isTop: isTop))
                done = true
                break
            }
            if isTop && !done {
                placed.append(Envelope(minX: x - halfWidth, minY: y - 8, maxX: x + halfWidth, maxY: y + 6))
                result.append(Placement(region: i, text: text, x: x, y: y, isTop: true))
            }
        }
        if !townsPlaced { placeTowns() }
        return result
    }
}

/// The largest towns inside the units, to mark on a map: GeoNames places of
/// 15,000 people or more (`UrbanPlaces`, geodata/urban/), the most populous
/// first. None when the file is not found.
enum MapTowns {
    /// How many towns a map marks at most.
    static let count = 12

    /// GeoNames names a few towns in English where French has its own name.
    static let frenchNames = ["Timbuktu": "Tombouctou"]

    static func name(_ place: UrbanPlaces.Place, _ language: ReportLanguage) -> String {
        language == .french ? frenchNames[place.name] ?? place.name : place.name
    }

    static func largest(in regions: [Region], engine: GeometryEngine, path: String? = UrbanPlaces.locate()) throws -> [UrbanPlaces.Place] {
        guard let path, let towns = try? UrbanPlaces(path: path) else { return [] }
        let boxes = regions.compactMap(\.geometry.envelope)
        guard let first = boxes.first else { return [] }
        let extent = boxes.dropFirst().reduce(first) { $0.union($1) }
        var prepared: [Int: PreparedGeometry] = [:]
        var result: [UrbanPlaces.Place] = []
        for place in towns.places.filter({ extent.contains($0.coordinate) }).sorted(by: { $0.population > $1.population }) {
            var inside = false
            for (r, region) in regions.enumerated() where region.geometry.envelope?.contains(place.coordinate) == true {
                if prepared[r] == nil { prepared[r] = try engine.prepare(region.geometry) }
                if try prepared[r]!.covers(place.coordinate) { inside = true; break }
            }
            guard inside else { continue }
            result.append(place)
            if result.count == count { break }
        }
        return result
    }
}
