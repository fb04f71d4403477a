#!/usr/bin/env python3
"""gapmap's coverage analysis written the way a GIS analyst would with GeoPandas.

    python3 scripts/bench/geopandas_analysis.py --regions R.geojson \
        --initiatives I.csv --needs N.csv --incidents C.csv --out DIR \
        [--radius 10] [--segments 64] [--include-planned] [--json]

The baseline of scripts/bench/compare_geopandas.py: the same inputs, the
semantics of DESIGN.md (1-10), the same outputs as `gapmap analyze`
(regions.geojson with the metrics, gaps.geojson, coverage.geojson,
needs.geojson and incidents.geojson with region_id and covered,
summary.csv, rejected.csv) and, with --json, the per-region metrics and
per-layer row accounting on stdout in the shape of `gapmap analyze --json`.

Written with the usual tools: geopandas.read_file (pyogrio), pandas.read_csv,
points_from_xy, sjoin, union_all, vectorised intersection/difference, and
pyproj.Geod for geodesic discs and areas; no hand-written loops over points.
Rules where DESIGN.md leaves room follow scripts/crosscheck/README.md
("Choices where DESIGN.md leaves room"); this script implements the parts
of them its workload exercises: CSV points and region references by id,
statuses, weights, radii, duplicate ids; not region names, polygon
initiatives, settlements or reprojection.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from pyproj import Geod
from shapely.geometry.polygon import orient

GEOD = Geod(ellps="WGS84")
REGION_ID_FIELDS = ("admin3Pcod", "admin2Pcod", "admin1Pcod", "ADM3_PCODE", "ADM2_PCODE", "ADM1_PCODE",
                    "shapeID", "GID_3", "GID_2", "GID_1", "id")
REGION_NAME_FIELDS = ("admin3Name", "admin2Name", "admin1Name", "ADM3_EN", "ADM2_EN", "ADM1_EN",
                      "shapeName", "NAME_3", "NAME_2", "NAME_1", "name")
COORDINATES = (("lon", "lat"), ("longitude", "latitude"), ("lng", "lat"), ("x", "y"))


def geodesic_area_km2(geometries: gpd.GeoSeries) -> np.ndarray:
    """Area on WGS84 of each (multi)polygon, outer rings minus holes, edges
    straight in lon/lat as gapmap measures them (RFC 7946): each edge cut into
    pieces of at most 0.0005° before PROJ's geodesic area."""
    def area(geometry) -> float:
        if geometry is None or geometry.is_empty:
            return 0.0
        parts = getattr(geometry, "geoms", [geometry])
        total = 0.0
        for part in parts:
            if part.geom_type != "Polygon":
                continue
            total += abs(GEOD.geometry_area_perimeter(orient(shapely.segmentize(part, 0.0005), 1.0))[0])
        return total / 1e6
    return np.array([area(g) for g in geometries])


def discs(lon: np.ndarray, lat: np.ndarray, radius_km: np.ndarray, segments: int) -> np.ndarray:
    """Geodesic discs: the destinations at azimuths 360*i/N from each centre."""
    n = len(lon)
    azimuths = np.array([360.0 * i / segments for i in range(segments)])
    x, y, _ = GEOD.fwd(np.repeat(lon, segments), np.repeat(lat, segments), np.tile(azimuths, n),
                       np.repeat(radius_km * 1000.0, segments))
    rings = np.stack([x.reshape(n, segments), y.reshape(n, segments)], axis=-1)
    rings = np.concatenate([rings, rings[:, :1, :]], axis=1)
    return shapely.polygons(rings)


def numeric(column: pd.Series) -> pd.Series:
    """A column as numbers (NaN where empty or not a number)."""
    return column if column.dtype.kind in "if" else pd.to_numeric(column, errors="coerce")


def read_points(path: str, regions: gpd.GeoDataFrame, layer: str) -> tuple[gpd.GeoDataFrame, dict, pd.DataFrame]:
    """A CSV layer: used rows with geometry (points or None), its accounting and its rejected rows."""
    table = pd.read_csv(path, dtype={"id": str, "event_id_cnty": str, "region": str, "status": str})
    table.columns = [c.strip().lower() for c in table.columns]
    table["line"] = np.arange(2, len(table) + 2)
    x, y = next(((a, b) for a, b in COORDINATES if a in table and b in table), (None, None))
    id_column = "id" if "id" in table else ("event_id_cnty" if "event_id_cnty" in table else None)
    nothing = pd.Series(np.nan, index=table.index)
    lon = numeric(table[x]) if x else nothing
    lat = numeric(table[y]) if y else nothing
    has_xy = (table[x].notna() | table[y].notna()) if x else pd.Series(False, index=table.index)
    reason = pd.Series("", index=table.index)
    reason[has_xy & (lon.isna() | lat.isna())] = "coordinates are not numbers"
    reason[has_xy & (reason == "") & ~lon.between(-180, 180)] = "longitude outside [-180, 180]"
    reason[has_xy & (reason == "") & ~lat.between(-90, 90)] = "latitude outside [-90, 90]"
    # Rows without coordinates name a region by id.
    region_ref = pd.Series(-1, index=table.index)
    if "region" in table:
        lookup = pd.Series(np.arange(len(regions)), index=regions["region_id"])
        lookup = lookup[~lookup.index.duplicated()]
        reference = table["region"].fillna("").str.strip()
        region_ref = reference.map(lookup).fillna(-1).astype(int).where(~has_xy, -1)
        reason[~has_xy & (reference == "")] = "no coordinates and no region"
        reason[~has_xy & (reference != "") & (region_ref < 0)] = "region matches no region id"
    else:
        reason[~has_xy] = "no coordinates and no region"
    weight = pd.Series(1.0, index=table.index)
    if "weight" in table:
        value = numeric(table["weight"])
        reason[(reason == "") & table["weight"].notna() & ~(value > 0)] = "weight is not a positive number"
        weight = value.fillna(1.0)
    if "severity" in table:
        value = numeric(table["severity"])
        bad = table["severity"].notna() & ~(value.between(1, 5) & (value == value.round()))
        reason[(reason == "") & bad] = "severity is not an integer 1-5"
    status = pd.Series("", index=table.index)
    radius = pd.Series(np.nan, index=table.index)
    if layer == "initiatives":
        status = table["status"].fillna("").str.strip().str.lower() if "status" in table else status
        reason[(reason == "") & ~status.isin(["", "active", "planned", "closed"])] = "unknown status"
        if "radius_km" in table:
            radius = numeric(table["radius_km"])
            reason[(reason == "") & table["radius_km"].notna() & ~(radius > 0)] = "radius_km is not a positive number"
    # Duplicates: a row repeating the id of an earlier *used* row.
    valid = reason == ""
    ids = table[id_column].fillna("").str.strip() if id_column else pd.Series("", index=table.index)
    position = np.arange(len(table))
    first_used = pd.Series(np.where(valid, position, len(table)), index=table.index).groupby(ids).transform("min")
    duplicate = (ids != "") & (position > first_used)
    used = (valid & ~duplicate).to_numpy()
    rows = gpd.GeoDataFrame({
        "id": ids, "line": table["line"], "weight": weight, "region_ref": region_ref,
        "status": status, "radius_km": radius,
    }, geometry=gpd.points_from_xy(lon, lat), crs="EPSG:4326")
    rows.loc[~has_xy, "geometry"] = None
    rows = rows[used].reset_index(drop=True)
    rejected = pd.DataFrame({
        "layer": layer, "file": path, "line": table["line"], "id": ids,
        "disposition": np.where(duplicate, "duplicate", "rejected"),
        "reason": np.where(duplicate, "duplicate id", reason),
    })[~used]
    account = {"read": len(table), "used": int(used.sum()), "rejected": int((~valid & ~duplicate).sum()),
               "duplicates": int(duplicate.sum())}
    return rows, account, rejected


def first_region(points: gpd.GeoDataFrame, regions: gpd.GeoDataFrame) -> np.ndarray:
    """Index of the first region (input order) covering each point, -1 for none."""
    located = points[points.geometry.notna()]
    joined = gpd.sjoin(located[["geometry"]], regions[["geometry"]], how="inner", predicate="intersects")
    first = joined["index_right"].groupby(level=0).min()
    out = np.full(len(points), -1)
    out[first.index.to_numpy()] = first.to_numpy()
    return out


def analyze(args) -> dict:
    timings = {}
    clock = time.perf_counter()

    def lap(name):
        nonlocal clock
        now = time.perf_counter()
        timings[name] = round(now - clock, 3)
        clock = now

    regions = gpd.read_file(args.regions)
    id_field = args.region_id or next(f for f in REGION_ID_FIELDS if f in regions.columns)
    name_field = args.region_name or next((f for f in REGION_NAME_FIELDS if f in regions.columns), None)
    regions["region_id"] = regions[id_field].astype(str)
    regions["name"] = regions[name_field] if name_field else regions["region_id"]
    regions = regions.reset_index(drop=True)
    area = geodesic_area_km2(regions.geometry)
    lap("read regions")

    layers = {}
    for layer in ("initiatives", "needs", "incidents"):
        path = getattr(args, layer)
        if path:
            layers[layer] = read_points(path, regions, layer)
    lap("read layers")

    # Footprints of the initiatives in the run, and coverage = their union.
    initiatives, _, _ = layers.get("initiatives", (gpd.GeoDataFrame(geometry=[]), None, None))
    in_run = initiatives["status"].isin(["", "active"] + (["planned"] if args.include_planned else [])) \
        if len(initiatives) else pd.Series(dtype=bool)
    run = initiatives[in_run.to_numpy()] if len(initiatives) else initiatives
    by_point = run.geometry.notna().to_numpy()
    footprints = np.empty(len(run), dtype=object)
    if by_point.any():
        located = run[by_point]
        radius = located["radius_km"].fillna(args.radius).to_numpy()
        footprints[by_point] = discs(located.geometry.x.to_numpy(), located.geometry.y.to_numpy(), radius, args.segments)
    if (~by_point).any():
        footprints[~by_point] = regions.geometry.to_numpy()[run["region_ref"].to_numpy()[~by_point]]
    footprints = gpd.GeoDataFrame(geometry=list(footprints), crs="EPSG:4326")
    coverage = footprints.union_all() if len(footprints) else shapely.Polygon()
    lap("footprints and union")

    # Covered part and gap of each region.
    shapely.prepare(coverage)
    inside = regions.geometry.intersection(coverage)
    gaps = regions.geometry.difference(coverage)
    covers = regions.geometry.covered_by(coverage).to_numpy()
    gap_area = geodesic_area_km2(gaps)
    # A region the coverage covers, or whose remainder is a sliver (< 1e-9 of
    # its area: noding along its own edges), is covered whole.
    whole = covers | gaps.is_empty.to_numpy() | (gap_area <= 1e-9 * area)
    covered = np.where(whole, area, geodesic_area_km2(inside))
    gaps = gaps.where(~whole, shapely.Polygon())
    gap_area = np.where(whole, 0.0, gap_area)
    share = np.minimum(np.divide(covered, area, out=np.zeros(len(area)), where=area > 0), 1.0)
    lap("overlay")

    # Points: their region and whether a footprint covers them.
    n = len(regions)
    sums = {}
    accounting = {}
    point_frames = {}
    for layer, (rows, account, _) in layers.items():
        region = first_region(rows, regions)
        located = rows.geometry.notna().to_numpy()
        region = np.where(located, region, rows["region_ref"].to_numpy())
        # Covered: in the coverage (the union of the footprints), boundary included.
        covered_flag = np.zeros(len(rows), dtype=bool)
        if layer != "initiatives":
            xy = shapely.get_coordinates(rows.geometry[located].to_numpy())
            covered_flag[located] = shapely.intersects_xy(coverage, xy[:, 0], xy[:, 1])
        weight = rows["weight"].to_numpy()
        covered_weight = np.where(located, np.where(covered_flag, weight, 0.0),
                                  weight * share[np.maximum(region, 0)])
        accounting[layer] = dict(account, points=int(located.sum()), assigned=int((located & (region >= 0)).sum()),
                                 unassigned=int((located & (region < 0)).sum()),
                                 region_referenced=int((~located).sum()))
        if layer == "initiatives":
            counted = region[(region >= 0) & in_run.to_numpy()]
            sums["initiatives"] = np.bincount(counted, minlength=n)
            continue
        known = region >= 0
        sums[layer] = np.bincount(region[known], weights=weight[known], minlength=n)
        sums[layer + "_covered"] = np.bincount(region[known], weights=covered_weight[known], minlength=n)
        rows = rows.assign(region_id=np.where(known, regions["region_id"].to_numpy()[np.maximum(region, 0)], None),
                           covered=covered_flag, covered_weight=covered_weight,
                           located_by=np.where(located, "point", "region_reference"))
        point_frames[layer] = rows
    lap("points")

    zeros = np.zeros(n)
    needs, needs_covered = sums.get("needs", zeros), sums.get("needs_covered", zeros)
    incidents, incidents_covered = sums.get("incidents", zeros), sums.get("incidents_covered", zeros)
    metrics = pd.DataFrame({
        "region_id": regions["region_id"], "name": regions["name"], "area_km2": area, "covered_km2": covered,
        "coverage_pct": 100.0 * np.divide(covered, area, out=np.zeros(n), where=area > 0),
        "initiatives": sums.get("initiatives", np.zeros(n, dtype=int)).astype(int),
        "needs": needs, "needs_covered": needs_covered, "needs_uncovered": needs - needs_covered,
        "incidents": incidents, "incidents_covered": incidents_covered,
        "incidents_uncovered": incidents - incidents_covered,
    })
    metrics["uncovered_demand"] = metrics["needs_uncovered"] + metrics["incidents_uncovered"]
    metrics["population"] = None
    metrics["covered_population"] = None
    order = metrics.sort_values(["uncovered_demand", "coverage_pct", "region_id"], ascending=[False, True, True]).index
    metrics.loc[order, "gap_rank"] = np.arange(1, n + 1)
    metrics["gap_rank"] = metrics["gap_rank"].astype(int)
    lap("metrics")

    # The outputs gapmap writes.
    out = args.out
    os.makedirs(out, exist_ok=True)
    gpd.GeoDataFrame(metrics, geometry=regions.geometry, crs="EPSG:4326").to_file(f"{out}/regions.geojson", driver="GeoJSON")
    gpd.GeoDataFrame(metrics[["region_id", "name", "coverage_pct", "uncovered_demand", "gap_rank"]].assign(gap_km2=gap_area),
                     geometry=gaps, crs="EPSG:4326").to_file(f"{out}/gaps.geojson", driver="GeoJSON")
    gpd.GeoDataFrame({"initiatives_in_run": [len(run)], "area_km2": geodesic_area_km2(gpd.GeoSeries([coverage]))},
                     geometry=[coverage], crs="EPSG:4326").to_file(f"{out}/coverage.geojson", driver="GeoJSON")
    for layer, frame in point_frames.items():
        frame.drop(columns=["region_ref", "status", "radius_km"]).to_file(f"{out}/{layer}.geojson", driver="GeoJSON")
    metrics.sort_values("gap_rank").to_csv(f"{out}/summary.csv", index=False)
    pd.concat([r for _, _, r in layers.values()]).to_csv(f"{out}/rejected.csv", index=False)
    lap("write")

    return {
        "regions": json.loads(metrics.to_json(orient="records", double_precision=15)),
        "layers": accounting,
        "timings": timings,
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--regions", required=True)
    parser.add_argument("--region-id")
    parser.add_argument("--region-name")
    parser.add_argument("--initiatives")
    parser.add_argument("--needs")
    parser.add_argument("--incidents")
    parser.add_argument("--radius", type=float, default=10.0)
    parser.add_argument("--segments", type=int, default=64)
    parser.add_argument("--include-planned", action="store_true")
    parser.add_argument("--out", required=True)
    parser.add_argument("--json", action="store_true", help="print the per-region metrics and row accounting")
    args = parser.parse_args(argv)
    result = analyze(args)
    if args.json:
        json.dump(result, sys.stdout)
        sys.stdout.write("\n")
    else:
        print(json.dumps(result["timings"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
