"""The outlet an article names in its dateline when nothing else says it:
"NAIROBI, March 3 (Reuters) - …", "Mogadishu (AFP) – …", "KABUL – AFP – …".

Only outlets data/outlets.tsv knows count, so "(Kenya)" or "(pictured)" never become an
outlet; the outlet's own name is returned ("AFP" -> "Agence France-Presse").
"""
from __future__ import annotations

import re
from functools import cache

from tacitus.outlets import OutletIndex

# Where a dateline names its outlet: in brackets before the dash, or between dashes.
_DATELINE_OUTLET = re.compile(
    r"^[^\n]{0,80}?(?:\((?P<bracketed>[^()\n]{1,40})\)\s*[-–—:]|[-–—]\s*(?P<dashed>[A-Z][\w.&' ]{0,30}?)\s*[-–—:])")
_LEAD_CHARS = 400  # the dateline is at the start of the first paragraph


@cache
def _outlets() -> OutletIndex:
    return OutletIndex.load()


def canonical_outlet(name: str) -> str:
    """The table's name for an outlet given by any of its names; else the name as given."""
    return _outlets().canonical(name) or name.strip()


def dateline_outlet(text: str) -> str:
    """The outlet the article's dateline names, "" when it names none the table knows."""
    lead = text.lstrip()[:_LEAD_CHARS]
    for paragraph in lead.split("\n\n")[:3]:  # a title line may come first
        m = _DATELINE_OUTLET.match(paragraph.strip())
        if m is None:
            continue
        found = _outlets().canonical((m.group("bracketed") or m.group("dashed") or "").strip())
        if found:
            return found
    return ""
