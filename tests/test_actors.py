"""The actor dictionary: data files load, are consistent, and actor_country reads names."""
from __future__ import annotations

import datetime as dt

import pytest

from tacitus.actors.dictionary import ActorIndex, actor_country, normalise, tokenize


@pytest.fixture(scope="module")
def index() -> ActorIndex:
    return ActorIndex.load()


def test_actors_load_is_cached(index):
    assert ActorIndex.load() is index


def test_actors_every_country_has_an_acled_name(index):
    assert len(index.countries) >= 190
    assert index.countries["CD"].name == "Democratic Republic of Congo"
    assert index.countries["CD"].of_name == "the Democratic Republic of Congo"
    assert index.countries["KE"].of_name == "Kenya"


def test_actors_named_entries_are_well_formed(index):
    for actor in index.named:
        assert actor.inter in range(1, 9), actor.name
        assert actor.aliases, actor.name
        assert actor.country == "" or actor.country in index.countries, actor.name
        if actor.kind != "named":
            assert actor.kind in index.kinds, actor.name
            assert actor.name == index.kinds[actor.kind].template, actor.name


def test_actors_kinds_have_valid_templates(index):
    for kind in index.kinds.values():
        assert kind.inter in range(1, 9)
        assert "{" not in kind.template or "{country}" in kind.template \
            or "{of_country}" in kind.template


def test_actors_government_periods_do_not_overlap(index):
    for code, periods in index.periods.items():
        assert code in index.countries
        ordered = sorted(periods, key=lambda p: p.since)
        for a, b in zip(ordered, ordered[1:]):
            assert a.end is not None and a.end == b.start, code
        assert ordered[-1].end is None, code


@pytest.mark.parametrize("code,on,suffix", [
    ("KE", dt.date(2013, 4, 8), "(2002-2013)"),
    ("KE", dt.date(2013, 4, 9), "(2013-2022)"),
    ("KE", dt.date(2022, 9, 12), "(2013-2022)"),
    ("KE", dt.date(2022, 9, 13), "(2022-)"),
    ("AF", dt.date(2021, 8, 14), "(2014-2021)"),
    ("AF", dt.date(2021, 8, 16), "(2021-)"),
    ("SY", dt.date(2017, 3, 1), "(2000-2024)"),
])
def test_actors_period_holds_the_day(index, code, on, suffix):
    assert index.period(code, on).suffix == suffix


def test_actors_period_unknown_country_or_too_early(index):
    assert index.period("KE", dt.date(1995, 1, 1)) is None
    assert index.period("FR", dt.date(2020, 1, 1)) is None


@pytest.mark.parametrize("name,country", [
    ("Civilians (Kenya)", "Kenya"),
    ("Protesters (Nigeria)", "Nigeria"),
    ("Military Forces of Kenya (2013-2022)", "Kenya"),
    ("Police Forces of Syria (2000-2024)", "Syria"),
    ("Military Forces of the Democratic Republic of Congo (2019-)", "Democratic Republic of Congo"),
    ("Government of Somalia", "Somalia"),
    ("Pokot Ethnic Militia (Kenya)", "Kenya"),
    ("Al Shabaab", ""),
    ("AMISOM: African Union Mission in Somalia (2007-2022)", ""),
    ("Unidentified Military Forces", ""),
])
def test_actors_actor_country(name, country):
    assert actor_country(name) == country


def test_actors_tokenize_drops_hyphens_and_marks_joins():
    toks = tokenize("the rebel-held town, Al-Shabaab's men")
    assert list(toks.norm) == ["the", "rebel", "held", "town", ",", "al", "shabaab", "'s",
                                      "men"]
    assert toks.hyphen[:3] == (False, False, True)
    text = "the rebel-held town, Al-Shabaab's men"
    assert all(text[a:b] == r for a, b, r in zip(toks.starts, toks.ends, toks.raw))


def test_actors_normalise_strips_accents():
    assert normalise("Burkinabè") == "burkinabe"
    assert normalise("Regime’s") == "regime's"


def test_actors_ethnic_groups_name_known_countries(index):
    assert index.ethnic["Pokot"].countries == ("KE", "UG")
    assert index.ethnic["Habar Gidir"].kind == "clan"
    for group in index.ethnic.values():
        assert all(code in index.countries for code in group.countries), group.group


def test_actors_case_sensitive_aliases_are_pinned(index):
    phrases = index.phrases[("is",)]
    assert all(p.exact == ("IS",) for p in phrases)
    assert index.phrases[("us",)][0].exact == ("US",)
