"""An actor mention -> its side in an event: ACLED's final actor name and inter code.

- Templates are filled with the actor's own country when the words said it ("Russian
  warplanes" -> Russia), else with the event's country, in ACLED's spelling.
- State forces (inter 1) get the government period suffix, "(2013-2022)", when
  ``governments.tsv`` knows the period that holds ``on``; without ``on``, no suffix.
- State forces of a country other than the event's are external forces there: inter 8.
- A named group that became its country's government (the Taliban from 15 August 2021)
  is that country's military from that day; a named group may carry a local ACLED name
  in one country (Mozambican "al-Shabaab").
"""
from __future__ import annotations

import datetime as dt
import re

from tacitus.actors.dictionary import ActorIndex, actor_country
from tacitus.facts import ActorMention

__all__ = ["actor_country", "resolve_actor"]

_STATE_INTER = 1
_EXTERNAL_INTER = 8
_MILITARY = "military"
_EMPTY_SLOT = re.compile(r"\s*\(\{country\}\)|\s+of \{of_country\}|\{country\}|\{of_country\}")


def resolve_actor(m: ActorMention, event_country_code: str, index: ActorIndex,
                  on: dt.date | None = None) -> tuple[str, int]:
    """The ACLED actor name and inter code for ``m`` in an event in ``event_country_code``.

    ``on`` is the event date; it picks the government period of state forces.
    """
    if m.kind == "named":
        actor = index.named_actor(m.name)
        if actor is not None:
            local = dict(actor.local).get(event_country_code)
            if local:
                return local, actor.inter
            if actor.state_from and on and on >= actor.state_from and actor.country \
                    and actor.country == event_country_code:
                return _fill(index.kinds[_MILITARY].template, actor.country, _STATE_INTER,
                             event_country_code, index, on)
        return m.name, m.inter
    return _fill(m.name, m.country_code or event_country_code, m.inter, event_country_code,
                 index, on)


def _fill(template: str, country_code: str, inter: int, event_country_code: str,
          index: ActorIndex, on: dt.date | None) -> tuple[str, int]:
    names = index.countries.get(country_code)
    if names is None:
        # No country known: ACLED's bare forms ("Civilians", "Military Forces")
        return _EMPTY_SLOT.sub("", template).strip(), inter
    name = template.replace("{country}", names.name).replace("{of_country}", names.of_name)
    if inter != _STATE_INTER:
        return name, inter
    period = index.period(country_code, on) if on else None
    if period is not None:
        name = f"{name} {period.suffix}"
    if event_country_code and country_code != event_country_code:
        return name, _EXTERNAL_INTER
    return name, inter
