"""Storage: articles and their coded events in a database (SQLite for now).

    from tacitus.store import EventFilter, SqliteStore, content_hash
    with SqliteStore.open("events.db") as store:
        store.add(article, events)
        for event in store.events(EventFilter(country="Kenya", text="bus")):
            ...
"""
from __future__ import annotations

from tacitus.store.rows import EventFilter, content_hash, event_from_row, event_to_row
from tacitus.store.sqlite import MIGRATIONS, SqliteStore, StoreError

__all__ = [
    "MIGRATIONS",
    "EventFilter",
    "SqliteStore",
    "StoreError",
    "content_hash",
    "event_from_row",
    "event_to_row",
]
