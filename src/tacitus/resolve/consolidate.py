"""One event per day, place and actor pair (ACLED's rule) within an article.

An article often tells one event in several sentences that each look like an event
("protesters marched…", "police fired tear gas…", "the protest turned violent"; "Russian
shelling hit Nikopol…", "the shelling of Nikopol killed two"). Events are grouped:

- a demonstration with any other demonstration of the same day and place (its most
  severe sub-type wins);
- violence with violence of the same day and place by the same attacker, or by an
  unidentified one when a named attacker is told there (the unknown is the known);
- an event placed only at a region with the same day's event of the same kind in a town
  of that region (the region only said where the town is).
"""
from __future__ import annotations

from dataclasses import replace
from typing import Sequence

from tacitus.resolve.fatalities import Toll, split, toll_fields
from tacitus.resolve.notes import write_note
from tacitus.taxonomy import civilian_targeting
from tacitus.types import Event

_DEMO_SEVERITY = {
    "Peaceful protest": 0, "Protest with intervention": 1,
    "Violent demonstration": 2, "Excessive force against protesters": 3,
}
_VIOLENCE = {"Battles", "Explosions/Remote violence", "Violence against civilians"}


def consolidate(events: Sequence[Event]) -> tuple[Event, ...]:
    groups: list[list[Event]] = []
    for e in events:
        for g in groups:
            if _same(g[0], e):
                g.append(e)
                break
        else:
            groups.append([e])
    merged = [_merge(g) for g in groups]
    kept = []
    for e in merged:
        coarse = next((o for o in merged if o is not e and _inside(o, e)), None)
        if coarse is not None and e.actor1.startswith("Unidentified") \
                and not coarse.actor1.startswith("Unidentified"):
            # "Junta aircraft bombed two towns in Sagaing … a jet struck Kanbalu": the
            # region-level sentence names who struck the towns.
            e = replace(e, actor1=coarse.actor1, inter1=coarse.inter1)
        if not any(_inside(e, o) for o in merged if o is not e):
            kept.append(e)
    for coarse in merged:
        towns = [i for i, o in enumerate(kept) if _inside(coarse, o)]
        if towns and not any(_has_toll(kept[i]) for i in towns):
            # "Aircraft bombed two towns, killing 11 … a jet struck A, a second B": the
            # region's toll belongs to its towns, shared between them.
            for i, toll in zip(towns, split(_toll(coarse), len(towns))):
                town, share = kept[i], toll_fields(toll)
                if not town.actor2 and coarse.actor2:
                    # whom the region's sentence says was hit ("killing 11 people,
                    # including three children": civilians)
                    town = replace(town, actor2=coarse.actor2, inter2=coarse.inter2,
                                   civilian_targeting=civilian_targeting(town.sub_event_type, coarse.inter2))
                kept[i] = replace(town, **share, evidence={
                    **town.evidence, "fatalities": coarse.evidence.get("fatalities", ())})
    # The fields may have changed since each note was written.
    return tuple(replace(e, notes=write_note(e)) for e in kept)


def _has_toll(e: Event) -> bool:
    return bool(e.fatalities or e.fatalities_high or e.evidence.get("fatalities"))


def _toll(e: Event) -> Toll:
    return Toll(e.fatalities_best, e.fatalities_low, e.fatalities_high,
                e.civilian_fatalities_low, e.injured_low, e.evidence.get("fatalities", ()))


def _family(e: Event) -> str:
    if e.sub_event_type in _DEMO_SEVERITY:
        return "demonstration"
    return "violence" if e.event_type in _VIOLENCE else e.sub_event_type


def _place(e: Event):
    return e.geonameid if e.geonameid is not None else e.location


def _same(a: Event, b: Event) -> bool:
    if a.event_date != b.event_date or _place(a) != _place(b) or _family(a) != _family(b):
        return False
    if _family(a) != "violence":
        return True
    unknown = ("Unidentified Armed Group", "Unidentified")
    return a.actor1 == b.actor1 or a.actor1.startswith(unknown) or b.actor1.startswith(unknown)


def _inside(coarse: Event, fine: Event) -> bool:
    """A region-level event told again at a town of that region, same day and kind."""
    region = coarse.geo_precision == 3 or (coarse.geo_precision == 2 and coarse.location == coarse.admin1)
    return (region and (fine.geo_precision or 3) < (coarse.geo_precision or 3)
            and coarse.event_date == fine.event_date and _family(coarse) == _family(fine)
            and coarse.admin1 == fine.admin1 and coarse.country == fine.country)


def _merge(group: list[Event]) -> Event:
    if len(group) == 1:
        return group[0]
    if _family(group[0]) == "demonstration":
        head = max(group, key=lambda e: _DEMO_SEVERITY.get(e.sub_event_type, 0))
    else:
        # The event as first told leads; an unknown attacker takes the name another
        # sentence gives for the same kind of event ("Al-Shabaab claimed the bombing").
        head = group[0]
        if head.actor1.startswith("Unidentified"):
            named = [e for e in group if not e.actor1.startswith("Unidentified")
                     and e.sub_event_type == head.sub_event_type]
            if named:
                head = replace(head, actor1=named[0].actor1, inter1=named[0].inter1)
    bests = [e.fatalities_best for e in group if e.fatalities_best is not None]
    gathered: dict = {}  # field -> its spans, each once (sorted once: per event grew with the square)
    for e in group:
        for field, spans in e.evidence.items():
            gathered.setdefault(field, {}).update(dict.fromkeys(spans))
    evidence = {field: tuple(sorted(spans, key=lambda s: (s.start, s.end))) for field, spans in gathered.items()}
    highs = [e.fatalities_high for e in group if e.fatalities_high is not None]
    with_actor2 = next((e for e in [head, *group] if e.actor2), None)
    return replace(
        head,
        actor2=with_actor2.actor2 if with_actor2 else "",
        inter2=with_actor2.inter2 if with_actor2 else None,
        # The same dead told in several sentences: the largest single report, never a sum.
        fatalities=max(bests) if bests else 0,
        fatalities_best=max(bests) if bests else None,
        fatalities_low=max(e.fatalities_low for e in group),
        fatalities_high=max(highs) if highs else None,
        civilian_fatalities_low=max(e.civilian_fatalities_low for e in group),
        injured_low=max(e.injured_low for e in group),
        sources_detail=tuple(dict.fromkeys(s for e in group for s in e.sources_detail)),
        source="; ".join(dict.fromkeys(x for e in group for x in e.source.split("; ") if x)),
        confidence=max(e.confidence for e in group),
        evidence=evidence,
        trace=(*_dated(head.trace, group), f"consolidated:{len(group)} mentions of one day, place and sides"),
    )


def _dated(trace: tuple[str, ...], group: list[Event]) -> tuple[str, ...]:
    """The head's trace, with the surest way any mention of the group dated the day: a
    mention told deep in the article with no date near it ("days after bombings in X")
    is dated by another that reads the same day ("a shootout with police Monday")."""
    if "date:unanchored" not in trace:
        return trace
    basis = next((s for e in group for s in e.trace if s.startswith("date:") and s != "date:unanchored"), None)
    return tuple(basis if s == "date:unanchored" and basis else s for s in trace)
