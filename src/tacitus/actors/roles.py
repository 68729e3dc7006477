"""Who did what to whom: an actor mention's role in its sentence, read from the parse.

"agent" is the attacker / doer (ACLED's actor1 where one is clear), "patient" the
target. A linear rule (before the trigger = agent, unless passive) is the fallback when
the parse does not link the actor to a predicate.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from tacitus.facts import RoleName as Role
from tacitus.lexicon import SPEECH

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


_ATTACK_NOUNS = re.compile(
    r"^(?:attacks?|assaults?|strikes?|airstrikes?|raids?|bombardments?|shelling|offensive|"
    r"ambush(?:es)?|bombings?|fire|operations?|campaign|rocket|rockets|missiles?|shells?|"
    r"drones?|warplanes?|jets?|aircraft|planes?|forces|troops|fighters|militants)$",
    re.IGNORECASE,
)
_MEMBERS = re.compile(r"^(?:members?|fighters?|gunmen|militants?|rebels?|elements?|"
                      r"supporters?|loyalists?|cadres?|combatants?|insurgents?|militiamen|"
                      r"commanders?|operatives?)$")
_CLAIMED = re.compile(r"\s+(?:group\s+|militants\s+|fighters\s+)?(?:has\s+|have\s+)?claimed\s+"
                      r"(?:responsibility|credit|(?:the|this|that|both|these)\s+(?:\w+\s+)?"
                      r"(?:attacks?|bombings?|blasts?|explosions?|killings?|strikes?|ambush|raid|assault))\b",
                      re.IGNORECASE)
_HOLDER = re.compile(r"^-?(?:held|controlled|dominated|occupied|run)$", re.IGNORECASE)
_PERPETRATOR = re.compile(
    r"(?:linked to|belonging to|suspected to be|believed to be|affiliated (?:to|with)|loyal to|"
    r"suspected|alleged|blamed on|attributed to|by suspected)\s+(?:the\s+)?$", re.IGNORECASE)
_PASSIVE = re.compile(r"\b(?:was|were|been|being|is|are|got)\s+(?:\w+ly\s+)?\w+(?:ed|en|wn|ot)\b", re.IGNORECASE)


def role_in(doc: Doc, start: int, end: int, trigger: int, *, words: bool = True) -> Role:
    """Role of the actor at chars [start, end) of ``doc`` relative to a trigger at char
    ``trigger``. ``words=False`` reads the parse alone, without the word patterns."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return ""
    if not words:
        return _parse_role(doc, span, start, trigger)
    text = doc.text  # spaCy joins the tokens' texts anew at each read
    after = text[end:end + 12]
    if _PERPETRATOR.search(text[max(0, start - 40):start]):
        return "agent"  # "gunmen believed to be linked to X", "X claimed responsibility"
    if _CLAIMED.match(text, end):
        return "agent"  # "X claimed responsibility", "the Islamic State group claimed the attack"
    if re.match(r"-?(?:held|controlled|occupied)\b", after):
        return "patient"  # "regime-held neighbourhoods": the holder is the one hit
    if re.match(r"-?(?:led|backed|launched|planted|laid|placed|fired|claimed|made)\b", after):
        return "agent"  # "ISIS-led bombardment"
    return _parse_role(doc, span, start, trigger)


def _parse_role(doc: Doc, span, start: int, trigger: int) -> Role:
    token = _np_head(span.root)
    dep = token.dep_
    if dep in {"nsubj", "csubj"}:
        if _SPEECH.match(token.head.lower_) and not _covers(token.head, trigger):
            return "speaker"  # "residents claim that police killed...": who speaks is no side
        verb = token.head
        if any(c.dep_ == "agent" for c in verb.children):
            return "patient"  # headline passive without its auxiliary: "Officer shot dead by gunmen"
        if _HARM_PARTICIPLE.match(verb.lower_) and not any(_completes(c) for c in verb.children):
            return "patient"  # headline style, no object: "6 locals killed", "two officers shot"
        if start > trigger >= 0 and _reduced_relative(token.head) and not _governs(token.head, trigger):
            # "Gang kills police investigating thefts": the parse makes the object of
            # the trigger the subject of the participle that describes it.
            return linear_role(doc.text, start, trigger)
        return "agent"
    if dep in {"nsubjpass", "csubjpass"}:
        return "patient"
    if dep == "pobj":
        prep = token.head
        if prep.lower_ == "by" or prep.dep_ == "agent":
            return "agent"
        if prep.lower_ in {"between", "with"}:
            return ""  # "clashes between X and Y": both sides, no direction
        if prep.lower_ in {"of", "from"} and _MEMBERS.match(prep.head.lower_) and prep.head.i != token.i:
            # "Members of Al Shabaab attacked": the group has its members' role.
            head = prep.head
            return role_in(doc, head.idx, head.idx + len(head.text), trigger, words=False)
        return "patient"
    if dep in {"dobj", "dative", "attr", "oprd"}:
        return "patient"
    if dep in {"poss", "compound", "amod", "nmod"} and _ATTACK_NOUNS.match(token.head.text):
        return "agent"  # "Russian airstrikes", "the army's offensive"
    return linear_role(doc.text, start, trigger)


_HARM_PARTICIPLE = re.compile(
    r"^(?:killed|injured|wounded|hurt|shot|abducted|kidnapped|arrested|murdered|beheaded|"
    r"lynched|slain|stabbed|hacked|maimed|executed|detained|massacred)$")
# Dependents that make a participle an active verb with its own object or auxiliary
# ("shot and killed two", "had killed", "shot at the bus"), not a headline passive.
_ACTIVE_DEPS = frozenset({"dobj", "aux", "auxpass", "prt", "xcomp", "conj", "cc", "dative", "npadvmod"})


def _completes(child: Token) -> bool:
    return child.dep_ in _ACTIVE_DEPS or (child.dep_ == "prep" and child.lower_ in {"at", "on", "upon"})


_SPEECH = re.compile("^" + SPEECH.pattern("speaker") + "$")


def _covers(token: Token, char: int) -> bool:
    return token.idx <= char < token.idx + len(token.text)


def _reduced_relative(verb: Token) -> bool:
    """An -ing participle with no subordinator or auxiliary of its own ("police
    investigating the theft"), unlike a clause ("as police patrolled", "when X attacked")."""
    return verb.lower_.endswith("ing") and verb.dep_ in _CLAUSE_DEPS and not any(
        c.dep_ in {"mark", "aux", "auxpass", "advmod"} for c in verb.children)


def _governs(verb: Token, trigger: int) -> bool:
    """True when the trigger word at char ``trigger`` is ``verb`` or hangs from it
    within its own clause (not through a subordinate verb)."""
    for tok in verb.subtree:
        if tok.idx <= trigger < tok.idx + len(tok.text):
            return tok.i == verb.i or not any(
                a.i != verb.i and a.dep_ in _CLAUSE_DEPS for a in _ancestors_until(tok, verb))
    return False


_CLAUSE_DEPS = {"advcl", "xcomp", "ccomp", "relcl", "acl", "conj"}


def _ancestors_until(tok: Token, top: Token) -> list[Token]:
    out = []
    while tok.i != top.i and tok.head.i != tok.i:
        out.append(tok)
        tok = tok.head
    return out


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
