"""A streamed HTTP body from a writer that pushes text to a file (``tacitus.export``'s
writers): the writer runs in a thread of its own and hands over chunks through a
small queue, so an export of any size is sent in constant memory.
"""
from __future__ import annotations

import queue
import threading
from typing import Any, Callable, Iterator, TextIO

CHUNK_CHARS = 64_000
_DONE = object()


class _Stopped(Exception):
    """The client went away: the writer stops at its next write."""


class _QueueWriter:
    """A text file whose writes become chunks on a queue."""

    def __init__(self, chunks: queue.Queue, stop: threading.Event) -> None:
        self._chunks = chunks
        self._stop = stop
        self._pending: list[str] = []
        self._size = 0

    def write(self, text: str) -> int:
        self._pending.append(text)
        self._size += len(text)
        if self._size >= CHUNK_CHARS:
            self.flush()
        return len(text)

    def flush(self) -> None:
        if self._pending:
            _hand_over(self._chunks, "".join(self._pending), self._stop)
            self._pending, self._size = [], 0


def _hand_over(chunks: queue.Queue, item: Any, stop: threading.Event) -> None:
    while not stop.is_set():
        try:
            chunks.put(item, timeout=0.5)
            return
        except queue.Full:
            continue
    raise _Stopped()


def streamed(produce: Callable[[TextIO], Any]) -> Iterator[str]:
    """The text ``produce(out)`` writes, chunk by chunk, as it is written."""
    chunks: queue.Queue = queue.Queue(maxsize=4)
    stop = threading.Event()

    def run() -> None:
        out = _QueueWriter(chunks, stop)
        try:
            produce(out)  # type: ignore[arg-type]
            out.flush()
            _hand_over(chunks, _DONE, stop)
        except _Stopped:
            return
        except Exception as exc:  # handed to the reader, which raises it
            try:
                _hand_over(chunks, exc, stop)
            except _Stopped:
                return

    def read() -> Iterator[str]:
        worker = threading.Thread(target=run, name="tacitus-export", daemon=True)
        worker.start()
        try:
            while True:
                try:
                    item = chunks.get(timeout=1.0)
                except queue.Empty:
                    if worker.is_alive():
                        continue
                    raise RuntimeError("the export writer stopped without finishing") from None
                if item is _DONE:
                    return
                if isinstance(item, Exception):
                    raise item
                yield item
        finally:
            stop.set()
            worker.join(timeout=5)

    return read()
