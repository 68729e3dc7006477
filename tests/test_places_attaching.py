"""places.attaching on hand-built mentions: what the words around each place say about it,
read once where the places are found (no gazetteer needed: the mentions are built here)."""
from __future__ import annotations

import re

import pytest
from hypothesis import example, given, settings, strategies as st

from tacitus.facts import PlaceAttachment, PlaceMention
from tacitus.places import attaching
from tacitus.places.attaching import attach
from tacitus.types import Span


def _mention(text: str, name: str, after: int = 0, phrase: str = "") -> PlaceMention:
    start = text.index(name, after)
    span = Span(start, start + len(name), name)
    p_start = text.index(phrase, max(0, start - len(phrase))) if phrase else start
    p_end = max(span.end, p_start + len(phrase))
    return PlaceMention(span, (), "", Span(p_start, p_end, text[p_start:p_end]))


def _attached(text: str, *names: str) -> dict[str, PlaceAttachment]:
    mentions = sorted((_mention(text, n) for n in names), key=lambda m: m.span.start)
    return {m.span.text: m.attachment for m in attach(text, mentions)}


_READINGS = ("locative", "in_or_at", "destination", "beside", "away", "road_end", "attribute")


@pytest.mark.parametrize("text, expected", [
    ("Gunmen attacked a market in Marka on Friday.", {"locative", "in_or_at"}),
    ("Shells fell near the capital Marka.", {"locative"}),
    ("The convoy was heading to Marka.", {"destination", "beside", "away"}),
    ("Clashes broke out near the border with Marka.", {"locative", "beside", "away"}),
    # "stole": a lower-case word after a place is read as what it qualifies; only a
    # place with no locative is ever taken for an attribute
    ("Raiders from Marka stole cattle.", {"destination", "away", "attribute"}),
    ("Bandits blocked the Marka-Afgoye road.", {"road_end"}),
    ("Protesters denounced the Marka government.", {"attribute"}),
])
def test_places_attaching_reads_the_words_around_a_place(text, expected):
    said = _attached(text, "Marka")["Marka"]
    assert {f for f in _READINGS if getattr(said, f)} == expected


@pytest.mark.parametrize("text", ["Marka was calm.", "Officials in Mogadishu said Marka was calm."])
def test_places_attaching_a_place_told_as_a_subject_has_no_locative(text):
    said = _attached(text, "Marka")["Marka"]
    assert not any(getattr(said, f) for f in _READINGS)


def test_places_attaching_the_words_a_place_follows():
    text = "Militants shelled the  Marka camp and attacked Afgoye."
    said = _attached(text, "Marka", "Afgoye")
    assert said["Marka"].follows == (text.index(" the"), text.index("the") + 3)
    assert said["Afgoye"].follows == (text.index(" Afgoye"),)
    assert _attached("Marka fell.", "Marka")["Marka"].follows == ()


def test_places_attaching_a_list_joins_each_place_to_the_later_ones():
    text = "Jets struck Afgoye, Balcad and the Marka area. Later Jowhar was hit."
    said = _attached(text, "Afgoye", "Balcad", "Marka", "Jowhar")
    at = {n: text.index(n) for n in said}
    assert said["Afgoye"].listed_with == (at["Balcad"], at["Marka"])
    assert said["Balcad"].listed_with == (at["Marka"],)
    assert said["Marka"].listed_with == ()  # "area." ends the list and the sentence


def test_places_attaching_a_toll_shared_out_over_places_is_a_list():
    text = "Shelling killed three people, two of them in Afgoye and one in Balcad."
    said = _attached(text, "Afgoye", "Balcad")
    assert said["Afgoye"].listed_with == (text.index("Balcad"),)


def test_places_attaching_a_bracketed_other_name_stays_in_the_list():
    # "Sangin (Hasakmina)": the bracket holds Sangin's other name; the list goes on past it
    text = "Fighting hit Sangin (Hasakmina), and Marka."
    said = _attached(text, "Sangin", "Hasakmina", "Marka")
    assert said["Sangin"].listed_with == (text.index("Hasakmina"), text.index("Marka"))
    assert said["Hasakmina"].listed_with == ()


def test_places_attaching_where_a_place_lies():
    text = "Police were shot in Nijrab district, Kapisa, and in Marka."
    mentions = (_mention(text, "Nijrab", phrase="Nijrab district"), _mention(text, "Kapisa"),
                _mention(text, "Marka"))
    nijrab, kapisa, _ = attach(text, mentions)
    assert nijrab.attachment.lies_in == (text.index("Kapisa"),)
    assert kapisa.attachment.lies_in == ()


# Words a text between places is made of: names, list words, kind words, brackets,
# sentence ends and other words, so that joins and their ends both occur.
_WORDS = ("Afgoye", "Balcad", "Marka", ",", " and", " or", " the", " in", " of", " district", " area",
          " (", ")", ".", " said", " as well as", "\n\n", " Kenyan", " near", "-", ";")


@settings(max_examples=300, derandomize=True, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=24))
@example(["Afgoye", ",", "Balcad", " and", "Marka", ",", "Balcad"]).via("a list past its 'and'")
@example(["Afgoye", " as well as", "Balcad", " or", "Marka", ",", "Afgoye"]).via("'as well as', 'or'")
@example(["Afgoye", " (", "Balcad", ".", ")", ",", " and", "Marka"]).via("a mark inside brackets")
@example(["Afgoye", " district", ",", "Balcad", " area", " of", " the", "Marka"]).via("where it lies")
def test_places_attaching_the_walk_stops_only_where_no_later_place_can_join(words):
    # Every pair read directly (no early stop) gives the joins the walk recorded.
    text = "".join(w if w[:1] in " ,.;)-\n" else " " + w for w in words)
    mentions = [PlaceMention(Span(m.start(), m.end(), m.group()), (), "", Span(m.start(), m.end(), m.group()))
                for m in re.finditer(r"Afgoye|Balcad|Marka", text)]
    for i, m in enumerate(attach(text, mentions)):
        later = mentions[i + 1:]
        assert m.attachment.listed_with == tuple(
            b.span.start for b in later if attaching._listed(text[m.phrase.end:b.phrase.start]))
        assert m.attachment.lies_in == tuple(
            b.span.start for b in later if attaching._SAYS_WHERE.match(text[m.span.end:b.span.start]))


_BEFORE_WORDS = ("in", "at", "the", "from", "to", "border", "with", "fled", "towards", "north-", "capital",
                 "Kenyan", ",", ".", "(", "\n\n", "  ", "-", "said")


@settings(max_examples=300, derandomize=True, deadline=None)
@given(st.lists(st.sampled_from(_BEFORE_WORDS), max_size=10), st.sampled_from(("", " ", "  ", "\n")))
@example(["in", "north-"], " ").via("a word that ends in a hyphen")
@example(["fled", "to", "the"], "\n").via("a line break")
@example(["(", "in"], "").via("no white space")
def test_places_attaching_skips_no_reading_that_could_hold(words, gap):
    # The readings before a place are skipped where the words before it end in no word
    # ("(Marka", ", Marka"): each is what its pattern says of the words before.
    text = " ".join(words) + gap + "Marka"
    start = text.index("Marka")
    said = _attached(text, "Marka")["Marka"]
    before = text[max(0, start - 40):start]
    assert said.locative == bool(attaching._LOCATIVE.search(before))
    assert said.in_or_at == bool(attaching._IN_OR_AT.search(text[max(0, start - 12):start]))
    assert said.destination == bool(attaching._DESTINATION.search(before))
    assert said.beside == bool(attaching._BORDER_WITH.search(before) or attaching._HEADING_TO.search(before))
    assert said.away == bool(attaching.ORIGIN_OR_DESTINATION.search(before))
