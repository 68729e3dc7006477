"""Incident merging as the reduce step over events stored *pending* (``Store.add(merge=False)``).

The merge rule only links events of one country at most a day apart, so the work splits
by (country, week): a bucket holds a week's events (its *core*) and the events of the day
before and the day after (its *halo*), and every link of a core event is found inside its
bucket. Buckets are mapped in parallel (on the Dask workers); the links, the incidents
already stored and reviewers' joins are then joined into connected components. Weeks
that a component reaches beyond the loaded ones are loaded too, until nothing new is
reached. Each component holding a pending event is merged afresh with ``merge`` (pure,
order-independent), exactly what the single-process ingest's per-article re-merge gives,
because the greedy merge of a set of events is the union of the merges of its connected
components. Components are written a few hundred to a transaction.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Callable, Iterable, Sequence

from tacitus.merge import MAX_DAYS_APART, link
from tacitus.store import Store
from tacitus.types import Event

Week = tuple[str, dt.date]  # (country, the Monday of the week)
Bucket = tuple[tuple[Event, ...], tuple[Event, ...]]  # (core, halo)
MapLinks = Callable[[Sequence[Bucket]], Iterable[Sequence[tuple[str, str]]]]
WRITE_BATCH = 200  # components per transaction
ROUND_WEEKS = 8    # weeks of one country merged per round: bounds the events held in memory


@dataclass(frozen=True, slots=True)
class ReduceReport:
    pending: int     # events that were pending
    buckets: int     # (country, week) buckets mapped


def week_of(event: Event) -> Week | None:
    if event.event_date is None:
        return None
    return event.country, event.event_date - dt.timedelta(days=event.event_date.weekday())


def bucket_links(bucket: Bucket) -> list[tuple[str, str]]:
    """The rule's links of every core event: to other core events and to the halo."""
    core, halo = bucket
    by_day: dict[int, list[Event]] = defaultdict(list)
    for e in (*core, *halo):
        by_day[e.event_date.toordinal()].append(e)
    found = []
    for a in core:
        day = a.event_date.toordinal()
        for other_day in range(day - MAX_DAYS_APART, day + MAX_DAYS_APART + 1):
            for b in by_day.get(other_day, ()):
                if a.event_id_cnty != b.event_id_cnty and link(a, b) is not None:
                    found.append((a.event_id_cnty, b.event_id_cnty))
    return found


def map_locally(buckets: Sequence[Bucket]) -> Iterable[Sequence[tuple[str, str]]]:
    return map(bucket_links, buckets)


class _Components:
    """Union-find over event ids."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)

    def groups(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = defaultdict(list)
        for x in list(self.parent):
            out[self.find(x)].append(x)
        return out


def merge_pending(store: Store, map_links: MapLinks = map_locally, round_weeks: int = ROUND_WEEKS) -> ReduceReport:
    """Merge every pending event of ``store`` into incidents; see the module's docstring.

    The pending weeks are taken a few of one country at a time (a *round*), so memory
    holds one round's events, not the whole backfill. A component that reaches into a
    later round's weeks is merged whole in the earlier one; its events are then no longer
    pending when the later round reads its own."""
    days = store.pending_days()
    weeks = sorted({(c, d - dt.timedelta(days=d.weekday())) for c, d, _ in days if d is not None})
    rounds: list[list[Week]] = []
    for week in weeks:
        if not rounds or len(rounds[-1]) == round_weeks or rounds[-1][-1][0] != week[0]:
            rounds.append([])
        rounds[-1].append(week)
    buckets = 0
    for chosen in rounds:
        events = [e for c, monday in chosen for e in store.pending_events(c, monday, monday + dt.timedelta(days=6))]
        buckets += _merge_round(store, events, map_links)
    for country in sorted({c for c, d, _ in days if d is None}):
        events = store.pending_events(country, None, None)
        buckets += _merge_round(store, events, map_links)
    return ReduceReport(sum(n for _, _, n in days), buckets)


def _merge_round(store: Store, pending: list[Event], map_links: MapLinks) -> int:
    """Merge the components holding these pending events; the number of buckets mapped."""
    pending_ids = {e.event_id_cnty for e in pending}
    loaded: dict[str, Event] = {e.event_id_cnty: e for e in pending}
    comps = _Components()
    for e in pending:
        comps.find(e.event_id_cnty)
    tied: set[str] = set()
    done: set[Week] = set()
    todo = {w for w in map(week_of, pending) if w is not None}
    while True:
        buckets = [_bucket(store, w, loaded) for w in sorted(todo - done)]
        done |= todo
        for links in map_links(buckets):
            for a, b in links:
                comps.union(a, b)
        # Stored incidents and reviewers' joins tie events too, maybe outside these weeks.
        while untied := sorted(set(loaded) - tied):
            tied.update(untied)
            for a, b in store.merge_ties(untied):
                for x in (a, b):
                    if x not in loaded and (found := store.event(x)) is not None:
                        loaded[x] = found
                if a in loaded and b in loaded:
                    comps.union(a, b)
        reached = {comps.find(x) for x in pending_ids}
        todo = {w for x, e in loaded.items() if comps.find(x) in reached
                and (w := week_of(e)) is not None} - done
        if not todo:
            break
    groups = [g for root, g in comps.groups().items() if root in reached]
    for start in range(0, len(groups), WRITE_BATCH):
        store.remerge_components({x: loaded[x] for x in g} for g in groups[start:start + WRITE_BATCH])
    return len(done)


def _bucket(store: Store, week: Week, loaded: dict[str, Event]) -> Bucket:
    country, monday = week
    margin = dt.timedelta(days=MAX_DAYS_APART)
    window = store.events_between(country, monday - margin, monday + dt.timedelta(days=6) + margin)
    core, halo = [], []
    for e in window:
        loaded.setdefault(e.event_id_cnty, e)
        (core if week_of(e) == week else halo).append(e)
    return tuple(core), tuple(halo)
