"""A feed item to the Article `ingest` would make of it, reading the item's page when the
feed carries only a summary."""
from __future__ import annotations

from dataclasses import dataclass, replace

from tacitus.errors import InputError
from tacitus.ingest.decode import decode
from tacitus.ingest.feed import FeedItem
from tacitus.ingest.html import read_page
from tacitus.ingest.read import feed_article
from tacitus.ingest.text import text_id
from tacitus.types import Article
from tacitus.watch.feedlist import FeedSource
from tacitus.watch.fetch import Fetched

# An item with fewer words than this is a summary or a teaser: its page is read instead.
SUMMARY_WORDS = 150


@dataclass(frozen=True, slots=True)
class ItemResult:
    """What a new item gave: an article, or a reason it never will (``refused``), or a
    reason it cannot be read now and is tried again next round (``pending``)."""

    key: str
    article: Article | None = None
    refused: str = ""
    pending: str = ""


def item_key(item: FeedItem) -> str:
    """How an item is known across rounds: its id (guid), else its link, else its text."""
    return item.id or item.url or text_id(item.text)


def wants_page(item: FeedItem, min_words: int = SUMMARY_WORDS) -> bool:
    """Whether the item is only a summary of a page it links to."""
    return bool(item.url) and len(item.text.split()) < min_words


def item_article(item: FeedItem, source: FeedSource, page: Fetched | None) -> ItemResult:
    """The item's article, from its own text or (``page`` given) from its page's. The
    feed list's outlet name wins over the feed's title; the item's date over the page's."""
    key = item_key(item)
    item = replace(item, outlet=source.outlet or item.outlet)
    if page is None:
        return _article(key, item, source.url)
    if page.outcome == "ok":
        try:
            read = read_page(decode(page.body, item.url), item.url)
        except InputError:
            return _article(key, item, source.url)  # not an article page: the summary is what there is
        whole = replace(item, text=read.text, title=item.title or read.title,
                        published=item.published or read.published)
        return _article(key, whole, source.url)
    if page.permanent:
        return _article(key, item, source.url)
    return ItemResult(key, pending=f"{item.url}: {page.reason}")


def _article(key: str, item: FeedItem, feed_url: str) -> ItemResult:
    try:
        return ItemResult(key, feed_article(item, feed_url))
    except InputError as exc:
        return ItemResult(key, refused=exc.reason)
