"""Ingest: every input kind (plain text, HTML, RSS/Atom, JSONL) to Article.

    >>> from tacitus.ingest import read_inputs, Overrides
    >>> for item in read_inputs(["news/"], Overrides(outlet="Example Wire")): ...
"""
from __future__ import annotations

from tacitus.ingest.detect import detect_kind
from tacitus.ingest.read import Overrides, read_articles, read_inputs
from tacitus.ingest.text import article_from_text, parse_published, text_id

__all__ = [
    "Overrides",
    "article_from_text",
    "detect_kind",
    "parse_published",
    "read_articles",
    "read_inputs",
    "text_id",
]
