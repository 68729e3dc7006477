"""clean: page furniture out, every body sentence kept exactly (texts written for these tests)."""
from __future__ import annotations

import pytest

from tacitus.clean import Furniture, clean, paragraphs
from tacitus.types import Article


def _clean(text: str, **kw) -> Article:
    return clean(Article(id="t", text=text, **kw))


def _body(*paras: str) -> str:
    return "\n\n".join(paras)


# A blog-style local outlet: title, caption, outlet line, dateline, subheading, byline,
# related items, comment form and captcha.
BLOG = """Rebels and soldiers trade fire near the hill town of Varna


A soldier at a roadside checkpoint. File photo

The Valley Herald

Varna al-Gharbiya – Government troops and rebel fighters exchanged artillery fire on Tuesday near the hill town, residents said.

Three civilians were killed when a shell struck a bakery, a local doctor told The Valley Herald.

Night Raids

The clashes came a day after drones struck a depot north of the town.

Reporting by: Lena Ortiz and Tomas Weil | Source: The Valley Herald


Related Items

Leave a Reply

Your email address will not be published. Required fields are marked *

six − 2 =
"""
BLOG_BODY = _body(
    "Government troops and rebel fighters exchanged artillery fire on Tuesday near the hill town, residents said.",
    "Three civilians were killed when a shell struck a bakery, a local doctor told The Valley Herald.",
    "The clashes came a day after drones struck a depot north of the town.",
)

# A wire story: caps dateline with agency, credit line under a caption, trailing credits.
WIRE = """Gunmen storm police station in the south

Police officers inspect the damaged station on Wednesday.

REUTERS/Sam Doe

PORT ELLIS, Marland (Reuters) - Gunmen stormed a police station in southern Marland on Wednesday, killing four officers, the interior ministry said.

The ministry blamed a local armed group for the attack.

(Reporting by Ann Lee; Writing by Bo Kim; Editing by Cy Ray)
"""
WIRE_BODY = _body(
    "Gunmen stormed a police station in southern Marland on Wednesday, killing four officers, the interior ministry said.",
    "The ministry blamed a local armed group for the attack.",
)

# A news site with a "By" byline, a date line, share buttons and a newsletter box.
SITE = """By Maria Santos and Jon Pike

June 4, 2024

Share  Tweet  WhatsApp  Email

Protesters blocked the main road into Cassia on Monday, demanding the release of detained students.

Police used tear gas to disperse the crowd, witnesses said. A photo published by a local station showed several people injured.

Subscribe to our newsletter for daily updates

Follow us on Twitter and Facebook

© 2024 Cassia Daily. All rights reserved.
"""
SITE_BODY = _body(
    "Protesters blocked the main road into Cassia on Monday, demanding the release of detained students.",
    "Police used tear gas to disperse the crowd, witnesses said. A photo published by a local station showed several people injured.",
)

# A JSON dump: one paragraph per line, no blank lines, a caption with (AFP) and a tail.
DUMP = (
    "Smoke rises over the port after an air strike (AFP)\n"
    "Air strikes hit the port of Selim on Thursday, killing at least six dock workers, officials said.\n"
    "The strikes were related to a wider campaign against supply routes, a military spokesman said.\n"
    "Read more\n"
    "Port workers strike over pay\n"
    "Comments\n"
)
DUMP_BODY = _body(
    "Air strikes hit the port of Selim on Thursday, killing at least six dock workers, officials said.",
    "The strikes were related to a wider campaign against supply routes, a military spokesman said.",
)


@pytest.mark.parametrize("text, title, dateline, body", [
    (BLOG, "Rebels and soldiers trade fire near the hill town of Varna", "Varna al-Gharbiya", BLOG_BODY),
    (WIRE, "Gunmen storm police station in the south", "Port Ellis", WIRE_BODY),
    (SITE, "", "", SITE_BODY),
    (DUMP, "", "", DUMP_BODY),
])
def test_clean_layouts(text, title, dateline, body):
    c = _clean(text)
    assert c.text == body
    assert (c.title, c.dateline) == (title, dateline)


def test_clean_keeps_every_body_sentence_verbatim():
    for text, body in ((BLOG, BLOG_BODY), (WIRE, WIRE_BODY), (SITE, SITE_BODY)):
        cleaned = _clean(text).text
        for sentence in body.split("\n\n"):
            assert sentence in cleaned


def test_clean_keeps_body_sentences_with_photo_and_related():
    text = _body(
        "Police released a photo of the suspect on Friday.",
        "The attack was related to a land dispute, officials said.",
        "Related to the case, two men were detained.",
        "A file photo of the bridge was shown at the hearing, lawyers said.",
    )
    assert _clean(text, title="Suspect named").text == text


def test_clean_tail_marker_early_is_body():
    text = _body("Comments", "Officials gave no comments on the strike, which hit a school on Monday in the north of the province.")
    assert _clean(text, title="Strike on school").text == text.split("\n\n")[1]  # "Comments" is a heading here, tail not cut


def test_clean_known_title_repeated_in_text_is_dropped():
    text = _body("Ceasefire collapses in Doran", "Fighting resumed in Doran on Sunday, ending a week-long truce.")
    c = _clean(text, title="Ceasefire collapses in Doran")
    assert c.title == "Ceasefire collapses in Doran"
    assert c.text == "Fighting resumed in Doran on Sunday, ending a week-long truce."


def test_clean_title_with_question_mark_stays_body():
    text = _body("Is the truce holding in the east?", "Fighting resumed in Doran on Sunday, ending a week-long truce.")
    assert _clean(text).title == ""
    assert _clean(text).text == text


@pytest.mark.parametrize("line", [
    "six − 2 =", "3 + 4 =", "seven × 2 =", "nine ÷ 3 = 3", "12 - two =", "Eight plus one = ?",
])
def test_clean_captchas_removed(line):
    body = "Unknown gunmen shot dead a village chief in Orlo on Saturday."
    assert _clean(_body(body, line), title="t").text == body


@pytest.mark.parametrize("line", [
    "Reporting by Ana Ruiz", "Writing by Jo Park", "Editing by Lee Chan",
    "Additional reporting by Omar Said in Harran", "(Reporting by Ana Ruiz; Editing by Lee Chan)",
    "By Ana Ruiz", "By: Ana Ruiz | Frontier Times", "Source: Frontier Times", "Sources: agencies",
])
def test_clean_bylines_removed(line):
    body = "Unknown gunmen shot dead a village chief in Orlo on Saturday."
    assert _clean(_body(body, line), title="t").text == body


def test_clean_by_sentence_stays():
    text = _body("By nightfall the army had retaken the bridge, officials said.",
                 "By Monday, the death toll had risen to nine.")
    assert _clean(text, title="t").text == text


@pytest.mark.parametrize("caption", [
    "Displaced families at a camp near Tarsa. (Photo: Field Office)",
    "Fighters patrol the streets of Tarsa. Photo: handout",
    "Image: the damaged clinic in Tarsa",
    "A damaged clinic in Tarsa. Credit: local council",
    "Residents flee the shelling. Getty Images",
    "A tank near Tarsa. EPA-EFE/Some Photographer",
])
def test_clean_captions_removed(caption):
    body = "Shelling damaged a clinic in Tarsa on Sunday, the health ministry said."
    assert _clean(_body(caption, body), title="t").text == body


@pytest.mark.parametrize("lead, place, rest", [
    ("KABUL (Reuters) - Gunmen killed two guards on Monday.", "Kabul", "Gunmen killed two guards on Monday."),
    ("Mirabad, Northland (AP) — A car bomb exploded on Monday.", "Mirabad", "A car bomb exploded on Monday."),
    ("BERAT, May 3 (Reuters) - Troops fired on protesters.", "Berat", "Troops fired on protesters."),
    ("Tal ez-Zahra – Clashes broke out on Monday.", "Tal ez-Zahra", "Clashes broke out on Monday."),
    ("The army – backed by militias – took the town.", "", "The army – backed by militias – took the town."),
    ("Officials said on Monday - a holiday - that the road was open.", "", "Officials said on Monday - a holiday - that the road was open."),
])
def test_clean_dateline(lead, place, rest):
    c = _clean(_body(lead, "A second paragraph follows here, written in full."), title="t")
    assert c.dateline == place
    assert c.text.split("\n\n")[0] == rest


def test_clean_crlf_and_outlet_line():
    text = "Nordic Wire\r\n\r\nA bomb exploded in a market in Halden on Friday, police said.\r\n"
    c = _clean(text, title="Market bomb", outlet="Nordic Wire")
    assert c.text == "A bomb exploded in a market in Halden on Friday, police said."


def test_clean_hard_wrapped_paragraph_not_split_or_cut():
    text = ("Gunmen ambushed a convoy on the road between\nAshford and Kell on Monday, killing\n"
            "three soldiers, the army said.\n\nThe army said it\nwould respond.")
    assert _clean(text, title="Ambush").text == text


def test_clean_heading_line_inside_block():
    text = ("Troops retook the airport on Monday.\nAirport Battle\nThe fighting lasted three days, officials said.")
    assert _clean(text, title="t").text == _body("Troops retook the airport on Monday.",
                                                 "The fighting lasted three days, officials said.")


def test_clean_is_pure_and_keeps_metadata():
    a = Article(id="x", text=BLOG, outlet="The Valley Herald", url="u", origin="o")
    c = clean(a)
    assert a.text == BLOG and (c.id, c.url, c.origin, c.outlet) == ("x", "u", "o", "The Valley Herald")


def test_clean_custom_furniture_rules():
    rules = Furniture.load()
    assert "related items" in rules.tail_lines
    assert clean(Article(id="t", text=BLOG), rules).text == BLOG_BODY


def test_clean_paragraph_spans():
    c = _clean(BLOG)
    spans = paragraphs(c.text)
    assert [s.text for s in spans] == BLOG_BODY.split("\n\n")
    assert all(c.text[s.start:s.end] == s.text for s in spans)
    assert paragraphs("  one\n two \n\n\n three ") == paragraphs("  one\n two \n\n\n three ")
    assert [s.text for s in paragraphs("  one\n two \n\n\n three ")] == ["one\n two", "three"]


LEAD = ("Armed men raided a village near Oskar on Saturday night, burning several houses and "
        "driving hundreds of families from their homes, the district council said on Sunday.")
SECOND = "The council said two villagers were missing after the raid."


@pytest.mark.parametrize("marker", [
    "Related Articles", "Related posts:", "Read more", "More from Frontier Times", "Share this:",
    "Leave a comment", "Comments", "12 Comments", "Your email address will not be published.",
    "You may also like",
])
def test_clean_tail_cut_after_body(marker):
    text = _body(LEAD, SECOND, marker, "Another story about a different town entirely, published last week.")
    assert _clean(text, title="t").text == _body(LEAD, SECOND)


def test_clean_caption_line_followed_by_credit_line_in_one_block():
    text = _body("Families wait at a border crossing near Oskar.\nPhoto: Field Agency", LEAD)
    assert _clean(text, title="t").text == LEAD


def test_clean_short_body_paragraph_after_long_caption_is_kept():
    text = _body(LEAD, "Asked about the raid, the governor said he had sent police to the village and "
                 "would visit the displaced families himself on Monday.", "Photo: handout")
    assert _clean(text, title="t").text == text.rsplit("\n\n", 1)[0]


def test_clean_only_furniture_gives_empty_text():
    assert _clean(_body("Related Items", "Share this:", "© 2024 Example"), title="t").text == ""


def test_clean_after_html_ingest_drops_repeated_headline():
    from pathlib import Path

    from tacitus.ingest import read_articles

    [a] = read_articles([str(Path(__file__).parent / "inputs" / "page.txt")])
    c = clean(a)
    assert c.title == "Clashes erupt on the outskirts of Lakeport"
    assert c.text.startswith("Fighters of the Northern Front attacked a police post")
    assert c.text.endswith("under cover of darkness.")


def test_clean_cuts_a_video_players_text_run_into_the_body():
    text = ("Farmers blocked the ring road on Monday. Watch: Farmers Block the Ring Road Video size "
            "width x height pixels Farmers Block the Ring Road Share this video 0:01:12 ▶ 0:00:00 "
            "/0:01:12 ▶ ▶ Direct link 270p | 2.9MB 360p | 4.0MB 720p | 18.2MB Late Monday, the "
            "minister met their leaders.")
    assert _clean(text).text == _body("Farmers blocked the ring road on Monday.",
                                      "Late Monday, the minister met their leaders.")


def test_clean_keeps_a_sentence_that_only_talks_about_sharing_a_video():
    text = "The group urged supporters to share this video of the march on Monday."
    assert _clean(text).text == text
