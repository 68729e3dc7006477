"""merge: an incident is one real event, however the reports chain (events made up here).

Daily attacks on one market stay one incident a day; five outlets over two days make
one; a year of daily reports never becomes one incident; and the store, which re-merges
only the days around each write, ends with exactly the incidents of a merge of all.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import random

import pytest

from tacitus.merge import link, merge
from tacitus.store import open_store
from tacitus.types import Article, Event, Span

DAY = dt.date(2025, 3, 3)
MARKET = dict(country="Nigeria", admin1="Borno", location="Gamboru", latitude=12.3711, longitude=14.2089,
              geonameid=2339354)
NEARBY = dict(country="Nigeria", admin1="Borno", location="Ngala", latitude=12.3417, longitude=14.1833,
              geonameid=2328926)  # ~4 km
STATED = {"event_date": (Span(0, 9, "on Monday"),)}


def report(article: str, day: int = 0, toll: int | None = 5, stated: bool = True, **kw) -> Event:
    base = dict(
        article_id=article, event_date=DAY + dt.timedelta(days=day), time_precision=1,
        disorder_type="Political violence", event_type="Violence against civilians", sub_event_type="Attack",
        actor1="Unidentified Armed Group (Nigeria)", inter1=3, actor2="Civilians (Nigeria)", inter2=7,
        source=f"Outlet {article}", fatalities=toll or 0, fatalities_low=toll or 0, fatalities_best=toll,
        fatalities_high=toll, event_id_cnty=f"NGA-{article}", confidence=0.7,
        evidence=STATED if stated else {}, **MARKET)
    base.update(kw)
    return Event(**base)


def groups(incidents) -> list[list[str]]:
    return sorted(sorted(i.event_ids) for i in incidents)


def test_attacks_on_one_market_on_consecutive_days_stay_one_incident_a_day():
    tolls = [2, 7, 4, 9, 5, 6, 3, 8]
    days = [report(f"day{d}", d, toll) for d, toll in enumerate(tolls)]
    incidents = merge(days)
    assert len(incidents) == 8
    assert sorted(i.event.fatalities for i in incidents) == sorted(tolls)  # 44 dead, not 2
    assert link(days[0], days[1]) is None  # each says its own day, and the days differ


def test_undated_reports_of_falling_tolls_are_another_days_attack():
    first = report("a", 0, 9, stated=False)
    fewer_next_day = report("b", 1, 3, stated=False)
    more_next_day = report("c", 1, 12, stated=False)
    assert groups(merge([first, fewer_next_day])) == [["NGA-a"], ["NGA-b"]]
    assert groups(merge([first, more_next_day])) == [["NGA-a", "NGA-c"]]


def test_one_attack_from_five_outlets_over_two_days_is_one_incident_with_a_reason_for_each():
    reports = [report("wire", 0, 5), report("radio", 0, 6, actor1="Boko Haram", inter1=2),
               report("daily", 0, 5, **NEARBY),
               report("weekly", 1, 7, stated=False), report("blog", 1, 8, stated=False)]
    [one] = merge(reports)
    assert len(one.event_ids) == 5
    assert one.event.event_date == DAY and one.event.fatalities == 5
    assert (one.event.fatalities_low, one.event.fatalities_high) == (5, 8)
    joins = [line for line in one.explanation if not line.startswith("fatalities")]
    assert len(joins) == 4  # one line for each report that joined the first
    assert any("the only reports of it on either day, all 5 linked" in line for line in joins)


def test_a_year_of_daily_reports_never_chains_into_one_incident():
    # Undated reports of the same toll every day: each could be the day before's.
    year = [report(f"d{d:03}", d, 5, stated=False) for d in range(365)]
    incidents = merge(year)
    assert len(incidents) >= 365 // 2
    for inc in incidents:
        dates = {e.event_date for e in year if e.event_id_cnty in inc.event_ids}
        assert max(dates) - min(dates) <= dt.timedelta(days=1)


def test_a_report_linked_to_two_that_contradict_each_other_joins_only_one():
    named = report("a", actor1="Boko Haram", inter1=2)
    other = report("b", actor1="ISWAP", inter1=2)
    bridge = report("c")  # unidentified: links to both, which do not link to each other
    assert link(named, bridge) and link(other, bridge) and not link(named, other)
    assert len(merge([named, other, bridge])) == 2


def _random_reports(rng: random.Random, n: int) -> list[Event]:
    places = [MARKET, NEARBY, dict(MARKET, location="Maiduguri", latitude=11.8464, longitude=13.1603,
                                   geonameid=2331447)]
    return [report(f"r{k:03}", rng.randint(0, 12), rng.choice([None, 2, 4, 6, 9]), stated=rng.random() < 0.4,
                   sub_event_type=rng.choice(["Attack", "Armed clash", "Abduction/forced disappearance"]),
                   actor1=rng.choice(["Unidentified Armed Group (Nigeria)", "Boko Haram", "ISWAP"]),
                   **rng.choice(places))
            for k in range(n)]


def _store_groups(store) -> list[list[str]]:
    return groups(store.incidents())


@pytest.mark.parametrize("seed", range(4))
def test_the_store_re_merging_days_around_each_write_equals_a_merge_of_everything(tmp_path, seed):
    rng = random.Random(seed)
    events = _random_reports(rng, 60)
    rng.shuffle(events)
    with open_store(str(tmp_path / "s.db")) as store:
        for e in events:
            store.add(Article(id=e.article_id, text=f"text of {e.article_id}"), [e])
        assert _store_groups(store) == groups(merge(events))
        # Review actions re-merge around what they change, including the day an event left.
        moved = events[0].event_id_cnty
        store.correct(moved, "event_date", (DAY + dt.timedelta(days=20)).isoformat(), who="t")
        store.reject(events[1].event_id_cnty, who="t")
        store.separate(events[2].event_id_cnty, who="t")
        incremental = _store_groups(store)
        store.remerge_all()
        assert incremental == _store_groups(store)
        changed = [dataclasses.replace(e, event_date=DAY + dt.timedelta(days=20)) if e.event_id_cnty == moved
                   else e for e in events[:1] + events[2:]]
        assert incremental == groups(merge(changed, apart={events[2].event_id_cnty}))
