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
from collections import Counter
from dataclasses import dataclass

from tacitus.gazetteer.index import Gazetteer
from tacitus.gazetteer.normalise import key
from tacitus.mention.places import PlaceMention, find_places
from tacitus.types import Place


@dataclass(frozen=True, slots=True)
class ResolvedPlace:
    mention: PlaceMention
    place: Place  # for a neighbourhood: its city, as ACLED codes it
    geo_precision: int  # 1 town; 2 near X / part of a region / a district; 3 region only
    reason: str
    score: float


@dataclass(frozen=True, slots=True)
class _Context:
    country: str  # the article's main country ("" when unknown)
    region: str
    countries: frozenset[str]  # every country with evidence in the text
    admin1: Counter  # (cc, admin1 display name) -> votes
    cities: frozenset[int]  # geonameids of towns the text names (first pass)


_NEAR = ("near", "outskirts", "countryside")
_PARTS = ("northern", "southern", "eastern", "western", "central", "northeastern",
          "northwestern", "southeastern", "southwestern", "rural", "greater")
_ADMIN1_CUES = ("province", "county", "governorate", "region", "state", "oblast",
                "prefecture")
_ADMIN2_CUES = ("district", "sub-district", "subdistrict", "municipality")
_TOWN_CUES = ("city", "town", "village", "locality", "camp", "suburb")
_HOOD_CUES = ("neighbourhood", "neighborhood", "area", "quarter")
_KIND_PRIOR = {"country": 0.45, "admin1": 0.55, "admin2": 0.35, "city": 0.0,
               "neighbourhood": 0.1}
_MIN_SCORE = 0.35
_BIG_CITY = 1_000_000


def _cue_word(m: PlaceMention) -> str:
    """The kind word the cue or the name itself carries ("Kilifi County" -> "county")."""
    cue = m.cue.removesuffix(" of")
    if cue in _ADMIN1_CUES + _ADMIN2_CUES + _TOWN_CUES + _HOOD_CUES:
        return cue
    last = m.span.text.rsplit(None, 1)[-1].lower()
    return last if last in _ADMIN1_CUES + _ADMIN2_CUES else ""


def _prior(p: Place) -> float:
    if p.kind == "city":
        return math.log10(p.population + 1) / 7.0
    return _KIND_PRIOR.get(p.kind, 0.0)


def _dateline_places(dateline: str, gaz: Gazetteer) -> tuple[Place, ...]:
    out: list[Place] = []
    for part in dateline.replace("–", ",").replace("—", ",").split(","):
        part = part.strip()
        if part:
            c = gaz.country(part)
            out.extend((c,) if c else gaz.lookup(part))
    return tuple(out)


def _context(mentions: tuple[PlaceMention, ...], gaz: Gazetteer, dateline: str,
             hint: str | None) -> _Context:
    votes: Counter = Counter()
    named: set[str] = set()  # countries the text, dateline or caller name outright
    if hint:
        c = gaz.country(hint)
        if c is not None:
            votes[c.country_code] += 3.0
            named.add(c.country_code)
    line = _dateline_places(dateline, gaz) if dateline else ()
    if line:
        top = max(line, key=lambda p: (p.kind == "country", p.population))
        votes[top.country_code] += 2.5
        named.add(top.country_code)
    for m in mentions:
        ccs = {p.country_code for p in m.candidates}
        countries = [p for p in m.candidates if p.kind == "country"]
        if countries:
            votes[countries[0].country_code] += 2.0
            named.add(countries[0].country_code)
            continue
        big = max(m.candidates, key=_prior)
        votes[big.country_code] += 0.5 * _prior(big)
        for cc in ccs:
            votes[cc] += 0.5 / len(ccs)
    country = votes.most_common(1)[0][0] if votes else ""
    region = ""
    if country:
        c = gaz.country(country)
        region = c.region if c else ""
    # Only named countries open the door to another region: a foreign village that
    # shares a name with a word in the text must not vote itself in.
    strong = frozenset(named | ({country} if country else set()))
    return _Context(country, region, strong, Counter(), frozenset(p.geonameid for p in line))


def _score(p: Place, m: PlaceMention, ctx: _Context) -> tuple[float, str]:
    s = _prior(p)
    why = [f"{p.kind} '{p.name}' ({p.country_code}"
           + (f", {p.admin1}" if p.admin1 and p.kind != "admin1" else "") + ")"]
    if ctx.region and p.region != ctx.region and p.country_code not in ctx.countries:
        return -5.0, why[0] + f": other region than the article's ({ctx.region})"
    if p.country_code == ctx.country:
        s += 1.0
        why.append(f"in the article's country {ctx.country}")
    elif p.country_code in ctx.countries:
        s += 0.6
        why.append("in a country the text names")
    elif ctx.country:
        s -= 0.8
    a1 = ctx.admin1.get((p.country_code, p.admin1 or p.name), 0)
    if a1 and p.kind != "country":
        s += min(a1, 2) * 0.6
        why.append(f"{p.admin1} has other places the text names")
    if key(p.name) == key(m.span.text):
        s += 0.4  # its own name, not one of its alternate names
    if p.kind == "country" and _cue_word(m) not in _TOWN_CUES:
        s += 1.2  # "Mexico" is the country before it is Mexico City
    if p.kind == "neighbourhood":
        if p.parent in ctx.cities:
            s += 2.0
            why.append("a neighbourhood of a city the text names")
        else:
            s -= 0.3
    word = _cue_word(m)
    if word:
        if (word in _ADMIN1_CUES and p.kind == "admin1") or \
                (word in _ADMIN2_CUES and p.kind == "admin2") or \
                (word in _TOWN_CUES and p.kind == "city") or \
                (word in _HOOD_CUES and p.kind == "neighbourhood"):
            s += 1.5
            why.append(f"'{word}' says {p.kind}")
        elif p.kind in ("admin1", "admin2", "country") and word in _TOWN_CUES + _HOOD_CUES:
            s -= 0.5
        elif p.kind in ("city", "neighbourhood") and word in _ADMIN1_CUES + _ADMIN2_CUES:
            s -= 0.5
    if m.cue in ("countryside",) + _PARTS and p.kind == "admin1" and \
            not any(c.kind == "city" and c.population >= _BIG_CITY for c in m.candidates):
        # "western Deir ez-Zor" is part of the governorate; but "western Kabul" is a
        # part of a city of millions, which is named by its quarters.
        s += 1.0
    return s, "; ".join(why)


def _precision(p: Place, m: PlaceMention) -> int:
    part = m.cue in _PARTS or m.cue == "countryside" or m.cue.endswith(" of") and \
        m.cue.split()[0] in ("north", "south", "east", "west", "northeast", "northwest",
                             "southeast", "southwest")
    if p.kind in ("country", "admin1"):
        return 2 if part or m.cue in _NEAR else 3
    if p.kind == "admin2":
        return 2
    if m.cue in _NEAR or part and m.cue not in _PARTS:
        return 2  # "near X", "10 km west of X"; "western X" of a town is still the town
    return 1


def _pick(m: PlaceMention, ctx: _Context) -> tuple[Place, float, str] | None:
    best: tuple[Place, float, str] | None = None
    for p in m.candidates:
        s, why = _score(p, m, ctx)
        key = (s, p.kind == "city", p.population, -abs(p.geonameid))
        if best is None or key > (best[1], best[0].kind == "city", best[0].population,
                                  -abs(best[0].geonameid)):
            best = (p, s, why)
    if best is None or best[1] < _MIN_SCORE:
        return None
    return best


def resolve_places(mentions: tuple[PlaceMention, ...] | list[PlaceMention], gazetteer: Gazetteer,
                   *, dateline: str = "", country_hint: str | None = None
                   ) -> tuple[ResolvedPlace, ...]:
    """One place per mention that has a good candidate; the others are dropped."""
    mentions = tuple(m for m in mentions if m.candidates)
    ctx = _context(mentions, gazetteer, dateline, country_hint)
    # First pass: each mention on country evidence alone, to learn which admin
    # areas and towns the article is about.
    first = {i: _pick(m, ctx) for i, m in enumerate(mentions)}
    out = []
    for i, m in enumerate(mentions):
        admin1: Counter = Counter()
        cities = set(ctx.cities)
        for j, got in first.items():
            if j == i or got is None:
                continue
            p = got[0]
            if p.admin1:
                admin1[(p.country_code, p.admin1)] += 1
            if p.kind == "city":
                cities.add(p.geonameid)
            if p.kind == "admin1" and not _cue_word(mentions[j]):
                # a bare "Deir ez-Zor" may mean the city: its namesake counts
                cities.update(c.geonameid for c in mentions[j].candidates if c.kind == "city"
                              and c.country_code == p.country_code)
        local = _Context(ctx.country, ctx.region, ctx.countries, admin1, frozenset(cities))
        got = _pick(m, local)
        if got is None:
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
        out.append(ResolvedPlace(m, place, _precision(p, m), f"'{m.span.text}': {why}",
                                 round(s, 3)))
    return tuple(out)


def geocode(text: str, gazetteer: Gazetteer, *, dateline: str = "",
            country_hint: str | None = None) -> tuple[ResolvedPlace, ...]:
    """Find and resolve the places in ``text``, sorted by where they start."""
    found = resolve_places(find_places(text, gazetteer), gazetteer, dateline=dateline,
                           country_hint=country_hint)
    return tuple(sorted(found, key=lambda r: r.mention.span.start))
