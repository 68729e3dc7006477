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

from tacitus.assemble import LEAD_SENTENCES
from tacitus.facts import Draft, ResolvedPlace, Role, SentenceIndex
from tacitus.places.choosing import distinct_places, event_places, fallback_place
from tacitus.resolve.fatalities import Toll, reconcile, split, toll_fields
from tacitus.resolve.notes import write_note
from tacitus.taxonomy import EVENT_TYPE_OF, Typing, civilian_targeting, classify
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
    context_country: str, layout: SentenceIndex,
) -> tuple[Event, ...]:
    """The events of one draft (one per distinct place). ``context_country`` is the
    article's country when the event itself names no place (see
    ``tacitus.places.choosing.article_country``); ``layout`` says which sentence and
    clause each of its words is in."""
    named = distinct_places(draft.places)
    place_rules = event_places(named, draft, layout)
    # No place in its own sentences: the story's first place is its place only in the lead
    # or where its words point back to it ("set up a base in the town", "there"); deeper
    # in a long article it would be any place the article happened to name first
    places = [rp for rp in named if id(rp) in place_rules] or (
        fallback_place(article_places)
        if draft.sentences[0] < LEAD_SENTENCES or draft.points_back else [])
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
    # ACLED's excessive force is force used on the demonstrators: its doer is named, or
    # the demonstrators are named as the ones hit. "Three people were shot dead as
    # thousands marched" tells deaths beside a protest, by no one the text can name.
    force_on_protest = (agent is not None and agent.inter in ARMED) or any(t.inter == 6 for t in targets) \
        or any(c.noun and res.actors.cue_kind(c.noun) == "protesters" for c in draft.casualties)
    typing = classify(_cue_texts(draft), agent.inter if agent else None, [t.inter for t in targets],
                      civilian_victims, crowd, force_on_protest)
    if typing is None:
        return ()
    told = _place_mentions(draft, places, article_places)
    shares = _tolls_by_place(draft, told, layout) or split(reconcile(draft.casualties),
                                                                 len(places) or 1)
    # Each place may have its own kind of event: "police dispersed protesters in Nairobi
    # as demonstrations in Kisumu turned violent".
    typings = [typing] * len(shares)
    for i, cues in enumerate(_cues_by_place(draft, told, layout) or ()):
        typings[i] = classify(cues, agent.inter if agent else None, [t.inter for t in targets],
                              civilian_victims, crowd, force_on_protest) or typing
    sources = _sources(draft.sources, article)
    events = []
    for i, share in enumerate(shares):
        rp = places[i] if places else None
        sides, here = (agents, patients, unknown), country
        if rp is not None and rp.place.country_code and rp.place.country_code != country_code:
            # "protests in Paris, Budapest and The Hague": each town's demonstrators (and
            # police) are of that town's country
            here = _country_name(rp.place.country_code, res)
            here_agents, here_patients, here_unknown = _sides(draft.actors, rp.place.country_code, draft.date, res)
            sides = _branches_for_parents(here_agents, here_patients, here_unknown, res)
        actor1, actor2, assoc2 = _pick_actors(typings[i], *sides, here, draft)
        event = _event(draft, article, typings[i], actor1, actor2, assoc2, rp, share, sources,
                       here, res, number * 10 + i)
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


def _cues_by_place(draft: Draft, told: _PlaceMentions | None, layout: SentenceIndex) -> list[dict[str, list[str]]] | None:
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
            sentence = layout.sentence_of(span.start)
            here = {index[rp.place.geonameid] for rp in mentions
                    if layout.sentence_of(rp.mention.span.start) == sentence}
            owners: Sequence[int] = range(told.count)
            if len(here) == 1:
                owners = list(here)  # "In Kisumu, youths set fire to a police post"
            elif len(here) > 1:
                # several of the places in one sentence: the cue is its clause's place's
                clause = layout.clause_of(span.start)
                mine = {index[rp.place.geonameid] for rp in mentions
                        if layout.clause_of(rp.mention.span.start) == clause}
                if len(mine) == 1:
                    owners, split_any = list(mine), True
            for i in owners:
                out[i].setdefault(kind, []).append(span.text.lower())
    return out if split_any else None


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


_TOLL_REACH = 80  # characters between a place and the count told for it


def _tolls_by_place(draft: Draft, told: _PlaceMentions | None, layout: SentenceIndex) -> list[Toll] | None:
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
                  and layout.sentence_of(rp.mention.span.start) == layout.sentence_of(c.evidence.start)]
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


def _typed_by(typing: Typing, draft: Draft) -> str:
    """The trace entry of the typing: the sub-type and the cue kinds it was read from."""
    return f"type:{typing.sub_event_type} from {'+'.join(sorted(draft.cues)) or 'no cue'}"


def _actor_country(draft: Draft) -> str:
    for r in draft.actors:
        if r.actor.country_code:
            return r.actor.country_code
    return ""


def _country_name(code: str, res: Resources) -> str:
    place = res.gazetteer.country(code) if code else None
    return place.country if place else ""


def _sides(roles: Sequence[Role], cc: str, date: dt.date | None, res: Resources):
    from tacitus.actors.sides import resolve_actor

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
