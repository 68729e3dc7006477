"""prefilter: the heads derived from a pattern, and the cue kinds a sentence may hold —
never fewer than running every kind finds (texts written here and the project's gold articles)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from tacitus.analyse import split_sentences
from tacitus.facts import Cue
from tacitus.lexicon import Lexicon
from tacitus.prefilter import Prefilter, match_heads
from tacitus.types import Span

GOLD = Path(__file__).parent / "gold"
_BOUNDARY = r"(?<![\w-])"


@pytest.mark.parametrize(
    "pattern, heads",
    [
        (r"clash(?:es|ed)?|fighting", {"clash", "clashes", "clashed", "fighting"}),
        # at most _LONGEST (12) letters: "hand grenade" for "hand grenades" too
        (r"(?:hand )?grenades?(?<!propelled grenade)", {"hand grenade", "grenades", "grenade"}),
        (r"air ?strikes?", {"airstrikes", "airstrike", "air strikes", "air strike"}),
        (r"rpgs?|[ab]c", {"rpgs", "rpg", "ac", "bc"}),
        (r"fired (?:\w+ )*?at", {"fired ", "fired at"}),  # a head stops where any word may follow
        (r"has been (?:fighting|battling)", {"has been fig", "has been bat"}),  # _LONGEST letters
        (r"(?-i:march(?:es)?)", {"march", "marches"}),
    ],
)
def test_match_heads_lists_what_every_match_begins_with(pattern, heads):
    assert match_heads(re.compile(pattern)) == heads


@pytest.mark.parametrize("pattern", [r"\w+ed", r"(?:\d+ )?killed|.*raid", r"[^a]bc", r"x?"])
def test_match_heads_is_none_when_a_match_may_begin_with_anything(pattern):
    assert match_heads(re.compile(pattern)) is None


def test_match_heads_of_a_caseless_pattern_are_lower_case_and_ascii():
    assert match_heads(re.compile(r"Kabul (?:raid|attack)", re.IGNORECASE)) == {"kabul raid", "kabul attack"}
    assert match_heads(re.compile(r"ſhot", re.IGNORECASE)) is None  # 'ſ' folds to 's'


def _filter(**sources: str) -> Prefilter[str]:
    return Prefilter.of({k: re.compile(_BOUNDARY + f"(?:{s})(?![\\w-])") for k, s in sources.items()}, _BOUNDARY)


def test_candidates_are_the_patterns_whose_heads_start_a_word():
    f = _filter(fight="clash(?:es)?|fighting", arrest="arrest(?:ed)?|detained", summary="in the past (?:\\w+ )?weeks")
    assert f.candidates("troops clashed near the river", True) == {"fight"}  # 'clash', not a match: still a candidate
    assert f.candidates("two men were detained in the past two weeks", True) == {"arrest", "summary"}
    assert f.candidates("the rearrested men", True) == frozenset()  # no word starts with 'arrest'
    assert f.candidates("detained in the past", True) == {"arrest"}  # no 'in the past ' with its space
    assert f.candidates("", True) == frozenset()


def test_patterns_without_the_boundary_or_listable_heads_always_run():
    f = Prefilter.of({"open": re.compile(r"\d+ dead"), "bare": re.compile("attack"),
                      "half": re.compile(_BOUNDARY + "attack|raid")}, _BOUNDARY)
    assert f.candidates("nothing here", True) == {"open", "bare", "half"}
    both = Prefilter.of({"both": re.compile(r"\battack|\braid")}, r"\b")  # parsed: \b(?:attack|raid)
    assert both.candidates("a quiet day", True) == frozenset()
    assert both.candidates("the raid", True) == {"both"}


def test_caseless_patterns_run_on_every_text_that_is_not_ascii():
    f = Prefilter.of({"raid": re.compile(_BOUNDARY + "raid", re.IGNORECASE),
                      "exact": re.compile(_BOUNDARY + "raid")}, _BOUNDARY)
    assert f.candidates("a quiet day", True) == frozenset()
    assert f.candidates("a quiet day in ṡana", False) == {"raid"}


def _every_kind(sentence, lexicon: Lexicon) -> tuple[Cue, ...]:
    """read_cues as it was, with every kind run on every sentence."""
    text, offset = sentence.span.text, sentence.span.start
    folded = text.lower()
    can_fold = len(folded) == len(text)
    found = []
    for kind, pattern in lexicon.cues.items():
        fast = lexicon.cues_folded.get(kind) if can_fold else None
        for m in (fast.finditer(folded) if fast is not None else pattern.finditer(text)):
            found.append(Cue(kind, Span(offset + m.start(), offset + m.end(), text[m.start():m.end()])))
    return tuple(sorted(found, key=lambda c: c.span.start))


_WRITTEN_HERE = """\
Gunmen AMBUSHED a convoy near the İstanbul road, and air strikes hit Idlib. Counter-attacks followed.
Protesters marched in March; police fired tear gas and arrested 12. The ceasefire was signed on Monday.
Riot police dispersed the crowd. A roadside bomb exploded; the ſhelling went on for years. Ⅻ men were abducted.
"""


def test_read_cues_finds_what_running_every_kind_finds():
    from tacitus.mention import read_cues
    from tacitus.resources import Resources

    res = Resources.load(parse=False)
    texts = [_WRITTEN_HERE, *(p.read_text(encoding="utf-8") for p in sorted(GOLD.glob("*.txt")))]
    sentences = [s for t in texts for s in split_sentences(t)]
    assert len(sentences) > 200
    found = 0
    for s in sentences:
        cues = read_cues(s, res)
        assert cues == _every_kind(s, res.lexicon), s.span.text
        found += len(cues)
    assert found > 200
