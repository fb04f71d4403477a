import GeoCore

/// Where a feature came from, for messages a user can act on.
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    /// The path as it was given to the reader.
    public var file: String
    /// 1-based. CSV: the physical line where the record starts (the header is
    /// line 1). GeoJSON: the line of the feature object's opening brace.
    public var line: Int
    /// GeoJSON only: the 0-based position in the `features` array.
    public var featureIndex: Int?
    /// What `line` counts: a line of the file, or (GeoPackage) the feature's fid.
    public var lineKind: LineKind

    /// What the `line` of a location is.
    public enum LineKind: String, Hashable, Sendable {
        case line
        /// A GeoPackage feature id: `file` is then `path.gpkg:layer`.
        case featureID = "fid"
    }

    public init(file: String, line: Int, featureIndex: Int? = nil, lineKind: LineKind = .line) {
        self.file = file
        self.line = line
        self.featureIndex = featureIndex
        self.lineKind = lineKind
    }

    /// `needs.csv:12`, `regions.geojson:40 (feature 3)` with the 0-based
    /// index, as in `features[3]`, or `plan.gpkg:needs (fid 12)`.
    public var description: String {
        if lineKind == .featureID { return "\(file) (fid \(line))" }
        if let featureIndex { return "\(file):\(line) (feature \(featureIndex))" }
        return "\(file):\(line)"
    }
}

/// Why a reader could read a record but not its geometry. The feature is still
/// returned, with a nil geometry, so the caller can reject it with this reason
/// and its location.
public struct FeatureProblem: Hashable, Sendable, CustomStringConvertible {
    /// The column or member at fault (`latitude`, `geometry`), when there is one.
    public var field: String?
    public var message: String

    public init(field: String?, message: String) {
        self.field = field
        self.message = message
    }

    public var description: String {
        if let field { return "\(field): \(message)" }
        return message
    }
}

/// One record of a layer: an optional geometry and its attributes.
public struct Feature: Hashable, Sendable {
    public var geometry: Geometry?
    public var properties: Properties
    /// GeoJSON's feature `id`, when the file gives one.
    public var id: JSONValue?
    public var location: SourceLocation
    /// Set when the record's geometry could not be read; `geometry` is then nil.
    public var problem: FeatureProblem?

    public init(
        geometry: Geometry?, properties: Properties = Properties(), id: JSONValue? = nil,
        location: SourceLocation = SourceLocation(file: "", line: 0), problem: FeatureProblem? = nil
    ) {
        self.geometry = geometry
        self.properties = properties
        self.id = id
        self.location = location
        self.problem = problem
    }
}

/// The names of the two columns a CSV reader took coordinates from.
public struct CoordinateColumns: Hashable, Sendable {
    public var x: String
    public var y: String

    public init(x: String, y: String) {
        self.x = x
        self.y = y
    }
}

/// What a reader learnt about the file as a whole.
public struct FeatureSource: Hashable, Sendable {
    public enum Format: String, Hashable, Sendable {
        case geojson
        case csv
        /// A layer of a GeoPackage; `path` is then `file.gpkg:layer`.
        case geopackage = "gpkg"
        /// A layer read through GDAL/OGR (Shapefile, KML, FileGDB, ...):
        /// `driver` names the format.
        case vector = "ogr"
        /// A sheet of an Excel or LibreOffice workbook; `path` is then `file.xlsx:Sheet`.
        case spreadsheet = "sheet"
    }

    public var path: String
    public var format: Format
    /// The name in a GeoJSON file's legacy `crs` member, such as
    /// `urn:ogc:def:crs:EPSG::32630`; nil when the file has none (RFC 7946:
    /// WGS84 longitude/latitude).
    public var crs: String?
    /// CSV only.
    public var delimiter: Character?
    /// `UTF-8`, `UTF-8 with BOM`, `Windows-1252`, `UTF-16LE`, `UTF-16BE`.
    public var encoding: String?
    /// The CSV header, or for GeoJSON every property name in order of first
    /// appearance.
    public var columns: [String]
    /// CSV only: where the point coordinates were read from; nil when the file
    /// has no coordinate columns.
    public var coordinateColumns: CoordinateColumns?
    /// CSV only: the line of the header.
    public var headerLine: Int?
    /// CSV only: the HXL hashtag of each column (parallel to `columns`), when
    /// the file has a hashtag row.
    public var hxlTags: [HXLTag?]?
    /// CSV only: the line of the HXL hashtag row, which is not a record.
    public var hxlLine: Int?
    /// CSV only: some coordinate was written with a decimal comma (`12,65`),
    /// which is read only in `;`-separated files.
    public var decimalComma: Bool
    /// GDAL's short name of the driver that read the file (`ESRI Shapefile`, `KML`, `XLSX`).
    public var driver: String?

    public init(
        path: String, format: Format, crs: String? = nil, delimiter: Character? = nil,
        encoding: String? = nil, columns: [String] = [], coordinateColumns: CoordinateColumns? = nil,
        headerLine: Int? = nil, hxlTags: [HXLTag?]? = nil, hxlLine: Int? = nil, decimalComma: Bool = false,
        driver: String? = nil
    ) {
        self.path = path
        self.format = format
        self.crs = crs
        self.delimiter = delimiter
        self.encoding = encoding
        self.columns = columns
        self.coordinateColumns = coordinateColumns
        self.headerLine = headerLine
        self.hxlTags = hxlTags
        self.hxlLine = hxlLine
        self.decimalComma = decimalComma
        self.driver = driver
    }

    /// True when numbers in the file's text fields may use a decimal comma:
    /// a CSV file separated by `;`, as French and other European Excel save
    /// it. In a `,`-separated file or in GeoJSON, `1,234` is not a number.
    public var allowsDecimalComma: Bool { format == .csv && delimiter == ";" }
}

/// The features of one file, in file order.
public struct FeatureCollection: Hashable, Sendable {
    public var features: [Feature]
    public var source: FeatureSource

    public init(features: [Feature], source: FeatureSource) {
        self.features = features
        self.source = source
    }
}
