"""The mention stage: everything the text says, sentence by sentence, before any
decision about events. Each finder is a pure function of text + read-only resources."""
from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from typing import TYPE_CHECKING, Sequence

from tacitus.actors.finding import find_actors
from tacitus.analyse import split_sentences
from tacitus.facts import ArticleContext, Cue, Facts, ResolvedPlace, Sentence
from tacitus.mention.attributions import read_attributions
from tacitus.mention.casualties import read_casualties
from tacitus.mention.times import read_times
from tacitus.types import Article, Span

if TYPE_CHECKING:
    from tacitus.resources import Resources

__all__ = ["Cue", "Facts", "read_cues", "read_mentions"]  # Cue, Facts: re-exported from facts


def read_cues(sentence: Sentence, res: Resources) -> tuple[Cue, ...]:
    text, offset = sentence.span.text, sentence.span.start
    folded = text.lower()
    # Lower-casing keeps offsets unless a letter folds to two ("İ"): then match as written.
    can_fold = len(folded) == len(text)
    lexicon = res.lexicon
    # Kinds whose matches cannot begin anywhere in the sentence are not run (exact: see
    # tacitus.prefilter); the filter reads the folded text, so without it every kind runs.
    wanted = lexicon.cue_filter.candidates(text, folded) if can_fold else lexicon.cues.keys()
    found = []
    for kind, pattern in lexicon.cues.items():
        if kind not in wanted:
            continue
        fast = lexicon.cues_folded.get(kind) if can_fold else None
        for m in (fast.finditer(folded) if fast is not None else pattern.finditer(text)):
            found.append(Cue(kind, Span(offset + m.start(), offset + m.end(), text[m.start():m.end()])))
    return tuple(sorted(found, key=lambda c: c.span.start))


# Actor kinds whose words may also be place names ("Turkana raiders", "Pokot and Samburu
# communities", "Kenya Defence Forces"): there the words name who acted, not where.
_PLACE_NAMING_KINDS = frozenset({"ethnic_militia", "clan_militia", "named"})


def _outside_actors(places, actors):
    """Places whose words are not part of an actor's name."""
    spans = [(a.span.start, a.span.end) for a in actors if a.kind in _PLACE_NAMING_KINDS]
    if not spans:
        return places
    return tuple(p for p in places if not any(
        s < p.mention.span.end and p.mention.span.start < e for s, e in spans))


def read_mentions(article: Article, res: Resources, context: ArticleContext,
                  places: tuple[ResolvedPlace, ...]) -> tuple[Facts, ...]:
    """Split the article into sentences and read every mention in each. ``places`` are
    the article's places, found and resolved before (``tacitus.places.resolving.geocode``);
    those whose words name an actor are dropped here."""
    text = article.text
    sentences = split_sentences(text)
    actors = find_actors(text, res.actors)
    places = _outside_actors(places, actors)
    published: dt.date | None = article.published
    # Mentions by start, so each sentence takes its own with two bisections (filtering
    # every mention for every sentence grew with the square of the text).
    actor_order = sorted(actors, key=lambda a: a.span.start)
    actor_starts = [a.span.start for a in actor_order]
    place_order = sorted(places, key=lambda p: p.mention.span.start)
    place_starts = [p.mention.span.start for p in place_order]
    facts = []
    for i, s in enumerate(sentences):
        lo, hi = s.span.start, s.span.end
        facts.append(Facts(
            index=i,
            sentence=s,
            cues=read_cues(s, res),
            casualties=read_casualties(s.span.text, lo, res.lexicon, res.persons),
            times=read_times(s.span.text, lo, published),
            sources=read_attributions(s.span.text, lo, context.outlet),
            actors=_between(actor_order, actor_starts, lo, hi),
            places=_between(place_order, place_starts, lo, hi),
        ))
    return tuple(facts)


def _between(items: Sequence, starts: list[int], lo: int, hi: int) -> tuple:
    """The items (sorted by start; ``starts`` theirs) starting in [lo, hi)."""
    return tuple(items[bisect_left(starts, lo):bisect_left(starts, hi)])
