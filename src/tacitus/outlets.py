"""Which country an outlet mainly covers (data/outlets.tsv): a prior for articles that
name no place. International agencies are listed with no country, so they never give one.
Each outlet also has ACLED's source scale: the table's, else National for an outlet
with a country and International for one without."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from types import MappingProxyType
from typing import Iterable, Mapping

from tacitus.lexicon import data_rows


# ACLED's source scales, from the nearest to the widest; several sources give a pair of
# the nearest and the widest ("Subnational-International").
SCALES: tuple[str, ...] = ("Local partner", "New media", "Other", "Subnational", "National", "Regional",
                           "International")


def combine_scales(scales: Iterable[str]) -> str:
    """One ACLED source scale for several: the one, or the nearest and widest as a pair."""
    parts = {p for s in scales if s for p in s.split("-") if p in SCALES}
    ordered = [s for s in SCALES if s in parts]
    if not ordered:
        return ""
    return ordered[0] if len(ordered) == 1 else f"{ordered[0]}-{ordered[-1]}"


def _norm(name: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", name.lower()).split())


@dataclass(frozen=True, slots=True)
class OutletIndex:
    countries: Mapping[str, str]  # normalised outlet name or alias -> ISO alpha-2 ("" = international)
    scales: Mapping[str, str]  # normalised outlet name or alias -> ACLED source scale
    names: Mapping[str, str]  # normalised outlet name or alias -> the outlet's own name

    @classmethod
    def load(cls) -> OutletIndex:
        table: dict[str, str] = {}
        scales: dict[str, str] = {}
        names: dict[str, str] = {}
        rows = data_rows("outlets.tsv")
        for row in rows[1:] if rows and rows[0][0] == "outlet" else rows:
            if len(row) < 3:
                continue
            outlet, aliases, code = row[0], row[1], row[2].strip()
            scale = (row[3].strip() if len(row) > 3 else "") or ("National" if code else "International")
            for name in [outlet, *aliases.split("|")]:
                if name.strip():
                    table.setdefault(_norm(name), code)
                    scales.setdefault(_norm(name), scale)
                    names.setdefault(_norm(name), outlet)
        return cls(MappingProxyType(table), MappingProxyType(scales), MappingProxyType(names))

    def with_country(self, outlet: str, code: str) -> OutletIndex:
        """This index with ``outlet`` covering country ``code`` (what a feed list says wins)."""
        return replace(self, countries=MappingProxyType({**self.countries, _norm(outlet): code}))

    def country_of(self, outlet: str) -> str | None:
        """The outlet's country code, "" for an international outlet, None if unknown."""
        return self._find(self.countries, outlet)

    def scale_of(self, outlet: str) -> str | None:
        """The outlet's ACLED source scale ("National", "Regional", ...), None if unknown."""
        return self._find(self.scales, outlet)

    def canonical(self, name: str) -> str | None:
        """The table's own name for an outlet given by any of its names ("AFP")."""
        return self.names.get(_norm(name)) if name.strip() else None

    @staticmethod
    def _find(table: Mapping[str, str], outlet: str) -> str | None:
        for candidate in (outlet, re.sub(r"\([^)]*\)", "", outlet)):
            value = table.get(_norm(candidate))
            if value is not None:
                return value
        return None
