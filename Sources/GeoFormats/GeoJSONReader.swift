import GeoCore

/// Reads GeoJSON (RFC 7946, and the 2008 draft's `crs` member): a
/// FeatureCollection, a single Feature, or a bare geometry (one feature with
/// empty properties).
///
/// Broken JSON and a broken overall structure (not an object, no `type`, an
/// unknown `type`, `features` not an array of Feature objects) throw a
/// `FormatError` with the line and column. A feature whose geometry cannot be
/// used (a ring that is not closed, a position with one number, a longitude of
/// 200 in a file without `crs` or with OGC CRS84) is returned with a nil geometry and a
/// `problem`, so the caller can reject just that feature.
public enum GeoJSONReader {
    public static func read(contentsOf path: String) throws(FormatError) -> FeatureCollection {
        let bytes = try FileIO.readAll(path)
        return try read(bytes: bytes, path: path)
    }

    public static func read(bytes: [UInt8], path: String) throws(FormatError) -> FeatureCollection {
        try bytes.withUnsafeBufferPointer { (buffer) throws(FormatError) -> FeatureCollection in
            var document = GeoJSONDocument(scanner: JSONScanner(bytes: buffer, path: path))
            return try document.read()
        }
    }
}

/// What a `geometry` member turned out to hold.
private enum GeometryOutcome {
    case geometry(Geometry)
    case null
    case problem(String)
}

/// The `coordinates` member, parsed before its `type` is necessarily known
/// (members may come in any order). Runs of positions are kept as flat
/// `[Coordinate]` arrays, so a large polygon costs 16 bytes a vertex here.
private indirect enum CoordinateTree {
    /// `[x, y, ...]` of finite numbers.
    case position(Coordinate)
    /// An array of numbers or other values that is not a usable position.
    case badPosition(String)
    /// An array whose elements are all positions.
    case positions([Coordinate])
    /// An array of arrays, not all of them positions.
    case list([CoordinateTree])
    /// `[]`
    case empty
    /// Not an array at all (a number, string, object, ...).
    case notArray(String)
}

private struct GeoJSONDocument {
    var scanner: JSONScanner
    var features: [Feature] = []
    var crs: String?
    var columns: [String] = []
    var columnSet: Set<String> = []

    init(scanner: JSONScanner) {
        self.scanner = scanner
    }

    static let geometryTypes: Set<String> = [
        "Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon", "GeometryCollection",
    ]

    var path: String { scanner.path }

    // MARK: The document

    mutating func read() throws(FormatError) -> FeatureCollection {
        scanner.skipWhitespace()
        if scanner.isAtEnd {
            throw scanner.error("the file is empty; expected a GeoJSON FeatureCollection, Feature or geometry")
        }
        let first = try scanner.peek(inside: "the document")
        guard first == UInt8(ascii: "{") else {
            let found = first == UInt8(ascii: "[") ? "a JSON array" : scanner.describeByte(at: scanner.pos)
            throw scanner.error(
                "the file starts with \(found); a GeoJSON file is a JSON object starting with '{' (a FeatureCollection, a Feature or a geometry)")
        }
        let topLine = scanner.line
        let topColumn = scanner.column
        try scanner.openObject()

        var type: String?
        var typeLine = topLine
        var typeColumn = topColumn
        var sawFeatures = false
        var geometry: GeometryOutcome?
        var properties: (Properties, FeatureProblem?)?
        var id: JSONValue?
        var coordinates: CoordinateTree?
        var geometries: [GeometryOutcome]??

        var firstMember = true
        while let key = try scanner.nextKey(&firstMember) {
            switch key {
            case "type":
                _ = try scanner.peek(inside: "an object")
                typeLine = scanner.line
                typeColumn = scanner.column
                guard case .string(let t) = try scanner.parseValue() else {
                    throw FormatError(
                        path: path, line: typeLine, column: typeColumn, field: "type",
                        message: "\"type\" must be a string such as \"FeatureCollection\"")
                }
                type = t
            case "features":
                guard try scanner.peek(inside: "an object") == UInt8(ascii: "[") else {
                    throw scanner.error(
                        "\"features\" must be an array of Feature objects, found \(scanner.describeByte(at: scanner.pos))",
                        field: "features")
                }
                try readFeatures()
                sawFeatures = true
            case "crs":
                crs = Self.crsName(try scanner.parseValue())
            case "geometry":
                geometry = try readGeometryMember()
            case "properties":
                properties = try readProperties()
            case "id":
                id = try scanner.parseValue()
            case "coordinates":
                coordinates = try readCoordinates()
            case "geometries":
                geometries = try readGeometryList()
            default:
                _ = try scanner.parseValue()
            }
        }
        try scanner.finishDocument()

        guard let type else {
            throw FormatError(
                path: path, line: topLine, column: topColumn, field: "type",
                message:
                    "the top-level object has no \"type\" member; a GeoJSON file must be a FeatureCollection, a Feature or a geometry")
        }
        switch type {
        case "FeatureCollection":
            guard sawFeatures else {
                throw FormatError(
                    path: path, line: topLine, column: topColumn, field: "features",
                    message: "the FeatureCollection has no \"features\" array")
            }
        case "Feature":
            features = [
                makeFeature(
                    geometry: geometry ?? .null, properties: properties, id: id,
                    location: SourceLocation(file: path, line: topLine, featureIndex: 0))
            ]
        case _ where Self.geometryTypes.contains(type):
            let outcome = Self.geometry(type: type, coordinates: coordinates, geometries: geometries)
            features = [
                makeFeature(
                    geometry: outcome, properties: nil, id: nil,
                    location: SourceLocation(file: path, line: topLine, featureIndex: 0))
            ]
        default:
            throw FormatError(
                path: path, line: typeLine, column: typeColumn, field: "type",
                message:
                    "unknown GeoJSON type \"\(type)\"; expected FeatureCollection, Feature, or a geometry type (Point, MultiPoint, LineString, MultiLineString, Polygon, MultiPolygon, GeometryCollection)")
        }

        if crs.map(Self.isCRS84) ?? true { checkLongitudeLatitudeRanges() }
        for feature in features { noteColumns(feature.properties) }
        return FeatureCollection(
            features: features,
            source: FeatureSource(
                path: path, format: .geojson, crs: crs, delimiter: nil,
                encoding: Self.hasBOM(scanner.bytes) ? "UTF-8 with BOM" : "UTF-8", columns: columns,
                coordinateColumns: nil))
    }

    /// OGC CRS84 is RFC 7946's own CRS (longitude, latitude on WGS84), which
    /// GDAL and QGIS still name in a legacy `crs` member; such files are
    /// range-checked like files without one. EPSG:4326 is not included: its
    /// official axis order is latitude first, so values may legitimately be swapped.
    private static func isCRS84(_ name: String) -> Bool {
        let n = name.lowercased()
        return n == "urn:ogc:def:crs:ogc:1.3:crs84" || n == "urn:ogc:def:crs:ogc::crs84" || n == "ogc:crs84"
            || n == "crs84" || n == "http://www.opengis.net/def/crs/ogc/1.3/crs84"
    }

    private static func hasBOM(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        b.count >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF
    }

    private mutating func noteColumns(_ properties: Properties) {
        for key in properties.keys where !columnSet.contains(key) {
            columnSet.insert(key)
            columns.append(key)
        }
    }

    /// The legacy `crs` member's name: `{"type": "name", "properties": {"name": ...}}`,
    /// or the 2008 draft's `EPSG` and `link` forms; the member's JSON text
    /// when it has none of these shapes; nil for `"crs": null`.
    private static func crsName(_ value: JSONValue) -> String? {
        guard case .object(let object) = value else {
            return value.isNull ? nil : GeoJSONEncoding.text(of: value)
        }
        if case .object(let p) = object["properties"] {
            if let name = p["name"]?.stringValue { return name }
            if let code = p["code"]?.stringValue { return "EPSG:\(code)" }
            if let href = p["href"]?.stringValue { return href }
        }
        return GeoJSONEncoding.text(of: value)
    }

    // MARK: Features

    private mutating func readFeatures() throws(FormatError) {
        try scanner.openArray()
        var first = true
        var index = 0
        while try scanner.nextElement(&first) {
            let b = try scanner.peek(inside: "an array")
            guard b == UInt8(ascii: "{") else {
                let place = scanner.error("", field: "features")
                let found = Self.kind(of: try scanner.parseValue())
                throw FormatError(
                    path: path, line: place.line, column: place.column, field: "features",
                    message:
                        "features[\(index)] is \(found), not an object; each element of \"features\" must be a Feature object")
            }
            let location = SourceLocation(file: path, line: scanner.line, featureIndex: index)
            features.append(try readFeature(index: index, location: location))
            index += 1
        }
    }

    private mutating func readFeature(index: Int, location: SourceLocation) throws(FormatError) -> Feature {
        let featureStart = scanner.mark
        try scanner.openObject()
        var geometry: GeometryOutcome = .null
        var properties: (Properties, FeatureProblem?)?
        var id: JSONValue?
        var first = true
        while let key = try scanner.nextKey(&first) {
            switch key {
            case "type":
                let value = try scanner.parseValue()
                if value != .string("Feature") {
                    let shown = value.stringValue.map { "\"\($0)\"" } ?? GeoJSONEncoding.text(of: value)
                    throw FormatError(
                        path: path, line: location.line, column: scanner.column(of: featureStart), field: "type",
                        message:
                            "features[\(index)] has type \(shown); each element of \"features\" must be a Feature ({\"type\": \"Feature\", \"geometry\": ..., \"properties\": {...}})")
                }
            case "geometry":
                geometry = try readGeometryMember()
            case "properties":
                properties = try readProperties()
            case "id":
                id = try scanner.parseValue()
            default:
                _ = try scanner.parseValue()
            }
        }
        return makeFeature(geometry: geometry, properties: properties, id: id, location: location)
    }

    private func makeFeature(
        geometry: GeometryOutcome, properties: (Properties, FeatureProblem?)?, id: JSONValue?, location: SourceLocation
    ) -> Feature {
        var feature = Feature(
            geometry: nil, properties: properties?.0 ?? Properties(), id: id, location: location, problem: properties?.1)
        switch geometry {
        case .geometry(let g): feature.geometry = g
        case .null: break
        case .problem(let message):
            feature.problem = FeatureProblem(field: "geometry", message: message)
        }
        return feature
    }

    private mutating func readProperties() throws(FormatError) -> (Properties, FeatureProblem?) {
        switch try scanner.parseValue() {
        case .object(let object): return (object, nil)
        case .null: return (Properties(), nil)
        default:
            return (Properties(), FeatureProblem(field: "properties", message: "\"properties\" must be an object or null"))
        }
    }

    // MARK: Geometry

    private mutating func readGeometryMember() throws(FormatError) -> GeometryOutcome {
        let b = try scanner.peek(inside: "a value")
        if b == UInt8(ascii: "{") { return try readGeometryObject() }
        let value = try scanner.parseValue()
        if value.isNull { return .null }
        return .problem("a geometry must be an object or null, found \(GeoJSONEncoding.text(of: value).prefix(40))")
    }

    private mutating func readGeometryObject() throws(FormatError) -> GeometryOutcome {
        try scanner.openObject()
        var type: String?
        var typeIsBad = false
        var coordinates: CoordinateTree?
        var geometries: [GeometryOutcome]??
        var first = true
        while let key = try scanner.nextKey(&first) {
            switch key {
            case "type":
                if case .string(let t) = try scanner.parseValue() { type = t } else { typeIsBad = true }
            case "coordinates":
                coordinates = try readCoordinates()
            case "geometries":
                geometries = try readGeometryList()
            default:
                _ = try scanner.parseValue()
            }
        }
        if typeIsBad { return .problem("the geometry's \"type\" must be a string such as \"Polygon\"") }
        guard let type else { return .problem("the geometry has no \"type\"") }
        return Self.geometry(type: type, coordinates: coordinates, geometries: geometries)
    }

    /// `.some(nil)` when the member is present but not an array.
    private mutating func readGeometryList() throws(FormatError) -> [GeometryOutcome]? {
        guard try scanner.peek(inside: "a value") == UInt8(ascii: "[") else {
            _ = try scanner.parseValue()
            return nil
        }
        try scanner.openArray()
        var parts: [GeometryOutcome] = []
        var first = true
        while try scanner.nextElement(&first) {
            parts.append(try readGeometryMember())
        }
        return parts
    }

    private mutating func readCoordinates() throws(FormatError) -> CoordinateTree {
        guard try scanner.peek(inside: "a value") == UInt8(ascii: "[") else {
            return .notArray(Self.kind(of: try scanner.parseValue()))
        }
        try scanner.openArray()
        var first = true
        guard try scanner.nextElement(&first) else { return .empty }
        if try scanner.peek(inside: "an array") != UInt8(ascii: "[") {
            // A position: numbers (a third, Z, and any more are ignored).
            var count = 0
            var x = 0.0, y = 0.0
            var bad: String?
            repeat {
                if let d = try scanner.parseCoordinateNumber() {
                    if count == 0 { x = d } else if count == 1 { y = d }
                } else if bad == nil {
                    bad = "a position must hold numbers only, like [-7.98, 12.64]"
                }
                count += 1
            } while try scanner.nextElement(&first)
            if let bad { return .badPosition(bad) }
            if count < 2 {
                return .badPosition("a position needs at least two numbers (longitude, latitude), this one has \(count)")
            }
            guard x.isFinite, y.isFinite else { return .badPosition("a coordinate is not finite") }
            return .position(Coordinate(x: x, y: y))
        }
        let head = try readCoordinates()
        guard case .position(let c) = head else {
            var list = [head]
            while try scanner.nextElement(&first) { list.append(try readCoordinates()) }
            return .list(list)
        }
        var positions = [c]
        while try scanner.nextElement(&first) {
            let next = try readCoordinates()
            if case .position(let c) = next {
                positions.append(c)
            } else {
                var list = positions.map { CoordinateTree.position($0) }
                list.append(next)
                while try scanner.nextElement(&first) { list.append(try readCoordinates()) }
                return .list(list)
            }
        }
        return .positions(positions)
    }

    private static func kind(of value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool: "a boolean"
        case .integer, .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }

    // MARK: Coordinates → geometry

    private struct Problem: Error {
        var message: String
    }

    private static func geometry(
        type: String, coordinates: CoordinateTree?, geometries: [GeometryOutcome]??
    ) -> GeometryOutcome {
        if type == "GeometryCollection" {
            guard case .some(.some(let parts)) = geometries else {
                return .problem("a GeometryCollection needs a \"geometries\" array")
            }
            var members: [Geometry] = []
            for (i, part) in parts.enumerated() {
                switch part {
                case .geometry(let g): members.append(g)
                case .null: return .problem("geometries[\(i)] is null")
                case .problem(let message): return .problem("geometries[\(i)]: \(message)")
                }
            }
            return .geometry(.collection(members))
        }
        guard geometryTypes.contains(type) else {
            return .problem(
                "unknown geometry type \"\(type)\"; expected Point, MultiPoint, LineString, MultiLineString, Polygon, MultiPolygon or GeometryCollection"
            )
        }
        guard let coordinates else { return .problem("the \(type) has no \"coordinates\"") }
        do {
            switch type {
            case "Point": return .geometry(.point(try position(coordinates)))
            case "MultiPoint": return .geometry(.multiPoint(try positionList(coordinates)))
            case "LineString": return .geometry(.lineString(try lineString(coordinates)))
            case "MultiLineString":
                return .geometry(.multiLineString(try list(coordinates, of: "line") { t throws(Problem) in try lineString(t) }))
            case "Polygon": return .geometry(.polygon(try polygon(coordinates)))
            default:
                return .geometry(
                    .multiPolygon(try list(coordinates, of: "polygon") { t throws(Problem) in try polygon(t) }))
            }
        } catch {
            return .problem(error.message)
        }
    }

    private static func position(_ t: CoordinateTree) throws(Problem) -> Coordinate {
        switch t {
        case .position(let c): return c
        case .badPosition(let message): throw Problem(message: message)
        case .notArray(let kind): throw Problem(message: "expected a position [longitude, latitude], found \(kind)")
        case .empty: throw Problem(message: "a position needs at least two numbers (longitude, latitude), this one is empty")
        case .positions, .list:
            throw Problem(message: "expected a position [longitude, latitude], found an array of arrays (one level of [ ] too many?)")
        }
    }

    private static func positionList(_ t: CoordinateTree) throws(Problem) -> [Coordinate] {
        switch t {
        case .positions(let cs): return cs
        case .empty: return []
        case .position, .badPosition:
            throw Problem(message: "expected an array of positions [[x, y], ...], found a single position (one level of [ ] missing?)")
        case .notArray(let kind): throw Problem(message: "expected an array of positions, found \(kind)")
        case .list(let items):
            for item in items {
                if case .badPosition(let message) = item { throw Problem(message: message) }
            }
            throw Problem(message: "expected an array of positions [[x, y], ...], found nested arrays (one level of [ ] too many?)")
        }
    }

    private static func lineString(_ t: CoordinateTree) throws(Problem) -> [Coordinate] {
        let cs = try positionList(t)
        if cs.count == 1 { throw Problem(message: "a line needs at least two positions, this one has 1") }
        return cs
    }

    private static func list<T>(
        _ t: CoordinateTree, of what: String, _ element: (CoordinateTree) throws(Problem) -> T
    ) throws(Problem) -> [T] {
        let items: [CoordinateTree]
        switch t {
        case .empty: return []
        case .list(let l): items = l
        case .positions(let cs): items = cs.map { .position($0) }
        case .position, .badPosition:
            throw Problem(message: "expected an array of \(what)s, found a single position (levels of [ ] missing?)")
        case .notArray(let kind): throw Problem(message: "expected an array of \(what)s, found \(kind)")
        }
        var result: [T] = []
        result.reserveCapacity(items.count)
        for (i, item) in items.enumerated() {
            do {
                result.append(try element(item))
            } catch {
                throw Problem(message: "\(what) \(i + 1): \(error.message)")
            }
        }
        return result
    }

    private static func polygon(_ t: CoordinateTree) throws(Problem) -> Polygon {
        var rings: [[Coordinate]] = []
        switch t {
        case .empty: return Polygon(exterior: [])
        case .list(let items):
            for (i, item) in items.enumerated() {
                rings.append(try ring(item, name: i == 0 ? "the exterior ring" : "hole \(i)"))
            }
        case .positions:
            throw Problem(message: "expected an array of rings [[[x, y], ...]], found a single ring (one level of [ ] missing?)")
        case .position, .badPosition:
            throw Problem(message: "expected an array of rings [[[x, y], ...]], found a single position")
        case .notArray(let kind): throw Problem(message: "expected an array of rings, found \(kind)")
        }
        return Polygon(exterior: rings[0], holes: Array(rings.dropFirst()))
    }

    private static func ring(_ t: CoordinateTree, name: String) throws(Problem) -> [Coordinate] {
        let cs: [Coordinate]
        do {
            cs = try positionList(t)
        } catch {
            throw Problem(message: "\(name): \(error.message)")
        }
        if cs.count < 4 {
            throw Problem(
                message: "\(name) has \(cs.count) position\(cs.count == 1 ? "" : "s"); a ring needs at least 4 (a triangle plus its first position repeated at the end)")
        }
        if cs.first != cs.last {
            throw Problem(
                message: "\(name) is not closed: it starts at \(show(cs.first!)) but ends at \(show(cs.last!)); repeat the first position at the end")
        }
        return cs
    }

    static func show(_ c: Coordinate) -> String {
        "[\(NumberFormatting.shortText(c.x)), \(NumberFormatting.shortText(c.y))]"
    }

    // MARK: Ranges

    /// Without a `crs` member (or with CRS84), coordinates are WGS84
    /// longitude/latitude (RFC 7946); values beyond the globe mean a projected
    /// file or swapped axes.
    private mutating func checkLongitudeLatitudeRanges() {
        for i in features.indices {
            guard features[i].problem == nil, let g = features[i].geometry else { continue }
            var message: String?
            g.forEachCoordinate { c in
                guard message == nil else { return }
                if !(-180...180).contains(c.x) {
                    message = "longitude \(NumberFormatting.shortText(c.x)) is outside -180…180"
                } else if !(-90...90).contains(c.y) {
                    message = "latitude \(NumberFormatting.shortText(c.y)) is outside -90…90"
                }
            }
            if let message {
                features[i].geometry = nil
                features[i].problem = FeatureProblem(
                    field: "geometry",
                    message: message
                        + "; GeoJSON coordinates must be WGS84 longitude, latitude (is the file in a projected CRS, or are longitude and latitude swapped?)"
                )
            }
        }
    }
}
