#!/usr/bin/env python3
"""Independent reference implementation of gapmap's coverage analysis.

Implements the "Semantics" section (1-10) of DESIGN.md with shapely 2 (GEOS)
for the overlay and pyproj's Geod (PROJ's geodesic routines, Karney's
algorithms) for the geodesy, so that gapmap's Swift figures can be checked
against numbers computed by different code.

    python3 reference_analysis.py --regions R.geojson [--region-id FIELD]
        [--region-name FIELD] [--initiatives I.csv] [--needs N.csv]
        [--incidents C.csv] [--settlements S.csv] [--radius 10]
        [--segments 64] [--include-planned] > reference.json

Choices where DESIGN.md leaves room are marked "Resolution:" below and listed
in README.md; the Swift side must make the same ones for the figures to match.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import re
import sys
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import crosscheck_deps

crosscheck_deps.require()

import numpy as np  # noqa: E402  (after the dependency check on purpose)
import shapely  # noqa: E402
from pyproj import Geod  # noqa: E402

GEOD = Geod(ellps="WGS84")

REGION_ID_FIELDS = (
    "admin3Pcod", "admin2Pcod", "admin1Pcod",
    "ADM3_PCODE", "ADM2_PCODE", "ADM1_PCODE",
    "shapeID", "GID_3", "GID_2", "GID_1", "id",
)
REGION_NAME_FIELDS = (
    "admin3Name", "admin2Name", "admin1Name",
    "ADM3_EN", "ADM2_EN", "ADM1_EN",
    "shapeName", "NAME_3", "NAME_2", "NAME_1", "name",
)
# Coordinate column pairs, tried in this order; the first pair whose two
# columns are both in the header is used.
COORDINATE_COLUMNS = (
    ("lon", "lat"), ("longitude", "latitude"),
    ("lng", "lat"), ("lng", "latitude"), ("x", "y"),
)
WGS84_CRS_NAMES = {
    "urn:ogc:def:crs:OGC:1.3:CRS84", "urn:ogc:def:crs:OGC::CRS84",
    "urn:ogc:def:crs:EPSG::4326", "EPSG:4326", "CRS84",
}
STATUSES = {"", "active", "planned", "closed"}
LAYER_NAMES = ("initiatives", "needs", "incidents", "settlements")

# Resolution: a number is a plain decimal literal (optional sign, digits,
# optional fraction, optional exponent) after trimming blanks. "nan", "inf",
# "1_000", "0x10" and decimal commas ("2,5") are not numbers.
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
_INTEGER = re.compile(r"[+-]?\d+")


class InputError(Exception):
    """A problem with an input file as a whole (not a single row)."""


def parse_number(text: str) -> float | None:
    text = text.strip()
    if not _NUMBER.fullmatch(text):
        return None
    value = float(text)
    return value if math.isfinite(value) else None


def fold_name(text: str) -> str:
    """Case- and accent-insensitive form of a region name."""
    decomposed = unicodedata.normalize("NFKD", text.strip())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


# --------------------------------------------------------------------------
# Geodesy (semantics 1 and 3)
# --------------------------------------------------------------------------

def geodesic_disc(lon: float, lat: float, radius_km: float, segments: int):
    """The N-gon of geodesic destinations at azimuths 360*i/N from north."""
    # 360.0 * i / N (one rounding) rather than i * (360/N): identical when
    # N divides 360 exactly in binary (64), at most 1 ulp apart otherwise.
    azimuths = np.array([360.0 * i / segments for i in range(segments)])
    lons, lats, _ = GEOD.fwd(
        np.full(segments, float(lon)), np.full(segments, float(lat)),
        azimuths, np.full(segments, radius_km * 1000.0),
    )
    return shapely.Polygon(np.column_stack([lons, lats]))


def polygon_parts(geom) -> list:
    """Every Polygon in geom; lines and points of a collection are ignored."""
    if geom is None or geom.is_empty:
        return []
    if geom.geom_type == "Polygon":
        return [geom]
    if geom.geom_type in ("MultiPolygon", "GeometryCollection"):
        return [p for part in geom.geoms for p in polygon_parts(part)]
    return []


# Semantics 3: edges are straight lines in longitude/latitude (RFC 7946
# §3.1.1). Independently of gapmap's quadrature, every edge is cut into
# pieces of at most DENSIFY_DEGREES, along which a geodesic and the straight
# lon/lat line differ by ~(0.0005° in radians)² of the area, and PROJ's
# geodesic polygon area (Karney) is taken on the densified ring.
DENSIFY_DEGREES = 0.0005


def ring_area_m2(ring) -> float:
    """Unsigned area enclosed by one ring with straight lon/lat edges, in m²."""
    xy = shapely.get_coordinates(shapely.segmentize(ring, DENSIFY_DEGREES))
    if len(xy) > 1 and xy[0, 0] == xy[-1, 0] and xy[0, 1] == xy[-1, 1]:
        xy = xy[:-1]  # PROJ closes the ring itself
    if len(xy) < 3:
        return 0.0
    area, _ = GEOD.polygon_area_perimeter(xy[:, 0], xy[:, 1])
    # The sign only says the ring's orientation; semantics 3 wants
    # |outer| - sum |holes| whatever the orientation in the file.
    return abs(area)


def geodesic_area_km2(geom) -> float:
    total = 0.0
    for polygon in polygon_parts(geom):
        total += ring_area_m2(polygon.exterior)
        total -= sum(ring_area_m2(hole) for hole in polygon.interiors)
    return total / 1e6


# --------------------------------------------------------------------------
# Regions
# --------------------------------------------------------------------------

@dataclass
class Regions:
    ids: list[str]
    names: list[str | None]
    geoms: np.ndarray  # shapely geometries, input order
    populations: list[float | None]
    id_field: str
    name_field: str | None
    _by_id: dict[str, int] = field(default_factory=dict)
    _by_name: dict[str, list[int]] = field(default_factory=dict)

    def __post_init__(self):
        for index, region_id in enumerate(self.ids):
            self._by_id.setdefault(region_id, index)
        for index, name in enumerate(self.names):
            if name:
                self._by_name.setdefault(fold_name(name), []).append(index)

    def __len__(self) -> int:
        return len(self.ids)

    def resolve(self, reference: str) -> tuple[int | None, str | None]:
        """(region index, None) or (None, rejection reason)."""
        if reference in self._by_id:
            return self._by_id[reference], None
        matches = self._by_name.get(fold_name(reference), [])
        if len(matches) == 1:
            return matches[0], None
        if matches:
            return None, f"region name '{reference}' is ambiguous ({len(matches)} regions)"
        return None, f"region '{reference}' matches no region id or name"


def _property_text(value) -> str | None:
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _property_number(value) -> float | None:
    # Resolution: population may be a JSON number or a numeric string.
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return float(value) if math.isfinite(value) else None
    if isinstance(value, str):
        return parse_number(value)
    return None


def load_regions(path: str | Path, id_field: str | None = None,
                 name_field: str | None = None) -> Regions:
    with open(path, encoding="utf-8") as stream:
        document = json.load(stream)
    crs = document.get("crs")
    if crs is not None:
        crs_name = str((crs.get("properties") or {}).get("name", ""))
        if crs_name not in WGS84_CRS_NAMES:
            raise InputError(f"{path}: CRS {crs_name!r} is not WGS84 lon/lat "
                             "(the reference does not reproject)")
    features = document.get("features") or []
    if not features:
        raise InputError(f"{path}: no features")
    first = features[0].get("properties") or {}
    if id_field is None:
        id_field = next((f for f in REGION_ID_FIELDS if f in first), None)
        if id_field is None:
            raise InputError(f"{path}: no region id field found; pass --region-id")
    if name_field is None:
        name_field = next((f for f in REGION_NAME_FIELDS if f in first), None)

    ids, names, geoms, populations = [], [], [], []
    for number, feature in enumerate(features, start=1):
        properties = feature.get("properties") or {}
        region_id = _property_text(properties.get(id_field))
        if not region_id:
            raise InputError(f"{path}: feature {number} has no '{id_field}'")
        geometry = feature.get("geometry")
        if not geometry or geometry.get("type") not in ("Polygon", "MultiPolygon"):
            raise InputError(f"{path}: feature {number} ({region_id}) is not a "
                             "Polygon or MultiPolygon")
        geom = shapely.geometry.shape(geometry)
        if not geom.is_valid:
            raise InputError(f"{path}: feature {number} ({region_id}) is invalid: "
                             f"{shapely.is_valid_reason(geom)}")
        ids.append(region_id)
        names.append(_property_text(properties.get(name_field)) if name_field else None)
        geoms.append(geom)
        populations.append(_property_number(properties.get("population")))
    geom_array = np.empty(len(geoms), dtype=object)
    geom_array[:] = geoms
    return Regions(ids, names, geom_array, populations, id_field, name_field)


# --------------------------------------------------------------------------
# CSV layers
# --------------------------------------------------------------------------

@dataclass
class Row:
    """A used row of a point layer."""
    line: int
    row_id: str
    point: tuple[float, float] | None   # (lon, lat), or None when referenced
    region_ref: int | None              # referenced region index
    weight: float = 1.0
    status: str = ""                    # initiatives
    radius_km: float | None = None      # initiatives; None = run default
    population: float = 0.0             # settlements


@dataclass
class Layer:
    name: str
    rows: list[Row] = field(default_factory=list)
    rejected: list[tuple[int, str]] = field(default_factory=list)
    duplicates: list[tuple[int, str]] = field(default_factory=list)

    @property
    def read(self) -> int:
        return len(self.rows) + len(self.rejected) + len(self.duplicates)


class _Columns:
    def __init__(self, header: list[str]):
        self.index: dict[str, int] = {}
        for position, name in enumerate(header):
            self.index.setdefault(name.strip().lower(), position)

    def has(self, name: str) -> bool:
        return name in self.index

    def get(self, record: list[str], name: str) -> str:
        position = self.index.get(name)
        if position is None or position >= len(record):
            return ""
        return record[position].strip()


def _check_row(layer: str, cols: _Columns, record: list[str], coordinate_pair,
               regions: Regions) -> tuple[Row | None, str | None]:
    """Validate one record: (row, None) or (None, reason)."""
    point = None
    region_ref = None
    lon_text = cols.get(record, coordinate_pair[0]) if coordinate_pair else ""
    lat_text = cols.get(record, coordinate_pair[1]) if coordinate_pair else ""
    if lon_text or lat_text:
        # Resolution: coordinates win over a region column; a row with only
        # one of the two coordinates is rejected.
        lon, lat = parse_number(lon_text), parse_number(lat_text)
        if lon is None or lat is None:
            return None, f"coordinates '{lon_text}', '{lat_text}' are not numbers"
        if not -180.0 <= lon <= 180.0:
            return None, f"longitude {lon_text} outside [-180, 180]"
        if not -90.0 <= lat <= 90.0:
            return None, f"latitude {lat_text} outside [-90, 90]"
        point = (lon, lat)
    else:
        reference = cols.get(record, "region") if layer != "settlements" else ""
        if not reference:
            return None, "no coordinates and no region"
        region_ref, reason = regions.resolve(reference)
        if reason:
            return None, reason

    row = Row(line=0, row_id="", point=point, region_ref=region_ref)
    if layer != "settlements":
        weight_text = cols.get(record, "weight")
        if weight_text:
            weight = parse_number(weight_text)
            if weight is None or weight <= 0:
                return None, f"weight '{weight_text}' is not a positive number"
            row.weight = weight
        severity_text = cols.get(record, "severity")
        if severity_text:
            if not _INTEGER.fullmatch(severity_text) or not 1 <= int(severity_text) <= 5:
                return None, f"severity '{severity_text}' is not an integer 1-5"
    if layer == "initiatives":
        status = cols.get(record, "status").lower()
        if status not in STATUSES:
            # Resolution: an unknown status is a rejected row, not "active".
            return None, f"status '{status}' is not active, planned or closed"
        row.status = status
        radius_text = cols.get(record, "radius_km")
        if radius_text:
            radius = parse_number(radius_text)
            if radius is None or radius <= 0:
                return None, f"radius_km '{radius_text}' is not a positive number"
            row.radius_km = radius
    if layer == "settlements":
        population_text = cols.get(record, "population")
        population = parse_number(population_text)
        if population is None or population < 0:
            return None, f"population '{population_text}' is not a number >= 0"
        row.population = population
    return row, None


def load_layer(layer: str, path: str | Path, regions: Regions) -> Layer:
    result = Layer(layer)
    with open(path, encoding="utf-8-sig", newline="") as stream:
        reader = csv.reader(stream)
        header = next(reader, None)
        if header is None:
            return result
        cols = _Columns(header)
        coordinate_pair = next(
            (pair for pair in COORDINATE_COLUMNS if cols.has(pair[0]) and cols.has(pair[1])),
            None,
        )
        id_column = "id" if cols.has("id") else ("event_id_cnty" if cols.has("event_id_cnty") else None)
        first_line_of_id: dict[str, int] = {}
        previous_end = reader.line_num  # header ends here
        for record in reader:
            line = previous_end + 1  # a record's first physical line
            previous_end = reader.line_num
            if not any(cell.strip() for cell in record):
                continue  # Resolution: blank lines are not rows
            row_id = cols.get(record, id_column) if id_column else ""
            # Resolution: a row repeating the id of a *used* row is a duplicate,
            # whatever else is wrong with it. Only used rows claim an id, so a
            # row repeating the id of a rejected row is validated and may be
            # used. An empty id is never a duplicate.
            if row_id and row_id in first_line_of_id:
                result.duplicates.append(
                    (line, f"duplicate id '{row_id}' (line {first_line_of_id[row_id]} is used)"))
                continue
            row, reason = _check_row(layer, cols, record, coordinate_pair, regions)
            if row is None:
                result.rejected.append((line, reason))
                continue
            row.line = line
            row.row_id = row_id
            if row_id:
                first_line_of_id[row_id] = line
            result.rows.append(row)
    return result


# --------------------------------------------------------------------------
# Overlay (semantics 2, 4, 5)
# --------------------------------------------------------------------------

def first_covering_region(points: np.ndarray, regions: Regions) -> np.ndarray:
    """Index of the first region (input order) covering each point, or -1."""
    if len(points) == 0:
        return np.empty(0, dtype=np.int64)
    tree = shapely.STRtree(points)
    # query() tests predicate(input, tree geometry) with the input prepared:
    # region.covers(point), boundary included.
    region_index, point_index = tree.query(regions.geoms, predicate="covers")
    none = len(regions)
    first = np.full(len(points), none, dtype=np.int64)
    np.minimum.at(first, point_index, region_index)
    first[first == none] = -1
    return first


def covered_by_any(points: np.ndarray, footprints: list) -> np.ndarray:
    """True where some individual footprint covers the point.

    Tested against each footprint rather than their union: a point is in the
    union exactly when it is in one of them, and testing the footprints
    themselves avoids the union's re-noded boundary, so points on a disc's
    edge (or a referenced region's boundary) are judged on the footprint as
    defined in semantics 1.
    """
    flags = np.zeros(len(points), dtype=bool)
    if len(points) == 0 or not footprints:
        return flags
    tree = shapely.STRtree(points)
    _, point_index = tree.query(np.array(footprints, dtype=object), predicate="covers")
    flags[point_index] = True
    return flags


def in_run(status: str, include_planned: bool) -> bool:
    return status in ("", "active") or (include_planned and status == "planned")


# --------------------------------------------------------------------------
# The analysis
# --------------------------------------------------------------------------

def analyze(regions: Regions, layer_paths: dict[str, str | None], radius_km: float = 10.0,
            segments: int = 64, include_planned: bool = False,
            timings: dict[str, float] | None = None, programmes_as_coverage: bool = False) -> dict:
    timings = timings if timings is not None else {}
    clock = time.perf_counter()

    def lap(name: str):
        nonlocal clock
        now = time.perf_counter()
        timings[name] = now - clock
        clock = now

    n = len(regions)
    area = np.array([geodesic_area_km2(g) for g in regions.geoms])
    lap("region areas")

    layers = {name: load_layer(name, path, regions)
              for name, path in layer_paths.items() if path}
    lap("read layers")

    # Footprints of the initiatives in the run (semantics 1-2). A row that
    # names a region is a programme: present in that region, no footprint,
    # unless the run counts programmes as coverage (then its region's polygon).
    initiatives_in_region = np.zeros(n, dtype=np.int64)
    programmes_in_region = np.zeros(n, dtype=np.int64)
    footprints = []
    run_rows = []
    if "initiatives" in layers:
        for row in layers["initiatives"].rows:
            if not in_run(row.status, include_planned):
                continue
            run_rows.append(row)
            if row.point is None:
                programmes_in_region[row.region_ref] += 1
                if programmes_as_coverage:
                    footprints.append(regions.geoms[row.region_ref])
            else:
                radius = row.radius_km if row.radius_km is not None else radius_km
                footprints.append(geodesic_disc(row.point[0], row.point[1], radius, segments))
    coverage = shapely.union_all(np.array(footprints, dtype=object)) if footprints \
        else shapely.Polygon()
    lap("footprints and union")

    # covered_km2 = area(region ∩ coverage) (semantics 3).
    covered = np.zeros(n)
    if not coverage.is_empty:
        shapely.prepare(coverage)
        touching = shapely.intersects(coverage, regions.geoms)
        inside = shapely.covers(coverage, regions.geoms)
        for i in np.flatnonzero(touching):
            # Resolution: a region the coverage covers is covered exactly:
            # covered_km2 == area_km2 and coverage_pct == 100, with no
            # rounding from the overlay (matters for gap_rank ties). "Covers"
            # is judged by the predicate or, where noding of the union leaves
            # the predicate false by a hair, by an empty region − coverage:
            # otherwise vertices the overlay adds on long edges change the
            # geodesic area and give more than 100 %.
            # A remainder below 1e-9 of the region's area (1 m² in 1,000 km²)
            # is a noding sliver along the region's own edges, not a gap.
            remainder = None if inside[i] else shapely.difference(regions.geoms[i], coverage)
            if inside[i] or remainder.is_empty or geodesic_area_km2(remainder) <= 1e-9 * area[i]:
                covered[i] = area[i]
            else:
                covered[i] = geodesic_area_km2(shapely.intersection(regions.geoms[i], coverage))
    fraction = np.divide(covered, area, out=np.zeros(n), where=area > 0)
    # Resolution: a share of a weight or a population is at most all of it,
    # even where noding of the overlay gives covered_km2 a hair above area_km2.
    share = np.minimum(fraction, 1.0)
    lap("covered areas")

    # Points: region and covered flag (semantics 4-6).
    demand = {name: (np.zeros(n), np.zeros(n)) for name in ("needs", "incidents", "settlements")}
    accounting = {}
    for name, layer in layers.items():
        point_rows = [r for r in layer.rows if r.point is not None]
        xy = np.array([r.point for r in point_rows], dtype=float).reshape(-1, 2)
        points = shapely.points(xy) if len(xy) else np.empty(0, dtype=object)
        region_of = first_covering_region(points, regions)
        accounting[name] = {
            "read": layer.read,
            "used": len(layer.rows),
            "rejected": len(layer.rejected),
            "duplicates": len(layer.duplicates),
            "points": len(point_rows),
            "assigned": int(np.count_nonzero(region_of >= 0)),
            "unassigned": int(np.count_nonzero(region_of < 0)),
            "region_referenced": len(layer.rows) - len(point_rows),
        }
        if name == "initiatives":
            located = {id(r): k for r, k in zip(point_rows, region_of)}
            for row in run_rows:
                if row.point is None and not programmes_as_coverage:
                    continue  # a programme: counted by programmes, not located
                k = row.region_ref if row.point is None else located[id(row)]
                if k >= 0:
                    initiatives_in_region[k] += 1
            continue
        is_covered = covered_by_any(points, footprints)
        total, covered_sum = demand[name]
        # Sums run in row (file) order.
        point_number = 0
        for row in layer.rows:
            value = row.population if name == "settlements" else row.weight
            if row.point is None:
                k = row.region_ref
                total[k] += value
                covered_sum[k] += value * share[k]
            else:
                k = region_of[point_number]
                if k >= 0:
                    total[k] += value
                    if is_covered[point_number]:
                        covered_sum[k] += value
                point_number += 1
    lap("points")

    needs, needs_covered = demand["needs"]
    incidents, incidents_covered = demand["incidents"]
    needs_uncovered = needs - needs_covered
    incidents_uncovered = incidents - incidents_covered
    uncovered_demand = needs_uncovered + incidents_uncovered
    coverage_pct = 100.0 * fraction

    order = sorted(range(n), key=lambda i: (-uncovered_demand[i], coverage_pct[i], regions.ids[i]))
    gap_rank = np.empty(n, dtype=np.int64)
    gap_rank[order] = np.arange(1, n + 1)

    region_rows = []
    for i in range(n):
        if "settlements" in layers:
            population = _number(demand["settlements"][0][i])
            covered_population = _number(demand["settlements"][1][i])
        elif regions.populations[i] is not None:
            population = _number(regions.populations[i])
            covered_population = regions.populations[i] * share[i]
        else:
            population = covered_population = None
        region_rows.append({
            "region_id": regions.ids[i],
            "name": regions.names[i],
            "area_km2": float(area[i]),
            "covered_km2": float(covered[i]),
            "coverage_pct": float(coverage_pct[i]),
            "initiatives": int(initiatives_in_region[i]),
            "programmes": int(programmes_in_region[i]),
            "needs": float(needs[i]),
            "needs_covered": float(needs_covered[i]),
            "needs_uncovered": float(needs_uncovered[i]),
            "incidents": float(incidents[i]),
            "incidents_covered": float(incidents_covered[i]),
            "incidents_uncovered": float(incidents_uncovered[i]),
            "uncovered_demand": float(uncovered_demand[i]),
            "population": population,
            "covered_population": covered_population,
            "gap_rank": int(gap_rank[i]),
        })
    lap("metrics")

    issues = []
    for name, layer in layers.items():
        issues += [{"layer": name, "line": line, "reason": reason} for line, reason in layer.rejected]
        issues += [{"layer": name, "line": line, "reason": reason} for line, reason in layer.duplicates]
    return {
        "regions": region_rows,
        "layers": accounting,
        "rejected": issues,
        "parameters": {
            "region_id_field": regions.id_field,
            "region_name_field": regions.name_field,
            "radius_km": radius_km,
            "segments": segments,
            "include_planned": include_planned,
            "programmes_as_coverage": programmes_as_coverage,
            "initiatives_in_run": len(run_rows),
        },
        "totals": {
            "area_km2": float(area.sum()),
            "covered_km2": float(covered.sum()),
            "needs": float(needs.sum()),
            "needs_covered": float(needs_covered.sum()),
            "incidents": float(incidents.sum()),
            "incidents_covered": float(incidents_covered.sum()),
            "uncovered_demand": float(uncovered_demand.sum()),
        },
    }


def _number(value: float):
    """An int when the value is integral, so JSON shows 1200 not 1200.0."""
    value = float(value)
    return int(value) if value.is_integer() else value


# --------------------------------------------------------------------------
# Command line
# --------------------------------------------------------------------------

def add_run_arguments(parser: argparse.ArgumentParser) -> None:
    """The options shared with compare.py (same names as `gapmap analyze`)."""
    parser.add_argument("--regions", required=True, help="regions GeoJSON (WGS84)")
    parser.add_argument("--region-id", help="region id property (default: detected)")
    parser.add_argument("--region-name", help="region name property (default: detected)")
    parser.add_argument("--initiatives", help="initiatives CSV")
    parser.add_argument("--needs", help="needs CSV")
    parser.add_argument("--incidents", help="incidents CSV (ACLED-like)")
    parser.add_argument("--settlements", help="settlements CSV (id,name,lon,lat,population)")
    parser.add_argument("--radius", type=float, default=10.0, help="default radius in km (10)")
    parser.add_argument("--segments", type=int, default=64, help="vertices per disc (64)")
    parser.add_argument("--include-planned", action="store_true",
                        help="planned initiatives join the coverage")
    parser.add_argument("--programmes-as-coverage", action="store_true",
                        help="an initiative naming a region covers that region (else: presence only)")


def run(args: argparse.Namespace, timings: dict[str, float] | None = None) -> dict:
    if args.radius <= 0 or not math.isfinite(args.radius):
        raise InputError("--radius must be a positive number of km")
    if args.segments < 3:
        raise InputError("--segments must be at least 3")
    regions = load_regions(args.regions, args.region_id, args.region_name)
    paths = {name: getattr(args, name) for name in LAYER_NAMES}
    return analyze(regions, paths, args.radius, args.segments, args.include_planned, timings,
                   args.programmes_as_coverage)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_run_arguments(parser)
    parser.add_argument("--timings", action="store_true", help="print phase timings on stderr")
    args = parser.parse_args(argv)
    timings: dict[str, float] = {}
    started = time.perf_counter()
    try:
        result = run(args, timings)
    except (InputError, OSError, json.JSONDecodeError) as error:
        sys.stderr.write(f"reference_analysis: {error}\n")
        return 1
    json.dump(result, sys.stdout, indent=1, ensure_ascii=False)
    sys.stdout.write("\n")
    if args.timings:
        for phase, seconds in timings.items():
            sys.stderr.write(f"{phase:>22}: {seconds:8.3f} s\n")
        sys.stderr.write(f"{'total':>22}: {time.perf_counter() - started:8.3f} s\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
