"""The list of feeds to follow: a text file (one URL a line, then optionally a tab, the
outlet's name, a tab and its country) or an OPML file, as feed readers export.

    https://example.org/rss.xml<TAB>Example Wire<TAB>Kenya
    # a comment; blank lines are ignored
    https://other.example/atom.xml

In OPML, every ``<outline>`` with an ``xmlUrl`` is a feed; its ``title`` (else ``text``)
is the outlet, and a ``country`` attribute, if any, its country.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import defusedxml
import defusedxml.ElementTree as SafeET
import pycountry

from tacitus.errors import InputError
from tacitus.ingest.decode import decode, read_bytes


@dataclass(frozen=True, slots=True)
class FeedSource:
    """One feed to follow; ``country`` is an ISO 3166 alpha-2 code or ""."""

    url: str
    outlet: str = ""
    country: str = ""


def read_feed_list(path: str | Path) -> tuple[FeedSource, ...]:
    """The feeds a list file or OPML file names, in order, each URL once. InputError
    naming the file (and line) for anything that is not a feed list."""
    origin = str(path)
    return parse_feed_list(decode(read_bytes(origin), origin), origin)


def parse_feed_list(text: str, origin: str) -> tuple[FeedSource, ...]:
    """The feeds of a feed list's text (plain or OPML); ``origin`` names it in errors."""
    if text.lstrip().startswith("<"):
        feeds = _opml_feeds(text, origin)
    else:
        feeds = tuple(_line_feed(line, f"{origin}:{n}") for n, line in enumerate(text.splitlines(), 1)
                      if line.strip() and not line.lstrip().startswith("#"))
    if not feeds:
        raise InputError(origin, "no feed URLs in the list")
    unique = {feed.url: feed for feed in reversed(feeds)}  # the first mention of a URL wins
    return tuple(feed for feed in feeds if unique[feed.url] is feed)


def _line_feed(line: str, where: str) -> FeedSource:
    fields = [f.strip() for f in line.rstrip("\r\n").split("\t")]
    if len(fields) > 3:
        raise InputError(where, "expected URL, then optionally a tab, the outlet, a tab and the country")
    url, outlet, country = (fields + ["", ""])[:3]
    return FeedSource(_checked_url(url, where), outlet, country_code(country, where))


def _opml_feeds(text: str, origin: str) -> tuple[FeedSource, ...]:
    try:
        root = SafeET.fromstring(text, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except (defusedxml.EntitiesForbidden, defusedxml.ExternalReferenceForbidden, defusedxml.DTDForbidden):
        raise InputError(origin, "XML entities are not allowed") from None
    except ET.ParseError as exc:
        line = exc.position[0] if exc.position else "?"
        raise InputError(origin, f"not well-formed XML at line {line}") from None
    if root.tag.lower() != "opml":
        raise InputError(origin, f"not an OPML file (root element <{root.tag}>)")
    feeds = []
    for n, outline in enumerate(root.iter("outline"), 1):
        url = outline.get("xmlUrl") or outline.get("xmlurl")
        if url:
            where = f"{origin}#outline {n}"
            outlet = (outline.get("title") or outline.get("text") or "").strip()
            feeds.append(FeedSource(_checked_url(url.strip(), where), outlet,
                                    country_code(outline.get("country", ""), where)))
    return tuple(feeds)


def _checked_url(url: str, where: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InputError(where, f"{url!r} is not an http(s) URL")
    return url


def country_code(name: str, where: str) -> str:
    """An ISO alpha-2 code from a country's name or code ("" for none); InputError if unknown."""
    name = name.strip()
    if not name:
        return ""
    try:
        return pycountry.countries.lookup(name).alpha_2
    except LookupError:
        pass
    try:
        matches = pycountry.countries.search_fuzzy(name)
    except LookupError:
        matches = []
    if len(matches) == 1:
        return matches[0].alpha_2
    raise InputError(where, f"unknown country {name!r}")
