#!/usr/bin/env python3
"""gapmap against the same analysis in GeoPandas: time, memory, figures.

    python3 scripts/bench/compare_geopandas.py [--gapmap .build/release/gapmap]
        [--sizes 10k,100k,1M] [--repeat 1] [--workdir /tmp/gapmap-bench]
        [--geopandas-up-to 1M] [--regions communes|generated|FILE] [--keep]

For each size N it makes the seeded workload of make_workload.py (N needs,
N/10 incidents, 10,000 initiatives, the 701 communes of Mali where present)
in --workdir (made once and reused; never inside the repository), runs
`gapmap analyze ... --out DIR --json` and geopandas_analysis.py on it, one
after the other, each as a child process whose wall time, CPU time and peak
resident memory (wait4's rusage, ru_maxrss) are measured, checks that the
two give the same per-region figures and row accounting (the cross-check's
rules: areas to 1e-6 relative, counts and weight sums to 1e-9), and prints
a table with the ratios. With --repeat R each program runs R times and the
fastest run counts. Exit status 1 when a figure differs.

Needs `python3 -m pip install geopandas` (shapely, pyogrio, pandas, pyproj).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT / "scripts" / "crosscheck"))  # compare.py and its own make_workload


def _bench_workload():
    """scripts/bench/make_workload.py, under a name that does not shadow the cross-check's."""
    spec = importlib.util.spec_from_file_location("bench_make_workload", HERE / "make_workload.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


make_workload = _bench_workload().make_workload
parse_size = _bench_workload().parse_size


def measure(command: list[str], stdout_path: Path) -> dict:
    """Runs command; wall seconds, CPU seconds and peak RSS (MB) of that child alone."""
    with open(stdout_path, "wb") as out:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        stderr = process.stderr.read().decode(errors="replace")
        process.stderr.close()
    return {
        "wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "peak_mb": usage.ru_maxrss / 1024,
        "status": os.waitstatus_to_exitcode(status), "stderr": stderr,
    }


def best(runs: list[dict]) -> dict:
    return min(runs, key=lambda r: r["wall"])


def figures_match(gapmap_json: Path, geopandas_json: Path) -> tuple[int, int, list[str]]:
    import compare  # scripts/crosscheck/compare.py: the same rules as the cross-check
    gapmap = compare.parse_json_output(gapmap_json.read_text())
    reference = json.loads(geopandas_json.read_text())
    lines: list[str] = []
    real_print = print

    def capture(*args, **kwargs):
        lines.append(" ".join(str(a) for a in args))
    compare.print = capture  # the tally prints one line per mismatch
    try:
        tally = compare.compare(gapmap, reference, ["initiatives", "needs", "incidents"], False)
    finally:
        compare.print = real_print
    return tally.passed, tally.failed, lines


def human(n: int) -> str:
    for unit, size in (("M", 1_000_000), ("k", 1_000)):
        if n >= size and n % size == 0:
            return f"{n // size}{unit}"
    return str(n)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gapmap", default=str(ROOT / ".build" / "release" / "gapmap"))
    parser.add_argument("--sizes", default="10k,100k,1M", help="needs per workload, comma-separated (10k,100k,1M,10M)")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--workdir", default="/tmp/gapmap-bench")
    parser.add_argument("--geopandas-up-to", type=parse_size, default=parse_size("10M"),
                        help="skip GeoPandas above this size (it needs ~10 GB at 10M)")
    parser.add_argument("--regions", default="auto",
                        help="communes, generated or a GeoJSON file (default: the communes where present)")
    parser.add_argument("--keep", action="store_true", help="keep the outputs of each run")
    args = parser.parse_args(argv)
    gapmap = str(Path(args.gapmap).resolve())
    if not Path(gapmap).exists():
        parser.error(f"{gapmap} does not exist: build it with swift build -c release --product gapmap")
    workdir = Path(args.workdir)
    if workdir.resolve().is_relative_to(ROOT):
        parser.error("--workdir must be outside the repository (workloads are hundreds of MB)")
    sizes = [parse_size(s) for s in args.sizes.split(",")]
    load = os.getloadavg()[0]

    rows = []
    failed_total = 0
    for n in sizes:
        data = workdir / (f"needs-{human(n)}" if args.regions == "auto" else f"needs-{human(n)}-{Path(args.regions).stem}")
        if not (data / "manifest.json").exists():
            print(f"making the {human(n)} workload in {data} ...", file=sys.stderr, flush=True)
            make_workload(data, n, regions=args.regions)
        manifest = json.loads((data / "manifest.json").read_text())
        inputs = ["--regions", manifest["regions"], "--initiatives", str(data / "initiatives.csv"),
                  "--needs", str(data / "needs.csv"), "--incidents", str(data / "incidents.csv")]
        points = manifest["needs"]["rows"] + manifest["incidents"]["rows"]
        runs = {"gapmap": [], "geopandas": []}
        for attempt in range(args.repeat):
            for tool in ("gapmap", "geopandas"):
                if tool == "geopandas" and n > args.geopandas_up_to:
                    continue
                out = workdir / f"out-{tool}-{human(n)}"
                shutil.rmtree(out, ignore_errors=True)
                # geopandas_analysis.py counts every incident: so must gapmap here.
                command = ([gapmap, "analyze", "--event-type", "all"] + inputs if tool == "gapmap"
                           else [sys.executable, str(HERE / "geopandas_analysis.py")] + inputs) + ["--out", str(out), "--json"]
                print(f"{human(n)}: {tool} run {attempt + 1} ...", file=sys.stderr, flush=True)
                result = measure(command, workdir / f"{tool}-{human(n)}.json")
                if result["status"] != 0:
                    print(f"{tool} failed on {human(n)} (exit {result['status']}):\n{result['stderr'][-2000:]}", file=sys.stderr)
                    return 2
                runs[tool].append(result)
                if not args.keep:
                    shutil.rmtree(out, ignore_errors=True)
        g = best(runs["gapmap"])
        p = best(runs["geopandas"]) if runs["geopandas"] else None
        passed = failed = 0
        if p:
            passed, failed, mismatches = figures_match(workdir / f"gapmap-{human(n)}.json", workdir / f"geopandas-{human(n)}.json")
            for line in mismatches[:20]:
                print(f"{human(n)}: {line}")
            failed_total += failed
        rows.append((n, points, g, p, passed, failed))

    print(f"\ngapmap against GeoPandas ({os.cpu_count()} cores; load average {load:.1f} at start, "
          f"{os.getloadavg()[0]:.1f} at end; best of {args.repeat})")
    print("workload: N needs + N/10 incidents + 10,000 initiatives + "
          f"{manifest['region_count']} regions; full analyze, reading and writing included\n")
    header = ("| needs | points | gapmap s | gapmap CPU s | gapmap MB | points/s | GeoPandas s | GeoPandas MB "
              "| time ratio | memory ratio | figures |")
    print(header)
    print("|" + "|".join("---" for _ in range(header.count("|") - 1)) + "|")
    for n, points, g, p, passed, failed in rows:
        cells = [human(n), f"{points:,}", f"{g['wall']:.2f}", f"{g['cpu']:.2f}", f"{g['peak_mb']:.0f}",
                 f"{points / g['wall']:,.0f}"]
        if p:
            cells += [f"{p['wall']:.2f}", f"{p['peak_mb']:.0f}", f"{p['wall'] / g['wall']:.1f}× faster",
                      f"{g['peak_mb'] / p['peak_mb']:.2f}", f"{passed} same, {failed} differ"]
        else:
            cells += ["–", "–", "–", "–", "not compared"]
        print("| " + " | ".join(cells) + " |")
    print("\ntime ratio = GeoPandas wall time / gapmap wall time; memory ratio = gapmap peak RSS / GeoPandas peak RSS")
    print(f"bench: {sum(r[4] for r in rows)} passed, {failed_total} failed")
    return 1 if failed_total else 0


if __name__ == "__main__":
    sys.exit(main())
