"""`notes`: one ACLED-style sentence written from the extracted fields."""
from __future__ import annotations

from tacitus.types import Event

_VERBS = {
    "Armed clash": "clashed with",
    "Government regains territory": "regained territory from",
    "Non-state actor overtakes territory": "took territory from",
    "Chemical weapon": "used a chemical weapon against",
    "Air/drone strike": "carried out air/drone strikes on",
    "Suicide bomb": "carried out a suicide bombing against",
    "Shelling/artillery/missile attack": "shelled",
    "Remote explosive/landmine/IED": "detonated an explosive device against",
    "Grenade": "threw a grenade at",
    "Sexual violence": "committed sexual violence against",
    "Attack": "attacked",
    "Abduction/forced disappearance": "abducted",
    "Peaceful protest": "demonstrated",
    "Protest with intervention": "demonstrated and were dispersed by",
    "Excessive force against protesters": "demonstrated and met excessive force from",
    "Violent demonstration": "rioted",
    "Mob violence": "attacked",
    "Agreement": "reached an agreement with",
    "Arrests": "arrested",
    "Change to group/activity": "changed activity",
    "Disrupted weapons use": "disrupted weapons use",
    "Headquarters or base established": "established a base",
    "Looting/property destruction": "looted or destroyed property of",
    "Non-violent transfer of territory": "took over territory from",
    "Other": "was involved in an event with",
}


def write_note(e: Event) -> str:
    when = f"On {e.event_date.day} {e.event_date:%B %Y}" if e.event_date else "On an unknown date"
    verb = _VERBS.get(e.sub_event_type, "was involved with")
    whom = f" {e.actor2}" if e.actor2 and verb.endswith((" with", " on", " against", " at", " from", " by", " of")) or (
        e.actor2 and verb in {"shelled", "attacked", "abducted", "arrested"}) else ""
    if not whom:
        # "carried out air/drone strikes on" with no target named: drop the dangling word
        for tail in (" against", " with", " from", " on", " at", " by", " of"):
            if verb.endswith(tail):
                verb = verb[: -len(tail)]
                break
    where = f" in {e.location}" if e.location else ""
    if e.admin1 and e.admin1 != e.location:
        where += f" ({e.admin1})"
    toll = ""
    if e.fatalities:
        toll = f", killing {e.fatalities}"
        if e.civilian_fatalities_low:
            n = e.civilian_fatalities_low
            toll += f" including {n} civilian{'s' if n != 1 else ''}"
    elif e.fatalities_best is None and e.fatalities_high:
        toll = f"; up to {e.fatalities_high} people were killed or wounded"
    return f"{when}, {e.actor1} {verb}{whom}{where}{toll}."
