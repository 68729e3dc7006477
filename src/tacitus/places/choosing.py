"""The event's place: which of the places named with an event is where it happened.

One place, or the places its own sentence lists ("in A, B and C"); a place named only as
where something else is (a container, a border, a destination, a place elsewhere in the
story) is a reference, not the event's place. ``event_places`` returns the rule that chose
each place, for the event's trace; ``article_country`` is the country of an event that
names no place of its own. What the words around each place say (a locative before it,
the list it is in, ...) was read where the places were found (``PlaceAttachment``): no
function here reads the text.
"""
from __future__ import annotations

from typing import Sequence

from tacitus.facts import Draft, ResolvedPlace, SentenceIndex
from tacitus.taxonomy import EVENT_CUES
from tacitus.types import Span


def distinct_places(places: Sequence[ResolvedPlace]) -> list[ResolvedPlace]:
    """One per place. A place named as where another lies ("Nijrab district, Kapisa",
    "al-Bukamal and the Susa town in Deir ez-Zor") is its container, not a second event;
    a country is only context when anything finer is named."""
    by_id: dict[int, ResolvedPlace] = {}
    for rp in places:
        if _elsewhere(rp):
            continue
        kept = by_id.get(rp.place.geonameid)
        if kept is None or rp.geo_precision < kept.geo_precision:
            by_id[rp.place.geonameid] = rp
    chosen = list(by_id.values())
    if any(rp.place.kind != "country" for rp in chosen):
        chosen = [rp for rp in chosen if rp.place.kind != "country"]
    chosen = [rp for rp in chosen if not any(_contains(rp, other) for other in chosen)]
    chosen.sort(key=lambda rp: rp.mention.span.start)
    # "in Dawlat Abad district, Balkh", "Qalat area of Kushki Kuhna district": a region
    # named right after a place says where that place lies, whatever the index holds.
    return [rp for i, rp in enumerate(chosen) if not (
        i > 0 and rp.geo_precision >= 2 and rp.place.kind in {"admin1", "admin2"}
        and rp.mention.span.start in chosen[i - 1].mention.attachment.lies_in)]


def _listed(a: ResolvedPlace, b: ResolvedPlace) -> bool:
    """The words between the two places (``a`` named first) join them as one list."""
    return b.mention.span.start in a.mention.attachment.listed_with


def event_places(places: list[ResolvedPlace], draft: Draft, layout: SentenceIndex) -> dict[int, str]:
    """Where the event happened: one place, or the places its own sentence lists ("in
    A, B and C"). A place named elsewhere in the story, or in the same sentence outside
    that list ("the Kurdish town of A, north of B", "a day after bombings in C"), only
    says where something else is. Returns the rule that chose each place, by id."""
    sentence = layout.sentence_of(draft.trigger.start)
    here = [rp for rp in places if layout.sentence_of(rp.mention.span.start) == sentence]
    if not here:
        # "... between Moscow and Washington" in a later sentence: a place named outside
        # the trigger's sentence counts only where it is said to be where things happened
        places = [rp for rp in places if _place_rank(rp, draft.trigger)[0] >= 2] or places[:0]
    if len(places) < 2:
        return {id(rp): "only_place" for rp in places}
    pool = here or places
    primary = max(pool, key=lambda rp: _place_rank(rp, draft.trigger)) if here else pool[0]
    chosen = {id(primary): "strongest_in_sentence" if here else "first_in_story"}
    ordered = sorted(pool, key=lambda rp: rp.mention.span.start)
    i = ordered.index(primary)
    for step in (-1, 1):  # grow the list both ways while the joins are list joins
        j = i
        while 0 <= j + step < len(ordered):
            a, b = sorted((ordered[j], ordered[j + step]), key=lambda rp: rp.mention.span.start)
            if not _listed(a, b):
                break
            j += step
            chosen[id(ordered[j])] = "listed_with_it"
    # "bombs fell on a market in A, and a second aircraft struck a monastery in B",
    # "shelled A, killing three, and B, killing one": a place in another clause of the
    # sentence that tells an event or a toll of its own
    cue_starts = [sp.start for kind, spans in draft.cues.items() if kind in EVENT_CUES for sp in spans]
    cue_starts += [c.evidence.start for c in draft.casualties]
    cue_clauses = {layout.clause_of(c) for c in cue_starts}
    primary_clause = layout.clause_of(primary.mention.span.start)
    for rp in here:
        if rp.mention.attachment.in_or_at and not rp.mention.cue:
            chosen.setdefault(id(rp), "told_in_its_sentence")  # "killed in Mandera town and Dadaab"
            continue
        clause = layout.clause_of(rp.mention.span.start)
        if id(rp) not in chosen and clause != primary_clause and clause in cue_clauses:
            chosen[id(rp)] = "own_clause"
    return {id(rp): chosen[id(rp)] for rp in places if id(rp) in chosen}


def _place_rank(rp: ResolvedPlace, trigger: Span) -> tuple[int, int, int]:
    """How surely the sentence puts its event at this place: a place after a locative
    word ("in Chaki Wardak", "the area of Tarinkot") beats one used as an adjective ("the
    Kabul government"); a road's end, a destination ("to Nairobi") or a loose spelling is
    the weakest; a place after the trigger beats one before it. Ties go to the most
    precise place (ACLED codes the finest place given), then to the one nearest the trigger."""
    start = rp.mention.phrase.start
    said = rp.mention.attachment
    # "attacked Nyakach", "shelled the town": the trigger's object is where it happened
    object_of_trigger = trigger.end in said.follows
    rank = 2 if rp.mention.cue or said.locative or object_of_trigger else 0
    if said.road_end or said.destination:
        rank -= 3
    if rp.mention.loose:
        rank -= 1
    if start >= trigger.start:
        # "to protest the involvement of a Mombasa businessman", "against the Mogadishu
        # bombing": a place named as an attribute after the trigger is the topic
        rank += -1 if said.attribute and not rank else 1
    return rank, -rp.geo_precision, -abs(start - trigger.start)


def _elsewhere(rp: ResolvedPlace) -> bool:
    """A country named as where people come from or go to ("raiders from Sudan"); a
    place named as a neighbouring area or a destination ("near the border with Jalisco",
    "the roads leading to El Obeid"), not where it happened."""
    said = rp.mention.attachment
    return said.away if rp.place.kind == "country" else said.beside


def _contains(outer: ResolvedPlace, inner: ResolvedPlace) -> bool:
    if outer.place.geonameid == inner.place.geonameid:
        return False
    if outer.place.kind == "city" and outer.mention.span.start not in inner.mention.attachment.lies_in:
        # a town contains another only where the text says so ("Roysambu, Nairobi"); a
        # town named elsewhere in the sentence is another place, even where the first
        # one's district bears its name ("in Qayyarah, ... in Mosul")
        return False
    name = _norm(outer.place.name)
    same_admin1 = bool(inner.place.admin1) and _norm(inner.place.admin1) == name
    same_admin2 = bool(inner.place.admin2) and _norm(inner.place.admin2) == name
    if outer.place.kind in {"admin1", "admin2"}:
        return outer.place.country_code == inner.place.country_code and (
            same_admin1 or same_admin2 or (outer.place.kind == "admin1" and outer.place.admin1 == inner.place.admin1))
    return same_admin1 or same_admin2


def _norm(name: str) -> str:
    return "".join(ch for ch in name.lower() if ch.isalnum())


def fallback_place(article_places: Sequence[ResolvedPlace]) -> list[ResolvedPlace]:
    """No place in the event's sentences: the article's first well-resolved place."""
    for rp in article_places:
        if rp.geo_precision <= 2 and rp.place.kind != "country":
            return [rp]
    return []  # a country alone is no location: the event keeps its country, no point


def article_country(article_places: Sequence[ResolvedPlace], actors, home: str) -> str:
    """The country an article is about, for events that name no place of their own: its
    places first, then its outlet's or dateline's country (``home``, "Daily Nation
    (Kenya)"), then a country its actors belong to ("Kenyan police")."""
    for rp in article_places:
        if rp.place.country_code and not _elsewhere(rp):
            return rp.place.country_code
    if home:
        return home
    for a in actors:
        if a.country_code:
            return a.country_code
    return ""
