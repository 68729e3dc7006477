"""Shared fixtures: the full resources load once per test session (parser, gazetteer)."""
from __future__ import annotations

import os

import pytest


def pytest_collection_modifyitems(items):
    """Tests that need the PostgreSQL server are slow (it starts once, ~2 s, and each
    test makes a database): ``make test-fast`` leaves them out, ``make test`` runs them."""
    for item in items:
        params = getattr(getattr(item, "callspec", None), "params", {})
        if "postgres_server" in getattr(item, "fixturenames", ()) or params.get("store_url") == "postgresql":
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def pipeline():
    from tacitus.pipeline import Pipeline
    from tacitus.resources import Resources

    return Pipeline(resources=Resources.load())


@pytest.fixture(scope="session")
def coded(pipeline):
    """Code a report written for a test: (event_date, sub_event_type, location) of each
    event, as ``coded(text, published)``."""
    from tacitus.types import Article

    def run(text: str, published):
        events = pipeline.code(Article(id="t", text=text, url="", outlet="", published=published))
        return [(e.event_date.isoformat() if e.event_date else None, e.sub_event_type, e.location)
                for e in events]
    return run


@pytest.fixture(scope="session")
def postgres_server():
    from postgres_server import start

    server = start()
    if isinstance(server, str):
        pytest.skip(f"PostgreSQL tests skipped: {server}")
    yield server
    server.stop()


_databases = iter(range(1, 10**6))


@pytest.fixture()
def postgres_url(postgres_server):
    """A new, empty database on the test server for one test."""
    import psycopg

    name = f"tacitus_test_{os.getpid()}_{next(_databases)}"
    with psycopg.connect(postgres_server.url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}" TEMPLATE template0 ENCODING \'UTF8\'')
    yield postgres_server.database_url(name)
    with psycopg.connect(postgres_server.url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path):
    """Each back end in turn: a new SQLite file, then a new PostgreSQL database."""
    if request.param == "sqlite":
        return str(tmp_path / "events.db")
    return request.getfixturevalue("postgres_url")
