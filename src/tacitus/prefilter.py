"""Which of many patterns can match a text at all, told in one scan of it.

Every cue kind's pattern (data/cues.tsv, compiled per kind by ``Lexicon``) used to be run
over every sentence, though a sentence holds the words of only a few kinds. What each
pattern's matches begin with (its *heads*: "air strike", "attack", "for ") is derived from
the pattern itself when it is loaded (the ``re`` module's own parser reads it, so no word
is written a second time); the heads of all the patterns make one scanning pattern, a
trie, and a text is scanned once for the heads it holds (``Prefilter.candidates``). A
pattern none of whose heads occur is not run.

The skipping is exact: a pattern is skipped only where it cannot match. A pattern whose
heads cannot be listed (it may begin with ``\\w`` or a digit), or that does not open with
the word boundary the scan assumes, is always run.
"""
from __future__ import annotations

import re
from collections.abc import Set
from dataclasses import dataclass
# The regex parser and its opcodes: private modules, stable since 3.11 (typeshed stubs them
# only under their deprecated names, sre_parse and sre_constants).
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any, Generic, Hashable, Iterable, Mapping, TypeVar

K = TypeVar("K", bound=Hashable)
_LONGEST = 12  # letters of a head at most: "has been fig" tells fighting from "has been"
_WIDEST = 2000  # heads of one pattern at most; past it they stop growing (shorter, still right)
_MAX_CLASS = 40  # a character class larger than this ("[a-z]") ends a head
Head = tuple[str, bool]  # the letters every match of a branch begins with; may it grow?


@dataclass(frozen=True, slots=True)
class Prefilter(Generic[K]):
    """The patterns (by key) that may match a text, the others being sure not to."""

    scan: re.Pattern[str]  # at each word start, the longest head there
    keys_of: Mapping[str, frozenset[K]]  # a head -> the patterns with it or a shorter head of it
    always: frozenset[K]  # patterns whose heads cannot be listed
    caseless: frozenset[K]  # IGNORECASE patterns: filtered on ASCII texts only

    @classmethod
    def of(cls, patterns: Mapping[K, re.Pattern[str]], boundary: str) -> Prefilter[K]:
        """The prefilter of ``patterns`` by what their matches begin with, all of them
        opening with ``boundary``, a zero-width pattern saying where a match may start
        (a pattern that does not is always run)."""
        opening = repr(sre_parse.parse(boundary).data)
        heads: dict[K, frozenset[str] | None] = {}
        for key, pattern in patterns.items():
            # Parsed, not as written: "\bfoo|bar" does not open with \b ("\bfoo|\bbar" does).
            first = sre_parse.parse(pattern.pattern, pattern.flags).data[:1]
            heads[key] = match_heads(pattern) if repr(first) == opening else None
        return cls._scanning(heads, boundary, patterns)

    @classmethod
    def anywhere(cls, patterns: Mapping[K, re.Pattern[str]]) -> Prefilter[K]:
        """The prefilter of ``patterns`` by strings their matches hold (``match_needles``)."""
        return cls._scanning({k: match_needles(p) for k, p in patterns.items()}, "", patterns)

    @classmethod
    def _scanning(cls, found: Mapping[K, frozenset[str] | None], boundary: str,
                  patterns: Mapping[K, re.Pattern[str]]) -> Prefilter[K]:
        """Scan at ``boundary`` for the strings ``found`` per pattern (None: always run)."""
        always = frozenset(k for k, f in found.items() if f is None)
        owners: dict[str, set[K]] = {}
        for key, strings in found.items():
            for h in strings or ():
                owners.setdefault(h, set()).add(key)
        # The scan finds the longest string at a place: the shorter ones there are its prefixes.
        keys_of = {h: frozenset(k for n in range(1, len(h) + 1) for k in owners.get(h[:n], ())) for h in owners}
        scan = re.compile(boundary + "(?=(" + _trie(owners) + "))") if owners else re.compile(r"(?!)")
        caseless = frozenset(k for k, p in patterns.items()
                             if p.flags & re.IGNORECASE or _CASELESS_INSIDE.search(p.pattern))
        return cls(scan, keys_of, always, caseless)

    def candidates(self, text: str, folded: str) -> Set[K]:
        """The patterns that may match ``text``, whose lower case is ``folded``. A pattern
        of ``of`` without IGNORECASE must be run on ``folded`` itself for this to hold."""
        keys = set(self.always)
        keys.update(*map(self.keys_of.__getitem__, self.scan.findall(folded)))
        if self.caseless and not text.isascii() and _FOLDS_TO_ASCII.search(text):
            keys |= self.caseless
        return keys


# A letter that is not ASCII but matches an ASCII one where case is ignored ("ſ" and "s",
# the Kelvin sign and "k"): the regex engine itself says which, no list is kept. Where one
# is written, the lower case of the text no longer tells what IGNORECASE matches.
_FOLDS_TO_ASCII = re.compile(r"(?![\x00-\x7f])(?i:[a-z])")  # the first part case-sensitive


def match_heads(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Strings one of which every match of ``pattern`` begins with (lower-cased for an
    IGNORECASE pattern); None when some match may begin with anything, or, for an
    IGNORECASE pattern, with a letter that is not ASCII."""
    parsed = sre_parse.parse(pattern.pattern, pattern.flags)
    try:
        heads = _sequence(parsed.data, {("", True)})
    except _Unbounded:
        return None
    if any(not h for h, _ in heads):
        return None
    if pattern.flags & re.IGNORECASE:
        if not all(h.isascii() for h, _ in heads):
            return None  # a letter outside ASCII may match more than its lower case
        return frozenset(h.lower() for h, _ in heads)
    return frozenset(h for h, _ in heads)


class _Unbounded(Exception):
    """An opcode this reader does not know: the heads cannot be listed."""


def _sequence(items: Iterable[tuple[Any, Any]], heads: set[Head]) -> set[Head]:
    """``heads`` each grown by what the items in turn can match."""
    for op, av in items:
        if not any(more for _, more in heads):
            break
        heads = _item(op, av, heads)
    return heads


def _item(op: Any, av: Any, heads: set[Head]) -> set[Head]:
    if op is sre.LITERAL:
        return _grow(heads, (chr(av),))
    if op is sre.IN:
        chars = _class(av)
        return _grow(heads, chars) if chars else _stop(heads)
    if op in (sre.ASSERT, sre.ASSERT_NOT, sre.AT):
        return heads  # zero width: it only narrows what matches, and a wider set is right
    if op is sre.SUBPATTERN:
        _group, add_flags, _del_flags, sub = av
        if add_flags & re.IGNORECASE:
            return _stop(heads)  # case folded inside: the letters as written do not say it
        return _sequence(sub.data, heads)
    if op is sre.BRANCH:
        return set().union(*(_sequence(alt.data, heads) for alt in av[1]))
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        low, high, sub = av
        return _repeat(low, high, sub, heads)
    if op in (sre.ANY, sre.NOT_LITERAL, sre.CATEGORY, sre.GROUPREF, sre.GROUPREF_EXISTS, sre.ATOMIC_GROUP):
        return _stop(heads)
    raise _Unbounded(op)


def _repeat(low: int, high: int, sub: Any, heads: set[Head]) -> set[Head]:
    out: set[Head] = set()
    current = heads
    # Each turn adds a letter to a head or changes nothing more: _LONGEST turns past the
    # minimum reach every head there is.
    for turn in range(min(high, low + _LONGEST) + 1):
        if turn >= low:
            out |= current
        grown = _sequence(sub.data, current)
        if grown == current:  # more turns change nothing
            return out | current
        current = grown
    return out


def _class(items: list[tuple[Any, Any]]) -> tuple[str, ...]:
    """The characters of a small class; () for a negated or wide one (\\w, [a-z])."""
    chars: list[str] = []
    for op, av in items:
        if op is sre.LITERAL:
            chars.append(chr(av))
        elif op is sre.RANGE and av[1] - av[0] < _MAX_CLASS:
            chars.extend(chr(c) for c in range(av[0], av[1] + 1))
        else:
            return ()
    return tuple(chars) if len(chars) <= _MAX_CLASS else ()


def _grow(heads: set[Head], chars: tuple[str, ...]) -> set[Head]:
    grown = {(h + c, len(h) + 1 < _LONGEST) if more else (h, more) for h, more in heads for c in chars}
    return grown if len(grown) <= _WIDEST else _stop(heads)


def _stop(heads: set[Head]) -> set[Head]:
    return {(h, False) for h, _ in heads}


def _trie(words: Iterable[str]) -> str:
    """One regex for ``words`` that, at a position, matches the longest of them there:
    a trie of alternations, children before the end of a word."""
    root: dict[str, dict] = {}
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _node(root)


def _node(node: dict[str, dict]) -> str:
    alts = [re.escape(ch) + _node(child) for ch, child in sorted(node.items()) if ch]
    if "" in node:
        alts.append("")
    if len(alts) == 1:
        return alts[0]
    return "(?:" + "|".join(alts) + ")"


def match_needles(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """ASCII strings one of which every match of ``pattern`` holds somewhere, lower-cased;
    None when no such set is known."""
    parsed = sre_parse.parse(pattern.pattern, pattern.flags)
    needles = _needs(parsed.data, bool(pattern.flags & re.IGNORECASE))
    if needles is None or not all(n and n.isascii() for n in needles):
        return None  # lower-casing maps ASCII letters one by one, and only them ("Σ" -> "σ"/"ς")
    return frozenset(n.lower() for n in needles)


_CASELESS_INSIDE = re.compile(r"\(\?[a-zA-Z]*i[a-zA-Z]*[:)]")  # "(?i:" or "(?ai)": case ignored in part


def _needs(items: list[tuple[Any, Any]], caseless: bool) -> set[str] | None:
    """The most telling set of strings one of which the sequence ``items`` must match."""
    options: list[set[str]] = []
    run = ""
    for op, av in [*items, (None, None)]:
        if op is sre.LITERAL:
            run += chr(av)
            continue
        if run:
            options.append({run})
            run = ""
        if op is sre.SUBPATTERN:
            found = _needs(av[3].data, caseless)
        elif op is sre.BRANCH:
            alts = [_needs(alt.data, caseless) for alt in av[1]]
            found = None if any(a is None for a in alts) else set().union(*alts)  # type: ignore[arg-type]
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT) and av[0] >= 1:
            found = _needs(av[2].data, caseless)
        elif op is sre.IN:
            found = set(_class(av)) or None
        else:
            found = None
        if found:
            options.append(found)
    if not options:
        return None
    return max(options, key=lambda o: (min(map(len, o)), -len(o)))
