"""What dates and places a sentence's own event, through the pipeline, on reports written
for these tests: a year or an event named only as a reference point, an event named to
date a sentence that goes on with the event just told, what a planned event turned into,
and a date in a clause of its own."""
from __future__ import annotations

import datetime as dt

PUBLISHED = dt.date(2022, 5, 10)


def test_the_deadliest_attack_since_a_year_is_dated_by_its_own_day(coded):
    text = ("Monday's attack on a bus station in Maiduguri was the deadliest in the city since the "
            "2014 siege.")
    assert coded(text, PUBLISHED) == [("2022-05-09", "Attack", "Maiduguri")]


def test_a_year_told_as_the_events_own_still_makes_it_background(coded):
    text = "In 2014, gunmen attacked a bus station in Maiduguri."
    assert coded(text, PUBLISHED) == []


def test_an_event_named_to_date_the_next_sentence_tells_more_of_the_event_just_told(coded):
    text = ("An attack on a crowded market in Maiduguri on Monday killed 12 people, police said.\n\n"
            "Volunteers were still clearing the stalls two days after the suicide truck bombing.")
    assert coded(text, PUBLISHED) == [("2022-05-09", "Suicide bomb", "Maiduguri")]


def test_an_event_of_another_kind_named_as_a_reference_joins_nothing(coded):
    text = ("Police arrested four traders in Maiduguri on Monday over a price dispute.\n\n"
            "Volunteers were still clearing the stalls two days after the suicide truck bombing.")
    assert coded(text, PUBLISHED) == [("2022-05-09", "Arrests", "Maiduguri")]


def test_what_a_planned_march_turned_into_happened(coded):
    text = "A planned march through Lagos on Monday was turned into a rally at the city stadium."
    assert coded(text, PUBLISHED) == [("2022-05-09", "Peaceful protest", "Lagos")]


def test_an_event_word_after_an_unreal_one_is_unreal_too(coded):
    text = "Officials said on Monday that the rebels will storm the town and shell the market in Goma."
    assert coded(text, PUBLISHED) == []


def test_the_place_of_an_event_named_as_a_reference_is_not_the_events(coded):
    text = "A day after the bombing in Kano, gunmen attacked a police post in Maiduguri on Monday."
    assert coded(text, PUBLISHED) == [("2022-05-09", "Armed clash", "Maiduguri")]


def test_an_event_this_week_compared_with_one_years_ago_is_dated_this_week(coded):
    text = ("An ambush on soldiers near Maiduguri this week raised fears not seen since the attack on "
            "Kano in 2014.")
    assert [(d[0], d[2]) for d in coded(text, PUBLISHED)] == [("2022-05-09", "Maiduguri")]


def test_a_mention_deep_in_the_article_is_dated_by_the_one_that_reads_the_day(coded):
    text = ("Police arrested a man on Monday after a shootout in Kano, officials said.\n\n"
            "The governor spoke to reporters at length about the budget.\n\n"
            "He said schools would reopen soon.\n\n"
            "The ministry said the teachers' strike would end next week.\n\n"
            "Officials added that fuel prices had risen.\n\n"
            "The comments came days after bombings in Kano that the man is accused of.")
    assert [(d[0], d[2]) for d in coded(text, PUBLISHED)] == [("2022-05-09", "Kano")]


def test_a_date_in_a_clause_that_tells_no_event_does_not_date_the_sentence(coded):
    text = ("Thousands of teachers marched through Abuja on Monday.\n\n"
            "Another crowd gathered in Kano, heading toward the governor's lodge, which he left "
            "before he flew to Lagos on Sunday.")
    assert coded(text, PUBLISHED) == [("2022-05-09", "Peaceful protest", "Abuja"),
                                      ("2022-05-09", "Peaceful protest", "Kano")]


def test_a_date_in_a_clause_that_tells_an_event_still_dates_the_sentence(coded):
    text = "Soldiers killed four militants in Bama after they attacked a checkpoint on Sunday."
    assert [d[0] for d in coded(text, PUBLISHED)] == ["2022-05-08"]


def test_what_people_fled_is_not_the_event_the_sentence_places(coded):
    text = ("Families fleeing from clashes shelter in Dibis, during an operation to attack militants "
            "in Kirkuk, Iraq, on Monday.")
    assert ("2022-05-09", "Armed clash", "Kirkuk") in coded(text, PUBLISHED)


def test_a_suburb_of_a_city_is_one_place(coded):
    text = "Police raided a flat in the Esenyurt suburb of Istanbul on Monday."
    assert [d[2] for d in coded(text, PUBLISHED)] == ["Esenyurt"]


def test_where_the_dead_are_mourned_is_not_where_they_were_killed(coded):
    text = ("Friends carry the coffin of a soldier killed during an ambush last Friday, during his "
            "funeral at a mosque in Kano, Nigeria, May 9, 2022.")
    assert all(place != "Kano" for _, _, place in coded(text, PUBLISHED))
