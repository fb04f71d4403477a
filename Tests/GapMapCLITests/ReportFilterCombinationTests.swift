import Foundation
@testable import GapMap
import Testing
import TestSupport
@testable import GapMapCLI

/// The report's period × actor/kind combinations past the variants it
/// computes are answered unit by unit by the variants that keep the same
/// initiatives there (`InitiativeReach`): the page's figures for such a
/// combination, added up as its script adds them, equal `gapmap analyze
/// --from --to --actor/--kind` for every commune.
struct ReportFilterCombinationTests {
    static let communes = FrenchEverywhereTests.communes

    static func page(_ path: String) throws -> [String: Any] {
        let html = try String(contentsOfFile: path, encoding: .utf8)
        let json = try #require(EnglishWordScan.block(html, from: "<script type=\"application/json\" id=\"gapmap-data\">", to: "</script>"))
        return try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    }

    static func numbers(_ value: Any?) -> [Double] { (value as? [Any] ?? []).map { ($0 as? NSNumber)?.doubleValue ?? .nan } }

    /// regions.geojson's figures by region id.
    static func regions(_ path: String) throws -> [String: [String: Double]] {
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as! [String: Any]
        var result: [String: [String: Double]] = [:]
        for f in object["features"] as! [[String: Any]] {
            let p = f["properties"] as! [String: Any]
            var figures: [String: Double] = [:]
            for (k, v) in p { if let n = v as? NSNumber { figures[k] = n.doubleValue } }
            result[p["region_id"] as! String] = figures
        }
        return result
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: communes), "geodata/mali-cod-2015 is absent"))
    func combinationsPastTheVariantsEqualAnalyzeUnitByUnit() throws {
        let folder = TestSupport.temporaryFolder("filter-combinations")
        let layers = ["--regions", Self.communes, "--initiatives", AnalyzeCommandTests.sample("initiatives.csv"),
                      "--needs", AnalyzeCommandTests.sample("needs.csv"), "--incidents", AnalyzeCommandTests.sample("incidents.csv")]
        _ = try FrenchEverywhereTests.run(["report"] + layers + ["--lang", "en", "--out", folder + "/report"])
        let d = try Self.page(folder + "/report/report.html")
        let choices = try #require(d["choices"] as? [[Any]])
        let perUnit = choices.filter { ($0[3] as! NSNumber).intValue < 0 }
        let answered = perUnit.filter { Self.numbers($0[4]).allSatisfy { $0 >= 0 } }
        // The variants computed leave combinations over; unit by unit, most are answered whole.
        #expect(perUnit.count > 10, "\(perUnit.count) combinations past the variants")
        // With the few variants computed past the limit for the units left over, every one.
        #expect(answered.count == perUnit.count, "\(answered.count) of \(perUnit.count) answered for every unit")
        let units = (d["units"] as! [[String: Any]]).map { $0["id"] as! String }
        let variants = d["variants"] as! [[String: Any]]
        let months = Self.numbers(d["months"]).map(Int.init)
        let width = months[1] - months[0] + 1
        let windowSets = Self.numbers(d["windowSets"]).map(Int.init)
        let periods = d["periods"] as! [Any]
        let cells = d["cells"] as! [String: Any]
        let cellUnit = Self.numbers(cells["unit"]).map(Int.init), cellPeriod = Self.numbers(cells["period"]).map(Int.init)
        let cellIncident = Self.numbers(cells["incident"]), cellWeight = Self.numbers(cells["weight"])
        let covered = (cells["covered"] as! [Any]).map(Self.numbers)
        // A sample: an actor and a kind in a window, and one more.
        var sample: [[Any]] = []
        for filter in ["actor", "kind"] { if let c = answered.first(where: { $0[1] as? String == filter && ($0[0] as! NSNumber).intValue > 0 }) { sample.append(c) } }
        if let c = answered.last(where: { c in !sample.contains { $0[0] as! NSNumber == c[0] as! NSNumber && $0[2] as? String == c[2] as? String } }) { sample.append(c) }
        // And one answered, for some communes, by a variant computed past the limit.
        let residual = answered.first { c in Self.numbers(c[4]).contains { $0 > Double(CoverageVariant.limit) }
            && !sample.contains { $0[0] as! NSNumber == c[0] as! NSNumber && $0[2] as? String == c[2] as? String } }
        sample += residual.map { [$0] } ?? []
        #expect(sample.count == 4)
        for c in sample {
            let set = (c[0] as! NSNumber).intValue, filter = c[1] as! String, value = c[2] as! String
            let chosen = Self.numbers(c[4]).map(Int.init)
            // A window of whole months that keeps this set of initiatives.
            let index = try #require(windowSets.firstIndex(of: set))
            let a = months[0] + index / width, b = months[0] + index % width
            let lastDay = CalendarDay.days(inMonth: b % 12 + 1, year: b / 12)
            let from = String(format: "%04d-%02d-01", a / 12, a % 12 + 1), to = String(format: "%04d-%02d-%02d", b / 12, b % 12 + 1, lastDay)
            let out = folder + "/\(set)-\(filter)-\(value)"
            _ = try FrenchEverywhereTests.run(["analyze"] + layers + ["--from", from, "--to", to, "--\(filter)", value, "--out", out])
            let analyzed = try Self.regions(out + "/regions.geojson")
            // The page's figures as its script adds them: the cells of months in the window (undated ones kept).
            var needs = [Double](repeating: 0, count: units.count), needsCovered = needs, incidents = needs, incidentsCovered = needs
            for i in cellUnit.indices {
                let kept: Bool
                if let p = periods[cellPeriod[i]] as? [NSNumber] { kept = p[0].intValue <= b && p[1].intValue >= a } else { kept = (periods[cellPeriod[i]] as? NSNumber)?.intValue == 0 }
                guard kept else { continue }
                let r = cellUnit[i], cov = covered[chosen[r]][i]
                if cellIncident[i] == 1 { incidents[r] += cellWeight[i]; incidentsCovered[r] += cov } else { needs[r] += cellWeight[i]; needsCovered[r] += cov }
            }
            var compared = 0
            for (r, id) in units.enumerated() {
                let want = try #require(analyzed[id])
                let v = variants[chosen[r]]
                let coveredKm2 = Self.numbers(v["covered_km2"] ?? variants[0]["covered_km2"])[r]
                let initiatives = Self.numbers(v["initiatives"] ?? variants[0]["initiatives"])[r]
                for (key, page) in [("needs", needs[r]), ("needs_covered", needsCovered[r]), ("incidents", incidents[r]),
                                    ("incidents_covered", incidentsCovered[r]), ("covered_km2", coveredKm2), ("initiatives", initiatives)] {
                    let expected = want[key] ?? .nan
                    #expect(abs(page - expected) <= 1e-6 * max(1, abs(expected)), "\(from)…\(to) \(filter) \(value), \(id) \(key): page \(page), analyze \(expected)")
                    compared += 1
                }
            }
            #expect(compared == units.count * 6)
        }
    }
}
