"""Errors Tacitus raises. The hierarchy::

    TacitusError                  anything Tacitus itself reports
    ├── InputError                one input cannot be read (names the input and why)
    ├── ResourceError             a bundled resource (model, gazetteer, data file) is missing or broken
    └── GoldError                 an evaluation gold file cannot be read

An ``InputError`` drops one article, never the batch: the CLI prints one line for it
and goes on with the other inputs.
"""
from __future__ import annotations


class TacitusError(Exception):
    """Base of every error Tacitus raises on purpose."""


def printable(text: str) -> str:
    """``text`` on one line: control characters (a newline in a file name) escaped."""
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else ascii(ch)[1:-1] for ch in text)


class InputError(TacitusError):
    """One input could not be read; ``origin`` names it, ``reason`` says why."""

    def __init__(self, origin: str, reason: str) -> None:
        super().__init__(f"{printable(origin)}: {printable(reason)}")
        self.origin = origin
        self.reason = reason


class ResourceError(TacitusError):
    """A bundled resource is missing or unreadable."""


class GoldError(TacitusError):
    """A gold file for evaluation is missing or malformed."""


def internal_error(exc: BaseException) -> str:
    """The reason given for an unexpected exception on one input: a bug, to report."""
    return f"internal error ({type(exc).__name__}: {printable(str(exc))[:200]}); please report it with this input"
