"""How many people live near an event: ACLED's ``population_1km``, ``_2km``, ``_5km`` and
``population_best``, approximated from the bundled gazetteer.

ACLED computes these from gridded population (WorldPop). Tacitus can only ship GeoNames'
cities500: a place's whole population sits at its point. So a figure here is the sum of
the populations of the towns and villages whose point lies within the radius of the
event's coordinates: 0 for an event in open country, a whole city's population for one
coded to that city. It is an approximation, and the README says so.
"""
from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING, Mapping

from tacitus.distance import haversine_km

if TYPE_CHECKING:
    from tacitus.places.gazetteer import Gazetteer
    from tacitus.types import Event

POPULATION_COLUMNS: tuple[str, ...] = ("population_1km", "population_2km", "population_5km", "population_best")
RADII_KM: tuple[float, ...] = (1.0, 2.0, 5.0)
# ACLED's "best" radius depends on the kind of event: an explosion reaches further than
# a protest. Event types not named here take the middle radius.
BEST_RADIUS_KM: Mapping[str, float] = MappingProxyType({
    "Explosions/Remote violence": 5.0, "Protests": 1.0, "Riots": 1.0,
})
_DEFAULT_BEST_KM = 2.0
_CELL_DEGREES = 0.05  # about 5.5 km of latitude: a 5 km circle touches at most 3 x n cells


@dataclass(frozen=True, slots=True)
class PopulationIndex:
    """Populated places bucketed by grid cell, for sums within a few kilometres."""

    cells: Mapping[tuple[int, int], tuple[tuple[float, float, int], ...]]

    @classmethod
    def from_gazetteer(cls, gazetteer: Gazetteer) -> PopulationIndex:
        cells: dict[tuple[int, int], list[tuple[float, float, int]]] = defaultdict(list)
        for lat, lon, pop in gazetteer.city_points():
            if pop:
                cells[_cell(lat, lon)].append((lat, lon, pop))
        return cls(MappingProxyType({k: tuple(v) for k, v in cells.items()}))

    def within(self, lat: float, lon: float, radii: tuple[float, ...] = RADII_KM) -> tuple[int, ...]:
        """The population within each radius (km) of a point."""
        reach = max(radii)
        row, col = _cell(lat, lon)
        rows = math.ceil(reach / (111.0 * _CELL_DEGREES))
        cols = math.ceil(reach / (111.0 * _CELL_DEGREES * max(math.cos(math.radians(lat)), 0.01)))
        totals = [0] * len(radii)
        for r in range(row - rows, row + rows + 1):
            for c in range(col - cols, col + cols + 1):
                for p_lat, p_lon, pop in self.cells.get((r, c % _COLUMNS), ()):
                    km = haversine_km(lat, lon, p_lat, p_lon)
                    for i, radius in enumerate(radii):
                        if km <= radius:
                            totals[i] += pop
        return tuple(totals)

    def columns(self, event: Event) -> dict[str, int | None]:
        """The four population columns of an event; empty (None) without coordinates."""
        if event.latitude is None or event.longitude is None:
            return dict.fromkeys(POPULATION_COLUMNS)
        one, two, five = self.within(event.latitude, event.longitude)
        by_radius = {1.0: one, 2.0: two, 5.0: five}
        best = by_radius[BEST_RADIUS_KM.get(event.event_type, _DEFAULT_BEST_KM)]
        return dict(zip(POPULATION_COLUMNS, (one, two, five, best)))


_COLUMNS = round(360 / _CELL_DEGREES)


def _cell(lat: float, lon: float) -> tuple[int, int]:
    return math.floor(lat / _CELL_DEGREES), math.floor((lon + 180.0) / _CELL_DEGREES) % _COLUMNS
