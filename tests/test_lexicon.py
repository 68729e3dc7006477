"""The rulebook's words (tacitus.lexicon): each class read by code, each reader named in the
table read by code, each cue kind in the data and in the code, and a typo in either fails."""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from tacitus import lexicon
from tacitus.errors import ResourceError
from tacitus.lexicon import CARDINALS, LOCATIVES, MONTHS, PLACE_KINDS, ROADS, SPEECH, TOPIC_HEADS, CueKind, Lexicon, WordClass, alternation

SRC = Path(lexicon.__file__).resolve().parent
WORD_CLASSES = {"SPEECH": SPEECH, "PLACE_KINDS": PLACE_KINDS, "TOPIC_HEADS": TOPIC_HEADS,
                "LOCATIVES": LOCATIVES, "ROADS": ROADS}
# The modules that read cue kinds (as strings: CueKind members compare equal to them).
CUE_READERS = ("assemble/rules.py", "assemble/not_news.py", "assemble/reading.py", "assemble/building.py", "assemble/words.py",
               "assemble/__init__.py", "taxonomy.py", "resolve/events.py", "resolve/consolidate.py",
               "mention/__init__.py")
# Their module-level groups of cue kinds.
KIND_TUPLES = {"VIOLENT", "DEMONSTRATION", "NONVIOLENT", "EVENT_CUES", "CONTEXT_CUES", "WEAPONS", "CROWD_KINDS",
               "ARMED_KINDS"}


def _trees(exclude: str = "lexicon.py") -> dict[str, ast.Module]:
    return {str(p.relative_to(SRC)): ast.parse(p.read_text(encoding="utf-8"))
            for p in sorted(SRC.rglob("*.py")) if str(p.relative_to(SRC)) != exclude}


def _names_read(trees: dict[str, ast.Module]) -> set[str]:
    names: set[str] = set()
    for tree in trees.values():
        for node in ast.walk(tree):
            if isinstance(node, ast.Name):
                names.add(node.id)
            elif isinstance(node, ast.Attribute):
                names.add(node.attr)
            elif isinstance(node, ast.alias):
                names.add(node.asname or node.name)
    return names


def _readers_used(trees: dict[str, ast.Module]) -> set[tuple[str, str]]:
    """(class, reader) for every ``CLASS.words("reader")`` / ``CLASS.pattern("reader")``."""
    used = set()
    for tree in trees.values():
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr in {"words", "pattern"} and isinstance(node.func.value, ast.Name)
                    and node.args and isinstance(node.args[0], ast.Constant)):
                used.add((node.func.value.id, node.args[0].value))
    return used


def test_lexicon_every_named_class_and_lexicon_field_is_read_by_code():
    read = _names_read(_trees())
    named = [n for n in vars(lexicon) if n.isupper() and not n.startswith("_")] + ["CueKind"]
    assert [n for n in named if n not in read] == []
    read_anywhere = _names_read(_trees(exclude=""))  # a field may be read by a Lexicon method
    assert [f for f in Lexicon.__dataclass_fields__ if f not in read_anywhere] == []


def test_lexicon_every_reader_of_a_word_class_is_read_by_code():
    used = _readers_used(_trees())
    unread = [(name, r) for name, wc in WORD_CLASSES.items() for r in sorted(wc.readers()) if (name, r) not in used]
    assert unread == []
    unknown = [(name, r) for name, r in used if name in WORD_CLASSES and r not in WORD_CLASSES[name].readers()]
    assert unknown == []


def _cue_literals(tree: ast.Module) -> set[str]:
    """String literals the code compares with cue kinds: members of the module's kind
    tuples, ``"x" in cues``, ``cues.get("x")``, ``kind == "x"``."""
    found: set[str] = set()

    def strings(node: ast.AST) -> set[str]:
        return {n.value for n in ast.walk(node) if isinstance(n, ast.Constant) and isinstance(n.value, str)}

    def holds_cues(node: ast.AST) -> bool:  # cues, texts, strong, has, kinds, d.cues, d.kinds()
        if isinstance(node, ast.Call):
            node = node.func
        name = node.id if isinstance(node, ast.Name) else node.attr if isinstance(node, ast.Attribute) else ""
        return name in {"cues", "texts", "strong", "has", "kinds"}

    cue_words = re.compile(r"cues|texts|strong")
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            if node.targets[0].id in KIND_TUPLES:
                found |= strings(node.value)
        elif isinstance(node, ast.Compare) and any(isinstance(op, (ast.In, ast.NotIn)) for op in node.ops):
            if holds_cues(node.comparators[0]) and isinstance(node.left, ast.Constant) \
                    and isinstance(node.left.value, str):
                found.add(node.left.value)
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
              and node.func.attr in {"get", "setdefault"} and cue_words.search(ast.unparse(node.func.value))
              and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
            found.add(node.args[0].value)
    return found


def test_lexicon_the_code_names_only_cue_kinds_that_exist():
    trees = _trees()
    kinds = {k.value for k in CueKind}
    bad = {name: sorted(_cue_literals(trees[name]) - kinds) for name in CUE_READERS}
    assert {k: v for k, v in bad.items() if v} == {}


def test_lexicon_every_cue_kind_is_in_the_data_and_read_by_code():
    in_data = set(Lexicon.load().cues)
    assert [k.value for k in CueKind if k not in in_data] == []
    trees = _trees()
    read = set().union(*(_cue_literals(trees[name]) for name in CUE_READERS))
    assert [k.value for k in CueKind if k.value not in read] == []


def test_lexicon_an_unknown_cue_kind_fails_at_load(monkeypatch):
    real = lexicon.data_rows

    def rows(name: str) -> list[list[str]]:
        return [["atack", "attacked"]] if name == "cues.tsv" else real(name)

    monkeypatch.setattr(lexicon, "data_rows", rows)
    with pytest.raises(ResourceError, match=r"cues.tsv: unknown cue kind 'atack'"):
        Lexicon.load()


def test_lexicon_a_cardinal_written_again_in_the_data_fails_at_load(monkeypatch):
    real = lexicon.data_rows

    def rows(name: str) -> list[list[str]]:
        return [["seven", "7", "exact"]] if name == "numbers.tsv" else real(name)

    monkeypatch.setattr(lexicon, "data_rows", rows)
    with pytest.raises(ResourceError, match="numbers.tsv: 'seven' is already a cardinal"):
        Lexicon.load()


def test_lexicon_cue_kinds_compare_as_their_strings():
    cues = Lexicon.load().cues
    assert CueKind.ATTACK == "attack" and "attack" in cues and cues.get("attack") is cues[CueKind.ATTACK]


def test_lexicon_the_checks_see_a_typo_in_code():
    code = ast.parse('EVENT_CUES = ("atack",)\nif "protset" in texts:\n    pass\nd.cues.get("crwd")\n')
    assert _cue_literals(code) == {"atack", "protset", "crwd"}


@pytest.mark.parametrize("reader, text, expected", [
    ("caption", "according", True), ("caption", "stated", False),
    ("speaker", "recounted", True), ("speaker", "tweeted", False),
    ("source", "tweeted", True), ("claim", "claims", True), ("claim", "claim", False),
])
def test_lexicon_speech_readers_count_their_own_words(reader, text, expected):
    assert bool(re.fullmatch(SPEECH.pattern(reader), text)) is expected


def test_lexicon_word_class_and_alternation_refuse_what_would_match_nothing():
    with pytest.raises(ValueError, match="no reader 'captoin'"):
        SPEECH.words("captoin")
    with pytest.raises(ValueError, match="empty word group"):
        alternation([])
    with pytest.raises(ValueError, match="malformed row"):
        WordClass.parse("x", "said:\n")


def test_lexicon_alternation_tries_longer_words_first_and_spaces_match_any_space():
    assert re.match(alternation(["county", "sub-county"]), "sub-county").group() == "sub-county"
    assert re.fullmatch(PLACE_KINDS.pattern("seat"), "district\n centre")


def test_lexicon_months_and_cardinals():
    assert MONTHS["sept"] == 9 and MONTHS["may"] == 5 and len(MONTHS) == 24
    assert lexicon.MONTH_ABBREVIATIONS[:2] == ("jan", "feb") and "may" not in lexicon.MONTH_ABBREVIATIONS
    assert list(CARDINALS.items())[-1] == ("ten", 10)
    assert Lexicon.load().quantity("seven") == lexicon.Quantity(7, "exact")
