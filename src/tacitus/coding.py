"""Code articles and store them: the one code path of `tacitus ingest`, `demo` and `watch`.

``code_all`` codes items in batches and isolates a failing article; ``store_coded`` adds
what it codes to a store, one transaction per article, skipping articles already stored
(by id or by text) before coding them. Neither prints: each yields one outcome per input
item, and the caller reports.
"""
from __future__ import annotations

from dataclasses import dataclass
from itertools import islice
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, Literal

from tacitus.errors import InputError, TacitusError, internal_error
from tacitus.types import Article, Event

if TYPE_CHECKING:
    from tacitus.pipeline import Pipeline
    from tacitus.store import Store


@dataclass(frozen=True, slots=True)
class Coded:
    """One input item after coding: its events, or None and the reason it failed."""

    item: Article | InputError
    events: tuple[Event, ...] | None
    problem: str = ""


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of one input item in ``store_coded``."""

    item: Article | InputError
    status: Literal["stored", "skipped", "failed"]
    events: int = 0
    problem: str = ""


def code_all(items: Iterable[Article | InputError], pipeline: Pipeline) -> Iterator[Coded]:
    """Code each article; an input that fails is yielded with its reason, never fatal.

    Articles are coded in batches (the parser is faster on many sentences at once); when
    a batch fails, its articles are coded one by one so that only the bad one is lost."""
    from tacitus.pipeline import BATCH_SIZE

    feed = iter(items)
    while chunk := list(islice(feed, BATCH_SIZE)):
        articles = [item for item in chunk if not isinstance(item, InputError)]
        try:
            results = dict(zip(map(id, articles), pipeline.code_batch(articles)))
        except Exception:  # noqa: BLE001 - isolated below, article by article
            results = {}
        for item in chunk:
            if isinstance(item, InputError):
                yield Coded(item, None, str(item))
                continue
            events = results.get(id(item))
            yield Coded(item, events, "") if events is not None else _code_one(item, pipeline)


def _code_one(item: Article, pipeline: Pipeline) -> Coded:
    try:
        return Coded(item, pipeline.code(item))
    except TacitusError as exc:
        return Coded(item, None, f"{item.origin or item.id}: {exc}")
    except Exception as exc:  # a bug on one article must not lose the batch
        return Coded(item, None, f"{item.origin or item.id}: {internal_error(exc)}")


def store_coded(items: Iterable[Article | InputError], pipeline: Pipeline, store: Store,
                stop: Callable[[], bool] = lambda: False) -> Iterator[Outcome]:
    """Code the articles not yet stored and store each with its events and incidents.

    The already-stored check runs lazily, after the previous article is stored, so a
    duplicate within the same run is caught too and never coded. ``stop`` is asked after
    each stored article: when it says so, nothing more is coded or stored."""
    from tacitus.store import content_hash

    skipped: list[Outcome] = []

    def unstored(feed: Iterable[Article | InputError]) -> Iterator[Article | InputError]:
        for item in feed:
            if isinstance(item, Article) and store.has_article(item.id, content_hash(item.text)):
                skipped.append(Outcome(item, "skipped"))
                continue
            yield item

    for coded in code_all(unstored(items), pipeline):
        yield from skipped
        skipped.clear()
        if coded.events is None:
            yield Outcome(coded.item, "failed", problem=coded.problem)
        else:
            assert isinstance(coded.item, Article)  # only an Article is coded: an InputError has no events
            yield _store_one(store, coded.item, coded.events)
        if stop():
            return
    yield from skipped


def _store_one(store: Store, article: Article, events: tuple[Event, ...]) -> Outcome:
    try:
        added = store.add(article, events)
    except TacitusError as exc:
        return Outcome(article, "failed", problem=str(exc))
    except Exception as exc:  # noqa: BLE001 - one article's bug must not end the run
        return Outcome(article, "failed", problem=f"{article.origin or article.id}: not stored, {internal_error(exc)}")
    return Outcome(article, "stored", len(events)) if added else Outcome(article, "skipped")
