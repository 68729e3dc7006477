"""Resolve: a draft → one Event per place, with ACLED's names, codes and counts.

Actors get their canonical names and inter codes for the event's country; the
sub-type is decided once the sides are known; the toll is the conservative figure,
split between the places it was reported for; every field keeps its words.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Sequence

from tacitus.assemble import LEAD_SENTENCES, PLACE_ANAPHOR
from tacitus.facts import Draft, ResolvedPlace, Role
from tacitus.lexicon import LOCATIVES, PLACE_KINDS, ROADS
from tacitus.resolve.fatalities import Toll, reconcile, split, toll_fields
from tacitus.resolve.notes import write_note
from tacitus.resolve.places import BORDER_WITH, ORIGIN_OR_DESTINATION
from tacitus.taxonomy import EVENT_CUES, EVENT_TYPE_OF, Typing, civilian_targeting, classify
from tacitus.types import Article, Event, Place, SourceDetail, Span

if TYPE_CHECKING:
    from tacitus.resources import Resources

ARMED = {1, 2, 3, 4, 8}


@dataclass(frozen=True, slots=True)
class Side:
    name: str
    inter: int
    evidence: tuple[Span, ...]


def resolve_draft(
    draft: Draft, article: Article, article_places: Sequence[ResolvedPlace], res: Resources, number: int,
    context_country: str = "",
) -> tuple[Event, ...]:
    """The events of one draft (one per distinct place). ``context_country`` is the
    article's country when the event itself names no place (see ``article_country``)."""
    named = _distinct_places(draft.places, article.text)
    place_rules = _event_places(named, draft, article.text)
    # No place in its own sentences: the story's first place is its place only in the lead
    # or where its words point back to it ("set up a base in the town", "there"); deeper
    # in a long article it would be any place the article happened to name first
    places = [rp for rp in named if id(rp) in place_rules] or (
        _fallback_place(article_places)
        if draft.sentences[0] < LEAD_SENTENCES or _points_to_place(draft, article.text) else [])
    # The places it names only as where something else is stay visible, withheld.
    references = [rp for rp in named if rp not in places]
    country_code = (places[0].place.country_code if places else "") or context_country or _actor_country(draft)
    country = _country_name(country_code, res)
    agents, patients, unknown = _sides(draft.actors, country_code, draft.date, res)
    # "fighters linked to al-Qaeda … the Group for Support of Islam and Muslims (JNIM)":
    # the branch named is the actor, not the movement it belongs to.
    agents, patients, unknown = _branches_for_parents(agents, patients, unknown, res)
    # An armed doer outranks unarmed ones the parse also made subjects ("residents
    # killed in attacks by raiders"): ACLED's actor1 is the one who used force.
    # A protest's doers are the demonstrators, whoever they protest against.
    armed_first = "protest" not in draft.cues
    first = agents[0] if agents else None
    agent = next((a for a in agents if a.inter in ARMED and armed_first), first) \
        or next((u for u in unknown if u.inter in ARMED), None)
    # Sides whose role the parse left open are the targets when no target was found.
    targets = patients or [u for u in unknown if u is not agent]
    civilian_victims = any(c.kind == "killed" and c.civilians > 0 and not c.corroborating
                           for c in draft.casualties)
    crowd = agent is not None and agent.inter == 7 and _named_as_crowd(agent, draft)
    typing = classify(_cue_texts(draft), agent.inter if agent else None, [t.inter for t in targets],
                      civilian_victims, crowd)
    if typing is None:
        return ()
    told = _place_mentions(draft, places, article_places)
    shares = _tolls_by_place(draft, told, article.text) or split(reconcile(draft.casualties),
                                                                 len(places) or 1)
    # Each place may have its own kind of event: "police dispersed protesters in Nairobi
    # as demonstrations in Kisumu turned violent".
    typings = [typing] * len(shares)
    for i, cues in enumerate(_cues_by_place(draft, told, article.text) or ()):
        typings[i] = classify(cues, agent.inter if agent else None, [t.inter for t in targets],
                              civilian_victims, crowd) or typing
    sources = _sources(draft.sources, article)
    events = []
    for i, share in enumerate(shares):
        rp = places[i] if places else None
        actor1, actor2, assoc2 = _pick_actors(typings[i], agents, patients, unknown, country, draft)
        event = _event(draft, article, typings[i], actor1, actor2, assoc2, rp, share, sources,
                       country, res, number * 10 + i)
        how = place_rules.get(id(rp), "article_place") if rp is not None else "none"
        events.append(replace(event, trace=(*event.trace, f"place:{how}", _typed_by(typings[i], draft))))
    for k, rp in enumerate(references):
        actor1, actor2, assoc2 = _pick_actors(typing, agents, patients, unknown, country, draft)
        event = _event(draft, article, typing, actor1, actor2, assoc2, rp, shares[0], sources,
                       country, res, number * 10 + len(shares) + k)
        events.append(replace(event, trace=(*event.trace, "place:reference"),
                              withheld=f"reference_place: {rp.place.name} is named only as "
                                       f"where something else is"))
    return tuple(events)


@dataclass(frozen=True, slots=True)
class _PlaceMentions:
    """Where the text names each of an event's places (also in sentences that only give
    its toll): ``index`` maps a place's geonameid to its position in the event's places."""

    count: int
    index: dict[int, int]
    mentions: tuple[ResolvedPlace, ...]  # in text order, one per position in the text


def _place_mentions(draft: Draft, places: Sequence[ResolvedPlace],
                    article_places: Sequence[ResolvedPlace]) -> _PlaceMentions | None:
    if len(places) < 2:
        return None
    index = {rp.place.geonameid: i for i, rp in enumerate(places)}
    by_start = {rp.mention.span.start: rp for rp in (*draft.places, *article_places)
                if rp.place.geonameid in index}
    return _PlaceMentions(len(places), index, tuple(sorted(by_start.values(),
                                                           key=lambda rp: rp.mention.span.start)))


def _cues_by_place(draft: Draft, told: _PlaceMentions | None, text: str) -> list[dict[str, list[str]]] | None:
    """The cues told of each place, when a sentence names several of the event's places:
    a cue belongs to the place named last before it in its sentence (to the sentence's
    first place when it comes before them all); cues of sentences naming none of them
    belong to every place. None when there is one place or nothing to tell apart."""
    if told is None:
        return None
    index, mentions = told.index, told.mentions
    out: list[dict[str, list[str]]] = [{} for _ in range(told.count)]
    split_any = False
    for kind, spans in draft.cues.items():
        for span in spans:
            start, end = _sentence_around(text, span.start)
            here = {index[rp.place.geonameid] for rp in mentions if start <= rp.mention.span.start < end}
            owners: Sequence[int] = range(told.count)
            if len(here) == 1:
                owners = list(here)  # "In Kisumu, youths set fire to a police post"
            elif len(here) > 1:
                # several of the places in one sentence: the cue is its clause's place's
                c_start, c_end = _clause_around(text, span.start, start, end)
                mine = {index[rp.place.geonameid] for rp in mentions
                        if c_start <= rp.mention.span.start < c_end}
                if len(mine) == 1:
                    owners, split_any = list(mine), True
            for i in owners:
                out[i].setdefault(kind, []).append(span.text.lower())
    return out if split_any else None


# Where one clause of a sentence ends and the next, about another place, begins.
_CLAUSE_BREAK = re.compile(r";|,\s+(?:as|while|whereas|but|and)\s+|\s+(?:while|whereas)\s+|\s+as\s+(?-i:(?=[A-Z]))|"
                           r"\s+and\s+(?=(?:a|an|the|another|in|at)\s)", re.IGNORECASE)


def _clause_around(text: str, pos: int, start: int, end: int) -> tuple[int, int]:
    breaks = [m for m in _CLAUSE_BREAK.finditer(text, start, end)]
    c_start = max((m.end() for m in breaks if m.end() <= pos), default=start)
    c_end = min((m.start() for m in breaks if m.start() >= pos), default=end)
    return c_start, c_end


def _sentence_around(text: str, pos: int) -> tuple[int, int]:
    starts = [m.end() for m in _SENTENCE_END.finditer(text, 0, pos)]
    start = starts[-1] if starts else 0
    m = _SENTENCE_END.search(text, pos)
    return start, (m.start() + 1 if m else len(text))


def _branches_for_parents(agents: list[Side], patients: list[Side], unknown: list[Side], res: Resources):
    """A movement and its branch named for one event are one side: the branch, in the
    role the text gives either of them (the movement's when it has one)."""
    sides = (*agents, *patients, *unknown)
    branch: dict[str, Side] = {}  # movement name -> the side of its branch
    for side in sides:
        actor = res.actors.named_actor(side.name)
        if actor is not None and actor.branch_of:
            branch[actor.branch_of] = side
    moved = [branch[s.name] for s in sides if s.name in branch]  # branches taking a movement's place
    if not moved:
        return agents, patients, unknown
    return tuple(
        [Side(branch[s.name].name, branch[s.name].inter, s.evidence + branch[s.name].evidence)
         if s.name in branch else s for s in group if not any(s is b for b in moved)]
        for group in (agents, patients, unknown))


def _tolls_by_place(draft: Draft, told: _PlaceMentions | None, text: str) -> list[Toll] | None:
    """Each place's own toll when the report gives one per place ("in Kherson, three were
    killed; in Nikopol, one"; "shelled Kherson, killing three, and Nikopol, killing one");
    None when the counts cannot all be tied to a place (the toll is then shared)."""
    if told is None or not draft.casualties:
        return None
    index, mentions = told.index, told.mentions
    per_place: list[list] = [[] for _ in range(told.count)]
    unplaced = []
    for c in draft.casualties:
        before = [rp for rp in mentions if rp.mention.span.end <= c.evidence.start
                  and c.evidence.start - rp.mention.span.end <= _TOLL_REACH
                  and not _SENTENCE_END.search(text[rp.mention.span.end:c.evidence.start])]
        if before:
            per_place[index[before[-1].place.geonameid]].append(c)
        else:
            unplaced.append(c)
    placed = [reconcile(cs) for cs in per_place]
    if sum(1 for cs in per_place if cs) < 2:
        return None
    total = sum(t.best or 0 for t in placed)
    # A total told before the breakdown ("four killed: three in Kherson, one in
    # Nikopol") agrees with it; any other count left over cannot be placed.
    if any(c.kind == "killed" and c.best not in (0, total) and not c.corroborating for c in unplaced):
        return None
    return placed


def _named_as_crowd(side: Side, draft: Draft) -> bool:
    """The side's words are a crowd cue ("residents", "students", "rival supporters"),
    not one person or a livelihood group that ACLED codes as a communal militia."""
    crowd = draft.cues.get("crowd", ())
    return any(c.start < e.end and e.start < c.end for c in crowd for e in side.evidence)


def _cue_texts(draft: Draft) -> dict[str, list[str]]:
    return {k: [s.text.lower() for s in v] for k, v in draft.cues.items()}


_SAYS_WHERE = re.compile(
    r"^\s*(?:" + PLACE_KINDS.pattern("says_where") + r"\s*)?(?:,|\s(?:in|of)(?:\s+the)?)\s*$", re.IGNORECASE)


def _distinct_places(places: Sequence[ResolvedPlace], text: str = "") -> list[ResolvedPlace]:
    """One per place. A place named as where another lies ("Nijrab district, Kapisa",
    "al-Bukamal and the Susa town in Deir ez-Zor") is its container, not a second event;
    a country is only context when anything finer is named."""
    by_id: dict[int, ResolvedPlace] = {}
    for rp in places:
        if text and _elsewhere(rp, text):
            continue
        kept = by_id.get(rp.place.geonameid)
        if kept is None or rp.geo_precision < kept.geo_precision:
            by_id[rp.place.geonameid] = rp
    chosen = list(by_id.values())
    if any(rp.place.kind != "country" for rp in chosen):
        chosen = [rp for rp in chosen if rp.place.kind != "country"]
    chosen = [rp for rp in chosen if not any(_contains(rp, other) for other in chosen)]
    chosen.sort(key=lambda rp: rp.mention.span.start)
    if text:
        # "in Dawlat Abad district, Balkh", "Qalat area of Kushki Kuhna district": a region
        # named right after a place says where that place lies, whatever the index holds.
        chosen = [rp for i, rp in enumerate(chosen) if not (
            i > 0 and rp.geo_precision >= 2 and rp.place.kind in {"admin1", "admin2"}
            and _SAYS_WHERE.match(text[chosen[i - 1].mention.span.end:rp.mention.span.start]))]
    return chosen


# What joins the places of one list: "in A, B and C", "A and the town of B", "A or B",
# with unknown names or bracketed second names between them ("A, Sangin (Hasakmina), and B").
_PLACE_LIST = re.compile(r"^(?:\s*,|\s+(?:and|or|as well as)\b|\s+(?:in|at|the)\b|\s+[A-Z][\w'’-]*)*\s*$")
_BRACKETED = re.compile(r"\([^()]*\)")
_SEPARATOR = re.compile(r",|\b(?:and|or|as well as)\b")
# The words just before a place that say something happened there.
_LOCATIVE = re.compile(r"\b(?i:" + LOCATIVES.pattern("event_place") + r")\s+(?i:the\s+)?"
                       r"(?:[a-z][a-z-]*\s+){0,2}$")  # "in the capital Nairobi"


_ROAD = re.compile(r"-[\w'’ -]{2,40}?\b" + ROADS.pattern("road_end") + r"\b", re.IGNORECASE)
_DESTINATION = re.compile(r"\b(?:to|towards?|from|for)\s+(?:the\s+)?$", re.IGNORECASE)
# A place used as an attribute: a lower-case noun follows ("the Kabul government",
# "Kisumu youth"), not a kind word, verb or preposition.
_ATTRIBUTE = re.compile(r"(?:['’]s)?\s+(?!(?:and|or|in|on|at|to|of|for|from|by|with|near|after|before|"
                        r"was|were|is|are|has|have|had|said|says|city|town|village|district|province|"
                        r"county|region|state|area|governorate|camp|border)\b)[a-z][a-z-]+\b")
_OBJECT_GAP = re.compile(r"^\s+(?:the\s+)?$", re.IGNORECASE)
_IN_OR_AT = re.compile(r"\b" + LOCATIVES.pattern("in_or_at") + r"\s+(?:the\s+)?$", re.IGNORECASE)


def _listed(gap: str) -> bool:
    gap = _BRACKETED.sub(" ", gap)
    if "(" in gap or ")" in gap:
        return not gap.replace("(", " ").replace(")", " ").strip()  # "A (B)": B is A's other name
    return bool(_PLACE_LIST.match(gap)) and (bool(_SEPARATOR.search(gap)) or not gap.strip())


def _event_places(places: list[ResolvedPlace], draft: Draft, text: str) -> dict[int, str]:
    """Where the event happened: one place, or the places its own sentence lists ("in
    A, B and C"). A place named elsewhere in the story, or in the same sentence outside
    that list ("the Kurdish town of A, north of B", "a day after bombings in C"), only
    says where something else is. Returns the rule that chose each place, by id."""
    start, end = _sentence_around(text, draft.trigger.start)
    here = [rp for rp in places if start <= rp.mention.span.start < end]
    if not here:
        # "... between Moscow and Washington" in a later sentence: a place named outside
        # the trigger's sentence counts only where it is said to be where things happened
        places = [rp for rp in places if _place_rank(rp, draft.trigger, text)[0] >= 2] or places[:0]
    if len(places) < 2:
        return {id(rp): "only_place" for rp in places}
    pool = here or places
    primary = max(pool, key=lambda rp: _place_rank(rp, draft.trigger, text)) if here else pool[0]
    chosen = {id(primary): "strongest_in_sentence" if here else "first_in_story"}
    ordered = sorted(pool, key=lambda rp: rp.mention.span.start)
    i = ordered.index(primary)
    for step in (-1, 1):  # grow the list both ways while the joins are list joins
        j = i
        while 0 <= j + step < len(ordered):
            a, b = sorted((ordered[j], ordered[j + step]), key=lambda rp: rp.mention.span.start)
            if not _listed(text[a.mention.phrase.end:b.mention.phrase.start]):
                break
            j += step
            chosen[id(ordered[j])] = "listed_with_it"
    # "bombs fell on a market in A, and a second aircraft struck a monastery in B",
    # "shelled A, killing three, and B, killing one": a place in another clause of the
    # sentence that tells an event or a toll of its own
    cue_starts = [sp.start for kind, spans in draft.cues.items() if kind in EVENT_CUES for sp in spans]
    cue_starts += [c.evidence.start for c in draft.casualties]
    for rp in here:
        if _IN_OR_AT.search(text[max(0, rp.mention.phrase.start - 12):rp.mention.phrase.start]) \
                and not rp.mention.cue:
            chosen.setdefault(id(rp), "told_in_its_sentence")  # "killed in Mandera town and Dadaab"
            continue
        c_start, c_end = _clause_around(text, rp.mention.span.start, start, end)
        if id(rp) not in chosen and (c_start, c_end) != _clause_around(text, primary.mention.span.start, start, end) \
                and any(c_start <= c < c_end for c in cue_starts):
            chosen[id(rp)] = "own_clause"
    return {id(rp): chosen[id(rp)] for rp in places if id(rp) in chosen}


def _typed_by(typing: Typing, draft: Draft) -> str:
    """The trace entry of the typing: the sub-type and the cue kinds it was read from."""
    return f"type:{typing.sub_event_type} from {'+'.join(sorted(draft.cues)) or 'no cue'}"


def _place_rank(rp: ResolvedPlace, trigger: Span, text: str) -> tuple[int, int, int]:
    """How surely the sentence puts its event at this place: a place after a locative
    word ("in Chaki Wardak", "the area of Tarinkot") beats one used as an adjective ("the
    Kabul government"); a road's end, a destination ("to Nairobi") or a loose spelling is
    the weakest; a place after the trigger beats one before it. Ties go to the most
    precise place (ACLED codes the finest place given), then to the one nearest the trigger."""
    start = rp.mention.phrase.start
    before = text[max(0, start - 40):start]
    # "attacked Nyakach", "shelled the town": the trigger's object is where it happened
    object_of_trigger = start >= trigger.end and _OBJECT_GAP.match(text[trigger.end:start])
    rank = 2 if rp.mention.cue or _LOCATIVE.search(before) or object_of_trigger else 0
    if _ROAD.match(text, rp.mention.span.end) or _DESTINATION.search(before):
        rank -= 3
    if rp.mention.loose:
        rank -= 1
    if start >= trigger.start:
        # "to protest the involvement of a Mombasa businessman", "against the Mogadishu
        # bombing": a place named as an attribute after the trigger is the topic
        rank += -1 if _ATTRIBUTE.match(text, rp.mention.span.end) and not rank else 1
    return rank, -rp.geo_precision, -abs(start - trigger.start)


def _elsewhere(rp: ResolvedPlace, text: str) -> bool:
    """A country named as where people come from or go to ("raiders from Sudan")."""
    start = rp.mention.phrase.start
    before = text[max(0, start - 40):start]
    if rp.place.kind != "country":
        # "near the border with Jalisco", "the roads leading to El Obeid": a neighbouring
        # area or a destination, not where it happened
        return bool(_BORDER_WITH.search(before) or _HEADING_TO.search(before))
    return bool(ORIGIN_OR_DESTINATION.search(before))


_TOLL_REACH = 80  # characters between a place and the count told for it
_SENTENCE_END = re.compile(r"[.!?]\s")
_HEADING_TO = re.compile(r"\b(?:leading|heading|going|bound|travell?ing|driving|en route|withdrew|"
                         r"withdrawn|withdrawing|retreated|retreating|fled|fleeing|pulled back)\s+"
                         r"(?:to|towards?|for)\s+(?:the\s+)?$", re.I)
_BORDER_WITH = re.compile(r"\b(?:" + BORDER_WITH + r")\s+(?:the\s+)?$", re.I)


def _contains(outer: ResolvedPlace, inner: ResolvedPlace) -> bool:
    if outer.place.geonameid == inner.place.geonameid:
        return False
    if inner.mention.span.start > outer.mention.span.start and outer.place.kind == "city":
        return False  # a container is named after what it contains
    name = _norm(outer.place.name)
    same_admin1 = bool(inner.place.admin1) and _norm(inner.place.admin1) == name
    same_admin2 = bool(inner.place.admin2) and _norm(inner.place.admin2) == name
    if outer.place.kind in {"admin1", "admin2"}:
        return outer.place.country_code == inner.place.country_code and (
            same_admin1 or same_admin2 or (outer.place.kind == "admin1" and outer.place.admin1 == inner.place.admin1))
    return same_admin1 or same_admin2


def _norm(name: str) -> str:
    return "".join(ch for ch in name.lower() if ch.isalnum())


def _points_to_place(draft: Draft, text: str) -> bool:
    """The event's sentence names its place by pointing back: "the town", "there"."""
    start, end = _sentence_around(text, draft.trigger.start)
    return bool(PLACE_ANAPHOR.search(text, start, end))


def _fallback_place(article_places: Sequence[ResolvedPlace]) -> list[ResolvedPlace]:
    """No place in the event's sentences: the article's first well-resolved place."""
    for rp in article_places:
        if rp.geo_precision <= 2 and rp.place.kind != "country":
            return [rp]
    return []  # a country alone is no location: the event keeps its country, no point


def article_country(article: Article, article_places: Sequence[ResolvedPlace], actors, home: str) -> str:
    """The country an article is about, for events that name no place of their own: its
    places first, then its outlet's or dateline's country (``home``, "Daily Nation
    (Kenya)"), then a country its actors belong to ("Kenyan police")."""
    for rp in article_places:
        if rp.place.country_code and not _elsewhere(rp, article.text):
            return rp.place.country_code
    if home:
        return home
    for a in actors:
        if a.country_code:
            return a.country_code
    return ""


def _actor_country(draft: Draft) -> str:
    for r in draft.actors:
        if r.actor.country_code:
            return r.actor.country_code
    return ""


def _country_name(code: str, res: Resources) -> str:
    place = res.gazetteer.country(code) if code else None
    return place.country if place else ""


def _sides(roles: Sequence[Role], cc: str, date: dt.date | None, res: Resources):
    from tacitus.resolve.actors import resolve_actor

    agents: list[Side] = []
    patients: list[Side] = []
    unknown: list[Side] = []
    seen: set[str] = set()
    for r in roles:
        if r.role == "speaker":
            continue  # "…, the city's police command said": a source, not a side
        name, inter = resolve_actor(r.actor, cc, res.actors, date)
        if "{" in name:
            continue  # a generic actor whose country is unknown: no name to give
        if r.role == "patient" and inter in {2, 3, 4} and _CIVILIAN_NOUN.search(r.actor.span.text):
            # "Turkana herders", "Degodia villagers" attacked are civilians, whatever their group.
            country = _country_name(cc, res)
            name, inter = (f"Civilians ({country})" if country else "Civilians"), 7
        if name in seen:
            # The first mention of an actor decides its side, unless a later one names it
            # as the doer: "3 Taliban were killed ... in attacks by the Taliban".
            if r.role == "agent" and not any(a.name == name for a in agents):
                earlier = next(s for s in patients + unknown if s.name == name)
                (patients if earlier in patients else unknown).remove(earlier)
                agents.append(earlier)
            continue
        seen.add(name)
        side = {"agent": agents, "patient": patients}.get(r.role, unknown)
        side.append(Side(name, inter, (r.actor.span,)))
    return agents, patients, unknown


_CIVILIAN_NOUN = re.compile(
    r"\b(?:herders?|herdsmen|herdsman|villagers?|residents?|farmers?|fishermen|traders?|pupils?|"
    r"students?|women|children|worshippers|passengers|civilians?|families|family|communit(?:y|ies))\b", re.IGNORECASE)


def _pick_actors(typing: Typing, agents, patients, unknown, country: str, draft: Draft):
    sub, etype = typing.sub_event_type, typing.event_type
    def named(kind: str) -> str:
        # ACLED's generic names carry the country; with none known, the bare form.
        if not country:
            return kind
        return f"{kind} of {country}" if kind.endswith("Forces") else f"{kind} ({country})"

    pool = agents + unknown + patients
    if etype == "Protests":
        a1 = next((s for s in pool if s.inter == 6), Side(named("Protesters"), 6, ()))
        others = [s for s in pool if s.inter in {1, 8} and s is not a1]
        a2 = others[0] if others and sub != "Peaceful protest" else None
        return a1, a2, ""
    if etype == "Riots":
        a1 = next((s for s in pool if s.inter == 5), Side(named("Rioters"), 5, ()))
        rest = [s for s in pool if s is not a1 and s.inter != 5]
        if sub == "Mob violence":
            a2 = rest[0] if rest else Side(named("Civilians"), 7, ())
        else:
            a2 = next((s for s in rest if s.inter in {1, 8}), None)
        return a1, a2, ""
    armed_agents = [s for s in agents if s.inter in ARMED] or [s for s in unknown if s.inter in ARMED]
    # "Gunmen …, believed to be linked to Al Shabaab": the named group is the attacker.
    # A named group whose role the parse left open ("Perpetrators believed to be al
    # Shabaab", "Al Shabaab suspected") is the suspect when the doer is unknown.
    named_rebels = [s for s in armed_agents + unknown
                    if s.inter in {2, 3, 4} and not s.name.startswith("Unidentified")]
    if not armed_agents and named_rebels:
        armed_agents = [named_rebels[0]]
    if armed_agents and armed_agents[0].name.startswith("Unidentified") and named_rebels:
        armed_agents.insert(0, named_rebels[0])
    if sub == "Arrests":
        a1 = next((s for s in pool if s.inter == 1), Side(named("Police Forces"), 1, ()))
    elif armed_agents:
        a1 = armed_agents[0]
    elif agents:
        a1 = agents[0]
    else:
        a1 = Side(named("Unidentified Armed Group"), 3, ())
    rest = [s for s in patients + unknown + agents if s.name != a1.name]
    if etype == "Violence against civilians" or sub in {"Arrests", "Abduction/forced disappearance"}:
        a2 = next((s for s in rest if s.inter == 7), None) or Side(named("Civilians"), 7, ())
        return a1, a2, ""
    if etype == "Battles":
        # A battle's other side is armed; civilians named with it are associated.
        rest = [s for s in rest if s.inter in ARMED] or rest
    named_rest = [s for s in rest if s.inter in ARMED and not s.name.startswith("Unidentified")]
    if rest and rest[0].name.startswith("Unidentified") and named_rest:
        # "killing nine militants" after "an attack by al-Shabaab fighters", "the army
        # drove the attackers back": a generic word for a side the text names
        rest.insert(0, named_rest[0])
    a2 = rest[0] if rest else None
    assoc = ""
    if a2 is not None and a2.inter != 7 and draft.civilians_hit:
        assoc = named("Civilians")
    elif a2 is None and draft.civilians_hit:
        a2 = Side(named("Civilians"), 7, ())
    return a1, a2, assoc


def _sources(details: Sequence[SourceDetail], article: Article) -> tuple[SourceDetail, ...]:
    seen, out = set(), []
    for d in details:
        key = (d.name, d.role)
        if key not in seen:
            seen.add(key)
            out.append(d)
    return tuple(out)


def _event(draft, article, typing, actor1: Side, actor2: Side | None, assoc2: str,
           rp: ResolvedPlace | None, toll: Toll, sources, country: str, res, serial: int) -> Event:
    place: Place | None = rp.place if rp else None
    inter2 = actor2.inter if actor2 else None
    outlets = [o for o in [article.outlet, *(s.outlet for s in sources)] if o]
    source = "; ".join(dict.fromkeys(outlets))
    evidence: dict[str, tuple[Span, ...]] = {
        "sub_event_type": tuple(s for spans in draft.cues.values() for s in spans) or (draft.trigger,),
        "actor1": actor1.evidence,
        "actor2": actor2.evidence if actor2 else (),
        "location": (rp.mention.span,) if rp else (),
        "event_date": draft.date_evidence,
        "fatalities": toll.evidence,
        "source": tuple(s.evidence for s in sources if s.evidence is not None),
    }
    evidence = {k: tuple(sorted(set(v), key=lambda s: (s.start, s.end))) for k, v in evidence.items() if v}
    event = Event(
        article_id=article.id,
        event_date=draft.date,
        time_precision=draft.time_precision if draft.date is not None else None,  # undated: empty
        disorder_type=typing.disorder_type,
        event_type=typing.event_type,
        sub_event_type=typing.sub_event_type,
        actor1=actor1.name,
        inter1=actor1.inter,
        actor2=actor2.name if actor2 else "",
        inter2=inter2,
        assoc_actor_2=assoc2,
        civilian_targeting=civilian_targeting(typing.sub_event_type, inter2),
        iso=place.iso if place else None,
        region=place.region if place else "",
        country=place.country if place else country,
        admin1=place.admin1 if place else "",
        admin2=place.admin2 if place else "",
        location=place.name if place else "",
        latitude=round(place.latitude, 4) if place else None,
        longitude=round(place.longitude, 4) if place else None,
        geo_precision=rp.geo_precision if rp else None,
        geonameid=place.geonameid if place else None,
        source=source,
        **toll_fields(toll),
        url=article.url,
        sources_detail=tuple(sources),
        evidence=evidence,
        trace=draft.trace,
        place_reason=rp.reason if rp else "",
    )
    event = _with_id(event, article, serial, res)

    confidence = _confidence(draft, rp, actor1)
    if rp is None or rp.place.kind == "country":
        confidence = round(max(0.0, confidence - 0.15), 2)  # no place finer than a country
    return replace(event, notes=write_note(event), confidence=confidence)


def _with_id(event: Event, article: Article, serial: int, res) -> Event:
    iso3 = ""
    if event.country:
        place = res.gazetteer.country(event.country)
        iso3 = _alpha3(place.country_code) if place else ""
    # 96 bits: finding two articles whose ids collide takes about 2**48 hashes, out of
    # reach (40 bits took a second); the store still refuses a collision by name.
    digest = hashlib.sha256(f"{article.id}:{serial}".encode("utf-8", "surrogatepass")).hexdigest()[:24].upper()
    return replace(event, event_id_cnty=f"{iso3 or 'XXX'}-{digest}")


def _alpha3(code: str) -> str:
    import pycountry

    c = pycountry.countries.get(alpha_2=code)
    return c.alpha_3 if c else ""


def _confidence(draft: Draft, rp: ResolvedPlace | None, actor1: Side) -> float:
    """How the fields were found: read from the event's own words scores higher than
    inherited from context or filled by a default."""
    from tacitus.taxonomy import WEAK_ATTACK

    place_read = rp is not None and rp in draft.places
    strong_trigger = not WEAK_ATTACK.match(draft.trigger.text)
    score = 0.35
    score += 0.2 if place_read else 0.05
    score += 0.15 if draft.date_read else 0.05
    score += 0.15 if actor1.evidence else 0.05
    score += 0.15 if strong_trigger else 0.05
    return round(min(score, 1.0), 2)


__all__ = ["resolve_draft", "EVENT_TYPE_OF"]
