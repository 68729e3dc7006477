"""Actor mentions: named groups, and generic actors built from cue words.

A mention is read left to right, longest first, never overlapping another:

    [a|an] [qualifier] ( NAMED [head] | [owner ['s]] CUE ['s CUE]... [of [the] COUNTRY] ) [-suffix]

NAMED is an alias from ``actors.jsonl`` ("Al-Shabaab"), optionally with a head noun
("militants"). The owner of a generic CUE is a nationality or country ("Kenyan police",
"Syria's army") or an ethnic group ("Pokot raiders"). Weapon and aircraft cues count only
with an owner ("Russian warplanes" is an actor, "drones" alone is not). The kind of a
chain of cues is its head, the last cue ("army soldiers", "the regime's army forces").

Decisions on traps (all tested):
- "IS" the group is matched only in capitals, and not inside an all-capitals headline.
- "police station", "army base", "Army Day", "military sources" are not actors: the
  kind's ``not_before`` words block the cue.
- "an army of volunteers" is not an actor; "the army of Kenya" is.
- "ISIS-held districts" is still a mention of ISIS, with qualifier "held", so the caller
  can tell a place description from a participant.
"""
from __future__ import annotations

from dataclasses import dataclass

from tacitus.actors import ActorIndex, Phrase, Token, tokenize
from tacitus.types import Span

_DETERMINERS = frozenset({"a", "an"})
_YEAR = frozenset({"year", "years"})
_WEAK_KINDS = frozenset({"civilians", "government"})  # yield to a later cue in a chain
_GROUP_KINDS = {"ethnic": "ethnic_militia", "clan": "clan_militia"}


@dataclass(frozen=True, slots=True)
class ActorMention:
    span: Span  # text[start:end] == span.text, e.g. "Russian warplanes"
    name: str  # canonical name, or a template such as "Military Forces of {of_country}"
    inter: int
    kind: str  # "named", "military", "police", "unidentified", "civilians", ...
    country_code: str  # the actor's own country when the words say it, else ""
    qualifier: str = ""  # "suspected", or a hyphen suffix such as "held", "led"


@dataclass(frozen=True, slots=True)
class _Match:
    end: int  # token index after the match
    phrase: Phrase


def _probe(toks: tuple[Token, ...], i: int, index: ActorIndex, role: str,
           owned_ok: bool = True) -> list[_Match]:
    """All phrases of ``role`` starting at token ``i``, longest first."""
    if i >= len(toks):
        return []
    found: list[_Match] = []
    for n in index.lengths.get(toks[i].norm, ()):
        if i + n > len(toks):
            continue
        window = toks[i:i + n]
        for phrase in index.phrases.get(tuple(t.norm for t in window), ()):
            if phrase.role != role or (phrase.owned and not owned_ok):
                continue
            if all(e is None or e == t.raw for e, t in zip(phrase.exact, window)):
                if _shouting(toks, i, i + n, phrase):
                    continue
                found.append(_Match(i + n, phrase))
    return found


def _shouting(toks: tuple[Token, ...], start: int, end: int, phrase: Phrase) -> bool:
    """A two-letter capitals alias ("IS", "AA") inside an all-capitals headline."""
    if not any(e is not None and len(e) <= 2 for e in phrase.exact):
        return False
    neighbours = [toks[k].raw for k in (start - 1, end) if 0 <= k < len(toks)]
    return any(len(w) >= 2 and w.isalpha() and w.isupper() for w in neighbours)


def _head(toks: tuple[Token, ...], i: int, index: ActorIndex) -> int:
    heads = _probe(toks, i, index, "head")
    return heads[0].end if heads else i


@dataclass(frozen=True, slots=True)
class _Found:
    end: int
    name: str
    inter: int
    kind: str
    country: str
    qualifier: str = ""


def _named(toks: tuple[Token, ...], i: int, index: ActorIndex) -> _Found | None:
    matches = _probe(toks, i, index, "named")
    if not matches:
        return None
    best = matches[0]
    actor = index.named[int(best.phrase.value)]
    end = _head(toks, best.end, index)
    return _Found(end, actor.name, actor.inter, actor.kind, actor.country)


def _owner(toks: tuple[Token, ...], i: int, index: ActorIndex
           ) -> tuple[int, str, str, str]:
    """(end, country, ethnic group, qualifier) of a nationality/ethnic owner at ``i``."""
    for role in ("nation", "country", "ethnic"):
        matches = _probe(toks, i, index, role)
        if not matches:
            continue
        m = matches[0]
        end = m.end
        if end < len(toks) and toks[end].norm == "'s":
            end += 1
        if end < len(toks) and toks[end].hyphen and toks[end].norm in index.suffixes:
            # "Turkish-backed militias": Turkey backs them, it is not their country
            backer = " ".join(t.raw for t in toks[i:end])
            return end + 1, "", "", f"{backer}-{toks[end].raw}"
        if role == "ethnic":
            return end, "", m.phrase.value, ""
        return end, m.phrase.value, "", ""
    return i, "", "", ""


def _cue_kind(matches: list[_Match], group: str, index: ActorIndex) -> tuple[int, str] | None:
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


def _generic(toks: tuple[Token, ...], i: int, index: ActorIndex) -> _Found | None:
    end, country, group, qualifier = _owner(toks, i, index)
    owned = end > i
    kinds: list[str] = []
    while True:
        picked = _cue_kind(_probe(toks, end, index, "cue", owned_ok=owned or bool(kinds)),
                           group if not kinds else "", index)
        if picked is None:
            break
        end, kind = picked
        kinds.append(kind)
        if end + 1 < len(toks) and toks[end].norm == "'s" and _probe(toks, end + 1, index, "cue"):
            end += 1
    if not kinds:
        return None
    kind = next((k for k in reversed(kinds) if k not in _WEAK_KINDS), kinds[-1])
    if not owned and end + 1 < len(toks) and toks[end].norm == "of":
        # "the army of Kenya"; without a country after it, "an army of volunteers"
        at = end + 2 if toks[end + 1].norm == "the" else end + 1
        places = _probe(toks, at, index, "country")
        if places:
            end, country = places[0].end, places[0].phrase.value
    spec = index.kinds[kind]
    last = toks[end - 1].norm
    if end < len(toks) and spec.blocked_by(last, toks[end].norm):
        return None
    if kind == "civilians" and end < len(toks) and toks[end].norm in index.kinds["protesters"].following:
        kind, spec, end = "protesters", index.kinds["protesters"], end + 1
    name = spec.template
    if group and kind in _GROUP_KINDS.values():
        name = name.replace("{group}", group)
    if group and not country and len(index.ethnic[group].countries) == 1:
        country = index.ethnic[group].countries[0]
    if "{group}" in name:  # a group kind reached without a group: not an actor
        return None
    return _Found(end, name, spec.inter, kind, country, qualifier)


def _parse_at(toks: tuple[Token, ...], i: int, index: ActorIndex) -> _Found | None:
    j = i + 1 if toks[i].norm in _DETERMINERS else i
    if j + 2 < len(toks) and toks[j].norm.isdigit() and toks[j + 1].norm in _YEAR \
            and toks[j + 2].norm == "old":
        j += 3  # "a 30-year-old man"
    qualifier = ""
    quals = _probe(toks, j, index, "qualifier")
    if quals:
        qualifier = " ".join(t.raw for t in toks[j:quals[0].end])
        j = quals[0].end
    candidates = [f for f in (_named(toks, j, index), _generic(toks, j, index)) if f]
    if not candidates:
        return None
    best = max(candidates, key=lambda f: f.end)  # first (named) wins a tie
    end = best.end
    if end < len(toks) and toks[end].hyphen and toks[end].norm in index.suffixes:
        qualifier, end = toks[end].norm, end + 1
    qualifier = " ".join(q for q in (qualifier, best.qualifier) if q)
    return _Found(end, best.name, best.inter, best.kind, best.country, qualifier)


def find_actors(text: str, index: ActorIndex) -> tuple[ActorMention, ...]:
    """All actor mentions in ``text``, sorted by start, longest first, none overlapping."""
    toks = tokenize(text)
    found: list[ActorMention] = []
    i = 0
    while i < len(toks):
        if toks[i].norm not in index.lengths and toks[i].norm not in _DETERMINERS:
            i += 1
            continue
        hit = _parse_at(toks, i, index)
        if hit is None:
            i += 1
            continue
        start, stop = toks[i].start, toks[hit.end - 1].end
        found.append(ActorMention(Span(start, stop, text[start:stop]), hit.name, hit.inter,
                                  hit.kind, hit.country, hit.qualifier))
        i = hit.end
    return tuple(found)
