"""resolve_actor: templates filled, government periods, foreign state forces as inter 8."""
from __future__ import annotations

import datetime as dt

import pytest

from tacitus.actors.dictionary import ActorIndex
from tacitus.actors.finding import find_actors
from tacitus.actors.sides import resolve_actor
from tacitus.facts import ActorMention


@pytest.fixture(scope="module")
def index() -> ActorIndex:
    return ActorIndex.load()


def _resolve(text: str, event_cc: str, index: ActorIndex, on: dt.date | None = None
             ) -> list[tuple[str, int]]:
    return [resolve_actor(m, event_cc, index, on) for m in find_actors(text, index)]


@pytest.mark.parametrize("text,event_cc,on,expected", [
    ("Kenyan police officers arrived.", "KE", dt.date(2019, 6, 1),
     ("Police Forces of Kenya (2013-2022)", 1)),
    ("Police officers arrived.", "KE", dt.date(2023, 2, 1), ("Police Forces of Kenya (2022-)", 1)),
    ("KDF soldiers arrived.", "SO", dt.date(2016, 2, 1), ("Military Forces of Kenya (2013-2022)", 8)),
    ("Russian warplanes bombed the market.", "SY", dt.date(2017, 3, 6),
     ("Military Forces of Russia (2000-)", 8)),
    ("Syrian Army soldiers advanced.", "SY", dt.date(2017, 3, 6),
     ("Military Forces of Syria (2000-2024)", 1)),
    ("Syrian Army soldiers advanced.", "SY", None, ("Military Forces of Syria", 1)),
    ("Army soldiers advanced.", "CD", dt.date(2020, 1, 1),
     ("Military Forces of the Democratic Republic of Congo (2019-)", 1)),
    ("Soldiers advanced.", "FR", dt.date(2020, 1, 1), ("Military Forces of France", 1)),
    ("A US drone struck a car.", "SO", dt.date(2022, 1, 1),
     ("Military Forces of the United States (2021-2025)", 8)),
    ("Unknown gunmen fired.", "NG", None, ("Unidentified Armed Group (Nigeria)", 3)),
    ("Villagers fled.", "ML", None, ("Civilians (Mali)", 7)),
    ("Afghan civilians fled.", "PK", None, ("Civilians (Afghanistan)", 7)),
    ("Protesters gathered.", "KE", None, ("Protesters (Kenya)", 6)),
    ("A mob gathered.", "UG", None, ("Rioters (Uganda)", 5)),
    ("Pokot raiders struck.", "UG", None, ("Pokot Ethnic Militia (Uganda)", 4)),
    ("Turkana raiders struck.", "UG", None, ("Turkana Ethnic Militia (Kenya)", 4)),
    ("The clan militia struck.", "SO", None, ("Unidentified Clan Militia (Somalia)", 4)),
    ("Unidentified drones struck.", "LY", None, ("Unidentified Military Forces", 8)),
    ("The Kenyan government said so.", "KE", dt.date(2024, 1, 1), ("Government of Kenya (2022-)", 1)),
    ("Al Shabaab militants attacked.", "KE", None, ("Al Shabaab", 2)),
    ("Al Shabaab militants attacked.", "MZ", None, ("Ahlu Sunnah Wa-Jamo", 2)),
    ("Taliban fighters attacked.", "AF", dt.date(2019, 1, 1), ("Taliban", 2)),
    ("Taliban fighters attacked.", "AF", dt.date(2022, 1, 1), ("Military Forces of Afghanistan (2021-)", 1)),
    ("AMISOM troops patrolled.", "SO", None, ("AMISOM: African Union Mission in Somalia (2007-2022)", 8)),
])
def test_actors_resolve(index, text, event_cc, on, expected):
    assert _resolve(text, event_cc, index, on) == [expected]


def test_actors_resolve_without_any_country(index):
    m = ActorMention(find_actors("Villagers fled.", index)[0].span, "Civilians ({country})", 7,
                     "civilians", "")
    assert resolve_actor(m, "", index) == ("Civilians", 7)
    mil = ActorMention(m.span, "Military Forces of {of_country}", 1, "military", "")
    assert resolve_actor(mil, "", index) == ("Military Forces", 1)


def test_actors_resolve_unknown_named_keeps_its_name(index):
    m = ActorMention(find_actors("Villagers fled.", index)[0].span, "Some Front", 2, "named", "")
    assert resolve_actor(m, "KE", index) == ("Some Front", 2)
