"""prefilter: the heads derived from a pattern, and the cue kinds a sentence may hold —
never fewer than running every kind finds (texts written here and the project's gold articles)."""
from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from tacitus.analyse import split_sentences
from tacitus.prefilter import Prefilter, match_heads, match_needles

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
    assert f.candidates("troops clashed near the river", "troops clashed near the river".lower()) == {"fight"}  # 'clash', not a match: still a candidate
    assert f.candidates("two men were detained in the past two weeks", "two men were detained in the past two weeks".lower()) == {"arrest", "summary"}
    assert f.candidates("the rearrested men", "the rearrested men".lower()) == frozenset()  # no word starts with 'arrest'
    assert f.candidates("detained in the past", "detained in the past".lower()) == {"arrest"}  # no 'in the past ' with its space
    assert f.candidates("", "".lower()) == frozenset()


def test_patterns_without_the_boundary_or_listable_heads_always_run():
    f = Prefilter.of({"open": re.compile(r"\d+ dead"), "bare": re.compile("attack"),
                      "half": re.compile(_BOUNDARY + "attack|raid")}, _BOUNDARY)
    assert f.candidates("nothing here", "nothing here".lower()) == {"open", "bare", "half"}
    both = Prefilter.of({"both": re.compile(r"\battack|\braid")}, r"\b")  # parsed: \b(?:attack|raid)
    assert both.candidates("a quiet day", "a quiet day".lower()) == frozenset()
    assert both.candidates("the raid", "the raid".lower()) == {"both"}


def test_caseless_patterns_run_where_a_letter_outside_ascii_matches_an_ascii_one():
    said = re.compile(_BOUNDARY + "said", re.IGNORECASE)
    f = Prefilter.of({"said": said, "exact": re.compile(_BOUNDARY + "said")}, _BOUNDARY)
    assert f.candidates("a quiet day in Ṡana", "a quiet day in ṡana") == frozenset()
    odd = "he ſaid so"  # 'ſ' matches 's' where case is ignored; its lower case is itself
    assert said.search(odd) and f.candidates(odd, odd.lower()) == {"said"}


@pytest.mark.parametrize(
    "pattern, needles",
    [
        (r"\b(?i:according to)\s+(?P<who>[^,.;]{3,80})", {"according to"}),
        (r"(?P<name>[A-Z]\w+),?\s+(?:said|told)(?:\s+\w+)?", {"said", "told"}),  # the most telling
        (r"(?:residents|Villagers)\s+(?:said|say)", {"residents", "villagers"}),  # lower-cased
        (r"\d+ (?:dead|killed)|(?:bodies|corpses)", {"dead", "killed", "bodies", "corpses"}),
    ],
)
def test_match_needles_lists_strings_every_match_holds(pattern, needles):
    assert match_needles(re.compile(pattern)) == needles


@pytest.mark.parametrize("pattern", [r"\w+\d", r"(?:said)?\s+\d+", r"Σ\w+"])
def test_match_needles_is_none_without_an_ascii_string_every_match_holds(pattern):
    assert match_needles(re.compile(pattern)) is None


def test_anywhere_finds_needles_inside_words_and_overlapping():
    f = Prefilter.anywhere({"said": re.compile(r"[A-Z]\w+ said"), "aid": re.compile(r"\baid\b"),
                            "any": re.compile(r"\w+")})
    assert f.candidates("No word here", "no word here") == {"any"}
    assert f.candidates("Ali Said came", "ali said came") == {"said", "aid", "any"}  # 'aid' inside 'said'


class _Everything:
    """A prefilter that lets every pattern run: what the readers did before."""

    def __init__(self, keys):
        self.keys = frozenset(keys)

    def candidates(self, text, folded):
        return self.keys


_WRITTEN_HERE = """\
Gunmen AMBUSHED a convoy near the İstanbul road, and air strikes hit Idlib. Counter-attacks followed.
Protesters marched in March; police fired tear gas and arrested 12. The ceasefire was signed on Monday.
Riot police dispersed the crowd. A roadside bomb exploded; the ſhelling went on for years. Ⅻ men were abducted.
"""


def test_read_cues_finds_what_running_every_kind_finds():
    from tacitus.mention import read_cues
    from tacitus.resources import Resources

    res = Resources.load(parse=False)
    every = replace(res, lexicon=replace(res.lexicon, cue_filter=_Everything(res.lexicon.cues)))
    texts = [_WRITTEN_HERE, *(p.read_text(encoding="utf-8") for p in sorted(GOLD.glob("*.txt")))]
    sentences = [s for t in texts for s in split_sentences(t)]
    assert len(sentences) > 200
    found = 0
    for s in sentences:
        cues = read_cues(s, res)
        assert cues == read_cues(s, every), s.span.text
        found += len(cues)
    assert found > 200


def test_read_attributions_finds_what_running_every_pattern_finds(monkeypatch):
    from tacitus.mention import attributions

    texts = [_WRITTEN_HERE, 'Ali Hassan, a local official, ſaid: "They came at night," according to ṡources.',
             *(p.read_text(encoding="utf-8") for p in sorted(GOLD.glob("*.txt")))]
    sentences = [s for t in texts for s in split_sentences(t)]
    filtered = [attributions.read_attributions(s.span.text, s.span.start, "Outlet") for s in sentences]
    every = _Everything(k for ks in attributions._MAY_MATCH.keys_of.values() for k in ks)
    monkeypatch.setattr(attributions, "_MAY_MATCH", every)
    assert len(every.keys) == 6
    assert filtered == [attributions.read_attributions(s.span.text, s.span.start, "Outlet") for s in sentences]
    assert sum(map(len, filtered)) > 30


def test_read_times_finds_what_running_every_pattern_finds(monkeypatch):
    import datetime as dt

    from tacitus.mention import times

    texts = [_WRITTEN_HERE, "On 3 March 2021 and on Sept. 4, the day before, last week; two days later, in 2008.",
             "Il est parti le 12 décembre, un dimanche", *(p.read_text(encoding="utf-8") for p in sorted(GOLD.glob("*.txt")))]
    sentences = [s for t in texts for s in split_sentences(t)]
    published = dt.date(2021, 3, 10)
    filtered = [times.read_times(s.span.text, s.span.start, published) for s in sentences]
    monkeypatch.setattr(times, "_MAY_MATCH", _Everything(range(len(times._PATTERNS))))
    assert filtered == [times.read_times(s.span.text, s.span.start, published) for s in sentences]
    assert sum(map(len, filtered)) > 30
