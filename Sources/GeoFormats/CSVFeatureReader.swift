import GeoCore

/// Turns CSV rows into point features.
///
/// Coordinates come from the columns tagged `#geo+lon`/`#geo+lat` in an HXL
/// file, else from the first pair of columns found, ignoring case:
/// `lon`/`lat`, `longitude`/`latitude`, `lng`/`lat`, `long`/`lat`, `x`/`y`,
/// then KoboToolbox-style `…_longitude`/`…_latitude` with the same prefix
/// (`_gps_longitude`, `_group/gps_longitude`);
/// `options.xColumn`/`yColumn` name them instead. With no coordinate columns
/// every feature has a nil geometry (rows may refer to regions instead).
///
/// Every column becomes a string property, in header order, empty cells as
/// `""`: the caller decides what is a number. A row whose coordinates cannot
/// be used gets a `problem` and a nil geometry; a row with both coordinates
/// empty gets neither (it may be a region reference).
public enum CSVFeatureReader {
    public static func read(contentsOf path: String, options: CSVOptions = .init()) throws(FormatError) -> FeatureCollection {
        let table = try CSVReader.read(contentsOf: path, options: options)
        return try features(from: table, options: options)
    }

    public static func features(from table: CSVTable, options: CSVOptions) throws(FormatError) -> FeatureCollection {
        let layout = try CSVPointLayout(table, options: options)
        let header = table.header
        let index = JSONObject.sharedIndex(forDistinctKeys: header)
        var features: [Feature] = []
        features.reserveCapacity(table.rows.count)
        var sawDecimalComma = false
        for row in table.rows {
            var values: [JSONValue] = []
            values.reserveCapacity(header.count)
            for column in 0..<header.count { values.append(.string(row.value(column) ?? "")) }
            var feature = Feature(
                geometry: nil,
                properties: JSONObject(distinctKeys: header, index: index, values: values),
                id: nil,
                location: SourceLocation(file: table.path, line: row.line))
            var x = layout.columns.map { row.value($0.x) ?? "" } ?? "", y = layout.columns.map { row.value($0.y) ?? "" } ?? ""
            let (point, comma) = x.withUTF8 { xb in y.withUTF8 { yb in layout.point(x: xb, y: yb, fieldCount: row.fields.count) } }
            if comma { sawDecimalComma = true }
            switch point {
            case .point(let c): feature.geometry = .point(c)
            case .none: break
            case .problem(let problem): feature.problem = problem
            }
            features.append(feature)
        }
        return FeatureCollection(features: features, source: layout.source(decimalComma: sawDecimalComma))
    }

    // MARK: Columns

    private static let pairs: [(x: String, y: String)] = [
        ("lon", "lat"), ("longitude", "latitude"), ("lng", "lat"), ("long", "lat"), ("x", "y"),
    ]

    static func coordinateColumns(in table: CSVTable, options: CSVOptions) throws(FormatError) -> (x: Int, y: Int)? {
        let lowered = table.header.map { $0.lowercased() }
        func find(_ name: String) -> Int? { lowered.firstIndex(of: name) }

        var detected: (x: Int, y: Int)?
        // HXL: #geo+lon / #geo+lat (and the older #lon_deg / #lat_deg).
        if let x = table.columnIndex(taggedWhere: { $0.matches("geo", "lon") || $0.tag == "lon_deg" }),
            let y = table.columnIndex(taggedWhere: { $0.matches("geo", "lat") || $0.tag == "lat_deg" })
        {
            detected = (x, y)
        }
        for pair in pairs where detected == nil {
            if let x = find(pair.x), let y = find(pair.y) {
                detected = (x, y)
                break
            }
        }
        if detected == nil {
            // KoboToolbox writes a geopoint "gps" as _gps_latitude, _gps_longitude, ...
            for (yi, name) in lowered.enumerated() where name.hasSuffix("_latitude") {
                let prefix = name.dropLast("_latitude".count)
                if let xi = find(prefix + "_longitude") {
                    detected = (xi, yi)
                    break
                }
            }
        }
        guard options.xColumn != nil || options.yColumn != nil else { return detected }

        func named(_ name: String, axis: String) throws(FormatError) -> Int {
            if let i = table.columnIndex(named: name.trimmingWhitespace) { return i }
            throw FormatError(
                path: table.path, line: table.headerLine, field: name,
                message:
                    "there is no column \"\(name)\" for the \(axis); the header has: \(table.header.joined(separator: ", "))")
        }
        let x = try options.xColumn.map { (n) throws(FormatError) in try named(n, axis: "longitude (x)") } ?? detected?.x
        let y = try options.yColumn.map { (n) throws(FormatError) in try named(n, axis: "latitude (y)") } ?? detected?.y
        guard let x, let y else {
            let missing = x == nil ? "longitude (x)" : "latitude (y)"
            throw FormatError(
                path: table.path, line: table.headerLine,
                message:
                    "no \(missing) column was named or found; name it too (the header has: \(table.header.joined(separator: ", ")))")
        }
        return (x, y)
    }
}

/// How the rows of a CSV file become points: its coordinate columns (see
/// `CSVFeatureReader`) and the description of the source. Made once per
/// file (or chunk) from its header; `point` then reads one row's
/// coordinate cells from their bytes.
public struct CSVPointLayout: Sendable {
    public let header: [String]
    /// The longitude and latitude columns, when the file has them.
    public let columns: (x: Int, y: Int)?
    private let source: FeatureSource
    private let decimalComma: Bool
    private let delimiterName: String

    public init(_ table: CSVTable, options: CSVOptions) throws(FormatError) {
        let header = table.header
        if Set(header).count != header.count {
            throw FormatError(
                path: table.path, line: table.headerLine,
                message: "the header repeats a column name; column names must be unique")
        }
        let columns = try CSVFeatureReader.coordinateColumns(in: table, options: options)
        self.header = header
        self.columns = columns
        decimalComma = table.delimiter == ";"
        delimiterName = table.delimiter == "\t" ? "tab" : "'\(table.delimiter)'"
        source = FeatureSource(
            path: table.path, format: .csv, crs: nil, delimiter: table.delimiter, encoding: table.encoding,
            columns: header, coordinateColumns: columns.map { CoordinateColumns(x: header[$0.x], y: header[$0.y]) },
            headerLine: table.headerLine, hxlTags: table.hxlTags, hxlLine: table.hxlLine, decimalComma: false)
    }

    /// The source of the features, `decimalComma` telling whether a
    /// coordinate was written with a decimal comma.
    public func source(decimalComma: Bool) -> FeatureSource {
        var source = self.source
        source.decimalComma = decimalComma
        return source
    }

    /// What a row's coordinates make.
    public enum RowPoint: Sendable {
        case point(Coordinate)
        /// No coordinates (the row may refer to a region instead).
        case none
        case problem(FeatureProblem)
    }

    /// The point of a row whose coordinate cells hold `x` and `y` and which
    /// has `fieldCount` fields, and whether a coordinate has a decimal comma.
    public func point(x: UnsafeBufferPointer<UInt8>, y: UnsafeBufferPointer<UInt8>, fieldCount: Int) -> (RowPoint, Bool) {
        var outcome = RowPoint.none
        var comma = false
        if let columns {
            if decimalComma, x.contains(UInt8(ascii: ",")) || y.contains(UInt8(ascii: ",")) { comma = true }
            outcome = Self.point(x: x, y: y, xName: header[columns.x], yName: header[columns.y], decimalComma: decimalComma)
        }
        if fieldCount > header.count {
            // The values may sit in the wrong columns: the point too.
            outcome = .problem(FeatureProblem(
                field: nil,
                message:
                    "row has \(fieldCount) fields, header has \(header.count); a value probably holds an unquoted \(delimiterName) — put such values in double quotes"))
        }
        return (outcome, comma)
    }

    // MARK: Values

    private static func point(x: UnsafeBufferPointer<UInt8>, y: UnsafeBufferPointer<UInt8>, xName: String, yName: String,
                              decimalComma: Bool) -> RowPoint {
        let xValue = DecimalParser.parse(x, decimalComma: decimalComma)
        let yValue = DecimalParser.parse(y, decimalComma: decimalComma)
        switch (xValue, yValue) {
        case (.empty, .empty):
            return .none
        case (_, .empty):
            return .problem(FeatureProblem(field: yName, message: "longitude given without latitude"))
        case (.empty, _):
            return .problem(FeatureProblem(field: xName, message: "latitude given without longitude"))
        default:
            break
        }
        func text(_ b: UnsafeBufferPointer<UInt8>) -> String { String(decoding: b, as: UTF8.self).trimmingWhitespace }
        if let problem = numberProblem(xValue, text: x, field: xName) { return .problem(problem) }
        if let problem = numberProblem(yValue, text: y, field: yName) { return .problem(problem) }
        guard case .value(let lon) = xValue, case .value(let lat) = yValue else { return .none }
        if !(-90...90).contains(lat) {
            let swapped = (-90...90).contains(lon) ? " (are longitude and latitude swapped?)" : ""
            return .problem(
                FeatureProblem(field: yName, message: "latitude \(text(y)) is outside -90…90\(swapped)"))
        }
        if !(-180...180).contains(lon) {
            return .problem(
                FeatureProblem(field: xName, message: "longitude \(text(x)) is outside -180…180"))
        }
        return .point(Coordinate(x: lon, y: lat))
    }

    private static func numberProblem(_ value: DecimalParser.Result, text: UnsafeBufferPointer<UInt8>, field: String) -> FeatureProblem? {
        switch value {
        case .value, .empty: return nil
        case .notANumber:
            return FeatureProblem(field: field, message: "'\(String(decoding: text, as: UTF8.self).trimmingWhitespace)' is not a number")
        case .notFinite:
            return FeatureProblem(field: field, message: "'\(String(decoding: text, as: UTF8.self).trimmingWhitespace)' is not finite")
        }
    }
}
