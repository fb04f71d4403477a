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
        let header = table.header
        if Set(header).count != header.count {
            throw FormatError(
                path: table.path, line: table.headerLine,
                message: "the header repeats a column name; column names must be unique")
        }
        let columns = try coordinateColumns(in: table, options: options)
        let decimalComma = table.delimiter == ";"
        let index = JSONObject.sharedIndex(forDistinctKeys: header)
        let delimiterName = table.delimiter == "\t" ? "tab" : "'\(table.delimiter)'"

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
            if let columns {
                let x = row.value(columns.x) ?? "", y = row.value(columns.y) ?? ""
                if decimalComma, !sawDecimalComma, x.utf8.contains(UInt8(ascii: ",")) || y.utf8.contains(UInt8(ascii: ",")) {
                    sawDecimalComma = true
                }
                switch point(
                    x: x, y: y,
                    xName: header[columns.x], yName: header[columns.y], decimalComma: decimalComma)
                {
                case .point(let c): feature.geometry = .point(c)
                case .none: break
                case .problem(let problem): feature.problem = problem
                }
            }
            if row.fields.count > header.count {
                // The values may sit in the wrong columns: the point too.
                feature.geometry = nil
                feature.problem = FeatureProblem(
                    field: nil,
                    message:
                        "row has \(row.fields.count) fields, header has \(header.count); a value probably holds an unquoted \(delimiterName) — put such values in double quotes")
            }
            features.append(feature)
        }
        let named = columns.map { CoordinateColumns(x: header[$0.x], y: header[$0.y]) }
        return FeatureCollection(
            features: features,
            source: FeatureSource(
                path: table.path, format: .csv, crs: nil, delimiter: table.delimiter, encoding: table.encoding,
                columns: header, coordinateColumns: named, headerLine: table.headerLine, hxlTags: table.hxlTags,
                hxlLine: table.hxlLine, decimalComma: sawDecimalComma))
    }

    // MARK: Columns

    private static let pairs: [(x: String, y: String)] = [
        ("lon", "lat"), ("longitude", "latitude"), ("lng", "lat"), ("long", "lat"), ("x", "y"),
    ]

    private static func coordinateColumns(in table: CSVTable, options: CSVOptions) throws(FormatError) -> (x: Int, y: Int)? {
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

    // MARK: Values

    private enum PointOutcome {
        case point(Coordinate)
        case none
        case problem(FeatureProblem)
    }

    private static func point(x: String, y: String, xName: String, yName: String, decimalComma: Bool) -> PointOutcome {
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
        if let problem = numberProblem(xValue, text: x, field: xName) { return .problem(problem) }
        if let problem = numberProblem(yValue, text: y, field: yName) { return .problem(problem) }
        guard case .value(let lon) = xValue, case .value(let lat) = yValue else { return .none }
        if !(-90...90).contains(lat) {
            let swapped = (-90...90).contains(lon) ? " (are longitude and latitude swapped?)" : ""
            return .problem(
                FeatureProblem(field: yName, message: "latitude \(y.trimmingWhitespace) is outside -90…90\(swapped)"))
        }
        if !(-180...180).contains(lon) {
            return .problem(
                FeatureProblem(field: xName, message: "longitude \(x.trimmingWhitespace) is outside -180…180"))
        }
        return .point(Coordinate(x: lon, y: lat))
    }

    private static func numberProblem(_ value: DecimalParser.Result, text: String, field: String) -> FeatureProblem? {
        switch value {
        case .value, .empty: return nil
        case .notANumber:
            return FeatureProblem(field: field, message: "'\(text.trimmingWhitespace)' is not a number")
        case .notFinite:
            return FeatureProblem(field: field, message: "'\(text.trimmingWhitespace)' is not finite")
        }
    }
}
