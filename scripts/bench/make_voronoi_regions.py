#!/usr/bin/env python3
"""Seeded Voronoi regions over Africa's extent, for the scale benchmark.

    python3 scripts/bench/make_voronoi_regions.py --count 50000 --out /tmp/gapmap-scale/50000/regions.geojson
        [--seed 11]

N seeds drawn uniformly (numpy PCG64, --seed) in the box 18°W–52°E,
35°S–38°N; their Voronoi cells (shapely.voronoi_polygons, GEOS) cut to the
box tile it without gaps or overlaps. Each cell is a feature with
`admin3Pcod` VOR00001…, `admin3Name` and a parent `admin2Pcod` (one per 14
cells), so `gapmap analyze` detects the fields as it does for OCHA's
communes. Exterior rings are counter-clockwise (RFC 7946).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np
import shapely

AFRICA = (-18.0, -35.0, 52.0, 38.0)


def voronoi_regions(count: int, seed: int) -> dict:
    rng = np.random.Generator(np.random.PCG64(seed))
    x0, y0, x1, y1 = AFRICA
    box = shapely.box(x0, y0, x1, y1)
    seeds = np.column_stack([rng.uniform(x0, x1, count), rng.uniform(y0, y1, count)])
    cells = shapely.get_parts(shapely.voronoi_polygons(shapely.multipoints(seeds), extend_to=box))
    cells = shapely.intersection(cells, box)
    # voronoi_polygons returns the cells in no particular order: sort by seed-free key for stable ids.
    keys = shapely.get_coordinates(shapely.point_on_surface(cells))
    order = np.lexsort((keys[:, 0], keys[:, 1]))
    features = []
    for n, k in enumerate(order, start=1):
        cell = cells[k]
        if cell.is_empty or cell.geom_type != "Polygon":
            continue
        ring = shapely.geometry.polygon.orient(cell, 1.0)
        features.append({
            "type": "Feature",
            "properties": {"admin3Pcod": f"VOR{n:05d}", "admin3Name": f"Cellule {n}", "admin2Pcod": f"VOR{(n - 1) // 14 + 1:04d}"},
            "geometry": {"type": "Polygon", "coordinates": [[[x, y] for x, y in ring.exterior.coords]]},
        })
    return {"type": "FeatureCollection", "features": features}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, required=True, help="number of regions (at least 10)")
    parser.add_argument("--out", required=True)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args(argv)
    if args.count < 10:
        parser.error("at least 10 regions")
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8") as stream:
        json.dump(voronoi_regions(args.count, args.seed), stream)
    return 0


if __name__ == "__main__":
    sys.exit(main())
