"""Which kind of input a text is, judged from its content first and its name second."""
from __future__ import annotations

import json
import re
from typing import Literal

Kind = Literal["html", "feed", "jsonl", "text"]

# Skip an XML declaration, comments, processing instructions and a doctype to find the root.
_PROLOGUE = re.compile(r"\A(?:\s+|<\?.*?\?>|<!--.*?-->|<!DOCTYPE(?:[^\[>]|\[.*?\])*>)*", re.S | re.I)
_FEED_ROOT = re.compile(r"<(?:[\w-]+:)?(?:rss|feed|rdf)\b", re.I)
_HTML_ROOT = re.compile(r"<(?:html|head|body|article|div|p|section|main|meta|title)\b", re.I)
_HTML_DOCTYPE = re.compile(r"<!DOCTYPE\s+html", re.I)
_HTML_TAGS = re.compile(r"</?(?:html|body|head|div|p|span|article|br|script|a)\b[^>]*>", re.I)
_JSONL_NAMES = (".jsonl", ".ndjson", ".jsonlines", ".json")


def _json_line(text: str) -> bool:
    """Whether the first line is a JSON object (a text may open with "{Update}")."""
    first = text.split("\n", 1)[0]
    try:
        return isinstance(json.loads(first), dict)
    except (ValueError, RecursionError):  # RecursionError: nested too deeply to be an article
        return first.startswith('{"')


def detect_kind(text: str, name: str = "") -> Kind:
    """The kind of `text`: an RSS/Atom feed, an HTML page, JSONL or plain text.

    Content decides: a .txt holding HTML is HTML, a feed is a feed whatever its name.
    The name only breaks ties (a .jsonl whose first line is broken is still JSONL).
    """
    head = text[:4096].lstrip("\ufeff")
    stripped = head.lstrip()
    if stripped.startswith("<"):
        prologue = _PROLOGUE.match(head)
        assert prologue is not None  # the pattern is all optional parts: it matches any text
        body = head[prologue.end():]
        if _FEED_ROOT.match(body):
            return "feed"
        if _HTML_DOCTYPE.search(head[:512]) or _HTML_ROOT.match(body):
            return "html"
        if stripped.startswith(("<?xml", "<!DOCTYPE", "<!doctype")) or "<!ENTITY" in head:
            return "feed"  # some other XML: the feed reader says what is wrong with it
        if len(_HTML_TAGS.findall(head)) >= 2:
            return "html"
    if name.lower().endswith(_JSONL_NAMES) or (stripped.startswith("{") and _json_line(stripped)):
        return "jsonl"
    if len(_HTML_TAGS.findall(head)) >= 4:
        return "html"  # a page with leading junk before its markup
    return "text"
