"""The typed values that flow through the pipeline.

All are frozen: a stage returns new values (``dataclasses.replace``), it never edits
what it was given. Dicts appear only at the edges (ingest, export, store).
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Literal, TypeVar

K = TypeVar("K")
V = TypeVar("V")


class FrozenMapping(Mapping[K, V]):
    """A read-only mapping for dicts inside frozen values (``Event.evidence``,
    ``Draft.cues``). Unlike ``types.MappingProxyType`` it pickles, so events can travel
    between processes; it equals any mapping with the same items."""

    __slots__ = ("_items",)

    def __init__(self, items: Mapping[K, V] | Iterable[tuple[K, V]] = ()) -> None:
        self._items: dict[K, V] = dict(items)

    def __getitem__(self, key: K) -> V:
        return self._items[key]

    def __iter__(self) -> Iterator[K]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __repr__(self) -> str:
        return f"FrozenMapping({self._items!r})"


def frozen_mapping(items: Mapping[K, V]) -> FrozenMapping[K, V]:
    """``items`` as a FrozenMapping (itself when it already is one)."""
    return items if isinstance(items, FrozenMapping) else FrozenMapping(items)

# ACLED's 31 columns, in ACLED's order; exports put these first.
ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type",
    "event_type", "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2",
    "assoc_actor_2", "inter2", "interaction", "civilian_targeting", "iso", "region",
    "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude",
    "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)
# Tacitus' own columns, after ACLED's; the last three say why (Event.trace, .withheld,
# .place_reason), kept with the row so a store or an export explains itself.
TACITUS_COLUMNS: tuple[str, ...] = (
    "article_id", "url", "fatalities_low", "fatalities_best", "fatalities_high",
    "civilian_fatalities_low", "injured_low", "geonameid", "confidence",
    "sources_detail", "evidence", "trace", "withheld", "place_reason",
)


@dataclass(frozen=True, slots=True)
class Span:
    """Evidence: ``Article.text[start:end] == text``."""

    start: int
    end: int
    text: str

    def shifted(self, offset: int) -> Span:
        return Span(self.start + offset, self.end + offset, self.text)


@dataclass(frozen=True, slots=True)
class Article:
    """One input document after ingest (and, once cleaned, with furniture removed).

    ``id`` is the input's id, else a hash of the text. ``published`` is the
    publication date the article's relative dates are read against.
    """

    id: str
    text: str
    url: str = ""
    outlet: str = ""
    published: dt.date | None = None
    title: str = ""
    language: str = "en"
    dateline: str = ""  # "Deir ez-Zor" from "Deir ez-Zor – ...": metadata, not body text
    origin: str = ""  # where it came from: a path, "path:line 3", "<stdin>"


@dataclass(frozen=True, slots=True)
class Place:
    """A gazetteer entry: a populated place, an admin area or a country."""

    geonameid: int
    name: str
    latitude: float
    longitude: float
    country_code: str  # ISO 3166 alpha-2
    country: str
    iso: int  # ISO 3166 numeric, as ACLED's `iso`
    region: str  # ACLED's region ("Middle East", "Eastern Africa", ...)
    admin1: str
    admin2: str
    population: int
    kind: Literal["country", "admin1", "admin2", "city", "neighbourhood"]
    parent: int | None = None  # a neighbourhood's city


@dataclass(frozen=True, slots=True)
class SourceDetail:
    """Who reported it: 'Amina Warsame', 'local official', 'Radio Dalsan'."""

    name: str
    role: str = ""
    outlet: str = ""
    evidence: Span | None = None


@dataclass(frozen=True, slots=True)
class Event:
    """One coded event: ACLED's fields plus Tacitus' own, with evidence per field."""

    article_id: str
    event_date: dt.date | None
    time_precision: int | None  # None when no day can be told (an undated article)
    disorder_type: str
    event_type: str
    sub_event_type: str
    actor1: str
    inter1: int | None
    actor2: str = ""
    inter2: int | None = None
    assoc_actor_1: str = ""
    assoc_actor_2: str = ""
    civilian_targeting: str = ""
    iso: int | None = None
    region: str = ""
    country: str = ""
    admin1: str = ""
    admin2: str = ""
    admin3: str = ""
    location: str = ""
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None
    geonameid: int | None = None
    source: str = ""
    source_scale: str = ""
    notes: str = ""
    fatalities: int | None = 0  # None: a toll was reported but holds no death count
    fatalities_low: int = 0
    fatalities_best: int | None = 0
    fatalities_high: int | None = None
    civilian_fatalities_low: int = 0
    injured_low: int = 0
    tags: str = ""
    event_id_cnty: str = ""  # ISO alpha-3 + a stable hash of article id and event number
    url: str = ""
    confidence: float = 0.0
    sources_detail: tuple[SourceDetail, ...] = ()
    evidence: Mapping[str, tuple[Span, ...]] = field(default_factory=FrozenMapping, hash=False, compare=False)
    # Why the pipeline withheld it ("background: dated 400 days before publication"),
    # "" for an event reported as news; shown with --show-withheld.
    withheld: str = field(default="", compare=False)
    # The names of the rules that made, dated, placed and typed it, for --explain.
    trace: tuple[str, ...] = field(default=(), compare=False)
    # Why this place was chosen, as the resolver said when coding ("Garissa: the town
    # named with the attack"); "" when no place was found. The evidence view shows it.
    place_reason: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        # Read-only once made: a dict given here is copied into a FrozenMapping.
        object.__setattr__(self, "evidence", frozen_mapping(self.evidence))

    @property
    def interaction(self) -> int | None:
        """ACLED's two-digit interaction: the two inter codes, smaller first."""
        if self.inter1 is None:
            return None
        codes = sorted(c for c in (self.inter1, self.inter2) if c is not None)
        return int("".join(str(c) for c in codes)) if len(codes) == 2 else self.inter1 * 10
