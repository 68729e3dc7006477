"""The command line's ACLED options for exports (`--columns`, `--hxl`,
`--include-undated`), shared by `export` and `extract`.

A CSV leaves out events without a date unless asked: ACLED's data has none, and a blank
``event_date`` column reads as numbers in pandas, which stops scripts that use
``.str`` on it. The count left out is said on stderr.
"""
from __future__ import annotations

from typing import Iterable, Iterator

import click

from tacitus.acled import COLUMN_SETS, export_layout, needs_populations
from tacitus.export import Layout
from tacitus.types import Event


def acled_options(fn):
    options = [
        click.option("--columns", type=click.Choice(list(COLUMN_SETS)), default="tacitus", show_default=True,
                     help="acled-full adds ACLED's population_1km/2km/5km/best (estimated from the "
                          "gazetteer's towns) after ACLED's columns."),
        click.option("--hxl", is_flag=True, help="CSV: add the HXL tag row (#date+occurred, …) under the header, "
                     "as in ACLED's files on HDX."),
        click.option("--include-undated", is_flag=True,
                     help="CSV: keep events without a date (left out by default: ACLED has none)."),
    ]
    for option in reversed(options):
        fn = option(fn)
    return fn


def layout_for(fmt: str, columns: str, hxl: bool) -> Layout:
    if hxl and fmt != "csv":
        raise click.UsageError("--hxl adds a tag row to a CSV: use it with --format csv")
    populations = None
    if needs_populations(columns):
        from tacitus.places.gazetteer import Gazetteer
        from tacitus.population import PopulationIndex

        populations = PopulationIndex.from_gazetteer(Gazetteer.open())
    return export_layout(columns, hxl=hxl, populations=populations)


class Dated:
    """The events with a date (all of them when ``keep_all``), counting those left out."""

    def __init__(self, events: Iterable[Event], keep_all: bool) -> None:
        self._events = events
        self._keep_all = keep_all
        self.left_out = 0

    def __iter__(self) -> Iterator[Event]:
        for event in self._events:
            if event.event_date is None and not self._keep_all:
                self.left_out += 1
                continue
            yield event

    def report(self) -> None:
        if self.left_out:
            click.echo(f"tacitus: {self.left_out} events without a date left out of the CSV "
                       "(no date could be read; --include-undated keeps them)", err=True)
