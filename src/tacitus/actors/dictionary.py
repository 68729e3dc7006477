"""The actor dictionary, loaded once from ``data/`` and read-only afterwards.

Five data files feed it (all written from public facts, none from evaluation texts):

- ``actors.jsonl``: named actors (Al Shabaab, Taliban, KDF...) with aliases;
- ``actor_kinds.jsonl``: generic kinds (military, police, civilians...) with the cue words
  news uses for them, the ACLED name template and inter code; its first line (kind
  ``named``) holds the small grammar: head nouns after a named actor, qualifiers,
  hyphen suffixes, and owner suffixes ("a military-run school" names no actor);
- ``demonyms.tsv``: every country's ACLED spelling, adjectives and other names;
- ``governments.tsv``: government periods, for the "(2013-2022)" suffix of state forces;
- ``ethnic_groups.tsv``: ethnic groups and clans named in communal violence.

All words become one phrase table keyed by normalised token tuples, so the matcher
(``tacitus.actors.finding``) does one dictionary probe per token.
"""
from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import json
import operator
import re
import unicodedata
from dataclasses import dataclass
from importlib import resources
from types import MappingProxyType
from typing import Literal, Mapping

from tacitus.errors import ResourceError

Role = Literal["named", "head", "nation", "country", "cue", "ethnic", "qualifier"]

# Words, a possessive "'s", or one punctuation mark. Hyphens and bare apostrophes are
# not tokens, so "Al-Shabaab" and "Al Shabaab" are the same phrase; group 1 keeps a
# hyphen written just before a word.
_ARTICLES = frozenset({"the", "a", "an"})
_TOKEN = re.compile(r"(-?)(\w+|['’]s\b|[^\w\s'’‘-])")
# A hyphen right after a word or mark (no space, no other hyphen): the token after it is
# joined to the one before ("ISIS-held"). Its end is that token's start.
_JOINING_HYPHEN = re.compile(r"(?<=[^\s-])-")
# A _TOKEN match's word, start and end (group 2), read off all matches at C speed.
_WORD = operator.methodcaller("group", 2)
_WORD_START = operator.methodcaller("start", 2)
_WORD_END = operator.methodcaller("end", 2)


@dataclass(frozen=True, slots=True)
class Tokens:
    """A text's tokens as parallel tuples (one object per text, not per token: it is hot)."""

    starts: tuple[int, ...]
    ends: tuple[int, ...]
    raw: tuple[str, ...]  # the surface forms ("’s" written as "'s")
    norm: tuple[str, ...]  # casefolded, accents removed
    hyphen: tuple[bool, ...]  # joined to the previous token by a hyphen ("ISIS-held")

    def __len__(self) -> int:
        return len(self.norm)


@dataclass(frozen=True, slots=True)
class NamedActor:
    name: str  # ACLED's name, or a template for state forces ("Military Forces of {of_country}")
    inter: int
    country: str  # home country ISO2; "" for transnational
    kind: str = "named"  # "named", or a generic kind for state-force aliases (KDF -> "military")
    aliases: tuple[str, ...] = ()
    state_from: dt.date | None = None  # from this day the group is its country's state forces
    local: tuple[tuple[str, str], ...] = ()  # (event country, ACLED name used there)
    branch_of: str = ""  # the movement the group is a branch of (JNIM -> Al Qaeda)


@dataclass(frozen=True, slots=True)
class ActorKind:
    kind: str
    template: str  # "Civilians ({country})", "Military Forces of {of_country}"
    inter: int
    not_before: tuple[tuple[str, frozenset[str]], ...] = ()  # (last cue word or "*", words)
    following: frozenset[str] = frozenset()

    def blocked_by(self, last_word: str, next_word: str) -> bool:
        """True when ``next_word`` after the cue makes it a non-actor ("police station")."""
        return any(next_word in words for key, words in self.not_before if key in ("*", last_word))


@dataclass(frozen=True, slots=True)
class CountryNames:
    code: str
    name: str  # ACLED's spelling: "Democratic Republic of Congo"
    of_name: str  # after "of": "the Democratic Republic of Congo"


@dataclass(frozen=True, slots=True)
class GovernmentPeriod:
    country_code: str
    start: int
    end: int | None
    suffix: str  # "(2013-2022)"
    since: dt.date  # the handover day; 1 January of ``start`` when not given

    def holds(self, on: dt.date) -> bool:
        return on >= self.since and (self.end is None or on.year <= self.end)


@dataclass(frozen=True, slots=True)
class EthnicGroup:
    group: str
    countries: tuple[str, ...]
    kind: Literal["ethnic", "clan"]


@dataclass(frozen=True, slots=True)
class Phrase:
    """One dictionary entry for a token sequence: what it is and how it must be cased."""

    role: Role
    value: str  # named: index into ActorIndex.named; nation: ISO2; cue: kind; ethnic: group
    exact: tuple[str | None, ...] | None  # per token: the surface form required, None: any case
    owned: bool = False  # a cue that needs an owner before it ("Russian" warplanes)


@dataclass(frozen=True, slots=True)
class ActorIndex:
    named: tuple[NamedActor, ...]
    kinds: Mapping[str, ActorKind]
    countries: Mapping[str, CountryNames]
    periods: Mapping[str, tuple[GovernmentPeriod, ...]]
    ethnic: Mapping[str, EthnicGroup]
    phrases: Mapping[tuple[str, ...], tuple[Phrase, ...]]
    lengths: Mapping[str, tuple[int, ...]]  # first token -> phrase lengths, longest first
    suffixes: frozenset[str]  # "ISIS-held": the actor holds the place, named with it
    owner_suffixes: frozenset[str] = frozenset()  # "military-run school": no actor at all
    stance_prefixes: frozenset[str] = frozenset()  # "anti-government": a stance, no actor

    @classmethod
    def load(cls) -> ActorIndex:
        """The index built from the bundled data files; built once per process."""
        return _load_bundled()

    def cue_kind(self, words: str) -> str | None:
        """The generic kind a phrase names on its own ("demonstrators" -> protesters)."""
        key = tuple(normalise(w) for w in words.split())
        return next((p.value for p in self.phrases.get(key, ()) if p.role == "cue" and not p.owned), None)

    def named_actor(self, name: str) -> NamedActor | None:
        return next((a for a in self.named if a.name == name and a.kind == "named"), None)

    def period(self, country_code: str, on: dt.date) -> GovernmentPeriod | None:
        """The government period of ``country_code`` that holds ``on`` (latest handover)."""
        held = [p for p in self.periods.get(country_code, ()) if p.holds(on)]
        return max(held, key=lambda p: p.since) if held else None


def normalise(word: str) -> str:
    """Casefold and strip accents: 'Burkinabè' -> 'burkinabe', '’s' -> "'s"."""
    if word.isascii():
        return word.casefold()
    word = word.replace("’", "'").casefold()
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


def tokenize(text: str) -> Tokens:
    """Words and punctuation with offsets; hyphens and bare apostrophes are dropped."""
    # Offsets and words are read off the matches column by column: a tuple per token
    # cost more than the matching itself (and woke the garbage collector over and over).
    found = list(_TOKEN.finditer(text))
    starts = tuple(map(_WORD_START, found))
    raws = tuple(map(_WORD, found))
    if "’" in text:
        raws = tuple(w.replace("’", "'") for w in raws)
    # a hyphen joins only when written between two words: "ISIS-held", not "ISIS - held"
    joined = {m.end() for m in _JOINING_HYPHEN.finditer(text)}
    hyphens = tuple(map(joined.__contains__, starts))
    norms = tuple(map(str.casefold, raws)) if text.isascii() else tuple(map(normalise, raws))
    return Tokens(starts, tuple(map(_WORD_END, found)), raws, norms, hyphens)


def _exact(raws: tuple[str, ...], case_sensitive: bool) -> tuple[str | None, ...] | None:
    # Short all-capitals words (US, CAR, IS, GSU) are checked as written even when the
    # alias is not listed as case-sensitive: "us" and "car" are ordinary words.
    def pin(raw: str) -> bool:
        if case_sensitive:
            return any(c.isupper() for c in raw)
        return raw.isalpha() and raw.isupper() and len(raw) <= 4

    exact = tuple(r if pin(r) else None for r in raws)
    return exact if any(e is not None for e in exact) else None


def _read(name: str) -> str:
    try:
        return resources.files("tacitus").joinpath("data", name).read_text(encoding="utf-8")
    except OSError as err:
        raise ResourceError(f"cannot read tacitus/data/{name}: {err}") from err


def _tsv(name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(_read(name)), delimiter="\t", quoting=csv.QUOTE_NONE))


def _jsonl(name: str) -> list[dict]:
    try:
        return [json.loads(line) for line in _read(name).splitlines() if line.strip()]
    except json.JSONDecodeError as err:
        raise ResourceError(f"tacitus/data/{name}: {err}") from err


def _split(field: str | None) -> list[str]:
    return [w.strip() for w in (field or "").split("|") if w.strip()]


def build_index(actors: list[dict], kinds: list[dict], demonyms: list[dict[str, str]],
                governments: list[dict[str, str]], ethnic: list[dict[str, str]]) -> ActorIndex:
    """Build the index from parsed rows (the loader's pure half; tests may call it)."""
    table: dict[tuple[str, ...], list[Phrase]] = {}

    def add(words: str, role: Role, value: str, case_sensitive: bool = False,
            owned: bool = False) -> None:
        toks = tokenize(words)
        raws, key = toks.raw, toks.norm
        if len(key) > 1 and key[0] in _ARTICLES:
            # the matcher steps over articles itself: "a mob" is "mob", "the UAE" is "UAE"
            raws, key = raws[1:], key[1:]
        if not key:
            return
        phrase = Phrase(role, value, _exact(raws, case_sensitive), owned)
        entries = table.setdefault(key, [])
        if phrase not in entries:
            entries.append(phrase)

    named: list[NamedActor] = []
    for row in actors:
        since = row.get("state_from")
        actor = NamedActor(
            name=row["name"], inter=int(row["inter"]), country=row.get("country", ""),
            kind=row.get("kind", "named"), aliases=tuple(row.get("aliases", ())),
            state_from=dt.date.fromisoformat(since) if since else None,
            local=tuple(sorted(row.get("local", {}).items())),
            branch_of=row.get("branch_of", ""))
        sensitive = set(row.get("case_sensitive", ()))
        for alias in actor.aliases:
            add(alias, "named", str(len(named)), alias in sensitive)
        named.append(actor)

    kind_map: dict[str, ActorKind] = {}
    suffixes: frozenset[str] = frozenset()
    owners: frozenset[str] = frozenset()
    stances: frozenset[str] = frozenset()
    for row in kinds:
        if row["kind"] == "named":  # the grammar line
            for word in row.get("cues", ()):
                add(word, "head", "named")
            for word in row.get("qualifiers", ()):
                add(word, "qualifier", word)
            suffixes = frozenset(normalise(w) for w in row.get("hyphen_suffixes", ()))
            owners = frozenset(normalise(w) for w in row.get("owner_suffixes", ()))
            stances = frozenset(normalise(w) for w in row.get("stance_prefixes", ()))
            continue
        blocks = tuple((normalise(k), frozenset(normalise(w) for w in ws))
                       for k, ws in row.get("not_before", {}).items())
        kind_map[row["kind"]] = ActorKind(row["kind"], row["template"], int(row["inter"]), blocks,
                                          frozenset(normalise(w) for w in row.get("following", ())))
        for word in row.get("cues", ()):
            add(word, "cue", row["kind"])
        for word in row.get("owned_cues", ()):
            add(word, "cue", row["kind"], owned=True)

    countries: dict[str, CountryNames] = {}
    for row in demonyms:
        code = row["country_code"]
        countries[code] = CountryNames(code, row["country"], row.get("of_name") or row["country"])
        for adj in _split(row.get("adjectives")):
            add(adj, "nation", code)
        for name in [row["country"], *_split(row.get("of_name")), *_split(row.get("names"))]:
            add(name, "country", code)

    periods: dict[str, list[GovernmentPeriod]] = {}
    for row in governments:
        start = int(row["start"])
        since = row.get("since") or f"{start}-01-01"
        periods.setdefault(row["country_code"], []).append(GovernmentPeriod(
            row["country_code"], start, int(row["end"]) if row.get("end") else None,
            row["suffix"], dt.date.fromisoformat(since)))

    groups: dict[str, tuple[list[str], str]] = {}
    for row in ethnic:
        codes, _ = groups.setdefault(row["group"], ([], row.get("kind") or "ethnic"))
        codes.append(row["country_code"])
        for name in [row["group"], *_split(row.get("aliases"))]:
            add(name, "ethnic", row["group"])
    ethnic_map = {g: EthnicGroup(g, tuple(dict.fromkeys(c)), k)  # type: ignore[arg-type]
                  for g, (c, k) in groups.items()}

    lengths: dict[str, set[int]] = {}
    for key in table:
        lengths.setdefault(key[0], set()).add(len(key))
    return ActorIndex(
        named=tuple(named),
        kinds=MappingProxyType(kind_map),
        countries=MappingProxyType(countries),
        periods=MappingProxyType({k: tuple(v) for k, v in periods.items()}),
        ethnic=MappingProxyType(ethnic_map),
        phrases=MappingProxyType({k: tuple(v) for k, v in table.items()}),
        lengths=MappingProxyType({k: tuple(sorted(v, reverse=True)) for k, v in lengths.items()}),
        suffixes=suffixes,
        owner_suffixes=owners,
        stance_prefixes=stances,
    )


@functools.cache
def _load_bundled() -> ActorIndex:
    return build_index(_jsonl("actors.jsonl"), _jsonl("actor_kinds.jsonl"), _tsv("demonyms.tsv"),
                       _tsv("governments.tsv"), _tsv("ethnic_groups.tsv"))


_PERIOD = re.compile(r"\s*\(\d{4}-(?:\d{4})?\)")
_PAREN_COUNTRY = re.compile(r"\((?P<country>[^()]*[A-Za-z][^()]*)\)\s*$")
_STATE_PREFIXES = ("Military Forces of ", "Police Forces of ", "Government of ",
                   "Prison Guards of ")


def actor_country(name: str) -> str:
    """The country written in an ACLED actor name, or "".

    "Civilians (Kenya)" -> "Kenya"; "Military Forces of Kenya (2013-2022)" -> "Kenya";
    "Military Forces of the Democratic Republic of Congo (2019-)" -> "Democratic Republic
    of Congo"; "Al Shabaab" -> "".
    """
    paren = _PAREN_COUNTRY.search(name)
    if paren:
        return paren.group("country").strip()
    base = _PERIOD.split(name, maxsplit=1)[0].strip()
    for prefix in _STATE_PREFIXES:
        if base.startswith(prefix):
            country = base[len(prefix):]
            return country[4:] if country.startswith("the ") else country
    return ""
