"""mention.casualties: counts of killed / injured / 'casualties' read as an ACLED coder would.

Every sentence here was written for these tests.
"""
from __future__ import annotations

import pytest

from tacitus.facts import Casualty
from tacitus.lexicon import Lexicon, PersonNouns, Quantity
from tacitus.mention.casualties import read_casualties


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return Lexicon.load()


@pytest.fixture(scope="module")
def persons() -> PersonNouns:
    return PersonNouns.load()


@pytest.fixture(scope="module")
def read(lexicon, persons):
    def _read(sentence: str, offset: int = 0) -> tuple[Casualty, ...]:
        return read_casualties(sentence, offset, lexicon, persons)

    return _read


def _one(found: tuple[Casualty, ...], kind: str) -> Casualty:
    of_kind = [c for c in found if c.kind == kind]
    assert len(of_kind) == 1, found
    return of_kind[0]


# --- Lexicon -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "phrase, value, kind",
    [
        ("31", 31, "exact"),
        ("1,200", 1200, "exact"),
        ("seven", 7, "exact"),
        ("Seven", 7, "exact"),
        ("twenty-one", 21, "exact"),
        ("ninety nine", 99, "exact"),
        ("a dozen", 12, "exact"),
        ("half a dozen", 6, "exact"),
        ("dozens", 12, "vague"),
        ("dozens of", 12, "vague"),
        ("tens of", 10, "vague"),
        ("hundreds of", 100, "vague"),
        ("several", 3, "vague"),
        ("a", 1, "article"),
        ("an", 1, "article"),
    ],
)
def test_lexicon_quantity(lexicon, phrase, value, kind):
    assert lexicon.quantity(phrase) == Quantity(value, kind)


@pytest.mark.parametrize("phrase", ["soldiers", "killed", "", "12a", "twentyish"])
def test_lexicon_quantity_none_for_non_numbers(lexicon, phrase):
    assert lexicon.quantity(phrase) is None


def test_lexicon_peaceful_is_read_but_not_peaceful_is_not(lexicon):
    assert lexicon.cues["peaceful"].search("The sit-in outside the depot in Mbale was peaceful.")
    assert not lexicon.cues["peaceful"].search("The march in Mbale was not peaceful.")


def test_lexicon_cues_are_compiled_per_kind(lexicon):
    assert {"attack", "fight", "air", "protest", "corroborate"} <= set(lexicon.cues)
    assert lexicon.cues["air"].search("A drone strike hit the convoy")
    # cue patterns match whole words only: "attacked" is an attack cue, "counterattacks" not "attack"
    assert lexicon.cues["attack"].search("Gunmen attacked the bus")
    assert not lexicon.cues["protest"].search("protestations")


def test_lexicon_is_read_only(lexicon):
    with pytest.raises(TypeError):
        lexicon.numbers["zillion"] = Quantity(1, "exact")  # type: ignore[index]


def test_person_nouns_civilian_is_a_subset_of_any(persons):
    assert persons.civilian <= persons.any
    assert {"civilians", "villagers", "children", "women"} <= persons.civilian
    assert {"soldiers", "fighters", "people"} <= persons.any
    assert not {"soldiers", "fighters", "people"} & persons.civilian


# --- Killed: digits, words, qualifiers -----------------------------------------------------


@pytest.mark.parametrize(
    "sentence, best",
    [
        ("Gunmen killed 5 villagers in Zamfara State on Sunday.", 5),
        ("The militia killed ninety-nine people in Ituri province.", 99),
        ("Twenty one people died in an attack on a market in Kano.", 21),
        ("The army said it had killed twenty-five militants in North Sinai.", 25),
        ("The explosion killed 1,200 people in the port, officials said.", 1200),
        ("A police officer was killed in a shooting in Quetta.", 1),
        ("Two people lost their lives when a mortar hit a house in Aden.", 2),
        ("Police shot dead 3 protesters in Nairobi on Tuesday.", 3),
        ("Clashes between herders and farmers in Tripoli district left 6 dead.", 6),
        ("Militants beheaded 4 villagers in Cabo Delgado.", 4),
        ("A dozen fighters died in the battle for the hill near Daraa.", 12),
        ("Half a dozen fighters died in the battle near Kidal.", 6),
        ("A man and his son were shot dead at a checkpoint in Kirkuk.", 2),
        ("Three soldiers and a civilian were killed in Kunduz.", 4),
    ],
)
def test_casualties_killed_counts(read, sentence, best):
    c = _one(read(sentence), "killed")
    assert (c.low, c.best, c.high) == (best, best, None)
    assert not c.vague


@pytest.mark.parametrize(
    "sentence, best",
    [
        ("At least 12 soldiers were killed in an ambush near Mopti.", 12),
        ("More than 30 people died when gunmen attacked a church in Ondo.", 30),
        ("Over 100 people were killed in the massacre near Bucha.", 100),
        ("No fewer than 9 miners died in the attack in Zamfara.", 9),
        ("The attack killed at least 7 policemen in Peshawar.", 7),
    ],
)
def test_casualties_qualifier_keeps_the_number_as_the_conservative_count(read, sentence, best):
    c = _one(read(sentence), "killed")
    assert c.best == best and c.low == best


@pytest.mark.parametrize(
    "sentence, best, civilians",
    [
        ("Dozens of civilians were killed in the shelling of Idlib.", 12, 12),
        ("Fighting in Tigray killed dozens.", 12, 0),
        ("Dozens were killed in Maiduguri on Saturday.", 12, 0),
        ("The attack killed dozens of people across the Sahel.", 12, 0),
        ("Tens of people were killed in Kidal.", 10, 0),
        ("Hundreds of people were killed in Darfur.", 100, 0),
        ("Several civilians were killed in Raqqa.", 3, 3),
    ],
)
def test_casualties_vague_numbers_use_the_conventional_figure(read, sentence, best, civilians):
    c = _one(read(sentence), "killed")
    assert c.best == best and c.vague
    assert c.civilians == civilians


@pytest.mark.parametrize(
    "sentence",
    ["Gunmen killed some in Benue.", "Several killed in Gao.", "The man was killed later."],
)
def test_casualties_no_count_without_a_number_or_a_person(read, sentence):
    # "some"/"several" alone are not counts; "The man" is not counted ("the" is no number)
    assert [c for c in read(sentence) if c.best > 1] == []


def test_casualties_between_keeps_the_range(read):
    c = _one(read("Between 10 and 15 people were killed in Jonglei."), "killed")
    assert (c.low, c.best, c.high) == (10, 10, 15)


def test_casualties_up_to_is_an_upper_bound(read):
    c = _one(read("Up to 40 people may have been killed in Darfur."), "killed")
    assert c.high == 40 and c.low <= 1


# --- "killed and wounded N" is never a death toll ------------------------------------------


@pytest.mark.parametrize(
    "sentence, n",
    [
        ("Militants killed and wounded 14 people in Kandahar.", 14),
        ("The blast killed and wounded 20 people in Mogadishu.", 20),
        ("Dozens were killed or injured when the bridge was bombed near Kharkiv.", 12),
        ("There were 9 casualties after the ambush near Kismayo.", 9),
        ("The shelling of Bakhmut caused 25 casualties.", 25),
    ],
)
def test_casualties_killed_and_wounded_is_not_a_death_toll(read, sentence, n):
    found = read(sentence)
    assert [c.kind for c in found] == ["casualties"], found
    c = found[0]
    assert (c.low, c.best, c.high) == (1, 0, n)


# --- Injuries are separate ------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence, killed, injured",
    [
        ("Four people were killed and 11 injured in an attack in Borno.", 4, 11),
        ("The attack killed 4 and wounded 11 in Bamako.", 4, 11),
        ("The attack left 4 dead and 11 injured in Segou.", 4, 11),
        ("Five killed, 12 injured in Quetta blast.", 5, 12),
        ("Gunmen killed three soldiers, wounding five others in Kaduna.", 3, 5),
        ("Security forces killed 2 protesters and injured 30 others in Khartoum.", 2, 30),
    ],
)
def test_casualties_injuries_are_counted_apart(read, sentence, killed, injured):
    found = read(sentence)
    assert _one(found, "killed").best == killed
    assert _one(found, "injured").best == injured


@pytest.mark.parametrize(
    "sentence, injured",
    [
        ("Eleven soldiers were wounded in Diffa.", 11),
        ("Police said 2 protesters were wounded in Lagos.", 2),
        ("Several people were injured in Kabul.", 3),
    ],
)
def test_casualties_injured_only(read, sentence, injured):
    found = read(sentence)
    assert [c.kind for c in found] == ["injured"]
    assert found[0].best == injured


# --- Corroboration --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence, corroborating",
    [
        ("The hospital received 15 bodies after the strike in Marib.", True),
        ("Officials confirmed 8 deaths in Beni.", True),
        ("The strike killed 6 people, the Red Cross confirmed.", True),
        ("The morgue in Cali received 4 bodies.", True),
        ("Gunmen killed 6 people in Tillaberi.", False),
    ],
)
def test_casualties_corroboration_is_flagged(read, sentence, corroborating):
    c = _one(read(sentence), "killed")
    assert c.corroborating is corroborating


@pytest.mark.xfail(reason="'unconfirmed' matches the 'confirm' corroboration cue", strict=True)
def test_casualties_unconfirmed_is_not_corroboration(read):
    c = _one(read("Unconfirmed reports said 5 people were killed in Juba."), "killed")
    assert c.corroborating is False


def test_casualties_death_toll_rose_to(read):
    c = _one(read("The death toll rose to 45 in Beirut on Thursday."), "killed")
    assert c.best == 45 and c.corroborating


def test_casualties_revised_toll_read_after_the_tolls_own_phrase(read):
    c = _one(read("The death toll from the raid on a ferry landing near Kalemie late on Monday "
                  "has risen to 23, the mayor said."), "killed")
    assert c.best == 23 and c.corroborating
    assert c.evidence.text.endswith("has risen to 23")


def test_casualties_a_man_and_a_woman_are_two(read):
    c = _one(read("A shell hit a bus stop in Mopti, killing a man and a woman."), "killed")
    assert c.best == 2


def test_casualties_a_sides_unverified_claim_is_only_the_ceiling(read):
    c = _one(read("The rebels said they had killed 40 soldiers, a claim that could not be "
                  "independently verified."), "killed")
    assert (c.low, c.best, c.high) == (0, 0, 40) and c.unverified


def test_reconciled_toll_keeps_a_claim_out_and_one_sides_dead_counted_once(read):
    from tacitus.resolve.fatalities import reconcile
    found = (read("Troops beat back the raid, killing six insurgents, an officer said.")
             + read("The bodies of six militants lay near the post and two soldiers were killed.")
             + read("The group claimed it killed 30 soldiers, which could not be verified."))
    toll = reconcile(found)
    assert (toll.best, toll.high) == (8, 30)


def test_casualties_a_doubted_toll_without_a_claim_still_counts(read):
    c = _one(read("Gunmen killed 20 villagers, a toll that could not be independently verified."), "killed")
    assert c.best == 20 and not c.unverified


def test_casualties_toll_expected_to_rise_is_no_count(read):
    assert [c for c in read("The death toll is expected to rise.") if c.kind == "killed"] == []


# --- Breakdowns, civilians ------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence, best, civilians",
    [
        ("Twenty-one fighters were killed, including 3 commanders.", 21, 0),
        ("Seven people were killed, including 3 civilians, in a raid in Sirte.", 7, 3),
        ("Five people, including two children, were killed in Aleppo.", 5, 2),
        ("Fighting killed 15, including 4 women, in Khartoum.", 15, 4),
        ("Gunmen killed 5 villagers in Zamfara.", 5, 5),
    ],
)
def test_casualties_breakdown_is_not_added_to_the_total(read, sentence, best, civilians):
    c = _one(read(sentence), "killed")
    assert c.best == best
    assert c.civilians == civilians


@pytest.mark.xfail(reason="'among them N women' is not read as a breakdown: 'them' stops the "
                          "count after 'among'", strict=True)
def test_casualties_among_them_civilians(read):
    c = _one(read("Fighting killed 15 people in Wau, among them 4 women."), "killed")
    assert (c.best, c.civilians) == (15, 4)


def test_casualties_two_groups_after_the_verb_are_summed(read):
    c = _one(read("Gunmen killed three soldiers and two civilians in Tillaberi."), "killed")
    assert (c.best, c.civilians) == (5, 2)


def test_casualties_civilians_in_a_summed_group(read):
    c = _one(read("Three soldiers and two civilians were killed in Kunduz."), "killed")
    assert (c.best, c.civilians) == (5, 2)


@pytest.mark.xfail(reason="'Two of the victims were children, and 6 ...': the breakdown before "
                          "the total is summed with it (8)", strict=True)
def test_casualties_leading_breakdown_not_summed(read):
    c = _one(read("Two of the victims were children, and 6 people were killed in all."), "killed")
    assert c.best == 6


# --- Ages and years are never counts --------------------------------------------------------


@pytest.mark.parametrize(
    "sentence, best",
    [
        ("A 12-year-old boy was killed by a stray bullet in Karachi.", 1),
        ("A 45-year-old man was killed in Medellin.", 1),
        ("A 3-year-old child and her mother were killed in Gaza.", 2),
        ("In 2020 the army killed 9 rebels in Cabo Delgado.", 9),
        ("In 2019, 7 people were killed in Benue.", 7),
        ("The 2015 attack killed 3 teachers in Garissa.", 3),
        ("A bomb killed 4 children aged 10 to 14 in Herat.", 4),
        ("Rebels killed 2 soldiers 5 km from Bunia.", 2),
        ("An explosion killed 6 people at 8 pm in Jalalabad.", 6),
        ("On March 3, 4 people were killed in Sanaa.", 4),
        ("On 3 March gunmen killed four farmers in Plateau State.", 4),
        ("Gunmen killed 3 people 2 days ago in Katsina.", 3),
    ],
)
def test_casualties_ages_years_and_dates_are_not_counts(read, sentence, best):
    c = _one(read(sentence), "killed")
    assert c.best == best


@pytest.mark.parametrize(
    "sentence",
    [
        "The 25 year old man was killed in Cali.",
        "A man aged 60 was killed in Lima.",
        "In 2021 a gunman was killed in Kisumu.",
    ],
)
def test_casualties_never_count_an_age_or_a_year(read, sentence):
    for c in read(sentence):
        assert c.best not in {25, 60, 2021}, c


# --- Evidence -------------------------------------------------------------------------------

EVIDENCE_SENTENCES = [
    "At least 12 soldiers were killed in an ambush near Mopti.",
    "Militants killed and wounded 14 people in Kandahar.",
    "Four people were killed and 11 injured in an attack in Borno.",
    "Five people, including two children, were killed in Aleppo.",
    "The hospital received 15 bodies after the strike in Marib.",
    "Between 10 and 15 people were killed in Jonglei.",
    "A man and his son were shot dead at a checkpoint in Kirkuk.",
]


@pytest.mark.parametrize("sentence", EVIDENCE_SENTENCES)
@pytest.mark.parametrize("offset", [0, 137])
def test_casualties_evidence_points_into_the_article(read, sentence, offset):
    article = "x" * offset + sentence + " Nothing else happened."
    found = read(sentence, offset)
    assert found
    for c in found:
        assert article[c.evidence.start:c.evidence.end] == c.evidence.text
        assert c.evidence.start >= offset
        assert c.evidence.text


def test_casualties_evidence_covers_count_and_verb(read):
    c = _one(read("At least 12 soldiers were killed in an ambush near Mopti."), "killed")
    assert c.evidence.text == "At least 12 soldiers were killed"


def test_casualties_nothing_in_a_sentence_without_casualties(read):
    assert read("Protesters marched peacefully through Santiago on Friday.") == ()
    assert read("") == ()


@pytest.mark.parametrize(
    "sentence",
    ["No one was killed in the attack on the convoy.", "Nobody was killed when the bomb went off."],
)
def test_casualties_no_one_is_nobody(read, sentence):
    assert [c for c in read(sentence) if c.kind == "killed" and c.best > 0] == []


@pytest.mark.parametrize(
    "sentence",
    ["Pastor killed outside a police post in Bungoma.",
     "A local cleric died after his car hit a landmine near Lamu.",
     "The driver was reportedly shot dead at a roadblock."],
)
def test_casualties_one_person_named_before_the_verb_is_one_death(read, sentence):
    assert _one(read(sentence), "killed").best == 1


def test_casualties_breakdown_of_a_later_count_is_not_this_counts(read):
    cs = read("5 soldiers were killed and 15, including 5 civilians, were wounded.")
    killed = [c for c in cs if c.kind == "killed"][0]
    injured = [c for c in cs if c.kind == "injured"][0]
    assert (killed.best, killed.civilians) == (5, 0)
    assert (injured.best, injured.civilians) == (15, 5)


@pytest.mark.parametrize(
    "sentence, best",
    [
        ("A mob lynched and burned three men in the village on Tuesday.", 3),
        ("Police intervened, shooting dead 3 of the attackers.", 3),
        ("The bodies of four herders were found near the river.", 4),
        ("Soldiers were filmed executing two prisoners.", 2),
    ],
)
def test_casualties_count_after_chained_verbs_and_bodies_of(read, sentence, best):
    assert _one(read(sentence), "killed").best == best


def test_casualties_the_killing_of_someone_as_a_grievance_is_no_count(read):
    # a protest "over the killing of a man": the toll belongs to an earlier event
    assert [c for c in read("Residents protested over the killing of a man by police.")
            if c.kind == "killed" and c.best > 0] == []


@pytest.mark.parametrize(
    "text, damage",
    [
        ("Traders burned tyres and destroyed stalls during the protest.", True),
        ("Students protested after a residential hall was burned by arsonists.", False),
        ("Residents protested the burning of two villages.", False),
        ("Two demonstrators were injured by police during the march.", False),
        ("Youths injured two police officers with stones.", True),
    ],
)
def test_lexicon_damage_cue_is_active_destruction_only(lexicon, text, damage):
    assert bool(lexicon.cues["damage"].search(text.lower())) == damage


@pytest.mark.parametrize(
    "text, agreement",
    [
        ("The two militias signed a truce in the town on Sunday.", True),
        ("Government and rebels agreed to a ceasefire on Monday.", True),
        ("Forty fighters surrendered to the army in the district.", True),
        ("The sides carried out a prisoner exchange.", True),
        ("Peace talks resumed in the capital.", False),
        ("Experts agreed that there is no easy solution.", False),
        ("The hostilities agreement is only partially functioning.", False),
        ("We will see what kind of agreements we can reach.", False),
    ],
)
def test_lexicon_agreement_is_one_signed_reached_or_a_surrender(lexicon, text, agreement):
    assert bool(lexicon.cues["agreement"].search(text.lower())) == agreement
