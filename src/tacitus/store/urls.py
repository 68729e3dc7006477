"""What a ``--db`` value names: a SQLite file (a path, or the usual ``sqlite:///path``
URL) or a PostgreSQL database (``postgresql://…``). Any other scheme is refused by
name, rather than becoming a SQLite file called "mysql:…".
"""
from __future__ import annotations

import re
from typing import Literal

from tacitus.errors import TacitusError

POSTGRES_SCHEMES = ("postgresql", "postgres")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):(?://|$)")


class UnknownDatabase(TacitusError):
    """A database URL of a kind Tacitus cannot open."""


def database_kind(url: str) -> tuple[Literal["sqlite", "postgresql"], str]:
    """("sqlite", file path) or ("postgresql", url). ``sqlite:///events.db`` is the file
    events.db, ``sqlite:////data/events.db`` the absolute path /data/events.db."""
    text = str(url)
    m = _SCHEME.match(text)
    if m is None or len(m.group(1)) == 1:  # a path; "C:\\…" is a Windows drive, not a scheme
        return "sqlite", text
    scheme = m.group(1).lower()
    if scheme in POSTGRES_SCHEMES:
        return "postgresql", text
    if scheme == "sqlite":
        path = text[len(m.group(0)):]
        if not path.startswith("/") or path == "/":
            raise UnknownDatabase(f"{text}: a SQLite URL is sqlite:///relative/path.db or sqlite:////absolute/path.db")
        return "sqlite", path[1:]
    raise UnknownDatabase(f"{text}: unknown database scheme {scheme!r}; give a SQLite file path, "
                          "sqlite:///path or postgresql://user@host/db")
