"""One open store per server thread, shared by the requests that thread serves.

A SQLite connection must not be used by two threads at once, so each worker thread
opens its own on first use and keeps it until the server stops. Reads go through a
read-only store (never migrated, never locked: a long ingest does not block the page);
review actions, only on a server started with a review token, through a writer.
"""
from __future__ import annotations

import threading
from contextlib import ExitStack

from tacitus.store import Store, open_store


class StorePool:
    """``pool.store()`` is the calling thread's own open store of ``url``."""

    def __init__(self, url: str) -> None:
        self.url = url
        self._local = threading.local()
        self._lock = threading.Lock()
        self._opened: list[ExitStack] = []

    def store(self, write: bool = False) -> Store:
        name = "writer" if write else "reader"
        store = getattr(self._local, name, None)
        if store is None:
            stack = ExitStack()
            # create=False: a server reads an existing database; a typo in --db must not
            # quietly create an empty one.
            store = stack.enter_context(open_store(self.url, create=False, write=write))
            with self._lock:
                self._opened.append(stack)
            setattr(self._local, name, store)
        return store

    def close(self) -> None:
        """Close every thread's store (at shutdown, when no request is running)."""
        with self._lock:
            stacks, self._opened = self._opened, []
        for stack in stacks:
            stack.close()
        self._local = threading.local()
