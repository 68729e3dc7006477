"""The stages composed: Article → clean → mention → parse → assemble → resolve → Events.

``code_batch`` codes a batch of articles and ``process_article`` one; the CLI, evaluation
and the benchmarks call them. Parsing is batched across the articles of a batch for speed.
"""
from __future__ import annotations

from dataclasses import dataclass
from itertools import islice
from typing import Iterable, Iterator, Sequence

from tacitus.analyse import parse
from tacitus.assemble import assemble, event_sentences
from tacitus.clean import clean
from tacitus.mention import Facts, read_mentions
from tacitus.resolve.consolidate import consolidate
from tacitus.resolve.events import article_country, resolve_draft
from tacitus.resources import Resources
from tacitus.screen import Screen, screen_events
from tacitus.settings import Settings
from tacitus.types import Article, Event


def process_article(article: Article, res: Resources, settings: Settings = Settings()) -> tuple[Event, ...]:
    """All events of one article (raw text in; it is cleaned here)."""
    return code_batch([article], res, settings)[0]


def code_batch(articles: Sequence[Article], res: Resources,
               settings: Settings = Settings()) -> list[tuple[Event, ...]]:
    """The events of each article, in order. The event sentences of all the articles go
    through the parser together: spaCy is about a quarter faster on big batches than
    on one article's few sentences at a time. The result is the same as one by one."""
    prepared: list[tuple[Article, tuple[Facts, ...], list[int]] | None] = []
    for article in articles:
        cleaned = clean(article)
        if not cleaned.text.strip():
            prepared.append(None)
            continue
        facts = read_mentions(cleaned, res)
        prepared.append((cleaned, facts, event_sentences(facts) if res.nlp is not None else []))
    sentences = [p[1][i].sentence for p in prepared if p is not None for i in p[2]]
    parsed = iter(parse(res.nlp, sentences) if sentences else ())
    out: list[tuple[Event, ...]] = []
    for p in prepared:
        if p is None:
            out.append(())
            continue
        cleaned, facts, wanted = p
        docs = {i: next(parsed) for i in wanted}
        out.append(_events(cleaned, facts, docs, res, settings))
    return out


def _events(article: Article, facts: tuple[Facts, ...], docs, res: Resources, settings: Settings):
    drafts = assemble(facts, docs, article.published)
    places = tuple(p for f in facts for p in f.places)
    country = article_country(article, places, [a for f in facts for a in f.actors], res)
    events: list[Event] = []
    for n, draft in enumerate(drafts):
        events.extend(resolve_draft(draft, article, places, res, n, country))
    return screen_events(consolidate(events), Screen(article, res.gazetteer, settings))


BATCH_SIZE = 32  # articles parsed together (about 300 event sentences)


@dataclass
class Pipeline:
    """The public entry point: ``Pipeline().code(article)`` → events.

    Resources (parser, gazetteer, dictionaries) load on first use and are shared.
    """

    settings: Settings = Settings()
    resources: Resources | None = None

    def _res(self) -> Resources:
        if self.resources is None:
            self.resources = Resources.load()
        return self.resources

    def code(self, article: Article) -> tuple[Event, ...]:
        """The events of one article."""
        return process_article(article, self._res(), self.settings)

    def code_many(self, articles: Iterable[Article], batch_size: int = BATCH_SIZE
                  ) -> Iterator[tuple[Event, ...]]:
        """The events of each article, in order (one tuple per article), parsed in
        batches of ``batch_size`` articles."""
        res = self._res()
        feed = iter(articles)
        while chunk := list(islice(feed, batch_size)):
            yield from code_batch(chunk, res, self.settings)

    def code_batch(self, articles: Sequence[Article]) -> list[tuple[Event, ...]]:
        """The events of each of these articles, parsed together."""
        return code_batch(articles, self._res(), self.settings)
