#!/usr/bin/env python3
"""Check the reference implementation against facts it does not compute itself.

    python3 selfcheck.py [--regions-dir /work/shared/geodata/mali-cod-2015]

(a) geodesic disc: vertices at the right distance and azimuth; its area
    against the area of the cap of the osculating sphere (Gaussian curvature
    at the centre) times the inscribed-polygon factor (N/2π)·sin(2π/N);
(b) Mali's communes: total area within 2% of the published 1,240,192 km²,
    each commune's geodesic area against its area in an equal-area projection
    (PROJ's ellipsoidal Lambert azimuthal; both densified), and communes, cercles and regions
    adding up to the same country;
(c) a generated workload (300 initiatives, 30,000 needs, 3,000 incidents):
    run time of reference_analysis.py, row accounting against what the
    generator planted, shared-vertex points in the first region in input
    order, and a sample of points placed by brute force (every region in
    order, every footprint) against the vectorised STRtree path;
(d) small synthetic cases with known answers: first-region rule, name
    references, CSV details, coverage of a region-referenced initiative,
    gap_rank ties.

Ends with `selfcheck: N passed, M failed`; exit status 1 on any failure.
"""

from __future__ import annotations

import argparse
import json
import math
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import crosscheck_deps

crosscheck_deps.require()

import numpy as np  # noqa: E402
import shapely  # noqa: E402
from shapely.geometry.polygon import orient  # noqa: E402
from pyproj import Transformer  # noqa: E402

import reference_analysis as ra  # noqa: E402
from make_workload import make_workload  # noqa: E402

HERE = Path(__file__).resolve().parent
MALI_AREA_KM2 = 1_240_192
WGS84_A = 6378137.0
WGS84_F = 1 / 298.257223563


class Checks:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, ok: bool, what: str, detail: str = "") -> None:
        if ok:
            self.passed += 1
        else:
            self.failed += 1
        print(f"{'PASS' if ok else 'FAIL'}  {what}" + (f"  [{detail}]" if detail else ""))


def cap_area_m2(lat: float, radius_m: float) -> float:
    """Area of a geodesic circle of radius r on the sphere of the ellipsoid's
    Gaussian curvature at lat: 2πR²(1 - cos(r/R)), R = sqrt(M·N)."""
    e2 = WGS84_F * (2 - WGS84_F)
    s2 = math.sin(math.radians(lat)) ** 2
    meridian = WGS84_A * (1 - e2) / (1 - e2 * s2) ** 1.5
    normal = WGS84_A / math.sqrt(1 - e2 * s2)
    radius = math.sqrt(meridian * normal)
    return 2 * math.pi * radius ** 2 * (1 - math.cos(radius_m / radius))


def check_disc(checks: Checks) -> None:
    print("(a) geodesic disc, r = 10 km at lon -4, lat 15")
    lon, lat, r_km = -4.0, 15.0, 10.0
    disc = ra.geodesic_disc(lon, lat, r_km, 64)
    xy = shapely.get_coordinates(disc.exterior)[:-1]
    az, _, dist = ra.GEOD.inv(np.full(64, lon), np.full(64, lat), xy[:, 0], xy[:, 1])
    expected_az = (np.arange(64) * 5.625 + 180) % 360 - 180
    az_error = np.abs((az - expected_az + 180) % 360 - 180).max()
    checks.check(np.abs(dist - 10_000).max() < 1e-6 and az_error < 1e-9,
                 "64 vertices at 10,000 m, azimuths 0, 5.625, ... clockwise from north",
                 f"max distance error {np.abs(dist - 10_000).max():.2e} m, azimuth {az_error:.1e}°")
    cap = cap_area_m2(lat, r_km * 1000) / 1e6
    for n in (64, 4096):
        area = ra.geodesic_area_km2(ra.geodesic_disc(lon, lat, r_km, n))
        factor = n / (2 * math.pi) * math.sin(2 * math.pi / n)
        print(f"    {n:5d} segments: polygon {area:.9f} km², cap {cap:.9f} km², "
              f"ratio {area / cap:.9f}, inscribed factor {factor:.9f}")
        checks.check(area < cap and abs(area / cap - factor) < 1e-6,
                     f"{n}-gon area slightly below the cap, by the inscribed-polygon factor")
    checks.check(abs(cap - math.pi * r_km ** 2) / (math.pi * r_km ** 2) < 1e-6,
                 "cap area ≈ πr² for a 10 km circle", f"{cap:.6f} vs {math.pi * r_km ** 2:.6f}")


def check_mali(checks: Checks, regions_dir: Path) -> None:
    print(f"(b) Mali's administrative areas ({regions_dir})")
    communes = ra.load_regions(regions_dir / "adm3-communes.geojson")
    areas = np.array([ra.geodesic_area_km2(g) for g in communes.geoms])
    total = areas.sum()
    checks.check(len(communes) == 701 and abs(total - MALI_AREA_KM2) / MALI_AREA_KM2 < 0.02,
                 "701 communes, total within 2% of 1,240,192 km²",
                 f"{total:,.1f} km², {100 * (total - MALI_AREA_KM2) / MALI_AREA_KM2:+.2f}%")
    # Straight lon/lat edges and straight projected edges differ on long
    # edges, so both sides get the same vertices every 0.01° first.
    laea = Transformer.from_crs("EPSG:4326", "+proj=laea +lat_0=17 +lon_0=-4 +ellps=WGS84",
                                always_xy=True)
    dense = shapely.segmentize(communes.geoms, 0.01)
    geodesic = np.array([ra.geodesic_area_km2(g) for g in dense])
    projected = np.array([shapely.transform(g, lambda c: np.column_stack(
        laea.transform(c[:, 0], c[:, 1]))).area / 1e6 for g in dense])
    relative = np.abs(geodesic - projected) / projected
    worst = int(relative.argmax())
    holes = sum(len(p.interiors) for g in communes.geoms for p in ra.polygon_parts(g))
    checks.check(relative.max() < 1e-6 and holes > 0,
                 f"each commune's geodesic area = its equal-area (LAEA) area within 1e-6 ({holes} holes)",
                 f"worst {communes.ids[worst]} {relative.max():.1e}")
    as_geodesics = np.array([sum(abs(ra.GEOD.geometry_area_perimeter(orient(p, 1.0))[0])
                                 for p in ra.polygon_parts(g)) / 1e6 for g in communes.geoms])
    edges = np.abs(as_geodesics - areas) / areas
    print(f"    note: the file's edges read as geodesics (PROJ) vs as straight lon/lat lines "
          f"differ by up to {edges.max():.1e} ({communes.ids[int(edges.argmax())]})")
    for level in ("adm2-cercles", "adm1-regions"):
        layer = ra.load_regions(regions_dir / f"{level}.geojson")
        other = sum(ra.geodesic_area_km2(g) for g in layer.geoms)
        checks.check(abs(other - total) / total < 1e-4, f"{level} add up to the communes' total",
                     f"{other:,.1f} km², {abs(other - total) / total:.1e} apart")


def check_workload(checks: Checks, regions_dir: Path, scratch: Path) -> None:
    print("(c) workload seed 7: 300 initiatives, 30,000 needs, 3,000 incidents on the communes")
    regions_path = regions_dir / "adm3-communes.geojson"
    workload = scratch / "workload"
    manifest = make_workload(str(regions_path), workload, 7, 300, 30000, 3000)
    command = [sys.executable, str(HERE / "reference_analysis.py"), "--regions", str(regions_path)]
    for layer in ("initiatives", "needs", "incidents"):
        command += [f"--{layer}", str(workload / f"{layer}.csv")]
    started = time.perf_counter()
    process = subprocess.run(command, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    checks.check(process.returncode == 0, "reference_analysis.py runs", process.stderr.strip()[-300:])
    if process.returncode != 0:
        return
    result = json.loads(process.stdout)
    totals = result["totals"]
    print(f"    run time {seconds:.2f} s (whole process); "
          f"{result['parameters']['initiatives_in_run']} initiatives in the run")
    print(f"    area {totals['area_km2']:,.1f} km², covered {totals['covered_km2']:,.1f} km² "
          f"({100 * totals['covered_km2'] / totals['area_km2']:.2f}%)")
    print(f"    needs {totals['needs']:,.2f} (covered {totals['needs_covered']:,.2f}), "
          f"incidents {totals['incidents']:,.0f} (covered {totals['incidents_covered']:,.0f}), "
          f"uncovered demand {totals['uncovered_demand']:,.2f}")
    checks.check(seconds < 60, "reference analysis takes less than a minute", f"{seconds:.2f} s")
    for layer, counts in result["layers"].items():
        planted = manifest[layer]
        print(f"    {layer}: {counts}")
        identities = (counts["read"] == counts["used"] + counts["rejected"] + counts["duplicates"]
                      and counts["points"] == counts["assigned"] + counts["unassigned"]
                      and counts["used"] == counts["points"] + counts["region_referenced"])
        checks.check(identities, f"{layer}: read = used + rejected + duplicates, "
                                 "points = assigned + unassigned")
        expected = {k: planted[k] for k in ("rejected", "duplicates", "region_referenced", "unassigned")}
        expected["read"] = planted["rows"]
        got = {k: counts[k] for k in expected}
        checks.check(got == expected, f"{layer}: accounting matches what the generator planted",
                     "" if got == expected else f"got {got}, planted {expected}")

    # Brute force, region by region in input order, no index.
    regions = ra.load_regions(regions_path)

    def first_region_brute(lon: float, lat: float) -> int:
        point = shapely.Point(lon, lat)
        return next((k for k, g in enumerate(regions.geoms) if g.covers(point)), -1)

    vertices = [v for layer in ("initiatives", "needs", "incidents")
                for v in manifest[layer]["boundary_vertices"]]
    located = [regions.ids[first_region_brute(float(v["lon"]), float(v["lat"]))] for v in vertices]
    vectorised = ra.first_covering_region(
        shapely.points([(float(v["lon"]), float(v["lat"])) for v in vertices]), regions)
    checks.check(located == [v["region_id"] for v in vertices]
                 and [regions.ids[k] for k in vectorised] == located
                 and all(len(v["covering_region_ids"]) >= 2 for v in vertices),
                 f"{len(vertices)} points on shared vertices go to the first covering region in input order",
                 ", ".join(f"{v['region_id']} of {'/'.join(v['covering_region_ids'])}" for v in vertices[:4]))

    needs = ra.load_layer("needs", workload / "needs.csv", regions)
    initiatives = ra.load_layer("initiatives", workload / "initiatives.csv", regions)
    footprints = [regions.geoms[r.region_ref] if r.point is None
                  else ra.geodesic_disc(r.point[0], r.point[1], r.radius_km or 10.0, 64)
                  for r in initiatives.rows if ra.in_run(r.status, False)]
    points = [r.point for r in needs.rows if r.point is not None]
    sample = [points[i] for i in range(0, len(points), 97)]
    geoms = shapely.points(sample)
    fast_region = ra.first_covering_region(geoms, regions)
    fast_covered = ra.covered_by_any(geoms, footprints)
    union = shapely.union_all(footprints)
    slow_region = [first_region_brute(*p) for p in sample]
    slow_covered = [any(f.covers(shapely.Point(p)) for f in footprints) for p in sample]
    union_covered = [union.covers(shapely.Point(p)) for p in sample]
    checks.check(list(fast_region) == slow_region and list(fast_covered) == slow_covered,
                 f"{len(sample)} sampled needs: STRtree region and covered flag = brute force",
                 f"{sum(slow_covered)} covered, {slow_region.count(-1)} unassigned")
    checks.check(slow_covered == union_covered,
                 "covered by some footprint = covered by their union (on the sample)")


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def square(x0: float, y0: float, size: float = 0.5):
    return [[[x0, y0], [x0 + size, y0], [x0 + size, y0 + size], [x0, y0 + size], [x0, y0]]]


def check_synthetic(checks: Checks, scratch: Path) -> None:
    print("(d) synthetic cases")
    # Three squares side by side; input order B, A, C; B and A share the edge
    # lon = 0.5, A and C share lon = 1.0. "Ségou" and "Kati" names; two "Dup".
    features = [
        {"type": "Feature", "properties": {"id": "B", "name": "Ségou"},
         "geometry": {"type": "Polygon", "coordinates": square(0.0, 10.0)}},
        {"type": "Feature", "properties": {"id": "A", "name": "Dup"},
         "geometry": {"type": "Polygon", "coordinates": square(0.5, 10.0)}},
        {"type": "Feature", "properties": {"id": "C", "name": "Dup"},
         "geometry": {"type": "Polygon", "coordinates": square(1.0, 10.0)}},
    ]
    regions_path = write(scratch / "squares.geojson",
                         json.dumps({"type": "FeatureCollection", "features": features}))
    regions = ra.load_regions(regions_path)
    checks.check(regions.id_field == "id" and regions.name_field == "name",
                 "plain id/name fields detected")
    checks.check(regions.resolve("B") == (0, None) and regions.resolve("SEGOU") == (0, None)
                 and regions.resolve("  ségou ") == (0, None) and regions.resolve("b")[0] is None
                 and regions.resolve("dup")[0] is None,
                 "references: id exact, unique name case/accent-insensitive, ambiguous name rejected")

    # Initiative 1 references region B by name: B is covered exactly.
    # Initiative 2 is closed and would cover C: not in the run.
    write(scratch / "ini.csv",
          "\ufeffid,name,status,lon,lat,radius_km,region\n"
          "I1,\"Comité, B\",active,,,,segou\n"
          "I2,closed one,closed,1.25,10.25,30,\n"
          "I3,planned one,planned,0.75,10.25,5,\n")
    write(scratch / "needs.csv",
          "id,weight,severity,lon,lat,region\n"
          "n1,2,3,0.5,10.2,\n"            # on the B|A edge: B (first), covered (B's footprint)
          "n2,1.5,,1.0,10.2,\n"           # on the A|C edge: A, uncovered
          "n3,4,,,,A\n"                   # region-referenced: A, covered 0
          "\n"                            # blank line: not a row
          "n4,1,,\"1.25\",10.25,\n"       # C
          "n1,7,,1.25,10.25,\n"           # duplicate of n1: ignored
          "n5,abc,,1.25,10.25,\n"         # rejected
          "n6,1,6,1.25,10.25,\n"          # rejected (severity)
          "n7,1,,5,5,\n"                  # unassigned
          "n8,1,,,,B\n"                   # region-referenced: B, covered fully
          "n5,1,,1.25,10.25,\n"           # repeats a rejected row's id: used, C
          "n2,abc,,0.1,10.1,\n")          # repeats a used id: duplicate, though invalid too
    # By default I1 is a programme: present in B, covering nothing.
    presence = ra.analyze(regions, {"initiatives": str(scratch / "ini.csv"),
                                    "needs": str(scratch / "needs.csv")}, 10.0, 64, False)
    rows = {r["region_id"]: r for r in presence["regions"]}
    checks.check([rows[k]["programmes"] for k in "ABC"] == [0, 1, 0]
                 and [rows[k]["initiatives"] for k in "ABC"] == [0, 0, 0]
                 and all(rows[k]["covered_km2"] == 0 for k in "ABC")
                 and (rows["B"]["needs"], rows["B"]["needs_covered"]) == (3.0, 0.0),
                 "a programme is presence in its region: no footprint, no covered need",
                 str({k: (rows[k]["programmes"], rows[k]["covered_km2"], rows[k]["needs_covered"]) for k in "ABC"}))
    # With --programmes-as-coverage, I1 covers B as before 2026-12.
    result = ra.analyze(regions, {"initiatives": str(scratch / "ini.csv"),
                                  "needs": str(scratch / "needs.csv")}, 10.0, 64, False,
                        programmes_as_coverage=True)
    rows = {r["region_id"]: r for r in result["regions"]}
    b, a, c = rows["B"], rows["A"], rows["C"]
    checks.check(b["coverage_pct"] == 100.0 and b["covered_km2"] == b["area_km2"]
                 and a["covered_km2"] == 0 and c["covered_km2"] == 0,
                 "region-referenced initiative covers exactly its region; closed and planned do not count")
    checks.check((b["needs"], b["needs_covered"], a["needs"], a["needs_covered"], c["needs"])
                 == (3.0, 3.0, 5.5, 0.0, 2.0),
                 "edge points go to the first region in input order; references count in their region",
                 f"B {b['needs']}/{b['needs_covered']}, A {a['needs']}/{a['needs_covered']}, C {c['needs']}")
    checks.check((b["initiatives"], a["initiatives"], c["initiatives"]) == (1, 0, 0),
                 "initiatives counted where located, only those in the run")
    expected_layer = {"read": 11, "used": 7, "rejected": 2, "duplicates": 2, "points": 5,
                      "assigned": 4, "unassigned": 1, "region_referenced": 2}
    checks.check(result["layers"]["needs"] == expected_layer,
                 "needs row accounting (a repeat of a used id is a duplicate even when invalid)",
                 str(result["layers"]["needs"]))
    lines = sorted(issue["line"] for issue in result["rejected"] if issue["layer"] == "needs")
    checks.check(lines == [7, 8, 9, 13], "rejected and duplicate rows keep their CSV line (header = 1)",
                 str(lines))
    # gap_rank: A (5.5 uncovered) 1st, C (1) 2nd, B (0, 100%) 3rd.
    checks.check([rows[k]["gap_rank"] for k in "ABC"] == [1, 3, 2], "gap_rank by uncovered demand")

    # With the planned disc around (0.75, 10.25), r = 5 km: a region-referenced
    # need of A is covered in proportion to A's covered area.
    planned = ra.analyze(regions, {"initiatives": str(scratch / "ini.csv"),
                                   "needs": str(scratch / "needs.csv")}, 10.0, 64, True)
    a2 = {r["region_id"]: r for r in planned["regions"]}["A"]
    disc = ra.geodesic_area_km2(ra.geodesic_disc(0.75, 10.25, 5.0, 64))
    checks.check(abs(a2["covered_km2"] - disc) < 1e-9 * disc
                 and abs(a2["needs_covered"] - 4 * disc / a2["area_km2"]) < 1e-12,
                 "region-referenced need covered as weight × covered_km2 / area_km2",
                 f"A covered {a2['covered_km2']:.6f} km² of {a2['area_km2']:.3f}")

    # Ties: no demand anywhere; B and C both 0% -> by id; then none.
    write(scratch / "empty.csv", "id,lon,lat\n")
    tie = ra.analyze(regions, {"needs": str(scratch / "empty.csv")}, 10.0, 64, False)
    ranks = {r["region_id"]: r["gap_rank"] for r in tie["regions"]}
    checks.check(ranks == {"A": 1, "B": 2, "C": 3}, "gap_rank ties broken by id", str(ranks))

    # A multi-line quoted field: the next row's line number is its first line.
    write(scratch / "multiline.csv", 'id,name,lon,lat\nx1,"two\nlines",0.1,10.1\nx2,,0.1,999\n')
    layer = ra.load_layer("needs", scratch / "multiline.csv", regions)
    checks.check(layer.rejected and layer.rejected[0][0] == 4,
                 "line numbers count physical lines of quoted multi-line fields",
                 str(layer.rejected))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--regions-dir", type=Path,
                        default=HERE.parent.parent / "geodata" / "mali-cod-2015",
                        help="folder with adm1/adm2/adm3 GeoJSON of Mali "
                             "(default: ../shared/geodata/mali-cod-2015 beside the project)")
    args = parser.parse_args(argv)
    checks = Checks()
    with tempfile.TemporaryDirectory(prefix="gapmap-selfcheck-") as scratch:
        check_disc(checks)
        if (args.regions_dir / "adm3-communes.geojson").exists():
            check_mali(checks, args.regions_dir)
            check_workload(checks, args.regions_dir, Path(scratch))
        else:
            print(f"(b), (c) skipped: {args.regions_dir} not found")
        check_synthetic(checks, Path(scratch))
    print(f"selfcheck: {checks.passed} passed, {checks.failed} failed")
    return 1 if checks.failed else 0


if __name__ == "__main__":
    sys.exit(main())
