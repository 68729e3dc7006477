"""The rulebook's "kept out" tests: a sentence that tells no event of its own (a FILE
photo, an accident, a ceremony, a summary, habit, what did not happen, what people talk
about, a complaint, an event named in passing or recalled). Each takes the sentence's
``Reading``; ``rules.RULES`` says in which order they are asked."""
from __future__ import annotations

from tacitus.assemble.building import LEAD_SENTENCES
from tacitus.assemble.reading import Reading, said_when
from tacitus.assemble.words import (
    COMPLAINT, EXPLICIT_PROTEST, GENERIC_REFERENCE, PASSING, RECALL, TOPIC, WRITTEN_DATE,
)


def file_photo(r: Reading) -> bool:
    # "FILE - Police detain a protester": a photo from the archive that gives no date of
    # its own shows an older event (a dated one is screened by its date)
    return r.f.sentence.paragraph in r.story.file_photos and not any(
        t.kind == "date" and WRITTEN_DATE.search(t.span.text) for t in r.f.times)


def accident(r: Reading) -> bool:
    # "the bodies of migrants from a boat that capsized"; a protest about an accident stays
    return "accident" in r.texts and set(r.strong) <= {"attack"}


def ceremony(r: Reading) -> bool:
    # "cadets march during a rehearsal for the military parade", "supporters cheer during a
    # campaign rally"; "demonstrators chant after his campaign rally" protest at it
    return "ceremony" in r.texts and bool(r.strong) and set(r.strong) <= {"protest"} \
        and not any(EXPLICIT_PROTEST.match(t) for t in r.strong["protest"])


def background_words(r: Reading) -> bool:
    """'usually', 'for years', 'every Sunday': habit and history, unless the sentence gives
    a day of its own (a weekday inside the habit words, "every Sunday", is none)."""
    if "background" not in r.texts:
        return False
    habit = [c.span for c in r.f.cues if c.kind == "background"]
    # nor is the day of a statement ("in recent weeks they have come under attack, a
    # spokesman said Wednesday")
    return not any(t.kind == "date" and t.precision == 1 and not said_when(r.f, t)
                   and not any(h.start <= t.span.start < h.end for h in habit) for t in r.f.times)


def irrealis(r: Reading) -> bool:
    """'threatened to attack', 'denied killing', 'if they storm': not an event (the
    trigger is told as having happened whenever any event word of the sentence is)."""
    return r.irrealis


def talked_about(r: Reading) -> bool:
    """'outrage at the chemical attack', 'an investigation into the killings', 'the threat
    of further attacks': the event is what people talk about, not what is reported."""
    return r.trigger is not None and bool(TOPIC.search(r.before(r.trigger, 80)))


def complaint(r: Reading) -> bool:
    # "lodged a formal protest with the embassy", "she screamed protests at the pain": a
    # protest said or sent, a complaint, no demonstration
    return r.trigger is not None and set(r.strong) == {"protest"} and bool(COMPLAINT.search(r.before(r.trigger, 60)))


def told_in_passing(r: Reading) -> bool:
    """'commander X, who was killed in an attack in Syria, during his funeral in Beirut':
    an event named as who someone is, in a clause that puts it at a place of its own but
    gives it no date, happened elsewhere and at another time than what the sentence
    reports; with no event told before that it refers to, it is not news here. (With no
    place of its own, "holds his babies who were killed in the attack, in Khan X,
    Tuesday", the sentence's place and day are the event's.)"""
    if r.trigger is None or r.referent is not None or not PASSING.search(r.before(r.trigger, 80)):
        return False
    text, base = r.f.sentence.span.text, r.f.sentence.span.start
    rest = text[r.trigger.end - base:]
    clause_end = r.trigger.end + (rest.index(",") if "," in rest else len(rest))
    inside = range(r.trigger.end, clause_end)
    return any(p.mention.span.start in inside for p in r.f.places) \
        and not any(t.span.start in inside for t in r.dates)


def recalled(r: Reading) -> bool:
    """'a week after gunmen killed 14 there', 'last month's attack': an event told before,
    recalled from weeks back, not the news of this report."""
    return r.trigger is not None and bool(RECALL.search(r.before(r.trigger)[-80:]))


def recalled_again(r: Reading) -> bool:
    # "She lost two cousins in the shooting": the recalled event again
    return r.story.recalled and r.referent is None and r.anaphoric


def anaphora_without_referent(r: Reading) -> bool:
    # "The bombardments have pushed diplomacy to the brink": events the reader is taken
    # to know already, though this article told none of them
    return (r.referent is None and r.trigger is not None and (r.date_here is None or r.stated)
            and r.f.index >= LEAD_SENTENCES and bool(GENERIC_REFERENCE.match(r.trigger.text)) and r.anaphoric)
