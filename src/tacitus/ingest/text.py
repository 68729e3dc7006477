"""Plain text to Article, and the publication-date reader every input kind shares."""
from __future__ import annotations

import datetime as dt
import email.utils
import hashlib
import re

from tacitus.errors import InputError
from tacitus.ingest.outlet import dateline_outlet
from tacitus.types import Article

# Formats seen in feeds, sitemaps and JSON dumps besides ISO 8601 and RFC 822.
_FORMATS = (
    "%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%d %B %Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y",
    "%B %d %Y", "%b %d %Y", "%d/%m/%Y", "%Y%m%d", "%A, %B %d, %Y", "%a, %d %b %Y",
    "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%d %B %Y %H:%M", "%B %d, %Y %H:%M",
)
_ZULU = re.compile(r"(?<=\d)[zZ]$")


def text_id(text: str) -> str:
    """A short stable id for a text without one: the first 16 hex digits of its sha256."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def parse_published(value: object) -> dt.date:
    """A publication date from a date, datetime or string (ISO 8601, RFC 822, common forms).

    Raises ValueError when the value is not a recognisable date; callers turn that into
    an InputError naming the article. Times are dropped: the date as written is kept,
    not converted to UTC, because the article's own day is what relative dates hang on.
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"not a date: {value!r}")
    raw = " ".join(value.split())
    try:
        return dt.datetime.fromisoformat(_ZULU.sub("+00:00", raw)).date()
    except ValueError:
        pass
    try:
        parsed = email.utils.parsedate_to_datetime(raw)
    except (TypeError, ValueError, IndexError):
        parsed = None
    if parsed is not None:
        return parsed.date()
    for fmt in _FORMATS:
        try:
            return dt.datetime.strptime(raw, fmt).date()
        except ValueError:
            continue
    raise ValueError(f"not a date: {value!r}")


def article_from_text(
    text: str,
    *,
    id: str | None = None,  # noqa: A002 - the input's own field name
    url: str = "",
    outlet: str = "",
    published: dt.date | dt.datetime | str | None = None,
    title: str = "",
    origin: str = "",
) -> Article:
    """An Article from text and what is known about it.

    The id is the given one, else a hash of the text. Without an outlet, the outlet the
    dateline names ("(Reuters) -", "– AFP –") is taken. `published` may be a date, a
    datetime or a string; an unreadable one, or a text with nothing in it, raises an
    InputError naming `origin`.
    """
    where = origin or "<text>"
    if not isinstance(text, str) or not text.strip():
        raise InputError(where, "empty input")
    day: dt.date | None = None
    if published is not None and published != "":
        try:
            day = parse_published(published)
        except ValueError:
            raise InputError(where, f"unreadable publication date {published!r}") from None
    return Article(
        id=str(id) if id not in (None, "") else text_id(text),
        text=text,
        url=url or "",
        outlet=outlet or dateline_outlet(text),
        published=day,
        title=" ".join((title or "").split()),
        origin=origin,
    )
