"""Which evaluation a path asks for: gold files (or a folder of them) or an ACLED CSV."""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from tacitus.errors import GoldError
from tacitus.evaluate.acled import evaluate_acled
from tacitus.evaluate.coder import Coder
from tacitus.evaluate.gold import GOLD_SUFFIX, evaluate_gold
from tacitus.evaluate.report import AcledReport, GoldReport

Report = GoldReport | AcledReport


def evaluate_paths(
    paths: Sequence[Path], coder: Coder, *, limit: int | None = None
) -> list[Report]:
    """One report per path, in order: a `*.gold.json` file or a folder of them is scored
    as gold, a `*.csv` as ACLED rows (the first `limit` rows)."""
    reports: list[Report] = []
    for path in map(Path, paths):
        if path.is_dir() or path.name.endswith(GOLD_SUFFIX):
            reports.append(evaluate_gold([path], coder))
        elif path.suffix.lower() == ".csv":
            reports.append(evaluate_acled(path, coder, limit=limit))
        else:
            raise GoldError(f"{path}: expected a *{GOLD_SUFFIX} file, a folder of them or a *.csv")
    return reports
