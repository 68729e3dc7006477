"""Assemble: sentences' facts → event drafts (one per real event in the article).

A sentence with an event cue starts a draft; a sentence that only reports its toll,
its source or corroboration ("the hospital received 30 bodies"), or that refers back
to it ("the airstrikes", "the bombardment"), adds to the draft it refers to. Background
("clashes have increased recently"), hypotheticals and denials start nothing. A summary
of an exchange ("A and B exchanged fire") gives way to the directed events that follow.

Each sentence meets the rulebook (``rules.RULES``) in this order; the first rule that
applies decides, and its name goes into the draft's ``trace`` ("rule@sentence") or the
``Skip`` list (``tacitus extract --explain`` prints both):

Kept out (the sentence makes no event of its own):
    file_photo, accident, ceremony, summary_toll, background_words, irrealis,
    complaint, talked_about, told_in_passing, recalled, recalled_again, anaphora_without_referent
Added to an event already told:
    victims_of_event, corroboration, protest_arrests, raid_of_arrests, weapon_of_event,
    names_event_told, damage_in_attack, witness_quote (far from any event: kept out), same_story,
    response_to_event (kept out), battle_toll
Starting an event, or adding to one:
    event_cue, armed_doer_and_target, refers_back, reports_on, killing,
    dispersed_crowd, crowd_of_the_story, no_event_of_its_own (kept out)

Then, over the whole article (``finish``):
    exchange_summary (directed events replace the summary), story_place, first_date
"""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Sequence

from tacitus.assemble.building import LEAD_SENTENCES, STORY_REACH
from tacitus.assemble.finish import finish
from tacitus.assemble.reading import Reading, Story
from tacitus.assemble.rules import RULES, Join, KeepOut, Start, decide
from tacitus.assemble.words import COMES_AFTER, FILE_PHOTO, RECIPROCAL
from tacitus.facts import Draft, Facts, Skip
from tacitus.taxonomy import EVENT_CUES

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["assemble", "assemble_explained", "event_sentences", "RULES", "LEAD_SENTENCES", "STORY_REACH"]


def event_sentences(facts: Sequence[Facts]) -> list[int]:
    """Indexes of the sentences worth a parse: an event cue and an actor whose role
    (who did it, to whom) the parse decides. Others need no parse at all."""
    return [f.index for f in facts if f.actors and any(c.kind in EVENT_CUES for c in f.cues)]


def assemble(facts: Sequence[Facts], docs: dict[int, Doc], published: dt.date | None) -> tuple[Draft, ...]:
    return assemble_explained(facts, docs, published)[0]


def assemble_explained(facts: Sequence[Facts], docs: dict[int, Doc], published: dt.date | None
                       ) -> tuple[tuple[Draft, ...], tuple[Skip, ...]]:
    """The drafts, and for each sentence with an event word that made no event of its own,
    the rule that kept it out (``Skip``). Each draft's ``trace`` names the rules that
    started it and added sentences to it ("rule@sentence")."""
    story = Story()
    for f in facts:
        if FILE_PHOTO.match(f.sentence.span.text):
            story.file_photos.add(f.sentence.paragraph)
        r = Reading(f, story, docs.get(f.index))
        name, outcome = decide(r)
        if isinstance(outcome, KeepOut):
            if outcome.recorded:
                story.skipped.append(Skip(f.index, name))
            story.recalled = story.recalled or outcome.recalls
        elif isinstance(outcome, Join):
            _join(r, name, outcome)
        else:
            _begin(r, outcome)
    return finish(story, published)


def _join(r: Reading, name: str, j: Join) -> None:
    j.event.join(j.facts, r.roles, name, with_places=j.with_places, corroborating=j.corroborating)
    if j.takes_date and not j.event.date_read and r.date_here is not None and not r.stated:
        j.event.set_date(r.date_here.date, r.date_here.precision, r.date_here.span, True, r.f.index)
        assert j.event.date is not None  # a TimeMention of kind "date" is resolved
        r.story.running = (j.event.date, j.event.precision, r.date_here.span, r.f.index)
    elif j.event.date is None and r.stated and not r.released and r.date_here is not None:
        # "the general said Sunday the city is fully liberated": with no day of its own, the
        # event is dated by the statement that tells it (not read, so it dates nothing else)
        j.event.set_date(r.date_here.date, r.date_here.precision, r.date_here.span, False, r.f.index)


def _begin(r: Reading, s: Start) -> None:
    """A new event, dated by its own words, by an offset from the story's last date, or
    by the story it continues."""
    event, story, f = s.event, r.story, r.f
    running = story.running
    if r.date_here is not None:
        event.set_date(r.date_here.date, r.date_here.precision, r.date_here.span, not r.stated, f.index)
    elif r.offset_here is not None and running is not None:
        # "This comes one day after X": X is earlier; "a day after X, Y": Y is later.
        before = r.before(r.offset_here.span)
        sign = -1 if COMES_AFTER.search(before) else 1
        days = sign * abs(r.offset_here.days)
        event.set_date(running[0] + dt.timedelta(days=days), running[1], r.offset_here.span, True, f.index)
    elif running is not None:
        # The story goes on: the date carries from the last sentence that told an event of
        # that day, not only from the sentence it was read in.
        told = [d.sentences[-1] for d in story.drafts if d.date == running[0] and d.date_basis() != "unanchored"]
        event.set_date(running[0], running[1], running[2], False, max([running[3], *told]))
    if event.date_read and not r.caption:
        assert event.date is not None  # read from a resolved date, or shifted from one
        story.running = (event.date, event.precision, event.date_spans[0], f.index)
    event.reciprocal = _is_reciprocal(r)
    event.archive = f.sentence.paragraph in story.file_photos
    story.drafts.append(event)


def _is_reciprocal(r: Reading) -> bool:
    """'A and B exchanged shelling': two sides named together, no direction."""
    sides = {x.actor.name for x in r.roles if x.role in {"agent", ""}}
    return len(sides) >= 2 and bool(RECIPROCAL.search(r.f.sentence.span.text)) and not any(
        x.role == "patient" for x in r.roles)

