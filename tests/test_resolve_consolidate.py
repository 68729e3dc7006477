"""resolve.consolidate on events made up for these tests: one event per day, place and
sides, and what the merged event keeps of its mentions' decisions."""
from __future__ import annotations

import datetime as dt

from tacitus.resolve.consolidate import consolidate
from tacitus.types import Event

DAY = dt.date(2024, 2, 12)


def _event(k: int, trace: tuple[str, ...], **kw) -> Event:
    base = dict(article_id="a", event_date=DAY, time_precision=1, disorder_type="Political violence",
                event_type="Explosions/Remote violence", sub_event_type="Remote explosive/landmine/IED",
                actor1="Unidentified Armed Group (Nigeria)", inter1=3, actor2="", inter2=None, iso=566,
                region="Western Africa", country="Nigeria", admin1="Kano", location="Kano",
                latitude=12.0, longitude=8.52, geonameid=2335204, source="Kano Times", notes="",
                fatalities=0, fatalities_low=0, event_id_cnty=f"NIG-a-{k}", confidence=0.7, trace=trace)
    base.update(kw)
    return Event(**base)


def test_a_mention_with_no_date_near_it_takes_the_date_basis_of_one_that_read_the_day():
    deep = _event(0, ("event_cue@23", "date:unanchored", "place:only_place"))
    read = _event(1, ("event_cue@24", "date:read", "place:only_place"))
    (merged,) = consolidate([deep, read])
    assert "date:read" in merged.trace and "date:unanchored" not in merged.trace
    assert merged.trace[0] == "event_cue@23"  # the event as first told still leads


def test_mentions_that_all_lack_a_date_stay_unanchored():
    (merged,) = consolidate([_event(0, ("event_cue@23", "date:unanchored")),
                             _event(1, ("event_cue@25", "date:unanchored"))])
    assert "date:unanchored" in merged.trace
