"""Casualty counts in a sentence: how many killed, injured, or 'casualties' (killed and
wounded together, never a death toll), each tied to the words that say it.

Works on tokens found by a regular expression, not on the parse, so it runs on every
sentence cheaply. A count is read either after its verb ("killing 5 people", "the
death of dozens") or before it ("12 militants including 2 commanders were killed").
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from tacitus.facts import Casualty
from tacitus.facts import CasualtyKind as Kind
from tacitus.lexicon import MONTHS, SPEECH, Lexicon, PersonNouns, Quantity
from tacitus.prefilter import Prefilter
from tacitus.types import Span

_TOKEN = re.compile(r"\d{1,3}(?:,\d{3})+|\d+|[A-Za-z’'][\w’'-]*|[^\w\s]")
# Verb phrases, longest first; "killed and wounded" must win over "killed".
_CASUALTIES = (
    r"(?:killed|dead) (?:and|or) (?:wounded|injured)|casualties|"
    r"(?:killing|killed) and (?:wounding|injuring)"
)
_KILLED = (
    r"kills|lynches|murders|beheads|executes|executing|shooting dead|shoots dead|shoot dead|shot dead|shot and killed|gunned down|lost (?:their|his|her) lives?|"
    r"(?:hacked|beaten|burned|burnt|stabbed|stoned|clubbed|lynched|bludgeoned) to death|"
    r"killed|killing|kill|dead|died|slain|perished|murdered|executed|beheaded|lynched|massacred|"
    r"succumbed|fatalities|deaths|death of|death toll|bodies|corpses|lifeless|to death"
)
_INJURED = r"wounded|injured|hurt|injuries|maimed|injuring|wounding"
_WORD_START = r"(?<![\w-])"
_VERB = re.compile(
    rf"{_WORD_START}(?:(?P<cas>{_CASUALTIES})|(?P<kill>{_KILLED})|(?P<inj>{_INJURED}))(?![\w-])",
    re.IGNORECASE,
)
# Whether _VERB can match a sentence at all, from one scan for the words its matches
# begin with (exact: tacitus.prefilter): a third of the cost of searching for it, and
# most sentences tell no toll.
_MAY_TELL = Prefilter.of({"verb": _VERB}, _WORD_START)
# Words after which a number that follows is the count: "killing 5", "left 3 dead".
_COUNT_FOLLOWS = re.compile(
    r"^(?:killing|killed|kill|kills|lynches|murders|beheads|executes|executing|shooting dead|shoots dead|shoot dead|death of|wounding|injuring|wounded|injured|casualties|shot dead|"
    r"gunned down|shot and killed|murdered|executed|beheaded|lynched|massacred|"
    r"(?:hacked|beaten|burned|burnt|stabbed|stoned|clubbed|bludgeoned) to death|"
    r"killed and wounded|killed and injured|killed or wounded|killing and wounding|"
    r"killing and injuring|death toll|bodies|corpses)$",
    re.IGNORECASE,
)
_QUALIFIER = re.compile(
    r"(?:at least|no fewer than|not less than|a minimum of|more than|over|in excess of|"
    r"nearly|almost|about|around|approximately|roughly|an estimated|some|up to|as many as|"
    r"fewer than|less than|under)$",
    re.IGNORECASE,
)
_NOT_A_COUNT_AFTER = {
    "days", "day", "weeks", "week", "months", "month", "years", "year", "hours", "hour",
    "minutes", "km", "kilometres", "kilometers", "miles", "metres", "meters", "percent", "%",
    "am", "pm", "times", "o'clock", "-year-old", "year-old", "vehicles", "houses", "homes",
    "shells", "rounds", "rockets", "mortar", "mortars", *MONTHS,
}
_MONTHS = frozenset(MONTHS)
_BREAKDOWN = {"including", "among", "whom", "includes", "included", "them", "mostly", "mainly"}
_CLAUSE_BREAK = {";", "when", "after", "while", "whereas", "but", "before", "as", ":"}
# The report itself doubts the figure: "a claim that could not be independently verified".
_UNVERIFIED = re.compile(
    r"\b(?:could not|cannot|can ?not|couldn't|can't) (?:be )?(?:independently )?(?:verif|confirm)\w*|"
    r"\bunverifi\w*|\bnot (?:been )?(?:independently )?verified|dismissed (?:\w+ ){0,2}as (?:propaganda|false|"
    r"lies|exaggerat\w*)",
    re.IGNORECASE,
)
# Counts an armed group gives of its own success, through its media (the Taliban's Voice
# of Jihad, the Islamic State's Amaq and al-Naba, al-Shabaab's Andalus and al-Kataib) or
# in its own name: claims, never the toll.
_PARTISAN = re.compile(
    r"\b(?:VoJ|Voice of Jihad|Amaq|al-?Naba|Andalus|al-?Kataib|al-?Emarah)\b|"
    r"\b(?:the group|the militants|the insurgents|the rebels|the jihadists)\s+" + SPEECH.pattern("claim") + r"\b"
    r"|\b(?:its|their) fighters (?:had |have )?(?:killed|shot dead)\b",
    re.IGNORECASE)
_CLAIM = re.compile(r"\bclaim(?:s|ed|ing)?\b|\bpropaganda\b", re.IGNORECASE)
_CORROBORATION = re.compile(
    r"confirm|received|hospital|morgue|mortuary|autopsy|post-mortem|death toll|toll (?:rose|climbed|stands|stood)",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class _Token:
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class _Count:
    value: Quantity
    qualifier: str
    start: int  # token index of the first token (qualifier included)
    end: int  # token index after the number phrase
    noun: str


def read_casualties(
    sentence: str, offset: int, lexicon: Lexicon, persons: PersonNouns
) -> tuple[Casualty, ...]:
    """Every casualty count in ``sentence`` (which starts at ``offset`` in the article)."""
    verbs = list(_VERB.finditer(sentence)) if _MAY_TELL.candidates(sentence, sentence.lower()) else []
    if not verbs:
        return ()  # most sentences tell no toll: no need to tokenise them
    tokens = [_Token(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(sentence)]
    if not tokens:
        return ()
    corroborating = bool(_CORROBORATION.search(sentence))
    # Only a side's claim: "20 were killed, a toll that could not be verified" still counts.
    unverified = bool(_UNVERIFIED.search(sentence)) and bool(_CLAIM.search(sentence)) \
        or bool(_PARTISAN.search(sentence))
    found: list[Casualty] = []
    used_until = 0  # token index: a count is read once
    for verb in verbs:
        kind: Kind = "casualties" if verb.group("cas") else "killed" if verb.group("kill") else "injured"
        v_first = _token_at(tokens, verb.start())
        v_last = _token_at(tokens, verb.end() - 1)
        if v_first is None or v_last is None:
            continue
        count = None
        if _COUNT_FOLLOWS.match(verb.group()):
            count = _count_after(tokens, v_last + 1, lexicon, persons)
        if count is None and kind == "killed" and verb.group().lower().endswith("toll"):
            count = _updated_toll(sentence, verb.end(), tokens, lexicon, persons)
        if count is None:
            count = _count_before(tokens, max(used_until, 0), v_first, lexicon, persons)
        if count is None:
            continue
        used_until = max(count.end, v_last + 1)
        first, last = min(count.start, v_first), max(count.end - 1, v_last)
        civilians = _civilians(tokens, count, last, lexicon, persons)
        low, best, high = _range(count, tokens, lexicon)
        if kind == "casualties":
            # Killed and wounded together: at least one death may be implied, never N deaths.
            low, best, high = (1 if best else 0), 0, best
        if unverified and kind == "killed":
            low, best, high, civilians = 0, 0, max(best, high or 0), 0
        start, end = tokens[first].start, tokens[last].end
        found.append(Casualty(
            kind=kind, low=low, best=best, high=high, civilians=civilians,
            vague=count.value.kind == "vague", corroborating=corroborating,
            evidence=Span(offset + start, offset + end, sentence[start:end]),
            unverified=unverified and kind == "killed", noun=count.noun,
        ))
    return tuple(found)


# "The death toll from Saturday's attack has risen to 15", "put the toll at 12": the
# figure follows the verb that updates the toll, however long the toll's own phrase.
_TOLL_UPDATE = re.compile(
    r" (?:at|to)\s+(?=\S)"
    r"|[^.;]{0,160}?\b(?:(?:has|had|have) )?(?:risen|rose|climbed|jumped|increased|reached|"
    r"stands?|stood|is now|was now|now stands)(?: (?:at|to))?\s+(?=\S)",
    re.IGNORECASE)


def _updated_toll(sentence: str, after: int, tokens: list[_Token], lexicon: Lexicon,
                  persons: PersonNouns) -> _Count | None:
    """The count a toll has been revised to, read after its updating verb."""
    update = _TOLL_UPDATE.match(sentence, after)  # match() anchors at ``after``
    if update is None:
        return None
    first = _token_at(tokens, update.end())
    if first is None:
        return None
    return _count_at(tokens, first, lexicon, persons, after_verb=True)


def _token_at(tokens: list[_Token], char: int) -> int | None:
    for i, t in enumerate(tokens):
        if t.start <= char < t.end:
            return i
    return None


def _number_at(tokens: list[_Token], i: int, lexicon: Lexicon) -> tuple[Quantity, int] | None:
    """The number phrase starting at token i (up to four tokens long) and its end index."""
    for n in (4, 3, 2, 1):
        if i + n > len(tokens):
            continue
        words = [t.text for t in tokens[i:i + n]]
        phrase = " ".join(words).replace(" - ", "-")
        q = lexicon.quantity(phrase)
        if q is None and n >= 3 and "-" in words:
            q = lexicon.quantity("".join(words))  # "twenty - one" tokenised apart
        if q is not None:
            return q, i + n
    return None


def _count_at(tokens, i, lexicon, persons, after_verb: bool = False) -> _Count | None:
    """A count starting at token i: optional qualifier, number, then a plausible noun."""
    qualifier, j = "", i
    for n in (3, 2, 1):
        phrase = " ".join(t.text for t in tokens[i:i + n]).lower()
        if i + n <= len(tokens) and _QUALIFIER.match(phrase):
            qualifier, j = phrase, i + n
            break
    num = _number_at(tokens, j, lexicon)
    if num is None:
        return None
    value, k = num
    after = tokens[k].text.lower() if k < len(tokens) else ""
    if after in _NOT_A_COUNT_AFTER or after.startswith("-year") or after == "year-old":
        return None
    before = tokens[j - 1].text.lower() if j > 0 else ""
    if before == "no":
        return None  # "no one was killed": nobody, not one
    if before in _MONTHS or (not after_verb and before in {"aged", "age", "of"}
                             and value.kind == "exact" and not qualifier):
        return None
    if value.kind == "exact" and value.value >= 1900 and value.value <= 2100:
        return None  # a year
    noun = _noun_after(tokens, k, persons)
    if value.kind == "article" and not noun:
        return None  # "a", "an" count only before a person: "a man", "an officer"
    if value.kind == "vague" and value.value < 10 and not noun:
        return None  # "some", "several" alone are not counts
    return _Count(value, qualifier, i, k, noun)


def _noun_after(tokens, k, persons: PersonNouns) -> str:
    """The person noun within three words after a number ('12 Taliban militants')."""
    for t in tokens[k:k + 4]:
        w = t.text.lower()
        if w in persons.any:
            return w
        if not re.match(r"[\w’'-]+$", w) or w in {"were", "was", "and", "have", "had", "are"}:
            break
    return ""


def _count_after(tokens, i, lexicon, persons) -> _Count | None:
    for k in (i, i + 1):
        # "raiders kill girl", "mob lynches murder suspect": a bare singular is one.
        if k < len(tokens) and tokens[k].text.lower() in _SINGULAR and tokens[i].text[:1].isalpha() \
                and tokens[i].text.lower() not in {"a", "an", "his", "her", "their", "its"}:
            return _Count(Quantity(1, "exact"), "", k, k + 1, tokens[k].text.lower())
    if i + 2 < len(tokens) and tokens[i].text.lower() == "and" and _CHAINED_VERB.match(tokens[i + 1].text):
        i += 2  # "lynched and burned three men": the count follows the second verb
    for j in range(i, min(i + 2, len(tokens))):
        c = _count_at(tokens, j, lexicon, persons, after_verb=True)
        if c is not None:
            return _and_more(tokens, c, lexicon, persons)
        word = tokens[j].text.lower()
        if j == i and word in {"him", "her"}:
            return _Count(Quantity(1, "exact"), "", j, j + 1, "")  # "and killed him"
        if j == i and word in {"a", "an"} and j + 1 < len(tokens) and tokens[j + 1].text[:1].isalpha():
            # "killed a suspected criminal": the object of a killing is a person.
            return _Count(Quantity(1, "article"), "", j, j + 1, "")
        if tokens[j].text.lower() not in {"at", "least", "the", "off"} and not (
                tokens[j].text.lower() == "of" and j > 0 and tokens[j - 1].text.lower() in {"bodies", "corpses"}):
            break
    return None


# A second verb joined to a killing verb: "lynched and burned", "attacked and beheaded".
_CHAINED_VERB = re.compile(r"^(?:[a-z]+ed|burnt|beat|shot|slew|stabbed)$", re.IGNORECASE)


_SINGULAR = {"man", "woman", "boy", "girl", "child", "soldier", "policeman", "officer", "civilian",
             "farmer", "herder", "trader", "student", "teacher", "driver", "suspect", "chief",
             "pastor", "priest", "imam", "elder", "resident", "villager", "journalist", "official",
             "activist", "businessman", "guard", "commander", "militant", "teenager", "person",
             "cleric", "clerk", "legislator", "politician", "councillor", "reservist", "ranger",
             "constable", "sergeant", "inspector", "detective", "policewoman", "herdsman", "rider",
             "operator", "thief", "robber", "rapist", "worker", "husband", "wife", "son", "daughter",
             "father", "mother", "baby", "infant", "pupil", "doctor", "nurse", "motorist",
             "pedestrian", "watchman", "businesswoman", "lawyer", "candidate", "bodyguard",
             "warder", "cop", "fisherman", "shopkeeper", "headman", "catechist", "monk",
             "nun", "missionary", "victim", "aspirant", "chairman", "leader", "fighter", "gunman"}


def _and_more(tokens, c: _Count, lexicon, persons) -> _Count:
    """'killing three civilians and five police': the groups add up."""
    k = c.end
    while k < len(tokens) and tokens[k].text.lower() not in {"and", ",", ";", "."} and k - c.end < 4:
        k += 1
    if k + 1 < len(tokens) and tokens[k].text.lower() == "and" and c.noun:
        more = _count_at(tokens, k + 1, lexicon, persons, after_verb=True)
        # "a man and a woman" count two: an article before a person noun is one.
        if more is not None and more.noun and more.value.kind in {"exact", "article"}:
            return _Count(Quantity(c.value.value + more.value.value, c.value.kind), c.qualifier,
                          c.start, more.end, c.noun)
    return c


def _count_before(tokens, lo, verb, lexicon, persons) -> _Count | None:
    """The leftmost count of the clause before the verb that is not a breakdown."""
    start = lo
    for j in range(verb - 1, lo - 1, -1):
        if tokens[j].text.lower() in _CLAUSE_BREAK:
            start = j + 1
            break
    total: _Count | None = None
    j = start
    while j < verb:
        prev = tokens[j - 1].text.lower() if j > 0 else ""
        c = _count_at(tokens, j, lexicon, persons)
        if c is None or c.end > verb + 1:
            j += 1
            continue
        if prev in _BREAKDOWN:
            j = c.end
            continue
        if total is None:
            total = c
        elif prev == "and" and c.value.kind != "vague" and total.noun and c.noun:
            # "a man and his son", "three soldiers and two civilians": one count, summed.
            total = _Count(Quantity(total.value.value + c.value.value, total.value.kind),
                           total.qualifier, total.start, c.end, total.noun)
        j = c.end
    if total is None and _negated(tokens, start, verb):
        return None
    if total is None:
        subject = _singular_subject(tokens, start, verb)
        if subject is not None:
            return subject
    if total is None and verb >= 1 and tokens[verb - 1].text.lower() in {"was", "been"}:
        for j in range(start, verb):
            if tokens[j].text.lower() in {"a", "an"} and tokens[j - 1].text.lower() not in _BREAKDOWN:
                # "a suspected Al Shabaab returnee was killed": one person, whatever the noun.
                return _Count(Quantity(1, "article"), "", j, j + 1, "")
    if total is not None:
        words = [t.text.lower() for t in tokens[total.end:verb]]
        # Possessive persons joined by 'and' add one each: "a man and his son".
        for i, (a, b) in enumerate(zip(words, words[1:])):
            if a == "and" and b in {"his", "her", "their"} and persons.any & set(words[i + 2:i + 8]):
                total = _Count(Quantity(total.value.value + 1, total.value.kind),
                               total.qualifier, total.start, total.end, total.noun)
    return total


_NEGATION = {"no", "nobody", "none", "not", "never", "neither"}
# Words between a subject and its verb that do not change who died: "was reportedly shot dead".
_AUXILIARIES = {"was", "is", "has", "had", "been", "reportedly", "allegedly", "later", "also",
                "then", "subsequently", "fatally", "being"}


def _negated(tokens, start: int, verb: int) -> bool:
    return any(t.text.lower() in _NEGATION for t in tokens[start:verb])


def _singular_subject(tokens, start: int, verb: int) -> _Count | None:
    """'Pastor killed', 'A Muslim cleric died', 'The driver was shot dead': one person
    named right before the verb (auxiliaries and adverbs skipped) is one death."""
    j = verb - 1
    while j >= start and tokens[j].text.lower() in _AUXILIARIES:
        j -= 1
    if j < start or tokens[j].text.lower() not in _SINGULAR:
        return None
    if j > 0 and tokens[j - 1].text.lower() in {"every", "each", "per", "no"}:
        return None
    return _Count(Quantity(1, "exact"), "", j, j + 1, tokens[j].text.lower())


def _civilians(tokens, count: _Count, last: int, lexicon, persons) -> int:
    """Civilians among the dead: the count's own noun, or 'including N civilians'."""
    # Each group of the count that is civilian: "three civilians and five police" -> 3.
    civilian, armed_or_unknown = 0, False
    j = count.start
    while j < count.end:
        num = _number_at(tokens, j, lexicon)
        if num is None:
            j += 1
            continue
        noun = _noun_after(tokens, num[1], persons)
        if noun in persons.civilian:
            civilian += num[0].value
        elif noun:
            armed_or_unknown = True
        j = num[1]
    if civilian and not armed_or_unknown:
        return count.value.value  # "a woman and her daughter": all of them
    if civilian:
        return min(civilian, count.value.value)
    window = tokens[count.end: min(len(tokens), last + 12)]
    for j, t in enumerate(window):
        if t.text.lower() in {"and", ";", "while", "whereas", "but", "."} and j + 1 < len(window) \
                and _number_at(window, j + 1, lexicon) is not None:
            break  # "5 soldiers were killed and 15, including 5 civilians, wounded": another count
        if t.text.lower() in {"including", "among"}:
            c = _count_after(window, j + 1, lexicon, persons)
            if c is not None and c.noun in persons.civilian:
                return c.value.value
    return 0


def _range(count: _Count, tokens, lexicon) -> tuple[int, int, int | None]:
    n = count.value.value
    q = count.qualifier
    # "between 10 and 15", "10 to 15", "10-15": the lower figure, the range kept.
    nxt = [t.text.lower() for t in tokens[count.end:count.end + 2]]
    between = count.start > 0 and tokens[count.start - 1].text.lower() == "between"
    joiners = {"to", "-", "or", "and"} if between else {"to", "-"}
    if len(nxt) == 2 and nxt[0] in joiners:
        upper = lexicon.quantity(nxt[1])
        if upper is not None and upper.value > n:
            return n, n, upper.value
    if q in {"up to", "as many as", "fewer than", "less than", "under"}:
        return (1 if n else 0), n, n
    return n, n, None
