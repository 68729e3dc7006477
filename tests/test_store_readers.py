"""Readers never take the write lock: `export`, `events` and the API's reads and
downloads succeed while another process holds a write transaction open, on SQLite and
PostgreSQL; database failures are the project's errors (one line, a 503), never raw.
Articles and events are made up here."""
from __future__ import annotations

import datetime as dt
import os
import sqlite3
import warnings
from contextlib import contextmanager

import pytest
from click.testing import CliRunner

from tacitus.serve.api import create_app
from tacitus.serve.cli import cli
from tacitus.store import StoreError, StoreUnavailable, open_store
from tacitus.store.problems import sqlite_problem
from tacitus.types import Article, Event

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message=".*httpx2")
    from fastapi.testclient import TestClient

TOKEN = "reader-test-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


def _event(n: int) -> Event:
    return Event(article_id=f"a{n}", event_id_cnty=f"SOM-A{n}", event_date=dt.date(2025, 5, n + 1),
                 time_precision=1, disorder_type="Political violence", event_type="Battles",
                 sub_event_type="Armed clash", actor1="Al Shabaab", inter1=2, country="Somalia",
                 location=f"Town {n}", latitude=2.0 + n, longitude=45.0, geonameid=100 + n,
                 notes=f"Clash number {n}.", fatalities=n, fatalities_low=n, fatalities_best=n,
                 fatalities_high=n, confidence=0.8)


def _fill(url: str, n: int = 3) -> None:
    with open_store(url) as store:
        for k in range(n):
            store.add(Article(id=f"a{k}", text=f"Article {k} about a clash in Town {k}."), [_event(k)])


@contextmanager
def _writer_holding_the_lock(url: str):
    """Another process's write: a transaction open, with an uncommitted article."""
    if url.startswith("postgresql://"):
        import psycopg

        from tacitus.store.postgres import WRITER_LOCK

        conn = psycopg.connect(url)
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (WRITER_LOCK,))
        conn.execute("INSERT INTO articles (id, content_hash, text, ingested_at) VALUES ('x', 'x', 'x', 'now')")
        try:
            yield
        finally:
            conn.rollback()
            conn.close()
    else:
        conn = sqlite3.connect(url, isolation_level=None)
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO articles (id, content_hash, text, ingested_at) VALUES ('x', 'x', 'x', 'now')")
        try:
            yield
        finally:
            conn.execute("ROLLBACK")
            conn.close()


def test_export_events_and_api_reads_succeed_while_a_write_is_open(store_url):
    _fill(store_url)
    with _writer_holding_the_lock(store_url):
        runner = CliRunner()
        exported = runner.invoke(cli, ["export", "--db", store_url, "--format", "csv"])
        assert exported.exit_code == 0, exported.output
        assert exported.stdout.count("\n") == 4 and "Town 2" in exported.stdout
        listed = runner.invoke(cli, ["events", "--db", store_url, "--level", "incident"])
        assert listed.exit_code == 0 and "3 of 3 incidents" in listed.stdout
        with TestClient(create_app(store_url, None)) as client:
            csv_answer = client.get("/events.csv")
            assert csv_answer.status_code == 200 and csv_answer.text.count("\n") == 4
            assert client.get("/api/incidents").json()["total"] == 3
            assert client.get("/events.geojson", params={"level": "incident"}).status_code == 200


def test_a_reader_changes_nothing_in_the_database(tmp_path):
    db = str(tmp_path / "r.db")
    _fill(db)
    before = os.stat(db).st_mtime_ns, open(db, "rb").read()
    assert CliRunner().invoke(cli, ["export", "--db", db]).exit_code == 0
    assert (os.stat(db).st_mtime_ns, open(db, "rb").read()) == before


@pytest.mark.parametrize("message, passing, advice", [
    ("database is locked", True, "busy"),
    ("disk I/O error", True, "disk is full or failing"),
    ("database or disk is full", True, "free space"),
    ("attempt to write a readonly database", False, "read-only"),
    ("file is not a database", False, "not a Tacitus database"),
])
def test_sqlite_errors_become_store_errors_that_say_what_to_do(message, passing, advice):
    problem = sqlite_problem(sqlite3.OperationalError(message), "events.db", "a1.txt: not stored")
    assert isinstance(problem, StoreUnavailable) is passing and isinstance(problem, StoreError)
    assert advice in str(problem) and "events.db" in str(problem) and "a1.txt: not stored" in str(problem)


def test_a_locked_database_is_one_line_for_a_writer_and_a_503_for_the_api(tmp_path, monkeypatch):
    db = str(tmp_path / "locked.db")
    _fill(db)
    monkeypatch.setattr("tacitus.store.sqlite.SqliteConnection.BUSY_MS", 50)
    with _writer_holding_the_lock(db):
        done = CliRunner().invoke(cli, ["review", "reject", "--db", db, "SOM-A1", "--who", "t"])
        assert done.exit_code == 2 and "busy" in done.stderr and "Traceback" not in done.output
        with TestClient(create_app(db, TOKEN)) as client:
            answer = client.post("/api/events/SOM-A1/reject", json={"who": "t"}, headers=AUTH)
            assert answer.status_code == 503, answer.text
        assert isinstance(done.exception, SystemExit)
    with TestClient(create_app(db, TOKEN)) as client:  # and the next request is served
        assert client.post("/api/events/SOM-A1/reject", json={"who": "t"}, headers=AUTH).status_code == 200


def test_an_old_schema_is_not_migrated_by_a_reader(tmp_path):
    db = tmp_path / "v1.db"
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)")
    conn.execute("INSERT INTO schema_version VALUES (1, 'then')")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="older Tacitus"):
        with open_store(str(db), create=False, write=False):
            pass
    assert sqlite3.connect(db).execute("SELECT max(version) FROM schema_version").fetchone()[0] == 1


def test_an_event_id_collision_is_refused_naming_both_articles(store_url):
    _fill(store_url, 1)
    twin = Event(**{**{f: getattr(_event(0), f) for f in Event.__dataclass_fields__}, "article_id": "b9"})
    with open_store(store_url) as store:
        with pytest.raises(StoreError, match=r"SOM-A0 of article 'b9' is already held by article 'a0'"):
            store.add(Article(id="b9", text="Another article whose event id collides."), [twin])
        assert store.article("b9") is None and store.article_count() == 1


def test_event_ids_keep_the_acled_like_shape_with_96_bits(pipeline):
    import re

    from tacitus.ingest import article_from_text

    article = article_from_text("Gunmen attacked a bus near Garissa on Sunday, killing three passengers.",
                                published="2024-03-12")
    [event] = pipeline.code(article)
    assert re.fullmatch(r"KEN-[0-9A-F]{24}", event.event_id_cnty)
