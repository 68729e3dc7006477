"""store.coded and serve.api: the text an article's events were coded from is stored with
it, and the evidence view reads it; the server never cleans an article again (nor opens
the gazetteer), and a store written before schema version 6 still serves."""
from __future__ import annotations

import datetime as dt
import shutil
import warnings
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pytest

import tacitus.clean
import tacitus.store.coded
from tacitus.clean import clean
from tacitus.samples import sample_articles
from tacitus.serve.api import create_app
from tacitus.store import open_store
from tacitus.types import Article, Event, SourceDetail, Span

from test_api import fill_with_samples
from test_store_incidents import _older_schema, event

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message=".*httpx2")
    from fastapi.testclient import TestClient

# Articles written for these tests: a title line and a dateline that the cleaner moves out
# of the text, so every offset into the cleaned text differs from one into the raw text.
RAW = ("Fighting near Kismayo\n\n"
       "KISMAYO, June 3 (Radio Example) - Fighters attacked a checkpoint outside Kismayo on Monday, "
       "killing two soldiers, a district officer said.\n\n"
       "Share this story")


def _article(n: int, text: str = RAW) -> Article:
    return Article(id=f"coded-{n}", text=text.replace("two", f"{n + 2} "), outlet="Radio Example",
                   published=dt.date(2025, 6, 4), origin=f"coded-{n}.txt")


def _coded_event(article: Article, k: int = 0) -> Event:
    """An event whose evidence spans point into the article's cleaned text, as the pipeline's do."""
    text = clean(article).text
    at = text.index("Kismayo")
    said = text.index("a district officer")
    return event(article, k, evidence={"location": (Span(at, at + 7, "Kismayo"),)},
                 sources_detail=(SourceDetail("district officer", "official", "Radio Example",
                                              Span(said, said + 18, "a district officer")),))


@contextmanager
def _written_before_6(monkeypatch, store_url: str) -> Iterator[None]:
    """Inside, the store is written as a Tacitus before schema version 6 wrote it: it knows
    five migrations and keeps no coded text."""
    with _older_schema(monkeypatch, store_url, 5), monkeypatch.context() as older:
        older.setattr(tacitus.store.coded, "keep", lambda conn, article, cleaned=None: None)
        yield


@contextmanager
def _no_cleaning_or_geocoding(monkeypatch) -> Iterator[None]:
    """Inside, cleaning an article or opening the gazetteer fails the test."""
    from tacitus.places.gazetteer import Gazetteer

    def refuse(*args, **kwargs):
        raise AssertionError("the server cleaned an article or opened the gazetteer again")

    with monkeypatch.context() as m:
        for cleaning in ("default_furniture", "_clean_as_bundled", "_clean"):  # every way into clean()
            m.setattr(tacitus.clean, cleaning, refuse)
        m.setattr(Gazetteer, "open", classmethod(refuse))
        yield


def test_store_keeps_the_cleaned_text_handed_over_and_does_not_clean_again(tmp_path, monkeypatch):
    article, other = _article(7), _article(8)
    cleaned, coded_event = clean(article), _coded_event(article)
    with open_store(str(tmp_path / "handed.db")) as store, _no_cleaning_or_geocoding(monkeypatch):
        assert store.add(article, [coded_event], cleaned=cleaned)
        kept = store.coded_article(store.article(article.id))
        assert (kept.title, kept.text) == (cleaned.title, cleaned.text) != (article.title, article.text)
        with pytest.raises(ValueError, match="'coded-7' given for article 'coded-8'"):
            store.add(other, [], cleaned=cleaned)  # another article's text: refused, nothing written
        assert store.article(other.id) is None and store.article_count() == 1


def test_store_keeps_the_text_as_coded_and_an_upgrade_recovers_it_only_where_the_spans_agree(
        store_url, monkeypatch):
    agrees, disagrees, eventless, later = _article(0), _article(1), _article(2), _article(3)
    moved = event(disagrees, evidence={"location": (Span(14, 21, "Kismayo"),)})  # an offset into the raw text
    assert disagrees.text[14:21] == "Kismayo" != clean(disagrees).text[14:21]
    with _written_before_6(monkeypatch, store_url):
        with open_store(store_url) as store:
            assert store.schema_version == 5
            store.add(agrees, [_coded_event(agrees)])
            store.add(disagrees, [moved])
            store.add(eventless, [])
        with open_store(store_url, create=False, write=False) as reader:
            assert reader.coded_article(reader.article(agrees.id)) is None  # no such table yet: not an error
    with open_store(store_url) as store:  # a writer upgrades it to version 6
        assert store.schema_version == 6
        recovered = store.coded_article(store.article(agrees.id))
        cleaned = clean(agrees)
        assert (recovered.text, recovered.title) == (cleaned.text, cleaned.title) == (
            cleaned.text, "Fighting near Kismayo")
        assert recovered.text != agrees.text and recovered.url == agrees.url
        # Its spans index another text than this cleaner gives, and one without events has none to check.
        assert store.coded_article(store.article(disagrees.id)) is None
        assert store.coded_article(store.article(eventless.id)) is None
        store.add(later, [])  # stored from now on: kept whatever its events
        assert store.coded_article(store.article(later.id)).text == clean(later).text
    with open_store(store_url, create=False, write=False) as reader, _no_cleaning_or_geocoding(monkeypatch):
        assert reader.coded_article(reader.article(agrees.id)).text == cleaned.text


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory, pipeline) -> Path:
    return fill_with_samples(tmp_path_factory.mktemp("coded") / "samples.db", pipeline)


def _views(client) -> list[dict]:
    ids = sorted({e["article_id"] for e in client.get("/api/events", params={"limit": 1000}).json()["items"]})
    views = []
    for article_id in ids:
        answer = client.get(f"/api/articles/{article_id}")
        assert answer.status_code == 200, answer.text
        views.append(answer.json())
    return views


def _spans(view: dict) -> list[dict]:
    return [s for item in view["events"] for spans in item["event"]["evidence"].values() for s in spans]


def test_api_evidence_view_reads_the_stored_text_and_never_cleans_or_geocodes(sample_db, tmp_path, monkeypatch):
    raw = {a.id: a for a in sample_articles() if isinstance(a, Article)}
    db = tmp_path / "copy.db"
    shutil.copy(sample_db, db)
    with _no_cleaning_or_geocoding(monkeypatch), TestClient(create_app(str(db), None)) as client:
        views = _views(client)
    assert views and all(v["text_as_coded"] for v in views)
    for view in views:
        assert view["text"] == clean(raw[view["id"]]).text
        assert _spans(view) and all(view["text"][s["start"]:s["end"]] == s["text"] for s in _spans(view))
    # The cleaner changes these texts: showing the raw text would misplace the highlights.
    assert any(v["text"] != raw[v["id"]].text for v in views)


def test_api_serves_a_store_written_before_version_6_then_its_upgrade(tmp_path, pipeline, monkeypatch):
    db = str(tmp_path / "old.db")
    with _written_before_6(monkeypatch, db):
        fill_with_samples(Path(db), pipeline)
    raw = {a.id: a for a in sample_articles() if isinstance(a, Article)}
    # A read-only server never migrates: every article comes as ingested, with its events,
    # their spans (each with its own words) and their stored decisions.
    with _no_cleaning_or_geocoding(monkeypatch), TestClient(create_app(db, None)) as client:
        old = _views(client)
    assert old and not any(v["text_as_coded"] for v in old)
    for view in old:
        assert view["text"] == raw[view["id"]].text
        assert all(item["decisions"] and item["place_reason"] for item in view["events"])
        assert all(s["text"] for s in _spans(view))
    with open_store(db):
        pass  # the first writer upgrades it; the samples' spans agree with today's cleaner
    with _no_cleaning_or_geocoding(monkeypatch), TestClient(create_app(db, None)) as client:
        upgraded = _views(client)
    assert all(v["text_as_coded"] for v in upgraded)
    assert [v["text"] for v in upgraded] == [clean(raw[v["id"]]).text for v in upgraded]
    assert [v["events"] for v in upgraded] == [v["events"] for v in old]


def test_api_serves_a_store_of_version_4_read_only_with_its_decisions_empty(tmp_path, monkeypatch):
    from test_store_incidents import _write_as_before_5, corpus

    db = str(tmp_path / "v4.db")
    with _older_schema(monkeypatch, db, 4), open_store(db) as store:
        _write_as_before_5(store, corpus()[:2], monkeypatch, incidents=True)
    with _no_cleaning_or_geocoding(monkeypatch), TestClient(create_app(db, None)) as client:
        listed = client.get("/api/events")
        view = client.get("/api/articles/art-0")
    assert listed.status_code == 200 and listed.json()["total"] == 2
    assert view.status_code == 200 and not view.json()["text_as_coded"]
    [item] = view.json()["events"]
    assert item["decisions"] == [] and item["event"]["trace"] == [] and "no reason was stored" in item["place_reason"]
