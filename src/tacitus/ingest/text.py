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
# RFC 822's year as written: email.utils reads "0001" and "0025" as 2001 and 2025.
_RFC822_YEAR = re.compile(r"\b\d{1,2}\s+[A-Za-z]{3,}\.?\s+(\d{3,4})\b")
# Publication dates outside these are a broken feed or field, never an article's own day.
EARLIEST_PUBLISHED = dt.date(1900, 1, 1)
FUTURE_SLACK = dt.timedelta(days=2)  # time zones and feeds stamped a little ahead
# Longest article text coded, in characters (about 1 MB): coding time grows with the
# text, and no news article is longer; a bigger one is refused by name.
MAX_TEXT_CHARS = 1_000_000
# What an article's strings must not carry: NUL (PostgreSQL refuses it in text) and
# lone UTF-16 surrogates (from JSON "\ud800" escapes; they cannot be encoded).
_NUL = "\x00"
_SURROGATE = re.compile("[\ud800-\udfff]")


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
    except (TypeError, ValueError, IndexError, OverflowError):
        parsed = None
    if parsed is not None:
        written = _RFC822_YEAR.search(raw)
        if written and int(written.group(1)) != parsed.year:
            return dt.date(int(written.group(1)) or 1, parsed.month, parsed.day)
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
    published: object = None,  # a date, datetime or string; anything else is an InputError
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
    text = safe_text(text)
    if len(text) > MAX_TEXT_CHARS:
        raise InputError(where, f"article text of {len(text):,} characters is over the limit of "
                                f"{MAX_TEXT_CHARS:,}; split it into articles")
    day: dt.date | None = None
    if published is not None and published != "":
        try:
            day = parse_published(published)
        except (ValueError, OverflowError):
            raise InputError(where, f"unreadable publication date {published!r}") from None
        problem = implausible_published(day)
        if problem:
            raise InputError(where, problem)
    return Article(
        id=safe_text(str(id)) if id not in (None, "") else text_id(text),
        text=text,
        url=safe_text(url or ""),
        outlet=safe_text(outlet or dateline_outlet(text)),
        published=day,
        title=" ".join(safe_text(title or "").split()),
        origin=origin,
    )


def implausible_published(day: dt.date, today: dt.date | None = None) -> str | None:
    """Why a publication date cannot be an article's (before 1900; with ``today``, days
    ahead of it), or None when it can. Articles made in code may carry any later date
    (tests, simulations); what is read from a source is checked against today."""
    if day < EARLIEST_PUBLISHED:
        return f"publication date {day.isoformat()} is before {EARLIEST_PUBLISHED.year}"
    if today is not None and day > today + FUTURE_SLACK:
        return f"publication date {day.isoformat()} is in the future"
    return None


def safe_text(value: str) -> str:
    """``value`` without NUL characters and with lone surrogates as U+FFFD, so every
    back end stores it the same and it can be encoded."""
    if _NUL in value:
        value = value.replace(_NUL, "")
    return _SURROGATE.sub("\ufffd", value)
