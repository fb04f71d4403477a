import Foundation
import Synchronization
import Testing
@testable import GeoCore

/// `runPipeline`: two stages on two threads must give what one loop gives —
/// the same items in the same order, errors at the same place — and never
/// hold more than its queue.
struct PipelineTests {
    struct Stop: Error, Equatable { var at: Int }

    /// Counts produced items from the producing thread.
    final class Counter: @unchecked Sendable {
        let value = Atomic<Int>(0)
        let maximumAhead = Atomic<Int>(0)
        let consumed = Atomic<Int>(0)
    }

    @Test func itemsArriveInOrderAndTheQueueStaysBounded() throws {
        let counter = Counter()
        var seen: [Int] = []
        try runPipeline(depth: 2, produce: { () -> Int? in
            let k = counter.value.wrappingAdd(1, ordering: .relaxed).oldValue
            guard k < 10_000 else { return nil }
            let ahead = k - counter.consumed.load(ordering: .relaxed)
            _ = counter.maximumAhead.max(ahead, ordering: .relaxed)
            return k
        }) { (k: Int) in
            seen.append(k)
            counter.consumed.store(k + 1, ordering: .relaxed)
        }
        #expect(seen == Array(0..<10_000))
        // One being made, two queued, one being consumed: never more than 3 ahead.
        #expect(counter.maximumAhead.load(ordering: .relaxed) <= 3)
    }

    @Test func aProducerErrorComesAfterTheItemsMadeBeforeIt() {
        let counter = Counter()
        var seen: [Int] = []
        #expect(throws: Stop(at: 7)) {
            try runPipeline(depth: 3, produce: { () -> Int? in
                let k = counter.value.wrappingAdd(1, ordering: .relaxed).oldValue
                if k == 7 { throw Stop(at: 7) }
                return k
            }) { seen.append($0) }
        }
        #expect(seen == Array(0..<7))
    }

    @Test func aConsumerErrorStopsTheProducer() {
        let counter = Counter()
        #expect(throws: Stop(at: 3)) {
            try runPipeline(depth: 1, produce: { () -> Int? in counter.value.wrappingAdd(1, ordering: .relaxed).oldValue }) { (k: Int) in
                if k == 3 { throw Stop(at: 3) }
            }
        }
        // The producer stopped within a few items of the failure, not at the end of time.
        #expect(counter.value.load(ordering: .relaxed) <= 3 + 3)
    }

    @Test func prepareRunsBeforeTheFirstItemAndItsErrorStopsEverything() {
        var order: [String] = []
        #expect(throws: Never.self) {
            try runPipeline(depth: 2, produce: { nil as Int? }, prepare: { order.append("prepare") }) { _ in order.append("item") }
        }
        #expect(order == ["prepare"])
        let counter = Counter()
        var consumed = 0
        #expect(throws: Stop(at: -1)) {
            try runPipeline(depth: 2, produce: { () -> Int? in counter.value.wrappingAdd(1, ordering: .relaxed).oldValue },
                            prepare: { throw Stop(at: -1) }) { _ in consumed += 1 }
        }
        #expect(consumed == 0)
    }
}
