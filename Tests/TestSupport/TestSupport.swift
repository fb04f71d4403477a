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

/// Runs an external tool (found by `toolPath`) and throws with its standard
/// error when it fails: tests make their GDAL files with ogr2ogr and gdal_translate.
public func runTool(_ name: String, _ arguments: [String], in folder: String? = nil) throws {
    guard let path = toolPath(name) else { throw ToolFailure(message: "\(name) is not on PATH") }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    if let folder { process.currentDirectoryURL = URL(fileURLWithPath: folder) }
    let errors = Pipe()
    process.standardError = errors
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    let message = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
        throw ToolFailure(message: "\(name) \(arguments.joined(separator: " ")): " + String(decoding: message, as: UTF8.self))
    }
}

/// Runs the executable at `path`: its exit status and what it wrote on
/// stdout and stderr (small outputs: the two are read one after the other).
public func runProgram(_ path: String, _ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return (process.terminationStatus, stdout, stderr)
}

public struct ToolFailure: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
