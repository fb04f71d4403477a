#!/usr/bin/python3
"""Opens an interactive gapmap report in headless Chromium (Selenium and
chromedriver from Debian) and checks it as a reader would use it:

1. clicking a unit on the map shows, in its panel, the figures that the
   analysis' regions.geojson holds for it;
2. sorting the table by uncovered demand puts the gap_rank 1 unit first;
3. choosing the year 2019 gives, unit by unit and in the headline, the
   figures of `gapmap analyze --from 2019-01-01 --to 2019-12-31`
   (its regions.geojson);
4. seen whole, the most populous town is named and no two town names
   overlap; unticking a layer removes it from the map;
5. the page made no network request (Chromium's own network log);
6. with the analysis' GeoPackage, the clicked unit's change flags in its
   panel are those of its monthly_trends table (the last 12 flagged months);
7. with an actor, choosing it in that year gives the figures of `gapmap
   analyze --from --to --actor ACTOR` (exactly: no "not computed" note).

    check-report-in-browser.py REPORT.html ALL/regions.geojson 2019/regions.geojson YEAR [ALL/gapmap.gpkg [ACTOR ACTOR/regions.geojson]]

With --hexagons, on a page that draws its points (more than 20,000) as
hexagons: the weight the hexagons drawn hold, covered and uncovered, for
needs and incidents, equals that of the points of `gapmap analyze` with the
same filters (its needs.geojson and incidents.geojson: every located point,
in a unit or not), with no filter, with the year chosen, then with the year
and a need category:

    check-report-in-browser.py --hexagons REPORT.html ALL/ YEAR YEAR/ CATEGORY YEAR-CATEGORY/

Prints what it checked; exits 1 with the first difference found.
"""
import json
import sqlite3
import sys
import time

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

hexagons = len(sys.argv) > 1 and sys.argv[1] == "--hexagons"
if hexagons:
    report, all_dir, year, year_dir, category, category_dir = sys.argv[2:8]
else:
    report, all_path, year_path, year = sys.argv[1:5]
    trends_path = sys.argv[5] if len(sys.argv) > 5 else None
    actor, actor_path = sys.argv[6:8] if len(sys.argv) > 7 else (None, None)
failures = []


def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        failures.append(what)


def close(a, b, tolerance=1e-6):
    return abs((a or 0) - (b or 0)) <= tolerance * max(1, abs(a or 0), abs(b or 0))


def features(path):
    with open(path, encoding="utf-8") as f:
        return {x["properties"]["region_id"]: x for x in json.load(f)["features"]}


def number(text):
    """A figure as the page prints it (en or fr grouping), as a float."""
    t = text.replace("\u202f", "").replace("\u00a0", "").replace(" ", "").replace(",", "" if "." in text else ".").replace("%", "")
    return float(t)


def page_against(driver, reference):
    """The page's figures for every unit under the current filters, and how
    many differ from `reference` (an analysis' regions.geojson features by
    id); prints the first five differences."""
    figures = driver.execute_script("return gapmap.units.map(function (u, r) { var f = gapmap.figures()[r]; return [u.id, f]; })")
    differences = 0
    for uid, f in figures:
        p = reference[uid]["properties"]
        for key in ["needs", "needs_covered", "incidents", "incidents_covered", "uncovered_demand", "covered_km2", "coverage_pct", "initiatives", "gap_rank"]:
            if not close(f[key], p[key]):
                differences += 1
                if differences <= 5:
                    print(f"  {uid} {key}: page {f[key]} analyze {p[key]}")
    return figures, differences


def inside_point(geometry):
    """A point well inside a (multi)polygon: the grid point of its largest
    part farthest from the part's vertices (no shapely in Debian's python3
    here)."""
    polys = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    ring = max((p[0] for p in polys), key=len)
    xs, ys = [c[0] for c in ring], [c[1] for c in ring]

    def contains(x, y):
        hit = False
        for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
            if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
                hit = not hit
        return hit

    best, best_d = None, -1
    for i in range(1, 40):
        for k in range(1, 40):
            x = min(xs) + (max(xs) - min(xs)) * i / 40
            y = min(ys) + (max(ys) - min(ys)) * k / 40
            if contains(x, y):
                d = min((x - a) ** 2 + (y - b) ** 2 for a, b in ring)
                if d > best_d:
                    best, best_d = (x, y), d
    return best


def located_points(folder):
    """The weight and covered weight of the located points of an analysis' output, per layer."""
    totals = {}
    for layer in ["needs", "incidents"]:
        with open(f"{folder}/{layer}.geojson", encoding="utf-8") as f:
            points = [x["properties"] for x in json.load(f)["features"] if x["geometry"]]
        totals[layer] = (len(points), sum(p["weight"] for p in points), sum(p["covered_weight"] for p in points))
    return totals


def hexagons_against(driver, folder, what):
    """The hexagons drawn against the points of analyze with the same filters."""
    drawn = driver.execute_script("return gapmap.hexagons()")
    expected = located_points(folder)
    for layer in ["needs", "incidents"]:
        count, weight, covered = expected[layer]
        got = drawn[layer]
        check(close(got["covered"] + got["uncovered"], weight) and close(got["covered"], covered),
              f"{what}: the {got['hexagons']} {layer} hexagons hold {got['covered'] + got['uncovered']:.2f} "
              f"({got['covered']:.2f} covered) = analyze's {count} points {weight:.2f} ({covered:.2f} covered)")


def check_hexagons(driver):
    drawn = driver.execute_script("return gapmap.hexagons()")
    points = sum(located_points(all_dir)[layer][0] for layer in ["needs", "incidents"])
    check(drawn is not None and points > 20000, f"{points} points drawn as hexagons")
    hexagons_against(driver, all_dir, "every period")
    Select(driver.find_element(By.ID, "year")).select_by_visible_text(year)
    hexagons_against(driver, year_dir, f"period {year}")
    menu = Select(driver.find_element(By.ID, "category"))
    menu.select_by_visible_text(category)
    hexagons_against(driver, category_dir, f"period {year} and category {category}")


if not hexagons:
    units = features(all_path)
    in_year = features(year_path)

options = webdriver.ChromeOptions()
for a in ["--headless", "--no-sandbox", "--disable-gpu", "--window-size=1400,1000", "--disable-background-networking",
          "--disable-component-update", "--no-first-run"]:
    options.add_argument(a)
options.binary_location = "/usr/bin/chromium"
options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
try:
    driver.get("file://" + report)
    WebDriverWait(driver, 60).until(lambda d: d.execute_script("return !!window.gapmap"))
    print("units on the page:", driver.execute_script("return gapmap.units.length"))
    if hexagons:
        check_hexagons(driver)
        driver.quit()
        sys.exit(1 if failures else 0)

    # 1. Click the unit with the most incidents among those large enough to hit.
    chosen = max(units.values(), key=lambda f: (f["properties"]["incidents"], f["properties"]["area_km2"]))
    cid = chosen["properties"]["region_id"]
    lon, lat = inside_point(chosen["geometry"])
    r = driver.execute_script("var id = arguments[0]; return gapmap.units.findIndex(function (u) { return u.id === id; })", cid)
    driver.execute_script("gapmap.map.fitBounds(gapmap.unitLayers[arguments[0]].getBounds())", r)
    driver.execute_script("return new Promise(function (done) { setTimeout(done, 600); })")
    x, y = driver.execute_script("var p = gapmap.map.latLngToContainerPoint([arguments[1], arguments[0]]); return [p.x, p.y];", lon, lat)
    box = driver.find_element(By.ID, "imap")
    driver.execute_script("arguments[0].scrollIntoView()", box)
    ActionChains(driver).move_to_element_with_offset(box, int(x - box.size["width"] / 2), int(y - box.size["height"] / 2)).click().perform()
    try:
        WebDriverWait(driver, 10).until(lambda d: d.find_element(By.ID, "panel").is_displayed())
    except Exception:
        driver.save_screenshot("/tmp/check-report-click.png")
        print("click at", x, y, "selected:", driver.execute_script("return gapmap.state.selected"),
              driver.execute_script("return document.getElementById('panel').outerHTML.slice(0, 300)"))
        raise
    name = driver.find_element(By.ID, "panel-name").text
    check(cid in name and chosen["properties"]["name"] in name, f"clicking {cid} at ({lon:.4f}, {lat:.4f}) opens its panel: {name!r}")
    for key in ["area_km2", "covered_km2", "coverage_pct", "initiatives", "needs", "needs_uncovered", "incidents", "incidents_uncovered",
                "uncovered_demand"]:
        shown = driver.find_element(By.CSS_SELECTOR, f'#panel td[data-key="{key}"]').text
        expected = chosen["properties"][key]
        decimals = 0 if key == "initiatives" or (key in ("needs", "needs_uncovered", "incidents", "incidents_uncovered", "uncovered_demand") and expected == round(expected)) else 1
        check(abs(number(shown) - expected) <= 0.5 * 10 ** -decimals + 1e-9, f"panel {key} {shown!r} = regions.geojson {expected}")
    rank = driver.find_element(By.ID, "panel-rank").text
    check(int(number(rank)) == chosen["properties"]["gap_rank"], f"panel rank {rank} = gap_rank {chosen['properties']['gap_rank']}")
    if trends_path:
        # 6. The panel's flags are the GeoPackage's: month, incidents' flag, needs' flag.
        db = sqlite3.connect(trends_path)
        rows = db.execute("SELECT month, incidents_flag, needs_flag FROM monthly_trends WHERE region_id = ? "
                          "AND (incidents_flag <> '' OR needs_flag <> '') ORDER BY month", (cid,)).fetchall()
        expected = [(m, i or "", n or "") for m, i, n in rows][-12:]
        shown = driver.execute_script("""
            return Array.from(document.querySelectorAll('#panel table.flags tr')).slice(1).map(function (tr) {
              var flag = function (td) { var s = td.querySelector('span'); return s ? s.className.replace('flag-', '') : ''; };
              return [tr.cells[0].textContent, flag(tr.cells[2]), flag(tr.cells[4])];
            });""")
        check([tuple(x) for x in shown] == expected and len(expected) > 0,
              f"panel flags of {cid} = monthly_trends ({len(expected)} flagged months, e.g. {expected[-1] if expected else None})")
    selected = driver.find_elements(By.CSS_SELECTOR, "#units-table tr.selected")
    check(len(selected) == 1 and selected[0].find_element(By.CSS_SELECTOR, "td").text == cid, "the unit's table row is selected")

    # 2. Sort by uncovered demand.
    driver.find_element(By.CSS_SELECTOR, '#units-table th[data-key="uncovered_demand"]').click()
    first = driver.find_element(By.CSS_SELECTOR, "#units-table tbody tr td").text
    rank1 = [k for k, f in units.items() if f["properties"]["gap_rank"] == 1][0]
    check(first == rank1, f"sorted by uncovered demand, the first row is {first}, gap_rank 1 is {rank1}")

    # 3. The year.
    Select(driver.find_element(By.ID, "year")).select_by_visible_text(year)
    figures, differences = page_against(driver, in_year)
    check(differences == 0, f"period {year}: every unit's figures equal analyze --from {year}-01-01 --to {year}-12-31 ({len(figures)} units)")
    totals = {k: sum(f["properties"][k] for f in in_year.values()) for k in ["needs", "incidents", "uncovered_demand", "covered_km2", "area_km2"]}
    no_layer = json.loads(driver.find_element(By.ID, "gapmap-data").get_attribute("textContent")).get("noLayer", [])
    for key, element in [("uncovered_demand", "h-uncovered"), ("needs", "h-needs"), ("incidents", "h-incidents")]:
        shown = driver.find_element(By.ID, element).text
        if key in no_layer:
            # No file for this layer: "—", not 0 (analyze's regions hold 0 for it).
            check(shown == "—" and totals[key] == 0, f"headline {key} {shown!r}: no layer given, analyze total {totals[key]:.1f}")
            continue
        check(abs(number(shown) - totals[key]) <= 0.05, f"headline {key} {shown!r} = analyze total {totals[key]:.1f}")
    shown = driver.find_element(By.ID, "h-coverage").text
    pct = 100 * totals["covered_km2"] / totals["area_km2"]
    check(abs(number(shown) - pct) <= 0.05, f"headline coverage {shown!r} = analyze {pct:.2f} %")

    if actor:
        # 7. The year and one actor: a combination the page computed.
        menu = Select(driver.find_element(By.ID, "actor"))
        for i in range(1, len(menu.options)):
            menu.select_by_index(i)
            if driver.execute_script("return gapmap.state.value") == actor:
                break
        with_actor = features(actor_path)
        figures, differences = page_against(driver, with_actor)
        exact = driver.execute_script("return gapmap.state.exact")
        check(differences == 0 and exact, f"period {year} and actor {actor}: every unit's figures equal analyze --actor {actor} ({len(figures)} units, exact {exact})")

    # 4. The towns: seen from the whole country, the most populous town's name is shown, and no two
    #    names shown overlap (the page hides a name that would cover a larger town's); then every
    #    layer ticked off leaves the map.
    towns = [t["name"] for t in json.loads(driver.find_element(By.ID, "gapmap-text").get_attribute("textContent")).get("towns", [])]
    if towns:
        driver.execute_script("gapmap.map.fitBounds(gapmap.layers.units.getBounds(), { animate: false })")
        time.sleep(0.5)
        shown = driver.execute_script("""
            return Array.from(document.querySelectorAll('.leaflet-tooltip.town-label'))
              .filter(function (e) { return getComputedStyle(e).opacity > 0.5; })
              .map(function (e) { var r = e.getBoundingClientRect(); return [e.textContent, r.left, r.top, r.right, r.bottom]; });
        """)
        overlaps = [(a[0], b[0]) for i, a in enumerate(shown) for b in shown[i + 1:]
                    if not (a[3] <= b[1] or b[3] <= a[1] or a[4] <= b[2] or b[4] <= a[2])]
        names = [t[0] for t in shown]
        check(towns[0] in names and not overlaps and len(names) >= 2,
              f"towns: {len(names)} of {len(towns)} names shown ({', '.join(names)}), the most populous ({towns[0]}) among them, overlapping: {overlaps}")
    for layer in ["incidents", "units"] + (["towns"] if towns else []):
        before = driver.execute_script("return gapmap.map.hasLayer(gapmap.layers[arguments[0]])", layer)
        driver.find_element(By.ID, "layer-" + layer).click()
        after = driver.execute_script("return gapmap.map.hasLayer(gapmap.layers[arguments[0]])", layer)
        check(before and not after, f"unticking {layer} removes the layer")

    # 5. No network request.
    requests = [json.loads(e["message"])["message"] for e in driver.get_log("performance")]
    urls = [m["params"]["request"]["url"] for m in requests if m.get("method") == "Network.requestWillBeSent"]
    remote = [u for u in urls if not (u.startswith("file:") or u.startswith("data:"))]
    resources = driver.execute_script("return performance.getEntriesByType('resource').map(function (e) { return e.name; })")
    check(not remote and not [u for u in resources if not u.startswith("data:")],
          f"no network request ({len(urls)} requests, all file: or data:; {len(resources)} resource entries)")
finally:
    driver.quit()

sys.exit(1 if failures else 0)
