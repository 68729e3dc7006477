"""Quality gate on the project's own gold articles (tests/gold): figures may only go up.

The floors are the figures reached when they were pinned, rounded down; raise them when
the coder improves. The ACLED and seed floors live in .ci/floors.json (CI has ../shared).
"""
from __future__ import annotations

from pathlib import Path

import pytest

from tacitus.evaluate import evaluate_gold

GOLD = Path(__file__).resolve().parent / "gold"

FLOORS = {
    "events_precision": 0.93,
    "events_recall": 0.90,
    "not_events": 1.0,
    "event_date": 0.99,
    "sub_event_type": 0.99,
    "actor1": 0.76,
    "actor2": 0.77,
    "location": 0.96,
    "country": 0.99,
    "fatalities": 0.92,
    "fatalities_shared": 0.99,
    "sources": 0.53,
}


@pytest.fixture(scope="module")
def figures(pipeline):
    return evaluate_gold([GOLD], pipeline.code_many).as_dict()


@pytest.mark.parametrize("figure, floor", sorted(FLOORS.items()))
def test_quality_gate_own_gold(figures, figure, floor):
    assert figures[figure] + 1e-9 >= floor, f"{figure} fell to {figures[figure]:.3f} (floor {floor})"
