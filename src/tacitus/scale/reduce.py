"""Incident merging deferred: the events stored *pending* (``Store.add(merge=False)``) by
a ``--workers`` ingest are merged while the workers code (``tacitus.scale.run`` says when) and
at the end of the run.

The incident of an event depends only on the events within ``REACH_DAYS`` of it
(``tacitus.merge``), and the store's bounded re-merge (``tacitus.store.remerge``) merges
the neighbourhood of a set of events exactly as ``add`` does for one article's. The
pending events are taken a few weeks of one country at a time (a *round*) and each
round is re-merged in one transaction (the oldest rounds first), so memory holds one round's neighbourhood, not
the whole backfill, and the incidents are those a one-process ingest of the same
articles gives, in any order and partitioning (the merge is order-independent).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from tacitus.store import Store
from tacitus.types import Event

Week = tuple[str, dt.date]  # (country, the Monday of the week)
ROUND_WEEKS = 8    # weeks of one country merged per round: bounds the events held in memory


@dataclass(frozen=True, slots=True)
class ReduceReport:
    pending: int     # events that were pending
    buckets: int     # (country, week) buckets merged


def week_of(event: Event) -> Week | None:
    if event.event_date is None:
        return None
    return event.country, event.event_date - dt.timedelta(days=event.event_date.weekday())


def _oldest_first(round_: list[Week]) -> tuple[dt.date, str]:
    country, monday = round_[0]
    return monday, country


def merge_pending(store: Store, round_weeks: int = ROUND_WEEKS) -> ReduceReport:
    """Merge every pending event of ``store`` into incidents; see the module's docstring.
    Undated events (linked to nothing) are merged last, a country at a time."""
    days = store.pending_days()
    weeks = sorted({(c, d - dt.timedelta(days=d.weekday())) for c, d, _ in days if d is not None})
    rounds: list[list[Week]] = []
    for week in weeks:
        if not rounds or len(rounds[-1]) == round_weeks or rounds[-1][-1][0] != week[0]:
            rounds.append([])
        rounds[-1].append(week)
    # Oldest rounds first, whatever their country: a backfill stores its articles roughly
    # in date order, so the store's pages are read in the order they were written, once;
    # country by country, each country would sweep every page of the store again (on a
    # store larger than the database's cache, a miss per event read).
    for chosen in sorted(rounds, key=_oldest_first):
        events = [e for c, monday in chosen for e in store.pending_events(c, monday, monday + dt.timedelta(days=6))]
        if events:
            store.merge_pending_events(events)
    undated = sorted({c for c, d, _ in days if d is None})
    for country in undated:
        store.merge_pending_events(store.pending_events(country, None, None))
    return ReduceReport(sum(n for _, _, n in days), len(weeks) + len(undated))
