"""The API's ACLED options: ``columns=acled-full`` (ACLED's population columns, from the
gazetteer's towns) on the event lists and the CSV download, ``hxl=true`` (the tag row
of ACLED's files on HDX) and ``include_undated`` on the CSV download."""
from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Annotated, Any, Literal

from fastapi import Query, Request

from tacitus.acled import COLUMN_SETS, export_layout, needs_populations
from tacitus.export import Layout
from tacitus.population import PopulationIndex

if TYPE_CHECKING:
    # A Literal built from COLUMN_SETS at run time is no static type: the checker sees a
    # str, FastAPI (which reads the annotation at run time) sees the choices.
    Columns = str
else:
    Columns = Annotated[Literal[tuple(COLUMN_SETS)], Query(
        description="acled-full adds ACLED's population_1km/2km/5km/best after ACLED's columns (estimated "
                    "from the GeoNames towns within 1, 2 and 5 km).")]
Hxl = Annotated[bool, Query(description="Add the HXL tag row of ACLED's files on HDX under the header.")]
IncludeUndated = Annotated[bool, Query(description="Keep events without a date (left out by default: "
                                                   "ACLED has none, and a blank date column is not text to pandas).")]


class Populations:
    """The population index, built on first use (about a second) and shared by threads."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._index: PopulationIndex | None = None

    def index(self) -> PopulationIndex:
        with self._lock:
            if self._index is None:
                from tacitus.places.gazetteer import Gazetteer

                self._index = PopulationIndex.from_gazetteer(Gazetteer.open())
            return self._index


def layout(request: Request, columns: str, hxl: bool = False) -> Layout:
    populations = request.app.state.populations.index() if needs_populations(columns) else None
    return export_layout(columns, hxl=hxl, populations=populations)


def rows(layout: Layout, events) -> list[dict[str, Any]]:
    """Rows of the API's event lists in a layout's columns."""
    return [layout.row(e) for e in events]
