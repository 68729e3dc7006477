"""Place mentions: capitalised name sequences looked up in the gazetteer, with their cue.

spaCy's entity labels are not used: they call Arabic and many African and Asian place
names PERSON or ORG. Instead every capitalised run of 1-4 tokens (lower-case inner
articles allowed: "Deir ez-Zor", "Dar es Salaam") is looked up, longest first, and
kept when it names a gazetteer place and is not a common word, a first name, a
demonym or an actor's name -- unless its context makes it a place ("the town of X").
"""
from __future__ import annotations

import re
from dataclasses import replace

from tacitus.facts import PlaceMention
from tacitus.lexicon import LOCATIVES, PLACE_ABBREVIATIONS, PLACE_KINDS, ROADS, SPEECH
from tacitus.places.attaching import attach
from tacitus.places.gazetteer.index import Gazetteer
from tacitus.places.gazetteer.normalise import fold, key
from tacitus.places.words import demonym_adjectives, ethnic_names, stopwords
from tacitus.types import Place, Span

_WORD = re.compile(r"[^\W\d_]+(?:['’ʿ`\-][^\W\d_]+)*(?:['’]s)?", re.UNICODE)
_ARTICLE_PREFIX = re.compile(r"^(?:al|el|ad|ar|as|az|an|at|ash|ad-d|as-s|ed|ez|es|en)[-’']\w",
                             re.IGNORECASE)
_INNER = frozenset("al el ad ar as az an at ash ath ed ez es et en ul de del da do dos das di of "
                   "la le du des bin ibn bani i e ye wa va".split())
_MAX_TOKENS = 4
_KINDS = PLACE_KINDS.words("find")
_KIND_RE = "|".join(sorted(_KINDS, key=len, reverse=True))
# Kind words after a common word that make it a place ("Forest village"); "Police camp",
# "Market area" or "Border suburb" name a facility or a part of town, not a place called so.
_SETTLEMENT_KINDS = frozenset(PLACE_KINDS.words("settlement"))
# "landings at Paradise Bay", "the Victory Monument", "International Workers Day": a
# landform or landmark word after a capitalised word ends a name the gazetteer does not
# know; alone it is no town called Bay, Monument or Day
_NAME_ENDS = frozenset(PLACE_KINDS.words("landform") + PLACE_KINDS.words("landmark"))
# A person's surname said again alone is still the person, unless it also names a town
# this big ("Pulse Orlando" names no one called Orlando)
_PERSON_TOWN = 100_000
_DIR = r"(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)"
# Cues read backwards from the name: the text just before it must end with one of these.
_BEFORE = (
    ("outskirts", re.compile(r"\b(?:the\s+)?(?:outskirts|suburbs|environs|vicinity|edge|"
                             r"periphery)\s+of\s+(?:the\s+)?$", re.I)),
    ("countryside", re.compile(r"\b(?:the\s+)?(?:\w+\s+)?countryside\s+of\s+(?:the\s+)?$", re.I)),
    ("near", re.compile(r"\b(?:near|nearby|close\s+to|not\s+far\s+from|outside(?:\s+of)?|"
                        r"(?:in\s+)?(?:the\s+)?(?:close\s+|immediate\s+)?proximity\s+(?:to|of))\s+"
                        r"(?:the\s+)?$", re.I)),
    ("dir of", re.compile(r"\b(?:\d+\s*(?:km|kilometres|kilometers|miles)\s+)?(" + _DIR +
                          r")\s+of\s+(?:the\s+)?$", re.I)),
    ("kind of", re.compile(r"\b(?:the\s+)?(" + _KIND_RE + r")\s+of\s+$", re.I)),
    ("part", re.compile(r"\b(northern|southern|eastern|western|central|north-?eastern|"
                        r"north-?western|south-?eastern|south-?western|rural|greater)\s+$",
                        re.I)),
)
# "X district center" names the district's seat town, not the district around it.
_SEAT = PLACE_KINDS.pattern("seat")
# The kind word may follow a bracketed second name ("Andar (Shalgar) district") or close
# one ("Shalgar) district"), and may be plural after a list ("Nad Ali and Sangin districts").
_AFTER = re.compile(r"(?:['’]s)?(?:\s*\([^()\n]{1,40}\)|\))?\s+"
                    r"(?:(?:eastern|western|northern|southern|rural)\s+)?"
                    r"(?:military\s+)?(" + _SEAT + "|" + _KIND_RE +
                    r"|airport|air\s+base|airbase)(s)?\b", re.I)
# What joins the names of a list that one plural kind word closes.
_LIST_JOIN = re.compile(r"^(?:\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*)$")
# The word just before a name that any _BEFORE cue ends with.
_CUE_LAST = frozenset("of near nearby outside to from the northern southern eastern western "
                      "central north-eastern northeastern north-western northwestern "
                      "south-eastern southeastern south-western southwestern rural "
                      "greater".split())
_TITLES = frozenset("mr mrs ms dr president general gen colonel col commander minister governor "
                    "spokesman spokeswoman leader king prince emir imam pope senator captain "
                    "lieutenant major sergeant brigadier judge professor prof secretary ambassador envoy "
                    "chancellor premier mayor chief sheikh sheik cleric ayatollah mullah pastor bishop "
                    "congressman congresswoman deputy admiral marshal".split())
_SPEECH = re.compile(r"\s+" + SPEECH.pattern("names") + r"\b")
_ORG_HEADS = frozenset("forces army front brigade brigades battalion council party movement "
                       "regiment militia group organization organisation union liberation "
                       "revolutionary guard guards committee ministry agency news times post "
                       "tribune herald network radio tv television observatory".split())
# "the Department of Homeland Security": an office's name and "of" before a run of
# capitalised words make the run the rest of its name, whatever its words ("students of
# Laikipia University" are at Laikipia)
_OF_NAME = re.compile(r"\b(?:Department|Ministry|Office|Bureau|Secretary|Minister|Agency|Commission|"
                      r"Council|Committee|Board|Authority|Institute)\s+of\s+$")
# Lower-case heads that make the name before them an organisation's.
_PARTY_WORDS = frozenset("party parties movement militia militias brigade brigades".split())
_PLACE_KINDS_STRONG = ("country", "admin1")
_LOCATIVE = frozenset(LOCATIVES.words("before_place"))
_DIRS = ("north", "south", "east", "west")


def demonym_countries(text: str) -> frozenset[str]:
    """The countries whose adjective the text uses ("an Iraqi army patrol" -> IQ)."""
    known = demonym_adjectives()
    return frozenset(cc for w in _WORD.findall(text) if w[:1].isupper() and (cc := known.get(fold(w))))


def _capitalised(tok: str) -> bool:
    return tok[:1].isupper() or tok[:1] in "aAeE" and bool(_ARTICLE_PREFIX.match(tok))


def _strip_possessive(text: str, end: int) -> int:
    """End offset without a trailing "'s" ("Kabul's airport" -> "Kabul")."""
    if text[end - 2:end] in ("'s", "’s"):
        return end - 2
    return end


def _cue_before(text: str, start: int) -> tuple[str, int]:
    window = text[max(0, start - 48):start]
    base = start - len(window)
    last = window.rsplit(None, 1)[-1].lower() if window.strip() else ""
    if last not in _CUE_LAST:
        return "", start  # most names have no cue: skip the regexes
    for name, rx in _BEFORE:
        m = rx.search(window)
        if m:
            if name == "dir of":
                cue = m.group(1).lower().replace("-", "") + " of"
            elif name == "kind of":
                cue = m.group(1).lower() + " of"
            elif name == "part":
                cue = m.group(1).lower().replace("-", "")
            else:
                cue = name
            return cue, base + m.start()
    return "", start


def _cue_after(text: str, end: int) -> tuple[str, int]:
    m = _AFTER.match(text, end)
    if m:
        return re.sub(r"\s+", " ", m.group(1).lower()), m.end()
    return "", end


def _share_plural_cues(text: str, found: list[PlaceMention]) -> list[PlaceMention]:
    """"in Nad Ali, Sangin and Nawa districts": the plural kind word after the last name
    is the kind of every name in the list before it that has no cue of its own."""
    out = list(found)
    for k in range(len(out) - 1, 0, -1):
        last = out[k]
        if not last.cue or not last.phrase.text.lower().endswith(last.cue.split()[-1] + "s"):
            continue
        j = k
        while j > 0 and not out[j - 1].cue and \
                _LIST_JOIN.match(text[out[j - 1].span.end:out[j].span.start]):
            out[j - 1] = replace(out[j - 1], cue=last.cue)
            j -= 1
    return out


def find_places(text: str, gazetteer: Gazetteer) -> tuple[PlaceMention, ...]:
    """Every place named in ``text``, longest match first, in text order, each with what
    the words around it say about it (``tacitus.places.attaching``)."""
    toks = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]
    stop = stopwords()
    out: list[PlaceMention] = []
    seen: dict[str, tuple[Place, ...]] = {}
    people: set[str] = set()  # words read as the surname of someone the text named
    i = 0
    n = len(toks)
    while i < n:
        s0, _, t0 = toks[i]
        if not _capitalised(t0):
            i += 1
            continue
        found = _longest(text, toks, i, gazetteer, seen, stop, _lone_noise(text, toks, i, stop))
        if found is None:
            road = _road_start(text, toks[i], gazetteer, stop)
            if road is not None:
                out.append(road)
            i += 1
            continue
        j, end, cands, loose = found
        start = s0
        name = text[start:end]
        if j == i + 1 and fold(name) in people and not any(
                c.population >= _PERSON_TOWN or c.kind in _PLACE_KINDS_STRONG for c in cands):
            i = j  # "a handgun in Sterling's pocket" after "Alton Sterling": the man again
            continue
        if _RIVER.match(text, end):
            i = j  # "across the Dnipro river": a river, not the city named after it
            continue
        cue_b, phrase_start = _cue_before(text, start)
        cue_a, phrase_end = _cue_after(text, end)
        if _is_noise(text, toks, i, j, name, cands, cue_b, cue_a, stop, loose):
            if j == i + 1 and i > 0 and _surname(text, toks[i - 1], s0, stop):
                people.add(fold(name))  # "Governor Phil Bryant": Bryant, whom the text may name again
            # "Puli Alam": a one-word namesake ("Puli") inside a longer capitalised
            # name is not the place; the whole run, spelled loosely, may be.
            run = _run_end(text, toks, i)
            again = _longest(text, toks, i, gazetteer, seen, stop, loose_only=True) \
                if run > j else None
            if again is not None:
                j2, end, cands, loose = again
                name = text[start:end]
                cue_a, phrase_end = _cue_after(text, end)
            if again is None or _is_noise(text, toks, i, j2, name, cands, cue_b, cue_a, stop, loose):
                if run > i + 1:  # "Alton Lee Sterling": a name, its last word the surname
                    people.add(fold(text[toks[run - 1][0]:_strip_possessive(text, toks[run - 1][1])]))
                i = max(run, i + 1)
                continue
            j = j2
        # "near X district": the position word decides precision; "X district of Y
        # province": X's own kind word beats the "district of" that belongs to X.
        cue = cue_b if cue_b and not cue_b.endswith(" of") or cue_b.startswith(_DIRS) \
            else cue_a or cue_b
        if not (cue_b and cue == cue_b):
            phrase_start = start  # the before-cue belongs to another name
        out.append(PlaceMention(Span(start, end, name), cands, cue,
                                Span(phrase_start, phrase_end, text[phrase_start:phrase_end]),
                                loose))
        i = j
    return attach(text, _share_plural_cues(text, out))


# "the Eldoret-Kitale road", "the Nairobi-Mombasa highway": ACLED places an event on a
# road near the town it starts from; "the Eldoret-based weekly" names the town itself.
_RIVER = re.compile(r"\s+river\b", re.IGNORECASE)
_ROAD_AFTER = re.compile(r"\s+" + ROADS.pattern("road_start") + r"\b",
                         re.I)


def _road_start(text: str, tok: tuple[int, int, str], gaz: Gazetteer,
                stop: frozenset[str]) -> PlaceMention | None:
    """The town a hyphenated road name starts from (precision 2, as "near" it), or the
    town of an "X-based" phrase; None when the token is neither."""
    start, end, word = tok
    first, sep, rest = word.partition("-")
    if not sep or not rest:
        return None
    road = None
    if rest.lower() == "based":
        cue = ""
    elif rest[:1].isupper() and (road := _ROAD_AFTER.match(text, end)):
        cue = "near"
    else:
        return None
    if fold(first) in stop:
        return None
    cands = gaz.lookup_key(key(first))
    if not cands:
        return None
    phrase_end = road.end() if road else end
    return PlaceMention(Span(start, start + len(first), first), cands, cue,
                        Span(start, phrase_end, text[start:phrase_end]))


def _run_end(text: str, toks: list[tuple[int, int, str]], i: int) -> int:
    """The index after the capitalised run that starts at token i (at most _MAX_TOKENS)."""
    j = i + 1
    while j < len(toks) and j - i < _MAX_TOKENS and text[toks[j - 1][1]:toks[j][0]] == " " \
            and _capitalised(toks[j][2]) and not toks[j - 1][2].endswith(("'s", "’s")):
        j += 1
    return j


def _lone_noise(text: str, toks: list[tuple[int, int, str]], i: int,
                stop: frozenset[str]) -> bool:
    """Token i alone is a listed common word with no kind word around it: no lookup needed."""
    if fold(toks[i][2]) not in stop:
        return False
    if text[max(0, toks[i][0] - 4):toks[i][0]].lower().endswith("of "):
        return False  # "the town of Police"
    return not (i + 1 < len(toks) and toks[i + 1][2].lower() in _KINDS)


def _longest(text: str, toks: list[tuple[int, int, str]], i: int, gaz: Gazetteer,
             seen: dict[str, tuple[Place, ...]], stop: frozenset[str],
             skip_single: bool = False, loose_only: bool = False
             ) -> tuple[int, int, tuple[Place, ...], bool] | None:
    """The longest run starting at token i that names a place: (next index, end, places,
    found by the loose key)."""
    runs: list[int] = []  # candidate exclusive end indexes
    j = i
    while j < len(toks) and j - i < _MAX_TOKENS:
        s, e, t = toks[j]
        if j > i:
            gap = text[toks[j - 1][1]:s]
            abbreviated = gap == ". " and toks[j - 1][2].lower() in PLACE_ABBREVIATIONS  # "St. Paul"
            if gap not in (" ", "-") and not abbreviated or toks[j - 1][2].endswith(("'s", "’s")):
                break
            if not _capitalised(t) and t.lower() not in _INNER:
                break
        if _capitalised(t):
            runs.append(j + 1)
        j += 1
    for k in reversed(runs):
        if loose_only:
            break
        if k == i + 1 and skip_single:
            break
        end = _strip_possessive(text, toks[k - 1][1])
        name = text[toks[i][0]:end]
        nk = key(name)
        if nk not in seen:
            seen[nk] = gaz.lookup_key(nk)
        if seen[nk]:
            return k, end, seen[nk], False
        if k == runs[-1] and k - i > 1 and _AFTER.match(text, end):
            # "Dashti Qala district": a kind word after the whole run makes the run one
            # name, so its other spelling beats a namesake of its first word ("Dashti").
            loose = _loose_run(text, toks, i, k, gaz, stop)
            if loose is not None:
                return loose
    return _loose_run(text, toks, i, runs[-1], gaz, stop) if runs else None


def _loose_run(text: str, toks: list[tuple[int, int, str]], i: int, k: int, gaz: Gazetteer,
               stop: frozenset[str]) -> tuple[int, int, tuple[Place, ...], bool] | None:
    """Tokens i..k-1 found by the loose key, if they may be a transliterated name."""
    if not (_ARTICLE_PREFIX.match(toks[i][2]) or k - i > 1
            and not any(fold(t[2]) in stop for t in toks[i:k])):
        return None
    # "al-Mayadeen", "Nahri Shahi": a transliterated name spelled some other way; the
    # loose key (vowels and consonant spellings folded) is the lower-confidence fallback.
    end = _strip_possessive(text, toks[k - 1][1])
    loose = gaz.lookup_loose(text[toks[i][0]:end])
    return (k, end, loose, True) if loose else None


def _surname(text: str, prev: tuple[int, int, str], start: int, stop: frozenset[str]) -> bool:
    """The word before a one-word match makes it the end of a person's name: a first
    name (a capitalised word that is no common word, locative or place of its own) right
    before it, or an initial ("B. Allen")."""
    gap, word = text[prev[1]:start], prev[2]
    if gap == ". " and len(word) == 1 and word.isupper():
        return True
    return gap == " " and _capitalised(word) and fold(word) not in stop \
        and word.lower() not in _LOCATIVE and word.lower() not in _INNER


def _is_noise(text: str, toks: list[tuple[int, int, str]], i: int, j: int, name: str,
              cands: tuple[Place, ...], cue_b: str, cue_a: str, stop: frozenset[str], loose: bool = False) -> bool:
    """A capitalised word that is not a place here: common word, name, actor, demonym.
    ``loose``: found only by its loose spelling key, so no candidate is strong evidence."""
    kind_before = cue_b.endswith(" of") and cue_b.split()[0] in _KINDS
    kind_cue = kind_before or cue_a in _KINDS or cue_a.startswith("district ")
    words = [fold(t[2]).rstrip("s").rstrip("'’") if t[2].endswith(("'s", "’s")) else fold(t[2])
             for t in toks[i:j]]
    strong = any(c.kind in _PLACE_KINDS_STRONG for c in cands)
    if all(w in stop or w in _INNER for w in words):
        if kind_before or cue_a in _SETTLEMENT_KINDS or cue_a.startswith("district "):
            return False
        if len(words) == 1 or not strong:
            return True
    run = _run_end(text, toks, i)
    if len(words) == 1 and not strong and run > j and _AFTER.match(text, toks[run - 1][1]) \
            and not any(key(c.name) == key(name) for c in cands):
        # "Charsi village of Khwaja Baha Wuddin district": the kind word names the whole
        # run, so a town that merely has its first word among its other names is not it.
        return True
    if kind_cue or cue_b:
        return False
    if len(words) == 1 and toks[i][2].isupper() and (
            len(toks[i][2]) <= 3 or len(toks[i][2]) == 4 and not strong):
        return True  # "NGO", "TNA", "KANU": acronyms, not villages
    prev = toks[i - 1][2].lower() if i > 0 else ""
    if len(words) == 1 and words[0] in ethnic_names() and prev not in _LOCATIVE \
            and not any(c.kind in ("admin1", "admin2") for c in cands):
        return True  # "Maasai herders"; a group named like its county ("Kisii") stays
    if i > 0 and len(words) == 1 and words[0] in _NAME_ENDS and text[toks[i - 1][1]:toks[i][0]] == " " \
            and _capitalised(toks[i - 1][2]):
        return True  # "Paradise Bay", "Crystal Lake": the end of a name not in the gazetteer
    if i > 0 and fold(toks[i - 1][2]).rstrip(".") in _TITLES:
        return True  # "President Kabila", "General Dostum"
    if len(words) == 1 and words[0] in _TITLES and j < len(toks) and text[toks[j - 1][1]:toks[j][0]] == " " \
            and _capitalised(toks[j][2]):
        return True  # "King Abdullah", "General Dostum": a title, not the town named King
    if i > 0 and len(words) == 1 and (not strong or loose) and _surname(text, toks[i - 1], toks[i][0], stop):
        # "Governor Phil Bryant", "envoy Abdul Basi", "(B. Allen / VOA)"; "Sheikh Nimr
        # al-Nimr" is no province spelt like it
        return True
    if j < len(toks):
        nxt = toks[j][2]
        gap = text[toks[j - 1][1]:toks[j][0]]
        if gap == " " and _capitalised(nxt) and fold(nxt) in _ORG_HEADS:
            return True  # "Kirkuk Brigade", "Kabul News"
        if gap == " " and nxt in _PARTY_WORDS:
            return True  # "the Congress party", "the Amal movement"
        if gap == " " and _capitalised(nxt) and fold(nxt) not in _KINDS and j + 1 < len(toks) \
                and text[toks[j][1]:toks[j + 1][0]] == " " and toks[j + 1][2] in _KINDS:
            return True  # "the Chin Zai area": the whole run names an unknown place
        if gap == " " and _capitalised(nxt) and len(words) == 1 and not strong \
                and (fold(nxt) not in stop or _OF_NAME.search(text, max(0, toks[i][0] - 40), toks[i][0])):
            # "Hassan Qasim": an unknown capitalised word after a one-word match is
            # most often a surname; real places are rarely followed by one.
            return True
    if not strong and len(words) == 1 and _SPEECH.match(text, toks[j - 1][1]):
        return True  # "Juma said": people speak, villages do not
    return False
