#!/usr/bin/env python3
"""How `gapmap analyze` grows with the number of regions.

    swift build -c release --product gapmap
    python3 Benchmarks/Scale/scale_benchmark.py [--gapmap .build/release/gapmap] [--sizes 700,3000,12500,50000]
        [--work /tmp/gapmap-scale] [--repeat 1]

For each size N: N seeded Voronoi regions over Africa's extent
(scripts/bench/make_voronoi_regions.py) and, in proportion (N = 50,000
gives 20,000 initiatives, 500,000 needs and 2.5 million incidents),
0.4 N initiatives, 10 N needs and 50 N incidents made by
scripts/bench/make_workload.py on those regions. Each workload is made
once and reused (never in the repository; 50,000 takes about 6 minutes).

Each run is `gapmap analyze ... --json` under `/usr/bin/time -v` with
GAPMAP_STAGE_TIMES=1, which prints when each stage starts and the peak
resident memory reached so far: a stage's time is the time to the next
stage's start (the streamed stages overlap, so reading needs and incidents
is spread over "assigning" and "writing"), its memory the peak reached by
its end. The last columns are the whole run: wall clock, CPU and peak
resident memory as /usr/bin/time reports them.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT / "scripts" / "bench"))

import make_voronoi_regions  # noqa: E402
import make_workload  # noqa: E402

STAGES = ["reading regions", "reading layers", "locating initiatives", "building coverage (union)",
          "measuring regions (overlay)", "assigning needs and incidents", "writing outputs"]
SHORT = {"reading regions": "read regions", "reading layers": "read layers", "locating initiatives": "locate initiatives",
         "building coverage (union)": "union", "measuring regions (overlay)": "overlay",
         "assigning needs and incidents": "assign points", "writing outputs": "write"}


def workload(work: Path, regions: int, seed: int) -> Path:
    folder = work / str(regions)
    if (folder / "manifest.json").exists():
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    regions_path = folder / "regions.geojson"
    print(f"making {regions} regions and their points in {folder} ...", file=sys.stderr)
    with open(regions_path, "w", encoding="utf-8") as stream:
        json.dump(make_voronoi_regions.voronoi_regions(regions, seed), stream)
    make_workload.make_workload(folder, needs=10 * regions, incidents=50 * regions, initiatives=max(100, (2 * regions) // 5),
                                regions=str(regions_path), seed=seed)
    return folder


def run(gapmap: str, folder: Path) -> dict:
    with tempfile.TemporaryDirectory(prefix="gapmap-scale-") as out:
        command = ["/usr/bin/time", "-v", gapmap, "analyze", "--regions", str(folder / "regions.geojson"),
                   "--initiatives", str(folder / "initiatives.csv"), "--needs", str(folder / "needs.csv"),
                   "--incidents", str(folder / "incidents.csv"), "--out", out, "--json"]
        done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                              env={**os.environ, "GAPMAP_STAGE_TIMES": "1"})
    if done.returncode != 0:
        sys.exit(f"gapmap failed on {folder}:\n{done.stderr}")
    starts: dict[str, tuple[float, float]] = {}
    for line in done.stderr.splitlines():
        m = re.match(r"\s*([\d.]+) s\s+(.+?)(?:\s+peak ([\d.]+) MB)?$", line)
        if m and m.group(2) in STAGES:
            starts[m.group(2)] = (float(m.group(1)), float(m.group(3) or "nan"))
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)", done.stderr)
    seconds = (int(wall.group(1) or 0) * 3600 + int(wall.group(2)) * 60 + float(wall.group(3))) if wall else float("nan")
    user = float(re.search(r"User time \(seconds\): ([\d.]+)", done.stderr).group(1))
    system = float(re.search(r"System time \(seconds\): ([\d.]+)", done.stderr).group(1))
    peak = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr).group(1)) / 1024
    stages = [s for s in STAGES if s in starts]
    result = {"wall": seconds, "cpu": user + system, "peak": peak, "stages": {}}
    for k, stage in enumerate(stages):
        end = starts[stages[k + 1]][0] if k + 1 < len(stages) else seconds
        peak_by_end = starts[stages[k + 1]][1] if k + 1 < len(stages) else peak
        result["stages"][stage] = (end - starts[stage][0], peak_by_end)
    return result


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gapmap", default=str(ROOT / ".build" / "release" / "gapmap"))
    parser.add_argument("--sizes", default="700,3000,12500,50000")
    parser.add_argument("--work", default="/tmp/gapmap-scale")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--repeat", type=int, default=1, help="runs per size; the fastest is shown")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    header = ["regions", "initiatives", "needs", "incidents"] + [SHORT[s] + " s (MB)" for s in STAGES] + ["total s", "CPU s", "peak MB"]
    print("| " + " | ".join(header) + " |")
    print("|" + "---:|" * len(header))
    for n in sizes:
        folder = workload(Path(args.work), n, args.seed)
        best = min((run(args.gapmap, folder) for _ in range(args.repeat)), key=lambda r: r["wall"])
        cells = [f"{n:,}", f"{max(100, (2 * n) // 5):,}", f"{10 * n:,}", f"{50 * n:,}"]
        for stage in STAGES:
            seconds, mb = best["stages"].get(stage, (float("nan"), float("nan")))
            cells.append(f"{seconds:.2f} ({mb:.0f})")
        cells += [f"{best['wall']:.1f}", f"{best['cpu']:.1f}", f"{best['peak']:.0f}"]
        print("| " + " | ".join(cells) + " |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
