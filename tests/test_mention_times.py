"""mention.times: time expressions resolved against the publication date (texts written here)."""
from __future__ import annotations

import datetime as dt

import pytest

from tacitus.facts import TimeMention
from tacitus.mention.times import read_times

WED = dt.date(2021, 6, 16)  # a Wednesday
TUE_NEW_YEAR = dt.date(2021, 1, 5)  # a Tuesday, days after a year boundary


def _only(found: tuple[TimeMention, ...]) -> TimeMention:
    assert len(found) == 1, found
    return found[0]


# --- Weekdays: the most recent such day on or before publication ---------------------------


@pytest.mark.parametrize(
    "sentence, published, expected",
    [
        ("Gunmen attacked a village in Zamfara on Monday.", WED, dt.date(2021, 6, 14)),
        ("Gunmen attacked a village in Zamfara on Tuesday.", WED, dt.date(2021, 6, 15)),
        ("Gunmen attacked a village in Zamfara on Wednesday.", WED, WED),
        ("Gunmen attacked a village in Zamfara on Thursday.", WED, dt.date(2021, 6, 10)),
        ("Gunmen attacked a village in Zamfara last Wednesday.", WED, dt.date(2021, 6, 9)),
        ("Sunday morning, militants shelled Kramatorsk.", WED, dt.date(2021, 6, 13)),
        ("Rebels raided a camp near Goma on Saturday night.", WED, dt.date(2021, 6, 12)),
        ("Monday's attack in Kabul killed 3 people.", WED, dt.date(2021, 6, 14)),
        ("Police fired tear gas in La Paz on Sunday.", TUE_NEW_YEAR, dt.date(2021, 1, 3)),
        ("Police fired tear gas in La Paz on Wednesday.", TUE_NEW_YEAR, dt.date(2020, 12, 30)),
    ],
)
def test_times_weekday_is_the_latest_on_or_before_publication(sentence, published, expected):
    t = _only(read_times(sentence, 0, published))
    assert (t.kind, t.date, t.precision) == ("date", expected, 1)
    assert t.date.weekday() == expected.weekday()
    assert published - dt.timedelta(days=7) <= t.date <= published


@pytest.mark.parametrize(
    "sentence, published, expected",
    [
        ("The attack on the convoy near Gao happened yesterday.", WED, dt.date(2021, 6, 15)),
        ("Soldiers clashed with bandits in Katsina last night.", WED, dt.date(2021, 6, 15)),
        ("Protesters gathered in Yangon yesterday.", TUE_NEW_YEAR, dt.date(2021, 1, 4)),
        ("Troops entered the town of Kalemie today.", WED, WED),
    ],
)
def test_times_yesterday_and_today(sentence, published, expected):
    t = _only(read_times(sentence, 0, published))
    assert (t.kind, t.date, t.precision) == ("date", expected, 1)


# --- Explicit dates -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "On 21 March 2020, soldiers clashed with rebels near Bunia.",
        "On March 21, 2020, soldiers clashed with rebels near Bunia.",
        "On March 21 2020 soldiers clashed with rebels near Bunia.",
        "Soldiers clashed with rebels near Bunia on 2020-03-21.",
        "The 21st of March, 2020 saw fighting near Bunia.",
        "Soldiers clashed with rebels near Bunia on 21 Mar 2020.",
    ],
)
@pytest.mark.parametrize("published", [WED, None])
def test_times_explicit_dates_in_every_form(sentence, published):
    t = _only(read_times(sentence, 0, published))
    assert (t.kind, t.date, t.precision, t.days) == ("date", dt.date(2020, 3, 21), 1, 0)


@pytest.mark.parametrize(
    "sentence, published, expected",
    [
        ("The raid on Mocimboa took place on 21 March.", WED, dt.date(2021, 3, 21)),
        ("The raid on Mocimboa took place on March 21.", WED, dt.date(2021, 3, 21)),
        # later in the year than publication: the previous year (events precede reports)
        ("The raid on Mocimboa took place on 21 July.", WED, dt.date(2020, 7, 21)),
        ("The raid on Mocimboa took place on July 21.", WED, dt.date(2020, 7, 21)),
        ("Gunmen attacked Jos on 30 December.", TUE_NEW_YEAR, dt.date(2020, 12, 30)),
        ("Troops arrived in Beni on Sept. 5, 2019.", WED, dt.date(2019, 9, 5)),
        ("On the 5th of June 2019 troops arrived in Beni.", WED, dt.date(2019, 6, 5)),
    ],
)
def test_times_day_month_without_year_takes_the_year_before_publication(sentence, published, expected):
    t = _only(read_times(sentence, 0, published))
    assert (t.date, t.precision) == (expected, 1)


def test_times_day_month_without_year_needs_a_publication_date():
    assert read_times("The raid took place on 21 March.", 0, None) == ()


def test_times_impossible_date_is_dropped():
    assert read_times("Troops arrived in Hama on 31 February 2020.", 0, WED) == ()


@pytest.mark.xfail(reason="29 February without a year is dropped when the publication year is "
                          "not a leap year, instead of resolving to the last leap day before it",
                   strict=True)
def test_times_leap_day_without_year():
    t = _only(read_times("Gunmen attacked a bus near Mandera on 29 Feb.", 0, TUE_NEW_YEAR))
    assert t.date == dt.date(2020, 2, 29)


@pytest.mark.parametrize(
    "sentence",
    [
        "The conflict in Casamance has lasted 30 years.",
        "Version 2 of the ceasefire plan runs to 2015 words.",
        "He was 30 years old.",
        "Protesters may gather again in Harare.",
    ],
)
def test_times_numbers_and_may_are_not_dates(sentence):
    assert read_times(sentence, 0, WED) == ()


# --- Relative days and weeks ----------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence, expected, precision",
    [
        ("The raid on Kismayo took place 3 days ago.", dt.date(2021, 6, 13), 1),
        ("The raid on Kismayo took place three days ago.", dt.date(2021, 6, 13), 1),
        ("The raid on Kismayo took place two weeks ago.", dt.date(2021, 6, 2), 2),
        ("The raid on Kismayo took place a week ago.", dt.date(2021, 6, 9), 2),
    ],
)
def test_times_ago_counts_back_from_publication(sentence, expected, precision):
    t = _only(read_times(sentence, 0, WED))
    assert (t.kind, t.date, t.precision) == ("date", expected, precision)


@pytest.mark.parametrize(
    "sentence, days",
    [
        ("One day after the attack, troops arrived in Ménaka.", 1),
        ("Two days later, troops arrived in Ménaka.", 2),
        ("Three days earlier, gunmen had looted the market in Ménaka.", -3),
        ("A week before the attack, troops arrived in Ménaka.", -7),
        ("Just two weeks after the truce, fighting resumed in Ménaka.", 14),
    ],
)
@pytest.mark.parametrize("published", [WED, TUE_NEW_YEAR])
def test_times_offset_is_relative_to_another_event(sentence, days, published):
    t = _only(read_times(sentence, 0, published))
    assert (t.kind, t.date, t.days) == ("offset", None, days)


@pytest.mark.xfail(reason="'the day after <event>' is not read as an offset of +1", strict=True)
def test_times_the_day_after_is_an_offset():
    t = _only(read_times("The day after the attack, troops arrived in Ménaka.", 0, WED))
    assert (t.kind, t.days) == ("offset", 1)


@pytest.mark.xfail(reason="'the day before <event>' is resolved as yesterday (publication - 1) "
                          "instead of an offset of -1 from the event", strict=True)
def test_times_the_day_before_an_event_is_an_offset():
    t = _only(read_times("The day before the election, gunmen attacked a polling station.", 0, WED))
    assert (t.kind, t.days) == ("offset", -1)


def test_times_on_the_same_day_is_relative():
    t = _only(read_times("On the same day, gunmen attacked another village near Djibo.", 0, WED))
    assert (t.kind, t.days) == ("offset", 0)


# --- Weeks and months -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence, published, expected",
    [
        ("Fighting broke out in Marib in March 2020.", WED, dt.date(2020, 3, 1)),
        ("In May 2019 rebels seized the town of Kidal.", WED, dt.date(2019, 5, 1)),
        ("Fighting broke out in Marib in March.", WED, dt.date(2021, 3, 1)),
        ("Fighting broke out in Marib in July.", WED, dt.date(2020, 7, 1)),
        ("Fighting broke out in Marib in late December.", TUE_NEW_YEAR, dt.date(2020, 12, 1)),
        ("Fighting broke out in Marib in early January.", TUE_NEW_YEAR, dt.date(2021, 1, 1)),
        ("Last month, troops withdrew from Tal Afar.", WED, dt.date(2021, 5, 1)),
        ("Last month, troops withdrew from Tal Afar.", TUE_NEW_YEAR, dt.date(2020, 12, 1)),
        ("Earlier this month, troops withdrew from Tal Afar.", WED, dt.date(2021, 6, 1)),
    ],
)
def test_times_months_have_precision_3(sentence, published, expected):
    t = _only(read_times(sentence, 0, published))
    assert (t.kind, t.date, t.precision) == ("date", expected, 3)


@pytest.mark.xfail(reason="'mid-March' (hyphenated, no space) is not read", strict=True)
def test_times_mid_month_hyphenated():
    t = _only(read_times("Fighting resumed around Sirte in mid-March.", 0, WED))
    assert (t.date, t.precision) == (dt.date(2021, 3, 1), 3)


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Earlier this week, troops arrived in Bossangoa.", dt.date(2021, 6, 14)),
        ("Last week, troops arrived in Bossangoa.", dt.date(2021, 6, 7)),
        ("Over the weekend, troops arrived in Bossangoa.", dt.date(2021, 6, 12)),
    ],
)
def test_times_weeks_have_precision_2(sentence, expected):
    t = _only(read_times(sentence, 0, WED))
    assert (t.kind, t.date, t.precision) == ("date", expected, 2)
    assert t.date <= WED


@pytest.mark.parametrize(
    "sentence",
    [
        "Gunmen attacked on Monday.",
        "The attack happened yesterday.",
        "The raid took place 3 days ago.",
        "Last week, troops arrived.",
        "Last month, troops arrived.",
    ],
)
def test_times_relative_dates_need_a_publication_date(sentence):
    assert read_times(sentence, 0, None) == ()


# --- Several mentions; evidence -------------------------------------------------------------


def test_times_several_mentions_in_text_order():
    found = read_times("Gunmen attacked Dori on Tuesday 15 June and again yesterday.", 0, WED)
    assert [t.span.text for t in found] == ["on Tuesday", "15 June", "yesterday"]
    assert [t.date for t in found] == [dt.date(2021, 6, 15)] * 3


def test_times_a_longer_form_wins_over_its_parts():
    # "21 March 2020" must not also yield "21 March" or "in March" resolved on their own
    found = read_times("The raid of 21 March 2020 was the worst.", 0, WED)
    assert [t.span.text for t in found] == ["21 March 2020"]


SENTENCES = [
    "On 21 March 2020, soldiers clashed with rebels near Bunia.",
    "On March 21, 2020, soldiers clashed with rebels near Bunia.",
    "Gunmen attacked Dori on Tuesday 15 June and again yesterday.",
    "One day after the attack, troops arrived in Ménaka.",
    "The raid on Kismayo took place 3 days ago.",
    "Fighting broke out in Marib in March.",
    "Over the weekend, troops arrived in Bossangoa.",
]


@pytest.mark.parametrize("sentence", SENTENCES)
@pytest.mark.parametrize("offset", [0, 241])
def test_times_evidence_points_into_the_article(sentence, offset):
    article = "y" * offset + sentence
    found = read_times(sentence, offset, WED)
    assert found
    for t in found:
        assert article[t.span.start:t.span.end] == t.span.text
        assert t.span.start >= offset


# --- Recalled events (assemble): an event weeks back is no news of the report's own ---------


def test_an_attack_recalled_from_a_week_back_makes_no_event(pipeline):
    from tacitus import article_from_text

    text = ("Fishermen in Kalemie have kept their boats ashore, a week after rebels killed at least "
            "nine people at the landing there. One widow said her brother died in the raid. "
            "The provincial government handed out rice to the families on Thursday.")
    article = article_from_text(text, published="2031-03-10", outlet="Lake Post")
    assert [e for e in pipeline.code(article) if e.sub_event_type in {"Attack", "Armed clash"}] == []


def test_an_attack_two_days_earlier_is_still_news(pipeline):
    from tacitus import article_from_text

    text = ("Two days after the ambush, rebels attacked a ferry landing in Kalemie on Friday, "
            "killing four fishermen, police said.")
    article = article_from_text(text, published="2031-03-11", outlet="Lake Post")
    assert any(e.sub_event_type == "Attack" for e in pipeline.code(article))


def test_times_the_next_day_is_one_day_after_the_event_told():
    t = _only(read_times("The next day, gunmen attacked another village.", 0, WED))
    assert (t.kind, t.days) == ("offset", 1)


@pytest.mark.parametrize("sentence, expected", [
    ("15-16 January: gunmen attacked a hotel.", dt.date(2021, 1, 15)),
    ("On 6-7 April, traders barricaded the road.", dt.date(2021, 4, 6)),
    ("Police clashed with protesters on March 10 and 11.", dt.date(2021, 3, 10)),
])
def test_times_a_span_of_days_is_dated_by_its_first_day(sentence, expected):
    t = _only(read_times(sentence, 0, WED))
    assert t.date == expected


# --- Years: only ever read to tell an older event -------------------------------------------


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("The tension has not been this high since the siege of the city in 2008.", dt.date(2008, 12, 31)),
        ("Veterans of the 1991 uprising marched again.", dt.date(1991, 12, 31)),
        ("Dozens were killed in clashes there last year.", dt.date(2020, 12, 31)),
        ("Four years ago, an air strike hit the same market.", dt.date(2017, 6, 17)),
    ],
)
def test_times_a_year_dates_an_older_event_to_its_last_day(sentence, expected):
    t = _only(read_times(sentence, 0, WED))
    assert (t.date, t.precision) == (expected, 4)


@pytest.mark.parametrize(
    "sentence",
    [
        "In 2021, forty people were killed in the district.",  # this year: no day can be told
        "Police said 2010 rounds of ammunition were seized.",  # a count, not a year
        "The 2020-2021 season was cancelled.",
    ],
)
def test_times_this_years_number_or_a_count_is_no_date(sentence):
    assert [t for t in read_times(sentence, 0, WED) if t.precision == 4] == []


def test_times_compatibility_letters_the_caseless_patterns_match_read_as_plain_letters():
    # "ſunday" (long s) matches the caseless weekday pattern; it used to raise KeyError
    got = read_times("Gunmen attacked the town on ſunday.", 0, dt.date(2019, 3, 5))
    assert [t.date for t in got] == [dt.date(2019, 3, 3)]
