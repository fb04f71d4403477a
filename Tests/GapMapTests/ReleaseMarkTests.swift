import Testing
@testable import GapMap

/// The release sentence a shareable output carries writes its figures as
/// the language does: the 3,938 cells withheld on the communes with the
/// ACLED-shaped export read "3938 cellules masquées" in the French report.
struct ReleaseMarkTests {
    @Test func theShareableSentenceGroupsItsCountsInEachLanguage() {
        let mark = ReleaseMark.shareable(ShareRules(minCount: 5), suppressedCells: 3938)
        #expect(mark.sentence(.english).contains("counts of 1 to 4 suppressed (k = 5) with complementary suppression; 3,938 cells suppressed"))
        #expect(mark.sentence(.french).contains("effectifs de 1 à 4 masqués (k = 5), masquage complémentaire ; 3\u{202F}938 cellules masquées"))
        #expect(ReleaseMark.shareable(ShareRules(minCount: 5), suppressedCells: 12).sentence(.english).contains("; 12 cells suppressed;"))
    }
}
