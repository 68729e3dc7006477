"""The assemble rulebook is one ordered cascade of named rules, and the package docstring
lists exactly those rules in that order, so the cascade a reader sees is the one that
runs (a renamed or reordered rule cannot go stale)."""
from __future__ import annotations

import importlib
import re
from pathlib import Path

import tacitus.assemble as assemble
from tacitus.assemble.rules import RULES

_PROSE = {"out", "the", "sentence", "makes", "no", "event", "of", "its", "own", "to", "an", "already", "told",
          "starting", "or", "adding", "one", "kept", "then", "over", "whole", "article"}
FINISHING = ("exchange_summary", "story_place", "first_date")


def _documented() -> list[str]:
    doc = assemble.__doc__ or ""
    cascade = re.sub(r"\([^)]*\)", " ", doc[doc.index("Kept out"):])  # prose in brackets
    return [w for w in re.findall(r"\b[a-z_]+\b", cascade) if w not in _PROSE]


def test_the_docstring_lists_the_rulebook_in_order_then_the_finishing_steps():
    assert _documented() == [r.name for r in RULES] + list(FINISHING)


def test_rule_names_are_unique_and_the_last_rule_catches_every_sentence():
    names = [r.name for r in RULES]
    assert len(names) == len(set(names))
    assert RULES[-1].applies(None) is True  # type: ignore[arg-type]  # reads nothing


def test_every_finishing_step_is_the_one_its_function_documents():
    source = Path(importlib.import_module("tacitus.assemble.finish").__file__ or "").read_text(encoding="utf-8")
    for name in FINISHING:
        assert re.search(rf'"""{name}: ', source), name
