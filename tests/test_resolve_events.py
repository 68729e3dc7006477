"""resolve.events through the pipeline, on short reports written for these tests: who is
actor1 and actor2, what a crowd's violence is, which country names the actors."""
from __future__ import annotations

import datetime as dt

import pytest

from tacitus.types import Article

PUBLISHED = dt.date(2019, 3, 5)


def _events(pipeline, text: str, outlet: str = ""):
    return pipeline.code(Article(id="t", text=text, url="", outlet=outlet, published=PUBLISHED))


def _one(pipeline, text: str, outlet: str = ""):
    events = _events(pipeline, text, outlet)
    assert len(events) == 1, [(e.sub_event_type, e.location) for e in events]
    return events[0]


def test_resolve_outlet_named_after_its_country_gives_the_actors_country(pipeline):
    ev = _one(pipeline, "Police shot dead two robbers in a gun battle in Nakuru on Monday.", "Kenya Times")
    assert ev.actor1.startswith("Police Forces of Kenya")


def test_resolve_ethnic_groups_in_actor_names_are_not_places(pipeline):
    ev = _one(pipeline, "Three people were killed on Sunday when Turkana and Samburu militias "
                        "clashed near Baragoi.")
    assert (ev.sub_event_type, ev.location) == ("Armed clash", "Baragoi")
    assert (ev.actor1, ev.actor2) == ("Turkana Ethnic Militia (Kenya)", "Samburu Ethnic Militia (Kenya)")
    assert ev.fatalities == 3


def test_resolve_armed_side_attacking_civilians_amid_clashes_is_an_attack(pipeline):
    ev = _one(pipeline, "On Sunday, militiamen attacked civilians in Garsen during ethnic clashes, "
                        "killing four.")
    assert (ev.sub_event_type, ev.actor2) == ("Attack", "Civilians (Kenya)")


def test_resolve_crowd_that_attacks_people_is_a_mob(pipeline):
    ev = _one(pipeline, "On Monday, students attacked their teachers at a school in Kisii, injuring six.")
    assert (ev.sub_event_type, ev.actor1, ev.inter1) == ("Mob violence", "Rioters (Kenya)", 5)


@pytest.mark.parametrize("text", [
    "On Monday, a police officer was shot dead by gunmen in Mandera.",
    "On Monday, police officer shot dead by gunmen in Mandera.",
])
def test_resolve_gunmen_killing_police_is_a_battle_with_the_gunmen_first(pipeline, text):
    ev = _one(pipeline, text)
    assert (ev.sub_event_type, ev.actor1, ev.fatalities) == (
        "Armed clash", "Unidentified Armed Group (Kenya)", 1)


def test_resolve_a_later_by_phrase_makes_the_group_the_attacker(pipeline):
    ev = _one(pipeline, "On Sunday, three Al Shabaab fighters and two soldiers were killed in Wajir "
                        "in attacks by Al Shabaab on army posts.")
    assert (ev.sub_event_type, ev.actor1) == ("Armed clash", "Al Shabaab")


def test_resolve_a_group_blamed_in_the_next_sentence_is_the_attacker(pipeline):
    ev = _one(pipeline, "On Monday, a roadside bomb hit a bus near Mandera, wounding four passengers. "
                        "Al Shabaab is suspected.")
    assert (ev.sub_event_type, ev.actor1) == ("Remote explosive/landmine/IED", "Al Shabaab")


def test_a_force_that_only_reports_an_attack_is_not_its_perpetrator(pipeline):
    import datetime as dt

    from tacitus.types import Article

    text = ("A roadside bomb exploded near a checkpoint outside Baqubah on Tuesday, killing three "
            "farmers on their way to market, the provincial police command said on Wednesday.")
    article = Article(id="speaker-1", text=text, published=dt.date(2025, 3, 6), outlet="Test Wire")
    [event] = [e for e in pipeline.code(article) if e.sub_event_type == "Remote explosive/landmine/IED"]
    assert event.actor1.startswith("Unidentified Armed Group")


def test_resolve_country_people_come_from_is_not_the_event_place(pipeline):
    ev = _one(pipeline, "Gunmen from Somalia shot dead a chief in Wajir on Monday.",
              outlet="The Star (Kenya)")
    assert ev.location == "Wajir" and ev.country == "Kenya"


def test_resolve_country_only_named_as_destination_gives_no_place(pipeline):
    ev = _one(pipeline, "Youths rioted in Kendu Bay after a trader was deported to Uganda.",
              outlet="Daily Nation")
    assert ev.country == "Kenya"
    assert ev.location != "Uganda"


def test_resolve_a_crowd_dispersed_by_police_is_a_demonstration(pipeline):
    ev = _one(pipeline, "On Tuesday, police fired tear gas to disperse a crowd of traders in Kitale.")
    assert ev.event_type == "Protests"
    assert ev.sub_event_type == "Protest with intervention"


@pytest.mark.parametrize("text", [
    "Parents protest a county plan to close the only school in Kapenguria.",
    "Nurses march in Embu against a law that would cut their allowances.",
])
def test_resolve_a_plan_inside_a_protests_object_is_no_hypothetical(pipeline, text):
    ev = _one(pipeline, text)
    assert ev.event_type == "Protests"


def test_resolve_a_denial_right_after_the_trigger_is_no_event(pipeline):
    assert _events(pipeline, "The arrested men denied any links to the rebels.") == ()


def test_resolve_generic_fighters_of_a_named_group_are_that_group(pipeline):
    ev = _one(pipeline, "On Sunday, fighters of the Allied Democratic Forces (ADF) killed nine "
                        "farmers in Oicha.")
    assert ev.actor1 == "ADF: Allied Democratic Forces"
    assert ev.sub_event_type == "Attack"


def test_resolve_members_of_a_group_passive_are_its_victims(pipeline):
    ev = _one(pipeline, "On Sunday, four members of Al Shabaab were shot dead by soldiers in Lamu.")
    assert ev.actor1.startswith("Military Forces of Kenya")
    assert ev.actor2 == "Al Shabaab"


def test_resolve_group_that_claimed_the_attack_is_its_perpetrator(pipeline):
    events = _events(pipeline, "A roadside bomb hit a police pickup near Tuz Khurmatu on Monday, "
                               "killing three officers. The Islamic State group claimed the attack.")
    assert [e.actor1 for e in events] == ["Islamic State"]


def test_resolve_a_new_strike_dated_by_the_clash_before_it_is_its_own_event(pipeline):
    events = _events(pipeline, "On Monday, gunmen of two gangs fought a gun battle in Aguililla. "
                             "A day after the clash, drones dropped explosives on homes in "
                             "Coalcoman, wounding a girl.")
    subs = {e.location.split()[0]: e.sub_event_type for e in events}
    assert subs == {"Aguililla": "Armed clash", "Coalcoman": "Air/drone strike"}
    assert len(events) == 2
    dates = sorted(e.event_date for e in events)
    assert (dates[1] - dates[0]).days == 1


def test_resolve_a_threat_of_more_attacks_is_no_event(pipeline):
    assert _events(pipeline, "The group has threatened more attacks on army posts in Diyala.") == ()


def test_resolve_a_witness_quote_is_no_event_of_its_own(pipeline):
    events = _events(pipeline, "On Monday, police fired on protesters in Basra, killing one. "
                               "\"They shot at us as if we were enemies,\" a student said.")
    assert len(events) == 1
    assert events[0].event_type == "Protests"


def test_resolve_the_same_day_and_the_next_day_follow_the_story(pipeline):
    events = _events(pipeline, "On 2 March, protesters marched in Kisumu. On the same day, hundreds "
                               "demonstrated in Homa Bay. The next day, students protested in Migori.")
    dates = {e.location: e.event_date for e in events}
    assert dates == {"Kisumu": dt.date(2019, 3, 2), "Homa Bay": dt.date(2019, 3, 2),
                     "Migori": dt.date(2019, 3, 3)}


def test_resolve_the_day_of_a_statement_gives_way_to_the_day_of_the_event(pipeline):
    ev = _one(pipeline, "Rebels killed seven villagers in Uvira, officials said on Monday. "
                        "The attackers struck late on Saturday, the administrator said.")
    assert ev.event_date == dt.date(2019, 3, 2)  # the Saturday before publication


def test_resolve_a_battle_told_over_several_sentences_is_one_event(pipeline):
    events = _events(pipeline, "On Thursday, militants of Al Shabaab stormed an army base in Jowhar. "
                               "Witnesses said the soldiers drove the attackers back after hours of "
                               "fighting. An elder said he saw the bodies of six militants and that "
                               "two soldiers had died.")
    assert [e.sub_event_type for e in events] == ["Armed clash"]
    assert events[0].actor1 == "Al Shabaab"
    assert events[0].actor2.startswith("Military Forces of Somalia")
    assert events[0].fatalities == 8


def _drafts(pipeline, text: str):
    from tacitus.analyse import parse
    from tacitus.assemble import assemble, event_sentences
    from tacitus.clean import clean
    from tacitus.pipeline import article_context, read_facts

    res = pipeline._res()
    article = clean(Article(id="t", text=text, url="", outlet="", published=PUBLISHED))
    facts = read_facts(article, res, article_context(article, res))
    wanted = event_sentences(facts)
    return assemble(facts, dict(zip(wanted, parse(res.nlp, [facts[i].sentence for i in wanted]))),
                    PUBLISHED)


def test_resolve_another_attack_is_told_apart_from_the_battle_before_it(pipeline):
    text = ("On Tuesday, Taliban militants attacked a checkpoint in Khost, and the fighting "
            "lasted for hours. {} two teachers were shot dead.")
    assert [d.sentences for d in _drafts(pipeline, text.format("In another attack,"))] == [(0,), (1,)]
    assert [d.sentences for d in _drafts(pipeline, text.format("During the fighting,"))] == [(0, 1)]


def test_resolve_a_groups_own_count_only_raises_the_top_of_the_range(pipeline):
    events = _events(pipeline, "On Friday, soldiers clashed with Islamic State fighters near "
                               "Baiji, killing four militants. Amaq said its fighters killed 30 "
                               "soldiers.")
    assert [(e.fatalities, e.fatalities_high) for e in events] == [(4, 30)]


def test_resolve_the_date_of_an_election_is_not_the_date_of_the_event(pipeline):
    ev = _one(pipeline, "Supporters of the governor took to the streets of Nyeri to celebrate the "
                        "court ruling on his February 12 election.")
    assert ev.event_date == PUBLISHED - dt.timedelta(days=1)


@pytest.mark.parametrize("text", [
    "On Monday, Russian forces shelled Kherson and Nikopol. In Kherson, three civilians were "
    "killed; in Nikopol, one man was killed.",
    "On Monday, Russian artillery shelled Kherson, killing three civilians, and Nikopol, "
    "killing one man.",
])
def test_resolve_a_toll_told_for_each_place_stays_with_its_place(pipeline, text):
    events = _events(pipeline, text)
    assert {e.location: e.fatalities for e in events} == {"Kherson": 3, "Nikopol": 1}


def test_resolve_one_toll_for_two_places_is_shared(pipeline):
    events = _events(pipeline, "On Monday, Russian artillery shelled Kherson and Nikopol, killing "
                               "four civilians.")
    assert sorted(e.fatalities for e in events) == [2, 2]
    assert all(e.fatalities_high == 4 for e in events)


@pytest.mark.parametrize("text, sub_event_type", [
    # what protesters say they could not do is no hypothetical
    ("On Monday, hundreds of teachers in Nyeri protested that they could not get their pay.",
     "Peaceful protest"),
    # riot police make no riot
    ("On Monday, riot police used tear gas to disperse teachers protesting over pay in Eldoret.",
     "Protest with intervention"),
    # a raid that only made arrests is the arrests
    ("On Monday, soldiers arrested five men in a raid on a house in Kunduz.", "Arrests"),
    ("Police violently disperse a prayer meeting in Nakuru.", "Protest with intervention"),
    ("Residents stone two suspected robbers to death in Kisii.", "Mob violence"),
    ("Unidentified gunmen open fire on a bus in Garissa.", "Attack"),
    ("The militants line up and execute 12 farmers in Mpeketoni.", "Attack"),
    ("Offices of the county government are destroyed by arsonists in Kakamega.",
     "Looting/property destruction"),
])
def test_resolve_sub_event_type_of_one_sentence(pipeline, text, sub_event_type):
    assert _one(pipeline, text).sub_event_type == sub_event_type


def test_resolve_executing_a_plan_is_no_killing(pipeline):
    assert _events(pipeline, "The army executes its plan to secure the border at Mandera.") == ()


def test_resolve_men_planning_attacks_is_no_attack(pipeline):
    assert _events(pipeline, "Intelligence officials said the men had been planning attacks on "
                             "mosques in Kunduz.") == ()


def test_resolve_destination_town_is_not_the_place(pipeline):
    ev = _one(pipeline, "On Monday, the rebels set up a base in Bara and checkpoints on the roads "
                        "leading to El Obeid.")
    assert ev.location.startswith("Bar")


@pytest.mark.parametrize("text, sub_event_type", [
    # houses burned in an attack are part of it
    ("On Friday, gunmen attacked a village near Uvira at night and shot two farmers dead. "
     "Several houses were set on fire.", "Attack"),
    # troops deployed after an attack are no new event
    ("On Friday, bandits killed six traders near Anka. The army said troops had been deployed "
     "to the area.", "Attack"),
    # the raid that made the arrests, and men suspected of planting bombs, are the arrests
    ("On Tuesday, police in Kirkuk arrested three men suspected of planting bombs. They were "
     "detained in a raid on a farm.", "Arrests"),
    # the same crowd at the same place, told over several sentences
    ("On Sunday, a mob beat a suspected cattle thief in Kakamega. He was dragged to the market, "
     "stoned and set on fire before police came.", "Mob violence"),
])
def test_resolve_one_event_told_over_several_sentences(pipeline, text, sub_event_type):
    assert [e.sub_event_type for e in _events(pipeline, text)] == [sub_event_type]


def test_resolve_each_place_keeps_the_kind_of_event_told_of_it(pipeline):
    events = _events(pipeline, "On Tuesday, police fired tear gas to disperse teachers marching in "
                               "Nakuru, as demonstrations in Eldoret turned violent. In Eldoret, "
                               "youths set fire to a police post.")
    assert {e.location: e.sub_event_type for e in events} == {
        "Nakuru": "Protest with intervention", "Eldoret": "Violent demonstration"}


def test_resolve_one_strike_told_of_two_towns_stays_one_kind(pipeline):
    events = _events(pipeline, "On Monday, military aircraft bombed two towns in Sagaing. A jet "
                               "dropped bombs on a market in Kanbalu and a second aircraft struck "
                               "a monastery in Ye-U.")
    assert {e.sub_event_type for e in events} == {"Air/drone strike"}
    assert len(events) == 2


def test_resolve_children_among_the_dead_make_civilians_the_target(pipeline):
    events = _events(pipeline, "On Monday, military aircraft bombed two towns in the Sagaing region, killing "
                               "eight people, including three children. A jet struck a market in "
                               "Kanbalu and a second aircraft hit a school in Ye-U.")
    assert len(events) == 2
    assert all(e.actor2 == "Civilians (Myanmar)" for e in events)
    assert sum(e.fatalities for e in events) == 8


def test_resolve_the_branch_named_is_the_actor_not_its_movement(pipeline):
    for text in ("On Thursday, jihadists linked to al-Qaeda stormed an army camp in Niono, and "
                 "JNIM fighters killed four soldiers.",
                 "On Thursday, gunmen belonging to al-Qaeda's branch JNIM stormed an army camp in "
                 "Niono."):
        events = _events(pipeline, text)
        assert [e.actor1 for e in events] == ["JNIM: Group for Support of Islam and Muslims"], text


def test_resolve_where_soldiers_withdrew_to_is_not_the_place(pipeline):
    ev = _one(pipeline, "On Thursday, militants attacked the army camp in Niono and soldiers "
                        "withdrew towards Segou after hours of fighting.")
    assert ev.location == "Niono"


@pytest.mark.parametrize("text, places", [
    # a list of the places where it happened: one event each
    ("Protesters marched in Nakuru, Eldoret and Kisumu on Monday.", ["Nakuru", "Eldoret", "Kisumu"]),
    # a place the sentence names for something else is no second event
    ("Police arrested five men in Mombasa on Monday after they arrived by bus from Nairobi, "
     "police said.", ["Mombasa"]),
    # nor are places named later in the story
    ("Gunmen killed four farmers in Mandera on Monday. The attack came as officials in Nairobi "
     "and Garissa met to discuss security.", ["Mandera"]),
])
def test_resolve_an_event_is_where_its_own_sentence_puts_it(pipeline, text, places):
    assert [e.location for e in _events(pipeline, text)] == places


@pytest.mark.parametrize("text", [
    # an event people talk about is no event reported
    "On Monday, officials in Nairobi expressed outrage at the attack on the market.",
    "Police in Mombasa opened an investigation into the killings on Tuesday.",
    "Residents of Garissa said on Monday they live under the threat of further attacks.",
    # a funeral procession, a prison
    "On Sunday, mourners in Kisumu walked behind the coffin in a long procession.",
    "The government on Monday inspected a detention facility in Nakuru.",
])
def test_resolve_talk_about_events_funerals_and_prisons_are_no_events(pipeline, text):
    assert _events(pipeline, text) == ()


@pytest.mark.parametrize("text", [
    # a file photo that gives no date of its own shows an older event
    "Police met traders in Nakuru on Monday.\n\nFILE - Police fire tear gas at protesters in Nakuru.",
    # a toll summed over many events
    "Two more protesters were shot dead in Kisumu on Tuesday, bringing the death toll since April to 26.",
])
def test_resolve_file_photos_and_summed_tolls_are_no_events(pipeline, text):
    assert _events(pipeline, text) == ()


def test_resolve_a_file_photo_dated_within_the_month_is_still_news(pipeline):
    text = "FILE - Protesters march in Nakuru, Kenya, March 4, 2019."
    assert [(e.sub_event_type, e.location) for e in _events(pipeline, text)] == [("Peaceful protest", "Nakuru")]


@pytest.mark.parametrize("text", [
    # deaths no one inflicted
    "On Monday, a boat carrying 40 migrants capsized off Lamu, killing 12.",
    # a march that is a parade
    "On Monday, cadets marched through Nairobi during a rehearsal for the independence parade.",
    # an event still to come, or one a video only purports to show
    "On Monday, fighters trained in Garissa before the upcoming battle for the town.",
    "On Monday, a video purports to show the moment of a missile strike on Mandera.",
])
def test_resolve_accidents_parades_and_unrealised_events_are_no_events(pipeline, text):
    assert _events(pipeline, text) == ()


@pytest.mark.parametrize("text", [
    "On Wednesday, hundreds marched in Nakuru in support of a trader who died in police custody.",
    "On Wednesday, students protested in Eldoret against the arrest of their leader.",
])
def test_resolve_a_protest_about_an_arrest_is_no_intervention(pipeline, text):
    assert [e.sub_event_type for e in _events(pipeline, text)] == ["Peaceful protest"]


def test_resolve_police_arresting_protesters_is_still_an_intervention(pipeline):
    events = _events(pipeline, "On Wednesday, police arrested 20 students who protested in Eldoret.")
    assert [e.sub_event_type for e in events] == ["Protest with intervention"]


def test_resolve_an_event_deep_in_a_story_with_no_place_of_its_own_gets_none(pipeline):
    text = ("Police dispersed traders in Nakuru on Monday. Officials met in the afternoon. The minister "
            "spoke. Talks went on. Prices rose. Schools stayed open. On Tuesday, gunmen shot dead two "
            "herders, police said.")
    shown = pipeline_explained(pipeline, text)
    herders = [e for e in shown if "herders" in e.notes or e.fatalities == 2]
    assert herders and all(e.withheld.startswith("no_place") for e in herders)


def test_resolve_an_event_that_points_back_to_the_town_keeps_the_storys_place(pipeline):
    text = ("Rebels seized Uvira on Monday. Officials met in the afternoon. The minister spoke. Talks "
            "went on. Prices rose. Schools stayed open. On Tuesday, the rebels set up a base in the "
            "town, residents said.")
    events = [e for e in _events(pipeline, text) if e.sub_event_type == "Headquarters or base established"]
    assert [e.location for e in events] == ["Uvira"]


def pipeline_explained(pipeline, text):
    from tacitus.settings import Settings
    from tacitus.pipeline import process_article

    article = Article(id="t", text=text, url="", outlet="", published=PUBLISHED)
    return process_article(article, pipeline._res(), Settings(show_withheld=True))


def test_an_event_told_in_passing_at_a_place_of_its_own_is_not_the_news(pipeline):
    events = _events(pipeline, "Mourners carried the coffin of commander Ali Rahimi, who was killed in an air "
                               "strike in Syria, during his funeral in Beirut on Friday.")
    assert not [e for e in events if e.sub_event_type == "Air/drone strike"]


def test_an_event_told_in_passing_with_no_place_of_its_own_takes_the_sentences(pipeline):
    ev = _one(pipeline, "A father holds his son who was wounded during a shelling attack, in Aleppo, Syria, "
                        "on Monday, March 4, 2019.")
    assert (ev.sub_event_type, ev.location, ev.event_date) == \
        ("Shelling/artillery/missile attack", "Aleppo", dt.date(2019, 3, 4))


def test_the_event_a_suspect_is_held_for_is_no_event_of_the_arrest(pipeline):
    events = _events(pipeline, "Police in Kano on Monday arrested the chief suspect in the bombing of a bus "
                               "station.")
    assert [e.sub_event_type for e in events] == ["Arrests"]


def test_fighting_for_weeks_is_a_summary_not_an_event(pipeline):
    assert _events(pipeline, "Backed by air support, army units fought fiercely for weeks to retake "
                             "the town of Bama from the insurgents.") == ()


def test_an_event_with_no_day_of_its_own_is_dated_by_the_statement_that_tells_it(pipeline):
    ev = _one(pipeline, "Nigerian troops have recaptured the town of Bama from Boko Haram insurgents. "
                        "General Musa Ibrahim said Sunday the town is \"fully liberated\" after the troops "
                        "cleared its last district.")
    assert ev.sub_event_type == "Government regains territory"
    assert ev.event_date == dt.date(2019, 3, 3)  # the Sunday of the statement, not publication's eve


def test_a_file_photo_never_dates_the_news_it_illustrates(pipeline):
    events = _events(pipeline, "Army units retook the town of Bama from Boko Haram insurgents.\n\n"
                               "FILE - Soldiers patrol in Bama after the fighting, Jan. 9, 2019.")
    assert [(e.location, e.event_date) for e in events] == [("Bama", dt.date(2019, 3, 4))]


@pytest.mark.parametrize("text", [
    "The battle over land rights continued Tuesday when a court in Nakuru, Kenya ruled against the squatters.",
    "Police in Nairobi are claiming a breakthrough in their battle against the Mungiki gang, with the capture "
    "of its leader.",
])
def test_a_campaign_or_a_contest_of_words_is_no_battle(pipeline, text):
    assert [e for e in _events(pipeline, text) if e.event_type in ("Battles", "Riots")] == []


def test_a_statement_about_an_event_never_told_is_no_event(pipeline):
    events = _events(pipeline, "The minister met his counterpart in Nairobi on Tuesday. They discussed trade "
                               "and security. Reporters asked about the region. At a news conference in Nairobi, "
                               "the president on Wednesday said the attack \"cannot be tolerated.\"")
    assert events == ()


def test_a_captions_date_is_the_photos_and_dates_nothing_told_after_it(pipeline):
    events = _events(pipeline, "Police fired tear gas at protesters in Harare on Monday.\n\n"
                               "Protesters march in Bulawayo, Zimbabwe, Jan. 9, 2018.\n\n"
                               "In Mutare, hundreds of traders marched to the council offices.")
    assert {e.location: e.event_date for e in events}.get("Mutare") == dt.date(2019, 3, 4)


def test_insurgents_storming_a_school_attack_the_people_in_it(pipeline):
    ev = _one(pipeline, "Taliban gunmen stormed a school in Kunduz on Tuesday, killing and wounding scores, "
                        "officials said.")
    assert (ev.sub_event_type, ev.actor1) == ("Attack", "Taliban")


@pytest.mark.parametrize("text, sub_event_type", [
    ("The opposition leader was arrested on Wednesday in Kampala after eluding the blockade of his home.",
     "Arrests"),
    ("Protesters blocked the road in Kisumu on Monday and burned tyres.", "Violent demonstration"),
])
def test_a_blockade_without_violence_is_no_riot(pipeline, text, sub_event_type):
    assert _one(pipeline, text).sub_event_type == sub_event_type


def test_what_fighters_were_trained_to_carry_out_is_no_event(pipeline):
    assert _events(pipeline, "The envoy in New Delhi was summoned on Tuesday amid allegations that militants "
                             "have been trained and instructed to carry out attacks in Srinagar.") == ()


@pytest.mark.parametrize("text", [
    "Days of clashes between rebel factions and the militants near Azaz imperil supply routes.",
    "Officials said their warplanes have struck multiple militant targets near Azaz in the past three days.",
])
def test_fighting_summed_over_days_is_no_event_of_one_day(pipeline, text):
    assert _events(pipeline, text) == ()


def test_a_reports_release_day_never_dates_the_event_it_refers_to(pipeline):
    events = _events(pipeline, "Heavy fighting raged in Mosul's Old City, witnesses said. Soldiers fired on "
                               "militant positions near the river. Amnesty International released a report "
                               "Friday on the fighting.")
    assert events and all(e.event_date != dt.date(2019, 3, 1) for e in events)


def test_the_toll_of_an_attack_a_suspect_is_held_for_goes_with_that_attack(pipeline):
    events = _events(pipeline, "Police in Kano on Monday claimed a breakthrough in their battle against the "
                               "militants, with the arrest of a suspect of New Year's Day bombing "
                               "that killed 39 people.")
    assert [e.sub_event_type for e in events] == ["Arrests"]


@pytest.mark.parametrize("text, kept", [
    ("Hundreds of people gathered on Monday in Nakuru, near the governor's offices, to support the bill.", True),
    ("Traders gathered in Kisumu on Monday to protest new market fees.", True),
    ("Mourners gathered at the church in Kisumu on Sunday.", False),
])
def test_a_crowd_gathered_for_a_cause_is_a_demonstration(pipeline, text, kept):
    events = _events(pipeline, text)
    assert [e.sub_event_type for e in events] == (["Peaceful protest"] if kept else [])


@pytest.mark.parametrize("text", [
    "On Monday, 2 people were killed and 5 people injured in riots in Kisumu.",
    "Police killed two terror suspects in a shoot-out in Githurai on Monday.",
    "On Monday a man suspected of kidnapping a child was killed by police at Homa Bay.",
    "Fighting over boreholes in Mandera left at least 4 dead after 2 days of violence, police said on Monday.",
    "On Monday, 3 people were killed in an ethnic clash in Saku.",
])
def test_the_reference_and_summary_rules_leave_news_told_plainly_alone(pipeline, text):
    assert _events(pipeline, text), text


def test_a_crowd_at_another_town_in_a_story_of_demonstrations_is_another_demonstration(pipeline):
    events = _events(pipeline, "On Saturday thousands of protesters marched in Nakuru against the new tax. "
                               "Eldoret, Uasin Gishu, was another town where crowds of more than 5,000 people "
                               "were reported.")
    assert {(e.location, e.sub_event_type) for e in events} == {
        ("Nakuru", "Peaceful protest"), ("Eldoret", "Peaceful protest")}


def test_a_gathering_at_another_town_in_a_story_of_marches_is_another_march(pipeline):
    events = _events(pipeline, "On Saturday thousands of women marched in Nakuru against the new law. "
                               "Elsewhere, Mombasa, Kenya, took part with a gathering in the city's old town.")
    assert {e.location for e in events} == {"Nakuru", "Mombasa"}


def test_a_crowd_after_an_attack_is_no_demonstration(pipeline):
    events = _events(pipeline, "On Saturday gunmen attacked a bus in Mandera. In Wajir, crowds of residents "
                               "were reported at the market.")
    assert [e.sub_event_type for e in events] == ["Attack"]


def test_the_victims_of_an_event_just_told_are_no_new_event(pipeline):
    events = _events(pipeline, "On Wednesday police shot dead three people at a protest in Kisumu. Among the "
                               "victims were a 17-year-old boy and a woman, both shot in the head in separate "
                               "incidents.")
    assert len(events) == 1


def test_a_file_photo_with_a_day_of_its_own_is_its_own_event_and_lends_no_place(pipeline):
    events = _events(pipeline,
                     "Police arrested dozens of teachers in Ankara on Monday over alleged links to the coup "
                     "plotters.\n\nFILE - Police officers escort people, arrested because of suspected links to "
                     "the plotters, in Kayseri, Turkey, Feb. 20, 2019.\n\nSeparately, five soldiers were killed "
                     "in an attack in the southeast.")
    got = {(e.location, e.event_date, e.sub_event_type) for e in events}
    assert ("Kayseri", dt.date(2019, 2, 20), "Arrests") in got
    assert not any(e.location == "Kayseri" and e.sub_event_type != "Arrests" for e in events)


@pytest.mark.parametrize("text", [
    "Supporters of the opposition candidate cheer as he arrives to speak during a campaign rally in Nakuru "
    "on Saturday.",
    "Pilgrims marched through the Old City of Jerusalem in the traditional Friday procession on Friday.",
    "Every Sunday for more than 30 consecutive weeks, the mothers of jailed dissidents have marched in Havana.",
])
def test_election_rallies_pilgrimages_and_habits_are_no_demonstrations(pipeline, text):
    assert _events(pipeline, text) == ()


def test_demonstrators_at_a_campaign_rally_protest(pipeline):
    ev = _one(pipeline, "Demonstrators chant against the candidate outside his campaign rally in Nakuru on Saturday.")
    assert ev.event_type == "Protests"


@pytest.mark.parametrize("text", [
    "Coming into the Nairobi race, much of the focus on Monday was on the rough nomination battle in Kisumu.",
    "The governor of Nakuru has spent months in a legal battle with the county assembly, he said on Monday.",
    "Opposition presidential candidate Raila Odinga, joined by his running mate, waves during a rally in "
    "Kisumu on Monday.",
    "Odinga fired back at the president at a rally in Kisumu on Monday, saying the vote was rigged.",
])
def test_contests_of_votes_and_courts_and_candidates_rallies_are_no_events(pipeline, text):
    assert _events(pipeline, text) == ()


@pytest.mark.parametrize("text", [
    "On Sunday the president was set for rallies in Nakuru and Eldoret.",
    "On any Tuesday or Thursday night, several hundred people protest outside the church in Nakuru.",
    "The last two years have borne witness to unprecedented attacks on activists in Nakuru.",
    "In recent weeks soldiers have come under attack near Mandera, a spokesman said Wednesday.",
    "Polls show the races in Nakuru and Kisumu could be close, and both candidates are staging last-minute "
    "rallies there on Monday.",
])
def test_plans_habits_and_long_summaries_are_no_events(pipeline, text):
    assert _events(pipeline, text) == ()


def test_resolve_reads_from_the_draft_whether_its_sentence_points_back(pipeline):
    # Deep in the story and with no place of its own, the event takes the article's place
    # only where assemble found its sentence pointing back ("the town"): resolve reads
    # ``Draft.points_back`` and never its sentence again.
    from dataclasses import replace

    from tacitus.clean import clean
    from tacitus.facts import SentenceIndex
    from tacitus.pipeline import article_context, read_facts
    from tacitus.resolve.events import resolve_draft

    text = ("Uvira lies on the lake shore. Officials met in the afternoon. The minister spoke. Talks "
            "went on. Prices rose. Schools stayed open. On Tuesday, the rebels set up a base in the "
            "town, residents said.")
    (draft,) = [d for d in _drafts(pipeline, text) if d.sentences[0] > 3]
    assert draft.points_back and not draft.places
    res = pipeline._res()
    article = clean(Article(id="t", text=text, url="", outlet="", published=PUBLISHED))
    facts = read_facts(article, res, article_context(article, res))
    places = tuple(p for f in facts for p in f.places)
    layout = SentenceIndex.of(f.sentence for f in facts)

    def located(d):
        return [e.location for e in resolve_draft(d, article, places, res, 0, "CD", layout)]

    assert located(draft) == ["Uvira"]
    assert located(replace(draft, points_back=False)) == [""]
