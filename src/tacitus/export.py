"""Events → rows in ACLED's column order, then Tacitus' own; JSONL, CSV, GeoJSON.

Writers stream: one event at a time, so exports run in constant memory.
"""
from __future__ import annotations

import csv
import json
from typing import IO, Any, Iterable

from tacitus.types import ACLED_COLUMNS, TACITUS_COLUMNS, Event

COLUMNS: tuple[str, ...] = ACLED_COLUMNS + TACITUS_COLUMNS
FORMATS = ("jsonl", "csv", "geojson")


def event_row(event: Event) -> dict[str, Any]:
    """One event as a flat mapping in column order (values JSON-ready)."""
    derived = {
        "event_date": event.event_date.isoformat() if event.event_date else None,
        "year": event.event_date.year if event.event_date else None,
        "interaction": event.interaction,
        "timestamp": _timestamp(event),
        "sources_detail": [
            {"name": s.name, "role": s.role, "outlet": s.outlet} for s in event.sources_detail
        ],
        "evidence": {
            field: [{"start": s.start, "end": s.end, "text": s.text} for s in spans]
            for field, spans in event.evidence.items()
        },
    }
    return {c: derived[c] if c in derived else getattr(event, c) for c in COLUMNS}


def _timestamp(event: Event) -> int | None:
    """ACLED's `timestamp` (when the row was made): the event date at 00:00 UTC, so
    exports of the same input are byte-identical from run to run."""
    if event.event_date is None:
        return None
    import calendar

    return calendar.timegm(event.event_date.timetuple())


def write_jsonl(events: Iterable[Event], out: IO[str]) -> int:
    n = 0
    for e in events:
        out.write(json.dumps(event_row(e), ensure_ascii=False) + "\n")
        n += 1
    return n


def write_csv(events: Iterable[Event], out: IO[str], *, header: bool = True) -> int:
    writer = csv.writer(out, lineterminator="\n")
    if header:
        writer.writerow(COLUMNS)
    n = 0
    for e in events:
        row = event_row(e)
        writer.writerow(_cell(row[c]) for c in COLUMNS)
        n += 1
    return n


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return value


def write_geojson(events: Iterable[Event], out: IO[str]) -> int:
    """A FeatureCollection; events without coordinates are left out (they have no point)."""
    out.write('{"type": "FeatureCollection", "features": [\n')
    n = 0
    for e in events:
        if e.latitude is None or e.longitude is None:
            continue
        feature = {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [e.longitude, e.latitude]},
            "properties": event_row(e),
        }
        out.write(("," if n else "") + json.dumps(feature, ensure_ascii=False) + "\n")
        n += 1
    out.write("]}\n")
    return n


WRITERS = {"jsonl": write_jsonl, "csv": write_csv, "geojson": write_geojson}


def write(events: Iterable[Event], out: IO[str], fmt: str) -> int:
    return WRITERS[fmt](events, out)
