"""The assemble rulebook: an ordered cascade of named rules. Each sentence meets the rules
in order; the first whose ``applies`` holds decides, by the ``Outcome`` its ``act``
gives: the sentence is kept out, joins an event already told, or starts one. The order
is the precedence: a sentence that corroborates is never a new event, a quoted witness
never a new attack, and so on down. The tests that keep a sentence out live in
``not_news``; those that join it to an event or start one, here."""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Callable, Sequence

from tacitus.assemble import not_news
from tacitus.assemble.building import Building, start
from tacitus.assemble.reading import Reading, new_actors, new_town
from tacitus.assemble.words import ANOTHER, ARMED_KINDS, BLAME, CROWD_KINDS, DISPERSAL, FIRE, VICTIMS_OF, WEAPONS
from tacitus.facts import Facts
from tacitus.lexicon import CueKind
from tacitus.taxonomy import EVENT_CUES, RAID
from tacitus.types import Span


@dataclass(frozen=True)
class KeepOut:
    """The sentence makes no event; ``recorded``: it had event words, so the rule is
    listed among the skipped (``--explain``); ``recalls``: it recalled an old event."""

    recorded: bool
    recalls: bool = False


@dataclass(frozen=True)
class Join:
    """The sentence tells more of ``event``; ``takes_date``: a date it reads dates the
    event when none was read for it yet."""

    event: Building
    facts: Facts
    with_places: bool = False
    corroborating: bool = False
    takes_date: bool = False


@dataclass(frozen=True)
class Start:
    """The sentence tells a new event."""

    event: Building


Outcome = KeepOut | Join | Start


@dataclass(frozen=True)
class Rule:
    name: str
    applies: Callable[[Reading], bool]
    act: Callable[[Reading, str], Outcome]


def _keep_out_if_strong(r: Reading, _: str) -> Outcome:
    return KeepOut(bool(r.strong))


def _keep_out(r: Reading, _: str) -> Outcome:
    return KeepOut(True)


def _join_previous(r: Reading, _: str) -> Outcome:
    assert r.previous is not None  # every joining rule asks for it
    return Join(r.previous, r.f)


# -- joining an event already told ------------------------------------------------------

def _victims_of_event(r: Reading) -> bool:
    # "Among the victims were a 17-year-old boy and a woman, both shot in separate
    # incidents": who the event just told hit, never a new event
    return _near_previous(r) is not None and bool(VICTIMS_OF.match(r.f.sentence.span.text))


def _corroboration(r: Reading) -> bool:
    # "The hospital received 30 bodies": evidence for an event already told, however far
    # back; never an event of its own
    return bool(r.story.drafts) and "corroborate" in r.texts and not r.strong


def _join_corroborated(r: Reading, _: str) -> Outcome:
    assert r.previous is not None
    return Join(r.previous, r.f, corroborating=True)


def _near_previous(r: Reading) -> Building | None:
    """The event this sentence may go on with: told near it, unless the sentence is a
    FILE photo's caption with a day of its own ("FILE - Soldiers detain a sergeant in
    Marmaris, July 25, 2016."): an archive photo shows its own event, never more of the
    one just told."""
    if not r.near or r.previous is None:
        return None
    if r.f.sentence.paragraph in r.story.file_photos and r.caption and r.date_here is not None \
            and r.date_here.date != r.previous.date:
        return None
    return r.previous


def _protest_arrests(r: Reading) -> bool:
    # "Police fired tear gas. Several were arrested.": the protest's intervention
    p = _near_previous(r)
    return p is not None and set(r.strong) == {"arrest"} and bool(p.kinds() & {"protest", "riot"})


def _raid_of_arrests(r: Reading) -> bool:
    # "They were detained in a raid on a house": how the arrests just told were made
    p = _near_previous(r)
    return (p is not None and "arrest" in r.strong and set(r.strong) <= {"arrest", "attack"}
            and "arrest" in p.kinds() and all(RAID.match(t) for t in r.strong.get("attack", ())))


def _weapon_of_event(r: Reading) -> bool:
    # "The bomber, wearing an explosive vest, walked in": the weapon of the event just
    # told, not a new one
    p = _near_previous(r)
    return (p is not None and bool(r.strong) and set(r.strong) <= WEAPONS and "attack" not in r.texts
            and r.date_here is None and r.offset_here is None and not new_town(r.f, p))


def _names_event_told(r: Reading) -> bool:
    """'Rescuers searched for bodies a day after the suicide truck bombing': the event
    named only to date the sentence is the one just told (of its kind, or the attack it
    was told as), and its words, the weapon or the bomber, tell more of it."""
    p = _near_previous(r)
    if p is None or r.strong or not r.references:
        return False
    named = {c.kind for c in r.references}
    return bool(named & p.kinds()) or p.kinds() & set(EVENT_CUES) <= {"attack"}


def _join_with_reference(r: Reading, _: str) -> Outcome:
    assert r.previous is not None
    cues = tuple(sorted((*r.f.cues, *r.references), key=lambda c: c.span.start))
    return Join(r.previous, replace(r.f, cues=cues))


def _damage_in_attack(r: Reading) -> bool:
    # "Several houses were set on fire": what the attackers just told did, not a riot of
    # its own (no protest, no crowd doing it)
    p = _near_previous(r)
    return (p is not None and bool(r.strong) and set(r.strong) <= {"riot", "looting"}
            and not {"protest", "mob"} & set(r.texts)
            and all(FIRE.search(t) for kind in r.strong for t in r.strong[kind])
            and bool(p.kinds() & ARMED_KINDS))


def _join_as_damage(r: Reading, _: str) -> Outcome:
    assert r.previous is not None
    burning = tuple(replace(c, kind=CueKind.DAMAGE) if c.kind in {"riot", "looting"} else c for c in r.f.cues)
    return Join(r.previous, replace(r.f, cues=burning))


def _witness_quote(r: Reading) -> bool:
    # "They shot at young men who only asked for electricity," a witness said: a
    # witness's words about the event told, never an event of their own
    if not r.strong or r.trigger is None or r.previous is None:
        return False
    before = r.before(r.trigger)
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1


def _join_if_near(r: Reading, name: str) -> Outcome:
    return _join_previous(r, name) if r.near else KeepOut(True)


def _same_story(r: Reading) -> bool:
    """"A mob beat a man in Jos. He was caught near a bus park, beaten and set on fire":
    the same crowd or battle at the same place on the same day is one event (ACLED's
    rule) told over several sentences: no new place, no new armed doer, and only cues of
    the same kind of violence."""
    p = _near_previous(r)
    if p is None or not r.strong or r.referent is not None or r.date_here is not None \
            or r.offset_here is not None:
        return False
    if r.f.index - p.sentences[-1] > 2 or new_town(r.f, p) or ANOTHER.search(r.f.sentence.span.text):
        return False
    kinds = set(r.strong)
    crowd = p.kinds() & CROWD_KINDS and kinds <= CROWD_KINDS | {"attack", "looting"}
    # "Witnesses said the army drove the attackers back after hours of fighting": the
    # battle just told, with the weapons fired in it ("A and B exchanged fire" is a
    # summary that the directed events after it replace)
    battle = "fight" in p.kinds() and not p.reciprocal and (
        kinds <= {"fight", "attack"} or "fight" in kinds and kinds <= {"fight", "attack", "shell", "grenade"})
    if not (crowd or battle):
        return False
    if battle and "fight" in kinds:
        return True
    known = p.actor_names()
    trigger_at = min(c.span.start for c in r.f.cues if c.kind in r.strong)
    # a new armed doer ("Then soldiers opened fire") starts its own event; police who
    # arrive after it ("before police came") do not
    return not any(x.actor.name not in known and x.actor.inter in {1, 2, 3, 4, 8}
                   and x.role == "agent" and x.actor.span.start < trigger_at for x in r.roles)


def _response_to_event(r: Reading) -> bool:
    # "Troops were deployed to pursue the attackers": the response to an event already
    # told, not a development of its own
    return set(r.strong) == {"change"} and any(d.kinds() & ARMED_KINDS for d in r.story.drafts)


def _battle_toll(r: Reading) -> bool:
    # "He had seen the bodies of seven militants and three soldiers had died": the toll
    # of the battle just told, whoever is said to have killed whom
    p = _near_previous(r)
    return p is not None and not r.strong and "fight" in p.kinds() and bool(r.f.casualties)


def _reports_on(r: Reading) -> bool:
    """Toll, corroboration, a source, or more detail about the event."""
    return bool(r.f.casualties or r.f.sources or "corroborate" in r.texts or "attack" in r.texts
                or set(r.texts) & (set(EVENT_CUES) | {"disperse", "lethal"})
                or (r.f.actors and BLAME.search(r.f.sentence.span.text)))


def _refers_back(r: Reading) -> bool:
    return r.referent is not None and _reports_on(r)


def _join_with_date(r: Reading, _: str) -> Outcome:
    assert r.previous is not None
    told_anew = r.referent is not None and bool(r.strong) and "corroborate" not in r.texts
    # a FILE photo's date is the archive's, never the day of the news it illustrates
    archive = r.f.sentence.paragraph in r.story.file_photos
    return Join(r.previous, r.f, with_places=told_anew, takes_date=not archive)


def _reports_on_near(r: Reading) -> bool:
    return r.near and _reports_on(r)


# -- starting an event ----------------------------------------------------------------

def _event_cue(r: Reading) -> bool:
    return bool(r.strong) and r.referent is None


def _start_strong(r: Reading, name: str) -> Outcome:
    return Start(start(r.f, r.strong, r.roles, r.trigger, name))


def _armed_doer_and_target(r: Reading) -> bool:
    """'In response, the army hit rebel-held districts': a new directed event."""
    if r.strong or r.trigger is None:
        return False
    agents = [x for x in r.roles if x.role == "agent" and x.actor.inter in {1, 2, 3, 4, 8}]
    if not agents or not (any(x.role == "patient" for x in r.roles) or r.f.places):
        return False
    p = _near_previous(r)
    return p is None or new_actors(r.roles, p)


def _start_attack(r: Reading, name: str) -> Outcome:
    assert r.trigger is not None
    return Start(start(r.f, {"attack": [r.trigger.text]}, r.roles, r.trigger, name))


def _start_attack_with_weapons(r: Reading, name: str) -> Outcome:
    """A directed event's weapon is the one of the story it continues."""
    outcome = _start_attack(r, name)
    assert isinstance(outcome, Start)
    p = _near_previous(r)
    for kind in ("shell", "air", "ied", "grenade"):
        if p is not None and kind in p.cues:
            outcome.event.cues.setdefault(kind, list(p.cues[kind]))
    return outcome


def _killing(r: Reading) -> bool:
    return r.trigger is not None and any(c.kind in {"killed", "injured"} and c.best > 0 and not c.corroborating
                                         for c in r.f.casualties)


def _dispersal(r: Reading) -> Span | None:
    """The dispersal words of a sentence that breaks up a crowd, if it does."""
    if "crowd" not in r.texts and not any(a.kind in {"protesters", "rioters"} for a in r.f.actors):
        return None
    return next((c.span for c in r.f.cues if c.kind == "disperse" and DISPERSAL.match(c.span.text)), None)


def _dispersed_crowd(r: Reading) -> bool:
    # "Police fired tear gas to disperse a crowd of voters": a gathering that was broken
    # up is a demonstration, though no word says "protest"
    p = _near_previous(r)
    return _dispersal(r) is not None and not (p is not None and p.kinds() & {"protest", "riot"})


def _start_protest(r: Reading, name: str) -> Outcome:
    words = _dispersal(r)
    assert words is not None
    event = start(r.f, {}, r.roles, words, name)
    event.cues.setdefault("protest", []).append(words)
    return Start(event)


def _crowd_of_the_story(r: Reading) -> bool:
    """'St. Paul and Boston were two other cities where crowds of more than 50,000 were
    reported': in a story of demonstrations just told, a crowd at a new town, with no
    day of its own, is another demonstration of that day there (ACLED: one event per
    place)."""
    p = _near_previous(r)
    return (p is not None and not r.strong and "crowd" in r.texts and "protest" in p.kinds()
            and r.date_here is None and r.offset_here is None and not r.f.casualties and new_town(r.f, p))


def _start_crowd_protest(r: Reading, name: str) -> Outcome:
    """The crowd's demonstration at each town the sentence names (a state or province
    named beside a town says where the town is, and is no crowd's place of its own)."""
    words = next(c.span for c in r.f.cues if c.kind == "crowd")
    towns = tuple(p for p in r.f.places if p.place.kind in ("city", "neighbourhood"))
    event = start(replace(r.f, places=towns), {}, r.roles, words, name)
    event.cues.setdefault("protest", []).append(words)
    return Start(event)


def _no_event_of_its_own(r: Reading, _: str) -> Outcome:
    return KeepOut(r.trigger is not None)


RULES: tuple[Rule, ...] = (
    # kept out: the sentence makes no event of its own
    Rule("file_photo", not_news.file_photo, _keep_out_if_strong),
    Rule("accident", not_news.accident, lambda r, _: KeepOut(bool(r.strong or r.f.casualties))),
    Rule("ceremony", not_news.ceremony, _keep_out),
    Rule("summary_toll", lambda r: "summary" in r.texts, _keep_out_if_strong),  # "bringing the toll since April to 26"
    Rule("background_words", not_news.background_words, _keep_out_if_strong),
    Rule("irrealis", not_news.irrealis, _keep_out),
    Rule("complaint", not_news.complaint, _keep_out),
    Rule("talked_about", not_news.talked_about, _keep_out),
    Rule("told_in_passing", not_news.told_in_passing, _keep_out),
    Rule("recalled", not_news.recalled, lambda r, _: KeepOut(True, recalls=True)),
    Rule("recalled_again", not_news.recalled_again, _keep_out),
    Rule("anaphora_without_referent", not_news.anaphora_without_referent, _keep_out),
    # joining an event already told
    Rule("victims_of_event", _victims_of_event, _join_previous),
    Rule("corroboration", _corroboration, _join_corroborated),
    Rule("protest_arrests", _protest_arrests, _join_previous),
    Rule("raid_of_arrests", _raid_of_arrests, _join_previous),
    Rule("weapon_of_event", _weapon_of_event, _join_previous),
    Rule("names_event_told", _names_event_told, _join_with_reference),
    Rule("damage_in_attack", _damage_in_attack, _join_as_damage),
    Rule("witness_quote", _witness_quote, _join_if_near),  # far from any event: kept out
    Rule("same_story", _same_story, _join_previous),
    Rule("response_to_event", _response_to_event, _keep_out),
    Rule("battle_toll", _battle_toll, _join_previous),
    # starting an event (told by its words, or by who did what to whom)
    Rule("event_cue", _event_cue, _start_strong),
    Rule("armed_doer_and_target", _armed_doer_and_target, _start_attack_with_weapons),
    Rule("refers_back", _refers_back, _join_with_date),
    Rule("reports_on", _reports_on_near, _join_with_date),
    Rule("killing", _killing, _start_attack),
    Rule("dispersed_crowd", _dispersed_crowd, _start_protest),
    Rule("crowd_of_the_story", _crowd_of_the_story, _start_crowd_protest),
    Rule("no_event_of_its_own", lambda r: True, _no_event_of_its_own),
)


def decide(r: Reading, rules: Sequence[Rule] = RULES) -> tuple[str, Outcome]:
    """The first rule that applies to the sentence, and what it decides."""
    for rule in rules:
        if rule.applies(r):
            return rule.name, rule.act(r, rule.name)
    raise AssertionError("the last rule applies to every sentence")

