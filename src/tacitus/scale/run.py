"""``tacitus ingest``: in this process, or mapped over partitions on a Dask cluster.

In this process (the default) each article is coded and stored with the incidents it
joins, as before. With ``workers`` (a ``LocalCluster`` of that many processes, one thread
each) or ``scheduler`` (an existing cluster), partitions are coded on the workers and
flow back to this process, the one writer, which stores each article with its events
*pending* and the text the worker cleaned; the incidents are then merged as a
bounded re-merge of a few weeks at a time (``tacitus.scale.reduce``). Either way an article is
stored once (by id or text): the workers are told which articles are already stored
before they code a partition, and re-running a killed backfill finishes it. A worker
that dies has its partition retried by Dask elsewhere; a partition that kills workers
again and again is reported by name and the rest goes on. Either way the writer stores a
partition's articles in one transaction (``Store.batch``), each article in a savepoint of
it: an article that fails is undone alone, and a writer killed mid-partition leaves that
partition's articles unstored, to be coded again by a re-run.
"""
from __future__ import annotations

import datetime as dt
import importlib.util
import time
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from typing import Iterator

from tacitus.errors import InputError, TacitusError
from tacitus.ingest import Overrides
from tacitus.scale.cluster import local_cluster
from tacitus.scale.partitions import BLOCK_BYTES, Partition, plan, plan_for_workers
from tacitus.scale.progress import Bar, plural
from tacitus.scale.reduce import merge_pending
from tacitus.scale.worker import (PLUGIN, Coded, PartResult, Positions, ResourcesPlugin, code_partition,
                                  partition_keys)
from tacitus.resources import Resources
from tacitus.settings import Settings
from tacitus.store import Store, content_hash, open_store

IN_FLIGHT_PER_WORKER = 2  # partitions queued per worker: keeps workers busy, bounds memory
CONNECT_TIMEOUT = "20s"   # to reach a --scheduler
# Articles stored pending between two merges during a --workers run: the incidents are
# the same whenever the merge runs (it is order-independent), and a backfill's closing
# reduce is then a few seconds instead of a serial tail that grows with the run. They are
# also merged as soon as a worker has nothing left to code (the last partitions are being
# coded): the merge then runs on that worker's core instead of after the run.
REDUCE_EVERY = 2_000


@dataclass
class Tally:
    """What an ingest did, for the closing summary."""

    db: str
    stored: int = 0
    skipped: int = 0
    failed: int = 0
    events: int = 0
    withheld: int = 0
    incidents: int = 0
    min_confidence: float = 0.5

    def summary(self) -> str:
        return (f"{plural(self.stored, 'article')} stored, {self.skipped:,} skipped (already stored), "
                f"{self.failed:,} failed; {plural(self.events, 'event')} stored in "
                f"{plural(self.incidents, 'incident')}, {plural(self.withheld, 'event')} withheld "
                f"(not reported as news, or confidence below {self.min_confidence:g}); database {self.db}")


@dataclass(frozen=True, slots=True)
class IngestJob:
    """Where articles come from and go, and how to code them."""

    paths: tuple[str, ...]
    db: str
    overrides: Overrides = Overrides()
    settings: Settings = Settings()
    workers: int = 0                 # 0: this process only
    scheduler: str | None = None     # tcp://host:port of a running cluster
    block_bytes: int = BLOCK_BYTES


def run_ingest(job: IngestJob, resources: Resources | None = None) -> Tally:
    """Ingest the job's articles; each failure is one line on stderr naming the input.
    ``resources`` (in this process only) saves loading them again."""
    parts = list(plan(job.paths, job.block_bytes))
    total = sum(p.articles for p in parts if isinstance(p, Partition))
    tally = Tally(job.db, min_confidence=job.settings.min_confidence)
    started = dt.datetime.now(dt.timezone.utc)
    with Bar("coding", total) as bar, open_store(job.db) as store:
        for p in parts:
            if isinstance(p, InputError):
                _failed(tally, bar, str(p))
        todo = [p for p in parts if isinstance(p, Partition)]
        if job.workers or job.scheduler:
            if any("-" in p.paths for p in todo):
                raise TacitusError("stdin (-) cannot be read by workers: give files")
            with _cluster(job, bar) as client:
                todo = plan_for_workers(todo, job.paths, _workers(client), job.block_bytes)
                _code_on_cluster(client, todo, job, store, tally, bar)
            bar.set(description="merging")
            report = merge_pending(store)
        else:
            _code_here(todo, job, store, tally, bar, resources or _load_resources())
            report = merge_pending(store)  # events left pending by a killed --workers run
        tally.incidents = store.incidents_of_articles_since(started)
        bar.set(description="done", incidents=tally.incidents)
        if report.pending:
            bar.note(f"tacitus: merged {plural(report.pending, 'pending event')} over "
                     f"{plural(report.buckets, 'country-week')}")
    return tally


def _failed(tally: Tally, bar: Bar, line: str, articles: int = 1) -> None:
    tally.failed += articles
    bar.note(f"tacitus: {line}")
    bar.advance(articles, failures=articles)


def _store(store: Store, coded: Coded, tally: Tally, bar: Bar, *, merge: bool) -> None:
    try:
        added = store.add(coded.article, coded.events, merge=merge, cleaned=coded.cleaned)
    except TacitusError as exc:
        _failed(tally, bar, str(exc))
        return
    if added:
        tally.stored += 1
        tally.events += len(coded.events)
        tally.withheld += coded.withheld
    else:
        tally.skipped += 1
    bar.advance(events=len(coded.events) if added else 0)


def _write(result: PartResult, store: Store, tally: Tally, bar: Bar, *, merge: bool) -> None:
    """Store a partition's articles in one transaction, each article alone undone if it fails."""
    for line in result.failures:
        _failed(tally, bar, line)
    tally.skipped += result.skipped
    bar.advance(result.skipped)
    done = Tally(tally.db)
    try:
        with store.batch(f"{result.part.label}: not stored"):
            for coded in result.coded:
                _store(store, coded, done, bar, merge=merge)
    except TacitusError as exc:  # the commit failed: none of the partition's articles stayed
        tally.failed += done.failed + done.stored
        tally.skipped += done.skipped
        bar.note(f"tacitus: {exc}; {plural(done.stored, 'article')} of it not stored")
        bar.advance(0, failures=done.stored)
        return
    for name in ("stored", "skipped", "failed", "events", "withheld"):
        setattr(tally, name, getattr(tally, name) + getattr(done, name))


def _code_here(parts: list[Partition], job: IngestJob, store: Store, tally: Tally, bar: Bar,
               res: Resources) -> None:
    # Checked as each partition is read, after the previous one is stored.
    stored = lambda _, a: store.has_article(a.id, content_hash(a.text))  # noqa: E731
    for part in parts:
        _write(code_partition(part, job.overrides, stored, job.settings, res), store, tally, bar, merge=True)


def _load_resources() -> Resources:
    # Through Pipeline, so that whoever shares a loaded Pipeline (the tests) shares it here.
    from tacitus.pipeline import Pipeline

    return Pipeline().resources or Resources.load()


@contextmanager
def _cluster(job: IngestJob, bar: Bar) -> Iterator:
    """A client of the job's cluster: a new LocalCluster, or the scheduler given."""
    from distributed import Client

    with ExitStack() as stack:
        if job.scheduler:
            try:
                client = Client(job.scheduler, timeout=CONNECT_TIMEOUT)
            except (OSError, TimeoutError, ValueError) as exc:
                raise TacitusError(f"{job.scheduler}: cannot reach a Dask scheduler there ({exc})") from None
        else:
            client = Client(stack.enter_context(local_cluster(job.workers)))
        stack.callback(client.close)
        yield _ready(client, job, bar)


def _ready(client, job: IngestJob, bar: Bar):
    """``client`` with the resources loaded on every worker, its workers and dashboard noted."""
    if not all(client.run(_has_resources).values()):  # a kept cluster has them already
        client.register_plugin(ResourcesPlugin())
    n = len(client.scheduler_info(n_workers=-1)["workers"])
    where = job.scheduler or "a local cluster"
    board = (client.dashboard_link if importlib.util.find_spec("bokeh")
             else "none (pip install bokeh for Dask's dashboard)")
    bar.note(f"tacitus: coding on {where} with {plural(n, 'worker')}; dashboard: {board}")
    return client


def _code_on_cluster(client, parts: list[Partition], job: IngestJob, store: Store, tally: Tally,
                     bar: Bar) -> None:
    """Into a store that holds articles, two tasks per partition: its article keys (cheap),
    then, once the writer has said which are stored, its coding. Into an empty store
    nothing is stored yet: each partition is coded at once, and an article given twice is
    stored once, the second skipped as it is written. A bounded number of partitions is
    in flight.

    The workers must never wait on the writer: a key task runs before a worker's queued
    coding (a higher priority), and the writer answers every key task that has finished
    before it stores a coded partition. Pending events are merged every ``REDUCE_EVERY``
    articles stored, and once every partition is handed out and a worker is idle, while the
    other workers code, so that the closing reduce is short."""
    from distributed import as_completed

    workers = _workers(client)
    limit = IN_FLIGHT_PER_WORKER * workers
    queue = iter(parts)
    handed_out = False  # every partition submitted: the queue is empty
    # Ids and text hashes of the articles being coded and not yet stored: a duplicate in
    # another partition in flight is not coded twice (once stored, has_article sees it).
    in_flight: set[str] = set()
    running = as_completed()
    meta: dict = {}
    unmerged = 0
    resuming = store.has_articles()

    def submit_next() -> None:
        nonlocal handed_out
        part = next(queue, None)
        handed_out = part is None
        if part is not None and not resuming:
            code(part, ())
        elif part is not None:
            future = client.submit(partition_keys, part, job.overrides, pure=False, priority=1)
            meta[future.key] = ("keys", part, ())
            running.add(future)

    def code(part: Partition, keys: tuple[tuple[str, str], ...]) -> None:
        skip: set[int] = set()
        sent: list[str] = []
        for n, key in enumerate(keys):
            if in_flight.intersection(key) or store.has_article(*key):
                skip.add(n)
            else:
                in_flight.update(key)
                sent.extend(key)
        coding = client.submit(code_partition, part, job.overrides, Positions(frozenset(skip)),
                               job.settings, pure=False)
        meta[coding.key] = ("code", part, tuple(sent))
        running.add(coding)

    for _ in range(limit):
        submit_next()
    for batch in running.batches():
        batch.sort(key=lambda f: meta[f.key][0] != "keys")  # answer the key tasks first
        for future in batch:
            stage, part, keys = meta.pop(future.key)
            in_flight.difference_update(keys)
            if future.status != "finished":
                _failed(tally, bar, f"{part.label}: not coded ({_why(future)})", max(part.articles, 1))
                submit_next()
            elif stage == "keys":
                code(part, future.result())
            else:
                before = tally.stored
                _write(future.result(), store, tally, bar, merge=False)
                unmerged += tally.stored - before
                submit_next()
            future.release()
        idle = handed_out and running.count() < workers  # a worker has nothing left to code
        if unmerged and (unmerged >= REDUCE_EVERY or idle) and not running.has_ready():
            merge_pending(store)
            unmerged = 0


def _workers(client) -> int:
    return max(1, len(client.scheduler_info(n_workers=-1)["workers"]))


def _has_resources(dask_worker) -> bool:
    plugin = dask_worker.plugins.get(PLUGIN)
    return plugin is not None and plugin.resources is not None


def _why(future) -> str:
    try:
        exc = future.exception()
    except Exception as err:  # noqa: BLE001 - a cancelled future raises here
        exc = err
    return f"{type(exc).__name__}: {exc}"
