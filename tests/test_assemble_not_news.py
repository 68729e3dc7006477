"""Sentences that tell no event of their own, through the pipeline, on reports written for
these tests: a toll summed since a point in time, an attack agreed not to be made, what
people comment on, and a protest that is a complaint."""
from __future__ import annotations

import datetime as dt

import pytest


PUBLISHED = dt.date(2023, 3, 8)


@pytest.mark.parametrize("text", [
    # a toll summed over every attack since a point in time
    "Monitors say more than 900 civilians have been killed in air strikes on Idlib since the "
    "ceasefire talks in Astana on Monday.",
    # an attack the sides agreed not to make
    "The commander says the militia broke a pledge not to attack the air base at Kafr Nabl on Monday.",
    # what a minister commented on
    "On Monday the foreign minister focused his comments on the army's offensive in Idlib.",
    # events that there "have been", on no day
    "There have been reports of clashes around the country, particularly in Idlib and Hama.",
    # a protest said or sent: a complaint
    "The ministry lodged a formal protest with the embassy in Idlib on Monday.",
    "The boy screamed protests at the pain in a hospital in Idlib on Monday.",
])
def test_a_sentence_that_tells_no_event_of_its_own_codes_none(coded, text):
    assert coded(text, PUBLISHED) == []


def test_deaths_since_a_recent_day_are_still_the_event_of_those_days(coded):
    text = "At least 12 people have been killed in Idlib since Monday, activists said."
    assert [(d[0], d[2]) for d in coded(text, PUBLISHED)] == [("2023-03-06", "Idlib")]
