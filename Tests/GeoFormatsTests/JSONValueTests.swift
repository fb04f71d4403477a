import GeoFormats
import Testing

@Suite("JSON values and ordered objects")
struct JSONValueTests {
    @Test("stringValue renders numbers as a person would write them")
    func stringValue() {
        #expect(JSONValue.string("ML05").stringValue == "ML05")
        #expect(JSONValue.integer(12).stringValue == "12")
        #expect(JSONValue.number(1.5).stringValue == "1.5")
        #expect(JSONValue.number(12.0).stringValue == "12")
        #expect(JSONValue.number(0.00001).stringValue == "0.00001")
        #expect(JSONValue.number(.nan).stringValue == nil)
        #expect(JSONValue.bool(true).stringValue == nil)
        #expect(JSONValue.null.stringValue == nil)
    }

    @Test("doubleValue reads numbers and numeric strings, nothing else")
    func doubleValue() {
        #expect(JSONValue.integer(7).doubleValue == 7)
        #expect(JSONValue.number(-2.25).doubleValue == -2.25)
        #expect(JSONValue.string(" 12.5 ").doubleValue == 12.5)
        #expect(JSONValue.string("1e3").doubleValue == 1000)
        #expect(JSONValue.string("abc").doubleValue == nil)
        #expect(JSONValue.string("").doubleValue == nil)
        #expect(JSONValue.string("inf").doubleValue == nil)
        #expect(JSONValue.string("nan").doubleValue == nil)
        #expect(JSONValue.string("0x10").doubleValue == nil)
        #expect(JSONValue.string("1e400").doubleValue == nil)
        #expect(JSONValue.null.doubleValue == nil)
        #expect(JSONValue.null.isNull)
        #expect(!JSONValue.integer(0).isNull)
    }

    @Test("objects keep insertion order; setting an existing key keeps its place")
    func orderedObject() {
        var object = JSONObject([("zeta", .integer(1)), ("alpha", .integer(2))])
        object["mid"] = .string("x")
        object["zeta"] = .integer(10)
        #expect(object.keys == ["zeta", "alpha", "mid"])
        #expect(object["zeta"] == .integer(10))
        #expect(object.count == 3)
        object["alpha"] = nil
        #expect(object.keys == ["zeta", "mid"])
        #expect(object["alpha"] == nil)
        #expect(object.pairs.map(\.key) == ["zeta", "mid"])
    }

    @Test("large objects look keys up correctly after edits")
    func largeObject() {
        var object = JSONObject()
        for i in 0..<40 { object["k\(i)"] = .integer(i) }
        #expect(object["k0"] == .integer(0))
        #expect(object["k39"] == .integer(39))
        object["k5"] = nil
        #expect(object["k6"] == .integer(6))
        #expect(object["k5"] == nil)
        #expect(object.count == 39)
        #expect(object.keys.first == "k0" && object.keys[5] == "k6")
    }

    @Test("equality is by pairs in order")
    func equality() {
        let a: JSONObject = ["a": 1, "b": "two"]
        let b = JSONObject([("a", .integer(1)), ("b", .string("two"))])
        let swapped: JSONObject = ["b": "two", "a": 1]
        #expect(a == b)
        #expect(a != swapped)
    }
}
