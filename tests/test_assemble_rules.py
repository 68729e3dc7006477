"""The rules named in assemble's docstring are exactly the rules its code applies, so the
cascade a reader sees is the one that runs (and a renamed rule cannot go stale)."""
from __future__ import annotations

import re
from pathlib import Path

import tacitus.assemble as assemble

_PROSE = {"out", "the", "sentence", "makes", "no", "event", "of", "its", "own", "to", "an", "already", "told"}
SOURCE = Path(assemble.__file__).read_text(encoding="utf-8")


def _documented() -> set[str]:
    doc = assemble.__doc__ or ""
    cascade = doc[doc.index("Kept out"):]
    # every lower-case word of the cascade lists that is not prose in brackets
    lists = re.sub(r"\([^)]*\)", " ", cascade)
    return {w for w in re.findall(r"\b[a-z_]+\b", lists) if w not in _PROSE}


def _applied() -> set[str]:
    body = SOURCE[SOURCE.index('"""', SOURCE.index('"""') + 3) + 3:]  # after the docstring
    names = set(re.findall(r'skip\(f, "([a-z_]+)"\)', body))
    names |= set(re.findall(r'roles, "([a-z_]+)"', body))
    names |= set(re.findall(r'(?:trigger|dispersal), "([a-z_]+)"\)', body))
    names |= set(re.findall(r'"([a-z_]+)" if refers_back else "([a-z_]+)"', body)[0])
    names |= set(re.findall(r'Skip\(d\.sentences\[0\], "([a-z_]+)"\)', body))
    return names


def test_assemble_every_rule_in_the_docstring_is_applied_and_every_applied_rule_documented():
    assert _applied() == _documented()
