"""The stages composed: Article → clean → context → places → mention → parse → assemble →
resolve → Events.

``code_batch`` codes a batch of articles and ``process_article`` one; the CLI, evaluation
and the benchmarks call them. Parsing is batched across the articles of a batch for speed.
What the article as a whole tells (its home country, its outlet) is read once here
(``article_context``) and handed to the stages that need it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import islice
from typing import Iterable, Iterator, Sequence

from tacitus.analyse import parse
from tacitus.assemble import assemble_explained, event_sentences
from tacitus.clean import clean
from tacitus.facts import ArticleContext, Facts, SentenceIndex
from tacitus.mention import read_mentions
from tacitus.places.choosing import article_country
from tacitus.places.resolving import geocode
from tacitus.resolve.acled_fields import fill_acled_fields
from tacitus.resolve.consolidate import consolidate
from tacitus.resolve.events import resolve_draft
from tacitus.resources import Resources
from tacitus.screen import Screen, screen_events
from tacitus.settings import Settings
from tacitus.types import Article, Event, Span


def process_article(article: Article, res: Resources, settings: Settings = Settings()) -> tuple[Event, ...]:
    """All events of one article (raw text in; it is cleaned here)."""
    return code_batch([article], res, settings)[0]


def article_context(article: Article, res: Resources) -> ArticleContext:
    """The article's home country and outlet. The home country is the one its dateline
    or outlet points to ("" when none does): "NAIROBI, March 3", "Daily Nation (Kenya)",
    an outlet named after its country ("Kenya Times"), or an outlet the data file knows
    ("The Star" → KE)."""
    return ArticleContext(home_country=_home_country(article, res), outlet=article.outlet)


def _home_country(article: Article, res: Resources) -> str:
    leading = " ".join(article.outlet.split()[:1])
    for text in (article.dateline, *re.findall(r"\(([^)]+)\)", article.outlet), leading):
        place = res.gazetteer.country(text.strip()) if text.strip() else None
        if place is not None:
            return place.country_code
    return (res.outlets.country_of(article.outlet) if article.outlet else None) or ""


def read_facts(article: Article, res: Resources, context: ArticleContext) -> tuple[Facts, ...]:
    """The places of a cleaned article, found and resolved (the home country a hint),
    then every sentence's mentions."""
    places = geocode(article.text, res.gazetteer, dateline=article.dateline,
                     home=context.home_country or None)
    return read_mentions(article, res, context, places)


@dataclass(frozen=True, slots=True)
class Explanation:
    """What the pipeline decided for one article: its events (withheld ones included when
    the settings show them, each with its ``trace`` and ``withheld`` reason) and the
    sentences with an event word that made no event, each with the rule that kept it out."""

    article: Article  # as cleaned: the spans index its text
    events: tuple[Event, ...]
    skipped: tuple[tuple[Span, str], ...]
    sentences: tuple[Span, ...] = ()  # every sentence, by index (a trace's "rule@N")


def code_batch(articles: Sequence[Article], res: Resources,
               settings: Settings = Settings()) -> list[tuple[Event, ...]]:
    """The events of each article, in order. The event sentences of all the articles go
    through the parser together: spaCy is about a quarter faster on big batches than
    on one article's few sentences at a time. The result is the same as one by one."""
    return [e.events for e in explain_batch(articles, res, settings)]


def explain_batch(articles: Sequence[Article], res: Resources,
                  settings: Settings = Settings()) -> list[Explanation]:
    """``code_batch`` with the decisions behind each article's events."""
    prepared: list[tuple[Article, ArticleContext, tuple[Facts, ...], list[int]] | Article] = []
    for article in articles:
        cleaned = clean(article)
        if not cleaned.text.strip():
            prepared.append(cleaned)  # nothing left to code
            continue
        context = article_context(cleaned, res)
        facts = read_facts(cleaned, res, context)
        prepared.append((cleaned, context, facts, event_sentences(facts) if res.nlp is not None else []))
    sentences = [p[2][i].sentence for p in prepared if isinstance(p, tuple) for i in p[3]]
    parsed = iter(parse(res.nlp, sentences) if sentences and res.nlp is not None else ())
    out: list[Explanation] = []
    for p in prepared:
        if isinstance(p, Article):
            out.append(Explanation(p, (), ()))
            continue
        cleaned, context, facts, wanted = p
        docs = {i: next(parsed) for i in wanted}
        out.append(_explained(cleaned, context, facts, docs, res, settings))
    return out


def _explained(article: Article, context: ArticleContext, facts: tuple[Facts, ...], docs, res: Resources,
               settings: Settings) -> Explanation:
    drafts, skipped = assemble_explained(facts, docs, article.published)
    places = tuple(p for f in facts for p in f.places)
    country = article_country(places, [a for f in facts for a in f.actors], context.home_country)
    layout = SentenceIndex.of(f.sentence for f in facts)  # the sentences as split once, for resolve
    events: list[Event] = []
    for n, draft in enumerate(drafts):
        events.extend(fill_acled_fields(e, draft, facts, article, res)
                      for e in resolve_draft(draft, article, places, res, n, country, layout))
    # What resolve already withheld is shown as it is; the rest is consolidated, then screened.
    kept = consolidate([e for e in events if not e.withheld])
    withheld = tuple(e for e in events if e.withheld)
    return Explanation(article, screen_events(kept + withheld, Screen(article, res.gazetteer, settings)),
                       tuple((facts[k.sentence].sentence.span, k.rule) for k in skipped),
                       tuple(f.sentence.span for f in facts))


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

    def explain(self, article: Article) -> Explanation:
        """The events of one article with every decision behind them (``Explanation``)."""
        return explain_batch([article], self._res(), self.settings)[0]
