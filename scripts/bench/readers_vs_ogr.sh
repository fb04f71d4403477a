#!/bin/sh
# gapmap's own CSV and GeoJSON readers against GDAL/OGR on the same files
# (issue 15: "keep gapmap's own readers where they are faster").
#
#   python3 scripts/bench/make_workload.py --out /tmp/bench/1m --needs 1M
#   swift build -c release --product gapmap
#   sh scripts/bench/readers_vs_ogr.sh /tmp/bench/1m/needs.csv
#
# gapmap: `validate` reads every row, checks it and builds the layer (what
# analyze does before the analysis). OGR: ogr2ogr into the Memory driver,
# which reads every feature and keeps it, with nothing else done: a lower
# bound for any path through OGR (gapmap would still have to convert each
# feature).
set -e
csv=$1
dir=$(dirname "$csv")
bin=${GAPMAP:-.build/release/gapmap}
geojson="$dir/needs.geojson"
[ -f "$geojson" ] || ogr2ogr -f GeoJSON "$geojson" "$csv" -oo X_POSSIBLE_NAMES=lon -oo Y_POSSIBLE_NAMES=lat \
  -oo KEEP_GEOM_COLUMNS=NO -lco COORDINATE_PRECISION=9
t() { /usr/bin/time -f "%e s %M KB  $1" sh -c "$2" >/dev/null || true; }
t "gapmap CSV reader (validate)" "$bin validate $csv --as needs"
t "OGR CSV into Memory" "ogr2ogr -f Memory mem $csv -oo X_POSSIBLE_NAMES=lon -oo Y_POSSIBLE_NAMES=lat"
t "gapmap GeoJSON reader (validate)" "$bin validate $geojson --as needs"
t "OGR GeoJSON into Memory" "ogr2ogr -f Memory mem $geojson"
