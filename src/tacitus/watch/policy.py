"""When to fetch a feed again: pure functions of its stored state and the clock."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from tacitus.store.feeds import FeedState


@dataclass(frozen=True, slots=True)
class Backoff:
    """After n failures in a row a feed waits ``base * 2**(n-1)`` seconds, at most ``most``;
    a server's Retry-After is obeyed, up to ``longest_retry_after``."""

    base: float = 60.0
    most: float = 6 * 3600.0
    longest_retry_after: float = 24 * 3600.0

    def delay(self, failures: int, retry_after: float | None) -> float:
        if retry_after is not None:
            return min(retry_after, self.longest_retry_after)
        if failures <= 0:
            return 0.0
        return min(self.base * 2 ** min(failures - 1, 30), self.most)


def is_due(state: FeedState | None, now: dt.datetime) -> bool:
    """Whether a feed may be fetched now (never fetched, or its wait is over)."""
    if state is None or not state.next_attempt:
        return True
    return dt.datetime.fromisoformat(state.next_attempt) <= now


def later(now: dt.datetime, seconds: float) -> str | None:
    """The ISO time ``seconds`` after ``now``; None for no wait."""
    return stamp(now + dt.timedelta(seconds=seconds)) if seconds > 0 else None


def stamp(moment: dt.datetime) -> str:
    return moment.astimezone(dt.timezone.utc).isoformat(timespec="seconds")
