"""The public surface of tacitus.evaluate is pinned."""
from __future__ import annotations

import tacitus.evaluate as evaluate


def test_evaluate_exported_members_are_pinned():
    assert sorted(evaluate.__all__) == [
        "AcledReport", "Coder", "Figure", "GoldReport", "Report",
        "evaluate_acled", "evaluate_gold", "evaluate_paths",
    ]
    assert all(hasattr(evaluate, name) for name in evaluate.__all__)
