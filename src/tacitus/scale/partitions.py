"""Inputs cut into partitions that a worker reads by itself, lazily.

A partition is a small frozen description (a few paths, or a byte range of one JSONL
file, or one row group of a Parquet file), never the articles: the client plans them
by scanning file sizes and newlines, holding no article in memory, and each worker
reads its own partition from the (shared) file system. So a JSONL or Parquet dataset
far larger than memory is coded in constant memory per worker.

JSONL byte ranges end on a newline and carry the number of their first line, so a bad
line is named ``file.jsonl:1234`` exactly as the single-file reader names it.
"""
from __future__ import annotations

import glob
import os
from dataclasses import dataclass
from typing import Iterable, Iterator, Literal, Sequence

from tacitus.errors import InputError
from tacitus.ingest import Overrides, read_inputs
from tacitus.ingest.jsonl import line_article, record_article
from tacitus.types import Article

BLOCK_BYTES = 1 << 18   # a JSONL partition: about 60 news articles, a second or two of coding
FILES_PER_PART = 64     # small files (text, HTML, feeds) per partition
# With N workers the last partition leaves N-1 of them idle for part of its time: a small
# input is cut into at least this many partitions a worker (a JSONL block of at least
# MIN_BLOCK_BYTES, a few articles), so that the idle tail stays a small share of the run.
PARTS_PER_WORKER = 16
MIN_BLOCK_BYTES = 1 << 14
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.txt")
PARQUET_SUFFIXES = (".parquet", ".pq")
_GLOB_CHARS = frozenset("*?[")


@dataclass(frozen=True, slots=True)
class Partition:
    """What one task reads: ``files`` (whole files, any kind), ``jsonl`` (bytes
    ``start``–``end`` of one file, whose first line is ``first_line``) or ``parquet``
    (row group ``start`` of one file). ``articles`` is the planner's count (lines or
    rows), for the progress bar; a folder of files counts one per file."""

    kind: Literal["files", "jsonl", "parquet"]
    paths: tuple[str, ...]
    start: int = 0
    end: int = 0
    first_line: int = 1
    articles: int = 0

    @property
    def label(self) -> str:
        """How reports name the partition."""
        if self.kind == "jsonl":
            return f"{self.paths[0]}:{self.first_line}-{self.first_line + max(self.articles, 1) - 1}"
        if self.kind == "parquet":
            return f"{self.paths[0]}#row group {self.start}"
        return self.paths[0] if len(self.paths) == 1 else f"{self.paths[0]} (+{len(self.paths) - 1} files)"


def expand(paths: Iterable[str]) -> Iterator[str | InputError]:
    """Files in order: a folder becomes its files, sorted, recursively (dotfiles skipped);
    a pattern that is not a file (``news/*.jsonl``, ``**``) its sorted matches."""
    for path in paths:
        if path != "-" and not os.path.exists(path) and _GLOB_CHARS & set(path):
            matches = sorted(glob.glob(path, recursive=True))
            if not matches:
                yield InputError(path, "no file matches this pattern")
            for match in matches:
                yield from expand([match]) if os.path.isdir(match) else [match]
        elif path != "-" and os.path.isdir(path):
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                yield from (os.path.join(root, f) for f in sorted(files) if not f.startswith("."))
        else:
            yield path


def plan(paths: Iterable[str], block_bytes: int = BLOCK_BYTES,
         files_per_part: int = FILES_PER_PART) -> Iterator[Partition | InputError]:
    """The partitions of ``paths``, in input order, planned lazily (one file at a time)."""
    loose: list[str] = []
    for path in expand(paths):
        if isinstance(path, InputError):
            yield path
            continue
        lower = path.lower()
        if os.path.isfile(path) and lower.endswith(JSONL_SUFFIXES + PARQUET_SUFFIXES):
            if loose:
                yield Partition("files", tuple(loose), articles=len(loose))
                loose = []
            try:
                yield from (_jsonl_blocks(path, block_bytes) if lower.endswith(JSONL_SUFFIXES)
                            else _row_groups(path))
            except OSError as exc:
                yield InputError(path, f"cannot read ({exc.strerror or exc})")
            continue
        loose.append(path)
        if len(loose) == files_per_part:
            yield Partition("files", tuple(loose), articles=len(loose))
            loose = []
    if loose:
        yield Partition("files", tuple(loose), articles=len(loose))


def plan_for_workers(parts: Sequence[Partition], paths: Iterable[str], workers: int,
                     block_bytes: int = BLOCK_BYTES) -> list[Partition]:
    """``parts`` (``paths`` as ``plan`` cut them with ``block_bytes``) for ``workers`` to
    share; when they are fewer than ``PARTS_PER_WORKER`` a worker, ``paths`` planned again,
    cut finer (JSONL blocks and groups of files; a Parquet row group stays whole). Input
    errors are left to the first plan's caller."""
    wanted = max(1, workers) * PARTS_PER_WORKER
    if len(parts) >= wanted:
        return list(parts)
    jsonl_bytes = sum(p.end - p.start for p in parts if p.kind == "jsonl")
    files = sum(len(p.paths) for p in parts if p.kind == "files")
    finer_block = min(block_bytes, max(MIN_BLOCK_BYTES, jsonl_bytes // wanted))
    finer_files = min(FILES_PER_PART, max(1, files // wanted))
    if finer_block == block_bytes and finer_files == FILES_PER_PART:
        return list(parts)
    return [p for p in plan(paths, finer_block, finer_files) if isinstance(p, Partition)]


def _jsonl_blocks(path: str, block_bytes: int) -> Iterator[Partition]:
    """Byte ranges of about ``block_bytes`` ending on a newline, with their line numbers;
    one sequential pass over the file, holding one block at a time."""
    start, line = 0, 1
    pending = b""
    with open(path, "rb") as f:
        while chunk := f.read(block_bytes):
            pending += chunk
            cut = pending.rfind(b"\n") + 1
            if cut == 0:
                continue  # one line longer than a block: keep reading to its end
            body, pending = pending[:cut], pending[cut:]
            lines = body.count(b"\n")
            articles = sum(1 for raw in body.split(b"\n") if raw.strip())
            yield Partition("jsonl", (path,), start, start + cut, line, articles)
            start, line = start + cut, line + lines
    if pending.strip():
        yield Partition("jsonl", (path,), start, start + len(pending), line, 1)


def _row_groups(path: str) -> Iterator[Partition]:
    import pyarrow.parquet as pq

    try:
        meta = pq.ParquetFile(path).metadata
    except Exception as exc:  # noqa: BLE001 - pyarrow raises several types for a bad file
        raise OSError(f"not a readable Parquet file ({exc})") from None
    for group in range(meta.num_row_groups):
        yield Partition("parquet", (path,), group, group + 1, 1, meta.row_group(group).num_rows)


def read_partition(part: Partition, overrides: Overrides = Overrides()) -> Iterator[Article | InputError]:
    """The articles of one partition, in order; an unreadable one yields its InputError."""
    defaults: dict[str, object] = {"published": overrides.published, "outlet": overrides.outlet,
                                   "url": overrides.url}
    if part.kind == "files":
        yield from read_inputs(part.paths, overrides)
    elif part.kind == "jsonl":
        yield from _jsonl_lines(part, defaults)
    else:
        yield from _parquet_rows(part, defaults)


def _jsonl_lines(part: Partition, defaults: dict[str, object]) -> Iterator[Article | InputError]:
    path = part.paths[0]
    try:
        with open(path, "rb") as f:
            f.seek(part.start)
            body = f.read(part.end - part.start)
    except OSError as exc:
        yield InputError(path, f"cannot read ({exc.strerror or exc})")
        return
    # Split on "\n" only: JSON strings may hold U+2028, which str.splitlines() cuts at.
    for number, raw in enumerate(body.split(b"\n"), part.first_line):
        if not raw.strip():
            continue
        where = f"{path}:{number}"
        try:
            line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError:
            yield InputError(where, "line is not UTF-8")
            continue
        yield line_article(line, where, defaults)


def _parquet_rows(part: Partition, defaults: dict[str, object]) -> Iterator[Article | InputError]:
    import pyarrow.parquet as pq

    path = part.paths[0]
    try:
        table = pq.ParquetFile(path).read_row_group(part.start)
    except Exception as exc:  # noqa: BLE001 - pyarrow raises several types for a bad file
        yield InputError(f"{path}#row group {part.start}", f"cannot read ({exc})")
        return
    first = sum(pq.ParquetFile(path).metadata.row_group(g).num_rows for g in range(part.start))
    for n, record in enumerate(table.to_pylist(), first + 1):
        yield record_article(record, f"{path}#row {n}", defaults)
