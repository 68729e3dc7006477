"""Database errors as the project's own: a message naming the database and what to do.

Every SQLite and PostgreSQL error the back ends meet goes through ``sqlite_problem`` or
``postgres_problem``. ``StoreUnavailable`` marks what passes (a lock held by a long write,
a full disk, a lost connection): the API answers it with 503, the CLI with one line.
"""
from __future__ import annotations

from tacitus.errors import TacitusError


class StoreError(TacitusError):
    """The database cannot be opened, is of an unknown schema, or refused a write or query."""


class StoreUnavailable(StoreError):
    """The database cannot answer now (busy, disk full or failing, connection lost); the
    same request may succeed later."""


# SQLite's messages (sqlite3 gives no error codes on Python 3.11) -> (unavailable?, what to do).
_SQLITE = (
    (("database is locked", "database table is locked"), True,
     "busy: another process holds its write lock; try again when that write has finished"),
    (("disk i/o error", "database or disk is full", "disk full"), True,
     "cannot write: the disk is full or failing; free space and run again (nothing half-written was kept)"),
    (("readonly database", "read-only", "readonly"), False,
     "the database file is read-only: give this user write permission, or only read it (export, events, serve)"),
    (("file is not a database", "malformed", "not a database"), False,
     "not a Tacitus database, or a damaged one"),
    (("unable to open database file",), False,
     "cannot open the database file: check the path and the folder's permissions"),
)

# PostgreSQL SQLSTATE classes and codes that pass.
_PG_UNAVAILABLE = ("08", "53", "57P01", "57P02", "57P03", "40001", "40P01", "55P03")


def sqlite_problem(exc: Exception, label: str, what: str = "") -> StoreError:
    """The StoreError for a sqlite3 error met on the database ``label`` while doing ``what``."""
    text = str(exc).strip() or type(exc).__name__
    lowered = text.lower()
    prefix = f"{what} ({label}" if what else label
    for needles, passing, advice in _SQLITE:
        if any(n in lowered for n in needles):
            kind = StoreUnavailable if passing else StoreError
            return kind(f"{prefix}: {advice}; SQLite said: {text}" + (")" if what else ""))
    return StoreError(f"{prefix}: {text}" + (")" if what else ""))


def postgres_problem(exc: Exception, label: str, what: str = "") -> StoreError:
    """The StoreError for a psycopg error (by its SQLSTATE)."""
    text = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
    state = getattr(exc, "sqlstate", None) or ""
    prefix = f"{what} ({label}" if what else label
    close = ")" if what else ""
    if state == "25006":
        return StoreError(f"{prefix}: the database is read-only for this connection; PostgreSQL said: {text}{close}")
    lost = not state and type(exc).__name__ in ("OperationalError", "InterfaceError")
    if lost or (state and state.startswith(_PG_UNAVAILABLE)):
        # An operational error without SQLSTATE: the connection itself failed.
        return StoreUnavailable(f"{prefix}: the server cannot answer now (busy, full or unreachable); "
                                f"try again; PostgreSQL said: {text}{close}")
    return StoreError(f"{prefix}: {text}{close}")
