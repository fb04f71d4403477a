// Times each phase of one `gapmap analyze` on a workload folder made by
// scripts/bench/make_workload.py, with the peak resident memory of each:
//
//   swift run --package-path Benchmarks -c release gapmap-phases /tmp/bench/1m [REGIONS.geojson]
//
// The phases are those of AnalysisWorkflow and CoverageAnalysis.run, called
// through the public API: reading each file, building the typed layers,
// then, inside the analysis, footprints, their union, the region overlay,
// locating points in regions and testing them against the footprints, and
// last writing the outputs. The analysis is run whole as well (its total is
// what `gapmap analyze` spends between reading and writing); the inner
// phases are re-run separately to say where that time goes.
import Foundation
import GapMap
import GeoCore
import GeoFormats

/// Peak resident memory since the last reset, in MB (Linux: VmHWM).
func peakResidentMB() -> Double {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
          let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") })
    else { return .nan }
    let kb = Double(line.split(separator: " ").dropFirst().first ?? "") ?? .nan
    return kb / 1024
}

func residentMB() -> Double {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
          let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") })
    else { return .nan }
    return (Double(line.split(separator: " ").dropFirst().first ?? "") ?? .nan) / 1024
}

/// Resets VmHWM to the current RSS (Linux ≥ 4.0), so each phase's peak is its own.
func resetPeak() {
    try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)
}

/// CPU time of the whole process so far (all threads), in seconds.
func cpuSeconds() -> Double {
    var usage = rusage()
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
}

var rows: [(phase: String, seconds: Double, cpu: Double, peakMB: Double, note: String)] = []

@MainActor @discardableResult
func phase<T>(_ name: String, note: String = "", _ body: () throws -> T) rethrows -> T {
    resetPeak()
    let start = DispatchTime.now().uptimeNanoseconds, startCPU = cpuSeconds()
    let result = try body()
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    rows.append((name, seconds, cpuSeconds() - startCPU, peakResidentMB(), note))
    FileHandle.standardError.write("\(name): \(String(format: "%.3f", seconds)) s\n".data(using: .utf8)!)
    return result
}

let arguments = CommandLine.arguments.dropFirst()
guard let directory = arguments.first else {
    FileHandle.standardError.write("usage: gapmap-phases WORKLOAD_DIR [REGIONS.geojson] [--workers N]\n".data(using: .utf8)!)
    exit(64)
}
var workers = defaultWorkerCount
if let i = arguments.firstIndex(of: "--workers"), i + 1 < arguments.endIndex, let n = Int(arguments[i + 1]) { workers = n }
let manifestRegions: String? = {
    guard let data = FileManager.default.contents(atPath: directory + "/manifest.json"),
          let manifest = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else { return nil }
    return manifest["regions"] as? String
}()
guard let regionsPath = arguments.dropFirst().first(where: { !$0.hasPrefix("--") && Int($0) == nil }) ?? manifestRegions else {
    FileHandle.standardError.write("no regions: give REGIONS.geojson or a manifest.json with \"regions\"\n".data(using: .utf8)!)
    exit(64)
}

let total = DispatchTime.now().uptimeNanoseconds
let regionFeatures = try phase("read regions") { try FeatureFileReader.read(regionsPath) }
let initiativeFeatures = try phase("read initiatives.csv") { try FeatureFileReader.read(directory + "/initiatives.csv") }
let needFeatures = try phase("read needs.csv") { try FeatureFileReader.read(directory + "/needs.csv") }
let incidentFeatures = try phase("read incidents.csv") { try FeatureFileReader.read(directory + "/incidents.csv") }

let builder = LayerBuilder(engine: try GeometryEngine())
let (regions, fields) = try phase("build regions") { try builder.regions(from: regionFeatures) }
let catalog = RegionCatalog(regions: regions.items)
let initiatives = phase("build initiatives") { builder.initiatives(from: initiativeFeatures, regions: regions.items, catalog: catalog) }
let needs = phase("build needs") { builder.needs(from: needFeatures, regions: regions.items, catalog: catalog) }
let incidents = phase("build incidents") { builder.incidents(from: incidentFeatures, regions: regions.items, catalog: catalog) }
let input = AnalysisInput(regions: regions, regionFields: fields, initiatives: initiatives, needs: needs, incidents: incidents)

let parameters = AnalysisParameters(workers: workers)
let analysis = CoverageAnalysis(parameters: parameters)
let outDirectory = NSTemporaryDirectory() + "gapmap-phases-\(getpid())"
_ = try phase("analysis and outputs (pipeline)", note: "layers read whole: one chunk each") {
    try analysis.run(AnalysisSource(input), into: [GeoJSONOutput(directory: outDirectory, workers: workers)])
}
let totalSeconds = Double(DispatchTime.now().uptimeNanoseconds - total) / 1e9
try? FileManager.default.removeItem(atPath: outDirectory)

// The analysis again, step by step, to say where its time goes.
let regionGeometries = regions.items.map(\.geometry)
let inRun = initiatives.items.filter { parameters.isInRun($0.effectiveStatus) }
let footprints = phase("  footprints (geodesic discs)", note: "\(inRun.count) in the run") {
    inRun.compactMap { analysis.footprint(of: $0, regions: regions.items) }
}
let coverage = try phase("  union of footprints, one core", note: "GEOS unary union") {
    try GeometryEngine().union(footprints, workers: 1).value().polygonalPart
}
_ = try phase("  union of footprints, parallel", note: "\(workers) workers (the default)") {
    try GeometryEngine().union(footprints, workers: workers).value().polygonalPart
}
_ = try phase("  region overlay (∩ and −)", note: "\(coverage.coordinateCount) coverage vertices") {
    try PolygonOverlay.split(regionGeometries, by: coverage, workers: workers)
}
_ = phase("  region areas (geodesic)") { regionGeometries.map { Geodesy.areaSquareKilometers($0) } }
let points: [Coordinate] = (needs.items.map(\.placement) + incidents.items.map(\.placement)).compactMap {
    if case .point(let c) = $0 { return c } else { return nil }
}
let regionLocator = phase("  region index") { PolygonLocator(polygons: regionGeometries) }
let footprintLocator = phase("  footprint index") { PolygonLocator(polygons: footprints) }
_ = try phase("  locate points in regions", note: "\(points.count) points") {
    try regionLocator.firstCovering(points, workers: workers)
}
_ = try phase("  test points against footprints", note: "\(points.count) points") {
    try footprintLocator.anyCovers(points, workers: workers)
}

print("phase                                    seconds  CPU s    peak MB  note")
for row in rows {
    print(row.phase.padding(toLength: 40, withPad: " ", startingAt: 0)
          + String(format: " %8.3f %6.2f %9.0f  ", row.seconds, row.cpu, row.peakMB) + row.note)
}
print(String(format: "total (read + build + analysis + write): %.3f s; resident now %.0f MB", totalSeconds, residentMB()))
