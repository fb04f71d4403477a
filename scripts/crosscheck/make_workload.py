#!/usr/bin/env python3
"""Seeded workload generator: initiatives, needs and ACLED-like incidents.

    python3 make_workload.py --regions REGIONS.geojson --out DIR --seed 7 \
        --initiatives 300 --needs 30000 --incidents 3000

writes DIR/initiatives.csv, DIR/needs.csv, DIR/incidents.csv and
DIR/manifest.json (what was planted: rejected rows, duplicates, points outside
every region, points on shared boundary vertices with the region they belong
to). The same seed and region file give byte-identical files: all randomness
comes from one random.Random(seed) through random() only, whose stream Python
keeps stable across versions.

Row counts given are the number of *distinct* items; planted duplicates and
invalid rows are added on top of them.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import random
import sys
from collections import Counter, defaultdict
from pathlib import Path

import crosscheck_deps

crosscheck_deps.require()

import numpy as np  # noqa: E402
import shapely  # noqa: E402

from reference_analysis import fold_name, load_regions  # noqa: E402

INITIATIVE_COLUMNS = ["id", "name", "actor", "kind", "status", "lon", "lat", "radius_km",
                      "region", "start_date", "end_date"]
NEED_COLUMNS = ["id", "category", "segment", "severity", "weight", "date", "lon", "lat", "region"]
INCIDENT_COLUMNS = ["event_id_cnty", "event_date", "event_type", "sub_event_type", "actor1",
                    "actor2", "admin1", "admin2", "admin3", "location", "latitude",
                    "longitude", "geo_precision", "fatalities"]

ACTORS = [("state", 35), ("community", 25), ("civil_society", 25), ("international", 15)]
KINDS = ["forum_securite_proximite", "patrol", "hotline", "training", "women_safety_committee",
         "youth_dialogue", "early_warning", "mediation"]
NAME_STEMS = ["Comité consultatif de sécurité", "Patrouille mixte", "Ligne verte",
              "Formation police de proximité", "Cellule femmes et sécurité",
              "Dialogue jeunes, forces de sécurité", "Système d'alerte précoce",
              "Médiation \"paix locale\""]
CATEGORIES = ["patrols", "lighting", "trust_building", "gbv_support", "youth_engagement",
              "early_warning", "justice_access", "checkpoint_conduct"]
SEGMENTS = ["women", "youth", "elders", "displaced", "traders", "herders", "farmers", "general"]
# Decimal weights are exact in binary on purpose: sums are then the same in
# any order, so equal uncovered_demand values (gap_rank ties) really are equal
# in both implementations.
WEIGHTS = [("1", 55), ("", 10), ("2", 8), ("3", 4), ("0.5", 5), ("1.5", 6), ("2.5", 3),
           ("0.25", 3), ("0.75", 3), ("1.25", 2), ("4.75", 1)]
EVENTS = {
    "Battles": ["Armed clash", "Government regains territory", "Non-state actor overtakes territory"],
    "Violence against civilians": ["Attack", "Abduction/forced disappearance"],
    "Explosions/Remote violence": ["Remote explosive/landmine/IED", "Shelling/artillery/missile attack"],
    "Riots": ["Violent demonstration", "Mob violence"],
    "Protests": ["Peaceful protest"],
    "Strategic developments": ["Looting/property destruction", "Arrests"],
}
ACLED_ACTORS = ["Military Forces of Mali (2021-)", "JNIM: Group for Support of Islam and Muslims",
                "Islamic State (Sahel)", "Dan Na Ambassagou", "Civilians (Mali)",
                "Wagner Group", "Unidentified Armed Group (Mali)", "Protesters (Mali)",
                "Fulani Ethnic Militia (Mali)", "Police Forces of Mali (2021-)"]


def fmt(value: float) -> str:
    """A coordinate with up to 7 decimals."""
    text = f"{value:.7f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


class Workload:
    def __init__(self, regions_path: str, seed: int):
        self.rng = random.Random(seed)
        self.regions = load_regions(regions_path)
        self.tree = shapely.STRtree(self.regions.geoms)
        self.bounds = shapely.total_bounds(self.regions.geoms)
        self.properties = self._properties(regions_path)

    @staticmethod
    def _properties(path):
        with open(path, encoding="utf-8") as stream:
            return [f.get("properties") or {} for f in json.load(stream)["features"]]

    # -- randomness through random() only -------------------------------
    def uniform(self, low: float, high: float) -> float:
        return low + (high - low) * self.rng.random()

    def index(self, n: int) -> int:
        return min(int(self.rng.random() * n), n - 1)

    def pick(self, items):
        return items[self.index(len(items))]

    def weighted(self, pairs):
        total = sum(w for _, w in pairs)
        x = self.rng.random() * total
        for value, w in pairs:
            x -= w
            if x < 0:
                return value
        return pairs[-1][0]

    def gauss(self, sigma: float) -> float:
        u1 = 1.0 - self.rng.random()  # (0, 1]
        u2 = self.rng.random()
        return sigma * math.sqrt(-2.0 * math.log(u1)) * math.cos(2.0 * math.pi * u2)

    def shuffle(self, items: list) -> None:
        for i in range(len(items) - 1, 0, -1):
            j = self.index(i + 1)
            items[i], items[j] = items[j], items[i]

    def date(self, first_year: int, last_year: int) -> str:
        return f"{first_year + self.index(last_year - first_year + 1)}-{1 + self.index(12):02d}-{1 + self.index(28):02d}"

    # -- points ----------------------------------------------------------
    def region_of(self, lon_texts, lat_texts) -> np.ndarray:
        """First region (input order) covering each written point, -1 if none."""
        xy = np.column_stack([[float(t) for t in lon_texts], [float(t) for t in lat_texts]])
        points = shapely.points(xy)
        point_index, region_index = self.tree.query(points, predicate="covered_by")
        first = np.full(len(points), len(self.regions), dtype=np.int64)
        np.minimum.at(first, point_index, region_index)
        first[first == len(self.regions)] = -1
        return first

    def _candidates(self, n: int, centres=None, sigma=0.0):
        lons, lats = [], []
        x0, y0, x1, y1 = self.bounds
        for _ in range(n):
            if centres:
                cx, cy = self.pick(centres)
                lon, lat = cx + self.gauss(sigma), cy + self.gauss(sigma)
            else:
                lon, lat = self.uniform(x0, x1), self.uniform(y0, y1)
            lons.append(fmt(lon))
            lats.append(fmt(lat))
        return lons, lats

    def points(self, n: int, inside: bool = True, centres=None, sigma: float = 0.0):
        """n written points (lon text, lat text, region index), inside or outside every region."""
        out = []
        while len(out) < n:
            batch = max(64, 3 * (n - len(out)))
            lons, lats = self._candidates(batch, centres, sigma)
            regions = self.region_of(lons, lats)
            for lon, lat, k in zip(lons, lats, regions):
                if (k >= 0) == inside and len(out) < n:
                    out.append((lon, lat, int(k)))
        return out

    def mixed_points(self, n: int, clustered_share: float, centres, sigma: float):
        clustered = int(round(n * clustered_share))
        pts = self.points(n - clustered) + self.points(clustered, centres=centres, sigma=sigma)
        self.shuffle(pts)
        return pts

    def shared_vertices(self, count: int):
        """Vertices shared by two or more regions, written exactly (repr), with
        the region they belong to: the first in input order."""
        owners = defaultdict(set)
        for k, geom in enumerate(self.regions.geoms):
            for x, y in shapely.get_coordinates(shapely.boundary(geom)):
                owners[(float(x), float(y))].add(k)
        shared = sorted((xy, sorted(ks)) for xy, ks in owners.items() if len(ks) >= 2)
        # Prefer vertices whose first region (input order) does not have the
        # smallest id, so "first in input order" and "smallest id" disagree.
        telling = [(xy, ks) for xy, ks in shared
                   if min(self.regions.ids[k] for k in ks) != self.regions.ids[ks[0]]]
        pool = telling if len(telling) >= count else shared
        chosen = []
        while len(chosen) < min(count, len(pool)):
            candidate = self.pick(pool)
            if candidate not in chosen:
                chosen.append(candidate)
        return [(repr(xy[0]), repr(xy[1]), ks[0], ks) for xy, ks in chosen]


def insert_after(w: Workload, rows: list, original_index: int, row) -> None:
    """Insert row at a random position after rows[original_index]."""
    position = original_index + 1 + w.index(len(rows) - original_index)
    rows.insert(position, row)


def write_csv(path: Path, columns, rows) -> None:
    with open(path, "w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow([row.get(c, "") for c in columns])


def make_initiatives(w: Workload, n: int, centres, manifest) -> list[dict]:
    referenced = max(1, round(n * 0.03))
    on_vertex = w.shared_vertices(2)
    pts = w.mixed_points(n - referenced - len(on_vertex), 0.3, centres, 0.25)
    places = [(lon, lat, "") for lon, lat, _ in pts]
    places += [(lon, lat, "") for lon, lat, _, _ in on_vertex]
    places += [("", "", w.regions.ids[w.index(len(w.regions))]) for _ in range(referenced)]
    w.shuffle(places)
    rows = []
    for i, (lon, lat, region) in enumerate(places, start=1):
        status = w.weighted([("active", 78), ("planned", 15), ("closed", 5), ("", 2)])
        start = w.date(2015, 2024)
        end = w.date(int(start[:4]), 2026) if status == "closed" or w.rng.random() < 0.3 else ""
        radius = "" if region or w.rng.random() < 0.10 else f"{w.uniform(2, 40):.{1 + w.index(2)}f}"
        stem = w.index(len(KINDS))
        rows.append({
            "id": f"INI-{i:04d}", "name": f"{NAME_STEMS[stem]} {i}", "actor": w.weighted(ACTORS),
            "kind": KINDS[stem], "status": status, "lon": lon, "lat": lat,
            "radius_km": radius, "region": region, "start_date": start, "end_date": end,
        })
    # A couple of duplicate ids: a later row repeats an id with other values.
    duplicates = 0
    for _ in range(2):
        original = w.index(len(rows) // 2)
        copy = dict(rows[original], status="closed" if rows[original]["status"] != "closed" else "active",
                    radius_km="35", name=rows[original]["name"] + " (bis)")
        insert_after(w, rows, original, copy)
        duplicates += 1
    # Two invalid rows (unique ids): radius 0, and no coordinates nor region.
    template = next(r for r in rows if r["lon"])
    bad = [dict(template, id="INI-BAD1", radius_km="0"),
           dict(template, id="INI-BAD2", lon="", lat="", region="")]
    for row in bad:
        rows.insert(1 + w.index(len(rows)), row)
    manifest["initiatives"] = {
        "rows": len(rows), "rejected": len(bad), "duplicates": duplicates,
        "region_referenced": referenced, "unassigned": 0,
        "boundary_vertices": [{"lon": lon, "lat": lat, "region_id": w.regions.ids[k],
                               "covering_region_ids": [w.regions.ids[j] for j in ks]}
                              for lon, lat, k, ks in on_vertex],
    }
    return rows


def make_needs(w: Workload, n: int, centres, manifest) -> list[dict]:
    referenced = max(2, round(n * 0.02))
    outside = max(1, round(n * 0.005))
    on_vertex = w.shared_vertices(8)
    inside = n - referenced - outside - len(on_vertex)
    places = [(lon, lat, "") for lon, lat, _ in w.mixed_points(inside, 0.3, centres, 0.3)]
    places += [(lon, lat, "") for lon, lat, _ in w.points(outside, inside=False)]
    places += [(lon, lat, "") for lon, lat, _, _ in on_vertex]
    places += [("", "", w.regions.ids[w.index(len(w.regions))]) for _ in range(referenced)]
    w.shuffle(places)
    rows = []
    for i, (lon, lat, region) in enumerate(places, start=1):
        rows.append({
            "id": f"N{i:06d}", "category": w.pick(CATEGORIES), "segment": w.pick(SEGMENTS),
            "severity": "" if w.rng.random() < 0.1 else str(1 + w.index(5)),
            "weight": w.weighted(WEIGHTS), "date": w.date(2022, 2024),
            "lon": lon, "lat": lat, "region": region,
        })
    # Two references by name instead of P-code, in capitals (names are matched
    # case- and accent-insensitively when unique). Only names that no other
    # feature carries in any property (alternate names, parent names), so
    # that a reader matching alternate names finds them unique too.
    names = [name for name in w.regions.names if name]
    carriers = Counter(text for props in w.properties
                       for text in {fold_name(v) for v in props.values() if isinstance(v, str)})
    unique = sorted(name for name in names if carriers[fold_name(name)] == 1)
    by_name = [r for r in rows if r["region"]][:2]
    for row in by_name:
        row["region"] = w.pick(unique).upper()
    duplicates = 0
    for _ in range(6):
        original = w.index(len(rows) - 1)
        insert_after(w, rows, original, dict(rows[original], weight="9", severity="5"))
        duplicates += 1
    # Invalid rows, each with its own id so that no choice about duplicates
    # of rejected rows matters here.
    template = next(r for r in rows if r["lon"])
    bad = [
        dict(template, lat="120"), dict(template, lat="-95.5"),
        dict(template, weight="abc"), dict(template, weight="n/a"),
        dict(template, weight="0"), dict(template, weight="-2"),
        dict(template, lon="", lat="", region=""), dict(template, lon="", lat="", region=""),
        dict(template, severity="7"),
        dict(template, lon="", lat="", region="ML999999"),
    ]
    ambiguous = sorted({name for name in names if names.count(name) > 1})
    if ambiguous:
        bad.append(dict(template, lon="", lat="", region=w.pick(ambiguous)))
    for k, row in enumerate(bad, start=1):
        row["id"] = f"N-BAD{k:02d}"
        rows.insert(1 + w.index(len(rows)), row)
    manifest["needs"] = {
        "rows": len(rows), "rejected": len(bad), "duplicates": duplicates,
        "region_referenced": referenced, "unassigned": outside,
        "boundary_vertices": [{"lon": lon, "lat": lat, "region_id": w.regions.ids[k],
                               "covering_region_ids": [w.regions.ids[j] for j in ks]}
                              for lon, lat, k, ks in on_vertex],
    }
    return rows


def make_incidents(w: Workload, n: int, centres, manifest) -> list[dict]:
    outside = max(1, round(n * 0.002))
    on_vertex = w.shared_vertices(4)
    pts = [(lon, lat, k) for lon, lat, k in w.mixed_points(n - outside - len(on_vertex), 0.5, centres, 0.4)]
    pts += [(lon, lat, -1) for lon, lat, _ in w.points(outside, inside=False)]
    pts += [(lon, lat, k) for lon, lat, k, _ in on_vertex]
    w.shuffle(pts)
    rows = []
    for i, (lon, lat, k) in enumerate(pts, start=1):
        event_type = w.pick(list(EVENTS))
        props = w.properties[k] if k >= 0 else {}
        rows.append({
            "event_id_cnty": f"MLI{20000 + i}", "event_date": w.date(2020, 2024),
            "event_type": event_type, "sub_event_type": w.pick(EVENTS[event_type]),
            "actor1": w.pick(ACLED_ACTORS), "actor2": w.pick(ACLED_ACTORS) if w.rng.random() < 0.7 else "",
            "admin1": props.get("admin1Name", ""), "admin2": props.get("admin2Name", ""),
            "admin3": props.get("admin3Name", ""), "location": props.get("admin3Name", "") or "Unknown",
            "latitude": lat, "longitude": lon, "geo_precision": str(1 + w.index(2)),
            "fatalities": str(0 if w.rng.random() < 0.6 else w.index(25)),
        })
    # ACLED repeats an event on one row per actor.
    repeated = max(1, round(n * 0.05))
    chosen = set()
    while len(chosen) < repeated:
        chosen.add(w.index(len(rows)))
    for original in sorted(chosen, reverse=True):
        row = rows[original]
        repeat = dict(row, actor1=row["actor2"] or w.pick(ACLED_ACTORS), actor2=row["actor1"])
        rows.insert(original + 1, repeat)
    manifest["incidents"] = {
        "rows": len(rows), "rejected": 0, "duplicates": repeated,
        "region_referenced": 0, "unassigned": outside,
        "boundary_vertices": [{"lon": lon, "lat": lat, "region_id": w.regions.ids[k],
                               "covering_region_ids": [w.regions.ids[j] for j in ks]}
                              for lon, lat, k, ks in on_vertex],
    }
    return rows


def make_workload(regions: str, out: str | Path, seed: int, initiatives: int = 300,
                  needs: int = 30000, incidents: int = 3000) -> dict:
    w = Workload(regions, seed)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    # Clusters: a dozen towns (random points inside regions) where activity concentrates.
    centres = [(float(lon), float(lat)) for lon, lat, _ in w.points(12)]
    manifest = {"seed": seed, "regions": str(regions), "region_count": len(w.regions)}
    write_csv(out / "initiatives.csv", INITIATIVE_COLUMNS, make_initiatives(w, initiatives, centres, manifest))
    write_csv(out / "needs.csv", NEED_COLUMNS, make_needs(w, needs, centres, manifest))
    write_csv(out / "incidents.csv", INCIDENT_COLUMNS, make_incidents(w, incidents, centres, manifest))
    with open(out / "manifest.json", "w", encoding="utf-8") as stream:
        json.dump(manifest, stream, indent=1, ensure_ascii=False)
        stream.write("\n")
    return manifest


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--regions", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--initiatives", type=int, default=300)
    parser.add_argument("--needs", type=int, default=30000)
    parser.add_argument("--incidents", type=int, default=3000)
    args = parser.parse_args(argv)
    if min(args.initiatives, args.needs, args.incidents) < 20:
        parser.error("each layer needs at least 20 items")
    manifest = make_workload(args.regions, args.out, args.seed, args.initiatives,
                             args.needs, args.incidents)
    for layer in ("initiatives", "needs", "incidents"):
        m = manifest[layer]
        print(f"{layer}: {m['rows']} rows ({m['rejected']} invalid, {m['duplicates']} duplicates, "
              f"{m['region_referenced']} region-referenced, {m['unassigned']} outside every region, "
              f"{len(m['boundary_vertices'])} on shared vertices)")
    print(f"written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
