"""ACLED rows with notes: each row's `notes` is run as an article and scored against the row.

Two date styles occur in public exports: "31-12-19" (day-month-year) and "21 March 2020";
some exports add columns (a Kenyan file has `countycode`), so columns are read by name.
"""
from __future__ import annotations

import csv
import datetime as dt
import math
import re
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from tacitus.errors import GoldError
from tacitus.evaluate.acled_score import Outcome, Predicted, score_outcomes
from tacitus.evaluate.coder import Coder, run_coder
from tacitus.evaluate.geo import MATCH_KM, distance_km
from tacitus.evaluate.names import same_name
from tacitus.evaluate.report import AcledReport
from tacitus.types import Article, Event

REQUIRED = ("event_id_cnty", "event_date", "event_type", "sub_event_type", "actor1", "inter1",
            "admin1", "location", "latitude", "longitude", "geo_precision", "source", "notes",
            "fatalities")
_DATE_FORMATS = ("%d-%m-%y", "%d %B %Y", "%Y-%m-%d", "%d-%m-%Y", "%d %b %Y")
SNIPPET = 90  # characters of a note kept for the wrong-row lists


@dataclass(frozen=True, slots=True)
class AcledRow:
    """The columns of one ACLED row that are scored."""

    line: int
    event_id: str
    event_date: dt.date
    event_type: str
    sub_event_type: str
    actor1: str
    inter1: int | None
    admin1: str
    location: str
    latitude: float | None
    longitude: float | None
    geo_precision: int | None
    fatalities: int
    source: str
    notes: str


@dataclass(frozen=True, slots=True)
class RowError:
    line: int
    reason: str


def parse_acled_date(text: str) -> dt.date:
    """'31-12-19' or '21 March 2020' (or ISO) -> date; ValueError otherwise."""
    text = text.strip()
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(f"unknown date format: {text!r}")


def _int(text: str) -> int | None:
    text = text.strip()
    return int(float(text)) if text else None


def _float(text: str) -> float | None:
    text = text.strip()
    value = float(text) if text else None
    return value if value is not None and math.isfinite(value) else None


def parse_row(line: int, rec: dict[str, str]) -> AcledRow | RowError:
    """One CSV record -> AcledRow, or RowError saying why it cannot be scored."""
    try:
        return AcledRow(
            line=line,
            event_id=rec["event_id_cnty"].strip(),
            event_date=parse_acled_date(rec["event_date"]),
            event_type=rec["event_type"].strip(),
            sub_event_type=rec["sub_event_type"].strip(),
            actor1=rec["actor1"].strip(),
            inter1=_int(rec["inter1"]),
            admin1=rec["admin1"].strip(),
            location=rec["location"].strip(),
            latitude=_float(rec["latitude"]),
            longitude=_float(rec["longitude"]),
            geo_precision=_int(rec["geo_precision"]),
            fatalities=_int(rec["fatalities"]) or 0,
            source=rec["source"].strip(),
            notes=rec["notes"].strip(),
        )
    except (ValueError, AttributeError) as exc:  # AttributeError: a short row gives None
        return RowError(line, str(exc))


def read_rows(path: Path) -> Iterator[AcledRow | RowError]:
    """Stream a CSV file's rows; raises GoldError when the file or its header is unusable."""
    try:
        with path.open(newline="", encoding="utf-8-sig") as fh:
            reader = csv.DictReader(fh)
            missing = [c for c in REQUIRED if c not in (reader.fieldnames or ())]
            if missing:
                raise GoldError(f"{path}: missing columns {', '.join(missing)}")
            for rec in reader:
                yield parse_row(reader.line_num, rec)
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise GoldError(f"{path}: {exc}") from exc


# What only ACLED's coders write, never a report: the coder is not shown it.
CODER_ANNOTATIONS: tuple[re.Pattern[str], ...] = tuple(re.compile(p, re.IGNORECASE) for p in (
    r"\[\s*size\s*=[^\]]*\]",                                   # [size=no report]
    r"[^.]*\bfatalit\w*\b[^.]*\b(?:coded|split)\b[^.]*(?:\.|$)",  # Fatalities coded as 0 (...).
    r"\((?=[^()]*(?:\bcoded\b|\bcoordinates?\b|=))[^()]*\)",       # (coordinates for Wote used)
    r"\b(?-i:[A-Z]{4,}S?)\s*:\s*",                                # LOCATION: (the label only)
    r"^\s*(?-i:[A-Z][a-z]+)(?:\s+(?-i:[a-z/]+)){0,3}\s*:\s+",        # Agreement: / Movement of forces:
))


def strip_coder_annotations(notes: str) -> str:
    """The note without its coder annotations, white space tidied."""
    for pattern in CODER_ANNOTATIONS:
        notes = pattern.sub(" ", notes)
    return re.sub(r"\s+([.,;])", r"\1", re.sub(r"\s{2,}", " ", notes)).strip()


def row_article(row: AcledRow, origin: str = "") -> Article:
    """The row's notes as an article published the day after the event (so the coder
    must read the event date from the text, as with real reports), without what only a
    coder writes (``CODER_ANNOTATIONS``)."""
    return Article(
        id=row.event_id,
        text=strip_coder_annotations(row.notes),
        url="",
        outlet=row.source.split(";")[0].strip(),
        published=row.event_date + dt.timedelta(days=1),
        origin=f"{origin}:{row.line}" if origin else "",
    )


def predicted(ev: Event) -> Predicted:
    return Predicted(
        event_type=ev.event_type, sub_event_type=ev.sub_event_type, actor1=ev.actor1,
        inter1=ev.inter1, admin1=ev.admin1, location=ev.location, latitude=ev.latitude,
        longitude=ev.longitude, geo_precision=ev.geo_precision, fatalities=ev.fatalities,
        event_date=ev.event_date,
    )


def best_prediction(row: AcledRow, events: Sequence[Event]) -> Event | None:
    """The prediction that answers for the row: same sub-type first, then nearest."""
    def key(item: tuple[int, Event]) -> tuple[bool, float, int]:
        i, ev = item
        d = distance_km(row.latitude, row.longitude, ev.latitude, ev.longitude)
        return (not same_name(row.sub_event_type, ev.sub_event_type),
                math.inf if d is None else d, i)

    return min(enumerate(events), key=key)[1] if events else None


def outcome(row: AcledRow, candidates: Sequence[Event]) -> Outcome:
    """The row's fields are read from its best candidate, withheld or not (a note is a
    coder's summary: it may omit the place or date the coder had); only the events kept
    count as predictions."""
    best = best_prediction(row, candidates)
    events = [ev for ev in candidates if not ev.withheld]
    return Outcome(
        row=replace(row, notes=row.notes[:SNIPPET]),
        best=None if best is None else predicted(best),
        predicted=len(events),
        correct=sum(
            1 for ev in events
            if same_name(row.sub_event_type, ev.sub_event_type)
            and (d := distance_km(row.latitude, row.longitude, ev.latitude, ev.longitude))
            is not None and d <= MATCH_KM
        ),
    )


def evaluate_acled(path: Path, coder: Coder, *, limit: int | None = None) -> AcledReport:
    """Run the coder over the rows' notes (the first `limit` rows) and score it."""
    path = Path(path)
    skipped: list[RowError] = []

    def rows() -> Iterator[AcledRow]:
        seen = 0
        for item in read_rows(path):
            if limit is not None and seen >= limit:
                return
            seen += 1
            if isinstance(item, RowError):
                skipped.append(item)
            else:
                yield item

    started = time.perf_counter()
    outcomes = [
        outcome(row, events)
        for row, events in run_coder(rows(), lambda r: row_article(r, str(path)), coder)
    ]
    seconds = time.perf_counter() - started
    figures, confusions, examples = score_outcomes(outcomes)
    return AcledReport(
        path=str(path), rows=len(outcomes), skipped=len(skipped),
        predicted_events=sum(o.predicted for o in outcomes), seconds=seconds,
        figures=figures, confusions=confusions, examples=examples,
    )
