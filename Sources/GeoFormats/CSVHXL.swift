/// A Humanitarian Exchange Language hashtag such as `#adm1 +code` or
/// `#geo+lat`: a tag and its attributes, in lower case (hxlstandard.org).
public struct HXLTag: Hashable, Sendable, CustomStringConvertible {
    /// Without the `#`: `adm1`, `geo`, `date`.
    public var tag: String
    /// Without the `+`: `code`, `name`, `lat`.
    public var attributes: Set<String>

    public init(tag: String, attributes: Set<String> = []) {
        self.tag = tag
        self.attributes = attributes
    }

    /// Parses one cell of a hashtag row: `#tag` then any `+attribute`, with
    /// spaces allowed around the `+` (`#adm1 +name`); nil when the cell is not
    /// a hashtag. Tags and attributes are letters, digits and `_`, starting
    /// with a letter.
    public init?(_ text: String) {
        let cell = text.trimmingWhitespace
        guard cell.hasPrefix("#") else { return nil }
        let parts = cell.dropFirst().split(separator: "+", omittingEmptySubsequences: false)
            .map { String($0).trimmingWhitespace.lowercased() }
        guard let tag = parts.first, Self.isName(tag) else { return nil }
        let attributes = parts.dropFirst()
        guard attributes.allSatisfy(Self.isName) else { return nil }
        self.tag = tag
        self.attributes = Set(attributes)
    }

    private static func isName(_ s: String) -> Bool {
        guard let first = s.unicodeScalars.first, first.isASCIILetter else { return false }
        return s.unicodeScalars.allSatisfy { $0.isASCIILetter || ("0"..."9").contains($0) || $0 == "_" }
    }

    /// `#adm1+code`, attributes sorted.
    public var description: String {
        "#" + ([tag] + attributes.sorted()).joined(separator: "+")
    }

    /// True when the tag is `tag` and carries every attribute listed.
    public func matches(_ tag: String, _ attributes: String...) -> Bool {
        self.tag == tag && attributes.allSatisfy(self.attributes.contains)
    }
}

extension HXLTag {
    /// A row of hashtags: at least one cell is a hashtag and every non-empty
    /// cell is one. Text such as `#1` or `# of people` is not a hashtag.
    public static func isHashtagRow(_ fields: [String]) -> Bool {
        var tagged = 0
        for field in fields where !field.trimmingWhitespace.isEmpty {
            guard HXLTag(field) != nil else { return false }
            tagged += 1
        }
        return tagged > 0
    }
}

extension Unicode.Scalar {
    fileprivate var isASCIILetter: Bool { ("a"..."z").contains(self) || ("A"..."Z").contains(self) }
}
