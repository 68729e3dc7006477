"""ACLED typing: cues found in an event's sentences + its actors' inter codes →
event type, sub-event type, disorder type.

The order of the rules is the order of specificity in ACLED's codebook: the weapon
decides remote violence; a demonstration is typed by what participants and police did;
battles need two armed sides; violence against civilians needs an unarmed target.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Mapping, Sequence

TAXONOMY: dict[str, tuple[str, ...]] = {
    "Battles": ("Armed clash", "Government regains territory", "Non-state actor overtakes territory"),
    "Explosions/Remote violence": (
        "Chemical weapon", "Air/drone strike", "Suicide bomb", "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED", "Grenade"),
    "Violence against civilians": ("Sexual violence", "Attack", "Abduction/forced disappearance"),
    "Protests": ("Peaceful protest", "Protest with intervention", "Excessive force against protesters"),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": (
        "Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
        "Headquarters or base established", "Looting/property destruction",
        "Non-violent transfer of territory", "Other"),
}
EVENT_TYPE_OF = {sub: etype for etype, subs in TAXONOMY.items() for sub in subs}
ARMED = {1, 2, 3, 4, 8}

# Cues that alone only say somebody was hurt: they start an event only when no earlier
# event can take them (then they are an attack on whoever was hurt).
WEAK_ATTACK = re.compile(
    r"^(?:killed|killing|killings|died|dead|death of|bodies of|corpses? of|injured|wounded|hurt|"
    r"targeted|targeting|struck|hit|slain)$",
    re.IGNORECASE,
)
RAID = re.compile(r"^raid(?:s|ed|ing)?$", re.IGNORECASE)  # a raid word alone, as a cue's text
_KILLING = re.compile(r"kill|dead|murder|behead|slain|slaughter|massacre|execut|to death", re.IGNORECASE)
_RIOT_WORD = re.compile(r"^riot", re.IGNORECASE)
# Riot and intervention cues that a demonstration said to be peaceful can carry: a road
# blocked by sitting in it, a crowd that "dispersed" by itself.
_BLOCKING = re.compile(r"^block", re.IGNORECASE)
_BLOCKADE = re.compile(r"^(?:the |a )?blockades?$", re.IGNORECASE)
_LEFT_BY_ITSELF = re.compile(r"^dispers(?:ed|ing)$", re.IGNORECASE)
_HEARD_BLAST = re.compile(r"^(?:explosions?|blasts?)$", re.IGNORECASE)
_ENTERING = re.compile(r"^storm(?:ed|ing|s)?$", re.IGNORECASE)
_AIR_STRIKE = re.compile(r"strike|raid|bomb|aerial|sortie", re.IGNORECASE)
VIOLENT = ("fight", "attack", "shell", "air", "ied", "suicide", "grenade", "chemical", "abduct", "sexual")
DEMONSTRATION = ("protest", "riot", "mob")
NONVIOLENT = ("arrest", "gov_territory", "ns_territory", "agreement", "looting", "disrupt", "base", "change")
EVENT_CUES = VIOLENT + DEMONSTRATION + NONVIOLENT
# Cues that never start an event but shape its type once one exists.
CONTEXT_CUES = ("disperse", "lethal", "crowd", "armed_target", "civilian_site", "damage", "peaceful")


@dataclass(frozen=True, slots=True)
class Typing:
    event_type: str
    sub_event_type: str
    disorder_type: str


def strong_cues(cues: Mapping[str, Sequence[str]]) -> dict[str, list[str]]:
    """The cues that can start an event: weak 'attack' words and bare aircraft dropped."""
    out: dict[str, list[str]] = {}
    for kind, texts in cues.items():
        if kind not in EVENT_CUES:
            continue
        kept = list(texts)
        if kind == "attack":
            kept = [t for t in texts if not WEAK_ATTACK.match(t)]
        if kind == "air" and "attack" not in cues and "shell" not in cues and "ied" not in cues:
            # drones or aircraft alone are no strike; with bombs or explosives they are
            kept = [t for t in texts if _AIR_STRIKE.search(t)]
        if kept:
            out[kind] = kept
    return out


def classify(
    cues: Mapping[str, Sequence[str]], agent_inter: int | None, target_inters: Sequence[int],
    civilian_victims: bool = False, crowd_agent: bool = False, force_on_protest: bool = True,
) -> Typing | None:
    """The ACLED type for an event with these cues and actors; None when nothing fits.

    ``crowd_agent``: the doers are a group of unarmed people ("residents", "students",
    "voters"); when they beat, attack or lynch, ACLED codes rioters (mob violence).
    ``force_on_protest``: the text names who used force on a protest or names the
    demonstrators as hit; without it, deaths told beside a peaceful protest do not make
    it excessive force."""
    has = set(cues)
    if "protest" in has and "fight" in has and all(_ENTERING.match(t) for t in cues["fight"]):
        # Demonstrators who "stormed" an office or the streets entered it; that alone is
        # no fight with anyone.
        has.discard("fight")
    if "peaceful" in has and "protest" in has:
        # "They blocked the street for three hours; the protest was peaceful": ACLED
        # codes a peaceful sit-in on a road as a peaceful protest.
        if all(_BLOCKING.match(t) for t in cues.get("riot", ())):
            has.discard("riot")
        if all(_LEFT_BY_ITSELF.match(t) for t in cues.get("disperse", ())):
            has.discard("disperse")
    if "riot" in has and all(_BLOCKADE.match(t) for t in cues["riot"]) \
            and not has & {"protest", "mob", "crowd", "fight", "attack", "damage", "looting", "lethal"} \
            and not crowd_agent and agent_inter not in {5, 6}:
        # "arrested after eluding the blockade of his home": a blockade (the noun: one
        # kept up, by anyone) with no crowd, protest or demonstrators named is no riot.
        # ("They blocked the road" stays a riot unless called peaceful: ACLED's coders
        # code demonstrators' road blocks so.)
        has.discard("riot")
    if "arrest" in has and "attack" in has and "fight" not in has \
            and all(RAID.match(t) for t in cues["attack"]):
        # "arrested six men in a raid on a house": the raid is how the arrests were made
        has.discard("attack")
    armed_target = any(i in ARMED for i in target_inters) or "armed_target" in has
    if "fight" in has and all(_ENTERING.match(t) for t in cues["fight"]) and "protest" not in has \
            and "armed_target" not in has and agent_inter in {2, 3} \
            and (7 in target_inters or "civilian_site" in has and not any(i in ARMED for i in target_inters)):
        # Insurgents who "stormed" a market or a school full of civilians attacked them:
        # storming is how they got in, not a fight; soldiers named elsewhere in the
        # story were not its target. (Communal raiders who storm a village often meet
        # its own armed men: left to the battle rules.)
        has.discard("fight")
        has.add("attack")
        armed_target = False
    state_agent = agent_inter in {1, 8}
    if "fight" in has and armed_target and agent_inter in ARMED | {None} \
            and not all(_ENTERING.match(t) for t in cues["fight"]):
        # Mortars or RPGs fired during a fight between armed sides, and the explosions
        # heard during it, are part of the battle (ACLED codes one armed clash).
        has.discard("shell")
        if all(_HEARD_BLAST.match(t) for t in cues.get("ied", ())):
            has.discard("ied")
    violent_use = has & {"attack", "fight", "shell", "air", "ied", "suicide", "grenade"}

    def pick(sub: str) -> Typing:
        return Typing(EVENT_TYPE_OF[sub], sub, _disorder(sub))

    if "disrupt" in has and has & {"ied", "grenade", "shell"} and not has & {"attack", "fight", "suicide"}:
        # "Two IEDs were discovered and defused": the weapon named was never used on anyone.
        return pick("Disrupted weapons use")
    if "suicide" in has:
        return pick("Suicide bomb")
    if "chemical" in has and violent_use:
        return pick("Chemical weapon")
    # State forces "clashing" with a crowd face rioters; an armed group, or state forces
    # with no crowd in sight, that burns or stones is attacking.
    armed_doer = agent_inter in {2, 3, 4} or (agent_inter in {1, 8} and not has & {"fight", "crowd"})
    armed_violence = armed_doer and bool(has & {"attack", "fight"}) and not (
        has & {"protest", "mob"} or any(_RIOT_WORD.match(t) for t in cues.get("riot", ())))
    # "The jihadists are blocking roads and erecting barriers": an armed group with no
    # crowd and no word of a riot is no demonstration, whatever it blocks or burns
    armed_works = armed_doer and not has & {"protest", "mob", "crowd"} and not any(
        _RIOT_WORD.match(t) for t in cues.get("riot", ()))
    if ("protest" in has or "riot" in has or "mob" in has) and not armed_violence and not armed_works:
        # An armed group that burns, stones or petrol-bombs is attacking, not rioting.
        demo = _demonstration(has, agent_inter, target_inters, crowd_agent, force_on_protest)
        if demo:
            return pick(demo)
    if "air" in has:
        return pick("Air/drone strike")
    if "grenade" in has and not ({"shell"} & has and "rocket" in " ".join(cues.get("grenade", ()))):
        return pick("Grenade")
    if "ied" in has and agent_inter is None and all(_HEARD_BLAST.match(t) for t in cues["ied"]) \
            and not has & {"attack", "suicide", "grenade", "fight"}:
        # "killed in a big explosion near the airport", no side named and no bomb: an
        # explosion observed from afar is coded as shelling (the convention)
        return pick("Shelling/artillery/missile attack")
    if "ied" in has:
        return pick("Remote explosive/landmine/IED")
    if "shell" in has:
        return pick("Shelling/artillery/missile attack")
    if "sexual" in has:
        return pick("Sexual violence")
    killing = any(_KILLING.search(t) for t in cues.get("attack", ()))
    if "abduct" in has and not killing and "fight" not in has:
        # ACLED: an abduction in an attack that also killed, or in a battle, is that
        # attack or battle; abduction alone is its own sub-type.
        return pick("Abduction/forced disappearance")
    if "gov_territory" in has and state_agent:
        return pick("Government regains territory")
    if "ns_territory" in has and agent_inter in {2, 3, 4}:
        return pick("Non-state actor overtakes territory")
    unarmed_sides = agent_inter not in ARMED and not armed_target
    if (agent_inter in {5, 6} or crowd_agent) and has & {"attack", "fight"} \
            and not violent_use - {"attack", "fight"}:
        # Residents or youths who beat, lynch or burn: a mob, not an armed group.
        return pick("Mob violence")
    if "fight" in has and unarmed_sides and "crowd" in has:
        return pick("Mob violence")  # supporters, youths or refugees fighting each other
    if "fight" in has and "attack" in has and agent_inter in ARMED and target_inters \
            and all(i == 7 for i in target_inters):
        # "Ethnic clashes as militia attack civilians": the clash is context; what was
        # done was an armed side attacking unarmed people.
        return pick("Attack")
    if "fight" in has:
        return pick("Armed clash")
    if "attack" in has:
        # Who died says who was attacked: civilians killed make it violence against
        # civilians even when a post or guard was also hit.
        if armed_target and agent_inter in ARMED | {None} and not civilian_victims:
            return pick("Armed clash")
        return pick("Attack")
    if "arrest" in has:
        return pick("Arrests")
    if "agreement" in has:
        return pick("Agreement")
    if "disrupt" in has:
        return pick("Disrupted weapons use")
    if "looting" in has:
        return pick("Looting/property destruction")
    if "base" in has:
        return pick("Headquarters or base established")
    if "change" in has:
        return pick("Change to group/activity")
    return None


def _demonstration(has: set[str], agent_inter: int | None, target_inters: Sequence[int],
                   crowd_agent: bool = False, force_on_protest: bool = True) -> str | None:
    if "mob" in has and "protest" not in has:
        return "Mob violence"
    if "riot" in has and "protest" not in has and "attack" in has and (
            crowd_agent or agent_inter == 5):
        # Rioters who attack, beat or kill people with no demand voiced: a mob, not a
        # demonstration (ACLED's line between the two riot sub-types).
        return "Mob violence"
    if "fight" in has and "crowd" in has and "protest" not in has and agent_inter not in ARMED \
            and not any(i in ARMED for i in target_inters):
        # Rival supporters or neighbours fighting each other, no armed side and no demand.
        return "Mob violence"
    if "riot" in has or ("protest" in has and has & {"fight", "damage"}):
        # Demonstrators who block roads, burn, throw stones or clash with police riot.
        return "Violent demonstration"
    if "protest" in has:
        if "lethal" in has and force_on_protest or ("attack" in has and agent_inter in {1, 8}):
            return "Excessive force against protesters"
        if "disperse" in has or "arrest" in has:
            return "Protest with intervention"
        return "Peaceful protest"
    return None


def _disorder(sub: str) -> str:
    etype = EVENT_TYPE_OF[sub]
    if sub == "Excessive force against protesters":
        return "Political violence; Demonstrations"
    if etype in {"Protests", "Riots"}:
        return "Demonstrations"
    if etype == "Strategic developments":
        return "Strategic developments"
    return "Political violence"


def civilian_targeting(sub_event_type: str, inter2: int | None) -> str:
    """ACLED's flag: civilians were the (main) target."""
    if inter2 == 7 and EVENT_TYPE_OF.get(sub_event_type) in {
        "Violence against civilians", "Explosions/Remote violence", "Riots"}:
        return "Civilian targeting"
    return ""


def disorder_type(sub_event_type: str) -> str:
    """ACLED's disorder type of a sub-event type (for a reviewer's correction too)."""
    return _disorder(sub_event_type)
