#!/usr/bin/env bash
# Quick start 1: installs what is missing, builds gapmap and analyses the
# bundled sample data of Mali (geodata/mali), writing out/.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh librsvg2-bin   # rsvg-convert, for `gapmap map` PNGs
swift build -c release --product gapmap >&2
.build/release/gapmap analyze "$@"
