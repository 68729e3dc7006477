"""Place resolution from the article's own context: loose matches stay in its country,
"X district, Y" picks the X in Y, and a container stands in for an unknown place.
Sentences written for these tests; the full gazetteer is built on first use."""
from __future__ import annotations

import pytest

from tacitus.gazetteer import Gazetteer
from tacitus.resolve.places import geocode


@pytest.fixture(scope="module")
def gaz():
    g = Gazetteer.open()
    yield g
    g.close()


def by_name(text, gaz):
    return {r.mention.span.text: r for r in geocode(text, gaz)}


def test_places_context_loose_spelling_stays_in_the_named_province(gaz):
    got = by_name("Gunmen shot a guard dead in Puli Alam city, Logar, on Sunday.", gaz)
    assert "Alam" not in got
    assert got["Puli Alam"].place.country_code == "AF"
    assert got["Puli Alam"].place.admin1 == "Logar"


def test_places_context_admin_name_beats_foreign_namesake(gaz):
    got = by_name("A patrol came under fire in Farah city at dawn.", gaz)
    assert got["Farah"].place.country_code == "AF"


def test_places_context_container_after_district_is_the_province(gaz):
    got = by_name("Militants stormed a checkpoint in Muqur district, Badghis, at night.", gaz)
    assert got["Muqur"].place.admin1 == "Badghis"
    assert got["Muqur"].geo_precision == 2
    assert got["Badghis"].place.kind == "admin1"


@pytest.mark.parametrize("text,name,admin1", [
    ("Raiders burned huts in Mlimani village in Ndorokwe area, Kilifi county.", "Kilifi",
     "Kilifi"),
    ("Two soldiers died in Qalai Sofla of Gorgin district, Helmand province.", "Helmand",
     "Helmand"),
])
def test_places_context_unknown_place_falls_back_to_its_admin_area(gaz, text, name, admin1):
    got = by_name(text, gaz)
    assert got[name].place.kind == "admin1"
    assert got[name].place.admin1 == admin1
    assert got[name].geo_precision == 2


def test_places_context_admin_area_alone_keeps_region_precision(gaz):
    got = by_name("Herders clashed in Kilifi county over water.", gaz)
    assert got["Kilifi"].geo_precision == 3


@pytest.mark.parametrize("text", [
    "Jubilee supporters marched through the streets on Tuesday.",
    "NASA supporters marched through the streets on Tuesday.",
    "Voters queued from dawn and several fights broke out.",
])
def test_places_context_party_words_are_not_places(gaz, text):
    assert geocode(text, gaz) == ()
