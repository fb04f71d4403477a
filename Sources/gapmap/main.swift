import GapMapCLI
GapMapCommand.start()
