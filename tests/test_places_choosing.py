"""places.choosing on hand-built values: which of the places named with an event are its
places, with the sentences and clauses the analyse stage split (``SentenceIndex``), never a
splitter of its own, and what the words around each place say (``PlaceAttachment``, built
here by hand), never the text."""
from __future__ import annotations

from dataclasses import replace

from tacitus.analyse import split_sentences
from tacitus.facts import Draft, PlaceAttachment, PlaceMention, ResolvedPlace, SentenceIndex
from tacitus.places.choosing import article_country, distinct_places, event_places
from tacitus.types import Place, Span


def _span(text: str, word: str, after: int = 0) -> Span:
    start = text.index(word, after)
    return Span(start, start + len(word), word)


def _place(text: str, name: str, geonameid: int, *, kind: str = "city", precision: int = 1,
           country: str = "SO", admin1: str = "Lower Shabeelle", **said) -> ResolvedPlace:
    span = _span(text, name)
    place = Place(geonameid, name, 2.0, 45.0, country, "Somalia", 706, "Eastern Africa", admin1, "",
                  50_000, kind)
    return ResolvedPlace(PlaceMention(span, (place,), "", span, attachment=PlaceAttachment(**said)), place,
                         precision, f"'{name}'", 1.0)


def _draft(text: str, trigger: str, places: tuple[ResolvedPlace, ...]) -> Draft:
    t = _span(text, trigger)
    return Draft(sentences=(0,), cues={"shell": (t,)}, actors=(), places=places, date=None, time_precision=1,
                 date_evidence=(), date_read=False, date_from=None, trace=(), casualties=(), sources=(),
                 civilians_hit=False, trigger=t)


def test_places_choosing_an_abbreviation_does_not_end_the_events_sentence():
    # A splitter of end punctuation alone ends a sentence at "Gen." and so would put the
    # two towns outside the sentence of "shelled"; the analyse stage keeps it whole.
    text = "Troops shelled the villages of Gen. Aideed's clan, Afgoye and Balcad."
    places = (_place(text, "Afgoye", 1, listed_with=(text.index("Balcad"),)), _place(text, "Balcad", 2))
    layout = SentenceIndex.of(split_sentences(text))
    assert len(layout.sentences) == 1
    rules = event_places(list(places), _draft(text, "shelled", places), layout)
    assert sorted(rules.values()) == ["listed_with_it", "strongest_in_sentence"]


def test_places_choosing_reads_the_sentences_it_is_given():
    # The same words split in two (as a caller's layout may say): a place outside the
    # event's sentence counts only where its words say things happened there.
    text = "Troops shelled the villages of Gen. Aideed's clan, Afgoye and Balcad."
    places = (_place(text, "Afgoye", 1, listed_with=(text.index("Balcad"),)), _place(text, "Balcad", 2))
    cut = text.index("Aideed")
    layout = SentenceIndex((Span(0, cut - 1, text[:cut - 1]), Span(cut, len(text), text[cut:])),
                    (Span(0, cut - 1, text[:cut - 1]), Span(cut, len(text), text[cut:])))
    assert event_places(list(places), _draft(text, "shelled", places), layout) == {}


def test_places_choosing_a_place_in_another_clause_with_its_own_event_is_an_event_place():
    # "; a second jet shelled ...": the clause the analyse stage split off tells an event
    # of its own at Balcad. Told as one clause, Balcad is only where something else is.
    text = "Aircraft shelled a market in Afgoye; a second jet shelled a camp near Balcad."
    places = (_place(text, "Afgoye", 1, locative=True, in_or_at=True), _place(text, "Balcad", 2, locative=True))
    draft = replace(_draft(text, "shelled", places),
                    cues={"shell": (_span(text, "shelled"), _span(text, "shelled", 40))})
    layout = SentenceIndex.of(split_sentences(text))
    assert [c.text for c in layout.clauses] == ["Aircraft shelled a market in Afgoye",
                                                 " a second jet shelled a camp near Balcad."]
    named = {id(rp): rp.place.name for rp in places}

    def rules(given: SentenceIndex) -> dict[str, str]:
        return {named[k]: v for k, v in event_places(list(places), draft, given).items()}

    assert rules(layout) == {"Afgoye": "strongest_in_sentence", "Balcad": "own_clause"}
    assert rules(SentenceIndex(layout.sentences, layout.sentences)) == {"Afgoye": "strongest_in_sentence"}


def _rules(text: str, trigger: str, places: tuple[ResolvedPlace, ...]) -> dict[str, str]:
    named = {id(rp): rp.place.name for rp in places}
    layout = SentenceIndex.of(split_sentences(text))
    return {named[k]: v for k, v in event_places(list(places), _draft(text, trigger, places), layout).items()}


def test_places_choosing_a_place_after_a_locative_beats_a_nearer_attribute():
    text = "Police fired on the Marka government offices and on crowds in Afgoye."
    marka, afgoye = _place(text, "Marka", 1, attribute=True), _place(text, "Afgoye", 2, locative=True)
    assert _rules(text, "fired", (marka, afgoye)) == {"Afgoye": "strongest_in_sentence"}
    # read nothing around either, the one nearer the trigger wins
    assert _rules(text, "fired", (_place(text, "Marka", 1), _place(text, "Afgoye", 2))) == \
        {"Marka": "strongest_in_sentence"}


def test_places_choosing_a_roads_end_is_the_weakest_claim():
    text = "Bandits attacked buses on the Marka-Afgoye road near Balcad."
    marka = _place(text, "Marka", 1, locative=True, road_end=True)
    balcad = _place(text, "Balcad", 2, locative=True)
    assert _rules(text, "attacked", (marka, balcad)) == {"Balcad": "strongest_in_sentence"}


def test_places_choosing_the_triggers_object_is_where_it_happened():
    text = "Militias attacked Marka, officials in Afgoye said."
    attacked_end = text.index("attacked") + len("attacked")
    afgoye = _place(text, "Afgoye", 2, locative=True, in_or_at=True)
    got = _rules(text, "attacked", (_place(text, "Marka", 1, follows=(attacked_end,)), afgoye))
    assert got["Marka"] == "strongest_in_sentence"
    # not the object of the trigger (it follows another word), the place after "in" wins
    got = _rules(text, "attacked", (_place(text, "Marka", 1, follows=(attacked_end - 1,)), afgoye))
    assert got["Afgoye"] == "strongest_in_sentence"


def test_places_choosing_a_region_named_as_where_a_place_lies_is_no_second_place():
    text = "Police were shot in Nijrab district, Kapisa."
    kapisa = _place(text, "Kapisa", 2, kind="admin1", precision=3, admin1="Kapisa")
    nijrab = _place(text, "Nijrab", 1, kind="admin2", precision=2, lies_in=(text.index("Kapisa"),))
    assert [rp.place.name for rp in distinct_places([nijrab, kapisa])] == ["Nijrab"]
    assert [rp.place.name for rp in distinct_places([replace(nijrab, mention=replace(
        nijrab.mention, attachment=PlaceAttachment())), kapisa])] == ["Nijrab", "Kapisa"]


def test_places_choosing_an_origin_or_a_neighbour_is_not_the_events_place():
    text = "Raiders from Sudan attacked Marka near the border with Afgoye."
    sudan = _place(text, "Sudan", 1, kind="country", precision=3, country="SD", away=True, destination=True)
    marka = _place(text, "Marka", 2)
    afgoye = _place(text, "Afgoye", 3, locative=True, beside=True)
    assert [rp.place.name for rp in distinct_places([sudan, marka, afgoye])] == ["Marka"]
    # the article's country: not the one its raiders came from; the outlet's when none
    assert article_country([sudan, marka], (), "KE") == "SO"
    assert article_country([sudan], (), "KE") == "KE"
