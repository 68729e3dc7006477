"""Storage: articles, their coded events, incidents and reviewers' corrections, in
SQLite (one file, the default) or PostgreSQL (for teams), behind one interface.

    from tacitus.store import EventFilter, open_store
    with open_store("events.db") as store:          # or "postgresql://user@host/db"
        store.add(article, events)
        for incident in store.incidents(EventFilter(country="Kenya", text="bus")):
            ...
"""
from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

from tacitus.merge import Incident
from tacitus.store.base import CORRECTABLE, Store, StoreError, StoreUnavailable
from tacitus.store.rows import Correction, EventFilter, content_hash, event_from_row, event_to_row, parse_bbox
from tacitus.store.sqlite import MIGRATIONS, SqliteStore
from tacitus.store.urls import UnknownDatabase, database_kind

__all__ = [
    "CORRECTABLE",
    "MIGRATIONS",
    "Correction",
    "EventFilter",
    "Incident",
    "SqliteStore",
    "Store",
    "StoreError",
    "StoreUnavailable",
    "content_hash",
    "event_from_row",
    "event_to_row",
    "is_postgres_url",
    "open_store",
    "parse_bbox",
]


def is_postgres_url(url: str) -> bool:
    return str(url).startswith(("postgresql://", "postgres://"))


@contextmanager
def open_store(url: str, *, create: bool = True, write: bool = True) -> Iterator[Store]:
    """Open the store a URL names: ``postgresql://…`` for PostgreSQL, a path or
    ``sqlite:///path`` for SQLite; another scheme is a StoreError naming it.
    ``create=False`` refuses a database that does not exist yet; ``write=False`` opens
    an existing one read-only (never migrated, never locked)."""
    try:
        kind, target = database_kind(url)
    except UnknownDatabase as exc:
        raise StoreError(str(exc)) from None
    if kind == "postgresql":
        from tacitus.store.postgres import PostgresStore

        with PostgresStore.open(target, create=create, write=write) as store:
            yield store
    else:
        with SqliteStore.open(target, create=create, write=write) as store:
            yield store
