import Foundation

/// Turns an SVG file into a PNG with librsvg's `rsvg-convert` (Debian
/// package librsvg2-bin), a real SVG renderer with fonts from fontconfig.
public enum PNGRenderer {
    static let candidates = ["/usr/bin/rsvg-convert", "/usr/local/bin/rsvg-convert"]

    public static var isAvailable: Bool { executable != nil }

    static var executable: String? {
        candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Renders `svgPath` to `pngPath` at `zoom` times the SVG's pixel size.
    public static func render(svgPath: String, pngPath: String, zoom: Double = 1.5) throws {
        guard let executable else {
            throw GapMapError(message: "rsvg-convert is not installed, so no PNG can be made",
                              fix: "Install it with 'apt-get install librsvg2-bin' (the SVG is written anyway)")
        }
        let partial = pngPath + ".partial"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["--zoom", String(zoom), "--background-color", "white", "--format", "png", "--output", partial, svgPath]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            try? FileManager.default.removeItem(atPath: partial)
            throw GapMapError(file: svgPath, message: "rsvg-convert could not render the map: \(message.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        if FileManager.default.fileExists(atPath: pngPath) { try FileManager.default.removeItem(atPath: pngPath) }
        try FileManager.default.moveItem(atPath: partial, toPath: pngPath)
    }
}
