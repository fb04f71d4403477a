import ArgumentParser

public struct GapMapCommand: ParsableCommand {
    public init() {}
    public func run() {}
}
