#!/usr/bin/env python3
"""A seeded population raster of Mali at 100 m, for the raster benchmark.

Written in blocks of rows (never the whole grid in memory) as a raw float32
file with an ENVI header, then made a tiled, LZW-compressed GeoTIFF by
gdal_translate, as WorldPop and GHSL publish theirs. The grid is EPSG:6933
(equal-area on the WGS84 ellipsoid) at 100 m over Mali's bounding box
(-12.3..4.3 E, 10.1..25.1 N): 16,007 x 17,987 = 288 million cells, of which
about 124 million lie inside Mali (1.24 million km2). Values: half the cells
0, the others exponential with mean 4 people; one cell in 50 nodata
(-99999). The totals are printed so that a run can be checked against them.

    python3 scripts/bench/make_population_raster.py --out /tmp/bench/mali-100m.tif
"""
import argparse, os, subprocess, sys, time
import numpy as np

p = argparse.ArgumentParser()
p.add_argument("--out", required=True)
p.add_argument("--cell", type=float, default=100.0, help="cell size in metres (EPSG:6933)")
p.add_argument("--seed", type=int, default=15)
p.add_argument("--block-rows", type=int, default=256)
a = p.parse_args()

# Mali's box in EPSG:6933 (x = a·λ·k, y from the authalic latitude; pyproj gives them).
from pyproj import Transformer
t = Transformer.from_crs("EPSG:4326", "EPSG:6933", always_xy=True)
x0, y0 = t.transform(-12.3, 10.1)
x1, y1 = t.transform(4.3, 25.1)
cols = int(np.ceil((x1 - x0) / a.cell))
rows = int(np.ceil((y1 - y0) / a.cell))
top = y0 + rows * a.cell

raw = a.out + ".raw"
rng = np.random.default_rng(a.seed)
start = time.time()
total = 0.0
with open(raw, "wb") as f:
    for r in range(0, rows, a.block_rows):
        n = min(a.block_rows, rows - r)
        v = rng.exponential(4.0, size=(n, cols)).astype(np.float32)
        v[rng.random((n, cols)) < 0.5] = 0
        v[rng.random((n, cols)) < 0.02] = -99999
        total += float(v[v > 0].sum(dtype=np.float64))
        v.tofile(f)
with open(a.out + ".hdr", "w") as f:
    f.write(f"ENVI\nsamples = {cols}\nlines = {rows}\nbands = 1\nheader offset = 0\nfile type = ENVI Standard\n"
            f"data type = 4\ninterleave = bsq\nbyte order = 0\n"
            f"map info = {{Arbitrary, 1, 1, {x0}, {top}, {a.cell}, {a.cell}}}\n")
# ENVI's header carries no EPSG code that GDAL reads back reliably: give it here.
subprocess.run(["gdal_translate", "-q", "-of", "GTiff", "-a_srs", "EPSG:6933", "-a_nodata", "-99999",
                "-a_ullr", str(x0), str(top), str(x0 + cols * a.cell), str(y0),
                "-co", "TILED=YES", "-co", "COMPRESS=LZW", "-co", "BIGTIFF=YES",
                "-of", "GTiff", raw, a.out], check=True)
os.remove(raw)
os.remove(a.out + ".hdr")
print(f"{a.out}: {cols} x {rows} = {cols * rows:,} cells of {a.cell:g} m in EPSG:6933; "
      f"total {total:,.1f} people; made in {time.time() - start:.0f} s", file=sys.stderr)
