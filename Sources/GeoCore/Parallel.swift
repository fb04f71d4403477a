import Dispatch
import Foundation
import Synchronization

/// Runs `body` over contiguous chunks of `0..<count` on up to `workers`
/// threads and returns the chunks' results in order. Each chunk runs on one
/// thread, so it can own a GEOS context for its whole life.
public func parallelChunks<T: Sendable>(
    count: Int, workers: Int, minimumChunk: Int = 1,
    _ body: @Sendable (Range<Int>) throws -> T
) throws -> [T] {
    guard count > 0 else { return [] }
    let chunkCount = max(1, min(workers, (count + minimumChunk - 1) / minimumChunk))
    if chunkCount == 1 { return [try body(0..<count)] }
    let ranges: [Range<Int>] = (0..<chunkCount).map { k in
        (count * k / chunkCount)..<(count * (k + 1) / chunkCount)
    }
    let results = Mutex<[Int: Result<T, any Error>]>([:])
    DispatchQueue.concurrentPerform(iterations: chunkCount) { k in
        let result = Result { try body(ranges[k]) }
        results.withLock { $0[k] = result }
    }
    return try results.withLock { all in try (0..<chunkCount).map { try all[$0]!.get() } }
}

/// The number of worker threads to use by default: the machine's cores.
public var defaultWorkerCount: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }
