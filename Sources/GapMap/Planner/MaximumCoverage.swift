/// The maximal covering location problem: choose K candidate sites so that
/// the total weight of the demand points they cover is as large as possible
/// (Church and ReVelle, 1974). Each demand point counts once, however many
/// chosen sites cover it.
///
/// Solved with the lazy greedy algorithm (Minoux, 1978): the greedy choice
/// (each step takes the site with the largest marginal gain) reaches at least
/// 1 − (1 − 1/K)^K ≥ 1 − 1/e ≈ 63.2 % of the optimum because coverage is
/// monotone and submodular (Nemhauser, Wolsey and Fisher, 1978); the lazy
/// variant makes the same choices with far fewer evaluations, keeping each
/// site's last computed gain in a priority queue as an upper bound (gains
/// only shrink as sites are chosen) and recomputing only the top one.
public struct MaximumCoverageProblem: Sendable {
    /// Weight of each demand point (> 0).
    public var weights: [Double]
    /// Per candidate site, the demand points it covers (indices into weights).
    public var covers: CoverLists
    /// Per candidate, its group (region) for `minimumPerGroup`; nil: none.
    public var groups: [Int?]

    public init(weights: [Double], covers: CoverLists, groups: [Int?]? = nil) {
        self.weights = weights
        self.covers = covers
        self.groups = groups ?? Array(repeating: nil, count: covers.count)
    }

    public init(weights: [Double], covers: [[Int32]], groups: [Int?]? = nil) {
        self.init(weights: weights, covers: CoverLists(covers), groups: groups)
    }

    /// The weight a set of sites covers.
    public func value(of sites: [Int]) -> Double {
        var covered = [Bool](repeating: false, count: weights.count)
        var total = 0.0
        for s in sites {
            for d in covers[s] where !covered[Int(d)] {
                covered[Int(d)] = true
                total += weights[Int(d)]
            }
        }
        return total
    }

    /// The result of the greedy choice.
    public struct Selection: Sendable, Equatable {
        /// Chosen candidates, in the order chosen.
        public var sites: [Int]
        /// The marginal gain of each, in covered weight.
        public var gains: [Double]
        /// The weight covered after each choice.
        public var cumulative: [Double]
        /// Gain evaluations made (a plain greedy makes about K × candidates).
        public var evaluations: Int
        /// An upper bound on the optimum with K sites (the K asked for): the smallest of
        /// f(S_i) + the sum of the K largest marginal gains with respect to S_i,
        /// over the greedy's steps i (exact at the start and at the end, from
        /// the queue's upper bounds in between), and the weight all candidates
        /// together cover. The greedy reaches at least value / upperBound of
        /// the optimum on this instance.
        public var upperBound: Double
        /// 1 − (1 − 1/K)^K: the guarantee known before looking at the data
        /// (without group minimums, which void it).
        public var guarantee: Double
        /// True when the choice stopped before K sites because no candidate
        /// adds anything (or there are fewer than K candidates).
        public var stoppedEarly: Bool

        public var value: Double { cumulative.last ?? 0 }
    }

    /// Chooses up to `k` sites with the lazy greedy algorithm.
    ///
    /// With `minimumPerGroup` N > 0, every group that has candidates gets at
    /// least min(N, its candidates) sites: while the sites left to choose are
    /// no more than the groups' shortfall, only candidates of groups still
    /// short are eligible. Such a constraint voids the 1 − 1/e guarantee;
    /// the upper bound (on the unconstrained optimum) still holds.
    /// Ties go to the lower candidate index.
    public func lazyGreedy(k: Int, minimumPerGroup: Int = 0) -> Selection {
        let n = covers.count
        var covered = [Bool](repeating: false, count: weights.count)
        func gain(_ c: Int) -> Double {
            var g = 0.0
            for d in covers[c] where !covered[Int(d)] { g += weights[Int(d)] }
            return g
        }
        // Group requirements.
        var required: [Int: Int] = [:]
        if minimumPerGroup > 0 {
            var sizes: [Int: Int] = [:]
            for g in groups { if let g { sizes[g, default: 0] += 1 } }
            for (g, size) in sizes { required[g] = min(minimumPerGroup, size) }
        }
        var chosenPerGroup: [Int: Int] = [:]
        func shortfall() -> Int { required.reduce(0) { $0 + max(0, $1.value - chosenPerGroup[$1.key, default: 0]) } }

        var heap = MaxHeap.make()
        var evaluations = 0
        let allCovered = value(of: Array(0..<n))
        var initial: [Double] = []
        initial.reserveCapacity(n)
        for c in 0..<n {
            let g = gain(c)
            evaluations += 1
            initial.append(g)
            heap.push(.init(bound: g, candidate: c, round: 0))
        }
        var upperBound = min(allCovered, Self.sumOfLargest(initial, k))
        var selection = Selection(sites: [], gains: [], cumulative: [], evaluations: 0, upperBound: 0,
                                  guarantee: minimumPerGroup > 0 ? 0 : 1 - pow1(1 - 1 / Double(max(k, 1)), k), stoppedEarly: false)
        var total = 0.0
        var chosen = Set<Int>()
        var forceRestricted = false
        while selection.sites.count < k {
            let round = selection.sites.count
            let restricted = shortfall() > 0 && (forceRestricted || shortfall() >= k - round)
            if round > 0 {
                // f(S_i) + the K largest bounds: an upper bound on the optimum.
                upperBound = min(upperBound, total + Self.sumOfLargest(heap.elements.map(\.bound), k))
            }
            var skipped: [MaxHeap.Entry] = []
            var picked: MaxHeap.Entry?
            while let top = heap.pop() {
                if restricted {
                    guard let g = groups[top.candidate], chosenPerGroup[g, default: 0] < required[g, default: 0] else {
                        skipped.append(top)
                        continue
                    }
                }
                if top.round == round {
                    picked = top
                    break
                }
                evaluations += 1
                heap.push(.init(bound: gain(top.candidate), candidate: top.candidate, round: round))
            }
            for s in skipped { heap.push(s) }
            guard let picked else {
                // No candidate left (fewer candidates than K).
                selection.stoppedEarly = true
                break
            }
            if picked.bound <= 0 && !restricted {
                heap.push(picked)
                // Nothing left to gain: only the groups still short get sites.
                if shortfall() > 0 {
                    forceRestricted = true
                    continue
                }
                selection.stoppedEarly = true
                break
            }
            chosen.insert(picked.candidate)
            for d in covers[picked.candidate] { covered[Int(d)] = true }
            total += picked.bound
            selection.sites.append(picked.candidate)
            selection.gains.append(picked.bound)
            selection.cumulative.append(total)
            if let g = groups[picked.candidate] { chosenPerGroup[g, default: 0] += 1 }
        }
        // Exact bound at the end: the current value plus the K largest true gains.
        var finalGains: [Double] = []
        for c in 0..<n where !chosen.contains(c) {
            finalGains.append(gain(c))
            evaluations += 1
        }
        upperBound = min(upperBound, total + Self.sumOfLargest(finalGains, k))
        selection.upperBound = max(upperBound, total)
        selection.evaluations = evaluations
        return selection
    }

    static func sumOfLargest(_ values: [Double], _ k: Int) -> Double {
        guard k > 0, !values.isEmpty else { return 0 }
        if values.count <= k { return values.reduce(0, +) }
        // A small min-heap of the k largest.
        var top = Array(values.prefix(k)).sorted()
        for v in values.dropFirst(k) where v > top[0] {
            top[0] = v
            var i = 0
            while i + 1 < top.count && top[i] > top[i + 1] {
                top.swapAt(i, i + 1)
                i += 1
            }
        }
        return top.reduce(0, +)
    }
}

/// x^n for a whole n ≥ 0 (Foundation-free).
func pow1(_ x: Double, _ n: Int) -> Double {
    var result = 1.0
    for _ in 0..<max(n, 0) { result *= x }
    return result
}

/// The entries of the greedy's queue of candidates: (bound, candidate,
/// round), larger bound first and, among equal bounds, the lower candidate
/// index first.
enum MaxHeap {
    struct Entry {
        var bound: Double
        var candidate: Int
        /// The number of sites chosen when the bound was computed.
        var round: Int

        func before(_ other: Entry) -> Bool {
            bound != other.bound ? bound > other.bound : candidate < other.candidate
        }
    }

    static func make() -> PriorityQueue<Entry> { PriorityQueue { $0.before($1) } }
}
