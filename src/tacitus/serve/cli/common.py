"""What the commands share: progress and failures on stderr, the tables printed in a
terminal, and the ``--db`` option."""
from __future__ import annotations

import sys
import time
from typing import Iterable, Iterator

import click

from tacitus.errors import InputError
from tacitus.types import Article, Event


class Progress:
    """Progress on stderr: a live line on a terminal, nothing when piped."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled and sys.stderr.isatty()
        self.articles = self.events = self.failed = 0
        self.started = time.perf_counter()

    def tick(self, events: int = 0, failed: bool = False) -> None:
        self.articles += 1
        self.events += events
        self.failed += failed
        if self.enabled:
            rate = self.articles / max(time.perf_counter() - self.started, 1e-9)
            sys.stderr.write(f"\r{self.articles} articles, {self.events} events, "
                             f"{self.failed} failed ({rate:.1f} articles/s)")
            sys.stderr.flush()

    def close(self) -> None:
        if self.enabled:
            sys.stderr.write("\n")


def fail(item: InputError | str) -> None:
    from tacitus.errors import printable

    click.echo(f"tacitus: {printable(str(item))}", err=True)


def coded(items: Iterable[Article | InputError], pipeline, progress: Progress) -> Iterator[tuple[Article, tuple[Event, ...]]]:
    """Code each article (tacitus.coding.code_all); a failure is reported and skipped."""
    from tacitus.coding import code_all

    for result in code_all(items, pipeline):
        if result.events is None:
            fail(result.problem)
            progress.tick(failed=True)
            continue
        progress.tick(len(result.events))
        article = result.item
        assert isinstance(article, Article)  # only an Article is coded: an InputError has no events
        if article.published is None and any(e.event_date is None for e in result.events):
            where = article.origin or article.id
            click.echo(f"tacitus: {where}: no publication date and none in the text: its events are "
                       f"undated (give --published YYYY-MM-DD)", err=True)
        yield article, result.events


def report_outcomes(outcomes, progress: Progress) -> tuple[int, int, int, int]:
    """Tick progress and report failures of tacitus.coding.store_coded; returns
    (stored, skipped, failed, events stored)."""
    counts = {"stored": 0, "skipped": 0, "failed": 0}
    events = 0
    for outcome in outcomes:
        counts[outcome.status] += 1
        if outcome.status == "failed":
            fail(outcome.problem)
        if outcome.status != "skipped":
            progress.tick(outcome.events, failed=outcome.status == "failed")
        events += outcome.events
    return counts["stored"], counts["skipped"], counts["failed"], events


def incident_table(incidents) -> str:
    """Incidents as the summary table, with how many reports each merges."""
    table = summary_table([i.event for i in incidents]).splitlines()
    if not table:
        return ""
    counts = ["reports", "-------"] + [str(len(i.event_ids)) for i in incidents]
    return "\n".join(f"{line}  {count}" for line, count in zip(table, counts))


def summary_table(events: list[Event]) -> str:
    """A fixed-width table an analyst can read in a terminal."""
    head = ("date", "sub-event type", "actor 1", "actor 2", "location", "country", "dead")
    rows = [(str(e.event_date or "?"), e.sub_event_type, e.actor1, e.actor2 or "-",
             e.location or "?", e.country or "?",
             "?" if e.fatalities_best is None else str(e.fatalities)) for e in events]
    widths = [min(34, max(len(h), *(len(r[i]) for r in rows))) if rows else len(h) for i, h in enumerate(head)]
    line = lambda cells: "  ".join(c[:w].ljust(w) for c, w in zip(cells, widths))  # noqa: E731
    return "\n".join([line(head), line(tuple("-" * w for w in widths)), *(line(r) for r in rows)])


db_option = click.option("--db", required=True, help="SQLite database file, or a postgresql://user@host/db URL.")
