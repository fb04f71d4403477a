import Foundation

/// The report as a printable PDF, printed by headless Chromium (Debian's
/// `chromium`) from the HTML page: the print view shows the static map, the
/// ranked table (every unit) and the sections, not the interactive map.
public enum ReportPrinter {
    /// Headless Chromium on PATH (or Debian's /usr/bin/chromium), or nil.
    public static var chromium: String? {
        let names = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"]
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":") + ["/usr/bin"] {
            for name in names {
                let candidate = "\(folder)/\(name)"
                if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            }
        }
        return nil
    }

    /// How long Chromium may take to print, seconds.
    static let timeout = 180.0

    /// Prints the page `html` (a file) to `pdf`.
    public static func printPDF(html: String, to pdf: String, chromium: String) throws {
        let profile = NSTemporaryDirectory() + "gapmap-chromium-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: profile) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: chromium)
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer", "--user-data-dir=\(profile)",
                             "--run-all-compositor-stages-before-draw", "--virtual-time-budget=10000",
                             "--print-to-pdf=\(pdf)", URL(fileURLWithPath: html).absoluteString]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        do { try process.run() } catch {
            throw GapMapError(file: chromium, field: "pdf", message: "headless Chromium could not be started: \(error.localizedDescription)",
                              fix: "Install it (apt-get install chromium) or leave out --pdf")
        }
        let watchdog = DispatchWorkItem { if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: watchdog)
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        watchdog.cancel()
        let bytes = (try? Data(contentsOf: URL(fileURLWithPath: pdf))) ?? Data()
        guard process.terminationStatus == 0, bytes.starts(with: Array("%PDF-".utf8)) else {
            let last = text.split(separator: "\n").suffix(3).joined(separator: " / ")
            throw GapMapError(file: pdf, field: "pdf", message: "headless Chromium did not print the report (exit \(process.terminationStatus)\(last.isEmpty ? "" : ": \(last)"))",
                              fix: "Open report.html in a browser and print it, or check that chromium runs headless on this machine")
        }
    }
}
