"""Screen: the last stage before events leave the pipeline. Each coded event is checked
against ACLED's rule for what is reported *as news*, and an event that fails keeps the
name of the rule and the reason in ``Event.withheld`` (printed with ``--show-withheld``),
rather than silently disappearing.

The rules, in order (the first that applies is the reason given):

1. ``no_place``: no place below the country ("in Syria", "across Asia"): ACLED codes an
   event at a place that can be named at least at the level of a province.
2. ``after_publication``: dated after the article was published: a plan or a schedule.
3. ``background``: dated more than ``BACKGROUND_DAYS`` days before publication: history
   and background ("the 2011 uprising", "last year's attack").
4. ``year_only``: dated only to a year ("in 2014", "last year"): never news.
5. ``undated``: no day can be worked out for it: no date in its own words, none read
   for the story it continues, and it is not the news of the article's lead.
6. ``low_confidence``: its fields were mostly inherited or defaulted rather than read.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from tacitus.types import Article, Event

if TYPE_CHECKING:
    from tacitus.places.gazetteer.index import Gazetteer
    from tacitus.settings import Settings

# ACLED codes what an article reports as news: at most a month old at publication.
BACKGROUND_DAYS = 30


@dataclass(frozen=True, slots=True)
class Screen:
    """What a rule may look at: the article, the gazetteer and the knobs."""

    article: Article
    gazetteer: Gazetteer
    settings: Settings


@dataclass(frozen=True, slots=True)
class ScreenRule:
    name: str
    reason: Callable[[Event, Screen], str | None]  # why the event is withheld, or None


def _no_place(e: Event, s: Screen) -> str | None:
    if e.geonameid is None:
        return "no place below the country"
    country = s.gazetteer.country(e.country) if e.country else None
    if country is not None and country.geonameid == e.geonameid:
        return f"placed only at the country ({e.country})"
    return None


def _age(e: Event, s: Screen) -> int | None:
    if e.event_date is None or s.article.published is None:
        return None
    return (s.article.published - e.event_date).days


def _after_publication(e: Event, s: Screen) -> str | None:
    age = _age(e, s)
    return f"dated {-age} days after publication" if age is not None and age < 0 else None


def _background(e: Event, s: Screen) -> str | None:
    age = _age(e, s)
    if age is not None and age > BACKGROUND_DAYS:
        return f"dated {age} days before publication"
    return None


def _year_only(e: Event, s: Screen) -> str | None:
    return "dated only to a year" if (e.time_precision or 0) > 3 else None


def _undated(e: Event, s: Screen) -> str | None:
    if "date:unanchored" in e.trace:
        return "no date of its own, none near it, and not the article's lead"
    return None


def _low_confidence(e: Event, s: Screen) -> str | None:
    if e.confidence < s.settings.min_confidence:
        return f"confidence {e.confidence:.2f} below {s.settings.min_confidence:.2f}"
    return None


RULES: tuple[ScreenRule, ...] = (
    ScreenRule("no_place", _no_place),
    ScreenRule("after_publication", _after_publication),
    ScreenRule("background", _background),
    ScreenRule("year_only", _year_only),
    ScreenRule("undated", _undated),
    ScreenRule("low_confidence", _low_confidence),
)


def screen_event(event: Event, screen: Screen) -> Event:
    """The event with ``withheld`` set to ``"rule: reason"`` by the first rule that applies
    (an event an earlier stage withheld keeps its reason)."""
    if event.withheld:
        return event
    for rule in RULES:
        why = rule.reason(event, screen)
        if why is not None:
            return replace(event, withheld=f"{rule.name}: {why}")
    return event


def screen_events(events: tuple[Event, ...], screen: Screen) -> tuple[Event, ...]:
    """The events, each screened; withheld ones are dropped unless the settings keep them."""
    checked = tuple(screen_event(e, screen) for e in events)
    if screen.settings.show_withheld:
        return checked
    return tuple(e for e in checked if not e.withheld)
