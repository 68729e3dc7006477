"""A folder's metadata file (``index.json``): the publication date, outlet and URL of
the files it lists, which plain text cannot carry itself.

    [{"file": "kenya-lamu.txt", "published": "2025-05-02", "outlet": "Coast Sentinel",
      "url": "https://…"}, …]

A metadata file is never read as articles. One that is not such a list is skipped with
one note (a warning on the ``tacitus.ingest`` logger), never an error per line.
"""
from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass
from typing import Any, Mapping

from tacitus.ingest.text import parse_published

log = logging.getLogger("tacitus.ingest")

METADATA_NAMES = frozenset({"index.json"})
_FIELDS = ("published", "outlet", "url")


@dataclass(frozen=True, slots=True)
class FileMetadata:
    published: Any = None
    outlet: str | None = None
    url: str | None = None


def is_metadata(path: str) -> bool:
    return os.path.basename(path) in METADATA_NAMES


def folder_metadata(folder: str) -> Mapping[str, FileMetadata]:
    """Each listed file's path (joined to ``folder``) -> what the metadata file says of it;
    empty when the folder has none, or (with a note) when it cannot be used."""
    found: dict[str, FileMetadata] = {}
    for name in sorted(METADATA_NAMES):
        path = os.path.join(folder, name)
        if os.path.isfile(path):
            found.update(_read(path, folder))
    return found


def _read(path: str, folder: str) -> dict[str, FileMetadata]:
    try:
        with open(path, encoding="utf-8") as f:
            entries = json.load(f)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        log.warning("%s: metadata file skipped (not JSON: %s)", path, exc)
        return {}
    if not isinstance(entries, list) or not all(isinstance(e, dict) and isinstance(e.get("file"), str)
                                                for e in entries):
        log.warning('%s: metadata file skipped (expected a list of {"file", "published", "outlet", "url"})', path)
        return {}
    out: dict[str, FileMetadata] = {}
    for entry in entries:
        published = entry.get("published")
        if published:
            try:
                published = parse_published(published)
            except ValueError:
                log.warning("%s: %s: unreadable publication date %r ignored", path, entry["file"], published)
                published = None
        values = {k: entry.get(k) or None for k in _FIELDS[1:]}
        out[os.path.normpath(os.path.join(folder, entry["file"]))] = FileMetadata(published or None, **values)
    return out
