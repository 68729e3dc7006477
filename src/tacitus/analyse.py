"""Sentences, and a dependency parse of only the sentences that can hold an event.

Splitting is by rules (paragraphs on blank lines, then sentence punctuation), which is
~40x faster than the statistical pipeline; the parser runs on trigger sentences alone.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Sequence

from tacitus.facts import Sentence
from tacitus.lexicon import MONTH_ABBREVIATIONS, PLACE_ABBREVIATIONS
from tacitus.types import Span

if TYPE_CHECKING:  # spaCy is imported lazily: importing tacitus must stay cheap
    from spacy.language import Language
    from spacy.tokens import Doc

_PARSE_BATCH = 256  # sentences per forward pass: ~25% faster than 64, ~200 MB peak

_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "gen", "col", "lt", "sgt", "capt", "maj", "brig", "cpl", "pte",
    "no", "vs", "etc", "gov", "sen", "rep", "prof", "rev", "hon", "u.s", "u.n", "u.k", "e.g",
    "i.e", "approx", "est", "inc", "ltd", "co", "corp", "fr", "jr", "sr", *MONTH_ABBREVIATIONS,
    *PLACE_ABBREVIATIONS,
}
_END = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])")
_PARAGRAPH = re.compile(r"\n\s*\n")
_WORD_BEFORE = re.compile(r"([\w.]+)\.$")  # searched with an end position: $ is that end
_INITIAL = re.compile(r"\b[A-Z]$")  # \b sees the character before the start position
_LOOKBACK = 32  # longer than any abbreviation with its dots
# Where one clause of a sentence ends and the next, often about another place, begins:
# "police dispersed protesters in A as demonstrations in B turned violent".
# (The lookahead first: every break starts with one of these, so other positions fail fast.)
_CLAUSE_BREAK = re.compile(r"(?=[;,\s])(?:;|,\s+(?:as|while|whereas|but|and)\s+|\s+(?:while|whereas)\s+|"
                           r"\s+as\s+(?-i:(?=[A-Z]))|\s+and\s+(?=(?:a|an|the|another|in|at)\s))", re.IGNORECASE)


def split_sentences(text: str) -> tuple[Sentence, ...]:
    """Paragraphs on blank lines, then sentences on end punctuation before a capital."""
    sentences: list[Sentence] = []
    start = 0
    for number, para in enumerate(_paragraph_spans(text)):
        start = para[0]
        body = text[para[0]:para[1]]
        cut = 0
        for m in _END.finditer(body):
            # Both look back a few characters only (never the whole paragraph before the
            # end, which made splitting grow with the square of a paragraph's length): a
            # word longer than the window is no abbreviation either way.
            word = _WORD_BEFORE.search(body, max(cut, m.start() + 1 - _LOOKBACK), m.start() + 1)
            if m.group().startswith(".") and word and word.group(1).lower().rstrip(".") in _ABBREVIATIONS:
                continue
            if m.group() == "." and _INITIAL.search(body, max(0, m.start() - 2), m.start()):
                continue  # an initial: "John F. Kennedy"
            sentences.append(_sentence(text, start + cut, start + m.end(), number))
            cut = m.end()
        sentences.append(_sentence(text, start + cut, para[1], number))
    return tuple(s for s in sentences if s.span.text)


def _paragraph_spans(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for m in _PARAGRAPH.finditer(text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    return [(a, b) for a, b in spans if text[a:b].strip()]


def _sentence(text: str, start: int, end: int, paragraph: int) -> Sentence:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Sentence(Span(start, end, text[start:end]), paragraph, split_clauses(text, start, end))


def split_clauses(text: str, start: int, end: int) -> tuple[Span, ...]:
    """The clauses of ``text[start:end]`` (one sentence), in order; a break's own words
    (", as ", "; ") end the clause before it. A sentence of one clause (most are) gets
    none: ``Sentence.clauses`` empty means the whole sentence."""
    cuts = [(m.start(), m.end()) for m in _CLAUSE_BREAK.finditer(text, start, end)]
    if not cuts:
        return ()
    bounds = [start, *(b for _, b in cuts)]
    ends = [*(a for a, _ in cuts), end]
    return tuple(Span(a, b, text[a:b]) for a, b in zip(bounds, ends))


def parse(nlp: Language, sentences: Sequence[Sentence]) -> list[Doc]:
    """One parsed Doc per sentence, in order."""
    from threadpoolctl import threadpool_limits

    # The parser is faster the more sentences it gets at once; memory grows with them too.
    # One BLAS thread, as blis ran (resources.load_parser): more cost more CPU than they
    # save on matrices this small, and scaling out is by processes (tacitus.scale).
    with threadpool_limits(limits=1, user_api="blas"):
        return list(nlp.pipe((s.span.text for s in sentences), batch_size=_PARSE_BATCH))
