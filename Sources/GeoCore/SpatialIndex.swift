/// A Sort-Tile-Recursive packed R-tree over item envelopes.
///
/// Built in full at initialisation and immutable afterwards, so it is
/// `Sendable` and can be queried from several threads at once. Items are
/// identified by their index in the array given at construction.
public struct SpatialIndex: Sendable {
    private struct Node: Sendable {
        var envelope: Envelope
        /// For leaves: item indices; for inner nodes: child node indices.
        var first: Int32
        var count: Int32
        var isLeaf: Bool
    }

    private let nodes: [Node]
    private let itemEnvelopes: [Envelope]
    private let leafItems: [Int32]
    private let root: Int?
    public let nodeCapacity: Int

    public var count: Int { itemEnvelopes.count }

    /// Builds the tree; `envelopes[i]` nil means item i has no extent (empty)
    /// and is never returned.
    public init(envelopes: [Envelope?], nodeCapacity: Int = 10) {
        precondition(nodeCapacity >= 2)
        self.nodeCapacity = nodeCapacity
        var items: [Int32] = []
        var envs: [Envelope] = []
        envs.reserveCapacity(envelopes.count)
        for (i, e) in envelopes.enumerated() {
            envs.append(e ?? Envelope(minX: .nan, minY: .nan, maxX: .nan, maxY: .nan))
            if e != nil { items.append(Int32(i)) }
        }
        itemEnvelopes = envs
        var nodes: [Node] = []
        var leafItems: [Int32] = []
        guard !items.isEmpty else {
            self.nodes = []
            self.leafItems = []
            self.root = nil
            return
        }
        // Leaves: sort-tile-recursive packing of the items.
        var level: [Int] = []
        for group in Self.tiles(items, capacity: nodeCapacity, envelope: { envs[Int($0)] }) {
            var env = envs[Int(group[0])]
            for i in group.dropFirst() { env.expand(toInclude: envs[Int(i)]) }
            let first = Int32(leafItems.count)
            leafItems.append(contentsOf: group)
            nodes.append(Node(envelope: env, first: first, count: Int32(group.count), isLeaf: true))
            level.append(nodes.count - 1)
        }
        // Upper levels, until one root remains.
        var children: [Int32] = []
        while level.count > 1 {
            var next: [Int] = []
            let groups = Self.tiles(level.map { Int32($0) }, capacity: nodeCapacity, envelope: { nodes[Int($0)].envelope })
            for group in groups {
                var env = nodes[Int(group[0])].envelope
                for i in group.dropFirst() { env.expand(toInclude: nodes[Int(i)].envelope) }
                let first = Int32(children.count)
                children.append(contentsOf: group)
                nodes.append(Node(envelope: env, first: first, count: Int32(group.count), isLeaf: false))
                next.append(nodes.count - 1)
            }
            level = next
        }
        // Inner nodes index `children`; leaves index `leafItems`. Keep both in one array.
        let offset = Int32(leafItems.count)
        for i in nodes.indices where !nodes[i].isLeaf { nodes[i].first += offset }
        leafItems.append(contentsOf: children)
        self.nodes = nodes
        self.leafItems = leafItems
        self.root = level[0]
    }

    private static func tiles(_ ids: [Int32], capacity: Int, envelope: (Int32) -> Envelope) -> [[Int32]] {
        let leafCount = (ids.count + capacity - 1) / capacity
        let sliceCount = Int(Double(leafCount).squareRoot().rounded(.up))
        let byX = ids.sorted { envelope($0).center.x < envelope($1).center.x }
        let sliceSize = sliceCount * capacity
        var groups: [[Int32]] = []
        var start = 0
        while start < byX.count {
            let slice = byX[start..<min(start + sliceSize, byX.count)].sorted { envelope($0).center.y < envelope($1).center.y }
            var s = 0
            while s < slice.count {
                groups.append(Array(slice[slice.startIndex + s..<slice.startIndex + min(s + capacity, slice.count)]))
                s += capacity
            }
            start += sliceSize
        }
        return groups
    }

    /// Calls `visit` with each item whose envelope intersects `query`.
    public func query(_ query: Envelope, _ visit: (Int) throws -> Void) rethrows {
        guard let root else { return }
        var stack: [Int] = [root]
        while let n = stack.popLast() {
            let node = nodes[n]
            guard node.envelope.intersects(query) else { continue }
            let range = Int(node.first)..<Int(node.first + node.count)
            if node.isLeaf {
                for i in range {
                    let item = Int(leafItems[i])
                    if itemEnvelopes[item].intersects(query) { try visit(item) }
                }
            } else {
                for i in range { stack.append(Int(leafItems[i])) }
            }
        }
    }

    /// Scratch space for the allocation-free queries below; one per thread.
    public struct QueryStack: Sendable {
        var nodes: [Int32] = []
        public init() {}
    }

    /// Appends to `items` each item whose envelope contains `point` (in no
    /// particular order), reusing `stack` instead of allocating per query.
    public func items(containing point: Coordinate, into items: inout [Int], stack: inout QueryStack) {
        _ = firstItem(containing: point, stack: &stack) { item in
            items.append(item)
            return false
        }
    }

    /// Calls `visit` with each item whose envelope contains `point` until it
    /// returns true; returns whether one did.
    public func firstItem(containing point: Coordinate, stack: inout QueryStack, _ visit: (Int) throws -> Bool) rethrows -> Bool {
        guard let root, point.isFinite else { return false }
        stack.nodes.removeAll(keepingCapacity: true)
        stack.nodes.append(Int32(root))
        return try nodes.withUnsafeBufferPointer { nodes in
            try leafItems.withUnsafeBufferPointer { leafItems in
                try itemEnvelopes.withUnsafeBufferPointer { itemEnvelopes in
                    while let n = stack.nodes.popLast() {
                        let node = nodes[Int(n)]
                        guard node.envelope.contains(point) else { continue }
                        let range = Int(node.first)..<Int(node.first + node.count)
                        if node.isLeaf {
                            for i in range {
                                let item = Int(leafItems[i])
                                if itemEnvelopes[item].contains(point), try visit(item) { return true }
                            }
                        } else {
                            for i in range { stack.nodes.append(leafItems[i]) }
                        }
                    }
                    return false
                }
            }
        }
    }

    /// The items whose envelope intersects `query`, in ascending order.
    public func query(_ query: Envelope) -> [Int] {
        var result: [Int] = []
        self.query(query) { result.append($0) }
        return result.sorted()
    }

    /// The items whose envelope contains the point, in ascending order.
    public func query(_ point: Coordinate) -> [Int] {
        query(Envelope(point))
    }
}
