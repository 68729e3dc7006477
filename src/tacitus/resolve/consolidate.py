"""One event per day, place and actor pair (ACLED's rule) within an article.

An article often tells one event in several sentences that each look like an event
("protesters marched…", "police fired tear gas…", "the protest turned violent"). Events of
the same day, place and kind are one: a demonstration takes its most severe sub-type;
violence is grouped by its attacker too.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Sequence

from tacitus.types import Event

_DEMO_SEVERITY = {
    "Peaceful protest": 0, "Protest with intervention": 1,
    "Violent demonstration": 2, "Excessive force against protesters": 3,
}


def consolidate(events: Sequence[Event]) -> tuple[Event, ...]:
    groups: dict[tuple, list[Event]] = {}
    for e in events:
        groups.setdefault(_key(e), []).append(e)
    return tuple(_merge(g) for g in groups.values())


def _key(e: Event) -> tuple:
    place = e.geonameid if e.geonameid is not None else e.location
    if e.sub_event_type in _DEMO_SEVERITY:
        return (e.event_date, place, "demonstration")
    return (e.event_date, place, e.event_type, e.actor1)


def _merge(group: list[Event]) -> Event:
    if len(group) == 1:
        return group[0]
    head = max(group, key=lambda e: _DEMO_SEVERITY.get(e.sub_event_type, 0)) \
        if group[0].sub_event_type in _DEMO_SEVERITY else group[0]
    bests = [e.fatalities for e in group if e.fatalities is not None]
    evidence: dict = {}
    for e in group:
        for field, spans in e.evidence.items():
            evidence[field] = tuple(sorted(set(evidence.get(field, ())) | set(spans), key=lambda s: s.start))
    sources = tuple(dict.fromkeys(s for e in group for s in e.sources_detail))
    highs = [e.fatalities_high for e in group if e.fatalities_high is not None]
    actor2 = head.actor2 or next((e.actor2 for e in group if e.actor2), "")
    inter2 = head.inter2 if head.actor2 else next((e.inter2 for e in group if e.actor2), None)
    return replace(
        head,
        actor2=actor2,
        inter2=inter2,
        # The same dead told in several sentences: the largest single report, never a sum.
        fatalities=max(bests) if bests else None,
        fatalities_best=max(bests) if bests else None,
        fatalities_low=max(e.fatalities_low for e in group),
        fatalities_high=max(highs) if highs else None,
        civilian_fatalities_low=max(e.civilian_fatalities_low for e in group),
        injured_low=max(e.injured_low for e in group),
        sources_detail=sources,
        source="; ".join(dict.fromkeys(x for e in group for x in e.source.split("; ") if x)),
        confidence=max(e.confidence for e in group),
        evidence=evidence,
    )
