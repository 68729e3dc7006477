"""What else a reviewer must change after correcting an event's type: ACLED ties the
event type to who its actors can be (a protest's actor1 is protesters, inter 6; a
peaceful protest has no second actor; violence against civilians targets civilians).

``typing_consequences(event)`` lists the changes the corrected event now needs, each
with a value where ACLED's generic actor is the answer, or none where a reviewer must
name the actor.
"""
from __future__ import annotations

from dataclasses import dataclass

from tacitus.types import Event

ARMED = frozenset({1, 2, 3, 4, 8})


@dataclass(frozen=True, slots=True)
class Change:
    field: str
    value: str | None  # None: the reviewer must give it
    why: str


def _generic(kind: str, country: str) -> str:
    return f"{kind} ({country})" if country else kind


def typing_consequences(event: Event) -> tuple[Change, ...]:
    """The changes to actor1/actor2 and their inter codes that an event's (corrected)
    type and sub-type call for; empty when the actors already fit."""
    etype, sub, country = event.event_type, event.sub_event_type, event.country
    found: list[Change] = []

    def actor(side: int, name: str, inter: int, why: str) -> None:
        found.append(Change(f"actor{side}", name, why))
        found.append(Change(f"inter{side}", str(inter), why))

    if etype == "Protests" and event.inter1 != 6:
        actor(1, _generic("Protesters", country), 6,
              f"a protest's actor1 is protesters (inter 6), not {event.actor1!r} (inter {event.inter1})")
    if etype == "Riots" and event.inter1 != 5:
        actor(1, _generic("Rioters", country), 5,
              f"a riot's actor1 is rioters (inter 5), not {event.actor1!r} (inter {event.inter1})")
    if sub == "Peaceful protest" and (event.actor2 or event.inter2):
        found.append(Change("actor2", "", f"a peaceful protest has no actor2 ({event.actor2!r} was)"))
        found.append(Change("inter2", "0", "a peaceful protest has no actor2"))
    if etype == "Violence against civilians" and event.inter2 != 7:
        actor(2, _generic("Civilians", country), 7,
              f"violence against civilians targets civilians (inter 7), not {event.actor2 or 'nobody'!r}")
    if etype in ("Battles", "Explosions/Remote violence") and event.inter1 not in ARMED:
        found.append(Change("actor1", None, f"{etype}' actor1 is armed (inter 1-4 or 8), not "
                                            f"{event.actor1!r} (inter {event.inter1})"))
    if etype == "Battles" and event.inter2 not in ARMED:
        found.append(Change("actor2", None, "a battle's actor2 is armed (inter 1-4 or 8)"))
    return tuple(found)
