"""Assemble: sentences' facts → event drafts (one per real event in the article).

A sentence with an event cue starts a draft; a sentence that only reports its toll,
its source or corroboration ("the hospital received 30 bodies"), or that refers back
to it ("the airstrikes", "the bombardment"), adds to the draft it refers to. Background
("clashes have increased recently"), hypotheticals and denials start nothing. A summary
of an exchange ("A and B exchanged fire") gives way to the directed events that follow.

The cascade, in the order each sentence meets it; the first rule that applies decides,
and its name goes into the draft's ``trace`` ("rule@sentence") or the ``Skip`` list
(``tacitus extract --explain`` prints both):

Kept out (the sentence makes no event of its own):
    file_photo, accident, ceremony, summary_toll, background_words, irrealis,
    talked_about, recalled, recalled_again, anaphora_without_referent,
    response_to_event, witness_quote (far from any event), no_event_of_its_own,
    exchange_summary (after the cascade: directed events replace the summary)
Added to an event already told:
    corroboration, protest_arrests, raid_of_arrests, weapon_of_event,
    damage_in_attack, witness_quote, same_story, battle_toll, refers_back, reports_on
Starting an event:
    event_cue, armed_doer_and_target, killing, dispersed_crowd
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Sequence

from tacitus.facts import Casualty, Draft, Facts, ResolvedPlace, Role, Skip
from tacitus.lexicon import SPEECH, TOPIC_HEADS, CueKind
from tacitus.actors.roles import linear_role, role_in
from tacitus.taxonomy import CONTEXT_CUES, EVENT_CUES, RAID, WEAK_ATTACK, strong_cues
from tacitus.types import SourceDetail, Span

if TYPE_CHECKING:
    from spacy.tokens import Doc

_ANAPHOR = re.compile(r"\b(?:the|this|these|that|those|its|their)\s+(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
_COMES_AFTER = re.compile(r"\b(?:comes?|came|follows?|followed|occurred|happened)\b", re.IGNORECASE)
_RECIPROCAL = re.compile(r"\bexchang\w*|\bclash\w*|\bfought\b|\bbattl\w+|\bfighting\b", re.IGNORECASE)
_GENERIC_REFERENCE = re.compile(
    r"^(?:attacks?|assaults?|raids?|incidents?|violence|bombardments?|shellings?|strikes?|operations?|"
    r"clash(?:es)?|fighting|ambush(?:es)?|blasts?|explosions?|bombings?)$", re.IGNORECASE)
_IRREALIS = re.compile(
    r"\b(?:will|would|could|might|plans? to|planning to|(?-i:(?<!well-)plann(?:ing|ed)|plott(?:ing|ed))|"
    r"threaten\w*|warn\w* of|vow\w* to|intends? to|"
    r"if|unless|expected to|expects?|as soon as|purports? to|purportedly|upcoming|impending|looming|"
    r"fears? of|denied|deny|denies|"
    r"did not|didn't|no one was|were not)\b",
    re.IGNORECASE)
_MODAL_AFTER = re.compile(
    r"[\s\"'”]+(?:(?!that\b|which\b|who\b)[\w\"'”]+\s+){0,2}"
    r"(?:will|would|could|might|may|denied|deny|denies)\b", re.IGNORECASE)
# Breaking up a gathering (not arresting, barring or chasing someone away).
_DISPERSAL = re.compile(
    r"^(?:dispers\w*|tear ?gas\w*|teargas\w*|water cannons?|rubber bullets|fired (?:shots )?in "
    r"the air|shot in the air|broke up|break up|quelled|baton-charged|lobbed|canisters)$",
    re.IGNORECASE)
_WEAPONS = {"ied", "shell", "air", "grenade", "chemical"}
_CROWD_KINDS = {"protest", "riot", "mob"}
_ELECTION = r"(?:general\s+|presidential\s+|repeat\s+|fresh\s+|local\s+)?(?:elections?|polls?|vote|referendum|ballot)"
_ELECTION_AFTER = re.compile(r"^(?:['’]s)?\s+" + _ELECTION + r"\b", re.IGNORECASE)
_ELECTION_BEFORE = re.compile(r"\b" + _ELECTION + r"\s+(?:on|of|held on|scheduled for|set for|slated for)\s+$",
                              re.IGNORECASE)
# "another attack", "in a separate incident": the sentence tells a new event
_ANOTHER = re.compile(r"\b(?:another|separate(?:ly)?|second|third|fourth|other)\s+(?:\w+\s+)?"
                      r"(?:attacks?|incidents?|clash(?:es)?|raids?|ambush(?:es)?|assaults?|bombings?)\b"
                      r"|\bseparately\b|\bin a separate\b", re.IGNORECASE)
_SAID_WHEN = re.compile(r"\b(?:" + SPEECH.pattern("said_when") + r"|told\s+(?:[\w'’.-]+\s+){1,4})"
                        r"\s+(?:on\s+|late\s+on\s+|early\s+on\s+)?$", re.IGNORECASE)
_ARMED_KINDS = {"attack", "fight", "shell", "air", "ied", "suicide", "grenade", "looting", "abduct"}
_FIRE = re.compile(r"\bfire\b|\bablaze\b|torch|burn|razed", re.IGNORECASE)
# "A day after the clash, …", "Following the attack, …": a cue that dates the news by an
# event already told ("killed following an attack by X" is that attack, and stays).
_REFERENCE = re.compile(
    r"(?:\b(?:a|one|two|three|four|five|six|several|few|\d+|hours?|days?|weeks?|months?)\s+"
    r"(?:\w+\s+)?(?:after|before|since)|^\s*(?:after|before|since|following))\s+"
    r"(?:the|this|that|these|those)\s+(?:[\w'’-]+\s+){0,2}$"
    # "arrested three men suspected of planting bombs": an allegation, not a bombing
    r"|\b(?:suspected|accused|convicted|charged|on suspicion)\s+(?:of|with)\s+(?:[\w'’-]+\s+){0,2}$",
    re.IGNORECASE)
# A sentence that names who is blamed for the event just told: "Al Shabaab is suspected".
_BLAME = re.compile(r"\b(?:believed|suspected|blamed|responsib\w*|claimed|attributed|perpetrators?)\b",
                    re.IGNORECASE)
# The trigger sits in a clause recalling an event weeks or more back: "a week after
# fighters killed 14 there", "since last month's raid", "last week's attack". Days are
# left out: "two days after the ambush, gunmen struck again" tells new events.
_RECALL = re.compile(
    r"\b(?:(?:a|one|two|three|four|five|six|several|\d+) (?:weeks?|months?|years?) (?:after|since)|"
    r"(?:last|previous) (?:week|month|year)'s)"
    r"\s+(?:[\w'-]+\s+){0,6}$", re.IGNORECASE)  # no comma: "a week after X, Y did Z" is news
_CIVILIANS = re.compile(r"\bcivilians?\b", re.IGNORECASE)
_TOPIC = re.compile(r"\b" + TOPIC_HEADS.pattern("topic") + r"\s+(?:[\w'’-]+\s+){0,2}?"
                    r"(?:about|over|at|into|of|on|against|for|that|following)\s+(?:[\w'’.\"“”-]+\s+){0,5}$",
                    re.IGNORECASE)
# Words that name an event's place by pointing back to the story's: "the town", "there".
PLACE_ANAPHOR = re.compile(r"\b(?:the|that|this) (?:town|city|village|area|district|camp|market|region|"
                           r"neighbou?rhood|locality)\b|\bthere\b", re.IGNORECASE)
# A caption of a photo from the archive: "FILE - ...", "FILE PHOTO: ...".
_FILE_PHOTO = re.compile(r"^\s*\(?FILE(?:\s+PHOTO)?\)?\s*[-–—:]")
# Words that give a protest's cause or aim: an arrest after them is what is protested.
_PROTEST_CAUSE = re.compile(r"\b(?:against|over|in support of|in protest at|to protest|protesting|"
                            r"demanding|calling for|to demand|where|following)\b", re.IGNORECASE)
_WRITTEN_DATE = re.compile(r"\d")  # a day or year in digits: "Oct. 9, 2015", "9/10", "March 3"


# How far (in sentences) a date read for one event carries to the next events told.
STORY_REACH = 4
# The first sentences of an article tell its news: their events are dated by publication.
LEAD_SENTENCES = 3


@dataclass
class _Builder:
    """Mutable only inside ``assemble``; frozen into a Draft at the end."""

    sentences: list[int]
    cues: dict[str, list[Span]]
    actors: list[Role]
    places: list[ResolvedPlace]
    trigger: Span
    reciprocal: bool = False
    date: dt.date | None = None
    precision: int = 1
    date_spans: list[Span] = field(default_factory=list)
    date_read: bool = False
    date_from: int | None = None
    trace: list[str] = field(default_factory=list)  # "rule@sentence", in the order applied
    points_back: bool = False  # its sentence names its place as "the town", "there"
    casualties: list[Casualty] = field(default_factory=list)
    sources: list[SourceDetail] = field(default_factory=list)
    civilians_hit: bool = False

    def date_basis(self) -> str:
        """How the day can be worked out: read in its own words, from the story it
        continues (a date read at most STORY_REACH sentences away), as the news of the
        lead, or not at all ("unanchored": a sentence deep in an article with no date
        of its own near it is background, ACLED's "day that cannot be worked out")."""
        first = self.sentences[0]
        if self.date_read:
            return "read"
        if self.date_from is not None and abs(first - self.date_from) <= STORY_REACH:
            return "story"
        return "lead" if first < LEAD_SENTENCES else "unanchored"

    def kinds(self) -> set[str]:
        return set(self.cues)

    def actor_names(self) -> set[str]:
        return {r.actor.name for r in self.actors}

    def freeze(self) -> Draft:
        return Draft(
            sentences=tuple(self.sentences),
            cues={k: tuple(v) for k, v in self.cues.items()},
            actors=tuple(self.actors),
            places=tuple(self.places),
            date=self.date,
            time_precision=self.precision,
            date_evidence=tuple(self.date_spans),
            date_read=self.date_read,
            date_from=self.date_from,
            trace=(*self.trace, f"date:{self.date_basis()}"),
            casualties=tuple(self.casualties),
            sources=tuple(self.sources),
            civilians_hit=self.civilians_hit,
            trigger=self.trigger,
        )


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
    drafts: list[_Builder] = []
    skipped: list[Skip] = []

    file_photos: set[int] = set()  # paragraphs that are captions of file photos

    def skip(f: Facts, rule: str) -> None:
        skipped.append(Skip(f.index, rule))

    # the last date read, for inheritance: date, precision, words, sentence index
    running: tuple[dt.date, int, Span, int] | None = None
    recalled = False  # an event from weeks back was recalled: "the attack" may be it
    for f in facts:
        f = _without_time_references(f)
        texts = f.cue_texts()
        strong = strong_cues(texts)
        if _FILE_PHOTO.match(f.sentence.span.text):
            file_photos.add(f.sentence.paragraph)
        if f.sentence.paragraph in file_photos and not any(
                t.kind == "date" and _WRITTEN_DATE.search(t.span.text) for t in f.times):
            # "FILE - Police detain a protester": a photo from the archive that gives no
            # date of its own shows an older event (a dated one is screened by its date)
            if strong:
                skip(f, "file_photo")
            continue
        if "accident" in texts and set(strong) <= {"attack"}:  # a protest about an accident stays
            if strong or f.casualties:
                skip(f, "accident")  # "the bodies of migrants from a boat that capsized"
            continue
        if "ceremony" in texts and strong and set(strong) <= {"protest"}:
            skip(f, "ceremony")  # "cadets march during a rehearsal for the military parade"
            continue
        if "summary" in texts:
            if strong:
                skip(f, "summary_toll")  # "bringing the death toll since April to 26"
            continue
        if "background" in texts and not _dated(f):
            if strong:
                skip(f, "background_words")
            continue
        trigger = _trigger(f, strong)
        if trigger is not None and _irrealis_before(f, trigger):
            skip(f, "irrealis")
            continue
        if trigger is not None and _talked_about(f, trigger):
            skip(f, "talked_about")
            continue
        if trigger is not None and _recalled(f, trigger):
            recalled = True
            skip(f, "recalled")
            continue
        dates = [t for t in f.times if t.kind == "date"]
        # "…, officials said on Monday": the day of the statement, not of the event; a
        # date of the event itself, here or in the next sentences, wins over it.
        dates = [t for t in dates if not _dates_another_event(f, t)]
        # "Friday, Oct. 9, 2015": the date written out beats the weekday beside it
        dates.sort(key=lambda t: not _WRITTEN_DATE.search(t.span.text))
        date_here = next((t for t in dates if not _said_when(f, t)), dates[0] if dates else None)
        stated = date_here is not None and _said_when(f, date_here)
        offset_here = next((t for t in f.times if t.kind == "offset"), None)
        previous = drafts[-1] if drafts else None
        near = previous is not None and f.index - previous.sentences[-1] <= 4
        roles = _roles(f, docs.get(f.index), trigger)
        referent = _referent(f, trigger, drafts) if trigger is not None else None
        refers_back = referent is not None
        if recalled and referent is None and _anaphoric(f, trigger):
            # "She lost two cousins in the shooting": the recalled event again.
            skip(f, "recalled_again")
            continue
        if referent is None and trigger is not None and date_here is None and f.index >= LEAD_SENTENCES \
                and _GENERIC_REFERENCE.match(trigger.text) and _anaphoric(f, trigger):
            # "The bombardments have pushed diplomacy to the brink": events the reader is
            # taken to know already, though this article told none of them
            skip(f, "anaphora_without_referent")
            continue
        if referent is not None:
            previous = referent
        if drafts and "corroborate" in texts and not strong:
            # "The hospital received 30 bodies": evidence for an event already told,
            # however far back; never an event of its own.
            _add(referent or drafts[-1], f, roles, "corroboration", with_places=False, corroborating=True)
            continue

        if near and previous is not None and set(strong) == {"arrest"} and previous.kinds() & {"protest", "riot"}:
            # "Police fired tear gas. Several were arrested.": the protest's intervention.
            _add(previous, f, roles, "protest_arrests", with_places=False)
            continue
        if near and previous is not None and "arrest" in strong and set(strong) <= {"arrest", "attack"} \
                and "arrest" in previous.kinds() and all(RAID.match(t) for t in strong.get("attack", ())):
            # "They were detained in a raid on a house": how the arrests just told were made.
            _add(previous, f, roles, "raid_of_arrests", with_places=False)
            continue
        weapon_only = strong and set(strong) <= _WEAPONS and "attack" not in texts
        if weapon_only and near and previous is not None and date_here is None and offset_here is None \
                and not _new_town(f, previous):
            # "The bomber, wearing an explosive vest, walked in": the weapon of the event
            # just told, not a new one.
            _add(previous, f, roles, "weapon_of_event", with_places=False)
            continue
        if near and previous is not None and strong and _fire_only(strong, texts) and previous.kinds() & _ARMED_KINDS:
            # "Several houses were set on fire": what the attackers just told did, not a
            # riot of its own (no protest, no crowd doing it).
            _add(previous, _as_damage(f), roles, "damage_in_attack", with_places=False)
            continue
        if strong and trigger is not None and _quoted(f, trigger) and previous is not None:
            # "They shot at young men who only asked for electricity," a witness said: a
            # witness's words about the event told, never an event of their own.
            if near:
                _add(previous, f, roles, "witness_quote", with_places=False)
            else:
                skip(f, "witness_quote")
            continue
        if near and previous is not None and strong and not refers_back and date_here is None and offset_here is None \
                and _same_story(f, roles, strong, previous):
            # "A mob beat a man in Jos. He was caught near a bus park, beaten and set on
            # fire": the same crowd at the same place on the same day is one event
            # (ACLED's rule), told over several sentences.
            _add(previous, f, roles, "same_story", with_places=False)
            continue
        if strong and set(strong) == {"change"} and any(d.kinds() & _ARMED_KINDS for d in drafts):
            # "Troops were deployed to pursue the attackers": the response to an event
            # already told, not a development of its own.
            skip(f, "response_to_event")
            continue
        if not strong and near and previous is not None and "fight" in previous.kinds() and f.casualties:
            # "He had seen the bodies of seven militants and three soldiers had died":
            # the toll of the battle just told, whoever is said to have killed whom
            _add(previous, f, roles, "battle_toll", with_places=False)
            continue
        if strong and not refers_back:
            draft = _start(f, strong, roles, trigger, "event_cue")
        elif (not strong and trigger is not None and _armed_agent_with_target(roles, f)
              and not (near and previous is not None and not _new_actors(roles, previous))):
            # "In response, the army hit rebel-held districts": a new directed event;
            # its weapon is the one of the story it continues.
            draft = _start(f, {"attack": [trigger.text]}, roles, trigger, "armed_doer_and_target")
            if previous is not None and near:
                for kind in ("shell", "air", "ied", "grenade"):
                    if kind in previous.cues:
                        draft.cues.setdefault(kind, list(previous.cues[kind]))
        elif previous is not None and (refers_back or near) and _reports_on(f, texts):
            _add(previous, f, roles, "refers_back" if refers_back else "reports_on",
                 with_places=refers_back and bool(strong) and "corroborate" not in texts)
            if not previous.date_read and date_here is not None:
                _set_date(previous, date_here.date, date_here.precision, date_here.span, True, f.index)
                assert previous.date is not None  # a TimeMention of kind "date" is resolved
                running = (previous.date, previous.precision, date_here.span, f.index)
            continue
        elif trigger is not None and any(c.kind in {"killed", "injured"} and c.best > 0
                                         and not c.corroborating for c in f.casualties):
            draft = _start(f, {"attack": [trigger.text]}, roles, trigger, "killing")
        elif (dispersal := _dispersed_crowd(f)) is not None \
                and not (near and previous is not None and previous.kinds() & {"protest", "riot"}):
            # "Police fired tear gas to disperse a crowd of voters": a gathering that was
            # broken up is a demonstration, though no word says "protest".
            draft = _start(f, {}, roles, dispersal, "dispersed_crowd")
            draft.cues.setdefault("protest", []).append(dispersal)
        else:
            if trigger is not None:
                skip(f, "no_event_of_its_own")
            continue

        if date_here is not None:
            _set_date(draft, date_here.date, date_here.precision, date_here.span, not stated, f.index)
        elif offset_here is not None and running is not None:
            # "This comes one day after X": X is earlier; "a day after X, Y": Y is later.
            before = f.sentence.span.text[: offset_here.span.start - f.sentence.span.start]
            sign = -1 if _COMES_AFTER.search(before) else 1
            days = sign * abs(offset_here.days)
            _set_date(draft, running[0] + dt.timedelta(days=days), running[1], offset_here.span, True,
                      f.index)
        elif running is not None:
            # The story goes on: the date carries from the last sentence that told an
            # event of that day, not only from the sentence it was read in.
            told = [d.sentences[-1] for d in drafts
                    if d.date == running[0] and d.date_basis() != "unanchored"]
            _set_date(draft, running[0], running[1], running[2], False, max([running[3], *told]))
        if draft.date_read:
            assert draft.date is not None  # read from a resolved date, or shifted from one
            running = (draft.date, draft.precision, draft.date_spans[0], f.index)
        draft.reciprocal = _is_reciprocal(f, roles)
        drafts.append(draft)

    drafts, summaries = _drop_summaries(drafts)
    skipped.extend(Skip(d.sentences[0], "exchange_summary") for d in summaries)
    for prior, d in zip(drafts, drafts[1:]):
        if not d.places and prior.places and (
                d.sentences[0] - prior.sentences[-1] <= STORY_REACH or d.points_back):
            # "Hours later, gunmen attacked a checkpoint", "set up a base in the town": the
            # story's place still holds (not for an event told far from it with no pointer)
            d.places.extend(prior.places)
    first_read = next(((d.date, d.precision, d.date_spans[0], d.date_from) for d in drafts if d.date_read),
                      None)
    out = []
    for d in drafts:
        if d.date is None:
            if first_read is not None:
                _set_date(d, first_read[0], first_read[1], first_read[2], False, first_read[3])
            elif published is not None:
                # No date in the whole article: news reports the previous day's events,
                # so that is the prior; nothing was read, and confidence says so.
                d.date, d.precision = published - dt.timedelta(days=1), 1
        out.append(d.freeze())
    return tuple(out), tuple(sorted(skipped, key=lambda k: k.sentence))


def _without_time_references(f: Facts) -> Facts:
    """The sentence's facts without the cues that only date something else or tell an
    allegation: "a day after the clash, drones struck" tells a strike, and "the clash" is
    no trigger of it; "men suspected of planting bombs" were arrested, nothing exploded."""
    base = f.sentence.span.start
    text = f.sentence.span.text
    kept = tuple(c for c in f.cues if not (c.kind in EVENT_CUES and _REFERENCE.search(
        text[max(0, c.span.start - base - 40):c.span.start - base])))
    return f if len(kept) == len(f.cues) else replace(f, cues=kept)


def _new_town(f: Facts, previous: _Builder) -> bool:
    """The sentence names a place the previous event was not at."""
    known = {rp.place.geonameid for rp in previous.places}
    # towns only: "the regional governor of X said" names no new place of events
    return any(rp.place.geonameid not in known and rp.place.kind in {"city", "neighbourhood"}
               for rp in f.places)


def _dates_another_event(f: Facts, t) -> bool:
    """The date names another event: "his October 26 election", "the vote on Saturday"."""
    text, base = f.sentence.span.text, f.sentence.span.start
    after = text[t.span.end - base:t.span.end - base + 40]
    before = text[max(0, t.span.start - base - 40):t.span.start - base]
    return bool(_ELECTION_AFTER.match(after) or _ELECTION_BEFORE.search(before))


def _said_when(f: Facts, t) -> bool:
    """The time expression dates a statement: "police said on Monday"."""
    before = f.sentence.span.text[: t.span.start - f.sentence.span.start]
    return bool(_SAID_WHEN.search(before[-60:]))


def _quoted(f: Facts, trigger: Span) -> bool:
    """The trigger stands inside quotation marks in its sentence."""
    before = f.sentence.span.text[: trigger.start - f.sentence.span.start]
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1


def _same_story(f: Facts, roles: Sequence[Role], strong: dict[str, list[str]],
                previous: _Builder) -> bool:
    """The sentence goes on telling the crowd violence or the battle just told: no new
    place, no new armed doer, and only cues of the same kind of violence."""
    if f.index - previous.sentences[-1] > 2 or _new_town(f, previous) \
            or _ANOTHER.search(f.sentence.span.text):
        return False
    crowd = previous.kinds() & _CROWD_KINDS and set(strong) <= _CROWD_KINDS | {"attack", "looting"}
    # "Witnesses said the army drove the attackers back after hours of fighting": the
    # battle just told, with the weapons fired in it
    # ("A and B exchanged fire" is a summary that the directed events after it replace;
    # weapons count only when the sentence says they were fired in the fighting)
    kinds = set(strong)
    battle = "fight" in previous.kinds() and not previous.reciprocal and (
        kinds <= {"fight", "attack"} or "fight" in kinds and kinds <= {"fight", "attack", "shell", "grenade"})
    if not (crowd or battle):
        return False
    if battle and "fight" in strong:
        return True  # "the soldiers drove the attackers back after hours of fighting"
    known = previous.actor_names()
    trigger_at = min(c.span.start for c in f.cues if c.kind in strong)
    # a new armed doer ("Then soldiers opened fire") starts its own event; police who
    # arrive after it ("before police came") do not
    return not any(r.actor.name not in known and r.actor.inter in {1, 2, 3, 4, 8}
                   and r.role == "agent" and r.actor.span.start < trigger_at for r in roles)


def _as_damage(f: Facts) -> Facts:
    """The sentence's burning told as damage done in the event it belongs to."""
    return replace(f, cues=tuple(replace(c, kind=CueKind.DAMAGE) if c.kind in {"riot", "looting"} else c
                                 for c in f.cues))


def _fire_only(strong: dict[str, list[str]], texts: dict[str, list[str]]) -> bool:
    return set(strong) <= {"riot", "looting"} and not {"protest", "mob"} & set(texts) \
        and all(_FIRE.search(t) for kind in strong for t in strong[kind])


def _dated(f: Facts) -> bool:
    return any(t.kind == "date" and t.precision == 1 for t in f.times)


def _trigger(f: Facts, strong: dict[str, list[str]]) -> Span | None:
    """The words that make the sentence an event: the first strong cue, else a weak one."""
    for c in f.cues:
        if c.kind in strong and c.span.text.lower() in strong[c.kind]:
            return c.span
    for c in f.cues:
        if c.kind == "attack" and WEAK_ATTACK.match(c.span.text):
            return c.span
    return None


def _irrealis_before(f: Facts, trigger: Span) -> bool:
    """'threatened to attack', 'denied killing', 'if they storm': not an event."""
    rel = trigger.start - f.sentence.span.start
    end = trigger.end - f.sentence.span.start
    text = f.sentence.span.text
    # "an attack would follow", "the detained men denied": a modal or denial just after
    # the trigger counts too, but not one inside its object ("residents protest a plan
    # to demolish their homes", "students protest a policy that would cut grants").
    return bool(_IRREALIS.search(text[max(0, rel - 50):end])
                or _MODAL_AFTER.match(text, end))


def _talked_about(f: Facts, trigger: Span) -> bool:
    """'outrage at the chemical attack', 'an investigation into the killings', 'the threat
    of further attacks': the event is what people talk about, not what is reported."""
    before = f.sentence.span.text[max(0, trigger.start - f.sentence.span.start - 80):
                                  trigger.start - f.sentence.span.start]
    return bool(_TOPIC.search(before))


def _dispersed_crowd(f: Facts) -> Span | None:
    """The dispersal words of a sentence that breaks up a crowd, if it does."""
    kinds = {c.kind for c in f.cues}
    if "crowd" not in kinds and not any(a.kind in {"protesters", "rioters"} for a in f.actors):
        return None
    return next((c.span for c in f.cues if c.kind == "disperse" and _DISPERSAL.match(c.span.text)),
                None)


def _anaphoric(f: Facts, trigger: Span | None) -> bool:
    """'the shooting', 'this attack': the trigger refers to an event already known."""
    if trigger is None:
        return False
    before = f.sentence.span.text[: trigger.start - f.sentence.span.start]
    return bool(_ANAPHOR.search(before[-40:]))


def _recalled(f: Facts, trigger: Span) -> bool:
    """'a week after gunmen killed 14 there', 'last month's attack': the event is one
    told before, recalled from weeks back, not the news of this report."""
    before = f.sentence.span.text[: trigger.start - f.sentence.span.start]
    return bool(_RECALL.search(before[-80:]))


def _roles(f: Facts, doc: Doc | None, trigger: Span | None) -> list[Role]:
    base = f.sentence.span.start
    t = trigger.start - base if trigger is not None else -1
    said = [s.evidence for s in f.sources if s.evidence is not None]
    out = []
    for a in f.actors:
        if any(e.start <= a.span.start < e.end for e in said):
            continue  # "according to the local defence force": a source, not a side
        if doc is not None:
            role = role_in(doc, a.span.start - base, a.span.end - base, t)
        else:
            role = linear_role(f.sentence.span.text, a.span.start - base, t)
        out.append(Role(a, role))
    return out


def _referent(f: Facts, trigger: Span, drafts: Sequence[_Builder]) -> _Builder | None:
    """The earlier draft that 'the airstrikes', 'the ISIS-led bombardment' or 'this
    attack' refers to: the latest one of a compatible kind."""
    if not drafts:
        return None
    before = f.sentence.span.text[: trigger.start - f.sentence.span.start]
    if not _ANAPHOR.search(before[-40:]):
        return None
    if _GENERIC_REFERENCE.match(trigger.text):
        return drafts[-1]  # "the raids", "the attack": the event just told
    kinds = set(strong_cues(f.cue_texts())) | {c.kind for c in f.cues if c.span == trigger}
    for d in reversed(drafts):
        if kinds & d.kinds():
            return d
    return None


def _reports_on(f: Facts, texts: dict[str, list[str]]) -> bool:
    """Toll, corroboration, a source, or more detail about the previous event."""
    return bool(f.casualties or f.sources or "corroborate" in texts or "attack" in texts
                or set(texts) & (set(EVENT_CUES) | {"disperse", "lethal"})
                or (f.actors and _BLAME.search(f.sentence.span.text)))


def _armed_agent_with_target(roles: Sequence[Role], f: Facts) -> bool:
    agents = [r for r in roles if r.role == "agent" and r.actor.inter in {1, 2, 3, 4, 8}]
    targets = [r for r in roles if r.role == "patient"]
    return bool(agents) and (bool(targets) or bool(f.places))


def _new_actors(roles: Sequence[Role], previous: _Builder) -> bool:
    agents = {r.actor.name for r in roles if r.role == "agent"}
    prev_agents = {r.actor.name for r in previous.actors if r.role == "agent"}
    return bool(agents) and agents != prev_agents


def _start(f: Facts, strong: dict[str, list[str]], roles: list[Role], trigger: Span | None,
           rule: str) -> _Builder:
    cues: dict[str, list[Span]] = {}
    for c in f.cues:
        if c.kind in ("arrest", "disperse") and _protest_topic(f, c.span):
            continue  # "marched over the death of a man in police custody": what they protest
        if c.kind in strong or c.kind in CONTEXT_CUES or c.kind == "corroborate":
            cues.setdefault(c.kind, []).append(c.span)
    b = _Builder(sentences=[f.index], cues=cues, actors=list(roles), places=list(f.places),
                 trigger=trigger or f.sentence.span, trace=[f"{rule}@{f.index}"])
    b.casualties.extend(f.casualties)
    b.sources.extend(f.sources)
    b.civilians_hit = _civilians_hit(f)
    b.points_back = bool(PLACE_ANAPHOR.search(f.sentence.span.text))
    return b


def _protest_topic(f: Facts, span: Span) -> bool:
    """An arrest told after a protest word and a word that gives the protest's cause or
    aim ("protested against the arrest", "marched in support of ..., where a man died in
    police custody") is what the protest is about, not police breaking it up (ACLED)."""
    base = f.sentence.span.start
    before = f.sentence.span.text[:span.start - base]
    protest = [c for c in f.cues if c.kind == "protest" and c.span.start < span.start]
    if not protest:
        return False
    between = f.sentence.span.text[protest[0].span.end - base:span.start - base]
    return bool(_PROTEST_CAUSE.search(between)) and not _PROTEST_CAUSE.search(before[:protest[0].span.start - base])


def _add(d: _Builder, f: Facts, roles: list[Role], rule: str, *, with_places: bool,
         corroborating: bool = False) -> None:
    d.sentences.append(f.index)
    d.trace.append(f"{rule}@{f.index}")
    known = d.actor_names()
    if not corroborating:  # who confirmed a toll is a source, not a side
        d.actors.extend(r for r in roles if r.actor.name not in known)
    if with_places:
        d.places.extend(f.places)
    for c in f.cues:
        if c.kind in EVENT_CUES and c.kind != "attack" or c.kind in CONTEXT_CUES:
            d.cues.setdefault(c.kind, []).append(c.span)
    d.casualties.extend(f.casualties)
    d.sources.extend(s for s in f.sources if s not in d.sources)
    if _civilians_hit(f):
        d.civilians_hit = True


def _civilians_hit(f: Facts) -> bool:
    """Civilians are among the dead or hurt: named so, or counted as civilians ("three
    children", "two women") by the casualty reader."""
    return bool(f.casualties) and (bool(_CIVILIANS.search(f.sentence.span.text))
                                   or any(c.civilians > 0 and not c.corroborating for c in f.casualties))


def _set_date(d: _Builder, date: dt.date | None, precision: int, span: Span, read: bool,
              source: int | None) -> None:
    d.date, d.precision, d.date_read, d.date_from = date, precision, read, source
    d.date_spans = [span]


def _is_reciprocal(f: Facts, roles: Sequence[Role]) -> bool:
    """'A and B exchanged shelling': two sides named together, no direction."""
    sides = {r.actor.name for r in roles if r.role in {"agent", ""}}
    return len(sides) >= 2 and bool(_RECIPROCAL.search(f.sentence.span.text)) and not any(
        r.role == "patient" for r in roles)


def _drop_summaries(drafts: list[_Builder]) -> tuple[list[_Builder], list[_Builder]]:
    """An exchange summary gives way to directed events between the same sides that day:
    (the drafts kept, the summaries dropped)."""
    kept, dropped = [], []
    for d in drafts:
        if d.reciprocal:
            sides = d.actor_names()
            directed = [o for o in drafts if o is not d and not o.reciprocal and o.date == d.date
                        and len(o.actor_names() & sides) >= 1 and o.sentences[0] > d.sentences[0]]
            if directed:
                for o in directed:  # the summary's place and words still count as evidence
                    if not o.places:
                        o.places.extend(d.places)
                dropped.append(d)
                continue
        kept.append(d)
    return kept, dropped
