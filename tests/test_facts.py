"""The frozen values that cross stages hold no dict that can be changed after they are made."""
from __future__ import annotations

import pickle

import pytest

from tacitus.facts import Draft
from tacitus.types import Event, FrozenMapping, Span

SHOT = Span(10, 14, "shot")


def _draft(cues) -> Draft:
    return Draft(sentences=(0,), cues=cues, actors=(), places=(), date=None, time_precision=1,
                 date_evidence=(), date_read=False, date_from=None, trace=(), casualties=(), sources=(),
                 civilians_hit=False,
                 trigger=SHOT)


def test_facts_draft_cues_are_read_only_and_keep_their_items():
    draft = _draft({"attack": (SHOT,)})
    assert isinstance(draft.cues, FrozenMapping) and draft.cues == {"attack": (SHOT,)}
    with pytest.raises(TypeError):
        draft.cues["riot"] = ()  # type: ignore[index]
    source = {"attack": (SHOT,)}
    draft = _draft(source)
    source["riot"] = ()
    assert "riot" not in draft.cues  # a copy: the builder's dict can change, the draft cannot


def test_facts_event_evidence_is_read_only_pickles_and_survives_replace():
    from dataclasses import replace

    event = Event("a1", None, 1, "", "", "", "", None, evidence={"location": (SHOT,)})
    with pytest.raises(TypeError):
        event.evidence["actor1"] = ()  # type: ignore[index]
    again = pickle.loads(pickle.dumps(event))
    assert again.evidence == event.evidence and isinstance(again.evidence, FrozenMapping)
    moved = replace(event, notes="x")
    assert moved.evidence is event.evidence
    assert replace(event, evidence={}).evidence == {}
