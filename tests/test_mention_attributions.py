"""mention.attributions: who reported it, as SourceDetail(name, role, outlet) with evidence.

All sentences, people and outlets here are made up for these tests.
"""
from __future__ import annotations

import pytest

from tacitus.mention.attributions import read_attributions
from tacitus.types import SourceDetail


def _only(found: tuple[SourceDetail, ...]) -> SourceDetail:
    assert len(found) == 1, found
    return found[0]


def _triple(d: SourceDetail) -> tuple[str, str, str]:
    return d.name, d.role, d.outlet


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # role + name + says + outlet
        ("The rebels fled, local activist Hamid Yusuf told Radio Dalsan.",
         ("Hamid Yusuf", "local activist", "Radio Dalsan")),
        ("Five people died, said Amina Warsame, a local official in Baidoa.",
         ("Amina Warsame", "local official", "")),
        ("The convoy was hit, said Tomas Herrera.", ("Tomas Herrera", "", "")),
        # anonymous sources
        ("A doctor at the main hospital told Reuters that 12 bodies had arrived in Mosul.",
         ("", "doctor at the main hospital", "Reuters")),
        ("A local source said the gunmen fled towards Tillia.", ("", "local source", "")),
        ("A witness told the BBC that the militia burned homes in Djugu.", ("", "witness", "BBC")),
        ("A security official told Agence France-Presse that the convoy was hit near Gao.",
         ("", "security official", "Agence France-Presse")),
        ("Three people died in Bor, a hospital nurse said.", ("", "hospital nurse", "")),
        ("Shelling continued, an official in Goma said, speaking to Radio Okapi.",
         ("", "official in Goma", "Radio Okapi")),
        # according to
        ("Thirty civilians died in Kalehe, according to the UN mission.", ("UN mission", "", "")),
        ("Three officers were hurt, according to police spokesman Peter Ochieng.",
         ("Peter Ochieng", "police spokesman", "")),
        ("Seven people died in Djibo, according to a local official.", ("", "local official", "")),
        ("Seven people died in Djibo, according to residents.", ("", "residents", "")),
    ],
)
def test_attributions_read_name_role_outlet(sentence, expected):
    assert _triple(_only(read_attributions(sentence, 0))) == expected


def test_attributions_article_outlet_is_the_default():
    d = _only(read_attributions("A local source said the gunmen fled towards Tillia.", 0, "Sahel Wire"))
    assert d.outlet == "Sahel Wire"
    d = _only(read_attributions("A witness told the BBC that the militia burned homes.", 0, "Sahel Wire"))
    assert d.outlet == "BBC"  # the outlet said in the text wins


@pytest.mark.parametrize(
    "sentence",
    [
        "Gunmen attacked the village of Tungan Kawo at dawn.",
        "The army said three officers were hurt in Sittwe.",  # "The ..." is not a person's name
        "He said the rebels had fled.",
    ],
)
def test_attributions_nothing_without_a_source(sentence):
    assert read_attributions(sentence, 0) == ()


@pytest.mark.parametrize(
    "sentence, role",
    [
        ("Local activist Hamid Yusuf told Radio Dalsan that five people were killed.", "local activist"),
        ("Human rights activist Lina Haddad told Al Mirsad that the town was shelled.",
         "human rights activist"),
    ],
)
def test_attributions_sentence_initial_role(sentence, role):
    d = _only(read_attributions(sentence, 0))
    assert d.role.lower() == role
    assert d.evidence.start == 0


def test_attributions_according_to_at_sentence_start():
    d = _only(read_attributions("According to the UN mission, 30 civilians died in Kalehe.", 0))
    assert d.name == "UN mission"


@pytest.mark.xfail(reason="a comma after an anonymous source ('A military source, speaking to "
                          "AFP, said') loses the source", strict=True)
def test_attributions_anonymous_source_with_comma():
    d = _only(read_attributions("A military source, speaking to AFP, said 4 soldiers died in Ansongo.", 0))
    assert (d.role, d.outlet) == ("military source", "AFP")


def test_attributions_title_is_a_role_not_part_of_the_name():
    d = _only(read_attributions("Governor Musa Dauda said 10 farmers were killed in Gwoza.", 0))
    assert (d.name, d.role.lower()) == ("Musa Dauda", "governor")


def test_attributions_name_with_apposition_before_said():
    d = _only(read_attributions("Carlos Mendoza, the mayor of Tumaco, said two men were shot.", 0))
    assert d.name == "Carlos Mendoza" and "mayor" in d.role


@pytest.mark.xfail(reason="role after 'said Name, a ...' keeps only the words after the last "
                          "stop word: 'a spokesman for the governor' -> 'governor'", strict=True)
def test_attributions_role_of_a_spokesman_for():
    d = _only(read_attributions("The rebels fled, said Hamid Yusuf, a spokesman for the governor.", 0))
    assert d.role.startswith("spokesman")


@pytest.mark.xfail(reason="institutional sources with no name ('Police said') give no SourceDetail",
                   strict=True)
def test_attributions_police_said():
    d = _only(read_attributions("Police said three officers were hurt in Sittwe.", 0))
    assert d.role.lower() == "police"


SENTENCES = [
    "The rebels fled, local activist Hamid Yusuf told Radio Dalsan.",
    "Five people died, said Amina Warsame, a local official in Baidoa.",
    "A doctor at the main hospital told Reuters that 12 bodies had arrived in Mosul.",
    "Shelling continued, an official in Goma said, speaking to Radio Okapi.",
    "Three officers were hurt, according to police spokesman Peter Ochieng.",
]


@pytest.mark.parametrize("sentence", SENTENCES)
@pytest.mark.parametrize("offset", [0, 53])
def test_attributions_evidence_points_into_the_article(sentence, offset):
    article = "z" * offset + sentence
    found = read_attributions(sentence, offset)
    assert found
    for d in found:
        assert d.evidence is not None
        assert article[d.evidence.start:d.evidence.end] == d.evidence.text
        assert d.evidence.start >= offset
        # the evidence names the source it stands for
        assert (d.name or d.role) in d.evidence.text


def test_attributions_one_source_per_stretch_of_text():
    found = read_attributions(
        "Two soldiers died, a local source said, while activist Omar Idris told Radio Tamazuj "
        "that four civilians were hurt.", 0)
    names = sorted(d.name for d in found)
    assert names == ["", "Omar Idris"]
    spans = sorted((d.evidence.start, d.evidence.end) for d in found)
    assert spans[0][1] <= spans[1][0]


@pytest.mark.parametrize("sentence, role", [
    ("Residents said the gunmen left before dawn.", "Residents"),
    ("A local elected official said four guards died in Menaka.", "local elected official"),
    ("Medical sources reported 12 casualties in Hodeidah.", "Medical sources"),
])
def test_attributions_unnamed_sources_are_known_by_role(sentence, role):
    d = _only(read_attributions(sentence, 5, "Wire"))
    assert d.name == "" and d.role == role and d.outlet == "Wire"
    assert sentence[d.evidence.start - 5:d.evidence.end - 5] == d.evidence.text
