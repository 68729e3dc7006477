"""Gold files: ``*.gold.json`` with the article text beside them (``.txt``) or inside.

A gold file holds ``id``, ``outlet``, ``published``, ``events[...]`` and ``not_events[...]``;
its ``title`` is deliberately not given to the coder (finding it is the coder's job).
"""
from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

from tacitus.errors import GoldError
from tacitus.evaluate.coder import Coder, run_coder
from tacitus.evaluate.gold_score import DocScore, score_document
from tacitus.evaluate.report import GoldReport
from tacitus.types import Article

GOLD_SUFFIX = ".gold.json"


@dataclass(frozen=True, slots=True)
class GoldEvent:
    """One gold event as written: which keys are present matters (absent = not scored)."""

    index: int
    values: Mapping[str, Any]

    def has(self, key: str) -> bool:
        return key in self.values

    def get(self, key: str, default: Any = None) -> Any:
        return self.values.get(key, default)


@dataclass(frozen=True, slots=True)
class NotEvent:
    text: str
    why: str = ""


@dataclass(frozen=True, slots=True)
class GoldDocument:
    path: Path
    article: Article
    events: tuple[GoldEvent, ...]
    not_events: tuple[NotEvent, ...]


def gold_files(path: Path) -> list[Path]:
    """A gold file, or the gold files in a folder (sorted, not recursive)."""
    if path.is_dir():
        return sorted(p for p in path.iterdir() if p.name.endswith(GOLD_SUFFIX))
    return [path]


def _date(value: Any, where: str) -> dt.date | None:
    if value in (None, ""):
        return None
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError as exc:
        raise GoldError(f"{where}: not an ISO date: {value!r}") from exc


def _text(path: Path, data: Mapping[str, Any]) -> str:
    if isinstance(data.get("text"), str):
        return data["text"]
    beside = path.with_name(path.name[: -len(GOLD_SUFFIX)] + ".txt")
    if path.name.endswith(GOLD_SUFFIX) and beside.is_file():
        return beside.read_text(encoding="utf-8")
    raise GoldError(f"{path}: no 'text' key and no {beside.name} beside it")


def load_gold(path: Path) -> GoldDocument:
    """Read one gold file into an Article (raw text: cleaning is the coder's job) and
    its gold events. Raises GoldError when it cannot."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise GoldError(f"{path}: {exc}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("events", []), list):
        raise GoldError(f"{path}: expected an object with an 'events' list")
    stem = path.name[: -len(GOLD_SUFFIX)] if path.name.endswith(GOLD_SUFFIX) else path.stem
    article = Article(
        id=str(data.get("id") or stem),
        text=_text(path, data),
        outlet=str(data.get("outlet") or ""),
        published=_date(data.get("published"), str(path)),
        origin=str(path),
    )
    events = []
    for i, ev in enumerate(data.get("events", [])):
        if not isinstance(ev, dict) or "sub_event_type" not in ev:
            raise GoldError(f"{path}: event {i + 1} has no sub_event_type")
        values = dict(ev)
        values["event_date"] = _date(ev.get("event_date"), f"{path} event {i + 1}")
        events.append(GoldEvent(i, MappingProxyType(values)))
    not_events = tuple(
        NotEvent(str(n.get("text", "")), str(n.get("why", "")))
        for n in data.get("not_events", [])
        if isinstance(n, dict) and n.get("text")
    )
    return GoldDocument(path, article, tuple(events), not_events)


def _documents(paths: Sequence[Path]) -> Iterator[GoldDocument]:
    for path in paths:
        for file in gold_files(Path(path)):
            yield load_gold(file)


def evaluate_gold(paths: Sequence[Path], coder: Coder) -> GoldReport:
    """Run the coder over the gold articles and score it against their gold events."""
    started = time.perf_counter()
    scores: list[DocScore] = []
    for doc, events in run_coder(_documents(paths), lambda d: d.article, coder):
        scores.append(score_document(doc, [e for e in events if not e.withheld]))
    if not scores:
        raise GoldError(f"no gold files in {', '.join(str(p) for p in paths)}")
    return GoldReport.from_scores(
        tuple(str(p) for p in paths), tuple(scores), time.perf_counter() - started
    )
