import TestSupport
import Foundation
import Testing
@testable import GapMap

/// External tools that check GeoPackages independently of gapmap: GDAL's
/// ogrinfo, ogr2ogr and validate_gpkg.py, and Python's pyogrio. Each is
/// optional: a test that needs one is enabled only where it is installed
/// (`.enabled(if:)`, with the reason shown when it is skipped).
enum ExternalTools {
    struct Output {
        var status: Int32
        var output: String
        /// Lines that report an error or a warning.
        var problems: [String]
    }

    static func executable(_ names: [String]) -> String? {
        names.first(where: FileManager.default.isExecutableFile(atPath:))
    }

    static let ogrinfo = executable(["/usr/bin/ogrinfo", "/usr/local/bin/ogrinfo"])
    static let ogr2ogr = executable(["/usr/bin/ogr2ogr", "/usr/local/bin/ogr2ogr"])
    /// validate_gpkg.py with the Python that has GDAL's bindings (Debian's).
    static let validator: (python: String, script: String)? = {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/python3"),
              let script = ["/usr/lib/python3/dist-packages/osgeo_utils/samples/validate_gpkg.py",
                            "/usr/share/doc/python3-gdal/examples/validate_gpkg.py"].first(where: FileManager.default.fileExists(atPath:))
        else { return nil }
        return ("/usr/bin/python3", script)
    }()
    /// A python3 that imports pyogrio.
    static let pyogrioPython: String? = {
        for python in ["/usr/bin/env"] {
            if let out = try? run(python, ["python3", "-c", "import pyogrio"]), out.status == 0 { return python }
        }
        return nil
    }()

    static func run(_ executable: String, _ arguments: [String]) throws -> Output {
        let (status, stdout, stderr) = try runProgram(executable, arguments)
        let text = stdout + stderr
        let problems = text.split(separator: "\n").map(String.init).filter {
            $0.contains("ERROR") || $0.contains("Warning") || $0.contains("WARNING")
        }
        return Output(status: status, output: text, problems: problems)
    }

    /// `ogrinfo -ro -al -so`: layer name → (geometry, feature count, extent line).
    static func summary(_ path: String) throws -> [String: (geometry: String, count: Int, extent: String?)] {
        let ogrinfo = try #require(Self.ogrinfo, "ogrinfo is not installed: enable the test only where it is")
        let out = try run(ogrinfo, ["-ro", "-al", "-so", path])
        #expect(out.status == 0 && out.problems.isEmpty, "ogrinfo: \(out.output)")
        var layers: [String: (String, Int, String?)] = [:]
        var name = "", geometry = "", count = 0
        var extent: String?
        for line in out.output.split(separator: "\n").map(String.init) {
            if line.hasPrefix("Layer name: ") {
                if !name.isEmpty { layers[name] = (geometry, count, extent) }
                name = String(line.dropFirst(12)); geometry = ""; count = 0; extent = nil
            } else if line.hasPrefix("Geometry: ") {
                geometry = String(line.dropFirst(10))
            } else if line.hasPrefix("Feature Count: ") {
                count = Int(line.dropFirst(15)) ?? -1
            } else if line.hasPrefix("Extent: ") {
                extent = String(line.dropFirst(8))
            }
        }
        if !name.isEmpty { layers[name] = (geometry, count, extent) }
        return layers
    }

    /// `ogrinfo -q -al` reads every feature; it must say nothing wrong.
    static func expectReadsCleanly(_ path: String) throws {
        let ogrinfo = try #require(Self.ogrinfo, "ogrinfo is not installed: enable the test only where it is")
        let out = try run(ogrinfo, ["-ro", "-q", "-al", path])
        #expect(out.status == 0 && out.problems.isEmpty, "ogrinfo -q -al \(path): \(out.problems)")
    }

    static func hasSpatialIndex(_ path: String, _ table: String) throws -> Bool {
        let ogrinfo = try #require(Self.ogrinfo, "ogrinfo is not installed: enable the test only where it is")
        let out = try run(ogrinfo, ["-ro", "-sql", "SELECT HasSpatialIndex('\(table)','geom')", path])
        return out.output.contains("= 1")
    }

    /// GDAL's validate_gpkg.py with its extra checks of the content.
    static func expectValid(_ path: String) throws {
        let validator = try #require(Self.validator, "validate_gpkg.py is not installed: enable the test only where it is")
        let out = try run(validator.python, [validator.script, "-k", "--extra", path])
        #expect(out.status == 0 && out.output.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, "validate_gpkg.py: \(out.output)")
    }

    /// pyogrio's view: layer → (geometry type, feature count), or nil when
    /// pyogrio is not installed.
    static func pyogrioLayers(_ path: String) throws -> [String: (geometry: String, count: Int)] {
        let python = try #require(pyogrioPython, "pyogrio is not installed: enable the test only where it is")
        let script = """
            import sys, warnings
            warnings.simplefilter("error")
            import pyogrio
            for name, geometry in pyogrio.list_layers(sys.argv[1]):
                info = pyogrio.read_info(sys.argv[1], layer=name)
                print(f"{name}\\t{geometry}\\t{info['features']}")
            """
        let out = try run(python, ["python3", "-c", script, path])
        #expect(out.status == 0 && out.problems.isEmpty, "pyogrio: \(out.output)")
        var layers: [String: (String, Int)] = [:]
        for line in out.output.split(separator: "\n") {
            let parts = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 3 else { continue }
            layers[parts[0]] = (parts[1], Int(parts[2]) ?? -1)
        }
        return layers
    }

    static func temporaryFolder() -> String { TestSupport.temporaryFolder("gapmap-gpkg") }

    static func sample(_ name: String) -> String { Fixture.projectRoot + "/geodata/mali/" + name }

    /// The sample with every incident type kept: geodata/README.md's counts.
    static func sampleRequest(regions: String? = nil) -> AnalysisRequest {
        var request = AnalysisRequest(regionsPath: regions ?? sample("regions.geojson"), initiativesPath: sample("initiatives.csv"),
                                      needsPath: sample("needs.csv"), incidentsPath: sample("incidents.csv"), settlementsPath: sample("settlements.csv"))
        request.filter = AnalysisFilter(incidents: IncidentSelection(eventTypes: .all))
        return request
    }
}
