"""The SQLite store: articles and their events, versioned schema, WAL, FTS5.

    with SqliteStore.open("events.db") as store:
        if not store.has_article(article.id, content_hash(article.text)):
            store.add(article, events)
        for event in store.events(EventFilter(country="Kenya")):
            ...

Every write is one article with all its events, in one transaction: a failure half way
leaves the database as it was. All SQL is parameterised; the only SQL built from pieces
is the WHERE clause, and its pieces are fixed strings chosen here.
"""
from __future__ import annotations

import datetime as dt
import sqlite3
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Any, Iterable, Iterator

from tacitus.errors import TacitusError
from tacitus.store.rows import (
    ARTICLE_COLUMNS,
    EVENT_COLUMNS,
    EventFilter,
    article_to_row,
    event_from_row,
    event_to_row,
)
from tacitus.types import Article, Event

# The schema's history, oldest first: version N is MIGRATIONS[N - 1]. Append, never edit.
MIGRATIONS: tuple[str, ...] = ("schema.sql",)


class StoreError(TacitusError):
    """The database cannot be opened, is of an unknown schema, or refused a write or query."""


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


class SqliteStore:
    """Articles and events in one SQLite file. Use ``SqliteStore.open(path)``."""

    def __init__(self, conn: sqlite3.Connection, path: str) -> None:
        self._conn = conn
        self.path = path

    @classmethod
    @contextmanager
    def open(cls, path: str | Path, *, create: bool = True) -> Iterator[SqliteStore]:
        """Open (and with ``create``, create) the database, bring its schema up to date,
        and close it on leaving the block. ``create=False`` refuses a missing file."""
        path = str(path)
        if not create and not Path(path).is_file():
            raise StoreError(f"{path}: no such database (create it with `tacitus ingest`)")
        try:
            if create:
                conn = sqlite3.connect(path, isolation_level=None)
            else:
                conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=rw", uri=True,
                                       isolation_level=None)
        except sqlite3.Error as exc:
            raise StoreError(f"{path}: cannot open the database ({exc})") from None
        try:
            conn.row_factory = sqlite3.Row
            try:
                # WAL: readers (export, the web UI) never block the one writer, and back.
                conn.execute("PRAGMA journal_mode = WAL")
                conn.execute("PRAGMA synchronous = NORMAL")
                conn.execute("PRAGMA foreign_keys = ON")
                conn.execute("PRAGMA busy_timeout = 5000")
            except sqlite3.DatabaseError as exc:
                raise StoreError(f"{path}: not a Tacitus database ({exc})") from None
            store = cls(conn, path)
            store._migrate()
            yield store
        finally:
            conn.close()

    # --- schema ---------------------------------------------------------------------

    @property
    def schema_version(self) -> int:
        row = self._conn.execute("SELECT max(version) FROM schema_version").fetchone()
        return row[0] or 0

    def _migrate(self) -> None:
        """Apply the migrations this database lacks, all in one transaction."""
        scripts = schema_scripts()
        conn = self._conn
        with _transaction(conn, f"{self.path}: cannot set up the schema"):
            conn.execute("CREATE TABLE IF NOT EXISTS schema_version "
                         "(version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)")
            current = self.schema_version
            if current > len(scripts):
                raise StoreError(f"{self.path}: schema version {current} is newer than this "
                                 f"Tacitus knows ({len(scripts)}); upgrade Tacitus")
            for version in range(current + 1, len(scripts) + 1):
                for statement in _statements(scripts[version - 1]):
                    conn.execute(statement)
                conn.execute("INSERT INTO schema_version (version, applied_at) VALUES (?, ?)",
                             (version, _now()))

    # --- writes ---------------------------------------------------------------------

    def has_article(self, article_id: str, text_hash: str) -> bool:
        """Whether an article with this id, or with this text, is already stored."""
        row = self._conn.execute(
            "SELECT 1 FROM articles WHERE id = ? OR content_hash = ? LIMIT 1",
            (article_id, text_hash)).fetchone()
        return row is not None

    def add(self, article: Article, events: Iterable[Event], *, ingested_at: str | None = None) -> bool:
        """Store one article and all its events, or nothing: one transaction.

        Returns False (and writes nothing) when the article, by id or by text, is already
        stored. Any error rolls the whole article back and is raised (sqlite errors as
        StoreError).
        """
        row = article_to_row(article, ingested_at or _now())
        conn = self._conn
        with _transaction(conn, f"{article.origin or article.id}: not stored"):
            if self.has_article(row["id"], row["content_hash"]):
                return False
            conn.execute(_insert("articles", ARTICLE_COLUMNS), tuple(row[c] for c in ARTICLE_COLUMNS))
            conn.execute("INSERT INTO search (kind, ref, title, body) VALUES ('article', ?, ?, ?)",
                         (article.id, article.title, article.text))
            insert_event = _insert("events", EVENT_COLUMNS)
            for event in events:
                values = event_to_row(event)
                conn.execute(insert_event, tuple(values[c] for c in EVENT_COLUMNS))
                conn.execute("INSERT INTO search (kind, ref, title, body) VALUES ('event', ?, '', ?)",
                             (event.event_id_cnty, event.notes))
        return True

    # --- reads ----------------------------------------------------------------------

    def events(self, filters: EventFilter = EventFilter()) -> Iterator[Event]:
        """The matching events, ordered by (event_date, event_id_cnty), streamed from a cursor."""
        where, params = _where(filters)
        sql = f"SELECT * FROM events e{where} ORDER BY e.event_date, e.event_id_cnty"
        if filters.limit is not None:
            sql += " LIMIT ?"
            params.append(filters.limit)
        cursor = self._run(sql, params, filters)
        try:
            for row in cursor:
                yield event_from_row(row)
        except sqlite3.OperationalError as exc:
            raise StoreError(_query_error(exc, filters)) from None
        finally:
            cursor.close()

    def count(self, filters: EventFilter = EventFilter()) -> int:
        """How many events match (``limit`` ignored)."""
        where, params = _where(filters)
        return self._run(f"SELECT count(*) FROM events e{where}", params, filters).fetchone()[0]

    def article_count(self) -> int:
        return self._conn.execute("SELECT count(*) FROM articles").fetchone()[0]

    def _run(self, sql: str, params: list[Any], filters: EventFilter) -> sqlite3.Cursor:
        try:
            return self._conn.execute(sql, params)
        except sqlite3.OperationalError as exc:
            raise StoreError(_query_error(exc, filters)) from None


def _insert(table: str, columns: tuple[str, ...]) -> str:
    # Table and column names are this module's constants, never user input.
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"


def _where(f: EventFilter) -> tuple[str, list[Any]]:
    """The WHERE clause for a filter: fixed SQL pieces, the user's values as parameters."""
    clauses: list[str] = []
    params: list[Any] = []
    if f.date_from is not None:
        clauses.append("e.event_date >= ?")
        params.append(f.date_from.isoformat())
    if f.date_to is not None:
        clauses.append("e.event_date <= ?")
        params.append(f.date_to.isoformat())
    for column in ("country", "admin1", "event_type", "sub_event_type"):
        value = getattr(f, column)
        if value is not None:
            clauses.append(f"e.{column} = ? COLLATE NOCASE")
            params.append(value)
    if f.actor is not None:
        clauses.append("(e.actor1 LIKE ? ESCAPE '\\' OR e.actor2 LIKE ? ESCAPE '\\')")
        pattern = "%" + f.actor.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        params.extend([pattern, pattern])
    if f.text is not None:
        clauses.append(
            "(e.event_id_cnty IN (SELECT ref FROM search WHERE search MATCH ? AND kind = 'event')"
            " OR e.article_id IN (SELECT ref FROM search WHERE search MATCH ? AND kind = 'article'))")
        params.extend([f.text, f.text])
    return ((" WHERE " + " AND ".join(clauses)) if clauses else ""), params


def _query_error(exc: sqlite3.Error, filters: EventFilter) -> str:
    # The other clauses are fixed SQL with bound values: a failing query with a text
    # filter is, in practice, FTS5 refusing the user's query syntax.
    if filters.text is not None:
        return f"bad text query {filters.text!r} ({exc}); see SQLite's FTS5 query syntax"
    return f"query failed ({exc})"


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


@contextmanager
def _transaction(conn: sqlite3.Connection, what: str) -> Iterator[None]:
    """BEGIN IMMEDIATE … COMMIT; on any error nothing of the block stays written.
    SQLite's own errors become StoreError prefixed with ``what``."""
    conn.execute("BEGIN IMMEDIATE")
    committed = False
    try:
        yield
        committed = True
    except sqlite3.Error as exc:
        raise StoreError(f"{what} ({exc})") from None
    finally:
        if committed and conn.in_transaction:
            conn.execute("COMMIT")
        elif conn.in_transaction:
            conn.execute("ROLLBACK")
