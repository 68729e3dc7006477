"""What the whole article says about where it is, for resolving each place mention: the
countries it names (and its dateline, its outlet's home country, the countries named by
their adjectives, a caller's hint), weighted into votes, and what the other mentions'
first choices say (their admin areas, towns and positions), each less a mention's own.
"""
from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Container
from dataclasses import dataclass

from tacitus.distance import haversine_km
from tacitus.facts import PlaceMention
from tacitus.lexicon import PLACE_KINDS
from tacitus.places.gazetteer.index import Gazetteer
from tacitus.places.gazetteer.normalise import key
from tacitus.types import Place


@dataclass(frozen=True, slots=True)
class PlaceContext:
    country: str  # the article's main country ("" when unknown)
    region: str
    countries: frozenset[str]  # every country with evidence in the text
    # (cc, admin1 display name) -> votes; the other mentions' only, after the first pass
    admin1: Counter[tuple[str, str]] | CountsLess
    cities: Container[int]  # geonameids of towns the text names (first pass)
    within: Place | None = None  # "X district, Y": the admin area Y that X lies in
    container: bool = False  # this mention names where a place just before it lies
    others: PlacesLess | None = None  # where the text's other places lie (after the first pass)
    # country -> the distinct sources (hint, dateline, names) that vote for it
    sources: dict[str, frozenset[str]] | None = None
    home_continent: str = ""  # the continent of the outlet's home country
    after_unknown: bool = False  # the mention names where an unknown place lies
    # countries named (as countries) in the mention's own paragraph by another mention:
    # "In Australia, thousands marched in Sydney" is Sydney, Australia in a US story
    nearby: frozenset[str] = frozenset()
    regions: frozenset[str] = frozenset()  # the regions of the countries the text names
    # the countries of the towns listed with it ("Paris, Amsterdam and The Hague"): a
    # town abroad needs no country named when its list's other towns are there
    listed: frozenset[str] = frozenset()


# "raiders from Sudan", "deported to Canada", "the border with Somalia": a country named
# as where people come from or go to is not where the event happened.
BORDER_WITH = r"border\s+with|borders?\s+of|bordering"
ORIGIN_OR_DESTINATION = re.compile(
    r"\b(?:from|to|into|towards?|" + BORDER_WITH + r")\s+(?:the\s+)?$", re.I)

_HOME_WEIGHT = 0.3  # the outlet's home country: less than any town the text names
_DEMONYM_WEIGHT = 0.4  # a country named by its adjective ("Iraqi troops"): below its own name (2.0)
_QUARTER_EVIDENCE = 0.8  # as strong as a town of about 400,000 people
FAR_KM = 1500.0  # a candidate this far from every other place the text names is suspect


def continent(region: str) -> str:
    """The continent of a region name of data/regions.tsv ("Eastern Africa" -> "Africa")."""
    for word, name in (("Africa", "Africa"), ("Asia", "Asia"), ("Middle East", "Asia"),
                       ("America", "Americas"), ("Caribbean", "Americas"),
                       ("Europe", "Europe"), ("Oceania", "Oceania")):
        if word in region:
            return name
    return region


def _evidence(p: Place, m: PlaceMention) -> float:
    """How strongly one candidate says the text is about its country. An admin area is
    named on purpose; a small town matched by one of its alternate names is weak."""
    if p.kind == "admin1":
        w = 1.0
    elif p.kind == "admin2":
        w = 0.6
    elif p.kind == "city":
        w = math.log10(p.population + 1) / 7.0
    elif p.kind == "neighbourhood":
        # the curated quarters are those of the cities conflict news is about: "Eastleigh"
        # in such news is Nairobi's before it is a small English town
        w = _QUARTER_EVIDENCE
    else:
        w = 0.1
    return w if own_name(p, m) else 0.5 * w


# A kind word inside the matched name: "Wajir County" is Wajir's own name.
_KIND_SUFFIX = re.compile(r"\s+" + PLACE_KINDS.pattern("own_name") + "$", re.I)


def own_name(p: Place, m: PlaceMention) -> bool:
    """The mention names the place by its main name, not by one of its other names."""
    name = key(p.name)
    return name == key(m.span.text) or name == key(_KIND_SUFFIX.sub("", m.span.text))


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    return haversine_km(*a, *b)


def _dateline_places(dateline: str, gaz: Gazetteer) -> tuple[Place, ...]:
    out: list[Place] = []
    for part in dateline.replace("–", ",").replace("—", ",").split(","):
        part = part.strip()
        if part:
            c = gaz.country(part)
            out.extend((c,) if c else gaz.lookup(part))
    return tuple(out)


def place_context(mentions: tuple[PlaceMention, ...], gaz: Gazetteer, dateline: str,
             hint: str | None, home: str | None = None, text: str = "",
             demonyms: frozenset[str] = frozenset()) -> PlaceContext:
    # Weighted votes (floats, which typing's Counter does not allow); insertion order
    # breaks ties, as Counter.most_common(1) does.
    votes: defaultdict[str, float] = defaultdict(float)
    named: set[str] = set()  # countries the text, dateline or caller name outright
    sources: dict[str, set[str]] = {}
    c = gaz.country(hint) if hint else None
    if c is not None:
        votes[c.country_code] += 3.0
        named.add(c.country_code)
        sources.setdefault(c.country_code, set()).add("\0hint")
    # The outlet's home country is only the usual area of its reports (a Kenyan paper
    # also covers Somalia; News24 covers all of Africa): it breaks ties between the
    # text's own places and, below, keeps out namesakes on other continents.
    home_place = gaz.country(home) if home else None
    if home_place is not None:
        votes[home_place.country_code] += _HOME_WEIGHT
        sources.setdefault(home_place.country_code, set()).add("\0home")
    # "an Iraqi army patrol near Samarra": a country named by its adjective is named
    for cc in sorted(demonyms):
        votes[cc] += _DEMONYM_WEIGHT
        named.add(cc)
        sources.setdefault(cc, set()).add("\0demonym")
    line = _dateline_places(dateline, gaz) if dateline else ()
    if line:
        top = max(line, key=lambda p: (p.kind == "country", p.population))
        votes[top.country_code] += 2.5
        named.add(top.country_code)
        sources.setdefault(top.country_code, set()).add("\0dateline")
    for m in mentions:
        if m.loose:
            continue  # a loose spelling match is never evidence of a country
        countries = [p for p in m.candidates if p.kind == "country"]
        if countries:
            # "raiders from Sudan", "deported to Canada": named, but not where it happened
            away = text and ORIGIN_OR_DESTINATION.search(
                text[max(0, m.phrase.start - 40):m.phrase.start])
            votes[countries[0].country_code] += 0.5 if away else 2.0
            named.add(countries[0].country_code)
            sources.setdefault(countries[0].country_code, set()).add(key(m.span.text))
            continue
        strength: dict[str, float] = {}
        for p in m.candidates:
            strength[p.country_code] = max(strength.get(p.country_code, 0.0), _evidence(p, m))
        for cc, w in strength.items():
            votes[cc] += w
            sources.setdefault(cc, set()).add(key(m.span.text))
    country = max(votes, key=votes.__getitem__) if votes else ""
    region = ""
    if country:
        c = gaz.country(country)
        region = c.region if c else ""
    # Only named countries open the door to another region: a foreign village that
    # shares a name with a word in the text must not vote itself in.
    strong = frozenset(named | ({country} if country else set()))
    regions = frozenset(c.region for c in (gaz.country(cc) for cc in strong) if c is not None)
    return PlaceContext(country, region, strong, Counter(), frozenset(p.geonameid for p in line),
                    sources={cc: frozenset(v) for cc, v in sources.items()},
                    home_continent=continent(home_place.region) if home_place else "",
                    regions=regions)


@dataclass(frozen=True, slots=True)
class CountsLess:
    """Votes per admin area of the other mentions: the total less one mention's own."""

    total: Counter
    own: tuple[str, str] | None

    def get(self, key: tuple[str, str], default: int = 0) -> int:
        n = self.total.get(key, 0) - (key == self.own)
        return n if n > 0 else default


@dataclass(frozen=True, slots=True)
class CitiesLess:
    """The towns the text names (and the dateline's), less those only this mention names."""

    base: Container[int]
    total: Counter
    own: frozenset[int]

    def __contains__(self, geonameid: object) -> bool:
        return geonameid in self.base or self.total.get(geonameid, 0) - (geonameid in self.own) > 0


@dataclass(frozen=True, slots=True)
class PlacesLess:
    """Where the text's other places lie: all of them less this mention's own. The places
    within FAR_KM of a point are found once per point (``near`` is shared)."""

    total: Counter
    own: tuple[float, float] | None
    near: dict

    def __bool__(self) -> bool:
        return sum(self.total.values()) - (self.own is not None) > 0

    def far_from(self, point: tuple[float, float]) -> bool:
        close = self.near.get(point)
        if close is None:
            close = self.near[point] = tuple((o, n) for o, n in self.total.items() if _km(point, o) <= FAR_KM)
        return sum(n for o, n in close) - any(o == self.own for o, _ in close) <= 0


