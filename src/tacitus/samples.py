"""The bundled sample articles (written by the project) that the README's main job codes."""
from __future__ import annotations

import json
from importlib import resources
from typing import Iterator

from tacitus.errors import InputError
from tacitus.ingest import Overrides, parse_published, read_inputs
from tacitus.types import Article


def samples_dir() -> str:
    return str(resources.files("tacitus").joinpath("data").joinpath("samples"))


def sample_articles() -> Iterator[Article | InputError]:
    """Every sample: the .txt files with their index.json metadata, then the HTML
    page, the feed and the JSONL file (which carry their own metadata)."""
    folder = samples_dir()
    index = json.loads(resources.files("tacitus").joinpath("data").joinpath("samples")
                       .joinpath("index.json").read_text(encoding="utf-8"))
    for entry in index:
        overrides = Overrides(published=parse_published(entry["published"]),
                              outlet=entry["outlet"], url=entry.get("url"))
        yield from read_inputs([f"{folder}/{entry['file']}"], overrides)
    listed = {e["file"] for e in index}
    others = sorted(p.name for p in resources.files("tacitus").joinpath("data").joinpath("samples").iterdir()
                    if p.name not in listed and p.name != "index.json" and not p.name.endswith(".txt"))
    yield from read_inputs([f"{folder}/{name}" for name in others])
