/// Per candidate site, the demand points it covers, stored compactly: each
/// list sorted and cut into runs of consecutive indices, each run written
/// as LEB128 varints (7 bits a byte): the gap from the previous run's end,
/// shifted left by one with the low bit set when the run holds more than
/// one index, then (if so) the run's length − 2. With demand points
/// numbered along a space-filling curve (`SpatialOrder`), the points one
/// disc covers fill long stretches of consecutive numbers, which take two
/// or three bytes a stretch instead of a byte a point: on a million needs
/// the lists of 190,000 candidates take about 900 MB as `Int32`s, about
/// 250 MB as one gap varint a point, and less again as runs.
public struct CoverLists: Sendable {
    private var bytes: [UInt8] = []
    /// Where each list starts in `bytes`; one more entry than lists.
    private var starts: [Int] = [0]

    public init() {}

    /// Lists given as arrays, in any order within each list.
    public init(_ lists: [[Int32]]) {
        for list in lists { append(list) }
    }

    public var count: Int { starts.count - 1 }

    /// Bytes held by the lists (for the memory accounting of callers and tests).
    public var byteCount: Int { bytes.count }

    /// Adds the next candidate's list (indices ≥ 0, in any order, no repeats).
    public mutating func append(_ indices: [Int32]) {
        let sorted = indices.sorted()
        var previous: Int64 = -1
        var k = 0
        while k < sorted.count {
            let first = Int64(sorted[k])
            precondition(first >= 0 && first > previous, "cover lists hold distinct indices ≥ 0")
            var length = 1
            while k + length < sorted.count && Int64(sorted[k + length]) == first + Int64(length) { length += 1 }
            let gap = UInt64(first - previous - 1)
            writeVarint(gap << 1 | (length > 1 ? 1 : 0))
            if length > 1 { writeVarint(UInt64(length - 2)) }
            previous = first + Int64(length) - 1
            k += length
        }
        starts.append(bytes.count)
    }

    private mutating func writeVarint(_ value: UInt64) {
        var v = value
        while v >= 0x80 {
            bytes.append(UInt8(v & 0x7F) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    /// Appends every list of `other`, in order.
    public mutating func append(contentsOf other: CoverLists) {
        let base = bytes.count
        bytes += other.bytes
        starts += other.starts.dropFirst().map { $0 + base }
    }

    public subscript(_ candidate: Int) -> List {
        List(bytes: bytes, range: starts[candidate]..<starts[candidate + 1])
    }

    /// One candidate's covered points, in increasing order.
    public struct List: Sequence {
        let bytes: [UInt8]
        let range: Range<Int>

        public func makeIterator() -> Iterator { Iterator(bytes: bytes, position: range.lowerBound, end: range.upperBound) }

        public struct Iterator: IteratorProtocol {
            let bytes: [UInt8]
            var position: Int
            let end: Int
            var previous: Int64 = -1
            /// Indices left in the current run after `previous`.
            var runLeft = 0

            public mutating func next() -> Int32? {
                if runLeft > 0 {
                    runLeft -= 1
                    previous += 1
                    return Int32(previous)
                }
                guard position < end else { return nil }
                let head = readVarint()
                previous += Int64(head >> 1) + 1
                if head & 1 != 0 { runLeft = Int(readVarint()) + 1 }
                return Int32(previous)
            }

            private mutating func readVarint() -> UInt64 {
                var value: UInt64 = 0, shift: UInt64 = 0
                while true {
                    let b = bytes[position]
                    position += 1
                    value |= UInt64(b & 0x7F) << shift
                    if b & 0x80 == 0 { return value }
                    shift += 7
                }
            }
        }
    }
}
