"""Who did what to whom: an actor mention's role in its sentence, read from the parse.

"agent" is the attacker / doer (ACLED's actor1 where one is clear), "patient" the
target. A linear rule (before the trigger = agent, unless passive) is the fallback when
the parse does not link the actor to a predicate.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

Role = Literal["agent", "patient", ""]

_ATTACK_NOUNS = re.compile(
    r"^(?:attacks?|assaults?|strikes?|airstrikes?|raids?|bombardments?|shelling|offensive|"
    r"ambush(?:es)?|bombings?|fire|operations?|campaign|rocket|rockets|missiles?|shells?|"
    r"drones?|warplanes?|jets?|aircraft|planes?|forces|troops|fighters|militants)$",
    re.IGNORECASE,
)
_HOLDER = re.compile(r"^-?(?:held|controlled|dominated|occupied|run)$", re.IGNORECASE)
_PERPETRATOR = re.compile(
    r"(?:linked to|belonging to|suspected to be|believed to be|affiliated (?:to|with)|loyal to|"
    r"suspected|alleged|blamed on|attributed to|by suspected)\s+(?:the\s+)?$", re.IGNORECASE)
_PASSIVE = re.compile(r"\b(?:was|were|been|being|is|are|got)\s+(?:\w+ly\s+)?\w+(?:ed|en|wn|ot)\b", re.IGNORECASE)


def role_in(doc: Doc, start: int, end: int, trigger: int) -> Role:
    """Role of the actor at chars [start, end) of ``doc`` relative to a trigger at char ``trigger``."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return ""
    after = doc.text[end:end + 12]
    if _PERPETRATOR.search(doc.text[max(0, start - 40):start]):
        return "agent"  # "gunmen believed to be linked to X", "X claimed responsibility"
    if re.match(r"\s+(?:claimed|has claimed|have claimed) responsibility", doc.text[end:end + 30]):
        return "agent"
    if re.match(r"-?(?:held|controlled|occupied)\b", after):
        return "patient"  # "regime-held neighbourhoods": the holder is the one hit
    if re.match(r"-?(?:led|backed|launched)\b", after):
        return "agent"  # "ISIS-led bombardment"
    token = _np_head(span.root)
    dep = token.dep_
    if dep in {"nsubj", "csubj"}:
        return "agent"
    if dep in {"nsubjpass", "csubjpass"}:
        return "patient"
    if dep == "pobj":
        prep = token.head
        if prep.lower_ == "by" or prep.dep_ == "agent":
            return "agent"
        if prep.lower_ in {"between", "with"}:
            return ""  # "clashes between X and Y": both sides, no direction
        return "patient"
    if dep in {"dobj", "dative", "attr", "oprd"}:
        return "patient"
    if dep in {"poss", "compound", "amod", "nmod"} and _ATTACK_NOUNS.match(token.head.text):
        return "agent"  # "Russian airstrikes", "the army's offensive"
    return linear_role(doc.text, start, trigger)


def _np_head(token: Token) -> Token:
    """Climb from a word to the head of its noun phrase (and through conjunctions)."""
    seen = 0
    while seen < 6 and (
        token.dep_ == "conj"
        or token.dep_ in {"compound", "amod", "nmod", "appos", "nummod"} and _nominal(token.head)
    ):
        token = token.head
        seen += 1
    return token


_NOMINAL_DEPS = {"nsubj", "nsubjpass", "dobj", "pobj", "attr", "appos", "conj", "compound",
                 "npadvmod", "dative", "oprd", "poss", "nmod"}


def _nominal(token: Token) -> bool:
    """A noun, judged from the parse alone (the tagger is not run, to save a third of
    the parse time): a nominal relation, or a determiner or modifier of its own."""
    if token.pos_:
        return token.pos_ in {"NOUN", "PROPN"}
    return token.dep_ in _NOMINAL_DEPS or any(c.dep_ in {"det", "amod", "compound"} for c in token.children)


def linear_role(text: str, start: int, trigger: int) -> Role:
    """Role by word order alone, for sentences that were not parsed."""
    if trigger < 0:
        return ""
    if start < trigger:
        between = text[start:trigger]
        return "patient" if _PASSIVE.search(between) and " by " not in between else "agent"
    before = text[max(0, start - 6):start].lower()
    return "agent" if before.endswith("by ") else "patient"
