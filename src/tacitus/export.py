"""Events → rows in ACLED's column order, then Tacitus' own; JSONL, CSV, GeoJSON, Parquet.

Writers stream: one event at a time (Parquet: one row group of ``PARQUET_BATCH`` rows at
a time), so exports run in constant memory.
"""
from __future__ import annotations

import csv
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Callable, Iterable, Mapping

from tacitus.types import ACLED_COLUMNS, TACITUS_COLUMNS, Event

COLUMNS: tuple[str, ...] = ACLED_COLUMNS + TACITUS_COLUMNS
FORMATS = ("jsonl", "csv", "geojson")  # text formats, to a stream
FILE_FORMATS = FORMATS + ("parquet",)
PARQUET_BATCH = 10_000
# Parquet column types; the other columns are text (lists and mappings as JSON text).
_INTEGER_COLUMNS = {"year", "time_precision", "inter1", "inter2", "interaction", "iso", "geo_precision",
                    "fatalities", "timestamp", "fatalities_low", "fatalities_best", "fatalities_high",
                    "civilian_fatalities_low", "injured_low", "geonameid", "population_1km",
                    "population_2km", "population_5km", "population_best"}
_FLOAT_COLUMNS = {"latitude", "longitude", "confidence"}


@dataclass(frozen=True, slots=True)
class Layout:
    """Which columns an export writes, in order. ``extra`` gives the values of columns
    that are not an event's own (``tacitus.acled``: the population columns); a
    ``tag_row`` (HXL hashtags) goes under a CSV's header."""

    columns: tuple[str, ...] = COLUMNS
    extra: Callable[[Event], Mapping[str, Any]] | None = None
    tag_row: tuple[str, ...] | None = None

    def row(self, event: Event) -> dict[str, Any]:
        row = event_row(event)
        if self.extra is not None:
            row.update(self.extra(event))
        return {c: row[c] for c in self.columns}


DEFAULT_LAYOUT = Layout()


def event_row(event: Event) -> dict[str, Any]:
    """One event as a flat mapping in column order (values JSON-ready)."""
    derived = {
        "event_date": event.event_date.isoformat() if event.event_date else None,
        "year": event.event_date.year if event.event_date else None,
        "interaction": event.interaction,
        # ACLED writes 0 where there is no second actor (so the column stays integer).
        "inter2": 0 if event.inter2 is None and event.inter1 is not None else event.inter2,
        "timestamp": _timestamp(event),
        "sources_detail": [
            {"name": s.name, "role": s.role, "outlet": s.outlet} for s in event.sources_detail
        ],
        "evidence": {
            field: [{"start": s.start, "end": s.end, "text": s.text} for s in spans]
            for field, spans in event.evidence.items()
        },
        "trace": list(event.trace),
    }
    return {c: derived[c] if c in derived else getattr(event, c) for c in COLUMNS}


def _timestamp(event: Event) -> int | None:
    """ACLED's `timestamp` (when the row was made): the event date at 00:00 UTC, so
    exports of the same input are byte-identical from run to run."""
    if event.event_date is None:
        return None
    import calendar

    return calendar.timegm(event.event_date.timetuple())


def write_jsonl(events: Iterable[Event], out: IO[str], layout: Layout = DEFAULT_LAYOUT) -> int:
    n = 0
    for e in events:
        out.write(json.dumps(layout.row(e), ensure_ascii=False) + "\n")
        n += 1
    return n


def write_csv(events: Iterable[Event], out: IO[str], layout: Layout = DEFAULT_LAYOUT, *,
              header: bool = True) -> int:
    writer = csv.writer(out, lineterminator="\n")
    if header:
        writer.writerow(layout.columns)
        if layout.tag_row is not None:
            writer.writerow(layout.tag_row)
    n = 0
    for e in events:
        writer.writerow(_cell(v) for v in layout.row(e).values())
        n += 1
    return n


def _flat(value: Any) -> Any:
    """A column value as one cell: lists and mappings become JSON text."""
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return value


def _cell(value: Any) -> Any:
    return "" if value is None else _flat(value)


def write_geojson(events: Iterable[Event], out: IO[str], layout: Layout = DEFAULT_LAYOUT) -> int:
    """A FeatureCollection; events without coordinates are left out (they have no point)."""
    out.write('{"type": "FeatureCollection", "features": [\n')
    n = 0
    for e in events:
        if e.latitude is None or e.longitude is None:
            continue
        feature = {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [e.longitude, e.latitude]},
            "properties": layout.row(e),
        }
        out.write(("," if n else "") + json.dumps(feature, ensure_ascii=False) + "\n")
        n += 1
    out.write("]}\n")
    return n


def write_parquet(events: Iterable[Event], path: str | Path, layout: Layout = DEFAULT_LAYOUT) -> int:
    """A Parquet file with the same columns and order as the CSV, written a batch at a time."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    columns = layout.columns
    schema = pa.schema([(c, pa.int64() if c in _INTEGER_COLUMNS else
                         pa.float64() if c in _FLOAT_COLUMNS else pa.string()) for c in columns])
    n = 0
    with pq.ParquetWriter(str(path), schema, compression="zstd") as writer:
        batch: dict[str, list[Any]] = {c: [] for c in columns}
        for e in events:
            row = layout.row(e)
            for c in columns:
                batch[c].append(_flat(row[c]))
            n += 1
            if n % PARQUET_BATCH == 0:
                writer.write_table(pa.table(batch, schema=schema))
                batch = {c: [] for c in columns}
        if batch[columns[0]] or n == 0:
            writer.write_table(pa.table(batch, schema=schema))
    return n


WRITERS = {"jsonl": write_jsonl, "csv": write_csv, "geojson": write_geojson}


def write(events: Iterable[Event], out: IO[str], fmt: str, layout: Layout = DEFAULT_LAYOUT) -> int:
    """Text formats to an open stream (Parquet needs a file: ``write_to_file``)."""
    return WRITERS[fmt](events, out, layout)


def write_to_file(events: Iterable[Event], path: str | Path, fmt: str, layout: Layout = DEFAULT_LAYOUT) -> int:
    """Write a whole file or nothing: into a temporary file beside it, renamed at the end,
    so an interrupted export never leaves a truncated file under the real name."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent or ".")
    os.close(fd)
    try:
        if fmt == "parquet":
            n = write_parquet(events, tmp, layout)
        else:
            with open(tmp, "w", encoding="utf-8", newline="") as out:
                n = write(events, out, fmt, layout)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return n
