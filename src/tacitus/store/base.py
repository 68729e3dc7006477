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
from contextlib import AbstractContextManager
from typing import Any, Callable, Iterable, Iterator, Mapping, Protocol, Sequence

from tacitus.store import coded
from tacitus.store.problems import StoreError, StoreUnavailable  # noqa: F401 - re-exported
from tacitus.merge import Incident, merge
from tacitus.store.feeds import FeedTables, since_clause
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
)
from tacitus.store.remerge import overrides, remerge, write_incidents
from tacitus.types import Article, Event


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


# The largest death toll a reviewer may enter: more than any event has had, and far
# inside both back ends' 64-bit integers.
MAX_FATALITIES = 10_000_000
EARLIEST_EVENT = dt.date(1900, 1, 1)


# The messages below are shown to reviewers as they are: plain words, never Python's.
def _int(value: str) -> int:
    if not value.strip().isdecimal():
        raise ValueError("not a whole number of 0 or more, e.g. 3")
    number = int(value.strip())
    if number > MAX_FATALITIES:
        raise ValueError(f"more than {MAX_FATALITIES:,}")
    return number


def _inter(low: int) -> Callable[[str], int | None]:
    """An inter code from ``low`` to 8 (ACLED's 0 for inter2 means no second actor)."""
    def check(value: str) -> int | None:
        if not value.strip().isdecimal() or not low <= int(value) <= 8:
            raise ValueError(f"not an ACLED inter code ({low} to 8)")
        return int(value) or None
    return check


def _degrees(limit: float) -> Callable[[str], float]:
    """A check that a coordinate lies within ±limit degrees."""
    def check(value: str) -> float:
        try:
            number = float(value)
        except ValueError:
            raise ValueError("not a number of degrees, e.g. 2.0469") from None
        if not -limit <= number <= limit:
            raise ValueError(f"out of range (-{limit:g} to {limit:g})")
        return number
    return check


def _iso_date(value: str) -> str:
    try:
        day = dt.date.fromisoformat(value.strip())
    except ValueError:
        raise ValueError("not a date in YYYY-MM-DD form") from None
    if not EARLIEST_EVENT <= day <= dt.date.today() + dt.timedelta(days=2):
        raise ValueError(f"outside {EARLIEST_EVENT.isoformat()} to today")
    return day.isoformat()


CORRECTABLE: dict[str, Callable[[str], str | int | float | None]] = {
    "event_type": _text, "sub_event_type": _text, "actor1": _text, "actor2": str.strip,
    "event_date": _iso_date, "fatalities": _int, "location": _text, "latitude": _degrees(90),
    "longitude": _degrees(180), "admin1": str.strip, "inter1": _inter(1), "inter2": _inter(0),
}


# The last schema version whose incidents are merged differently: a database older than
# it has every incident merged afresh when upgraded (later versions only add columns).
LAST_MERGE_CHANGE = 4


class Store(FeedTables, PendingMerge):
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

    def _version_or_none(self) -> int | None:
        """The schema version, or None when the database has no Tacitus schema."""
        try:
            return self.schema_version
        except StoreUnavailable:
            raise
        except StoreError:
            return None

    def _check_readable(self) -> None:
        """For a reader: the schema is one this Tacitus reads. Nothing is written."""
        version = self._version_or_none()
        known = len(self._conn.migrations())
        if version is None or version == 0:
            raise StoreError(f"{self.label}: not a Tacitus database (no schema version)")
        if version > known:
            raise StoreError(f"{self.label}: schema version {version} is newer than this Tacitus knows "
                             f"({known}); upgrade Tacitus")
        if version < 2:
            raise StoreError(f"{self.label}: written by an older Tacitus (schema {version}); open it once "
                             "for writing (`tacitus ingest`) to upgrade it")

    def _migrate(self) -> None:
        """Apply the migrations this database lacks, all in one transaction. A database
        that gains incidents with events already stored has them merged at once. One up
        to date is only read: no write lock is taken."""
        scripts = self._conn.migrations()
        conn = self._conn
        if self._version_or_none() == len(scripts):
            return
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
            if 0 < current < LAST_MERGE_CHANGE:
                self._merge_everything()  # incidents are new (version 2) or merge differently (4)
            if 0 < current < coded.CODED_SINCE:
                coded.backfill(conn)  # the texts the older articles' spans still point into

    # --- articles and events ----------------------------------------------------------

    def has_article(self, article_id: str, text_hash: str) -> bool:
        """Whether an article with this id, or with this text, is already stored."""
        rows = self._conn.execute(
            "SELECT 1 AS found FROM articles WHERE id = ? OR content_hash = ? LIMIT 1",
            (article_id, text_hash))
        return bool(rows)

    def add(self, article: Article, events: Iterable[Event], *, ingested_at: str | None = None,
            merge: bool = True, cleaned: Article | None = None) -> bool:
        """Store one article and all its events, and re-merge the incidents they touch,
        or nothing: one transaction. With ``merge=False`` the events are stored *pending*
        (in no incident yet) for a later reduce (``tacitus.scale.reduce``) to merge.
        ``cleaned`` is the article as the pipeline cleaned it to code the events (their
        spans index its text); without it the article is cleaned again here.

        Returns False (and writes nothing) when the article, by id or by text, is already
        stored. Any error rolls the whole article back and is raised as StoreError.
        """
        row = article_to_row(article, ingested_at or _now())
        conn = self._conn
        events = list(events)
        with conn.transaction(f"{article.origin or article.id}: not stored"):
            if self.has_article(row["id"], row["content_hash"]):
                return False
            self._refuse_taken_ids(article, events)
            conn.execute(_insert("articles", ARTICLE_COLUMNS), [row[c] for c in ARTICLE_COLUMNS])
            coded.keep(conn, article, cleaned)
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

    def batch(self, what: str) -> AbstractContextManager[None]:
        """One transaction for several ``add`` calls (a partition's articles): each add is
        then a savepoint, undone alone when it fails, and the commit happens once (per
        article it was a sixth of the writer's time on SQLite). Until the block ends
        nothing of it is stored; a commit that fails raises StoreError prefixed with ``what``
        and keeps none of it."""
        return self._conn.transaction(what)

    def _refuse_taken_ids(self, article: Article, events: Sequence[Event]) -> None:
        """An event id already held by another article's event (ids are hashes: a
        collision is all but impossible, but must never drop an article silently)."""
        for event in events:
            rows = self._conn.execute("SELECT article_id FROM events WHERE event_id_cnty = ?",
                                      (event.event_id_cnty,))
            if rows:
                raise StoreError(f"event id {event.event_id_cnty} of article {article.id!r} is already held by "
                                 f"article {rows[0]['article_id']!r}: their ids collide; give one of them "
                                 "another id and ingest it again")

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

    def coded_article(self, article: Article) -> Article | None:
        """``article`` (as stored) with the cleaned title and text its events were coded
        from, which their evidence spans point into; None when that text was not kept
        (tacitus.store.coded: an article stored before schema version 6)."""
        return coded.read(self._conn, article, self.schema_version)

    def has_articles(self) -> bool:
        """Whether any article is stored (cheap on any size of store, unlike a count)."""
        return bool(self._conn.execute("SELECT 1 AS found FROM articles LIMIT 1"))

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
            self._merge_everything()
        return self.count_incidents()

    def _merge_everything(self) -> None:
        conn = self._conn
        conn.execute("DELETE FROM incident_events")
        conn.execute("DELETE FROM incidents")
        rejected = {r["event_id"] for r in conn.execute("SELECT event_id FROM rejected_events")}
        live = [event_from_row(r) for r in conn.execute("SELECT * FROM events")
                if r["event_id_cnty"] not in rejected]
        apart, joined = overrides(conn, sorted(e.event_id_cnty for e in live))
        write_incidents(conn, merge(live, apart=apart, joined=joined))

    def _remerge(self, seeds: set[str], known: Iterable[Event] = (), before: Iterable[Event] = ()) -> None:
        """Re-merge the incidents around ``seeds`` (tacitus.store.remerge). ``known`` are
        events just written (saves reading them back); ``before`` are events as they were
        before a correction. Must run inside a transaction."""
        remerge(self._conn, seeds, {e.event_id_cnty: e for e in known}, before)

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
            if field in ("sub_event_type", "inter2"):
                from tacitus.taxonomy import civilian_targeting

                if field == "sub_event_type":
                    sub, inter2 = str(stored), event.inter2
                else:
                    assert stored is None or isinstance(stored, int)  # what _inter returns
                    sub, inter2 = event.sub_event_type, stored
                changes["civilian_targeting"] = civilian_targeting(sub, inter2)
            if field == "fatalities":
                assert isinstance(stored, int)  # what _int returns
                changes.update(fatalities_best=stored, fatalities_low=min(event.fatalities_low, stored),
                               fatalities_high=max(event.fatalities_high or stored, stored),
                               civilian_fatalities_low=min(event.civilian_fatalities_low, stored))
            assignments = ", ".join(f"{column} = ?" for column in changes)
            self._conn.execute(f"UPDATE events SET {assignments} WHERE event_id_cnty = ?",
                               [*changes.values(), event_id])
            self._rewrite_note(event_id)
            correction = self._record(event_id, "set", field, "" if stored is None else str(stored),
                                      "" if old is None else str(old), who, note)
            self._remerge({event_id}, before=[event])
        return correction

    def _rewrite_note(self, event_id: str) -> None:
        """The corrected event's one-sentence note, and its words in the full-text index,
        written again from its fields (a corrected toll must not keep "killing 6")."""
        from tacitus.resolve.notes import write_note

        note = write_note(self._require(event_id))
        self._conn.execute("UPDATE events SET notes = ? WHERE event_id_cnty = ?", (note, event_id))
        self._conn.execute("UPDATE search SET body = ? WHERE kind = 'event' AND ref = ?", (note, event_id))

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
        if f.since is not None:
            clauses.append(since_clause(table))
            params += [f.since, f.since]
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


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
