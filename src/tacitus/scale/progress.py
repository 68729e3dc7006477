"""Progress people can read, on stderr (and nothing when stderr is not a terminal).

    with Bar("coding", total=12_000) as bar:
        bar.advance(events=3)          # one article done, three events
        bar.advance(failed=1)          # one article failed

Shows done/total, a bar, articles/s, events, incidents, failures and the time left.
"""
from __future__ import annotations

import sys
from typing import Any, Callable, Iterable, Iterator, TypeVar

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text


T = TypeVar("T")


def plural(n: int, word: str, many: str | None = None) -> str:
    """'1 article', '2 articles', '0 articles' (``many`` for irregular plurals)."""
    return f"{n:,} {word if n == 1 else (many or word + 's')}"


class _Rate(ProgressColumn):
    """Items per second over the recent past (rich's own speed estimate)."""

    def __init__(self, unit: str) -> None:
        super().__init__()
        self.unit = unit

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text("" if speed is None else f"{speed:,.1f} {self.unit}/s", style="progress.data.speed")


class _Counts(ProgressColumn):
    """The running counts kept in the task's fields, those that are set."""

    def render(self, task: Task) -> Text:
        shown = [plural(task.fields[k], k[:-1]) for k in ("events", "incidents", "failures")
                 if task.fields.get(k) is not None]
        return Text(", ".join(shown))


class Bar:
    """One progress bar; ``total`` may be unknown (None) or grow as inputs are planned."""

    def __init__(self, what: str, total: int | None = None, *, unit: str = "articles",
                 counts: tuple[str, ...] = ("events", "failures"), console: Console | None = None) -> None:
        self.console = console or Console(file=sys.stderr)
        self.fields: dict[str, Any] = {k: 0 for k in counts}
        self._progress = Progress(
            SpinnerColumn(), TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
            _Rate(unit), _Counts(), TextColumn("elapsed"), TimeElapsedColumn(), TextColumn("left"),
            TimeRemainingColumn(),
            console=self.console, disable=not self.console.is_terminal, transient=False)
        self._task = self._progress.add_task(what, total=total, **self.fields)

    @property
    def enabled(self) -> bool:
        return not self._progress.disable

    def __enter__(self) -> Bar:
        self._progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._progress.stop()

    def advance(self, done: int = 1, **counts: int) -> None:
        for key, value in counts.items():
            self.fields[key] = (self.fields.get(key) or 0) + value
        self._progress.update(self._task, advance=done, **self.fields)

    def set(self, *, total: int | None = None, description: str | None = None, **fields: int) -> None:
        self.fields.update(fields)
        changes: dict[str, Any] = dict(self.fields)
        if total is not None:
            changes["total"] = total
        if description is not None:
            changes["description"] = description
        self._progress.update(self._task, **changes)

    def note(self, line: str) -> None:
        """A line printed above the bar (a failure, the dashboard's address)."""
        if self._progress.disable:
            print(line, file=sys.stderr, flush=True)
        else:
            self.console.print(line, markup=False, highlight=False, soft_wrap=True)


def ticking(items: Iterable[T], bar: Bar, events: Callable[[T], int] | None = None) -> Iterator[T]:
    """``items`` unchanged, the bar advanced by one (and ``events(item)`` events) for each."""
    for item in items:
        if events is None:
            bar.advance()
        else:
            bar.advance(events=events(item))
        yield item
