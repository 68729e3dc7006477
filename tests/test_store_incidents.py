"""store: incidents across articles and reviewers' corrections, on both back ends.

Every test runs on SQLite and on PostgreSQL (skipped, with the reason, when no server can
be started). Articles and events are made up for these tests."""
from __future__ import annotations

import dataclasses
import datetime as dt
import io
import json
import random
import sqlite3
from contextlib import contextmanager
from typing import Iterator

import pytest

from tacitus.export import COLUMNS, write
from tacitus.store import MIGRATIONS, EventFilter, SqliteStore, StoreError, open_store
from tacitus.types import Article, Event

DAY = dt.date(2025, 6, 3)
# The events columns before schema 5 added the decision trace.
BEFORE_5 = COLUMNS[:COLUMNS.index("trace")]
KISMAYO = dict(country="Somalia", admin1="Lower Juba", location="Kismayo", latitude=-0.3582,
               longitude=42.5454, geonameid=55671)
JAMAAME = dict(country="Somalia", admin1="Lower Juba", location="Jamaame", latitude=0.0722,
               longitude=42.7506, geonameid=56335)  # ~50 km from Kismayo


def article(n: int) -> Article:
    return Article(id=f"art-{n}", text=f"Report number {n} on fighting in Lower Juba, with its own words.",
                   title=f"Report {n}", outlet=f"Outlet {n % 3}", published=DAY + dt.timedelta(days=1),
                   origin=f"art-{n}.txt")


def event(art: Article, k: int = 0, **kw) -> Event:
    base = dict(article_id=art.id, event_date=DAY, time_precision=1, disorder_type="Political violence",
                event_type="Battles", sub_event_type="Armed clash", actor1="Al Shabaab", inter1=2,
                actor2="Military Forces of Somalia (2022-)", inter2=1, iso=706, region="Eastern Africa",
                source=art.outlet, notes=f"Clashes in report {art.id}.", fatalities=4, fatalities_low=4,
                fatalities_best=4, fatalities_high=4, event_id_cnty=f"SOM-{art.id}-{k}", confidence=0.8,
                **KISMAYO)
    base.update(kw)
    return Event(**base)


def corpus() -> list[tuple[Article, list[Event]]]:
    """Three reports of one clash (tolls 4, 6, 5; one reversed sides; one a day late),
    a protest the same day in the same town, and a clash 50 km away."""
    a = [article(n) for n in range(5)]
    return [
        (a[0], [event(a[0])]),
        (a[1], [event(a[1], fatalities=6, fatalities_low=6, fatalities_best=6, fatalities_high=8,
                      actor1="Military Forces of Somalia (2022-)", inter1=1, actor2="Al Shabaab", inter2=2)]),
        (a[2], [event(a[2], event_date=DAY + dt.timedelta(days=1), fatalities=5, fatalities_best=5,
                      fatalities_low=5, fatalities_high=5),
                event(a[2], 1, disorder_type="Demonstrations", event_type="Protests",
                      sub_event_type="Peaceful protest", actor1="Protesters (Somalia)", inter1=6, actor2="",
                      inter2=None, fatalities=0, fatalities_best=0, fatalities_low=0, fatalities_high=0)]),
        (a[3], [event(a[3], **JAMAAME)]),
        (a[4], [event(a[4], 0, disorder_type="Demonstrations", event_type="Protests",
                      sub_event_type="Peaceful protest", actor1="Protesters (Somalia)", inter1=6, actor2="",
                      inter2=None, fatalities=0, fatalities_best=0, fatalities_low=0, fatalities_high=0)]),
    ]


def ingest(url: str, items) -> None:
    with open_store(url) as store:
        for art, events in items:
            store.add(art, events, ingested_at="2025-06-05T00:00:00+00:00")


def exports(url: str) -> tuple[str, str]:
    with open_store(url, create=False) as store:
        events, incidents = io.StringIO(), io.StringIO()
        write(store.events(), events, "csv")
        write((i.event for i in store.incidents()), incidents, "jsonl")
    return events.getvalue(), incidents.getvalue()


def test_reports_of_one_event_merge_and_different_events_do_not(store_url):
    ingest(store_url, corpus())
    with open_store(store_url) as store:
        incidents = list(store.incidents())
        groups = sorted(sorted(i.event_ids) for i in incidents)
        assert groups == [["SOM-art-0-0", "SOM-art-1-0", "SOM-art-2-0"], ["SOM-art-2-1", "SOM-art-4-0"],
                          ["SOM-art-3-0"]]
        clash = store.incident(store.incident_of("SOM-art-1-0"))
        assert clash.article_ids == ("art-0", "art-1", "art-2")
        assert clash.event.event_date == DAY
        assert (clash.event.fatalities, clash.event.fatalities_low, clash.event.fatalities_high) == (4, 4, 8)
        assert clash.event.source == "Outlet 0; Outlet 1; Outlet 2"
        assert any("the same two sides" in line for line in clash.explanation)
        assert store.count_incidents() == 3
        assert store.count_incidents(EventFilter(event_type="protests")) == 1
        assert [i.incident_id for i in store.incidents(EventFilter(text="fighting", limit=1, offset=1))] == [
            "I-SOM-art-2-1"]


def test_any_order_and_repeats_give_byte_identical_exports(store_url, tmp_path):
    items = corpus()
    ingest(store_url, items)
    first = exports(store_url)
    ingest(store_url, items)  # everything already stored: nothing changes
    assert exports(store_url) == first
    for seed in range(3):
        other = str(tmp_path / f"order-{seed}.db")
        shuffled = items[:]
        random.Random(seed).shuffle(shuffled)
        ingest(other, shuffled)
        assert exports(other) == first


def test_corrections_show_everywhere_and_survive_reingest_and_remerge(store_url):
    ingest(store_url, corpus())
    with open_store(store_url) as store:
        c = store.correct("SOM-art-0-0", "fatalities", "3", who="amina", note="hospital list")
        assert (c.action, c.field, c.value, c.old_value, c.who) == ("set", "fatalities", "3", "4", "amina")
        store.correct("SOM-art-3-0", "sub_event_type", "Attack", who="amina")
        moved = store.event("SOM-art-3-0")
        assert (moved.event_type, moved.disorder_type) == ("Violence against civilians", "Political violence")
        assert store.incident(store.incident_of("SOM-art-0-0")).event.fatalities == 3
        assert store.count(EventFilter(sub_event_type="Attack")) == 1
    ingest(store_url, corpus())
    with open_store(store_url) as store:
        store.remerge_all()
        assert store.event("SOM-art-0-0").fatalities == 3
        assert store.incident(store.incident_of("SOM-art-0-0")).event.fatalities == 3
        assert [c.field for c in store.corrections()] == ["fatalities", "sub_event_type"]
    events_csv, _ = exports(store_url)
    assert "SOM-art-3-0" in events_csv and ",Attack," in events_csv


@pytest.mark.parametrize("field, value", [("fatalities", "-2"), ("fatalities", "many"), ("latitude", "95"),
                                          ("event_date", "2025-13-01"), ("sub_event_type", "Brawl"),
                                          ("notes", "anything"), ("actor1", "  ")])
def test_bad_corrections_are_refused_and_change_nothing(store_url, field, value):
    ingest(store_url, corpus()[:1])
    with open_store(store_url) as store:
        before = store.event("SOM-art-0-0")
        with pytest.raises(StoreError):
            store.correct("SOM-art-0-0", field, value, who="amina")
        assert store.event("SOM-art-0-0") == before
        assert store.corrections() == []
        with pytest.raises(StoreError, match="no such event"):
            store.correct("SOM-nope", "fatalities", "1", who="amina")
        with pytest.raises(StoreError, match="reviewer"):
            store.reject("SOM-art-0-0", who=" ")


def test_a_rejected_event_is_hidden_until_restored(store_url):
    ingest(store_url, corpus())
    with open_store(store_url) as store:
        store.reject("SOM-art-1-0", who="amina", note="duplicate wire copy")
        assert "SOM-art-1-0" not in [e.event_id_cnty for e in store.events()]
        assert store.count(EventFilter(include_rejected=True)) == store.count() + 1
        assert store.incident_of("SOM-art-1-0") is None
        assert store.incident(store.incident_of("SOM-art-0-0")).event_ids == ("SOM-art-0-0", "SOM-art-2-0")
        store.restore("SOM-art-1-0", who="amina")
        assert len(store.incident(store.incident_of("SOM-art-0-0")).event_ids) == 3


def test_an_undone_merge_stays_undone_when_new_reports_arrive(store_url):
    items = corpus()
    ingest(store_url, items[:2])
    with open_store(store_url) as store:
        assert store.incident_of("SOM-art-0-0") == store.incident_of("SOM-art-1-0")
        store.separate("SOM-art-1-0", who="amina")
        assert store.incident_of("SOM-art-0-0") != store.incident_of("SOM-art-1-0")
    ingest(store_url, items[2:])  # a third report links to both
    with open_store(store_url) as store:
        assert store.incident_of("SOM-art-1-0") == "I-SOM-art-1-0"
        assert store.incident(store.incident_of("SOM-art-0-0")).event_ids == ("SOM-art-0-0", "SOM-art-2-0")
        store.remerge_all()
        assert store.incident(store.incident_of("SOM-art-1-0")).event_ids == ("SOM-art-1-0",)
        # A reviewer's join brings it back, whatever the rule says, and explains itself.
        store.join("SOM-art-1-0", "SOM-art-3-0", who="amina")
        joined = store.incident(store.incident_of("SOM-art-3-0"))
        assert joined.event_ids == ("SOM-art-1-0", "SOM-art-3-0")
        assert any("joined by a reviewer" in line for line in joined.explanation)
        with pytest.raises(StoreError):
            store.join("SOM-art-1-0", "SOM-art-1-0", who="amina")


def test_a_version_1_database_gains_its_incidents_when_opened(tmp_path):
    from tacitus.store.sqlite import schema_scripts
    from tacitus.store.rows import ARTICLE_COLUMNS, article_to_row, event_to_row

    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    conn.executescript(schema_scripts()[0])
    conn.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)")
    conn.execute("INSERT INTO schema_version VALUES (1, 'then')")
    for art, events in corpus()[:2]:
        row = article_to_row(art, "then")
        conn.execute(f"INSERT INTO articles VALUES ({', '.join('?' * len(ARTICLE_COLUMNS))})",
                     [row[c] for c in ARTICLE_COLUMNS])
        for e in events:
            values = event_to_row(e)
            conn.execute(f"INSERT INTO events VALUES ({', '.join('?' * len(BEFORE_5))})",
                         [values[c] for c in BEFORE_5])
    conn.commit()
    conn.close()
    with SqliteStore.open(path) as store:
        assert store.schema_version == len(MIGRATIONS)
        [one] = store.incidents()
        assert one.event_ids == ("SOM-art-0-0", "SOM-art-1-0")
        # The change log starts with the articles already stored, oldest first.
        assert store.change_cursor() == 2
        assert store.count_incidents(EventFilter(since=0)) == 1 and store.count(EventFilter(since=2)) == 0


def test_a_failed_write_leaves_events_and_incidents_as_they_were(store_url):
    items = corpus()
    ingest(store_url, items[:1])
    before = exports(store_url)
    broken = dataclasses.replace(items[1][1][0], event_id_cnty="SOM-art-0-0")  # an id already taken
    with open_store(store_url) as store:
        with pytest.raises(StoreError, match="art-1.txt: not stored"):
            store.add(items[1][0], [broken])
    assert exports(store_url) == before


def test_review_commands_correct_separate_join_and_show_history(tmp_path):
    from click.testing import CliRunner

    from tacitus.serve.cli import cli

    db = str(tmp_path / "review.db")
    ingest(db, corpus())
    run = lambda *args: CliRunner().invoke(cli, ["review", *args[:1], "--db", db, *args[1:]])  # noqa: E731
    done = run("correct", "SOM-art-0-0", "fatalities", "2", "--who", "amina", "--note", "hospital")
    assert done.exit_code == 0, done.output
    assert "fatalities: '4' -> '2' (hospital)" in done.output
    assert "incident: I-SOM-art-0-0" in done.output
    separated = run("separate", "SOM-art-1-0", "--who", "amina")
    assert "incident: I-SOM-art-1-0" in separated.output
    shown = run("incident", "SOM-art-0-0")
    assert "SOM-art-0-0, SOM-art-2-0" in shown.output and "a day apart" in shown.output
    joined = run("join", "SOM-art-1-0", "SOM-art-0-0", "--who", "amina")
    assert "incident: I-SOM-art-0-0" in joined.output
    history = run("history").output.splitlines()
    assert [line.split(": ", 1)[1] for line in history] == [
        "SOM-art-0-0 fatalities: '4' -> '2' (hospital)", "SOM-art-1-0 separate",
        "SOM-art-1-0 joined with SOM-art-0-0"]
    refused = run("correct", "SOM-art-0-0", "sub_event_type", "Brawl", "--who", "amina")
    assert refused.exit_code == 2 and "unknown sub_event_type 'Brawl'" in refused.output


def test_bounding_box_filter(store_url):
    ingest(store_url, corpus())
    with open_store(store_url) as store:
        around_kismayo = EventFilter(bbox=(42.4, -0.5, 42.7, -0.2))
        assert {e.location for e in store.events(around_kismayo)} == {"Kismayo"}
        assert store.count_incidents(around_kismayo) == 2
        assert store.count(EventFilter(bbox=(0.0, 0.0, 1.0, 1.0))) == 0


def test_events_and_incidents_of_one_article(store_url):
    ingest(store_url, corpus())
    with open_store(store_url) as store:
        assert [e.event_id_cnty for e in store.events(EventFilter(article_id="art-2"))] == [
            "SOM-art-2-1", "SOM-art-2-0"]
        assert sorted(i.incident_id for i in store.incidents(EventFilter(article_id="art-2"))) == [
            "I-SOM-art-0-0", "I-SOM-art-2-1"]


def test_cli_bounding_box_option_filters_and_refuses_bad_boxes(tmp_path):
    from click.testing import CliRunner

    from tacitus.serve.cli import cli

    db = str(tmp_path / "box.db")
    ingest(db, corpus())
    run = lambda box: CliRunner().invoke(cli, ["events", "--db", db, "--bbox", box])  # noqa: E731
    inside = run("42.4,-0.5,42.7,-0.2")
    assert inside.exit_code == 0 and "Kismayo" in inside.output and "Jamaame" not in inside.output
    for bad, why in (("42,1", "four numbers"), ("a,b,c,d", "float"), ("10,0,5,1", "WEST <= EAST")):
        refused = run(bad)
        assert refused.exit_code == 2 and why in refused.output


def _write_as_before_5(store, items, monkeypatch, *, incidents: bool = False) -> None:
    """Articles and events as a Tacitus before schema 5 stored them: without the decision
    columns; their incidents only when asked (else only a re-merge brings them)."""
    import tacitus.store.remerge as remerge
    from tacitus.merge import merge
    from tacitus.store.rows import ARTICLE_COLUMNS, INCIDENT_COLUMNS, article_to_row, event_to_row

    conn = store._conn
    with conn.transaction("test: rows of an older Tacitus"):
        for art, events in items:
            row = article_to_row(art, "2025-06-04T00:00:00+00:00")
            conn.execute(f"INSERT INTO articles ({', '.join(ARTICLE_COLUMNS)}) "
                         f"VALUES ({', '.join('?' * len(ARTICLE_COLUMNS))})", [row[c] for c in ARTICLE_COLUMNS])
            for e in events:
                values = event_to_row(e)
                conn.execute(f"INSERT INTO events ({', '.join(BEFORE_5)}) VALUES ({', '.join('?' * len(BEFORE_5))})",
                             [values[c] for c in BEFORE_5])
        if incidents:
            with monkeypatch.context() as older:
                older.setattr(remerge, "INCIDENT_COLUMNS", tuple(c for c in INCIDENT_COLUMNS
                                                                 if c in BEFORE_5 or c not in COLUMNS))
                remerge.write_incidents(conn, merge(e for _, events in items for e in events))


@contextmanager
def _older_schema(monkeypatch, store_url: str, version: int) -> Iterator[None]:
    """Inside, the store's back end knows only its first ``version`` migrations."""
    import tacitus.store.postgres as postgres_backend
    import tacitus.store.sqlite as sqlite_backend

    backend = postgres_backend if store_url.startswith("postgresql") else sqlite_backend
    with monkeypatch.context() as older:
        older.setattr(backend, "MIGRATIONS", backend.MIGRATIONS[:version])
        yield


@pytest.mark.parametrize("old", [2, 3])
def test_an_older_database_migrates_to_the_latest_keeping_feeds_and_merging_afresh(store_url, old, monkeypatch):
    # Version 3 added watch's feed tables and change log, version 4 the bounded merge: a
    # database of either earlier version is upgraded by its first writer, its incidents
    # merged again (none were stored here, so only the re-merge brings them).
    from tacitus.merge import merge
    from tacitus.store.feeds import FeedState

    feed = FeedState("https://feeds.example/wire.xml", outlet="Wire", etag='"v7"', items_seen=5)
    with _older_schema(monkeypatch, store_url, old):
        with open_store(store_url) as store:
            assert store.schema_version == old
            _write_as_before_5(store, corpus(), monkeypatch)
            if old >= 3:
                store.save_feed_state(feed)
            assert store.count_incidents() == 0
    expected = sorted(i.event_ids for i in merge(e for _, events in corpus() for e in events))
    with open_store(store_url) as store:
        assert store.schema_version == len(MIGRATIONS) == 6
        assert [r["version"] for r in store._conn.execute("SELECT version FROM schema_version ORDER BY version")] \
            == [1, 2, 3, 4, 5, 6]
        assert sorted(i.event_ids for i in store.incidents()) == expected and len(expected) == 3
        assert store.change_cursor() == len(corpus())  # one change per article, logged or seeded
        assert store.feed_states() == ({feed.url: feed} if old >= 3 else {})


def test_a_version_4_database_gains_empty_decisions_and_keeps_its_incidents(store_url, monkeypatch):
    # Version 5 keeps each event's trace, withheld reason and place reason. Rows stored
    # before have none (their decisions were not kept): they read back empty, their
    # incidents are left as they were, and events stored afterwards keep theirs.
    with _older_schema(monkeypatch, store_url, 4):
        with open_store(store_url) as store:
            _write_as_before_5(store, corpus()[:2], monkeypatch, incidents=True)
            with store._conn.transaction("test: a mark only the stored incident has"):
                store._conn.execute("UPDATE incidents SET explanation = ?", (json.dumps(["as version 4 merged it"]),))
            before = [(r["event_id_cnty"], tuple(json.loads(r["event_ids"])))
                      for r in store._conn.execute("SELECT event_id_cnty, event_ids FROM incidents")]
    assert before == [("I-SOM-art-0-0", ("SOM-art-0-0", "SOM-art-1-0"))]
    apart = corpus()[3]  # 50 km away: an incident of its own
    traced = dataclasses.replace(apart[1][0], trace=("event_cue@0", "date:story", "place:only_place"),
                                 place_reason="'Jamaame': the only place named")
    with open_store(store_url) as store:
        assert store.schema_version == 6
        assert [(i.incident_id, i.event_ids) for i in store.incidents()] == before
        assert store.incident("I-SOM-art-0-0").explanation == ("as version 4 merged it",)  # not merged again
        old = store.event("SOM-art-0-0")
        assert (old.trace, old.withheld, old.place_reason) == ((), "", "")
        assert old == corpus()[0][1][0]
        store.add(apart[0], [traced])
        back = store.event("SOM-art-3-0")
        assert (back.trace, back.place_reason) == (traced.trace, traced.place_reason)
        assert store.incident("I-SOM-art-3-0").event.trace == traced.trace


def test_decisions_round_trip_through_events_incidents_and_exports(store_url):
    # What was decided when coding is stored with the event, read back as it was (on
    # both back ends), carried by its incident, and written by every export.
    art, [plain] = corpus()[3]
    kept = dataclasses.replace(plain, trace=("armed_doer_and_target@0", "witness_quote@2", "date:story",
                                             "place:only_place", "type:Armed clash from fight",
                                             "consolidated:2 mentions of one day, place and sides"),
                               place_reason="'Jamaame’s outskirts': a town in Lower Juba, ﬁrst named")
    withheld = dataclasses.replace(kept, event_id_cnty="SOM-art-3-1", trace=("event_cue@4", "date:unanchored"),
                                   withheld="undated: no date of its own", place_reason="")
    with open_store(store_url) as store:
        store.add(art, [kept, withheld])
        for want in (kept, withheld):
            got = store.event(want.event_id_cnty)
            assert (got.trace, got.withheld, got.place_reason) == (want.trace, want.withheld, want.place_reason)
        listed = {e.event_id_cnty: e.trace for e in store.events()}
        assert listed == {kept.event_id_cnty: kept.trace, withheld.event_id_cnty: withheld.trace}
        [incident] = [i for i in store.incidents() if kept.event_id_cnty in i.event_ids]
        assert incident.event.trace == kept.trace and incident.event.place_reason == kept.place_reason
        out = io.StringIO()
        write(store.events(), out, "jsonl")
    rows = {r["event_id_cnty"]: r for r in map(json.loads, out.getvalue().splitlines())}
    assert rows[kept.event_id_cnty]["trace"] == list(kept.trace)
    assert rows[withheld.event_id_cnty]["withheld"] == withheld.withheld
    assert rows[kept.event_id_cnty]["place_reason"] == kept.place_reason
