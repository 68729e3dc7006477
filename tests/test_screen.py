"""The screen withholds what is not reported as news, saying which rule and why."""
from __future__ import annotations

import datetime as dt

import pytest

from tacitus.screen import BACKGROUND_DAYS, RULES, Screen, screen_event, screen_events
from tacitus.settings import Settings
from tacitus.types import Article, Event

PUBLISHED = dt.date(2024, 5, 10)


@pytest.fixture(scope="module")
def gazetteer(pipeline):
    return pipeline._res().gazetteer


def _event(**fields) -> Event:
    base = dict(article_id="a", event_date=PUBLISHED - dt.timedelta(days=1), time_precision=1,
                disorder_type="Political violence", event_type="Battles", sub_event_type="Armed clash",
                actor1="Al Shabaab", inter1=2, country="Somalia", location="Mogadishu",
                geonameid=53654, confidence=0.9)
    base.update(fields)
    return Event(**base)


def _screen(gazetteer, **settings) -> Screen:
    return Screen(Article(id="a", text="", published=PUBLISHED), gazetteer, Settings(**settings))


def test_screen_keeps_an_event_reported_as_news(gazetteer):
    assert screen_event(_event(), _screen(gazetteer)).withheld == ""


@pytest.mark.parametrize("fields, rule", [
    (dict(geonameid=None, location=""), "no_place"),
    (dict(geonameid=51537, location="Somalia"), "no_place"),  # the country's own GeoNames id
    (dict(event_date=PUBLISHED + dt.timedelta(days=3)), "after_publication"),
    (dict(event_date=PUBLISHED - dt.timedelta(days=BACKGROUND_DAYS + 1)), "background"),
    (dict(confidence=0.3), "low_confidence"),
])
def test_screen_withholds_with_the_rule_that_applies(gazetteer, fields, rule):
    withheld = screen_event(_event(**fields), _screen(gazetteer)).withheld
    assert withheld.startswith(f"{rule}: ")


def test_screen_a_month_old_event_is_still_news(gazetteer):
    event = _event(event_date=PUBLISHED - dt.timedelta(days=BACKGROUND_DAYS))
    assert screen_event(event, _screen(gazetteer)).withheld == ""


def test_screen_drops_withheld_events_unless_asked_to_show_them(gazetteer):
    events = (_event(), _event(geonameid=None, location=""))
    assert [e.withheld for e in screen_events(events, _screen(gazetteer))] == [""]
    shown = screen_events(events, _screen(gazetteer, show_withheld=True))
    assert [e.withheld.split(":")[0] for e in shown] == ["", "no_place"]


def test_screen_rule_names_are_unique():
    names = [r.name for r in RULES]
    assert len(names) == len(set(names))


@pytest.mark.parametrize("text, rule", [
    # history recalled in a report
    ("Police fired tear gas at protesters in Nakuru on 3 March 2021.", "background"),
    # a place the text names only by its country
    ("Gunmen killed four farmers in Kenya on Monday.", "no_place"),
])
def test_screen_through_the_pipeline(pipeline, text, rule):
    from tacitus.pipeline import process_article

    article = Article(id="s", text=text, published=PUBLISHED)
    shown = process_article(article, pipeline._res(), Settings(show_withheld=True))
    assert [e.withheld.split(":")[0] for e in shown] == [rule]
    assert pipeline.code(article) == ()


def test_screen_an_event_known_only_to_its_year_is_withheld(gazetteer):
    # "last year" in a report of 10 January: dated to 31 December, precision 4 (a year)
    event = _event(event_date=dt.date(2023, 12, 31), time_precision=4)
    screen = Screen(Article(id="a", text="", published=dt.date(2024, 1, 10)), gazetteer, Settings())
    assert screen_event(event, screen).withheld.startswith("year_only: ")
