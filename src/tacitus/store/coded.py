"""The article as coded: the cleaned title and text that every evidence span of its
events points into, kept with the article (schema version 6, ``coded_articles``).

The writer keeps it (``keep``) in the transaction that stores the article and its
events: the text the pipeline cleaned when coding it, handed over with the events, or
the article cleaned again as the pipeline did when none is given; the web
page reads it back (``read``) and never cleans an article itself, so a cleaner changed
since cannot move the words under the highlights.

An article stored before version 6 has no such text. When a writer upgrades the
database, ``backfill`` cleans each such article once and keeps the result only when
every evidence span of its events reads the same words at its offsets: that text is then
provably the one the spans index. An article whose spans disagree (the cleaner changed
since it was coded) or that has no spans keeps none, and the page shows its text as
ingested, saying the highlights cannot be placed.
"""
from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Iterator

from tacitus.clean import clean
from tacitus.store.rows import article_from_row, event_from_row
from tacitus.types import Article, Span

if TYPE_CHECKING:
    from tacitus.store.base import Connection

CODED_SINCE = 6  # the schema version that added coded_articles
_BACKFILL_BATCH = 500  # articles read at a time when an older database is upgraded


def keep(conn: Connection, article: Article, cleaned: Article | None = None) -> None:
    """Store the article's cleaned title and text (inside the caller's transaction):
    ``cleaned`` as the pipeline handed it over with the events (a writer fed by Dask
    workers would otherwise clean every article again, a third of its time), else
    cleaned here."""
    if cleaned is not None and cleaned.id != article.id:
        raise ValueError(f"the cleaned text of {cleaned.id!r} given for article {article.id!r}")
    _insert(conn, article.id, cleaned if cleaned is not None else clean(article))


def read(conn: Connection, article: Article, version: int) -> Article | None:
    """``article`` with the title and text its events were coded from, or None when none
    was kept (stored before version 6 and not vouched for, or a database not upgraded)."""
    if version < CODED_SINCE:
        return None
    rows = conn.execute("SELECT title, text FROM coded_articles WHERE article_id = ?", (article.id,))
    return dataclasses.replace(article, title=rows[0]["title"], text=rows[0]["text"]) if rows else None


def backfill(conn: Connection) -> int:
    """Keep the cleaned text of each article stored before version 6 whose evidence spans
    all read the same words in it; returns how many were kept. Runs inside the upgrade's
    transaction, a batch of articles at a time."""
    kept = 0
    after = ""
    while rows := conn.execute("SELECT * FROM articles WHERE id > ? ORDER BY id LIMIT ?",
                               (after, _BACKFILL_BATCH)):
        for row in rows:
            article = article_from_row(row)
            spans = list(_evidence(conn, article.id))
            coded = clean(article)
            if spans and all(coded.text[s.start:s.end] == s.text for s in spans):
                _insert(conn, article.id, coded)
                kept += 1
        after = rows[-1]["id"]
    return kept


def _evidence(conn: Connection, article_id: str) -> Iterator[Span]:
    """Every evidence span of the article's events: each field's, and each source's."""
    for row in conn.execute("SELECT * FROM events WHERE article_id = ?", (article_id,)):
        event = event_from_row(row)
        yield from (span for spans in event.evidence.values() for span in spans)
        yield from (s.evidence for s in event.sources_detail if s.evidence is not None)


def _insert(conn: Connection, article_id: str, coded: Article) -> None:
    conn.execute("INSERT INTO coded_articles (article_id, title, text) VALUES (?, ?, ?)",
                 (article_id, coded.title, coded.text))
