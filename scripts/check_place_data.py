"""Flag curated place rows whose coordinates disagree with GeoNames.

A district of data/districts.tsv more than 30 km from a same-named GeoNames town of its
country, and a neighbourhood of data/neighbourhoods.tsv more than 25 km from its city, are
printed. Run after editing either file; check each flagged row by hand (the town may be a
namesake matched by one of its alternate names).

    .venv/bin/python scripts/check_place_data.py
"""
from __future__ import annotations

import csv
from importlib import resources

from tacitus.distance import haversine_km
from tacitus.places.gazetteer import Gazetteer

DISTRICT_KM = 30.0
NEIGHBOURHOOD_KM = 25.0


def _rows(name: str):
    path = resources.files("tacitus").joinpath("data", name)
    with path.open(encoding="utf-8") as fh:
        yield from csv.DictReader((line for line in fh if not line.startswith("#")), delimiter="\t")


def main() -> None:
    flagged = 0
    gaz = Gazetteer.open()
    try:
        print("districts.tsv")
        for r in _rows("districts.tsv"):
            if not r["latitude"]:
                continue  # takes the coordinates of the GeoNames unit it renames
            lat, lon = float(r["latitude"]), float(r["longitude"])
            for name in [r["name"], *filter(None, r["aliases"].split("|"))]:
                towns = [p for p in gaz.lookup(name)
                         if p.kind == "city" and p.country_code == r["country_code"] and p.geonameid > 0]
                if towns:
                    town = min(towns, key=lambda t: haversine_km(lat, lon, t.latitude, t.longitude))
                    km = haversine_km(lat, lon, town.latitude, town.longitude)
                    if km > DISTRICT_KM:
                        flagged += 1
                        print(f"  {r['country_code']} {r['admin1']} {r['name']}: {km:.0f} km from "
                              f"GeoNames town {town.name} ({town.admin1}, {town.geonameid})")
                    break
        print("neighbourhoods.tsv")
        for r in _rows("neighbourhoods.tsv"):
            if not r["latitude"] or not r["parent_geonameid"]:
                continue
            city = gaz.get(int(r["parent_geonameid"]))
            if city is None:
                flagged += 1
                print(f"  {r['name']}: parent {r['parent_geonameid']} is not in the gazetteer")
                continue
            km = haversine_km(float(r["latitude"]), float(r["longitude"]), city.latitude, city.longitude)
            if km > NEIGHBOURHOOD_KM:
                flagged += 1
                print(f"  {r['name']} ({city.name}): {km:.0f} km from its city")
    finally:
        gaz.close()
    print(f"{flagged} rows to check")


if __name__ == "__main__":
    main()
