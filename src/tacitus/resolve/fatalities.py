"""Fatalities: the reported counts of one event → ACLED's conservative figure and range.

A primary report (not a corroboration) with an exact number wins over vague ones
("dozens"); corroborating reports ("the hospital received 30 bodies") only widen the
range; "killed and wounded N" is never a death toll; a toll reported for several
places is split between them so it is never counted twice.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from tacitus.mention.casualties import Casualty
from tacitus.types import Span


@dataclass(frozen=True, slots=True)
class Toll:
    best: int | None  # ACLED's `fatalities`; None when only "killed and wounded" was said
    low: int
    high: int | None
    civilians: int
    injured: int
    evidence: tuple[Span, ...]


def reconcile(casualties: Sequence[Casualty]) -> Toll:
    killed = [c for c in casualties if c.kind == "killed"]
    mixed = [c for c in casualties if c.kind == "casualties"]
    injured = max((c.best for c in casualties if c.kind == "injured"), default=0)
    primary = ([c for c in killed if not c.corroborating and not c.vague]
               or [c for c in killed if not c.corroborating]
               or [c for c in killed if not c.vague]
               or killed)
    evidence = tuple(c.evidence for c in casualties)
    if primary:
        best = min(c.best for c in primary)
        low = min(c.low for c in primary)
        highs = [c.high if c.high is not None else c.best for c in killed]
        high = max(highs) if max(highs) > best else None
        if any(c.high is not None for c in primary):
            high = max(c.high for c in primary if c.high is not None)
        civilians = max((c.civilians for c in killed), default=0)
        return Toll(best, low, high, civilians, injured, evidence)
    if mixed:
        # Only "killed and wounded N": at least one death is implied, at most N.
        return Toll(None, 1, max(c.high or 0 for c in mixed), 0, injured, evidence)
    return Toll(0, 0, None, 0, injured, evidence)


def split(toll: Toll, places: int) -> tuple[Toll, ...]:
    """Share one toll between ``places`` events: the first takes the remainder."""
    if places <= 1:
        return (toll,)
    if toll.best is None:
        return tuple(Toll(None, 0, toll.high, 0, 0, toll.evidence) for _ in range(places))
    shares = []
    for i in range(places):
        best = toll.best // places + (1 if i < toll.best % places else 0)
        low = toll.low // places + (1 if i < toll.low % places else 0)
        civ = toll.civilians // places + (1 if i < toll.civilians % places else 0)
        inj = toll.injured // places + (1 if i < toll.injured % places else 0)
        # The whole toll may have fallen in one place: the range says so.
        shares.append(Toll(best, low, toll.high or toll.best, civ, inj, toll.evidence))
    return tuple(shares)
