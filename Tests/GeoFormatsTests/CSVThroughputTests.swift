import Foundation
import GeoFormats
import Testing

/// A timing run, not a check: `GAPMAP_CSV_BENCH=1 swift test -c release --filter CSVThroughput`.
@Suite("CSV throughput")
struct CSVThroughput {
    @Test(
        "reads a generated 1,000,000-row file",
        .enabled(if: ProcessInfo.processInfo.environment["GAPMAP_CSV_BENCH"] != nil, "set GAPMAP_CSV_BENCH=1"))
    func millionRows() throws {
        var text = "id,category,weight,lon,lat\n"
        var rng = SeededGenerator(seed: 1)
        for i in 0..<1_000_000 {
            let lon = Double(Int.random(in: -12_000_000...4_000_000, using: &rng)) / 1_000_000
            let lat = Double(Int.random(in: 10_000_000...25_000_000, using: &rng)) / 1_000_000
            text += "NEED-\(i),justice_access,\(i % 5 + 1),\(lon),\(lat)\n"
        }
        let folder = try temporaryFolder()
        let path = folder + "/million.csv"
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        text = ""

        let clock = ContinuousClock()
        var table: CSVTable?
        let tableTime = try clock.measure { table = try CSVReader.read(contentsOf: path) }
        var features: FeatureCollection?
        let featureTime = try clock.measure { features = try CSVFeatureReader.features(from: table!, options: .init()) }
        #expect(table?.rows.count == 1_000_000)
        #expect(features?.features.allSatisfy { $0.geometry != nil } == true)
        func rate(_ d: Duration) -> Int {
            Int(1_000_000 / (Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18))
        }
        print("CSVReader.read: \(tableTime) (\(rate(tableTime)) rows/s)")
        print("CSVFeatureReader.features: \(featureTime) (\(rate(featureTime)) rows/s)")
        print("both: \(rate(tableTime + featureTime)) rows/s")
        try? FileManager.default.removeItem(atPath: folder)
    }
}
