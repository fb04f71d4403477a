#!/usr/bin/env python3
"""Try to recover the withheld figures of a shareable gapmap run.

    scripts/recover-suppressed.py SHARED_DIR TOTALS.json [--floor 1] [--metric-floor 0] [--knows-whole RESTRICTED_DIR]
                                  [--rollup LEVEL.geojson:PARENTS.json ...]

Reads needs.geojson, incidents.geojson and regions.geojson of a run made
with --share, and the national totals of the regions' metrics (the
"totals" object of the run's --json summary, in TOTALS.json). Every
published sum is an equation: a unit's categories add up to its count, a
category's units to its national total, the counts to the grand total,
(with --unit-weights) a region's count of needs to its needs metric, covered + uncovered to the
whole, needs_uncovered + incidents_uncovered to uncovered_demand, each
metric's regions to its national total. Unknowns are the figures written
as null. A withheld figure is recovered when
  - linear algebra fixes it: its row of a basis of the null space of the
    equations (over the unknowns, by SVD) is zero, or
  - interval reasoning pins it: each withheld count is at least --floor
    (zeros are published; counts of rows are whole), each withheld region
    metric at least --metric-floor (weight sums: 0 by default, for rows
    shared by area are fractions; --unit-weights makes it --floor;
    --knows-whole RESTRICTED_DIR floors at --floor those that are whole in
    the restricted run, as the suppression itself assumes), and
    each equation bounds each of its unknowns by the others' bounds,
    repeated until nothing moves (the bounds a linear programme would find
    on these sums in most cases).
An unknown whose bounds cross (lower above upper) is no recovery: the
attacker's assumptions (a floor) are false for it; it is listed under
inconsistent.
With --rollup, a roll-up level written beside them (regions_<level>.geojson)
and the parent of each unit (PARENTS.json: {unit id: parent id}, public
knowledge from the P-codes) add: each parent's figure is the sum of its
children's, its covered + uncovered its whole, and the parents with the
units in no parent add up to the national totals.
Prints a JSON object: unknowns, equations, recovered_linear,
recovered_bounds (names of the recovered figures), inconsistent. Exit status 0.
"""
import argparse
import json
import os
import sys

import numpy as np

COUNTED = ["needs", "needs_covered", "needs_uncovered", "incidents", "incidents_covered", "incidents_uncovered", "uncovered_demand"]


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("shared")
    parser.add_argument("totals")
    parser.add_argument("--floor", type=float, default=1.0)
    parser.add_argument("--metric-floor", type=float, default=None)
    parser.add_argument("--knows-whole", metavar="RESTRICTED_DIR",
                        help="the strongest attacker: knows which withheld region metrics are whole numbers "
                             "(from the restricted run's regions.geojson) and floors those at --floor")
    parser.add_argument("--rollup", action="append", default=[], help="LEVEL.geojson:PARENTS.json, repeatable")
    parser.add_argument("--unit-weights", action="store_true",
                        help="every row weighs 1 and lies in one region: a region's count is its metric")
    args = parser.parse_args()

    value = {}   # name -> number or None
    sums = []    # (terms, total)
    for layer in ["needs", "incidents"]:
        doc = load(os.path.join(args.shared, layer + ".geojson"))
        totals = doc.get("gapmap_totals", {})
        for key, v in totals.items():
            value[f"{layer}/total/{key}"] = v
        row_totals, columns = [], {}
        for i, feature in enumerate(doc["features"]):
            p = feature["properties"]
            row = f"{layer}/{p.get('region_id') or 'none-%d' % i}"
            value[f"{row}/{layer}"] = p.get(layer)
            row_totals.append(f"{row}/{layer}")
            terms = []
            for key, v in p.items():
                if key.startswith("count_"):
                    value[f"{row}/{key}"] = v
                    terms.append(f"{row}/{key}")
                    columns.setdefault(key, []).append(f"{row}/{key}")
            sums.append((terms, f"{row}/{layer}"))
            if p.get("region_id") and args.unit_weights:
                sums.append(([f"{row}/{layer}"], f"regions/{p['region_id']}/{layer}"))
        for key, terms in columns.items():
            sums.append((terms, f"{layer}/total/{key}"))
        sums.append((row_totals, f"{layer}/total/{layer}"))
        sums.append(([f"{layer}/total/{key}" for key in columns], f"{layer}/total/{layer}"))
    regions = [f["properties"] for f in load(os.path.join(args.shared, "regions.geojson"))["features"]]
    totals = load(args.totals)
    for key in COUNTED:
        value[f"regions/total/{key}"] = totals[key]
        sums.append(([f"regions/{p['region_id']}/{key}" for p in regions], f"regions/total/{key}"))
    for p in regions:
        r = f"regions/{p['region_id']}"
        for key in COUNTED:
            value[f"{r}/{key}"] = p.get(key)
        sums += [([f"{r}/needs_covered", f"{r}/needs_uncovered"], f"{r}/needs"),
                 ([f"{r}/incidents_covered", f"{r}/incidents_uncovered"], f"{r}/incidents"),
                 ([f"{r}/needs_uncovered", f"{r}/incidents_uncovered"], f"{r}/uncovered_demand")]

    for spec in args.rollup:
        level_file, parents_file = spec.rsplit(":", 1)
        level = os.path.basename(level_file)
        parent_of = load(parents_file)
        parents = [f["properties"] for f in load(level_file)["features"]]
        children = {}
        for p in regions:
            children.setdefault(parent_of.get(p["region_id"]), []).append(p["region_id"])
        for key in COUNTED:
            terms = [f"{level}/{p['region_id']}/{key}" for p in parents]
            terms += [f"regions/{child}/{key}" for child in children.get(None, [])]
            sums.append((terms, f"regions/total/{key}"))
        for p in parents:
            r = f"{level}/{p['region_id']}"
            for key in COUNTED:
                value[f"{r}/{key}"] = p.get(key)
                sums.append(([f"regions/{child}/{key}" for child in children.get(p["region_id"], [])], f"{r}/{key}"))
            sums += [([f"{r}/needs_covered", f"{r}/needs_uncovered"], f"{r}/needs"),
                     ([f"{r}/incidents_covered", f"{r}/incidents_uncovered"], f"{r}/incidents"),
                     ([f"{r}/needs_uncovered", f"{r}/incidents_uncovered"], f"{r}/uncovered_demand")]

    unknowns = sorted(name for name, v in value.items() if v is None)
    column = {name: j for j, name in enumerate(unknowns)}
    # Each sum as (coefficients over unknowns, constant): sum(terms) - total = 0.
    equations = []
    for terms, total in sums:
        members = [(t, 1.0) for t in terms] + [(total, -1.0)]
        coefficients, constant = {}, 0.0
        for name, a in members:
            v = value.get(name, 0.0)
            if name in column:
                coefficients[column[name]] = coefficients.get(column[name], 0.0) + a
            else:
                constant -= a * (v or 0.0)
        coefficients = {j: a for j, a in coefficients.items() if a != 0}
        if coefficients:
            equations.append((coefficients, constant))

    # Linear algebra, one connected component of unknowns at a time.
    parent = list(range(len(unknowns)))

    def find(j):
        while parent[j] != j:
            parent[j] = parent[parent[j]]
            j = parent[j]
        return j

    for coefficients, _ in equations:
        js = list(coefficients)
        for j in js[1:]:
            parent[find(j)] = find(js[0])
    components = {}
    for j in range(len(unknowns)):
        components.setdefault(find(j), []).append(j)
    recovered_linear = []
    for members in components.values():
        local = {j: i for i, j in enumerate(members)}
        rows = [c for c, _ in equations if next(iter(c)) in local]
        if not rows:
            continue
        a = np.zeros((len(rows), len(members)))
        for r, c in enumerate(rows):
            for j, coefficient in c.items():
                a[r, local[j]] = coefficient
        _, s, vt = np.linalg.svd(a, full_matrices=True)
        rank = int((s > 1e-9 * max(1.0, s[0] if len(s) else 1.0)).sum())
        null = vt[rank:]  # rows span the null space
        for j, i in local.items():
            if null.shape[0] == 0 or np.abs(null[:, i]).max() < 1e-8:
                recovered_linear.append(unknowns[j])

    # Interval reasoning.
    metric_floor = args.metric_floor if args.metric_floor is not None else (args.floor if args.unit_weights else 0.0)
    # Counts of rows are the needs and incidents tables; the rest are region (and roll-up) metrics, weight sums.
    lo = [args.floor if name.startswith(("needs/", "incidents/")) else metric_floor for name in unknowns]
    if args.knows_whole:
        truth = {}
        for f in load(os.path.join(args.knows_whole, "regions.geojson"))["features"]:
            for key in COUNTED:
                truth[f"regions/{f['properties']['region_id']}/{key}"] = f["properties"].get(key)
        for j, name in enumerate(unknowns):
            v = truth.get(name)
            if name.startswith("regions/") and v is not None and v >= 1 and float(v).is_integer():
                lo[j] = args.floor
    hi = [float("inf")] * len(unknowns)
    for _ in range(200):
        moved = False
        for coefficients, constant in equations:
            # sum(a_j x_j) = constant
            # The whole range as a finite part and a count of unbounded ends, then each unknown from the others.
            ends = {j: ((a * lo[j], a * hi[j]) if a > 0 else (a * hi[j], a * lo[j])) for j, a in coefficients.items()}
            low_finite = sum(l for l, _ in ends.values() if l != float("-inf"))
            high_finite = sum(h for _, h in ends.values() if h != float("inf"))
            low_open = sum(1 for l, _ in ends.values() if l == float("-inf"))
            high_open = sum(1 for _, h in ends.values() if h == float("inf"))
            for j, a in coefficients.items():
                l, h = ends[j]
                others_lo = float("-inf") if low_open - (l == float("-inf")) > 0 else low_finite - (0 if l == float("-inf") else l)
                others_hi = float("inf") if high_open - (h == float("inf")) > 0 else high_finite - (0 if h == float("inf") else h)
                # a x = constant - others
                if a > 0:
                    new_lo, new_hi = (constant - others_hi) / a, (constant - others_lo) / a
                else:
                    new_lo, new_hi = (constant - others_lo) / a, (constant - others_hi) / a
                if new_lo > lo[j] + 1e-9:
                    lo[j], moved = new_lo, True
                if new_hi < hi[j] - 1e-9:
                    hi[j], moved = new_hi, True
        if not moved:
            break
    tolerance = [1e-9 * max(1.0, abs(hi[j])) for j in range(len(unknowns))]
    recovered_bounds = [unknowns[j] for j in range(len(unknowns)) if hi[j] != float("inf") and abs(hi[j] - lo[j]) <= tolerance[j]]
    inconsistent = [unknowns[j] for j in range(len(unknowns)) if lo[j] - hi[j] > tolerance[j]]

    json.dump({"unknowns": len(unknowns), "equations": len(equations), "recovered_linear": sorted(recovered_linear),
               "recovered_bounds": sorted(recovered_bounds), "inconsistent": sorted(inconsistent)}, sys.stdout)
    print()


if __name__ == "__main__":
    main()
