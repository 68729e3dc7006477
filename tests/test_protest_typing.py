"""What kind of protest event a report tells, through the pipeline, on reports written for
these tests: force on the demonstrators, deaths told beside a march, demonstrators who
clash with the police, and words that stop an event from having happened."""
from __future__ import annotations

import datetime as dt

from tacitus.types import Article

PUBLISHED = dt.date(2021, 6, 9)



def test_deaths_told_beside_a_march_with_no_one_named_as_shooter_leave_it_peaceful(coded):
    text = ("LA PAZ, BOLIVIA — Two men were fatally shot Tuesday in the capital, as thousands of pro- "
            "and anti-government supporters marched through La Paz.")
    assert coded(text, PUBLISHED) == [("2021-06-08", "Peaceful protest", "La Paz")]


def test_police_who_shoot_at_marchers_use_excessive_force(coded):
    text = ("LA PAZ, BOLIVIA — Police shot dead two demonstrators Tuesday as thousands of teachers "
            "marched through La Paz.")
    assert coded(text, PUBLISHED) == [("2021-06-08", "Excessive force against protesters", "La Paz")]


def test_demonstrators_named_as_the_dead_make_excessive_force_without_a_shooter(coded):
    text = "LA PAZ, BOLIVIA — Two protesters were shot dead Tuesday during a teachers' march in La Paz."
    assert coded(text, PUBLISHED) == [("2021-06-08", "Excessive force against protesters", "La Paz")]


def test_demonstrators_who_clash_with_police_are_one_violent_demonstration_with_its_tear_gas(coded):
    # the two captions stand far apart, as photos do in a long report
    text = ("Students clash with riot police during a march against fee rises in Cochabamba, Bolivia, "
            "June 8, 2021.\n\n"
            "The university council met on Monday to discuss the budget.\n\n"
            "Fees have doubled in five years, the council said.\n\n"
            "The minister of education said the rise was needed.\n\n"
            "Student unions said they had written to the president.\n\n"
            "The president has not answered their letter.\n\n"
            "Police officers fire tear gas at students in Cochabamba, Bolivia, June 8, 2021.")
    assert coded(text, PUBLISHED) == [("2021-06-08", "Violent demonstration", "Cochabamba")]


def test_a_call_to_prevent_clashes_tells_no_clash(coded):
    text = ("The bishops issued a statement Tuesday urging all parties in Sucre to prevent further "
            "clashes between rival unions.")
    assert coded(text, PUBLISHED) == []


def test_each_town_of_a_list_abroad_has_demonstrators_of_its_own_country(pipeline):
    text = ("WASHINGTON — Thousands marched in France on Tuesday.\n\n"
            "Protests were held in several other cities, including Madrid, Lisbon and Amsterdam.")
    events = pipeline.code(Article(id="t", text=text, url="", outlet="", published=PUBLISHED))
    assert [(e.location, e.actor1) for e in events if e.location != "France"] == [
        ("Madrid", "Protesters (Spain)"), ("Lisbon", "Protesters (Portugal)"),
        ("Amsterdam", "Protesters (Netherlands)")]
