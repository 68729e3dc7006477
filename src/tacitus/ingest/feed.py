"""RSS 2.0, RSS 1.0 (RDF) and Atom feeds to one record per item, parsed with defusedxml.

defusedxml refuses entity declarations (billion laughs) and external references, so a
hostile feed is one clear error, not a hung process or a file read off this machine.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass

import defusedxml
import defusedxml.ElementTree as SafeET

from tacitus.errors import InputError
from tacitus.ingest.html import fragment_text, looks_like_html

_ATOM = "{http://www.w3.org/2005/Atom}"
_RSS1 = "{http://purl.org/rss/1.0/}"
_CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
_DC = "{http://purl.org/dc/elements/1.1/}"


@dataclass(frozen=True, slots=True)
class FeedItem:
    """One item as the feed gives it; `published` is the raw date string, if any."""

    number: int  # 1-based position in the feed
    text: str
    title: str = ""
    url: str = ""
    id: str = ""
    published: str | None = None
    outlet: str = ""  # the feed's own title


def parse_feed(text: str, origin: str) -> ET.Element:
    """The feed's root element; InputError for hostile or malformed XML."""
    try:
        return SafeET.fromstring(text, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except (defusedxml.EntitiesForbidden, defusedxml.ExternalReferenceForbidden,
            defusedxml.DTDForbidden):
        raise InputError(origin, "XML entities are not allowed") from None
    except ET.ParseError as exc:
        line = exc.position[0] if exc.position else "?"
        raise InputError(origin, f"not well-formed XML at line {line}") from None
    except ValueError as exc:  # e.g. a str carrying an encoding declaration expat rejects
        raise InputError(origin, f"unreadable XML ({exc})") from None


def _text(el: ET.Element | None) -> str:
    return "".join(el.itertext()).strip() if el is not None else ""


def _first(el: ET.Element, *tags: str) -> str:
    for tag in tags:
        found = _text(el.find(tag))
        if found:
            return found
    return ""


def _body(raw: str) -> str:
    return fragment_text(raw) if looks_like_html(raw) else raw.strip()


def _rss_item(item: ET.Element, number: int, outlet: str, ns: str) -> FeedItem:
    raw = _first(item, _CONTENT, f"{ns}description")
    guid = _first(item, f"{ns}guid", f"{_DC}identifier")
    return FeedItem(
        number=number,
        text=_body(raw),
        title=_first(item, f"{ns}title"),
        url=_first(item, f"{ns}link") or item.get("{http://www.w3.org/1999/02/22-rdf-syntax-ns#}about", ""),
        id=guid,
        published=_first(item, f"{ns}pubDate", f"{_DC}date") or None,
        outlet=outlet,
    )


def _atom_link(entry: ET.Element) -> str:
    links = entry.findall(f"{_ATOM}link")
    for link in links:
        if link.get("rel", "alternate") == "alternate" and link.get("href"):
            return link.get("href", "")
    return links[0].get("href", "") if links else ""


def _atom_entry(entry: ET.Element, number: int, outlet: str) -> FeedItem:
    content = entry.find(f"{_ATOM}content")
    if content is None or not _text(content):
        content = entry.find(f"{_ATOM}summary")
    raw = _text(content)
    kind = content.get("type", "text") if content is not None else "text"
    text = fragment_text(raw) if kind in ("html", "xhtml") or looks_like_html(raw) else raw
    return FeedItem(
        number=number,
        text=text,
        title=_first(entry, f"{_ATOM}title"),
        url=_atom_link(entry),
        id=_first(entry, f"{_ATOM}id"),
        published=_first(entry, f"{_ATOM}published", f"{_ATOM}updated") or None,
        outlet=outlet,
    )


def feed_items(text: str, origin: str) -> Iterator[FeedItem]:
    """Every item of an RSS or Atom feed, in order; InputError if it is not a feed."""
    root = parse_feed(text, origin)
    tag = root.tag.rsplit("}", 1)[-1].lower()
    if tag == "rss":
        channel = root.find("channel")
        if channel is None:
            raise InputError(origin, "RSS feed without a <channel>")
        outlet = _first(channel, "title")
        for n, item in enumerate(channel.findall("item"), 1):
            yield _rss_item(item, n, outlet, "")
    elif tag == "rdf":
        channel = root.find(f"{_RSS1}channel")
        outlet = _first(channel, f"{_RSS1}title") if channel is not None else ""
        for n, item in enumerate(root.findall(f"{_RSS1}item"), 1):
            yield _rss_item(item, n, outlet, _RSS1)
    elif root.tag == f"{_ATOM}feed" or tag == "feed":
        ns = _ATOM if root.tag.startswith(_ATOM) else ""
        outlet = _first(root, f"{ns}title")
        for n, entry in enumerate(root.findall(f"{ns}entry"), 1):
            yield (_atom_entry(entry, n, outlet) if ns else
                   FeedItem(n, _body(_first(entry, "content", "summary")), _first(entry, "title"),
                            "", _first(entry, "id"), _first(entry, "published", "updated") or None,
                            outlet))
    else:
        raise InputError(origin, f"not an RSS or Atom feed (root element <{tag}>)")
