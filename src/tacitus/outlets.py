"""Which country an outlet mainly covers (data/outlets.tsv): a prior for articles that
name no place. International agencies are listed with no country, so they never give one."""
from __future__ import annotations

import re
from dataclasses import dataclass
from types import MappingProxyType
from typing import Mapping

from tacitus.lexicon import data_rows


def _norm(name: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", name.lower()).split())


@dataclass(frozen=True, slots=True)
class OutletIndex:
    countries: Mapping[str, str]  # normalised outlet name or alias -> ISO alpha-2 ("" = international)

    @classmethod
    def load(cls) -> OutletIndex:
        table: dict[str, str] = {}
        rows = data_rows("outlets.tsv")
        for row in rows[1:] if rows and rows[0][0] == "outlet" else rows:
            if len(row) < 3:
                continue
            outlet, aliases, code = row[0], row[1], row[2].strip()
            for name in [outlet, *aliases.split("|")]:
                if name.strip():
                    table.setdefault(_norm(name), code)
        return cls(MappingProxyType(table))

    def with_country(self, outlet: str, code: str) -> OutletIndex:
        """This index with ``outlet`` covering country ``code`` (what a feed list says wins)."""
        return OutletIndex(MappingProxyType({**self.countries, _norm(outlet): code}))

    def country_of(self, outlet: str) -> str | None:
        """The outlet's country code, "" for an international outlet, None if unknown."""
        for candidate in (outlet, re.sub(r"\([^)]*\)", "", outlet)):
            code = self.countries.get(_norm(candidate))
            if code is not None:
                return code
        return None
