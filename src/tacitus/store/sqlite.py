"""The SQLite back end: one file, WAL, FTS5; the default store.

    with SqliteStore.open("events.db") as store:
        store.add(article, events)
        for incident in store.incidents(EventFilter(country="Kenya")):
            ...

All SQL is parameterised; the only SQL built from pieces is the WHERE clause, and its
pieces are fixed strings chosen in tacitus.store.base.
"""
from __future__ import annotations

import sqlite3
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Any, Iterator, Mapping, Sequence

from tacitus.store.base import Store, StoreError
from tacitus.store.problems import sqlite_problem

# The schema's history, oldest first: version N is MIGRATIONS[N - 1]. Append, never edit.
MIGRATIONS: tuple[str, ...] = ("schema.sql", "schema_002.sql", "schema_003.sql", "schema_004.sql",
                               "schema_005.sql", "schema_006.sql")


def schema_scripts() -> tuple[str, ...]:
    """The SQL text of each migration, in order."""
    folder = resources.files("tacitus.store")
    return tuple(folder.joinpath(name).read_text(encoding="utf-8") for name in MIGRATIONS)


def _statements(script: str) -> Iterator[str]:
    """A script split into whole statements (``executescript`` would commit our transaction)."""
    pending = ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            yield pending.strip()
            pending = ""
    if pending.strip() and not all(ln.strip().startswith("--") or not ln.strip()
                                   for ln in pending.splitlines()):
        raise StoreError(f"incomplete SQL statement in a migration: {pending.strip()[:60]!r}")


class SqliteConnection:
    """tacitus.store.base.Connection over one sqlite3 connection (autocommit mode; the
    transactions are ours)."""

    BUSY_MS = 5000  # how long a write waits for another writer's lock before giving up
    # A writer's tuning, so that storing an article costs about the same in a store of
    # 1,000 articles and of 100,000 (BENCHMARKS.md, "Linear cost"). Each article inserts
    # into a dozen indexes keyed by ids and hashes, i.e. into random pages: once the
    # store outgrows SQLite's default 2 MB page cache, every insert re-reads its page.
    CACHE_KIB = 131_072     # page cache of a writer: 128 MB, filled only as pages are read
    CHECKPOINT_PAGES = 10_000  # WAL pages (about 40 MB) between checkpoints, not 1,000: a
    # page written by several transactions is copied into the database once per checkpoint
    # FTS5 merges a level's segments once it holds this many (its default, 4, rewrites each
    # token log4(n) times, so the text index cost grows with the store; 16 is its maximum).
    SEARCH_AUTOMERGE = 16

    def __init__(self, conn: sqlite3.Connection, label: str) -> None:
        self._conn = conn
        self.label = label

    def execute(self, sql: str, params: Sequence[Any] = ()) -> list[Mapping[str, Any]]:
        try:
            return self._conn.execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            raise sqlite_problem(exc, self.label) from None

    def stream(self, sql: str, params: Sequence[Any], what: str) -> Iterator[Mapping[str, Any]]:
        try:
            cursor = self._conn.execute(sql, params)
        except sqlite3.Error as exc:
            raise _query_error(exc, what, self.label) from None
        try:
            for row in cursor:  # not `yield from`: that would close the cursor twice
                yield row
        except sqlite3.Error as exc:
            raise _query_error(exc, what, self.label) from None
        finally:
            try:
                cursor.close()
            except sqlite3.ProgrammingError:
                pass  # an abandoned stream, collected after its database was closed

    def run_script(self, script: str) -> None:
        for statement in _statements(script):
            self._conn.execute(statement)

    @contextmanager
    def transaction(self, what: str) -> Iterator[None]:
        """BEGIN IMMEDIATE … COMMIT; on any error nothing of the block stays written.
        SQLite's own errors become StoreError prefixed with ``what``. Nested in another
        block, a savepoint: an error undoes this block alone, the outer block commits."""
        if self._conn.in_transaction:
            yield from self._savepoint(what)
            return
        try:
            self._conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise sqlite_problem(exc, self.label, what) from None
        committed = False
        try:
            yield
            committed = True
        except sqlite3.Error as exc:
            raise sqlite_problem(exc, self.label, what) from None
        except StoreError as exc:
            raise type(exc)(f"{what} ({exc})") from None
        finally:
            self._end(committed, what)

    def _savepoint(self, what: str) -> Iterator[None]:
        try:
            self._conn.execute("SAVEPOINT tacitus")
            try:
                yield
            except BaseException:
                self._conn.execute("ROLLBACK TO tacitus")
                raise
            finally:
                self._conn.execute("RELEASE tacitus")
        except sqlite3.Error as exc:
            raise sqlite_problem(exc, self.label, what) from None
        except StoreError as exc:
            raise type(exc)(f"{what} ({exc})") from None

    def _end(self, commit: bool, what: str) -> None:
        """COMMIT (or ROLLBACK) the open transaction; a failed COMMIT is rolled back and
        reported, so nothing half-written stays."""
        if not self._conn.in_transaction:
            return
        try:
            self._conn.execute("COMMIT" if commit else "ROLLBACK")
        except sqlite3.Error as exc:
            if self._conn.in_transaction:
                try:
                    self._conn.execute("ROLLBACK")
                except sqlite3.Error:
                    pass  # the connection is gone; SQLite rolls back on its own
            if commit:
                raise sqlite_problem(exc, self.label, what) from None

    def same_text(self, column: str) -> str:
        return f"{column} = ? COLLATE NOCASE"

    def text_match(self) -> str:
        return "search MATCH ?"

    def migrations(self) -> tuple[str, ...]:
        return schema_scripts()


def _query_error(exc: sqlite3.Error, what: str, label: str) -> StoreError:
    # The other clauses are fixed SQL with bound values: a failing query with a text
    # filter is, in practice, FTS5 refusing the user's query syntax.
    problem = sqlite_problem(exc, label, f"{what} failed")
    if what.startswith("text query") and isinstance(exc, sqlite3.OperationalError) \
            and not any(advice in str(problem) for advice in ("busy:", "cannot write:", "read-only", "damaged")):
        return StoreError(f"bad {what} ({exc}); see SQLite's FTS5 query syntax")
    return problem


class SqliteStore(Store):
    """Articles, events and incidents in one SQLite file. Use ``SqliteStore.open(path)``."""

    def __init__(self, conn: sqlite3.Connection, path: str) -> None:
        super().__init__(SqliteConnection(conn, path))
        self.path = path
        self._sqlite = conn

    @classmethod
    @contextmanager
    def open(cls, path: str | Path, *, create: bool = True, write: bool = True) -> Iterator[SqliteStore]:
        """Open (and with ``create``, create) the database, bring its schema up to date,
        and close it on leaving the block. ``create=False`` refuses a missing file.

        ``write=False`` opens it read-only for a reader (export, events, the API's
        reads): no migration, no lock, so a long write never blocks it."""
        path = str(path)
        if (not create or not write) and not Path(path).is_file():
            raise StoreError(f"{path}: no such database (create it with `tacitus ingest`)")
        try:
            if create and write:
                conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
            else:
                mode = "rw" if write else "ro"
                conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode={mode}", uri=True,
                                       isolation_level=None, check_same_thread=False)
        except sqlite3.Error as exc:
            raise sqlite_problem(exc, path, "cannot open the database") from None
        try:
            conn.row_factory = sqlite3.Row
            try:
                conn.execute(f"PRAGMA busy_timeout = {int(SqliteConnection.BUSY_MS)}")
                if write:
                    # WAL: readers (export, the web UI) never block the one writer, and back.
                    conn.execute("PRAGMA journal_mode = WAL")
                    conn.execute("PRAGMA synchronous = NORMAL")
                    conn.execute("PRAGMA foreign_keys = ON")
                    conn.execute(f"PRAGMA cache_size = -{int(SqliteConnection.CACHE_KIB)}")
                    conn.execute(f"PRAGMA wal_autocheckpoint = {int(SqliteConnection.CHECKPOINT_PAGES)}")
                else:
                    conn.execute("PRAGMA query_only = ON")
            except sqlite3.Error as exc:
                raise sqlite_problem(exc, path) from None
            store = cls(conn, path)
            if write:
                store._migrate()
                _tune_search(conn, path)
            else:
                store._check_readable()
            yield store
        finally:
            conn.close()


def _tune_search(conn: sqlite3.Connection, path: str) -> None:
    """Set the full-text index's merge width (``SEARCH_AUTOMERGE``) once per database: an
    FTS5 setting kept in the database, which readers need not know; searches read up to
    that many segments per level. A store already set is only read."""
    try:
        row = conn.execute("SELECT v FROM search_config WHERE k = 'automerge'").fetchone()
        if row is None or row[0] != SqliteConnection.SEARCH_AUTOMERGE:
            conn.execute("INSERT INTO search (search, rank) VALUES ('automerge', ?)",
                         (SqliteConnection.SEARCH_AUTOMERGE,))
    except sqlite3.Error as exc:
        raise sqlite_problem(exc, path, "cannot tune the full-text index") from None
