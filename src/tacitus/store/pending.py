"""What the store offers the deferred incident merge (``tacitus.scale.reduce``): events
stored *pending* by ``Store.add(merge=False)``, found by country and day, and their merge
with the store's bounded re-merge (``tacitus.store.remerge``), as ``add`` would have done.

A mix-in of ``Store`` (``self._conn`` is its back end), kept apart so that ``base.py``
stays readable.
"""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, Sequence

from tacitus.store.remerge import remerge
from tacitus.store.rows import event_from_row
from tacitus.types import Event

if TYPE_CHECKING:
    from tacitus.store.base import Connection

# An event stored with add(merge=False) and not merged yet (rejected events are in no incident).
# NOT EXISTS, not NOT IN: PostgreSQL runs NOT IN over a subquery larger than work_mem once
# per row, which made the reduce quadratic.
_PENDING = ("NOT EXISTS (SELECT 1 FROM incident_events i WHERE i.event_id = events.event_id_cnty) "
            "AND NOT EXISTS (SELECT 1 FROM rejected_events r WHERE r.event_id = events.event_id_cnty)")


class PendingMerge:
    _conn: Connection

    def pending_days(self) -> list[tuple[str, dt.date | None, int]]:
        """(country, day, how many) of the events stored with ``add(merge=False)`` and not
        merged yet."""
        rows = self._conn.execute(f"SELECT country, event_date, count(*) AS n FROM events WHERE {_PENDING} "
                                  "GROUP BY country, event_date")
        return [(r["country"], _day(r["event_date"]), r["n"]) for r in rows]

    def pending_events(self, country: str, first: dt.date | None, last: dt.date | None) -> list[Event]:
        """The pending events of a country dated from ``first`` to ``last`` (undated: None, None)."""
        sql: str
        params: list[Any]
        if first is None or last is None:
            sql, params = "event_date IS NULL", [country]
        else:
            sql, params = "event_date BETWEEN ? AND ?", [country, first.isoformat(), last.isoformat()]
        rows = self._conn.execute(f"SELECT * FROM events WHERE country = ? AND {sql} AND {_PENDING} "
                                  "ORDER BY event_id_cnty", params)
        return [event_from_row(r) for r in rows]

    def incidents_of_articles_since(self, when: dt.datetime) -> int:
        """How many incidents hold an event of an article stored at ``when`` or later."""
        rows = self._conn.execute(
            "SELECT count(DISTINCT i.incident_id) AS n FROM incident_events i JOIN events e "
            "ON e.event_id_cnty = i.event_id JOIN articles a ON a.id = e.article_id WHERE a.ingested_at >= ?",
            (when.astimezone(dt.timezone.utc).isoformat(timespec="seconds"),))
        return int(rows[0]["n"])

    def merge_pending_events(self, events: Sequence[Event]) -> None:
        """Merge these pending events into incidents as ``add`` does for the events it
        writes (the bounded re-merge around them), in one transaction."""
        with self._conn.transaction(f"{self._conn.label}: incidents not merged"):
            remerge(self._conn, {e.event_id_cnty for e in events}, {e.event_id_cnty: e for e in events})


def _day(value: Any) -> dt.date | None:
    return dt.date.fromisoformat(str(value)[:10]) if value else None
