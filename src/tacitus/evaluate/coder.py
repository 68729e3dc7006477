"""The coder under evaluation, and how inputs are fed to it lazily."""
from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TypeVar

from tacitus.errors import TacitusError
from tacitus.types import Article, Event

# One sequence of events per article, in the order the articles were given.
Coder = Callable[[Iterable[Article]], Iterable[Sequence[Event]]]

T = TypeVar("T")


def run_coder(
    items: Iterable[T], to_article: Callable[[T], Article], coder: Coder
) -> Iterator[tuple[T, Sequence[Event]]]:
    """Pair each item with the events the coder returns for its article.

    The coder receives a generator, so only the items it has read but not yet
    answered are held in memory (a batching coder holds one batch).
    """
    pending: deque[T] = deque()

    def articles() -> Iterator[Article]:
        for item in items:
            pending.append(item)
            yield to_article(item)

    feed = articles()
    for events in coder(feed):
        if not pending:
            raise TacitusError("the coder returned more results than it was given articles")
        yield pending.popleft(), tuple(events)
    # A coder that stops early would silently shrink the denominator.
    if pending or next(feed, None) is not None:
        raise TacitusError("the coder returned fewer results than it was given articles")
