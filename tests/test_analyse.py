"""analyse.split_sentences: rule-based sentences with exact offsets (no model; texts written here)."""
from __future__ import annotations

import pytest

from tacitus.analyse import split_sentences
from tacitus.facts import SentenceIndex, Sentence


def _texts(text: str) -> list[str]:
    return [s.span.text for s in split_sentences(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Rebels attacked Goma. Five people died.", ["Rebels attacked Goma.", "Five people died."]),
        ("Was it an attack? Police think so! They arrested two men in Kano.",
         ["Was it an attack?", "Police think so!", "They arrested two men in Kano."]),
        ("The raid on Idlib ended. 12 fighters died.", ["The raid on Idlib ended.", "12 fighters died."]),
        ('He said "we will retake Marawi." Then he left.',
         ['He said "we will retake Marawi."', "Then he left."]),
        ("Dr. Ali treated the wounded in Taiz... The toll rose.",
         ["Dr. Ali treated the wounded in Taiz...", "The toll rose."]),
        ("The blast in Quetta was loud. (Nobody was hurt.) Police came.",
         ["The blast in Quetta was loud.", "(Nobody was hurt.)", "Police came."]),
    ],
)
def test_split_sentences_on_end_punctuation(text, expected):
    assert _texts(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Gen. Amir Khan led the raid on Herat. Five died.", ["Gen. Amir Khan led the raid on Herat.", "Five died."]),
        ("U.S. forces struck a base near Kandahar. Nobody died.",
         ["U.S. forces struck a base near Kandahar.", "Nobody died."]),
        ("Lt. Col. Musa Bello said so. Rebels fled Bama.", ["Lt. Col. Musa Bello said so.", "Rebels fled Bama."]),
        ("On Jan. 5 rebels attacked Beni. 12 died.", ["On Jan. 5 rebels attacked Beni.", "12 died."]),
        ("John F. Kennedy Airport was closed. Flights resumed.",
         ["John F. Kennedy Airport was closed.", "Flights resumed."]),
        ("Approx. 20 died in Mopti. St. Louis was calm.", ["Approx. 20 died in Mopti.", "St. Louis was calm."]),
        ("He was hit by the No. 5 bus in Lagos. Then all was calm.",
         ["He was hit by the No. 5 bus in Lagos.", "Then all was calm."]),
    ],
)
def test_split_sentences_keeps_abbreviations_and_initials(text, expected):
    assert _texts(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Fighters entered the town, witnesses said, and looted shops in Bria.",
        "The army retook Tal Afar at 5 a.m. on Friday.",  # no capital after "a.m."
        "The ceasefire held in Sana'a e.g. in the old city.",
    ],
)
def test_split_sentences_no_split_without_a_following_capital(text):
    assert _texts(text) == [text]


@pytest.mark.xfail(reason="a sentence ending with the word 'no' is taken for the abbreviation "
                          "'No.' and not split", strict=True)
def test_split_sentences_word_no_at_the_end():
    assert _texts("Asked if troops would leave Ras Kamboni, he said no. Rebels then attacked.") == [
        "Asked if troops would leave Ras Kamboni, he said no.", "Rebels then attacked."]


def test_split_sentences_paragraphs_are_numbered():
    text = "  First one in Sirte. Second one in Sirte.\n\n\n  A new paragraph on Misrata.  \n \nLast."
    found = split_sentences(text)
    assert [(s.paragraph, s.span.text) for s in found] == [
        (0, "First one in Sirte."),
        (0, "Second one in Sirte."),
        (1, "A new paragraph on Misrata."),
        (2, "Last."),
    ]


@pytest.mark.parametrize("text", ["", "   ", "\n\n  \n\n"])
def test_split_sentences_empty_text(text):
    assert split_sentences(text) == ()


TEXTS = [
    "Rebels attacked Goma. Five people died.",
    "  Leading spaces. Then text.\n\nA second paragraph in Juba!  Then more?\n",
    "Gen. Amir Khan led the raid on Herat. 12 died.\n\n\n\nU.S. forces left Kandahar.",
    "Gunmen killed 3 villagers in Benue on Sunday, police said.",
    'Ahmed said "Homs is calm." Shelling resumed. (Nobody was hurt.) Done.',
]


@pytest.mark.parametrize("text", TEXTS)
def test_split_sentences_offsets_are_exact(text):
    found = split_sentences(text)
    assert found and all(isinstance(s, Sentence) for s in found)
    for s in found:
        assert text[s.span.start:s.span.end] == s.span.text
        assert s.span.text == s.span.text.strip() and s.span.text
    # in order, non-overlapping, and together they hold every non-space character
    for a, b in zip(found, found[1:]):
        assert a.span.end <= b.span.start
    joined = "".join(s.span.text for s in found)
    assert joined.replace(" ", "") == "".join(text.split())


def test_cues_match_any_case_and_keep_the_original_words():
    from tacitus.analyse import split_sentences
    from tacitus.mention import read_cues
    from tacitus.resources import Resources

    res = Resources.load()
    [sentence] = split_sentences("GUNMEN AMBUSHED a convoy near the İstanbul road.")
    [plain] = split_sentences("Gunmen ambushed a convoy near the road.")
    upper = [(c.kind, c.span.text) for c in read_cues(sentence, res)]
    lower = [(c.kind, c.span.text) for c in read_cues(plain, res)]
    assert ("fight", "AMBUSHED") in upper and ("fight", "ambushed") in lower
    assert [k for k, _ in upper] == [k for k, _ in lower]


def test_split_sentences_each_sentence_carries_its_clauses():
    text = ("Police dispersed protesters in Nairobi, as demonstrations in Kisumu turned violent. "
            "Gen. Abdi Hassan said two died.")
    first, second = split_sentences(text)
    assert [c.text for c in first.clauses] == ["Police dispersed protesters in Nairobi",
                                               "demonstrations in Kisumu turned violent."]
    assert second.clauses == ()  # one clause: the sentence itself
    assert all(text[c.start:c.end] == c.text for c in first.clauses)


def test_layout_finds_the_sentence_and_clause_of_an_offset():
    text = "Shelling hit Kherson; two died. Gen. Abdi Hassan said Nikopol was hit too.\n\nA headline"
    layout = SentenceIndex.of(split_sentences(text))
    assert [s.text for s in layout.sentences] == [
        "Shelling hit Kherson; two died.", "Gen. Abdi Hassan said Nikopol was hit too.", "A headline"]
    assert [layout.sentence_of(text.index(w)) for w in ("Kherson", "died", "Abdi", "Nikopol", "headline")] \
        == [0, 0, 1, 1, 2]
    assert layout.clause_of(text.index("Kherson")) != layout.clause_of(text.index("died"))
    assert layout.clause_of(text.index("Abdi")) == layout.clause_of(text.index("Nikopol"))
    assert layout.sentence_at(text.index("Nikopol")).text.startswith("Gen. Abdi")
    # A sentence built without clauses is one clause.
    bare = SentenceIndex.of([Sentence(s.span, s.paragraph) for s in split_sentences(text)])
    assert bare.clauses == bare.sentences


def test_parse_on_numpy_blas_gives_the_parses_of_thinc_blis():
    """load_parser sends the parser's matrix products to numpy's BLAS (about twice as fast
    here as thinc's default, blis): the parses must be the ones blis gives."""
    from pathlib import Path

    import spacy

    from tacitus.analyse import parse
    from tacitus.resources import MODEL, load_parser

    texts = [p.read_text(encoding="utf-8") for p in sorted((Path(__file__).parent / "gold").glob("*.txt"))]
    sentences = [s for t in texts for s in split_sentences(t)][:300]
    fast = load_parser()
    blis = spacy.load(MODEL, exclude=["ner", "lemmatizer", "tagger", "attribute_ruler"])
    assert not fast.get_pipe("parser").model.ops.use_blis and blis.get_pipe("parser").model.ops.use_blis

    def arcs(nlp):
        return [[(t.i, t.dep_, t.head.i) for t in doc] for doc in parse(nlp, sentences)]

    assert arcs(fast) == arcs(blis)
