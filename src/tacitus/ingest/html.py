"""HTML pages to Article text and metadata (trafilatura), and HTML fragments to text."""
from __future__ import annotations

import re
from dataclasses import dataclass

import lxml.etree
import lxml.html
import trafilatura
from trafilatura.settings import Document

from tacitus.errors import InputError

# htmldate's extensive search reads any date on the page (a "Related items" list
# included); the page's own metadata is what we want.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}
_BLOCKS = frozenset(
    "p div li h1 h2 h3 h4 h5 h6 blockquote section article header footer tr table ul ol "
    "figure figcaption pre dd dt".split()
)
_SPACES = re.compile(r"[ \t\u00a0]+")
_BLANKS = re.compile(r"\n\s*\n+")


@dataclass(frozen=True, slots=True)
class Page:
    """What trafilatura reads from one page: body text (paragraphs split by blank lines)
    and the page's own metadata, each "" or None when the page does not say."""

    text: str
    title: str = ""
    outlet: str = ""
    url: str = ""
    published: str | None = None


def read_page(html: str, origin: str) -> Page:
    """Body text and metadata of an HTML page; InputError "no article text found" if none."""
    try:
        doc = trafilatura.bare_extraction(
            html,
            include_comments=False,
            with_metadata=True,
            date_extraction_params=_DATE_PARAMS,
        )
    except (ValueError, TypeError, lxml.etree.LxmlError) as exc:
        raise InputError(origin, f"unreadable HTML ({exc})") from None
    # Without as_dict, bare_extraction gives a Document or None (its signature adds dict).
    text = (getattr(doc, "text", None) or "") if isinstance(doc, Document) else ""
    if not isinstance(doc, Document) or not text.strip():
        raise InputError(origin, "no article text found")
    # trafilatura puts one paragraph per line; the rest of Tacitus splits on blank lines.
    paragraphs = [" ".join(line.split()) for line in text.splitlines()]
    return Page(
        text="\n\n".join(p for p in paragraphs if p),
        title=doc.title or "",
        outlet=doc.sitename or "",
        url=doc.url or "",
        published=doc.date or None,
    )


def looks_like_html(text: str) -> bool:
    """Whether a feed item's content is markup rather than plain text."""
    return bool(re.search(r"<(?:p|br|div|span|a|img|em|strong|b|i|ul|li|h\d)\b[^>]*>", text, re.I))


def fragment_text(fragment: str) -> str:
    """The text of an HTML fragment (a feed item's content), one paragraph per block.

    Feed content is often a few <p> elements, too short for trafilatura's boilerplate
    scoring, so it is flattened directly: blocks and <br> become paragraph breaks.
    """
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (lxml.etree.LxmlError, ValueError):
        return ""
    for bad in root.xpath(".//script|.//style|.//noscript"):
        bad.drop_tree()
    for br in root.iter("br"):
        br.tail = "\n\n" + (br.tail or "")
    for el in root.iter():
        if isinstance(el.tag, str) and el.tag in _BLOCKS:
            el.tail = "\n\n" + (el.tail or "")
            if el.text:
                el.text = "\n\n" + el.text
    raw = root.text_content()
    parts = (_SPACES.sub(" ", p.replace("\n", " ")).strip() for p in _BLANKS.split(raw))
    return "\n\n".join(p for p in parts if p)
