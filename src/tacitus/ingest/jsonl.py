"""JSONL of articles: one JSON object a line, `text` required, the rest optional."""
from __future__ import annotations

import json
from collections.abc import Iterator

from tacitus.errors import InputError
from tacitus.types import Article

from tacitus.ingest.text import article_from_text

_FIELDS = ("id", "url", "outlet", "published", "title")


def jsonl_articles(
    text: str, origin: str, defaults: dict[str, object]
) -> Iterator[Article | InputError]:
    """One Article per non-blank line of `text`; a bad line yields an InputError for it alone.

    `defaults` fill fields a line leaves out or empty (the command line's outlet, ...);
    a line's own values win, since each line is its own article.
    """
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        yield line_article(line, f"{origin}:{number}", defaults)


def line_article(line: str, where: str, defaults: dict[str, object]) -> Article | InputError:
    """One JSONL line (named `where` in errors) as an Article, or the InputError saying why not."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return InputError(where, f"line is not valid JSON ({exc.msg})")
    except RecursionError:
        return InputError(where, "line nests JSON too deeply to read")
    if not isinstance(record, dict):
        return InputError(where, "line is not a JSON object")
    return record_article(record, where, defaults)


def record_article(
    record: dict[str, object], where: str, defaults: dict[str, object]
) -> Article | InputError:
    """One article record (a JSONL line's object, a Parquet row) as an Article, or the
    InputError saying why not."""
    body = record.get("text")
    if not isinstance(body, str):
        return InputError(where, 'no "text" field' if body is None else '"text" is not a string')
    fields: dict[str, str | None] = {}
    published: object = None  # any JSON value; article_from_text names a bad one
    for name in _FIELDS:
        value = record.get(name)
        if value is None or value == "":
            value = defaults.get(name)
        if name == "published":
            published = value
        else:
            fields[name] = value if value is None or isinstance(value, str) else str(value)
    try:
        return article_from_text(
            body,
            id=fields["id"],
            url=fields["url"] or "",
            outlet=fields["outlet"] or "",
            published=published,
            title=fields["title"] or "",
            origin=where,
        )
    except InputError as exc:
        return exc
