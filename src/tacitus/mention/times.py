"""Time expressions in a sentence, resolved against the publication date.

dateparser reads "one day after" as publication + 1 and gives nothing for "earlier
this week", so the forms news uses are read by rules here: explicit dates, weekdays,
yesterday/last night, weeks and months, and "N days after/before" another event.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata

from tacitus.facts import TimeMention
from tacitus.lexicon import CARDINALS, MONTHS
from tacitus.prefilter import Prefilter
from tacitus.types import Span


def _plain(word: str) -> str:
    """A matched month or weekday as its table writes it: the caseless patterns also match
    compatibility letters ("ſunday" with a long s, a Kelvin sign), which NFKC folds back."""
    return unicodedata.normalize("NFKC", word).lower()


_MONTHS = MONTHS
_WEEKDAYS = {d: i for i, d in enumerate(
    ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])}
# The lookahead on the names' first letters changes no match; it lets the engine leave a
# position after one character test instead of trying the 24 names there (the "md"
# patterns, which open with a month, ran twice as fast on news).
_MONTH = "(?=[" + "".join(sorted({m[0] for m in _MONTHS})) + "])" \
    r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
# Beyond ACLED's three time precisions: known only to the year.
YEAR_PRECISION = 4
_NUMBER_WORDS = {"a": 1, "an": 1, **CARDINALS}
_N = r"(?P<n>\d{1,2}|" + "|".join(_NUMBER_WORDS) + ")"

# Order matters: the first pattern that covers a stretch of text wins.
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern, re.IGNORECASE))
    for kind, pattern in [
        ("iso", r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b"),
        # a span of days is dated by its first day, as ACLED dates it: "15-16 January"
        ("dmy", rf"\b{_DAY}\s*(?:-|–|to|and)\s*[0-3]?\d(?:st|nd|rd|th)?(?:\s+of)?\s+{_MONTH},?\s+{_YEAR}\b"),
        ("dm", rf"\b{_DAY}\s*(?:-|–|to|and)\s*[0-3]?\d(?:st|nd|rd|th)?(?:\s+of)?\s+{_MONTH}\b(?!\s*(?:19|20)\d\d)"),
        ("md", rf"\b{_MONTH}\s+{_DAY}\s*(?:-|–|to|and)\s*[0-3]?\d(?:st|nd|rd|th)?\b(?!\s*,?\s*(?:19|20)\d\d)(?![\d:])"),
        ("dmy", rf"\b{_DAY}(?:\s+of)?\s+{_MONTH},?\s+{_YEAR}\b"),
        ("mdy", rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b"),
        ("dm", rf"\b{_DAY}(?:\s+of)?\s+{_MONTH}\b(?!\s*(?:19|20)\d\d)"),
        ("md", rf"\b{_MONTH}\s+{_DAY}\b(?!\s*,?\s*(?:19|20)\d\d)(?![\d:])"),
        ("month_year", rf"\b(?:in|during|since|of|early|late|mid-?)\s+{_MONTH}\s+{_YEAR}\b"),
        ("month", rf"\b(?:in|during|early|late|mid-?)\s+{_MONTH}\b(?!\s+[0-3]?\d\b)"),
        # a year alone, only ever to tell an older event: "in 2008", "the 2011 uprising"
        ("year", r"\b(?:in|since|during|until|by|of|the|a|its|their|his|her)\s+(?:early\s+|late\s+|mid-?)?"
                 r"(?P<year>1[5-9]\d\d|20\d\d)\b(?![-–/]\d|,?\s+\d)"),
        ("lastyear", r"\b(?:last|past|previous)\s+year\b|\ba\s+year\s+ago\b"),
        ("ago", rf"\b{_N}\s+(?P<unit>months?|years?)\s+ago\b"),
        ("offset", rf"\b(?:just\s+|only\s+)?{_N}\s+(?P<unit>days?|weeks?)\s+(?P<dir>after|before|later|earlier|ago)\b"),
        ("weekday", r"\b(?:(?P<rel>last|this|past|late|early|on)\s+)?(?P<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?:\s+(?:morning|afternoon|evening|night))?\b"),
        ("yesterday", r"\b(?:yesterday|last night|the previous day|the day before)\b"),
        ("sameday", r"\b(?:on\s+)?(?:the|that)\s+same\s+day\b"),
        ("nextday", r"\b(?:on\s+)?the\s+(?:next|following)\s+day\b"),
        ("today", r"\b(?:today|this morning|this afternoon|this evening|tonight|earlier today)\b"),
        ("weekend", r"\b(?:over|during|at)\s+the\s+(?:past\s+|last\s+)?weekend\b|\blast\s+weekend\b"),
        ("week", r"\b(?:earlier\s+this\s+week|this\s+week|last\s+week|the\s+past\s+week|the\s+previous\s+week)\b"),
        ("monthrel", r"\b(?:earlier\s+this\s+month|this\s+month|last\s+month|the\s+past\s+month|the\s+previous\s+month)\b"),
    ]
)


# Of the patterns above, those a sentence may match, from one scan for the words each needs
# (a month name, "week", "yesterday"...: derived from the patterns, tacitus.prefilter).
_MAY_MATCH = Prefilter.anywhere(dict(enumerate(pattern for _, pattern in _PATTERNS)))


def read_times(sentence: str, offset: int, published: dt.date | None) -> tuple[TimeMention, ...]:
    """Time expressions in ``sentence`` (starting at ``offset`` in the article)."""
    wanted = _MAY_MATCH.candidates(sentence, sentence.lower())
    if not wanted:
        return ()  # no time word: most sentences, skipped in one scan
    taken: list[tuple[int, int]] = []
    found: list[TimeMention] = []
    for n, (kind, pattern) in enumerate(_PATTERNS):
        if n not in wanted:
            continue
        for m in pattern.finditer(sentence):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            mention = _resolve(kind, m, published)
            if mention is None:
                continue
            taken.append((m.start(), m.end()))
            date, precision, days, mkind = mention
            text = m.group()
            found.append(TimeMention(Span(offset + m.start(), offset + m.end(), text),
                                     mkind, date, precision, days))
    return tuple(sorted(found, key=lambda t: t.span.start))


def _resolve(kind: str, m: re.Match[str], published: dt.date | None):
    """(date, precision, days, kind) for one match, or None when it is not a date."""
    g = m.groupdict()
    if kind in {"iso", "dmy", "mdy", "dm", "md"}:
        month = int(g["month"]) if kind == "iso" else _MONTHS[_plain(g["month"])]
        day = int(g["day"])
        year = int(g["year"]) if g.get("year") else _year_before(published, month, day)
        if year is None:
            return None
        try:
            return dt.date(year, month, day), 1, 0, "date"
        except ValueError:
            return None
    if kind in {"month_year", "month"}:
        month = _MONTHS[_plain(g["month"])]
        if g["month"].lower() == "may" and kind == "month":
            return None  # "in may" is too often the verb
        year = int(g["year"]) if g.get("year") else _year_before(published, month, 1)
        return (dt.date(year, month, 1), 3, 0, "date") if year else None
    if published is None:
        return None
    if kind in {"year", "lastyear"}:
        # Dated to the year's last day, the latest it can be, at precision 4 (a year:
        # never codable, so its events are withheld); this year's events stay undated here.
        year = int(g["year"]) if kind == "year" else published.year - 1
        return (dt.date(year, 12, 31), YEAR_PRECISION, 0, "date") if year < published.year else None
    if kind == "ago":
        n = g["n"].lower()
        count = int(n) if n.isdigit() else _NUMBER_WORDS[n]
        days = count * (365 if g["unit"].lower().startswith("year") else 30)
        return published - dt.timedelta(days=days), 3 if g["unit"].lower().startswith("month") \
            else YEAR_PRECISION, 0, "date"
    if kind in {"sameday", "nextday"}:
        # "on the same day", "the next day": relative to the event just told
        return None, 1, 0 if kind == "sameday" else 1, "offset"
    if kind == "offset":
        n = g["n"].lower()
        days = int(n) if n.isdigit() else _NUMBER_WORDS[n]
        if g["unit"].lower().startswith("week"):
            days *= 7
        direction = g["dir"].lower()
        if direction == "ago":
            return published - dt.timedelta(days=days), 1 if days < 7 else 2, 0, "date"
        sign = 1 if direction in {"after", "later"} else -1
        return None, 1, sign * days, "offset"
    if kind == "weekday":
        wd = _WEEKDAYS[_plain(g["weekday"])]
        back = (published.weekday() - wd) % 7
        if (g.get("rel") or "").lower() in {"last", "past"} and back == 0:
            back = 7
        return published - dt.timedelta(days=back), 1, 0, "date"
    if kind == "yesterday":
        return published - dt.timedelta(days=1), 1, 0, "date"
    if kind == "today":
        return published, 1, 0, "date"
    if kind == "weekend":
        back = (published.weekday() - 5) % 7  # the latest Saturday
        return published - dt.timedelta(days=back), 2, 0, "date"
    if kind == "week":
        text = m.group().lower()
        if "last" in text or "previous" in text or "past" in text:
            start = published - dt.timedelta(days=published.weekday() + 7)
        else:
            start = published - dt.timedelta(days=published.weekday())
        return min(start, published), 2, 0, "date"
    if kind == "monthrel":
        text = m.group().lower()
        first = published.replace(day=1)
        if "last" in text or "previous" in text or "past" in text:
            first = (first - dt.timedelta(days=1)).replace(day=1)
        return first, 3, 0, "date"
    return None


def _year_before(published: dt.date | None, month: int, day: int) -> int | None:
    """The year that puts day/month on or before publication (events precede reports)."""
    if published is None:
        return None
    try:
        candidate = dt.date(published.year, month, day)
    except ValueError:
        return None
    return published.year if candidate <= published else published.year - 1
