import Foundation
@_exported import struct GeoCore.SeededRandom

/// A fresh, empty folder for the files a test writes, named after `prefix`.
public func temporaryFolder(_ prefix: String = "gapmap") -> String {
    let path = (NSTemporaryDirectory() as NSString).appendingPathComponent("\(prefix)-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// The path of an executable on PATH, or nil: tests that need an external
/// tool are enabled only where it is found (`.enabled(if:)`).
public func toolPath(_ name: String) -> String? {
    for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
        let path = "\(dir)/\(name)"
        if FileManager.default.isExecutableFile(atPath: path) { return path }
    }
    return nil
}
