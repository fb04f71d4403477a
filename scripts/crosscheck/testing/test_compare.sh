#!/usr/bin/env bash
# Tests compare.py without the Swift binary: a fake gapmap (the reference
# itself) must pass; a perturbed one and a failing one must be caught.
# usage: testing/test_compare.sh [REGIONS.geojson]
set -u
here="$(cd "$(dirname "$0")/.." && pwd)"
regions="${1:-$here/../../geodata/mali-cod-2015/adm3-communes.geojson}"
fake="$here/testing/fake_gapmap.py"
status=0

expect() {  # expect WANTED_EXIT DESCRIPTION -- command...
    local wanted="$1" what="$2"; shift 3
    local output; output="$("$@" 2>&1)"; local got=$?
    if [ "$got" -eq "$wanted" ]; then echo "ok    $what (exit $got): $(echo "$output" | tail -n 1)"
    else echo "FAIL  $what: exit $got, wanted $wanted"; echo "$output" | tail -n 5; status=1; fi
}

expect 0 "identical results pass" -- \
    python3 "$here/compare.py" --gapmap "$fake" --regions "$regions" --make-workload 3
FAKE_GAPMAP_PERTURB="ML010213:covered_km2:1.0000011,layer=needs:duplicates:1" \
expect 1 "a perturbed area and count are reported" -- \
    python3 "$here/compare.py" --gapmap "$fake" --regions "$regions" --make-workload 3
FAKE_GAPMAP_FAIL=1 \
expect 2 "a failing gapmap is reported" -- \
    python3 "$here/compare.py" --gapmap "$fake" --regions "$regions" --make-workload 3
exit $status
