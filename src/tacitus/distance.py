"""Great-circle distance: one formula for the geocoder, the merge and the evaluation."""
from __future__ import annotations

import math
from typing import Iterable

EARTH_RADIUS_KM = 6371.0088


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def farther_than(lat: float, lon: float, points: Iterable[tuple[float, float]], km: float) -> bool:
    """Whether every point lies more than ``km`` from (lat, lon): the same answer as
    ``min(haversine_km(...)) > km``, but a point whose latitude alone puts it farther (the
    latitude gap is a lower bound of the great-circle distance) costs no haversine."""
    gap = math.degrees(km / EARTH_RADIUS_KM)
    for plat, plon in points:
        if abs(plat - lat) > gap:
            continue
        if haversine_km(lat, lon, plat, plon) <= km:
            return False
    return True


def distance_km(
    lat1: float | None, lon1: float | None, lat2: float | None, lon2: float | None
) -> float | None:
    """Distance, or None when either side has no coordinates."""
    if lat1 is None or lon1 is None or lat2 is None or lon2 is None:
        return None
    return haversine_km(lat1, lon1, lat2, lon2)
