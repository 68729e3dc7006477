"""`tacitus extract --explain`: each event of an article with the rules that made, dated,
placed, typed, merged or withheld it, and each sentence with an event word that made no
event, with the rule that kept it out. Plain text for a person, one article at a time."""
from __future__ import annotations

from tacitus.pipeline import Explanation
from tacitus.serve.evidence import read_trace
from tacitus.types import Event

_QUOTE = 90  # characters of a sentence shown


def _quote(text: str) -> str:
    text = " ".join(text.split())
    return f"“{text[:_QUOTE]}{'…' if len(text) > _QUOTE else ''}”"


def _event_lines(n: int, e: Event, sentences: dict[int, str]) -> list[str]:
    sides = " v ".join(a for a in (e.actor1, e.actor2) if a)
    head = f"event {n}: {e.event_date or 'undated'} {e.sub_event_type} at {e.location or '(no place)'}"
    lines = [f"{head} ({sides})" if sides else head]
    for step in read_trace(e.trace):
        if step.sentence is not None:
            lines.append(f"    {step.rule:24} sentence {step.sentence} {_quote(sentences.get(step.sentence, ''))}")
        else:
            lines.append(f"    {step.kind:24} {step.rule}")
    lines.append(f"    {'withheld':24} {e.withheld}" if e.withheld else f"    {'kept':24} reported as news")
    return lines


def render(x: Explanation) -> str:
    """The decisions for one article, as lines of text."""
    sentences = dict(enumerate(s.text for s in x.sentences))
    lines = [f"== {x.article.id}" + (f" ({x.article.origin})" if x.article.origin else "")]
    for n, e in enumerate(x.events, 1):
        lines.extend(_event_lines(n, e, sentences))
    for span, rule in x.skipped:
        lines.append(f"not an event: {rule:24} {_quote(span.text)}")
    if not x.events and not x.skipped:
        lines.append("no event words")
    return "\n".join(lines)
