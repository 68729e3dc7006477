"""The HTTP API's request and response shapes (pydantic), so /openapi.json says exactly
what every endpoint takes and gives.

An event's JSON is the export row (``tacitus.export.event_row``): ACLED's columns in
ACLED's order, then Tacitus' own; these models only describe it.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict, Field

from tacitus.store import CORRECTABLE

if TYPE_CHECKING:
    # A Literal built from CORRECTABLE at run time is no static type: the checker sees a
    # str, pydantic (which reads the annotation at run time) sees the choices.
    CorrectableField = str
else:
    CorrectableField = Literal[tuple(CORRECTABLE)]
_WHO = Field(min_length=1, max_length=200, pattern=r"\S", description="The reviewer's name.")
_NOTE = Field("", max_length=2000, description="Why, in the reviewer's words.")
_EVENT_ID = Field(min_length=1, max_length=200)


class SpanOut(BaseModel):
    """Evidence: the cleaned article text between ``start`` and ``end`` is ``text``."""

    start: int
    end: int
    text: str


class SourceOut(BaseModel):
    name: str
    role: str
    outlet: str


class EventRow(BaseModel):
    """One event (or one incident's merged record) in export column order."""

    model_config = ConfigDict(extra="forbid")

    event_id_cnty: str
    event_date: str | None
    year: int | None
    time_precision: int | None
    disorder_type: str
    event_type: str
    sub_event_type: str
    actor1: str
    assoc_actor_1: str
    inter1: int | None
    actor2: str
    assoc_actor_2: str
    inter2: int | None
    interaction: int | None
    civilian_targeting: str
    iso: int | None
    region: str
    country: str
    admin1: str
    admin2: str
    admin3: str
    location: str
    latitude: float | None
    longitude: float | None
    geo_precision: int | None
    source: str
    source_scale: str
    notes: str
    fatalities: int | None
    tags: str
    timestamp: int | None
    # Only with columns=acled-full: people within 1, 2 and 5 km (GeoNames towns), and
    # ACLED's best radius for the event type.
    population_1km: int | None = None
    population_2km: int | None = None
    population_5km: int | None = None
    population_best: int | None = None
    article_id: str
    url: str
    fatalities_low: int
    fatalities_best: int | None
    fatalities_high: int | None
    civilian_fatalities_low: int
    injured_low: int
    geonameid: int | None
    confidence: float
    sources_detail: list[SourceOut]
    evidence: dict[str, list[SpanOut]]
    trace: list[str] = Field(description="The rules that made, dated, placed, typed and merged the event, "
                             "in order (\"event_cue@1\": the rule and the sentence it read); empty for "
                             "events stored before the trace was kept.")
    withheld: str = Field(description="Why the pipeline withheld the event; empty for one reported as news.")
    place_reason: str = Field(description="Why the resolver chose this place, as it said when coding.")


class EventPage(BaseModel):
    total: int = Field(description="How many events match the filters (all pages).")
    items: list[EventRow]
    cursor: int = Field(description="The store's latest change number when this page was read: pass it as "
                        "`since` to get only what changed after.")


class CorrectionOut(BaseModel):
    correction_id: int
    event_id: str
    action: Literal["set", "reject", "restore", "separate", "join"]
    field: str
    value: str
    old_value: str
    who: str
    at: str
    note: str


class EventDetail(BaseModel):
    event: EventRow
    incident_id: str | None = Field(description="The incident it belongs to (None when rejected).")
    rejected: bool
    corrections: list[CorrectionOut]


class IncidentOut(BaseModel):
    incident_id: str
    event: EventRow = Field(description="The merged record; its event_id_cnty is the incident id.")
    event_ids: list[str]
    article_ids: list[str]
    explanation: list[str] = Field(description="One line per merge reason, and one for the toll.")


class IncidentPage(BaseModel):
    total: int
    items: list[IncidentOut]
    cursor: int = Field(description="The store's latest change number when this page was read: pass it as "
                        "`since` to get only what changed after.")


class Decision(BaseModel):
    step: str = Field(description="made by, added by, dated, placed, typed, merged or withheld.")
    rule: str = Field(description="The rule's name, with the sentence it read (\"event_cue (sentence 1)\").")


class ArticleEvent(BaseModel):
    """One event coded from the article, with what the reader needs to check it."""

    event: EventRow
    rejected: bool
    incident_id: str | None
    place_reason: str = Field(description="Why this place was chosen for the event (stored when it was coded).")
    decisions: list[Decision] = Field(description="The event's trace, one step a line, as stored when it "
                                      "was coded.")
    incident_explanation: list[str] = Field(description="Why its incident merges several reports.")


class ArticleView(BaseModel):
    id: str
    title: str
    url: str
    outlet: str
    published: str | None
    text: str = Field(description="The cleaned text every evidence span points into, as stored when the "
                      "article was coded (when `text_as_coded` is false: the text as ingested).")
    text_as_coded: bool = Field(description="Whether `text` is the text the evidence spans point into. False "
                                "for an article stored by a Tacitus before schema version 6 whose cleaned "
                                "text could not be recovered: each span's own `text` still gives its words.")
    events: list[ArticleEvent]


class CorrectionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    field: CorrectableField
    value: str = Field(max_length=500)
    who: str = _WHO
    note: str = _NOTE


class ReviewIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    who: str = _WHO
    note: str = _NOTE


class SplitIn(ReviewIn):
    event_id: str = _EVENT_ID


class MergeIn(ReviewIn):
    event_id: str = _EVENT_ID
    other_event_id: str = _EVENT_ID


class EventReviewed(BaseModel):
    correction: CorrectionOut
    event: EventDetail


class IncidentReviewed(BaseModel):
    correction: CorrectionOut
    incident_id: str | None = Field(description="The incident the (first) event now belongs to.")


class Problem(BaseModel):
    detail: str
