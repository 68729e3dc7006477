"""The rulebook's words: every word class once, and the lexicons loaded from data files.

Word classes that module-level patterns are built from are named constants here
(``SPEECH``, ``PLACE_KINDS``, ``MONTHS``, ``CARDINALS``); each word is written once, with
the readers that count it, so where two readers disagree the table shows it (changing
who counts a word is an extraction change, with its figure). Cue phrases, number words
and person nouns are data files, loaded once (``Lexicon.load()``, ``PersonNouns.load()``)
and shared; nothing here changes after loading. ``tests/test_lexicon.py`` fails on a
class, reader or cue kind that no code reads.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from importlib import resources
from types import MappingProxyType
from typing import Iterable, Mapping

from tacitus.errors import ResourceError
from tacitus.prefilter import Prefilter


@dataclass(frozen=True, slots=True)
class WordClass:
    """The words of one class, in order, each with the readers (named uses) that count it."""

    name: str
    rows: tuple[tuple[str, frozenset[str]], ...]

    @classmethod
    def parse(cls, name: str, table: str) -> WordClass:
        """Rows ``word: reader reader ...``; a word may hold spaces ("district centre")."""
        rows = []
        for line in table.strip().splitlines():
            word, _, readers = line.partition(":")
            if not word.strip() or not readers.split():
                raise ValueError(f"word class {name}: malformed row {line!r}")
            rows.append((word.strip(), frozenset(readers.split())))
        return cls(name, tuple(rows))

    def readers(self) -> frozenset[str]:
        return frozenset(r for _, rs in self.rows for r in rs)

    def words(self, reader: str) -> tuple[str, ...]:
        """The words ``reader`` counts, in table order; a reader with none is a typo."""
        got = tuple(w for w, rs in self.rows if reader in rs)
        if not got:
            raise ValueError(f"word class {self.name} has no reader {reader!r}")
        return got

    def pattern(self, reader: str) -> str:
        """The words as one regex group (see ``alternation``)."""
        return alternation(self.words(reader))


def alternation(words: Iterable[str]) -> str:
    """``(?:w1|w2|...)``, longest first (so "sub-county" is tried before "county"), each
    word escaped and its spaces matching any run of white space. An empty group would
    match nothing silently, so it is refused."""
    ordered = sorted(words, key=len, reverse=True)
    if not ordered:
        raise ValueError("an empty word group matches nothing")
    return "(?:" + "|".join(r"\s+".join(re.escape(p) for p in w.split(" ")) for w in ordered) + ")"


# Verbs (and "according") that report speech. Readers:
#   caption       clean: a line with speech is body text, not a photo caption
#   said_when     assemble: "..., officials said on Monday" dates the statement
#   said_to       assemble: the same with the verb's object between: "told reporters on
#                 Monday", "speaking to reporters Tuesday"
#   released_when assemble: "the group released a report Friday", "provided details
#                 Friday": the day a report came out, not the day of what it tells
#   speaker       roles: the subject of such a verb only speaks of the event
#   names         places.finding: "Juma said" names a person, not a village
#   claim         mention.casualties: "the group said" makes its toll a side's claim
#   source        mention.attributions: "X told Radio Y", "residents said"
#   source_after  mention.attributions: "..., said Amina Warsame, a local official"
SPEECH = WordClass.parse("speech", """
    said: caption said_when speaker names claim source source_after
    says: caption said_when speaker names claim source source_after
    say: speaker
    told: caption speaker names source said_to
    speaking to: said_to
    spoke to: said_to
    addressing: said_to
    tell: speaker
    according: caption
    announced: said_when source
    confirmed: said_when speaker names source
    confirm: speaker
    confirms: speaker
    stated: said_when speaker names source source_after
    state: speaker
    states: speaker
    added: said_when speaker names source source_after
    add: speaker
    adds: speaker
    reported: said_when speaker names source
    report: speaker
    reports: speaker
    claimed: speaker names claim
    claim: speaker
    claims: speaker claim
    explained: speaker names source source_after
    explain: speaker
    explains: speaker
    denied: speaker names
    deny: speaker
    denies: speaker
    accused: speaker
    accuse: speaker
    accuses: speaker
    alleged: speaker
    allege: speaker
    alleges: speaker
    believed: speaker
    believe: speaker
    believes: speaker
    suspected: speaker
    suspect: speaker
    suspects: speaker
    narrated: speaker
    narrate: speaker
    narrates: speaker
    recounted: speaker
    recount: speaker
    recounts: speaker
    noted: names
    urged: names
    warned: names
    tweeted: source
    wrote: source source_after
    posted: source
    released: released_when
    issued: released_when
    published: released_when
    provided: released_when
    presented: released_when
    unveiled: released_when
""")

# Words for a kind of place. Readers:
#   find          places.finding: a kind word before or after a name makes it a place
#   settlement    places.finding: kind words that make a common word a place ("Forest
#                 village"); "Police camp", "Market area" name a facility or a part of town
#   admin1 admin2 town hood   places.resolving: the level a kind word points to
#   seat          "X district centre": the district's seat town
#   own_name      places.resolving: a kind word inside the matched name ("Wajir County")
#   named_before  places.resolving: a name and its kind before "in", "of" or a comma
#   says_where    places.attaching: words between two places that make one where the other is
#   display       gazetteer: suffixes dropped from an admin area's name as ACLED writes it
#   score         evaluate: suffixes ignored when comparing admin1 names
# Words whose object is an event talked about, not one reported: "outrage at the chemical
# attack", "an investigation into the killings", "the threat of further attacks". Readers:
#   topic   assemble: a trigger that is the object of one of these starts no event
TOPIC_HEADS = WordClass.parse("topic heads", """
    outrage: topic
    concern: topic
    concerns: topic
    condemnation: topic
    condemned: topic
    condemning: topic
    criticism: topic
    criticized: topic
    criticised: topic
    investigation: topic
    investigating: topic
    inquiry: topic
    probe: topic
    trial: topic
    allegations: topic
    accusations: topic
    pictures: topic
    photos: topic
    images: topic
    footage: topic
    video: topic
    threat: topic
    threats: topic
    fear: topic
    fears: topic
    warning: topic
    warnings: topic
    anniversary: topic
    commemoration: topic
    memory: topic
    tribute: topic
    anger: topic
    sanctions: topic
    comments: topic
    remarks: topic
    debate: topic
""")

# Prepositions that put something at a place. Readers:
#   before_place  places.finding: a capitalised word after one of these is no first name,
#                 and an ethnic name after one is the county ("in Turkana")
#   event_place   places.attaching: a place after one is where the event happened
#   in_or_at      places.attaching: "killed in Mandera town": told as where it happened
LOCATIVES = WordClass.parse("locatives", """
    in: before_place event_place in_or_at
    at: before_place event_place in_or_at
    near: before_place event_place
    outside: before_place event_place
    inside: before_place event_place
    into: before_place event_place
    across: before_place event_place
    around: before_place event_place
    of: before_place event_place
    on: event_place
    from: before_place
    to: before_place
""")

# Words that make a hyphenated pair of towns a road or a boundary ("the Eldoret-Kitale
# road"). Readers:
#   road_start  places.finding: the road is placed near the town it starts from
#   road_end    places.attaching: a road's towns are the weakest claim to the event's place
ROADS = WordClass.parse("roads", """
    road: road_start road_end
    highway: road_start road_end
    route: road_start road_end
    railway: road_start
    corridor: road_start
    border: road_start road_end
    boundary: road_start
""")

PLACE_KINDS = WordClass.parse("place kinds", """
    city: find settlement town says_where
    town: find settlement town named_before says_where
    village: find settlement town named_before says_where
    district: find settlement admin2 own_name named_before says_where display
    province: find settlement admin1 own_name says_where display score
    county: find settlement admin1 own_name says_where display score
    governorate: find settlement admin1 own_name says_where display score
    region: find settlement admin1 own_name says_where display score
    state: find settlement admin1 own_name says_where display score
    neighbourhood: find hood says_where
    neighborhood: find hood says_where
    area: find hood named_before says_where
    suburb: find town says_where
    camp: find town named_before says_where
    countryside: find
    sub-district: find settlement admin2
    subdistrict: find settlement admin2
    municipality: find settlement admin2 own_name display
    locality: find settlement town
    oblast: find settlement admin1 own_name display
    prefecture: find settlement admin1 own_name display
    sub-county: find settlement own_name named_before says_where
    subcounty: find settlement own_name named_before says_where
    constituency: find settlement named_before
    division: find settlement named_before display
    ward: find settlement named_before
    quarter: hood says_where
    location: named_before
    sub-location: named_before
    sublocation: named_before
    centre: named_before says_where
    center: named_before says_where
    district centre: seat named_before
    district center: seat named_before
    district headquarters: seat
    department: display
    raion: display
    rayon: display
    muhafazah: display
    wilayah: display
    velayat: display
    welayat: display
    okrug: display
    krai: display
    bay: landform
    lake: landform
    river: landform
    island: landform
    islands: landform
    mount: landform
    mountain: landform
    mountains: landform
    valley: landform
    beach: landform
    gulf: landform
    creek: landform
    falls: landform
    springs: landform
    hills: landform
    peninsula: landform
    coast: landform
    harbour: landform
    harbor: landform
    monument: landmark
    square: landmark
    mosque: landmark
    church: landmark
    cathedral: landmark
    bridge: landmark
    gate: landmark
    tower: landmark
    palace: landmark
    stadium: landmark
    park: landmark
    airport: landmark
    hospital: landmark
    market: landmark
    hotel: landmark
    embassy: landmark
    day: landmark
""")

# Month names and their abbreviations -> month number ("sept" too).
_MONTH_FORMS = ("january jan", "february feb", "march mar", "april apr", "may", "june jun",
                "july jul", "august aug", "september sep sept", "october oct", "november nov",
                "december dec")  # each month's name, then its abbreviations
MONTHS: Mapping[str, int] = MappingProxyType(
    {m: i + 1 for i, forms in enumerate(_MONTH_FORMS) for m in forms.split()})
MONTH_ABBREVIATIONS = tuple(m for forms in _MONTH_FORMS for m in forms.split()[1:])
# Abbreviations that begin a place's name ("St. Paul", "Mt. Elgon", "Ft. Worth"): the
# sentence splitter does not end a sentence at them, the place finder reads through them.
PLACE_ABBREVIATIONS = ("st", "mt", "ft")
# The number words one to ten (the rest of the number words are data/numbers.tsv).
CARDINALS: Mapping[str, int] = MappingProxyType({
    w: i + 1 for i, w in enumerate("one two three four five six seven eight nine ten".split())})


class CueKind(StrEnum):
    """The kinds of cue data/cues.tsv may name; a row of any other kind fails at load.
    Members compare and hash as their strings ("attack" == CueKind.ATTACK)."""

    # violent actions
    FIGHT = "fight"
    ATTACK = "attack"
    SHELL = "shell"
    AIR = "air"
    IED = "ied"
    SUICIDE = "suicide"
    GRENADE = "grenade"
    CHEMICAL = "chemical"
    ABDUCT = "abduct"
    SEXUAL = "sexual"
    # demonstrations, the intervention in them, and what they did
    PROTEST = "protest"
    RIOT = "riot"
    MOB = "mob"
    DISPERSE = "disperse"
    LETHAL = "lethal"
    PEACEFUL = "peaceful"
    DAMAGE = "damage"
    # non-violent developments
    ARREST = "arrest"
    GOV_TERRITORY = "gov_territory"
    NS_TERRITORY = "ns_territory"
    AGREEMENT = "agreement"
    LOOTING = "looting"
    DISRUPT = "disrupt"
    BASE = "base"
    CHANGE = "change"
    # not an event of its own
    BACKGROUND = "background"
    SUMMARY = "summary"  # a toll or count over many events: "bringing the death toll to 26"
    ACCIDENT = "accident"  # deaths no one inflicted: "the boat capsized", "a stampede"
    CEREMONY = "ceremony"  # a parade, rehearsal or celebration: a march that is no protest
    CORROBORATE = "corroborate"
    # who or what an event involves
    CROWD = "crowd"
    ARMED_TARGET = "armed_target"
    CIVILIAN_SITE = "civilian_site"  # a school, market or hotel: where unarmed people are


def data_text(name: str) -> str:
    """The text of a bundled data file, or a ResourceError naming it."""
    try:
        return resources.files("tacitus").joinpath("data").joinpath(name).read_text(encoding="utf-8")
    except (FileNotFoundError, UnicodeDecodeError) as exc:
        raise ResourceError(f"bundled data file data/{name} is missing or unreadable: {exc}") from exc


def data_rows(name: str) -> list[list[str]]:
    """Tab-separated rows of a data file, comments and blank lines skipped."""
    rows = []
    for line in data_text(name).splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append(line.split("\t"))
    return rows


@dataclass(frozen=True, slots=True)
class Quantity:
    value: int
    kind: str  # "exact", "vague" or "article"


@dataclass(frozen=True, slots=True)
class PersonNouns:
    """Nouns for people (data/person_nouns.tsv); ``civilian`` those that name civilians."""

    civilian: frozenset[str]
    any: frozenset[str]

    @classmethod
    def load(cls) -> PersonNouns:
        rows = data_rows("person_nouns.tsv")
        return cls(frozenset(w for w, c in rows if c == "1"), frozenset(w for w, _ in rows))


_CUE_BEFORE = r"(?<![\w-])"  # a cue starts a word: no letter, digit or hyphen before it


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Cue patterns (kind -> compiled regex) and number words (phrase -> Quantity)."""

    cues: Mapping[CueKind, re.Pattern[str]]
    numbers: Mapping[str, Quantity]
    # Any count: digits or a number phrase, longest phrases first ("twenty-one", "a dozen").
    number_pattern: re.Pattern[str]
    # The cue patterns that can run case-sensitively on lower-cased text (twice as fast as
    # IGNORECASE, the same matches); kinds missing here match the text as written.
    cues_folded: Mapping[CueKind, re.Pattern[str]]
    # The kinds a sentence may hold, from one scan of it for what their matches begin with
    # (derived from the patterns above, the folded ones where there are)
    cue_filter: Prefilter[CueKind]

    @classmethod
    def load(cls) -> Lexicon:
        grouped: dict[CueKind, list[str]] = {}
        for row in data_rows("cues.tsv"):
            if len(row) != 2:
                raise ResourceError(f"data/cues.tsv: expected 2 tab-separated fields, got {row!r}")
            try:
                kind = CueKind(row[0])
            except ValueError:
                raise ResourceError(f"data/cues.tsv: unknown cue kind {row[0]!r} (the kinds are "
                                    f"tacitus.lexicon.CueKind)") from None
            grouped.setdefault(kind, []).append(row[1])
        sources = {kind: _CUE_BEFORE + "(?:" + "|".join(parts) + r")(?![\w-])" for kind, parts in grouped.items()}
        cues = {kind: re.compile(source, re.IGNORECASE) for kind, source in sources.items()}
        # Kinds with a case-sensitive part ("(?-i:march)", the verb, not the month) or an
        # upper-case letter must see the text as written; the others can match it folded.
        folded = {kind: re.compile(source) for kind, source in sources.items()
                  if "(?-i:" not in source and not re.search(r"(?<!\\)[A-Z]", source)}
        numbers = {w: Quantity(n, "exact") for w, n in CARDINALS.items()}
        for row in data_rows("numbers.tsv"):
            phrase, value, quantity_kind = row
            if phrase in CARDINALS:
                raise ResourceError(f"data/numbers.tsv: {phrase!r} is already a cardinal (tacitus.lexicon.CARDINALS)")
            numbers[phrase] = Quantity(int(value), quantity_kind)
        words = sorted(numbers, key=len, reverse=True)
        number_pattern = re.compile(
            r"(?<![\w-])(?:\d{1,3}(?:,\d{3})+|\d+|" + "|".join(re.escape(w) for w in words) + r")(?![\w-])",
            re.IGNORECASE,
        )
        cue_filter = Prefilter.of({kind: folded.get(kind, pattern) for kind, pattern in cues.items()}, _CUE_BEFORE)
        return cls(MappingProxyType(cues), MappingProxyType(numbers), number_pattern, MappingProxyType(folded),
                   cue_filter)

    def quantity(self, phrase: str) -> Quantity | None:
        """'31' -> 31 exact, 'dozens of' -> 12 vague, 'a' -> 1 article; None if not a number."""
        p = phrase.strip().lower()
        if p.replace(",", "").isdigit():
            return Quantity(int(p.replace(",", "")), "exact")
        return self.numbers.get(p)
