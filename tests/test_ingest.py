"""Ingest: every input kind to Article, and one clear InputError per bad input."""
from __future__ import annotations

import codecs
import datetime as dt
import io
import sys
from pathlib import Path

import pytest

from tacitus.errors import InputError
from tacitus.ingest import (
    Overrides, article_from_text, detect_kind, parse_published, read_articles, read_inputs,
)

INPUTS = Path(__file__).parent / "inputs"
BODY = "Militants attacked an army post near the river town of Eastbrook on Friday.\n"

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<rss version="2.0"><channel><title>&lol3;</title></channel></rss>
"""
EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>t</title><item><description>&xxe;</description></item></channel></rss>
"""


def _all(paths, overrides=Overrides()):
    return list(read_inputs([str(p) for p in paths], overrides))


def _write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    p = tmp_path / name
    p.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return p


# ------------------------------------------------------------------ plain text

def test_ingest_text_file_with_overrides(tmp_path):
    p = _write(tmp_path, "story.txt", BODY)
    [a] = _all([p], Overrides(published=dt.date(2024, 2, 9), outlet="Plains Herald", url="https://h.example/x"))
    assert a.text == BODY
    assert (a.published, a.outlet, a.url, a.origin) == (dt.date(2024, 2, 9), "Plains Herald", "https://h.example/x", str(p))
    assert a.id == article_from_text(BODY).id and len(a.id) == 16


def test_ingest_stdin(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(BODY.encode())))
    [a] = list(read_inputs(["-"]))
    assert a.origin == "<stdin>" and a.text == BODY


def test_ingest_article_from_text_id_and_dates():
    a = article_from_text("Some text.", id="abc", published="2024-01-31T23:10:00Z", title="  A   title ")
    assert (a.id, a.published, a.title) == ("abc", dt.date(2024, 1, 31), "A title")
    assert article_from_text("Some text.").id == article_from_text("Some text.").id
    assert article_from_text("Some text.").id != article_from_text("Other text.").id
    with pytest.raises(InputError, match="x.txt: empty input"):
        article_from_text("  \n ", origin="x.txt")
    with pytest.raises(InputError, match="unreadable publication date"):
        article_from_text("Text.", published="the other day", origin="x.txt")


@pytest.mark.parametrize("raw, expected", [
    ("2023-07-04", dt.date(2023, 7, 4)),
    ("2023-07-04T22:15:00+02:00", dt.date(2023, 7, 4)),
    ("2023-07-04T22:15:00Z", dt.date(2023, 7, 4)),
    ("Tue, 04 Jul 2023 22:15:00 GMT", dt.date(2023, 7, 4)),
    ("Tue, 4 Jul 2023 22:15:00 +0000", dt.date(2023, 7, 4)),
    ("4 July 2023", dt.date(2023, 7, 4)),
    ("July 4, 2023", dt.date(2023, 7, 4)),
    ("2023/07/04", dt.date(2023, 7, 4)),
    (dt.datetime(2023, 7, 4, 5, 6), dt.date(2023, 7, 4)),
])
def test_ingest_parse_published_formats(raw, expected):
    assert parse_published(raw) == expected


@pytest.mark.parametrize("raw", ["", "soon", "32/13/2023", 20230704])
def test_ingest_parse_published_refuses(raw):
    with pytest.raises(ValueError):
        parse_published(raw)


# ------------------------------------------------------------------ kinds

@pytest.mark.parametrize("text, name, kind", [
    ("<!DOCTYPE html><html><body><p>x</p></body></html>", "a.txt", "html"),
    ("  <html><p>x</p></html>", "", "html"),
    ('<?xml version="1.0"?><rss version="2.0"><channel/></rss>', "a.txt", "feed"),
    ('<feed xmlns="http://www.w3.org/2005/Atom"></feed>', "", "feed"),
    ('<?xml version="1.0"?><!-- c --><rdf:RDF xmlns:rdf="x"></rdf:RDF>', "a.xml", "feed"),
    ('{"text": "x"}\n{"text": "y"}', "a.txt", "jsonl"),
    ("not json at all", "a.jsonl", "jsonl"),
    ("{Update} Fighting resumed in the north.", "a.txt", "text"),
    ("Plain words about <b>things</b>.", "a.html", "text"),
    (BILLION_LAUGHS.replace("<rss", "<lolz").replace("</rss>", "</lolz>"), "a", "feed"),
])
def test_ingest_detect_kind(text, name, kind):
    assert detect_kind(text, name) == kind


def test_ingest_html_in_txt_gets_page_metadata():
    [a] = _all([INPUTS / "page.txt"])
    assert a.outlet == "Harbour Courier"
    assert a.published == dt.date(2023, 6, 14)
    assert a.title == "Clashes erupt on the outskirts of Lakeport"
    assert a.url.startswith("https://courier.example.org/")
    assert "Two police officers and one attacker were killed" in a.text
    assert "\n\n" in a.text and "Home" not in a.text.split("\n\n")


def test_ingest_html_overrides_win():
    over = Overrides(published=dt.date(2023, 6, 13), outlet="Other Desk", url="https://o.example/1")
    [a] = _all([INPUTS / "page.txt"], over)
    assert (a.published, a.outlet, a.url) == (over.published, over.outlet, over.url)


def test_ingest_broken_html_has_no_text(tmp_path):
    p = _write(tmp_path, "broken.html", "<html><body><div><script>var a=1;</script></div></body></html>")
    [err] = _all([p])
    assert isinstance(err, InputError) and str(err) == f"{p}: no article text found"


# ------------------------------------------------------------------ feeds

def test_ingest_rss_items_in_order_with_one_bad_item():
    items = _all([INPUTS / "wire.rss"])
    assert [type(i).__name__ for i in items] == ["Article", "InputError", "Article"]
    first, bad, third = items
    assert first.origin.endswith("wire.rss#item 1") and first.id == "wire-0001"
    assert first.published == dt.date(2023, 7, 3) and first.outlet == "Example Wire"
    assert first.text == ("Hundreds of people marched through Millbrook on Sunday to protest against "
                          "fuel prices.\n\nPolice watched but did not intervene, witnesses said.")
    assert bad.origin.endswith("wire.rss#item 2") and "publication date" in bad.reason
    assert third.text == "Authorities lifted the night curfew in Stonebridge on Tuesday."  # content:encoded wins


def test_ingest_atom_without_extension():
    first, second = _all([INPUTS / "updates"])
    assert first.url == "https://notes.example.com/greyhill" and first.published == dt.date(2023, 8, 1)
    assert first.text == "The militia withdrew from Greyhill on Monday after talks with elders."
    assert second.published == dt.date(2023, 8, 2) and second.origin.endswith("updates#item 2")


@pytest.mark.parametrize("xml", [BILLION_LAUGHS, EXTERNAL_ENTITY])
def test_ingest_hostile_xml_refused(tmp_path, xml):
    p = _write(tmp_path, "feed.xml", xml)
    [err] = _all([p])
    assert isinstance(err, InputError) and str(err) == f"{p}: XML entities are not allowed"


def test_ingest_malformed_feed_names_line(tmp_path):
    p = _write(tmp_path, "feed.xml", '<?xml version="1.0"?>\n<rss>\n<channel><item></channel>\n</rss>\n')
    [err] = _all([p])
    assert str(err) == f"{p}: not well-formed XML at line 3"


# ------------------------------------------------------------------ JSONL

def test_ingest_jsonl_bad_lines_only():
    items = _all([INPUTS / "batch.jsonl"], Overrides(outlet="Fallback Desk"))
    kinds = [(type(i).__name__, i.origin.rsplit(":", 1)[-1]) for i in items]
    assert kinds == [("Article", "1"), ("Article", "2"), ("InputError", "4"), ("InputError", "5"),
                     ("InputError", "6"), ("Article", "7"), ("InputError", "8")]
    assert items[0].outlet == "Valley Post" and items[1].outlet == "Fallback Desk"
    assert items[2].reason == "line is not a JSON object"
    assert items[3].reason == 'no "text" field'
    assert items[5].id == "6" and items[5].published == dt.date(2023, 5, 6)


# ------------------------------------------------------------------ bad inputs

@pytest.mark.parametrize("name, data, reason", [
    ("photo.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" + bytes(range(256)) * 4, "binary data, not text"),
    ("noise.txt", bytes([1, 2, 3, 4, 5, 6, 7, 8, 65]) * 50, "binary data, not text"),
    ("empty.txt", b"", "empty input"),
    ("blank.txt", b"  \n\t\n  ", "empty input"),
    ("bad.txt", b"abc \x81\x8d\x8f\x90\x9d def", "cannot decode text (not UTF-8, UTF-16 or a declared charset)"),
])
def test_ingest_bad_files(tmp_path, name, data, reason):
    p = _write(tmp_path, name, data)
    [err] = _all([p])
    assert isinstance(err, InputError) and str(err) == f"{p}: {reason}"


def test_ingest_missing_file_then_goes_on(tmp_path):
    good = _write(tmp_path, "good.txt", BODY)
    err, article = _all([tmp_path / "missing.txt", good])
    assert isinstance(err, InputError) and "missing.txt" in str(err)
    assert article.text == BODY


def test_ingest_huge_file_refused_before_reading(tmp_path, monkeypatch):
    p = tmp_path / "big.txt"
    with p.open("wb") as fh:  # sparse: 51 MB on paper, nothing on disk
        fh.truncate(51 * 1024 * 1024)
    monkeypatch.setattr(Path, "open", lambda *a, **k: pytest.fail("read a huge file"))
    [err] = _all([p])
    assert str(err) == f"{p}: larger than 50 MB"


@pytest.mark.parametrize("data", [
    codecs.BOM_UTF8 + "Shelling hit Zaria’s east – officials.\n".encode(),
    "Shelling hit Zaria’s east – officials.\n".encode("utf-16"),
    "Shelling hit Zaria’s east – officials.\n".encode("cp1252"),
])
def test_ingest_encodings(tmp_path, data):
    [a] = _all([_write(tmp_path, "enc.txt", data)])
    assert a.text == "Shelling hit Zaria’s east – officials.\n"


def test_ingest_html_meta_charset(tmp_path):
    page = (INPUTS / "page.txt").read_text("utf-8").replace('charset="utf-8"', 'charset="iso-8859-7"')
    page = page.replace("Tuesday night", "Tuesday night (Τρίτη)")
    [a] = _all([_write(tmp_path, "greek.html", page.encode("iso-8859-7"))])
    assert "Tuesday night (Τρίτη)" in a.text


def test_ingest_directory_sorted_recursive(tmp_path):
    _write(tmp_path, "b.txt", "Second text about a raid.")
    (tmp_path / "sub").mkdir()
    _write(tmp_path / "sub", "a.txt", "Third text about a strike.")
    _write(tmp_path, "a.txt", "First text about a clash.")
    _write(tmp_path, ".hidden", "\x00")
    texts = [a.text for a in _all([tmp_path])]
    assert texts == ["First text about a clash.", "Second text about a raid.", "Third text about a strike."]


def test_ingest_read_articles_raise_and_skip(tmp_path):
    good, empty = _write(tmp_path, "good.txt", BODY), _write(tmp_path, "empty.txt", "")
    assert [a.text for a in read_articles([str(empty), str(good)], on_error="skip")] == [BODY]
    with pytest.raises(InputError, match="empty.txt: empty input"):
        list(read_articles([str(empty), str(good)]))
