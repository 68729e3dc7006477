"""The assemble cascade on facts built by hand: no model, no parse, no gazetteer. Each test
writes a sentence's facts as the mention stage would and checks which named rule decides."""
from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from tacitus.assemble import assemble_explained
from tacitus.assemble.reading import Reading, Story
from tacitus.assemble.rules import Join, KeepOut, Start, decide
from tacitus.facts import Cue, Facts, Sentence, TimeMention
from tacitus.lexicon import CueKind
from tacitus.types import Span


def facts(index: int, text: str, cues: dict[CueKind, str], *, at: int = 0, paragraph: int | None = None) -> Facts:
    """Sentence ``index`` (starting at character ``at``) with a cue for each word given."""
    spans = []
    for kind, word in cues.items():
        start = text.index(word)
        spans.append(Cue(kind, Span(at + start, at + start + len(word), word)))
    return Facts(index=index, sentence=Sentence(Span(at, at + len(text), text), index if paragraph is None else paragraph),
                 cues=tuple(spans), casualties=(), times=(), sources=(), actors=(), places=())


def decided(f: Facts, story: Story | None = None) -> tuple[str, object]:
    return decide(Reading(f, story or Story(), None))


def test_an_attack_told_as_news_starts_an_event():
    name, outcome = decided(facts(0, "Gunmen attacked a police post on the highway.", {CueKind.ATTACK: "attacked"}))
    assert name == "event_cue" and isinstance(outcome, Start)
    assert outcome.event.trace == ["event_cue@0"]


def test_a_threat_is_kept_out_by_the_irrealis_rule():
    name, outcome = decided(facts(0, "The rebels threatened to attack the garrison.", {CueKind.ATTACK: "attack"}))
    assert name == "irrealis" and outcome == KeepOut(True)


def test_a_summed_toll_is_a_summary_not_an_event():
    f = facts(0, "The shelling brought the death toll since March to 40.",
              {CueKind.SHELL: "shelling", CueKind.SUMMARY: "brought the death toll since"})
    assert decided(f)[0] == "summary_toll"


def test_an_event_people_talk_about_is_not_reported_as_news():
    f = facts(0, "There was outrage over the bombing of the clinic.", {CueKind.IED: "bombing"})
    assert decided(f)[0] == "talked_about"


def test_a_quoted_witness_joins_the_event_just_told_and_is_kept_out_far_from_it():
    story = Story()
    first = Reading(facts(0, "Soldiers opened fire on the market.", {CueKind.ATTACK: "opened fire"}), story, None)
    _, started = decide(first)
    assert isinstance(started, Start)
    story.drafts.append(started.event)
    quote = '"They shot at everyone," a trader said.'
    name, outcome = decided(facts(1, quote, {CueKind.ATTACK: "shot at"}, at=40), story)
    assert name == "witness_quote" and isinstance(outcome, Join) and outcome.event is started.event
    name, outcome = decided(facts(9, quote, {CueKind.ATTACK: "shot at"}, at=400), story)
    assert name == "witness_quote" and outcome == KeepOut(True)


def test_a_sentence_with_no_event_words_makes_nothing_and_is_not_listed():
    name, outcome = decided(facts(0, "The minister spoke to reporters.", {}))
    assert name == "no_event_of_its_own" and outcome == KeepOut(False)


def test_a_file_photo_caption_shows_an_older_event():
    caption = facts(0, "FILE - Protesters march in the capital.", {CueKind.PROTEST: "march"})
    drafts, skipped = assemble_explained([caption], {}, dt.date(2026, 3, 2))
    assert drafts == () and [s.rule for s in skipped] == ["file_photo"]


def test_events_without_a_date_take_the_day_before_publication_when_the_article_has_none():
    f = facts(0, "Gunmen attacked a police post on the highway.", {CueKind.ATTACK: "attacked"})
    (draft,), _ = assemble_explained([f], {}, dt.date(2026, 3, 2))
    assert draft.date == dt.date(2026, 3, 1) and not draft.date_read
    assert draft.trace == ("event_cue@0", "date:lead")


def _dated(f: Facts, word: str, day: dt.date) -> Facts:
    start = f.sentence.span.text.index(word) + f.sentence.span.start
    when = TimeMention(Span(start, start + len(word), word), "date", day, 1)
    return replace(f, times=(when,))


@pytest.mark.parametrize("text, word", [
    ("Rights researchers released a report Friday on the killings of villagers.", "Friday"),
    ("The monitors provided details Friday about the massacre.", "Friday"),
    ("Soldiers shot the men, a survivor told reporters on Friday.", "Friday"),
    ("Soldiers shot the men, officials said late on Friday.", "Friday"),
])
def test_the_day_a_report_or_statement_came_out_is_not_read_as_the_events_day(text, word):
    f = _dated(facts(0, text, {CueKind.ATTACK: "killings" if "killings" in text else
                              "massacre" if "massacre" in text else "shot"}), word, dt.date(2026, 3, 6))
    r = Reading(f, Story(), None)
    assert r.date_here is not None and r.stated


def test_the_events_own_day_is_read():
    f = _dated(facts(0, "Soldiers shot the men on Friday, a survivor said.", {CueKind.ATTACK: "shot"}),
               "Friday", dt.date(2026, 3, 6))
    assert not Reading(f, Story(), None).stated


def test_the_day_someone_spoke_to_reporters_is_the_statements():
    f = _dated(facts(0, "The governor, speaking to reporters Friday, said the suspect was held.",
                     {CueKind.ARREST: "held"}), "Friday", dt.date(2026, 3, 6))
    assert Reading(f, Story(), None).stated
