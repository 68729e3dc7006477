"""Read-only lexicons loaded from data files: cue phrases and number words.

Loaded once (``Lexicon.load()``) and shared; nothing here changes after loading.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from types import MappingProxyType
from typing import Mapping

from tacitus.errors import ResourceError


def data_text(name: str) -> str:
    """The text of a bundled data file, or a ResourceError naming it."""
    try:
        return resources.files("tacitus").joinpath("data").joinpath(name).read_text(encoding="utf-8")
    except (FileNotFoundError, UnicodeDecodeError) as exc:
        raise ResourceError(f"bundled data file data/{name} is missing or unreadable: {exc}") from exc


def data_rows(name: str) -> list[list[str]]:
    """Tab-separated rows of a data file, comments and blank lines skipped."""
    rows = []
    for line in data_text(name).splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append(line.split("\t"))
    return rows


@dataclass(frozen=True, slots=True)
class Quantity:
    value: int
    kind: str  # "exact", "vague" or "article"


@dataclass(frozen=True, slots=True)
class PersonNouns:
    """Nouns for people (data/person_nouns.tsv); ``civilian`` those that name civilians."""

    civilian: frozenset[str]
    any: frozenset[str]

    @classmethod
    def load(cls) -> PersonNouns:
        rows = data_rows("person_nouns.tsv")
        return cls(frozenset(w for w, c in rows if c == "1"), frozenset(w for w, _ in rows))


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Cue patterns (kind -> compiled regex) and number words (phrase -> Quantity)."""

    cues: Mapping[str, re.Pattern[str]]
    numbers: Mapping[str, Quantity]
    number_pattern: re.Pattern[str]
    # The cue patterns that can run case-sensitively on lower-cased text (twice as fast as
    # IGNORECASE, the same matches); kinds missing here match the text as written.
    cues_folded: Mapping[str, re.Pattern[str]]

    @classmethod
    def load(cls) -> Lexicon:
        grouped: dict[str, list[str]] = {}
        for row in data_rows("cues.tsv"):
            if len(row) != 2:
                raise ResourceError(f"data/cues.tsv: expected 2 tab-separated fields, got {row!r}")
            grouped.setdefault(row[0], []).append(row[1])
        sources = {kind: r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])" for kind, parts in grouped.items()}
        cues = {kind: re.compile(source, re.IGNORECASE) for kind, source in sources.items()}
        # Kinds with a case-sensitive part ("(?-i:march)", the verb, not the month) or an
        # upper-case letter must see the text as written; the others can match it folded.
        folded = {kind: re.compile(source) for kind, source in sources.items()
                  if "(?-i:" not in source and not re.search(r"(?<!\\)[A-Z]", source)}
        numbers = {}
        for row in data_rows("numbers.tsv"):
            phrase, value, kind = row
            numbers[phrase] = Quantity(int(value), kind)
        # Longest phrases first so "twenty-one" wins over "twenty" and "a dozen" over "a".
        words = sorted(numbers, key=len, reverse=True)
        number_pattern = re.compile(
            r"(?<![\w-])(?:\d{1,3}(?:,\d{3})+|\d+|" + "|".join(re.escape(w) for w in words) + r")(?![\w-])",
            re.IGNORECASE,
        )
        return cls(MappingProxyType(cues), MappingProxyType(numbers), number_pattern, MappingProxyType(folded))

    def quantity(self, phrase: str) -> Quantity | None:
        """'31' -> 31 exact, 'dozens of' -> 12 vague, 'a' -> 1 article; None if not a number."""
        p = phrase.strip().lower()
        if p.replace(",", "").isdigit():
            return Quantity(int(p.replace(",", "")), "exact")
        return self.numbers.get(p)
