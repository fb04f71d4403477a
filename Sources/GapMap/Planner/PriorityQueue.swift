/// A binary heap: the element that `before` puts first comes out first
/// (the greedy's candidates by bound, the rank test's pivot rows by age).
struct PriorityQueue<Element> {
    private var entries: [Element] = []
    private let before: (Element, Element) -> Bool

    init(before: @escaping (Element, Element) -> Bool) { self.before = before }

    /// The elements, in no particular order.
    var elements: [Element] { entries }

    mutating func push(_ e: Element) {
        entries.append(e)
        var i = entries.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            guard before(entries[i], entries[parent]) else { break }
            entries.swapAt(i, parent)
            i = parent
        }
    }

    mutating func pop() -> Element? {
        guard !entries.isEmpty else { return nil }
        let top = entries[0]
        let last = entries.removeLast()
        if !entries.isEmpty {
            entries[0] = last
            var i = 0
            while true {
                let l = 2 * i + 1, r = l + 1
                var best = i
                if l < entries.count && before(entries[l], entries[best]) { best = l }
                if r < entries.count && before(entries[r], entries[best]) { best = r }
                if best == i { break }
                entries.swapAt(i, best)
                i = best
            }
        }
        return top
    }
}
