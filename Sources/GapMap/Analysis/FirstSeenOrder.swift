/// Values numbered in the order they are first met (0, 1, 2, ...): the
/// cells, periods and groups of `MonthlyDemand`, the initiative sets of
/// `WindowSets`.
struct FirstSeenOrder<Value: Hashable> {
    private(set) var values: [Value] = []
    private var numbers: [Value: Int] = [:]

    init() {}

    /// The value's number, given it now if it is new.
    mutating func number(_ value: Value) -> Int {
        if let found = numbers[value] { return found }
        numbers[value] = values.count
        values.append(value)
        return values.count - 1
    }

    /// The value's number, nil if it was never met.
    func existing(_ value: Value) -> Int? { numbers[value] }
}
