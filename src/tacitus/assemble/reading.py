"""One sentence as the assemble rules see it: its facts, what its words make of it, and
the story told so far. Each question is answered once, on first ask, so a rule that
comes early in the cascade never pays for a parse a later rule needs."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import TYPE_CHECKING, Sequence

from tacitus.assemble.building import STORY_REACH, Building
from tacitus.assemble.words import (
    ANAPHOR, CAMPAIGN_AFTER, CAMPAIGN_BEFORE, CAMPAIGN_WORD, CAPTION_DATE_AFTER, CAPTION_DATE_BEFORE,
    CONTEST_BEFORE, CONTEST_WORD,
    ELECTION_AFTER, ELECTION_BEFORE,
    GENERIC_REFERENCE, IRREALIS, MODAL_AFTER, REFERENCE, RELATIVE_TOLL, RELEASED_WHEN, SAID_AFTER,
    FLED_FROM, FUNERAL_BEFORE, REFERENCE_PLACE, SAID_WHEN, SINCE_BEFORE, SUBORDINATE_CLAUSE, TURNED_INTO, WRITTEN_DATE,
)
from tacitus.actors.roles import linear_role, role_in
from tacitus.facts import Cue, Facts, ResolvedPlace, Role, Skip, TimeMention
from tacitus.taxonomy import EVENT_CUES, WEAK_ATTACK, strong_cues
from tacitus.types import Span

if TYPE_CHECKING:
    from spacy.tokens import Doc


@dataclass
class Story:
    """What the article has told so far, as the cascade walks its sentences."""

    drafts: list[Building] = field(default_factory=list)
    skipped: list[Skip] = field(default_factory=list)
    file_photos: set[int] = field(default_factory=set)  # paragraphs that caption file photos
    # the last date read, for inheritance: date, precision, words, sentence index
    running: tuple[dt.date, int, Span, int] | None = None
    recalled: bool = False  # an event from weeks back was recalled: "the attack" may be it


class Reading:
    """A sentence's facts (without cues that only date something else) in its story."""

    def __init__(self, facts: Facts, story: Story, doc: Doc | None) -> None:
        self.f = without_funeral_places(without_time_references(facts))
        self.story = story
        self.doc = doc
        # "a day after the suicide truck bombing": event words that only date this sentence
        self.references = tuple(c for c in facts.cues if c not in self.f.cues and c.kind in EVENT_CUES)

    @cached_property
    def texts(self) -> dict[str, list[str]]:
        return self.f.cue_texts()

    @cached_property
    def strong(self) -> dict[str, list[str]]:
        return strong_cues(self.texts)

    @cached_property
    def _strong_trigger(self) -> tuple[Span | None, bool]:
        """The trigger among the strong cues (None with none), and whether none of them is
        told as having happened."""
        strong = [c.span for c in self.f.cues if c.kind in self.strong and c.span.text.lower() in self.strong[c.kind]]
        start, text = self.f.sentence.span.start, self.f.sentence.span.text
        real, unreal_before = None, False
        for i, s in enumerate(strong):
            # An event word after one not told as real is not real either ("will allow
            # them to rally"), unless what was unreal turned into it ("a planned march
            # was turned into a rally": the rally happened).
            turned = i > 0 and bool(TURNED_INTO.search(text[strong[i - 1].end - start:s.start - start]))
            unreal = irrealis_at(self.f, s, strong[i - 1].end if turned else start) or (unreal_before and not turned)
            if not unreal:
                real = s
                break
            unreal_before = True
        if real is None:
            return (strong[0] if strong else None), bool(strong)
        # "a woman fleeing from clashes holds her baby in A, during an operation to
        # attack militants in B": what people fled is where they came from; the event
        # told here is the next event word told as real, if there is one
        if FLED_FROM.search(text[max(0, real.start - start - 30):real.start - start]):
            later = next((s for s in strong if s.start > real.start and not irrealis_at(self.f, s, real.end)), None)
            if later is not None:
                return later, False
        return real, False

    @cached_property
    def trigger(self) -> Span | None:
        """The words that make the sentence an event: the first strong cue told as having
        happened ("a planned march was turned into a rally": the rally), else the first
        strong cue, else a weak one."""
        chosen, _ = self._strong_trigger
        if chosen is not None:
            return chosen
        for c in self.f.cues:
            if c.kind == "attack" and WEAK_ATTACK.match(c.span.text):
                return c.span
        return None

    @cached_property
    def irrealis(self) -> bool:
        """No event word of the sentence is told as having happened (``irrealis_at``)."""
        trigger = self.trigger
        if trigger is None:
            return False
        return self._strong_trigger[1] if self.strong else irrealis_at(self.f, trigger, self.f.sentence.span.start)

    @cached_property
    def dates(self) -> list[TimeMention]:
        """The sentence's dates that may date its event, written dates first: "…, officials
        said on Monday" dates a statement; "his October 26 election" another event."""
        dates = [t for t in self.f.times if t.kind == "date" and not dates_another_event(self.f, t)
                 and not dates_a_clause_of_its_own(self.f, t)]
        if any(t.precision < 4 for t in dates):
            # the sentence's own day or week, not the year a comparison runs from; with no
            # other date that year still says the sentence is history
            dates = [t for t in dates if not since_year(self.f, t)]
        dates.sort(key=lambda t: not WRITTEN_DATE.search(t.span.text))
        return dates

    @cached_property
    def date_here(self) -> TimeMention | None:
        return next((t for t in self.dates if not said_when(self.f, t)),
                    self.dates[0] if self.dates else None)

    @property
    def stated(self) -> bool:
        """The only date is the day of a statement ("police said on Monday")."""
        return self.date_here is not None and said_when(self.f, self.date_here)

    @property
    def caption(self) -> bool:
        """The sentence is a photo caption: it ends with the written date of the photo
        ("..., in Paris, France, Jan. 21, 2017."). That date is the photo's: it dates the
        caption's event and nothing told after it."""
        t = self.date_here
        if t is None or not WRITTEN_DATE.search(t.span.text):
            return False
        text, base = self.f.sentence.span.text, self.f.sentence.span.start
        return bool(CAPTION_DATE_BEFORE.search(text[:t.span.start - base])
                    and CAPTION_DATE_AFTER.fullmatch(text, t.span.end - base))

    @property
    def released(self) -> bool:
        """The only date is the day a report came out ("released a report Friday")."""
        t = self.date_here
        if t is None or not self.stated:
            return False
        base = self.f.sentence.span.start
        return bool(RELEASED_WHEN.search(self.f.sentence.span.text[max(0, t.span.start - base - 60):
                                                                  t.span.start - base]))

    @cached_property
    def offset_here(self) -> TimeMention | None:
        return next((t for t in self.f.times if t.kind == "offset"), None)

    @property
    def last(self) -> Building | None:
        return self.story.drafts[-1] if self.story.drafts else None

    @property
    def near(self) -> bool:
        """The last event was told at most STORY_REACH sentences back."""
        return self.last is not None and self.f.index - self.last.sentences[-1] <= STORY_REACH

    @cached_property
    def roles(self) -> list[Role]:
        """Who did it and to whom, from the parse where there is one; a source's own
        name ("according to the local defence force") is no side."""
        base = self.f.sentence.span.start
        t = self.trigger.start - base if self.trigger is not None else -1
        said = [s.evidence for s in self.f.sources if s.evidence is not None]
        out = []
        for a in self.f.actors:
            if any(e.start <= a.span.start < e.end for e in said):
                continue
            if self.doc is not None:
                role = role_in(self.doc, a.span.start - base, a.span.end - base, t)
            else:
                role = linear_role(self.f.sentence.span.text, a.span.start - base, t)
            out.append(Role(a, role))
        return out

    @cached_property
    def referent(self) -> Building | None:
        """The earlier event that 'the airstrikes', 'the ISIS-led bombardment' or 'this
        attack' refers to: the latest one of a compatible kind."""
        if self.trigger is None or not self.story.drafts or not self.anaphoric:
            return None
        if GENERIC_REFERENCE.match(self.trigger.text):
            return self.story.drafts[-1]  # "the raids", "the attack": the event just told
        kinds = set(self.strong) | {c.kind for c in self.f.cues if c.span == self.trigger}
        return next((d for d in reversed(self.story.drafts) if kinds & d.kinds()), None)

    @property
    def previous(self) -> Building | None:
        """The event this sentence goes on with: the one it refers to, else the last told."""
        return self.referent or self.last

    @cached_property
    def anaphoric(self) -> bool:
        """'the shooting', 'this attack': the trigger refers to an event already known."""
        return self.trigger is not None and bool(ANAPHOR.search(self.before(self.trigger)[-40:]))

    def before(self, span: Span, reach: int | None = None) -> str:
        """The sentence's words before ``span`` (the last ``reach`` characters of them)."""
        end = span.start - self.f.sentence.span.start
        return self.f.sentence.span.text[max(0, end - reach) if reach else 0:end]


def without_time_references(f: Facts) -> Facts:
    """The sentence's facts without the cues that only date something else, tell an
    allegation or name a campaign: "a day after the clash, drones struck" tells a strike,
    and "the clash" is no trigger of it; "men suspected of planting bombs" were arrested,
    nothing exploded; "their battle against Islamic State" is no battle on a day."""
    base = f.sentence.span.start
    text = f.sentence.span.text

    def reference(c: Cue) -> bool:
        before = text[max(0, c.span.start - base - 40):c.span.start - base]
        if REFERENCE.search(before):
            return True
        if CONTEST_WORD.match(c.span.text) and CONTEST_BEFORE.search(before):
            return True
        return bool(CAMPAIGN_WORD.match(c.span.text) and CAMPAIGN_BEFORE.search(before)
                    and CAMPAIGN_AFTER.match(text, c.span.end - base))

    removed = [c for c in f.cues if c.kind in EVENT_CUES and reference(c)]

    def told_of_the_reference(c: Cue) -> bool:
        # "the suspect in the rampage that killed 39 people": the toll words of the event
        # named as a reference, in its clause, go with it
        if c.kind != "attack" or not WEAK_ATTACK.match(c.span.text):
            return False
        return any(r.span.end <= c.span.start and RELATIVE_TOLL.fullmatch(text[r.span.end - base:c.span.start - base])
                   for r in removed)

    kept = tuple(c for c in f.cues if c not in removed and not told_of_the_reference(c))
    if len(kept) == len(f.cues):
        return f

    def place_of_the_reference(p: ResolvedPlace) -> bool:
        # "since the terror attack on Mumbai": where the reference happened
        at = p.mention.span.start - base
        return any(r.span.end <= p.mention.span.start and REFERENCE_PLACE.fullmatch(text[r.span.end - base:at])
                   for r in removed)

    places = tuple(p for p in f.places if not place_of_the_reference(p))
    return replace(f, cues=kept, places=places)


def irrealis_at(f: Facts, cue: Span, after: int) -> bool:
    """'threatened to attack', 'denied killing', 'if they storm', 'a planned march': the
    event word is not told as having happened. The words count from 50 characters back,
    or from ``after`` if later (the end of an event word before it that they modify). A modal
    or denial just after the word counts too ("an attack would follow"), but not one inside
    its object ("residents protest a plan to demolish their homes")."""
    text, base = f.sentence.span.text, f.sentence.span.start
    end = cue.end - base
    return bool(IRREALIS.search(text[max(after, cue.start - 50) - base:end]) or MODAL_AFTER.match(text, end))


def without_funeral_places(f: Facts) -> Facts:
    """The sentence's facts without the places of a funeral or a memorial: "the coffin of
    a police officer killed during the coup, during his funeral at a mosque in Ankara"
    puts the funeral in Ankara, not the killing."""
    if not f.places:
        return f
    base, text = f.sentence.span.start, f.sentence.span.text
    events = [c.span.start for c in f.cues if c.kind in EVENT_CUES]

    def funeral_place(p: ResolvedPlace) -> bool:
        at = p.mention.span.start - base
        m = FUNERAL_BEFORE.search(text, max(0, at - 80), at)
        return m is not None and not any(base + m.start() < e < p.mention.span.start for e in events)

    kept = tuple(p for p in f.places if not funeral_place(p))
    return f if len(kept) == len(f.places) else replace(f, places=kept)


def dates_another_event(f: Facts, t: TimeMention) -> bool:
    """The date names another event: "his October 26 election", "the vote on Saturday"."""
    text, base = f.sentence.span.text, f.sentence.span.start
    after = text[t.span.end - base:t.span.end - base + 40]
    before = text[max(0, t.span.start - base - 40):t.span.start - base]
    return bool(ELECTION_AFTER.match(after) or ELECTION_BEFORE.search(before))


def dates_a_clause_of_its_own(f: Facts, t: TimeMention) -> bool:
    """'... heading toward Trump Tower, before he moved into the White House Friday': a
    date in a clause of its own (a subordinator and a pronoun subject) that tells no
    event dates what that clause tells, not the sentence's event. A clause that tells an
    event ("after they attacked a post on Monday") keeps its date for the sentence."""
    base = f.sentence.span.start
    window_start = max(0, t.span.start - base - 80)
    m = None
    for m in SUBORDINATE_CLAUSE.finditer(f.sentence.span.text, window_start, t.span.start - base):
        pass
    if m is None:
        return False
    lo = base + m.start()
    return not any(c.kind in EVENT_CUES and lo <= c.span.start < t.span.start for c in f.cues)


def since_year(f: Facts, t: TimeMention) -> bool:
    """A year a comparison runs from: "the deadliest since the 2003 invasion", "not seen
    since the attack on Mumbai in 2008"."""
    base = f.sentence.span.start
    return t.precision >= 4 and bool(SINCE_BEFORE.search(f.sentence.span.text[max(0, t.span.start - base - 60):
                                                                           t.span.start - base]))


def said_when(f: Facts, t: TimeMention) -> bool:
    """The time expression dates a statement: "police said on Monday", "Trump on
    Wednesday said"."""
    text, base = f.sentence.span.text, f.sentence.span.start
    return bool(SAID_WHEN.search(text[max(0, t.span.start - base - 60):t.span.start - base])
                or SAID_AFTER.match(text, t.span.end - base))


def new_town(f: Facts, previous: Building) -> bool:
    """The sentence names a town the previous event was not at ("the regional governor of
    X said" names no new place of events)."""
    known = {rp.place.geonameid for rp in previous.places}
    return any(rp.place.geonameid not in known and rp.place.kind in {"city", "neighbourhood"}
               for rp in f.places)


def new_actors(roles: Sequence[Role], previous: Building) -> bool:
    agents = {r.actor.name for r in roles if r.role == "agent"}
    prev_agents = {r.actor.name for r in previous.actors if r.role == "agent"}
    return bool(agents) and agents != prev_agents
