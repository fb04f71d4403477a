import Foundation
import Testing
@testable import GapMap

/// Text the user reads: names compared without case and accents, and the
/// sentences of errors.
///
/// `RegionCatalog.fold` compares names without case, accents or extra
/// spaces. Its ASCII fast path must give what Foundation's Unicode folding
/// gives, which is computed here directly.
struct NameFoldingTests {
    static func foundationFold(_ s: String) -> String {
        s.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: Locale(identifier: "en_US_POSIX"))
            .split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    @Test func everyASCIICharacterFoldsAsFoundationFoldsIt() {
        for code in 0..<128 {
            let c = String(UnicodeScalar(UInt8(code)))
            for s in [c, "a\(c)B", " \(c)\(c) X\(c)"] {
                #expect(RegionCatalog.foldASCII(s) == Self.foundationFold(s), "code \(code): \(s.debugDescription)")
            }
        }
    }

    @Test func seededASCIIStringsFoldAsFoundationFoldsThem() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        let alphabet = Array("aZ \t\r\n\u{0B}\u{0C}-_'.0Ox".unicodeScalars)
        for _ in 0..<2000 {
            let length = Int(next() % 12)
            let s = String(String.UnicodeScalarView((0..<length).map { _ in alphabet[Int(next() % UInt64(alphabet.count))] }))
            #expect(RegionCatalog.foldASCII(s) == Self.foundationFold(s), "\(s.debugDescription)")
        }
    }

    @Test func nonASCIINamesTakeTheUnicodePath() {
        #expect(RegionCatalog.foldASCII("Diédougou") == nil)
        #expect(RegionCatalog.fold("  DIÉDOUGOU  ") == "diedougou")
        #expect(RegionCatalog.fold("Société  civile") == "societe civile")
        #expect(RegionCatalog.fold("Ségou") == RegionCatalog.fold("SEGOU"))
    }

    @Test func statusAndActorWordsReadWithHyphensUnderscoresAndAccents() {
        #expect(Vocabulary.status("EN_COURS") == .active)
        #expect(Vocabulary.status("en-cours") == .active)
        #expect(Vocabulary.status("  Planifié ") == .planned)
        #expect(Vocabulary.status("Clôturé") == .closed)
        #expect(Vocabulary.status("en--cours") == nil)
        #expect(Vocabulary.actor("civil_society") == .civilSociety)
        #expect(Vocabulary.actor("Société-Civile") == .civilSociety)
        #expect(Vocabulary.actor("Partenaire  International") == .international)
        #expect(Vocabulary.actor("police") == nil)
        #expect(Vocabulary.key("Forces_de-Défense") == "forces de defense")
    }

    @Test func anErrorSentenceEndsWithOnePeriodBeforeItsFix() {
        let fromSystem = GapMapError(file: "/out", message: "cannot create the output folder: The file doesn’t exist.", fix: "Choose a folder")
        #expect(fromSystem.description == "/out: cannot create the output folder: The file doesn’t exist. Choose a folder")
        let plain = GapMapError(file: "a.csv", line: 3, message: "no id", fix: "Give one")
        #expect(plain.description == "a.csv:3: no id. Give one")
    }
}
