"""store: the SQL of one article's write and of its re-merge reads through indexes, never a
whole table, so its cost does not grow with the store (BENCHMARKS.md, "Linear cost").

Every statement that ``Store.add`` (with its bounded re-merge), the reduce's rounds
(``merge_pending``) and a reviewer's action run is recorded and explained by the back
end itself: SQLite's EXPLAIN QUERY PLAN must show no SCAN of a table that grows with the
store, and PostgreSQL, with sequential scans disabled, must find an index for each (a
Seq Scan left then means no index can serve the query). No timing: the plans alone.
A correction's rewrite of its event's full-text row is left out: on SQLite it finds the
row by its unindexed ``ref`` column, a known whole-table read per correction (not per
article stored) that needs a schema change.
Articles and events are made up for this test."""
from __future__ import annotations

import datetime as dt
import re
from typing import Any, Mapping, Sequence

from tacitus.scale.reduce import merge_pending
from tacitus.store import open_store
from tacitus.types import Article, Event

# Tables whose rows grow with the articles stored (or reviewed); schema_version and the
# feeds' tables do not take part in a write of an article.
GROWING = ("articles", "coded_articles", "events", "incidents", "incident_events", "search",
           "corrections", "rejected_events", "changes")
# The reduce's census of pending events reads every event once per run (not per article)
# by design; it is the only whole-table read allowed.
ONCE_PER_RUN = re.compile(r"SELECT country, event_date, count\(\*\)")
DAY = dt.date(2024, 5, 6)


class Recorder:
    """A back-end connection that keeps every statement run through it."""

    def __init__(self, conn) -> None:
        self._conn = conn
        self.statements: list[tuple[str, Sequence[Any]]] = []

    def execute(self, sql: str, params: Sequence[Any] = ()) -> list[Mapping[str, Any]]:
        self.statements.append((sql, tuple(params)))
        return self._conn.execute(sql, params)

    def __getattr__(self, name: str):
        return getattr(self._conn, name)


def _reports(first: int, count: int, *, day: dt.date = DAY) -> list[tuple[Article, list[Event]]]:
    """Reports of clashes in two towns 4 km apart over a few days: they link, so the
    re-merge reads neighbours, replaces incidents and writes new ones."""
    out = []
    for n in range(first, first + count):
        art = Article(id=f"plan-{n}", text=f"Report {n} of clashes near the river crossing.", title=f"Report {n}",
                      outlet=f"Wire {n % 3}", published=day + dt.timedelta(days=n % 4 + 1))
        lat, gid = (2.00, 101) if n % 2 else (2.036, 102)
        out.append((art, [Event(
            article_id=art.id, event_date=day + dt.timedelta(days=n % 4), time_precision=1,
            disorder_type="Political violence", event_type="Battles", sub_event_type="Armed clash",
            actor1="Rebels", inter1=2, actor2="Military Forces", inter2=1, country="Kenya", admin1="Marsabit",
            location=f"Town {gid}", latitude=lat, longitude=38.0, geonameid=gid, geo_precision=1,
            notes=f"Clashes in report {n}.", fatalities=n % 5, fatalities_low=n % 5, fatalities_best=n % 5,
            fatalities_high=n % 5, event_id_cnty=f"KEN-plan-{n}", confidence=0.7, source=art.outlet)]))
    return out


def _record_writes(url: str) -> list[tuple[str, Sequence[Any]]]:
    """The statements of per-article writes, the reduce's rounds and review actions
    (their re-merges)."""
    with open_store(url) as store:
        for art, events in _reports(0, 6):
            store.add(art, events)
        recorder = Recorder(store._conn)
        store._conn = recorder
        for art, events in _reports(6, 6):
            store.add(art, events)
        for art, events in _reports(12, 6, day=DAY + dt.timedelta(days=30)):
            store.add(art, events, merge=False)
        merge_pending(store)
        store.join("KEN-plan-1", "KEN-plan-12", who="reviewer")
        store.separate("KEN-plan-2", who="reviewer")
        store.reject("KEN-plan-3", who="reviewer")
        store._conn = recorder._conn
    return recorder.statements


def _whole_table_reads(url: str, statements) -> list[str]:
    """Each statement that reads a growing table whole, with the plan's line saying so."""
    found = []
    with open_store(url) as store:
        conn = store._conn
        postgres = url.startswith("postgres")
        if postgres:
            conn.execute("SET enable_seqscan = off")
        for sql, params in statements:
            if ONCE_PER_RUN.search(sql):
                continue
            if postgres:
                lines = [r["QUERY PLAN"] for r in conn.execute("EXPLAIN " + sql, params)]
                bad = [ln for ln in lines if any(re.search(rf"Seq Scan on {t}\b", ln) for t in GROWING)]
            else:
                lines = [r["detail"] for r in conn.execute("EXPLAIN QUERY PLAN " + sql, params)]
                bad = [ln for ln in lines if any(re.match(rf"SCAN {t}\b", ln) for t in GROWING)]
            found += [f"{sql[:90]!r}: {ln.strip()}" for ln in bad]
    return found


def test_store_writes_and_remerges_read_through_indexes(store_url):
    statements = _record_writes(store_url)
    assert any("event_date BETWEEN" in sql for sql, _ in statements)  # the re-merge read its neighbours
    assert any(sql.startswith("DELETE FROM incidents") for sql, _ in statements)  # and replaced incidents
    assert _whole_table_reads(store_url, statements) == []


def test_store_plan_check_sees_a_whole_table_read(store_url):
    """The check is not blind: a query on a column without an index is reported."""
    statements = [("SELECT * FROM events WHERE notes = ?", ("Clashes in report 1.",))]
    with open_store(store_url) as store:
        for art, events in _reports(0, 2):
            store.add(art, events)
    assert len(_whole_table_reads(store_url, statements)) == 1
