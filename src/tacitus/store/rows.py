"""Typed values <-> database rows: the only place the store's row shapes are known.

Events become rows of every column in ``tacitus.export.COLUMNS`` (the derived ones,
``year``, ``interaction`` and ``timestamp``, are stored for queries and recomputed on the
way back); ``sources_detail``, ``evidence`` and ``trace`` are JSON text. Rows come back through the
named constructors ``event_from_row`` and ``article_from_row``, never ``Event(**row)``, so
a column added to the database cannot silently become a field.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from typing import Any, Mapping

from tacitus.export import COLUMNS, event_row
from tacitus.merge import Incident
from tacitus.types import Article, Event, SourceDetail, Span

EVENT_COLUMNS: tuple[str, ...] = COLUMNS
ARTICLE_COLUMNS: tuple[str, ...] = (
    "id", "content_hash", "url", "outlet", "published", "title", "text", "language",
    "dateline", "origin", "ingested_at",
)
INCIDENT_COLUMNS: tuple[str, ...] = COLUMNS + ("n_events", "event_ids", "article_ids", "explanation")


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Which events to read back; every field left at None matches everything.

    ``country``, ``admin1``, ``event_type`` and ``sub_event_type`` match whole values,
    ignoring case; ``actor`` is a substring of actor1 or actor2; ``text`` is an FTS5
    query over event notes and the title and text of the event's article (for incidents:
    of any of its events). ``offset`` skips that many rows (pagination, with ``limit``);
    events a reviewer rejected are left out unless ``include_rejected``. ``since`` keeps
    only what changed after that change number (``Store.change_cursor``).
    """

    date_from: dt.date | None = None
    date_to: dt.date | None = None
    country: str | None = None
    admin1: str | None = None
    event_type: str | None = None
    sub_event_type: str | None = None
    actor: str | None = None
    text: str | None = None
    limit: int | None = None
    offset: int | None = None
    include_rejected: bool = False
    bbox: tuple[float, float, float, float] | None = None
    article_id: str | None = None
    since: int | None = None


@dataclass(frozen=True, slots=True)
class Correction:
    """One reviewer's action on an event, as stored (see schema_002.sql)."""

    correction_id: int
    event_id: str
    action: str  # set, reject, restore, separate, join
    field: str
    value: str
    old_value: str
    who: str
    at: str
    note: str

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> Correction:
        return cls(**{name: row[name] for name in cls.__slots__})

    def as_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.__slots__}


def parse_bbox(value: str | None) -> tuple[float, float, float, float] | None:
    """"WEST,SOUTH,EAST,NORTH" in degrees, checked; ValueError says what is wrong."""
    if value is None:
        return None
    parts = value.split(",")
    if len(parts) != 4:
        raise ValueError("a bbox is four numbers: WEST,SOUTH,EAST,NORTH")
    west, south, east, north = (float(p) for p in parts)  # ValueError on a non-number
    if not (-180 <= west <= east <= 180 and -90 <= south <= north <= 90):
        raise ValueError("need -180 <= WEST <= EAST <= 180 and -90 <= SOUTH <= NORTH <= 90")
    return west, south, east, north


def content_hash(text: str) -> str:
    """The sha256 of an article's text: the same text under another id is the same article."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def article_to_row(article: Article, ingested_at: str) -> dict[str, Any]:
    return {
        "id": article.id,
        "content_hash": content_hash(article.text),
        "url": article.url,
        "outlet": article.outlet,
        "published": article.published.isoformat() if article.published else None,
        "title": article.title,
        "text": article.text,
        "language": article.language,
        "dateline": article.dateline,
        "origin": article.origin,
        "ingested_at": ingested_at,
    }


def article_from_row(row: Mapping[str, Any]) -> Article:
    return Article(
        id=row["id"],
        text=row["text"],
        url=row["url"],
        outlet=row["outlet"],
        published=_date(row["published"]),
        title=row["title"],
        language=row["language"],
        dateline=row["dateline"],
        origin=row["origin"],
    )


def event_to_row(event: Event) -> dict[str, Any]:
    """Column -> SQL value, in ``EVENT_COLUMNS`` order.

    Unlike the export row, ``sources_detail`` keeps each source's evidence span, so an
    event read back equals the one stored.
    """
    row = event_row(event)
    row["sources_detail"] = json.dumps(
        [{"name": s.name, "role": s.role, "outlet": s.outlet, "evidence": _span_json(s.evidence)}
         for s in event.sources_detail],
        ensure_ascii=False,
    )
    row["evidence"] = json.dumps(row["evidence"], ensure_ascii=False)
    row["trace"] = json.dumps(row["trace"], ensure_ascii=False)
    return row


def event_from_row(row: Mapping[str, Any]) -> Event:
    """An Event from a row of the events table (a ``sqlite3.Row`` or any mapping)."""
    return Event(
        article_id=row["article_id"],
        event_date=_date(row["event_date"]),
        time_precision=row["time_precision"],
        disorder_type=row["disorder_type"],
        event_type=row["event_type"],
        sub_event_type=row["sub_event_type"],
        actor1=row["actor1"],
        inter1=row["inter1"],
        actor2=row["actor2"],
        inter2=row["inter2"] or None,  # exports write ACLED's 0 for "no second actor"
        assoc_actor_1=row["assoc_actor_1"],
        assoc_actor_2=row["assoc_actor_2"],
        civilian_targeting=row["civilian_targeting"],
        iso=row["iso"],
        region=row["region"],
        country=row["country"],
        admin1=row["admin1"],
        admin2=row["admin2"],
        admin3=row["admin3"],
        location=row["location"],
        latitude=row["latitude"],
        longitude=row["longitude"],
        geo_precision=row["geo_precision"],
        geonameid=row["geonameid"],
        source=row["source"],
        source_scale=row["source_scale"],
        notes=row["notes"],
        fatalities=row["fatalities"],
        fatalities_low=row["fatalities_low"],
        fatalities_best=row["fatalities_best"],
        fatalities_high=row["fatalities_high"],
        civilian_fatalities_low=row["civilian_fatalities_low"],
        injured_low=row["injured_low"],
        tags=row["tags"],
        event_id_cnty=row["event_id_cnty"],
        url=row["url"],
        confidence=row["confidence"],
        sources_detail=tuple(_source(s) for s in json.loads(row["sources_detail"])),
        evidence={field: tuple(_span(s) for s in spans)
                  for field, spans in json.loads(row["evidence"]).items()},
        trace=tuple(json.loads(_since_5(row, "trace", "[]"))),
        withheld=_since_5(row, "withheld", ""),
        place_reason=_since_5(row, "place_reason", ""),
    )


def _since_5(row: Mapping[str, Any], column: str, empty: str) -> Any:
    """A decision column of schema version 5. A reader never upgrades a database, so one
    written before version 5 has none: its decisions were not kept, and read as empty."""
    return row[column] if column in row.keys() else empty


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _span_json(span: Span | None) -> dict[str, Any] | None:
    return None if span is None else {"start": span.start, "end": span.end, "text": span.text}


def _span(value: Mapping[str, Any]) -> Span:
    return Span(value["start"], value["end"], value["text"])


def _source(value: Mapping[str, Any]) -> SourceDetail:
    evidence = value.get("evidence")
    return SourceDetail(name=value["name"], role=value.get("role", ""), outlet=value.get("outlet", ""),
                        evidence=_span(evidence) if evidence else None)


def incident_to_row(incident: Incident) -> dict[str, Any]:
    """The incidents table's row: the merged record's columns and what it is made of."""
    row = event_to_row(incident.event)
    row.update(
        n_events=len(incident.event_ids),
        event_ids=json.dumps(list(incident.event_ids)),
        article_ids=json.dumps(list(incident.article_ids), ensure_ascii=False),
        explanation=json.dumps(list(incident.explanation), ensure_ascii=False),
    )
    return row


def incident_from_row(row: Mapping[str, Any]) -> Incident:
    return Incident(
        incident_id=row["event_id_cnty"],
        event=event_from_row(row),
        event_ids=tuple(json.loads(row["event_ids"])),
        article_ids=tuple(json.loads(row["article_ids"])),
        explanation=tuple(json.loads(row["explanation"])),
    )
