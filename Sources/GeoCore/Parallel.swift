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
    runOnThreads(chunkCount) { k in
        let result = Result { try body(ranges[k]) }
        results.withLock { $0[k] = result }
    }
    return try results.withLock { all in try (0..<chunkCount).map { try all[$0]!.get() } }
}

/// The number of worker threads to use by default: the machine's cores.
public var defaultWorkerCount: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

/// Runs `body` for every index of `0..<count` on up to `workers` threads and
/// returns the results in index order. Threads take indices one at a time,
/// so items of uneven cost (a large region beside small ones) balance out.
/// Each thread first makes its own `State` (a GEOS engine and what it has
/// prepared, say) and passes it to every index it takes.
public func parallelMap<State, T: Sendable>(
    count: Int, workers: Int, makeState: @Sendable () throws -> State,
    _ body: @Sendable (inout State, Int) throws -> T
) throws -> [T] {
    guard count > 0 else { return [] }
    let threads = max(1, min(workers, count))
    if threads == 1 {
        var state = try makeState()
        return try (0..<count).map { try body(&state, $0) }
    }
    let next = Atomic<Int>(0)
    let outcomes = Mutex<[(index: Int, value: T)]>([])
    let failure = Mutex<(any Error)?>(nil)
    runOnThreads(threads) { _ in
        do {
            var state = try makeState()
            var mine: [(index: Int, value: T)] = []
            while true {
                let i = next.wrappingAdd(1, ordering: .relaxed).oldValue
                guard i < count else { break }
                mine.append((i, try body(&state, i)))
            }
            outcomes.withLock { $0 += mine }
        } catch {
            next.store(count, ordering: .relaxed)  // the others stop at their next index
            failure.withLock { if $0 == nil { $0 = error } }
        }
    }
    if let error = failure.withLock({ $0 }) { throw error }
    return outcomes.withLock { all in
        var ordered = [T?](repeating: nil, count: count)
        for (i, value) in all { ordered[i] = value }
        return ordered.map { $0! }
    }
}

/// Runs `body(0)`, …, `body(count - 1)` at the same time, `body(0)` on the
/// calling thread and each other on a thread of its own, and returns when all
/// have.
///
/// Dedicated threads rather than `DispatchQueue.concurrentPerform`, which
/// takes its threads from a pool it shares with Swift concurrency: called from
/// a task, or with the pool busy, it was seen to run every index on the
/// calling thread, one after the other.
func runOnThreads(_ count: Int, _ body: @Sendable (Int) -> Void) {
    guard count > 1 else {
        if count == 1 { body(0) }
        return
    }
    // The threads finish before this function returns, so `body` does not
    // really escape; the box lets go of it before `withoutActuallyEscaping`
    // checks that (a Thread object may outlive its thread).
    withoutActuallyEscaping(body) { body in
        let job = ThreadJob(body)
        let done = DispatchGroup()
        for k in 1..<count {
            done.enter()
            let thread = Thread {
                job.run(k)
                done.leave()
            }
            thread.stackSize = 8 << 20  // as much as the main thread: GEOS overlays recurse
            thread.start()
        }
        job.run(0)
        done.wait()
        job.release()
    }
}

/// Holds the body of `runOnThreads` for its threads until it is released.
private final class ThreadJob: @unchecked Sendable {
    // Written once before the threads start and once after they all finish.
    private var body: (@Sendable (Int) -> Void)?

    init(_ body: @escaping @Sendable (Int) -> Void) { self.body = body }

    func run(_ k: Int) { body?(k) }

    func release() { body = nil }
}

/// Runs a two-stage pipeline: `produce` on a thread of its own; `prepare`,
/// then `consume` for each item, on the calling thread. Items are handed
/// over in order through a queue of at most `depth` items (so memory holds
/// `depth + 2` items at most, whatever the number produced). `produce`
/// returns nil when it is done.
///
/// The stages overlap: the first items are made while `prepare` runs, and
/// item k + 1 while the caller consumes item k. An error of `produce` is
/// thrown after every item made before it has been consumed, as if the
/// stages ran one after the other; an error of `prepare` or `consume` stops
/// `produce` at its next item and is thrown once the producing thread has
/// finished.
public func runPipeline<Item: Sendable>(
    depth: Int = 1,
    produce: @Sendable () throws -> Item?,
    prepare: () throws -> Void = {},
    consume: (Item) throws -> Void
) throws {
    let queue = PipelineQueue<Item>(depth: max(1, depth))
    try withoutActuallyEscaping(produce) { produce in
        let job = PipelineJob(produce)
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            job.run(into: queue)
            done.signal()
        }
        thread.stackSize = 8 << 20
        thread.start()
        defer {
            queue.cancel()
            done.wait()
            job.release()
        }
        try prepare()
        while let item = try queue.take() {
            try consume(item)
        }
    }
}

/// The producing side of `runPipeline`: holds `produce` until released.
private final class PipelineJob<Item: Sendable>: @unchecked Sendable {
    // Written once before the thread starts and once after it has finished.
    private var produce: (@Sendable () throws -> Item?)?

    init(_ produce: @escaping @Sendable () throws -> Item?) { self.produce = produce }

    func run(into queue: PipelineQueue<Item>) {
        guard let produce else { return }
        while !queue.isCancelled {
            do {
                guard let item = try produce() else {
                    queue.finish(nil)
                    return
                }
                guard queue.put(item) else { return }
            } catch {
                queue.finish(error)
                return
            }
        }
    }

    func release() { produce = nil }
}

/// A bounded queue between one producer and one consumer.
private final class PipelineQueue<Item: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private let depth: Int
    // Guarded by `condition`.
    private var items: [Item] = []
    private var ended = false
    private var failure: (any Error)?
    private var cancelled = false

    init(depth: Int) { self.depth = depth }

    var isCancelled: Bool {
        condition.lock()
        defer { condition.unlock() }
        return cancelled
    }

    /// Waits for room; false when the consumer has stopped.
    func put(_ item: Item) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while items.count >= depth && !cancelled { condition.wait() }
        guard !cancelled else { return false }
        items.append(item)
        condition.broadcast()
        return true
    }

    /// The producer is done, with `error` if it failed.
    func finish(_ error: (any Error)?) {
        condition.lock()
        defer { condition.unlock() }
        ended = true
        failure = error
        condition.broadcast()
    }

    /// The next item; nil when the producer is done; throws its error after the items made before it.
    func take() throws -> Item? {
        condition.lock()
        defer { condition.unlock() }
        while items.isEmpty && !ended { condition.wait() }
        if !items.isEmpty {
            let item = items.removeFirst()
            condition.broadcast()
            return item
        }
        if let failure { throw failure }
        return nil
    }

    /// The consumer has stopped: the producer stops at its next item.
    func cancel() {
        condition.lock()
        defer { condition.unlock() }
        cancelled = true
        items.removeAll()
        condition.broadcast()
    }
}
