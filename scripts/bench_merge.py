"""Benchmark incident merging as a store fills: does the cost per article stay flat?

A year of daily reports on one market town (the worst case for chained merging: every
day's report could be the day before's): each day an attack, reported by three outlets,
two of them saying the day and one a day late without saying it. Every article goes
through ``Store.add`` (its own transaction, with the re-merge of the incidents it
touches). Prints the milliseconds per article for each tenth of the run side by side, the
ratio of the last tenth to the first, the incidents made and the widest span of one.

    .venv/bin/python scripts/bench_merge.py [DAYS] [--db URL]   # default 365 days, SQLite
"""
from __future__ import annotations

import argparse
import datetime as dt
import tempfile
import time
from pathlib import Path

from tacitus.store import open_store
from tacitus.types import Article, Event, Span

START = dt.date(2024, 1, 1)
PLACE = dict(country="Nigeria", iso=566, region="Western Africa", admin1="Borno", location="Gamboru",
             latitude=12.3711, longitude=14.2089, geonameid=2339354, geo_precision=1)


def day_reports(day: int) -> list[tuple[Article, Event]]:
    """Three outlets' reports of one day's attack: two state its day, one a day late does not."""
    out = []
    for k, (late, stated) in enumerate(((0, True), (0, True), (1, False))):
        article_id = f"d{day:04}-{k}"
        toll = 3 + day % 5 + k
        out.append((
            Article(id=article_id, text=f"Report {article_id}: gunmen attacked the market, killing {toll}.",
                    outlet=f"Outlet {k}", published=START + dt.timedelta(days=day + 1 + late)),
            Event(article_id=article_id, event_id_cnty=f"NGA-{article_id}",
                  event_date=START + dt.timedelta(days=day + late), time_precision=1,
                  disorder_type="Political violence", event_type="Violence against civilians",
                  sub_event_type="Attack", actor1="Unidentified Armed Group (Nigeria)", inter1=3,
                  actor2="Civilians (Nigeria)", inter2=7, source=f"Outlet {k}", fatalities=toll,
                  fatalities_low=toll, fatalities_best=toll, fatalities_high=toll, confidence=0.7,
                  evidence={"event_date": (Span(0, 9, "on Monday"),)} if stated else {}, **PLACE)))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("days", type=int, nargs="?", default=365)
    parser.add_argument("--db", help="a postgresql:// URL of an empty database (default: a temporary SQLite file)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = args.db or str(Path(tmp) / "bench.db")
        items = [item for day in range(args.days) for item in day_reports(day)]
        times: list[float] = []
        with open_store(url) as store:
            for article, event in items:
                started = time.perf_counter()
                store.add(article, [event])
                times.append(time.perf_counter() - started)
            incidents = list(store.incidents())
        tenth = max(1, len(times) // 10)
        slices = [times[i:i + tenth] for i in range(0, len(times) - len(times) % tenth, tenth)]
        per = [1000 * sum(s) / len(s) for s in slices]
        print(f"{len(items)} articles ({args.days} days x 3 outlets) into {'PostgreSQL' if args.db else 'SQLite'}")
        print("ms per article, by tenth of the run: " + "  ".join(f"{p:.1f}" for p in per))
        print(f"last tenth / first tenth: {per[-1] / per[0]:.2f}")
        date_of = {e.event_id_cnty: e.event_date for _, e in items}
        widest = max(((max(d) - min(d)).days for d in ([date_of[i] for i in inc.event_ids] for inc in incidents)),
                     default=0)
        print(f"{len(incidents)} incidents for {args.days} attacks; widest incident spans {widest} day(s)")


if __name__ == "__main__":
    main()
