"""The ACLED-style note is one well-formed sentence written from the event's fields."""
from __future__ import annotations

import datetime as dt

from tacitus.resolve.notes import write_note
from tacitus.types import Event


def _event(**fields) -> Event:
    base = dict(article_id="a", event_date=dt.date(2025, 2, 17), time_precision=1,
                disorder_type="Political violence", inter1=1,
                event_type="Explosions/Remote violence", sub_event_type="Air/drone strike",
                actor1="Military Forces of Myanmar (2021-)", location="Kanbalu", admin1="Sagaing",
                country="Myanmar")
    base.update(fields)
    return Event(**base)


def test_notes_no_dangling_preposition_without_a_target():
    note = write_note(_event(fatalities=6, fatalities_best=6, civilian_fatalities_low=1))
    assert note == ("On 17 February 2025, Military Forces of Myanmar (2021-) carried out air/drone "
                    "strikes in Kanbalu (Sagaing), killing 6 including 1 civilian.")


def test_notes_target_named_after_the_verb():
    note = write_note(_event(actor2="Civilians (Myanmar)", fatalities=2, fatalities_best=2,
                             civilian_fatalities_low=2))
    assert "air/drone strikes on Civilians (Myanmar) in Kanbalu" in note
    assert note.endswith("killing 2 including 2 civilians.")


def test_notes_protest_dispersed_with_no_force_named():
    note = write_note(_event(event_type="Protests", sub_event_type="Protest with intervention",
                             actor1="Protesters (Kenya)", location="Kisumu", admin1="Kisumu"))
    assert note == "On 17 February 2025, Protesters (Kenya) demonstrated and were dispersed in Kisumu."
