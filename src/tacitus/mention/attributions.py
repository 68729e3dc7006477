"""Who said it: "activist X told Outlet", "according to Y", "a source close to Z".

Sources become ``SourceDetail`` (name, role, outlet) with the words as evidence; an
analyst weighs a record by who reported it.
"""
from __future__ import annotations

import re
from typing import Iterator

from tacitus.lexicon import SPEECH
from tacitus.prefilter import Prefilter
from tacitus.types import SourceDetail, Span

_NAME = r"(?P<name>[A-Z][\w'’.-]+(?:\s+(?:al-|el-|bin\s+|ibn\s+|van\s+|de\s+|da\s+)?[A-Z][\w'’-]+){1,3})"
_ROLE_WORD = r"(?<![\w-])(?:[a-z][\w-]*|[A-Z][a-z-]+(?=\s+[a-z]))"
_SAY = SPEECH.pattern("source")
_OUTLET = r"(?P<outlet>(?:the\s+)?[A-Z][\w&.'’-]*(?:\s+(?:of\s+)?[A-Z][\w&.'’-]*){0,4})"

# "local journalist Sara Mansour told Radio Dalsan"
_ROLE_NAME_SAYS = re.compile(
    rf"(?P<role>(?:{_ROLE_WORD}\s+){{0,4}}){_NAME},?\s+{_SAY}(?:\s+(?:to\s+)?{_OUTLET})?"
)
# "Carlos Mendoza, the mayor of Tumaco, said ..."
_NAME_ROLE_SAYS = re.compile(
    rf"{_NAME},\s+(?:a|an|the)\s+(?P<role>[\w\s'’-]{{3,60}}?),\s+{_SAY}(?:\s+(?:to\s+)?{_OUTLET})?"
)
# "..., said Amina Warsame, a local official in Baidoa."
_SAYS_NAME_ROLE = re.compile(
    rf"{SPEECH.pattern('source_after')}\s+{_NAME}(?:,\s+(?:a|an|the)\s+(?P<role>[\w\s-]{{3,60}}?))?(?=[,.;]|\s+(?:who|in|at|of|from|with|to)\b|$)"
)
# "a doctor in the national hospital told Radio X, speaking on condition of anonymity"
_ANONYMOUS = re.compile(
    rf"\b(?i:an?|one|the)\s+(?P<role>(?:(?:local|military|security|police|medical|hospital|senior|government|health|tribal)\s+)?"
    rf"(?:source|doctor|official|officer|witness|resident|medic|nurse|spokesman|spokesperson|commander|activist|journalist)"
    rf"(?:\s+(?:close to|in|at|from|with|of)\s+(?:the\s+)?[\w-]+(?:\s+[\w-]+){{0,3}}?)?)"
    rf"\s+(?:also\s+)?(?:{_SAY}|speaking)(?:\s+(?:to\s+)?{_OUTLET})?"
)
# "residents said", "medical sources reported", "a local elected official told AFP"
_UNNAMED = re.compile(
    rf"\b(?P<role>(?:(?i:local|some|several|two|three|medical|security|hospital|military|police|government|"
    rf"elected|humanitarian|health|provincial|district|tribal|civil society|rights)\s+){{0,3}}"
    rf"(?i:residents|witnesses|eyewitnesses|survivors|villagers|officials|sources|activists|medics|rescuers|"
    rf"relatives|official|resident|witness|survivor|trader|worker|elder|elders|farmer|teacher|nurse))"
    rf"\s+(?:also\s+)?(?:{_SAY}|say)(?:\s+(?:to\s+)?{_OUTLET})?"
)
_ACCORDING = re.compile(r"\b(?i:according to)\s+(?P<who>[^,.;]{3,80})")
_SPEAKING_TO = re.compile(rf"speaking to\s+{_OUTLET}")
_STOP_ROLE = {"and", "the", "a", "an", "of", "in", "on", "at", "to", "said", "told", "while", "as",
              "that", "with", "by", "from", "for", "he", "she", "they", "it", "also"}
_NOT_NAMES = {"The", "This", "That", "He", "She", "They", "It", "We", "I", "Police", "Army", "Officials"}
# Of the patterns above, those a sentence may match, from one scan for the words each needs
# ("said", "according to": tacitus.prefilter); most sentences hold none of them.
_MAY_MATCH = Prefilter.anywhere({p: p for p in (_ANONYMOUS, _NAME_ROLE_SAYS, _ROLE_NAME_SAYS, _SAYS_NAME_ROLE,
                                                _UNNAMED, _ACCORDING)})


def read_attributions(sentence: str, offset: int, outlet: str = "") -> tuple[SourceDetail, ...]:
    """Sources named in ``sentence``; ``outlet`` is the article's, used when none is said."""
    found: list[SourceDetail] = []
    taken: list[tuple[int, int]] = []
    wanted = _MAY_MATCH.candidates(sentence, sentence.lower())

    def matches(pattern: re.Pattern[str]) -> Iterator[re.Match[str]]:
        return pattern.finditer(sentence) if pattern in wanted else iter(())

    def add(m: re.Match[str], name: str, role: str, said_to: str) -> None:
        if any(m.start() < e and s < m.end() for s, e in taken):
            return
        taken.append((m.start(), m.end()))
        name, title = _without_title(name)
        role = role or title
        span = Span(offset + m.start(), offset + m.end(), m.group())
        found.append(SourceDetail(name=name, role=role, outlet=said_to or outlet, evidence=span))

    for m in matches(_ANONYMOUS):
        add(m, "", m.group("role").strip(), _outlet(m, sentence))
    for m in matches(_NAME_ROLE_SAYS):
        if m.group("name").split()[0] not in _NOT_NAMES:
            add(m, m.group("name"), m.group("role").strip(), _outlet(m, sentence))
    for m in matches(_ROLE_NAME_SAYS):
        name = m.group("name")
        if name.split()[0] in _NOT_NAMES:
            continue
        add(m, name, _clean_role(m.group("role")), _outlet(m, sentence))
    for m in matches(_SAYS_NAME_ROLE):
        if m.group("name").split()[0] in _NOT_NAMES:
            continue
        add(m, m.group("name"), _clean_role(m.group("role") or ""), _outlet(m, sentence))
    for m in matches(_UNNAMED):
        add(m, "", re.sub(r"^(?:the|a|an)\s+", "", m.group("role").strip(), flags=re.I), _outlet(m, sentence))
    for m in matches(_ACCORDING):
        who = re.sub(r"^(?:the|a|an)\s+", "", m.group("who").strip())
        split = re.match(r"(?P<role>(?:[a-z][\w-]*\s+)*)(?P<name>[A-Z].*)?$", who)
        role = split.group("role").strip() if split else who
        name = (split.group("name") or "") if split else ""
        if len(name.split()) <= 8:
            add(m, name, role, "")
    return tuple(found)


# Ranks and honorifics before a name belong to the role: "Colonel Andrés Rojas", "Mrs
# Ladi Gyang", "Mama Furaha Kavira" are Andrés Rojas, Ladi Gyang and Furaha Kavira.
_TITLES = frozenset(
    "mr mr. mrs mrs. ms ms. dr dr. mama madam sheikh colonel col col. major maj maj. general gen "
    "gen. captain capt capt. lieutenant lt lt. brigadier brig brig. sergeant sgt sgt. commander "
    "senator sen. governor gov. hon hon. honourable honorable professor prof prof. reverend rev "
    "rev. bishop father imam chief".split())


def _without_title(name: str) -> tuple[str, str]:
    words = name.split()
    if len(words) >= 3 and words[0].lower() in _TITLES:
        return " ".join(words[1:]), words[0].rstrip(".").lower()
    return name, ""


def _clean_role(words: str) -> str:
    """Keep the trailing run of role words: 'reported by local media activist' -> 'local media activist'."""
    kept: list[str] = []
    for w in reversed(words.split()):
        if w.lower() in _STOP_ROLE:
            break
        kept.append(w)
    return " ".join(reversed(kept))


def _outlet(m: re.Match[str], sentence: str) -> str:
    said_to = (m.groupdict().get("outlet") or "").strip()
    if not said_to:
        rest = _SPEAKING_TO.search(sentence, m.end(), m.end() + 40)
        said_to = rest.group("outlet").strip() if rest else ""
    return re.sub(r"^the\s+", "", said_to).rstrip(".,;:")
