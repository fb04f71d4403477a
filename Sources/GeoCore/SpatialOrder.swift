/// Orders points along a space-filling curve, so that points close on the
/// ground get close numbers.
public enum SpatialOrder {
    /// Each point's rank (0-based) along the Z-order (Morton) curve over the
    /// points' extent at 2^16 × 2^16 cells; ties keep input order.
    public static func zOrderNumbers(_ points: [Coordinate]) -> [Int32] {
        guard let first = points.first else { return [] }
        var minX = first.x, maxX = first.x, minY = first.y, maxY = first.y
        for p in points {
            minX = min(minX, p.x); maxX = max(maxX, p.x)
            minY = min(minY, p.y); maxY = max(maxY, p.y)
        }
        let sx = maxX > minX ? 65535 / (maxX - minX) : 0, sy = maxY > minY ? 65535 / (maxY - minY) : 0
        let keys = points.map { p -> UInt32 in
            interleave(UInt32(((p.x - minX) * sx).rounded(.down))) | interleave(UInt32(((p.y - minY) * sy).rounded(.down))) << 1
        }
        let order = points.indices.sorted { keys[$0] != keys[$1] ? keys[$0] < keys[$1] : $0 < $1 }
        var numbers = [Int32](repeating: 0, count: points.count)
        for (rank, i) in order.enumerated() { numbers[i] = Int32(rank) }
        return numbers
    }

    /// The 16 low bits of `v` spread to the even bits.
    static func interleave(_ v: UInt32) -> UInt32 {
        var x = v & 0xFFFF
        x = (x | (x << 8)) & 0x00FF_00FF
        x = (x | (x << 4)) & 0x0F0F_0F0F
        x = (x | (x << 2)) & 0x3333_3333
        x = (x | (x << 1)) & 0x5555_5555
        return x
    }
}
