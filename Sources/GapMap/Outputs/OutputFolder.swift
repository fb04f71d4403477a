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
    let option: String
    private var committed = false

    /// A failure thrown by `commit` (and `OutputFile.commit`) after every
    /// file was written and before any is moved: tests set it to show that
    /// a run failing at its very end leaves the previous files alone.
    @TaskLocal static var injectedFailure: String?

    /// Checks that `target` can be a folder and makes the staging folder
    /// beside it; the error says what is wrong with the path and how to fix it.
    public init(_ target: String, option: String = "--out") throws {
        let url = try Self.checkedFolder(target, option: option)
        self.target = target
        self.option = option
        staging = try Self.makeStaging(beside: url, target: target, option: option)
    }

    deinit {
        if !committed { try? FileManager.default.removeItem(atPath: staging) }
    }

    /// The path of `name` in the staging folder.
    public func path(_ name: String) -> String { (staging as NSString).appendingPathComponent(name) }

    /// The path `name` has once committed.
    public func finalPath(_ name: String) -> String { (target as NSString).appendingPathComponent(name) }

    /// Moves every file written into the target folder, replacing the
    /// files of the same names, and removes the staging folder. Every
    /// name is checked before the first is moved, so a folder in the way
    /// stops the commit with nothing moved.
    public func commit() throws {
        if let failure = Self.injectedFailure { throw GapMapError(file: target, message: failure) }
        do {
            try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
            let names = try FileManager.default.contentsOfDirectory(atPath: staging)
            for name in names {
                var isFolder: ObjCBool = false
                if FileManager.default.fileExists(atPath: finalPath(name), isDirectory: &isFolder), isFolder.boolValue {
                    throw GapMapError(file: finalPath(name), message: "a folder is in the way of the new file, so no file of this run was written",
                                      fix: "Move that folder away, or choose another folder with \(option)")
                }
            }
            for name in names {
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
            throw Self.cannotWrite(target, option: option, error)
        }
    }

    /// The standardized URL of `target` once it is known that it can be a
    /// folder: not empty, not a file, not under a file.
    static func checkedFolder(_ target: String, option: String) throws -> URL {
        guard !target.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw GapMapError(field: option, message: "the output folder is empty ('')", fix: "Name a folder with \(option), for example \(option) out")
        }
        let url = URL(fileURLWithPath: target).standardizedFileURL
        if let file = fileOnTheWay(to: url) {
            throw GapMapError(file: target, field: option,
                              message: file == url ? "the output folder is a file, not a folder"
                                  : "the output folder is under \(file.path), which is a file, not a folder",
                              fix: "Name a folder with \(option) (it is created if missing)")
        }
        return url
    }

    /// The nearest existing ancestor of `url` (or `url` itself) when it is a
    /// file rather than a folder.
    static func fileOnTheWay(to url: URL) -> URL? {
        var ancestor = url
        while !FileManager.default.fileExists(atPath: ancestor.path) { ancestor.deleteLastPathComponent() }
        var isFolder: ObjCBool = false
        FileManager.default.fileExists(atPath: ancestor.path, isDirectory: &isFolder)
        return isFolder.boolValue ? nil : ancestor
    }

    /// Creates `.NAME.partial-XXXXXXXX` beside `url` (its folder created if
    /// missing) and returns its path.
    static func makeStaging(beside url: URL, target: String, option: String, folder: Bool = true) throws -> String {
        let parent = url.deletingLastPathComponent().path
        let staging = (parent as NSString).appendingPathComponent(".\(url.lastPathComponent).partial-\(UUID().uuidString.prefix(8))")
        do {
            try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        } catch {
            throw cannotWrite(target, option: option, error, what: folder ? "the output folder" : "the file")
        }
        if folder {
            guard mkdir(staging, 0o755) == 0 else {
                throw GapMapError(file: target, field: option, message: "cannot write the output folder (\(String(cString: strerror(errno)).lowercased()))",
                                  fix: "Choose a folder you can write to with \(option)")
            }
        }
        return staging
    }

    /// The system's reason for a Foundation file error (`permission denied`),
    /// not its error domain and code.
    static func systemReason(_ error: any Error) -> String {
        let reason: String
        if let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            reason = String(cString: strerror(Int32(underlying.code)))
        } else if (error as NSError).domain == NSPOSIXErrorDomain {
            reason = String(cString: strerror(Int32((error as NSError).code)))
        } else {
            reason = "permission denied or no such place"
        }
        return reason.lowercased()
    }

    /// A file-system error as a sentence: the path, the system's reason
    /// (not Foundation's error domain and code), and what to do.
    static func cannotWrite(_ target: String, option: String, _ error: any Error, what: String = "the output folder") -> GapMapError {
        if let error = error as? GapMapError { return error }
        return GapMapError(file: target, field: option, message: "cannot write \(what) (\(systemReason(error)))",
                           fix: what == "the file" ? "Choose a path you can write to with \(option)" : "Choose a folder you can write to with \(option)")
    }
}

/// One output file (`report.html`, `compare --csv FILE`), written whole:
/// the run writes `staging`, a hidden file in the same folder, renamed
/// over `target` by `commit` once everything succeeded. A run that fails
/// leaves the previous file as it was.
public final class OutputFile {
    public let target: String
    /// Where the run writes, until `commit`.
    public let staging: String
    let option: String
    private var committed = false

    /// Checks that `target` can be a file (its folder is created if
    /// missing); the error says what is wrong with the path.
    public init(_ target: String, option: String) throws {
        guard !target.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw GapMapError(field: option, message: "the output file is empty ('')", fix: "Name a file with \(option)")
        }
        let url = URL(fileURLWithPath: target).standardizedFileURL
        if let file = OutputFolder.fileOnTheWay(to: url.deletingLastPathComponent()) {
            throw GapMapError(file: target, field: option, message: "the output file is under \(file.path), which is a file, not a folder",
                              fix: "Name a file in a folder with \(option)")
        }
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), isFolder.boolValue {
            throw GapMapError(file: target, field: option, message: "the output file is a folder", fix: "Name a file with \(option), for example \(option) \(target)/out.csv")
        }
        self.target = target
        self.option = option
        staging = try OutputFolder.makeStaging(beside: url, target: target, option: option, folder: false)
    }

    /// `name` in the folder `folder`, which is checked as `OutputFolder` checks it.
    public convenience init(named name: String, inFolder folder: String, option: String = "--out") throws {
        _ = try OutputFolder.checkedFolder(folder, option: option)
        try self.init((folder as NSString).appendingPathComponent(name), option: option)
    }

    deinit {
        if !committed { unlink(staging) }
    }

    /// Writes `data` as the whole file, at `staging`.
    public func write(_ data: Data) throws {
        do {
            try data.write(to: URL(fileURLWithPath: staging))
        } catch {
            throw OutputFolder.cannotWrite(target, option: option, error, what: "the file")
        }
    }

    /// Renames the file written at `staging` over `target`.
    public func commit() throws {
        if let failure = OutputFolder.injectedFailure { throw GapMapError(file: target, message: failure) }
        guard rename(staging, target) == 0 else {
            throw GapMapError(file: target, field: option, message: "cannot write the file (\(String(cString: strerror(errno)).lowercased()))",
                              fix: "Choose a path you can write to with \(option)")
        }
        committed = true
    }
}
