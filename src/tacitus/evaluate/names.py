"""How names and evidence texts are compared: what counts as "the same"."""
from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher

from tacitus.lexicon import PLACE_KINDS

# ACLED suffixes an actor's period of activity: "Police Forces of Kenya (2013-)".
_PERIOD = re.compile(r"\s*\(\s*\d{4}\s*-\s*(\d{4})?\s*\)\s*$")
# Words ACLED and gazetteers add to or drop from admin1 names; the brief names these five.
_ADMIN_SUFFIX = re.compile(r"\s+" + PLACE_KINDS.pattern("score") + r"\s*$", re.IGNORECASE)
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})
EVIDENCE_OVERLAP = 0.6


def _fold(text: str) -> str:
    """Case and diacritics out; only letters and digits stay (hyphens, apostrophes,
    spaces and brackets vary between writers of the same name)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if c.isalnum()).casefold()


def norm_name(name: str) -> str:
    """Comparable form of an actor, country or place name."""
    return _fold(_PERIOD.sub("", name.strip()))


def norm_admin1(name: str) -> str:
    """Comparable form of an admin1 name: 'Deir ez-Zor Governorate' == 'Deir ez Zor'."""
    return norm_name(_ADMIN_SUFFIX.sub("", name.strip()))


def same_name(gold: str, predicted: str) -> bool:
    return norm_name(gold) == norm_name(predicted)


def same_admin1(gold: str, predicted: str) -> bool:
    return norm_admin1(gold) == norm_admin1(predicted)


def name_set(names: str) -> frozenset[str]:
    """ACLED joins several associated actors with ';'."""
    return frozenset(n for n in (norm_name(p) for p in names.split(";")) if n)


def source_name(gold_source: str) -> str:
    """'Jane Roe (local journalist)' -> 'Jane Roe'."""
    return re.sub(r"\s*\([^()]*\)\s*$", "", gold_source).strip()


def norm_text(text: str) -> str:
    """Evidence text with quotes unified, whitespace collapsed, case folded."""
    return " ".join(text.translate(_QUOTES).split()).casefold()


def overlap_share(gold: str, predicted: str) -> float:
    """Longest common run of characters as a share of the gold text (both normalised)."""
    g, p = norm_text(gold), norm_text(predicted)
    if not g or not p:
        return 0.0
    m = SequenceMatcher(None, g, p, autojunk=False).find_longest_match(0, len(g), 0, len(p))
    return m.size / len(g)


def evidence_matches(gold: str, predicted: str) -> bool:
    """Gold evidence is found when a predicted span is inside it, holds it, or covers
    at least 60% of it in one run."""
    g, p = norm_text(gold), norm_text(predicted)
    if not g or not p:
        return False
    return p in g or g in p or overlap_share(gold, predicted) >= EVIDENCE_OVERLAP
