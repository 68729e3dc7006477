"""Checks on data/outlets.tsv, the table of news outlets and the country whose
news each mainly covers (empty for international outlets).

The table is used to guess an article's country when its text names no place,
so a wrong or ambiguous row silently mislocates events: names must be unique
across rows, and country codes must be real ISO 3166 alpha-2 codes.
"""

from __future__ import annotations

import csv
import importlib.resources
from collections import Counter

import pycountry
import pytest

HEADER = ["outlet", "aliases", "country_code", "scale"]
SCALES = {"", "Subnational", "National", "Regional", "International"}


@pytest.fixture(scope="module")
def raw_text() -> str:
    path = importlib.resources.files("tacitus") / "data" / "outlets.tsv"
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def lines(raw_text: str) -> list[list[str]]:
    return list(csv.reader(raw_text.splitlines(), delimiter="\t", quoting=csv.QUOTE_NONE))


@pytest.fixture(scope="module")
def rows(lines: list[list[str]]) -> list[dict[str, str]]:
    return [{"scale": "", **dict(zip(HEADER, line))} for line in lines[1:]]


@pytest.fixture(scope="module")
def country_of(rows: list[dict[str, str]]) -> dict[str, str]:
    """Every outlet name and alias, casefolded, mapped to its country code."""
    table: dict[str, str] = {}
    for row in rows:
        for name in [row["outlet"], *filter(None, row["aliases"].split("|"))]:
            table[name.casefold()] = row["country_code"]
    return table


def test_header_is_exact(lines: list[list[str]]) -> None:
    assert lines[0] == HEADER


def test_every_row_has_three_fields_or_a_scale_too(lines: list[list[str]]) -> None:
    bad = [(number, line) for number, line in enumerate(lines[1:], start=2)
           if not (len(line) == 3 or (len(line) == 4 and line[3]))]
    assert bad == []


def test_scales_are_acleds_and_only_where_the_default_is_wrong(rows: list[dict[str, str]]) -> None:
    """An empty scale means International for an outlet without a country, else National."""
    assert {row["scale"] for row in rows} <= SCALES
    assert not [row["outlet"] for row in rows if row["scale"] == ("National" if row["country_code"] else "International")]


def test_enough_rows(rows: list[dict[str, str]]) -> None:
    assert len(rows) >= 300


def test_no_blank_or_padded_names(rows: list[dict[str, str]]) -> None:
    bad = []
    for row in rows:
        aliases = row["aliases"].split("|") if row["aliases"] else []
        for name in [row["outlet"], *aliases]:
            if not name or name != name.strip():
                bad.append(row["outlet"])
    assert bad == []


def test_country_codes_are_iso_alpha2_or_empty(rows: list[dict[str, str]]) -> None:
    bad = [
        (row["outlet"], row["country_code"])
        for row in rows
        if row["country_code"] and pycountry.countries.get(alpha_2=row["country_code"]) is None
    ]
    assert bad == []


def test_no_name_repeats_across_or_within_rows(rows: list[dict[str, str]]) -> None:
    names = Counter()
    for row in rows:
        aliases = row["aliases"].split("|") if row["aliases"] else []
        names.update(name.casefold() for name in [row["outlet"], *aliases])
    assert [name for name, count in names.items() if count > 1] == []


def test_international_outlets_are_listed_without_country(rows: list[dict[str, str]]) -> None:
    international = [row for row in rows if not row["country_code"]]
    assert len(international) >= 30


@pytest.mark.parametrize(
    ("name", "country"),
    [
        ("Daily Nation", "KE"),
        ("nation.africa", "KE"),
        ("Citizen TV", "KE"),
        ("Pajhwok", "AF"),
        ("TOLOnews", "AF"),
        ("Voice of Jihad", "AF"),
        ("SANA", "SY"),
        ("Enab Baladi", "SY"),
        ("Deir ez-Zor 24", "SY"),
        ("SOHR", "SY"),
        ("Rudaw", "IQ"),
        ("Radio Dabanga", "SD"),
        ("Radio Tamazuj", "SS"),
        ("Garowe Online", "SO"),
        ("Addis Standard", "ET"),
        ("Radio Okapi", "CD"),
        ("Premium Times", "NG"),
        ("Dawn", "PK"),
        ("The Irrawaddy", "MM"),
        ("Rappler", "PH"),
        ("Ukrinform", "UA"),
        ("Meduza", "RU"),
        ("El Espectador", "CO"),
        ("Le Nouvelliste", "HT"),
        ("Reuters", ""),
        ("AFP", ""),
        ("Associated Press", ""),
        ("BBC", ""),
        ("Al Jazeera", ""),
        ("Xinhua", ""),
        ("Anadolu Agency", ""),
        ("The Guardian", ""),
    ],
)
def test_spot_checks(country_of: dict[str, str], name: str, country: str) -> None:
    assert country_of.get(name.casefold()) == country
