"""What the words around each place mention say about it, read once where the places are
found: the locative before it ("in", "near", "the area of"), a destination or an origin
("to", "from", "the border with"), a road it is one end of, a noun it qualifies ("the
Kabul government"), the word it follows, and the places after it that the words between
join to it, as one list ("in A, B and C") or as where it lies ("Nijrab district,
Kapisa"). ``places.choosing`` decides the event's place from these (``PlaceAttachment``)
and never reads the text again.

Each reading keeps the window it always had (40 characters before the phrase for the
locatives, 12 for "in"/"at"); only the words between two places are read without a
window, from one place to each later one until the words between can no longer join
them (``_joins``).
"""
from __future__ import annotations

import re
from collections.abc import Sequence

from tacitus.facts import PlaceAttachment, PlaceMention
from tacitus.lexicon import CARDINALS, LOCATIVES, PLACE_KINDS, ROADS
from tacitus.places.context import BORDER_WITH, ORIGIN_OR_DESTINATION

_BEFORE = 40  # characters before a phrase that its locatives are read in
_IN_OR_AT_BEFORE = 12

# The words just before a place that say something happened there.
_LOCATIVE = re.compile(r"\b(?i:" + LOCATIVES.pattern("event_place") + r")\s+(?i:the\s+)?"
                       r"(?:[a-z][a-z-]*\s+){0,2}$")  # "in the capital Nairobi"
_IN_OR_AT = re.compile(r"\b" + LOCATIVES.pattern("in_or_at") + r"\s+(?:the\s+)?$", re.IGNORECASE)
_DESTINATION = re.compile(r"\b(?:to|towards?|from|for)\s+(?:the\s+)?$", re.IGNORECASE)
_HEADING_TO = re.compile(r"\b(?:leading|heading|going|bound|travell?ing|driving|en route|withdrew|"
                         r"withdrawn|withdrawing|retreated|retreating|fled|fleeing|pulled back)\s+"
                         r"(?:to|towards?|for)\s+(?:the\s+)?$", re.I)
_BORDER_WITH = re.compile(r"\b(?:" + BORDER_WITH + r")\s+(?:the\s+)?$", re.I)
_ROAD = re.compile(r"-[\w'’ -]{2,40}?\b" + ROADS.pattern("road_end") + r"\b", re.IGNORECASE)
# A place used as an attribute: a lower-case noun follows ("the Kabul government",
# "Kisumu youth"), not a kind word, verb or preposition.
_ATTRIBUTE = re.compile(r"(?:['’]s)?\s+(?!(?:and|or|in|on|at|to|of|for|from|by|with|near|after|before|"
                        r"was|were|is|are|has|have|had|said|says|city|town|village|district|province|"
                        r"county|region|state|area|governorate|camp|border)\b)[a-z][a-z-]+\b")

# What joins the places of one list: "in A, B and C", "A and the town of B", "A or B",
# with unknown names or bracketed second names between them ("A, Sangin (Hasakmina), and B").
# "in A, B and C"; "two of them in A and one in B" (a toll shared out over a list)
_COUNT = r"(?:\d+|" + "|".join(sorted((w for w in CARDINALS if " " not in w), key=len, reverse=True)) + r")"
_PLACE_LIST = re.compile(r"^(?:\s*,|\s+(?:and|or|as well as)\b|\s+(?:in|at|the)\b|\s+[A-Z][\w'’-]*|"
                         r"\s+(?i:" + _COUNT + r")(?:\s+of\s+them)?\b)*\s*$")
_BRACKETED = re.compile(r"\([^()]*\)")
_SEPARATOR = re.compile(r",|\b(?:and|or|as well as)\b")
# The words between two places that make the second where the first lies: "X district, Y",
# "X in Y", "X area of Y".
_SAYS_WHERE = re.compile(
    r"^\s*(?:" + PLACE_KINDS.pattern("says_where") + r"\s*)?(?:,|\s(?:in|of)(?:\s+the)?)\s*$", re.IGNORECASE)
# Outside brackets, a list join or a where-it-lies join holds only white space, commas,
# apostrophes, hyphens, capitalised names and these lower-case words: words between two
# places with any other character or lower-case word join no later place either.
_JOIN_WORDS = frozenset({"and", "or", "as", "well", "in", "at", "the", "of"}
                        | {w for kind in PLACE_KINDS.words("says_where") for w in re.findall(r"\w+", kind.lower())})
_NO_JOIN_MARK = re.compile(r"[^\w\s,()'’-]")
_NO_JOIN = re.compile(_NO_JOIN_MARK.pattern + r"|(?<![\w'’-])[a-z]\w*")


def attach(text: str, mentions: Sequence[PlaceMention]) -> tuple[PlaceMention, ...]:
    """The mentions (in text order) with what the words around each say about it."""
    return tuple(PlaceMention(m.span, m.candidates, m.cue, m.phrase, m.loose, _attachment(text, mentions, i))
                 for i, m in enumerate(mentions))


def _attachment(text: str, mentions: Sequence[PlaceMention], i: int) -> PlaceAttachment:
    m = mentions[i]
    start = m.phrase.start
    before = text[max(0, start - _BEFORE):start]
    listed, lies_in = _joins(text, mentions, i)
    # Every reading before a place ends in a word and white space ("in ", "from the "):
    # a place after a mark or at a paragraph's start needs none read.
    worded = _ends_in_word(before)
    return PlaceAttachment(
        locative=worded and bool(_LOCATIVE.search(before)),
        in_or_at=worded and bool(_IN_OR_AT.search(text[max(0, start - _IN_OR_AT_BEFORE):start])),
        destination=worded and bool(_DESTINATION.search(before)),
        beside=worded and bool(_BORDER_WITH.search(before) or _HEADING_TO.search(before)),
        away=worded and bool(ORIGIN_OR_DESTINATION.search(before)),
        road_end=bool(_ROAD.match(text, m.span.end)),
        attribute=bool(_ATTRIBUTE.match(text, m.span.end)),
        follows=_follows(text, start),
        listed_with=listed,
        lies_in=lies_in,
    )


def _ends_in_word(words: str) -> bool:
    """``words`` end in white space after a letter or a hyphen ("in the north- ")."""
    kept = words.rstrip()
    return len(kept) < len(words) and (kept[-1:].isalpha() or kept.endswith("-"))


def _follows(text: str, start: int) -> tuple[int, ...]:
    """Where the words end that ``start`` follows with only white space, or white space
    and "the", between: "attacked Nyakach", "shelled the town"."""
    gap = start
    while gap > 0 and text[gap - 1].isspace():
        gap -= 1
    if gap == start:
        return ()
    if gap < 3 or text[gap - 3:gap].lower() != "the":
        return (gap,)
    word = gap - 3
    while word > 0 and text[word - 1].isspace():
        word -= 1
    return (word, gap) if word < gap - 3 else (gap,)


def _joins(text: str, mentions: Sequence[PlaceMention], i: int) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """The later places the words between join to mention ``i``: as its list (read between
    the phrases) and as where it lies (read between the names). The walk stops at the
    first words between that no later words can make a join. A mark such as "." is in
    no place's cue, so it ends the walk before the place after it is read; a lower-case
    word may be that place's own cue ("A, near B" is a list), so it ends the walk after."""
    m = mentions[i]
    listed: list[int] = []
    lies_in: list[int] = []
    for later in mentions[i + 1:]:
        between = text[m.phrase.end:later.span.start]
        if _no_join(between, _NO_JOIN_MARK):
            break
        if _listed(text[m.phrase.end:later.phrase.start]):
            listed.append(later.span.start)
        if _SAYS_WHERE.match(text[m.span.end:later.span.start]):
            lies_in.append(later.span.start)
        if _no_join(between, _NO_JOIN):
            break
    return tuple(listed), tuple(lies_in)


def _listed(gap: str) -> bool:
    gap = _BRACKETED.sub(" ", gap)
    if "(" in gap or ")" in gap:
        return not gap.replace("(", " ").replace(")", " ").strip()  # "A (B)": B is A's other name
    return bool(_PLACE_LIST.match(gap)) and (bool(_SEPARATOR.search(gap)) or not gap.strip())


def _no_join(words: str, reading: re.Pattern[str]) -> bool:
    """Words (up to the first bracket, which may hide anything) that no join holds."""
    bracket = words.find("(")
    for hit in reading.finditer(words, 0, len(words) if bracket < 0 else bracket):
        if not hit.group()[:1].isalpha() or hit.group().lower() not in _JOIN_WORDS:
            return True
    return False
