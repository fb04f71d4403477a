#!/usr/bin/env bash
# Quick start 2: installs what is missing, builds, and runs every test:
# the Swift test suites, then the independent cross-check of gapmap's
# figures against a pyproj + shapely implementation of the same semantics.
set -euo pipefail
cd "$(dirname "$0")/.."
# GDAL checks the GeoJSON and GeoPackage outputs, rsvg-convert renders the map PNG,
# headless Chromium opens the HTML report, and chromedriver with Debian's python3-selenium
# drives the interactive one (each test skips only where its tool is absent).
scripts/install-deps.sh gdal-bin python3-gdal python3-pip librsvg2-bin chromium chromium-driver python3-selenium
# pyogrio reads every GeoPackage gapmap writes in the tests (skipped there when absent).
python3 -c "import pyogrio" 2>/dev/null || python3 -m pip install -q pyogrio || echo "pyogrio could not be installed: its checks will be skipped" >&2
log=$(mktemp)
trap 'rm -f "$log"' EXIT

# 1. Swift tests. A run that executes no test is a failure.
set +e
swift test 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
if [ "$status" -ne 0 ]; then echo "swift test failed (exit $status)" >&2; exit "$status"; fi
if ! grep -Eq "Test run with [1-9][0-9]* tests? .*passed" "$log"; then
  echo "swift test ran no test: treated as a failure" >&2
  exit 1
fi

# 2. The memory-leak test, alone in its process (resident memory is a
#    whole-process figure, so it cannot share the run with other suites).
if [ -d geodata/mali-cod-2015 ]; then
  set +e
  GAPMAP_LEAK_TEST=1 swift test --skip-build --filter analysingTheCommunesAHundredTimesDoesNotGrowMemory 2>&1 | tee "$log"
  status=${PIPESTATUS[0]}
  set -e
  if [ "$status" -ne 0 ] || ! grep -Eq "Test run with 1 test .*passed" "$log"; then
    echo "the memory-leak test failed or did not run" >&2
    exit 1
  fi
fi

# 3. Cross-check against the independent Python reference.
python3 -c "import shapely, pyproj" 2>/dev/null || python3 -m pip install -q "shapely>=2" pyproj
swift build -c release --product gapmap
python3 scripts/crosscheck/run_all.py --gapmap .build/release/gapmap
