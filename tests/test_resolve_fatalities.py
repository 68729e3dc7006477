"""resolve.fatalities: several reported counts -> ACLED's conservative toll, and sharing a toll."""
from __future__ import annotations

import pytest

from tacitus.facts import Casualty
from tacitus.lexicon import Lexicon, PersonNouns
from tacitus.mention.casualties import read_casualties
from tacitus.resolve.fatalities import Toll, reconcile, split
from tacitus.types import Span

_POS = iter(range(0, 10_000, 10))


def _c(kind="killed", best=0, *, low=None, high=None, civilians=0, vague=False,
       corroborating=False) -> Casualty:
    start = next(_POS)
    return Casualty(
        kind=kind, low=best if low is None else low, best=best, high=high, civilians=civilians,
        vague=vague, corroborating=corroborating, evidence=Span(start, start + 5, "xxxxx"),
    )


def _cas(n: int) -> Casualty:
    """What mention.casualties gives for 'killed and wounded n'."""
    return _c("casualties", 0, low=1 if n else 0, high=n)


def test_reconcile_nothing_reported():
    assert reconcile([]) == Toll(0, 0, None, 0, 0, ())


def test_reconcile_one_count():
    c = _c(best=7, civilians=2)
    assert reconcile([c]) == Toll(7, 7, None, 2, 0, (c.evidence,))


def test_reconcile_exact_primary_wins_over_vague():
    toll = reconcile([_c(best=12, vague=True), _c(best=7)])
    assert (toll.best, toll.low) == (7, 7)
    assert toll.high == 12  # the vague figure still widens the range


def test_reconcile_corroboration_only_widens_the_range():
    toll = reconcile([_c(best=5), _c(best=30, corroborating=True)])
    assert (toll.best, toll.low, toll.high) == (5, 5, 30)


def test_reconcile_corroboration_alone_is_used():
    toll = reconcile([_c(best=15, corroborating=True)])
    assert (toll.best, toll.low, toll.high) == (15, 15, None)


def test_reconcile_two_primary_reports_take_the_lower():
    toll = reconcile([_c(best=8), _c(best=5)])
    assert (toll.best, toll.low, toll.high) == (5, 5, 8)


def test_reconcile_range_from_the_primary_report():
    toll = reconcile([_c(best=10, high=15)])
    assert (toll.best, toll.low, toll.high) == (10, 10, 15)


@pytest.mark.xfail(reason="a primary range's high replaces a larger corroborated figure: "
                          "'10 to 15 killed' + 'hospital received 40 bodies' gives high 15, "
                          "not 40", strict=True)
def test_reconcile_corroboration_widens_a_primary_range():
    toll = reconcile([_c(best=10, high=15), _c(best=40, corroborating=True)])
    assert (toll.best, toll.high) == (10, 40)


@pytest.mark.parametrize("n", [14, 20, 3])
def test_reconcile_killed_and_wounded_alone_is_no_death_toll(n):
    toll = reconcile([_cas(n)])
    assert toll.best is None
    assert (toll.low, toll.high) == (1, n)


def test_reconcile_killed_and_wounded_does_not_add_to_deaths():
    toll = reconcile([_c(best=4), _cas(20)])
    assert (toll.best, toll.low) == (4, 4)
    assert toll.high is None


def test_reconcile_injured_kept_apart():
    toll = reconcile([_c(best=4), _c("injured", 11), _c("injured", 9)])
    assert (toll.best, toll.injured) == (4, 11)
    toll = reconcile([_c("injured", 6)])
    assert (toll.best, toll.low, toll.high, toll.injured) == (0, 0, None, 6)


def test_reconcile_civilians_are_the_largest_reported():
    toll = reconcile([_c(best=9, civilians=3), _c(best=10, civilians=5, corroborating=True)])
    assert toll.civilians == 5


def test_reconcile_evidence_keeps_every_count_in_order():
    cs = [_c(best=4), _c("injured", 11), _cas(20), _c(best=30, corroborating=True)]
    assert reconcile(cs).evidence == tuple(c.evidence for c in cs)


@pytest.fixture(scope="module")
def read():
    lexicon, persons = Lexicon.load(), PersonNouns.load()
    return lambda s: read_casualties(s, 0, lexicon, persons)


@pytest.mark.parametrize(
    "sentences, best, high, injured",
    [
        (["At least 5 people were killed in an attack in Mandera.",
          "The hospital received 9 bodies, a doctor said."], 5, 9, 0),
        (["Dozens of people were killed in an attack in Bunia.",
          "Local officials said 17 people were killed."], 17, None, 0),
        (["Gunmen killed 3 soldiers in Tahoua.", "Eight others were wounded."], 3, None, 8),
        (["The blast killed and wounded 30 people in Kabul."], None, 30, 0),
    ],
)
def test_reconcile_counts_read_from_text(read, sentences, best, high, injured):
    toll = reconcile([c for s in sentences for c in read(s)])
    assert (toll.best, toll.high, toll.injured) == (best, high, injured)


# --- split ----------------------------------------------------------------------------------


def test_split_one_place_is_the_toll_itself():
    toll = Toll(5, 5, None, 2, 3, ())
    assert split(toll, 1) == (toll,)
    assert split(toll, 0) == (toll,)


@pytest.mark.parametrize("places", [2, 3, 4, 7])
@pytest.mark.parametrize("best, low, civilians, injured", [(5, 5, 2, 3), (10, 7, 0, 11), (1, 1, 1, 0)])
def test_split_never_counts_twice(places, best, low, civilians, injured):
    toll = Toll(best, low, None, civilians, injured, (Span(0, 3, "abc"),))
    shares = split(toll, places)
    assert len(shares) == places
    assert sum(s.best for s in shares) == best
    assert sum(s.low for s in shares) == low
    assert sum(s.civilians for s in shares) == civilians
    assert sum(s.injured for s in shares) == injured
    # the first takes the remainder; shares differ by at most one
    assert [s.best for s in shares] == sorted((s.best for s in shares), reverse=True)
    assert max(s.best for s in shares) - min(s.best for s in shares) <= 1
    for s in shares:
        assert s.high == best  # the whole toll may have fallen in one place
        assert s.evidence == toll.evidence


def test_split_keeps_a_reported_high():
    shares = split(Toll(10, 10, 15, 0, 0, ()), 2)
    assert [s.best for s in shares] == [5, 5]
    assert all(s.high == 15 for s in shares)


def test_split_killed_and_wounded_only():
    shares = split(Toll(None, 1, 20, 0, 4, ()), 3)
    assert len(shares) == 3
    assert all(s.best is None and s.high == 20 for s in shares)
    assert sum(s.low for s in shares) <= 1


@pytest.mark.xfail(reason="splitting a 'killed and wounded' toll (best None) drops the injured "
                          "count: every share gets injured 0", strict=True)
def test_split_killed_and_wounded_keeps_injured():
    shares = split(Toll(None, 1, 20, 0, 4, ()), 2)
    assert sum(s.injured for s in shares) == 4
