import GapMapCLI
GapMapCommand.main()
