#!/usr/bin/env python3
"""An invented, ACLED-shaped export of Mali 2017-2020, seeded and deterministic.

It has the columns of an ACLED export (event_id_cnty, event_date as
"05 March 2019", year, time_precision, disorder_type, event_type,
sub_event_type, actor1 ... notes, fatalities, tags, timestamp) and the
proportions of the real Mali 2017-2020 export that issue 12 describes:
3,314 distinct events on 6,214 rows (ACLED repeats an event on one row per
actor), 602 of them protests and strategic developments, and one Bamako
city-centre point carrying 175 events, 146 of them protests or riots.

Points fall inside the OCHA COD-AB communes of geodata/mali-cod-2015, and
admin1/admin2/admin3 are the names of the commune that holds them (the
" Commune" suffix dropped, as ACLED writes "Mopti", "Djenne", "Douentza").
geo_precision is 1 (the town), 2 (near it) or 3 (only the area known: the
point is the centroid of the cercle, or of the commune, named by the admin
columns, as ACLED places such events).

    scripts/make-acled-mali.py OUT.csv [--events 3314] [--seed 12]

With --events N the proportions are scaled to N distinct events (the Bamako
point keeps its share). Nothing here is real: every note says so.
"""
import argparse
import csv
import json
import os
import random
import sys
from datetime import date, timedelta

from shapely.geometry import Point, shape
from shapely.prepared import prep

HERE = os.path.dirname(os.path.abspath(__file__))
GEODATA = os.path.join(HERE, "..", "geodata", "mali-cod-2015")

COLUMNS = ["event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
           "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
           "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
           "source", "source_scale", "notes", "fatalities", "tags", "timestamp"]

# Distinct events per type for 3,314 events (protests + strategic developments = 602).
TYPE_COUNTS = {
    "Battles": 1010,
    "Violence against civilians": 1120,
    "Explosions/Remote violence": 520,
    "Protests": 330,
    "Riots": 62,
    "Strategic developments": 272,
}
# The Bamako city-centre point: 175 events, 146 of them protests or riots.
BAMAKO = (12.6392, -8.0029)
BAMAKO_COUNTS = {"Protests": 128, "Riots": 18, "Strategic developments": 16, "Violence against civilians": 9,
                 "Explosions/Remote violence": 4}
TOTAL_EVENTS = 3314
TOTAL_ROWS = 6214

SUB_EVENTS = {
    "Battles": [("Armed clash", 80), ("Government regains territory", 10), ("Non-state actor overtakes territory", 10)],
    "Violence against civilians": [("Attack", 78), ("Abduction/forced disappearance", 19), ("Sexual violence", 3)],
    "Explosions/Remote violence": [("Remote explosive/landmine/IED", 55), ("Shelling/artillery/missile attack", 25),
                                   ("Air/drone strike", 12), ("Suicide bomb", 5), ("Grenade", 3)],
    "Protests": [("Peaceful protest", 88), ("Protest with intervention", 10), ("Excessive force against protesters", 2)],
    "Riots": [("Violent demonstration", 70), ("Mob violence", 30)],
    "Strategic developments": [("Looting/property destruction", 30), ("Arrests", 20), ("Change to group/activity", 15),
                               ("Agreement", 10), ("Headquarters or base established", 10), ("Disrupted weapons use", 10),
                               ("Non-violent transfer of territory", 3), ("Other", 2)],
}

# (actor, inter code) as in ACLED's 2017-2020 exports.
STATE = [("Military Forces of Mali (2016-2021)", 1), ("Police Forces of Mali (2016-2021)", 1)]
ARMED = [("JNIM: Group for Support of Islam and Muslims", 2), ("Islamic State (Greater Sahara)", 2),
         ("Unidentified Armed Group (Mali)", 3), ("Dan Na Ambassagou", 4), ("Fulani Ethnic Militia (Mali)", 4),
         ("Dogon Ethnic Militia (Mali)", 4), ("CMA: Coordination of Azawad Movements", 2)]
EXTERNAL = [("MINUSMA: United Nations Multidimensional Integrated Stabilization Mission in Mali (2013-)", 8),
            ("Operation Barkhane", 8)]
CIVILIANS = [("Civilians (Mali)", 7)]
PROTESTERS = [("Protesters (Mali)", 6)]
RIOTERS = [("Rioters (Mali)", 5)]

# Where the violence falls, by region P-code (the centre and north weigh most).
REGION_WEIGHTS = {"ML05": 40, "ML07": 15, "ML06": 13, "ML04": 12, "ML08": 8, "ML02": 4, "ML03": 3, "ML01": 2, "ML09": 3}
# Where demonstrations fall outside the Bamako point.
DEMONSTRATION_WEIGHTS = {"ML09": 30, "ML05": 15, "ML04": 15, "ML07": 15, "ML06": 8, "ML03": 7, "ML01": 5, "ML02": 5, "ML08": 0.5}
SOURCES = ["Studio Tamani", "Journal du Mali", "AFP", "MaliWeb", "Reuters", "Le Republicain (Mali)", "RFI", "MINUSMA"]


def drop_commune(name):
    return name[:-len(" Commune")] if name.endswith(" Commune") else name


def pick(rng, weighted):
    items, weights = zip(*weighted)
    return rng.choices(items, weights=weights)[0]


def scaled(counts, total, base):
    out = {k: round(v * total / base) for k, v in counts.items()}
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out")
    ap.add_argument("--events", type=int, default=TOTAL_EVENTS)
    ap.add_argument("--seed", type=int, default=12)
    args = ap.parse_args()
    rng = random.Random(args.seed)

    communes = json.load(open(os.path.join(GEODATA, "adm3-communes.geojson")))["features"]
    cercles = {f["properties"]["admin2Pcod"]: shape(f["geometry"])
               for f in json.load(open(os.path.join(GEODATA, "adm2-cercles.geojson")))["features"]}
    units = []
    for f in communes:
        p = f["properties"]
        g = shape(f["geometry"])
        units.append({"p": p, "g": g, "prep": prep(g), "bounds": g.bounds, "region": p["admin1Pcod"],
                      "area": g.area})

    def commune_for(region_weights):
        region = pick(rng, list(region_weights.items()))
        inside = [u for u in units if u["region"] == region]
        # Larger communes get more events, but not in proportion to their (desert) area.
        return rng.choices(inside, weights=[u["area"] ** 0.5 for u in inside])[0]

    def point_in(u):
        minx, miny, maxx, maxy = u["bounds"]
        for _ in range(1000):
            x, y = rng.uniform(minx, maxx), rng.uniform(miny, maxy)
            if u["prep"].contains(Point(x, y)):
                return y, x
        c = u["g"].representative_point()
        return c.y, c.x

    scale = args.events / TOTAL_EVENTS
    type_counts = scaled(TYPE_COUNTS, args.events, TOTAL_EVENTS)
    bamako_counts = scaled(BAMAKO_COUNTS, args.events, TOTAL_EVENTS)
    plan = []  # (event_type, at_bamako)
    for t, n in type_counts.items():
        b = min(bamako_counts.get(t, 0), n)
        plan += [(t, True)] * b + [(t, False)] * (n - b)
    rng.shuffle(plan)

    start = date(2017, 1, 1)
    days = (date(2020, 12, 31) - start).days
    bamako_unit = next(u for u in units if u["prep"].contains(Point(BAMAKO[1], BAMAKO[0])))

    events = []
    for i, (etype, at_bamako) in enumerate(plan):
        sub = pick(rng, SUB_EVENTS[etype])
        if etype == "Battles":
            a1, a2 = rng.choice(STATE + ARMED + EXTERNAL), rng.choice(ARMED)
        elif etype == "Violence against civilians":
            a1, a2 = rng.choice(ARMED + STATE), CIVILIANS[0]
        elif etype == "Explosions/Remote violence":
            a1, a2 = rng.choice(ARMED + EXTERNAL), rng.choice(STATE + EXTERNAL + CIVILIANS)
        elif etype == "Protests":
            a1, a2 = PROTESTERS[0], (rng.choice(STATE) if sub != "Peaceful protest" else ("", 0))
        elif etype == "Riots":
            a1, a2 = RIOTERS[0], rng.choice(STATE + CIVILIANS)
        else:
            a1, a2 = rng.choice(ARMED + STATE + EXTERNAL), ("", 0)
        if etype in ("Protests", "Riots"):
            disorder = "Demonstrations" if sub != "Mob violence" else "Political violence"
        elif etype == "Strategic developments":
            disorder = "Strategic developments"
        else:
            disorder = "Political violence"
        if etype == "Battles":
            fatalities = min(int(rng.expovariate(1 / 4.0)), 120)
        elif etype == "Violence against civilians":
            fatalities = min(int(rng.expovariate(1 / 2.2)), 160) if sub == "Attack" else 0
        elif etype == "Explosions/Remote violence":
            fatalities = min(int(rng.expovariate(1 / 1.6)), 40)
        elif etype == "Riots":
            fatalities = 1 if rng.random() < 0.1 else 0
        else:
            fatalities = 0

        if at_bamako:
            u, precision = bamako_unit, 1
            lat, lon = BAMAKO
            admin3 = drop_commune(u["p"]["admin3Name"])
            location = "Bamako"
        else:
            demonstration = etype in ("Protests", "Riots")
            u = commune_for(DEMONSTRATION_WEIGHTS if demonstration else REGION_WEIGHTS)
            precision = pick(rng, [(1, 62), (2, 29), (3, 9)])
            admin3 = drop_commune(u["p"]["admin3Name"])
            if precision == 3:
                # Only the area is known: the centroid of the cercle (admin3 empty)
                # or of the commune, as the admin columns name it.
                if rng.random() < 0.5:
                    c = cercles[u["p"]["admin2Pcod"]].representative_point()
                    admin3 = ""
                    location = drop_commune(u["p"]["admin2Name"])
                else:
                    c = u["g"].representative_point()
                    location = admin3
                lat, lon = c.y, c.x
            else:
                lat, lon = point_in(u)
                location = admin3 if precision == 1 and rng.random() < 0.4 else "%s area %d" % (admin3, rng.randint(1, 40))
        day = start + timedelta(days=rng.randint(0, days))
        interaction = int("%d%d" % tuple(sorted((a1[1], a2[1])))) if a2[1] else a1[1] * 10
        events.append({
            "event_id_cnty": "MLI%d" % (1000 + i * 3 + rng.randint(0, 2)),
            "event_date": "%02d %s %d" % (day.day, day.strftime("%B"), day.year),
            "year": day.year,
            "time_precision": pick(rng, [(1, 85), (2, 12), (3, 3)]),
            "disorder_type": disorder, "event_type": etype, "sub_event_type": sub,
            "actor1": a1[0], "assoc_actor_1": "", "inter1": a1[1],
            "actor2": a2[0], "assoc_actor_2": "", "inter2": a2[1] if a2[0] else "",
            "interaction": interaction,
            "civilian_targeting": "Civilian targeting" if a2 == CIVILIANS[0] else "",
            "iso": 466, "region": "Western Africa", "country": "Mali",
            "admin1": u["p"]["admin1Name"], "admin2": u["p"]["admin2Name"], "admin3": admin3,
            "location": location, "latitude": "%.4f" % lat, "longitude": "%.4f" % lon, "geo_precision": precision,
            "source": rng.choice(SOURCES), "source_scale": pick(rng, [("National", 50), ("International", 20),
                                                                      ("National-International", 20), ("Local partner", 10)]),
            "notes": "Invented example (not an ACLED record): %s, %s, %s." % (sub.lower(), location, day.isoformat()),
            "fatalities": fatalities, "tags": "",
            "timestamp": 1600000000 + rng.randint(0, 60000000),
        })

    # ACLED repeats an event on one row per associated actor: the repeats
    # follow the first row somewhere later in the file, with one more
    # associated actor named.
    extra = round((TOTAL_ROWS - TOTAL_EVENTS) * scale)
    keyed = [(float(i), 0, e) for i, e in enumerate(events)]
    for n in range(extra):
        i = rng.randrange(len(events))
        r = dict(events[i])
        r["assoc_actor_1"] = rng.choice(["Dozo Communal Militia (Mali)", "Ansaroul Islam", "Katiba Macina",
                                         "GATIA: Imghad Tuareg and Allies Self-Defense Group", "Women (Mali)", "Students (Mali)"])
        # Somewhere after the event's first row, never before it.
        keyed.append((rng.uniform(i + 0.5, len(events)), n + 1, r))
    ordered = [r for _, _, r in sorted(keyed, key=lambda k: (k[0], k[1]))]
    with open(args.out, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=COLUMNS, lineterminator="\n")
        w.writeheader()
        for r in ordered:
            w.writerow(r)
    distinct = len({r["event_id_cnty"] for r in ordered})
    print("%s: %d rows, %d distinct events" % (args.out, len(ordered), distinct), file=sys.stderr)


if __name__ == "__main__":
    main()
