"""The gazetteer build's row types and the name helpers the build and the package
readers (``sources``) share; below both, so neither imports the other at load."""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from importlib import resources

from tacitus.lexicon import PLACE_KINDS
from tacitus.places.gazetteer.normalise import fold, is_latin

_ADMIN_SUFFIX = re.compile(r"\s+" + PLACE_KINDS.pattern("display") + "$", re.IGNORECASE)


_MARKS = str.maketrans("", "", "‘’ʿʾʻʼ")


@dataclass(frozen=True, slots=True)
class CountryRow:
    code: str  # ISO alpha-2
    name: str  # ACLED's name ("Syria")
    iso: int
    region: str
    geonameid: int
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class AdminRow:
    geonameid: int
    name: str  # display name, as ACLED writes it
    aliases: tuple[str, ...]
    country_code: str
    level: int  # 1 or 2
    parent: int | None = None  # an admin2's admin1
    latitude: float | None = None
    longitude: float | None = None
    # An admin1's capital town (data/admin_names.tsv): ACLED places an event known only
    # to its province at the capital, so the area's point is the capital's.
    capital: str = ""


@dataclass(frozen=True, slots=True)
class CityRow:
    geonameid: int
    name: str
    aliases: tuple[str, ...]
    latitude: float
    longitude: float
    country_code: str
    population: int
    admin1: int | None = None  # geonameid of the admin1 area
    admin2: int | None = None


@dataclass(frozen=True, slots=True)
class NeighbourhoodRow:
    name: str
    aliases: tuple[str, ...]
    parent: int  # the city's geonameid
    country_code: str
    latitude: float | None
    longitude: float | None


@dataclass(frozen=True, slots=True)
class DistrictRow:
    """An admin2 unit from data/districts.tsv: a unit the packages lack, or ACLED's
    spelling of one they hold."""
    name: str  # display name, as ACLED writes it
    aliases: tuple[str, ...]
    country_code: str
    admin1: str  # the parent admin1, by any of its names
    latitude: float | None
    longitude: float | None


def display_admin_name(name: str, aliases: tuple[str, ...]) -> str:
    """ACLED's way of writing an admin area: the plain English name, no type suffix.

    An alias such as "Deir ez-Zor Governorate" is the English form; the bare GeoNames
    name ("Dayr az Zawr") is the fallback, diacritics removed.
    """
    for alias in aliases:
        if is_latin(alias) and _ADMIN_SUFFIX.search(alias):
            base = _ADMIN_SUFFIX.sub("", alias).strip()
            if base and not base.lower().startswith(("kaunti", "departamento", "the ")):
                return ascii_name(base)
    plain = _ADMIN_SUFFIX.sub("", name).strip() or name
    return ascii_name(plain)


def ascii_name(text: str) -> str:
    # Ayn and hamza marks are dropped as ACLED does ("‘Ajman" -> "Ajman", "Nad ‘Ali" ->
    # "Nad Ali"); a plain ASCII apostrophe stays ("Dar'a").
    text = text.lstrip("'`").translate(_MARKS)
    folded = fold(text)
    # Keep the original's capitalisation pattern where folding kept the letters aligned.
    if len(folded) == len(text):
        return "".join(f.upper() if o.isupper() else f for o, f in zip(text, folded))
    return folded.title()


def read_tsv(name: str) -> list[dict[str, str]]:
    """Rows of a TSV data file under tacitus/data/ (header row names the columns)."""
    res = resources.files("tacitus").joinpath("data", name)
    if not res.is_file():
        return []
    # Traversable.open() promises no `newline`; a text wrapper over the bytes gives csv the
    # untranslated line ends it wants, as open(newline="") would.
    with io.TextIOWrapper(res.open("rb"), encoding="utf-8", newline="") as fh:
        return [row for row in csv.DictReader(fh, delimiter="\t") if any(row.values())]
