"""merge: which reports are one real event, and the merged record (events made up here)."""
from __future__ import annotations

import datetime as dt
import itertools
import random

from tacitus.merge import incident, link, merge
from tacitus.types import Event, SourceDetail

DAY = dt.date(2025, 4, 8)
# Maiduguri and a point ~8 km away; Damboa is ~80 km away.
MAIDUGURI = dict(location="Maiduguri", latitude=11.8464, longitude=13.1603, geonameid=2331447)
NEAR = dict(location="Jere", latitude=11.88, longitude=13.23, geonameid=9999001)
DAMBOA = dict(location="Damboa", latitude=11.1553, longitude=12.7564, geonameid=2345094)


def report(article: str, n: int = 0, **kw) -> Event:
    base = dict(
        article_id=article, event_date=DAY, time_precision=1, disorder_type="Political violence",
        event_type="Explosions/Remote violence", sub_event_type="Suicide bomb", actor1="Boko Haram",
        inter1=2, actor2="Civilians (Nigeria)", inter2=7, country="Nigeria", admin1="Borno",
        source=f"Outlet {article}", fatalities=10, fatalities_low=10, fatalities_best=10,
        fatalities_high=10, event_id_cnty=f"NGA-{article}-{n}", confidence=0.7,
        sources_detail=(SourceDetail("police spokesman", "police", f"Outlet {article}"),), **MAIDUGURI,
    )
    base.update(kw)
    return Event(**base)


def groups(incidents) -> set[frozenset[str]]:
    return {frozenset(i.event_ids) for i in incidents}


def test_reports_of_one_bombing_merge_with_the_reason():
    a = report("a")
    b = report("b", event_date=DAY + dt.timedelta(days=1), fatalities=14, fatalities_best=14,
               fatalities_low=14, fatalities_high=15, actor1="Unidentified Armed Group (Nigeria)", inter1=3)
    c = report("c", sub_event_type="Remote explosive/landmine/IED", **NEAR)
    [one] = merge([a, b, c])
    assert set(one.event_ids) == {a.event_id_cnty, b.event_id_cnty, c.event_id_cnty}
    assert one.article_ids == ("a", "b", "c")
    assert one.incident_id == "I-" + a.event_id_cnty
    assert one.event.event_id_cnty == one.incident_id
    assert one.event.event_date == DAY  # two of three reports say so
    assert (one.event.fatalities, one.event.fatalities_low, one.event.fatalities_high) == (10, 10, 15)
    assert one.event.source == "Outlet a; Outlet b; Outlet c"
    assert len(one.event.sources_detail) == 3
    text = "\n".join(one.explanation)
    assert "same place (Maiduguri)" in text and "a day apart" in text
    assert "perpetrator named by one report only (Boko Haram)" in text
    assert "compatible sub-types (Remote explosive/landmine/IED; Suicide bomb)" in text
    assert "coded 10 (the most conservative), range 10–15" in text


def test_different_events_on_the_same_day_in_one_city_stay_apart():
    bombing = report("a")
    protest = report("b", disorder_type="Demonstrations", event_type="Protests",
                     sub_event_type="Peaceful protest", actor1="Protesters (Nigeria)", inter1=6,
                     actor2="", inter2=None, fatalities=0, fatalities_best=0, fatalities_low=0,
                     fatalities_high=0)
    other_side = report("c", event_type="Battles", sub_event_type="Armed clash",
                        actor1="Military Forces of Nigeria (2023-)", actor2="ISWAP", inter1=1, inter2=2)
    assert link(bombing, protest) is None  # different kinds of event
    assert link(bombing, other_side) is None  # different actors on both sides
    assert len(merge([bombing, protest, other_side])) == 3


def test_far_apart_late_foreign_or_same_article_reports_do_not_link():
    a = report("a")
    assert link(a, report("b", **DAMBOA)) is None  # ~80 km away
    assert link(a, report("b", event_date=DAY + dt.timedelta(days=2))) is None
    assert link(a, report("b", country="Cameroon")) is None
    assert link(a, report("a", 1)) is None  # the extractor made these two on purpose
    assert link(a, report("b", event_date=None)) is None


def test_a_chain_never_puts_two_events_of_one_article_together():
    # b links to both a0 and a1 (two attacks reported by one article): it joins the
    # nearer one only.
    a0 = report("a", 0)
    a1 = report("a", 1, **NEAR)
    b = report("b")
    incidents = merge([a0, a1, b])
    assert groups(incidents) == {frozenset({a0.event_id_cnty, b.event_id_cnty}), frozenset({a1.event_id_cnty})}


def test_merge_does_not_depend_on_the_order_of_events():
    rng = random.Random(7)
    events = [report(chr(97 + i), event_date=DAY + dt.timedelta(days=rng.choice([0, 1, 3])),
                     fatalities_best=rng.randint(1, 20), **rng.choice([MAIDUGURI, NEAR, DAMBOA]))
              for i in range(9)]
    expected = merge(events)
    for order in itertools.islice(itertools.permutations(events), 0, 2000, 97):
        assert merge(list(order)) == expected


def test_reviewer_separation_and_join_override_the_rule():
    a, b, far = report("a"), report("b"), report("c", **DAMBOA)
    assert len(merge([a, b])) == 1
    assert len(merge([a, b], apart={b.event_id_cnty})) == 2
    assert groups(merge([a, b, far], joined=[(a.event_id_cnty, far.event_id_cnty)])) == {
        frozenset({a.event_id_cnty, b.event_id_cnty, far.event_id_cnty})}


def test_reports_without_a_death_count_do_not_pull_the_toll_to_zero():
    counted = report("a", fatalities=7, fatalities_best=7, fatalities_low=7, fatalities_high=7)
    uncounted = report("b", fatalities=0, fatalities_best=None, fatalities_low=0, fatalities_high=None)
    one = incident([counted, uncounted])
    assert (one.event.fatalities, one.event.fatalities_best) == (7, 7)
    neither = incident([uncounted, report("c", fatalities=0, fatalities_best=None, fatalities_high=None)])
    assert neither.event.fatalities == 0 and neither.event.fatalities_best is None
