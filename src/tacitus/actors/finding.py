"""Actor mentions: named groups, and generic actors built from cue words.

A mention is read left to right, longest first, never overlapping another:

    [a|an] [qualifier] ( NAMED [head] | [owner ['s]] CUE ['s CUE]... [of [the] COUNTRY] ) [-suffix]

NAMED is an alias from ``actors.jsonl`` ("Al-Shabaab"), optionally with a head noun
("militants"). The owner of a generic CUE is a nationality or country ("Kenyan police",
"Syria's army") or an ethnic group ("Pokot raiders"). Weapon and aircraft cues count only
with an owner ("Russian warplanes" is an actor, "drones" alone is not). The kind of a
chain of cues is its head, the last cue ("army soldiers", "the regime's army forces",
"student protesters"). A civilians mention followed by "protesting" becomes protesters.

Decisions on traps (all tested):
- "IS" the group is matched only in capitals, and not inside an all-capitals headline.
- "police station", "army base", "Army Day", "military sources", "civilian areas" are
  not actors: the kind's ``not_before`` words (actor_kinds.jsonl) block the cue.
- "an army of volunteers" is not an actor; "the army of Kenya" is.
- "ISIS-held districts" is still a mention of ISIS, with qualifier "held", so the caller
  can tell a place description from a participant.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import AbstractSet, NamedTuple, Sequence

from tacitus.actors.dictionary import ActorIndex, Phrase, Tokens, tokenize
from tacitus.facts import ActorMention
from tacitus.types import Span

_DETERMINERS = frozenset({"a", "an"})
_YEAR = frozenset({"year", "years"})
_WEAK_KINDS = frozenset({"civilians", "government"})  # yield to a later cue in a chain
_GENERIC_ROLES = frozenset({"nation", "country", "ethnic", "cue"})
_GROUP_KINDS = {"ethnic": "ethnic_militia", "clan": "clan_militia"}


class _Match(NamedTuple):  # a tuple, not a frozen dataclass: made per token, it is hot
    end: int  # token index after the match
    phrase: Phrase


class _Scan:
    """One text's tokens and the dictionary phrases found at each token, probed once.

    Lives for one ``find_actors`` call; the memo is why it is not frozen.
    """

    __slots__ = ("toks", "index", "size", "_memo")

    def __init__(self, toks: Tokens, index: ActorIndex) -> None:
        self.toks = toks
        self.index = index
        self.size = len(toks.norm)
        self._memo: dict[int, dict[str, list[_Match]]] = {}

    def norm(self, i: int) -> str:
        return self.toks.norm[i] if i < self.size else ""

    def roles_at(self, i: int) -> AbstractSet[str]:
        """The roles of the phrases starting at token ``i`` (empty: nothing starts there)."""
        by_role = self._memo.get(i)
        if by_role is None:
            by_role = self._memo[i] = self._all_at(i)
        return by_role.keys()

    def probe(self, i: int, role: str, owned_ok: bool = True) -> Sequence[_Match]:
        """Phrases of ``role`` starting at token ``i``, longest first."""
        by_role = self._memo.get(i)
        if by_role is None:
            by_role = self._memo[i] = self._all_at(i)
        found = by_role.get(role, ())
        if not owned_ok and found:
            return [m for m in found if not m.phrase.owned]
        return found

    def _all_at(self, i: int) -> dict[str, list[_Match]]:
        toks = self.toks
        found: dict[str, list[_Match]] = {}
        for n in self.index.lengths.get(self.norm(i), ()):
            if i + n > self.size:
                continue
            for phrase in self.index.phrases.get(toks.norm[i:i + n], ()):
                if phrase.exact is not None and (
                        any(e is not None and e != r
                            for e, r in zip(phrase.exact, toks.raw[i:i + n]))
                        or self._shouting(i, i + n, phrase.exact)):
                    continue
                found.setdefault(phrase.role, []).append(_Match(i + n, phrase))
        return found

    def _shouting(self, start: int, end: int, exact: tuple[str | None, ...]) -> bool:
        """A two-letter capitals alias ("IS", "AA") inside an all-capitals headline."""
        if not any(e is not None and len(e) <= 2 for e in exact):
            return False
        raw = self.toks.raw
        neighbours = [raw[k] for k in (start - 1, end) if 0 <= k < len(raw)]
        return any(len(w) >= 2 and w.isalpha() and w.isupper() for w in neighbours)


class _Found(NamedTuple):
    end: int
    name: str
    inter: int
    kind: str
    country: str
    qualifier: str = ""


def _named(scan: _Scan, i: int) -> _Found | None:
    matches = scan.probe(i, "named")
    if not matches:
        return None
    best = matches[0]
    actor = scan.index.named[int(best.phrase.value)]
    end = _bracketed_alias(scan, best.end, best.phrase.value)
    for _ in range(2):  # "militants", "militant fighters"
        heads = scan.probe(end, "head")
        if not heads:
            break
        end = heads[0].end
    return _Found(end, actor.name, actor.inter, actor.kind, actor.country)


def _bracketed_alias(scan: _Scan, end: int, actor: str) -> int:
    """Past "(ISIS)" in "Islamic State (ISIS) fighters" when it names the same actor."""
    if scan.norm(end) != "(":
        return end
    inner = [m for m in scan.probe(end + 1, "named") if m.phrase.value == actor]
    if inner and scan.norm(inner[0].end) == ")":
        return inner[0].end + 1
    return end


def _owner(scan: _Scan, i: int) -> tuple[int, str, str, str]:
    """(end, country, ethnic group, qualifier) of a nationality/ethnic owner at ``i``."""
    toks = scan.toks
    for role in ("nation", "country", "ethnic"):
        matches = scan.probe(i, role)
        if not matches:
            continue
        m = matches[0]
        end = m.end
        if scan.norm(end) == "'s":
            end += 1
        if end < scan.size and toks.hyphen[end] and toks.norm[end] in scan.index.suffixes:
            # "Turkish-backed militias": Turkey backs them, it is not their country
            backer = " ".join(toks.raw[i:end])
            return end + 1, "", "", f"{backer}-{toks.raw[end]}"
        if role == "ethnic":
            return end, "", m.phrase.value, ""
        return end, m.phrase.value, "", ""
    return i, "", "", ""


def _cue_kind(matches: Sequence[_Match], group: str, index: ActorIndex) -> tuple[int, str] | None:
    """Pick the kind among the cue's readings: group kinds only after an ethnic group."""
    if not matches:
        return None
    end = matches[0].end
    kinds = [m.phrase.value for m in matches if m.end == end]
    if group:
        wanted = _GROUP_KINDS[index.ethnic[group].kind]
        if wanted in kinds:
            return end, wanted
    plain = [k for k in kinds if k not in _GROUP_KINDS.values()]
    if plain:
        return end, plain[0]
    shorter = [m for m in matches if m.end < end]
    return _cue_kind(shorter, group, index) if shorter else None


def _generic(scan: _Scan, i: int) -> _Found | None:
    index, toks = scan.index, scan.toks
    end, country, group, qualifier = _owner(scan, i)
    owned = end > i
    kinds: list[str] = []
    while True:
        picked = _cue_kind(scan.probe(end, "cue", owned_ok=owned or bool(kinds)),
                           group if not kinds else "", index)
        if picked is None:
            break
        end, kind = picked
        kinds.append(kind)
        if scan.norm(end) == "'s" and scan.probe(end + 1, "cue"):
            end += 1
    if not kinds and group and scan.norm(end) == "and":
        # "Kikuyu and Luo communities", "Pokot and Turkana raiders": the head noun after
        # the second group is the first group's too.
        partner = _generic(scan, end + 1)
        if partner is not None and partner.kind in _GROUP_KINDS.values():
            kinds.append(partner.kind)
    if not kinds:
        return None
    kind = next((k for k in reversed(kinds) if k not in _WEAK_KINDS), kinds[-1])
    if not owned and scan.norm(end) == "of":
        # "the army of Kenya"; without a country after it, "an army of volunteers"
        at = end + 2 if scan.norm(end + 1) == "the" else end + 1
        places = scan.probe(at, "country")
        if places:
            end, country = places[0].end, places[0].phrase.value
    spec = index.kinds[kind]
    if spec.blocked_by(toks.norm[end - 1], scan.norm(end)):
        return None
    if kind == "civilians" and scan.norm(end) in index.kinds["protesters"].following:
        kind, spec, end = "protesters", index.kinds["protesters"], end + 1
    name = spec.template
    if group and kind in _GROUP_KINDS.values():
        name = name.replace("{group}", group)
    if "{group}" in name:  # a group kind reached without a group: not an actor
        return None
    if group and not country and len(index.ethnic[group].countries) == 1:
        country = index.ethnic[group].countries[0]
    return _Found(end, name, spec.inter, kind, country, qualifier)


def _parse_at(scan: _Scan, i: int) -> _Found | None:
    toks = scan.toks
    j = i + 1 if toks.norm[i] in _DETERMINERS else i
    if scan.norm(j).isdigit() and scan.norm(j + 1) in _YEAR and scan.norm(j + 2) == "old":
        j += 3  # "a 30-year-old man"
    qualifier = ""
    quals = scan.probe(j, "qualifier")
    if quals:
        qualifier = " ".join(toks.raw[j:quals[0].end])
        j = quals[0].end
    roles = scan.roles_at(j) if j < scan.size else frozenset()
    candidates = [f for f in (_named(scan, j) if "named" in roles else None,
                              _generic(scan, j) if not roles.isdisjoint(_GENERIC_ROLES) else None)
                  if f]
    if not candidates:
        return None
    best = max(candidates, key=lambda f: f.end)  # first (named) wins a tie
    if best.kind == "named" and j > i and not qualifier:
        return None  # "an Islamic State fighter": the mention starts at the name
    end = best.end
    suffix = ""
    if end < scan.size and toks.hyphen[end] and toks.norm[end] in scan.index.suffixes:
        suffix, end = toks.norm[end], end + 1
    qualifier = " ".join(q for q in (qualifier, best.qualifier, suffix) if q)
    return _Found(end, best.name, best.inter, best.kind, best.country, qualifier)


def find_actors(text: str, index: ActorIndex) -> tuple[ActorMention, ...]:
    """All actor mentions in ``text``, sorted by start, longest first, none overlapping."""
    scan = _Scan(tokenize(text), index)
    toks, lengths = scan.toks, index.lengths
    found: list[ActorMention] = []
    i = 0
    while i < scan.size:
        word = toks.norm[i]
        if word not in _DETERMINERS and not word.isdigit() and (
                word not in lengths or not scan.roles_at(i)):
            i += 1
            continue
        if toks.hyphen[i] and toks.norm[i - 1] in index.stance_prefixes:
            i += 1  # "anti-government factions": whom they oppose, not who they are
            continue
        hit = _parse_at(scan, i)
        if hit is None:
            i += 1
            continue
        if hit.end < scan.size and toks.hyphen[hit.end] and toks.norm[hit.end] in scan.index.owner_suffixes:
            i = hit.end + 1  # "a military-run school", "state-owned media": who runs it, no side
            continue
        start, stop = toks.starts[i], toks.ends[hit.end - 1]
        found.append(ActorMention(Span(start, stop, text[start:stop]), hit.name, hit.inter,
                                  hit.kind, hit.country, hit.qualifier))
        i = hit.end
    return tuple(_members_of_named(text, found))


# "Rebels of the Allied Democratic Forces", "gunmen from the Jalisco cartel", "fighters
# of the paramilitary RSF": the generic words name members of the group that follows.
_OF_GROUP = re.compile(r"\s+(?:of|from)\s+(?:the\s+)?(?:(?:paramilitary|rebel|armed|militant|"
                       r"jihadist|rival|insurgent|outlawed|banned|separatist|islamist)\s+)*$",
                       re.IGNORECASE)


def _members_of_named(text: str, found: list[ActorMention]) -> list[ActorMention]:
    """A generic mention joined to the named group it belongs to, as one mention of the
    group spanning both (the parse then reads the phrase's head, the generic noun)."""
    out: list[ActorMention] = []
    for m in found:
        prev = out[-1] if out else None
        if prev is not None and prev.kind == "unidentified" and m.kind == "named" \
                and _OF_GROUP.fullmatch(text, prev.span.end, m.span.start):
            span = Span(prev.span.start, m.span.end, text[prev.span.start:m.span.end])
            out[-1] = ActorMention(span, m.name, m.inter, m.kind, m.country_code,
                                   " ".join(q for q in (prev.qualifier, m.qualifier) if q))
            continue
        out.append(m)
    return out
