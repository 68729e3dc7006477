"""One round of watching: fetch the due feeds, read their new items, code and store them
exactly as `tacitus ingest` does (tacitus.coding.store_coded), and keep each feed's state.

Network work runs in a small thread pool (one request at a time per host, see fetch.py);
everything that touches the store or the parser runs in the calling thread. A feed that
fails is reported and backed off; it never stops the others. A feed's validators are
saved only once every new item it gave is handled, so an item that could not be read
now (a page that timed out, an interrupted round) is fetched again next round rather
than hidden behind a 304.
"""
from __future__ import annotations

import datetime as dt
import threading
from concurrent.futures import Future, ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field, replace
from typing import Callable, Literal, Sequence

from tacitus.coding import store_coded
from tacitus.errors import InputError
from tacitus.ingest.decode import decode
from tacitus.ingest.feed import FeedItem, feed_items
from tacitus.pipeline import Pipeline
from tacitus.resources import Resources
from tacitus.store import Store
from tacitus.store.feeds import FeedState
from tacitus.watch.feedlist import FeedSource
from tacitus.watch.fetch import Fetched, Fetcher
from tacitus.watch.items import SUMMARY_WORDS, ItemResult, item_article, item_key, wants_page
from tacitus.watch.policy import Backoff, is_due, later, stamp


@dataclass(frozen=True, slots=True)
class WatchSettings:
    backoff: Backoff = Backoff()
    workers: int = 4  # feeds fetched at once (never two at once from one host)
    summary_words: int = SUMMARY_WORDS


@dataclass(frozen=True, slots=True)
class FeedReport:
    """What one round did with one feed."""

    url: str
    outcome: Literal["read", "not_modified", "failed", "waiting", "interrupted"]
    reason: str = ""
    new_items: int = 0
    stored: int = 0
    events: int = 0
    problems: tuple[str, ...] = ()  # items not read, each "where: why"


@dataclass(frozen=True, slots=True)
class RoundReport:
    feeds: tuple[FeedReport, ...]
    interrupted: bool = False

    def count(self, outcome: str) -> int:
        return sum(1 for f in self.feeds if f.outcome == outcome)

    @property
    def stored(self) -> int:
        return sum(f.stored for f in self.feeds)

    @property
    def events(self) -> int:
        return sum(f.events for f in self.feeds)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


@dataclass
class Watcher:
    """Keeps ``store`` current from feeds; ``run_round`` does one round."""

    store: Store
    pipeline: Pipeline
    fetcher: Fetcher
    settings: WatchSettings = WatchSettings()
    stop: threading.Event = field(default_factory=threading.Event)
    clock: Callable[[], dt.datetime] = _now
    _pipelines: dict[tuple[str, str], Pipeline] = field(default_factory=dict, init=False)

    def run_round(self, sources: Sequence[FeedSource]) -> RoundReport:
        """Fetch every due feed once; store what is new. Returns what happened to each."""
        now = self.clock()
        states = self.store.feed_states()
        reports: list[FeedReport] = []
        due = []
        for source in sources:
            state = states.get(source.url)
            if state is None or is_due(state, now):
                due.append(source)
            else:
                reports.append(FeedReport(source.url, "waiting", f"backing off until {state.next_attempt}"))
        workers = max(1, self.settings.workers)
        # Pages have a pool of their own: they are not queued behind the other feeds.
        with ThreadPoolExecutor(workers, "tacitus-feed") as pool, ThreadPoolExecutor(workers, "tacitus-page") as pages:
            futures = {pool.submit(self._fetch_feed, s, states.get(s.url)): s for s in due}
            for future in as_completed(futures):
                source = futures[future]
                if self.stop.is_set():
                    break
                reports.append(self._handle(source, states.get(source.url) or FeedState(source.url),
                                            future.result(), pages))
            if self.stop.is_set():
                for future in futures:
                    future.cancel()
        done = {r.url for r in reports}
        reports += [FeedReport(s.url, "interrupted", "stopped before this feed") for s in due if s.url not in done]
        order = {s.url: n for n, s in enumerate(sources)}
        return RoundReport(tuple(sorted(reports, key=lambda r: order[r.url])), self.stop.is_set())

    def _fetch_feed(self, source: FeedSource, state: FeedState | None) -> Fetched:
        if self.stop.is_set():
            return Fetched(source.url, "deferred", reason="stopped")
        return self.fetcher.get(source.url, state.etag if state else "", state.last_modified if state else "")

    def _handle(self, source: FeedSource, state: FeedState, fetched: Fetched, pool: ThreadPoolExecutor) -> FeedReport:
        now = self.clock()
        state = replace(state, outlet=source.outlet, country=source.country)
        if fetched.outcome == "deferred":
            self.store.save_feed_state(replace(state, next_attempt=later(now, fetched.retry_after or 0)))
            return FeedReport(source.url, "waiting", fetched.reason)
        tried = replace(state, last_attempt=stamp(now), last_status=fetched.status or None)
        if fetched.outcome == "failed":
            return self._failed(source, tried, fetched.reason, fetched.retry_after, now)
        healthy = replace(tried, last_success=stamp(now), last_error="", failures=0, next_attempt=None)
        if fetched.outcome == "not_modified":
            self.store.save_feed_state(healthy)
            return FeedReport(source.url, "not_modified")
        try:
            items = list(feed_items(decode(fetched.body, source.url), source.url))
        except InputError as exc:
            return self._failed(source, tried, exc.reason, None, now)
        if not items:
            return self._failed(source, tried, "feed has no items", None, now)
        return self._read_items(source, healthy, fetched, items, pool)

    def _failed(self, source: FeedSource, state: FeedState, reason: str, retry_after: float | None,
                now: dt.datetime) -> FeedReport:
        failures = state.failures + 1
        wait = self.settings.backoff.delay(failures, retry_after)
        self.store.save_feed_state(replace(state, last_error=reason, failures=failures, next_attempt=later(now, wait)))
        return FeedReport(source.url, "failed", reason)

    def _read_items(self, source: FeedSource, state: FeedState, fetched: Fetched, items: list[FeedItem],
                    pool: ThreadPoolExecutor) -> FeedReport:
        store, at = self.store, stamp(self.clock())
        fresh: list[FeedItem] = []
        for item in items:
            key = item_key(item)
            if store.knows_item(source.url, key, item.id, item.url):
                continue
            if any(item_key(f) == key for f in fresh):
                continue  # the same item twice in one feed
            fresh.append(item)
        pages: dict[int, Future[Fetched]] = {
            n: pool.submit(self._page, item.url) for n, item in enumerate(fresh)
            if wants_page(item, self.settings.summary_words)}
        results = [item_article(item, source, pages[n].result() if n in pages else None)
                   for n, item in enumerate(fresh)]
        problems = [f"{source.url}#{r.key}: {r.pending}" for r in results if r.pending]
        seen = 0
        for r in results:
            if r.refused:
                store.record_item(source.url, r.key, "refused", reason=r.refused, at=at)
                problems.append(f"{source.url}#{r.key}: {r.refused}")
                seen += 1
        stored, events, handled, coding_problems = self._store([r for r in results if r.article], source, at)
        problems += coding_problems
        seen += handled
        complete = seen == len(fresh) and not self.stop.is_set()
        # Validators only when every new item is handled: otherwise a 304 would hide the rest.
        etag, last_modified = (fetched.etag, fetched.last_modified) if complete else ("", "")
        store.save_feed_state(replace(state, etag=etag, last_modified=last_modified, items_seen=state.items_seen + seen,
                                      articles_stored=state.articles_stored + stored))
        outcome: Literal["read", "interrupted"] = "read" if complete or not self.stop.is_set() else "interrupted"
        return FeedReport(source.url, outcome, "", len(fresh), stored, events, tuple(problems))

    def _page(self, url: str) -> Fetched:
        if self.stop.is_set():
            return Fetched(url, "deferred", reason="stopped")
        return self.fetcher.get(url)

    def _store(self, results: list[ItemResult], source: FeedSource, at: str) -> tuple[int, int, int, list[str]]:
        """Code and store the items' articles; (stored, events, items handled, problems)."""
        keys = {id(r.article): r.key for r in results}
        stored = events = handled = 0
        problems: list[str] = []
        by_pipeline: dict[tuple[str, str], list] = {}
        for r in results:
            assert r.article is not None  # the caller passes only the items with an article
            by_pipeline.setdefault((r.article.outlet, source.country), []).append(r.article)
        for (outlet, country), articles in by_pipeline.items():
            for outcome in store_coded(articles, self._pipeline(outlet, country), self.store, self.stop.is_set):
                key = keys[id(outcome.item)]
                if outcome.status == "failed":
                    problems.append(f"{source.url}#{key}: {outcome.problem}")
                    continue
                self.store.record_item(source.url, key, "stored" if outcome.status == "stored" else "known",
                                       article_id=getattr(outcome.item, "id", ""), at=at)
                handled += 1
                stored += outcome.status == "stored"
                events += outcome.events
            if self.stop.is_set():
                break
        return stored, events, handled, problems

    def _pipeline(self, outlet: str, country: str) -> Pipeline:
        """The pipeline, told that this outlet covers ``country`` when the feed list says so."""
        if not country or not outlet:
            return self.pipeline
        key = (outlet, country)
        if key not in self._pipelines:
            if self.pipeline.resources is None:
                self.pipeline.resources = Resources.load()
            res = self.pipeline.resources
            self._pipelines[key] = Pipeline(self.pipeline.settings,
                                            replace(res, outlets=res.outlets.with_country(outlet, country)))
        return self._pipelines[key]
