"""Resolve place mentions to one gazetteer place each, from the article's own context.

Evidence, strongest first: the countries the text names (and the dateline, and a
caller's hint), the admin areas and towns it names, the cue around the name
("Balkh province", "near X"), then population as a prior. A candidate on another
continent than the article's is never chosen; a neighbourhood wins over a same-named
village elsewhere when its city is named too. A mention with no good candidate is
dropped on its own: it never blanks the others.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

from tacitus.facts import PlaceMention, ResolvedPlace
from tacitus.lexicon import PLACE_KINDS
from tacitus.places.context import (
    FAR_KM, ORIGIN_OR_DESTINATION, CitiesLess, CountsLess, PlaceContext, PlacesLess, continent, own_name,
    place_context,
)
from tacitus.places.finding import demonym_countries, find_places
from tacitus.places.gazetteer.index import Gazetteer
from tacitus.places.gazetteer.normalise import key
from tacitus.places.words import stopwords
from tacitus.types import Place

_NEAR = ("near", "outskirts", "countryside")
_PARTS = ("northern", "southern", "eastern", "western", "central", "northeastern",
          "northwestern", "southeastern", "southwestern", "rural", "greater")
_ADMIN1_CUES = PLACE_KINDS.words("admin1")
_ADMIN2_CUES = PLACE_KINDS.words("admin2")
# "X district center": the district's seat town, a town (precision 1).
_SEAT_CUES = PLACE_KINDS.words("seat")
# A town matched for "X district" stands for the district around it (precision 2); the
# Kenyan "constituency", "ward" and "division" are named after and coded as their towns.
_DISTRICT_CUES = _ADMIN2_CUES
_TOWN_CUES = PLACE_KINDS.words("town")
_HOOD_CUES = PLACE_KINDS.words("hood")
_KIND_PRIOR = {"country": 0.45, "admin1": 0.55, "admin2": 0.35, "city": 0.0,
               "neighbourhood": 0.1}
_MIN_SCORE = 0.35
_BIG_CITY = 1_000_000
# A city this big, named by its own name, is known without its country: "rallied in
# London", "protests in Amsterdam" in a US story are no namesakes in Ohio or New York.
_WORLD_CITY = 500_000
_WORLD_STORY = 3  # regions a story's named countries span when it goes round the world
_CITY_COUNTY = 250_000  # a city this big is what its namesake county's bare name means
_SMALL_TOWN = 10_000  # below this, a town matched by an alternate name alone is doubtful
# "X, Y" / "X in Y" / "X of Y": Y names where X lies (a container).
_JOIN = re.compile(r"^\s*(?:,|\bin\b|\bof\b)\s*(?:the\s+)?$")
# A name (with its kind word) after a locative and before a join: "in Mararani in ",
# "at Kala Muchi area of ". A container after an unknown one is the finest place known.
_NAMED_BEFORE = re.compile(
    r"\b(?:in|at|near|of|from|outside)\s+(?:the\s+)?((?:[A-Z][\w'’]*(?:[ -](?:[A-Z][\w'’]*|"
    r"e|i|wa|ul|al|el))*))(?:\s+" + PLACE_KINDS.pattern("named_before") + r")?"
    r"\s*(?:,|\bin|\bof)\s*(?:the\s+)?$")


def _cue_word(m: PlaceMention) -> str:
    """The kind word the cue or the name itself carries ("Kilifi County" -> "county")."""
    cue = m.cue.removesuffix(" of")
    if cue in _SEAT_CUES:
        return "district"
    if cue in _ADMIN1_CUES + _ADMIN2_CUES + _TOWN_CUES + _HOOD_CUES:
        return cue
    last = m.span.text.rsplit(None, 1)[-1].lower()
    return last if last in _ADMIN1_CUES + _ADMIN2_CUES else ""


def _prior(p: Place) -> float:
    if p.kind == "city":
        return math.log10(p.population + 1) / 7.0
    return _KIND_PRIOR.get(p.kind, 0.0)


def _paragraph(text: str, m: PlaceMention) -> int:
    """Where the mention's paragraph starts (its id)."""
    return text.rfind("\n", 0, m.span.start) + 1


def _world_city(p: Place, m: PlaceMention) -> bool:
    """A city of half a million or more, named alone by its own name ("Kabul village"
    names a village)."""
    return p.kind == "city" and p.population >= _WORLD_CITY and own_name(p, m) and not _cue_word(m)


@dataclass(frozen=True, slots=True)
class _Name:
    """What a mention's name says whatever candidate is scored, read once per mention
    (``_score`` runs for every candidate)."""

    world_population: int  # the largest world city of this name (0: none)
    countries: frozenset[str]  # the countries whose own name it is
    cue_word: str  # _cue_word(m)


def _name(m: PlaceMention) -> _Name:
    return _Name(max((c.population for c in m.candidates if _world_city(c, m)), default=0),
                 frozenset(c.country_code for c in m.candidates if c.kind == "country" and own_name(c, m)),
                 _cue_word(m))


def _in_area(p: Place, area: Place) -> bool:
    if p.country_code != area.country_code or p.geonameid == area.geonameid:
        return False
    if area.kind == "country":
        return True
    name = key(area.name)
    return key(p.admin1) == name if area.kind == "admin1" else \
        key(p.admin2) == name or p.parent == area.geonameid


class _Why:
    """Why a candidate scored as it did, formatted only for the one chosen: ``_score``
    weighs every candidate of every mention, and their reasons are read for one."""

    __slots__ = ("place", "parts", "refused")

    def __init__(self, place: Place) -> None:
        self.place = place
        self.parts: list[tuple[str, tuple]] = []
        self.refused: tuple[str, tuple] | None = None

    def add(self, template: str, *args: object) -> None:
        self.parts.append((template, args))

    def refuse(self, template: str, *args: object) -> _Why:
        self.refused = (template, args)
        return self

    def __str__(self) -> str:
        p = self.place
        head = f"{p.kind} '{p.name}' ({p.country_code}" \
            + (f", {p.admin1}" if p.admin1 and p.kind != "admin1" else "") + ")"
        if self.refused is not None:
            return head + self.refused[0].format(*self.refused[1])
        return "; ".join([head] + [template.format(*args) for template, args in self.parts])


def _score(p: Place, m: PlaceMention, ctx: PlaceContext, name: _Name) -> tuple[float, _Why]:
    s = _prior(p)
    why = _Why(p)
    # a city of half a million by its own name needs no country named, in a story that
    # names countries of its region or goes round the world (countries of three regions
    # or more): "rallied in London" in a story of marches from Sydney to Paris
    world = _world_city(p, m) and (p.region in ctx.regions or len(ctx.regions) >= _WORLD_STORY)
    named = p.country_code in ctx.countries or p.country_code in ctx.listed
    if ctx.region and p.region != ctx.region and not named and not world:
        return -5.0, why.refuse(": other region than the article's ({})", ctx.region)
    if ctx.home_continent and continent(p.region) != ctx.home_continent and not named and not world:
        # "Virginia", "Saku" or "Drama" in a Kenyan paper: a namesake on another
        # continent needs its country named in the text
        return -5.0, why.refuse(": on another continent than the outlet's ({})", ctx.home_continent)
    if m.loose and p.country_code not in ctx.countries:
        return -5.0, why.refuse(": a loose spelling match outside the article's countries")
    if p.kind == "city" and not world and not (ctx.within is not None and _in_area(p, ctx.within)) \
            and name.world_population > 20 * p.population:
        # "rallied in London at the American embassy": the name of a city of millions is
        # that city, unless its namesake's province is named with it ("London, Ontario")
        return -5.0, why.refuse(": a namesake of a world city, not named with its own province")
    if p.kind in ("city", "neighbourhood") and name.countries and (
            not own_name(p, m) or p.country_code not in name.countries
            and name.cue_word not in _TOWN_CUES and not (ctx.within is not None and _in_area(p, ctx.within))):
        # "in Baghdad, Iraq": a country's own name is the country, never a town that
        # has it among its other names (Arak, Iran is also spelt "Iraq"), nor a namesake
        # town abroad ("Britain, China, France and Russia" are no towns in Maine and
        # Ohio) unless a town word or its state says so ("China, Maine"); a city-state's
        # city ("Singapore", "Djibouti") is in the country it names
        return -5.0, why.refuse(": the name is a country's own name")
    if ctx.within is not None and p.kind != "country":
        if _in_area(p, ctx.within):
            s += 1.2
            why.add("lies in {}, named with it", ctx.within.name)
        elif ctx.within.kind == "country":
            # "Paris, France": a country named with a town is never misnamed
            return -5.0, why.refuse(": not in {}, named with it", ctx.within.name)
        else:
            # A namesake in the named area wins; with none, the name itself is trusted
            # over the area (reports misname a district's province more often than the
            # district).
            s -= 1.5
    if ctx.container and p.kind == "admin1" and name.cue_word not in _TOWN_CUES \
            and not (ctx.after_unknown and _city_of_same_name(p, m)):
        # "Roysambu, Nairobi": a city of the admin area's name is what a bare name after
        # a quarter means (ACLED codes the quarter as the city, precision 1)
        s += 1.0
        why.add("named as where the place before it lies")
    if ctx.others and p.kind != "country" and p.latitude is not None and p.country_code not in ctx.nearby \
            and not world and ctx.others.far_from((p.latitude, p.longitude)):
        s -= 1.5
        why.add("over {:.0f} km from the text's other places", FAR_KM)
    if p.kind == "city" and p.population < _SMALL_TOWN and not own_name(p, m) \
            and not _backed(p.country_code, m, ctx):
        # "Kibaki" as a Ukrainian hamlet's other name: a name that alone votes its
        # country in is no evidence for itself
        return -5.0, why.refuse(": a small town's other name, with nothing else in the text "
                                "pointing to its country")
    if p.country_code in ctx.nearby and p.kind != "country":
        s += 1.5
        why.add("in the country its paragraph names")
    if p.country_code == ctx.country:
        s += 1.0
        why.add("in the article's country {}", ctx.country)
    elif p.country_code in ctx.countries:
        s += 0.6
        why.add("in a country the text names")
    elif ctx.country and not world:
        s -= 0.8
    a1 = ctx.admin1.get((p.country_code, p.admin1 or p.name), 0)
    if a1 and p.kind != "country":
        s += min(a1, 2) * 0.6
        why.add("{} has other places the text names", p.admin1)
    if own_name(p, m):
        s += 0.4  # its own name, not one of its alternate names
    if p.kind == "country" and name.cue_word not in _TOWN_CUES:
        s += 1.2  # "Mexico" is the country before it is Mexico City
    if p.kind == "neighbourhood":
        if p.parent in ctx.cities:
            s += 2.0
            why.add("a neighbourhood of a city the text names")
        else:
            s -= 0.3
    word = name.cue_word
    if word:
        if (word in _ADMIN1_CUES and p.kind == "admin1") or \
                (word in _ADMIN2_CUES and p.kind == "admin2") or \
                (word in _TOWN_CUES and p.kind == "city") or \
                (word in _HOOD_CUES and p.kind == "neighbourhood"):
            s += 1.5
            why.add("'{}' says {}", word, p.kind)
        elif p.kind in ("admin1", "admin2", "country") and word in _TOWN_CUES + _HOOD_CUES:
            s -= 0.5
        elif p.kind in ("city", "neighbourhood") and word in _ADMIN1_CUES + _ADMIN2_CUES:
            s -= 0.5
    if m.cue in ("countryside",) + _PARTS and p.kind == "admin1" and \
            not any(c.kind == "city" and c.population >= _BIG_CITY for c in m.candidates):
        # "western Deir ez-Zor" is part of the governorate; but "western Kabul" is a
        # part of a city of millions, which is named by its quarters.
        s += 1.0
    return s, why


def _city_of_same_name(p: Place, m: PlaceMention) -> bool:
    return any(c.kind == "city" and c.population >= _CITY_COUNTY and c.country_code == p.country_code
               and key(c.name) == key(p.name) for c in m.candidates)


def _backed(cc: str, m: PlaceMention, ctx: PlaceContext) -> bool:
    """The country has evidence besides this mention's own name (another name, a
    country named, the dateline or the caller's hint)."""
    if ctx.sources is None:
        return True
    return bool(ctx.sources.get(cc, frozenset()) - {key(m.span.text)})


def _precision(p: Place, m: PlaceMention) -> int:
    part = m.cue in _PARTS or m.cue == "countryside" or m.cue.endswith(" of") and \
        m.cue.split()[0] in ("north", "south", "east", "west", "northeast", "northwest",
                             "southeast", "southwest")
    if p.kind in ("country", "admin1"):
        return 2 if part or m.cue in _NEAR else 3
    if m.cue in _NEAR or part and m.cue not in _PARTS:
        return 2  # "near X", "10 km west of X"; "western X" of a town is still the town
    if m.cue in _SEAT_CUES or p.kind == "admin2" and _cue_word(m) in _TOWN_CUES:
        return 1  # "Puli Alam city": the district's seat town, named as a town
    if p.kind == "admin2" or p.kind == "city" and _cue_word(m) in _DISTRICT_CUES:
        return 2
    return 1


def _chose_country(got: tuple[Place, float, str] | None) -> bool:
    return got is not None and got[0].kind == "country"


def _pick(m: PlaceMention, ctx: PlaceContext) -> tuple[Place, float, str] | None:
    best: tuple[Place, float, _Why] | None = None
    name = _name(m)
    for p in m.candidates:
        s, why = _score(p, m, ctx, name)
        key = (s, p.kind == "city", p.population, -abs(p.geonameid))
        if best is None or key > (best[1], best[0].kind == "city", best[0].population,
                                  -abs(best[0].geonameid)):
            best = (p, s, why)
    if best is None or best[1] < _MIN_SCORE:
        return None
    return best[0], best[1], str(best[2])


def _containers(mentions: tuple[PlaceMention, ...], text: str) -> dict[int, int]:
    """Mention index -> the index of the mention naming where it lies ("X district, Y")."""
    out: dict[int, int] = {}
    if not text:
        return out
    for i in range(len(mentions) - 1):
        gap = text[mentions[i].phrase.end:mentions[i + 1].phrase.start]
        if _JOIN.match(gap):
            out[i] = i + 1
    return out


def _after_unknown(m: PlaceMention, text: str, spans: list[tuple[int, int]]) -> bool:
    """The mention names where an unknown place lies: "in Mararani in Lamu East, Lamu
    county", "in Washir district, Helmand"."""
    if not text:
        return False
    got = _NAMED_BEFORE.search(text, max(0, m.phrase.start - 80), m.phrase.start)
    if got is None or got.end() != m.phrase.start:
        return False
    s, e = got.span(1)
    if any(a < e and s < b for a, b in spans):
        return False  # the place before it is known: it is the finer one
    stop = stopwords()
    return not all(key(w) in stop for w in got.group(1).split())


def _share(m: PlaceMention, p: Place) -> tuple[tuple[str, str] | None, frozenset[int], tuple[float, float] | None]:
    """What one mention's first choice tells the others: its admin area, the towns it
    names, and where it lies."""
    cities = {p.geonameid} if p.kind == "city" else set()
    if p.kind == "admin1" and not _cue_word(m):
        # a bare "Deir ez-Zor" may mean the city: its namesake counts
        cities.update(c.geonameid for c in m.candidates if c.kind == "city" and c.country_code == p.country_code)
    where = (p.latitude, p.longitude) if p.kind != "country" and not m.loose and p.latitude is not None else None
    return ((p.country_code, p.admin1) if p.admin1 else None), frozenset(cities), where


def resolve_places(mentions: tuple[PlaceMention, ...] | list[PlaceMention], gazetteer: Gazetteer,
                   *, dateline: str = "", country_hint: str | None = None, text: str = "",
                   home: str | None = None, demonyms: frozenset[str] = frozenset()
                   ) -> tuple[ResolvedPlace, ...]:
    """One place per mention that has a good candidate; the others are dropped.

    With ``text``, "X district, Y" chooses the X that lies in Y, and a container named
    after an unknown place stands in for it at precision 2. ``home`` is the country
    the outlet usually reports on: a weak vote, below one country the text names."""
    mentions = tuple(m for m in mentions if m.candidates)
    ctx = place_context(mentions, gazetteer, dateline, country_hint, home, text, demonyms)
    inside = _containers(mentions, text)
    outer = set(inside.values())
    named_before = {i for i, m in enumerate(mentions) if _after_unknown(m, text, [])}
    # First pass: each mention on country evidence alone, to learn which admin
    # areas and towns the article is about.
    by_container = {flag: replace(ctx, container=flag) for flag in (False, True)}  # one each, not one per mention
    first = {i: _pick(m, by_container[i in outer or i in named_before]) for i, m in enumerate(mentions)}
    spans = [(m.span.start, m.span.end) for i, m in enumerate(mentions) if first[i]]
    # A country lies in no area: "the Bank of Kenya in Nairobi" names no container.
    inside = {i: j for i, j in inside.items() if not _chose_country(first[i])}
    outer = set(inside.values())
    unknown_before = {i for i in named_before if _after_unknown(mentions[i], text, spans)}
    out = []
    unknown_inside: set[int] = set()  # containers whose named place was not found in them
    # What every mention's first choice says, summed once; each mention sees the sums
    # less its own share (summing the others for each mention grew with their square).
    shares = {j: _share(mentions[j], got[0]) for j, got in first.items() if got is not None}
    admin1_total = Counter(a for a, _, _ in shares.values() if a)
    city_total = Counter(c for _, cs, _ in shares.values() for c in cs)
    places_total = Counter(o for _, _, o in shares.values() if o)
    near: dict[tuple[float, float], tuple[tuple[tuple[float, float], int], ...]] = {}
    nearby: dict[int, list[tuple[int, str]]] = {}  # paragraph -> (mention, country it names)
    for j, got in first.items():
        if got is not None and _chose_country(got) and not ORIGIN_OR_DESTINATION.search(
                text[max(0, mentions[j].span.start - 30):mentions[j].span.start]):
            nearby.setdefault(_paragraph(text, mentions[j]), []).append((j, got[0].country_code))
    listed = _listed_countries(mentions, first)
    for i, m in enumerate(mentions):
        own_admin1, own_cities, own_place = shares.get(i, (None, frozenset(), None))
        admin1 = CountsLess(admin1_total, own_admin1)
        cities = CitiesLess(ctx.cities, city_total, own_cities)
        others = PlacesLess(places_total, own_place, near)
        area = first.get(inside[i]) if i in inside else None
        within = area[0] if area and area[0].kind in ("admin1", "admin2", "country") else None
        local = PlaceContext(ctx.country, ctx.region, ctx.countries, admin1, cities,
                         within, i in outer or i in unknown_before, others,
                         ctx.sources, ctx.home_continent,
                         i in unknown_before and i not in outer,
                         frozenset(c for j, c in nearby.get(_paragraph(text, m), ()) if j != i),
                         ctx.regions, listed.get(i, frozenset()))
        got = _pick(m, local)
        if got is None:
            if i in inside:
                unknown_inside.add(inside[i])
            continue
        p, s, why = got
        place = p
        if p.kind == "neighbourhood" and p.parent is not None:
            parent = gazetteer.get(p.parent)
            if parent is None:
                continue
            place = parent
            why += f"; coded as its city {parent.name}"
        if m.cue:
            why = f"{why}; cue '{m.cue}'"
        precision = _precision(p, m)
        if (i in unknown_before or i in unknown_inside) and p.kind in ("admin1", "admin2") \
                and precision == 3:
            precision = 2
            why += "; stands in for the unknown place named before it"
        out.append(ResolvedPlace(m, place, precision, f"'{m.span.text}': {why}",
                                 round(s, 3)))
    return tuple(out)


def _listed_countries(mentions: Sequence[PlaceMention], first: dict) -> dict[int, frozenset[str]]:
    """For each mention, the countries of the towns listed with it ("European cities,
    including Paris, Budapest, Amsterdam and The Hague"), as the first pass chose them:
    a list names places of one story, so its members vouch for each other's countries."""
    at = {m.span.start: i for i, m in enumerate(mentions)}
    out: dict[int, set[str]] = {}
    for i, m in enumerate(mentions):
        for start in m.attachment.listed_with:
            j = at.get(start)
            if j is None:
                continue
            for a, b in ((i, j), (j, i)):
                got = first.get(b)
                if got is not None and got[0].kind == "city":
                    out.setdefault(a, set()).add(got[0].country_code)
    return {i: frozenset(cs) for i, cs in out.items()}


def geocode(text: str, gazetteer: Gazetteer, *, dateline: str = "",
            country_hint: str | None = None, home: str | None = None
            ) -> tuple[ResolvedPlace, ...]:
    """Find and resolve the places in ``text``, sorted by where they start."""
    found = resolve_places(find_places(text, gazetteer), gazetteer, dateline=dateline,
                           country_hint=country_hint, text=text, home=home,
                           demonyms=demonym_countries(text))
    return tuple(sorted(found, key=lambda r: r.mention.span.start))
