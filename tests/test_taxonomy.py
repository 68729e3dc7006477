"""taxonomy: cues + inter codes -> ACLED event type, sub-event type, disorder type.

ACLED inter codes: 1 state forces, 2 rebels, 3 political militia, 4 identity militia,
5 rioters, 6 protesters, 7 civilians, 8 external/other forces.
"""
from __future__ import annotations

import pytest

from tacitus.taxonomy import (
    EVENT_CUES,
    EVENT_TYPE_OF,
    TAXONOMY,
    Typing,
    civilian_targeting,
    classify,
    strong_cues,
)

PV = "Political violence"
DEMO = "Demonstrations"
SD = "Strategic developments"


def test_taxonomy_has_acleds_six_types_and_25_sub_types():
    assert set(TAXONOMY) == {
        "Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots",
        "Strategic developments"}
    subs = [s for subs in TAXONOMY.values() for s in subs]
    assert len(subs) == 25 == len(set(subs))
    assert {s: t for t, ss in TAXONOMY.items() for s in ss} == EVENT_TYPE_OF
    assert EVENT_TYPE_OF["Air/drone strike"] == "Explosions/Remote violence"
    assert EVENT_TYPE_OF["Armed clash"] == "Battles"


@pytest.mark.parametrize(
    "cues, agent, targets, expected",
    [
        # Explosions/Remote violence: the weapon decides
        ({"air": ["airstrike"]}, 8, [7], ("Explosions/Remote violence", "Air/drone strike", PV)),
        ({"air": ["drone strike"], "attack": ["attacked"]}, 1, [2],
         ("Explosions/Remote violence", "Air/drone strike", PV)),
        ({"shell": ["shelling"]}, 1, [2], ("Explosions/Remote violence", "Shelling/artillery/missile attack", PV)),
        ({"ied": ["roadside bomb"]}, 2, [1], ("Explosions/Remote violence", "Remote explosive/landmine/IED", PV)),
        ({"suicide": ["suicide bomber"], "ied": ["explosion"]}, 2, [7],
         ("Explosions/Remote violence", "Suicide bomb", PV)),
        ({"grenade": ["grenade"]}, None, [7], ("Explosions/Remote violence", "Grenade", PV)),
        ({"grenade": ["rocket-propelled grenade"], "shell": ["rockets"]}, 2, [1],
         ("Explosions/Remote violence", "Shelling/artillery/missile attack", PV)),
        ({"chemical": ["chlorine"], "shell": ["shelling"]}, 1, [7],
         ("Explosions/Remote violence", "Chemical weapon", PV)),
        # Battles need two armed sides
        ({"fight": ["clashes"]}, 1, [2], ("Battles", "Armed clash", PV)),
        ({"attack": ["attacked"]}, 2, [1], ("Battles", "Armed clash", PV)),
        ({"attack": ["ambushed"]}, None, [3], ("Battles", "Armed clash", PV)),
        ({"gov_territory": ["recaptured"], "fight": ["fighting"]}, 1, [2],
         ("Battles", "Government regains territory", PV)),
        ({"ns_territory": ["took control"]}, 2, [1], ("Battles", "Non-state actor overtakes territory", PV)),
        ({"ns_territory": ["seized control"], "fight": ["clashes"]}, 1, [2], ("Battles", "Armed clash", PV)),
        # Violence against civilians needs an unarmed target
        ({"attack": ["attacked"]}, 2, [7], ("Violence against civilians", "Attack", PV)),
        ({"attack": ["shot dead"]}, 1, [], ("Violence against civilians", "Attack", PV)),
        ({"abduct": ["kidnapped"], "attack": ["attacked"]}, 3, [7],
         ("Violence against civilians", "Abduction/forced disappearance", PV)),
        ({"sexual": ["raped"]}, 4, [7], ("Violence against civilians", "Sexual violence", PV)),
        # Demonstrations
        ({"protest": ["protesters"]}, 6, [], ("Protests", "Peaceful protest", DEMO)),
        ({"protest": ["demonstrators"], "disperse": ["tear gas"]}, 6, [1],
         ("Protests", "Protest with intervention", DEMO)),
        ({"protest": ["protesters"], "arrest": ["arrested"]}, 6, [1],
         ("Protests", "Protest with intervention", DEMO)),
        ({"protest": ["protesters"], "lethal": ["live ammunition"]}, 6, [1],
         ("Protests", "Excessive force against protesters", "Political violence; Demonstrations")),
        ({"protest": ["protesters"], "attack": ["shot"]}, 1, [6],
         ("Protests", "Excessive force against protesters", "Political violence; Demonstrations")),
        ({"riot": ["rioters"], "protest": ["protesters"]}, 5, [1], ("Riots", "Violent demonstration", DEMO)),
        ({"mob": ["mob"], "attack": ["lynched"]}, 5, [7], ("Riots", "Mob violence", DEMO)),
        # Strategic developments
        ({"arrest": ["arrested"]}, 1, [2], ("Strategic developments", "Arrests", SD)),
        ({"agreement": ["ceasefire"]}, 1, [2], ("Strategic developments", "Agreement", SD)),
        ({"disrupt": ["defused"]}, 1, [], ("Strategic developments", "Disrupted weapons use", SD)),
        ({"looting": ["looted"]}, 3, [], ("Strategic developments", "Looting/property destruction", SD)),
        ({"base": ["set up a base"]}, 2, [], ("Strategic developments", "Headquarters or base established", SD)),
        ({"change": ["withdrew"]}, 8, [], ("Strategic developments", "Change to group/activity", SD)),
    ],
)
def test_classify(cues, agent, targets, expected):
    assert classify(cues, agent, targets) == Typing(*expected)


@pytest.mark.parametrize(
    "cues, agent",
    [
        ({}, None),
        ({"background": ["for years"]}, 1),
        ({"corroborate": ["hospital"]}, 2),
        ({"gov_territory": ["recaptured"]}, 2),  # a rebel cannot 'regain' for the government
        ({"ns_territory": ["took control"]}, 1),
    ],
)
def test_classify_nothing_fits(cues, agent):
    assert classify(cues, agent, []) is None


def test_classify_storming_a_crowded_place_is_an_attack_not_a_battle():
    # Soldiers named elsewhere in the story (inter 1) were not what was stormed.
    t = classify({"fight": ["stormed"], "attack": ["opened fire"]}, 2, [1, 7])
    assert t is not None and t.sub_event_type == "Attack"


def test_classify_storming_an_army_post_stays_a_battle():
    t = classify({"fight": ["stormed"], "armed_target": ["army post"]}, 2, [1])
    assert t is not None and t.sub_event_type == "Armed clash"


def test_classify_a_peaceful_road_sit_in_is_a_peaceful_protest():
    cues = {"protest": ["protesters"], "riot": ["blocked the road"], "peaceful": ["peaceful"],
            "disperse": ["dispersed"]}
    t = classify(cues, 6, [])
    assert t is not None and t.sub_event_type == "Peaceful protest"


def test_classify_a_blocked_road_with_no_violence_is_a_peaceful_protest():
    # issue 12 / ACLED: road blocks without violence are peaceful protests, whether or
    # not the report says "peaceful"; burning or stoning on the road makes the riot
    t = classify({"protest": ["protesters"], "riot": ["blocked the road"]}, 6, [])
    assert t is not None and t.sub_event_type == "Peaceful protest"
    t = classify({"protest": ["protesters"], "riot": ["blocked the road"], "damage": ["burned tyres"]}, 6, [])
    assert t is not None and t.sub_event_type == "Violent demonstration"


def test_classify_mortars_fired_during_a_battle_are_the_battle():
    t = classify({"fight": ["fighting"], "shell": ["mortar"], "ied": ["explosions"]}, 2, [1])
    assert t is not None and t.sub_event_type == "Armed clash"


def test_classify_mortars_on_a_village_are_still_shelling():
    t = classify({"shell": ["mortar"], "attack": ["killed"]}, 2, [7])
    assert t is not None and t.sub_event_type == "Shelling/artillery/missile attack"


def test_classify_chemical_mention_alone_is_no_attack():
    assert classify({"chemical": ["chlorine"]}, None, []) is None


def test_classify_bomb_at_a_rally_is_remote_violence():
    t = classify({"protest": ["rally"], "suicide": ["suicide bomber"], "ied": ["blew"]}, 2, [6])
    assert t is not None and t.sub_event_type == "Suicide bomb"


def test_classify_every_result_is_in_the_taxonomy():
    kinds = list(EVENT_CUES) + ["lethal", "disperse"]
    for kind in kinds:
        for agent in (None, 1, 2, 5, 6):
            for targets in ([], [1], [7]):
                t = classify({kind: ["x"]}, agent, targets)
                if t is not None:
                    assert EVENT_TYPE_OF[t.sub_event_type] == t.event_type


# --- strong_cues ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "cues, expected",
    [
        ({"attack": ["killed", "attacked"]}, {"attack": ["attacked"]}),
        ({"attack": ["killed", "died", "wounded"]}, {}),
        ({"attack": ["shot dead"]}, {"attack": ["shot dead"]}),
        ({"air": ["helicopter", "drone strike"]}, {"air": ["drone strike"]}),
        ({"air": ["warplanes"]}, {}),
        ({"air": ["warplanes"], "shell": ["shelled"]}, {"air": ["warplanes"], "shell": ["shelled"]}),
        ({"air": ["jets"], "attack": ["killed"]}, {"air": ["jets"]}),
        ({"background": ["for years"], "corroborate": ["hospital"], "lethal": ["opened fire"],
          "disperse": ["tear gas"]}, {}),
        ({"protest": ["protesters"], "arrest": ["arrested"]}, {"protest": ["protesters"], "arrest": ["arrested"]}),
    ],
)
def test_strong_cues(cues, expected):
    assert strong_cues(cues) == expected


def test_strong_cues_does_not_change_its_input():
    cues = {"attack": ["killed", "attacked"], "background": ["for years"]}
    strong_cues(cues)
    assert cues == {"attack": ["killed", "attacked"], "background": ["for years"]}


# --- civilian_targeting ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "sub, inter2, expected",
    [
        ("Attack", 7, "Civilian targeting"),
        ("Abduction/forced disappearance", 7, "Civilian targeting"),
        ("Sexual violence", 7, "Civilian targeting"),
        ("Air/drone strike", 7, "Civilian targeting"),
        ("Remote explosive/landmine/IED", 7, "Civilian targeting"),
        ("Mob violence", 7, "Civilian targeting"),
        ("Air/drone strike", 2, ""),
        ("Armed clash", 7, ""),
        ("Peaceful protest", 7, ""),
        ("Arrests", 7, ""),
        ("Attack", None, ""),
        ("Not a sub-event type", 7, ""),
    ],
)
def test_civilian_targeting(sub, inter2, expected):
    assert civilian_targeting(sub, inter2) == expected


# --- crowds, rioters and storming -----------------------------------------------------------


def test_classify_crowd_that_beats_someone_is_mob_violence():
    # "Students attacked six teachers": unarmed doers named as a crowd
    t = classify({"attack": ["attacked"], "crowd": ["students"]}, 7, [7], crowd_agent=True)
    assert t is not None and t.sub_event_type == "Mob violence"


def test_classify_one_civilian_doer_is_no_mob():
    t = classify({"attack": ["attacked"]}, 7, [7], crowd_agent=False)
    assert t is not None and t.sub_event_type == "Attack"


def test_classify_rioters_who_attack_people_without_a_demand_are_a_mob():
    t = classify({"riot": ["rioted"], "attack": ["attacked"]}, 5, [7])
    assert t is not None and t.sub_event_type == "Mob violence"


def test_classify_rioters_with_a_demand_stay_a_violent_demonstration():
    t = classify({"riot": ["rioted"], "attack": ["attacked"], "protest": ["demanding that"]}, 5, [7])
    assert t is not None and t.sub_event_type == "Violent demonstration"


def test_classify_protesters_who_stormed_an_office_did_not_fight():
    t = classify({"protest": ["protesting"], "fight": ["stormed"]}, 6, [])
    assert t is not None and t.sub_event_type == "Peaceful protest"
    t = classify({"protest": ["protesting"], "fight": ["clashed"]}, 6, [])
    assert t is not None and t.sub_event_type == "Violent demonstration"


def test_classify_explosives_found_and_defused_is_disrupted_weapons_use():
    t = classify({"ied": ["IEDs"], "disrupt": ["discovered two IEDs"]}, 1, [])
    assert t is not None and t.sub_event_type == "Disrupted weapons use"
    t = classify({"ied": ["IED"], "attack": ["killed"], "disrupt": ["unexploded"]}, 2, [1])
    assert t is not None and t.sub_event_type == "Remote explosive/landmine/IED"


def test_classify_abduction_in_a_deadly_attack_is_the_attack():
    t = classify({"abduct": ["abducted"], "attack": ["raided", "killing"]}, 2, [7])
    assert t is not None and t.sub_event_type == "Attack"
    t = classify({"abduct": ["abducted"], "attack": ["raided"]}, 2, [7])
    assert t is not None and t.sub_event_type == "Abduction/forced disappearance"


def test_classify_protesters_who_burn_or_destroy_make_a_violent_demonstration():
    t = classify({"protest": ["protesting"], "damage": ["burned"]}, 6, [])
    assert t is not None and t.sub_event_type == "Violent demonstration"
    t = classify({"protest": ["protesting"]}, 6, [])
    assert t is not None and t.sub_event_type == "Peaceful protest"


def test_classify_rival_crowds_fighting_with_stones_is_mob_violence():
    cues = {"fight": ["clashed"], "riot": ["threw stones"], "crowd": ["supporters"]}
    t = classify(cues, None, [])
    assert t is not None and t.sub_event_type == "Mob violence"
    t = classify({**cues, "protest": ["demanding that"]}, None, [])
    assert t is not None and t.sub_event_type == "Violent demonstration"


def test_classify_armed_group_that_burns_or_stones_is_attacking_not_rioting():
    cues = {"attack": ["attacked"], "riot": ["set fire"]}
    t = classify(cues, 3, [7])
    assert t is not None and t.sub_event_type == "Attack"
    # police clashing with a stone-throwing crowd face rioters
    t = classify({"fight": ["clashed"], "riot": ["threw stones"], "crowd": ["youths"]}, 1, [])
    assert t is not None and t.sub_event_type == "Violent demonstration"



def test_classify_an_armed_group_building_barricades_is_no_demonstration():
    assert classify({"riot": ["erecting barricades"]}, 2, []) is None


def test_classify_a_crowd_building_barricades_still_riots():
    t = classify({"riot": ["erecting barricades"], "crowd": ["youths"]}, 5, [])
    assert t is not None and t.sub_event_type == "Violent demonstration"


def test_classify_an_explosion_observed_with_no_side_and_no_bomb_is_shelling():
    t = classify({"ied": ["explosion"]}, None, [])
    assert t is not None and t.sub_event_type == "Shelling/artillery/missile attack"
    # a bomb named, or a side that set it off, makes it an explosive device
    t = classify({"ied": ["explosion", "roadside bomb"]}, None, [])
    assert t is not None and t.sub_event_type == "Remote explosive/landmine/IED"
    t = classify({"ied": ["blast"]}, 2, [7])
    assert t is not None and t.sub_event_type == "Remote explosive/landmine/IED"
