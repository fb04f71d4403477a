/// Per candidate site, the demand points it covers, stored compactly: each
/// list sorted and written as the gaps between successive indices in LEB128
/// varints (7 bits a byte). With demand points numbered along a space-filling
/// curve (`SpatialOrder`), the points one disc covers have close numbers and
/// most gaps take one byte instead of an `Int32`'s four: on a million needs
/// the lists of 190,000 candidates shrink from about 900 MB to about 250 MB.
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

    /// Adds the next candidate's list (indices ≥ 0, in any order, no repeats).
    public mutating func append(_ indices: [Int32]) {
        var previous: Int64 = -1
        for i in indices.sorted() {
            precondition(i >= 0 && Int64(i) > previous, "cover lists hold distinct indices ≥ 0")
            var gap = UInt64(Int64(i) - previous - 1)
            while gap >= 0x80 {
                bytes.append(UInt8(gap & 0x7F) | 0x80)
                gap >>= 7
            }
            bytes.append(UInt8(gap))
            previous = Int64(i)
        }
        starts.append(bytes.count)
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

            public mutating func next() -> Int32? {
                guard position < end else { return nil }
                var gap: UInt64 = 0, shift: UInt64 = 0
                while true {
                    let b = bytes[position]
                    position += 1
                    gap |= UInt64(b & 0x7F) << shift
                    if b & 0x80 == 0 { break }
                    shift += 7
                }
                previous += Int64(gap) + 1
                return Int32(previous)
            }
        }
    }
}
