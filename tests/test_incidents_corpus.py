"""The project's own multi-outlet corpus (tests/incidents/): coded by the real pipeline,
stored, merged. Each expected incident must come out as one incident holding all its
reports, at its place and date, with a toll inside the reports' range; different events
on the same day in one city, or in nearby towns, must stay apart; a week-later recap
must not become an incident of its own."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from tacitus.ingest import read_articles
from tacitus.merge import kind_groups
from tacitus.store import open_store

CORPUS = Path(__file__).parent / "incidents"
EXPECTED = json.loads((CORPUS / "expected.json").read_text(encoding="utf-8"))
BY_LABEL = {inc["label"]: inc for inc in EXPECTED["incidents"]}
# Extraction errors (not merge errors) that stop these from coming out right; each is
# a strict xfail, so a fix shows up as a failure to remove the marker.
KNOWN_MISSES: dict[str, str] = {}


@pytest.fixture(scope="module")
def incidents(pipeline, tmp_path_factory):
    articles = list(read_articles([str(CORPUS / "articles.jsonl")]))
    db = str(tmp_path_factory.mktemp("incidents") / "corpus.db")
    with open_store(db) as store:
        for article in articles:
            store.add(article, pipeline.code(article))
        return list(store.incidents())


def _group(sub_event_type: str) -> str:
    return kind_groups().get(sub_event_type, sub_event_type)


def _find(incidents, expected):
    """The incidents at the expected place and date of the expected kind of event."""
    return [i for i in incidents
            if i.event.location == expected["location"] and str(i.event.event_date) == expected["event_date"]
            and _group(i.event.sub_event_type) == _group(expected["sub_event_type"])]


@pytest.mark.parametrize("label", [
    pytest.param(label, marks=pytest.mark.xfail(strict=True, reason=KNOWN_MISSES[label]))
    if label in KNOWN_MISSES else label for label in BY_LABEL])
def test_each_real_event_is_one_incident_with_all_its_reports(incidents, label):
    expected = BY_LABEL[label]
    found = _find(incidents, expected)
    assert len(found) == 1, [(i.incident_id, i.article_ids) for i in found]
    [incident] = found
    assert set(expected["articles"]) <= set(incident.article_ids)
    assert incident.event.sub_event_type == expected["sub_event_type"]
    low, high = expected["fatalities_range"]
    assert low <= incident.event.fatalities <= high
    assert len(incident.explanation) >= len(expected["articles"]) - 1


@pytest.mark.parametrize("first, second", EXPECTED["apart"])
def test_different_events_nearby_on_the_same_day_stay_apart(incidents, first, second):
    ids_first = {i.incident_id for i in _find(incidents, BY_LABEL[first])}
    ids_second = {i.incident_id for i in _find(incidents, BY_LABEL[second])}
    assert ids_first and ids_second
    assert not ids_first & ids_second


@pytest.mark.parametrize("recap", EXPECTED["recaps"])
def test_a_recap_makes_no_incident_of_its_own(incidents, recap):
    alone = [i for i in incidents if i.article_ids == (recap["article"],)]
    assert alone == []


def test_the_corpus_in_any_order_exports_the_same_bytes(pipeline, tmp_path):
    import io
    import random

    from tacitus.export import write

    coded = [(a, pipeline.code(a)) for a in read_articles([str(CORPUS / "articles.jsonl")])]
    outputs = set()
    for seed in range(3):
        order = coded[:]
        random.Random(seed).shuffle(order)
        db = str(tmp_path / f"order-{seed}.db")
        with open_store(db) as store:
            for article, events in order + order:  # and every article twice
                store.add(article, events, ingested_at="2025-01-01T00:00:00+00:00")
            out = io.StringIO()
            write(store.events(), out, "jsonl")
            write((i.event for i in store.incidents()), out, "csv")
            outputs.add(out.getvalue())
    assert len(outputs) == 1
