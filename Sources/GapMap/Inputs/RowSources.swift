import GeoCore
import GeoFormats

/// A row's values by column name, as trimmed text ("" when absent or null):
/// what the layer builders read of a row.
protocol RowValues {
    func text(_ field: String?) -> String
}

extension Properties: RowValues {}

/// What a row's geometry is, without boxing a point in a `Geometry`.
enum RowShape {
    case none
    case point(Coordinate)
    case other(Geometry)
}

/// The rows of a point layer as `LayerBuilder` reads them: a file's
/// features, or the records of a CSV chunk read straight from its bytes.
protocol PointRowSource {
    associatedtype Values: RowValues
    var source: FeatureSource { get }
    var count: Int { get }
    func shape(_ i: Int) -> RowShape
    /// Why the row's geometry could not be read (its shape is then `.none`).
    func problem(_ i: Int) -> FeatureProblem?
    /// The row's line in its file (a GeoPackage row: its fid).
    func line(_ i: Int) -> Int
    /// A GeoJSON row's 1-based position in the file's features (nil otherwise).
    func featureNumber(_ i: Int) -> Int?
    func values(_ i: Int) -> Values
}

extension FeatureCollection: PointRowSource {
    var count: Int { features.count }

    func shape(_ i: Int) -> RowShape {
        switch features[i].geometry {
        case nil: .none
        case .point(let c)?: .point(c)
        case let g?: .other(g)
        }
    }

    func problem(_ i: Int) -> FeatureProblem? { features[i].problem }
    func line(_ i: Int) -> Int { features[i].location.line }
    func featureNumber(_ i: Int) -> Int? { features[i].location.featureIndex.map { $0 + 1 } }
    func values(_ i: Int) -> Properties { features[i].properties }
}

/// The records of one CSV chunk as point rows: coordinates read from the
/// bytes of their cells, and a cell made into a string only when a builder
/// reads it. Gives the rows `CSVFeatureReader.features` would (tested).
struct CSVPointRows: PointRowSource {
    let chunk: CSVRowChunk
    let source: FeatureSource
    private let points: [CSVPointLayout.RowPoint]
    private let columns: ColumnIndex

    init(_ chunk: CSVRowChunk, options: CSVOptions) throws(FormatError) {
        let layout = try chunk.pointLayout(options: options)
        var decimalComma = false
        var points: [CSVPointLayout.RowPoint] = []
        points.reserveCapacity(chunk.count)
        for r in 0..<chunk.count {
            let (point, comma) = chunk.point(r, layout: layout)
            if comma { decimalComma = true }
            points.append(point)
        }
        self.chunk = chunk
        self.points = points
        source = layout.source(decimalComma: decimalComma)
        columns = ColumnIndex(chunk.header)
    }

    var count: Int { chunk.count }

    func shape(_ i: Int) -> RowShape {
        if case .point(let c) = points[i] { return .point(c) }
        return .none
    }

    func problem(_ i: Int) -> FeatureProblem? {
        if case .problem(let p) = points[i] { return p }
        return nil
    }

    func line(_ i: Int) -> Int { chunk.line(i) }
    func featureNumber(_ i: Int) -> Int? { nil }

    func values(_ i: Int) -> CSVRowValues { CSVRowValues(chunk: chunk, row: i, columns: columns) }

    /// Column name → position, shared by the rows of a chunk.
    final class ColumnIndex {
        let positions: [String: Int]
        init(_ header: [String]) {
            var positions: [String: Int] = [:]
            for (i, name) in header.enumerated() where positions[name] == nil { positions[name] = i }
            self.positions = positions
        }
    }
}

/// One CSV record's cells by column name.
struct CSVRowValues: RowValues {
    let chunk: CSVRowChunk
    let row: Int
    let columns: CSVPointRows.ColumnIndex

    func text(_ field: String?) -> String {
        guard let field, let column = columns.positions[field], let value = chunk.value(row, column) else { return "" }
        return Properties.trimmedCell(value)
    }
}
