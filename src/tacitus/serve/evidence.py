"""What the evidence view shows for one event, read from what was stored when it was
coded, never worked out again: why its place was chosen (``Event.place_reason``, the
resolver's own words) and the rules that made, dated, placed, typed and merged it
(``Event.trace``), as a short list a reader can follow.

A reviewer's correction of the place is said as such: the stored reason explains the
place the pipeline chose, not the one the reviewer set.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from tacitus.types import Event

_PRECISION = {1: "the town itself", 2: "near a town, or part of a region", 3: "the region only"}
# Fields whose correction moves the event: its stored place reason no longer applies.
PLACE_FIELDS = frozenset({"location", "latitude", "longitude", "admin1"})
# A rule that read one sentence of the article: "witness_quote@2".
_AT = re.compile(r"^(?P<rule>[\w:]+)@(?P<n>\d+)$")
# The trace's step prefixes ("date:story") as the evidence view says them.
_KINDS = {"date": "dated", "place": "placed", "type": "typed", "consolidated": "merged"}


@dataclass(frozen=True, slots=True)
class Step:
    """One decision of the trace: ``kind`` is the prefix as written ("date"), or "made"
    for the rule that started the event and "added" for a rule that added a sentence to
    it; ``sentence`` is that sentence's number in the cleaned article."""

    kind: str
    rule: str
    sentence: int | None = None

    @property
    def label(self) -> str:
        """What the evidence view calls the step: "made by", "dated", "placed", ..."""
        return {"made": "made by", "added": "added by"}.get(self.kind) or _KINDS.get(self.kind, self.kind)

    @property
    def detail(self) -> str:
        return self.rule if self.sentence is None else f"{self.rule} (sentence {self.sentence})"


def read_trace(trace: Iterable[str]) -> tuple[Step, ...]:
    """The trace's entries as steps, in order: the first sentence rule made the event,
    later ones added sentences to it."""
    steps = []
    made = False
    for entry in trace:
        m = _AT.match(entry)
        if m:
            steps.append(Step("added" if made else "made", m["rule"], int(m["n"])))
            made = True
        else:
            kind, _, how = entry.partition(":")
            steps.append(Step(kind, how))
    return tuple(steps)


def decisions(event: Event) -> list[dict[str, str]]:
    """The event's trace and, for a withheld event, why: ``[{"step", "rule"}]``."""
    lines = [{"step": s.label, "rule": s.detail} for s in read_trace(event.trace)]
    if event.withheld:
        lines.append({"step": "withheld", "rule": event.withheld})
    return lines


def place_reason(event: Event, corrected: Iterable[str] = ()) -> str:
    """Why the event is placed where it is, in one line, from the stored reason.
    ``corrected`` are the fields a reviewer has set on the event."""
    precision = _PRECISION.get(event.geo_precision or 0, "unknown")
    where = ", ".join(p for p in (event.location, event.admin1, event.country) if p)
    if PLACE_FIELDS & set(corrected):
        return f"{where or 'no place'}: set by a reviewer (precision as coded: {precision})"
    if event.place_reason:
        return f"{event.place_reason} (precision: {precision})"
    if not event.location:
        return "no place: the article names none that the gazetteer knows"
    return f"{where}: as recorded (precision: {precision}); no reason was stored when it was coded"
