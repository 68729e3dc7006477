"""What crosses stages: the values one stage hands the next, at the bottom of the imports.

    Sentence      analyse      → mention (with its clauses)
    SentenceIndex analyse     → resolve (the sentences and clauses by offset: none splits again)
    ArticleContext pipeline    → mention, resolve (the article's home country, outlet)
    PlaceMention, ResolvedPlace   places found and resolved → mention, assemble, resolve
    PlaceAttachment  places found → resolve (what the words around a place say of it)
    ActorMention  mention      → assemble, resolve
    Casualty, TimeMention, Cue → Facts (one sentence's mentions) → assemble
    Role, Draft   assemble     → resolve

Every stage imports these from here, never from the stage that makes them, so no stage
imports one after it (``tests/test_layers.py``). All are frozen; nothing here reads the
text, loads data or imports a stage.
"""
from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Literal

from tacitus.lexicon import CueKind
from tacitus.types import Place, SourceDetail, Span, frozen_mapping


@dataclass(frozen=True, slots=True)
class Sentence:
    span: Span
    paragraph: int  # index of its paragraph in the article
    # Its clauses, in order, as ``tacitus.analyse`` split them ("police dispersed
    # protesters in A" | "demonstrations in B turned violent"); empty: one clause.
    clauses: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class SentenceIndex:
    """The article's sentences and clauses as the analyse stage split them, looked up by
    character offset: a later stage asks here which sentence or clause a mention is in,
    never splitting the text again. Sentence and clause numbers count from the article's
    start; a position between two sentences belongs to the one before."""

    sentences: tuple[Span, ...]
    clauses: tuple[Span, ...]
    _sentence_starts: tuple[int, ...] = field(init=False, repr=False, compare=False)
    _clause_starts: tuple[int, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_sentence_starts", tuple(s.start for s in self.sentences))
        object.__setattr__(self, "_clause_starts", tuple(c.start for c in self.clauses))

    @classmethod
    def of(cls, sentences: Iterable[Sentence]) -> SentenceIndex:
        given = tuple(sentences)
        return cls(tuple(s.span for s in given), tuple(c for s in given for c in (s.clauses or (s.span,))))

    def sentence_of(self, pos: int) -> int:
        return bisect_right(self._sentence_starts, pos) - 1

    def clause_of(self, pos: int) -> int:
        return bisect_right(self._clause_starts, pos) - 1

    def sentence_at(self, pos: int) -> Span:
        """The sentence holding ``pos``."""
        return self.sentences[max(0, self.sentence_of(pos))]


@dataclass(frozen=True, slots=True)
class ArticleContext:
    """What the article as a whole says about where it is from, read once per article by
    the pipeline and handed to the stages that need it."""

    home_country: str  # ISO alpha-2 its dateline or outlet points to, "" when none does
    outlet: str  # the outlet's name as given ("" when unknown)


@dataclass(frozen=True, slots=True)
class PlaceAttachment:
    """What the words around a place mention say about it, read once where the places are
    found (``tacitus.places.attaching``), so choosing an event's place never reads the
    text again. Other mentions are named by where their names start (``span.start``)."""

    locative: bool = False  # "in", "near", "the area of" before it: something happened there
    in_or_at: bool = False  # "in"/"at" right before it: "killed in Mandera town"
    destination: bool = False  # "to", "towards", "from", "for" right before it
    beside: bool = False  # "the border with", "the roads leading to": a neighbour or a destination
    away: bool = False  # "from", "to", "into", "the border with": where people come from or go
    road_end: bool = False  # "the Eldoret-Kitale road": one end of a road
    attribute: bool = False  # a lower-case noun after it: "the Kabul government", "Kisumu youth"
    # Where the words it directly follows end (only white space or "the" between): the
    # verb it may be the object of ("attacked Nyakach", "shelled the town").
    follows: tuple[int, ...] = ()
    listed_with: tuple[int, ...] = ()  # later places of its list: "in A, B and C", "A (B)"
    lies_in: tuple[int, ...] = ()  # later places named as where it lies: "Nijrab district, Kapisa"


@dataclass(frozen=True, slots=True)
class PlaceMention:
    span: Span  # the place name's characters: text[start:end] == span.text
    candidates: tuple[Place, ...]
    cue: str  # "", "near", "outskirts", "district of", "west of", "western", "district", ...
    phrase: Span  # the whole phrase with its cue: "the outskirts of Kabul"
    loose: bool = False  # found by the loose key only: weaker, never evidence of a country
    attachment: PlaceAttachment = PlaceAttachment()  # its words' attachments, read where found


@dataclass(frozen=True, slots=True)
class ResolvedPlace:
    mention: PlaceMention
    place: Place  # for a neighbourhood: its city, as ACLED codes it
    geo_precision: int  # 1 town; 2 near X / part of a region / a district; 3 region only
    reason: str
    score: float


@dataclass(frozen=True, slots=True)
class ActorMention:
    """Words naming an actor; ``tacitus.actors.sides`` turns it into ACLED's name."""

    span: Span  # text[start:end] == span.text, e.g. "Russian warplanes"
    name: str  # canonical name, or a template such as "Military Forces of {of_country}"
    inter: int
    kind: str  # "named", "military", "police", "unidentified", "civilians", ...
    country_code: str  # the actor's own country when the words say it, else ""
    qualifier: str = ""  # "suspected", or a hyphen suffix such as "held", "led"


CasualtyKind = Literal["killed", "injured", "casualties"]


@dataclass(frozen=True, slots=True)
class Casualty:
    """One reported count. ``best`` is what ACLED would code; ``low``/``high`` the range."""

    kind: CasualtyKind
    low: int
    best: int
    high: int | None
    civilians: int
    vague: bool
    corroborating: bool
    evidence: Span
    # A side's own figure that the report says could not be verified: the ceiling of the
    # range (``high``), never the toll.
    unverified: bool = False
    noun: str = ""  # who the count is of, when a person noun follows it: "nine militants"


@dataclass(frozen=True, slots=True)
class TimeMention:
    """A time expression. ``date`` is resolved unless it is relative to another event
    (kind "offset" with direction after/before), which the assembler anchors."""

    span: Span
    kind: Literal["date", "offset"]
    date: dt.date | None
    precision: int  # ACLED time_precision: 1 day, 2 week, 3 month; 4 only a year (never coded)
    days: int = 0  # for kind "offset": signed shift from the anchor event


@dataclass(frozen=True, slots=True)
class Cue:
    kind: CueKind
    span: Span


@dataclass(frozen=True, slots=True)
class Facts:
    """What one sentence says: cues, counts, times, sources, actors and places."""

    index: int
    sentence: Sentence
    cues: tuple[Cue, ...]
    casualties: tuple[Casualty, ...]
    times: tuple[TimeMention, ...]
    sources: tuple[SourceDetail, ...]
    actors: tuple[ActorMention, ...]
    places: tuple[ResolvedPlace, ...]

    def cue_texts(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for c in self.cues:
            out.setdefault(c.kind, []).append(c.span.text.lower())
        return out


# An actor's part in its event: who did it, to whom, who only spoke of it, or unknown.
RoleName = Literal["agent", "patient", "speaker", ""]


@dataclass(frozen=True, slots=True)
class Role:
    actor: ActorMention
    role: str  # "agent", "patient" or ""


@dataclass(frozen=True, slots=True)
class Skip:
    """A sentence with an event word that made no event of its own, and the rule why."""

    sentence: int
    rule: str


@dataclass(frozen=True, slots=True)
class Draft:
    """An event before resolution: everything the article says about it, with spans."""

    sentences: tuple[int, ...]
    cues: Mapping[str, tuple[Span, ...]]  # read-only: a dict given is frozen (__post_init__)
    actors: tuple[Role, ...]
    places: tuple[ResolvedPlace, ...]
    date: dt.date | None
    time_precision: int
    date_evidence: tuple[Span, ...]
    date_read: bool  # False when inherited from context or the publication date
    date_from: int | None  # the sentence its date was read in; None: no date anywhere
    trace: tuple[str, ...]  # names of the rules that decided it ("date:story", ...)
    casualties: tuple[Casualty, ...]
    sources: tuple[SourceDetail, ...]
    civilians_hit: bool
    trigger: Span
    points_back: bool = False  # the sentence that started it names its place as "the town", "there"

    def __post_init__(self) -> None:
        object.__setattr__(self, "cues", frozen_mapping(self.cues))
