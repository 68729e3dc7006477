"""store: SQLite schema, one transaction per article, filters, full-text search, round trips.

Articles and events here are written for these tests (events made up, not coded), except
the round trip over the bundled samples, which runs the real pipeline."""
from __future__ import annotations

import dataclasses
import datetime as dt
import io
import json
import sqlite3

import pytest

from tacitus.errors import InputError, TacitusError
from tacitus.export import COLUMNS, event_row, write
from tacitus.store import (
    MIGRATIONS,
    EventFilter,
    SqliteStore,
    StoreError,
    content_hash,
    event_from_row,
    event_to_row,
)
from tacitus.types import Article, Event, SourceDetail, Span

BUS = Article(id="bus-1", text="Gunmen fired on a bus near Garissa, killing three passengers.",
              title="Bus attacked near Garissa", outlet="Radio Test",
              published=dt.date(2024, 3, 12), origin="bus.txt")
MARKET = Article(id="market-1", text="Protesters marched through the market in Kisumu on Friday.",
                 title="March in Kisumu", published=dt.date(2024, 5, 4), origin="market.txt")


def _event(article: Article, n: int, **kw) -> Event:
    base = dict(
        article_id=article.id, event_date=dt.date(2024, 3, 10), time_precision=1,
        disorder_type="Political violence", event_type="Violence against civilians",
        sub_event_type="Attack", actor1="Al Shabaab", inter1=2, actor2="Civilians (Kenya)", inter2=7,
        iso=404, region="Eastern Africa", country="Kenya", admin1="Garissa", location="Garissa",
        latitude=-0.4532, longitude=39.6461, geo_precision=1, geonameid=197745,
        notes="Gunmen fired on a passenger bus near Garissa town.", fatalities=3,
        fatalities_low=3, fatalities_best=3, fatalities_high=3, injured_low=5,
        event_id_cnty=f"KEN-{article.id}-{n}", url="https://example.org/bus", confidence=0.8,
        sources_detail=(SourceDetail("Jane Doe", "police commander", "Radio Test", Span(10, 18, "Jane Doe")),),
        evidence={"actor1": (Span(0, 6, "Gunmen"),), "location": (Span(26, 33, "Garissa"),)},
        trace=("armed_doer_and_target@0", "witness_quote@2", "date:story", "place:only_place",
               "type:Attack from attack"),
        place_reason="'Garissa': the only place named, in Kenya as the article is",
    )
    base.update(kw)
    return Event(**base)


BUS_EVENTS = (_event(BUS, 0), _event(BUS, 1, event_date=dt.date(2024, 3, 11), fatalities=None,
                                       sub_event_type="Abduction/forced disappearance",
                                       notes="Two travellers were taken from the bus.",
                                       withheld="background: dated 40 days before publication"))
MARKET_EVENTS = (_event(MARKET, 0, event_date=dt.date(2024, 5, 3), event_type="Protests",
                        sub_event_type="Peaceful protest", actor1="Protesters (Kenya)", inter1=6,
                        actor2="", inter2=None, admin1="Kisumu", location="Kisumu", fatalities=0,
                        notes="Traders marched against new market fees."),)


@pytest.fixture()
def store(tmp_path):
    with SqliteStore.open(tmp_path / "events.db") as s:
        yield s


@pytest.fixture()
def filled(store):
    assert store.add(BUS, BUS_EVENTS, ingested_at="2024-06-01T00:00:00+00:00")
    assert store.add(MARKET, MARKET_EVENTS, ingested_at="2024-06-01T00:00:00+00:00")
    return store


def _ids(store, **filters) -> list[str]:
    return [e.event_id_cnty for e in store.events(EventFilter(**filters))]


def test_store_schema_is_created_versioned_and_in_wal_mode(tmp_path):
    path = tmp_path / "events.db"
    with SqliteStore.open(path) as s:
        assert s.schema_version == len(MIGRATIONS) == 6
    with SqliteStore.open(path) as s:  # reopening applies nothing twice
        assert s.schema_version == 6
    conn = sqlite3.connect(path)
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"articles", "events", "search", "schema_version", "incidents", "incident_events",
            "corrections", "rejected_events", "feeds", "feed_items", "changes", "coded_articles"} <= tables
    assert conn.execute("SELECT count(*) FROM schema_version").fetchone()[0] == 6
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    columns = [r[1] for r in conn.execute("PRAGMA table_info(events)")]
    assert tuple(columns) == COLUMNS
    indexes = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert {"events_event_date", "events_country", "events_admin1", "events_event_type"} <= indexes
    conn.close()


def test_store_refuses_a_newer_schema(tmp_path):
    path = tmp_path / "events.db"
    with SqliteStore.open(path):
        pass
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO schema_version VALUES (99, 'later')")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="newer"):
        with SqliteStore.open(path):
            pass


@pytest.mark.parametrize("content", [b"", b"not a database at all, just some bytes" * 100])
def test_store_open_without_create_refuses_missing_or_foreign_files(tmp_path, content):
    missing = tmp_path / "missing.db"
    with pytest.raises(StoreError, match="no such database"):
        with SqliteStore.open(missing, create=False):
            pass
    assert not missing.exists()
    if content:
        foreign = tmp_path / "foreign.db"
        foreign.write_bytes(content)
        with pytest.raises(TacitusError):
            with SqliteStore.open(foreign):
                pass


def test_store_add_and_has_article(store):
    assert not store.has_article(BUS.id, content_hash(BUS.text))
    assert store.add(BUS, BUS_EVENTS)
    assert store.has_article(BUS.id, "no-such-hash")
    assert store.has_article("another-id", content_hash(BUS.text))  # same text, new id
    assert not store.has_article(MARKET.id, content_hash(MARKET.text))
    # the same article again, or its text under another id, is not stored twice
    assert not store.add(BUS, BUS_EVENTS)
    assert not store.add(dataclasses.replace(BUS, id="copy"), ())
    assert store.article_count() == 1 and store.count() == 2


def test_store_events_round_trip_every_field(filled):
    back = {e.event_id_cnty: e for e in filled.events()}
    for event in BUS_EVENTS + MARKET_EVENTS:
        got = back[event.event_id_cnty]
        assert got == event
        assert got.evidence == event.evidence  # not part of ==, so checked on its own
        assert (got.trace, got.withheld, got.place_reason) == (event.trace, event.withheld, event.place_reason)
        assert got.sources_detail[0].evidence == Span(10, 18, "Jane Doe")
        assert event_row(got) == event_row(event)


def test_store_rows_convert_both_ways_without_a_database():
    row = event_to_row(BUS_EVENTS[1])
    assert tuple(row) == COLUMNS
    assert isinstance(row["evidence"], str) and isinstance(row["sources_detail"], str)
    assert row["fatalities"] is None and row["year"] == 2024
    assert json.loads(row["trace"]) == list(BUS_EVENTS[1].trace) and row["withheld"].startswith("background")
    back = event_from_row(row)
    assert back == BUS_EVENTS[1]
    assert (back.trace, back.withheld, back.place_reason) == \
        (BUS_EVENTS[1].trace, BUS_EVENTS[1].withheld, BUS_EVENTS[1].place_reason)


class _Boom(RuntimeError):
    pass


def _events_then_failure():
    yield dataclasses.replace(BUS_EVENTS[0], article_id="bus-2", event_id_cnty="KEN-bus-2-0")
    raise _Boom("disk on fire")


@pytest.mark.parametrize("events, error", [
    (_events_then_failure, _Boom),
    # a second event with the first one's id breaks the primary key half way
    (lambda: (dataclasses.replace(BUS_EVENTS[0], event_id_cnty="KEN-bus-2-0"),
              dataclasses.replace(BUS_EVENTS[1], event_id_cnty="KEN-bus-2-0")),
     StoreError),
])
def test_store_failure_in_add_leaves_neither_article_nor_events(filled, tmp_path, events, error):
    fresh = dataclasses.replace(BUS, id="bus-2", text=BUS.text + " A second report.")
    before = list(filled.events())
    with pytest.raises(error):
        filled.add(fresh, events())
    assert not filled.has_article(fresh.id, content_hash(fresh.text))
    assert list(filled.events()) == before
    assert filled.article_count() == 2
    assert _ids(filled, text="second") == []  # nothing left in the full-text index either
    assert filled.add(MARKET, ()) is False  # the connection is usable afterwards


@pytest.mark.parametrize("filters, expected", [
    ({}, ["KEN-bus-1-0", "KEN-bus-1-1", "KEN-market-1-0"]),
    ({"date_from": dt.date(2024, 3, 11)}, ["KEN-bus-1-1", "KEN-market-1-0"]),
    ({"date_to": dt.date(2024, 3, 10)}, ["KEN-bus-1-0"]),
    ({"country": "kenya"}, ["KEN-bus-1-0", "KEN-bus-1-1", "KEN-market-1-0"]),
    ({"country": "Somalia"}, []),
    ({"admin1": "KISUMU"}, ["KEN-market-1-0"]),
    ({"event_type": "Protests"}, ["KEN-market-1-0"]),
    ({"sub_event_type": "attack"}, ["KEN-bus-1-0"]),
    ({"actor": "shabaab"}, ["KEN-bus-1-0", "KEN-bus-1-1"]),
    ({"actor": "Civilians"}, ["KEN-bus-1-0", "KEN-bus-1-1"]),  # actor2 counts too
    ({"actor": "%"}, []),  # LIKE wildcards are literal
    ({"limit": 1}, ["KEN-bus-1-0"]),
    ({"country": "Kenya", "admin1": "Garissa", "date_from": dt.date(2024, 3, 11)}, ["KEN-bus-1-1"]),
])
def test_store_filters(filled, filters, expected):
    assert _ids(filled, **filters) == expected
    assert filled.count(EventFilter(**filters)) == len(expected) or "limit" in filters


@pytest.mark.parametrize("query, expected", [
    ("travellers", ["KEN-bus-1-1"]),  # an event's notes
    ("fees", ["KEN-market-1-0"]),
    ("passengers", ["KEN-bus-1-0", "KEN-bus-1-1"]),  # the article's text: all its events
    ("title:Kisumu", ["KEN-market-1-0"]),  # the article's title
    ("marched AND market", ["KEN-market-1-0"]),
    ("passeng*", ["KEN-bus-1-0", "KEN-bus-1-1"]),
    ("helicopter", []),
])
def test_store_full_text_query(filled, query, expected):
    assert _ids(filled, text=query) == expected


def test_store_bad_full_text_query_is_a_store_error(filled):
    with pytest.raises(StoreError, match="text query"):
        list(filled.events(EventFilter(text='"unbalanced')))


def test_store_events_stream_from_a_cursor(filled):
    stream = filled.events()
    first = next(stream)
    assert first.event_id_cnty == "KEN-bus-1-0"
    stream.close()  # a reader that stops early leaves the store usable
    assert filled.count() == 3


def test_store_samples_round_trip_and_export_identically(pipeline, tmp_path):
    from tacitus.samples import sample_articles

    coded = [(a, pipeline.code(a)) for a in sample_articles() if not isinstance(a, InputError)]
    events = [e for _, evs in coded for e in evs]
    assert events
    with SqliteStore.open(tmp_path / "samples.db") as s:
        for article, evs in coded:
            assert s.add(article, evs)
        stored = list(s.events())
    order = lambda e: (e.event_date.isoformat() if e.event_date else "", e.event_id_cnty)  # noqa: E731
    for fmt in ("jsonl", "csv"):
        direct, back = io.StringIO(), io.StringIO()
        write(sorted(events, key=order), direct, fmt)
        write(stored, back, fmt)
        assert back.getvalue() == direct.getvalue()
