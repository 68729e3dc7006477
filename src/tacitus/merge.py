"""Events from many articles → incidents: one record per real event, with the reasons.

Two events are *linked* when they can be two reports of one event: different articles,
the same country, dates at most a day apart, the same place (same GeoNames id, or
within 25 km), sub-types of one group (``data/incident_kinds.tsv``) and actors that do
not contradict each other. Incidents are then built greedily from the strongest link to
the weakest, never putting two events of the same article together (the extractor
already made those one event per day, place and actor pair, so two of them are two
events). Links are sorted by a key computed from the events alone, so the incidents
depend on the set of events, never on the order the articles arrived in.

A user's review overrides the rule: an event ``kept apart`` links to nothing, and two
events ``joined`` are linked whatever the rule says.

    incidents = merge(events, apart={"KEN-1a2b"}, joined={("KEN-1a2b", "KEN-9f8e")})
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Iterable, Sequence

from tacitus.distance import distance_km
from tacitus.lexicon import data_rows
from tacitus.outlets import combine_scales
from tacitus.types import Event, SourceDetail

NEAR_KM = 25.0
MAX_DAYS_APART = 1


@dataclass(frozen=True, slots=True)
class Link:
    """Why two events are taken as one: ``strength`` orders the greedy merge (lower first)."""

    a: str
    b: str
    strength: tuple
    reason: str
    by_reviewer: bool = False


@dataclass(frozen=True, slots=True)
class Incident:
    """One real event: the merged record, its events and articles, and why they merged.

    ``event`` holds ACLED's columns for the incident; its ``event_id_cnty`` is the
    incident id. ``explanation`` has one line per merge and one for the fatalities.
    """

    incident_id: str
    event: Event
    event_ids: tuple[str, ...]
    article_ids: tuple[str, ...]
    explanation: tuple[str, ...]


@lru_cache(maxsize=1)
def kind_groups() -> dict[str, str]:
    return {row[0]: row[1] for row in data_rows("incident_kinds.tsv")}


def _group(sub_event_type: str) -> str:
    return kind_groups().get(sub_event_type, sub_event_type)


def _km(a: Event, b: Event) -> float | None:
    return distance_km(a.latitude, a.longitude, b.latitude, b.longitude)


def _unidentified(actor: str) -> bool:
    return not actor or actor.startswith("Unidentified")


def _actors_agree(a: Event, b: Event) -> str | None:
    """How the two reports' actors fit together, or None when they contradict."""
    if a.actor1 == b.actor1:
        return f"actor1 {a.actor1 or '(none)'} in both"
    if a.actor2 and a.actor1 == b.actor2 and a.actor2 == b.actor1:
        return f"the same two sides ({a.actor1}; {a.actor2})"
    if _unidentified(a.actor1) or _unidentified(b.actor1):
        # One outlet names the perpetrator, the other does not: the same attack,
        # provided the two agree on the other side when both name one.
        if a.actor2 and b.actor2 and a.actor2 != b.actor2:
            return None
        named = b.actor1 if _unidentified(a.actor1) else a.actor1
        return f"perpetrator named by one report only ({named or 'none'})"
    return None


def link(a: Event, b: Event) -> Link | None:
    """The link between two events that may be one real event, or None (symmetric)."""
    if b.event_id_cnty < a.event_id_cnty:
        a, b = b, a
    if a.article_id == b.article_id or a.country != b.country:
        return None
    if a.event_date is None or b.event_date is None:
        return None
    days = abs((a.event_date - b.event_date).days)
    if days > MAX_DAYS_APART:
        return None
    if a.geonameid is not None and a.geonameid == b.geonameid:
        km, where = 0.0, f"same place ({a.location})"
    else:
        km = _km(a, b)
        if km is None or km > NEAR_KM:
            return None
        where = f"{a.location} and {b.location} {km:.0f} km apart"
    if _group(a.sub_event_type) != _group(b.sub_event_type):
        return None
    actors = _actors_agree(a, b)
    if actors is None:
        return None
    kind = (f"same sub-type ({a.sub_event_type})" if a.sub_event_type == b.sub_event_type
            else f"compatible sub-types ({'; '.join(sorted((a.sub_event_type, b.sub_event_type)))})")
    when = "same day" if days == 0 else "a day apart"
    first, second = a.event_id_cnty, b.event_id_cnty
    strength = (days, a.sub_event_type != b.sub_event_type, round(km, 3), a.actor1 != b.actor1,
                first, second)
    return Link(first, second, strength, f"{first} + {second}: {where}, {when}, {kind}, {actors}")


def _links(events: Sequence[Event]) -> list[Link]:
    by_day: dict = {}
    for e in events:
        if e.event_date is not None:
            by_day.setdefault(e.event_date.toordinal(), []).append(e)
    found = []
    for i, a in enumerate(events):
        if a.event_date is None:
            continue
        day = a.event_date.toordinal()
        for other_day in range(day - MAX_DAYS_APART, day + MAX_DAYS_APART + 1):
            for b in by_day.get(other_day, ()):
                if a.event_id_cnty < b.event_id_cnty:
                    found_link = link(a, b)
                    if found_link:
                        found.append(found_link)
    return found


def merge(events: Iterable[Event], *, apart: frozenset[str] | set[str] = frozenset(),
          joined: Iterable[tuple[str, str]] = ()) -> list[Incident]:
    """Incidents of a set of events, ordered by incident id. Pure and order-independent."""
    events = sorted(events, key=lambda e: e.event_id_cnty)
    by_id = {e.event_id_cnty: e for e in events}
    links = [l for l in _links(events) if l.a not in apart and l.b not in apart]
    for a, b in joined:
        if a in by_id and b in by_id and a != b:
            first, second = sorted((a, b))
            links.append(Link(first, second, (-1, first, second), f"{first} + {second}: joined by a reviewer",
                              by_reviewer=True))
    links.sort(key=lambda l: l.strength)

    cluster_of = {e.event_id_cnty: i for i, e in enumerate(events)}
    members: dict[int, list[str]] = {i: [e.event_id_cnty] for i, e in enumerate(events)}
    articles: dict[int, set[str]] = {i: {e.article_id} for i, e in enumerate(events)}
    reasons: dict[int, list[str]] = {i: [] for i in range(len(events))}
    for l in links:
        ca, cb = cluster_of[l.a], cluster_of[l.b]
        if ca == cb:
            continue
        if articles[ca] & articles[cb] and not l.by_reviewer:
            continue  # would put two events of one article together: they are two events
        keep, gone = min(ca, cb), max(ca, cb)
        for event_id in members[gone]:
            cluster_of[event_id] = keep
        members[keep] += members.pop(gone)
        articles[keep] |= articles.pop(gone)
        reasons[keep] += [l.reason] + reasons.pop(gone)

    incidents = [incident([by_id[i] for i in ids], reasons[key]) for key, ids in members.items()]
    return sorted(incidents, key=lambda inc: inc.incident_id)


def incident_id(event_ids: Iterable[str]) -> str:
    """The incident's id: its smallest event id, marked. Stable while the incident grows
    by reports of later-sorting ids, readable, and the same on every machine."""
    return "I-" + min(event_ids)


def incident(events: Sequence[Event], reasons: Sequence[str] = ()) -> Incident:
    """The merged record of events taken as one real event (a single event stands alone)."""
    events = sorted(events, key=lambda e: e.event_id_cnty)
    lead = min(events, key=lambda e: (-e.confidence, e.geo_precision or 9, e.event_id_cnty))
    ident = incident_id(e.event_id_cnty for e in events)
    fatal, fatal_note = _fatalities(events)
    merged = replace(
        lead,
        event_id_cnty=ident,
        event_date=_date(events),
        source="; ".join(sorted({s.strip() for e in events for s in e.source.split(";") if s.strip()})),
        source_scale=combine_scales(e.source_scale for e in events),
        sources_detail=_sources(events),
        confidence=max(e.confidence for e in events),
        notes=lead.notes if len(events) == 1 else f"{lead.notes} [{len(events)} reports]",
        **fatal,
    )
    explanation = tuple(reasons) + ((fatal_note,) if len(events) > 1 else ())
    article_ids = tuple(sorted({e.article_id for e in events}))
    return Incident(ident, merged, tuple(e.event_id_cnty for e in events), article_ids, explanation)


def _date(events: Sequence[Event]):
    """The date most reports give; on a tie, the earliest (a report a day late is usual)."""
    dates = [e.event_date for e in events if e.event_date is not None]
    if not dates:
        return None
    return min(set(dates), key=lambda d: (-dates.count(d), d))


def _fatalities(events: Sequence[Event]) -> tuple[dict, str]:
    """ACLED's conservative reconciliation: the lowest death count any report gives as
    `fatalities`, the spread of all reports in low/high. Reports without a count
    (only "killed and wounded") do not pull the figure to zero."""
    counted = [e for e in events if e.fatalities_best is not None]
    if not counted:
        known = [e.fatalities for e in events if e.fatalities is not None]
        return ({"fatalities": min(known) if known else None, "fatalities_best": None},
                "fatalities: no report gives a death count")
    best = min(e.fatalities_best for e in counted)
    highs = [e.fatalities_high if e.fatalities_high is not None else e.fatalities_best for e in counted]
    low = min(min(e.fatalities_low for e in counted), best)
    figures = ", ".join(f"{e.fatalities_best} ({e.source or e.article_id})" for e in counted)
    values = {
        "fatalities": best,
        "fatalities_best": best,
        "fatalities_low": low,
        "fatalities_high": max(highs),
        "civilian_fatalities_low": min(min(e.civilian_fatalities_low for e in counted), best),
        "injured_low": max(e.injured_low for e in events),
    }
    return values, f"fatalities: reports give {figures}; coded {best} (the most conservative), range {low}–{max(highs)}"


def _sources(events: Sequence[Event]) -> tuple[SourceDetail, ...]:
    seen: dict[tuple[str, str, str], SourceDetail] = {}
    for e in events:
        for s in e.sources_detail:
            seen.setdefault((s.name, s.role, s.outlet), s)
    return tuple(seen[k] for k in sorted(seen))
