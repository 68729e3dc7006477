"""What the store offers the incident merge run as a reduce (``tacitus.scale.reduce``):
events stored *pending* by ``Store.add(merge=False)``, the windows of stored events the
merge rule can link them to, the ties it must respect, and the write of merged components.

A mix-in of ``Store`` (``self._conn`` is its back end; ``self._replace_incidents`` merges
one closed component inside a transaction), kept apart so that ``base.py`` stays readable.
"""
from __future__ import annotations

import datetime as dt
from typing import Any, Iterable, Iterator, Sequence

from tacitus.store.rows import event_from_row
from tacitus.types import Event

# An event stored with add(merge=False) and not merged yet (rejected events are in no incident).
# NOT EXISTS, not NOT IN: PostgreSQL runs NOT IN over a subquery larger than work_mem once
# per row, which made the reduce quadratic.
_PENDING = ("NOT EXISTS (SELECT 1 FROM incident_events i WHERE i.event_id = events.event_id_cnty) "
            "AND NOT EXISTS (SELECT 1 FROM rejected_events r WHERE r.event_id = events.event_id_cnty)")
_IDS_PER_QUERY = 500


class PendingMerge:
    _conn: Any

    def _replace_incidents(self, component: dict[str, Event]) -> None: ...

    def pending_days(self) -> list[tuple[str, dt.date | None, int]]:
        """(country, day, how many) of the events stored with ``add(merge=False)`` and not
        merged yet."""
        rows = self._conn.execute(f"SELECT country, event_date, count(*) AS n FROM events WHERE {_PENDING} "
                                  "GROUP BY country, event_date")
        return [(r["country"], _day(r["event_date"]), r["n"]) for r in rows]

    def pending_events(self, country: str, first: dt.date | None, last: dt.date | None) -> list[Event]:
        """The pending events of a country dated from ``first`` to ``last`` (undated: None, None)."""
        if first is None or last is None:
            sql, params = "event_date IS NULL", [country]
        else:
            sql, params = "event_date BETWEEN ? AND ?", [country, first.isoformat(), last.isoformat()]
        rows = self._conn.execute(f"SELECT * FROM events WHERE country = ? AND {sql} AND {_PENDING} "
                                  "ORDER BY event_id_cnty", params)
        return [event_from_row(r) for r in rows]

    def events_between(self, country: str, first: dt.date, last: dt.date) -> list[Event]:
        """Every stored event (rejected too) of a country dated from ``first`` to ``last``."""
        rows = self._conn.execute(
            "SELECT * FROM events WHERE country = ? AND event_date BETWEEN ? AND ? ORDER BY event_id_cnty",
            (country, first.isoformat(), last.isoformat()))
        return [event_from_row(r) for r in rows]

    def merge_ties(self, event_ids: Sequence[str]) -> set[tuple[str, str]]:
        """Pairs that must share a merge besides the rule's links: events of one stored
        incident, and events a reviewer joined."""
        ties: set[tuple[str, str]] = set()
        for chunk, marks in _in_lists(event_ids):
            for r in self._conn.execute(
                    "SELECT a.event_id AS x, b.event_id AS y FROM incident_events a JOIN incident_events b "
                    f"ON a.incident_id = b.incident_id WHERE a.event_id IN ({marks}) AND a.event_id <> b.event_id "
                    "UNION SELECT event_id AS x, value AS y FROM corrections WHERE action = 'join' "
                    f"AND (event_id IN ({marks}) OR value IN ({marks}))", [*chunk, *chunk, *chunk]):
                ties.add((r["x"], r["y"]))
        return ties

    def incidents_of_articles_since(self, when: dt.datetime) -> int:
        """How many incidents hold an event of an article stored at ``when`` or later."""
        rows = self._conn.execute(
            "SELECT count(DISTINCT i.incident_id) AS n FROM incident_events i JOIN events e "
            "ON e.event_id_cnty = i.event_id JOIN articles a ON a.id = e.article_id WHERE a.ingested_at >= ?",
            (when.astimezone(dt.timezone.utc).isoformat(timespec="seconds"),))
        return rows[0]["n"]

    def remerge_components(self, components: Iterable[dict[str, Event]]) -> None:
        """Merge each component (closed under the merge rule, stored incidents and
        reviewers' joins) afresh, all in one transaction."""
        with self._conn.transaction(f"{self._conn.label}: incidents not merged"):
            for component in components:
                self._replace_incidents(component)


def _in_lists(ids: Sequence[str]) -> Iterator[tuple[list[str], str]]:
    """The ids a few hundred at a time, each with its ``?, ?, …`` for an IN list."""
    ids = list(ids)
    for start in range(0, len(ids), _IDS_PER_QUERY):
        chunk = ids[start:start + _IDS_PER_QUERY]
        yield chunk, ", ".join("?" * len(chunk))


def _day(value: Any) -> dt.date | None:
    return dt.date.fromisoformat(str(value)[:10]) if value else None
