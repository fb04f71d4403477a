#!/usr/bin/env python3
"""Seeded benchmark workload: regions, initiatives, needs and incidents.

    python3 scripts/bench/make_workload.py --out /tmp/bench/1m --needs 1000000
        [--incidents N] [--initiatives 10000] [--regions communes|generated|FILE]
        [--seed 7]

writes OUT/initiatives.csv, OUT/needs.csv, OUT/incidents.csv (ACLED layout),
OUT/regions.geojson when the regions are generated, and OUT/manifest.json
(sizes, seed, the regions file, what was planted).

- Regions: the 701 communes of Mali (../shared/geodata/mali-cod-2015/
  adm3-communes.geojson) where present, else a generated tessellation of a
  Mali-sized box: about 700 Voronoi cells whose shared edges are jittered the
  same way on both sides (a valid coverage), about 300 vertices a cell.
- Initiatives (10,000 by default): 70 % around 60 towns, the rest anywhere in
  the country; radii 2–40 km, most of them small (60 % 2–5 km, 30 % 5–15 km,
  10 % 15–40 km), 5 % without radius (the run's default), 20 that name a
  region instead of coordinates; 85 % active, 10 % planned, 5 % closed.
- Needs (N): 70 % uniform over the country, 25 % around the towns, 5 %
  anywhere in the bounding box (some in no region), 1 % naming a region by
  P-code, 0.1 % repeating an earlier id, 16 exactly on vertices shared by two
  regions (written with all their digits), weights that are exact in binary
  (so sums do not depend on their order).
- Incidents (N/10 by default): ACLED's columns; 5 % of events repeated on a
  second row (one row per actor, as ACLED does).

Everything is drawn from numpy's PCG64 generator seeded with --seed, in
fixed-size chunks, so the same seed, sizes, regions and numpy give the same
bytes. The files are written in chunks: 10 million needs (~600 MB) need
about 1 GB of memory. Never commit the output.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from pathlib import Path

import numpy as np
import shapely

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
COMMUNES = ROOT / "geodata" / "mali-cod-2015" / "adm3-communes.geojson"
CHUNK = 500_000

ACTORS = np.array(["state", "community", "civil_society", "international"])
KINDS = np.array(["forum_securite_proximite", "patrol", "hotline", "training", "women_safety_committee",
                  "youth_dialogue", "early_warning", "mediation"])
CATEGORIES = np.array(["patrols", "lighting", "trust_building", "gbv_support", "youth_engagement",
                       "early_warning", "justice_access", "checkpoint_conduct"])
SEGMENTS = np.array(["women", "youth", "elders", "displaced", "traders", "herders", "farmers", "general"])
# Exact in binary: weight sums are the same in any order.
WEIGHTS = np.array(["1", "", "2", "3", "0.5", "1.5", "2.5", "0.25", "0.75", "1.25", "4.75"])
WEIGHT_SHARES = np.array([55, 10, 8, 4, 5, 6, 3, 3, 3, 2, 1], dtype=float)
EVENT_TYPES = np.array(["Battles", "Violence against civilians", "Explosions/Remote violence", "Riots",
                        "Protests", "Strategic developments"])
INITIATIVE_COLUMNS = ["id", "name", "actor", "kind", "status", "lon", "lat", "radius_km", "region"]
NEED_COLUMNS = ["id", "category", "segment", "severity", "weight", "date", "lon", "lat", "region"]
INCIDENT_COLUMNS = ["event_id_cnty", "event_date", "event_type", "fatalities", "latitude", "longitude"]


# ---------------------------------------------------------------------------
# Regions
# ---------------------------------------------------------------------------

def generated_regions(rng: np.random.Generator, cells: int = 700, vertices: int = 300) -> dict:
    """A GeoJSON FeatureCollection of ~`cells` polygons tiling a Mali-sized box.

    Voronoi cells of random seeds, each edge replaced by a smooth jittered
    line. The jitter of an edge depends only on its two end vertices, taken in
    a canonical order, so both cells that share an edge get the same line and
    the cells tile the box without gaps or overlaps.
    """
    box = shapely.box(-12.0, 10.0, 4.0, 25.0)
    seeds = shapely.points(np.column_stack([rng.uniform(-12, 4, cells), rng.uniform(10, 25, cells)]))
    raw = shapely.get_parts(shapely.voronoi_polygons(shapely.multipoints(seeds), extend_to=box))
    cells_geoms = [c for c in shapely.intersection(raw, box) if not c.is_empty and c.geom_type == "Polygon"]
    perimeter = float(sum(c.exterior.length for c in cells_geoms))
    spacing = perimeter / (len(cells_geoms) * vertices)

    def edge_points(a: tuple, b: tuple, amplitude: float) -> list:
        """Points strictly between a and b (canonical direction a < b)."""
        ax, ay = a
        bx, by = b
        length = math.hypot(bx - ax, by - ay)
        k = max(1, int(length / spacing))
        on_box = (ax == bx and ax in (-12.0, 4.0)) or (ay == by and ay in (10.0, 25.0))
        phase = (math.sin(ax * 12.9898 + ay * 78.233 + bx * 37.719 + by * 4.581) * 43758.5453) % 1.0
        nx, ny = -(by - ay) / length, (bx - ax) / length
        out = []
        for i in range(1, k):
            t = i / k
            wobble = 0.0 if on_box else amplitude * length * math.sin(math.pi * t) * (
                0.7 * math.sin(2 * math.pi * (3 * t + phase)) + 0.3 * math.sin(2 * math.pi * (7 * t + 2 * phase)))
            out.append((ax + t * (bx - ax) + wobble * nx, ay + t * (by - ay) + wobble * ny))
        return out

    for amplitude in (0.06, 0.03, 0.015, 0.0):
        polygons = []
        for cell in cells_geoms:
            ring = [tuple(map(float, xy)) for xy in shapely.get_coordinates(cell.exterior)]
            out = []
            for a, b in zip(ring[:-1], ring[1:]):
                out.append(a)
                if a < b:
                    out += edge_points(a, b, amplitude)
                else:
                    out += list(reversed(edge_points(b, a, amplitude)))
            out.append(out[0])
            polygons.append(shapely.Polygon(out))
        if all(p.is_valid for p in polygons) and shapely.union_all(polygons).area > 0.999999 * box.area:
            break
    features = []
    for i, polygon in enumerate(polygons, start=1):
        polygon = shapely.geometry.polygon.orient(polygon, 1.0)
        features.append({
            "type": "Feature",
            "properties": {"admin3Pcod": f"GEN{i:04d}", "admin3Name": f"Cellule {i}", "admin2Pcod": f"GEN{(i - 1) // 14 + 1:02d}"},
            "geometry": shapely.geometry.mapping(polygon),
        })
    return {"type": "FeatureCollection", "features": features}


def load_regions(path: Path):
    with open(path, encoding="utf-8") as stream:
        document = json.load(stream)
    features = document["features"]
    first = features[0]["properties"]
    id_field = next(f for f in ("admin3Pcod", "admin2Pcod", "admin1Pcod", "id") if f in first)
    ids = [str(f["properties"][id_field]) for f in features]
    geoms = np.array([shapely.geometry.shape(f["geometry"]) for f in features], dtype=object)
    return ids, geoms


def shared_vertices(geoms, count: int, rng: np.random.Generator) -> list[tuple[float, float]]:
    """Vertices on the boundary of two or more regions."""
    owners: dict[tuple[float, float], set[int]] = {}
    for k, geom in enumerate(geoms):
        for x, y in shapely.get_coordinates(shapely.boundary(geom)):
            owners.setdefault((float(x), float(y)), set()).add(k)
    shared = sorted(xy for xy, ks in owners.items() if len(ks) >= 2)
    picks = rng.choice(len(shared), size=min(count, len(shared)), replace=False)
    return [shared[i] for i in sorted(picks)]


# ---------------------------------------------------------------------------
# Points
# ---------------------------------------------------------------------------

class Country:
    """Samples points inside the union of the regions, around towns, or in its box."""

    def __init__(self, geoms, rng: np.random.Generator):
        self.outline = shapely.union_all(geoms)
        shapely.prepare(self.outline)
        self.bounds = shapely.total_bounds(geoms)
        self.rng = rng
        self.towns = self.inside(60)
        self.town_sigma = rng.uniform(0.1, 0.5, len(self.towns))

    def box(self, n: int) -> np.ndarray:
        x0, y0, x1, y1 = self.bounds
        return np.column_stack([self.rng.uniform(x0, x1, n), self.rng.uniform(y0, y1, n)])

    def inside(self, n: int) -> np.ndarray:
        out = np.empty((0, 2))
        while len(out) < n:
            candidates = self.box(max(1024, int(2.5 * (n - len(out)))))
            keep = shapely.contains_xy(self.outline, candidates[:, 0], candidates[:, 1])
            out = np.vstack([out, candidates[keep]])
        return out[:n]

    def around_towns(self, n: int) -> np.ndarray:
        town = self.rng.integers(0, len(self.towns), n)
        sigma = self.town_sigma[town][:, None]
        xy = self.towns[town] + self.rng.standard_normal((n, 2)) * sigma
        x0, y0, x1, y1 = self.bounds
        return np.column_stack([np.clip(xy[:, 0], x0, x1), np.clip(xy[:, 1], y0, y1)])

    def mixture(self, n: int, shares: tuple[float, float, float]) -> np.ndarray:
        """Uniform inside / around towns / anywhere in the box, shuffled."""
        kind = self.rng.choice(3, size=n, p=np.array(shares) / sum(shares))
        xy = np.empty((n, 2))
        for k, sampler in enumerate((self.inside, self.around_towns, self.box)):
            m = int(np.count_nonzero(kind == k))
            if m:
                xy[kind == k] = sampler(m)
        return xy


def fmt_coords(values: np.ndarray) -> np.ndarray:
    return np.char.mod("%.6f", np.round(values, 6))


def dates(rng: np.random.Generator, n: int, first: int, last: int) -> np.ndarray:
    day = rng.integers(0, (last - first + 1) * 365, n).astype("timedelta64[D]")
    return np.datetime_as_string(np.datetime64(f"{first}-01-01") + day)


def write_rows(stream, columns: list[np.ndarray]) -> None:
    """Rows of plain values (none needs quoting), one line each."""
    lists = [np.asarray(c).astype(str).tolist() for c in columns]
    if lists[0]:
        stream.write("\n".join(map(",".join, zip(*lists))))
        stream.write("\n")


# ---------------------------------------------------------------------------
# Layers
# ---------------------------------------------------------------------------

def make_initiatives(path: Path, n: int, country: Country, region_ids: list[str], rng) -> dict:
    referenced = min(20, n // 10)
    points = n - referenced
    xy = np.vstack([country.around_towns(int(points * 0.7)), country.inside(points - int(points * 0.7))])
    xy = xy[rng.permutation(len(xy))]
    band = rng.choice(3, size=points, p=[0.6, 0.3, 0.1])
    low, high = np.array([2.0, 5.0, 15.0])[band], np.array([5.0, 15.0, 40.0])[band]
    radius = np.char.mod("%.1f", np.round(low + (high - low) * rng.random(points), 1))
    radius[rng.random(points) < 0.05] = ""
    status = np.array(["active", "planned", "closed"])[rng.choice(3, size=n, p=[0.85, 0.10, 0.05])]
    lon = np.concatenate([fmt_coords(xy[:, 0]), np.full(referenced, "")])
    lat = np.concatenate([fmt_coords(xy[:, 1]), np.full(referenced, "")])
    radius = np.concatenate([radius, np.full(referenced, "")])
    region = np.concatenate([np.full(points, ""), np.array(region_ids)[rng.integers(0, len(region_ids), referenced)]])
    order = rng.permutation(n)
    ids = np.char.add("INI-", np.char.zfill(np.arange(1, n + 1).astype(str), 5))
    kind = rng.integers(0, len(KINDS), n)
    with open(path, "w", encoding="utf-8", newline="") as stream:
        stream.write(",".join(INITIATIVE_COLUMNS) + "\n")
        write_rows(stream, [ids, np.char.add("Initiative ", np.arange(1, n + 1).astype(str)),
                            ACTORS[rng.integers(0, len(ACTORS), n)], KINDS[kind], status,
                            lon[order], lat[order], radius[order], region[order]])
    return {"rows": n, "region_referenced": referenced, "duplicates": 0}


def make_needs(path: Path, n: int, country: Country, region_ids: list[str], vertices, rng) -> dict:
    referenced_share, duplicate_share = 0.01, 0.001
    planted = {"rows": 0, "region_referenced": 0, "duplicates": 0, "on_shared_vertices": 0}
    with open(path, "w", encoding="utf-8", newline="") as stream:
        stream.write(",".join(NEED_COLUMNS) + "\n")
        for start in range(0, n, CHUNK):
            m = min(CHUNK, n - start)
            xy = country.mixture(m, (0.70, 0.25, 0.05))
            lon, lat = fmt_coords(xy[:, 0]).astype(object), fmt_coords(xy[:, 1]).astype(object)
            region = np.full(m, "", dtype=object)
            referenced = rng.random(m) < referenced_share
            if start == 0:  # points exactly on shared vertices, all digits kept
                for k, (x, y) in enumerate(vertices[:m]):
                    row = k * (m // len(vertices))
                    lon[row], lat[row], referenced[row] = repr(x), repr(y), False
                planted["on_shared_vertices"] = min(len(vertices), m)
            region[referenced] = np.array(region_ids)[rng.integers(0, len(region_ids), int(referenced.sum()))]
            lon[referenced] = ""
            lat[referenced] = ""
            number = np.arange(start + 1, start + m + 1)
            # A few rows repeat the id of a row a little earlier (same chunk).
            repeat = (rng.random(m) < duplicate_share) & (number > start + 100)
            number[repeat] -= rng.integers(1, 100, int(repeat.sum()))
            ids = np.char.add("N", np.char.zfill(number.astype(str), 8))
            _, first = np.unique(ids, return_index=True)
            is_first = np.zeros(m, dtype=bool)
            is_first[first] = True
            severity = (1 + rng.integers(0, 5, m)).astype(str).astype(object)
            severity[rng.random(m) < 0.1] = ""
            weight = WEIGHTS[rng.choice(len(WEIGHTS), size=m, p=WEIGHT_SHARES / WEIGHT_SHARES.sum())]
            write_rows(stream, [ids, CATEGORIES[rng.integers(0, len(CATEGORIES), m)],
                                SEGMENTS[rng.integers(0, len(SEGMENTS), m)], severity, weight,
                                dates(rng, m, 2022, 2024), lon, lat, region])
            planted["rows"] += m
            planted["region_referenced"] += int((referenced & is_first).sum())
            planted["duplicates"] += int(m - is_first.sum())
    return planted


def make_incidents(path: Path, n: int, country: Country, rng) -> dict:
    planted = {"rows": 0, "duplicates": 0}
    with open(path, "w", encoding="utf-8", newline="") as stream:
        stream.write(",".join(INCIDENT_COLUMNS) + "\n")
        for start in range(0, n, CHUNK):
            m = min(CHUNK, n - start)
            xy = country.mixture(m, (0.45, 0.50, 0.05))
            number = np.arange(start + 1, start + m + 1)
            # ACLED repeats an event on one row per actor: the next row, same id.
            repeat = np.zeros(m, dtype=bool)
            repeat[1:] = rng.random(m - 1) < 0.05
            repeat[1:] &= ~repeat[:-1]  # never a repeat of a repeat
            number[repeat] = number[np.flatnonzero(repeat) - 1]
            ids = np.char.add("MLI", number.astype(str))
            fatalities = np.where(rng.random(m) < 0.6, 0, rng.integers(0, 25, m)).astype(str)
            write_rows(stream, [ids, dates(rng, m, 2018, 2024), EVENT_TYPES[rng.integers(0, len(EVENT_TYPES), m)],
                                fatalities, fmt_coords(xy[:, 1]), fmt_coords(xy[:, 0])])
            planted["rows"] += m
            planted["duplicates"] += int(repeat.sum())
    return planted


def make_workload(out: str | Path, needs: int, incidents: int | None = None, initiatives: int = 10_000,
                  regions: str = "auto", seed: int = 7) -> dict:
    started = time.perf_counter()
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    rng = np.random.Generator(np.random.PCG64(seed))
    if regions == "auto":
        regions = "communes" if COMMUNES.exists() else "generated"
    if regions == "communes":
        regions_path = COMMUNES
    elif regions == "generated":
        regions_path = out / "regions.geojson"
        with open(regions_path, "w", encoding="utf-8") as stream:
            json.dump(generated_regions(np.random.Generator(np.random.PCG64(seed + 1))), stream)
    else:
        regions_path = Path(regions)
    region_ids, geoms = load_regions(regions_path)
    country = Country(geoms, rng)
    incidents = needs // 10 if incidents is None else incidents
    manifest = {
        "seed": seed, "regions": str(regions_path.resolve()), "region_count": len(region_ids),
        "region_vertices": int(shapely.get_num_coordinates(geoms).sum()),
        "initiatives": make_initiatives(out / "initiatives.csv", initiatives, country, region_ids, rng),
        "needs": make_needs(out / "needs.csv", needs, country, region_ids, shared_vertices(geoms, 16, rng), rng),
        "incidents": make_incidents(out / "incidents.csv", incidents, country, rng),
    }
    manifest["seconds"] = round(time.perf_counter() - started, 1)
    with open(out / "manifest.json", "w", encoding="utf-8") as stream:
        json.dump(manifest, stream, indent=1)
        stream.write("\n")
    return manifest


def parse_size(text: str) -> int:
    """10000, 10k, 1M, 1e6."""
    text = text.strip().lower()
    factor = {"k": 1_000, "m": 1_000_000}.get(text[-1:], 1)
    return int(float(text[:-1] if factor > 1 else text) * factor)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", required=True)
    parser.add_argument("--needs", type=parse_size, required=True, help="demand points: 10k, 100k, 1M, 10M")
    parser.add_argument("--incidents", type=parse_size, help="default: a tenth of --needs")
    parser.add_argument("--initiatives", type=parse_size, default=10_000)
    parser.add_argument("--regions", default="auto", help="communes, generated or a GeoJSON file (default: communes if present)")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    if args.needs < 1000 or args.initiatives < 100:
        parser.error("at least 1000 needs and 100 initiatives")
    manifest = make_workload(args.out, args.needs, args.incidents, args.initiatives, args.regions, args.seed)
    print(json.dumps(manifest, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
