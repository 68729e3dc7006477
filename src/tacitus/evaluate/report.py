"""Evaluation reports: frozen figures, a fixed-width text table and a flat dict of numbers.

``as_dict()`` holds numbers only, so a score gate can put a floor under any key;
baselines sit under ``"<key>.baseline"``.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from tacitus.evaluate.gold_score import FIELDS, DocScore, FieldCheck

MAX_MISSES = 200  # a gold run is small; beyond this the list stops helping


def ratio(part: int, whole: int, empty: float = 1.0) -> float:
    """part/whole; `empty` when there is nothing to count (no items, no errors)."""
    return part / whole if whole else empty


def f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def pct(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.1f}%"


def table(headers: Sequence[str], rows: Sequence[Sequence[str]], right: Sequence[bool]) -> str:
    """Fixed-width columns; `right` says which columns are right-aligned (numbers)."""
    widths = [max(len(str(c)) for c in col) for col in zip(headers, *rows)]

    def line(cells: Sequence[str]) -> str:
        out = [
            (str(c).rjust(w) if r else str(c).ljust(w))
            for c, w, r in zip(cells, widths, right)
        ]
        return "  ".join(out).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(headers), rule, *(line(r) for r in rows)])


@dataclass(frozen=True, slots=True)
class GoldReport:
    """Scores of a coder against hand-written gold events."""

    paths: tuple[str, ...]
    documents: int
    gold_events: int
    predicted_events: int
    matched: int
    checks: tuple[FieldCheck, ...]
    not_events_passed: int
    not_events_total: int
    notes: tuple[str, ...]
    seconds: float

    @classmethod
    def from_scores(
        cls, paths: tuple[str, ...], scores: Sequence[DocScore], seconds: float
    ) -> GoldReport:
        return cls(
            paths=paths,
            documents=len(scores),
            gold_events=sum(s.gold_events for s in scores),
            predicted_events=sum(s.predicted_events for s in scores),
            matched=sum(s.matched for s in scores),
            checks=tuple(c for s in scores for c in s.checks),
            not_events_passed=sum(s.not_events_passed for s in scores),
            not_events_total=sum(s.not_events_total for s in scores),
            notes=tuple(n for s in scores for n in s.notes),
            seconds=seconds,
        )

    def field_scores(self) -> tuple[tuple[str, int, int], ...]:
        """(field, correct, total) for every field scored at least once, in FIELDS order."""
        out = []
        for name in FIELDS:
            done = [c for c in self.checks if c.field == name]
            if done:
                out.append((name, sum(c.ok for c in done), len(done)))
        return tuple(out)

    @property
    def precision(self) -> float:
        return ratio(self.matched, self.predicted_events, 1.0 if not self.gold_events else 0.0)

    @property
    def recall(self) -> float:
        return ratio(self.matched, self.gold_events)

    @property
    def f1(self) -> float:
        return f1(self.precision, self.recall)

    def as_dict(self) -> dict[str, float]:
        out: dict[str, float] = {
            "documents": self.documents,
            "events_gold": self.gold_events,
            "events_predicted": self.predicted_events,
            "events_matched": self.matched,
            "events_precision": self.precision,
            "events_recall": self.recall,
            "events_f1": self.f1,
        }
        if self.not_events_total:
            out["not_events"] = self.not_events_passed / self.not_events_total
        out.update({name: ok / total for name, ok, total in self.field_scores()})
        out["seconds"] = self.seconds
        return out

    def render(self) -> str:
        head = (f"Gold evaluation: {', '.join(self.paths)} "
                f"({self.documents} documents, {self.seconds:.2f} s)")
        fields = table(
            ("field", "correct", "accuracy"),
            [(n, f"{ok}/{total}", pct(ok / total)) for n, ok, total in self.field_scores()],
            (False, True, True),
        )
        events = table(
            ("events", "gold", "predicted", "matched", "precision", "recall", "F1"),
            [("", str(self.gold_events), str(self.predicted_events), str(self.matched),
              pct(self.precision), pct(self.recall), pct(self.f1))],
            (False, True, True, True, True, True, True),
        )
        if not self.field_scores():
            fields = "(no gold event was matched, so no field was scored)"
        parts = [head, "", fields, "", events, "",
                 f"not_events passed: {self.not_events_passed}/{self.not_events_total}"]
        misses = [c for c in self.checks if not c.ok]
        if misses:
            parts += ["", f"Misses ({len(misses)}):"]
            parts += [f"  {c.field:<24} {c.where}: gold {c.gold} | predicted {c.predicted}"
                      for c in misses[:MAX_MISSES]]
        if self.notes:
            parts += ["", "Events:"] + [f"  {n}" for n in self.notes[:MAX_MISSES]]
        return "\n".join(parts)


@dataclass(frozen=True, slots=True)
class Figure:
    """One score beside the score of always giving the most frequent answer."""

    key: str
    value: float
    baseline: float
    n: int  # rows it is measured on
    answer: str  # what the baseline always answers


@dataclass(frozen=True, slots=True)
class AcledReport:
    """Scores of a coder on ACLED rows, each row's notes run as an article."""

    path: str
    rows: int
    skipped: int  # rows that could not be read (bad date or number)
    predicted_events: int
    seconds: float
    figures: tuple[Figure, ...]
    confusions: tuple[tuple[str, str, int], ...]  # gold sub-type, predicted, count
    examples: tuple[tuple[str, tuple[str, ...]], ...]  # field, wrong rows (short)

    @property
    def rows_per_second(self) -> float:
        return self.rows / self.seconds if self.seconds > 0 else 0.0

    def as_dict(self) -> dict[str, float]:
        out: dict[str, float] = {
            "rows": self.rows,
            "skipped": self.skipped,
            "predicted_events": self.predicted_events,
            "seconds": self.seconds,
            "rows_per_second": self.rows_per_second,
        }
        for f in self.figures:
            out[f.key] = f.value
            out[f"{f.key}.baseline"] = f.baseline
        return out

    def render(self) -> str:
        head = (f"ACLED evaluation: {self.path}\n"
                f"rows {self.rows} (skipped {self.skipped}), predicted events "
                f"{self.predicted_events}, {self.seconds:.1f} s, {self.rows_per_second:.1f} rows/s")
        figures = table(
            ("figure", "rows", "tacitus", "baseline", "baseline answers"),
            [(f.key, str(f.n), pct(f.value), pct(f.baseline), f.answer[:48])
             for f in self.figures],
            (False, True, True, True, False),
        )
        parts = [head, "", figures]
        if self.confusions:
            parts += ["", "Most common confusions (gold sub-type -> predicted):",
                      table(("count", "gold", "predicted"),
                            [(str(n), g, p) for g, p, n in self.confusions],
                            (True, False, False))]
        for name, lines in self.examples:
            if lines:
                parts += ["", f"Wrong rows: {name} (first {len(lines)}):"]
                parts += [f"  {line}" for line in lines]
        return "\n".join(parts)
