"""Events from many articles → incidents: one record per real event, with the reasons.

Two events are *linked* when they can be two reports of one event: different articles,
the same country, dates at most a day apart (and, a day apart, not both stated in the
text: two reports that each say their day, and name different days, tell two events),
the same place (same GeoNames id, or within 25 km), sub-types of one group
(``data/incident_kinds.tsv``) and actors that do not contradict each other.

An incident is a set of reports every two of which are linked (not a chain of links:
eight attacks on one market on eight days are eight incidents), so its span is bounded
— one day, or two consecutive days, and 25 km — whatever arrives. It is built in two
steps, both from the events alone, never from the order the articles arrived in:

1. *Same day*: reports of one day merge greedily from the strongest link to the
   weakest, a report joining a group only when it is linked to every report in it, and
   never two events of the same article (the extractor already made those one event per
   day, place and actor pair, so two of them are two events).
2. *Next day*: a group of one day joins a group of the day before or after only when
   each is the other's only such partner, every two of their reports are linked, and the
   later day's tolls do not all fall below the earlier day's (a later report of the
   same attack counts as many dead or more; fewer tell another attack).

So the incident of an event depends only on the events within three days of it: the
store re-merges a bounded neighbourhood for each new article, whatever its size.

A user's review overrides the rule: an event ``kept apart`` links to nothing, and two
events ``joined`` are put in one incident whatever the rule says.

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
# How far (in days) the incident of an event can depend on other events: its day's
# groups, their partners a day away, and those partners' other candidates (see merge).
REACH_DAYS = 3


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
    incident id. ``explanation`` has one line per report that joined, and one for the
    fatalities.
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


def date_stated(e: Event) -> bool:
    """The report says the event's day in words ("on Monday", "yesterday"), not only
    a week or a day guessed from the publication date."""
    return e.time_precision == 1 and bool(e.evidence.get("event_date"))


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
    if days > MAX_DAYS_APART or (days and date_stated(a) and date_stated(b)):
        return None
    km: float | None
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
    when = "same day" if days == 0 else "a day apart, one of them not saying its day"
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
    for a in events:
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


class _Groups:
    """Groups of event ids being merged; a group is named by its smallest member's index."""

    def __init__(self, events: Sequence[Event]) -> None:
        self.events = events
        self.group_of = {e.event_id_cnty: i for i, e in enumerate(events)}
        self.members: dict[int, list[str]] = {i: [e.event_id_cnty] for i, e in enumerate(events)}
        self.reasons: dict[int, list[str]] = {i: [] for i in range(len(events))}

    def join(self, ga: int, gb: int, reason: str) -> None:
        keep, gone = min(ga, gb), max(ga, gb)
        for event_id in self.members[gone]:
            self.group_of[event_id] = keep
        self.members[keep] += self.members.pop(gone)
        self.reasons[keep] += [reason] + self.reasons.pop(gone)


def _all_linked(xs: Iterable[str], ys: Sequence[str], linked: set[tuple[str, str]]) -> bool:
    return all((min(x, y), max(x, y)) in linked for x in xs for y in ys)


def _tolls_rise(early: Sequence[Event], late: Sequence[Event]) -> bool:
    """Whether the later day's reports can be later reports of the earlier day's event:
    at least one counts as many dead as the earlier day's lowest count (a toll rises as
    bodies are found; fewer dead on the next day is another attack)."""
    before = [e.fatalities_low for e in early if e.fatalities_best is not None]
    after = [e.fatalities_high if e.fatalities_high is not None else e.fatalities_best
             for e in late if e.fatalities_best is not None]
    return not before or not after or max(after) >= min(before)


def merge(events: Iterable[Event], *, apart: frozenset[str] | set[str] = frozenset(),
          joined: Iterable[tuple[str, str]] = ()) -> list[Incident]:
    """Incidents of a set of events, ordered by incident id. Pure and order-independent."""
    events = sorted(events, key=lambda e: e.event_id_cnty)
    by_id = {e.event_id_cnty: e for e in events}
    links = sorted((l for l in _links(events) if l.a not in apart and l.b not in apart),
                   key=lambda l: l.strength)
    linked = {(l.a, l.b) for l in links}
    groups = _Groups(events)

    # 1. Same day: greedy, strongest link first; a group stays a clique of linked reports.
    for l in links:
        if l.strength[0] != 0:
            continue
        ga, gb = groups.group_of[l.a], groups.group_of[l.b]
        if ga != gb and _all_linked(groups.members[ga], groups.members[gb], linked):
            groups.join(ga, gb, l.reason)

    # 2. Next day: each group's partners a day away; only mutual, single partners join.
    partners: dict[int, dict[int, Link]] = {}
    for l in links:
        if l.strength[0] == 0:
            continue
        ga, gb = groups.group_of[l.a], groups.group_of[l.b]
        if gb in partners.get(ga, {}):
            continue  # links are sorted: the first one between two groups is the strongest
        xs, ys = groups.members[ga], groups.members[gb]
        dx, dy = by_id[xs[0]].event_date, by_id[ys[0]].event_date
        assert dx is not None and dy is not None  # link() joins only dated events
        early, late = (xs, ys) if dx < dy else (ys, xs)
        if _all_linked(xs, ys, linked) and _tolls_rise([by_id[i] for i in early], [by_id[i] for i in late]):
            partners.setdefault(ga, {})[gb] = l
            partners.setdefault(gb, {})[ga] = l
    for ga, theirs in sorted(partners.items()):
        if len(theirs) != 1:
            continue
        [(gb, l)] = theirs.items()
        if ga < gb and len(partners[gb]) == 1:
            size = len(groups.members[ga]) + len(groups.members[gb])
            groups.join(ga, gb, f"{l.reason}; the only reports of it on either day, all {size} linked")

    # 3. Reviewers' joins hold whatever the rule says.
    for a, b in sorted(joined):
        if a in by_id and b in by_id and a != b:
            ga, gb = groups.group_of[a], groups.group_of[b]
            if ga != gb:
                first, second = sorted((a, b))
                groups.join(ga, gb, f"{first} + {second}: joined by a reviewer")

    incidents = [incident([by_id[i] for i in ids], groups.reasons[key]) for key, ids in groups.members.items()]
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
    bests = [e.fatalities_best for e in counted if e.fatalities_best is not None]  # all of them
    best = min(bests)
    highs = [e.fatalities_high if e.fatalities_high is not None else b for e, b in zip(counted, bests)]
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
