#!/usr/bin/env bash
# Rebuilds the pictures in docs/ from the sample data (needs rsvg-convert and,
# for the report screenshots, chromium and python3 with shapely for the
# ACLED-shaped export on the communes).
set -euo pipefail
cd "$(dirname "$0")/.."
# Without --lang, map and report follow the locale: the English pictures say --lang en.
scripts/install-deps.sh librsvg2-bin chromium
swift build -c release --product gapmap >&2
tmp=$(mktemp -d)
.build/release/gapmap map --out "$tmp/en" --svg-only --lang en >/dev/null
rsvg-convert --zoom 1 --background-color white -o docs/sample-map.png "$tmp/en/map.svg"
.build/release/gapmap map --out "$tmp/fr" --svg-only --metric uncovered_demand --lang fr >/dev/null
rsvg-convert --zoom 1 --background-color white -o docs/sample-map-fr.png "$tmp/fr/map.svg"

# The interactive report: the sample's regions, and the 701 communes with an
# ACLED-shaped export, in English and French, one unit opened (#P-code).
shot() {  # page.html#unit out.png
  chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1280,1900 \
    --virtual-time-budget=15000 --screenshot="$2" "file://$1" 2>/dev/null
}
.build/release/gapmap report --out "$tmp/report-en" --lang en >/dev/null
.build/release/gapmap report --out "$tmp/report-fr" --lang fr --metric uncovered_demand >/dev/null
shot "$tmp/report-en/report.html#ML06" docs/report-regions.png
shot "$tmp/report-fr/report.html#ML06" docs/report-regions-fr.png
python3 scripts/make-acled-mali.py "$tmp/acled.csv" >/dev/null
communes=(--regions geodata/mali-cod-2015/adm3-communes.geojson --initiatives geodata/mali/initiatives.csv --incidents "$tmp/acled.csv")
.build/release/gapmap report "${communes[@]}" --metric uncovered_demand --lang en --out "$tmp/communes-en" >/dev/null
.build/release/gapmap report "${communes[@]}" --metric uncovered_demand --lang fr --out "$tmp/communes-fr" >/dev/null
shot "$tmp/communes-en/report.html#ML060105" docs/report-communes.png
shot "$tmp/communes-fr/report.html#ML060105" docs/report-communes-fr.png
rm -rf "$tmp"
echo "Wrote docs/sample-map.png, docs/sample-map-fr.png and docs/report-{regions,communes}{,-fr}.png"
