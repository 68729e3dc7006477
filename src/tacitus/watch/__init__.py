"""Watch: keep a store current from news feeds (`tacitus watch`, `tacitus feeds`).

    from tacitus.watch import Fetcher, Watcher, read_feed_list
    with open_store("events.db") as store, Fetcher() as fetcher:
        report = Watcher(store, Pipeline(), fetcher).run_round(read_feed_list("feeds.txt"))

The names load on first use, so the command line starts fast whatever it runs.
"""
from __future__ import annotations

from importlib import import_module
from typing import Any

_HOMES = {
    "Backoff": "policy",
    "FeedReport": "watcher",
    "FeedSource": "feedlist",
    "FetchSettings": "fetch",
    "Fetched": "fetch",
    "Fetcher": "fetch",
    "RoundReport": "watcher",
    "WatchSettings": "watcher",
    "Watcher": "watcher",
    "read_feed_list": "feedlist",
}
__all__ = sorted(_HOMES)


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module 'tacitus.watch' has no attribute {name!r}")
    return getattr(import_module(f"tacitus.watch.{_HOMES[name]}"), name)
