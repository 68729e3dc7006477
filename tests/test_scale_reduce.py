"""The deferred merge (rounds of country-weeks) gives the incidents of the per-article merge.

Synthetic events (made up here) crowd a few places over three weeks in two countries, so
incidents grow across week boundaries and chain through several reports; reviewers' joins
and separations made between two batches must be honoured by the reduce as by the
per-article merge.
"""
from __future__ import annotations

import datetime as dt
import random

import pytest

from tacitus.scale.reduce import merge_pending
from tacitus.store import open_store
from tacitus.types import Article, Event

_PLACES = {"Kenya": [(1.0, 38.0, 11), (1.05, 38.05, 12), (3.0, 40.0, 13)],
           "Mali": [(14.5, -4.2, 21), (16.3, -3.0, 22)]}
_KINDS = ("Armed clash", "Attack", "Peaceful protest")
_ACTORS = ("Military Forces", "Unidentified Armed Group", "Rebels")


def _reports(n: int, seed: int) -> list[tuple[Article, tuple[Event, ...]]]:
    rng = random.Random(seed)
    start = dt.date(2024, 3, 1)  # a Friday: the days run over two week boundaries
    out = []
    for i in range(n):
        article = Article(id=f"a{seed}-{i:03d}", text=f"Report {seed}-{i} of the day.", outlet=f"Wire {i % 4}")
        events = []
        for k in range(rng.choice((1, 1, 2))):
            country = rng.choice(sorted(_PLACES))
            lat, lon, gid = rng.choice(_PLACES[country])
            dead = rng.randrange(6)
            events.append(Event(
                article_id=article.id, event_date=start + dt.timedelta(days=rng.randrange(18)), time_precision=1,
                disorder_type="Political violence", event_type="Battles", sub_event_type=rng.choice(_KINDS),
                actor1=rng.choice(_ACTORS), inter1=1, country=country, location=f"Town {gid}",
                latitude=lat, longitude=lon, geonameid=gid, geo_precision=1, notes=f"Event {i}-{k}.",
                fatalities=dead, fatalities_low=dead, fatalities_best=dead, fatalities_high=dead,
                event_id_cnty=f"X{seed}{i:03d}{k}", confidence=rng.uniform(0.5, 1), source=f"Wire {i % 4}"))
        out.append((article, tuple(events)))
    return out


def _state(store):
    return list(store.events()), list(store.incidents())


@pytest.mark.parametrize("round_weeks", [1, 8])
def test_scale_reduce_gives_the_incidents_of_the_per_article_merge(tmp_path, round_weeks):
    first, second = _reports(60, 1), _reports(60, 2)
    shuffled = second[:]
    random.Random(5).shuffle(shuffled)
    with open_store(str(tmp_path / "one.db")) as one, open_store(str(tmp_path / "reduce.db")) as red:
        for article, events in first:
            one.add(article, events)
            red.add(article, events, merge=False)
        report = merge_pending(red, round_weeks=round_weeks)
        assert report.pending == sum(len(e) for _, e in first) and report.buckets > 3
        assert _state(one) == _state(red)
        merged = [i for i in one.incidents() if len(i.event_ids) > 2]
        assert merged, "the synthetic reports must merge, or this test checks nothing"
        for store in (one, red):  # the same review actions on both
            store.separate(merged[0].event_ids[0], who="t")
            store.join(merged[1].event_ids[0], first[0][1][0].event_id_cnty, who="t")
        for article, events in shuffled:
            red.add(article, events, merge=False)
        for article, events in second:
            one.add(article, events)
        merge_pending(red, round_weeks=round_weeks)
        assert _state(one) == _state(red)
        assert not red.pending_days()
        assert merge_pending(red).pending == 0
