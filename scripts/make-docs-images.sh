#!/usr/bin/env bash
# Rebuilds the pictures in docs/ from the sample data (needs rsvg-convert and,
# for the report screenshot, chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh librsvg2-bin
swift build -c release --product gapmap >&2
tmp=$(mktemp -d)
.build/release/gapmap map --out "$tmp/en" --svg-only >/dev/null
rsvg-convert --zoom 1 --background-color white -o docs/sample-map.png "$tmp/en/map.svg"
.build/release/gapmap map --out "$tmp/fr" --svg-only --metric uncovered_demand --lang fr >/dev/null
rsvg-convert --zoom 1 --background-color white -o docs/sample-map-fr.png "$tmp/fr/map.svg"
rm -rf "$tmp"
echo "Wrote docs/sample-map.png and docs/sample-map-fr.png"
