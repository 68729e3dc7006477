"""Scoring a coder against gold files and ACLED rows, printed beside baselines.

    evaluate_paths([Path("tests/gold"), Path("acled.csv")], coder, limit=500)
"""
from __future__ import annotations

from tacitus.evaluate.acled import evaluate_acled
from tacitus.evaluate.coder import Coder
from tacitus.evaluate.dispatch import Report, evaluate_paths
from tacitus.evaluate.gold import evaluate_gold
from tacitus.evaluate.report import AcledReport, Figure, GoldReport

__all__ = [
    "AcledReport",
    "Coder",
    "Figure",
    "GoldReport",
    "Report",
    "evaluate_acled",
    "evaluate_gold",
    "evaluate_paths",
]
