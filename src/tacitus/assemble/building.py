"""An event while it is being assembled: started by one sentence, joined by others, then
frozen into a ``Draft``. Mutable only inside ``assemble``."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Iterable, Mapping, Sequence

from tacitus.assemble.words import CIVILIANS, PLACE_ANAPHOR, PROTEST_CAUSE
from tacitus.facts import Casualty, Draft, Facts, ResolvedPlace, Role
from tacitus.taxonomy import CONTEXT_CUES, EVENT_CUES
from tacitus.types import SourceDetail, Span

# How far (in sentences) a date read for one event carries to the next events told.
STORY_REACH = 4
# The first sentences of an article tell its news: their events are dated by publication.
LEAD_SENTENCES = 3


@dataclass
class Building:
    """One event as the cascade builds it."""

    sentences: list[int]
    cues: dict[str, list[Span]]
    actors: list[Role]
    places: list[ResolvedPlace]
    trigger: Span
    reciprocal: bool = False
    date: dt.date | None = None
    precision: int = 1
    date_spans: list[Span] = field(default_factory=list)
    date_read: bool = False
    date_from: int | None = None
    trace: list[str] = field(default_factory=list)  # "rule@sentence", in the order applied
    points_back: bool = False  # its sentence names its place as "the town", "there"
    archive: bool = False  # told by a FILE photo's caption: its place is no story's place
    casualties: list[Casualty] = field(default_factory=list)
    sources: list[SourceDetail] = field(default_factory=list)
    civilians_hit: bool = False

    def date_basis(self) -> str:
        """How the day can be worked out: read in its own words, from the story it
        continues (a date read at most STORY_REACH sentences away), as the news of the
        lead, or not at all ("unanchored": a sentence deep in an article with no date
        of its own near it is background, ACLED's "day that cannot be worked out")."""
        first = self.sentences[0]
        if self.date_read:
            return "read"
        if self.date_from is not None and abs(first - self.date_from) <= STORY_REACH:
            return "story"
        return "lead" if first < LEAD_SENTENCES else "unanchored"

    def kinds(self) -> set[str]:
        return set(self.cues)

    def actor_names(self) -> set[str]:
        return {r.actor.name for r in self.actors}

    def set_date(self, date: dt.date | None, precision: int, span: Span, read: bool,
                 source: int | None) -> None:
        self.date, self.precision, self.date_read, self.date_from = date, precision, read, source
        self.date_spans = [span]

    def join(self, f: Facts, roles: Sequence[Role], rule: str, *, with_places: bool,
             corroborating: bool = False) -> None:
        """The sentence tells more of this event: its toll, sources, words and sides."""
        self.sentences.append(f.index)
        self.trace.append(f"{rule}@{f.index}")
        if with_places:
            self.places.extend(f.places)
        for c in f.cues:
            if c.kind in EVENT_CUES and c.kind != "attack" or c.kind in CONTEXT_CUES:
                self.cues.setdefault(c.kind, []).append(c.span)
        # Who confirmed a toll is a source, not a side.
        self._take(() if corroborating else roles, f.casualties, f.sources, civilians_hit(f))

    def absorb(self, other: Building, rule: str) -> None:
        """Another draft told this same event: its sentences, words, sides and toll join."""
        self.sentences = sorted({*self.sentences, *other.sentences})
        self.trace.append(f"{rule}@{other.sentences[0]}")
        self.places.extend(p for p in other.places if p not in self.places)
        for kind, spans in other.cues.items():
            self.cues.setdefault(kind, []).extend(spans)
        self._take(other.actors, other.casualties, other.sources, other.civilians_hit)

    def _take(self, roles: Iterable[Role], casualties: Iterable[Casualty], sources: Iterable[SourceDetail],
              hit_civilians: bool) -> None:
        """What a sentence or another draft adds: the sides not yet named, the toll, the
        sources not yet cited, and whether civilians were hit."""
        known = self.actor_names()
        self.actors.extend(r for r in roles if r.actor.name not in known)
        self.casualties.extend(casualties)
        self.sources.extend(s for s in sources if s not in self.sources)
        self.civilians_hit = self.civilians_hit or hit_civilians

    def freeze(self) -> Draft:
        return Draft(
            sentences=tuple(self.sentences),
            cues={k: tuple(v) for k, v in self.cues.items()},
            actors=tuple(self.actors),
            places=tuple(self.places),
            date=self.date,
            time_precision=self.precision,
            date_evidence=tuple(self.date_spans),
            date_read=self.date_read,
            date_from=self.date_from,
            trace=(*self.trace, f"date:{self.date_basis()}"),
            casualties=tuple(self.casualties),
            sources=tuple(self.sources),
            civilians_hit=self.civilians_hit,
            trigger=self.trigger,
            points_back=self.points_back,
        )


def start(f: Facts, strong: Mapping[str, Sequence[str]], roles: Sequence[Role], trigger: Span | None,
          rule: str) -> Building:
    """A new event told by sentence ``f``: its cues of the kinds ``strong`` names, with
    the context and corroboration words around them."""
    cues: dict[str, list[Span]] = {}
    for c in f.cues:
        if c.kind in ("arrest", "disperse") and protest_topic(f, c.span):
            continue  # "marched over the death of a man in police custody": what they protest
        if c.kind in strong or c.kind in CONTEXT_CUES or c.kind == "corroborate":
            cues.setdefault(c.kind, []).append(c.span)
    b = Building(sentences=[f.index], cues=cues, actors=list(roles), places=list(f.places),
                 trigger=trigger or f.sentence.span, trace=[f"{rule}@{f.index}"])
    b.casualties.extend(f.casualties)
    b.sources.extend(f.sources)
    b.civilians_hit = civilians_hit(f)
    b.points_back = bool(PLACE_ANAPHOR.search(f.sentence.span.text))
    return b


def protest_topic(f: Facts, span: Span) -> bool:
    """An arrest told after a protest word and a word that gives the protest's cause or
    aim ("protested against the arrest", "marched in support of ..., where a man died in
    police custody") is what the protest is about, not police breaking it up (ACLED)."""
    base = f.sentence.span.start
    before = f.sentence.span.text[:span.start - base]
    protest = [c for c in f.cues if c.kind == "protest" and c.span.start < span.start]
    if not protest:
        return False
    between = f.sentence.span.text[protest[0].span.end - base:span.start - base]
    return bool(PROTEST_CAUSE.search(between)) and not PROTEST_CAUSE.search(before[:protest[0].span.start - base])


def civilians_hit(f: Facts) -> bool:
    """Civilians are among the dead or hurt: named so, or counted as civilians ("three
    children", "two women") by the casualty reader."""
    return bool(f.casualties) and (bool(CIVILIANS.search(f.sentence.span.text))
                                   or any(c.civilians > 0 and not c.corroborating for c in f.casualties))
