"""Scoring one gold document: match predictions to gold events, then field by field."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tacitus.evaluate.geo import MATCH_KM, distance_km
from tacitus.evaluate.names import (
    evidence_matches,
    name_set,
    norm_name,
    norm_text,
    same_admin1,
    same_name,
    source_name,
)
from tacitus.types import Event, Span

if TYPE_CHECKING:
    from tacitus.evaluate.gold import GoldDocument, GoldEvent


@dataclass(frozen=True, slots=True)
class FieldCheck:
    """One field of one matched pair: right or wrong, with both values for the miss list."""

    field: str
    ok: bool
    gold: str
    predicted: str
    where: str


@dataclass(frozen=True, slots=True)
class DocScore:
    doc_id: str
    gold_events: int
    predicted_events: int
    matched: int
    checks: tuple[FieldCheck, ...]
    not_events_passed: int
    not_events_total: int
    notes: tuple[str, ...]  # missed gold events, extra predictions, failed not_events


def _as_int(value: Any) -> int | None:
    try:
        return None if value is None else int(value)
    except (TypeError, ValueError):
        return None


def _same_int(gold: Any, predicted: Any) -> bool:
    return _as_int(gold) == _as_int(predicted)


def _same_text(gold: Any, predicted: Any) -> bool:
    return same_name(str(gold or ""), str(predicted or ""))


def _same_admin(gold: Any, predicted: Any) -> bool:
    return same_admin1(str(gold or ""), str(predicted or ""))


def _same_names(gold: Any, predicted: Any) -> bool:
    return name_set(str(gold or "")) == name_set(str(predicted or ""))


def _same_value(gold: Any, predicted: Any) -> bool:
    return gold == predicted


# field -> how to compare; scored when the gold event has the key (see _applies).
_RULES: tuple[tuple[str, Callable[[Any, Any], bool]], ...] = (
    ("event_date", _same_value),
    ("time_precision", _same_int),
    ("event_type", _same_text),
    ("sub_event_type", _same_text),
    ("actor1", _same_text),
    ("inter1", _same_int),
    ("actor2", _same_text),
    ("inter2", _same_int),
    ("assoc_actor_2", _same_names),
    ("country", _same_text),
    ("iso", _same_int),
    ("admin1", _same_admin),
    ("location", _same_text),
    ("geonameid", _same_int),
    ("geo_precision", _same_int),
    ("fatalities", _same_int),
    ("fatalities_low", _same_int),
    ("fatalities_high", _same_value),  # null must be predicted as None
    ("civilian_fatalities_low", _same_int),
)
FIELDS: tuple[str, ...] = tuple(f for f, _ in _RULES) + ("fatalities_shared", "sources", "evidence")


def _applies(gold: GoldEvent, name: str) -> bool:
    if not gold.has(name):
        return False
    # A null here means "no such figure", not "predict None"; fatalities_high is the exception.
    if name in ("fatalities", "geonameid", "assoc_actor_2"):
        return gold.get(name) not in (None, "")
    return True


def _show(value: Any) -> str:
    text = "None" if value is None else str(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _where(doc_id: str, gold: GoldEvent) -> str:
    return f"{doc_id} #{gold.index + 1} {gold.get('event_date')} {gold.get('location', '')}"


def _source_names(ev: Event) -> set[str]:
    names = {norm_name(s.name) for s in ev.sources_detail}
    names |= {norm_name(s.outlet) for s in ev.sources_detail}
    # An unnamed source is known by its role ("residents", "a humanitarian worker").
    names |= {norm_name(s.role) for s in ev.sources_detail if not s.name}
    names |= {norm_name(s) for s in ev.source.split(";")}
    return names - {""}


def _check_sources(gold: GoldEvent, ev: Event, where: str) -> FieldCheck:
    have, joined = _source_names(ev), norm_name(ev.source)
    missing = [
        s for s in gold.get("sources")
        if norm_name(source_name(s)) not in have
        and not (norm_name(source_name(s)) and norm_name(source_name(s)) in joined)
    ]
    shown = sorted({s.name for s in ev.sources_detail} | {ev.source} - {""})
    return FieldCheck("sources", not missing, _show("missing " + "; ".join(missing)),
                      _show("; ".join(shown)), where)


def _spans(ev: Event) -> list[Span]:
    return [s for spans in ev.evidence.values() for s in spans]


def _check_evidence(gold: GoldEvent, ev: Event, where: str) -> FieldCheck:
    texts = [s.text for s in _spans(ev)]
    missing = [g for g in gold.get("evidence") if not any(evidence_matches(g, t) for t in texts)]
    return FieldCheck("evidence", not missing, _show("missing " + " | ".join(missing)),
                      _show(f"{len(texts)} spans"), where)


def field_checks(doc_id: str, gold: GoldEvent, ev: Event) -> list[FieldCheck]:
    """Every applicable field of one matched (gold, predicted) pair."""
    where = _where(doc_id, gold)
    checks = [
        FieldCheck(name, same(gold.get(name), getattr(ev, name)), _show(gold.get(name)),
                   _show(getattr(ev, name)), where)
        for name, same in _RULES
        if _applies(gold, name)
    ]
    if gold.get("sources"):
        checks.append(_check_sources(gold, ev, where))
    if gold.get("evidence"):
        checks.append(_check_evidence(gold, ev, where))
    return checks


def _distance(gold: GoldEvent, ev: Event) -> float | None:
    """Distance used to match, or None when the pair is not the same place."""
    gid, pid = _as_int(gold.get("geonameid")), ev.geonameid
    d = distance_km(_as_float(gold.get("latitude")), _as_float(gold.get("longitude")),
                    ev.latitude, ev.longitude)
    if gid is not None and gid == pid:
        return d if d is not None else 0.0
    if d is not None:
        return d if d <= MATCH_KM else None
    # Gold without coordinates: fall back on the place's name.
    no_gold_coords = gold.get("latitude") is None or gold.get("longitude") is None
    if no_gold_coords and gold.get("location") and same_name(gold.get("location"), ev.location):
        return 0.0
    return None


def _as_float(value: Any) -> float | None:
    try:
        return None if value is None else float(value)
    except (TypeError, ValueError):
        return None


def same_time(gold: GoldEvent, ev: Event) -> bool:
    """The dates agree within the coarser time precision of the two: the same day at
    precision 1, at most six days apart at 2 (a week), the same month at 3."""
    day = gold.get("event_date")
    if day is None or ev.event_date is None:
        return False
    precision = max(_as_int(gold.get("time_precision")) or 1, ev.time_precision or 1)
    if precision >= 3:
        return (day.year, day.month) == (ev.event_date.year, ev.event_date.month)
    return abs((day - ev.event_date).days) <= (6 if precision == 2 else 0)


def match_events(
    golds: Sequence[GoldEvent], predicted: Sequence[Event]
) -> list[tuple[int, int]]:
    """One-to-one (gold index, prediction index) pairs: same sub-type, the date within
    the time precision (``same_time``), same place (within 25 km or equal geonameid);
    greedy by smallest distance."""
    candidates = []
    for gi, gold in enumerate(golds):
        for pi, ev in enumerate(predicted):
            if not _same_text(gold.get("sub_event_type"), ev.sub_event_type):
                continue
            if not same_time(gold, ev):
                continue
            d = _distance(gold, ev)
            if d is not None:
                candidates.append((d, gi, pi))
    pairs, used_g, used_p = [], set(), set()
    for _, gi, pi in sorted(candidates):
        if gi not in used_g and pi not in used_p:
            pairs.append((gi, pi))
            used_g.add(gi)
            used_p.add(pi)
    return sorted(pairs)


def _shared_groups(golds: Sequence[GoldEvent]) -> list[list[int]]:
    """Gold events that share one toll ("fatalities_shared_with": the other's location)."""
    sharing = [i for i, g in enumerate(golds) if g.get("fatalities_shared_with")]
    parent = {i: i for i in sharing}

    def root(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    for i in sharing:
        partners = name_set(str(golds[i].get("fatalities_shared_with")))
        for j in sharing:
            if j != i and norm_name(str(golds[j].get("location", ""))) in partners:
                parent[root(j)] = root(i)
    groups: dict[int, list[int]] = {}
    for i in sharing:
        groups.setdefault(root(i), []).append(i)
    return list(groups.values())


def _check_shared(doc_id: str, golds: Sequence[GoldEvent], group: list[int],
                  pred_of: dict[int, Event]) -> FieldCheck:
    total = _as_int(golds[group[0]].get("fatalities_total_low"))
    where = f"{doc_id} " + " + ".join(f"#{i + 1} {golds[i].get('location', '')}" for i in group)
    got = [pred_of[i].fatalities if i in pred_of else None for i in group]
    counts = [n for n in got if n is not None]
    ok = (total is not None and len(counts) == len(got) and sum(counts) == total
          and all(n < total for n in counts))
    shown = " + ".join("unmatched" if n is None else str(n) for n in got)
    return FieldCheck("fatalities_shared", ok, f"together {total}, each less", shown, where)


def _range_in(text: str, needle: str, near: int = 0) -> tuple[int, int] | None:
    """Where `needle` sits in `text`; of several places, the one nearest `near`."""
    if not needle:
        return None
    starts, at = [], text.find(needle)
    while at >= 0:
        starts.append(at)
        at = text.find(needle, at + 1)
    if not starts:
        return None
    best = min(starts, key=lambda s: abs(s - near))
    return best, best + len(needle)


def _cites(text: str, not_event: str, span: Span) -> bool:
    """Does this evidence span overlap the not-event's words in the article?"""
    target = _range_in(text, not_event)
    if text[span.start:span.end] == span.text:
        located: tuple[int, int] | None = (span.start, span.end)
    else:
        # Spans point into the cleaned text; the raw text may sit at other offsets.
        located = _range_in(text, span.text, span.start)
    if target is not None and located is not None:
        return located[0] < target[1] and target[0] < located[1]
    a, b = norm_text(not_event), norm_text(span.text)
    return bool(a and b) and (a in b or b in a)


def score_document(doc: GoldDocument, predicted: Sequence[Event]) -> DocScore:
    doc_id, golds = doc.article.id, doc.events
    pairs = match_events(golds, predicted)
    pred_of = {gi: predicted[pi] for gi, pi in pairs}
    checks = [c for gi, pi in pairs for c in field_checks(doc_id, golds[gi], predicted[pi])]
    # Like every field, a shared toll is scored only once the coder found (part of) it.
    checks += [_check_shared(doc_id, golds, g, pred_of) for g in _shared_groups(golds)
               if any(i in pred_of for i in g)]
    notes = [
        f"missed gold {_where(doc_id, g)}: {g.get('sub_event_type')}, {g.get('actor1', '')}"
        for i, g in enumerate(golds) if i not in pred_of
    ]
    matched_p = {pi for _, pi in pairs}
    extra = [ev for pi, ev in enumerate(predicted) if pi not in matched_p]
    notes += [
        f"extra prediction {doc_id}: {ev.event_date} {ev.sub_event_type} at "
        f"{ev.location or '?'} ({ev.actor1} v {ev.actor2 or '-'})"
        for ev in extra
    ]
    passed = 0
    for ne in doc.not_events:
        if any(_cites(doc.article.text, ne.text, s) for ev in extra for s in _spans(ev)):
            notes.append(f"not_event coded as an event {doc_id}: {_show(ne.text)}")
        else:
            passed += 1
    return DocScore(doc_id, len(golds), len(predicted), len(pairs), tuple(checks),
                    passed, len(doc.not_events), tuple(notes))

