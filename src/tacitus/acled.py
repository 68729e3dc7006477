"""What ACLED users' scripts expect of an export, beyond the columns every export has:
the column sets (``--columns``), the population columns of ACLED's full export, and the
HXL tag row of the ACLED files on HDX (``--hxl``).

    layout = export_layout("acled-full", hxl=True, populations=PopulationIndex.from_gazetteer(gaz))
    write(events, sys.stdout, "csv", layout)
"""
from __future__ import annotations

from functools import cache
from types import MappingProxyType
from typing import Mapping

from tacitus.export import COLUMNS, Layout
from tacitus.lexicon import data_rows
from tacitus.population import POPULATION_COLUMNS, PopulationIndex
from tacitus.types import ACLED_COLUMNS, TACITUS_COLUMNS

# The column sets an export can have: the default (ACLED's 31, then Tacitus' own), and
# ACLED's full export (its 31 and its four population columns, then Tacitus' own).
COLUMN_SETS: Mapping[str, tuple[str, ...]] = MappingProxyType({
    "tacitus": COLUMNS,
    "acled-full": ACLED_COLUMNS + POPULATION_COLUMNS + TACITUS_COLUMNS,
})


@cache
def hxl_tags() -> Mapping[str, str]:
    """Column -> HXL hashtag (data/hxl_tags.tsv)."""
    rows = data_rows("hxl_tags.tsv")
    return MappingProxyType({column: tag for column, tag in rows[1:]})


def needs_populations(columns: str) -> bool:
    return any(c in POPULATION_COLUMNS for c in COLUMN_SETS[columns])


def export_layout(columns: str = "tacitus", *, hxl: bool = False,
                  populations: PopulationIndex | None = None) -> Layout:
    """The writers' layout for a column set. A set with the population columns needs
    ``populations`` (``PopulationIndex.from_gazetteer``)."""
    chosen = COLUMN_SETS[columns]
    extra = None
    if needs_populations(columns):
        if populations is None:
            raise ValueError(f"the {columns!r} columns need a PopulationIndex")
        extra = populations.columns
    tags = hxl_tags()
    return Layout(columns=chosen, extra=extra,
                  tag_row=tuple(tags.get(c, "") for c in chosen) if hxl else None)
