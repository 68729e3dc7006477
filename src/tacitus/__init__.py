"""Tacitus: conflict news in, auditable ACLED-style event data out.

    import tacitus
    pipeline = tacitus.Pipeline()
    for article in tacitus.read_articles(["report.txt"]):
        for event in pipeline.code(article):
            print(tacitus.event_row(event))

Names are imported lazily (PEP 562) so that ``import tacitus`` stays cheap: the parser
and gazetteer load only when a Pipeline first codes an article.
"""
from __future__ import annotations

from importlib import import_module
from typing import Any

__all__ = [
    "ACLED_COLUMNS",
    "Article",
    "Event",
    "InputError",
    "Overrides",
    "Pipeline",
    "Settings",
    "SourceDetail",
    "Span",
    "TacitusError",
    "article_from_text",
    "event_row",
    "process_article",
    "read_articles",
    "read_inputs",
]

_WHERE = {
    "ACLED_COLUMNS": "tacitus.types",
    "Article": "tacitus.types",
    "Event": "tacitus.types",
    "SourceDetail": "tacitus.types",
    "Span": "tacitus.types",
    "InputError": "tacitus.errors",
    "TacitusError": "tacitus.errors",
    "Overrides": "tacitus.ingest",
    "article_from_text": "tacitus.ingest",
    "read_articles": "tacitus.ingest",
    "read_inputs": "tacitus.ingest",
    "Pipeline": "tacitus.pipeline",
    "process_article": "tacitus.pipeline",
    "Settings": "tacitus.settings",
    "event_row": "tacitus.export",
}


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        return getattr(import_module(_WHERE[name]), name)
    raise AttributeError(f"module 'tacitus' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
