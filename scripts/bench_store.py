"""Benchmark the store: ingest rate (with incident merging), size, export rates and memory,
query times, on SQLite (a temporary file) or on PostgreSQL (``--db postgresql://…``, an
empty database: the benchmark's tables are dropped at the end).

Builds N synthetic events (made-up places, actors and dates; one article per two events;
a third of the articles re-report an event of a recent article from another outlet, so the
merge into incidents has work to do), stores them through ``Store.add``, then streams
full JSONL and CSV exports of events and incidents to /dev/null and times filtered and
full-text queries.

The export runs in a fresh child process (this script with ``--export DB``) so its peak
memory is the export's own, not the build's.

    .venv/bin/python scripts/bench_store.py [N] [--db URL]     # default N = 100000, SQLite
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Iterator

from tacitus.export import write
from tacitus.store import EventFilter, is_postgres_url, open_store
from tacitus.types import Article, Event, SourceDetail, Span

# (country, iso numeric, iso alpha-3, region, admin1 units, (place, lat, lon) per admin1)
_COUNTRIES = (
    ("Kenya", 404, "KEN", "Eastern Africa", ("Garissa", "Mandera", "Lamu", "Nairobi")),
    ("Somalia", 706, "SOM", "Eastern Africa", ("Lower Juba", "Bay", "Hiraan", "Banadir")),
    ("Nigeria", 566, "NGA", "Western Africa", ("Borno", "Yobe", "Kaduna", "Zamfara")),
    ("Mali", 466, "MLI", "Western Africa", ("Mopti", "Gao", "Timbuktu", "Segou")),
    ("Syria", 760, "SYR", "Middle East", ("Idlib", "Aleppo", "Hama", "Daraa")),
    ("Yemen", 887, "YEM", "Middle East", ("Taizz", "Marib", "Al Hudaydah", "Aden")),
    ("Afghanistan", 4, "AFG", "South Asia", ("Kandahar", "Helmand", "Kunduz", "Ghazni")),
    ("Myanmar", 104, "MMR", "Southeast Asia", ("Shan", "Kachin", "Sagaing", "Rakhine")),
)
_ACTORS = (
    ("Military Forces", 1), ("Police Forces", 1), ("Unidentified Armed Group", 3),
    ("Rebel Group", 2), ("Communal Militia", 4), ("Protesters", 6), ("Rioters", 5),
)
_TYPES = (
    ("Political violence", "Battles", "Armed clash", "clashed with"),
    ("Political violence", "Violence against civilians", "Attack", "attacked villagers near"),
    ("Political violence", "Explosions/Remote violence", "Remote explosive/landmine/IED", "ambush with a roadside bomb near"),
    ("Demonstrations", "Protests", "Peaceful protest", "marched through"),
    ("Demonstrations", "Riots", "Violent demonstration", "burned tyres in"),
)
_START = dt.date(2018, 1, 1)
_DAYS = 7 * 365


def _events_for(article_no: int, rng: random.Random) -> tuple[Article, tuple[Event, ...]]:
    country, iso, iso3, region, admin1s = rng.choice(_COUNTRIES)
    admin1 = rng.choice(admin1s)
    place = f"{admin1} village {rng.randrange(200)}"
    lat, lon = rng.uniform(-10, 35), rng.uniform(-15, 100)
    date = _START + dt.timedelta(days=rng.randrange(_DAYS))
    events = []
    sentences = []
    for n in range(2):
        disorder, etype, sub, verb = rng.choice(_TYPES)
        (a1, i1), (a2, i2) = rng.sample(_ACTORS, 2)
        actor1, actor2 = f"{a1} ({country})", f"{a2} ({country})"
        dead = rng.randrange(12)
        notes = f"On {date.isoformat()}, {actor1} {verb} {place} ({admin1}); {dead} killed. Report {article_no}-{n}."
        start = sum(len(s) + 1 for s in sentences)
        sentences.append(notes)
        events.append(Event(
            article_id=f"art-{article_no}", event_date=date + dt.timedelta(days=n), time_precision=1,
            disorder_type=disorder, event_type=etype, sub_event_type=sub,
            actor1=actor1, inter1=i1, actor2=actor2, inter2=i2, iso=iso, region=region,
            country=country, admin1=admin1, location=place, latitude=round(lat, 4),
            longitude=round(lon, 4), geo_precision=rng.choice((1, 2, 3)), geonameid=100000 + rng.randrange(900000),
            source="Bench Wire", source_scale="National", notes=notes, fatalities=dead,
            fatalities_low=dead, fatalities_best=dead, fatalities_high=dead + rng.randrange(3),
            event_id_cnty=f"{iso3}{article_no:07d}{n}", url=f"https://example.org/{article_no}",
            confidence=round(rng.uniform(0.5, 1.0), 3),
            sources_detail=(SourceDetail("a local official", "official", "Bench Wire", None),),
            evidence={"location": (Span(start + notes.index(place), start + notes.index(place) + len(place), place),),
                      "actor1": (Span(start + 15, start + 15 + len(actor1), actor1),)},
        ))
    article = Article(id=f"art-{article_no}", text=" ".join(sentences), url=f"https://example.org/{article_no}",
                      outlet="Bench Wire", published=date + dt.timedelta(days=2),
                      title=f"Violence in {admin1}, {country}", origin=f"bench:{article_no}")
    return article, tuple(events)


def _rereport(article_no: int, earlier: Event, rng: random.Random) -> tuple[Article, tuple[Event, ...]]:
    """Another outlet's report of an earlier event: same day, place and sides, its own toll."""
    dead = max(0, (earlier.fatalities or 0) + rng.choice((-1, 0, 0, 2)))
    notes = f"{earlier.actor1} and {earlier.actor2} in {earlier.location}; {dead} dead. Report {article_no}."
    event = replace(earlier, article_id=f"art-{article_no}",
                    event_id_cnty=f"{earlier.event_id_cnty[:3]}{article_no:07d}0", notes=notes, fatalities=dead,
                    fatalities_low=dead, fatalities_best=dead, fatalities_high=dead, source="Other Wire",
                    evidence={})
    article = Article(id=f"art-{article_no}", text=notes, url=f"https://example.org/{article_no}",
                      outlet="Other Wire", published=earlier.event_date + dt.timedelta(days=1),
                      title=f"Fighting in {earlier.location}", origin=f"bench:{article_no}")
    return article, (event,)


def _batches(n_events: int, seed: int = 7) -> Iterator[tuple[Article, tuple[Event, ...]]]:
    # Made lazily so the store phase's memory is the store's, not a list of 100,000 events.
    rng = random.Random(seed)
    recent: list[Event] = []
    made = article_no = 0
    while made < n_events:
        if recent and rng.random() < 1 / 3:
            article, events = _rereport(article_no, rng.choice(recent), rng)
        else:
            article, events = _events_for(article_no, rng)
            recent = (recent + [events[0]])[-50:]
        made += len(events)
        article_no += 1
        yield article, events


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


def _export(db: str) -> dict[str, float]:
    """Stream both exports to /dev/null; figures as a dict (run in a child process)."""
    figures: dict[str, float] = {"rss_before_mb": _peak_rss_mb()}
    with open_store(db, create=False) as store, open("/dev/null", "w", encoding="utf-8") as sink:
        for level in ("event", "incident"):
            for fmt in ("jsonl", "csv"):
                rows = store.events() if level == "event" else (i.event for i in store.incidents())
                started = time.perf_counter()
                n = write(rows, sink, fmt)
                figures[f"{level}_{fmt}_rows"] = n
                figures[f"{level}_{fmt}_seconds"] = time.perf_counter() - started
    figures["peak_rss_mb"] = _peak_rss_mb()
    return figures


def _timed(fn) -> tuple[float, object]:
    started = time.perf_counter()
    result = fn()
    return time.perf_counter() - started, result


def main(n_events: int, db_url: str | None) -> None:
    with tempfile.TemporaryDirectory() as folder:
        db = db_url or str(Path(folder) / "bench.db")
        articles = events = 0
        with open_store(db) as store:
            if store.article_count():
                sys.exit(f"{db}: not empty; the benchmark needs an empty database")
            started = time.perf_counter()
            for article, evs in _batches(n_events):
                assert store.add(article, evs, ingested_at="2024-06-01T00:00:00+00:00")
                articles += 1
                events += len(evs)
            seconds = time.perf_counter() - started
            incidents = store.count_incidents()
        backend = "PostgreSQL" if is_postgres_url(db) else "SQLite"
        print(f"{backend} ingest: {articles:,} articles, {events:,} events -> {incidents:,} incidents in "
              f"{seconds:.1f} s: {articles / seconds:,.0f} articles/s, {events / seconds:,.0f} events/s "
              f"(building the objects and merging incidents included; peak RSS {_peak_rss_mb():.0f} MB)")
        if not is_postgres_url(db):
            size_mb = sum(p.stat().st_size for p in Path(folder).iterdir()) / 2**20
            print(f"database size: {size_mb:.1f} MB ({size_mb * 2**20 / events:,.0f} bytes/event, WAL included)")

        child = subprocess.run([sys.executable, __file__, "--export", db], capture_output=True,
                               text=True, check=True)
        ex = json.loads(child.stdout)
        for level in ("event", "incident"):
            for fmt in ("jsonl", "csv"):
                rows, secs = ex[f"{level}_{fmt}_rows"], ex[f"{level}_{fmt}_seconds"]
                print(f"export {level}s {fmt}: {rows:,} rows in {secs:.1f} s: {rows / secs:,.0f} rows/s")
        print(f"export peak RSS: {ex['peak_rss_mb']:.0f} MB (child process; {ex['rss_before_mb']:.0f} MB "
              "after imports, before exporting)")

        with open_store(db, create=False) as store:
            filters = EventFilter(country="kenya", date_from=dt.date(2021, 1, 1), date_to=dt.date(2021, 6, 30))
            secs, got = _timed(lambda: list(store.events(filters)))
            print(f"filtered query (country + 6-month range): {len(got):,} events in {secs * 1000:.0f} ms")
            secs, n = _timed(lambda: store.count(filters))
            print(f"filtered count: {n:,} in {secs * 1000:.0f} ms")
            secs, got = _timed(lambda: list(store.incidents(filters)))
            print(f"filtered incidents: {len(got):,} in {secs * 1000:.0f} ms")
            text = EventFilter(text="roadside")
            secs, got = _timed(lambda: list(store.events(text)))
            print(f"full-text query 'roadside': {len(got):,} events in {secs * 1000:.0f} ms")
            page = EventFilter(limit=100, offset=20_000)
            secs, got = _timed(lambda: list(store.events(page)))
            print(f"one page of 100 at offset 20,000: {secs * 1000:.0f} ms")
        if is_postgres_url(db):
            _drop_tables(db)


def _drop_tables(url: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("DROP TABLE IF EXISTS corrections, rejected_events, incident_events, incidents, search, "
                     "events, articles, schema_version CASCADE")


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--export":
        print(json.dumps(_export(sys.argv[2])))
    else:
        parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
        parser.add_argument("n", nargs="?", type=int, default=100_000, help="events to store")
        parser.add_argument("--db", help="a postgresql:// URL of an empty database (default: a temporary SQLite file)")
        args = parser.parse_args()
        main(args.n, args.db)
