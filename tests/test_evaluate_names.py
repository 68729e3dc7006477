"""What counts as the same name, the same place and the same evidence."""
from __future__ import annotations

import pytest

from tacitus.evaluate.geo import distance_km, haversine_km, within_km
from tacitus.evaluate.names import evidence_matches, name_set, same_admin1, same_name, source_name


@pytest.mark.parametrize(
    ("gold", "predicted", "same"),
    [
        ("Police Forces of Xland (2013-)", "Police Forces of Xland", True),
        ("Military Forces of Xland (2014-2021)", "military forces of xland", True),
        ("Al Shabaab", "al-Shabaab", True),
        ("Ras al-'Ayn", "Ras al Ayn", True),
        ("Şanlıurfa", "Sanlıurfa", True),
        ("Qamishli", "Qamishly", False),
        ("Rebels (Xland)", "Protesters (Xland)", False),
    ],
)
def test_names_same_name(gold, predicted, same):
    assert same_name(gold, predicted) is same


@pytest.mark.parametrize(
    ("gold", "predicted", "same"),
    [
        ("Bay", "Bay Region", True),
        ("Deir ez-Zor", "Deir ez Zor Governorate", True),
        ("Rift Valley", "Rift Valley Province", True),
        ("Kilifi County", "kilifi", True),
        ("North", "South State", False),
    ],
)
def test_names_same_admin1(gold, predicted, same):
    assert same_admin1(gold, predicted) is same


def test_names_name_set_and_source_name():
    assert name_set("Civilians (Xland); Teachers (Xland)") == name_set("teachers (xland);civilians (xland)")
    assert source_name("Jane Roe (local journalist)") == "Jane Roe"
    assert source_name("Valley Radio") == "Valley Radio"


@pytest.mark.parametrize(
    ("predicted", "found"),
    [
        ("drone struck a fuel depot", True),  # inside the gold text
        ("On Friday a drone struck a fuel depot near the river, officials said", True),  # holds it
        ("struck a fuel depot near the river, officials said", True),  # 60%+ in one run
        ("a fuel depot near the bridge", False),  # shares less than 60%
        ("", False),
    ],
)
def test_names_evidence_matches(predicted, found):
    assert evidence_matches("a drone struck a fuel depot near the river", predicted) is found


def test_names_evidence_ignores_quote_style_and_spacing():
    assert evidence_matches("the army\u2019s  guns", "The army's guns fired")


def test_geo_distances():
    assert haversine_km(0.0, 0.0, 0.0, 1.0) == pytest.approx(111.2, abs=0.1)
    assert distance_km(None, 1.0, 2.0, 3.0) is None
    assert within_km(10.0, 20.0, 10.1, 20.1)
    assert not within_km(10.0, 20.0, 10.3, 20.0)
    assert not within_km(None, None, 10.0, 20.0)
