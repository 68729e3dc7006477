"""Paths in, Articles (or one InputError per unreadable input) out, in order."""
from __future__ import annotations

import datetime as dt
import logging
import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Literal

from tacitus.errors import InputError, internal_error
from tacitus.types import Article

from tacitus.ingest.decode import decode, read_bytes
from tacitus.ingest.detect import detect_kind
from tacitus.ingest.feed import FeedItem, feed_items
from tacitus.ingest.folder import FileMetadata, folder_metadata, is_metadata
from tacitus.ingest.html import read_page
from tacitus.ingest.jsonl import jsonl_articles
from tacitus.ingest.outlet import canonical_outlet
from tacitus.ingest.text import article_from_text, implausible_published

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Overrides:
    """What the command line says about the input (--published, --outlet, --url).

    For a plain-text file or an HTML page these win over what the page says. For feeds
    and JSONL, which hold many articles, they only fill what an item leaves out.
    """

    published: dt.date | None = None
    outlet: str | None = None
    url: str | None = None


_SPECIAL = ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a device"),
            (stat.S_ISBLK, "a device"))


def _special(path: str) -> str | None:
    """What a path in a folder is when it is not a regular file (reading a FIFO or a
    device would hang the run), else None."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None  # gone or unreadable: reading it says why
    return next((name for test, name in _SPECIAL if test(mode)), None)


def _expand(paths: Iterable[str]) -> Iterator[tuple[str, FileMetadata | None] | InputError]:
    """Files in order, each with what its folder's metadata file says of it: a directory
    becomes its files, sorted, recursively (dotfiles and metadata files skipped).
    A FIFO, socket or device inside a directory is skipped with a note; one named on the
    command line is read, since the user asked for it (``<(command)`` is a FIFO)."""
    for path in paths:
        if path != "-" and os.path.isdir(path):
            found: list[tuple[str, FileMetadata | None]] = []
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                meta = folder_metadata(root)
                found.extend((os.path.join(root, f), meta.get(os.path.normpath(os.path.join(root, f))))
                             for f in files if not f.startswith(".") and not is_metadata(f))
            for name, file_meta in sorted(found, key=lambda pair: pair[0]):
                kind = _special(name)
                yield InputError(name, f"skipped: {kind}, not a file") if kind else (name, file_meta)
        else:
            yield path, None


def _with_metadata(overrides: Overrides, meta: FileMetadata | None) -> Overrides:
    """The command line's values, and the folder's metadata where it gives none."""
    if meta is None:
        return overrides
    return Overrides(published=overrides.published or meta.published, outlet=overrides.outlet or meta.outlet,
                     url=overrides.url or meta.url)


def _defaults(overrides: Overrides) -> dict[str, object]:
    return {"published": overrides.published, "outlet": overrides.outlet, "url": overrides.url}


def _from_html(html: str, origin: str, overrides: Overrides) -> Article:
    page = read_page(html, origin)
    published: object = overrides.published or page.published
    return article_from_text(
        page.text,
        url=overrides.url or page.url,
        outlet=overrides.outlet or (canonical_outlet(page.outlet) if page.outlet else ""),
        published=published,
        title=page.title,
        origin=origin,
    )


def feed_article(item: FeedItem, origin: str, overrides: Overrides = Overrides()) -> Article:
    """The Article of one feed item (`origin` names the feed); the overrides only fill
    what the item leaves out. InputError when the item has no text or a bad date
    (one in the future included: a feed is a source)."""
    article = article_from_text(
        item.text,
        id=item.id or None,
        url=item.url or overrides.url or "",
        outlet=item.outlet or overrides.outlet or "",
        published=item.published or overrides.published,
        title=item.title,
        origin=f"{origin}#item {item.number}",
    )
    checked = _dated_by_today(article)
    if isinstance(checked, InputError):
        raise checked
    return article


def _from_feed(text: str, origin: str, overrides: Overrides) -> Iterator[Article | InputError]:
    count = 0
    try:
        for item in feed_items(text, origin):
            count += 1
            try:
                yield feed_article(item, origin, overrides)
            except InputError as exc:
                yield exc
    except InputError as exc:
        yield exc
        return
    if count == 0:
        yield InputError(origin, "feed has no items")


def _read_one(path: str, overrides: Overrides) -> Iterator[Article | InputError]:
    origin = "<stdin>" if path == "-" else path
    try:
        text = decode(read_bytes(path), origin)
    except InputError as exc:
        yield exc
        return
    kind = detect_kind(text, "" if path == "-" else path)
    try:
        if kind == "feed":
            yield from _from_feed(text, origin, overrides)
        elif kind == "jsonl":
            yield from jsonl_articles(text, origin, _defaults(overrides))
        elif kind == "html":
            yield _from_html(text, origin, overrides)
        else:
            yield article_from_text(
                text,
                url=overrides.url or "",
                outlet=overrides.outlet or "",
                published=overrides.published,
                origin=origin,
            )
    except InputError as exc:
        yield exc


def read_inputs(
    paths: Iterable[str], overrides: Overrides = Overrides()
) -> Iterator[Article | InputError]:
    """One Article per article in `paths`, in order; "-" is stdin.

    An input that cannot be read (or one bad JSONL line or feed item) yields an
    InputError naming it, and reading goes on with the rest.
    """
    for entry in _expand(paths):
        if isinstance(entry, InputError):
            yield entry
            continue
        path, meta = entry
        try:
            for item in _read_one(path, _with_metadata(overrides, meta)):
                yield _dated_by_today(item)
        except Exception as exc:  # noqa: BLE001 - a bug on one input must not end the run
            yield InputError("<stdin>" if path == "-" else path, internal_error(exc))


def _dated_by_today(item: Article | InputError) -> Article | InputError:
    """A source's article dated in the future is refused: a broken feed or field."""
    if isinstance(item, Article) and item.published is not None:
        problem = implausible_published(item.published, dt.date.today())
        if problem:
            return InputError(item.origin or item.id, problem)
    return item


def read_articles(
    paths: Iterable[str],
    overrides: Overrides = Overrides(),
    *,
    on_error: Literal["raise", "skip"] = "raise",
) -> Iterator[Article]:
    """The Articles of `paths`; an unreadable input raises its InputError, or with
    on_error="skip" is logged as a warning and left out."""
    if on_error not in ("raise", "skip"):
        raise ValueError(f"on_error must be 'raise' or 'skip', not {on_error!r}")
    for item in read_inputs(paths, overrides):
        if isinstance(item, InputError):
            if on_error == "raise":
                raise item
            log.warning("%s", item)
            continue
        yield item
