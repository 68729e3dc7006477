"""The store's behaviour, written once for both back ends (SQLite and PostgreSQL).

A back end is a ``Connection``: it runs this module's SQL (written with ``?``
placeholders), opens transactions, and says how it matches text and compares names
without case. Everything else (what is stored, when incidents are re-merged, how a
correction is validated and applied) lives here, so the two back ends cannot drift.

Every write (an article with its events, a review action) is one transaction, and the
incidents it touches are re-merged inside that same transaction: a crash leaves the
events and their incidents consistent.
"""
from __future__ import annotations

import datetime as dt
import json
import math
from contextlib import AbstractContextManager
from dataclasses import replace
from typing import Any, Callable, Iterable, Iterator, Mapping, Protocol, Sequence

from tacitus.errors import TacitusError
from tacitus.merge import NEAR_KM, Incident, link, merge
from tacitus.store.pending import PendingMerge
from tacitus.store.rows import (
    ARTICLE_COLUMNS,
    EVENT_COLUMNS,
    Correction,
    EventFilter,
    article_from_row,
    article_to_row,
    event_from_row,
    event_to_row,
    incident_from_row,
    incident_to_row,
    INCIDENT_COLUMNS,
)
from tacitus.types import Article, Event


class StoreError(TacitusError):
    """The database cannot be opened, is of an unknown schema, or refused a write or query."""


class Connection(Protocol):
    """What a back end provides; rows come back as mappings of column name to value."""

    label: str  # how errors name the database (a path, or a URL without its password)

    def execute(self, sql: str, params: Sequence[Any] = ()) -> list[Mapping[str, Any]]: ...

    def stream(self, sql: str, params: Sequence[Any], what: str) -> Iterator[Mapping[str, Any]]: ...

    def run_script(self, script: str) -> None: ...

    def transaction(self, what: str) -> AbstractContextManager[None]: ...

    def same_text(self, column: str) -> str:
        """SQL comparing ``column`` to one parameter, ignoring case."""
        ...

    def text_match(self) -> str:
        """SQL condition on the ``search`` table matching one full-text query parameter."""
        ...

    def migrations(self) -> tuple[str, ...]: ...


# Fields a reviewer may correct, and how a value given as text is checked and stored.
def _text(value: str) -> str:
    value = value.strip()
    if not value:
        raise ValueError("empty")
    return value


def _int(value: str) -> int:
    number = int(value)
    if number < 0:
        raise ValueError("negative")
    return number


def _degrees(limit: float) -> Callable[[str], float]:
    """A check that a coordinate lies within ±limit degrees."""
    def check(value: str) -> float:
        number = float(value)
        if not -limit <= number <= limit:
            raise ValueError("out of range")
        return number
    return check


def _iso_date(value: str) -> str:
    return dt.date.fromisoformat(value.strip()).isoformat()


CORRECTABLE = {
    "event_type": _text, "sub_event_type": _text, "actor1": _text, "actor2": str.strip,
    "event_date": _iso_date, "fatalities": _int, "location": _text, "latitude": _degrees(90),
    "longitude": _degrees(180), "admin1": str.strip,
}


class Store(PendingMerge):
    """Articles, events, incidents and corrections in one database.

    Open one with ``tacitus.store.open_store(url)``; the back ends' ``open`` class
    methods do the same for one kind of database.
    """

    def __init__(self, conn: Connection) -> None:
        self._conn = conn
        self.label = conn.label

    # --- schema ---------------------------------------------------------------------

    @property
    def schema_version(self) -> int:
        row = self._conn.execute("SELECT max(version) AS v FROM schema_version")[0]
        return row["v"] or 0

    def _migrate(self) -> None:
        """Apply the migrations this database lacks, all in one transaction. A database
        that gains incidents with events already stored has them merged at once."""
        scripts = self._conn.migrations()
        conn = self._conn
        with conn.transaction(f"{self.label}: cannot set up the schema"):
            conn.execute("CREATE TABLE IF NOT EXISTS schema_version "
                         "(version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)")
            current = self.schema_version
            if current > len(scripts):
                raise StoreError(f"{self.label}: schema version {current} is newer than this "
                                 f"Tacitus knows ({len(scripts)}); upgrade Tacitus")
            for version in range(current + 1, len(scripts) + 1):
                conn.run_script(scripts[version - 1])
                conn.execute("INSERT INTO schema_version (version, applied_at) VALUES (?, ?)",
                             (version, _now()))
            if 0 < current < 2 <= len(scripts):
                self._remerge({r["event_id_cnty"] for r in conn.execute("SELECT event_id_cnty FROM events")})

    # --- articles and events ----------------------------------------------------------

    def has_article(self, article_id: str, text_hash: str) -> bool:
        """Whether an article with this id, or with this text, is already stored."""
        rows = self._conn.execute(
            "SELECT 1 AS found FROM articles WHERE id = ? OR content_hash = ? LIMIT 1",
            (article_id, text_hash))
        return bool(rows)

    def add(self, article: Article, events: Iterable[Event], *, ingested_at: str | None = None,
            merge: bool = True) -> bool:
        """Store one article and all its events, and re-merge the incidents they touch,
        or nothing: one transaction. With ``merge=False`` the events are stored *pending*
        (in no incident yet) for a later reduce (``tacitus.scale.reduce``) to merge.

        Returns False (and writes nothing) when the article, by id or by text, is already
        stored. Any error rolls the whole article back and is raised as StoreError.
        """
        row = article_to_row(article, ingested_at or _now())
        conn = self._conn
        events = list(events)
        with conn.transaction(f"{article.origin or article.id}: not stored"):
            if self.has_article(row["id"], row["content_hash"]):
                return False
            conn.execute(_insert("articles", ARTICLE_COLUMNS), [row[c] for c in ARTICLE_COLUMNS])
            conn.execute("INSERT INTO search (kind, ref, title, body) VALUES ('article', ?, ?, ?)",
                         (article.id, article.title, article.text))
            insert_event = _insert("events", EVENT_COLUMNS)
            for event in events:
                values = event_to_row(event)
                conn.execute(insert_event, [values[c] for c in EVENT_COLUMNS])
                conn.execute("INSERT INTO search (kind, ref, title, body) VALUES ('event', ?, '', ?)",
                             (event.event_id_cnty, event.notes))
            if merge:
                self._remerge({e.event_id_cnty for e in events}, events)
        return True

    def events(self, filters: EventFilter = EventFilter()) -> Iterator[Event]:
        """The matching events, ordered by (event_date, event_id_cnty), streamed."""
        sql, params = self._select("events", filters)
        for row in self._conn.stream(sql, params, _what(filters)):
            yield event_from_row(row)

    def count(self, filters: EventFilter = EventFilter()) -> int:
        """How many events match (``limit`` and ``offset`` ignored)."""
        where, params = self._where("events", filters)
        return self._scalar(f"SELECT count(*) AS n FROM events e{where}", params, filters)

    def event(self, event_id: str) -> Event | None:
        """One event, rejected or not, with its corrections applied."""
        rows = self._conn.execute("SELECT * FROM events WHERE event_id_cnty = ?", (event_id,))
        return event_from_row(rows[0]) if rows else None

    def article(self, article_id: str) -> Article | None:
        rows = self._conn.execute("SELECT * FROM articles WHERE id = ?", (article_id,))
        return article_from_row(rows[0]) if rows else None

    def article_count(self) -> int:
        return self._conn.execute("SELECT count(*) AS n FROM articles")[0]["n"]

    def is_rejected(self, event_id: str) -> bool:
        return bool(self._conn.execute("SELECT 1 AS r FROM rejected_events WHERE event_id = ?", (event_id,)))

    # --- incidents --------------------------------------------------------------------

    def incidents(self, filters: EventFilter = EventFilter()) -> Iterator[Incident]:
        """The matching incidents, ordered by (event_date, incident id), streamed."""
        sql, params = self._select("incidents", filters)
        for row in self._conn.stream(sql, params, _what(filters)):
            yield incident_from_row(row)

    def count_incidents(self, filters: EventFilter = EventFilter()) -> int:
        where, params = self._where("incidents", filters)
        return self._scalar(f"SELECT count(*) AS n FROM incidents e{where}", params, filters)

    def incident(self, incident_id: str) -> Incident | None:
        rows = self._conn.execute("SELECT * FROM incidents WHERE event_id_cnty = ?", (incident_id,))
        return incident_from_row(rows[0]) if rows else None

    def incident_of(self, event_id: str) -> str | None:
        """The id of the incident an event belongs to (None for a rejected or unknown event)."""
        rows = self._conn.execute("SELECT incident_id FROM incident_events WHERE event_id = ?", (event_id,))
        return rows[0]["incident_id"] if rows else None

    def remerge_all(self) -> int:
        """Merge every stored event afresh (after a change to the merge rule); returns the
        number of incidents. Reviewers' joins and separations are kept."""
        with self._conn.transaction(f"{self.label}: incidents not rebuilt"):
            self._conn.execute("DELETE FROM incident_events")
            self._conn.execute("DELETE FROM incidents")
            self._remerge({r["event_id_cnty"] for r in self._conn.execute("SELECT event_id_cnty FROM events")})
        return self.count_incidents()

    def _remerge(self, seeds: set[str], known: Iterable[Event] = ()) -> None:
        """Re-merge the incidents reachable from ``seeds``: every event linked to them,
        directly or through others, by the merge rule, a reviewer's join or a shared
        incident. ``known`` are events just written (saves reading them back). Must run
        inside a transaction."""
        component = self._component(seeds, {e.event_id_cnty: e for e in known})
        if component:
            self._replace_incidents(component)

    def _replace_incidents(self, component: dict[str, Event]) -> None:
        """The incidents of ``component`` (a set of events closed under the merge rule,
        reviewers' joins and shared incidents) merged afresh; inside a transaction."""
        ids = sorted(component)
        old: set[str] = set()
        rejected: set[str] = set()
        for chunk in _chunks(ids):
            old |= {r["incident_id"] for r in self._conn.execute(
                f"SELECT DISTINCT incident_id FROM incident_events WHERE event_id IN ({_marks(chunk)})", chunk)}
            rejected |= {r["event_id"] for r in self._conn.execute(
                f"SELECT event_id FROM rejected_events WHERE event_id IN ({_marks(chunk)})", chunk)}
        for chunk in _chunks(sorted(old)):
            self._conn.execute(f"DELETE FROM incident_events WHERE incident_id IN ({_marks(chunk)})", chunk)
            self._conn.execute(f"DELETE FROM incidents WHERE event_id_cnty IN ({_marks(chunk)})", chunk)
        live = {i: e for i, e in component.items() if i not in rejected}
        apart, joined = self._overrides(sorted(live))
        insert = _insert("incidents", INCIDENT_COLUMNS)
        for inc in merge(live.values(), apart=apart, joined=joined):
            values = incident_to_row(inc)
            self._conn.execute(insert, [values[c] for c in INCIDENT_COLUMNS])
            for event_id in inc.event_ids:
                self._conn.execute("INSERT INTO incident_events (event_id, incident_id) VALUES (?, ?)",
                                   (event_id, inc.incident_id))

    def _component(self, seeds: set[str], known: dict[str, Event]) -> dict[str, Event]:
        found: dict[str, Event] = {}
        todo = sorted(seeds)
        while todo:
            event_id = todo.pop()
            if event_id in found:
                continue
            event = known.get(event_id) or self.event(event_id)
            if event is None:
                continue
            found[event_id] = event
            for neighbour_id, neighbour in self._neighbours(event):
                if neighbour_id not in found:
                    if neighbour is not None:
                        known[neighbour_id] = neighbour
                    todo.append(neighbour_id)
        return found

    def _neighbours(self, event: Event) -> list[tuple[str, Event | None]]:
        """Events that must be merged together with this one: its incident's other events,
        those a reviewer joined to it, and those the merge rule links it to."""
        conn = self._conn
        event_id = event.event_id_cnty
        found: list[tuple[str, Event | None]] = [(r["ref"], None) for r in conn.execute(
            "SELECT event_id AS ref FROM incident_events WHERE incident_id IN "
            "(SELECT incident_id FROM incident_events WHERE event_id = ?) "
            "UNION SELECT value AS ref FROM corrections WHERE action = 'join' AND event_id = ? "
            "UNION SELECT event_id AS ref FROM corrections WHERE action = 'join' AND value = ?",
            (event_id, event_id, event_id))]
        if event.event_date is not None:
            day = dt.timedelta(days=1)
            # Only events the rule could link are read: same country, a day either way, and
            # the same place or inside a box a little larger than the link's distance.
            lat, lon = event.latitude or 0.0, event.longitude or 0.0
            dlat = NEAR_KM / 110.0 * 1.05
            dlon = min(180.0, dlat / max(math.cos(math.radians(lat)), 0.01))
            rows = conn.execute(
                "SELECT * FROM events WHERE country = ? AND event_date BETWEEN ? AND ? AND event_id_cnty <> ? "
                "AND (geonameid = ? OR (latitude BETWEEN ? AND ? AND longitude BETWEEN ? AND ?))",
                (event.country, (event.event_date - day).isoformat(), (event.event_date + day).isoformat(),
                 event_id, event.geonameid, lat - dlat, lat + dlat, lon - dlon, lon + dlon))
            for row in rows:
                other = event_from_row(row)
                if link(event, other):
                    found.append((other.event_id_cnty, other))
        return found

    def _overrides(self, event_ids: list[str]) -> tuple[set[str], list[tuple[str, str]]]:
        """Reviewers' separations and joins touching these events, replayed in order: a
        separation cancels the joins made before it; a later join holds again."""
        rows: dict[int, Mapping[str, Any]] = {}
        for chunk in _chunks(event_ids):
            marks = _marks(chunk)
            for r in self._conn.execute(
                    "SELECT correction_id, event_id, action, value FROM corrections WHERE action IN "
                    f"('separate', 'join') AND (event_id IN ({marks}) OR value IN ({marks}))", [*chunk, *chunk]):
                rows[r["correction_id"]] = r
        apart: set[str] = set()
        joined: list[tuple[str, str]] = []
        for _, r in sorted(rows.items()):
            if r["action"] == "separate":
                apart.add(r["event_id"])
                joined = [pair for pair in joined if r["event_id"] not in pair]
            else:
                joined.append((r["event_id"], r["value"]))
        return apart, joined

    # --- review -------------------------------------------------------------------------

    def correct(self, event_id: str, field: str, value: str, *, who: str, note: str = "") -> Correction:
        """Set one field of an event to a reviewer's value; stored as a correction with the
        old value, shown in every read and export, kept through re-merging."""
        if field not in CORRECTABLE:
            raise StoreError(f"cannot correct {field!r}; correctable fields: {', '.join(CORRECTABLE)}")
        try:
            stored = CORRECTABLE[field](value)
        except ValueError as exc:
            raise StoreError(f"bad value {value!r} for {field} ({exc})") from None
        changes: dict[str, Any] = {field: stored}
        if field in ("event_type", "sub_event_type"):
            changes = _typing_change(field, str(stored))
        if field == "event_date":
            changes["year"] = int(str(stored)[:4])
        with self._conn.transaction(f"{event_id}: correction not stored"):
            event = self._require(event_id)
            old = event_to_row(event)[field]
            if field == "sub_event_type":
                from tacitus.taxonomy import civilian_targeting

                changes["civilian_targeting"] = civilian_targeting(str(stored), event.inter2)
            if field == "fatalities":
                changes.update(fatalities_best=stored, fatalities_low=min(event.fatalities_low, stored),
                               fatalities_high=max(event.fatalities_high or stored, stored))
            assignments = ", ".join(f"{column} = ?" for column in changes)
            self._conn.execute(f"UPDATE events SET {assignments} WHERE event_id_cnty = ?",
                               [*changes.values(), event_id])
            correction = self._record(event_id, "set", field, str(stored), "" if old is None else str(old), who, note)
            self._remerge({event_id})
        return correction

    def reject(self, event_id: str, *, who: str, note: str = "") -> Correction:
        """Hide an event from reads, exports and incidents (``restore`` shows it again)."""
        def hide() -> None:
            if not self.is_rejected(event_id):
                self._conn.execute("INSERT INTO rejected_events (event_id) VALUES (?)", (event_id,))
        return self._act("reject", event_id, "rejection", who=who, note=note, change=hide)

    def restore(self, event_id: str, *, who: str, note: str = "") -> Correction:
        """Show a rejected event again."""
        def show() -> None:
            self._conn.execute("DELETE FROM rejected_events WHERE event_id = ?", (event_id,))
        return self._act("restore", event_id, "restoration", who=who, note=note, change=show)

    def separate(self, event_id: str, *, who: str, note: str = "") -> Correction:
        """Take an event out of its incident and keep it out of every merge by the rule."""
        return self._act("separate", event_id, "separation", who=who, note=note)

    def join(self, event_a: str, event_b: str, *, who: str, note: str = "") -> Correction:
        """Merge the incidents of two events, whatever the merge rule says."""
        if event_a == event_b:
            raise StoreError(f"{event_a}: cannot join an event with itself")
        return self._act("join", event_a, "join", who=who, note=note, other=event_b)

    def _act(self, action: str, event_id: str, what: str, *, who: str, note: str,
             change: Callable[[], None] | None = None, other: str = "") -> Correction:
        """One review action in one transaction: check the events exist, make the change,
        record it, and re-merge the incidents it touches."""
        label = f"{event_id} + {other}" if other else event_id
        with self._conn.transaction(f"{label}: {what} not stored"):
            touched = {event_id, *([other] if other else [])}
            for each in sorted(touched):
                self._require(each)
            if change is not None:
                change()
            correction = self._record(event_id, action, "", other, "", who, note)
            self._remerge(touched)
        return correction

    def corrections(self, event_id: str | None = None) -> list[Correction]:
        """The review actions, oldest first; of one event when ``event_id`` is given."""
        if event_id is None:
            rows = self._conn.execute("SELECT * FROM corrections ORDER BY correction_id")
        else:
            rows = self._conn.execute("SELECT * FROM corrections WHERE event_id = ? OR (action = 'join' AND value = ?) "
                                      "ORDER BY correction_id", (event_id, event_id))
        return [Correction.from_row(r) for r in rows]

    def _require(self, event_id: str) -> Event:
        event = self.event(event_id)
        if event is None:
            raise StoreError(f"{event_id}: no such event")
        return event

    def _record(self, event_id: str, action: str, field: str, value: str, old: str, who: str,
                note: str) -> Correction:
        if not who.strip():
            raise StoreError("a correction needs the reviewer's name (who)")
        rows = self._conn.execute(
            "INSERT INTO corrections (event_id, action, field, value, old_value, who, at, note) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING *",
            (event_id, action, field, value, old, who.strip(), _now(), note))
        return Correction.from_row(rows[0])

    # --- queries --------------------------------------------------------------------

    def _select(self, table: str, filters: EventFilter) -> tuple[str, list[Any]]:
        where, params = self._where(table, filters)
        sql = f"SELECT * FROM {table} e{where} ORDER BY e.event_date, e.event_id_cnty"
        if filters.limit is not None or filters.offset:
            sql += " LIMIT ? OFFSET ?"
            params += [filters.limit if filters.limit is not None else 2**62, filters.offset or 0]
        return sql, params

    def _where(self, table: str, f: EventFilter) -> tuple[str, list[Any]]:
        """The WHERE clause for a filter: fixed SQL pieces, the user's values as parameters."""
        conn = self._conn
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
                clauses.append(conn.same_text(f"e.{column}"))
                params.append(value)
        if f.actor is not None:
            clauses.append("(lower(e.actor1) LIKE lower(CAST(? AS TEXT)) ESCAPE '!'"
                           " OR lower(e.actor2) LIKE lower(CAST(? AS TEXT)) ESCAPE '!')")
            pattern = "%" + f.actor.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%"
            params += [pattern, pattern]
        if f.article_id is not None:
            if table == "events":
                clauses.append("e.article_id = ?")
            else:
                clauses.append("e.event_id_cnty IN (SELECT i.incident_id FROM incident_events i JOIN events x "
                               "ON x.event_id_cnty = i.event_id WHERE x.article_id = ?)")
            params.append(f.article_id)
        if f.bbox is not None:
            west, south, east, north = f.bbox
            clauses.append("e.latitude BETWEEN ? AND ? AND e.longitude BETWEEN ? AND ?")
            params += [south, north, west, east]
        if f.text is not None:
            matching_events = f"SELECT ref FROM search WHERE kind = 'event' AND {conn.text_match()}"
            matching_articles = f"SELECT ref FROM search WHERE kind = 'article' AND {conn.text_match()}"
            if table == "events":
                clauses.append(f"(e.event_id_cnty IN ({matching_events}) OR e.article_id IN ({matching_articles}))")
            else:
                clauses.append(
                    "e.event_id_cnty IN (SELECT i.incident_id FROM incident_events i JOIN events x "
                    "ON x.event_id_cnty = i.event_id "
                    f"WHERE x.event_id_cnty IN ({matching_events}) OR x.article_id IN ({matching_articles}))")
            params += [f.text, f.text]
        if table == "events" and not f.include_rejected:
            clauses.append("e.event_id_cnty NOT IN (SELECT event_id FROM rejected_events)")
        return ((" WHERE " + " AND ".join(clauses)) if clauses else ""), params

    def _scalar(self, sql: str, params: list[Any], filters: EventFilter) -> int:
        return next(iter(self._conn.stream(sql, params, _what(filters))))["n"]


def _typing_change(field: str, value: str) -> dict[str, Any]:
    """A sub-type correction sets its event type and disorder type too; an event type
    alone must be one of ACLED's six."""
    from tacitus.taxonomy import EVENT_TYPE_OF, TAXONOMY, disorder_type

    if field == "sub_event_type":
        if value not in EVENT_TYPE_OF:
            raise StoreError(f"unknown sub_event_type {value!r}; ACLED's are: {', '.join(EVENT_TYPE_OF)}")
        return {"sub_event_type": value, "event_type": EVENT_TYPE_OF[value], "disorder_type": disorder_type(value)}
    if value not in TAXONOMY:
        raise StoreError(f"unknown event_type {value!r}; ACLED's are: {', '.join(TAXONOMY)}")
    return {"event_type": value}


def _what(filters: EventFilter) -> str:
    return f"text query {filters.text!r}" if filters.text is not None else "query"


def _insert(table: str, columns: tuple[str, ...]) -> str:
    # Table and column names are this package's constants, never user input.
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"


def _marks(values: Sequence[Any]) -> str:
    return ", ".join("?" * len(values))


def _chunks(values: Sequence[Any], size: int = 500) -> Iterator[Sequence[Any]]:
    for start in range(0, len(values), size):
        yield values[start:start + size]


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
