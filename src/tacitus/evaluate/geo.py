"""Distances between coded places and gold places."""
from __future__ import annotations

from tacitus.distance import EARTH_RADIUS_KM, distance_km, haversine_km  # noqa: F401 (re-exported)

MATCH_KM = 25.0  # a prediction within this distance of the gold place is "the same place"


def within_km(
    lat1: float | None,
    lon1: float | None,
    lat2: float | None,
    lon2: float | None,
    km: float = MATCH_KM,
) -> bool:
    """True when both sides have coordinates and lie within `km` of each other."""
    d = distance_km(lat1, lon1, lat2, lon2)
    return d is not None and d <= km
