"""`tacitus watch` and `tacitus feeds`: thin commands over tacitus.watch."""
from __future__ import annotations

import json
import re
import signal
import sys
import threading
from contextlib import contextmanager
from typing import Iterator

import click

from tacitus.errors import InputError
from tacitus.ingest.decode import decode

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$")


def parse_duration(text: str) -> float:
    """Seconds from "90", "90s", "10m", "2h" or "1d"; ValueError otherwise."""
    match = _DURATION.match(text)
    if not match or float(match.group(1)) <= 0:
        raise ValueError(f"{text!r} is not a duration like 30s, 10m or 2h")
    return float(match.group(1)) * _UNITS[match.group(2) or "s"]


def _duration(ctx, param, value: str) -> float:
    try:
        return parse_duration(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


_DB = click.option("--db", required=True, help="SQLite database file, or a postgresql://user@host/db URL.")


@contextmanager
def _stop_on_signals(stop: threading.Event) -> Iterator[None]:
    """SIGINT and SIGTERM ask the watcher to stop after the current article; a second
    Ctrl+C aborts at once (the article in progress is rolled back, never half-stored)."""
    def ask(signum, frame) -> None:
        if stop.is_set() and signum == signal.SIGINT:
            raise KeyboardInterrupt
        stop.set()
        click.echo("tacitus: stopping after the current article (Ctrl+C again to abort)", err=True)

    previous = {sig: signal.signal(sig, ask) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _show(report, number: int) -> None:
    for feed in report.feeds:
        if feed.outcome == "failed":
            click.echo(f"tacitus: {feed.url}: {feed.reason}", err=True)
        for problem in feed.problems:
            click.echo(f"tacitus: {problem}", err=True)
    new = sum(f.new_items for f in report.feeds)
    click.echo(f"round {number}: {report.count('read')} feeds read ({new} new items), "
               f"{report.count('not_modified')} not modified, {report.count('failed')} failed, "
               f"{report.count('waiting')} waiting; {report.stored} articles stored, {report.events} events")


@click.command()
@click.argument("feeds")
@_DB
@click.option("--every", default="10m", show_default=True, callback=_duration,
              help="Pause between two rounds (e.g. 90s, 10m, 1h).")
@click.option("--once", is_flag=True, help="Run one round and exit (for cron).")
@click.option("--contact", default="", help="A URL or e-mail put in the User-Agent, so publishers can reach you.")
def watch(feeds, db, every, once, contact):
    """Keep a store current from news feeds: fetch each feed, code and store new articles.

    FEEDS is a text file of feed URLs, one a line, each optionally followed by a tab, the
    outlet's name, a tab and its country; or an OPML file; either may be an http(s) URL,
    read again each round. Unchanged feeds cost one conditional request; a failing feed
    is reported and retried later, with back-off. Ctrl+C (or SIGTERM) stops after the
    current article.

    \b
        tacitus watch feeds.txt --db events.db
        tacitus watch subscriptions.opml --db events.db --every 30m
        tacitus watch feeds.txt --db events.db --once     # from cron
    """
    from tacitus.pipeline import Pipeline
    from tacitus.serve.cli_support import store_errors as _store_errors
    from tacitus.store import open_store
    from tacitus.watch import Fetcher, FetchSettings, Watcher

    stop = threading.Event()
    failed = False
    with _stop_on_signals(stop), Fetcher(FetchSettings(contact=contact)) as fetcher:
        sources = _feed_list(fetcher, feeds, None)
        with _store_errors(), open_store(db) as store:
            failed = _rounds(Watcher(store, Pipeline(), fetcher, stop=stop), fetcher, feeds, sources, every, once)
    if stop.is_set():
        click.echo("tacitus: stopped", err=True)
        sys.exit(130)
    if failed:
        sys.exit(1)


def _rounds(watcher, fetcher, feeds: str, sources, every: float, once: bool) -> bool:
    """Round after round until stopped (or one with ``once``); whether anything failed."""
    stop, failed, number = watcher.stop, False, 0
    while not stop.is_set():
        number += 1
        report = watcher.run_round(sources)
        _show(report, number)
        failed = failed or any(f.outcome == "failed" or f.problems for f in report.feeds)
        if once or stop.wait(every):
            break
        sources = _feed_list(fetcher, feeds, sources)  # edits to the list take effect
    return failed


def _feed_list(fetcher, where: str, previous):
    """The feed list (a file, or a URL fetched politely); when it has become unreadable
    while watching, the last good one."""
    from tacitus.watch.feedlist import parse_feed_list, read_feed_list

    try:
        if not where.startswith(("http://", "https://")):
            return read_feed_list(where)
        got = fetcher.get(where)
        if got.outcome != "ok":
            raise InputError(where, got.reason)
        return parse_feed_list(decode(got.body, where), where)
    except InputError as exc:
        if previous is None:
            raise click.BadParameter(str(exc), param_hint="FEEDS") from None
        click.echo(f"tacitus: {exc}; keeping the previous list", err=True)
        return previous


@click.command()
@_DB
@click.option("--json", "as_json", is_flag=True, help="One JSON object per feed instead of a table.")
def feeds(db, as_json):
    """List the feeds `tacitus watch` follows, with each one's health.

    \b
        tacitus feeds --db events.db
    """
    from tacitus.serve.cli_support import store_errors as _store_errors
    from tacitus.store import open_store

    with _store_errors(), open_store(db, create=False) as store:
        states = list(store.feed_states().values())
    if as_json:
        for state in states:
            click.echo(json.dumps({**{f: getattr(state, f) for f in state.__slots__}, "health": health(state)}))
        return
    rows = [(health(s), s.url, s.outlet or "-", s.last_success or "never", str(s.items_seen),
             str(s.articles_stored), s.last_error or "-") for s in states]
    head = ("health", "feed", "outlet", "last success", "items", "stored", "last error")
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(head)]
    for cells in [head, tuple("-" * w for w in widths), *rows]:
        click.echo("  ".join(c.ljust(w) for c, w in zip(cells, widths)).rstrip())
    click.echo(f"\n{len(states)} feeds, {sum(1 for s in states if s.failures)} failing")


def health(state) -> str:
    """"ok", "failing (N in a row, next try …)" or "not fetched yet"."""
    if state.failures:
        when = f", next try {state.next_attempt}" if state.next_attempt else ""
        return f"failing ({state.failures} in a row{when})"
    if state.last_success:
        return "ok"
    return "waiting" if state.next_attempt else "not fetched yet"
