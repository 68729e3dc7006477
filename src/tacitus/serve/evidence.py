"""What the evidence view shows for one article: the cleaned text (every span is an
offset into it) and, for each event coded from it, why its place was chosen.

The store keeps each article as it came in; evidence spans point into the text that
``tacitus.clean.clean`` returns, so the text is cleaned again here (a pure, cheap step).
The place reason is read again the way the pipeline read it: ``geocode`` over that
cleaned text with the article's dateline, then matched to the event's location words.
"""
from __future__ import annotations

import threading
from typing import Sequence

from tacitus.gazetteer import Gazetteer
from tacitus.facts import ResolvedPlace
from tacitus.resolve.places import geocode
from tacitus.types import Article, Event

_PRECISION = {1: "the town itself", 2: "near a town, or part of a region", 3: "the region only"}


class PlaceReader:
    """``reader(article)``: the article's places resolved as the pipeline resolved them.
    The gazetteer opens on first use and is shared by the server's threads, one
    reading at a time."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._gazetteer: Gazetteer | None = None

    def __call__(self, article: Article) -> tuple[ResolvedPlace, ...]:
        with self._lock:
            if self._gazetteer is None:
                self._gazetteer = Gazetteer.open()
            return geocode(article.text, self._gazetteer, dateline=article.dateline)


def place_reason(event: Event, resolved: Sequence[ResolvedPlace]) -> str:
    """Why the event is placed where it is, in one line.

    The resolved place whose words are the event's location evidence explains it; else
    one that resolved to the same GeoNames place; else only what the record says (a
    place set by a reviewer, or a fallback to a region or country)."""
    spans = {(s.start, s.end) for s in event.evidence.get("location", ())}
    by_words = [r for r in resolved if (r.mention.span.start, r.mention.span.end) in spans]
    by_place = [r for r in resolved if event.geonameid is not None and r.place.geonameid == event.geonameid]
    precision = _PRECISION.get(event.geo_precision or 0, "unknown")
    for found in (by_words, by_place):
        if found:
            return f"{found[0].reason} (precision: {precision})"
    if not event.location:
        return "no place: the article names none that the gazetteer knows"
    where = ", ".join(p for p in (event.location, event.admin1, event.country) if p)
    return f"{where}: as recorded (precision: {precision}); no place in the text resolves to it"
