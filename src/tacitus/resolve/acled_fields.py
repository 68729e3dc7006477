"""ACLED's columns that follow from what the extraction already found, filled after an
event is resolved: ``source_scale`` (from the outlet data), ``tags`` (crowd size and
ACLED's other tags, where the event's sentences say so), ``assoc_actor_1`` (other doers
on actor1's side), and ``iso``/``region`` for an event placed only in a country; and the
words of injury counts become the evidence of ``injured_low`` rather than of the toll.

Nothing here decides whether there is an event, or its type, date, place or toll.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache
from typing import TYPE_CHECKING, Iterable, Sequence

from tacitus.lexicon import data_rows
from tacitus.outlets import combine_scales
from tacitus.types import Event, Span

if TYPE_CHECKING:
    from tacitus.facts import Draft, Facts
    from tacitus.resources import Resources
    from tacitus.types import Article

# The inter codes that can stand beside an actor1 of each code: state forces with state or
# foreign forces, armed groups with armed groups, a crowd with crowds.
SAME_SIDE = {1: frozenset({1, 8}), 8: frozenset({1, 8}), 2: frozenset({2, 3, 4}), 3: frozenset({2, 3, 4}),
             4: frozenset({2, 3, 4}), 5: frozenset({5, 6, 7}), 6: frozenset({5, 6, 7}), 7: frozenset({7})}
CROWD_TYPES = frozenset({"Protests", "Riots"})
NO_CROWD_SIZE = "crowd size=no report"
# Who makes up a crowd ("hundreds of students"), and how the size may be qualified.
_CROWD_NOUNS = (r"(?:protesters?|demonstrators?|marchers?|rioters?|people|persons|residents?|students?|"
                r"youths?|supporters?|workers?|teachers?|traders?|women|men|farmers?|activists?|"
                r"villagers?|mourners?|worshippers?|members|participants?|drivers?|nurses?|doctors?)")
_QUALIFIERS = (r"(?:about|around|some|nearly|almost|over|more\s+than|at\s+least|an\s+estimated|up\s+to|"
               r"several|a\s+few|a\s+couple\s+of|tens\s+of)")
_BIG_SMALL = re.compile(r"\ba\s+(large|huge|big|massive|small|sizeable)\s+(?:crowd|group|number)\b", re.I)
# Words to keep out of the other doers: generic sides, never associated actors.
_GENERIC = re.compile(r"^(?:Unidentified|Civilians|Protesters|Rioters)\b")


@dataclass(frozen=True, slots=True)
class TagRule:
    tag: str
    event_types: frozenset[str]  # empty: any type
    pattern: re.Pattern[str]


@cache
def tag_rules() -> tuple[TagRule, ...]:
    rows = data_rows("acled_tags.tsv")
    return tuple(TagRule(tag, frozenset() if types == "*" else frozenset(types.split("|")),
                         re.compile(pattern, re.IGNORECASE)) for tag, types, pattern in rows[1:])


@cache
def _crowd_pattern(numbers: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-])(?:a\s+crowd\s+of\s+)?((?:{_QUALIFIERS}\s+)?(?:{numbers}))"
                      rf"(?:\s+of)?(?:\s+[a-z-]+){{0,2}}?\s+{_CROWD_NOUNS}\b", re.IGNORECASE)


def outlet_scale(outlet: str, country: str, res: Resources) -> str:
    """An outlet's scale: from data/outlets.tsv; an outlet it does not know by its name,
    when the name says its area ("Diyala Today": a region of the event's country ->
    Subnational; "Kenya Times": the country -> National); else unknown ("")."""
    known = res.outlets.scale_of(outlet)
    if known is not None:
        return known
    gaz = res.gazetteer
    home = gaz.country(country) if country else None
    if home is None:
        return ""
    words = re.findall(r"[\w'-]+", outlet)
    for size in (3, 2, 1):
        for i in range(len(words) - size + 1):
            name = " ".join(words[i:i + size])
            if not name[:1].isupper():
                continue
            if (found := gaz.country(name)) is not None and found.country_code == home.country_code:
                return "National"
            if any(p.country_code == home.country_code and p.kind in {"admin1", "admin2", "city"}
                   and (p.kind != "city" or p.population >= 10_000) for p in gaz.lookup(name)):
                return "Subnational"
    return ""


def crowd_size(sentences: Sequence[Span], res: Resources) -> tuple[str, tuple[Span, ...]]:
    """ACLED's crowd size tag from the event's sentences: the words of the first size
    told ("crowd size=hundreds", "crowd size=about 200"), else "no report"."""
    pattern = _crowd_pattern(res.lexicon.number_pattern.pattern)
    for s in sentences:
        m = pattern.search(s.text)
        if m is not None:
            size = " ".join(m.group(1).lower().split())
            size = re.sub(r"\s+of$", "", size)
            if size not in {"a", "an", "one"}:
                return f"crowd size={size}", (Span(s.start + m.start(1), s.start + m.end(1), m.group(1)),)
        m = _BIG_SMALL.search(s.text)
        if m is not None:
            word = "small" if m.group(1).lower() == "small" else "large"
            return f"crowd size={word}", (Span(s.start + m.start(), s.start + m.end(), m.group()),)
    return NO_CROWD_SIZE, ()


def event_tags(event: Event, sentences: Sequence[Span], res: Resources) -> tuple[str, tuple[Span, ...]]:
    """ACLED's tags for the event, joined with "; " as ACLED does, and their words."""
    tags: list[str] = []
    spans: list[Span] = []
    if event.event_type in CROWD_TYPES:
        tag, words = crowd_size(sentences, res)
        tags.append(tag)
        spans.extend(words)
    for rule in tag_rules():
        if (rule.event_types and event.event_type not in rule.event_types) \
                or rule.tag.lower() == event.sub_event_type.lower():
            continue
        for s in sentences:
            m = rule.pattern.search(s.text)
            if m is not None:
                tags.append(rule.tag)
                spans.append(Span(s.start + m.start(), s.start + m.end(), m.group()))
                break
    return "; ".join(tags), tuple(spans)


def associated_doers(event: Event, draft: Draft, res: Resources, country_code: str) -> tuple[tuple[str, ...], tuple[Span, ...]]:
    """Other doers the extraction found on actor1's side (``SAME_SIDE``): "troops and
    Wagner fighters attacked", named groups of a crowd beside its protesters or rioters.
    Generic sides and the movement of a branch are left out."""
    from tacitus.actors.sides import resolve_actor

    if event.inter1 is None:
        return (), ()
    side = SAME_SIDE.get(event.inter1, frozenset())
    own = res.actors.named_actor(event.actor1)
    names: list[str] = []
    spans: list[Span] = []
    for role in draft.actors:
        if role.role != "agent":
            continue
        name, inter = resolve_actor(role.actor, country_code, res.actors, event.event_date)
        if "{" in name or inter not in side or _GENERIC.match(name) or name in (event.actor1, event.actor2):
            continue
        if own is not None and own.branch_of == name:
            continue  # the movement the branch belongs to
        if name not in names:
            names.append(name)
        spans.append(role.actor.span)
    return tuple(names), tuple(spans)


def _injuries_apart(evidence: dict[str, tuple[Span, ...]], draft: Draft) -> dict[str, tuple[Span, ...]]:
    """The words of injury counts are the evidence of ``injured_low``, not of the death
    toll ("wounding 19" beside "killing seven")."""
    injured = {c.evidence for c in draft.casualties if c.kind == "injured"}
    told = evidence.get("fatalities", ())
    if injured & set(told):
        evidence["fatalities"] = tuple(s for s in told if s not in injured)
        evidence["injured_low"] = tuple(s for s in told if s in injured)
        if not evidence["fatalities"]:
            del evidence["fatalities"]
    return evidence


def fill_acled_fields(event: Event, draft: Draft, facts: Sequence[Facts], article: Article,
                      res: Resources) -> Event:
    """The event with the ACLED columns that follow from what was already extracted."""
    sentences = [facts[i].sentence.span for i in draft.sentences if 0 <= i < len(facts)]
    home = res.gazetteer.country(event.country) if event.country else None
    code = home.country_code if home else ""
    tags, tag_words = event_tags(event, sentences, res)
    doers, doer_words = associated_doers(event, draft, res, code)
    outlets = [o.strip() for o in event.source.split(";") if o.strip()]
    evidence = _injuries_apart(dict(event.evidence), draft)
    if tag_words:
        evidence["tags"] = tuple(sorted(set(tag_words), key=lambda s: s.start))
    if doer_words:
        evidence["assoc_actor_1"] = tuple(sorted(set(doer_words), key=lambda s: s.start))
    return replace(
        event,
        source_scale=combine_scales(outlet_scale(o, event.country, res) for o in outlets),
        tags=tags,
        assoc_actor_1="; ".join(doers),
        iso=event.iso if event.iso is not None or home is None else home.iso,
        region=event.region or (home.region if home else ""),
        evidence=evidence,
    )

