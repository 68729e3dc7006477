"""The stages composed: Article → clean → mention → parse → assemble → resolve → Events.

``process_article`` is the one per-article function; batches, the CLI, evaluation and
(later) Dask shards all call it. Parsing is batched across articles for speed.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Iterator

from tacitus.analyse import parse
from tacitus.assemble import assemble, event_sentences
from tacitus.clean import clean
from tacitus.mention import Facts, read_mentions
from tacitus.resolve.consolidate import consolidate
from tacitus.resolve.events import article_country, resolve_draft
from tacitus.resources import Resources
from tacitus.settings import Settings
from tacitus.types import Article, Event


def process_article(article: Article, res: Resources, settings: Settings = Settings()) -> tuple[Event, ...]:
    """All events of one article (raw text in; it is cleaned here)."""
    cleaned = clean(article)
    if not cleaned.text.strip():
        return ()
    facts = read_mentions(cleaned, res)
    docs = {}
    if res.nlp is not None:
        wanted = event_sentences(facts)
        parsed = parse(res.nlp, [facts[i].sentence for i in wanted])
        docs = dict(zip(wanted, parsed))
    return _events(cleaned, facts, docs, res, settings)


def _events(article: Article, facts: tuple[Facts, ...], docs, res: Resources, settings: Settings):
    drafts = assemble(facts, docs, article.published)
    places = tuple(p for f in facts for p in f.places)
    country = article_country(article, places, [a for f in facts for a in f.actors], res)
    events: list[Event] = []
    for n, draft in enumerate(drafts):
        events.extend(resolve_draft(draft, article, places, res, n, country))
    events = list(consolidate(events))
    if not settings.show_withheld:
        events = [e for e in events if e.confidence >= settings.min_confidence]
    return tuple(events)


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

    def code_many(self, articles: Iterable[Article]) -> Iterator[tuple[Event, ...]]:
        """The events of each article, in order (one tuple per article)."""
        res = self._res()
        for article in articles:
            yield process_article(article, res, self.settings)
