import Foundation
import GeoCore
import GeoFormats

/// Population counted from a raster of people per cell (WorldPop, GHSL,
/// HRSL, any GDAL raster in any CRS): the people of an area are the sum over
/// the cells of value × the exact fraction of the cell's area inside the
/// area, measured in the raster's own CRS (as exactextract does), so an
/// equal-area raster's counts and a lon/lat raster's counts are both people
/// per cell. Nodata, negative and non-finite cells count zero. The areas
/// (WGS84, edges straight in longitude/latitude) are densified to 0.01° steps
/// before being projected into a projected raster's CRS, where those edges
/// are curves. Read a window of rows at a time: memory is bounded by
/// `maxWindowCells`, whatever the raster's size.
final class PopulationRaster {
    let grid: RasterGrid
    private let toRasterCRS: Reprojector?
    /// Largest window of cells read at once (values and fractions: 64 MB).
    let maxWindowCells: Int
    /// Longest step, in degrees, of a densified edge before projection.
    static let densifyDegrees = 0.01

    init(path: String, maxWindowCells: Int = 4 << 20) throws {
        self.maxWindowCells = maxWindowCells
        do {
            grid = try RasterGrid(contentsOf: path)
        } catch {
            throw GapMapError(file: path, field: nil, message: error.message,
                              fix: "Give a raster of people per cell that GDAL reads (GeoTIFF from WorldPop or GHSL: see docs/population.md)")
        }
        let crs = grid.crs
        if crs.uppercased() == "EPSG:4326" {
            toRasterCRS = nil
        } else {
            do {
                toRasterCRS = try Reprojector(sourceCRS: "EPSG:4326", targetCRS: crs)
            } catch {
                throw GapMapError(file: path, field: "crs", message: "the raster's CRS is unknown to PROJ (\(error.message))",
                                  fix: "Warp the raster to a known CRS with gdalwarp -t_srs EPSG:4326")
            }
        }
    }

    /// A cell's people: zero for nodata, negative or non-finite values.
    @inline(__always) private func people(_ v: Double) -> Double {
        guard v.isFinite, v > 0, v != grid.nodata else { return 0 }
        return v
    }

    /// The polygons of a WGS84 geometry in grid coordinates (column, row).
    func gridPolygons(_ geometry: Geometry) throws -> [Polygon] {
        func ring(_ ring: [Coordinate]) throws -> [Coordinate] {
            var points = ring
            if let toRasterCRS {
                points = []
                for i in ring.indices.dropLast() {
                    let a = ring[i], b = ring[i + 1]
                    let steps = max(1, Int((hypot(b.x - a.x, b.y - a.y) / Self.densifyDegrees).rounded(.up)))
                    for k in 0..<steps {
                        let t = Double(k) / Double(steps)
                        points.append(try toRasterCRS.transform(Coordinate(x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t)))
                    }
                }
                if let last = ring.last { points.append(try toRasterCRS.transform(last)) }
            }
            return points.map { Coordinate(x: ($0.x - grid.originX) / grid.cellWidth, y: ($0.y - grid.originY) / grid.cellHeight) }
        }
        return try geometry.polygons.map { p in Polygon(exterior: try ring(p.exterior), holes: try p.holes.map(ring)) }
    }

    /// The people in each of `areas`, reading the raster once over their
    /// common bounding box, a band of rows at a time.
    func population(of areas: [Geometry]) throws -> [Double] {
        let coverages = try areas.map { CellCoverage(polygons: try gridPolygons($0)) }
        var sums = [Double](repeating: 0, count: areas.count)
        let live = coverages.filter { !$0.isEmpty }
        guard !live.isEmpty else { return sums }
        let columns = max(0, Int(live.map(\.minX).min()!.rounded(.down)))..<min(grid.width, Int(live.map(\.maxX).max()!.rounded(.up)))
        let rows = max(0, Int(live.map(\.minY).min()!.rounded(.down)))..<min(grid.height, Int(live.map(\.maxY).max()!.rounded(.up)))
        guard !columns.isEmpty, !rows.isEmpty else { return sums }
        let bandRows = max(1, maxWindowCells / columns.count)
        var top = rows.lowerBound
        while top < rows.upperBound {
            let band = top..<min(rows.upperBound, top + bandRows)
            let values = try readWindow(columns: columns, rows: band)
            for (k, coverage) in coverages.enumerated() where !coverage.isEmpty {
                // An area whose rows are all above or below this band (the raster is
                // read in bands when the areas span more than `maxWindowCells`) has none here.
                let left = max(columns.lowerBound, Int(coverage.minX.rounded(.down))), right = min(columns.upperBound, Int(coverage.maxX.rounded(.up)))
                let top = max(band.lowerBound, Int(coverage.minY.rounded(.down))), bottom = min(band.upperBound, Int(coverage.maxY.rounded(.up)))
                guard left < right, top < bottom else { continue }
                let mine = left..<right, myRows = top..<bottom
                let fractions = coverage.fractions(columns: mine, rows: myRows)
                var sum = 0.0
                for (i, r) in myRows.enumerated() {
                    let valueRow = (r - band.lowerBound) * columns.count - columns.lowerBound
                    for (j, c) in mine.enumerated() {
                        let f = fractions[i * mine.count + j]
                        if f > 0 { sum += f * people(values[valueRow + c]) }
                    }
                }
                sums[k] += sum
            }
            top = band.upperBound
        }
        return sums
    }

    /// The people in the whole raster, read a band of rows at a time.
    func total() throws -> Double {
        var sum = 0.0
        let bandRows = max(1, maxWindowCells / max(1, grid.width))
        var top = 0
        while top < grid.height {
            let band = top..<min(grid.height, top + bandRows)
            for v in try readWindow(columns: 0..<grid.width, rows: band) { sum += people(v) }
            top = band.upperBound
        }
        return sum
    }

    private func readWindow(columns: Range<Int>, rows: Range<Int>) throws -> [Double] {
        do {
            return try grid.read(columns: columns, rows: rows)
        } catch {
            throw GapMapError(file: grid.path, field: nil, message: error.message, fix: "Check that the raster file is complete")
        }
    }
}
