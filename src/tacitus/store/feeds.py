"""The store's record of news feeds (schema_003.sql): each feed's validators and health,
the items already handled, and the change cursor readers follow.

``FeedTables`` is mixed into ``Store``, so both back ends share it; its methods are the
only SQL that touches these tables.
"""
from __future__ import annotations

from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Any, Literal, Mapping

if TYPE_CHECKING:
    from tacitus.store.base import Connection


@dataclass(frozen=True, slots=True)
class FeedState:
    """What the store knows of one feed. Times are ISO timestamps (UTC) or None."""

    url: str
    outlet: str = ""
    country: str = ""
    etag: str = ""
    last_modified: str = ""
    last_attempt: str | None = None
    last_success: str | None = None
    last_status: int | None = None
    last_error: str = ""
    failures: int = 0
    next_attempt: str | None = None
    items_seen: int = 0
    articles_stored: int = 0

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> FeedState:
        return cls(**{f.name: row[f.name] for f in fields(cls)})


FEED_COLUMNS: tuple[str, ...] = tuple(f.name for f in fields(FeedState))
ItemOutcome = Literal["stored", "known", "refused"]


class FeedTables:
    """Feed state and the change cursor; mixed into ``Store`` (which provides ``_conn``)."""

    _conn: Connection

    def feed_states(self) -> dict[str, FeedState]:
        """Every feed the store has seen, by URL."""
        rows = self._conn.execute("SELECT * FROM feeds ORDER BY url")
        return {r["url"]: FeedState.from_row(r) for r in rows}

    def save_feed_state(self, state: FeedState) -> None:
        """Insert or replace one feed's state (one transaction)."""
        values = [getattr(state, c) for c in FEED_COLUMNS]
        updates = ", ".join(f"{c} = excluded.{c}" for c in FEED_COLUMNS[1:])
        with self._conn.transaction(f"{state.url}: feed state not stored"):
            self._conn.execute(
                f"INSERT INTO feeds ({', '.join(FEED_COLUMNS)}) VALUES ({', '.join('?' * len(FEED_COLUMNS))}) "
                f"ON CONFLICT (url) DO UPDATE SET {updates}", values)

    def knows_item(self, feed_url: str, key: str, article_id: str, url: str) -> bool:
        """Whether a feed item was handled before, or its article is stored (same id or
        same link), whichever feed or input brought it."""
        if self._conn.execute("SELECT 1 AS found FROM feed_items WHERE feed_url = ? AND item_key = ?",
                              (feed_url, key)):
            return True
        rows = self._conn.execute(
            "SELECT 1 AS found FROM articles WHERE id = ? OR (url = ? AND url <> '') LIMIT 1", (article_id, url))
        return bool(rows)

    def record_item(self, feed_url: str, key: str, outcome: ItemOutcome, *, article_id: str = "",
                    reason: str = "", at: str) -> None:
        """Remember a handled item, so it is never fetched or coded again."""
        with self._conn.transaction(f"{feed_url}: item {key} not recorded"):
            self._conn.execute(
                "INSERT INTO feed_items (feed_url, item_key, article_id, outcome, reason, seen_at) "
                "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (feed_url, item_key) DO NOTHING",
                (feed_url, key, article_id, outcome, reason, at))

    def change_cursor(self) -> int:
        """The number of the latest change (article stored or review action); 0 if none.
        Reads with ``EventFilter(since=cursor)`` return what changed after it."""
        return self._conn.execute("SELECT coalesce(max(seq), 0) AS n FROM changes")[0]["n"]


def since_clause(table: str) -> str:
    """SQL selecting the rows of ``table`` ("events" or "incidents", aliased ``e``) touched
    after a change number (two ``?``, both the cursor): an event of an article stored
    after it, or an event reviewed after it; an incident holding such an event."""
    touched = ("SELECT x.event_id_cnty FROM events x WHERE x.article_id IN "
               "(SELECT ref FROM changes WHERE kind = 'article' AND seq > ?) "
               "UNION SELECT ref FROM changes WHERE kind = 'event' AND seq > ?")
    if table == "events":
        return f"e.event_id_cnty IN ({touched})"
    return f"e.event_id_cnty IN (SELECT i.incident_id FROM incident_events i WHERE i.event_id IN ({touched}))"
