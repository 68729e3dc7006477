"""What assemble decides over the whole article once every sentence met the rulebook:
summaries that directed events replace, places the story carries, and the date of
events that read none (named in each draft's trace, or the Skip list)."""
from __future__ import annotations

import datetime as dt

from tacitus.assemble.building import STORY_REACH, Building
from tacitus.assemble.reading import Story
from tacitus.facts import Draft, Skip


def finish(story: Story, published: dt.date | None) -> tuple[tuple[Draft, ...], tuple[Skip, ...]]:
    drafts, summaries = drop_summaries(story.drafts)
    skipped = [*story.skipped, *(Skip(d.sentences[0], "exchange_summary") for d in summaries)]
    carry_story_place(drafts)
    date_the_undated(drafts, published)
    return tuple(d.freeze() for d in drafts), tuple(sorted(skipped, key=lambda k: k.sentence))


def drop_summaries(drafts: list[Building]) -> tuple[list[Building], list[Building]]:
    """exchange_summary: a summary of an exchange gives way to directed events between
    the same sides that day: (the drafts kept, the summaries dropped). Demonstrators
    who clash with the police are no exchange between two armed sides: the clash is the
    demonstrators' own violence, and it joins the protest told that day (ACLED codes
    one violent demonstration, the police's tear gas part of it)."""
    kept, dropped = [], []
    for d in drafts:
        if d.reciprocal:
            sides = d.actor_names()
            directed = [o for o in drafts if o is not d and not o.reciprocal and o.date == d.date
                        and len(o.actor_names() & sides) >= 1 and o.sentences[0] > d.sentences[0]]
            if directed and _demonstration(d):
                directed[0].absorb(d, "exchange_summary")
                continue
            if directed:
                for o in directed:  # the summary's place and words still count as evidence
                    if not o.places:
                        o.places.extend(d.places)
                dropped.append(d)
                continue
        kept.append(d)
    return kept, dropped


def _demonstration(d: Building) -> bool:
    return bool(d.kinds() & {"protest", "riot"})


def carry_story_place(drafts: list[Building]) -> None:
    """story_place: "Hours later, gunmen attacked a checkpoint", "set up a base in the
    town": the story's place still holds, not for an event told far from it with no
    pointer back, nor after a FILE photo's caption (the archive's place)."""
    for prior, d in zip(drafts, drafts[1:]):
        if not d.places and prior.places and not prior.archive \
                and (d.sentences[0] - prior.sentences[-1] <= STORY_REACH or d.points_back):
            d.places.extend(prior.places)


def date_the_undated(drafts: list[Building], published: dt.date | None) -> None:
    """first_date: an event that read no date and continues no dated story takes the
    article's first date read; with no date in the whole article, the day before
    publication (news reports the previous day's events), marked as not read."""
    first_read = next(((d.date, d.precision, d.date_spans[0], d.date_from) for d in drafts if d.date_read), None)
    for d in drafts:
        if d.date is not None:
            continue
        if first_read is not None:
            d.set_date(first_read[0], first_read[1], first_read[2], False, first_read[3])
        elif published is not None:
            d.date, d.precision = published - dt.timedelta(days=1), 1
