"""The PostgreSQL back end, for teams sharing one store: ``--db postgresql://…``.

The same tables as SQLite (postgres_sql/00N.sql mirror schema*.sql), with text columns
in the "C" collation so rows sort as SQLite sorts them and both back ends export the
same bytes. Full-text search is a tsvector column with a GIN index; text queries are
read as web-search syntax (words, "phrases", OR, -word). Writers take one advisory lock
per transaction, so concurrent ingests re-merge incidents one at a time.
"""
from __future__ import annotations

import itertools
import re
from contextlib import contextmanager
from importlib import resources
from typing import Any, Iterator, Mapping, Sequence
from urllib.parse import urlsplit, urlunsplit

from tacitus.store.base import Store, StoreError
from tacitus.store.problems import postgres_problem

MIGRATIONS: tuple[str, ...] = ("001.sql", "002.sql", "003.sql", "004.sql", "005.sql", "006.sql")
WRITER_LOCK = 0x7AC1705  # any constant shared by every Tacitus writer
_cursor_names = itertools.count(1)


def schema_scripts() -> tuple[str, ...]:
    folder = resources.files("tacitus.store").joinpath("postgres_sql")
    return tuple(folder.joinpath(name).read_text(encoding="utf-8") for name in MIGRATIONS)


def safe_label(url: str) -> str:
    """The URL without its password, for messages."""
    parts = urlsplit(url)
    if parts.password:
        host = parts.hostname or ""
        netloc = f"{parts.username}:***@{host}" + (f":{parts.port}" if parts.port else "")
        parts = parts._replace(netloc=netloc)
    return urlunsplit(parts)


# A quoted SQL literal, a ? placeholder, or a % (psycopg reads every % as its own).
_SQL_PIECE = re.compile(r"'(?:[^']|'')*'|\?|%")


def _sql(sql: str) -> str:
    """The package's SQL (``?`` placeholders) as psycopg wants it: each ``?`` outside a
    quoted literal becomes ``%s``; every ``%`` (in a literal too) becomes ``%%``."""
    def piece(m: re.Match) -> str:
        text = m.group()
        if text == "?":
            return "%s"
        return text.replace("%", "%%")
    return _SQL_PIECE.sub(piece, sql)


class PostgresConnection:
    """tacitus.store.base.Connection over one psycopg connection in autocommit mode."""

    def __init__(self, conn, label: str) -> None:
        import psycopg

        self._psycopg = psycopg
        self._conn = conn
        self.label = label
        self._depth = 0

    def execute(self, sql: str, params: Sequence[Any] = ()) -> list[Mapping[str, Any]]:
        try:
            cursor = self._conn.execute(_sql(sql), list(params))
            return cursor.fetchall() if cursor.description else []
        except self._psycopg.Error as exc:
            raise postgres_problem(exc, self.label) from None

    def stream(self, sql: str, params: Sequence[Any], what: str) -> Iterator[Mapping[str, Any]]:
        """Rows from a server-side cursor, a batch at a time: constant memory for any size."""
        try:
            with self._conn.transaction():
                with self._conn.cursor(name=f"tacitus_{next(_cursor_names)}") as cursor:
                    cursor.itersize = 2000
                    cursor.execute(_sql(sql), list(params))
                    yield from cursor
        except self._psycopg.Error as exc:
            raise postgres_problem(exc, self.label, f"{what} failed") from None

    def run_script(self, script: str) -> None:
        try:
            self._conn.execute(script)  # several statements: allowed without parameters
        except self._psycopg.Error as exc:
            raise postgres_problem(exc, self.label) from None

    @contextmanager
    def transaction(self, what: str) -> Iterator[None]:
        """One transaction, holding the writers' lock; nested in another block, a
        savepoint (psycopg's): an error undoes this block alone, the outer block commits."""
        self._depth += 1
        try:
            with self._conn.transaction():
                if self._depth == 1:
                    self._conn.execute("SELECT pg_advisory_xact_lock(%s)", (WRITER_LOCK,))
                yield
        except self._psycopg.Error as exc:
            raise postgres_problem(exc, self.label, what) from None
        except StoreError as exc:
            raise type(exc)(f"{what} ({exc})") from None
        finally:
            self._depth -= 1

    def same_text(self, column: str) -> str:
        return f"lower({column}) = lower(CAST(? AS TEXT))"

    def text_match(self) -> str:
        return "words @@ websearch_to_tsquery('simple', CAST(? AS TEXT))"

    def migrations(self) -> tuple[str, ...]:
        return schema_scripts()


class PostgresStore(Store):
    """Articles, events and incidents in a PostgreSQL database. Use ``PostgresStore.open(url)``."""

    def __init__(self, conn, url: str) -> None:
        super().__init__(PostgresConnection(conn, safe_label(url)))
        self.url = url

    @classmethod
    @contextmanager
    def open(cls, url: str, *, create: bool = True, write: bool = True) -> Iterator[PostgresStore]:
        """Connect, bring the schema up to date (``create=False``: refuse a database
        without a Tacitus schema), and close on leaving the block. ``write=False``: a
        read-only session that never migrates."""
        import psycopg
        from psycopg.rows import dict_row

        label = safe_label(url)
        try:
            conn = psycopg.connect(url, autocommit=True, row_factory=dict_row, connect_timeout=10)
        except psycopg.Error as exc:
            raise postgres_problem(exc, label, "cannot connect") from None
        try:
            try:
                if not write:
                    conn.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
                found = conn.execute("SELECT to_regclass('schema_version') AS t").fetchone()
            except psycopg.Error as exc:
                raise postgres_problem(exc, label) from None
            assert found is not None  # a SELECT without FROM returns exactly one row
            if (not create or not write) and found["t"] is None:
                raise StoreError(f"{label}: no Tacitus store here (create it with `tacitus ingest`)")
            store = cls(conn, url)
            if write:
                store._migrate()
            else:
                store._check_readable()
            yield store
        finally:
            conn.close()
