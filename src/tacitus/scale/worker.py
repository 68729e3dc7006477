"""What runs on a worker: resources loaded once per worker process, partitions coded.

The per-article function is the pipeline's ``explain_batch`` (``code_batch`` with the
article as cleaned, which the store keeps), pure; this module only reads
a partition, skips the articles the client says are stored, and codes the rest in
batches, falling back to one article at a time when a batch fails so that a bad article
fails alone, reported by its name.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, replace
from itertools import islice
from typing import Callable, Iterable, Iterator, Sequence

from distributed.diagnostics.plugin import WorkerPlugin

from tacitus.errors import InputError, TacitusError
from tacitus.ingest import Overrides
from tacitus import pipeline
from tacitus.pipeline import Explanation
from tacitus.resources import Resources
from tacitus.scale.partitions import Partition, read_partition
from tacitus.settings import Settings
from tacitus.store import content_hash
from tacitus.types import Article, Event

PLUGIN = "tacitus-resources"


class ResourcesPlugin(WorkerPlugin):
    """Loads the parser, gazetteer and dictionaries once when a worker starts (or joins
    a running cluster); every task on that worker then shares them."""

    name = PLUGIN

    def __init__(self) -> None:
        self.resources: Resources | None = None

    def setup(self, worker) -> None:
        self.resources = Resources.load()


def worker_resources() -> Resources:
    """The resources of the worker this task runs on (loaded now if its plugin has not)."""
    from distributed import get_worker

    plugin = get_worker().plugins[PLUGIN]
    assert isinstance(plugin, ResourcesPlugin)  # registered under PLUGIN by run._cluster
    if plugin.resources is None:
        plugin.resources = Resources.load()
    return plugin.resources


@dataclass(frozen=True, slots=True)
class Coded:
    """One article with the events it keeps, how many it withheld (not reported as
    news, or of low confidence: ``Event.withheld`` says why), and the article as cleaned
    to code them (their spans index its text; the store keeps it, not cleaning again)."""

    article: Article
    events: tuple[Event, ...]
    withheld: int
    cleaned: Article


@dataclass(frozen=True, slots=True)
class PartResult:
    """A partition's outcome: articles coded, one line per failure (naming the article),
    how many the client had already stored, and the seconds spent coding."""

    part: Partition
    coded: tuple[Coded, ...]
    failures: tuple[str, ...]
    skipped: int
    seconds: float


def article_key(article: Article) -> tuple[str, str]:
    """What makes an article already stored: its id, or its text."""
    return article.id, content_hash(article.text)


def partition_keys(part: Partition, overrides: Overrides) -> tuple[tuple[str, str], ...]:
    """The key of each readable article of a partition, in order (cheap: no coding)."""
    return tuple(article_key(a) for a in read_partition(part, overrides) if isinstance(a, Article))


@dataclass(frozen=True, slots=True)
class Positions:
    """Skip the articles at these positions among a partition's readable articles (the
    client's answer to ``partition_keys``)."""

    skip: frozenset[int]

    def __call__(self, position: int, article: Article) -> bool:
        return position in self.skip


def code_partition(part: Partition, overrides: Overrides, stored: Callable[[int, Article], bool],
                   settings: Settings, resources: Resources | None = None) -> PartResult:
    """Code the articles of ``part`` except those ``stored(position, article)`` says are
    stored already. Runs on a worker unless ``resources`` are given."""
    started = time.perf_counter()
    res = resources if resources is not None else worker_resources()
    failures: list[str] = []
    todo: list[Article] = []
    for item in read_partition(part, overrides):
        if isinstance(item, InputError):
            failures.append(str(item))
        else:
            todo.append(item)
    wanted = [a for n, a in enumerate(todo) if not stored(n, a)]
    coded: list[Coded] = []
    for outcome in code_articles(wanted, res, settings):
        if isinstance(outcome, str):
            failures.append(outcome)
        else:
            coded.append(outcome)
    return PartResult(part, tuple(coded), tuple(failures), len(todo) - len(wanted),
                      time.perf_counter() - started)


def code_articles(articles: Iterable[Article], res: Resources, settings: Settings) -> Iterator[Coded | str]:
    """Each article coded (in batches parsed together), or a line naming it and why it failed.
    (``pipeline.explain_batch`` is looked up at each call, so a test can stand in for it.)"""
    everything = replace(settings, show_withheld=True)
    feed = iter(articles)
    while chunk := list(islice(feed, pipeline.BATCH_SIZE)):
        results: Sequence[Explanation | str]
        try:
            results = pipeline.explain_batch(chunk, res, everything)
        except Exception:  # noqa: BLE001 - isolated below, article by article
            results = [_code_one(a, res, everything) for a in chunk]
        for article, done in zip(chunk, results):
            if isinstance(done, str):
                yield done
                continue
            kept = tuple(e for e in done.events if settings.show_withheld or not e.withheld)
            yield Coded(article, kept, len(done.events) - len(kept), done.article)


def _code_one(article: Article, res: Resources, settings: Settings) -> Explanation | str:
    name = article.origin or article.id
    try:
        return pipeline.explain_batch([article], res, settings)[0]
    except TacitusError as exc:
        return f"{name}: {exc}"
    except Exception as exc:  # noqa: BLE001 - a bug on one article must not lose the partition
        return f"{name}: internal error ({type(exc).__name__}: {exc}); please report it with this input"
