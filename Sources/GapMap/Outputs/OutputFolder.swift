import Foundation

/// The folder a run writes its files to (`--out`), written all at once:
/// every file goes first into a staging folder beside the target (same
/// file system, so a rename moves it), and only when the whole run has
/// succeeded are they moved into place. A run that fails leaves the
/// previous run's files as they were, never a mix of two runs.
public final class OutputFolder {
    /// The folder the user named.
    public let target: String
    /// Where the run writes, until `commit`.
    public let staging: String
    private var committed = false

    /// Checks that `target` can be a folder and makes the staging folder
    /// beside it; the error says what is wrong with the path and how to fix it.
    public init(_ target: String, option: String = "--out") throws {
        guard !target.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw GapMapError(field: option, message: "the output folder is empty ('')", fix: "Name a folder with \(option), for example \(option) out")
        }
        let url = URL(fileURLWithPath: target).standardizedFileURL
        // The nearest existing ancestor must be a folder: a file on the way is named.
        var ancestor = url
        while !FileManager.default.fileExists(atPath: ancestor.path) { ancestor.deleteLastPathComponent() }
        var isFolder: ObjCBool = false
        FileManager.default.fileExists(atPath: ancestor.path, isDirectory: &isFolder)
        guard isFolder.boolValue else {
            let what = ancestor == url ? "is a file, not a folder" : "is under \(ancestor.path), which is a file, not a folder"
            throw GapMapError(file: target, field: option, message: "the output folder \(what)",
                              fix: "Name a folder with \(option) (it is created if missing)")
        }
        self.target = target
        let parent = url.deletingLastPathComponent().path
        staging = (parent as NSString).appendingPathComponent(".\(url.lastPathComponent).partial-\(UUID().uuidString.prefix(8))")
        do {
            try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        } catch {
            throw Self.cannotWrite(target, option: option, error)
        }
        guard mkdir(staging, 0o755) == 0 else {
            throw GapMapError(file: target, field: option, message: "cannot write the output folder (\(String(cString: strerror(errno)).lowercased()))",
                              fix: "Choose a folder you can write to with \(option)")
        }
    }

    deinit {
        if !committed { try? FileManager.default.removeItem(atPath: staging) }
    }

    /// The path of `name` in the staging folder.
    public func path(_ name: String) -> String { (staging as NSString).appendingPathComponent(name) }

    /// The path `name` has once committed.
    public func finalPath(_ name: String) -> String { (target as NSString).appendingPathComponent(name) }

    /// Moves every file written into the target folder, replacing the
    /// files of the same names, and removes the staging folder.
    public func commit() throws {
        do {
            try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
            for name in try FileManager.default.contentsOfDirectory(atPath: staging) {
                // rename(2) replaces the old file in one step.
                guard rename(path(name), finalPath(name)) == 0 else {
                    throw GapMapError(file: finalPath(name), message: "cannot move the new file into place: \(String(cString: strerror(errno)))",
                                      fix: "Check that \(target) is a folder you can write to")
                }
            }
            try FileManager.default.removeItem(atPath: staging)
            committed = true
        } catch let error as GapMapError {
            throw error
        } catch {
            throw Self.cannotWrite(target, option: "--out", error)
        }
    }

    /// A file-system error as a sentence: the path, the system's reason
    /// (not Foundation's error domain and code), and what to do.
    static func cannotWrite(_ target: String, option: String, _ error: any Error) -> GapMapError {
        let reason: String
        if let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            reason = String(cString: strerror(Int32(underlying.code)))
        } else if (error as NSError).domain == NSPOSIXErrorDomain {
            reason = String(cString: strerror(Int32((error as NSError).code)))
        } else {
            reason = "permission denied or no such place"
        }
        return GapMapError(file: target, field: option, message: "cannot write the output folder (\(reason.lowercased()))",
                           fix: "Choose a folder you can write to with \(option)")
    }
}
