import GeoCore

/// The units each initiative in the run can change: those its footprint's
/// envelope meets, the unit it is located in, and the units a programme is
/// present in. A unit's figures under a set of initiatives (its covered
/// area, the demand covered in it, its initiatives and programmes) depend
/// only on the initiatives that reach it, so two sets that agree on those
/// give the unit the same figures, exactly: a filter combination that no
/// computed coverage variant answers as a whole is answered unit by unit
/// by the variants that agree with it there.
struct InitiativeReach {
    /// Per unit, the lines of the initiatives in the run that reach it.
    let linesIn: [Set<Int>]

    init(report: CoverageReport, analysis: CoverageAnalysis) {
        let regions = report.regions
        let envelopes = regions.map(\.geometry.envelope)
        let programmes = ProgrammePresence(initiatives: report.initiatives, inRun: report.initiativeInRun, regions: regions)
        var linesIn = [Set<Int>](repeating: [], count: regions.count)
        for (i, initiative) in report.initiatives.enumerated() where report.initiativeInRun[i] {
            if let r = report.initiativeRegions[i] { linesIn[r].insert(initiative.line) }
            if let reach = analysis.footprint(of: initiative, regions: regions)?.envelope {
                for (r, e) in envelopes.enumerated() where e.map({ Self.meet($0, reach) }) == true { linesIn[r].insert(initiative.line) }
            }
        }
        for (r, present) in programmes.programmesIn.enumerated() {
            for i in present { linesIn[r].insert(report.initiatives[i].line) }
        }
        self.linesIn = linesIn
    }

    static func meet(_ a: Envelope, _ b: Envelope) -> Bool {
        a.minX <= b.maxX && b.minX <= a.maxX && a.minY <= b.maxY && b.minY <= a.maxY
    }

    /// Per unit, the first of `variants` (sets of initiative lines; 0 the
    /// run's) that agrees with `kept` on every initiative reaching the
    /// unit; −1 where none does.
    func variants(for kept: Set<Int>, among variants: [Set<Int>]) -> [Int] {
        linesIn.map { near in
            if near.isEmpty { return 0 }
            let wanted = kept.intersection(near)
            return variants.firstIndex { $0.intersection(near) == wanted } ?? -1
        }
    }

    /// `answers` (from `variants(for:among:)`) with the units none answered
    /// given to variant `index` where it agrees with `kept` on them.
    func answering(_ answers: [Int], kept: Set<Int>, with index: Int, among variants: [Set<Int>]) -> [Int] {
        zip(answers, linesIn).map { answer, near in
            answer >= 0 || variants[index].intersection(near) != kept.intersection(near) ? answer : index
        }
    }
}
