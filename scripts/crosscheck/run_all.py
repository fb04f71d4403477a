#!/usr/bin/env python3
"""Runs every cross-check of gapmap against the independent reference.

The self-check of the reference, then compare.py on the bundled sample data
and, where ../shared/geodata is present, on seeded workloads over the real
regions, cercles and communes of Mali. Prints one closing line
`crosscheck: N passed, M failed` and exits non-zero on any failure.
"""
import argparse
import re
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
SHARED = ROOT / "geodata" / "mali-cod-2015"


def run(label, command):
    print(f"== {label}", flush=True)
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    output = result.stdout + result.stderr
    for line in output.splitlines():
        if line.startswith(("MISMATCH", "FAIL", "reference ", "workload")) or "passed" in line:
            print("   " + line)
    match = re.findall(r"^(?:\w+: )?(\d+) passed, (\d+) failed", output, re.MULTILINE)
    if not match:
        print(f"   no result line (exit {result.returncode}):\n{output[-2000:]}")
        return 0, 1
    passed, failed = (int(x) for x in match[-1])
    if result.returncode != 0 and failed == 0:
        failed = 1
    return passed, failed


def daily_seed() -> int:
    """Today's date as a seed (UTC), e.g. 20261203."""
    return int(datetime.now(timezone.utc).strftime("%Y%m%d"))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gapmap", required=True)
    args = parser.parse_args()
    gapmap = str(Path(args.gapmap).resolve())
    compare = [sys.executable, str(HERE / "compare.py"), "--gapmap", gapmap]
    sample = ROOT / "geodata" / "mali"
    checks = [
        ("reference self-check", [sys.executable, str(HERE / "selfcheck.py")]),
        ("sample data of Mali", compare + ["--regions", str(sample / "regions.geojson"),
                                           "--initiatives", str(sample / "initiatives.csv"),
                                           "--needs", str(sample / "needs.csv"),
                                           "--incidents", str(sample / "incidents.csv"),
                                           "--settlements", str(sample / "settlements.csv")]),
        ("sample data of Mali, planned included", compare + [
            "--regions", str(sample / "regions.geojson"), "--initiatives", str(sample / "initiatives.csv"),
            "--needs", str(sample / "needs.csv"), "--incidents", str(sample / "incidents.csv"),
            "--settlements", str(sample / "settlements.csv"), "--include-planned", "--radius", "25", "--segments", "32"]),
        ("sample data of Mali, programmes as coverage", compare + [
            "--regions", str(sample / "regions.geojson"), "--initiatives", str(sample / "initiatives.csv"),
            "--needs", str(sample / "needs.csv"), "--incidents", str(sample / "incidents.csv"),
            "--settlements", str(sample / "settlements.csv"), "--programmes-as-coverage"]),
    ]
    if SHARED.exists():
        communes = str(SHARED / "adm3-communes.geojson")
        checks += [
            ("701 communes, seed 7", compare + ["--regions", communes, "--make-workload", "7"]),
            ("701 communes, seed 11, planned included", compare + ["--regions", communes, "--make-workload", "11", "--include-planned"]),
            ("701 communes, seed 23, radius 5 km, 16 segments", compare + ["--regions", communes, "--make-workload", "23",
                                                                         "--radius", "5", "--segments", "16"]),
            ("50 cercles, seed 3", compare + ["--regions", str(SHARED / "adm2-cercles.geojson"), "--make-workload", "3"]),
            ("9 regions, seed 5", compare + ["--regions", str(SHARED / "adm1-regions.geojson"), "--make-workload", "5"]),
            # Initiatives that change every day: the seed is the date (UTC), so
            # a failure is reproduced with --make-workload and the seed printed.
            (f"701 communes, seed {daily_seed()} (today's)", compare + ["--regions", communes, "--make-workload", str(daily_seed())]),
        ]
    else:
        print("../shared/geodata is absent: the checks on the real boundaries are skipped")
    total_passed = total_failed = 0
    for label, command in checks:
        passed, failed = run(label, command)
        total_passed += passed
        total_failed += failed
    print(f"crosscheck: {total_passed} passed, {total_failed} failed")
    return 1 if total_failed else 0


if __name__ == "__main__":
    sys.exit(main())
