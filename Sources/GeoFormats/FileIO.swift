#if canImport(Glibc)
internal import Glibc
#elseif canImport(Musl)
internal import Musl
#elseif canImport(Darwin)
internal import Darwin
#endif

/// Plain POSIX file access, so that every failure carries the system's reason
/// ("No such file or directory", "Permission denied").
enum FileIO {
    static func systemMessage(_ code: Int32) -> String {
        guard let cString = strerror(code) else { return "error \(code)" }
        return String(cString: cString)
    }

    /// The whole file. `inspect` sees each chunk as it arrives and may stop
    /// the read by throwing, so a reader can refuse a file (a binary file, a
    /// 2 GB line) without loading all of it.
    static func readAll(
        _ path: String, inspect: ((UnsafeBufferPointer<UInt8>) throws(FormatError) -> Void)? = nil
    ) throws(FormatError) -> [UInt8] {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            throw FormatError(path: path, message: "cannot open the file: \(systemMessage(errno))")
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            throw FormatError(path: path, message: "cannot read the file: \(systemMessage(errno))")
        }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            throw FormatError(path: path, message: "this is a folder, not a file")
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(max(Int(info.st_size), 0) + 1)
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw FormatError(path: path, message: "cannot read the file: \(systemMessage(errno))")
            }
            if n == 0 { break }
            if let inspect {
                try chunk.withUnsafeBufferPointer { (all) throws(FormatError) in
                    try inspect(UnsafeBufferPointer(rebasing: all[0..<n]))
                }
            }
            bytes.append(contentsOf: chunk[0..<n])
        }
        return bytes
    }
}

/// A file written through a buffer under a temporary name (`path.partial`)
/// and renamed into place only by `commit()`, so that an interrupted or failed
/// write never leaves a truncated file under the final name. Dropped without
/// `commit()`, it removes the temporary file.
final class AtomicFileOutput {
    let path: String
    let partialPath: String
    private var fd: Int32
    private var buffer: [UInt8] = []
    private let capacity = 1 << 16
    private var committed = false

    init(path: String) throws(FormatError) {
        self.path = path
        self.partialPath = path + ".partial"
        fd = open(partialPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else {
            throw FormatError(
                path: path,
                message: "cannot create \(partialPath): \(FileIO.systemMessage(errno)); check that the folder exists and is writable")
        }
        buffer.reserveCapacity(capacity)
    }

    func write(_ text: String) throws(FormatError) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= capacity { try flush() }
    }

    func write(_ bytes: [UInt8]) throws(FormatError) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= capacity { try flush() }
    }

    func write(_ bytes: ArraySlice<UInt8>) throws(FormatError) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= capacity { try flush() }
    }

    private func flush() throws(FormatError) {
        var offset = 0
        while offset < buffer.count {
            let n = buffer.withUnsafeBytes { raw in
                systemWrite(fd, raw.baseAddress! + offset, raw.count - offset)
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw FormatError(path: path, message: "cannot write \(partialPath): \(FileIO.systemMessage(errno))")
            }
            offset += n
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes, closes and renames the file into place.
    func commit() throws(FormatError) {
        guard !committed else { return }
        try flush()
        // fsync before rename: otherwise a crash can leave an empty file under
        // the final name on some file systems.
        if fsync(fd) != 0 || close(fd) != 0 {
            let message = FileIO.systemMessage(errno)
            fd = -1
            throw FormatError(path: path, message: "cannot finish writing \(partialPath): \(message)")
        }
        fd = -1
        guard rename(partialPath, path) == 0 else {
            throw FormatError(path: path, message: "cannot rename \(partialPath) to \(path): \(FileIO.systemMessage(errno))")
        }
        committed = true
    }

    deinit {
        if fd >= 0 { close(fd) }
        if !committed { unlink(partialPath) }
    }
}

/// `write(2)`, named apart from `AtomicFileOutput.write`.
private func systemWrite(_ fd: Int32, _ p: UnsafeRawPointer, _ n: Int) -> Int {
    write(fd, p, n)
}
