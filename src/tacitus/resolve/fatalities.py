"""Fatalities: the reported counts of one event → ACLED's conservative figure and range.

A primary report (not a corroboration) with an exact number wins over vague ones
("dozens"); corroborating reports ("the hospital received 30 bodies") only widen the
range, and so does a side's claim the report could not verify; "killed and wounded N"
is never a death toll; a toll reported for several
places is split between them so it is never counted twice.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence, TypedDict

from tacitus.facts import Casualty
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
    # A figure the report could not verify only raises the ceiling of the range.
    claims = [c for c in casualties if c.unverified]
    killed = [c for c in casualties if c.kind == "killed" and not c.unverified]
    mixed = [c for c in casualties if c.kind == "casualties"]
    claimed_high = max((c.high or 0 for c in claims), default=0)
    injured = max((c.best for c in casualties if c.kind == "injured"), default=0)
    primary = ([c for c in killed if not c.corroborating and not c.vague]
               or [c for c in killed if not c.corroborating])
    if not primary and not mixed:
        # Only corroborating counts ("the morgue received 14 bodies"): still a toll.
        primary = [c for c in killed if not c.vague] or killed
    evidence = tuple(c.evidence for c in casualties)
    if primary:
        best, low = _combine(primary)
        highs = [c.high if c.high is not None else c.best for c in killed]
        high = max(highs) if max(highs) > best else None
        if any(c.high is not None for c in primary):
            high = max(c.high for c in primary if c.high is not None)
        if claimed_high > max(high or 0, best):
            high = claimed_high
        civilians = max((c.civilians for c in killed), default=0)
        return Toll(best, low, high, civilians, injured, evidence)
    if mixed:
        # Only "killed and wounded N": at least one death is implied, at most N.
        return Toll(None, 1, max([c.high or 0 for c in mixed] + [claimed_high]), 0, injured, evidence)
    return Toll(0, 0, claimed_high or None, 0, injured, evidence)


class TollFields(TypedDict):
    """The Event columns a toll fills, typed as Event types them (for ``Event(**fields)``)."""

    fatalities: int
    fatalities_low: int
    fatalities_best: int | None
    fatalities_high: int | None
    civilian_fatalities_low: int
    injured_low: int


def toll_fields(toll: Toll) -> TollFields:
    """The Event columns of a toll. ACLED's ``fatalities`` counts only reported deaths:
    "killed and wounded" alone is 0 there; the unknown best guess (None) and the range
    stay in Tacitus' own columns."""
    return TollFields(fatalities=toll.best if toll.best is not None else 0, fatalities_low=toll.low,
                      fatalities_best=toll.best, fatalities_high=toll.high,
                      civilian_fatalities_low=toll.civilians, injured_low=toll.injured)


def split(toll: Toll, places: int) -> tuple[Toll, ...]:
    """Share one toll between ``places`` events: the first takes the remainder."""
    if places <= 1:
        return (toll,) * max(places, 1)
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


_GENERIC = {"", "people", "persons", "individuals", "others"}


def _noun(c: Casualty) -> str:
    words = [c.noun] + [w.strip(".,;:").lower() for w in c.evidence.text.split()]
    group = next((w for w in words if w in _GROUP_WORDS or w in _SAME_SIDE), "")
    return _SAME_SIDE.get(group, group)


# Names one report gives the same armed group's dead by turns ("nine militants" ...
# "the bodies of nine terrorists"): one group, so the same dead are not added twice.
_SAME_SIDE = {w: "militants" for w in (
    "militant", "militants", "fighters", "insurgents", "terrorists", "jihadists", "assailants",
    "attackers", "gunmen", "extremists")}


_GROUP_WORDS = {
    "civilians", "soldiers", "soldier", "troops", "policemen", "policeman", "police", "officers",
    "militants", "militant", "fighters", "insurgents", "rebels", "attackers", "gunmen", "bandits",
    "commandos", "personnel", "guards", "members", "villagers", "residents", "protesters",
    "children", "women", "students", "passengers", "suspects", "raiders", "herders", "farmers",
}


def _combine(primary: Sequence[Casualty]) -> tuple[int, int]:
    """Counts of different groups add up ("2 policemen … 6 militants were also killed");
    several counts of the same group are the same dead told twice: the lowest holds."""
    by_group: dict[str, list[Casualty]] = {}
    for c in primary:
        by_group.setdefault(_noun(c), []).append(c)
    specific = {g: cs for g, cs in by_group.items() if g not in _GENERIC}
    if len(specific) >= 2 and "" not in by_group:
        return (sum(min(c.best for c in cs) for cs in specific.values()),
                sum(min(c.low for c in cs) for cs in specific.values()))
    return min(c.best for c in primary), min(c.low for c in primary)
