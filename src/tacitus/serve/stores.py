"""One open store per server thread.

A SQLite connection must not be used by two threads at once, and opening a store for
every request would take the schema check's write lock each time; so each worker
thread opens its own store on first use and keeps it until the server stops.
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

    def store(self) -> Store:
        store = getattr(self._local, "store", None)
        if store is None:
            stack = ExitStack()
            # create=False: a server reads an existing database; a typo in --db must not
            # quietly create an empty one.
            store = stack.enter_context(open_store(self.url, create=False))
            with self._lock:
                self._opened.append(stack)
            self._local.store = store
        return store

    def close(self) -> None:
        """Close every thread's store (at shutdown, when no request is running)."""
        with self._lock:
            stacks, self._opened = self._opened, []
        for stack in stacks:
            stack.close()
        self._local = threading.local()
