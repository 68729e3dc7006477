"""Figures for ACLED rows: per-field accuracy, sub-type F1 and event-level P/R/F1, each
beside the score of always giving the file's most frequent answer."""
from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from tacitus.evaluate.geo import distance_km, within_km
from tacitus.evaluate.names import norm_admin1, norm_name
from tacitus.evaluate.report import Figure, f1, ratio

if TYPE_CHECKING:
    from tacitus.evaluate.acled import AcledRow

NONE = "(none)"  # the sub-type of a row the coder found no event for
TOP = 20


@dataclass(frozen=True, slots=True)
class Predicted:
    """The scored fields of a row's best prediction (the Event itself is not kept)."""

    event_type: str
    sub_event_type: str
    actor1: str
    inter1: int | None
    admin1: str
    location: str
    latitude: float | None
    longitude: float | None
    geo_precision: int | None
    fatalities: int | None  # as Event.fatalities: None when a toll holds no death count
    event_date: dt.date | None


@dataclass(frozen=True, slots=True)
class Outcome:
    row: AcledRow
    best: Predicted | None
    predicted: int  # events the coder returned for the row
    correct: int  # of those, with the row's sub-type and within 25 km


@dataclass(frozen=True, slots=True)
class Column:
    """How one field is read from the row and the prediction, and compared."""

    key: str
    gold: Callable[[AcledRow], Any]
    pred: Callable[[Predicted], Any]
    norm: Callable[[Any], Hashable] = lambda v: v


def _text(fn: Callable[[str], str]) -> Callable[[Any], Hashable]:
    return lambda v: fn(v or "")


COLUMNS: tuple[Column, ...] = (
    Column("event_type", lambda r: r.event_type, lambda p: p.event_type, _text(norm_name)),
    Column("sub_event_type", lambda r: r.sub_event_type, lambda p: p.sub_event_type,
           _text(norm_name)),
    Column("actor1", lambda r: r.actor1, lambda p: p.actor1, _text(norm_name)),
    Column("inter1", lambda r: r.inter1, lambda p: p.inter1),
    Column("admin1", lambda r: r.admin1, lambda p: p.admin1, _text(norm_admin1)),
    Column("event_date", lambda r: r.event_date, lambda p: p.event_date),
    Column("geo_precision", lambda r: r.geo_precision, lambda p: p.geo_precision),
    Column("fatalities", lambda r: r.fatalities, lambda p: p.fatalities),
)
_BY_KEY: Mapping[str, Column] = MappingProxyType({c.key: c for c in COLUMNS})


def _right(col: Column, o: Outcome) -> bool:
    return o.best is not None and col.norm(col.pred(o.best)) == col.norm(col.gold(o.row))


def _mode(values: Sequence[Any]) -> tuple[Any, int]:
    """The most frequent value (first seen wins a tie) and its count."""
    return Counter(values).most_common(1)[0]


def exact_figure(key: str, col: Column, rows: Sequence[Outcome]) -> Figure:
    normed = [col.norm(col.gold(o.row)) for o in rows]
    answer, count = _mode(normed)
    shown = next(col.gold(o.row) for o, n in zip(rows, normed) if n == answer)
    return Figure(key, sum(_right(col, o) for o in rows) / len(rows), count / len(rows),
                  len(rows), str(shown))


def _place(o: Outcome) -> tuple[float | None, float | None]:
    return o.row.latitude, o.row.longitude


def _near(o: Outcome) -> bool:
    b = o.best
    return b is not None and within_km(o.row.latitude, o.row.longitude, b.latitude, b.longitude)


def location_figure(key: str, rows: Sequence[Outcome]) -> Figure:
    (lat, lon), _ = _mode([_place(o) for o in rows])
    base = sum(within_km(o.row.latitude, o.row.longitude, lat, lon) for o in rows)
    name = next(o.row.location for o in rows if _place(o) == (lat, lon))
    return Figure(key, sum(_near(o) for o in rows) / len(rows), base / len(rows), len(rows),
                  f"{name} ({lat}, {lon})")


def weighted_f1(gold: Sequence[Hashable], pred: Sequence[Hashable]) -> float:
    """Per-class F1 over the gold classes, weighted by gold support."""
    support, guessed = Counter(gold), Counter(pred)
    hits = Counter(g for g, p in zip(gold, pred) if g == p)
    total = sum(
        n * f1(ratio(hits[c], guessed[c], 0.0), ratio(hits[c], n, 0.0))
        for c, n in support.items()
    )
    return total / len(gold) if gold else 0.0


def _sub(o: Outcome) -> Hashable:
    return norm_name(o.best.sub_event_type) if o.best is not None else NONE


def subtype_f1_figure(rows: Sequence[Outcome]) -> Figure:
    gold = [norm_name(o.row.sub_event_type) for o in rows]
    mode, _ = _mode(gold)
    shown = next(o.row.sub_event_type for o, g in zip(rows, gold) if g == mode)
    return Figure("sub_event_type_f1", weighted_f1(gold, [_sub(o) for o in rows]),
                  weighted_f1(gold, [mode] * len(gold)), len(rows), shown)


def event_figures(rows: Sequence[Outcome]) -> list[Figure]:
    """A predicted event is right when it has the row's sub-type within 25 km. The
    baseline codes one event per row: the most frequent sub-type at the most frequent place."""
    predicted = sum(o.predicted for o in rows)
    p = ratio(sum(o.correct for o in rows), predicted, 0.0)
    r = sum(o.correct > 0 for o in rows) / len(rows)
    mode_sub, _ = _mode([norm_name(o.row.sub_event_type) for o in rows])
    (lat, lon), _ = _mode([_place(o) for o in rows])
    base = sum(
        norm_name(o.row.sub_event_type) == mode_sub
        and within_km(o.row.latitude, o.row.longitude, lat, lon)
        for o in rows
    ) / len(rows)
    shown = next(o.row.sub_event_type for o in rows if norm_name(o.row.sub_event_type) == mode_sub)
    answer = f"{shown} at ({lat}, {lon})"
    return [Figure("events_precision", p, base, len(rows), answer),
            Figure("events_recall", r, base, len(rows), answer),
            Figure("events_f1", f1(p, r), base, len(rows), answer)]


def figures(rows: Sequence[Outcome]) -> tuple[Figure, ...]:
    """Every figure; a subset figure's baseline is that subset's own most frequent answer."""
    if not rows:
        return ()
    by = _BY_KEY
    out = [exact_figure("event_type", by["event_type"], rows),
           exact_figure("sub_event_type", by["sub_event_type"], rows),
           subtype_f1_figure(rows),
           exact_figure("actor1", by["actor1"], rows),
           exact_figure("inter1", by["inter1"], rows),
           location_figure("location_25km", rows)]
    precise = [o for o in rows if o.row.geo_precision == 1]
    if precise:
        out.append(location_figure("location_25km_geo1", precise))
    out += [exact_figure(k, by[k], rows)
            for k in ("admin1", "event_date", "geo_precision", "fatalities")]
    deadly = [o for o in rows if o.row.fatalities > 0]
    if deadly:
        out.append(exact_figure("fatalities_with_deaths", by["fatalities"], deadly))
    return tuple(out + event_figures(rows))


def confusions(rows: Sequence[Outcome]) -> tuple[tuple[str, str, int], ...]:
    """The most common (gold sub-type, predicted sub-type) pairs that differ."""
    pairs = Counter(
        (o.row.sub_event_type, o.best.sub_event_type if o.best else NONE)
        for o in rows if _sub(o) != norm_name(o.row.sub_event_type)
    )
    ranked = sorted(pairs.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP]
    return tuple((g, p, n) for (g, p), n in ranked)


def _line(o: Outcome, gold: Any, pred: Any) -> str:
    return f"{o.row.event_id}: gold {gold} | predicted {pred} | {o.row.notes}"


def _where(o: Outcome) -> str:
    b = o.best
    if b is None:
        return NONE
    d = distance_km(o.row.latitude, o.row.longitude, b.latitude, b.longitude)
    far = "no coordinates" if d is None else f"{d:.0f} km"
    return f"{b.location or '?'} ({far})"


def examples(rows: Sequence[Outcome]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The first wrong rows for the fields a developer reads errors of."""
    out = []
    for key in ("sub_event_type", "actor1", "fatalities", "event_date"):
        col = _BY_KEY[key]
        wrong = [o for o in rows if not _right(col, o)][:TOP]
        out.append((key, tuple(
            _line(o, col.gold(o.row), NONE if o.best is None else col.pred(o.best))
            for o in wrong
        )))
    wrong = [o for o in rows if not _near(o)][:TOP]
    out.append(("location", tuple(_line(o, o.row.location, _where(o)) for o in wrong)))
    return tuple(out)


def score_outcomes(
    rows: Sequence[Outcome],
) -> tuple[tuple[Figure, ...], tuple[tuple[str, str, int], ...],
           tuple[tuple[str, tuple[str, ...]], ...]]:
    return figures(rows), confusions(rows), examples(rows)
