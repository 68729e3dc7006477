"""places.choosing on hand-built values: which of the places named with an event are its
places, with the sentences and clauses the analyse stage split (``SentenceIndex``), never a
splitter of its own."""
from __future__ import annotations

from dataclasses import replace

from tacitus.analyse import split_sentences
from tacitus.facts import Draft, SentenceIndex, PlaceMention, ResolvedPlace
from tacitus.places.choosing import event_places
from tacitus.types import Place, Span


def _span(text: str, word: str, after: int = 0) -> Span:
    start = text.index(word, after)
    return Span(start, start + len(word), word)


def _place(text: str, name: str, geonameid: int) -> ResolvedPlace:
    span = _span(text, name)
    place = Place(geonameid, name, 2.0, 45.0, "SO", "Somalia", 706, "Eastern Africa", "Lower Shabeelle", "",
                  50_000, "city")
    return ResolvedPlace(PlaceMention(span, (place,), "", span), place, 1, f"'{name}'", 1.0)


def _draft(text: str, trigger: str, places: tuple[ResolvedPlace, ...]) -> Draft:
    t = _span(text, trigger)
    return Draft(sentences=(0,), cues={"shell": (t,)}, actors=(), places=places, date=None, time_precision=1,
                 date_evidence=(), date_read=False, date_from=None, trace=(), casualties=(), sources=(),
                 civilians_hit=False, trigger=t)


def test_places_choosing_an_abbreviation_does_not_end_the_events_sentence():
    # A splitter of end punctuation alone ends a sentence at "Gen." and so would put the
    # two towns outside the sentence of "shelled"; the analyse stage keeps it whole.
    text = "Troops shelled the villages of Gen. Aideed's clan, Afgoye and Balcad."
    places = (_place(text, "Afgoye", 1), _place(text, "Balcad", 2))
    layout = SentenceIndex.of(split_sentences(text))
    assert len(layout.sentences) == 1
    rules = event_places(list(places), _draft(text, "shelled", places), text, layout)
    assert sorted(rules.values()) == ["listed_with_it", "strongest_in_sentence"]


def test_places_choosing_reads_the_sentences_it_is_given():
    # The same words split in two (as a caller's layout may say): a place outside the
    # event's sentence counts only where its words say things happened there.
    text = "Troops shelled the villages of Gen. Aideed's clan, Afgoye and Balcad."
    places = (_place(text, "Afgoye", 1), _place(text, "Balcad", 2))
    cut = text.index("Aideed")
    layout = SentenceIndex((Span(0, cut - 1, text[:cut - 1]), Span(cut, len(text), text[cut:])),
                    (Span(0, cut - 1, text[:cut - 1]), Span(cut, len(text), text[cut:])))
    assert event_places(list(places), _draft(text, "shelled", places), text, layout) == {}


def test_places_choosing_a_place_in_another_clause_with_its_own_event_is_an_event_place():
    # "; a second jet shelled ...": the clause the analyse stage split off tells an event
    # of its own at Balcad. Told as one clause, Balcad is only where something else is.
    text = "Aircraft shelled a market in Afgoye; a second jet shelled a camp near Balcad."
    places = (_place(text, "Afgoye", 1), _place(text, "Balcad", 2))
    draft = replace(_draft(text, "shelled", places),
                    cues={"shell": (_span(text, "shelled"), _span(text, "shelled", 40))})
    layout = SentenceIndex.of(split_sentences(text))
    assert [c.text for c in layout.clauses] == ["Aircraft shelled a market in Afgoye",
                                                 " a second jet shelled a camp near Balcad."]
    named = {id(rp): rp.place.name for rp in places}

    def rules(given: SentenceIndex) -> dict[str, str]:
        return {named[k]: v for k, v in event_places(list(places), draft, text, given).items()}

    assert rules(layout) == {"Afgoye": "strongest_in_sentence", "Balcad": "own_clause"}
    assert rules(SentenceIndex(layout.sentences, layout.sentences)) == {"Afgoye": "strongest_in_sentence"}
