"""The bundled sample articles (written by the project) that the README's main job codes."""
from __future__ import annotations

from importlib import resources
from typing import Iterator

from tacitus.errors import InputError
from tacitus.ingest import read_inputs
from tacitus.types import Article


def samples_dir() -> str:
    return str(resources.files("tacitus").joinpath("data").joinpath("samples"))


def sample_articles() -> Iterator[Article | InputError]:
    """Every sample, read as `tacitus ingest` reads the folder: the .txt files with the
    dates, outlets and URLs of its index.json, the HTML page, the feed and the JSONL
    files (which carry their own)."""
    yield from read_inputs([samples_dir()])
