/// A JSON value as read from, or written to, a file.
///
/// Integers and other numbers are kept apart so that an identifier such as
/// `12` is written back as `12`, not `12.0`.
public enum JSONValue: Hashable, Sendable {
    case null
    case bool(Bool)
    case integer(Int)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    /// Strings as they are; integers and numbers rendered as text (`12`, `1.5`,
    /// and a whole `12.0` as `12`); nil for null, booleans, arrays, objects and
    /// non-finite numbers.
    public var stringValue: String? {
        switch self {
        case .string(let s): return s
        case .integer(let i): return String(i)
        case .number(let d):
            guard d.isFinite else { return nil }
            if d == d.rounded(), abs(d) < 1e15 { return String(Int(d)) }
            return NumberFormatting.shortText(d)
        default: return nil
        }
    }

    /// Numbers and integers as `Double`, and strings that hold a finite decimal
    /// number once surrounding whitespace is trimmed (`" 12.5 "`); nil otherwise.
    public var doubleValue: Double? {
        switch self {
        case .integer(let i): return Double(i)
        case .number(let d): return d
        case .string(let s):
            guard case .value(let d) = DecimalParser.parse(s, decimalComma: false) else { return nil }
            return d
        default: return nil
        }
    }

    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }
}

extension JSONValue: ExpressibleByNilLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByStringLiteral, ExpressibleByArrayLiteral,
    ExpressibleByDictionaryLiteral
{
    public init(nilLiteral: ()) { self = .null }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(integerLiteral value: Int) { self = .integer(value) }
    public init(floatLiteral value: Double) { self = .number(value) }
    public init(stringLiteral value: String) { self = .string(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSONValue)...) { self = .object(JSONObject(elements)) }
}

/// A string-keyed map that keeps its keys in insertion (file) order, so that
/// what is read is written back in the same order.
///
/// Two objects are equal when they hold the same pairs in the same order.
/// Setting an existing key replaces its value in place; setting a new key
/// appends it; setting nil removes the key.
public struct JSONObject: Hashable, Sendable {
    // Keys and values in parallel arrays: objects read from one CSV file all
    // share a single copy of the header (arrays are copy-on-write), so a
    // million rows pay only for their values.
    private var keyList: [String] = []
    private var valueList: [JSONValue] = []
    /// Key → position, kept only for larger objects, where a linear scan
    /// would cost more than the dictionary; shared like `keyList`.
    private var index: [String: Int]?
    private static let indexThreshold = 16

    public init() {}

    public init(_ pairs: [(String, JSONValue)]) {
        keyList.reserveCapacity(pairs.count)
        valueList.reserveCapacity(pairs.count)
        for (key, value) in pairs { self[key] = value }
    }

    public subscript(key: String) -> JSONValue? {
        get {
            guard let i = position(of: key) else { return nil }
            return valueList[i]
        }
        set {
            if let i = position(of: key) {
                if let newValue {
                    valueList[i] = newValue
                } else {
                    keyList.remove(at: i)
                    valueList.remove(at: i)
                    rebuildIndex()
                }
            } else if let newValue {
                keyList.append(key)
                valueList.append(newValue)
                if index != nil {
                    index![key] = keyList.count - 1
                } else if keyList.count > Self.indexThreshold {
                    rebuildIndex()
                }
            }
        }
    }

    public var keys: [String] { keyList }

    public var values: [JSONValue] { valueList }

    public var pairs: [(key: String, value: JSONValue)] {
        (0..<keyList.count).map { (keyList[$0], valueList[$0]) }
    }

    public var count: Int { keyList.count }

    public var isEmpty: Bool { keyList.isEmpty }

    /// The lookup index for objects with exactly these (distinct) keys, to be
    /// shared by every object built with `init(distinctKeys:index:values:)`.
    static func sharedIndex(forDistinctKeys keys: [String]) -> [String: Int]? {
        guard keys.count > indexThreshold else { return nil }
        var map = [String: Int](minimumCapacity: keys.count)
        for (i, key) in keys.enumerated() { map[key] = i }
        return map
    }

    /// An object from keys known to be distinct (a CSV header) and exactly as
    /// many values, sharing `keys` and `index` instead of copying them.
    init(distinctKeys keys: [String], index: [String: Int]?, values: [JSONValue]) {
        precondition(keys.count == values.count)
        keyList = keys
        valueList = values
        self.index = index
    }

    private func position(of key: String) -> Int? {
        if let index { return index[key] }
        return keyList.firstIndex(of: key)
    }

    private mutating func rebuildIndex() {
        index = Self.sharedIndex(forDistinctKeys: keyList)
    }

    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        lhs.keyList == rhs.keyList && lhs.valueList == rhs.valueList
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(keyList)
        hasher.combine(valueList)
    }
}

extension JSONObject: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral elements: (String, JSONValue)...) { self.init(elements) }
}

/// The attributes of a feature: an ordered map from names to JSON values.
public typealias Properties = JSONObject
